// SPDX-License-Identifier: MIT
// Unit tests of Ratio, Percent and PercentagePoints. Every expected value is worked out by hand.
#include <parkinvest/parkinvest.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace {

using parkinvest::Currency;
using parkinvest::CurrencyMismatchError;
using parkinvest::Decimal;
using parkinvest::DivisionByZeroError;
using parkinvest::InexactRoundingError;
using parkinvest::Language;
using parkinvest::Money;
using parkinvest::OverflowError;
using parkinvest::ParseError;
using parkinvest::ParseErrorKind;
using parkinvest::Percent;
using parkinvest::PercentagePoints;
using parkinvest::Ratio;
using parkinvest::RoundingMode;
using parkinvest::detail::i128;
using namespace parkinvest::test;

void expect_percent_error(std::string_view text, ParseErrorKind kind, std::size_t offset) {
    SCOPED_TRACE(std::string("input: \"") + std::string(text) + "\"");
    expect_parse_error([](std::string_view t) { (void)Percent::parse(t); }, text, kind, offset);
}

static_assert(!std::is_constructible_v<Percent, double>);
static_assert(!std::is_constructible_v<Ratio, double>);
static_assert(!std::is_constructible_v<double, Ratio>);
static_assert(std::is_constructible_v<Percent, Ratio>);

// ---------------------------------------------------------------------------------------------
// Ratio

TEST(RatioConstruction, ReducedWithPositiveDenominator) {
    EXPECT_RATIO(Ratio(), 0, 1);
    EXPECT_RATIO(Ratio(6, 8), 3, 4);
    EXPECT_RATIO(Ratio(-6, -8), 3, 4);
    EXPECT_RATIO(Ratio(6, -8), -3, 4);
    EXPECT_RATIO(Ratio(-6, 8), -3, 4);
    EXPECT_RATIO(Ratio(0, -5), 0, 1);
    EXPECT_RATIO(Ratio(5), 5, 1);
    EXPECT_RATIO(Ratio(-5), -5, 1);
    EXPECT_RATIO(Ratio(kI128Max, kI128Max), 1, 1);
    EXPECT_RATIO(Ratio(kI128Max, -1), -kI128Max, 1);
    EXPECT_EQ(Ratio(6, 8), Ratio(3, 4));
    EXPECT_EQ(Ratio(6, 8).to_string(), "3/4");
    EXPECT_EQ(Ratio(6, -8).to_string(), "-3/4");
    EXPECT_EQ(Ratio(6, -8).signum(), -1);
    EXPECT_EQ(Ratio().signum(), 0);
}

TEST(RatioConstruction, Errors) {
    EXPECT_THROW(Ratio(1, 0), DivisionByZeroError);
    EXPECT_THROW(Ratio(0, 0), DivisionByZeroError);
    // -2^127 is outside the symmetric range, as numerator or denominator.
    EXPECT_THROW(Ratio(-kI128Max - 1, 1), OverflowError);
    EXPECT_THROW(Ratio(1, -kI128Max - 1), OverflowError);
}

TEST(RatioArithmetic, AddSubtractMultiplyNegate) {
    EXPECT_EQ(Ratio(1, 2) + Ratio(1, 3), Ratio(5, 6));
    EXPECT_EQ(Ratio(1, 2) - Ratio(1, 3), Ratio(1, 6));
    EXPECT_EQ(Ratio(1, 3) - Ratio(1, 2), Ratio(-1, 6));
    EXPECT_EQ(Ratio(2, 3) * Ratio(3, 4), Ratio(1, 2));
    EXPECT_EQ(Ratio(-2, 3) * Ratio(3, -4), Ratio(1, 2));
    EXPECT_EQ(-Ratio(1, 2), Ratio(-1, 2));
    EXPECT_EQ(Ratio(1, 6) + Ratio(1, 3), Ratio(1, 2));  // 1/6 + 2/6 = 3/6, reduced
    EXPECT_RATIO(Ratio(1, 4) + Ratio(3, 4), 1, 1);
}

