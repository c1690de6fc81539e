// SPDX-License-Identifier: MIT
// CSV tables: RFC 4180 reading, cell forms, header checks, every problem with its file, line,
// column and value, all-or-nothing, limits, and exact round trips of whole datasets.
#include <parkinvest/io/csv.hpp>
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include "io/attacks.hpp"
#include "support/attacks.hpp"
#include "support/files.hpp"
#include "io/random_dataset.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <functional>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <ctime>
#include <unistd.h>

namespace parkinvest {
namespace {

using io::csv::TableId;
namespace fs = std::filesystem;
using namespace std::string_literals;

using test::TempDir;

std::string table_text(const Dataset& ds, TableId t) {
    std::ostringstream out;
    io::csv::write_table(ds, t, out);
    return out.str();
}

/// Every table written and read back in memory, then validated as a whole.
Dataset through_tables(const Dataset& ds) {
    Batch batch;
    for (TableId t : io::csv::tables()) io::csv::read_table(table_text(ds, t), t, batch);
    Dataset back;
    back.insert(std::move(batch));
    return back;
}

/// Reads one table into `batch`, expecting a FormatError; returns its problems.
std::vector<FormatProblem> problems_of(std::string_view text, TableId t, Batch& batch, const io::LoadOptions& options = {}) {
    try {
        io::csv::read_table(text, t, batch, options, "in.csv");
    } catch (const FormatError& e) {
        return e.problems();
    }
    ADD_FAILURE() << "expected a FormatError";
    return {};
}

std::string describe(const std::vector<FormatProblem>& ps) {
    std::string s;
    for (const FormatProblem& p : ps) {
        s += p.input + ":" + (p.line ? std::to_string(*p.line) : "-") + ":" + (p.column ? std::to_string(*p.column) : "-") +
             " [" + p.entity + " " + p.id + " " + p.field + "] \"" + p.value + "\" " + p.reason + "\n";
    }
    return s;
}

// ---------------------------------------------------------------------------------------------
// Round trips

TEST(IoCsvRoundTrip, SampleDatasetThroughTheFolder) {
    const Dataset sample = samples::high_tech_zones_2020();
    TempDir dir;
    io::save(sample, dir.path() / "sample.csv");
    EXPECT_EQ(io::format_of(dir.path() / "sample.csv"), io::Format::csv);
    for (TableId t : io::csv::tables()) EXPECT_TRUE(fs::exists(dir.path() / "sample.csv" / std::string(io::csv::file_name(t))));
    const Dataset back = io::load(dir.path() / "sample.csv");
    EXPECT_TRUE(back == sample);
    EXPECT_EQ(back.size(), sample.size());
}

TEST(IoCsvRoundTrip, SyntheticDatasets) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        samples::SyntheticOptions o;
        o.seed = seed;
        o.parks = 1 + seed % 4;
        o.sub_parks_per_park = seed % 3;
        o.enterprises = 5 * seed;
        o.projects = 20 * seed;
        o.loans = 3 * seed;
        o.snapshots_per_loan = seed % 5;
        o.waste_facilities = seed % 4;
        const Dataset ds = samples::synthetic_dataset(o);
        EXPECT_TRUE(through_tables(ds) == ds) << "seed " << seed;
    }
}

TEST(IoCsvRoundTrip, RandomDatasetsUsingEveryField) {
    // What the generator is meant to cover, counted so that a change to it cannot quietly
    // make this test weaker.
    std::array<int, 7> value_kinds{};
    int empty_english_names = 0, sub_fen_amounts = 0, areas_in_mu = 0, fractions = 0, licences = 0, records = 0;
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        test::RandomDataset gen(seed);
        Dataset ds;
        ds.insert(gen.batch(seed % 10));
        records += static_cast<int>(ds.size());
        for (const ReportedStatistic& s : ds.statistics()) {
            if (s.value) ++value_kinds[s.value->index()];
            if (s.comparison && s.comparison->change.fraction().denominator() % 3 == 0) ++fractions;
        }
        for (const Loan& l : ds.loans()) empty_english_names += l.name.en && l.name.en->empty() ? 1 : 0;
        for (const Project& p : ds.projects())
            if (p.contract_investment && p.contract_investment->value.units() % 100 != 0) ++sub_fen_amounts;
        for (const Park& p : ds.parks()) areas_in_mu += p.area && p.area->base_count() % 3 != 0 ? 1 : 0;
        for (const WasteFacility& f : ds.waste_facilities()) licences += f.licence ? 1 : 0;
        const Dataset back = through_tables(ds);
        ASSERT_TRUE(back == ds) << "seed " << seed;
    }
    for (int n : value_kinds) EXPECT_GT(n, 5);
    EXPECT_GT(empty_english_names, 5);
    EXPECT_GT(sub_fen_amounts, 5);
    EXPECT_GT(areas_in_mu, 5);
    EXPECT_GT(fractions, 5);
    EXPECT_GT(licences, 5);
    EXPECT_GT(records, 4000);
}

TEST(IoCsvRoundTrip, RandomDatasetThroughTheFolder) {
    test::RandomDataset gen(4242);
    Dataset ds;
    ds.insert(gen.batch(12));
    TempDir dir;
    io::save(ds, dir.path(), io::Format::csv);
    EXPECT_TRUE(io::load(dir.path()) == ds);
    // Saving again over the same folder replaces the tables.
    io::save(Dataset{}, dir.path(), io::Format::csv);
    EXPECT_TRUE(io::load(dir.path()).empty());
}


// ---------------------------------------------------------------------------------------------
// RFC 4180 reading

TEST(IoCsvReader, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
    const std::string text =
        "id,publication,section,note\r\n"
        "1,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
        "2,plain,,\"\"\r\n"
        "3,\"lone\rcr\",\"\"\"\",x";  // no line break at the end
    Batch batch;
    io::csv::read_table(text, TableId::sources, batch);
    ASSERT_EQ(batch.sources.size(), 3u);
    EXPECT_EQ(batch.sources[0].id, SourceId(1));
    EXPECT_EQ(batch.sources[0].publication, "a,b");
    EXPECT_EQ(batch.sources[0].section, "say \"hi\"");
    EXPECT_EQ(batch.sources[0].note, "two\r\nlines");
    EXPECT_EQ(batch.sources[1].publication, "plain");
    EXPECT_EQ(batch.sources[1].section, "");
    EXPECT_EQ(batch.sources[1].note, "");
    EXPECT_FALSE(batch.sources[1].date.has_value());
    EXPECT_EQ(batch.sources[2].publication, "lone\rcr");
    EXPECT_EQ(batch.sources[2].section, "\"");
    EXPECT_EQ(batch.sources[2].note, "x");
}

TEST(IoCsvReader, LineEndingsByteOrderMarkAndBlankLines) {
    const std::string body = "id,publication\n1,甲\n\n2,乙\n";
    for (const std::string& text : {body, "\xEF\xBB\xBF" + body, std::string("id,publication\r\n1,甲\r\n\r\n2,乙"),
                                    std::string("id,publication\r1,甲\r\r2,乙\r")}) {
        Batch batch;
        io::csv::read_table(text, TableId::sources, batch);
        ASSERT_EQ(batch.sources.size(), 2u) << text;
        EXPECT_EQ(batch.sources[0].publication, "甲");
        EXPECT_EQ(batch.sources[1].id, SourceId(2));
        EXPECT_EQ(batch.sources[1].publication, "乙");
    }
}

