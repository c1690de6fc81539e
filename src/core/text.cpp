// SPDX-License-Identifier: MIT
#include "text.hpp"

#include <parkinvest/core/decimal.hpp>

namespace parkinvest::detail {

namespace {
char32_t normalise(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // full-width ASCII forms
    switch (c) {
    case 0x3000:  // ideographic space
    case 0x00A0:  // no-break space
    case '\t':
        return ' ';
    case 0x2212: return '-';     // minus sign
    case 0xFFE5: return 0x00A5;  // full-width yen sign -> ¥
    default: return c;
    }
}

char32_t ascii_lower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Strict UTF-8 decoding of one code point of `s` at `at`; length 0 when invalid.
Cursor::CodePoint decode_raw(std::string_view s, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(at);
    if (b0 < 0x80) return {b0, 1};
    std::size_t len;
    char32_t cp;
    char32_t min;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return {0, 0};
    }
    if (at + len > s.size()) return {0, 0};
    for (std::size_t i = 1; i < len; ++i) {
        const unsigned char b = byte(at + i);
        if ((b & 0xC0) != 0x80) return {0, 0};
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
    return {cp, len};
}
}  // namespace

Cursor::CodePoint Cursor::decode(std::size_t at) const {
    if (at >= text_.size()) return {end_of_input, 0};
    CodePoint c = decode_raw(text_, at);
    if (c.length == 0) fail(at, ParseErrorKind::invalid_utf8);
    c.cp = normalise(c.cp);
    return c;
}

void Cursor::skip_spaces() {
    for (;;) {
        const CodePoint c = peek();
        if (c.cp != ' ') return;
        advance(c);
    }
}

bool Cursor::consume(char32_t want) {
    const CodePoint c = peek();
    if (c.cp != want) return false;
    advance(c);
    return true;
}

bool Cursor::consume_word(std::string_view word) {
    if (word.empty()) return false;
    std::size_t at = pos_;
    std::size_t w = 0;
    char32_t last = 0;
    while (w < word.size()) {
        const CodePoint want = decode_raw(word, w);
        const CodePoint got = decode(at);
        if (got.cp == end_of_input || ascii_lower(got.cp) != ascii_lower(normalise(want.cp))) return false;
        last = want.cp;
        w += want.length;
        at += got.length;
    }
    if (is_ascii_letter(last) && is_ascii_letter(decode(at).cp)) return false;
    pos_ = at;
    return true;
}

void Cursor::fail_leftover() const {
    const char32_t c = peek().cp;
    const bool word = is_ascii_letter(c) || (c >= 0x80 && c != end_of_input);
    fail(pos_, word ? ParseErrorKind::unknown_unit : ParseErrorKind::trailing_characters);
}

bool scan_sign(Cursor& c, bool& had_sign) {
    if (had_sign) return false;
    if (c.consume('+')) {
        had_sign = true;
        return false;
    }
    if (c.consume('-')) {
        had_sign = true;
        return true;
    }
    return false;
}

ScannedNumber scan_number(Cursor& c) {
    ScannedNumber n;
    n.start = c.position();
    if (!is_digit(c.peek().cp)) c.fail(c.position(), ParseErrorKind::expected_number);

    const auto push = [&n](int digit) {
        constexpr i128 limit = i128_max() / 10;
        if (n.overflowed) return;
        if (n.mantissa > limit || (n.mantissa == limit && digit > 7)) {
            n.overflowed = true;
            return;
        }
        n.mantissa = n.mantissa * 10 + digit;
    };

    // Integer part, with optional thousands separators.
    int group = 0;      // digits in the current group
    bool grouped = false;
    for (;;) {
        const auto cp = c.peek();
        if (is_digit(cp.cp)) {
            push(static_cast<int>(cp.cp - '0'));
            ++group;
            if (grouped && group > 3) c.fail(c.position(), ParseErrorKind::invalid_number, "digit group longer than 3");
            c.advance(cp);
        } else if (cp.cp == ',') {
            if ((!grouped && group > 3) || (grouped && group != 3))
                c.fail(c.position(), ParseErrorKind::invalid_number, "misplaced group separator");
            grouped = true;
            group = 0;
            c.advance(cp);
            if (!is_digit(c.peek().cp)) c.fail(c.position(), ParseErrorKind::invalid_number, "expected a digit");
        } else {
            break;
        }
    }
    if (grouped && group != 3) c.fail(c.position(), ParseErrorKind::invalid_number, "misplaced group separator");

    // Fraction: significant digits only; zeros are held back until a non-zero digit follows.
    const auto dot = c.peek();
    if (dot.cp == '.') {
        c.advance(dot);
        if (!is_digit(c.peek().cp)) c.fail(c.position(), ParseErrorKind::invalid_number, "expected a digit after '.'");
        n.fraction_start = c.position();
        int held_zeros = 0;
        int seen = 0;
        for (;;) {
            const auto cp = c.peek();
            if (!is_digit(cp.cp)) break;
            ++seen;
            if (cp.cp == '0') {
                ++held_zeros;
            } else {
                for (; held_zeros > 0; --held_zeros) push(0);
                push(static_cast<int>(cp.cp - '0'));
                n.fraction_digits = seen;
            }
            c.advance(cp);
        }
        if (c.peek().cp == '.') c.fail(c.position(), ParseErrorKind::invalid_number, "second '.'");
    }
    return n;
}

std::size_t fraction_digit_offset(const Cursor& c, const ScannedNumber& n, int index) {
    if (index >= n.fraction_digits) return n.start;
    Cursor at = c;
    at.seek(n.fraction_start);
    for (int i = 0; i < index; ++i) at.advance(at.peek());
    return at.position();
}

std::string format_ratio(i128 num, i128 den, int decimals, RoundingMode mode, int min_decimals) {
    const bool negative = num < 0;
    // Round the magnitude: ceiling and floor swap roles for negative values.
    if (negative && mode == RoundingMode::ceiling)
        mode = RoundingMode::down;
    else if (negative && mode == RoundingMode::floor)
        mode = RoundingMode::up;
    else if (mode == RoundingMode::ceiling)
        mode = RoundingMode::up;
    else if (mode == RoundingMode::floor)
        mode = RoundingMode::down;
    const i128 magnitude = abs(num);
    i128 whole = magnitude / den;
    const i128 one = pow10(decimals);
    i128 fraction = mul_div_round(magnitude % den, one, den, mode, "format");  // 0 ..= 10^decimals
    if (fraction == one) {
        whole += 1;  // safe: a carry needs den >= 2, so whole <= i128_max / 2
        fraction = 0;
    }
    std::string out;
    if (negative && (whole != 0 || fraction != 0)) out += '-';
    out += to_string(whole);
    if (decimals > 0) {
        std::string digits = to_string(fraction);
        digits.insert(0, static_cast<std::size_t>(decimals) - digits.size(), '0');
        std::size_t keep = digits.size();
        while (keep > static_cast<std::size_t>(min_decimals) && digits[keep - 1] == '0') --keep;
        if (keep > 0) {
            out += '.';
            out.append(digits, 0, keep);
        }
    }
    return out;
}

i128 scale_number(const Cursor& c, const ScannedNumber& n, int exponent) {
    const int shift = exponent - n.fraction_digits;
    if (shift < 0) c.fail(fraction_digit_offset(c, n, exponent < 0 ? 0 : exponent), ParseErrorKind::too_many_decimals);
    if (n.overflowed) c.fail(n.start, ParseErrorKind::overflow);
    if (n.mantissa == 0) return 0;
    if (shift > 38) c.fail(n.start, ParseErrorKind::overflow);
    i128 r;
    try {
        r = checked_mul(n.mantissa, pow10(shift), "parse");
    } catch (const OverflowError&) {
        c.fail(n.start, ParseErrorKind::overflow);
    }
    return r;
}

i128 parse_scaled_decimal(std::string_view text, int scale, std::string_view what) {
    Cursor c(text, what);
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);
    bool had_sign = false;
    const bool negative = scan_sign(c, had_sign);
    c.skip_spaces();
    const ScannedNumber n = scan_number(c);
    c.skip_spaces();
    if (!c.at_end()) c.fail_leftover();
    const i128 v = scale_number(c, n, scale);
    return negative ? -v : v;
}

std::string format_scaled(i128 units, int scale, int min_decimals) {
    // Digits right-aligned in a buffer with room for leading zeros, so "0.05" needs no insert.
    std::array<char, 96> buf;
    char* const end = buf.data() + buf.size();
    char* digits = write_digits(units, end);
    const auto frac = static_cast<std::ptrdiff_t>(scale);
    while (end - digits <= frac) *--digits = '0';
    char* const point = end - frac;
    char* last = end;
    while (last > point + min_decimals && last[-1] == '0') --last;
    std::string out;
    out.reserve(static_cast<std::size_t>(last - digits) + 2);
    if (units < 0) out += '-';
    out.append(digits, point);
    if (last > point) {
        out += '.';
        out.append(point, last);
    }
    return out;
}

}  // namespace parkinvest::detail
