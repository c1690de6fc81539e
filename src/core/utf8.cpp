// SPDX-License-Identifier: MIT
#include <parkinvest/core/utf8.hpp>

#include <cstdint>
#include <cstring>

namespace parkinvest {

namespace {

/// Length of the well-formed UTF-8 sequence at s[i] (s[i] >= 0x80), or 0.
std::size_t sequence_length(std::string_view s, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
        n = 1;
    } else if (b == 0xE0) {
        n = 2, lo = 0xA0;  // no overlong forms
    } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
        n = 2;
    } else if (b == 0xED) {
        n = 2, hi = 0x9F;  // no surrogates
    } else if (b == 0xF0) {
        n = 3, lo = 0x90;
    } else if (b >= 0xF1 && b <= 0xF3) {
        n = 3;
    } else if (b == 0xF4) {
        n = 3, hi = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (s.size() - i <= n) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k <= n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    return n + 1;
}

constexpr char hex_digits[] = "0123456789ABCDEF";

bool is_c0_or_del(unsigned char b) noexcept { return b < 0x20 || b == 0x7F; }
/// U+0080 .. U+009F: C2 80 .. C2 9F.
bool is_c1(std::string_view s, std::size_t i) noexcept {
    return static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

}  // namespace

std::optional<std::size_t> invalid_utf8_at(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        // ASCII eight bytes at a time (loaded with memcpy: any alignment), then byte by byte.
        while (s.size() - i >= 8) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ULL) != 0) break;
            i += 8;
        }
        if (i == s.size()) break;
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = sequence_length(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size() && i < max_bytes) {
        const auto b = static_cast<unsigned char>(text[i]);
        const std::size_t n = b < 0x80 ? 1 : sequence_length(text, i);
        if (b < 0x80 ? is_c0_or_del(b) : n == 0) {
            out += "\\x";
            out += hex_digits[b >> 4];
            out += hex_digits[b & 0xF];
            ++i;
        } else if (i + n > max_bytes) {
            break;
        } else if (is_c1(text, i)) {
            const auto c = static_cast<unsigned char>(text[i + 1]);
            out += "\\u00";
            out += hex_digits[c >> 4];
            out += hex_digits[c & 0xF];
            i += n;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    if (i < text.size()) out += "...";
    return out;
}

}  // namespace parkinvest
