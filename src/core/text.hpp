// SPDX-License-Identifier: MIT
// Internal: the UTF-8 cursor and number scanner shared by every parser. Not installed.
#pragma once

#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/int128.hpp>
#include <parkinvest/core/rounding.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace parkinvest::detail {

/// End of input.
inline constexpr char32_t end_of_input = 0xFFFFFFFF;

/// Reads UTF-8 code points, normalising full-width forms (０-９, ．, ，, ％, ＋, －, ￥, the
/// ideographic space) and U+2212 MINUS SIGN to their ASCII counterparts.
class Cursor {
public:
    Cursor(std::string_view text, std::string_view what) : text_(text), what_(what) {}

    struct CodePoint {
        char32_t cp;
        std::size_t length;
    };

    /// The normalised code point at the current position, or end_of_input.
    [[nodiscard]] CodePoint peek() const { return decode(pos_); }
    [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
    [[nodiscard]] std::size_t position() const { return pos_; }
    void advance(const CodePoint& c) { pos_ += c.length; }
    void seek(std::size_t pos) { pos_ = pos; }
    void skip_spaces();
    /// Consumes the ASCII character `c` (after normalisation) if it is next.
    bool consume(char32_t c);
    /// Consumes `word` if it is next: ASCII letters match case-insensitively, and a word ending in
    /// an ASCII letter must not be followed by another one.
    bool consume_word(std::string_view word);

    [[noreturn]] void fail(std::size_t at, ParseErrorKind kind, std::string_view detail = {}) const {
        throw ParseError(what_, text_, at, kind, detail);
    }
    /// Fails with unknown_unit when a word starts here, else trailing_characters.
    [[noreturn]] void fail_leftover() const;

    [[nodiscard]] std::string_view text() const { return text_; }

private:
    [[nodiscard]] CodePoint decode(std::size_t at) const;

    std::string_view text_;
    std::string_view what_;
    std::size_t pos_ = 0;
};

inline bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

/// A scanned unsigned decimal number: value = mantissa * 10^-fraction_digits, with trailing
/// fraction zeros dropped.
struct ScannedNumber {
    i128 mantissa = 0;
    int fraction_digits = 0;   ///< significant decimals (trailing zeros dropped)
    bool overflowed = false;   ///< mantissa did not fit 128 bits
    std::size_t start = 0;
    std::size_t fraction_start = 0;  ///< byte offset of the first decimal, if any
};

/// Scans digits with optional ',' grouping (1-3 digits, then groups of exactly 3) and an optional
/// '.' followed by at least one digit. The cursor must be at a digit.
ScannedNumber scan_number(Cursor& c);

/// number * 10^(exponent) as an integer; fails with too_many_decimals when inexact and overflow
/// when too large.
i128 scale_number(const Cursor& c, const ScannedNumber& n, int exponent);

/// Byte offset of the fraction digit with 0-based `index` (digits may be full-width); the
/// number's start when it has no such digit.
std::size_t fraction_digit_offset(const Cursor& c, const ScannedNumber& n, int index);

/// num / den (den > 0) as decimal text with `decimals` decimals, rounded under `mode`, trailing
/// zeros trimmed down to `min_decimals`; '-' only when the rounded value is not zero. Never
/// overflows: the integer and fractional parts are computed separately.
std::string format_ratio(i128 num, i128 den, int decimals, RoundingMode mode, int min_decimals);

/// Parses an optional sign ('+', '-', '−'); returns true for negative.
bool scan_sign(Cursor& c, bool& had_sign);

}  // namespace parkinvest::detail