TEST(RatioArithmetic, LargeValuesUseWideIntermediates) {
    // (2^127 - 1)/2 * 2/(2^127 - 1): intermediate products of ~2^128 reduce to exactly 1.
    EXPECT_RATIO(Ratio(kI128Max, 2) * Ratio(2, kI128Max), 1, 1);
    // (2^127 - 1)/3 - (2^127 - 4)/3 = 1 (2^127 - 1 = 1 mod 3, so both are irreducible).
    EXPECT_RATIO(Ratio(kI128Max, 3) - Ratio(kI128Max - 3, 3), 1, 1);
    // 1/(2^127 - 1) + 1/(2^127 - 2): the denominator of the sum has ~254 bits.
    EXPECT_THROW((void)(Ratio(1, kI128Max) + Ratio(1, kI128Max - 1)), OverflowError);
    // 2 * (2^127 - 1)/3 has a numerator beyond 127 bits.
    EXPECT_THROW((void)(Ratio(kI128Max, 3) + Ratio(kI128Max, 3)), OverflowError);
    EXPECT_THROW((void)(Ratio(kI128Max) * Ratio(2)), OverflowError);
}

TEST(RatioCompare, Ordering) {
    EXPECT_LT(Ratio(1, 3), Ratio(1, 2));
    EXPECT_GT(Ratio(-1, 3), Ratio(-1, 2));
    EXPECT_TRUE((Ratio(2, 4) <=> Ratio(1, 2)) == std::strong_ordering::equal);
    EXPECT_LT(Ratio(-1, 2), Ratio());
    // Cross products beyond 128 bits: n/(n-1) = 1 + 1/(n-1) < (n-1)/(n-2) = 1 + 1/(n-2), n = 2^127 - 1.
    const Ratio a(kI128Max, kI128Max - 1);
    const Ratio b(kI128Max - 1, kI128Max - 2);
    EXPECT_LT(a, b);
    EXPECT_GT(b, a);
    EXPECT_NE(a, b);
    EXPECT_GT(-a, -b);
    // 1/(2^127 - 1) > 1/(2^127 - 2)? No: a larger denominator is a smaller fraction.
    EXPECT_LT(Ratio(1, kI128Max), Ratio(1, kI128Max - 1));
    EXPECT_GT(Ratio(kI128Max), Ratio(kI128Max - 1));
}

TEST(RatioGrowth, CurrentOverPrevious) {
    EXPECT_EQ(Ratio::growth(1049, 1000), Ratio(49, 1000));
    EXPECT_EQ(Ratio::growth(50, 100), Ratio(-1, 2));
    EXPECT_EQ(Ratio::growth(100, 100), Ratio());
    EXPECT_EQ(Ratio::growth(-50, -100), Ratio(-1, 2));  // (-50 + 100) / -100
    EXPECT_THROW((void)Ratio::growth(5, 0), DivisionByZeroError);
    EXPECT_THROW((void)Ratio::growth(kI128Max, -kI128Max), OverflowError);  // current - previous overflows
}

TEST(RatioToDecimal, RoundsUnderTheMode) {
    EXPECT_EQ(Ratio(1, 3).to_decimal<2>(RoundingMode::half_up), Decimal<2>::parse("0.33"));
    EXPECT_EQ(Ratio(1, 3).to_decimal<2>(RoundingMode::up), Decimal<2>::parse("0.34"));
    EXPECT_EQ(Ratio(-2, 3).to_decimal<2>(RoundingMode::floor), Decimal<2>::parse("-0.67"));
    EXPECT_EQ(Ratio(-2, 3).to_decimal<2>(RoundingMode::ceiling), Decimal<2>::parse("-0.66"));
    EXPECT_EQ(Ratio(-2, 3).to_decimal<2>(RoundingMode::half_down), Decimal<2>::parse("-0.67"));
    EXPECT_EQ(Ratio(1, 8).to_decimal<2>(RoundingMode::half_even), Decimal<2>::parse("0.12"));  // 0.125
    EXPECT_EQ(Ratio(3, 8).to_decimal<2>(RoundingMode::half_even), Decimal<2>::parse("0.38"));  // 0.375
    EXPECT_EQ(Ratio(1, 8).to_decimal<2>(RoundingMode::half_up), Decimal<2>::parse("0.13"));
    EXPECT_EQ(Ratio(1, 8).to_decimal<3>(RoundingMode::unnecessary), Decimal<3>::parse("0.125"));
    EXPECT_THROW((void)Ratio(1, 8).to_decimal<2>(RoundingMode::unnecessary), InexactRoundingError);
    EXPECT_EQ(Ratio(5, 2).to_decimal<0>(RoundingMode::half_even), Decimal<0>(2));
    EXPECT_EQ(Ratio(-5, 2).to_decimal<0>(RoundingMode::half_even), Decimal<0>(-2));
    // 30 decimals of 1/3: 10^30 / 3, truncated.
    EXPECT_EQ(Ratio(1, 3).to_decimal<30>(RoundingMode::down),
              Decimal<30>::parse("0.333333333333333333333333333333"));
    // A huge ratio at scale 2 overflows.
    EXPECT_THROW((void)Ratio(kI128Max).to_decimal<2>(RoundingMode::half_up), OverflowError);
}

