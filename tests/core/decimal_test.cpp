// SPDX-License-Identifier: MIT
// Unit tests of Decimal<S>. Every expected value is worked out by hand (arithmetic in comments);
// none is copied from the library's output.
#include <parkinvest/parkinvest.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>

namespace {

using parkinvest::ArithmeticError;
using parkinvest::Decimal;
using parkinvest::DivisionByZeroError;
using parkinvest::InexactRoundingError;
using parkinvest::OverflowError;
using parkinvest::ParseError;
using parkinvest::ParseErrorKind;
using parkinvest::RoundingMode;
using parkinvest::detail::i128;
using namespace parkinvest::test;

#define EXPECT_DECIMAL_PARSE_ERROR(S, text, kind, offset)                                                      \
    do {                                                                                                       \
        SCOPED_TRACE(text);                                                                                    \
        expect_parse_error([](std::string_view t) { (void)Decimal<S>::parse(t); }, text, ParseErrorKind::kind, \
                           offset);                                                                            \
    } while (0)

template <int S>
Decimal<S> units(i128 u) {
    return Decimal<S>::from_units(u);
}

// ---------------------------------------------------------------------------------------------
// Compile-time properties

static_assert(!std::is_constructible_v<Decimal<2>, double>);
static_assert(!std::is_constructible_v<Decimal<2>, float>);
static_assert(!std::is_constructible_v<Decimal<2>, long double>);
static_assert(!std::is_convertible_v<double, Decimal<2>>);
static_assert(!std::is_constructible_v<double, Decimal<2>>);
static_assert(!std::is_constructible_v<float, Decimal<2>>);
static_assert(std::is_constructible_v<Decimal<2>, int>);   // the positive case, so the checks above can fail
static_assert(!std::is_convertible_v<int, Decimal<2>>);    // integer construction is explicit
static_assert(Decimal<4>::scale == 4);

// ---------------------------------------------------------------------------------------------
// Construction

TEST(DecimalConstruction, DefaultIsZero) {
    const Decimal<2> d;
    EXPECT_TRUE(d.is_zero());
    EXPECT_I128_EQ(d.units(), 0);
    EXPECT_EQ(d.signum(), 0);
}

TEST(DecimalConstruction, FromIntegersScalesByTenToTheScale) {
    EXPECT_I128_EQ(Decimal<2>(5).units(), 500);
    EXPECT_I128_EQ(Decimal<2>(-7).units(), -700);
    EXPECT_I128_EQ(Decimal<0>(42).units(), 42);
    EXPECT_I128_EQ(Decimal<4>(std::int64_t{1'000'000}).units(), 10'000'000'000);
    EXPECT_I128_EQ(Decimal<4>(std::uint8_t{200}).units(), 2'000'000);
    // INT64_MAX * 10^4 = 92233720368547758070000
    EXPECT_I128_EQ(Decimal<4>(std::numeric_limits<std::int64_t>::max()).units(), big("92233720368547758070000"));
    EXPECT_EQ(Decimal<2>(-7).signum(), -1);
    EXPECT_EQ(Decimal<2>(7).signum(), 1);
}

TEST(DecimalConstruction, IntegerConstructionOverflowThrows) {
    // 2^127 - 1 = 170141183.460469... * 10^30, so 170141183 fits at scale 30 and 170141184 does not.
    EXPECT_I128_EQ(Decimal<30>(170'141'183).units(), big("170141183000000000000000000000000000000"));
    EXPECT_THROW((void)Decimal<30>(170'141'184), OverflowError);
    EXPECT_THROW((void)Decimal<30>(-170'141'184), OverflowError);
    EXPECT_THROW((void)Decimal<30>(std::numeric_limits<std::int64_t>::max()), OverflowError);
}

TEST(DecimalConstruction, FromUnits) {
    EXPECT_EQ(units<2>(12345).to_string(), "123.45");
    EXPECT_I128_EQ(units<2>(12345).units(), 12345);
    EXPECT_EQ(units<2>(kI128Max), Decimal<2>::max());
    EXPECT_EQ(units<2>(-kI128Max), Decimal<2>::min());
    // -2^127 is representable in __int128 but outside the symmetric range.
    EXPECT_THROW((void)units<2>(-kI128Max - 1), OverflowError);
}

TEST(DecimalConstruction, MaxAndMinAreSymmetric) {
    EXPECT_I128_EQ(Decimal<2>::max().units(), kI128Max);
    EXPECT_I128_EQ(Decimal<2>::min().units(), -kI128Max);
    EXPECT_EQ(-Decimal<2>::max(), Decimal<2>::min());
    EXPECT_EQ(-Decimal<2>::min(), Decimal<2>::max());
}

// ---------------------------------------------------------------------------------------------
// Parsing

TEST(DecimalParse, PlainNumbers) {
    EXPECT_I128_EQ(Decimal<2>::parse("12.5").units(), 1250);
    EXPECT_I128_EQ(Decimal<2>::parse("0").units(), 0);
    EXPECT_I128_EQ(Decimal<2>::parse("-0.05").units(), -5);
    EXPECT_I128_EQ(Decimal<2>::parse("+3").units(), 300);
    EXPECT_I128_EQ(Decimal<2>::parse("007").units(), 700);
    EXPECT_I128_EQ(Decimal<4>::parse("1234.5678").units(), 12'345'678);
    EXPECT_I128_EQ(Decimal<0>::parse("-42").units(), -42);
}

TEST(DecimalParse, FullWidthDigitsAndSigns) {
    EXPECT_I128_EQ(Decimal<2>::parse("１２．５").units(), 1250);
    EXPECT_I128_EQ(Decimal<2>::parse("－１２．５").units(), -1250);    // full-width hyphen-minus
    EXPECT_I128_EQ(Decimal<2>::parse("\u221212.5").units(), -1250);  // U+2212 MINUS SIGN
    EXPECT_I128_EQ(Decimal<2>::parse("１，２３４．５").units(), 123450);  // full-width comma
}

TEST(DecimalParse, GroupingSeparators) {
    EXPECT_I128_EQ(Decimal<2>::parse("1,234.5").units(), 123450);
    EXPECT_I128_EQ(Decimal<2>::parse("1,234,567.89").units(), 123'456'789);
    EXPECT_I128_EQ(Decimal<0>::parse("12,345").units(), 12345);
}

TEST(DecimalParse, SurroundingSpaces) {
    EXPECT_I128_EQ(Decimal<2>::parse("  7 ").units(), 700);
    EXPECT_I128_EQ(Decimal<2>::parse("\u30007\u3000").units(), 700);  // ideographic spaces
    EXPECT_I128_EQ(Decimal<2>::parse("\t-7").units(), -700);
}

TEST(DecimalParse, TrailingZerosBeyondScaleAreAccepted) {
    EXPECT_I128_EQ(Decimal<2>::parse("1.50000").units(), 150);
    EXPECT_I128_EQ(Decimal<0>::parse("3.000").units(), 3);
    EXPECT_I128_EQ(Decimal<2>::parse("0.000000000000000000000000000000000000000000").units(), 0);
}

TEST(DecimalParse, NonZeroExcessDecimalsAreRejectedAtTheFirstExcessDigit) {
    // "1.005": digits after '.' at bytes 2,3,4; scale 2 allows two, byte 4 is the first excess.
    EXPECT_DECIMAL_PARSE_ERROR(2, "1.005", too_many_decimals, 4);
    // "1.00001" at scale 4: the fifth decimal is at byte 2 + 4 = 6.
    EXPECT_DECIMAL_PARSE_ERROR(4, "1.00001", too_many_decimals, 6);
    EXPECT_DECIMAL_PARSE_ERROR(0, "1.5", too_many_decimals, 2);
    // Trailing zeros do not matter: "1.0050" still fails at the '5' (byte 4).
    EXPECT_DECIMAL_PARSE_ERROR(2, "1.0050", too_many_decimals, 4);
    // Full width: '１' 0-2, '．' 3-5, '０' 6-8, '０' 9-11, '５' 12-14.
    EXPECT_DECIMAL_PARSE_ERROR(2, "１．００５", too_many_decimals, 12);
}

TEST(DecimalParse, MalformedInputs) {
    EXPECT_DECIMAL_PARSE_ERROR(2, "", empty, 0);
    EXPECT_DECIMAL_PARSE_ERROR(2, "   ", empty, 0);
    EXPECT_DECIMAL_PARSE_ERROR(2, "abc", expected_number, 0);
    EXPECT_DECIMAL_PARSE_ERROR(2, "-", expected_number, 1);
    EXPECT_DECIMAL_PARSE_ERROR(2, "--1", expected_number, 1);
    EXPECT_DECIMAL_PARSE_ERROR(2, ".5", expected_number, 0);
    EXPECT_DECIMAL_PARSE_ERROR(2, "5.", invalid_number, 2);
    EXPECT_DECIMAL_PARSE_ERROR(2, "1..2", invalid_number, 2);
    EXPECT_DECIMAL_PARSE_ERROR(2, "1.2.3", invalid_number, 3);
    EXPECT_DECIMAL_PARSE_ERROR(2, "1,23", invalid_number, 4);
    EXPECT_DECIMAL_PARSE_ERROR(2, "1,2345", invalid_number, 5);
    EXPECT_DECIMAL_PARSE_ERROR(2, "1234,567", invalid_number, 4);
    EXPECT_DECIMAL_PARSE_ERROR(2, "12x", unknown_unit, 2);
    EXPECT_DECIMAL_PARSE_ERROR(2, "1e3", unknown_unit, 1);
    EXPECT_DECIMAL_PARSE_ERROR(2, "1 2", trailing_characters, 2);
    EXPECT_DECIMAL_PARSE_ERROR(2, "\xff", invalid_utf8, 0);
    EXPECT_DECIMAL_PARSE_ERROR(2, "1\xff", invalid_utf8, 1);
}

TEST(DecimalParse, RangeLimits) {
    // (2^127 - 1) / 100 = 1701411834604692317316873037158841057.27 is exactly max() at scale 2.
    EXPECT_EQ(Decimal<2>::parse("1701411834604692317316873037158841057.27"), Decimal<2>::max());
    EXPECT_EQ(Decimal<2>::parse("-1701411834604692317316873037158841057.27"), Decimal<2>::min());
    EXPECT_DECIMAL_PARSE_ERROR(2, "1701411834604692317316873037158841057.28", overflow, 0);
    EXPECT_DECIMAL_PARSE_ERROR(2, "-1701411834604692317316873037158841057.28", overflow, 1);
    // 10^38 fits 128 bits but 10^38 * 10^2 does not.
    EXPECT_DECIMAL_PARSE_ERROR(2, "100000000000000000000000000000000000000", overflow, 0);
    // 40 digits do not even fit the mantissa.
    EXPECT_DECIMAL_PARSE_ERROR(0, "1000000000000000000000000000000000000000", overflow, 0);
}

// ---------------------------------------------------------------------------------------------
// Exact arithmetic

TEST(DecimalArithmetic, AddSubtractNegate) {
    const auto a = Decimal<2>::parse("1.25");
    const auto b = Decimal<2>::parse("2.50");
    EXPECT_I128_EQ((a + b).units(), 375);   // 1.25 + 2.50 = 3.75
    EXPECT_I128_EQ((a - b).units(), -125);  // 1.25 - 2.50 = -1.25
    EXPECT_I128_EQ((-a).units(), -125);
    EXPECT_I128_EQ((-(-a)).units(), 125);
    auto c = a;
    c += b;
    EXPECT_I128_EQ(c.units(), 375);
    c -= b;
    c -= b;
    EXPECT_I128_EQ(c.units(), -125);
}

TEST(DecimalArithmetic, MultiplyByInteger) {
    const auto a = Decimal<2>::parse("1.25");
    EXPECT_I128_EQ((a * 3).units(), 375);
    EXPECT_I128_EQ((3 * a).units(), 375);
    EXPECT_I128_EQ((a * -4).units(), -500);
    EXPECT_I128_EQ((a * std::int64_t{0}).units(), 0);
    EXPECT_I128_EQ((a * std::uint64_t{1'000'000'000'000}).units(), 125'000'000'000'000);
}

TEST(DecimalOverflow, AddBeyondMaxThrowsAndLeavesOperandUnchanged) {
    auto x = Decimal<2>::max();
    const auto one_unit = units<2>(1);
    EXPECT_THROW((void)(x + one_unit), OverflowError);
    EXPECT_THROW(x += one_unit, OverflowError);
    EXPECT_EQ(x, Decimal<2>::max());
    EXPECT_THROW(x -= -one_unit, OverflowError);
    EXPECT_EQ(x, Decimal<2>::max());
    // max() - 1 unit + 1 unit is fine.
    EXPECT_EQ((Decimal<2>::max() - one_unit) + one_unit, Decimal<2>::max());
    try {
        (void)(x + one_unit);
    } catch (const OverflowError& e) {
        EXPECT_EQ(e.operation(), "Decimal + Decimal");
    }
}

TEST(DecimalOverflow, SubtractBelowMinThrowsAndLeavesOperandUnchanged) {
    auto x = Decimal<2>::min();
    const auto one_unit = units<2>(1);
    // min() - 1 unit is -2^127: representable in __int128 but outside the symmetric range.
    EXPECT_THROW((void)(x - one_unit), OverflowError);
    EXPECT_THROW(x -= one_unit, OverflowError);
    EXPECT_EQ(x, Decimal<2>::min());
    EXPECT_THROW(x += -one_unit, OverflowError);
    EXPECT_EQ(x, Decimal<2>::min());
}

TEST(DecimalOverflow, MultiplyOverflowThrows) {
    const auto x = Decimal<2>::max();
    EXPECT_THROW((void)(x * 2), OverflowError);
    EXPECT_THROW((void)(x * -2), OverflowError);
    EXPECT_EQ(x * 1, Decimal<2>::max());
    EXPECT_EQ(x * -1, Decimal<2>::min());
    EXPECT_EQ(x, Decimal<2>::max());
    // 2^126 * 2 = 2^127 > max by one.
    const auto half = units<0>(kI128Max / 2 + 1);  // 2^126
    EXPECT_THROW((void)(half * 2), OverflowError);
    EXPECT_I128_EQ((units<0>(kI128Max / 2) * 2).units(), kI128Max - 1);  // (2^126 - 1) * 2
}

// ---------------------------------------------------------------------------------------------
// Rounding: the java.math.RoundingMode table, applied through every rounding entry point.

// kTenths and kRoundingTable (support/test_support.hpp): 5.5, 2.5, 1.6, 1.1, 1.0, -1.0, -1.1,
// -1.6, -2.5, -5.5 and their integers under every mode but UNNECESSARY.

TEST(DecimalRounding, JavaTableThroughRound) {
    for (const auto& row : kRoundingTable) {
        for (int i = 0; i < 10; ++i) {
            SCOPED_TRACE(std::string(parkinvest::to_string(row.mode)) + " " + std::to_string(kTenths[i]) + "/10");
            // round() keeps the scale: an integer result r is r * 10 units at scale 1.
            EXPECT_I128_EQ(units<1>(kTenths[i]).round(0, row.mode).units(), row.expected[i] * 10);
        }
    }
}

TEST(DecimalRounding, JavaTableThroughRescale) {
    for (const auto& row : kRoundingTable) {
        for (int i = 0; i < 10; ++i) {
            SCOPED_TRACE(std::string(parkinvest::to_string(row.mode)) + " " + std::to_string(kTenths[i]) + "/10");
            EXPECT_I128_EQ(units<1>(kTenths[i]).rescale<0>(row.mode).units(), row.expected[i]);
        }
    }
}

TEST(DecimalRounding, JavaTableThroughDivByInteger) {
    for (const auto& row : kRoundingTable) {
        for (int i = 0; i < 10; ++i) {
            SCOPED_TRACE(std::string(parkinvest::to_string(row.mode)) + " " + std::to_string(kTenths[i]) + "/10");
            EXPECT_I128_EQ(units<0>(kTenths[i]).div(10, row.mode).units(), row.expected[i]);
            // Signs on both sides cancel: (-x) / (-10) = x / 10.
            EXPECT_I128_EQ(units<0>(-kTenths[i]).div(-10, row.mode).units(), row.expected[i]);
        }
    }
}

TEST(DecimalRounding, JavaTableThroughMulAndDivByDecimal) {
    const auto tenth = Decimal<1>::parse("0.1");
    const auto ten = Decimal<1>::parse("10.0");
    for (const auto& row : kRoundingTable) {
        for (int i = 0; i < 10; ++i) {
            SCOPED_TRACE(std::string(parkinvest::to_string(row.mode)) + " " + std::to_string(kTenths[i]) + "/10");
            EXPECT_I128_EQ(units<0>(kTenths[i]).mul(tenth, row.mode).units(), row.expected[i]);
            EXPECT_I128_EQ(units<0>(kTenths[i]).div(ten, row.mode).units(), row.expected[i]);
        }
    }
}

TEST(DecimalRounding, UnnecessaryThrowsOnlyWhenInexact) {
    for (int t : kTenths) {
        SCOPED_TRACE(t);
        if (t % 10 == 0) {
            EXPECT_I128_EQ(units<1>(t).rescale<0>(RoundingMode::unnecessary).units(), t / 10);
            EXPECT_I128_EQ(units<1>(t).round(0, RoundingMode::unnecessary).units(), t);
        } else {
            EXPECT_THROW((void)units<1>(t).rescale<0>(RoundingMode::unnecessary), InexactRoundingError);
            EXPECT_THROW((void)units<1>(t).round(0, RoundingMode::unnecessary), InexactRoundingError);
            EXPECT_THROW((void)units<0>(t).div(10, RoundingMode::unnecessary), InexactRoundingError);
            EXPECT_THROW((void)units<0>(t).mul(Decimal<1>::parse("0.1"), RoundingMode::unnecessary),
                         InexactRoundingError);
        }
    }
    try {
        (void)units<1>(25).round(0, RoundingMode::unnecessary);
        ADD_FAILURE() << "no exception";
    } catch (const InexactRoundingError& e) {
        EXPECT_EQ(e.operation(), "Decimal::round");
    }
}

TEST(DecimalRounding, NonTiesAtTwoDecimals) {
    // 2.51 to an integer: 0.51 > 0.5, so every HALF mode goes to 3 (HALF_DOWN included).
    const auto x = Decimal<2>::parse("2.51");
    EXPECT_EQ(x.round(0, RoundingMode::half_down), Decimal<2>(3));
    EXPECT_EQ(x.round(0, RoundingMode::half_even), Decimal<2>(3));
    EXPECT_EQ(x.round(0, RoundingMode::half_up), Decimal<2>(3));
    EXPECT_EQ(x.round(0, RoundingMode::down), Decimal<2>(2));
    EXPECT_EQ((-x).round(0, RoundingMode::half_down), Decimal<2>(-3));
    EXPECT_EQ((-x).round(0, RoundingMode::ceiling), Decimal<2>(-2));
    // 2.51 to one decimal: the dropped digit 1 < 5, so HALF modes keep 2.5; UP and CEILING give 2.6.
    EXPECT_EQ(x.round(1, RoundingMode::half_up), Decimal<2>::parse("2.5"));
    EXPECT_EQ(x.round(1, RoundingMode::up), Decimal<2>::parse("2.6"));
    EXPECT_EQ(x.round(1, RoundingMode::ceiling), Decimal<2>::parse("2.6"));
    EXPECT_EQ(x.round(1, RoundingMode::floor), Decimal<2>::parse("2.5"));
    EXPECT_EQ((-x).round(1, RoundingMode::floor), Decimal<2>::parse("-2.6"));
    // 2.49 is below the half: every HALF mode gives 2.
    EXPECT_EQ(Decimal<2>::parse("2.49").round(0, RoundingMode::half_up), Decimal<2>(2));
}

TEST(DecimalRounding, TiesAtOneDecimal) {
    // 1.15 -> 1 decimal: a tie between 1.1 and 1.2; 11 is odd so HALF_EVEN goes to 1.2.
    const auto a = Decimal<2>::parse("1.15");
    EXPECT_EQ(a.rescale<1>(RoundingMode::half_up), Decimal<1>::parse("1.2"));
    EXPECT_EQ(a.rescale<1>(RoundingMode::half_down), Decimal<1>::parse("1.1"));
    EXPECT_EQ(a.rescale<1>(RoundingMode::half_even), Decimal<1>::parse("1.2"));
    EXPECT_EQ((-a).rescale<1>(RoundingMode::half_even), Decimal<1>::parse("-1.2"));
    EXPECT_EQ((-a).rescale<1>(RoundingMode::half_down), Decimal<1>::parse("-1.1"));
    // 1.25: 12 is even so HALF_EVEN stays at 1.2.
    const auto b = Decimal<2>::parse("1.25");
    EXPECT_EQ(b.rescale<1>(RoundingMode::half_even), Decimal<1>::parse("1.2"));
    EXPECT_EQ(b.rescale<1>(RoundingMode::half_up), Decimal<1>::parse("1.3"));
    // 3.5 and -3.5 under HALF_EVEN go to 4 and -4.
    EXPECT_EQ(Decimal<1>::parse("3.5").rescale<0>(RoundingMode::half_even), Decimal<0>(4));
    EXPECT_EQ(Decimal<1>::parse("-3.5").rescale<0>(RoundingMode::half_even), Decimal<0>(-4));
}

TEST(DecimalRounding, RoundToNegativeDecimals) {
    const auto x = Decimal<4>::parse("1234.5678");
    EXPECT_EQ(x.round(2, RoundingMode::half_up), Decimal<4>::parse("1234.57"));
    EXPECT_EQ(x.round(2, RoundingMode::down), Decimal<4>::parse("1234.56"));
    EXPECT_EQ(x.round(0, RoundingMode::half_up), Decimal<4>(1235));
    EXPECT_EQ(x.round(-1, RoundingMode::half_up), Decimal<4>(1230));   // 123.45678 tens -> 123
    EXPECT_EQ(x.round(-2, RoundingMode::half_up), Decimal<4>(1200));   // 12.345678 hundreds -> 12
    EXPECT_EQ(x.round(-2, RoundingMode::ceiling), Decimal<4>(1300));
    EXPECT_EQ(x.round(-3, RoundingMode::half_up), Decimal<4>(1000));   // 1.2345678 thousands -> 1
    EXPECT_EQ(x.round(-4, RoundingMode::half_up), Decimal<4>(0));      // 0.12345678 ten-thousands -> 0
    EXPECT_EQ(x.round(-4, RoundingMode::up), Decimal<4>(10000));
    // decimals >= scale: nothing to round.
    EXPECT_EQ(x.round(4, RoundingMode::unnecessary), x);
    EXPECT_EQ(x.round(9, RoundingMode::unnecessary), x);
}

TEST(DecimalRounding, RoundStepTooLargeOrResultOutOfRange) {
    // scale 4, decimals -35: a step of 10^39, beyond every 128-bit value. 1 is far below half a
    // step, so the modes that round it towards zero give 0; the others would give ±10^39.
    EXPECT_EQ(Decimal<4>(1).round(-35, RoundingMode::half_up), Decimal<4>(0));
    EXPECT_EQ(Decimal<4>(1).round(-35, RoundingMode::down), Decimal<4>(0));
    EXPECT_EQ(Decimal<4>(1).round(-35, RoundingMode::floor), Decimal<4>(0));
    EXPECT_EQ(Decimal<4>(-1).round(-35, RoundingMode::ceiling), Decimal<4>(0));
    EXPECT_THROW((void)Decimal<4>(1).round(-35, RoundingMode::up), OverflowError);
    EXPECT_THROW((void)Decimal<4>(1).round(-35, RoundingMode::ceiling), OverflowError);
    EXPECT_THROW((void)Decimal<4>(-1).round(-35, RoundingMode::floor), OverflowError);
    EXPECT_THROW((void)Decimal<4>(1).round(-35, RoundingMode::unnecessary), InexactRoundingError);
    EXPECT_EQ(Decimal<4>(0).round(-35, RoundingMode::up), Decimal<4>(0));
    // Extreme decimals do not overflow the arithmetic on them.
    EXPECT_EQ(Decimal<2>(1).round(std::numeric_limits<int>::min(), RoundingMode::half_up), Decimal<2>(0));
    // max() at scale 0 rounded UP to tens: 17014118346046923173168730371588410572.7 tens -> ...573 tens > max.
    const auto m = Decimal<0>::max();
    EXPECT_THROW((void)m.round(-1, RoundingMode::up), OverflowError);
    // ... and DOWN to tens is fine: max() with its last digit 7 dropped.
    EXPECT_I128_EQ(m.round(-1, RoundingMode::down).units(), big("170141183460469231731687303715884105720"));
    EXPECT_EQ(m, Decimal<0>::max());
}

TEST(DecimalRounding, WidePathMultiplicationTies) {
    // factor = 100000000.5 at scale 30: units 10^38 + 5 * 10^29 (< 2^127 - 1 ~ 1.7 * 10^38).
    const auto factor = Decimal<30>::parse("100000000.5");
    // 3 * factor.units() ~ 3 * 10^38 does not fit 128 bits: the 256-bit path runs.
    // 3 * 100000000.5 = 300000001.5, a tie; 300000001 is odd.
    struct Row {
        RoundingMode mode;
        std::int64_t positive, negative;
    };
    const Row rows[] = {
        {RoundingMode::up, 300000002, -300000002},      {RoundingMode::down, 300000001, -300000001},
        {RoundingMode::ceiling, 300000002, -300000001}, {RoundingMode::floor, 300000001, -300000002},
        {RoundingMode::half_up, 300000002, -300000002}, {RoundingMode::half_down, 300000001, -300000001},
        {RoundingMode::half_even, 300000002, -300000002},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(parkinvest::to_string(r.mode));
        EXPECT_I128_EQ(Decimal<0>(3).mul(factor, r.mode).units(), r.positive);
        EXPECT_I128_EQ(Decimal<0>(-3).mul(factor, r.mode).units(), r.negative);
    }
    EXPECT_THROW((void)Decimal<0>(3).mul(factor, RoundingMode::unnecessary), InexactRoundingError);
    // 5 * 100000000.5 = 500000002.5: q = 500000002 is even, HALF_EVEN stays.
    EXPECT_I128_EQ(Decimal<0>(5).mul(factor, RoundingMode::half_even).units(), 500000002);
}

TEST(DecimalRounding, WideResultOverflowThrows) {
    // max() * 2.0 at scale 1: product 2 * (2^127 - 1) * 20 / 10 does not fit.
    EXPECT_THROW((void)Decimal<0>::max().mul(Decimal<1>(2), RoundingMode::half_up), OverflowError);
    // max() * 0.5 at scale 1 goes through 256 bits and comes back: (2^127-1)/2 = 2^126 - 0.5.
    EXPECT_I128_EQ(Decimal<0>::max().mul(Decimal<1>::parse("0.5"), RoundingMode::down).units(), kI128Max / 2);
    EXPECT_I128_EQ(Decimal<0>::max().mul(Decimal<1>::parse("0.5"), RoundingMode::up).units(), kI128Max / 2 + 1);
}

// ---------------------------------------------------------------------------------------------
// mul / div with decimals

TEST(DecimalMulDiv, MulRoundsToTheLeftScale) {
    // 1.15 * 0.5 = 0.575 -> 2 decimals.
    const auto a = Decimal<2>::parse("1.15");
    const auto half = Decimal<1>::parse("0.5");
    EXPECT_EQ(a.mul(half, RoundingMode::half_up), Decimal<2>::parse("0.58"));
    EXPECT_EQ(a.mul(half, RoundingMode::half_down), Decimal<2>::parse("0.57"));
    EXPECT_EQ(a.mul(half, RoundingMode::half_even), Decimal<2>::parse("0.58"));  // 57 odd -> 58
    // 1.25 * 0.5 = 0.625: 62 even -> HALF_EVEN 0.62.
    EXPECT_EQ(Decimal<2>::parse("1.25").mul(half, RoundingMode::half_even), Decimal<2>::parse("0.62"));
    // exact products need no rounding.
    EXPECT_EQ(Decimal<2>::parse("1.20").mul(half, RoundingMode::unnecessary), Decimal<2>::parse("0.6"));
    // 12.34 * 5.678 = 70.06652 -> 70.07 (HALF_UP), 70.06 (DOWN)
    EXPECT_EQ(Decimal<2>::parse("12.34").mul(Decimal<3>::parse("5.678"), RoundingMode::half_up),
              Decimal<2>::parse("70.07"));
    EXPECT_EQ(Decimal<2>::parse("12.34").mul(Decimal<3>::parse("5.678"), RoundingMode::down),
              Decimal<2>::parse("70.06"));
    EXPECT_EQ(Decimal<2>::parse("-12.34").mul(Decimal<3>::parse("5.678"), RoundingMode::floor),
              Decimal<2>::parse("-70.07"));
}

TEST(DecimalMulDiv, DivRounds) {
    const auto ten = Decimal<2>(10);
    const auto three = Decimal<2>(3);
    EXPECT_EQ(ten.div(three, RoundingMode::half_up), Decimal<2>::parse("3.33"));   // 3.333...
    EXPECT_EQ(ten.div(three, RoundingMode::up), Decimal<2>::parse("3.34"));
    EXPECT_EQ(Decimal<2>(20).div(three, RoundingMode::half_up), Decimal<2>::parse("6.67"));  // 6.666...
    EXPECT_EQ(Decimal<2>(20).div(three, RoundingMode::down), Decimal<2>::parse("6.66"));
    EXPECT_EQ(Decimal<2>(-20).div(three, RoundingMode::ceiling), Decimal<2>::parse("-6.66"));
    EXPECT_EQ(Decimal<2>(-20).div(three, RoundingMode::floor), Decimal<2>::parse("-6.67"));
    EXPECT_EQ(Decimal<2>(1).div(Decimal<0>(8), RoundingMode::half_even), Decimal<2>::parse("0.12"));  // 0.125
    EXPECT_EQ(Decimal<2>(1).div(Decimal<0>(8), RoundingMode::half_up), Decimal<2>::parse("0.13"));
    EXPECT_EQ(Decimal<4>(1).div(Decimal<0>(8), RoundingMode::unnecessary), Decimal<4>::parse("0.125"));
    EXPECT_EQ(Decimal<2>(10).div(4, RoundingMode::half_even), Decimal<2>::parse("2.5"));
    EXPECT_EQ(Decimal<2>::parse("0.05").div(2, RoundingMode::half_even), Decimal<2>::parse("0.02"));  // 0.025
}

TEST(DecimalMulDiv, DivisionByZeroThrows) {
    const auto x = Decimal<2>(10);
    EXPECT_THROW((void)x.div(Decimal<2>(0), RoundingMode::half_up), DivisionByZeroError);
    EXPECT_THROW((void)x.div(Decimal<0>(), RoundingMode::half_up), DivisionByZeroError);
    EXPECT_THROW((void)x.div(0, RoundingMode::half_up), DivisionByZeroError);
    EXPECT_THROW((void)Decimal<2>(0).div(0, RoundingMode::unnecessary), DivisionByZeroError);
    try {
        (void)x.div(Decimal<2>(0), RoundingMode::half_up);
    } catch (const DivisionByZeroError& e) {
        EXPECT_EQ(e.operation(), "Decimal / Decimal");
    }
}

// ---------------------------------------------------------------------------------------------
// rescale

TEST(DecimalRescale, UpIsExactDownRounds) {
    const auto x = Decimal<2>::parse("1.25");
    EXPECT_I128_EQ(x.rescale<4>(RoundingMode::unnecessary).units(), 12500);
    EXPECT_I128_EQ(x.rescale<2>(RoundingMode::unnecessary).units(), 125);
    EXPECT_I128_EQ(x.rescale<0>(RoundingMode::half_up).units(), 1);
    EXPECT_I128_EQ(x.rescale<0>(RoundingMode::ceiling).units(), 2);
    EXPECT_THROW((void)Decimal<0>::max().rescale<1>(RoundingMode::half_up), OverflowError);
}

// ---------------------------------------------------------------------------------------------
// Text

TEST(DecimalToString, FewestDigits) {
    EXPECT_EQ(units<4>(12'345'000).to_string(), "1234.5");
    EXPECT_EQ(units<2>(-5).to_string(), "-0.05");
    EXPECT_EQ(Decimal<2>(3).to_string(), "3");
    EXPECT_EQ(Decimal<2>().to_string(), "0");
    EXPECT_EQ(units<4>(-1).to_string(), "-0.0001");
    EXPECT_EQ(units<0>(-42).to_string(), "-42");
    EXPECT_EQ(units<2>(100'000).to_string(), "1000");
    EXPECT_EQ(Decimal<2>::max().to_string(), "1701411834604692317316873037158841057.27");
    EXPECT_EQ(Decimal<2>::min().to_string(), "-1701411834604692317316873037158841057.27");
    EXPECT_EQ(Decimal<30>::parse("0.000000000000000000000000000001").to_string(), "0.000000000000000000000000000001");
}

TEST(DecimalToString, ParseRoundTrip) {
    for (const char* text : {"0", "1", "-1", "0.01", "-0.01", "1234.5", "99999999999999999999.99"}) {
        EXPECT_EQ(Decimal<2>::parse(text).to_string(), text);
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison and hashing

TEST(DecimalCompare, Ordering) {
    const auto a = Decimal<2>::parse("1.5");
    const auto b = Decimal<2>::parse("1.50");
    const auto c = Decimal<2>::parse("-2");
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_LT(c, a);
    EXPECT_GT(a, c);
    EXPECT_LE(a, b);
    EXPECT_GE(a, b);
    EXPECT_TRUE((a <=> b) == std::strong_ordering::equal);
    EXPECT_TRUE((c <=> a) == std::strong_ordering::less);
    EXPECT_TRUE((Decimal<2>::max() <=> Decimal<2>::min()) == std::strong_ordering::greater);
    EXPECT_LT(units<2>(-1), Decimal<2>());
}

TEST(DecimalHash, EqualValuesHashEqual) {
    const std::hash<Decimal<2>> h;
    const auto a = Decimal<2>::parse("1.50");
    const auto b = units<2>(150);
    const auto c = Decimal<2>(3).div(2, RoundingMode::unnecessary);
    EXPECT_EQ(h(a), h(b));
    EXPECT_EQ(h(a), h(c));
    EXPECT_EQ(h(Decimal<2>::max()), h(Decimal<2>::parse("1701411834604692317316873037158841057.27")));
    std::unordered_set<Decimal<2>> set{a, b, c, Decimal<2>(2), -a};
    EXPECT_EQ(set.size(), 3u);  // 1.50, 2, -1.50
    EXPECT_EQ(set.count(units<2>(150)), 1u);
    EXPECT_EQ(set.count(units<2>(-150)), 1u);
    EXPECT_EQ(set.count(units<2>(151)), 0u);
}

}  // namespace
