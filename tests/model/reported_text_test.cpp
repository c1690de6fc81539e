// SPDX-License-Identifier: MIT
// Bounded amounts as text: parse_reported_amount reads every word form reports use, in Chinese
// and English, with errors at their byte offset in the whole text; format writes one canonical
// form per Bound; and parse(format(x)) == x for every Bound, language and currency.
#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/money.hpp>
#include <parkinvest/model/common.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace {

using namespace parkinvest;
using namespace parkinvest::test;

/// n × 10^k yuan (or another currency), built without the parser.
Money yuan(std::int64_t n, int k = 0, Currency c = Currency::CNY) {
    std::int64_t v = n;
    for (int i = 0; i < k; ++i) v *= 10;
    return Money::of(v, c);
}

struct Form {
    std::string_view text;
    Money value;
    Bound bound;
};

// ---------------------------------------------------------------------------------------------
// Every word form

TEST(ReportedAmountParse, EveryChineseWordForm) {
    const Form forms[] = {
        {"10亿元以上", yuan(10, 8), Bound::at_least},
        {"超过5亿元", yuan(5, 8), Bound::more_than},
        {"逾5亿元", yuan(5, 8), Bound::more_than},
        {"5亿余元", yuan(5, 8), Bound::more_than},
        {"5亿多元", yuan(5, 8), Bound::more_than},
        {"30多亿元", yuan(30, 8), Bound::more_than},
        {"300余万元", yuan(300, 4), Bound::more_than},
        {"约2亿元", yuan(2, 8), Bound::about},
        {"2亿元左右", yuan(2, 8), Bound::about},
        {"近3.26亿元", yuan(326, 6), Bound::nearly},
        {"接近3亿元", yuan(3, 8), Bound::nearly},
        {"不超过1亿元", yuan(1, 8), Bound::at_most},
        {"1亿元以内", yuan(1, 8), Bound::at_most},
        {"1亿元以下", yuan(1, 8), Bound::at_most},
        {"不足1亿元", yuan(1, 8), Bound::less_than},
        {"不到1亿元", yuan(1, 8), Bound::less_than},
        {"低于1亿元", yuan(1, 8), Bound::less_than},
        {"605.6亿元", yuan(6056, 7), Bound::exact},
    };
    for (const Form& f : forms) {
        SCOPED_TRACE(std::string(f.text));
        const ReportedAmount a = parse_reported_amount(f.text);
        EXPECT_EQ(a.value, f.value);
        EXPECT_EQ(a.bound, f.bound);
        EXPECT_FALSE(a.estimated);
    }
}

TEST(ReportedAmountParse, EveryEnglishWordFormInAnyCase) {
    const Form forms[] = {
        {"at least 10 billion yuan", yuan(10, 9), Bound::at_least},
        {"more than 5 billion yuan", yuan(5, 9), Bound::more_than},
        {"about 200 million yuan", yuan(2, 8), Bound::about},
        {"nearly 326 million yuan", yuan(326, 6), Bound::nearly},
        {"at most 100 million yuan", yuan(1, 8), Bound::at_most},
        {"less than 100 million yuan", yuan(1, 8), Bound::less_than},
        {"At Least 5 yuan", yuan(5), Bound::at_least},
        {"ABOUT 5", yuan(5), Bound::about},
        {"60.56 billion yuan", yuan(6056, 7), Bound::exact},
    };
    for (const Form& f : forms) {
        SCOPED_TRACE(std::string(f.text));
        const ReportedAmount a = parse_reported_amount(f.text);
        EXPECT_EQ(a.value, f.value);
        EXPECT_EQ(a.bound, f.bound);
    }
}

TEST(ReportedAmountParse, SpacesFullWidthFormsSignsAndCurrenciesAsMoneyParse) {
    const Form forms[] = {
        {" 约 2 亿 元 ", yuan(2, 8), Bound::about},
        {"5 亿 余 元", yuan(5, 8), Bound::more_than},
        {"30 多 亿元", yuan(30, 8), Bound::more_than},
        {"10亿元 以上", yuan(10, 8), Bound::at_least},
        {"10亿元\u00A0以上\t", yuan(10, 8), Bound::at_least},
        {"约\u3000２亿元", yuan(2, 8), Bound::about},
        {"近３．２６亿元", yuan(326, 6), Bound::nearly},
        {"约-5亿元", yuan(-5, 8), Bound::about},
        {"-5亿元以上", yuan(-5, 8), Bound::at_least},
        {"5亿美元以上", yuan(5, 8, Currency::USD), Bound::at_least},
        {"约US$5 million", yuan(5, 6, Currency::USD), Bound::about},
        {"5亿多港元", yuan(5, 8, Currency::HKD), Bound::more_than},
        {"超过¥1,234元", yuan(1234), Bound::more_than},
        {"5余", yuan(5), Bound::more_than},
        {"about5", yuan(5), Bound::about},
    };
    for (const Form& f : forms) {
        SCOPED_TRACE(std::string(f.text));
        const ReportedAmount a = parse_reported_amount(f.text);
        EXPECT_EQ(a.value, f.value);
        EXPECT_EQ(a.bound, f.bound);
    }
}