// ---------------------------------------------------------------------------------------------
// Percent::parse

TEST(PercentParse, AcceptedForms) {
    EXPECT_RATIO(Percent::parse("44.2%").fraction(), 221, 500);      // 442/1000
    EXPECT_RATIO(Percent::parse("+4.9%").fraction(), 49, 1000);
    EXPECT_RATIO(Percent::parse("-2.5%").fraction(), -1, 40);        // -25/1000
    EXPECT_RATIO(Percent::parse("\u22122.5%").fraction(), -1, 40);   // U+2212 MINUS SIGN
    EXPECT_RATIO(Percent::parse("４４．２％").fraction(), 221, 500);  // full width
    EXPECT_RATIO(Percent::parse("44.2 %").fraction(), 221, 500);
    EXPECT_RATIO(Percent::parse(" 44.2%\u3000").fraction(), 221, 500);
    EXPECT_RATIO(Percent::parse("100%").fraction(), 1, 1);
    EXPECT_RATIO(Percent::parse("0%").fraction(), 0, 1);
    EXPECT_RATIO(Percent::parse("-0%").fraction(), 0, 1);
    EXPECT_RATIO(Percent::parse("0.5%").fraction(), 1, 200);
    EXPECT_RATIO(Percent::parse("1,000%").fraction(), 10, 1);
    EXPECT_RATIO(Percent::parse("44.20000%").fraction(), 221, 500);
    EXPECT_RATIO(Percent::parse("0.001%").fraction(), 1, 100000);
    EXPECT_EQ(Percent::parse("44.2%"), Percent(Ratio(442, 1000)));
}

TEST(PercentParse, RejectedForms) {
    expect_percent_error("", ParseErrorKind::empty, 0);
    expect_percent_error("  ", ParseErrorKind::empty, 0);
    expect_percent_error("44.2", ParseErrorKind::unknown_unit, 4);      // the '%' is required
    expect_percent_error("%", ParseErrorKind::expected_number, 0);
    expect_percent_error("abc", ParseErrorKind::expected_number, 0);
    expect_percent_error("+-5%", ParseErrorKind::expected_number, 1);
    expect_percent_error("4..2%", ParseErrorKind::invalid_number, 2);
    expect_percent_error("4.%", ParseErrorKind::invalid_number, 2);
    expect_percent_error("1,00%", ParseErrorKind::invalid_number, 4);
    expect_percent_error("44.2%%", ParseErrorKind::trailing_characters, 5);
    expect_percent_error("44.2%x", ParseErrorKind::unknown_unit, 5);
    expect_percent_error("44.2 percent", ParseErrorKind::unknown_unit, 5);
    expect_percent_error("44.2%5", ParseErrorKind::trailing_characters, 5);
    expect_percent_error("\xff%", ParseErrorKind::invalid_utf8, 0);
    expect_percent_error("44.2\xe2%", ParseErrorKind::invalid_utf8, 4);
    // 40 digits overflow the mantissa.
    expect_percent_error("1000000000000000000000000000000000000000%", ParseErrorKind::overflow, 0);
    // 37 decimals + 2 for the percent = 39 > 38 digits of 10^n in 128 bits.
    expect_percent_error("0.0000000000000000000000000000000000001%", ParseErrorKind::too_many_decimals, 38);  // the 37th decimal
}

// ---------------------------------------------------------------------------------------------
// Shares and growth

