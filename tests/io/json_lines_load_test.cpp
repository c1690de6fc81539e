// SPDX-License-Identifier: MIT
// JSON Lines import: what io::save writes loads back exactly (the sample, every kind of value,
// 10,000 random datasets); hand-written lines (amounts in words, dates as text, companions left
// out, any order of lines, BOM, CRLF, blank lines) load; every problem names its line, column,
// byte, record and member; companions that disagree with their value are refused; validation
// problems point at the record's line; nothing is half loaded.
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include "io/archive_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parkinvest {
namespace {

using test::load_bytes;
using test::load_error;
using test::save_bytes;

constexpr io::Format jsonl = io::Format::json_lines;

/// "line:column (byte) id.field [value]: reason" — every part of a problem that says where.
std::string where(const FormatProblem& p) {
    std::string s = (p.line ? std::to_string(*p.line) : "-") + ":" + (p.column ? std::to_string(*p.column) : "-") + " (" +
                    (p.byte ? std::to_string(*p.byte) : "-") + ") " + (p.id.empty() ? p.entity : p.id) + "." + p.field;
    if (!p.value.empty()) s += " [" + p.value + "]";
    return s + ": " + p.reason;
}

std::vector<std::string> problems_of(const std::string& text, const io::LoadOptions& options = {}) {
    std::vector<std::string> out;
    const FormatError e = load_error(text, jsonl, options);
    for (const FormatProblem& p : e.problems()) out.push_back(where(p));
    return out;
}

const std::string park_line = R"({"entity":"park","id":1,"name_zh":"益阳高新区","kind":"national_high_tech_zone"})";

TEST(IoJsonLinesLoad, WhatIsSavedLoadsBackExactly) {
    for (const Dataset& d : {samples::high_tech_zones_2020(), test::all_kinds()}) {
        const std::string bytes = save_bytes(d, jsonl);
        const Dataset back = load_bytes(bytes, jsonl);
        EXPECT_EQ(back, d);
        EXPECT_EQ(save_bytes(back, jsonl), bytes);
    }
}

TEST(IoJsonLinesLoad, TenThousandRandomDatasetsRoundTripExactly) {
    std::size_t records = 0;
    for (std::uint64_t seed = 1; seed <= 10'000; ++seed) {
        const Dataset d = test::random_dataset(seed);
        records += d.size();
        if (load_bytes(save_bytes(d, jsonl), jsonl) != d) {
            ADD_FAILURE() << "seed " << seed << ": the loaded dataset differs";
            return;
        }
    }
    EXPECT_GT(records, 40'000u);
}

TEST(IoJsonLinesLoad, LoadsFromAPathByItsExtension) {
    const auto dir = std::filesystem::temp_directory_path() / ("parkinvest_jsonl_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const Dataset sample = samples::high_tech_zones_2020();
    io::save(sample, dir / "s.jsonl");
    EXPECT_EQ(io::load(dir / "s.jsonl"), sample);
    io::save(sample, dir / "s.ndjson");
    EXPECT_EQ(io::load(dir / "s.ndjson"), sample);
    std::filesystem::remove_all(dir);
}

TEST(IoJsonLinesLoad, HandWrittenLinesLoad) {
    // Amounts in words with their bound, no companions, a date and a period as text, ids as
    // numbers, lines in any order, a BOM, CRLF and blank lines.
    const std::string text =
        "\xEF\xBB\xBF"
        R"({"entity":"project","id":7,"park":1,"name_zh":"光电项目","contract_investment":"约30亿元","stages":[{"stage":"contracted","date":"2020年6月"}]})"
        "\r\n\r\n   \n" +
        park_line +
        "\r\n"
        R"({"entity":"statistic","id":3,"scope":1,"indicator":"contract_investment","label":"合同协议投资总额","period":"2020年1-6月","value_kind":"money","value":"605.6亿元"})"
        "\n";
    const Dataset d = load_bytes(text, jsonl);
    ASSERT_EQ(d.projects().size(), 1u);
    const Project& p = d.get(ProjectId{7});
    EXPECT_EQ(p.park, ParkId{1});
    ASSERT_TRUE(p.contract_investment);
    EXPECT_EQ(p.contract_investment->value.to_string(), "3000000000.00 CNY");
    EXPECT_EQ(p.contract_investment->bound, Bound::about);
    ASSERT_EQ(p.stages.size(), 1u);
    EXPECT_EQ(p.stages[0].stage, Stage::contracted);
    EXPECT_EQ(p.stages[0].date.to_string(), "2020-06");
    const ReportedStatistic& s = d.get(StatisticId{3});
    EXPECT_EQ(s.period.first(), make_date(2020, 1, 1));
    EXPECT_EQ(s.period.last(), make_date(2020, 6, 30));
    ASSERT_TRUE(s.value);
    EXPECT_EQ(std::get<Money>(*s.value).to_string(), "60560000000.00 CNY");
    // An empty input is an empty dataset, as io::save writes it.
    EXPECT_TRUE(load_bytes("", jsonl).empty());
    EXPECT_TRUE(load_bytes("\n\r\n", jsonl).empty());
}

TEST(IoJsonLinesLoad, SyntaxProblemsNameLineColumnAndByte) {
    const std::string two = park_line + "\n";  // 2 lines before the bad one, 1 + its bytes
    const std::size_t before = 2 * two.size();
    // At the end of the line: RapidJSON wanted another member.
    EXPECT_EQ(problems_of(two + two + R"({"entity":"park","id":2,)" + "\n"),
              std::vector<std::string>{"3:25 (" + std::to_string(before + 24) +
                                       ") .: malformed JSON: Missing a name for object member."});
    EXPECT_EQ(problems_of("[1,2]\n"), std::vector<std::string>{"1:1 (0) .: a line must be a JSON object (one record)"});
    EXPECT_EQ(problems_of(R"({"id":1})"),
              std::vector<std::string>{"1:1 (0) .: no \"entity\" member (source, industry, park, enterprise, bank, project, "
                                       "loan, waste_facility, statistic)"});
    EXPECT_EQ(problems_of(R"({"entity":"parc","id":1})"),
              std::vector<std::string>{"1:11 (10) . [parc]: unknown \"entity\"; the entities are source, industry, park, "
                                       "enterprise, bank, project, loan, waste_facility, statistic"});
    EXPECT_EQ(problems_of(std::string(R"({"entity":"park","id":1,"name_zh":"a)") + '\0' + "\"}"),
              std::vector<std::string>{"1:37 (36) .: NUL byte (not valid in JSON)"});
    EXPECT_EQ(problems_of(R"({"entity":"park","id":1,"x":[[[[1]]]]})"),
              std::vector<std::string>{"1:32 (31) .: nesting deeper than a record's line has (4 levels)"});
    // Invalid UTF-8, at its first byte.
    EXPECT_EQ(problems_of("{\"entity\":\"park\",\"id\":1,\"name_zh\":\"\xE4\xB8\"}"),
              std::vector<std::string>{"1:36 (35) .: invalid UTF-8"});
}

TEST(IoJsonLinesLoad, ValueProblemsNameTheRecordAndTheMember) {
    const std::string text =
        park_line + "\n" +
        R"({"entity":"project","id":7,"park":1,"name_zh":"X","contract_investment":"12x亿元","colour":"red","name_zh":"Y"})" +
        "\n" + R"({"entity":"project","id":8,"park":1,"name_zh":"X","stages":[{"stage":"contracted","date":"2020-06"},{"stage":"contracted","date":{"text":"2020-13"}}]})" +
        "\n" + R"({"entity":"project","id":9,"park":1,"name_zh":"X","stages":{"stage":"contracted"}})" + "\n" +
        R"({"entity":"project","id":10,"park":1,"name_zh":"X","stages":[3],"industries":["a"]})" + "\n";
    const std::size_t l2 = park_line.size() + 1;
    const std::string line2 = text.substr(l2, text.find('\n', l2) - l2);
    const auto col = [&](std::string_view member) { return line2.find(std::string("\"") + std::string(member) + "\":") + 1; };
    const auto problems = problems_of(text);
    ASSERT_EQ(problems.size(), 7u) << ::testing::PrintToString(problems);
    // The cell problems (RowReader) come first, then the members, all with the record's id.
    EXPECT_EQ(problems[1], "2:" + std::to_string(col("colour") + 9) + " (" + std::to_string(l2 + col("colour") + 8) +
                               ") project#7.colour [red]: unknown member; the members are `id`, `name_zh`, `name_en`, "
                               "`park`, `investors`: [{`enterprise`, `role`}], `industries`, `nature`, `currency`, "
                               "`contract_investment`, `contract_investment_minor`, `contract_investment_bound`, "
                               "`contract_investment_estimated`, `planned_investment`, `planned_investment_minor`, "
                               "`planned_investment_bound`, `planned_investment_estimated`, `first_phase_investment`, "
                               "`first_phase_investment_minor`, `first_phase_investment_bound`, "
                               "`first_phase_investment_estimated`, `funds_in_place`, `funds_in_place_minor`, "
                               "`funds_in_place_bound`, `funds_in_place_estimated`, `parent`, `phase`, `stages`: "
                               "[{`stage`, `date`}], `sources`: [{`source`, `note`}]");
    EXPECT_EQ(problems[2], "2:" + std::to_string(line2.rfind("\"Y\"") + 1) + " (" + std::to_string(l2 + line2.rfind("\"Y\"")) +
                               ") project#7.name_zh [Y]: member given twice in one object");
    EXPECT_EQ(problems[0], "2:" + std::to_string(col("contract_investment") + 22) + " (" +
                               std::to_string(l2 + col("contract_investment") + 21) +
                               ") project#7.contract_investment [12x亿元]: not a valid amount (byte 2: unknown unit)");
    EXPECT_NE(problems[3].find("project#8.stages[1].date [2020-13]: not a valid date (byte 5: invalid value (month must be 1-12))"),
              std::string::npos)
        << problems[3];
    EXPECT_NE(problems[4].find("project#9.stages: not an array of objects"), std::string::npos) << problems[4];
    EXPECT_NE(problems[5].find("project#10.industries [an array]: every item must be an id (a number)"), std::string::npos)
        << problems[5];
    EXPECT_NE(problems[6].find("project#10.stages[0]: not an object"), std::string::npos) << problems[6];
}

TEST(IoJsonLinesLoad, CompanionsMustAgreeWithTheirValue) {
    const std::string base = park_line + "\n";
    // As saved: the companions agree.
    const std::string good =
        R"({"entity":"project","id":7,"park":1,"name_zh":"X","contract_investment":"3000000000.00","contract_investment_minor":300000000000,"stages":[{"stage":"contracted","date":{"text":"2020-06","precision":"month","first":"2020-06-01","last":"2020-06-30"}}]})";
    EXPECT_EQ(load_bytes(base + good, jsonl).get(ProjectId{7}).stages[0].date.to_string(), "2020-06");
    // null is "not given".
    EXPECT_NO_THROW((void)load_bytes(base + test::replaced(good, "300000000000", "null"), jsonl));
    // A hand edit of the amount that left its minor units behind.
    const auto p1 = problems_of(base + test::replaced(good, "3000000000.00", "3100000000.00"));
    ASSERT_EQ(p1.size(), 1u);
    EXPECT_NE(p1[0].find("project#7.contract_investment_minor [300000000000]: does not agree with contract_investment "
                         "(expected 310000000000)"),
              std::string::npos)
        << p1[0];
    const auto p2 = problems_of(base + test::replaced(good, "\"last\":\"2020-06-30\"", "\"last\":\"2020-06-29\""));
    ASSERT_EQ(p2.size(), 1u);
    EXPECT_NE(p2[0].find("project#7.stages[0].date.last [2020-06-29]: does not agree with stages[0].date.text (expected "
                         "\"2020-06-30\")"),
              std::string::npos)
        << p2[0];
}

TEST(IoJsonLinesLoad, ValidationProblemsPointAtTheRecordsLine) {
    const std::string text = park_line + "\n" + R"({"entity":"park","id":2,"name_zh":"B","parent":99})" + "\n" + park_line + "\n";
    const FormatError e = load_error(text, jsonl);
    ASSERT_EQ(e.problems().size(), 2u);
    std::vector<std::string> got;
    for (const FormatProblem& p : e.problems()) got.push_back(std::to_string(p.line.value_or(0)) + " " + p.id + "." + p.field + ": " + p.reason);
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (std::vector<std::string>{"2 park#2.parent: refers to park#99, which does not exist", "3 park#1.id: duplicate id"}));
}

TEST(IoJsonLinesLoad, LimitsAndTheProblemCap) {
    io::LoadOptions two;
    two.max_records = 2;
    std::string three;
    for (int id = 1; id <= 3; ++id) three += test::replaced(park_line, "\"id\":1", "\"id\":" + std::to_string(id)) + "\n";
    EXPECT_EQ(problems_of(three, two), std::vector<std::string>{"3:1 (" + std::to_string(2 * (park_line.size() + 1)) +
                                                                ") .: more than 2 park records (LoadOptions::max_records)"});
    EXPECT_EQ(load_bytes(three.substr(0, 2 * (park_line.size() + 1)), jsonl, two).parks().size(), 2u);
    io::LoadOptions small;
    small.max_input_bytes = 10;
    EXPECT_NE(load_error(three, jsonl, small).problems()[0].reason.find("LoadOptions::max_input_bytes"), std::string::npos);
    // n and 8n bad lines: the problems stop at the cap, one more says so.
    for (const std::size_t n : {2'000u, 16'000u}) {
        std::string bad;
        for (std::size_t i = 0; i < n; ++i) bad += "{\"entity\":\"park\",\"id\":\"x\"}\n";
        const FormatError e = load_error(bad, jsonl);
        ASSERT_EQ(e.problems().size(), 1001u);
        EXPECT_EQ(e.problems().back().reason, "stopped after 1000 problems; the rest was not checked");
    }
    // One line of n and 8n unknown members: the same cap, the same note.
    for (const std::size_t n : {2'000u, 16'000u}) {
        std::string line = "{\"entity\":\"park\",\"id\":1";
        for (std::size_t i = 0; i < n; ++i) line += ",\"m" + std::to_string(i) + "\":1";
        line += "}";
        const FormatError e = load_error(line, jsonl);
        ASSERT_EQ(e.problems().size(), 1001u);
        EXPECT_EQ(e.problems().back().reason, "stopped after 1000 problems; the rest was not checked");
    }
    // A list longer than max_records.
    const std::string stages = R"({"entity":"project","id":7,"park":1,"name_zh":"X","stages":[{"stage":"contracted","date":"2020-01"},{"stage":"started","date":"2020-02"},{"stage":"completed","date":"2020-03"}]})";
    const auto p = problems_of(park_line + "\n" + stages, two);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("project#7.stages: more than 2 elements (LoadOptions::max_records)"), std::string::npos) << p[0];
}

TEST(IoJsonLinesLoad, MemoryIsBoundedByTheInputsSize) {
    // 200,000 minimal parks (about 40 bytes each) build records of hundreds of bytes: at one
    // byte of memory per byte of input (plus 8 MiB) the load stops at the first that does not fit.
    std::string text;
    for (int id = 1; id <= 200'000; ++id) text += R"({"entity":"park","id":)" + std::to_string(id) + R"(,"name_zh":"园"})" + "\n";
    io::LoadOptions tight;
    tight.max_memory_per_input_byte = 1;
    const FormatError e = load_error(text, jsonl, tight);
    ASSERT_EQ(e.problems().size(), 1u);
    // The records, or the next line's values, past the limit (which one depends on the size of
    // the records: larger in the portable build).
    EXPECT_NE(e.problems()[0].reason.find("more memory than the limit"), std::string::npos) << e.problems()[0].reason;
    EXPECT_NE(e.problems()[0].reason.find("(LoadOptions::max_memory_per_input_byte"), std::string::npos) << e.problems()[0].reason;
    EXPECT_GT(e.problems()[0].line.value_or(0), 1u);
    EXPECT_EQ(load_bytes(text, jsonl).parks().size(), 200'000u);  // the default allows it
    // One line of a huge array: its tree is refused within the limit, before any record.
    std::string wide = R"({"entity":"park","id":1,"name_zh":"园","leading_industries":[)";
    for (int i = 0; i < 1'000'000; ++i) wide += i == 0 ? "1" : ",1";
    wide += "]}";
    tight.max_memory_per_input_byte = 4;
    const FormatError w = load_error(wide, jsonl, tight);
    ASSERT_EQ(w.problems().size(), 1u);
    EXPECT_NE(w.problems()[0].reason.find("the line needs more memory than the limit leaves"), std::string::npos);
}

TEST(IoJsonLinesLoad, RepeatedMembersAndEscapesThatAreNoCharacters) {
    const auto one = [](const std::string& text) {
        const auto p = problems_of(text);
        EXPECT_EQ(p.size(), 1u) << ::testing::PrintToString(p);
        return p.empty() ? std::string() : p[0];
    };
    EXPECT_NE(one(R"({"entity":"park","id":1,"name_zh":"园","entity":"project"})").find("park#1.entity [project]: member given twice"),
              std::string::npos);
    const std::string dated = R"({"entity":"source","id":1,"publication":"周报","date":{"text":"2020","text":"2021"}})";
    EXPECT_NE(one(dated).find("source#1.date [an object]: \"text\" given twice in a date or period object"), std::string::npos) << one(dated);
    const std::string parts =
        R"({"entity":"source","id":1,"publication":"周报","date":{"text":"2020","precision":"year","precision":"year"}})";
    EXPECT_NE(one(parts).find("source#1.date.precision [year]: member given twice"), std::string::npos) << one(parts);
    const std::string surrogate = R"({"entity":"park","id":1,"name_zh":"\udc00"})";
    EXPECT_NE(one(surrogate).find("1:35 (34) .: a \\u escape that is not a character"), std::string::npos) << one(surrogate);
}

TEST(IoJsonLinesLoad, ListElementsAreNamedByTheirRecord) {
    // An investor's first member is an id: the problem is still about the project.
    const std::string text = park_line + "\n" + R"({"entity":"enterprise","id":5,"name_zh":"企业"})" + "\n" +
                             R"({"entity":"project","id":7,"park":1,"name_zh":"X","investors":[{"enterprise":5,"role":"bogus"}]})";
    const auto p = problems_of(text);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("project#7.investors[0].role [bogus]: unknown value"), std::string::npos) << p[0];
    // ... also when the record's own id is bad: then no id, not the investor's.
    const auto bad_id = problems_of(park_line + "\n" +
                                    R"({"entity":"project","id":"x","park":1,"name_zh":"X","investors":[{"enterprise":5,"role":"bogus"}]})");
    ASSERT_EQ(bad_id.size(), 2u) << ::testing::PrintToString(bad_id);
    EXPECT_NE(bad_id[0].find("project.id [x]: not an id"), std::string::npos) << bad_id[0];
    EXPECT_NE(bad_id[1].find("project.investors[0].role [bogus]: unknown value"), std::string::npos) << bad_id[1];
    // Licence categories of a facility without a licence.
    const std::string facility =
        R"({"entity":"waste_facility","id":3,"park":1,"name_zh":"处置中心","licence_categories":[{"category":"HW08"}]})";
    const auto q = problems_of(park_line + "\n" + facility);
    ASSERT_EQ(q.size(), 1u);
    EXPECT_NE(q[0].find("waste_facility#3.licence_categories: given, but the record has no licence"), std::string::npos) << q[0];
}

}  // namespace
}  // namespace parkinvest