TEST(ReportedAmountParse, TheDefaultCurrencyAppliesWhenTheTextNamesNone) {
    EXPECT_EQ(parse_reported_amount("约5亿", Currency::USD).value, yuan(5, 8, Currency::USD));
    EXPECT_EQ(parse_reported_amount("5亿以上", Currency::EUR).value, yuan(5, 8, Currency::EUR));
    EXPECT_EQ(parse_reported_amount("约5亿元", Currency::USD).value, yuan(5, 8, Currency::CNY));
}

// ---------------------------------------------------------------------------------------------
// Errors, with offsets into the whole text

void expect_error(std::string_view text, ParseErrorKind kind, std::size_t offset) {
    SCOPED_TRACE(std::string(text));
    expect_parse_error([](std::string_view t) { (void)parse_reported_amount(t); }, text, kind, offset);
}

TEST(ReportedAmountParse, EmptyTextAndWordsWithoutANumber) {
    expect_error("", ParseErrorKind::empty, 0);
    expect_error(" \u3000", ParseErrorKind::empty, 0);
    expect_error("约", ParseErrorKind::expected_number, 3);
    expect_error("约 ", ParseErrorKind::expected_number, 4);
    expect_error("以上", ParseErrorKind::expected_number, 0);
    expect_error("about", ParseErrorKind::expected_number, 5);
}

TEST(ReportedAmountParse, TwoBoundWordsAreAnErrorAtTheSecond) {
    // Offsets: 约 超 过 以 上 ... are 3 bytes each in UTF-8; ASCII digits 1.
    expect_error("约超过5亿元", ParseErrorKind::invalid_value, 3);
    expect_error("约约5亿元", ParseErrorKind::invalid_value, 3);
    expect_error("5亿元以上以下", ParseErrorKind::invalid_value, 13);
    expect_error("5亿元以上以上", ParseErrorKind::invalid_value, 13);
    expect_error("约5亿元左右", ParseErrorKind::invalid_value, 10);
    expect_error("约5亿元以上", ParseErrorKind::invalid_value, 10);
    expect_error("5亿余多元", ParseErrorKind::invalid_value, 7);
    expect_error("超过5余亿元", ParseErrorKind::invalid_value, 7);
    expect_error("5多亿余元", ParseErrorKind::invalid_value, 7);
    expect_error("5亿多元以上", ParseErrorKind::invalid_value, 10);
    expect_error("about 5 yuan以上", ParseErrorKind::invalid_value, 12);
    expect_error("about at most 5", ParseErrorKind::invalid_value, 6);
    expect_error("5余余余元", ParseErrorKind::invalid_value, 4);
    // Long runs of words: still the second word, whichever side they are on.
    std::string many = "5";
    for (int i = 0; i < 10000; ++i) many += "以上";
    expect_error(many, ParseErrorKind::invalid_value, 7);
    std::string leading;
    for (int i = 0; i < 10000; ++i) leading += "约";
    expect_error(leading + "5", ParseErrorKind::invalid_value, 3);
    try {
        (void)parse_reported_amount("5亿元以上以下");
        ADD_FAILURE() << "expected a ParseError";
    } catch (const ParseError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("second bound word, \"以下\", after \"以上\""), std::string::npos) << message;
    }
}

TEST(ReportedAmountParse, MoneyErrorsPointIntoTheWholeText) {
    expect_error("约5x亿元", ParseErrorKind::unknown_unit, 4);
    expect_error("超过5亿元x", ParseErrorKind::unknown_unit, 13);
    // After an inner word: the offset counts the word's bytes (5亿余元 = 1 + 3 + 3 + 3 bytes).
    expect_error("5亿余元x", ParseErrorKind::unknown_unit, 10);
    expect_error("5余亿元 7", ParseErrorKind::trailing_characters, 11);
    expect_error("约1..2亿元", ParseErrorKind::invalid_number, 5);  // the second dot
    expect_error("约$5元", ParseErrorKind::conflicting_currency, 5);
    expect_error("约5\xFF亿", ParseErrorKind::invalid_utf8, 4);
    expect_error("5亿元以上\xFF", ParseErrorKind::invalid_utf8, 13);
    // 10^40 yuan: far beyond 2^119 / 10^4.
    expect_error("约10000000000000000000000000000000000000000元", ParseErrorKind::overflow, 3);
    expect_error("超过0.00001元", ParseErrorKind::too_many_decimals, 12);  // the fifth decimal: 6 + 6
}

