// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

namespace parkinvest {

/// The language of labels and formatted text: 中文 or English.
enum class Language { chinese, english };

}  // namespace parkinvest
