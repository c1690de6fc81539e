// SPDX-License-Identifier: MIT
// Text checks shared by the Dataset, every reader and writer, and every error message.
#pragma once

#include <parkinvest/config.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parkinvest {

/// Byte offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
/// surrogates and code points above U+10FFFF are refused), or nothing when all is well-formed.
[[nodiscard]] std::optional<std::size_t> invalid_utf8_at(std::string_view text) noexcept;

/// `text` made safe for a message or a terminal: at most `max_bytes` of it, cut at a character
/// boundary and followed by "..." when cut; control characters and bytes that are not UTF-8
/// written as \xHH (C1 controls as \u0080 ... \u009F).
[[nodiscard]] std::string printable(std::string_view text, std::size_t max_bytes = 80);

}  // namespace parkinvest