TEST(IoCsvReader, SyntaxErrorsNameLineColumnAndByte) {
    Batch batch;
    // Line 3 follows a field with a line break; every bad row is reported, the reader goes on.
    const std::string text =
        "id,publication\n"          // bytes 0-14, line 1
        "1,\"two\nlines\"\n"        // line 2-3
        "2,ab\"c\n"                 // line 4 (from byte 29): quote inside an unquoted field
        "3,\"ab\"c\n"               // line 5: text after a closing quote
        "4,x,y\n"                   // line 6: three fields
        "5,\xFF\n"                  // line 7: not UTF-8
        "6,\"never closed\n7,x\n";  // line 8: the quote runs to the end
    const auto ps = problems_of(text, TableId::sources, batch);
    ASSERT_EQ(ps.size(), 5u) << describe(ps);
    EXPECT_EQ(ps[0].line, 4u);
    EXPECT_EQ(ps[0].column, 2u);
    EXPECT_EQ(ps[0].byte, 33u);
    EXPECT_NE(ps[0].reason.find("a quote in a field that does not start with one"), std::string::npos);
    EXPECT_EQ(ps[1].line, 5u);
    EXPECT_EQ(ps[1].column, 2u);
    EXPECT_NE(ps[1].reason.find("after the closing quote"), std::string::npos);
    EXPECT_EQ(ps[2].line, 6u);
    EXPECT_EQ(ps[2].reason, "more than 2 fields in one record");
    EXPECT_EQ(ps[3].line, 7u);
    EXPECT_EQ(ps[3].column, 2u);
    EXPECT_NE(ps[3].reason.find("invalid UTF-8"), std::string::npos);
    EXPECT_EQ(ps[4].line, 8u);
    EXPECT_EQ(ps[4].column, 2u);
    EXPECT_NE(ps[4].reason.find("never closed"), std::string::npos);
    for (const FormatProblem& p : ps) EXPECT_EQ(p.input, "in.csv");
    EXPECT_TRUE(batch.sources.empty());
}

TEST(IoCsvReader, TooFewFieldsAndEmptyFile) {
    Batch batch;
    auto ps = problems_of("id,publication,note\n1,a\n", TableId::sources, batch);
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].line, 2u);
    EXPECT_EQ(ps[0].reason, "2 fields where the header has 3");
    for (const std::string& empty : {std::string(), std::string("\xEF\xBB\xBF"), std::string("\n\r\n")}) {
        ps = problems_of(empty, TableId::sources, batch);
        ASSERT_EQ(ps.size(), 1u);
        EXPECT_NE(ps[0].reason.find("empty file"), std::string::npos);
    }
}

// ---------------------------------------------------------------------------------------------
// Headers

TEST(IoCsvHeader, MissingUnknownAndRepeatedColumnsAreNamed) {
    Batch batch;
    const auto ps = problems_of("id,nmae_zh,kind,kind\n1,A,other,other\n", TableId::parks, batch);
    ASSERT_EQ(ps.size(), 3u) << describe(ps);
    EXPECT_EQ(ps[0].line, 1u);
    EXPECT_EQ(ps[0].column, 2u);
    EXPECT_EQ(ps[0].value, "nmae_zh");
    EXPECT_EQ(ps[0].reason.substr(0, 47), "unknown column; the columns of parks.csv are id");
    EXPECT_EQ(ps[1].column, 4u);
    EXPECT_EQ(ps[1].value, "kind");
    EXPECT_EQ(ps[1].reason, "column given twice (also column 3)");
    EXPECT_EQ(ps[2].field, "name_zh");
    EXPECT_EQ(ps[2].reason, "missing column name_zh (required)");
    EXPECT_FALSE(ps[2].column.has_value());
}

TEST(IoCsvHeader, OptionalColumnsMayBeLeftOutAndComeInAnyOrder) {
    Batch batch;
    io::csv::read_table("name_zh , id\n重庆高新区,7\n", TableId::parks, batch);
    ASSERT_EQ(batch.parks.size(), 1u);
    EXPECT_EQ(batch.parks[0].id, ParkId(7));
    EXPECT_EQ(batch.parks[0].name.zh, "重庆高新区");
    EXPECT_EQ(batch.parks[0].kind, ParkKind::other);
    EXPECT_FALSE(batch.parks[0].area.has_value());
    EXPECT_TRUE(batch.parks[0].leading_industries.empty());
}

// ---------------------------------------------------------------------------------------------
// Cells

