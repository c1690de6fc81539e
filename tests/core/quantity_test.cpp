// SPDX-License-Identifier: MIT
// Unit tests of Quantity<Kind>: Area, Mass, AnnualThroughput. Base counts (1/30,000 m², 1 g,
// 1 g/year) are computed by hand.
#include <parkinvest/parkinvest.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace {

using parkinvest::AnnualThroughput;
using parkinvest::Area;
using parkinvest::ArgumentError;
using parkinvest::Decimal;
using parkinvest::DivisionByZeroError;
using parkinvest::InexactRoundingError;
using parkinvest::Language;
using parkinvest::Mass;
using parkinvest::OverflowError;
using parkinvest::ParseError;
using parkinvest::ParseErrorKind;
using parkinvest::Ratio;
using parkinvest::RoundingMode;
using parkinvest::detail::i128;
using namespace parkinvest::test;

using AreaUnit = Area::Unit;
using MassUnit = Mass::Unit;
using FlowUnit = AnnualThroughput::Unit;

template <class Q>
void expect_quantity_error(std::string_view text, ParseErrorKind kind, std::size_t offset) {
    SCOPED_TRACE(std::string("input: \"") + std::string(text) + "\"");
    expect_parse_error([](std::string_view t) { return "base count " + dec(Q::parse(t).base_count()); }, text, kind,
                       offset);
}

// ---------------------------------------------------------------------------------------------
// Compile-time properties

template <class A, class B>
concept Addable = requires(A a, B b) { a + b; };
template <class A, class B>
concept Comparable = requires(A a, B b) { a < b; };
template <class A, class B>
concept Divisible = requires(A a, B b) { a / b; };

static_assert(!Addable<Area, Mass>, "an area plus a mass must not compile");
static_assert(!Addable<Mass, AnnualThroughput>);
static_assert(!Comparable<Area, Mass>);
static_assert(!Divisible<Mass, AnnualThroughput>);
static_assert(Addable<Area, Area>);  // the positive case, so the checks above can fail
static_assert(Divisible<Area, Area>);
static_assert(!Addable<Area, int>);
static_assert(!std::is_constructible_v<Area, double, AreaUnit>);
static_assert(!std::is_convertible_v<Mass, AnnualThroughput>);

// ---------------------------------------------------------------------------------------------
// Area parsing: 1 m² = 30,000 counts, 1 公顷 = 3 * 10^8, 1 km² = 3 * 10^10, 1 亩 = 2 * 10^7.

TEST(AreaParse, SquareMetreSpellings) {
    // 103.77 m² = 103.77 * 30000 = 3,113,100 counts.
    for (const char* text : {"103.77平方米", "103.77 平方米", "103.77 m²", "103.77m²", "103.77㎡", "103.77 m2",
                             "103.77 M2", "103.77 sqm", "103.77 square metres", "１０３．７７平方米",
                             "\u3000103.77 m²\u3000"}) {
        SCOPED_TRACE(text);
        EXPECT_I128_EQ(Area::parse(text).base_count(), 3'113'100);
    }
}

TEST(AreaParse, SquareKilometreSpellings) {
    // 225 km² = 225 * 3 * 10^10 = 6,750,000,000,000 counts.
    for (const char* text : {"225平方公里", "225平方千米", "225 km²", "225km2", "225㎢", "225 square kilometres"}) {
        SCOPED_TRACE(text);
        EXPECT_I128_EQ(Area::parse(text).base_count(), 6'750'000'000'000);
    }
}

