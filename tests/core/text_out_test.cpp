// SPDX-License-Identifier: MIT
// Unit tests of core/text_out.hpp: JSON strings, CSV fields and the plain exact texts. Every
// expected value is written out by hand (RFC 8259 and RFC 4180 for the escapes); JSON strings
// are read back by the tests' own parser, CSV fields by the library's CSV reader.
#include <parkinvest/core/text_out.hpp>
#include <parkinvest/io/csv.hpp>
#include <parkinvest/model/dataset.hpp>

#include <gtest/gtest.h>

#include "io/json_checker.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace {

using parkinvest::AnnualThroughput;
using parkinvest::ArgumentError;
using parkinvest::Area;
using parkinvest::Currency;
using parkinvest::Mass;
using parkinvest::Money;
using parkinvest::Percent;
using parkinvest::Ratio;
using parkinvest::RoundingMode;
namespace text_out = parkinvest::text_out;
using namespace std::string_literals;

std::string json(std::string_view s) {
    std::string out;
    text_out::append_json_string(out, s);
    return out;
}

std::string csv(std::string_view s, bool force_quotes = false) {
    std::string out;
    text_out::append_csv_field(out, s, force_quotes);
    return out;
}

// ---------------------------------------------------------------------------------------------
// JSON strings

TEST(TextJson, EveryControlCharacterIsEscaped) {
    // RFC 8259 section 7: the two-character escapes where they exist, \u00XX for the rest.
    const std::array<std::string_view, 32> c0 = {
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
    for (std::size_t b = 0; b < c0.size(); ++b) {
        const std::string one(1, static_cast<char>(b));
        EXPECT_EQ(json(one), "\"" + std::string(c0[b]) + "\"") << "byte " << b;
        EXPECT_EQ(parkinvest::test::parse_json(json(one)).str(), one) << "byte " << b;
    }
    EXPECT_EQ(json("\x7F"), "\"\\u007f\"");  // DEL: allowed raw, escaped to keep files printable
}

TEST(TextJson, QuotesBackslashesAndTheRestAsTheyAre) {
    EXPECT_EQ(json(""), "\"\"");
    EXPECT_EQ(json("a\"b"), "\"a\\\"b\"");
    EXPECT_EQ(json("a\\b"), "\"a\\\\b\"");
    EXPECT_EQ(json("a/b"), "\"a/b\"");  // '/' may be escaped, need not be
    EXPECT_EQ(json("园区 é 😀 \u2028"), "\"园区 é 😀 \u2028\"");  // UTF-8 bytes as they are
    EXPECT_EQ(json(std::string("nul\0inside", 10)), "\"nul\\u0000inside\"");
    std::string out = "[";
    text_out::append_json_string(out, "x");
    EXPECT_EQ(out, "[\"x\"");  // appends
}

TEST(TextJson, EveryAsciiByteReadsBack) {
    std::string all;
    for (int b = 0; b < 0x80; ++b) all += static_cast<char>(b);
    all += "园区😀";
    EXPECT_EQ(parkinvest::test::parse_json(json(all)).str(), all);
}

// Offsets of the first byte that is not well-formed UTF-8, counted by hand.
struct BadUtf8 {
    std::string text;
    std::size_t at;
};
const std::array<BadUtf8, 7> bad_utf8 = {{
    {"ab\xFF", 2},                      // never a UTF-8 byte
    {"\xC3", 0},                        // cut short at the end
    {"\xE5\x9B\xAD\xE5\x8C\xBA\xE5\x9B", 6},  // 园区, then a 3-byte character cut short
    {"\xC0\xAF", 0},                    // overlong '/'
    {"x\xED\xA0\x80", 1},               // a surrogate (U+D800)
    {"\xF4\x90\x80\x80", 0},            // above U+10FFFF
    {"ok\x80", 2},                      // a lone continuation byte
}};

/// `append` refuses each of bad_utf8, naming the offset and `format`, and appends nothing.
template <class Append>
void expect_invalid_utf8_refused(Append append, std::string_view format) {
    for (const BadUtf8& bad : bad_utf8) {
        std::string out = "kept";
        try {
            append(out, bad.text);
            ADD_FAILURE() << "accepted " << bad.at;
        } catch (const ArgumentError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("invalid UTF-8 at byte " + std::to_string(bad.at)), std::string::npos) << what;
            EXPECT_NE(what.find(format), std::string::npos) << what;
        }
        EXPECT_EQ(out, "kept");  // nothing appended
    }
}

