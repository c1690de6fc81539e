// SPDX-License-Identifier: MIT
#pragma once

namespace parkinvest {

/// The language of labels and formatted text: Chinese (the sources' language) or English.
enum class Language { chinese, english };

}  // namespace parkinvest
