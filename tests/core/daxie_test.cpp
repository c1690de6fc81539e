// SPDX-License-Identifier: MIT
// Chinese financial numerals (大写): Money::format with MoneyStyle::financial and Money::parse of
// 大写, against the examples of the People's Bank of China rules for bills and settlement
// vouchers (《支付结算办法》附件一 "正确填写票据和结算凭证的基本规定") and a slow reference
// writer in this file that works group of four by group of four from the decimal digits.
#include <parkinvest/parkinvest.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace {

using parkinvest::ArgumentError;
using parkinvest::Currency;
using parkinvest::InexactRoundingError;
using parkinvest::Money;
using parkinvest::MoneyFormat;
using parkinvest::MoneyStyle;
using parkinvest::MoneyUnit;
using parkinvest::ParseError;
using parkinvest::ParseErrorKind;
using parkinvest::RoundingMode;
using namespace parkinvest::test;

MoneyFormat financial(bool renminbi = true) {
    MoneyFormat f;
    f.style = MoneyStyle::financial;
    f.currency_word = renminbi;
    return f;
}
MoneyFormat financial_rounded(int decimals, RoundingMode mode) {
    MoneyFormat f = financial();
    f.max_decimals = decimals;
    f.rounding = mode;
    return f;
}

Money fen(std::int64_t n) { return Money::of_minor(n); }

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

