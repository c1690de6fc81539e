// SPDX-License-Identifier: MIT
// Unit tests of Money's text output: to_string, format_grouped, format (Chinese and English),
// and the round-trip property parse(format(x)) == x. Expected strings are written by hand.
#include <parkinvest/parkinvest.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using parkinvest::Currency;
using parkinvest::Language;
using parkinvest::Money;
using parkinvest::MoneyFormat;
using parkinvest::MoneyUnit;
using parkinvest::RoundingMode;
using parkinvest::detail::i128;
using namespace parkinvest::test;

i128 ten_to(int n) {
    i128 r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

Money units(i128 u, Currency c = Currency::CNY) { return Money::from_units(u, c); }

MoneyFormat chinese() { return MoneyFormat{}; }
MoneyFormat english() {
    MoneyFormat f;
    f.language = Language::english;
    return f;
}
MoneyFormat with_unit(MoneyFormat f, MoneyUnit u) {
    f.unit = u;
    return f;
}
MoneyFormat with_decimals(MoneyFormat f, int d, RoundingMode mode = RoundingMode::half_up) {
    f.max_decimals = d;
    f.rounding = mode;
    return f;
}
MoneyFormat without_currency_word(MoneyFormat f) {
    f.currency_word = false;
    return f;
}

// ---------------------------------------------------------------------------------------------
// to_string

TEST(MoneyToString, Canonical) {
    EXPECT_EQ(Money::parse("605.6亿元").to_string(), "60560000000.00 CNY");
    EXPECT_EQ(Money::of(5, Currency::JPY).to_string(), "5 JPY");      // JPY: no minor digits
    EXPECT_EQ(Money::of(5, Currency::KRW).to_string(), "5 KRW");
    EXPECT_EQ(Money::parse("0.0005").to_string(), "0.0005 CNY");      // sub-分 digits are kept
    EXPECT_EQ(Money::parse("0.5 JPY").to_string(), "0.5 JPY");
    EXPECT_EQ(Money().to_string(), "0.00 CNY");
    EXPECT_EQ(Money::parse("-1.5 USD").to_string(), "-1.50 USD");
    EXPECT_EQ(Money::parse("1234.5678").to_string(), "1234.5678 CNY");
    EXPECT_EQ(Money::parse("1234.567").to_string(), "1234.567 CNY");
    EXPECT_EQ(Money::parse("-0.01 EUR").to_string(), "-0.01 EUR");
    EXPECT_EQ(Money::parse("£7").to_string(), "7.00 GBP");
    EXPECT_EQ(Money::parse("HK$7.1").to_string(), "7.10 HKD");
    EXPECT_EQ(units(kMaxUnits).to_string(), "66461399789245793645190353014017.2287 CNY");
    EXPECT_EQ(units(-kMaxUnits, Currency::JPY).to_string(), "-66461399789245793645190353014017.2287 JPY");
    EXPECT_EQ(units(kMinUnits).to_string(), "-66461399789245793645190353014017.2288 CNY");
}

// ---------------------------------------------------------------------------------------------
// format_grouped

TEST(MoneyFormatGrouped, ThousandsSeparators) {
    EXPECT_EQ(Money::parse("605.6亿元").format_grouped(), "60,560,000,000.00");
    EXPECT_EQ(Money::parse("-1234567.89").format_grouped(), "-1,234,567.89");
    EXPECT_EQ(units(kMinUnits).format_grouped(), "-66,461,399,789,245,793,645,190,353,014,017.2288");
    EXPECT_EQ(Money().format_grouped(), "0.00");
    EXPECT_EQ(Money::of(999).format_grouped(), "999.00");
    EXPECT_EQ(Money::of(1000).format_grouped(), "1,000.00");
    EXPECT_EQ(Money::of(-100).format_grouped(), "-100.00");
    EXPECT_EQ(Money::of(-100000).format_grouped(), "-100,000.00");
    EXPECT_EQ(Money::of(5, Currency::JPY).format_grouped(), "5");
    EXPECT_EQ(Money::of(12345678, Currency::JPY).format_grouped(), "12,345,678");
    EXPECT_EQ(Money::parse("1234.5678").format_grouped(), "1,234.5678");
    EXPECT_EQ(Money::parse("0.0005").format_grouped(), "0.0005");
}

// ---------------------------------------------------------------------------------------------
// format: Chinese, automatic unit

TEST(MoneyFormatChinese, AutomaticUnit) {
    EXPECT_EQ(Money::parse("605.6亿元").format(), "605.6亿元");
    EXPECT_EQ(Money::parse("2140万元").format(), "2140万元");
    EXPECT_EQ(Money::parse("80万元").format(), "80万元");
    EXPECT_EQ(Money::parse("1.1万亿元").format(), "1.1万亿元");
    EXPECT_EQ(Money::of(5000).format(), "5000元");
    EXPECT_EQ(Money().format(), "0元");
    EXPECT_EQ(Money::parse("-3.5亿").format(), "-3.5亿元");
    EXPECT_EQ(Money::parse("3亿美元").format(), "3亿美元");
    EXPECT_EQ(Money::parse("0.5").format(), "0.5元");
    EXPECT_EQ(Money::parse("0.0001").format(), "0.0001元");
    EXPECT_EQ(Money::of(5, Currency::JPY).format(), "5日元");
    EXPECT_EQ(Money::of(5, Currency::EUR).format(), "5欧元");
    EXPECT_EQ(Money::of(5, Currency::KRW).format(), "5韩元");
    EXPECT_EQ(Money::of(5, Currency::HKD).format(), "5港元");
    EXPECT_EQ(Money::of(5, Currency::GBP).format(), "5英镑");
}

TEST(MoneyFormatChinese, UnitBoundaries) {
    EXPECT_EQ(Money::of(9999).format(), "9999元");
    EXPECT_EQ(Money::parse("9999.9999").format(), "9999.9999元");
    EXPECT_EQ(Money::of(10000).format(), "1万元");
    EXPECT_EQ(Money::of(-10000).format(), "-1万元");
    EXPECT_EQ(Money::parse("99999999.9999").format(), "9999.99999999万元");
    EXPECT_EQ(Money::of(100'000'000).format(), "1亿元");
    EXPECT_EQ(Money::of(999'999'999'999).format(), "9999.99999999亿元");
    EXPECT_EQ(Money::of(1'000'000'000'000).format(), "1万亿元");
    // 10^20 yuan = 10^8 万亿: the largest Chinese unit keeps growing digits.
    EXPECT_EQ(Money::parse("100000000000000000000").format(), "100000000万亿元");
}

TEST(MoneyFormatChinese, ExactWithoutMaxDecimals) {
    // 605.6亿 + 0.0001元 = 60560000000.0001元 = 605.600000000001亿: every digit is shown.
    EXPECT_EQ((Money::parse("605.6亿") + Money::parse("0.0001")).format(), "605.600000000001亿元");
    EXPECT_EQ(Money::parse("605.63亿").format(), "605.63亿元");
    EXPECT_EQ(Money::parse("12345.0001").format(), "1.23450001万元");
}

TEST(MoneyFormatChinese, ForcedUnit) {
    const Money m = Money::parse("605.6亿元");  // 60,560,000,000 yuan
    EXPECT_EQ(m.format(with_unit(chinese(), MoneyUnit::one)), "60560000000元");
    EXPECT_EQ(m.format(with_unit(chinese(), MoneyUnit::thousand)), "60560000千元");
    EXPECT_EQ(m.format(with_unit(chinese(), MoneyUnit::wan)), "6056000万元");
    EXPECT_EQ(m.format(with_unit(chinese(), MoneyUnit::million)), "60560百万元");
    EXPECT_EQ(m.format(with_unit(chinese(), MoneyUnit::yi)), "605.6亿元");
    EXPECT_EQ(m.format(with_unit(chinese(), MoneyUnit::billion)), "60.56十亿元");
    EXPECT_EQ(m.format(with_unit(chinese(), MoneyUnit::wan_yi)), "0.06056万亿元");
    EXPECT_EQ(Money::of(5).format(with_unit(chinese(), MoneyUnit::yi)), "0.00000005亿元");
    EXPECT_EQ(Money::parse("80万").format(with_unit(chinese(), MoneyUnit::one)), "800000元");
}

TEST(MoneyFormatChinese, MaxDecimalsIsTheOnlyRounding) {
    const Money a = Money::parse("605.63亿元");
    EXPECT_EQ(a.format(with_decimals(chinese(), 1)), "605.6亿元");      // 605.6|3 -> 605.6
    EXPECT_EQ(a.format(with_decimals(chinese(), 1, RoundingMode::up)), "605.7亿元");
    EXPECT_EQ(a.format(with_decimals(chinese(), 0)), "606亿元");        // 605.63 -> 606
    EXPECT_EQ(a.format(with_decimals(chinese(), 2)), "605.63亿元");
    EXPECT_EQ(a.format(with_decimals(chinese(), 6)), "605.63亿元");     // no padding zeros
    EXPECT_EQ(a.format(), "605.63亿元");                                 // without max_decimals: exact
    const Money b = Money::parse("605.65亿元");
    EXPECT_EQ(b.format(with_decimals(chinese(), 1, RoundingMode::half_even)), "605.6亿元");  // 6056 even
    EXPECT_EQ(b.format(with_decimals(chinese(), 1, RoundingMode::half_up)), "605.7亿元");
    EXPECT_EQ(b.format(with_decimals(chinese(), 1, RoundingMode::half_down)), "605.6亿元");
    EXPECT_EQ((-b).format(with_decimals(chinese(), 1, RoundingMode::half_up)), "-605.7亿元");
    EXPECT_EQ((-b).format(with_decimals(chinese(), 1, RoundingMode::ceiling)), "-605.6亿元");
    // Rounding trims the zeros it creates: 605.6亿 to 2 decimals is 605.6亿, 2140万 to 0 is 2140万.
    EXPECT_EQ(Money::parse("605.6亿").format(with_decimals(chinese(), 2)), "605.6亿元");
    EXPECT_EQ(Money::parse("2140万").format(with_decimals(chinese(), 0)), "2140万元");
    EXPECT_EQ(Money::parse("2140.5万").format(with_decimals(chinese(), 0, RoundingMode::half_even)), "2140万元");
    // With a forced unit: 2140万 is 0.214亿 -> 0.2亿 at 1 decimal.
    EXPECT_EQ(Money::parse("2140万").format(with_decimals(with_unit(chinese(), MoneyUnit::yi), 1)), "0.2亿元");
    // Everything rounds away: 0.0049元 to 2 decimals (HALF_UP) is 0.
    EXPECT_EQ(Money::parse("0.0049").format(with_decimals(chinese(), 2)), "0元");
    EXPECT_EQ(Money::parse("-0.0049").format(with_decimals(chinese(), 2)), "0元");  // no "-0"
}

TEST(MoneyFormatChinese, NegativeMaxDecimalsIsAnArgumentError) {
    // Negative decimals with the automatic unit printed wrong amounts ("6000元" at -4, half_up
    // gave "0万元"); they are refused with every unit, with and without a forced unit.
    for (int d : {-1, -4, std::numeric_limits<int>::min()}) {
        EXPECT_THROW((void)Money::of(6000).format(with_decimals(chinese(), d)), parkinvest::ArgumentError) << d;
        EXPECT_THROW((void)Money::parse("1.7434").format(with_decimals(english(), d, RoundingMode::up)),
                     parkinvest::ArgumentError)
            << d;
        EXPECT_THROW((void)Money::of(6000).format(with_decimals(with_unit(chinese(), MoneyUnit::wan), d)),
                     parkinvest::ArgumentError)
            << d;
    }
    try {
        (void)Money::of(6000).format(with_decimals(chinese(), -4));
        ADD_FAILURE() << "expected ArgumentError";
    } catch (const parkinvest::ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("max_decimals must not be negative (got -4)"), std::string::npos) << e.what();
    }
    // Zero decimals is fine: 6000元 in 万 at 0 decimals, half_up, is 1万 (0.6 -> 1).
    EXPECT_EQ(Money::of(6000).format(with_decimals(with_unit(chinese(), MoneyUnit::wan), 0)), "1万元");
}

TEST(MoneyFormatChinese, AutomaticUnitFollowsTheRoundedAmount) {
    // 9999.99万 rounded to 0 decimals of 万 is 10000万 = 1亿: the unit is chosen again from the
    // rounded amount, so the text says 1亿元, not 10000万元. It parses back to the rounded value.
    const Money m = Money::parse("9999.99万");
    const std::string text = m.format(with_decimals(chinese(), 0));
    EXPECT_EQ(text, "1亿元");
    EXPECT_EQ(Money::parse(text), Money::parse("1亿"));
    // Without a carry the unit stays: 9999.49万 -> 9999万元.
    EXPECT_EQ(Money::parse("9999.49万").format(with_decimals(chinese(), 0)), "9999万元");
}

TEST(MoneyFormatChinese, WithoutCurrencyWord) {
    EXPECT_EQ(Money::parse("605.6亿元").format(without_currency_word(chinese())), "605.6亿");
    EXPECT_EQ(Money::parse("3亿美元").format(without_currency_word(chinese())), "3亿");
    EXPECT_EQ(Money::of(5000).format(without_currency_word(chinese())), "5000");
}

// ---------------------------------------------------------------------------------------------
// format: English

TEST(MoneyFormatEnglish, AutomaticUnit) {
    EXPECT_EQ(Money::parse("605.6亿元").format(english()), "60.56 billion yuan");
    EXPECT_EQ(Money::parse("214万元").format(english()), "2.14 million yuan");   // 2,140,000
    EXPECT_EQ(Money::parse("2140万元").format(english()), "21.4 million yuan");  // 21,400,000
    EXPECT_EQ(Money::parse("80万元").format(english()), "800,000 yuan");
    EXPECT_EQ(Money::parse("1.1万亿元").format(english()), "1.1 trillion yuan");
    EXPECT_EQ(Money::parse("95.9亿元").format(english()), "9.59 billion yuan");
    EXPECT_EQ(Money::parse("3.26亿元").format(english()), "326 million yuan");
    EXPECT_EQ(Money().format(english()), "0 yuan");
    EXPECT_EQ(Money::parse("-1234.5").format(english()), "-1,234.5 yuan");
    EXPECT_EQ(Money::of(999'999).format(english()), "999,999 yuan");
    EXPECT_EQ(Money::of(1'000'000).format(english()), "1 million yuan");
    EXPECT_EQ(Money::of(999'999'999).format(english()), "999.999999 million yuan");
    EXPECT_EQ(Money::of(-1'000'000'000).format(english()), "-1 billion yuan");
    EXPECT_EQ(Money::of(5, Currency::USD).format(english()), "5 US dollars");
    EXPECT_EQ(Money::of(5, Currency::HKD).format(english()), "5 Hong Kong dollars");
    EXPECT_EQ(Money::of(5, Currency::EUR).format(english()), "5 euros");
    EXPECT_EQ(Money::of(5, Currency::JPY).format(english()), "5 yen");
    EXPECT_EQ(Money::of(5, Currency::KRW).format(english()), "5 won");
    EXPECT_EQ(Money::of(5, Currency::GBP).format(english()), "5 pounds sterling");
}

TEST(MoneyFormatEnglish, ForcedUnitAndDecimals) {
    const Money m = Money::parse("605.6亿元");
    EXPECT_EQ(m.format(with_unit(english(), MoneyUnit::one)), "60,560,000,000 yuan");
    EXPECT_EQ(m.format(with_unit(english(), MoneyUnit::thousand)), "60560000 thousand yuan");
    EXPECT_EQ(m.format(with_unit(english(), MoneyUnit::wan)), "6056000 ten thousand yuan");
    EXPECT_EQ(m.format(with_unit(english(), MoneyUnit::million)), "60560 million yuan");
    EXPECT_EQ(m.format(with_unit(english(), MoneyUnit::yi)), "605.6 hundred million yuan");
    EXPECT_EQ(m.format(with_unit(english(), MoneyUnit::wan_yi)), "0.06056 trillion yuan");
    EXPECT_EQ(m.format(with_decimals(english(), 1)), "60.6 billion yuan");   // 60.5|6 -> 60.6
    EXPECT_EQ(m.format(with_decimals(english(), 1, RoundingMode::down)), "60.5 billion yuan");
    EXPECT_EQ(m.format(with_decimals(english(), 0)), "61 billion yuan");
    EXPECT_EQ(Money::parse("1234.5678").format(with_decimals(english(), 2)), "1,234.57 yuan");
}

TEST(MoneyFormatEnglish, WithoutCurrencyWord) {
    EXPECT_EQ(Money::parse("605.6亿元").format(without_currency_word(english())), "60.56 billion");
    EXPECT_EQ(Money::parse("80万元").format(without_currency_word(english())), "800,000");
    EXPECT_EQ(Money::of(5, Currency::USD).format(without_currency_word(english())), "5");
}

// ---------------------------------------------------------------------------------------------
// Round trips: parse(format(x)) == x for every format that does not round.

std::vector<MoneyFormat> non_rounding_formats() {
    std::vector<MoneyFormat> out;
    const std::optional<MoneyUnit> units_to_try[] = {std::nullopt,       MoneyUnit::one,     MoneyUnit::thousand,
                                                     MoneyUnit::wan,     MoneyUnit::million, MoneyUnit::yi,
                                                     MoneyUnit::billion, MoneyUnit::wan_yi};
    for (Language lang : {Language::chinese, Language::english}) {
        for (const auto& u : units_to_try) {
            for (bool word : {true, false}) {
                MoneyFormat f;
                f.language = lang;
                f.unit = u;
                f.currency_word = word;
                out.push_back(f);
            }
        }
    }
    return out;
}

void expect_round_trips(const Money& x, const std::vector<MoneyFormat>& formats) {
    const std::string canonical = x.to_string();
    ASSERT_EQ(Money::parse(canonical), x) << canonical;
    // Without a currency in the text, the currency comes back through default_currency.
    const std::string grouped = x.format_grouped();
    ASSERT_EQ(Money::parse(grouped, x.currency()), x) << grouped;
    for (const MoneyFormat& f : formats) {
        const std::string text = x.format(f);
        const Money back = Money::parse(text, f.currency_word ? Currency::CNY : x.currency());
        ASSERT_EQ(back, x) << "text: " << text << " canonical: " << canonical;
    }
}

TEST(MoneyFormatRoundTrip, HandPickedAmounts) {
    const auto formats = non_rounding_formats();
    const Money amounts[] = {Money(),
                             Money::parse("605.6亿元"),
                             Money::parse("-3.5亿"),
                             Money::parse("0.0001"),
                             Money::parse("-0.0001 JPY"),
                             Money::parse("2140万元"),
                             Money::parse("9999.9999"),
                             Money::parse("1.1万亿"),
                             units(kMaxUnits),
                             units(-kMaxUnits, Currency::GBP),
                             units(kMaxUnits, Currency::KRW),
                             units(kMinUnits),
                             units(kMinUnits, Currency::USD)};
    for (const Money& m : amounts) expect_round_trips(m, formats);
}

TEST(MoneyFormatRoundTrip, PseudoRandomAmounts) {
    const auto formats = non_rounding_formats();
    std::mt19937_64 rng(0x5eed'2024'0605ULL);
    constexpr Currency currencies[] = {Currency::CNY, Currency::USD, Currency::EUR, Currency::JPY,
                                       Currency::KRW, Currency::HKD, Currency::GBP};
    for (int i = 0; i < 3000; ++i) {
        // 119 random bits (55 high + 64 low) are at most 2^119 - 1 = max_units(); a random right
        // shift spreads the magnitudes, and a random truncation to a multiple of 10^k gives
        // "round" amounts like 605.6亿 as well as ragged ones.
        const std::uint64_t hi = rng() >> 9;
        const std::uint64_t lo = rng();
        i128 u = (static_cast<i128>(hi) << 64) | static_cast<i128>(lo);
        u >>= static_cast<int>(rng() % 119);
        const i128 step = ten_to(static_cast<int>(rng() % 20));
        u = u / step * step;
        if ((rng() & 1) != 0) u = -u;
        const Currency c = currencies[rng() % 7];
        SCOPED_TRACE("units " + dec(u));
        expect_round_trips(units(u, c), formats);
        if (HasFatalFailure()) return;
    }
}

}  // namespace
