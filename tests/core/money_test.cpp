// SPDX-License-Identifier: MIT
// Unit tests of Money arithmetic, rounding, allocation and exchange rates. Every expected value
// is worked out by hand (arithmetic in comments); none is copied from the library's output.
#include <parkinvest/parkinvest.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace {

using parkinvest::ArgumentError;
using parkinvest::ArithmeticError;
using parkinvest::Currency;
using parkinvest::CurrencyMismatchError;
using parkinvest::Decimal;
using parkinvest::DivisionByZeroError;
using parkinvest::ExchangeRate;
using parkinvest::InexactRoundingError;
using parkinvest::Money;
using parkinvest::MoneyUnit;
using parkinvest::OverflowError;
using parkinvest::Ratio;
using parkinvest::RoundingMode;
using parkinvest::detail::i128;
using namespace parkinvest::test;

// kMaxUnits = 2^119 - 1 and kMinUnits = -2^119 come from test_support.hpp.
const i128 kTwoPow118 = big("332306998946228968225951765070086144");

Money units(i128 u, Currency c = Currency::CNY) { return Money::from_units(u, c); }

std::vector<i128> units_of(const std::vector<Money>& parts) {
    std::vector<i128> out;
    for (const Money& m : parts) out.push_back(m.units());
    return out;
}

std::vector<std::string> dec_all(const std::vector<i128>& v) {
    std::vector<std::string> out;
    for (i128 x : v) out.push_back(dec(x));
    return out;
}

#define EXPECT_PARTS(parts, ...) EXPECT_EQ(dec_all(units_of(parts)), dec_all(std::vector<i128>{__VA_ARGS__}))

// ---------------------------------------------------------------------------------------------
// Compile-time properties

template <class A, class B>
concept Multipliable = requires(A a, B b) { a * b; };
template <class A, class B>
concept Addable = requires(A a, B b) { a + b; };

static_assert(!Multipliable<Money, Money>, "money squared must not compile");
static_assert(Multipliable<Money, int>);  // the positive case, so the check above can fail
static_assert(Multipliable<int, Money>);
static_assert(!Multipliable<Money, double>);
static_assert(!Addable<Money, int>);
static_assert(!Addable<Money, Decimal<4>>);
static_assert(Addable<Money, Money>);
static_assert(!std::is_constructible_v<Money, double>);
static_assert(!std::is_constructible_v<Money, double, Currency>);
static_assert(!std::is_constructible_v<Money, float>);
static_assert(!std::is_constructible_v<Money, long double>);
static_assert(!std::is_convertible_v<double, Money>);
static_assert(!std::is_constructible_v<double, Money>);
static_assert(!std::is_constructible_v<Money, int>);  // integers go through Money::of / of_minor
static_assert(std::is_constructible_v<Money, Decimal<4>, Currency>);
#if PARKINVEST_HAS_INT128
static_assert(sizeof(Money) == 16);
static_assert(alignof(Money) == 8);  // two 64-bit words: a Money next to a few bytes is not padded to 32
#endif

TEST(MoneyLayout, SixteenBytesWithNativeInt128) {
#if PARKINVEST_HAS_INT128
    EXPECT_EQ(sizeof(Money), 16u);
#else
    GTEST_SKIP() << "no native __int128";
#endif
}

// ---------------------------------------------------------------------------------------------
// Construction

TEST(MoneyConstruction, DefaultIsZeroYuan) {
    const Money m;
    EXPECT_TRUE(m.is_zero());
    EXPECT_EQ(m.signum(), 0);
    EXPECT_EQ(m.currency(), Currency::CNY);
    EXPECT_I128_EQ(m.units(), 0);
}