TEST(AreaParse, HectareAndMuSpellings) {
    // 15 公顷 = 15 * 3 * 10^8 = 4,500,000,000 counts.
    for (const char* text : {"15公顷", "15 ha", "15 hectares", "15 hectare", "15 HA"}) {
        SCOPED_TRACE(text);
        EXPECT_I128_EQ(Area::parse(text).base_count(), 4'500'000'000);
    }
    // 12 亩 = 12 * 2 * 10^7 = 240,000,000 counts.
    for (const char* text : {"12亩", "12 亩", "12 mu", "12mu", "12 MU"}) {
        SCOPED_TRACE(text);
        EXPECT_I128_EQ(Area::parse(text).base_count(), 240'000'000);
    }
}

TEST(AreaParse, SignsAndDecimals) {
    EXPECT_I128_EQ(Area::parse("-1.5亩").base_count(), -30'000'000);
    EXPECT_I128_EQ(Area::parse("+2 m²").base_count(), 60'000);
    EXPECT_I128_EQ(Area::parse("0.0001 m²").base_count(), 3);            // finest m² that is exact
    EXPECT_I128_EQ(Area::parse("0.00001亩").base_count(), 200);          // 2 * 10^7 / 10^5
    EXPECT_I128_EQ(Area::parse("1,234.5 ha").base_count(), 370'350'000'000);  // 1234.5 * 3 * 10^8
    EXPECT_I128_EQ(Area::parse("1.50000 m²").base_count(), 45'000);
}

TEST(AreaParse, Errors) {
    expect_quantity_error<Area>("", ParseErrorKind::empty, 0);
    expect_quantity_error<Area>("103.77", ParseErrorKind::unknown_unit, 6);    // a unit is required
    expect_quantity_error<Area>("103.77 ", ParseErrorKind::unknown_unit, 7);
    expect_quantity_error<Area>("平方米", ParseErrorKind::expected_number, 0);
    expect_quantity_error<Area>("5 acres", ParseErrorKind::unknown_unit, 2);
    expect_quantity_error<Area>("5 m² x", ParseErrorKind::unknown_unit, 6);    // '²' is 2 bytes
    expect_quantity_error<Area>("5 m² 5", ParseErrorKind::trailing_characters, 6);
    expect_quantity_error<Area>("5 mm", ParseErrorKind::unknown_unit, 2);
    expect_quantity_error<Area>("5 吨", ParseErrorKind::unknown_unit, 2);      // a mass unit is no area unit
    expect_quantity_error<Area>("1..5亩", ParseErrorKind::invalid_number, 2);
    expect_quantity_error<Area>("5.亩", ParseErrorKind::invalid_number, 2);
    expect_quantity_error<Area>("5亩\xff", ParseErrorKind::invalid_utf8, 4);
    // 0.00001 m² = 0.3 counts: finer than the base count. m² is 30000 counts, so 4 decimals are
    // always fine; the error points at the 5th decimal (byte 6).
    expect_quantity_error<Area>("0.00001 m²", ParseErrorKind::too_many_decimals, 6);
    // 10^30 km² = 3 * 10^40 counts > 2^127.
    expect_quantity_error<Area>("1000000000000000000000000000000 km²", ParseErrorKind::overflow, 0);
    expect_quantity_error<Area>("1000000000000000000000000000000000000000 m²", ParseErrorKind::overflow, 0);
}

// ---------------------------------------------------------------------------------------------
// Exact conversions

TEST(AreaConversion, ExactInAnyUnit) {
    // 1亩 = 2 * 10^7 / 3 * 10^4 m² = 2000/3 m², exactly.
    EXPECT_RATIO(Area::parse("1亩").in(AreaUnit::square_metre), 2000, 3);
    EXPECT_RATIO(Area::parse("1亩").in(AreaUnit::mu), 1, 1);
    EXPECT_RATIO(Area::parse("1亩").in(AreaUnit::hectare), 1, 15);
    // 15亩 = 1公顷, 1500亩 = 1 km².
    EXPECT_EQ(Area::parse("15亩"), Area::parse("1公顷"));
    EXPECT_EQ(Area::of(15, AreaUnit::mu), Area::of(1, AreaUnit::hectare));
    EXPECT_EQ(Area::of(1500, AreaUnit::mu), Area::of(1, AreaUnit::square_kilometre));
    EXPECT_EQ(Area::of(100, AreaUnit::hectare), Area::of(1, AreaUnit::square_kilometre));
    EXPECT_EQ(Area::of(10'000, AreaUnit::square_metre), Area::of(1, AreaUnit::hectare));
    // 225 km² = 22,500 ha = 337,500 亩 = 225,000,000 m².
    const Area a = Area::parse("225平方公里");
    EXPECT_RATIO(a.in(AreaUnit::hectare), 22'500, 1);
    EXPECT_RATIO(a.in(AreaUnit::mu), 337'500, 1);
    EXPECT_RATIO(a.in(AreaUnit::square_metre), 225'000'000, 1);
    EXPECT_RATIO(a.in(AreaUnit::square_kilometre), 225, 1);
    // 103.77 m² in 亩: 3,113,100 / 20,000,000 = 31131/200000.
    EXPECT_RATIO(Area::parse("103.77平方米").in(AreaUnit::mu), 31131, 200000);
}

TEST(AreaConversion, OfDecimal) {
    EXPECT_EQ(Area::of(Decimal<2>::parse("103.77"), AreaUnit::square_metre), Area::parse("103.77平方米"));
    EXPECT_I128_EQ(Area::of(Decimal<5>::parse("0.00001"), AreaUnit::mu).base_count(), 200);
    EXPECT_THROW((void)Area::of(Decimal<5>::parse("0.00001"), AreaUnit::square_metre), InexactRoundingError);
    EXPECT_EQ(Area::of(Decimal<1>::parse("1.5"), AreaUnit::hectare), Area::parse("22.5亩"));  // 1.5 * 15
}

// ---------------------------------------------------------------------------------------------
// Formatting: exact when the value has at most max_decimals decimals in the unit, else rounded.

TEST(AreaFormat, ExactValues) {
    const Area a = Area::parse("103.77平方米");
    EXPECT_EQ(a.to_string(), "103.77平方米");
    EXPECT_EQ(a.format(AreaUnit::square_metre), "103.77平方米");
    EXPECT_EQ(a.format(AreaUnit::square_metre, Language::english), "103.77 m²");
    EXPECT_EQ(Area::parse("225 km²").format(AreaUnit::square_kilometre), "225平方公里");
    EXPECT_EQ(Area::parse("225 km²").format(AreaUnit::square_kilometre, Language::english), "225 km²");
    EXPECT_EQ(Area::parse("15亩").format(AreaUnit::hectare), "1公顷");
    EXPECT_EQ(Area::parse("15亩").format(AreaUnit::hectare, Language::english), "1 ha");
    EXPECT_EQ(Area::parse("1亩").format(AreaUnit::mu), "1亩");
    EXPECT_EQ(Area::parse("1亩").format(AreaUnit::mu, Language::english), "1 mu");
    EXPECT_EQ(Area::parse("1 m²").format(AreaUnit::mu), "0.0015亩");                // 30000 / 2*10^7
    EXPECT_EQ(Area::parse("1 m²").format(AreaUnit::square_kilometre), "0.000001平方公里");
    EXPECT_EQ(Area().format(AreaUnit::hectare), "0公顷");
    EXPECT_EQ(Area::parse("-103.77 m²").to_string(), "-103.77平方米");
    // 103.77 m² at max_decimals 2 is still exact, whatever the mode.
    EXPECT_EQ(a.format(AreaUnit::square_metre, Language::chinese, 2, RoundingMode::unnecessary), "103.77平方米");
}

TEST(AreaFormat, RoundedBeyondMaxDecimals) {
    // 1亩 = 666.666666...m²
    const Area mu = Area::parse("1亩");
    EXPECT_EQ(mu.to_string(), "666.666667平方米");  // default: 6 decimals, HALF_UP
    EXPECT_EQ(mu.format(AreaUnit::square_metre, Language::chinese, 2), "666.67平方米");
    EXPECT_EQ(mu.format(AreaUnit::square_metre, Language::chinese, 2, RoundingMode::down), "666.66平方米");
    EXPECT_EQ(mu.format(AreaUnit::square_metre, Language::chinese, 0), "667平方米");
    EXPECT_EQ((-mu).format(AreaUnit::square_metre, Language::english, 1, RoundingMode::ceiling), "-666.6 m²");
    EXPECT_THROW((void)mu.format(AreaUnit::square_metre, Language::chinese, 2, RoundingMode::unnecessary),
                 InexactRoundingError);
    // 103.77 m² at 1 decimal: 103.7|7 -> 103.8.
    EXPECT_EQ(Area::parse("103.77 m²").format(AreaUnit::square_metre, Language::chinese, 1), "103.8平方米");
    // 1 m² in km² is 0.000001: at 5 decimals HALF_UP it rounds to 0.
    EXPECT_EQ(Area::parse("1 m²").format(AreaUnit::square_kilometre, Language::english, 5), "0 km²");
    // 1.05 m² at 1 decimal: a tie, HALF_EVEN keeps 1.0 and trims it to "1".
    EXPECT_EQ(Area::parse("1.05 m²").format(AreaUnit::square_metre, Language::chinese, 1, RoundingMode::half_even),
              "1平方米");
    EXPECT_THROW((void)mu.format(AreaUnit::square_metre, Language::chinese, 31), ArgumentError);
    EXPECT_THROW((void)mu.format(AreaUnit::square_metre, Language::chinese, -1), ArgumentError);
}

TEST(AreaFormat, LargestAreaFormatsWithoutOverflow) {
    // A representable Area must format. (2^127 - 1) counts / 30000 = 5671372782015641057722910123862803
    // remainder 15727, and 15727/30000 = 0.5242333...: at the default 6 decimals (HALF_UP) that is .524233.
    // The integer part fits easily; only an intermediate count * 10^6 would not fit 128 bits.
    EXPECT_EQ(Area::from_base(kI128Max).to_string(), "5671372782015641057722910123862803.524233平方米");
    // Whole-metre rounding of the same area: .5242... >= .5, so HALF_UP rounds up to ...804.
    EXPECT_EQ(Area::from_base(kI128Max).format(AreaUnit::square_metre, Language::english, 0),
              "5671372782015641057722910123862804 m²");
}

// ---------------------------------------------------------------------------------------------
// Mass and annual throughput

TEST(MassTest, ParseAndFormat) {
    // 291 t = 291 * 10^6 g.
    for (const char* text : {"291吨", "291 t", "291 T", "291 tonnes", "291 tonne", "291000 kg", "291000千克",
                             "291,000 公斤"}) {
        SCOPED_TRACE(text);
        EXPECT_I128_EQ(Mass::parse(text).base_count(), 291'000'000);
    }
    EXPECT_I128_EQ(Mass::parse("1.5 kg").base_count(), 1'500);
    EXPECT_I128_EQ(Mass::parse("0.000001吨").base_count(), 1);
    EXPECT_EQ(Mass::parse("291吨").to_string(), "291吨");
    EXPECT_EQ(Mass::parse("291吨").format(MassUnit::tonne, Language::english), "291 t");
    EXPECT_EQ(Mass::parse("291吨").format(MassUnit::kilogram), "291000千克");
    EXPECT_EQ(Mass::parse("291吨").format(MassUnit::kilogram, Language::english), "291000 kg");
    EXPECT_EQ(Mass::parse("1.5 kg").to_string(), "0.0015吨");
    EXPECT_EQ(Mass::of(291, MassUnit::tonne), Mass::of(291'000, MassUnit::kilogram));
    EXPECT_RATIO(Mass::parse("1.5 kg").in(MassUnit::tonne), 3, 2000);
    expect_quantity_error<Mass>("0.0005 kg", ParseErrorKind::too_many_decimals, 5);  // half a gram; kg has 3 decimals
    expect_quantity_error<Mass>("291 t/a", ParseErrorKind::trailing_characters, 5);  // '/' after "t"
    expect_quantity_error<Mass>("291", ParseErrorKind::unknown_unit, 3);
    expect_quantity_error<Mass>("291 m²", ParseErrorKind::unknown_unit, 4);
}

TEST(AnnualThroughputTest, ParseAndFormat) {
    for (const char* text : {"291吨/年", "291 吨/年", "291吨每年", "291 t/a", "291 t/yr", "291 tonnes per year",
                             "291000 kg/a", "291000千克/年", "291000公斤/年", "291000 kg/yr"}) {
        SCOPED_TRACE(text);
        EXPECT_I128_EQ(AnnualThroughput::parse(text).base_count(), 291'000'000);
    }
    const auto q = AnnualThroughput::parse("291吨/年");
    EXPECT_EQ(q.to_string(), "291吨/年");
    EXPECT_EQ(q.format(FlowUnit::tonne_per_year, Language::english), "291 t/a");
    EXPECT_EQ(q.format(FlowUnit::kilogram_per_year), "291000千克/年");
    EXPECT_EQ(q.format(FlowUnit::kilogram_per_year, Language::english), "291000 kg/a");
    expect_quantity_error<AnnualThroughput>("291吨", ParseErrorKind::unknown_unit, 3);
    expect_quantity_error<AnnualThroughput>("291 t", ParseErrorKind::unknown_unit, 4);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

TEST(QuantityArithmetic, ExactOperations) {
    const Area a = Area::parse("100 m²");
    const Area b = Area::parse("3.77 m²");
    EXPECT_EQ(a + b, Area::parse("103.77平方米"));
    EXPECT_EQ(a - b, Area::parse("96.23 m²"));
    EXPECT_EQ(b - a, Area::parse("-96.23 m²"));
    EXPECT_EQ(-a, Area::parse("-100 m²"));
    EXPECT_EQ(a * 3, Area::parse("300 m²"));
    EXPECT_EQ(Area::parse("1亩") * 15, Area::parse("1公顷"));
    Area c = a;
    c += b;
    EXPECT_EQ(c, Area::parse("103.77 m²"));
    c -= a;
    EXPECT_EQ(c, b);
    EXPECT_TRUE(Area().is_zero());
    EXPECT_EQ(Area().signum(), 0);
    EXPECT_EQ((-a).signum(), -1);
    EXPECT_LT(b, a);
    EXPECT_GT(Area::parse("1亩"), Area::parse("666.6666 m²"));
    EXPECT_LT(Area::parse("1亩"), Area::parse("666.6667 m²"));
    EXPECT_TRUE((Area::parse("15亩") <=> Area::parse("1 ha")) == std::strong_ordering::equal);
    EXPECT_EQ(Mass::parse("291吨") + Mass::parse("9吨"), Mass::parse("300 t"));
    EXPECT_EQ(AnnualThroughput::parse("291 t/a") * 2, AnnualThroughput::parse("582吨/年"));
}

TEST(QuantityArithmetic, DivisionIsAnExactRatio) {
    // 103.77 m² / 1亩 = 3,113,100 / 20,000,000 = 31131/200000.
    EXPECT_RATIO(Area::parse("103.77平方米") / Area::parse("1亩"), 31131, 200000);
    // 291 t of 300 t capacity = 97/100.
    EXPECT_RATIO(AnnualThroughput::parse("291吨/年") / AnnualThroughput::parse("300 t/a"), 97, 100);
    EXPECT_RATIO(Area::parse("1 km²") / Area::parse("1亩"), 1500, 1);
    EXPECT_THROW((void)(Area::parse("1亩") / Area()), DivisionByZeroError);
}

TEST(QuantityArithmetic, OverflowThrowsAndLeavesOperandUnchanged) {
    Area top = Area::from_base(kI128Max);
    const Area one = Area::from_base(1);
    EXPECT_THROW((void)(top + one), OverflowError);
    EXPECT_THROW(top += one, OverflowError);
    EXPECT_EQ(top, Area::from_base(kI128Max));
    Area bottom = Area::from_base(-kI128Max);
    EXPECT_THROW(bottom -= one, OverflowError);
    EXPECT_EQ(bottom, Area::from_base(-kI128Max));
    EXPECT_THROW((void)(top * 2), OverflowError);
    // INT64_MAX km² = 9223372036854775807 * 3 * 10^10 ~ 2.8 * 10^29 counts: fits; * 10^9 does not.
    const Area huge = Area::of(std::numeric_limits<std::int64_t>::max(), AreaUnit::square_kilometre);
    EXPECT_I128_EQ(huge.base_count(), big("276701161105643274210000000000"));
    EXPECT_THROW((void)(huge * 1'000'000'000), OverflowError);
    EXPECT_THROW((void)Area::of(Decimal<0>::max(), AreaUnit::mu), OverflowError);
}

}  // namespace
