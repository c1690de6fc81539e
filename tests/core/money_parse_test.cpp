// SPDX-License-Identifier: MIT
// Unit tests of Money::parse: every accepted form with its exact value, every rejected form with
// its ParseErrorKind and byte offset. Expected units (1/10,000 of the currency unit) are
// computed by hand.
#include <parkinvest/parkinvest.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

using parkinvest::Currency;
using parkinvest::Money;
using parkinvest::OverflowError;
using parkinvest::ParseError;
using parkinvest::ParseErrorKind;
using parkinvest::detail::i128;
using namespace parkinvest::test;

void expect_money(std::string_view text, i128 expected_units, Currency expected_currency,
                  Currency default_currency = Currency::CNY) {
    SCOPED_TRACE(std::string("input: \"") + std::string(text) + "\"");
    const Money m = Money::parse(text, default_currency);
    EXPECT_I128_EQ(m.units(), expected_units);
    EXPECT_EQ(parkinvest::iso_code(m.currency()), parkinvest::iso_code(expected_currency));
}

void expect_error(std::string_view text, ParseErrorKind kind, std::size_t offset) {
    SCOPED_TRACE(std::string("input: \"") + std::string(text) + "\"");
    expect_parse_error([](std::string_view t) { return "units " + dec(Money::parse(t).units()); }, text, kind, offset,
                       [kind](const ParseError& e) {
                           EXPECT_EQ(e.reason(), parkinvest::to_string(kind));
                           const std::string what = e.what();
                           EXPECT_NE(what.find("money amount"), std::string::npos) << what;
                       });
}

// ---------------------------------------------------------------------------------------------
// Accepted forms