TEST(MoneyConstruction, OfWholeUnits) {
    EXPECT_I128_EQ(Money::of(80'0000).units(), 8'000'000'000);  // 80万元 = 800000 * 10^4
    EXPECT_EQ(Money::of(80'0000).currency(), Currency::CNY);
    EXPECT_I128_EQ(Money::of(5, Currency::JPY).units(), 50'000);
    EXPECT_EQ(Money::of(5, Currency::JPY).currency(), Currency::JPY);
    EXPECT_I128_EQ(Money::of(-3, Currency::USD).units(), -30'000);
    EXPECT_EQ(Money::of(-3, Currency::USD).signum(), -1);
    // INT64_MAX yuan = 9223372036854775807 * 10^4 units.
    EXPECT_I128_EQ(Money::of(std::numeric_limits<std::int64_t>::max()).units(), big("92233720368547758070000"));
}

TEST(MoneyConstruction, OfMinorUnits) {
    EXPECT_I128_EQ(Money::of_minor(12345).units(), 1'234'500);  // 12345分 = 123.45元 = 1234500 units
    EXPECT_I128_EQ(Money::of_minor(1).units(), 100);            // 1分 = 0.01元
    EXPECT_I128_EQ(Money::of_minor(-1).units(), -100);
    EXPECT_I128_EQ(Money::of_minor(5, Currency::JPY).units(), 50'000);  // JPY has 0 minor digits: 5 yen
    EXPECT_I128_EQ(Money::of_minor(5, Currency::KRW).units(), 50'000);
    EXPECT_I128_EQ(Money::of_minor(5, Currency::USD).units(), 500);  // 5 cents
    EXPECT_EQ(Money::of_minor(5, Currency::JPY), Money::of(5, Currency::JPY));
    EXPECT_EQ(Money::of_minor(500), Money::of(5));
}

TEST(MoneyConstruction, FromUnitsAndDecimal) {
    EXPECT_I128_EQ(units(15'000).units(), 15'000);
    EXPECT_I128_EQ(Money(Decimal<4>::parse("1.5"), Currency::USD).units(), 15'000);
    EXPECT_EQ(Money(Decimal<4>::parse("1.5"), Currency::USD).currency(), Currency::USD);
    EXPECT_EQ(Money(Decimal<4>::parse("1.5")).currency(), Currency::CNY);
    EXPECT_EQ(units(12'345).amount(), Decimal<4>::parse("1.2345"));
}

TEST(MoneyConstruction, MaxUnitsBoundary) {
    EXPECT_I128_EQ(Money::max_units(), kMaxUnits);
    EXPECT_I128_EQ(Money::min_units(), kMinUnits);
    EXPECT_I128_EQ(units(kMaxUnits).units(), kMaxUnits);
    EXPECT_I128_EQ(units(-kMaxUnits).units(), -kMaxUnits);
    EXPECT_I128_EQ(units(kMinUnits).units(), kMinUnits);
    EXPECT_THROW((void)units(kMaxUnits + 1), OverflowError);
    EXPECT_THROW((void)units(kMinUnits - 1), OverflowError);
    EXPECT_EQ(units(kMinUnits, Currency::HKD).currency(), Currency::HKD);
    // Decimal<4>::max() is far beyond Money's range.
    EXPECT_THROW((void)Money(Decimal<4>::max()), OverflowError);
    // The currency byte survives the largest amounts.
    EXPECT_EQ(units(-kMaxUnits, Currency::GBP).currency(), Currency::GBP);
    EXPECT_I128_EQ(units(-kMaxUnits, Currency::GBP).units(), -kMaxUnits);
}

TEST(MoneyConstruction, LiteralParsesCny) {
    using namespace parkinvest::literals;
    EXPECT_I128_EQ(("605.6亿"_cny).units(), 605'600'000'000'000);  // 60,560,000,000 yuan * 10^4
    EXPECT_EQ(("605.6亿"_cny).currency(), Currency::CNY);
}

// ---------------------------------------------------------------------------------------------
// The amounts of the seed newspaper page, each parsed and checked against its exact value.

TEST(MoneyNewspaperAmounts, ParseToExactUnits) {
    struct Row {
        const char* text;
        std::int64_t units;  // yuan * 10^4, by hand
    };
    const Row rows[] = {
        {"605.6亿元", 605'600'000'000'000},  // 605.6 * 10^8 = 60,560,000,000 yuan
        {"100亿元", 100'000'000'000'000},    // 10^10 yuan
        {"10亿元", 10'000'000'000'000},      // 10^9 yuan (the fund)
        {"200亿元", 200'000'000'000'000},    // 2 * 10^10 yuan
        {"2亿元", 2'000'000'000'000},        // 2 * 10^8 yuan
        {"3.26亿元", 3'260'000'000'000},     // 326,000,000 yuan
        {"700万元", 70'000'000'000},         // 7,000,000 yuan
        {"2000万元", 200'000'000'000},       // 20,000,000 yuan
        {"1亿元", 1'000'000'000'000},        // 100,000,000 yuan
        {"95.9亿元", 95'900'000'000'000},    // 9,590,000,000 yuan
        {"2140万元", 214'000'000'000},       // 21,400,000 yuan
        {"80万元", 8'000'000'000},           // 800,000 yuan
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(r.text);
        const Money m = Money::parse(r.text);
        EXPECT_I128_EQ(m.units(), r.units);
        EXPECT_EQ(m.currency(), Currency::CNY);
    }
    // Cross-checks between the amounts.
    // 10亿 * 6056 = 6.056 * 10^12 = 605.6亿 * 100.
    EXPECT_EQ(Money::parse("10亿元") * 6056, Money::parse("605.6亿元") * 100);
    EXPECT_EQ(Money::parse("10亿元") * 20, Money::parse("200亿元"));
    EXPECT_EQ(Money::parse("2000万元") + Money::parse("140万元"), Money::parse("2140万元"));
    EXPECT_EQ(Money::parse("1亿元"), Money::of(100'000'000));
}

// ---------------------------------------------------------------------------------------------
// Addition, subtraction, negation

TEST(MoneyArithmetic, AddSubtractSameCurrency) {
    const Money a = Money::parse("605.6亿元");
    const Money b = Money::parse("95.9亿元");
    EXPECT_I128_EQ((a + b).units(), 701'500'000'000'000);  // 701.5亿
    EXPECT_I128_EQ((a - b).units(), 509'700'000'000'000);  // 509.7亿
    EXPECT_I128_EQ((b - a).units(), -509'700'000'000'000);
    Money c = a;
    c += b;
    EXPECT_EQ(c, a + b);
    c -= b;
    EXPECT_EQ(c, a);
    const Money usd = Money::of(5, Currency::USD) + Money::of_minor(25, Currency::USD);
    EXPECT_I128_EQ(usd.units(), 52'500);
    EXPECT_EQ(usd.currency(), Currency::USD);
    // Negative currency-tagged values keep their currency through + and -.
    const Money neg = Money::of(-5, Currency::GBP) - Money::of(7, Currency::GBP);
    EXPECT_I128_EQ(neg.units(), -120'000);
    EXPECT_EQ(neg.currency(), Currency::GBP);
    EXPECT_EQ(Money::of(-5, Currency::KRW) + Money::of(5, Currency::KRW), Money::of(0, Currency::KRW));
}

TEST(MoneyArithmetic, UnaryMinus) {
    EXPECT_EQ(-Money::of(5), Money::of(-5));
    EXPECT_EQ(-Money::of(5, Currency::EUR), Money::of(-5, Currency::EUR));
    EXPECT_EQ((-Money::of(5, Currency::EUR)).currency(), Currency::EUR);
    EXPECT_EQ(-units(kMaxUnits), units(-kMaxUnits));
    EXPECT_EQ(-Money(), Money());
    // -min_units() = 2^119 is one above max_units(): OverflowError, operand unchanged.
    const Money bottom = units(kMinUnits, Currency::EUR);
    EXPECT_THROW((void)(-bottom), OverflowError);
    EXPECT_EQ(bottom, units(kMinUnits, Currency::EUR));
    EXPECT_EQ(-units(kMinUnits + 1), units(kMaxUnits));
}

TEST(MoneyArithmetic, CurrencyMismatchThrowsWithCodes) {
    const Money cny = Money::of(1);
    const Money usd = Money::of(1, Currency::USD);
    try {
        (void)(cny + usd);
        ADD_FAILURE() << "no exception";
    } catch (const CurrencyMismatchError& e) {
        EXPECT_EQ(e.lhs(), "CNY");
        EXPECT_EQ(e.rhs(), "USD");
    }
    try {
        (void)(usd - cny);
        ADD_FAILURE() << "no exception";
    } catch (const CurrencyMismatchError& e) {
        EXPECT_EQ(e.lhs(), "USD");
        EXPECT_EQ(e.rhs(), "CNY");
    }
    Money acc = cny;
    EXPECT_THROW(acc += usd, CurrencyMismatchError);
    EXPECT_THROW(acc -= usd, CurrencyMismatchError);
    EXPECT_EQ(acc, Money::of(1));
    EXPECT_THROW((void)(Money::of(1, Currency::JPY) + Money::of(1, Currency::KRW)), CurrencyMismatchError);
}

TEST(MoneyComparison, EqualityAcrossCurrenciesIsFalse) {
    EXPECT_NE(Money::of(1), Money::of(1, Currency::USD));
    EXPECT_FALSE(Money::of(1) == Money::of(1, Currency::USD));
    EXPECT_NE(Money(), Money::of(0, Currency::USD));  // zero of two currencies is still unequal
    EXPECT_EQ(Money::of(1, Currency::USD), Money::of_minor(100, Currency::USD));
}

TEST(MoneyComparison, OrderingWithinOneCurrency) {
    EXPECT_LT(Money::of(1), Money::of(2));
    EXPECT_GT(Money::of(-1), Money::of(-2));
    EXPECT_LE(Money::of(2), Money::of(2));
    EXPECT_GE(Money::of(2), Money::of_minor(199));
    EXPECT_LT(units(-kMaxUnits), units(kMaxUnits));
    EXPECT_LT(Money::of(-1, Currency::USD), Money::of(0, Currency::USD));
}

TEST(MoneyComparison, OrderingAcrossCurrenciesThrows) {
    const Money cny = Money::of(1);
    const Money usd = Money::of(2, Currency::USD);
    EXPECT_THROW((void)(cny < usd), CurrencyMismatchError);
    EXPECT_THROW((void)(cny > usd), CurrencyMismatchError);
    EXPECT_THROW((void)(cny <= usd), CurrencyMismatchError);
    EXPECT_THROW((void)(cny >= usd), CurrencyMismatchError);
    EXPECT_THROW((void)(cny <=> usd), CurrencyMismatchError);
    try {
        (void)(usd < cny);
        ADD_FAILURE() << "no exception";
    } catch (const CurrencyMismatchError& e) {
        EXPECT_EQ(e.lhs(), "USD");
        EXPECT_EQ(e.rhs(), "CNY");
    }
}

// ---------------------------------------------------------------------------------------------
// Overflow: thrown, never wrapped, and the operand stays as it was.

TEST(MoneyOverflow, AddAndSubtractAtTheLimits) {
    Money top = units(kMaxUnits);
    const Money one = units(1);
    EXPECT_THROW((void)(top + one), OverflowError);
    EXPECT_THROW(top += one, OverflowError);
    EXPECT_EQ(top, units(kMaxUnits));
    EXPECT_THROW(top -= -one, OverflowError);
    EXPECT_EQ(top, units(kMaxUnits));
    EXPECT_EQ(top - one + one, units(kMaxUnits));

    Money bottom = units(kMinUnits, Currency::USD);
    const Money one_usd = units(1, Currency::USD);
    EXPECT_THROW((void)(bottom - one_usd), OverflowError);
    EXPECT_THROW(bottom -= one_usd, OverflowError);
    EXPECT_EQ(bottom, units(kMinUnits, Currency::USD));
    EXPECT_THROW(bottom += -one_usd, OverflowError);
    EXPECT_EQ(bottom, units(kMinUnits, Currency::USD));
    EXPECT_EQ(units(-kMaxUnits, Currency::USD) - one_usd, bottom);  // -(2^119 - 1) - 1 = -2^119
    EXPECT_THROW((void)(units(-1, Currency::USD) - units(kMaxUnits, Currency::USD) - one_usd), OverflowError);
    // max - min = 2^120 - 1 is far outside.
    EXPECT_THROW((void)(units(kMaxUnits) - units(kMinUnits)), OverflowError);
    EXPECT_I128_EQ((units(kMaxUnits) + units(kMinUnits)).units(), -1);
}

TEST(MoneyOverflow, SumBeyond119BitsButWithin128Throws) {
    // 2^118 + 2^118 = 2^119 = max_units() + 1: fits __int128 easily, must still throw.
    const Money half = units(kTwoPow118);
    EXPECT_THROW((void)(half + half), OverflowError);
    EXPECT_I128_EQ((-half - half).units(), kMinUnits);  // -2^119 is the minimum itself
    EXPECT_THROW((void)(-half - half - units(1)), OverflowError);
    EXPECT_THROW((void)(-half - (half + units(1))), OverflowError);
    EXPECT_I128_EQ((half + units(kTwoPow118 - 1)).units(), kMaxUnits);
    EXPECT_I128_EQ((-half - units(kTwoPow118 - 1)).units(), -kMaxUnits);
}

TEST(MoneyOverflow, MultiplyByInteger) {
    EXPECT_I128_EQ((Money::of(3) * 4).units(), 120'000);
    EXPECT_I128_EQ((4 * Money::of(3)).units(), 120'000);
    EXPECT_I128_EQ((Money::of(-3) * -4).units(), 120'000);
    EXPECT_EQ((Money::of(3, Currency::HKD) * 2).currency(), Currency::HKD);
    const Money half = units(kTwoPow118);
    EXPECT_THROW((void)(half * 2), OverflowError);  // 2^119 > max_units()
    EXPECT_I128_EQ((units(kTwoPow118 - 1) * 2).units(), kMaxUnits - 1);
    const Money top = units(kMaxUnits);
    EXPECT_THROW((void)(top * std::numeric_limits<std::int64_t>::max()), OverflowError);
    EXPECT_THROW((void)(top * -2), OverflowError);
    EXPECT_EQ(top * -1, units(-kMaxUnits));
    EXPECT_EQ(top, units(kMaxUnits));
    // 2^118 * -2 = -2^119 = min_units(): fits; min_units() * -1 does not.
    EXPECT_I128_EQ((half * -2).units(), kMinUnits);
    EXPECT_THROW((void)(units(kMinUnits) * -1), OverflowError);
}

#if PARKINVEST_HAS_INT128
TEST(MoneyOverflow, MultiplyByA128BitIntegerNeverWraps) {
    using parkinvest::detail::u128;
    // 2^127 as an unsigned __int128 converted to __int128 would wrap to -2^127: it overflows
    // instead; the most negative __int128 likewise. Zero times either is still zero.
    const u128 two_pow_127 = static_cast<u128>(1) << 127;
    const i128 most_negative = -parkinvest::detail::i128_max() - 1;
    EXPECT_THROW((void)(units(1) * two_pow_127), OverflowError);
    EXPECT_THROW((void)(units(-1) * most_negative), OverflowError);
    EXPECT_THROW((void)Money::of(two_pow_127), OverflowError);
    EXPECT_THROW((void)Money::of_minor(most_negative), OverflowError);
    EXPECT_EQ(units(0) * two_pow_127, units(0));
    EXPECT_EQ(most_negative * units(0), units(0));
    // Within range: 3 units * 2^100 and 2^100 units * 3 agree, and m * m.units() squares units.
    const i128 two_pow_100 = static_cast<i128>(1) << 100;
    EXPECT_I128_EQ((units(3) * two_pow_100).units(), 3 * two_pow_100);
    EXPECT_I128_EQ((units(12'345) * units(12'345).units()).units(), 152'399'025);  // 12345^2
    EXPECT_I128_EQ((static_cast<u128>(7) * units(-6)).units(), -42);
}
#endif

// ---------------------------------------------------------------------------------------------
// Money * Decimal

// kTenths and kRoundingTable (support/test_support.hpp): rounding 5.5, 2.5, 1.6, 1.1, 1.0, -1.0,
// -1.1, -1.6, -2.5, -5.5 to an integer (the java.math.RoundingMode table).

TEST(MoneyMulDecimal, FastPathEveryMode) {
    // units * 0.1: 55 units * 0.1 = 5.5 units, rounded to whole units (1/10,000 yuan).
    const auto tenth = Decimal<1>::parse("0.1");
    const auto minus_tenth = Decimal<1>::parse("-0.1");
    for (const auto& row : kRoundingTable) {
        for (int i = 0; i < 10; ++i) {
            SCOPED_TRACE(std::string(parkinvest::to_string(row.mode)) + " " + std::to_string(kTenths[i]));
            EXPECT_I128_EQ(units(kTenths[i]).mul(tenth, row.mode).units(), row.expected[i]);
            // A negative factor: (-x) * (-0.1) = x * 0.1.
            EXPECT_I128_EQ(units(-kTenths[i]).mul(minus_tenth, row.mode).units(), row.expected[i]);
            EXPECT_EQ(units(kTenths[i], Currency::JPY).mul(tenth, row.mode).currency(), Currency::JPY);
        }
    }
    EXPECT_THROW((void)units(55).mul(tenth, RoundingMode::unnecessary), InexactRoundingError);
    EXPECT_EQ(units(50).mul(tenth, RoundingMode::unnecessary), units(5));
}

TEST(MoneyMulDecimal, RealisticRates) {
    // 100元 * 3% = 3元 exactly.
    EXPECT_EQ(Money::of(100).mul(Decimal<2>::parse("0.03"), RoundingMode::unnecessary), Money::of(3));
    // 605.6亿 * 0.442 = 267.6752亿 = 26,767,520,000 yuan.
    EXPECT_EQ(Money::parse("605.6亿").mul(Decimal<3>::parse("0.442"), RoundingMode::unnecessary),
              Money::of(26'767'520'000));
    // 0.0003元 * 0.5 = 0.00015元 = 1.5 units -> 2 (HALF_UP), 2 (HALF_EVEN: 1 is odd), 1 (HALF_DOWN).
    const Money m = Money::parse("0.0003");
    const auto half = Decimal<1>::parse("0.5");
    EXPECT_I128_EQ(m.mul(half, RoundingMode::half_up).units(), 2);
    EXPECT_I128_EQ(m.mul(half, RoundingMode::half_even).units(), 2);
    EXPECT_I128_EQ(m.mul(half, RoundingMode::half_down).units(), 1);
    // 1.23元 * 1.0825 (tax) = 1.331475元 = 13314.75 units -> 13315 HALF_UP, 13314 DOWN.
    EXPECT_I128_EQ(Money::parse("1.23").mul(Decimal<4>::parse("1.0825"), RoundingMode::half_up).units(), 13315);
    EXPECT_I128_EQ(Money::parse("1.23").mul(Decimal<4>::parse("1.0825"), RoundingMode::down).units(), 13314);
}

TEST(MoneyMulDecimal, Int128PathTies) {
    // 10^20 + 5 units does not fit 64 bits; * 0.1 = 10^19 + 0.5 units, a tie; 10^19 is even.
    const i128 u = big("100000000000000000005");
    const i128 q = big("10000000000000000000");
    const auto tenth = Decimal<1>::parse("0.1");
    EXPECT_I128_EQ(units(u).mul(tenth, RoundingMode::half_even).units(), q);
    EXPECT_I128_EQ(units(u).mul(tenth, RoundingMode::half_up).units(), q + 1);
    EXPECT_I128_EQ(units(u).mul(tenth, RoundingMode::half_down).units(), q);
    EXPECT_I128_EQ(units(u).mul(tenth, RoundingMode::up).units(), q + 1);
    EXPECT_I128_EQ(units(-u).mul(tenth, RoundingMode::floor).units(), -q - 1);
    EXPECT_I128_EQ(units(-u).mul(tenth, RoundingMode::ceiling).units(), -q);
    // A 64-bit amount whose product with the factor leaves 64 bits: 9 * 10^18 units * 10.0000.
    const i128 nine_e18 = big("9000000000000000000");
    EXPECT_I128_EQ(units(nine_e18).mul(Decimal<4>(10), RoundingMode::unnecessary).units(), nine_e18 * 10);
}

TEST(MoneyMulDecimal, WidePathEveryMode) {
    // u = 3 * 10^33 + 1 units, factor 50.5 (505000 at scale 4): u * 505000 ~ 1.5 * 10^39 > 2^127,
    // so the 256-bit path runs. Exact result: u * 50.5 = 151.5 * 10^33 + 50.5
    //                                                = 1515 * 10^32 + 50.5 units, a tie.
    const i128 u = big("3000000000000000000000000000000001");
    const i128 base = big("151500000000000000000000000000000000");  // 1515 * 10^32
    const auto factor = Decimal<4>::parse("50.5");
    struct Row {
        RoundingMode mode;
        int positive_extra;  // result = base + extra
        int negative_extra;  // result = -(base + extra)
    };
    const Row rows[] = {
        {RoundingMode::up, 51, 51},        {RoundingMode::down, 50, 50},      {RoundingMode::ceiling, 51, 50},
        {RoundingMode::floor, 50, 51},     {RoundingMode::half_up, 51, 51},   {RoundingMode::half_down, 50, 50},
        {RoundingMode::half_even, 50, 50},  // ...050 is even: stays
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(parkinvest::to_string(r.mode));
        EXPECT_I128_EQ(units(u).mul(factor, r.mode).units(), base + r.positive_extra);
        EXPECT_I128_EQ(units(-u).mul(factor, r.mode).units(), -(base + r.negative_extra));
    }
    EXPECT_THROW((void)units(u).mul(factor, RoundingMode::unnecessary), InexactRoundingError);
}

TEST(MoneyMulDecimal, WidePathScaleAbove18) {
    // factor 100000000.5 at scale 30 = 10^38 + 5 * 10^29 units; 3 units * factor = 300000001.5 units.
    const auto factor = Decimal<30>::parse("100000000.5");
    EXPECT_I128_EQ(units(3).mul(factor, RoundingMode::half_even).units(), 300'000'002);  // 300000001 odd
    EXPECT_I128_EQ(units(3).mul(factor, RoundingMode::half_down).units(), 300'000'001);
    EXPECT_I128_EQ(units(-3).mul(factor, RoundingMode::ceiling).units(), -300'000'001);
    EXPECT_I128_EQ(units(-3).mul(factor, RoundingMode::floor).units(), -300'000'002);
}

TEST(MoneyMulDecimal, HugeAmountsOverflowAtMaxUnits) {
    const i128 e34 = big("10000000000000000000000000000000000");  // 10^30 yuan
    const Money m = units(e34);
    // * 60 = 6 * 10^35 <= 6.646... * 10^35: fits (128-bit path for Decimal<0>, 256-bit for Decimal<4>).
    EXPECT_I128_EQ(m.mul(Decimal<0>(60), RoundingMode::unnecessary).units(), e34 * 60);
    EXPECT_I128_EQ(m.mul(Decimal<4>(60), RoundingMode::unnecessary).units(), e34 * 60);
    EXPECT_I128_EQ(m.mul(Decimal<4>(66), RoundingMode::unnecessary).units(), e34 * 66);
    // * 67 = 6.7 * 10^35 > max_units(): OverflowError, not wrapping, operand unchanged.
    EXPECT_THROW((void)m.mul(Decimal<0>(67), RoundingMode::half_up), OverflowError);
    EXPECT_THROW((void)m.mul(Decimal<4>(67), RoundingMode::half_up), OverflowError);
    EXPECT_THROW((void)m.mul(Decimal<4>(-67), RoundingMode::half_up), OverflowError);
    EXPECT_THROW((void)m.mul(Decimal<10>(100000), RoundingMode::half_up), OverflowError);
    EXPECT_EQ(m, units(e34));
}

// ---------------------------------------------------------------------------------------------
// Money / integer, Money / Money

TEST(MoneyDiv, ByIntegerRounds) {
    // 100元 / 3 = 33.3333|33... -> 333333 units (HALF_UP, DOWN), 333334 (UP)
    EXPECT_I128_EQ(Money::of(100).div(3, RoundingMode::half_up).units(), 333'333);
    EXPECT_I128_EQ(Money::of(100).div(3, RoundingMode::up).units(), 333'334);
    EXPECT_I128_EQ(Money::of(-100).div(3, RoundingMode::floor).units(), -333'334);
    EXPECT_I128_EQ(Money::of(-100).div(3, RoundingMode::ceiling).units(), -333'333);
    EXPECT_I128_EQ(Money::of(100).div(-3, RoundingMode::floor).units(), -333'334);
    EXPECT_I128_EQ(Money::of(1).div(8, RoundingMode::unnecessary).units(), 1250);
    EXPECT_I128_EQ(units(5).div(2, RoundingMode::half_even).units(), 2);  // 2.5 -> 2
    EXPECT_I128_EQ(units(7).div(2, RoundingMode::half_even).units(), 4);  // 3.5 -> 4
    EXPECT_EQ(Money::of(9, Currency::EUR).div(3, RoundingMode::unnecessary), Money::of(3, Currency::EUR));
    EXPECT_THROW((void)units(7).div(2, RoundingMode::unnecessary), InexactRoundingError);
    EXPECT_EQ(units(kMaxUnits).div(-1, RoundingMode::unnecessary), units(-kMaxUnits));
    // min_units() / -1 = 2^119 > max_units().
    EXPECT_THROW((void)units(kMinUnits).div(-1, RoundingMode::unnecessary), OverflowError);
    EXPECT_I128_EQ(units(kMinUnits).div(2, RoundingMode::unnecessary).units(), -kTwoPow118);
}

TEST(MoneyDiv, ByZeroThrows) {
    EXPECT_THROW((void)Money::of(1).div(0, RoundingMode::half_up), DivisionByZeroError);
    EXPECT_THROW((void)(Money::of(1) / Money()), DivisionByZeroError);
}

#if PARKINVEST_HAS_INT128
TEST(MoneyDiv, ByA128BitIntegerBeyondTheSymmetricRange) {
    // The most negative __int128 (-2^127) cannot be negated, and an unsigned __int128 above
    // 2^127 - 1 cannot be converted: both exceed every amount (at most 2^127 - 1 units), so the
    // quotient is 0 or one unit (1/10,000 yuan) by the rounding mode. UBSan runs this in CI.
    using parkinvest::detail::i128;
    using parkinvest::detail::u128;
    if constexpr (parkinvest::detail::Integer<i128>) {
        const i128 most_negative = -parkinvest::detail::i128_max() - 1;
        const u128 largest = ~static_cast<u128>(0);
        const Money unit = Money::from_units(1, Currency::CNY);
        const Money zero = Money::from_units(0, Currency::CNY);
        const Money small = Money::from_units(5, Currency::CNY);
        const Money big = Money::from_units(Money::max_units(), Currency::CNY);  // 2^119 - 1 units
        // 5 / -2^127: a tiny negative quotient.
        EXPECT_EQ(small.div(most_negative, RoundingMode::half_up), zero);
        EXPECT_EQ(small.div(most_negative, RoundingMode::up), -unit);
        EXPECT_EQ(small.div(most_negative, RoundingMode::down), zero);
        EXPECT_EQ(small.div(most_negative, RoundingMode::ceiling), zero);
        EXPECT_EQ(small.div(most_negative, RoundingMode::floor), -unit);
        EXPECT_THROW((void)small.div(most_negative, RoundingMode::unnecessary), InexactRoundingError);
        // The largest amount is still far below half of 2^127: the half modes give 0.
        EXPECT_EQ(big.div(most_negative, RoundingMode::half_up), zero);
        EXPECT_EQ((-big).div(most_negative, RoundingMode::ceiling), unit);
        EXPECT_EQ(big.div(largest, RoundingMode::half_even), zero);
        EXPECT_EQ(big.div(largest, RoundingMode::up), unit);
        EXPECT_EQ((-big).div(largest, RoundingMode::floor), -unit);
        EXPECT_EQ(zero.div(most_negative, RoundingMode::unnecessary), zero);
        // The half modes on the whole 128-bit range (the rounding helper Money uses):
        // (2^127 - 1) / -2^127 is just above -1, (2^127 - 1) / (2^128 - 1) just below 1/2.
        using parkinvest::detail::div_round_integer;
        const i128 top = parkinvest::detail::i128_max();
        EXPECT_TRUE(div_round_integer(top, most_negative, RoundingMode::half_up, "test") == -1);
        EXPECT_TRUE(div_round_integer(top, most_negative, RoundingMode::half_down, "test") == -1);
        EXPECT_TRUE(div_round_integer(-top, most_negative, RoundingMode::half_even, "test") == 1);
        EXPECT_TRUE(div_round_integer(top, most_negative, RoundingMode::down, "test") == 0);
        EXPECT_TRUE(div_round_integer(top, largest, RoundingMode::half_up, "test") == 0);
        EXPECT_TRUE(div_round_integer(top, largest, RoundingMode::ceiling, "test") == 1);
        // A tie: 2^126 / -2^127 is exactly -1/2.
        const i128 half = static_cast<i128>(1) << 126;
        EXPECT_TRUE(div_round_integer(half, most_negative, RoundingMode::half_up, "test") == -1);
        EXPECT_TRUE(div_round_integer(half, most_negative, RoundingMode::half_down, "test") == 0);
        EXPECT_TRUE(div_round_integer(half, most_negative, RoundingMode::half_even, "test") == 0);
        // Within the range nothing changes: 10 units / -4 = -2.5 → -3 (half_up), -2 (half_even).
        const Money ten = Money::from_units(10, Currency::CNY);
        EXPECT_EQ(ten.div(static_cast<i128>(-4), RoundingMode::half_up), Money::from_units(-3, Currency::CNY));
        EXPECT_EQ(ten.div(static_cast<u128>(4), RoundingMode::half_even), Money::from_units(2, Currency::CNY));
    }
}
#endif

TEST(MoneyDiv, UnnecessaryRoundingNamesTheModeAsSpelled) {
    try {
        (void)Money::parse("1元").div(3, RoundingMode::unnecessary);
        ADD_FAILURE() << "expected InexactRoundingError";
    } catch (const InexactRoundingError& e) {
        EXPECT_NE(std::string(e.what()).find("RoundingMode::unnecessary"), std::string::npos) << e.what();
    }
}

/// The InexactRoundingError of `operation()` as "what() [operation()]".
template <class F>
std::string inexact_message(F&& operation) {
    try {
        (void)operation();
    } catch (const InexactRoundingError& e) {
        return std::string(e.what()) + " [" + e.operation() + "]";
    }
    return "no InexactRoundingError";
}

TEST(MoneyArithmetic, UnnecessaryRoundingNamesTheOperandsOfEveryOperation) {
    // The message of each operation that rounds: its operands as written by to_string(), and the
    // precision of the result (Money keeps 4 decimals of the unit; a Decimal its scale).
    const auto unnecessary = RoundingMode::unnecessary;
    EXPECT_EQ(inexact_message([&] { return Money::parse("1元").div(3, unnecessary); }),
              "parkinvest: 1.00 CNY / 3 cannot be rounded to 4 decimals under RoundingMode::unnecessary (Money / integer)"
              " [Money / integer]");
#if PARKINVEST_HAS_INT128
    // An unsigned 128-bit divisor above 2^127 - 1, written out in full.
    const auto huge = static_cast<parkinvest::detail::u128>(1) << 127;
    EXPECT_EQ(inexact_message([&] { return Money::parse("1元").div(huge, unnecessary); }),
              "parkinvest: 1.00 CNY / 170141183460469231731687303715884105728 cannot be rounded to 4 decimals under "
              "RoundingMode::unnecessary (Money / integer) [Money / integer]");
#endif
    EXPECT_EQ(inexact_message([&] { return Money::parse("0.0005元").mul(Decimal<1>::parse("0.5"), unnecessary); }),
              "parkinvest: 0.0005 CNY × 0.5 cannot be rounded to 4 decimals under RoundingMode::unnecessary (Money * Decimal)"
              " [Money * Decimal]");
    EXPECT_EQ(inexact_message([&] { return Money::parse("1元").mul(parkinvest::Ratio(1, 3), unnecessary); }),
              "parkinvest: 1.00 CNY × 1/3 cannot be rounded to 4 decimals under RoundingMode::unnecessary (Money * Ratio)"
              " [Money * Ratio]");
    const ExchangeRate usd(Currency::USD, Currency::CNY, Decimal<ExchangeRate::scale>::parse("7.0795"));
    EXPECT_EQ(inexact_message([&] { return usd.convert(Money::parse("0.01 USD"), unnecessary); }),
              "parkinvest: 0.01 USD × 7.0795 (USD/CNY) cannot be rounded to 4 decimals under RoundingMode::unnecessary "
              "(ExchangeRate::convert) [ExchangeRate::convert]");
    EXPECT_EQ(inexact_message([&] { return usd.inverse(unnecessary); }),
              "parkinvest: 1 / 7.0795 cannot be rounded to " + std::to_string(ExchangeRate::scale) +
                  " decimals under RoundingMode::unnecessary (ExchangeRate::inverse) [ExchangeRate::inverse]");
    EXPECT_EQ(inexact_message([&] { return Decimal<2>::parse("1").div(Decimal<0>(3), unnecessary); }),
              "parkinvest: 1 / 3 cannot be rounded to 2 decimals under RoundingMode::unnecessary (Decimal / Decimal)"
              " [Decimal / Decimal]");
    EXPECT_EQ(inexact_message([&] { return Decimal<2>::parse("0.05").mul(Decimal<1>::parse("0.5"), unnecessary); }),
              "parkinvest: 0.05 × 0.5 cannot be rounded to 2 decimals under RoundingMode::unnecessary (Decimal * Decimal)"
              " [Decimal * Decimal]");
    EXPECT_EQ(inexact_message([&] { return Decimal<2>::parse("0.05").div(-2, unnecessary); }),
              "parkinvest: 0.05 / -2 cannot be rounded to 2 decimals under RoundingMode::unnecessary (Decimal / integer)"
              " [Decimal / integer]");
    EXPECT_EQ(inexact_message([&] { return Decimal<2>::parse("1250").round(-2, unnecessary); }),
              "parkinvest: 1250 cannot be rounded to a multiple of 10^2 under RoundingMode::unnecessary (Decimal::round)"
              " [Decimal::round]");
    EXPECT_EQ(inexact_message([&] { return Decimal<3>::parse("1.005").rescale<2>(unnecessary); }),
              "parkinvest: 1.005 cannot be rounded to 2 decimals under RoundingMode::unnecessary (Decimal::rescale)"
              " [Decimal::rescale]");
    EXPECT_EQ(inexact_message([&] { return parkinvest::Ratio(2, 3).to_decimal<3>(unnecessary); }),
              "parkinvest: 2/3 cannot be rounded to 3 decimals under RoundingMode::unnecessary (Ratio to decimal)"
              " [Ratio to decimal]");
    // Exact results need no rounding and raise nothing.
    EXPECT_EQ(Money::parse("1元").div(4, unnecessary), Money::parse("0.25元"));
    EXPECT_EQ(Decimal<2>::parse("1200").round(-2, unnecessary), Decimal<2>::parse("1200"));
}

#if PARKINVEST_HAS_INT128
TEST(IntegerOperands, UnsignedAndMostNegative128BitValuesAreRefusedNotWrapped) {
    using parkinvest::detail::u128;
    // Unsigned values above 2^127 - 1 that a plain cast wraps into range: 2^127 + 1 becomes
    // -(2^127 - 1), 2^128 - 1 becomes -1.
    const u128 above = (static_cast<u128>(1) << 127) + 1;
    const u128 all_ones = ~static_cast<u128>(0);
    const i128 most_negative = -parkinvest::detail::i128_max() - 1;
    for (const u128 v : {above, all_ones}) {
        EXPECT_THROW((void)Decimal<0>(v), OverflowError);
        EXPECT_THROW((void)(Decimal<0>(1) * v), OverflowError);
        EXPECT_THROW((void)(v * Decimal<0>(1)), OverflowError);
        EXPECT_THROW((void)parkinvest::Ratio(v), OverflowError);
        EXPECT_THROW((void)parkinvest::Area::of(v, parkinvest::Area::Unit::square_metre), OverflowError);
        EXPECT_THROW((void)(parkinvest::Area::of(1, parkinvest::Area::Unit::square_metre) * v), OverflowError);
        // Dividing by them is exact: 0 < 5 / v < 1, so up gives 1 and down 0 (a wrapped divisor
        // would be negative: -1 and 0, or -5 for all ones).
        EXPECT_EQ(Decimal<0>(5).div(v, RoundingMode::up), Decimal<0>(1));
        EXPECT_EQ(Decimal<0>(5).div(v, RoundingMode::down), Decimal<0>(0));
    }
    EXPECT_THROW((void)Decimal<0>(most_negative), OverflowError);
    EXPECT_THROW((void)parkinvest::Ratio(most_negative), OverflowError);
    EXPECT_EQ(Decimal<0>(5).div(most_negative, RoundingMode::up), Decimal<0>(-1));
    // The divisor as written in the message, not negated or wrapped.
    EXPECT_EQ(inexact_message([&] { return Decimal<0>(5).div(most_negative, RoundingMode::unnecessary); }),
              "parkinvest: 5 / -170141183460469231731687303715884105728 cannot be rounded to 0 decimals "
              "under RoundingMode::unnecessary (Decimal / integer) [Decimal / integer]");
    EXPECT_EQ(inexact_message([&] { return Decimal<0>(5).div(all_ones, RoundingMode::unnecessary); }),
              "parkinvest: 5 / 340282366920938463463374607431768211455 cannot be rounded to 0 decimals "
              "under RoundingMode::unnecessary (Decimal / integer) [Decimal / integer]");
    // In range they are exact.
    const u128 fits = (static_cast<u128>(1) << 100) + 7;
    EXPECT_EQ(parkinvest::Ratio(fits).numerator(), static_cast<i128>(fits));
    EXPECT_EQ(Decimal<0>(fits).units(), static_cast<i128>(fits));
}
#endif

TEST(MoneyRounded, UnnecessaryRoundingNamesTheValue) {
    const auto message = [](const Money& m, auto&& round) {
        try {
            (void)round(m);
        } catch (const InexactRoundingError& e) {
            EXPECT_EQ(e.operation(), "Money::rounded");
            return std::string(e.what());
        }
        return std::string("no InexactRoundingError");
    };
    const Money m = Money::parse("1.2345");
    EXPECT_EQ(message(m, [](const Money& x) { return x.rounded(2, RoundingMode::unnecessary); }),
              "parkinvest: 1.2345 CNY cannot be rounded to 2 decimals under RoundingMode::unnecessary");
    EXPECT_EQ(message(m, [](const Money& x) { return x.rounded(RoundingMode::unnecessary); }),
              "parkinvest: 1.2345 CNY cannot be rounded to 2 decimals under RoundingMode::unnecessary");
    EXPECT_EQ(message(-m, [](const Money& x) { return x.rounded(1, RoundingMode::unnecessary); }),
              "parkinvest: -1.2345 CNY cannot be rounded to 1 decimal under RoundingMode::unnecessary");
    EXPECT_EQ(message(Money::parse("2.5 JPY"), [](const Money& x) { return x.rounded(RoundingMode::unnecessary); }),
              "parkinvest: 2.5 JPY cannot be rounded to 0 decimals under RoundingMode::unnecessary");
    // 605.63亿 to 1 decimal of 亿 is a multiple of 10^7 yuan.
    EXPECT_EQ(message(Money::parse("605.63亿"),
                      [](const Money& x) { return x.rounded(MoneyUnit::yi, 1, RoundingMode::unnecessary); }),
              "parkinvest: 60563000000.00 CNY cannot be rounded to a multiple of 10^7 CNY under RoundingMode::unnecessary");
    // Beyond every amount: a step of 10^39 units.
    EXPECT_EQ(message(Money::of(1), [](const Money& x) { return x.rounded(-35, RoundingMode::unnecessary); }),
              "parkinvest: 1.00 CNY cannot be rounded to a multiple of 10^35 CNY under RoundingMode::unnecessary");
    // Exact: no error.
    EXPECT_EQ(Money::parse("605.6亿").rounded(MoneyUnit::yi, 1, RoundingMode::unnecessary), Money::parse("605.6亿"));
    EXPECT_EQ(Money::of(0).rounded(-35, RoundingMode::unnecessary), Money::of(0));
}

TEST(MoneyDiv, MoneyByMoneyIsAnExactReducedRatio) {
    const Ratio r = Money::of(30) / Money::of(70);
    EXPECT_I128_EQ(r.numerator(), 3);
    EXPECT_I128_EQ(r.denominator(), 7);
    // 605.6亿 / 100亿 = 6.056 = 6056/1000 = 757/125 (divide by 8).
    const Ratio s = Money::parse("605.6亿元") / Money::parse("100亿元");
    EXPECT_I128_EQ(s.numerator(), 757);
    EXPECT_I128_EQ(s.denominator(), 125);
    const Ratio t = Money::of(-1, Currency::USD) / Money::of(2, Currency::USD);
    EXPECT_EQ(t, Ratio(-1, 2));
    EXPECT_EQ(Money::of(5) / Money::of(-10), Ratio(-1, 2));
    EXPECT_EQ(units(kMaxUnits) / units(kMaxUnits), Ratio(1));
    try {
        (void)(Money::of(1) / Money::of(1, Currency::JPY));
        ADD_FAILURE() << "no exception";
    } catch (const CurrencyMismatchError& e) {
        EXPECT_EQ(e.lhs(), "CNY");
        EXPECT_EQ(e.rhs(), "JPY");
    }
}

// ---------------------------------------------------------------------------------------------
// Rounding to minor units, decimals and reporting units

TEST(MoneyRounded, ToMinorUnit) {
    // 1.005元 = 100.5分: a tie between 1.00 and 1.01; 100 is even.
    const Money m = Money::parse("1.005");
    EXPECT_I128_EQ(m.rounded(RoundingMode::half_up).units(), 10'100);
    EXPECT_I128_EQ(m.rounded(RoundingMode::half_even).units(), 10'000);
    EXPECT_I128_EQ(m.rounded(RoundingMode::half_down).units(), 10'000);
    EXPECT_I128_EQ(m.rounded(RoundingMode::up).units(), 10'100);
    EXPECT_I128_EQ(m.rounded(RoundingMode::down).units(), 10'000);
    EXPECT_I128_EQ((-m).rounded(RoundingMode::half_up).units(), -10'100);
    EXPECT_I128_EQ((-m).rounded(RoundingMode::floor).units(), -10'100);
    EXPECT_I128_EQ((-m).rounded(RoundingMode::ceiling).units(), -10'000);
    // 1.015元 = 101.5分: 101 is odd, HALF_EVEN goes to 1.02.
    EXPECT_I128_EQ(Money::parse("1.015").rounded(RoundingMode::half_even).units(), 10'200);
    // 1.0049元 rounds to 1.00 under every HALF mode.
    EXPECT_I128_EQ(Money::parse("1.0049").rounded(RoundingMode::half_up).units(), 10'000);
    EXPECT_THROW((void)m.rounded(RoundingMode::unnecessary), InexactRoundingError);
    EXPECT_EQ(Money::parse("1.01").rounded(RoundingMode::unnecessary), Money::parse("1.01"));
}

TEST(MoneyRounded, JpyRoundsToWholeYen) {
    EXPECT_EQ(Money::parse("2.5 JPY").rounded(RoundingMode::half_even), Money::of(2, Currency::JPY));
    EXPECT_EQ(Money::parse("3.5 JPY").rounded(RoundingMode::half_even), Money::of(4, Currency::JPY));
    EXPECT_EQ(Money::parse("2.5 JPY").rounded(RoundingMode::half_up), Money::of(3, Currency::JPY));
    EXPECT_EQ(Money::parse("-2.4 JPY").rounded(RoundingMode::floor), Money::of(-3, Currency::JPY));
}

TEST(MoneyRounded, ToDecimalsIncludingNegative) {
    EXPECT_EQ(Money::of(1234).rounded(-2, RoundingMode::half_up), Money::of(1200));
    EXPECT_EQ(Money::of(1250).rounded(-2, RoundingMode::half_even), Money::of(1200));  // 12.5 hundreds, 12 even
    EXPECT_EQ(Money::of(1350).rounded(-2, RoundingMode::half_even), Money::of(1400));  // 13.5 hundreds, 13 odd
    EXPECT_EQ(Money::of(1250).rounded(-2, RoundingMode::half_up), Money::of(1300));
    EXPECT_EQ(Money::of(-1250).rounded(-2, RoundingMode::half_up), Money::of(-1300));
    EXPECT_EQ(Money::parse("1.2346").rounded(3, RoundingMode::half_up), Money::parse("1.235"));  // 1.234|6 -> 1.235
    EXPECT_EQ(Money::parse("1.2345").rounded(3, RoundingMode::half_even), Money::parse("1.234"));  // tie, 1234 even
    // Money keeps 4 decimals: 4 and more is exact.
    EXPECT_EQ(Money::parse("1.2345").rounded(4, RoundingMode::unnecessary), Money::parse("1.2345"));
    EXPECT_EQ(Money::parse("1.2345").rounded(9, RoundingMode::unnecessary), Money::parse("1.2345"));
    // decimals -35: a step of 10^39 units, beyond every amount: half_up gives 0, up overflows.
    EXPECT_EQ(Money::of(1).rounded(-35, RoundingMode::half_up), Money::of(0));
    EXPECT_THROW((void)Money::of(1).rounded(-35, RoundingMode::up), OverflowError);
    EXPECT_EQ(Money::of(1).rounded(std::numeric_limits<int>::min(), RoundingMode::down), Money::of(0));
    EXPECT_EQ(Money::of(1).rounded(MoneyUnit::yi, std::numeric_limits<int>::max(), RoundingMode::unnecessary), Money::of(1));
}

TEST(MoneyRounded, ToReportingUnit) {
    // 605.63亿 -> 605.6亿 (HALF_UP): units 605,630,000,000,000 / 10^11 = 6056.3 -> 6056.
    const Money a = Money::parse("605.63亿元");
    EXPECT_I128_EQ(a.rounded(MoneyUnit::yi, 1, RoundingMode::half_up).units(), 605'600'000'000'000);
    // 605.65亿: tie; 6056 is even, so HALF_EVEN -> 605.6亿, HALF_UP -> 605.7亿.
    const Money b = Money::parse("605.65亿元");
    EXPECT_I128_EQ(b.rounded(MoneyUnit::yi, 1, RoundingMode::half_even).units(), 605'600'000'000'000);
    EXPECT_I128_EQ(b.rounded(MoneyUnit::yi, 1, RoundingMode::half_up).units(), 605'700'000'000'000);
    EXPECT_I128_EQ((-b).rounded(MoneyUnit::yi, 1, RoundingMode::half_up).units(), -605'700'000'000'000);
    // 605.75亿: 6057 odd -> HALF_EVEN 605.8亿.
    EXPECT_I128_EQ(Money::parse("605.75亿").rounded(MoneyUnit::yi, 1, RoundingMode::half_even).units(),
                   605'800'000'000'000);
    // 2140万 to whole 亿 is 0亿 (0.214亿), 2140万 to 1 decimal of 亿 is 0.2亿.
    EXPECT_TRUE(Money::parse("2140万").rounded(MoneyUnit::yi, 0, RoundingMode::half_up).is_zero());
    EXPECT_EQ(Money::parse("2140万").rounded(MoneyUnit::yi, 1, RoundingMode::half_up), Money::parse("0.2亿"));
    EXPECT_EQ(Money::parse("2140万").rounded(MoneyUnit::wan, 0, RoundingMode::unnecessary), Money::parse("2140万"));
    EXPECT_EQ(Money::parse("3.26亿").rounded(MoneyUnit::billion, 1, RoundingMode::half_up), Money::parse("0.3 billion"));
    EXPECT_EQ(Money::parse("1.1万亿").rounded(MoneyUnit::wan_yi, 0, RoundingMode::half_up), Money::parse("1万亿"));
    // Rounding up past the range throws.
    EXPECT_THROW((void)units(kMaxUnits).rounded(MoneyUnit::yi, 0, RoundingMode::up), OverflowError);
}

// ---------------------------------------------------------------------------------------------
// Allocation

i128 sum_units(const std::vector<Money>& parts) {
    i128 s = 0;
    for (const Money& m : parts) s += m.units();
    return s;
}

TEST(MoneyAllocate, FowlersFiveFen) {
    // 5分 at 30:70 -> exact shares 1.5分 and 3.5分; floors 1 + 3 = 4, one 分 left; both remainders
    // are 0.5 (tie) so the earlier part gets it: 2分, 3分.
    const auto parts = Money::of_minor(5).allocate({30, 70});
    EXPECT_PARTS(parts, 200, 300);
    // 70:30 -> 3.5, 1.5 -> floors 3, 1, tie -> first: 4分, 1分.
    EXPECT_PARTS(Money::of_minor(5).allocate({70, 30}), 400, 100);
}

TEST(MoneyAllocate, LargestRemainderWins) {
    // 10分 at 1:2:3 (total 6): 10/6 = 1 r4, 20/6 = 3 r2, 30/6 = 5 r0; 1分 left -> part 0 (r4): 2, 3, 5.
    EXPECT_PARTS(Money::of_minor(10).allocate({1, 2, 3}), 200, 300, 500);
    // 10分 at 3:2:1: 30/6 = 5 r0, 20/6 = 3 r2, 10/6 = 1 r4 -> part 2 gets it: 5, 3, 2.
    EXPECT_PARTS(Money::of_minor(10).allocate({3, 2, 1}), 500, 300, 200);
    // 100元 at 1:1:1: 10000分 / 3 = 3333 r1 each, 1分 left -> first.
    EXPECT_PARTS(Money::of(100).allocate({1, 1, 1}), 333'400, 333'300, 333'300);
    // 1元 at 1:1:1:1:1:1:1 (100分 / 7 = 14 r2 each, 2分 left -> first two).
    EXPECT_PARTS(Money::of(1).allocate({1, 1, 1, 1, 1, 1, 1}), 1500, 1500, 1400, 1400, 1400, 1400, 1400);
}

TEST(MoneyAllocate, ZeroWeightsGetNothing) {
    EXPECT_PARTS(Money::of(1).allocate({0, 1, 0}), 0, 10'000, 0);
    // 1分 at 1:0:1: shares 0.5, 0, 0.5; one 分 left goes to the earlier of the tied parts.
    EXPECT_PARTS(Money::of_minor(1).allocate({1, 0, 1}), 100, 0, 0);
    EXPECT_PARTS(Money::of_minor(1).allocate({0, 1, 1}), 0, 100, 0);
}

TEST(MoneyAllocate, NegativeAmountsSplitByMagnitude) {
    EXPECT_PARTS(Money::of_minor(-5).allocate({30, 70}), -200, -300);
    EXPECT_PARTS(Money::of(-100).split(3), -333'400, -333'300, -333'300);
}

TEST(MoneyAllocate, SubMinorAmountsUseStorageUnits) {
    // 0.0005元 is not a whole number of 分: split 5 units at 30:70 -> 1.5, 3.5 -> 2, 3 units.
    EXPECT_PARTS(Money::parse("0.0005").allocate({30, 70}), 2, 3);
    // 1.0001元 = 10001 units in halves: 5000 r1 each, one unit left -> first.
    EXPECT_PARTS(Money::parse("1.0001").split(2), 5001, 5000);
    // 1.005元 = 10050 units in thirds: 3350 each, exact.
    EXPECT_PARTS(Money::parse("1.005").split(3), 3350, 3350, 3350);
    // -0.0005元 at 30:70.
    EXPECT_PARTS(Money::parse("-0.0005").allocate({30, 70}), -2, -3);
}

TEST(MoneyAllocate, JpyUsesWholeYen) {
    // 100 yen / 3: 33 r1 each, one yen left -> first.
    EXPECT_PARTS(Money::of(100, Currency::JPY).split(3), 340'000, 330'000, 330'000);
    for (const Money& p : Money::of(100, Currency::JPY).split(3)) EXPECT_EQ(p.currency(), Currency::JPY);
}

TEST(MoneyAllocate, PartsAlwaysSumToTheWhole) {
    const Money amounts[] = {Money::of(100),           Money::of_minor(5),       Money::parse("0.0007"),
                             Money::parse("-123.4567"), Money::parse("605.6亿"),  Money::of(7, Currency::JPY),
                             units(kMaxUnits),          units(-kMaxUnits + 12345),
                             units(kMinUnits)};
    const std::vector<std::vector<std::int64_t>> weight_sets = {
        {1}, {1, 1}, {30, 70}, {1, 2, 3, 4, 5, 6, 7}, {0, 3, 0, 7}, {std::numeric_limits<std::int64_t>::max(), 1}};
    for (const Money& m : amounts) {
        for (const auto& w : weight_sets) {
            const auto parts = m.allocate(w);
            ASSERT_EQ(parts.size(), w.size());
            EXPECT_I128_EQ(sum_units(parts), m.units());
            for (std::size_t i = 0; i < parts.size(); ++i) {
                EXPECT_EQ(parts[i].currency(), m.currency());
                if (w[i] == 0) {
                    EXPECT_TRUE(parts[i].is_zero());
                }
            }
        }
    }
}

TEST(MoneyAllocate, LargestAmountInHalves) {
    // (2^119 - 1) units is odd and not a whole number of 分: halves 2^118 - 0.5 each ->
    // floors 2^118 - 1, remainders equal, one unit left -> first: 2^118, 2^118 - 1.
    EXPECT_PARTS(units(kMaxUnits).split(2), kTwoPow118, kTwoPow118 - 1);
    // -2^119 in one part and in halves.
    EXPECT_PARTS(units(kMinUnits).allocate({1}), kMinUnits);
    EXPECT_PARTS(units(kMinUnits).allocate({1, 0}), kMinUnits, 0);
    EXPECT_PARTS(units(kMinUnits).split(2), -kTwoPow118, -kTwoPow118);
    // Huge weights: 1分 at INT64_MAX:INT64_MAX -> 0.5分 each, tie -> first.
    EXPECT_PARTS(Money::of_minor(1).allocate(
                     {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max()}),
                 100, 0);
}

TEST(MoneyAllocate, InvalidWeightsThrowArgumentError) {
    const Money m = Money::of(100);
    EXPECT_THROW((void)m.allocate(std::vector<std::int64_t>{}), ArgumentError);
    EXPECT_THROW((void)m.allocate({-1, 2}), ArgumentError);
    EXPECT_THROW((void)m.allocate({0, 0}), ArgumentError);
    EXPECT_THROW((void)m.allocate({0}), ArgumentError);
    EXPECT_THROW((void)m.split(0), ArgumentError);
}

TEST(MoneySplit, HundredYuanInThree) {
    const Money whole = Money::of(100);
    const auto parts = whole.split(3);
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0], Money::parse("33.34"));
    EXPECT_EQ(parts[1], Money::parse("33.33"));
    EXPECT_EQ(parts[2], Money::parse("33.33"));
    EXPECT_EQ(parts[0] + parts[1] + parts[2], whole);
    EXPECT_PARTS(Money::of(100).split(1), 1'000'000);
    EXPECT_PARTS(Money().split(2), 0, 0);
}

// ---------------------------------------------------------------------------------------------
// Exchange rates

TEST(MoneyExchangeRate, ConvertRoundsToStorageUnits) {
    const ExchangeRate usd_cny(Currency::USD, Currency::CNY, Decimal<10>::parse("7.1234"));
    EXPECT_EQ(usd_cny.from(), Currency::USD);
    EXPECT_EQ(usd_cny.to(), Currency::CNY);
    EXPECT_EQ(usd_cny.rate(), Decimal<10>::parse("7.1234"));
    // 100 USD * 7.1234 = 712.34 CNY.
    const Money cny = usd_cny.convert(Money::of(100, Currency::USD), RoundingMode::unnecessary);
    EXPECT_EQ(cny, Money::parse("712.34元"));
    EXPECT_EQ(cny.currency(), Currency::CNY);
    // 0.0001 USD * 7.1234 = 0.00071234 CNY = 7.1234 units -> 7 (HALF_UP), 8 (UP).
    EXPECT_I128_EQ(usd_cny.convert(units(1, Currency::USD), RoundingMode::half_up).units(), 7);
    EXPECT_I128_EQ(usd_cny.convert(units(1, Currency::USD), RoundingMode::up).units(), 8);
    EXPECT_I128_EQ(usd_cny.convert(units(-1, Currency::USD), RoundingMode::floor).units(), -8);
    EXPECT_THROW((void)usd_cny.convert(units(1, Currency::USD), RoundingMode::unnecessary), InexactRoundingError);
    // 4 units HKD * 0.125 = 0.5 units: a tie.
    const ExchangeRate hkd_cny(Currency::HKD, Currency::CNY, Decimal<10>::parse("0.125"));
    EXPECT_I128_EQ(hkd_cny.convert(units(4, Currency::HKD), RoundingMode::half_up).units(), 1);
    EXPECT_I128_EQ(hkd_cny.convert(units(4, Currency::HKD), RoundingMode::half_even).units(), 0);
    EXPECT_I128_EQ(hkd_cny.convert(units(12, Currency::HKD), RoundingMode::half_even).units(), 2);  // 1.5 -> 2
}

TEST(MoneyExchangeRate, ConvertWrongCurrencyThrows) {
    const ExchangeRate usd_cny(Currency::USD, Currency::CNY, Decimal<10>::parse("7.1234"));
    try {
        (void)usd_cny.convert(Money::of(1), RoundingMode::half_up);
        ADD_FAILURE() << "no exception";
    } catch (const CurrencyMismatchError& e) {
        EXPECT_EQ(e.lhs(), "CNY");
        EXPECT_EQ(e.rhs(), "USD");
    }
}

TEST(MoneyExchangeRate, ConvertOverflowThrows) {
    const ExchangeRate jpy_krw(Currency::JPY, Currency::KRW, Decimal<10>(10));
    EXPECT_THROW((void)jpy_krw.convert(units(kMaxUnits, Currency::JPY), RoundingMode::half_up), OverflowError);
    EXPECT_EQ(jpy_krw.convert(Money::of(3, Currency::JPY), RoundingMode::unnecessary), Money::of(30, Currency::KRW));
}

TEST(MoneyExchangeRate, Inverse) {
    const ExchangeRate eight(Currency::CNY, Currency::JPY, Decimal<10>(8));
    const ExchangeRate inv = eight.inverse(RoundingMode::unnecessary);
    EXPECT_EQ(inv.from(), Currency::JPY);
    EXPECT_EQ(inv.to(), Currency::CNY);
    EXPECT_EQ(inv.rate(), Decimal<10>::parse("0.125"));
    // 1/3 = 0.3333333333|33...: 10 decimals.
    const ExchangeRate three(Currency::USD, Currency::EUR, Decimal<10>(3));
    EXPECT_EQ(three.inverse(RoundingMode::half_up).rate(), Decimal<10>::parse("0.3333333333"));
    EXPECT_EQ(three.inverse(RoundingMode::up).rate(), Decimal<10>::parse("0.3333333334"));
    EXPECT_THROW((void)three.inverse(RoundingMode::unnecessary), InexactRoundingError);
    // 1/7.1234 at 10 decimals: 10^20 / 71234000000 = 1403824016 remainder 44256000000, and
    // 44256 / 71234 > 1/2, so HALF_UP gives 0.1403824017 and DOWN 0.1403824016.
    const ExchangeRate usd_cny(Currency::USD, Currency::CNY, Decimal<10>::parse("7.1234"));
    EXPECT_EQ(usd_cny.inverse(RoundingMode::half_up).rate(), Decimal<10>::parse("0.1403824017"));
    EXPECT_EQ(usd_cny.inverse(RoundingMode::down).rate(), Decimal<10>::parse("0.1403824016"));
}

TEST(MoneyExchangeRate, InverseOfAVeryLargeRate) {
    // 1 / 10^11 = 0.00000000001 has 11 decimals: at scale 10 UP gives 0.0000000001 ...
    const ExchangeRate large(Currency::KRW, Currency::JPY, Decimal<10>::parse("100000000000"));
    EXPECT_EQ(large.inverse(RoundingMode::up).rate(), Decimal<10>::parse("0.0000000001"));
    // ... and HALF_UP rounds it to zero, which is no valid rate: an ArithmeticError says so.
    try {
        (void)large.inverse(RoundingMode::half_up);
        ADD_FAILURE() << "expected ArithmeticError";
    } catch (const ArithmeticError& e) {
        EXPECT_EQ(e.operation(), "ExchangeRate::inverse");
        EXPECT_NE(std::string(e.what()).find("rounds to zero"), std::string::npos);
    }
}

TEST(MoneyExchangeRate, NonPositiveRateIsAnArgumentError) {
    EXPECT_THROW(ExchangeRate(Currency::USD, Currency::CNY, Decimal<10>(0)), ArgumentError);
    EXPECT_THROW(ExchangeRate(Currency::USD, Currency::CNY, Decimal<10>::parse("-7.1")), ArgumentError);
}

// ---------------------------------------------------------------------------------------------
// Hashing

TEST(MoneyHash, EqualValuesHashEqual) {
    const std::hash<Money> h;
    EXPECT_EQ(h(Money::parse("1.50")), h(Money::of_minor(150)));
    EXPECT_EQ(h(Money::parse("605.6亿元")), h(Money::of(60'560'000'000)));
    EXPECT_EQ(h(Money::parse("$5")), h(Money::of(5, Currency::USD)));
    std::unordered_set<Money> set{Money::of(5), Money::of_minor(500), Money::of(5, Currency::USD), Money::of(-5)};
    EXPECT_EQ(set.size(), 3u);  // 5 CNY, 5 USD, -5 CNY
    EXPECT_EQ(set.count(Money::parse("5元")), 1u);
    EXPECT_EQ(set.count(Money::of(5, Currency::EUR)), 0u);
}

}  // namespace