TEST(IoCsvCells, AmountsInEveryFormTheMoneyParserReads) {
    const std::string text =
        "id,name_zh,park,currency,contract_investment,contract_investment_bound,contract_investment_estimated,"
        "planned_investment\n"
        "1,甲,1,,605.6亿元,以上,预计,\"2,140万\"\n"
        "2,乙,1,CNY,¥1234.56,about,true,1.1万亿元\n"
        "3,丙,1,usd,3亿美元,,false,60.56 billion\n"
        "4,丁,1,,６０５．６亿元,约,,CNY 1234.56\n";
    Batch batch;
    io::csv::read_table(text, TableId::projects, batch);
    ASSERT_EQ(batch.projects.size(), 4u);
    const auto& p = batch.projects;
    // 605.6亿 = 605.6 × 10^8 = 60,560,000,000 yuan; 2,140万 = 21,400,000 yuan.
    EXPECT_EQ(p[0].contract_investment->value, Money::of(60'560'000'000));
    EXPECT_EQ(p[0].contract_investment->bound, Bound::at_least);
    EXPECT_TRUE(p[0].contract_investment->estimated);
    EXPECT_EQ(p[0].planned_investment->value, Money::of(21'400'000));
    EXPECT_EQ(p[0].planned_investment->bound, Bound::exact);
    EXPECT_EQ(p[1].contract_investment->value, Money::of_minor(123456));
    EXPECT_EQ(p[1].contract_investment->bound, Bound::about);
    EXPECT_EQ(p[1].planned_investment->value, Money::of(1'100'000'000'000));
    EXPECT_EQ(p[2].contract_investment->value, Money::of(300'000'000, Currency::USD));
    EXPECT_FALSE(p[2].contract_investment->estimated);
    EXPECT_EQ(p[2].planned_investment->value, Money::of(60'560'000'000, Currency::USD));  // the column's currency
    EXPECT_EQ(p[3].contract_investment->value, Money::of(60'560'000'000));
    EXPECT_EQ(p[3].contract_investment->bound, Bound::about);
    EXPECT_EQ(p[3].planned_investment->value, Money::of_minor(123456));
    EXPECT_FALSE(p[3].first_phase_investment.has_value());
}

TEST(IoCsvCells, AnAmountInAnotherCurrencyThanTheColumnIsRefused) {
    Batch batch;
    const auto ps = problems_of("id,name_zh,park,currency,contract_investment\n1,甲,1,CNY,3亿美元\n", TableId::projects, batch);
    ASSERT_EQ(ps.size(), 1u) << describe(ps);
    EXPECT_EQ(ps[0].field, "contract_investment");
    EXPECT_EQ(ps[0].reason, "the amount is in USD but the currency column says CNY");
}

TEST(IoCsvCells, AmountsMayCarryTheirBoundWords) {
    // contract_investment has an (often empty) bound column; planned_investment has none.
    const std::string text =
        "id,name_zh,park,currency,contract_investment,contract_investment_bound,contract_investment_estimated,"
        "planned_investment\n"
        "1,甲,1,,约3亿元,,,10亿元以上\n"            // words, empty bound column / absent bound column
        "2,乙,1,,近3.26亿元,nearly,,5亿余元\n"      // words and column agree
        "3,丙,1,,2亿元左右,约,预计,不足1亿元\n"     // they agree through the column's Chinese label
        "4,丁,1,USD,超过5亿美元,,,1亿以内\n"        // words with the row's currency
        "5,戊,1,,605.6亿元,at_least,,30多亿元\n";   // no words: the column says it
    Batch batch;
    io::csv::read_table(text, TableId::projects, batch);
    ASSERT_EQ(batch.projects.size(), 5u);
    const auto& p = batch.projects;
    const auto expect = [](const std::optional<ReportedAmount>& got, Money value, Bound bound, bool estimated = false) {
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(got->value, value);
        EXPECT_EQ(got->bound, bound);
        EXPECT_EQ(got->estimated, estimated);
    };
    // 1亿 = 100,000,000; 3.26亿 = 326,000,000; 605.6亿 = 60,560,000,000.
    expect(p[0].contract_investment, Money::of(300'000'000), Bound::about);
    expect(p[0].planned_investment, Money::of(1'000'000'000), Bound::at_least);
    expect(p[1].contract_investment, Money::of(326'000'000), Bound::nearly);
    expect(p[1].planned_investment, Money::of(500'000'000), Bound::more_than);
    expect(p[2].contract_investment, Money::of(200'000'000), Bound::about, true);
    expect(p[2].planned_investment, Money::of(100'000'000), Bound::less_than);
    expect(p[3].contract_investment, Money::of(500'000'000, Currency::USD), Bound::more_than);
    expect(p[3].planned_investment, Money::of(100'000'000, Currency::USD), Bound::at_most);
    expect(p[4].contract_investment, Money::of(60'560'000'000), Bound::at_least);
    expect(p[4].planned_investment, Money::of(3'000'000'000), Bound::more_than);
}

TEST(IoCsvCells, BoundWordsThatContradictTheBoundColumnAreRefused) {
    const std::string text =
        "id,name_zh,park,contract_investment,contract_investment_bound\n"  // 62 bytes
        "1,甲,1,约3亿元,at_least\n"       // line 2: the amount at byte 62 + 8 = 70
        "2,乙,1,10亿元以上,exact\n"       // line 3
        "3,丙,1,5亿元以上以下,\n"         // line 4: two words in the cell
        "4,丁,1,约3亿元,about\n";         // agrees
    Batch batch;
    const auto ps = problems_of(text, TableId::projects, batch);
    ASSERT_EQ(ps.size(), 3u) << describe(ps);
    EXPECT_EQ(ps[0].input, "in.csv");
    EXPECT_EQ(ps[0].line, 2u);
    EXPECT_EQ(ps[0].column, 4u);
    EXPECT_EQ(ps[0].byte, 70u);
    EXPECT_EQ(ps[0].entity, "project");
    EXPECT_EQ(ps[0].id, "project#1");
    EXPECT_EQ(ps[0].field, "contract_investment");
    EXPECT_EQ(ps[0].value, "约3亿元");
    EXPECT_EQ(ps[0].reason, "the amount's words mean about but contract_investment_bound says at_least");
    EXPECT_EQ(ps[1].line, 3u);
    EXPECT_EQ(ps[1].field, "contract_investment");
    EXPECT_EQ(ps[1].reason, "the amount's words mean at_least but contract_investment_bound says exact");
    EXPECT_EQ(ps[2].line, 4u);
    EXPECT_EQ(ps[2].column, 4u);
    // 5亿元以上以下: 以下 starts at byte 1 + 3 + 3 + 6 = 13 of the cell.
    EXPECT_EQ(ps[2].reason, "not a valid amount (byte 13: invalid value (a second bound word, \"以下\", after \"以上\"))");
    EXPECT_TRUE(batch.projects.empty());
}

TEST(IoCsvCells, DatesInIsoAndChineseForms) {
    const std::string text =
        "id,name_zh,established\n"
        "1,a,2020-07-28\n2,b,2020年7月28日\n3,c,2020年7月\n4,d,2020年第一季度\n5,e,2020年上半年\n6,f,2020-Q3\n"
        "7,g,2020年\n8,h,2020-H2\n";
    Batch batch;
    io::csv::read_table(text, TableId::parks, batch);
    ASSERT_EQ(batch.parks.size(), 8u);
    const auto at = [&](std::size_t i) { return *batch.parks[i].established; };
    EXPECT_EQ(at(0), ReportedDate::day(2020, 7, 28));
    EXPECT_EQ(at(1), ReportedDate::day(2020, 7, 28));
    EXPECT_EQ(at(2), ReportedDate::month(2020, 7));
    EXPECT_EQ(at(3), ReportedDate::quarter(2020, 1));
    EXPECT_EQ(at(4), ReportedDate::half_year(2020, 1));
    EXPECT_EQ(at(5), ReportedDate::quarter(2020, 3));
    EXPECT_EQ(at(6), ReportedDate::year(2020));
    EXPECT_EQ(at(7), ReportedDate::half_year(2020, 2));
}

TEST(IoCsvCells, EnumsByIdentifierOrLabelListsRatesAndEmptyTexts) {
    const std::string text =
        "id,name_zh,name_en,kind,area,leading_industries\n"
        "1,甲,\"\",国家高新区,225平方公里,\" 3; 5；8 \"\n"
        "2,乙,,National High-Tech Zone,1200 m2,\n"
        "3,丙,Bing,INDUSTRIAL_PARK,100亩,9\n";
    Batch batch;
    io::csv::read_table(text, TableId::parks, batch);
    ASSERT_EQ(batch.parks.size(), 3u);
    EXPECT_EQ(batch.parks[0].name.en, std::optional<std::string>(""));  // quoted empty: an empty text
    EXPECT_EQ(batch.parks[1].name.en, std::nullopt);                     // unquoted empty: no value
    EXPECT_EQ(batch.parks[2].name.en, std::optional<std::string>("Bing"));
    EXPECT_EQ(batch.parks[0].kind, ParkKind::national_high_tech_zone);
    EXPECT_EQ(batch.parks[1].kind, ParkKind::national_high_tech_zone);
    EXPECT_EQ(batch.parks[2].kind, ParkKind::industrial_park);
    EXPECT_EQ(batch.parks[0].area, Area::of(225, AreaKind::Unit::square_kilometre));
    EXPECT_EQ(batch.parks[1].area, Area::of(1200, AreaKind::Unit::square_metre));
    // 100亩 = 200000/3 m²: kept exactly.
    EXPECT_EQ(batch.parks[2].area, Area::of(100, AreaKind::Unit::mu));
    EXPECT_EQ(batch.parks[0].leading_industries, (std::vector<IndustryId>{IndustryId(3), IndustryId(5), IndustryId(8)}));
    EXPECT_EQ(batch.parks[2].leading_industries, (std::vector<IndustryId>{IndustryId(9)}));

    Batch loans;
    io::csv::read_table("id,lender,commitment,interest_rate\n1,1,1亿,4.35%\n2,1,1亿,0.0435\n3,1,1亿,\n", TableId::loans, loans);
    ASSERT_EQ(loans.loans.size(), 3u);
    EXPECT_EQ(loans.loans[0].interest_rate, Decimal<6>::from_units(43'500));
    EXPECT_EQ(loans.loans[1].interest_rate, Decimal<6>::from_units(43'500));
    EXPECT_FALSE(loans.loans[2].interest_rate.has_value());
}

TEST(IoCsvCells, PercentagesThatAreNoFiniteDecimalRoundTrip) {
    Dataset ds;
    Park park;
    park.id = ParkId(1);
    park.name.zh = "园区";
    ds.insert(park);
    ReportedStatistic s;
    s.id = StatisticId(1);
    s.scope = ParkId(1);
    s.label = "占比";
    s.period = Period::year(2020);
    s.value = Percent(Ratio(1, 3));
    s.comparison = Comparison{ComparisonKind::year_on_year, Percent(Ratio(-2, 7)), Bound::more_than};
    ds.insert(s);
    const std::string text = table_text(ds, TableId::statistics);
    EXPECT_NE(text.find(",percent,1/3,"), std::string::npos) << text;
    EXPECT_NE(text.find(",year_on_year,-2/7,more_than"), std::string::npos) << text;
    EXPECT_TRUE(through_tables(ds) == ds);
}

TEST(IoCsvCells, EveryBadCellIsReportedWithItsPlace) {
    const std::string text =
        "id,name_zh,kind,area\n"   // 21 bytes
        "1,A,other,5平方米\n"        // 21 bytes (平方米 is 9): line 2
        "2,B,abc,5平方米\n"          // line 3, the kind at byte 21 + 21 + 4 = 46
        "x,C,other,5\n"             // line 4: bad id, area without a unit
        "4,D,,-\n";                 // line 5: area with no number
    Batch batch;
    const auto ps = problems_of(text, TableId::parks, batch);
    ASSERT_EQ(ps.size(), 4u) << describe(ps);
    const FormatProblem& kind = ps[0];
    EXPECT_EQ(kind.input, "in.csv");
    EXPECT_EQ(kind.line, 3u);
    EXPECT_EQ(kind.column, 3u);
    EXPECT_EQ(kind.byte, 46u);
    EXPECT_EQ(kind.entity, "park");
    EXPECT_EQ(kind.id, "park#2");
    EXPECT_EQ(kind.field, "kind");
    EXPECT_EQ(kind.value, "abc");
    EXPECT_EQ(kind.reason, "unknown value; one of national_high_tech_zone, national_etdz, provincial_zone, "
                           "science_city, industrial_park, other");
    EXPECT_EQ(ps[1].line, 4u);
    EXPECT_EQ(ps[1].field, "id");
    EXPECT_EQ(ps[1].id, "");
    EXPECT_EQ(ps[2].line, 4u);
    EXPECT_EQ(ps[2].field, "area");
    EXPECT_EQ(ps[2].value, "5");
    EXPECT_NE(ps[2].reason.find("not a valid area"), std::string::npos);
    EXPECT_NE(ps[2].reason.find("(byte 1: unknown unit (a unit is required))"), std::string::npos) << ps[2].reason;
    EXPECT_EQ(ps[3].line, 5u);
    EXPECT_EQ(ps[3].id, "park#4");
    EXPECT_EQ(ps[3].column, 4u);
    // The message lists them all.
    try {
        io::csv::read_table(text, TableId::parks, batch, {}, "parks.csv");
        FAIL();
    } catch (const FormatError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("4 problems"), std::string::npos) << what;
        EXPECT_NE(what.find("parks.csv:3:3 (byte 46) park#2.kind \"abc\": unknown value"), std::string::npos) << what;
    }
}

TEST(IoCsvCells, RequiredValuesAndGroups) {
    Batch batch;
    const std::string text =
        "id,scope,label,period,value_kind,value,comparison_kind,comparison_change\n"
        "1,1,签约项目,2020年上半年,count,39,,\n"
        ",1,a,2020,,,,\n"                      // id missing
        "3,1,b,2020,money,,,\n"                // a kind without a value
        "4,1,c,2020,,5,,\n"                    // a value without a kind
        "5,1,d,2020,,,year_on_year,\n";        // a comparison without its change
    const auto ps = problems_of(text, TableId::statistics, batch);
    ASSERT_EQ(ps.size(), 4u) << describe(ps);
    EXPECT_EQ(ps[0].line, 3u);
    EXPECT_EQ(ps[0].field, "id");
    EXPECT_EQ(ps[0].reason, "a value is required");
    EXPECT_EQ(ps[1].field, "value_kind");
    EXPECT_EQ(ps[1].reason, "given without a value");
    EXPECT_EQ(ps[2].field, "value");
    EXPECT_EQ(ps[2].reason.substr(0, 16), "needs value_kind");
    EXPECT_EQ(ps[3].field, "comparison_change");
    EXPECT_EQ(ps[3].reason, "a value is required when the other comparison columns are given");

    io::csv::read_table(text.substr(0, text.find("\n,1,a") + 1), TableId::statistics, batch);
    ASSERT_EQ(batch.statistics.size(), 1u);
    EXPECT_EQ(batch.statistics[0].value, StatisticValue(std::int64_t{39}));
    EXPECT_EQ(batch.statistics[0].period, Period::half_year(2020, 1));
    EXPECT_FALSE(batch.statistics[0].comparison.has_value());
}

// ---------------------------------------------------------------------------------------------
// All or nothing, children, limits

TEST(IoCsvTable, AFailedReadLeavesTheBatchAsItWas) {
    Batch batch;
    io::csv::read_table("id,name_zh\n1,甲\n", TableId::parks, batch);
    io::csv::read_table("id,name_zh,park\n10,项目,1\n", TableId::projects, batch);
    ASSERT_EQ(batch.parks.size(), 1u);
    EXPECT_THROW(io::csv::read_table("id,name_zh\n2,乙\nbad,丙\n", TableId::parks, batch), FormatError);
    EXPECT_EQ(batch.parks.size(), 1u);
    // A stage of a project that is not there: the good rows are not attached either.
    const auto ps = problems_of("project,stage,date\n10,contracted,2020-05-01\n11,started,2020-06-01\n",
                                TableId::project_stages, batch);
    ASSERT_EQ(ps.size(), 1u) << describe(ps);
    EXPECT_EQ(ps[0].line, 3u);
    EXPECT_EQ(ps[0].column, 1u);
    EXPECT_EQ(ps[0].id, "project#11");
    EXPECT_EQ(ps[0].reason, "refers to project#11, which is not in projects.csv");
    EXPECT_TRUE(batch.projects[0].stages.empty());
    // Good children attach in file order.
    io::csv::read_table("project,stage,date\n10,contracted,2020-05-01\n10,started,2020年6月\n", TableId::project_stages, batch);
    ASSERT_EQ(batch.projects[0].stages.size(), 2u);
    EXPECT_EQ(batch.projects[0].stages[1].stage, Stage::started);
    EXPECT_EQ(batch.projects[0].stages[1].date, ReportedDate::month(2020, 6));
}

TEST(IoCsvTable, CategoriesNeedALicence) {
    Batch batch;
    io::csv::read_table("id,name_zh,park,licence_number\n1,暂存库,1,\n2,处置中心,1,HW-2020-01\n", TableId::waste_facilities, batch);
    const auto ps = problems_of("facility,category\n1,HW08\n2,HW49\n", TableId::waste_licence_categories, batch);
    ASSERT_EQ(ps.size(), 1u) << describe(ps);
    EXPECT_EQ(ps[0].line, 2u);
    EXPECT_EQ(ps[0].reason, "has no licence (licence_number is empty)");
    io::csv::read_table("facility,category,approved\n2,hw8,500吨/年\n", TableId::waste_licence_categories, batch);
    ASSERT_EQ(batch.waste_facilities[1].licence->categories.size(), 1u);
    EXPECT_EQ(batch.waste_facilities[1].licence->categories[0].category, HwCategory(8));
    EXPECT_EQ(batch.waste_facilities[1].licence->categories[0].approved,
              AnnualThroughput::of(500, AnnualThroughputKind::Unit::tonne_per_year));
}

TEST(IoCsvTable, InputAndRecordLimits) {
    Batch batch;
    io::LoadOptions small;
    small.max_input_bytes = 20;
    auto ps = problems_of("id,publication\n1,abcdefgh\n", TableId::sources, batch, small);
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].reason, "input larger than the limit of 20 bytes (LoadOptions::max_input_bytes)");
    io::LoadOptions few;
    few.max_records = 2;
    ps = problems_of("id,publication\n1,a\n2,b\n3,c\n", TableId::sources, batch, few);
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].line, 4u);
    EXPECT_EQ(ps[0].reason, "more than 2 records (LoadOptions::max_records)");
    EXPECT_TRUE(batch.sources.empty());
    std::istringstream in("id,publication\n1,abcdefgh\n");
    EXPECT_THROW(io::csv::read_table(in, TableId::sources, batch, small), FormatError);
}

/// "id,publication" and `n` sources "1,a" ... (ids 1 to n).
std::string sources_csv(std::size_t n) {
    std::string text = "id,publication\n";
    for (std::size_t i = 1; i <= n; ++i) text += std::to_string(i) + ",a\n";
    return text;
}

TEST(IoCsvTable, MemoryLimitRefusesRowsBeforeBuildingThem) {
    // Without memory per input byte, only the fixed 8 MiB allowance: 60 000 sources (hundreds
    // of bytes each as records: 8 MiB is 139 bytes each) do not fit.
    io::LoadOptions none;
    none.max_memory_per_input_byte = 0;
    const std::string text = sources_csv(60'000);
    Batch batch;
    const auto ps = problems_of(text, TableId::sources, batch, none);
    ASSERT_EQ(ps.size(), 1u) << describe(ps);
    EXPECT_EQ(ps[0].input, "in.csv");
    EXPECT_NE(ps[0].reason.find("LoadOptions::max_memory_per_input_byte"), std::string::npos) << ps[0].reason;
    EXPECT_NE(ps[0].reason.find("60000 rows"), std::string::npos) << ps[0].reason;
    EXPECT_TRUE(batch.sources.empty());
    // The line is that of the first row that does not fit: the rows before it load, with it not.
    ASSERT_TRUE(ps[0].line.has_value());
    const std::uint64_t line = *ps[0].line;
    ASSERT_GT(line, 2u);
    ASSERT_LE(line, 60'001u);
    const std::size_t fit = static_cast<std::size_t>(line) - 2;  // line 1 is the header
    EXPECT_NO_THROW(io::csv::read_table(sources_csv(fit), TableId::sources, batch, none));
    EXPECT_EQ(batch.sources.size(), fit);
    Batch again;
    const auto more = problems_of(sources_csv(fit + 1), TableId::sources, again, none);
    ASSERT_EQ(more.size(), 1u) << describe(more);
    EXPECT_EQ(more[0].line, line);
    EXPECT_TRUE(again.sources.empty());

    // The default (48 bytes per byte of input) takes them, and so does the largest value.
    Batch by_default;
    io::csv::read_table(text, TableId::sources, by_default);
    ASSERT_EQ(by_default.sources.size(), 60'000u);
    EXPECT_EQ(by_default.sources.back().id, SourceId(60'000));
    io::LoadOptions unlimited;
    unlimited.max_memory_per_input_byte = std::numeric_limits<std::uint64_t>::max();
    Batch all;
    io::csv::read_table(text, TableId::sources, all, unlimited);
    EXPECT_EQ(all.sources.size(), 60'000u);
}

TEST(IoCsvFolder, MemoryLimitCountsEveryTableOfTheLoad) {
    // Each table alone fits in the allowance; both together do not. The second is refused and
    // nothing is loaded.
    io::LoadOptions none;
    none.max_memory_per_input_byte = 0;
    TempDir one;
    one.write("sources.csv", sources_csv(20'000));
    EXPECT_EQ(io::load(one.path(), io::Format::csv, none).sources().size(), 20'000u);
    std::string banks = "id,name_zh\n";
    for (std::size_t i = 1; i <= 20'000; ++i) banks += std::to_string(i) + ",b\n";
    TempDir other;
    other.write("banks.csv", banks);
    EXPECT_EQ(io::load(other.path(), io::Format::csv, none).banks().size(), 20'000u);
    TempDir both;
    both.write("sources.csv", sources_csv(20'000));
    both.write("banks.csv", banks);
    try {
        (void)io::load(both.path(), io::Format::csv, none);
        ADD_FAILURE() << "expected a FormatError";
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << describe(e.problems());
        EXPECT_EQ(fs::path(e.problems()[0].input).filename(), "banks.csv");
        EXPECT_NE(e.problems()[0].reason.find("max_memory_per_input_byte"), std::string::npos);
    }
    // With the default limit, 48 bytes of records per byte read, both load.
    const Dataset loaded = io::load(both.path(), io::Format::csv);
    EXPECT_EQ(loaded.sources().size(), 20'000u);
    EXPECT_EQ(loaded.banks().size(), 20'000u);
}

TEST(IoCsvTable, AtMostAThousandProblemsAreListed) {
    std::string text = "id,publication\n";
    for (int i = 0; i < 5000; ++i) text += "x,a\n";
    Batch batch;
    const auto ps = problems_of(text, TableId::sources, batch);
    ASSERT_EQ(ps.size(), 1001u);
    EXPECT_EQ(ps[999].line, 1001u);
    EXPECT_EQ(ps[1000].reason, "stopped after 1000 problems; the rest was not checked");
}

// ---------------------------------------------------------------------------------------------
// Folders

TEST(IoCsvFolder, ValidationProblemsPointAtTheirRows) {
    TempDir dir;
    dir.write("parks.csv", "id,name_zh\n1,园区\n");
    dir.write("projects.csv",
              "id,name_zh,park\n"
              "1,甲,99\n"    // line 2: no park 99
              "2,乙,1\n"
              "2,丙,1\n");   // line 4: the same id again
    dir.write("project_stages.csv",
              "project,stage,date\n"
              "2,started,2020-06-01\n"
              "2,contracted,2020-07-01\n");  // line 3: back along the main path
    try {
        (void)io::load(dir.path());
        FAIL() << "expected a FormatError";
    } catch (const FormatError& e) {
        const auto& ps = e.problems();
        ASSERT_EQ(ps.size(), 3u) << describe(ps);
        const std::string projects = (dir.path() / "projects.csv").string();
        const auto find = [&](std::string_view field) -> const FormatProblem& {
            for (const FormatProblem& p : ps)
                if (p.field == field) return p;
            ADD_FAILURE() << "no problem with field " << field << "\n" << describe(ps);
            return ps.front();
        };
        const FormatProblem& dangling = find("park");
        EXPECT_EQ(dangling.input, projects);
        EXPECT_EQ(dangling.line, 2u);
        EXPECT_EQ(dangling.column, 3u);
        EXPECT_EQ(dangling.id, "project#1");
        EXPECT_EQ(dangling.reason, "refers to park#99, which does not exist");
        const FormatProblem& duplicate = find("id");
        EXPECT_EQ(duplicate.input, projects);
        EXPECT_EQ(duplicate.line, 4u);
        EXPECT_EQ(duplicate.column, 1u);
        const FormatProblem& stage = find("stages[1].stage");
        EXPECT_EQ(stage.input, (dir.path() / "project_stages.csv").string());
        EXPECT_EQ(stage.line, 3u);
        EXPECT_EQ(stage.column, 2u);
    }
}

TEST(IoCsvFolder, AtMostAThousandValidationProblemsAreListed) {
    TempDir dir;
    std::string projects = "id,name_zh,park\n";
    for (int i = 1; i <= 1500; ++i) projects += std::to_string(i) + ",甲,99\n";
    dir.write("parks.csv", "id,name_zh\n1,园区\n");
    dir.write("projects.csv", projects);
    dir.write("citations.csv", "entity,id,source,note\nproject,1,7,\n");
    try {
        (void)io::load(dir.path());
        FAIL();
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1001u);
        // The citation's dangling source comes from the project's sources[0]: on citations.csv line 2.
        const FormatProblem& first = e.problems()[0];
        EXPECT_EQ(first.id, "project#1");
        EXPECT_EQ(first.field, "sources[0].source");
        EXPECT_EQ(first.input, (dir.path() / "citations.csv").string());
        EXPECT_EQ(first.line, 2u);
        EXPECT_EQ(first.column, 3u);
        EXPECT_EQ(e.problems()[1].field, "park");
        EXPECT_EQ(e.problems()[1].line, 2u);
        EXPECT_EQ(e.problems()[999].line, 1000u);
        EXPECT_EQ(e.problems()[1000].reason, "stopped after 1000 problems; the rest was not checked");
    }
}

TEST(IoCsvFolder, MissingTablesAreEmptyUnknownFilesAreNamed) {
    TempDir dir;
    dir.write("parks.csv", "id,name_zh\n1,园区\n");
    dir.write("notes.txt", "not a table");
    const Dataset ds = io::load(dir.path(), io::Format::csv);
    ASSERT_EQ(ds.parks().size(), 1u);
    EXPECT_EQ(ds.size(), 1u);

    dir.write("project.csv", "id,name_zh,park\n1,甲,1\n");  // misspelt: projects.csv
    try {
        (void)io::load(dir.path(), io::Format::csv);
        FAIL();
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.first().input, (dir.path() / "project.csv").string());
        EXPECT_EQ(e.first().reason.substr(0, 40), "not a table of a dataset; the tables are");
    }
    EXPECT_THROW((void)io::load(dir.path() / "nowhere", io::Format::csv), FormatError);
    TempDir empty;
    EXPECT_THROW((void)io::load(empty.path(), io::Format::csv), FormatError);
}

TEST(IoCsvFolder, EveryFileIsCheckedBeforeFailing) {
    TempDir dir;
    dir.write("parks.csv", "id,name_zh\nx,园区\n");
    dir.write("banks.csv", "id,name_zh,kind\n1,银行,bank\n");
    io::LoadOptions options;
    options.max_input_bytes = 64;
    dir.write("sources.csv", "id,publication\n" + std::string(100, 'a') + "\n");
    try {
        (void)io::load(dir.path(), io::Format::csv, options);
        FAIL();
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 3u) << describe(e.problems());
        EXPECT_EQ(e.problems()[0].input, (dir.path() / "sources.csv").string());
        EXPECT_NE(e.problems()[0].reason.find("larger than the limit of 64 bytes"), std::string::npos);
        EXPECT_EQ(e.problems()[1].input, (dir.path() / "parks.csv").string());
        EXPECT_EQ(e.problems()[2].input, (dir.path() / "banks.csv").string());
    }
}

// ---------------------------------------------------------------------------------------------
// The memory limit: valid folders load, a refused table is one problem

/// `n` rows made by `row(i)` for i = 1 ... n after `header`.
template <class Row>
std::string numbered_rows(std::string text, std::size_t n, Row row) {
    for (std::size_t i = 1; i <= n; ++i) text += row(i);
    return text;
}

/// Stages of project i: 1 to 3, in order of the main path.
std::size_t stages_of(std::size_t i) { return 1 + i % 3; }

TEST(IoCsvFolder, FortyThousandProjectsWithTheirStagesLoadByDefault) {
    constexpr std::size_t n = 40'000;
    constexpr std::array<Stage, 3> path{Stage::negotiating, Stage::contracted, Stage::registered};
    constexpr std::array<std::string_view, 3> path_names{"negotiating", "contracted", "registered"};
    std::size_t stages = 0;
    for (std::size_t i = 1; i <= n; ++i) stages += stages_of(i);

    // Written by hand with the fewest columns: about 1.8 MB.
    TempDir minimal;
    minimal.write("parks.csv", "id,name_zh\n1,园\n");
    minimal.write("projects.csv",
                  numbered_rows("id,name_zh,park\n", n, [](std::size_t i) { return std::to_string(i) + ",a,1\n"; }));
    minimal.write("project_stages.csv", numbered_rows("project,stage,date\n", n, [&](std::size_t i) {
                      std::string rows;
                      for (std::size_t k = 0; k < stages_of(i); ++k)
                          rows += std::to_string(i) + "," + std::string(path_names[k]) + ",2020\n";
                      return rows;
                  }));
    const Dataset loaded = io::load(minimal.path(), io::Format::csv);
    ASSERT_EQ(loaded.projects().size(), n);
    std::size_t loaded_stages = 0;
    for (const Project& p : loaded.projects()) {
        ASSERT_EQ(p.stages.size(), stages_of(p.id.value())) << p.id.to_string();
        EXPECT_EQ(p.stages.back().stage, path[p.stages.size() - 1]);
        loaded_stages += p.stages.size();
    }
    EXPECT_EQ(loaded_stages, stages);

    // The same projects with names and amounts, written by io::save.
    Dataset ds;
    Park park;
    park.id = ParkId(1);
    park.name.zh = "园";
    ds.insert(park);
    Batch batch;
    for (std::size_t i = 1; i <= n; ++i) {
        Project p;
        p.id = ProjectId(i);
        p.name.zh = "项目" + std::to_string(i);
        p.park = ParkId(1);
        const auto fen = static_cast<std::int64_t>(i) * 100;  // i yuan
        p.contract_investment = ReportedAmount{Money::of_minor(fen), Bound::exact, false};
        for (std::size_t k = 0; k < stages_of(i); ++k)
            p.stages.push_back(StageEvent{path[k], ReportedDate::month(2020, static_cast<int>(k) + 1)});
        batch.projects.push_back(std::move(p));
    }
    ds.insert(std::move(batch));
    TempDir saved;
    io::save(ds, saved.path(), io::Format::csv);
    EXPECT_TRUE(io::load(saved.path(), io::Format::csv) == ds);
}

TEST(IoCsvFolder, SyntheticDatasetsSavedBySaveLoadByDefault) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        samples::SyntheticOptions o;
        o.seed = seed;
        o.parks = 10 * seed;
        o.enterprises = 2'000 * seed;
        o.projects = 20'000 * seed;
        o.loans = 500 * seed;
        o.waste_facilities = 50 * seed;
        const Dataset ds = samples::synthetic_dataset(o);
        TempDir dir;
        io::save(ds, dir.path(), io::Format::csv);
        EXPECT_TRUE(io::load(dir.path(), io::Format::csv) == ds) << "seed " << seed;
    }
}

TEST(IoCsvFolder, MinimalHandWrittenTablesLoadByDefault) {
    // Each table with the fewest columns, 10 000 rows (with their parents where they need them).
    constexpr std::size_t n = 10'000;
    const auto ids = [](std::string_view rest) {
        return [rest = std::string(rest)](std::size_t i) { return std::to_string(i) + rest; };
    };
    const std::string park = "id,name_zh\n1,园\n";
    const std::string parks = numbered_rows("id,name_zh\n", n, ids(",a\n"));
    const std::string enterprises = numbered_rows("id,name_zh\n", n, ids(",a\n"));
    const std::string projects = numbered_rows("id,name_zh,park\n", n, ids(",a,1\n"));
    const std::string loans = numbered_rows("id,lender,commitment,park\n", n, ids(",1,1,1\n"));
    const std::string facilities = numbered_rows("id,name_zh,park,licence_number\n", n, ids(",a,1,L\n"));
    struct Case {
        std::string name;
        std::vector<std::pair<std::string, std::string>> files;
        std::function<std::size_t(const Dataset&)> count;
    };
    const std::vector<Case> cases = {
        {"sources", {{"sources.csv", numbered_rows("id,publication\n", n, ids(",a\n"))}},
         [](const Dataset& d) { return d.sources().size(); }},
        {"industries",
         {{"industries.csv", numbered_rows("id,scheme,code,name_zh\n", n, [](std::size_t i) {
               return std::to_string(i) + ",s," + std::to_string(i) + ",a\n";
           })}},
         [](const Dataset& d) { return d.industries().size(); }},
        {"parks", {{"parks.csv", parks}}, [](const Dataset& d) { return d.parks().size(); }},
        {"enterprises", {{"enterprises.csv", enterprises}}, [](const Dataset& d) { return d.enterprises().size(); }},
        {"banks", {{"banks.csv", numbered_rows("id,name_zh\n", n, ids(",a\n"))}},
         [](const Dataset& d) { return d.banks().size(); }},
        {"projects", {{"parks.csv", park}, {"projects.csv", projects}},
         [](const Dataset& d) { return d.projects().size(); }},
        {"project_investors",
         {{"parks.csv", park}, {"enterprises.csv", enterprises}, {"projects.csv", projects},
          {"project_investors.csv", numbered_rows("project,enterprise\n", n, [](std::size_t i) {
               return std::to_string(i) + "," + std::to_string(i) + "\n";
           })}},
         [](const Dataset& d) {
             std::size_t k = 0;
             for (const Project& p : d.projects()) k += p.investors.size();
             return k;
         }},
        {"project_stages",
         {{"parks.csv", park}, {"projects.csv", projects},
          {"project_stages.csv", numbered_rows("project,stage,date\n", n, ids(",contracted,2020\n"))}},
         [](const Dataset& d) {
             std::size_t k = 0;
             for (const Project& p : d.projects()) k += p.stages.size();
             return k;
         }},
        {"loans", {{"parks.csv", park}, {"banks.csv", "id,name_zh\n1,行\n"}, {"loans.csv", loans}},
         [](const Dataset& d) { return d.loans().size(); }},
        {"loan_snapshots",
         {{"parks.csv", park}, {"banks.csv", "id,name_zh\n1,行\n"}, {"loans.csv", loans},
          {"loan_snapshots.csv", numbered_rows("loan,as_of,outstanding\n", n, ids(",2020-06-30,1\n"))}},
         [](const Dataset& d) {
             std::size_t k = 0;
             for (const Loan& l : d.loans()) k += l.snapshots.size();
             return k;
         }},
        {"waste_facilities", {{"parks.csv", park}, {"waste_facilities.csv", facilities}},
         [](const Dataset& d) { return d.waste_facilities().size(); }},
        {"waste_licence_categories",
         {{"parks.csv", park}, {"waste_facilities.csv", facilities},
          {"waste_licence_categories.csv", numbered_rows("facility,category\n", n, ids(",HW08\n"))}},
         [](const Dataset& d) {
             std::size_t k = 0;
             for (const WasteFacility& f : d.waste_facilities()) k += f.licence->categories.size();
             return k;
         }},
        {"waste_throughput",
         {{"parks.csv", park}, {"waste_facilities.csv", facilities},
          {"waste_throughput.csv", numbered_rows("facility,year,handled\n", n, ids(",2020,1 t\n"))}},
         [](const Dataset& d) {
             std::size_t k = 0;
             for (const WasteFacility& f : d.waste_facilities()) k += f.yearly_throughput.size();
             return k;
         }},
        {"statistics",
         {{"parks.csv", park},
          {"statistics.csv",
           numbered_rows("id,scope,label,period,value_kind,value,unit\n", n, ids(",1,a,2020,count,1,个\n"))}},
         [](const Dataset& d) { return d.statistics().size(); }},
        {"citations",
         {{"sources.csv", "id,publication\n1,报\n"}, {"parks.csv", parks},
          {"citations.csv", numbered_rows("entity,id,source\n", n, [](std::size_t i) {
               return "park," + std::to_string(i) + ",1\n";
           })}},
         [](const Dataset& d) {
             std::size_t k = 0;
             for (const Park& p : d.parks()) k += p.sources.size();
             return k;
         }},
    };
    ASSERT_EQ(cases.size(), io::csv::tables().size());
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        TempDir dir;
        for (const auto& [file, text] : c.files) dir.write(file, text);
        try {
            EXPECT_EQ(c.count(io::load(dir.path(), io::Format::csv)), n);
        } catch (const FormatError& e) {
            ADD_FAILURE() << describe(e.problems());
        }
    }
}

TEST(IoCsvFolder, ARefusedTableIsOneProblemAndEndsTheLoad) {
    // 200 000 minimal projects need far more than 48 bytes per byte of CSV; the stages of the
    // first 2 000 would each refer to a project that was not built.
    constexpr std::size_t n = 200'000;
    TempDir dir;
    const std::string parks = "id,name_zh\n1,园\n";
    const std::string projects =
        numbered_rows("id,name_zh,park\n", n, [](std::size_t i) { return std::to_string(i) + ",a,1\n"; });
    const std::string stages = numbered_rows("project,stage,date\n", 2'000,
                                             [](std::size_t i) { return std::to_string(i) + ",contracted,2020\n"; });
    dir.write("parks.csv", parks);
    dir.write("projects.csv", projects);
    dir.write("project_stages.csv", stages);
    const io::LoadOptions defaults;
    const std::uint64_t bytes = parks.size() + projects.size() + stages.size();
    const std::uint64_t limit = bytes * defaults.max_memory_per_input_byte + (std::uint64_t{8} << 20);
    try {
        (void)io::load(dir.path(), io::Format::csv);
        FAIL() << "expected a FormatError";
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << describe(e.problems());
        const FormatProblem& p = e.problems()[0];
        EXPECT_EQ(p.input, (dir.path() / "projects.csv").string());
        ASSERT_TRUE(p.line.has_value());
        EXPECT_GT(*p.line, 2u);  // the first row that does not fit: the rows before it would
        EXPECT_LE(*p.line, n + 1);
        EXPECT_NE(p.reason.find(std::to_string(limit) + " bytes"), std::string::npos) << p.reason;
        EXPECT_NE(p.reason.find("LoadOptions::max_memory_per_input_byte"), std::string::npos) << p.reason;
        EXPECT_NE(p.reason.find(std::to_string(n) + " rows"), std::string::npos) << p.reason;
    }
    // Raised, the limit lets them load.
    io::LoadOptions raised;
    raised.max_memory_per_input_byte = 1'000;
    const Dataset loaded = io::load(dir.path(), io::Format::csv, raised);
    EXPECT_EQ(loaded.projects().size(), n);
    EXPECT_EQ(loaded.find(ProjectId(2'000))->stages.size(), 1u);
}

TEST(IoCsvFolder, AProblemInAParentTableIsNotRepeatedForEachChild) {
    // projects.csv misses its park column: its rows are not read, and the stages of its
    // projects are not reported as orphans.
    TempDir dir;
    dir.write("parks.csv", "id,name_zh\n1,园\n");
    const auto row = [](std::string_view rest) {
        return [rest = std::string(rest)](std::size_t i) { return std::to_string(i) + rest; };
    };
    dir.write("projects.csv", numbered_rows("id,name_zh\n", 3'000, row(",a\n")));
    dir.write("project_stages.csv", numbered_rows("project,stage,date\n", 3'000, row(",contracted,2020\n")));
    try {
        (void)io::load(dir.path(), io::Format::csv);
        FAIL() << "expected a FormatError";
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << describe(e.problems());
        EXPECT_EQ(e.problems()[0].reason, "missing column park (required)");
    }
}

// ---------------------------------------------------------------------------------------------
// File names

TEST(IoCsvFolder, TableFilesAreReadWhateverTheCaseOfTheirNames) {
    TempDir dir;
    dir.write("PARKS.csv", "id,name_zh\n1,园\n2,乙园\n");
    dir.write("Projects.CSV", "id,name_zh,park\n7,项目,2\n");
    dir.write("project_stages.Csv", "project,stage,date\n7,contracted,2020-05\n");
    const Dataset ds = io::load(dir.path(), io::Format::csv);
    ASSERT_EQ(ds.parks().size(), 2u);
    ASSERT_EQ(ds.projects().size(), 1u);
    EXPECT_EQ(ds.projects()[0].park, ParkId(2));
    ASSERT_EQ(ds.projects()[0].stages.size(), 1u);
    EXPECT_EQ(ds.projects()[0].stages[0].date, ReportedDate::month(2020, 5));
}

TEST(IoCsvFolder, TwoFilesForOneTableAreRefused) {
    TempDir dir;
    dir.write("parks.csv", "id,name_zh\n1,园\n");
    dir.write("projects.csv", "id,name_zh,park\n1,甲,1\n");
    dir.write("projects.CSV", "id,name_zh,park\n2,乙,1\n");
    try {
        (void)io::load(dir.path(), io::Format::csv);
        FAIL() << "expected a FormatError";
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << describe(e.problems());
        const FormatProblem& p = e.problems()[0];
        EXPECT_NE(p.reason.find("projects.csv"), std::string::npos) << p.reason;
        EXPECT_NE(p.reason.find("projects.CSV"), std::string::npos) << p.reason;
        EXPECT_NE(p.reason.find("two files for the table"), std::string::npos) << p.reason;
    }
}

TEST(IoCsvFolder, FilesThatAreNotTablesAreNamedWhateverTheCaseOfTheirExtension) {
    TempDir dir;
    dir.write("parks.csv", "id,name_zh\n1,园\n");
    dir.write("notes.TXT", "not a table");
    EXPECT_EQ(io::load(dir.path(), io::Format::csv).parks().size(), 1u);
    dir.write("Project.CSV", "id,name_zh,park\n1,甲,1\n");  // misspelt: projects.csv
    try {
        (void)io::load(dir.path(), io::Format::csv);
        FAIL() << "expected a FormatError";
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << describe(e.problems());
        EXPECT_EQ(e.first().input, (dir.path() / "Project.CSV").string());
        EXPECT_EQ(e.first().reason.substr(0, 40), "not a table of a dataset; the tables are");
    }
}

// ---------------------------------------------------------------------------------------------
// Time in proportion to the input: each attack of tests/io/attacks.hpp at n and at 8n

enum class Outcome : std::uint8_t { loads, refused };

/// The folder `attack(n)` loads (or is refused, as `outcome` says) in time linear in n
/// (support/attacks.hpp). The memory limit is off: this measures time.
template <class Attack>
void expect_linear_time(Attack attack, Outcome outcome) {
    const auto make = [&](std::size_t n) {
        auto dir = std::make_shared<TempDir>();
        for (const test::attacks::CsvFile& f : attack(n)) dir->write(f.name, f.text);
        return dir;
    };
    const auto load = [outcome](const std::shared_ptr<TempDir>& dir) {
        io::LoadOptions unlimited;
        unlimited.max_memory_per_input_byte = std::numeric_limits<std::uint64_t>::max();
        Outcome got = Outcome::loads;
        try {
            (void)io::load(dir->path(), io::Format::csv, unlimited);
        } catch (const FormatError&) {
            got = Outcome::refused;
        }
        EXPECT_EQ(got, outcome);
    };
    EXPECT_TRUE(test::scales_linearly(1000, make, load));
}

TEST(IoCsvComplexity, MinimalProjects) { expect_linear_time(test::attacks::csv_minimal_projects, Outcome::loads); }
TEST(IoCsvComplexity, ProjectsWithOneId) {
    expect_linear_time(test::attacks::csv_projects_with_one_id, Outcome::refused);
}
TEST(IoCsvComplexity, ProjectsWithBadCells) {
    expect_linear_time(test::attacks::csv_projects_with_bad_cells, Outcome::refused);
}
TEST(IoCsvComplexity, SyntaxErrorRows) { expect_linear_time(test::attacks::csv_syntax_error_rows, Outcome::refused); }
TEST(IoCsvComplexity, OrphanStages) { expect_linear_time(test::attacks::csv_orphan_stages, Outcome::refused); }
TEST(IoCsvComplexity, OrphanCitations) { expect_linear_time(test::attacks::csv_orphan_citations, Outcome::refused); }
TEST(IoCsvComplexity, StagesOfOneProject) {
    expect_linear_time(test::attacks::csv_stages_of_one_project, Outcome::loads);
}
TEST(IoCsvComplexity, ParkWithALongIdList) {
    expect_linear_time(test::attacks::csv_park_with_long_id_list, Outcome::refused);
}
TEST(IoCsvComplexity, OneLongQuotedCell) {
    expect_linear_time(test::attacks::csv_one_long_quoted_cell, Outcome::loads);
}
// Was quadratic in the Dataset's validation (every other industry with the same scheme and code
// visited, a message built for each pair past the problem cap): 4,000 such industries took over
// a second, a 1 MB folder (130,000) many minutes.
TEST(IoCsvComplexity, IndustriesWithOneCode) {
    expect_linear_time(test::attacks::csv_industries_with_one_code, Outcome::refused);
}

// ---------------------------------------------------------------------------------------------
// Writing

TEST(IoCsvWrite, ExactTextOfARow) {
    Dataset ds;
    Park park;
    park.id = ParkId(1);
    park.name.zh = "益阳高新区";
    park.name.en = "Yiyang \"High-tech\" Zone";
    park.kind = ParkKind::national_high_tech_zone;
    park.area = Area::of(100, AreaKind::Unit::mu);
    ds.insert(park);
    Project p;
    p.id = ProjectId(7);
    p.name.zh = "项目,一期";
    p.park = ParkId(1);
    p.contract_investment = ReportedAmount{Money::parse("605.6亿元"), Bound::at_least, true};
    p.funds_in_place = ReportedAmount{Money::of_minor(5), Bound::exact, false};
    p.phase = 1;
    ds.insert(p);
    EXPECT_EQ(table_text(ds, TableId::parks),
              "\xEF\xBB\xBF"
              "id,name_zh,name_en,kind,province,city,admin_code,parent,established,area,leading_industries\r\n"
              "1,益阳高新区,\"Yiyang \"\"High-tech\"\" Zone\",national_high_tech_zone,,,,,,100亩,\r\n");
    EXPECT_EQ(table_text(ds, TableId::projects),
              "\xEF\xBB\xBF"
              "id,name_zh,name_en,park,industries,nature,currency,contract_investment,contract_investment_bound,"
              "contract_investment_estimated,planned_investment,planned_investment_bound,planned_investment_estimated,"
              "first_phase_investment,first_phase_investment_bound,first_phase_investment_estimated,funds_in_place,"
              "funds_in_place_bound,funds_in_place_estimated,parent,phase\r\n"
              "7,\"项目,一期\",,1,,,CNY,60560000000.00,at_least,true,,,,,,,0.05,,,,1\r\n");
}

TEST(IoCsvWrite, TextThatIsNotUtf8CannotEnterTheDataset) {
    // Refused on insert and on replace (issue 11), so no writer is ever handed it.
    Dataset ds;
    Park park;
    park.id = ParkId(3);
    park.name.zh = "bad \xFF byte";
    try {
        ds.insert(park);
        FAIL();
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0], (Problem{"park", "park#3", "name.zh", "invalid UTF-8 at byte 4"}));
    }
    park.name.zh = "好";
    ds.insert(park);
    park.city = "\xC0\x80";  // an overlong NUL
    EXPECT_THROW(ds.replace(park), ValidationError);
    EXPECT_EQ(ds.get(ParkId(3)).city, "");
}

TEST(IoCsv, Version010FolderLoadsForever) {
    // Written by 0.1.0, before the tables followed model/describe.hpp (the licence columns of
    // waste_facilities.csv came last).
    const std::filesystem::path folder =
        std::filesystem::path(PARKINVEST_TEST_DATA_DIR) / "compat" / "high_tech_zones_2020.v1.csv";
    EXPECT_EQ(io::load(folder, io::Format::csv), samples::high_tech_zones_2020());
}

TEST(IoCsv, TheOldNameOfTheThroughputValueKindIsStillRead) {
    // 0.1.0 wrote value_kind "throughput" in CSV and JSON Lines; archives always said
    // "annual_throughput", which is now the one name every format writes.
    Batch batch;
    Park park;
    park.id = ParkId{1};
    park.name.zh = "园区";
    batch.parks.push_back(park);
    const std::string csv =
        "id,scope,indicator,label,period,currency,value_kind,value,bound,unit\r\n"
        "7,1,other,处置能力,2020,,throughput,5000吨/年,,\r\n"
        "8,1,other,处置能力,2020,,annual_throughput,6000吨/年,,\r\n";
    io::csv::read_table(csv, io::csv::TableId::statistics, batch);
    ASSERT_EQ(batch.statistics.size(), 2u);
    EXPECT_EQ(std::get<AnnualThroughput>(*batch.statistics[0].value), AnnualThroughput::parse("5000吨/年"));
    EXPECT_EQ(std::get<AnnualThroughput>(*batch.statistics[1].value), AnnualThroughput::parse("6000吨/年"));
    Dataset ds;
    ds.insert(std::move(batch));
    std::ostringstream out;
    io::csv::write_table(ds, io::csv::TableId::statistics, out);
    EXPECT_NE(out.str().find(",annual_throughput,5000吨/年,"), std::string::npos) << out.str();
    EXPECT_EQ(out.str().find(",throughput,"), std::string::npos);
}

}  // namespace
}  // namespace parkinvest

namespace parkinvest {
namespace {

TEST(IoCsvFolder, ChildRowsInAnyOrderFindTheirParents) {
    // Child rows written by save() follow their parents (the fast path); these do not: every
    // row must still reach its own parent, as the id index finds it.
    test::TempDir dir;
    dir.write("parks.csv", "id,name_zh\n1,园区\n");
    dir.write("projects.csv", "id,name_zh,park\n10,甲,1\n20,乙,1\n30,丙,1\n");
    dir.write("project_stages.csv",
              "project,stage,date\n"
              "30,contracted,2020-03\n"
              "10,contracted,2020-01\n"
              "20,contracted,2020-02\n"
              "10,started,2020-04\n"
              "30,started,2020-06\n");
    dir.write("sources.csv", "id,publication,date\n7,周报,2020-07\n");
    dir.write("citations.csv", "entity,id,source,note\nproject,20,7,乙\nproject,10,7,甲\npark,1,7,园\nproject,30,7,丙\n");
    const Dataset d = io::load(dir.path());
    const auto stages = [&](std::uint64_t id) {
        std::string s;
        for (const StageEvent& e : d.get(ProjectId{id}).stages) s += std::string(enum_name(e.stage)) + "@" + e.date.to_string() + " ";
        return s;
    };
    EXPECT_EQ(stages(10), "contracted@2020-01 started@2020-04 ");
    EXPECT_EQ(stages(20), "contracted@2020-02 ");
    EXPECT_EQ(stages(30), "contracted@2020-03 started@2020-06 ");
    for (const auto& [id, note] : {std::pair<std::uint64_t, std::string>{10, "甲"}, {20, "乙"}, {30, "丙"}}) {
        ASSERT_EQ(d.get(ProjectId{id}).sources.size(), 1u);
        EXPECT_EQ(d.get(ProjectId{id}).sources[0].note, note);
    }
    ASSERT_EQ(d.get(ParkId{1}).sources.size(), 1u);
    EXPECT_EQ(d.get(ParkId{1}).sources[0].note, "园");
}

TEST(IoCsvReader, InvalidUtf8IsFoundInItsFieldAfterTheWholeTextCheck) {
    // The text is checked once; a bad one is then checked field by field for the message.
    test::TempDir dir;
    dir.write("parks.csv", "id,name_zh\n1,园区\n2,\xE5\x9B\n");
    try {
        (void)io::load(dir.path());
        FAIL();
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].line, 3u);
        EXPECT_EQ(e.problems()[0].reason, "invalid UTF-8 at byte 0 of the field (save the file as UTF-8)");
    }
    // A bad field ends its record where the error is found, even before an opening quote that
    // would hide the rows after it: the rows are counted as they are read, and the limit holds.
    test::TempDir limited;
    std::string rows = "id,name_zh\n1,\xFF,\"\n";
    for (int id = 2; id <= 10; ++id) rows += std::to_string(id) + ",b\n";
    rows += "\"\n";
    limited.write("parks.csv", rows);
    io::LoadOptions three;
    three.max_records = 3;
    try {
        (void)io::load(limited.path(), std::nullopt, three);
        FAIL();
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << e.what();
        EXPECT_EQ(e.problems()[0].reason, "more than 3 records (LoadOptions::max_records)");
    }
}

}  // namespace
}  // namespace parkinvest