TEST(PercentShare, OfMoneyAndIntegers) {
    EXPECT_EQ(Percent::share(Money::of(442), Money::of(1000)), Percent::parse("44.2%"));
    // 2140万 of 605.6亿: 2140 / 6056000 = 107 / 302800 (divide by 20).
    EXPECT_RATIO(Percent::share(Money::parse("2140万"), Money::parse("605.6亿")).fraction(), 107, 302800);
    EXPECT_RATIO(Percent::share(3, 7).fraction(), 3, 7);
    // 3/7 = 42.857142...% -> 42.9% (1 decimal), 42.86% (2 decimals), 42.85% DOWN.
    EXPECT_EQ(Percent::share(3, 7).format(1, RoundingMode::half_up), "42.9%");
    EXPECT_EQ(Percent::share(3, 7).format(2, RoundingMode::half_up), "42.86%");
    EXPECT_EQ(Percent::share(3, 7).format(2, RoundingMode::down), "42.85%");
    EXPECT_EQ(Percent::share(std::int64_t{-1}, std::int64_t{4}), Percent::parse("-25%"));
    EXPECT_THROW((void)Percent::share(1, 0), DivisionByZeroError);
    EXPECT_THROW((void)Percent::share(Money::of(1), Money()), DivisionByZeroError);
    EXPECT_THROW((void)Percent::share(Money::of(1), Money::of(2, Currency::USD)), CurrencyMismatchError);
}

TEST(PercentGrowth, YearOnYear) {
    // 1049 vs 1000: +49/1000 = +4.9%.
    const Percent g = Percent::growth(1049, 1000);
    EXPECT_RATIO(g.fraction(), 49, 1000);
    EXPECT_EQ(g.format_signed(1, RoundingMode::half_up), "+4.9%");
    // 95.9亿 vs 91.4亿: (959 - 914) / 914 = 45/914 (914 = 2 * 457, 45 = 3^2 * 5: coprime)
    //                 = 4.923413...% -> +4.9%.
    const Percent m = Percent::growth(Money::parse("95.9亿元"), Money::parse("91.4亿元"));
    EXPECT_RATIO(m.fraction(), 45, 914);
    EXPECT_EQ(m.format_signed(1, RoundingMode::half_up), "+4.9%");
    EXPECT_EQ(m.format(2, RoundingMode::half_up), "4.92%");
    // 95.9亿 vs 100亿: -4.1/100 = -4.1%.
    const Percent d = Percent::growth(Money::parse("95.9亿元"), Money::parse("100亿元"));
    EXPECT_EQ(d, Percent::parse("-4.1%"));
    EXPECT_EQ(d.format_signed(1, RoundingMode::half_up), "-4.1%");
    EXPECT_THROW((void)Percent::growth(5, 0), DivisionByZeroError);
    EXPECT_THROW((void)Percent::growth(Money::of(5), Money()), DivisionByZeroError);
    EXPECT_THROW((void)Percent::growth(Money::of(5), Money::of(4, Currency::USD)), CurrencyMismatchError);
}

// ---------------------------------------------------------------------------------------------
// Formatting and rounding

TEST(PercentFormat, ExactlyTheRequestedDecimals) {
    const Percent p = Percent::parse("44.2%");
    EXPECT_EQ(p.format(1, RoundingMode::half_up), "44.2%");
    EXPECT_EQ(p.format(3, RoundingMode::unnecessary), "44.200%");
    EXPECT_EQ(p.format(0, RoundingMode::half_up), "44%");
    EXPECT_EQ(Percent::parse("44.5%").format(0, RoundingMode::half_even), "44%");
    EXPECT_EQ(Percent::parse("45.5%").format(0, RoundingMode::half_even), "46%");
    EXPECT_EQ(Percent::parse("44.5%").format(0, RoundingMode::half_up), "45%");
    EXPECT_EQ(Percent(Ratio(1, 3)).format(2, RoundingMode::half_up), "33.33%");
    EXPECT_EQ(Percent(Ratio(1, 3)).format(0, RoundingMode::up), "34%");
    EXPECT_EQ(Percent(Ratio(2, 3)).format(1, RoundingMode::half_up), "66.7%");
    EXPECT_EQ(Percent::parse("-2.5%").format(1, RoundingMode::half_up), "-2.5%");
    EXPECT_EQ(Percent::parse("-2.5%").format(0, RoundingMode::half_even), "-2%");
    EXPECT_EQ(Percent::parse("-2.5%").format(0, RoundingMode::floor), "-3%");
    EXPECT_EQ(Percent().format(1, RoundingMode::half_up), "0.0%");
    EXPECT_EQ(Percent::parse("0.04%").format(1, RoundingMode::half_up), "0.0%");
    EXPECT_EQ(Percent::parse("-0.04%").format(1, RoundingMode::half_up), "0.0%");  // no "-0.0%"
    EXPECT_EQ(Percent::parse("0.04%").format(1, RoundingMode::up), "0.1%");
    EXPECT_EQ(Percent::parse("250%").format(0, RoundingMode::unnecessary), "250%");
    EXPECT_THROW((void)Percent(Ratio(1, 3)).format(2, RoundingMode::unnecessary), InexactRoundingError);
    EXPECT_THROW((void)p.format(-1, RoundingMode::half_up), parkinvest::ArgumentError);
    EXPECT_THROW((void)p.format(31, RoundingMode::half_up), parkinvest::ArgumentError);
}

