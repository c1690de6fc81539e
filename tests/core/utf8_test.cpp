// SPDX-License-Identifier: MIT
// invalid_utf8_at against a slow reference written from the Unicode standard's table of
// well-formed byte sequences (Table 3-7), on random texts of ASCII, multi-byte characters and
// stray bytes at every alignment of its eight-byte ASCII steps.
#include <parkinvest/core/utf8.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>

namespace parkinvest {
namespace {

/// Table 3-7, one sequence at a time: the offset of the first byte not in a well-formed sequence.
std::optional<std::size_t> reference(const std::string& s) {
    const auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
        const unsigned char b0 = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        if (b0 <= 0x7F) n = 1;
        else if (in(b0, 0xC2, 0xDF) && in(b(1), 0x80, 0xBF)) n = 2;
        else if (b0 == 0xE0 && in(b(1), 0xA0, 0xBF) && in(b(2), 0x80, 0xBF)) n = 3;
        else if ((in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) && in(b(1), 0x80, 0xBF) && in(b(2), 0x80, 0xBF)) n = 3;
        else if (b0 == 0xED && in(b(1), 0x80, 0x9F) && in(b(2), 0x80, 0xBF)) n = 3;
        else if (b0 == 0xF0 && in(b(1), 0x90, 0xBF) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF)) n = 4;
        else if (in(b0, 0xF1, 0xF3) && in(b(1), 0x80, 0xBF) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF)) n = 4;
        else if (b0 == 0xF4 && in(b(1), 0x80, 0x8F) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF)) n = 4;
        if (n == 0 || i + n > s.size()) return i;
        i += n;
    }
    return std::nullopt;
}

TEST(Utf8, InvalidAtAgreesWithTheStandardsTable) {
    std::mt19937_64 rng(20261205);
    const std::string pieces[] = {"a", "0123456789abcdef", "园", "€", "\xF0\x9F\x98\x80", "\xC2\xA0", "\x80", "\xE5\x9B",
                                  "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\xFF", "\xE0\x80\x80", "\x7F"};
    std::size_t invalid = 0;
    for (int round = 0; round < 200'000; ++round) {
        std::string s;
        const int parts = static_cast<int>(rng() % 12);
        for (int k = 0; k < parts; ++k) {
            // Mostly valid pieces, so that texts are long runs of ASCII with a fault somewhere.
            const std::size_t p = rng() % 8 < 7 ? rng() % 6 : rng() % std::size(pieces);
            s += pieces[p];
        }
        const auto want = reference(s);
        if (want) ++invalid;
        ASSERT_EQ(invalid_utf8_at(s), want) << "text of " << s.size() << " bytes, round " << round;
    }
    EXPECT_GT(invalid, 20'000u);  // both outcomes are well represented
    EXPECT_LT(invalid, 180'000u);
}

}  // namespace
}  // namespace parkinvest