// ---------------------------------------------------------------------------------------------
// The reference: the 大写 of an amount in 分, written from its decimal digits one group of four
// (个, 万, 亿, 万亿) at a time, as a person fills in a cheque.
//  * In a group: 仟佰拾 after the numerals; zeros before a numeral in the group (leading or
//    inner) are one 零 when anything was written before; zeros at the end of a group are not
//    written.
//  * A numeral at the 仟 of a group after an all-zero group gets 零 (贰亿零壹仟); after a group
//    that merely ends in zeros it does not (壹拾万柒仟).
//  * 万 after a non-zero 万 or 万亿 group; 亿 after the 亿 group when anything from it up is
//    non-zero.
//  * 元, then 零 when the 元 digit or the 角 digit is zero and 角 or 分 follows; 整 unless 分.
std::string reference_daxie(std::uint64_t amount_fen, bool renminbi) {
    static const char* const numeral[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static const char* const place[] = {"仟", "佰", "拾", ""};
    std::string out = renminbi ? "人民币" : "";
    if (amount_fen == 0) return out + "零元整";
    const std::uint64_t yuan = amount_fen / 100;
    const int jiao = static_cast<int>(amount_fen / 10 % 10);
    const int cent = static_cast<int>(amount_fen % 10);
    if (yuan != 0) {
        std::string digits = std::to_string(yuan);
        while (digits.size() % 4 != 0) digits.insert(0, "0");
        const std::size_t groups = digits.size() / 4;
        bool written = false;
        bool group_above_zero = false;
        for (std::size_t g = 0; g < groups; ++g) {
            const std::string group = digits.substr(4 * g, 4);
            const std::size_t rank = groups - 1 - g;  // 3: 万亿, 2: 亿, 1: 万, 0: 个
            if (group == "0000") {
                group_above_zero = true;
            } else {
                bool zeros = false;
                for (std::size_t k = 0; k < 4; ++k) {
                    const int d = group[k] - '0';
                    if (d == 0) {
                        zeros = true;
                        continue;
                    }
                    if (written && (zeros || (k == 0 && group_above_zero))) out += "零";
                    zeros = false;
                    out += numeral[d];
                    out += place[k];
                    written = true;
                }
                group_above_zero = false;
                if (rank == 3 || rank == 1) out += "万";
            }
            if (rank == 2 && written) out += "亿";
        }
        out += "元";
        if ((jiao != 0 || cent != 0) && (digits.back() == '0' || jiao == 0)) out += "零";
    }
    if (jiao != 0) out += std::string(numeral[jiao]) + "角";
    out += cent != 0 ? std::string(numeral[cent]) + "分" : std::string("整");
    return out;
}

// The reference against the rules' own examples, so that it cannot drift with the library.
TEST(DaxieReference, WritesTheRulesExamples) {
    EXPECT_EQ(reference_daxie(140950, true), "人民币壹仟肆佰零玖元伍角整");
    EXPECT_EQ(reference_daxie(600714, true), "人民币陆仟零柒元壹角肆分");
    EXPECT_EQ(reference_daxie(168032, true), "人民币壹仟陆佰捌拾元零叁角贰分");
    EXPECT_EQ(reference_daxie(10700053, true), "人民币壹拾万柒仟元零伍角叁分");
    EXPECT_EQ(reference_daxie(1640902, true), "人民币壹万陆仟肆佰零玖元零贰分");
    EXPECT_EQ(reference_daxie(20000100000, false), "贰亿零壹仟元整");
}

// ---------------------------------------------------------------------------------------------
// Writing

struct Example {
    std::int64_t fen;
    const char* daxie;
};

// Worked out by hand from the rules; the first six are the rules' own examples (with 整 after
// 角, which the rules allow and this library writes).
constexpr Example kExamples[] = {
    {140950, "人民币壹仟肆佰零玖元伍角整"},          // ¥1,409.50: a zero between numerals is 零
    {600714, "人民币陆仟零柒元壹角肆分"},            // ¥6,007.14: two zeros, one 零
    {168032, "人民币壹仟陆佰捌拾元零叁角贰分"},      // ¥1,680.32: 元 digit zero, 角 not
    {10700053, "人民币壹拾万柒仟元零伍角叁分"},      // ¥107,000.53: 万 digit zero, 仟 not
    {1640902, "人民币壹万陆仟肆佰零玖元零贰分"},     // ¥16,409.02: 角 zero, 分 not: 元零
    {32504, "人民币叁佰贰拾伍元零肆分"},             // ¥325.04
    {12345678900, "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"},
    {100000000, "人民币壹佰万元整"},
    {35, "人民币叁角伍分"},
    {50, "人民币伍角整"},
    {5, "人民币伍分"},
    {0, "人民币零元整"},
    {100500, "人民币壹仟零伍元整"},
    {1000, "人民币壹拾元整"},                        // 10 is 壹拾
    {1500, "人民币壹拾伍元整"},
    {10000000000, "人民币壹亿元整"},                 // no 万 after 亿 when the 万 group is zero
    {10001000000, "人民币壹亿零壹万元整"},
    {11000000000, "人民币壹亿壹仟万元整"},
    {20000100000, "人民币贰亿零壹仟元整"},           // a whole zero group before 仟: 零
    {100100000, "人民币壹佰万壹仟元整"},             // 万 digit zero before 仟: no 零
    {100000000000000, "人民币壹万亿元整"},
    {120000000000000, "人民币壹万贰仟亿元整"},
    {100010000000000, "人民币壹万零壹亿元整"},
    {100000000000001, "人民币壹万亿元零壹分"},
    {1010, "人民币壹拾元零壹角整"},
    {1001, "人民币壹拾元零壹分"},
    {999999999999999999, "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
};

TEST(DaxieFormat, PeoplesBankExamples) {
    for (const Example& e : kExamples) {
        EXPECT_EQ(fen(e.fen).format(financial()), e.daxie) << e.fen;
        EXPECT_EQ(fen(e.fen).format(financial(false)), std::string(e.daxie).substr(9)) << e.fen;  // no 人民币
        EXPECT_EQ(Money::parse(e.daxie), fen(e.fen)) << e.daxie;
    }
}

TEST(DaxieFormat, RoundsOnlyWithMaxDecimals) {
    // 1.2345元 has digits below 分: refused unless max_decimals says how to round.
    try {
        (void)Money::parse("1.2345").format(financial());
        ADD_FAILURE() << "expected ArgumentError";
    } catch (const ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("1.2345 CNY"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("below 分"), std::string::npos) << e.what();
    }
    EXPECT_EQ(Money::parse("1.2345").format(financial_rounded(2, RoundingMode::half_up)), "人民币壹元贰角叁分");
    EXPECT_EQ(Money::parse("1.2345").format(financial_rounded(2, RoundingMode::up)), "人民币壹元贰角肆分");
    // 1.225: a tie at 分; half_even keeps the even 2.
    EXPECT_EQ(Money::parse("1.225").format(financial_rounded(2, RoundingMode::half_up)), "人民币壹元贰角叁分");
    EXPECT_EQ(Money::parse("1.225").format(financial_rounded(2, RoundingMode::half_even)), "人民币壹元贰角贰分");
    EXPECT_EQ(Money::parse("1.25").format(financial_rounded(1, RoundingMode::half_even)), "人民币壹元贰角整");
    EXPECT_EQ(Money::parse("2.5").format(financial_rounded(0, RoundingMode::half_even)), "人民币贰元整");
    EXPECT_EQ(Money::parse("2.5").format(financial_rounded(0, RoundingMode::half_up)), "人民币叁元整");
    EXPECT_EQ(Money::parse("0.004").format(financial_rounded(2, RoundingMode::half_up)), "人民币零元整");
    // Exact amounts are written whatever the mode, unnecessary included.
    EXPECT_EQ(Money::parse("1.23").format(financial_rounded(2, RoundingMode::unnecessary)), "人民币壹元贰角叁分");
    try {
        (void)Money::parse("1.2345").format(financial_rounded(2, RoundingMode::unnecessary));
        ADD_FAILURE() << "expected InexactRoundingError";
    } catch (const InexactRoundingError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "parkinvest: 1.2345 CNY cannot be rounded to 2 decimals under RoundingMode::unnecessary");
    }
}

TEST(DaxieFormat, RefusesWhatItCannotWrite) {
    const auto refused = [](const Money& m, const MoneyFormat& f, std::string_view reason) {
        try {
            (void)m.format(f);
            ADD_FAILURE() << "expected ArgumentError for " << m.to_string();
        } catch (const ArgumentError& e) {
            EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
        }
    };
    refused(Money::of(5, Currency::USD), financial(), "人民币 (CNY) amounts only");
    refused(Money::of(-5), financial(), "negative");
    refused(Money::parse("-0.01"), financial_rounded(2, RoundingMode::half_up), "negative");
    // 10^16 元 = 1亿亿 is one 分 above the largest amount.
    refused(Money::of(10'000'000'000'000'000), financial(), "9999999999999999.99");
    EXPECT_NO_THROW((void)Money::of_minor(999'999'999'999'999'999).format(financial()));
    // Rounding can carry past the limit: 9999999999999999.995 to 分, half_up, is 10^16.
    refused(Money::parse("9999999999999999.995"), financial_rounded(2, RoundingMode::half_up), "9999999999999999.99");
    MoneyFormat with_unit = financial();
    with_unit.unit = MoneyUnit::wan;
    refused(Money::of(5), with_unit, "unit");
    refused(Money::of(5), financial_rounded(3, RoundingMode::half_up), "at most 2 decimals");
    refused(Money::of(5), financial_rounded(-1, RoundingMode::half_up), "must not be negative");
}

// ---------------------------------------------------------------------------------------------
// Reading

TEST(DaxieParse, AcceptsTheVariantsTheRulesAllow) {
    const struct {
        const char* text;
        std::int64_t fen;
    } accepted[] = {
        {"人民币壹仟陆佰捌拾元叁角贰分", 168032},   // 元 digit zero: 零 may be left out
        {"人民币壹拾万零柒仟元伍角叁分", 10700053}, // 万 digit zero: 零 may be written
        {"壹拾万零柒仟元零伍角叁分", 10700053},
        {"壹拾万柒仟元伍角叁分", 10700053},
        {"贰亿壹仟元整", 20000100000},              // 万 digit zero before 仟: 零 optional
        {"壹佰万零壹仟元整", 100100000},
        {"壹仟肆佰零玖元伍角", 140950},             // 整 after 角 is optional
        {"壹佰元", 10000},                          // so is 整 after 元 (the rules ask for it)
        {"人民币壹佰元正", 10000},                  // 正 for 整
        {"￥壹佰元整", 10000},
        {"¥ 壹佰元整", 10000},
        {" 人民币 壹佰元整 ", 10000},
        {"零元正", 0},
        {"零元", 0},
        {"伍角", 50},
        {"叁角伍分", 35},
        {"壹万亿元整", 100000000000000},
        {"壹億零貳萬陸仟圓整", 10002600000},       // 貳 陸 億 萬 圓: traditional forms banks accept
        {"壹佰圆整", 10000},
        {"100万元整", 100000000},                   // digits, then 整 (typed forms)
        {"人民币100万元整", 100000000},
        {"1,234.50元正", 123450},
        {"¥1005元整", 100500},
    };
    for (const auto& a : accepted) {
        EXPECT_EQ(Money::parse(a.text), fen(a.fen)) << a.text;
        EXPECT_EQ(Money::parse(a.text).currency(), Currency::CNY) << a.text;
    }
    // 大写 is 人民币 whatever the default currency.
    EXPECT_EQ(Money::parse("壹佰元整", Currency::USD), fen(10000));
}

TEST(DaxieParse, RejectsMalformedAtItsOffset) {
    const auto parse = [](std::string_view s) { return Money::parse(s).to_string(); };
    // Each Chinese character is 3 bytes; "人民币" is 9.
    const struct {
        const char* text;
        std::size_t offset;
    } malformed[] = {
        {"壹仟仟元", 6},          // 仟 repeated
        {"人民币壹仟仟元", 15},
        {"壹拾佰元", 6},          // units out of order
        {"壹佰拾元", 6},          // 拾 without a numeral
        {"拾元整", 0},            // 10 is 壹拾
        {"零零", 0},              // a leading 零 (only 零元整 starts with 零)
        {"零伍角", 0},
        {"零元伍角", 6},          // only 整 follows 零元
        {"壹仟零零伍元", 9},      // 零 twice
        {"壹贰元", 3},            // two numerals in a row
        {"壹仟伍元", 6},          // 零 missing (1005 is 壹仟零伍元)
        {"壹万贰亿元", 6},        // 零 missing (壹万零贰亿)
        {"壹拾零壹元", 6},        // 零 where no digit is zero
        {"壹佰零元", 9},          // a unit after 零
        {"壹元零伍角", 6},        // the 元 digit is 1: no 零
        {"壹元贰分", 6},          // 角 zero, 分 not: 元零贰分
        {"伍角零叁分", 6},
        {"壹元零", 9},
        {"壹元伍分整", 12},       // no 整 after 分
        {"壹元伍角叁分正", 18},
        {"壹万壹万元", 9},        // 万 twice below 亿
        {"壹亿亿元", 6},          // 亿 twice: nothing from 亿亿 up
        {"壹亿壹亿元", 9},
        {"壹佰伍角", 9},          // 元 missing
        {"壹佰", 6},
        {"壹佰 元整", 6},         // no blank inside 大写
        {"壹佰元整整", 12},
    };
    for (const auto& m : malformed) {
        SCOPED_TRACE(m.text);
        try {
            (void)Money::parse(m.text);
            ADD_FAILURE() << "expected a ParseError";
        } catch (const ParseError& e) {
            EXPECT_EQ(e.offset(), m.offset) << e.what();
            EXPECT_NE(std::string(e.what()).find("at byte " + std::to_string(m.offset)), std::string::npos) << e.what();
        }
    }
    expect_parse_error(parse, "-壹元整", ParseErrorKind::invalid_value, 0);
    expect_parse_error(parse, "人民币-壹元整", ParseErrorKind::invalid_value, 9);
    expect_parse_error(parse, "$壹元整", ParseErrorKind::conflicting_currency, 1);
    expect_parse_error(parse, "壹仟仟元", ParseErrorKind::invalid_number, 6);
    expect_parse_error(parse, "100万整", ParseErrorKind::unknown_unit, 6);  // 整 only after 元
}

TEST(DaxieParse, HostileInputFailsAtTheFirstWrongCharacter) {
    // Reading stops at the first character that breaks the grammar, however long the input.
    std::string numerals;
    for (int i = 0; i < 100'000; ++i) numerals += "壹";
    expect_parse_error([](std::string_view s) { return Money::parse(s).to_string(); }, numerals,
                       ParseErrorKind::invalid_number, 3);
    std::string tens;
    for (int i = 0; i < 100'000; ++i) tens += "壹拾";
    expect_parse_error([](std::string_view s) { return Money::parse(s).to_string(); }, tens,
                       ParseErrorKind::invalid_number, 9);
    std::string groups = "壹";
    for (int i = 0; i < 100'000; ++i) groups += "万零壹";
    expect_parse_error([](std::string_view s) { return Money::parse(s).to_string(); }, groups,
                       ParseErrorKind::invalid_number, 12);  // the second 万
}

// ---------------------------------------------------------------------------------------------
// Many amounts: the library against the reference, and parse(format(x)) == x

/// An amount in 分 of up to 18 digits (the largest amount has 16 before the point and 2 after),
/// each digit zero with a chosen probability, so that runs of zeros across groups are common.
std::uint64_t random_amount(std::mt19937_64& rng) {
    constexpr int zero_percent[] = {0, 30, 60, 85, 95};
    const int length = 1 + static_cast<int>(rng() % 18);
    const int zeros = zero_percent[rng() % 5];
    std::uint64_t amount = 0;
    for (int d = 0; d < length; ++d) amount = amount * 10 + (static_cast<int>(rng() % 100) < zeros ? 0 : 1 + rng() % 9);
    return amount;
}

TEST(DaxieRoundTrip, PseudoRandomAmountsAgainstTheReference) {
    std::mt19937_64 rng(0xda'c1e'2026ULL);
    for (int i = 0; i < 20'000; ++i) {
        const std::uint64_t amount = random_amount(rng);
        const Money m = fen(static_cast<std::int64_t>(amount));
        SCOPED_TRACE(m.to_string());
        const std::string text = m.format(financial());
        ASSERT_EQ(text, reference_daxie(amount, true));
        ASSERT_EQ(Money::parse(text), m);
        const std::string bare = m.format(financial(false));
        ASSERT_EQ(bare, reference_daxie(amount, false));
        ASSERT_EQ(Money::parse(bare), m);
        ASSERT_EQ(Money::parse("￥" + bare), m);
        ASSERT_EQ(Money::parse(replace_all(text, "整", "正")), m);
    }
}

TEST(DaxieRoundTrip, OptionalZerosLeftOut) {
    // The rules allow one 零 or none where the 万 (亿 ...) digit is zero before a 仟 and where the
    // 元 digit is zero before 角. The reference writes 零 before a 仟 only after an all-zero
    // group and after 元 whenever the 元 digit is zero; the forms without it read the same.
    static const char* const numeral[] = {"", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    std::mt19937_64 rng(0x0ba0'1e5ULL);
    int tried = 0;
    for (int i = 0; i < 5'000; ++i) {
        const std::uint64_t amount = random_amount(rng);
        const std::string text = reference_daxie(amount, false);
        for (int d = 1; d <= 9; ++d) {
            const std::string before_thousand = std::string("零") + numeral[d] + "仟";
            const std::string before_jiao = std::string("元零") + numeral[d] + "角";
            for (const std::string& optional : {before_thousand, before_jiao}) {
                const std::string shorter = replace_all(text, optional, replace_all(optional, "零", ""));
                if (shorter == text) continue;
                ++tried;
                ASSERT_EQ(Money::parse(shorter), fen(static_cast<std::int64_t>(amount))) << text << " -> " << shorter;
            }
        }
    }
    EXPECT_GT(tried, 100);  // the inputs do contain the optional 零
}

TEST(DaxieEnum, HasItsTable) {
    EXPECT_EQ(parkinvest::enum_name(MoneyStyle::financial), "financial");
    EXPECT_EQ(parkinvest::enum_name(MoneyStyle::digits), "digits");
    EXPECT_EQ(parkinvest::label(MoneyStyle::financial), "大写金额");
    EXPECT_EQ(parkinvest::enum_from_text<MoneyStyle>("大写金额"), MoneyStyle::financial);
    EXPECT_EQ(parkinvest::enum_from_text<MoneyStyle>("financial numerals"), MoneyStyle::financial);
    EXPECT_EQ(MoneyFormat{}.style, MoneyStyle::digits);
}

}  // namespace