// One minus sign on output, ASCII '-' (core/text_out.hpp); U+2212 is read on input only.
TEST(PercentFormat, SignedUsesPlusAndAsciiMinus) {
    EXPECT_EQ(Percent::parse("4.9%").format_signed(1, RoundingMode::half_up), "+4.9%");
    EXPECT_EQ(Percent::parse("-2.5%").format_signed(1, RoundingMode::half_up), "-2.5%");
    EXPECT_EQ(Percent::parse("\u22122.5%").format_signed(1, RoundingMode::half_up), "-2.5%");
    EXPECT_EQ(Percent().format_signed(1, RoundingMode::half_up), "0.0%");
    EXPECT_EQ(Percent::parse("0.04%").format_signed(1, RoundingMode::half_up), "0.0%");   // rounds to zero
    EXPECT_EQ(Percent::parse("-0.04%").format_signed(1, RoundingMode::half_up), "0.0%");
    EXPECT_EQ(Percent::parse("-0.04%").format_signed(1, RoundingMode::floor), "-0.1%");
    EXPECT_EQ(Percent::parse("12%").format_signed(0, RoundingMode::half_up), "+12%");
    EXPECT_EQ(Percent::parse("12%").format_signed(2, RoundingMode::half_up), "+12.00%");
}

TEST(PercentRounded, KeepsAnExactPercent) {
    EXPECT_EQ(Percent::parse("44.25%").rounded(1, RoundingMode::half_even), Percent::parse("44.2%"));
    EXPECT_EQ(Percent::parse("44.25%").rounded(1, RoundingMode::half_up), Percent::parse("44.3%"));
    EXPECT_EQ(Percent::parse("44.2%").rounded(0, RoundingMode::half_up), Percent::parse("44%"));
    EXPECT_EQ(Percent::parse("-2.5%").rounded(0, RoundingMode::floor), Percent::parse("-3%"));
    EXPECT_EQ(Percent::parse("-2.5%").rounded(0, RoundingMode::ceiling), Percent::parse("-2%"));
    EXPECT_EQ(Percent(Ratio(1, 3)).rounded(2, RoundingMode::half_up), Percent(Ratio(3333, 10000)));
}

TEST(PercentCompare, Ordering) {
    EXPECT_GT(Percent::parse("44.2%"), Percent::parse("40%"));
    EXPECT_LT(Percent::parse("-2.5%"), Percent());
    EXPECT_EQ(Percent::parse("44.2%"), Percent::parse("44.20%"));
    EXPECT_EQ(Percent::parse("50%"), Percent(Ratio(1, 2)));
    EXPECT_LT(Percent(Ratio(1, 3)), Percent::parse("33.34%"));
    EXPECT_GT(Percent(Ratio(1, 3)), Percent::parse("33.33%"));
}

// ---------------------------------------------------------------------------------------------
// Percentage points

TEST(PercentagePointsTest, DifferenceOfPercentages) {
    const PercentagePoints d = Percent::parse("44.2%") - Percent::parse("40%");
    EXPECT_RATIO(d.fraction(), 21, 500);  // 0.442 - 0.4 = 0.042 = 42/1000
    EXPECT_EQ(d.format(1, RoundingMode::half_up), "+4.2个百分点");
    EXPECT_EQ(d.format(1, RoundingMode::half_up, Language::english), "+4.2 percentage points");
    const PercentagePoints n = Percent::parse("40%") - Percent::parse("44.2%");
    EXPECT_EQ(n.format(1, RoundingMode::half_up), "-4.2个百分点");
    EXPECT_EQ(n.format(0, RoundingMode::half_up, Language::english), "-4 percentage points");
    const PercentagePoints z = Percent::parse("40%") - Percent::parse("40.0%");
    EXPECT_EQ(z.format(1, RoundingMode::half_up), "0.0个百分点");
    EXPECT_LT(n, z);
    EXPECT_LT(z, d);
    EXPECT_EQ(d, PercentagePoints(Ratio(42, 1000)));
    EXPECT_EQ(PercentagePoints(Ratio(15, 1000)).format(1, RoundingMode::half_up), "+1.5个百分点");
}

}  // namespace