TEST(MoneyParseAccepts, ChineseUnitWords) {
    expect_money("605.6亿元", 605'600'000'000'000, Currency::CNY);   // 60,560,000,000 yuan
    expect_money("605.6 亿", 605'600'000'000'000, Currency::CNY);
    expect_money("605.6 亿 元", 605'600'000'000'000, Currency::CNY);
    expect_money("2140万元", 214'000'000'000, Currency::CNY);         // 21,400,000 yuan
    expect_money("80万", 8'000'000'000, Currency::CNY);               // 800,000 yuan
    expect_money("1.1万亿元", 11'000'000'000'000'000, Currency::CNY); // 1.1 * 10^12 yuan
    expect_money("3500千元", 35'000'000'000, Currency::CNY);          // 3,500,000 yuan
    expect_money("12.5百万元", 125'000'000'000, Currency::CNY);       // 12,500,000 yuan
    expect_money("3千亿元", 3'000'000'000'000'000, Currency::CNY);    // 3 * 10^11 yuan
    expect_money("2百亿元", 200'000'000'000'000, Currency::CNY);      // 2 * 10^10 yuan
    expect_money("6十亿元", 60'000'000'000'000, Currency::CNY);       // 6 * 10^9 yuan
    expect_money("4千万元", 400'000'000'000, Currency::CNY);          // 4 * 10^7 yuan
    expect_money("5十万元", 5'000'000'000, Currency::CNY);            // 5 * 10^5 yuan
    expect_money("7百元", 7'000'000, Currency::CNY);                  // 700 yuan
    expect_money("-3.5亿", -3'500'000'000'000, Currency::CNY);        // -350,000,000 yuan
    expect_money("６０５．６亿元", 605'600'000'000'000, Currency::CNY);
}

TEST(MoneyParseAccepts, EnglishUnitWords) {
    expect_money("60.56 billion", 605'600'000'000'000, Currency::CNY);  // 60,560,000,000 yuan
    expect_money("2.14 million", 21'400'000'000, Currency::CNY);        // 2,140,000 yuan
    expect_money("2.14 million yuan", 21'400'000'000, Currency::CNY);
    expect_money("1.1 trillion yuan", 11'000'000'000'000'000, Currency::CNY);
    expect_money("3.5 thousand", 35'000'000, Currency::CNY);            // 3,500 yuan
    expect_money("605.6 hundred million", 605'600'000'000'000, Currency::CNY);
    expect_money("2140 ten thousand", 214'000'000'000, Currency::CNY);
    expect_money("5 Million Yuan", 50'000'000'000, Currency::CNY);      // ASCII letters: any case
    expect_money("800,000 yuan", 8'000'000'000, Currency::CNY);
    expect_money("5 US dollars", 50'000, Currency::USD);
    expect_money("5 Hong Kong dollars", 50'000, Currency::HKD);
    expect_money("5 euros", 50'000, Currency::EUR);
    expect_money("5 yen", 50'000, Currency::JPY);
    expect_money("5 won", 50'000, Currency::KRW);
    expect_money("5 pounds sterling", 50'000, Currency::GBP);
    expect_money("5 renminbi", 50'000, Currency::CNY);
}

TEST(MoneyParseAccepts, SymbolsAndCodes) {
    expect_money("¥1,234.56", 12'345'600, Currency::CNY);
    expect_money("￥1,234.56", 12'345'600, Currency::CNY);  // U+FFE5 FULLWIDTH YEN SIGN
    expect_money("CNY 1234.56", 12'345'600, Currency::CNY);
    expect_money("CNY1234.56", 12'345'600, Currency::CNY);
    expect_money("1234.56 USD", 12'345'600, Currency::USD);
    expect_money("1234.56USD", 12'345'600, Currency::USD);
    expect_money("RMB 5", 50'000, Currency::CNY);
    expect_money("$5", 50'000, Currency::USD);
    expect_money("US$5", 50'000, Currency::USD);
    expect_money("HK$5", 50'000, Currency::HKD);
    expect_money("JP¥5", 50'000, Currency::JPY);
    expect_money("€5", 50'000, Currency::EUR);
    expect_money("£5", 50'000, Currency::GBP);
    expect_money("₩5", 50'000, Currency::KRW);
    expect_money("人民币5元", 50'000, Currency::CNY);
    expect_money("5美元", 50'000, Currency::USD);
    expect_money("5欧元", 50'000, Currency::EUR);
    expect_money("5日元", 50'000, Currency::JPY);
    expect_money("5韩元", 50'000, Currency::KRW);
    expect_money("5港元", 50'000, Currency::HKD);
    expect_money("5港币", 50'000, Currency::HKD);
    expect_money("5英镑", 50'000, Currency::GBP);
    expect_money("5人民币", 50'000, Currency::CNY);
    expect_money("5人民币元", 50'000, Currency::CNY);
    expect_money("3亿美元", 3'000'000'000'000, Currency::USD);  // 3 * 10^8 dollars
    expect_money("$5 USD", 50'000, Currency::USD);               // prefix and suffix agree
    expect_money("5 JPY", 50'000, Currency::JPY);
    expect_money("5.5 JPY", 55'000, Currency::JPY);              // Money keeps 4 decimals for every currency
    expect_money("5 usd", 50'000, Currency::USD);
}

TEST(MoneyParseAccepts, Signs) {
    expect_money("-¥5", -50'000, Currency::CNY);
    expect_money("¥-5", -50'000, Currency::CNY);
    expect_money("+5", 50'000, Currency::CNY);
    expect_money("-5", -50'000, Currency::CNY);
    expect_money("\u22125元", -50'000, Currency::CNY);  // U+2212 MINUS SIGN
    expect_money("－5元", -50'000, Currency::CNY);      // U+FF0D FULLWIDTH HYPHEN-MINUS
    expect_money("-$5", -50'000, Currency::USD);
    expect_money("US$-5", -50'000, Currency::USD);
    expect_money("-0", 0, Currency::CNY);
}

TEST(MoneyParseAccepts, Spaces) {
    expect_money("  5元  ", 50'000, Currency::CNY);
    expect_money("\u30005元\u3000", 50'000, Currency::CNY);  // U+3000 IDEOGRAPHIC SPACE
    expect_money("\u3000\u3000605.6\u3000亿元", 605'600'000'000'000, Currency::CNY);
    expect_money("\t5\t", 50'000, Currency::CNY);
    expect_money("\u00a05\u00a0", 50'000, Currency::CNY);  // NO-BREAK SPACE
    expect_money("¥ 5", 50'000, Currency::CNY);
}

TEST(MoneyParseAccepts, NumbersAndDecimals) {
    expect_money("0", 0, Currency::CNY);
    expect_money("0.0001", 1, Currency::CNY);
    expect_money("1,234,567.89", 12'345'678'900, Currency::CNY);
    expect_money("1.500000000", 15'000, Currency::CNY);  // trailing zeros beyond 4 decimals are fine
    expect_money("007", 70'000, Currency::CNY);
    // With a unit the number may carry scale + exponent decimals: 万 allows 4 + 4 = 8.
    expect_money("0.00001万", 1'000, Currency::CNY);    // 0.1 yuan
    expect_money("0.000001万", 100, Currency::CNY);     // 0.01 yuan
    expect_money("0.00000001万", 1, Currency::CNY);     // 0.0001 yuan
    expect_money("0.000000000001亿", 1, Currency::CNY);  // 亿 allows 4 + 8 = 12 decimals: 0.0001 yuan
    expect_money("605.600000000001亿", 605'600'000'000'001, Currency::CNY);
}

TEST(MoneyParseAccepts, RangeLimits) {
    // max_units() = 2^119 - 1 = 664613997892457936451903530140172287 units
    //             = 66461399789245793645190353014017.2287 yuan.
    const i128 max_units = big("664613997892457936451903530140172287");
    expect_money("66461399789245793645190353014017.2287", max_units, Currency::CNY);
    expect_money("-66461399789245793645190353014017.2287", -max_units, Currency::CNY);
    // min_units() = -2^119 = -(max_units() + 1).
    expect_money("-66461399789245793645190353014017.2288", -max_units - 1, Currency::CNY);
    expect_money("¥-66461399789245793645190353014017.2288", -max_units - 1, Currency::CNY);
    expect_money("66461399789245793645190353014017.2287 USD", max_units, Currency::USD);
}

TEST(MoneyParseAccepts, DefaultCurrency) {
    expect_money("5", 50'000, Currency::USD, Currency::USD);
    expect_money("5万", 500'000'000, Currency::JPY, Currency::JPY);
    expect_money("5元", 50'000, Currency::CNY, Currency::USD);   // the text wins over the default
    expect_money("$5", 50'000, Currency::USD, Currency::EUR);
    expect_money("5 GBP", 50'000, Currency::GBP, Currency::JPY);
    expect_money("5", 50'000, Currency::CNY);                     // default default is CNY
}

// ---------------------------------------------------------------------------------------------
// Rejected forms, with kind and byte offset

TEST(MoneyParseRejects, Empty) {
    expect_error("", ParseErrorKind::empty, 0);
    expect_error("   ", ParseErrorKind::empty, 0);
    expect_error("\u3000", ParseErrorKind::empty, 0);
}

TEST(MoneyParseRejects, MissingNumber) {
    expect_error("亿", ParseErrorKind::expected_number, 0);
    expect_error("元", ParseErrorKind::expected_number, 0);
    expect_error(".5", ParseErrorKind::expected_number, 0);
    expect_error("--5", ParseErrorKind::expected_number, 1);
    expect_error("-", ParseErrorKind::expected_number, 1);
    expect_error("¥", ParseErrorKind::expected_number, 2);        // '¥' is 2 bytes
    expect_error("-¥-5", ParseErrorKind::expected_number, 3);     // one sign only
    expect_error("abc", ParseErrorKind::expected_number, 0);
}

TEST(MoneyParseRejects, MalformedNumbers) {
    expect_error("1..2", ParseErrorKind::invalid_number, 2);
    expect_error("1.2.3", ParseErrorKind::invalid_number, 3);
    expect_error("1,23", ParseErrorKind::invalid_number, 4);     // last group has 2 digits
    expect_error("1,2345", ParseErrorKind::invalid_number, 5);   // 4th digit of a group
    expect_error("1234,567", ParseErrorKind::invalid_number, 4); // 4 digits before the first ','
    expect_error("1,,234", ParseErrorKind::invalid_number, 2);
    expect_error("1,", ParseErrorKind::invalid_number, 2);
    expect_error("5.", ParseErrorKind::invalid_number, 2);
    expect_error("5.元", ParseErrorKind::invalid_number, 2);
}

TEST(MoneyParseRejects, UnknownWords) {
    expect_error("12abc", ParseErrorKind::unknown_unit, 2);
    expect_error("1e3", ParseErrorKind::unknown_unit, 1);
    expect_error("5 yuanx", ParseErrorKind::unknown_unit, 2);    // "yuan" must end at a word boundary
    expect_error("5万万", ParseErrorKind::unknown_unit, 4);       // '5' 0, '万' 1-3, second '万' at 4
    expect_error("5元元", ParseErrorKind::unknown_unit, 4);
    expect_error("5 bitcoin", ParseErrorKind::unknown_unit, 2);
}

TEST(MoneyParseRejects, TrailingCharacters) {
    expect_error("5 5", ParseErrorKind::trailing_characters, 2);
    expect_error("5元5", ParseErrorKind::trailing_characters, 4);
    expect_error("5-", ParseErrorKind::trailing_characters, 1);
    expect_error("5%", ParseErrorKind::trailing_characters, 1);
}

TEST(MoneyParseRejects, TooManyDecimals) {
    // Four decimals of the yuan at most: "1.00001" fails at its 5th decimal, byte 2 + 4 = 6.
    expect_error("1.00001", ParseErrorKind::too_many_decimals, 6);
    expect_error("0.00005", ParseErrorKind::too_many_decimals, 6);
    expect_error("-1.00001元", ParseErrorKind::too_many_decimals, 7);
    // 万 allows 8 decimals: "0.000000001万" fails at the 9th, byte 2 + 8 = 10.
    expect_error("0.000000001万", ParseErrorKind::too_many_decimals, 10);
    // Full width: '１' 0-2, '．' 3-5, then decimals at 6, 9, 12, 15, 18 -> the 5th at 18.
    expect_error("１．００００１", ParseErrorKind::too_many_decimals, 18);
    // JPY has no minor unit, but Money still stores 4 decimals: 5 decimals fail the same way.
    expect_error("1.00001 JPY", ParseErrorKind::too_many_decimals, 6);
}

TEST(MoneyParseRejects, Overflow) {
    // 40 digits: the mantissa itself overflows.
    expect_error("1000000000000000000000000000000000000000", ParseErrorKind::overflow, 0);
    // 10^33 yuan = 10^37 units fits 128 bits but not Money's 119.
    expect_error("1000000000000000000000000000000000", ParseErrorKind::overflow, 0);
    // One unit above max_units(): still a ParseError, not an OverflowError.
    expect_error("66461399789245793645190353014017.2288", ParseErrorKind::overflow, 0);
    expect_error("-66461399789245793645190353014017.2289", ParseErrorKind::overflow, 1);
    expect_error("-66461399789245793645190353014017.3", ParseErrorKind::overflow, 1);
    expect_error("¥66461399789245793645190353014017.2288", ParseErrorKind::overflow, 2);
    // 10^30 万亿 = 10^42 yuan.
    expect_error("1000000000000000000000000000000万亿", ParseErrorKind::overflow, 0);
}

TEST(MoneyParseRejects, OverflowIsAParseErrorNotAnOverflowError) {
    bool caught_parse_error = false;
    try {
        (void)Money::parse("1000000000000000000000000000000000");
    } catch (const OverflowError&) {
        ADD_FAILURE() << "OverflowError escaped the parser";
    } catch (const ParseError&) {
        caught_parse_error = true;
    }
    EXPECT_TRUE(caught_parse_error);
}

TEST(MoneyParseRejects, InvalidUtf8) {
    expect_error("\xff", ParseErrorKind::invalid_utf8, 0);
    expect_error("5\xff", ParseErrorKind::invalid_utf8, 1);
    expect_error("5\xe5", ParseErrorKind::invalid_utf8, 1);            // truncated 3-byte sequence
    expect_error("5\xe5\x85", ParseErrorKind::invalid_utf8, 1);        // truncated 3-byte sequence
    expect_error("\xc0\xb5", ParseErrorKind::invalid_utf8, 0);         // overlong '5'
    expect_error("\xed\xa0\x80" "5", ParseErrorKind::invalid_utf8, 0); // UTF-16 surrogate
    expect_error("5元\x80", ParseErrorKind::invalid_utf8, 4);          // stray continuation byte
}

TEST(MoneyParseRejects, ConflictingCurrencies) {
    expect_error("$5元", ParseErrorKind::conflicting_currency, 2);      // '$' 0, '5' 1, '元' at 2
    expect_error("¥5美元", ParseErrorKind::conflicting_currency, 3);    // '¥' 0-1, '5' 2, '美元' at 3
    expect_error("CNY 5 USD", ParseErrorKind::conflicting_currency, 6);
    expect_error("HK$5 yuan", ParseErrorKind::conflicting_currency, 5);
}

TEST(MoneyParseRejects, ErrorMessageNamesInputAndOffset) {
    try {
        (void)Money::parse("12abc");
        FAIL() << "no exception";
    } catch (const ParseError& e) {
        EXPECT_EQ(e.input(), "12abc");
        EXPECT_EQ(e.offset(), 2u);
        const std::string what = e.what();
        EXPECT_NE(what.find("\"12abc\""), std::string::npos) << what;
        EXPECT_NE(what.find("at byte 2"), std::string::npos) << what;
        EXPECT_NE(what.find("unknown unit"), std::string::npos) << what;
    }
    // A long hostile input is echoed only in part, but kept whole in input().
    const std::string long_input = std::string(200, '1') + "x";
    try {
        (void)Money::parse(long_input);
        FAIL() << "no exception";
    } catch (const ParseError& e) {
        EXPECT_EQ(e.input(), long_input);
        EXPECT_LT(std::string(e.what()).size(), 200u);
    }
}

}  // namespace
