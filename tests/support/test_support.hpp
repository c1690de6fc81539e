// SPDX-License-Identifier: MIT
// Helpers shared by the unit tests: exact text and parsing of 128-bit integers written
// independently of the library's own formatter and parser, the java.math.RoundingMode table,
// ParseError expectations and a gtest printer for ParseErrorKind (builders of model records are
// in builders.hpp).
//
// Include as "support/test_support.hpp". Everything lives in parkinvest::test, except the
// printer, which gtest finds by argument-dependent lookup and so must be in parkinvest.
#pragma once

#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/int128.hpp>
#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/core/rounding.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace parkinvest {
// Readable failure messages for ParseErrorKind (gtest finds this by ADL).
inline void PrintTo(ParseErrorKind k, std::ostream* os) { *os << to_string(k); }
}  // namespace parkinvest

namespace parkinvest::test {

using detail::i128;

// ---------------------------------------------------------------------------------------------
// 128-bit integers, independently of the library. They work on the native __int128 and on
// Boost.Multiprecision's int128_t (PARKINVEST_NO_INT128) alike.

/// Exact decimal text of v, written independently of the library's formatter.
inline std::string dec(i128 v) {
    if (v == 0) return "0";
    const bool negative = v < 0;
    std::string s;
    while (v != 0) {
        const int digit = static_cast<int>(v % 10);  // negative for negative v: no overflow at the minimum
        s.insert(s.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
        v /= 10;
    }
    if (negative) s.insert(s.begin(), '-');
    return s;
}

/// An integer from decimal digits ("-123'456"), independent of the library's parser.
inline i128 big(std::string_view s) {
    bool negative = false;
    if (!s.empty() && s.front() == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    i128 v = 0;
    for (char ch : s) {
        if (ch == '\'') continue;
        v = v * 10 + (ch - '0');
    }
    return negative ? -v : v;
}

/// 2^127 - 1, written out.
inline const i128 kI128Max = big("170141183460469231731687303715884105727");

/// The range of Money's units is that of 120 bits: max_units() = 2^119 - 1 and
/// min_units() = -2^119 = -(max_units() + 1)
/// (2^119 = 2^120 / 2 = 1329227995784915872903807060280344576 / 2).
inline const i128 kMaxUnits = big("664613997892457936451903530140172287");
inline const i128 kMinUnits = big("-664613997892457936451903530140172288");

// ---------------------------------------------------------------------------------------------
// The java.math.RoundingMode table

/// 5.5, 2.5, 1.6, 1.1, 1.0, -1.0, -1.1, -1.6, -2.5, -5.5 in tenths.
inline constexpr int kTenths[10] = {55, 25, 16, 11, 10, -10, -11, -16, -25, -55};

struct RoundingRow {
    RoundingMode mode;
    // Results, rounded to an integer, for 5.5, 2.5, 1.6, 1.1, 1.0, -1.0, -1.1, -1.6, -2.5, -5.5
    // (kTenths / 10). UNNECESSARY has no row: it throws for every one but 1.0 and -1.0.
    int expected[10];
};

// Worked out from the definitions in rounding.hpp:
//   UP: away from zero; DOWN: towards zero; CEILING: towards +inf; FLOOR: towards -inf;
//   HALF_*: nearest, with ties (only ±5.5 and ±2.5 here) away / towards zero / to the even neighbour.
inline constexpr RoundingRow kRoundingTable[] = {
    {RoundingMode::up, {6, 3, 2, 2, 1, -1, -2, -2, -3, -6}},
    {RoundingMode::down, {5, 2, 1, 1, 1, -1, -1, -1, -2, -5}},
    {RoundingMode::ceiling, {6, 3, 2, 2, 1, -1, -1, -1, -2, -5}},
    {RoundingMode::floor, {5, 2, 1, 1, 1, -1, -2, -2, -3, -6}},
    {RoundingMode::half_up, {6, 3, 2, 1, 1, -1, -1, -2, -3, -6}},
    {RoundingMode::half_down, {5, 2, 2, 1, 1, -1, -1, -2, -2, -5}},
    {RoundingMode::half_even, {6, 2, 2, 1, 1, -1, -1, -2, -2, -6}},
};

// ---------------------------------------------------------------------------------------------
// ParseError expectations

/// Calls `parse(input)` and expects a ParseError of `kind` at byte `offset` that carries the
/// whole input and names the offset in its message ("at byte N"); `more(e)` adds checks of its
/// own. When `parse` returns instead of throwing, a non-void result (a description of what was
/// parsed) is shown in the failure.
template <class Parse, class More>
void expect_parse_error(Parse&& parse, std::string_view input, ParseErrorKind kind, std::size_t offset, More&& more) {
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<Parse&, std::string_view>>) {
            parse(input);
            ADD_FAILURE() << "expected a ParseError";
        } else {
            const auto got = parse(input);
            ADD_FAILURE() << "expected a ParseError, got " << got;
        }
    } catch (const ParseError& e) {
        EXPECT_EQ(to_string(e.kind()), to_string(kind)) << e.what();
        EXPECT_EQ(e.offset(), offset) << e.what();
        EXPECT_EQ(e.input(), input);
        EXPECT_NE(std::string(e.what()).find("at byte " + std::to_string(offset)), std::string::npos) << e.what();
        std::forward<More>(more)(e);
    }
}

template <class Parse>
void expect_parse_error(Parse&& parse, std::string_view input, ParseErrorKind kind, std::size_t offset) {
    expect_parse_error(std::forward<Parse>(parse), input, kind, offset, [](const ParseError&) {});
}

}  // namespace parkinvest::test

/// Compares two i128 values through their exact decimal text (readable on failure).
#define EXPECT_I128_EQ(actual, expected) EXPECT_EQ(::parkinvest::test::dec(actual), ::parkinvest::test::dec(expected))

/// Expects the Ratio `r` to be num/den exactly.
#define EXPECT_RATIO(r, num, den)                \
    do {                                         \
        const ::parkinvest::Ratio r_ = (r);      \
        EXPECT_I128_EQ(r_.numerator(), (num));   \
        EXPECT_I128_EQ(r_.denominator(), (den)); \
    } while (0)