TEST(ReportedAmountParse, InnerWordsOnlyAfterANumberOrUnitAndBeforeNoDigit) {
    // Elsewhere 余 and 多 are not bound words, and the amount parser refuses them where they are.
    expect_error("余5亿元", ParseErrorKind::expected_number, 0);
    expect_error("5亿元余", ParseErrorKind::unknown_unit, 7);
    expect_error("1余000元", ParseErrorKind::unknown_unit, 1);
    expect_error("5余.5亿元", ParseErrorKind::unknown_unit, 1);
    expect_error("5多,000元", ParseErrorKind::unknown_unit, 1);
    expect_error("5余５亿元", ParseErrorKind::unknown_unit, 1);
    expect_error("约余5亿元", ParseErrorKind::expected_number, 3);
    // Words the parser does not know.
    expect_error("大约5亿元", ParseErrorKind::expected_number, 0);
    expect_error("at leastx 5", ParseErrorKind::expected_number, 0);
    expect_error("5亿元 or more", ParseErrorKind::unknown_unit, 8);
}

// ---------------------------------------------------------------------------------------------
// Format: one canonical form per Bound, as with_bound writes it

TEST(ReportedAmountFormat, OneCanonicalFormPerBound) {
    struct Row {
        Bound bound;
        std::string_view zh;
        std::string_view en;
    };
    const Row rows[] = {
        {Bound::exact, "10亿元", "1 billion yuan"},
        {Bound::at_least, "10亿元以上", "at least 1 billion yuan"},
        {Bound::more_than, "超过10亿元", "more than 1 billion yuan"},
        {Bound::about, "约10亿元", "about 1 billion yuan"},
        {Bound::nearly, "近10亿元", "nearly 1 billion yuan"},
        {Bound::at_most, "不超过10亿元", "at most 1 billion yuan"},
        {Bound::less_than, "不足10亿元", "less than 1 billion yuan"},
    };
    for (const Row& r : rows) {
        const ReportedAmount a{yuan(1, 9), r.bound, false};
        EXPECT_EQ(format(a), r.zh);
        MoneyFormat english;
        english.language = Language::english;
        EXPECT_EQ(format(a, english), r.en);
        EXPECT_EQ(format(a), with_bound(a.value.format(), r.bound));
    }
    MoneyFormat wan;
    wan.unit = MoneyUnit::wan;
    wan.currency_word = false;
    EXPECT_EQ(format(ReportedAmount{yuan(326, 6), Bound::nearly, true}, wan), "近32600万");
}

// ---------------------------------------------------------------------------------------------
// Round trips

std::vector<MoneyFormat> exact_formats() {
    std::vector<MoneyFormat> formats;
    for (const Language lang : {Language::chinese, Language::english}) {
        for (const bool word : {true, false}) {
            MoneyFormat f;
            f.language = lang;
            f.currency_word = word;
            formats.push_back(f);
            f.unit = MoneyUnit::wan;
            formats.push_back(f);
            f.unit = MoneyUnit::one;
            formats.push_back(f);
        }
    }
    return formats;
}

TEST(ReportedAmountRoundTrip, EveryBoundLanguageAndCurrencyOverSeededRandomAmounts) {
    const std::vector<MoneyFormat> formats = exact_formats();
    std::mt19937_64 rng(0xB0'0D'2026'1205ULL);
    constexpr Currency currencies[] = {Currency::CNY, Currency::USD, Currency::EUR, Currency::JPY,
                                       Currency::KRW, Currency::HKD, Currency::GBP};
    for (int i = 0; i < 1500; ++i) {
        // 119 random bits, shifted right by a random count, cut to a multiple of 10^k: amounts
        // from 0 to max_units() of every shape.
        const std::uint64_t hi = rng() >> 9;
        const std::uint64_t lo = rng();
        i128 u = (static_cast<i128>(hi) << 64) | static_cast<i128>(lo);
        u >>= static_cast<int>(rng() % 119);
        i128 step = 1;
        for (int k = static_cast<int>(rng() % 20); k > 0; --k) step *= 10;
        u = u / step * step;
        if ((rng() & 1) != 0) u = -u;
        const Currency c = currencies[rng() % 7];
        for (const Bound b : enum_values<Bound>()) {
            const ReportedAmount a{Money::from_units(u, c), b, false};
            for (const MoneyFormat& f : formats) {
                const std::string text = format(a, f);
                SCOPED_TRACE(text);
                EXPECT_EQ(parse_reported_amount(text, c), a);
                if (HasFailure()) return;
            }
        }
    }
}

}  // namespace