TEST(TextJson, InvalidUtf8IsRefusedWithItsOffset) {
    expect_invalid_utf8_refused([](std::string& out, std::string_view s) { text_out::append_json_string(out, s); }, "JSON");
}

// ---------------------------------------------------------------------------------------------
// CSV fields

TEST(TextCsv, QuotedOnlyWhenNeeded) {
    EXPECT_EQ(csv("plain"), "plain");
    EXPECT_EQ(csv(""), "");  // no value
    EXPECT_EQ(csv("", true), "\"\"");  // an empty text
    EXPECT_EQ(csv("x", true), "\"x\"");
    EXPECT_EQ(csv("a b; c\t'd'"), "a b; c\t'd'");  // spaces, tabs, semicolons, apostrophes: as they are
    EXPECT_EQ(csv("中文"), "中文");
    EXPECT_EQ(csv("a,b"), "\"a,b\"");
    EXPECT_EQ(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv("\""), "\"\"\"\"");
    EXPECT_EQ(csv("two\r\nlines"), "\"two\r\nlines\"");
    EXPECT_EQ(csv("lone\rcr"), "\"lone\rcr\"");
    EXPECT_EQ(csv("lf\n"), "\"lf\n\"");
    EXPECT_EQ(csv("中文,逗号"), "\"中文,逗号\"");
    std::string out = "a,";
    text_out::append_csv_field(out, "b,c");
    EXPECT_EQ(out, "a,\"b,c\"");  // appends
}

TEST(TextCsv, InvalidUtf8IsRefusedWithItsOffset) {
    expect_invalid_utf8_refused([](std::string& out, std::string_view s) { text_out::append_csv_field(out, s); }, "CSV");
}

TEST(TextCsv, FieldsReadBackThroughTheCsvReader) {
    const std::array<std::string, 8> values = {"a,b", "say \"hi\"", "two\r\nlines", "lone\rcr", "\"",
                                               "中文,逗号", "plain", ",\",\r\n,"};
    std::string table = "id,publication,section,note\r\n";
    for (std::size_t i = 0; i < values.size(); ++i) {
        table += std::to_string(i + 1) + ",";
        text_out::append_csv_field(table, values[i]);
        table += ",";
        text_out::append_csv_field(table, values[(i + 1) % values.size()]);
        table += ",";
        text_out::append_csv_field(table, "", true);
        table += "\r\n";
    }
    parkinvest::Batch batch;
    parkinvest::io::csv::read_table(table, parkinvest::io::csv::TableId::sources, batch);
    ASSERT_EQ(batch.sources.size(), values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ(batch.sources[i].publication, values[i]);
        EXPECT_EQ(batch.sources[i].section, values[(i + 1) % values.size()]);
        EXPECT_EQ(batch.sources[i].note, "");
    }
}

// ---------------------------------------------------------------------------------------------
// Plain exact texts

TEST(TextValues, MoneyAsAPlainDecimal) {
    EXPECT_EQ(text_out::money_text(Money::parse("605.6亿元")), "60560000000.00");
    EXPECT_EQ(text_out::money_text(Money::of_minor(-550)), "-5.50");
    EXPECT_EQ(text_out::money_text(Money::parse("0.0001")), "0.0001");  // more than the minor digits: kept
    EXPECT_EQ(text_out::money_text(Money()), "0.00");
    EXPECT_EQ(text_out::money_text(Money::of(1200, Currency::JPY)), "1200");  // JPY has no minor digits
    EXPECT_EQ(text_out::money_text(Money::parse("1,234,567.5 USD")), "1234567.50");  // no grouping
}

