// SPDX-License-Identifier: MIT
#include <parkinvest/model/credit_code.hpp>

#include "../core/text.hpp"

#include <parkinvest/core/errors.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace parkinvest {

namespace {

constexpr std::string_view what = "unified social credit code";

/// GB 32100-2015 character set; a character's value is its index (0..30).
constexpr std::string_view charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::size_t code_length = 18;
constexpr std::size_t body_length = 17;

/// Weights for positions 1..17 (GB 32100-2015, table 2).
constexpr std::array<int, body_length> weights{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

constexpr bool weights_are_powers_of_3_mod_31() {
    int p = 1;
    for (const int w : weights) {
        if (w != p) return false;
        p = p * 3 % 31;
    }
    return true;
}
static_assert(charset.size() == 31);
static_assert(weights_are_powers_of_3_mod_31());

/// Value 0..30 of an upper-case ASCII character of the set; -1 for anything else.
constexpr int value_of(char32_t c) noexcept {
    if (c >= 0x80) return -1;
    const std::size_t at = charset.find(static_cast<char>(c));
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

constexpr char32_t ascii_upper(char32_t c) noexcept { return (c >= 'a' && c <= 'z') ? c - 32 : c; }

constexpr bool never_used(char32_t upper) noexcept {
    return upper == 'I' || upper == 'O' || upper == 'Z' || upper == 'S' || upper == 'V';
}

/// The check character for 17 values (each 0..30).
constexpr char check_for(const std::array<int, body_length>& values) noexcept {
    int sum = 0;
    for (std::size_t i = 0; i < body_length; ++i) sum += values[i] * weights[i];
    const int check = (31 - sum % 31) % 31;  // 31 - 0 = 31 maps to 0
    return charset[static_cast<std::size_t>(check)];
}

/// "'x'" for printable ASCII, "U+XXXX" for anything else.
std::string describe(char32_t c) {
    if (c > 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    constexpr std::string_view hex = "0123456789ABCDEF";
    std::string s = "U+";
    int digits = 4;
    while (digits < 8 && (c >> (4 * digits)) != 0) ++digits;
    for (int d = digits - 1; d >= 0; --d) s += hex[(c >> (4 * d)) & 0xF];
    return s;
}

/// "'x'" for printable ASCII, "byte 0xNN" for anything else.
std::string describe_byte(unsigned char b) {
    if (b > 0x20 && b < 0x7F) return describe(b);
    constexpr std::string_view hex = "0123456789ABCDEF";
    return std::string("byte 0x") + hex[b >> 4] + hex[b & 0xF];
}

std::string characters(std::size_t n) { return std::to_string(n) + (n == 1 ? " character" : " characters"); }

enum class Status { ok, empty, bad_character, trailing, too_short, too_long, wrong_check };

struct Scanned {
    Status status = Status::ok;
    std::array<char, code_length> chars{};  ///< upper-case ASCII, the first min(count, 18)
    std::size_t count = 0;                  ///< characters up to the first space or the end
    std::size_t at = 0;                     ///< byte offset of the problem
    std::size_t position = 0;               ///< 1-based position of a bad character
    char32_t bad = 0;                       ///< the bad character (after full-width normalisation)
    char expected = 0;                      ///< the check character the first 17 call for
};

/// Reads `text` and reports the first problem, if any. Throws only ParseError(invalid_utf8)
/// (from the Cursor), so an exception always means the text is not a valid code.
Scanned scan(std::string_view text) {
    Scanned s;
    detail::Cursor c(text, what);
    c.skip_spaces();
    if (c.at_end()) {
        s.status = Status::empty;
        return s;
    }
    std::size_t check_offset = 0;  // byte offset of the 18th character
    std::size_t extra_offset = 0;  // byte offset of the 19th character
    for (;;) {
        const detail::Cursor::CodePoint cp = c.peek();
        if (cp.cp == detail::end_of_input || cp.cp == ' ') break;
        if (s.count < code_length) {
            const char32_t upper = ascii_upper(cp.cp);
            if (value_of(upper) < 0) {
                s.status = Status::bad_character;
                s.at = c.position();
                s.position = s.count + 1;
                s.bad = cp.cp;
                return s;
            }
            s.chars[s.count] = static_cast<char>(upper);
            if (s.count == code_length - 1) check_offset = c.position();
        } else if (s.count == code_length) {
            extra_offset = c.position();
        }
        ++s.count;
        c.advance(cp);
    }
    const std::size_t end = c.position();
    c.skip_spaces();
    if (!c.at_end()) {
        s.status = Status::trailing;
        s.at = c.position();
        return s;
    }
    if (s.count < code_length) {
        s.status = Status::too_short;
        s.at = end;
        return s;
    }
    if (s.count > code_length) {
        s.status = Status::too_long;
        s.at = extra_offset;
        return s;
    }
    std::array<int, body_length> values{};
    for (std::size_t i = 0; i < body_length; ++i) values[i] = value_of(static_cast<unsigned char>(s.chars[i]));
    s.expected = check_for(values);
    if (s.chars[body_length] != s.expected) {
        s.status = Status::wrong_check;
        s.at = check_offset;
    }
    return s;
}

}  // namespace

CreditCode CreditCode::parse(std::string_view text) {
    const Scanned s = scan(text);
    const auto error = [&](ParseErrorKind kind, const std::string& detail) {
        return ParseError(what, text, s.at, kind, detail);
    };
    const auto length = [&] { return "wrong length: " + characters(s.count) + ", expected 18"; };
    switch (s.status) {
    case Status::ok: break;
    case Status::empty: throw error(ParseErrorKind::empty, {});
    case Status::bad_character:
        throw error(ParseErrorKind::invalid_value,
                    "character " + describe(s.bad) + " not allowed at position " + std::to_string(s.position) +
                        (never_used(ascii_upper(s.bad)) ? " (I, O, Z, S, V are never used)"
                                                        : " (only digits and the letters A-Y other than I, O, S, V)"));
    case Status::trailing: throw error(ParseErrorKind::trailing_characters, "text after a space");
    case Status::too_short: throw error(ParseErrorKind::invalid_value, length());
    case Status::too_long: throw error(ParseErrorKind::trailing_characters, length());
    case Status::wrong_check:
        throw error(ParseErrorKind::invalid_value, std::string("wrong check digit: '") + s.chars[body_length] +
                                                       "' given, '" + s.expected + "' expected");
    }
    return CreditCode(std::string(s.chars.data(), code_length));
}

bool CreditCode::is_valid(std::string_view text) noexcept {
    try {
        return scan(text).status == Status::ok;
    } catch (...) {
        // scan throws only for invalid UTF-8 (or when building that error runs out of memory):
        // either way the text is not a valid code.
        return false;
    }
}

char CreditCode::check_character(std::string_view first17) {
    if (first17.size() != body_length)
        throw ArgumentError("parkinvest: CreditCode::check_character needs 17 characters, got " +
                            std::to_string(first17.size()) + " bytes");
    std::array<int, body_length> values{};
    for (std::size_t i = 0; i < body_length; ++i) {
        const auto byte = static_cast<unsigned char>(first17[i]);
        values[i] = value_of(ascii_upper(byte));
        if (values[i] < 0)
            throw ArgumentError("parkinvest: CreditCode::check_character: " + describe_byte(byte) + " at position " +
                                std::to_string(i + 1) + " is not a unified social credit code character");
    }
    return check_for(values);
}

}  // namespace parkinvest