TEST(TextValues, MinorUnitsWhenWholeAndWithin64Bits) {
    EXPECT_EQ(text_out::minor_units(Money::parse("605.6亿元")), 6'056'000'000'000);
    EXPECT_EQ(text_out::minor_units(Money::of_minor(-550)), -550);
    EXPECT_EQ(text_out::minor_units(Money::of(1200, Currency::JPY)), 1200);
    EXPECT_EQ(text_out::minor_units(Money::parse("0.0001")), std::nullopt);  // not a whole 分
    // 2^63 - 1 分 = 92233720368547758.07 yuan; one 分 more does not fit.
    EXPECT_EQ(text_out::minor_units(Money::parse("92233720368547758.07")), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(text_out::minor_units(Money::parse("92233720368547758.08")), std::nullopt);
    EXPECT_EQ(text_out::minor_units(Money::parse("-92233720368547758.08")), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(text_out::minor_units(Money::parse("-92233720368547758.09")), std::nullopt);
}

TEST(TextValues, PercentExactOrAsAFraction) {
    EXPECT_EQ(text_out::percent_text(Percent::parse("12.5%")), "12.5%");
    EXPECT_EQ(text_out::percent_text(Percent::parse("-3%")), "-3%");
    EXPECT_EQ(text_out::percent_text(Percent::parse("\u22123%")), "-3%");  // read as '-', written as '-'
    EXPECT_EQ(text_out::percent_text(Percent()), "0%");
    EXPECT_EQ(text_out::percent_text(Percent(Ratio(1, 8))), "12.5%");
    EXPECT_EQ(text_out::percent_text(Percent(Ratio(1, 3))), "1/3");
    EXPECT_EQ(text_out::percent_text(Percent(Ratio(-2, 7))), "-2/7");
    // 1/2^32 of one is 5^32 / 10^30 percent: exactly 30 decimals, still written as a decimal.
    EXPECT_EQ(text_out::percent_text(Percent(Ratio(1, 4'294'967'296))), "0.000000023283064365386962890625%");
    // 1/2^33 would need 31: the fraction.
    EXPECT_EQ(text_out::percent_text(Percent(Ratio(1, 8'589'934'592))), "1/8589934592");
}

TEST(TextValues, PercentAsANumberForSpreadsheets) {
    EXPECT_EQ(text_out::percent_number(Percent::parse("44.2%")), "44.2");
    EXPECT_EQ(text_out::percent_number(Percent::parse("-3%")), "-3");
    EXPECT_EQ(text_out::percent_number(Percent(Ratio(1, 8))), "12.5");
    EXPECT_EQ(text_out::percent_number(Percent(Ratio(1, 3))), "33.333333333333");    // 12 decimals
    EXPECT_EQ(text_out::percent_number(Percent(Ratio(2, 3))), "66.666666666667");
    EXPECT_EQ(text_out::percent_number(Percent(Ratio(-1, 3))), "-33.333333333333");
    EXPECT_EQ(text_out::percent_number(Percent::parse("12.345%"), 2), "12.34");      // half-even tie
    EXPECT_EQ(text_out::percent_number(Percent::parse("12.355%"), 2), "12.36");
    EXPECT_EQ(text_out::percent_number(Percent::parse("12.345%"), 3), "12.345");
    EXPECT_EQ(text_out::percent_number(Percent(Ratio(1, 8)), 0), "12");                    // 12.5: half-even
    EXPECT_EQ(text_out::percent_number(Percent(Ratio(1, 8)), 0, RoundingMode::half_up), "13");
    EXPECT_EQ(text_out::percent_number(Percent(Ratio(-1, 8)), 0, RoundingMode::half_up), "-13");
    EXPECT_THROW((void)text_out::percent_number(Percent(Ratio(1, 3)), 31), ArgumentError);
}

TEST(TextValues, QuantitiesExactWithTheirUnit) {
    // 1.5亩 = 1000 m² exactly; 1亩 = 2000/3 m² is not a whole number of 1/10,000 m².
    EXPECT_EQ(text_out::quantity_text(Area::parse("1.5亩")), "1000平方米");
    EXPECT_EQ(text_out::quantity_decimal(Area::parse("1.5亩")), "1000");
    EXPECT_EQ(text_out::quantity_text(Area::parse("1亩")), "1亩");
    EXPECT_EQ(text_out::quantity_decimal(Area::parse("1亩")), std::nullopt);
    EXPECT_EQ(text_out::quantity_text(Area::parse("103.77平方米")), "103.77平方米");
    EXPECT_EQ(text_out::quantity_decimal(Area::parse("103.77平方米")), "103.77");
    EXPECT_EQ(text_out::quantity_text(Area::parse("2.25平方公里")), "2250000平方米");
    EXPECT_EQ(text_out::quantity_text(Mass::parse("291吨")), "291吨");
    EXPECT_EQ(text_out::quantity_decimal(Mass::parse("0.5千克")), "0.0005");
    EXPECT_EQ(text_out::quantity_text(AnnualThroughput::parse("291 t/a")), "291吨/年");
    EXPECT_EQ(text_out::quantity_decimal(AnnualThroughput::parse("12500.5吨/年")), "12500.5");
}

}  // namespace
