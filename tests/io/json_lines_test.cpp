// SPDX-License-Identifier: MIT
// JSON Lines export: every line is one valid JSON object (checked by the strict parser in
// json_checker.hpp, independent of the library's writer), with exact money strings and minor
// units, and the same keys for every record of a type.
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include "io/json_checker.hpp"
#include "io/random_dataset.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace parkinvest {
namespace {

using test::Json;
using Document = Json;
using Value = Json;

std::string jsonl(const Dataset& ds) {
    std::ostringstream out;
    io::save(ds, out, io::Format::json_lines);
    return out.str();
}

/// Parses every line strictly (UTF-8 validated); fails the test on the first bad one.
std::vector<Document> parse_lines(const std::string& text) {
    std::vector<Document> docs;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        EXPECT_NE(end, std::string::npos) << "the last line has no line break";
        const std::string line = text.substr(start, end - start);
        try {
            Json d = test::parse_json(line);
            EXPECT_TRUE(d.is_object()) << line;
            docs.push_back(std::move(d));
        } catch (const std::runtime_error& e) {
            ADD_FAILURE() << e.what() << " in " << line;
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return docs;
}

std::string str(const Value& v) { return v.str(); }

Dataset small_dataset() {
    Dataset ds;
    Park park;
    park.id = ParkId(1);
    park.name.zh = "益阳高新区";
    park.area = Area::of(100, AreaKind::Unit::mu);
    ds.insert(park);
    Project p;
    p.id = ProjectId(7);
    p.name.zh = "名称 \"引号\" \\ 反斜杠\n换行\t制表 \x01 控制 😀";
    p.name.en = std::string("nul\0inside", 10);
    p.park = ParkId(1);
    p.contract_investment = ReportedAmount{Money::parse("605.6亿元"), Bound::at_least, true};
    p.funds_in_place = ReportedAmount{Money::from_units(5), Bound::exact, false};  // 0.0005 yuan: no whole fen
    p.stages.push_back(StageEvent{Stage::contracted, ReportedDate::month(2020, 7)});
    ds.insert(p);
    ReportedStatistic s;
    s.id = StatisticId(3);
    s.scope = ParkId(1);
    s.indicator = Indicator::signed_projects;
    s.label = "上半年签约项目";
    s.period = Period::half_year(2020, 1);
    s.value = std::int64_t{39};
    s.unit = "个";
    s.comparison = Comparison{ComparisonKind::year_on_year, Percent::parse("4.9%"), Bound::exact};
    ds.insert(s);
    return ds;
}

TEST(IoJsonChecker, IsStrict) {
    for (std::string_view bad : {"{\"a\":1,}", "[1,]", "{\"a\":\"x\ny\"}", "{\"a\":\"\xFF\"}", "\"\\ud800\"",
                                 "{\"a\":01}", "{} {}", "{\"a\":tru}", "\"\xC0\xAF\"", "{\"a\" 1}", "\"\\x\""}) {
        EXPECT_THROW((void)test::parse_json(bad), std::runtime_error) << bad;
    }
    const Json j = test::parse_json(R"({"s":"a\"b\\c\n\u00e9\ud83d\ude00","n":-12,"big":18446744073709551615,"f":1.5e3,"t":true,"z":null,"l":[]})");
    EXPECT_EQ(j["s"].str(), "a\"b\\c\n\u00e9\U0001F600");
    EXPECT_EQ(j["n"].integer<std::int64_t>(), -12);
    EXPECT_EQ(j["big"].integer<std::uint64_t>(), 18446744073709551615u);
    EXPECT_FALSE(j["big"].is_integer<std::int64_t>());
    EXPECT_FALSE(j["f"].is_integer<std::int64_t>());
    EXPECT_TRUE(j["t"].boolean());
    EXPECT_TRUE(j["z"].is_null());
    EXPECT_EQ(j["l"].size(), 0u);
    EXPECT_THROW((void)j["missing"], std::runtime_error);
}

TEST(IoJsonLines, ValuesAreExact) {
    const auto docs = parse_lines(jsonl(small_dataset()));
    ASSERT_EQ(docs.size(), 3u);
    const Document& park = docs[0];
    EXPECT_EQ(str(park["entity"]), "park");
    EXPECT_EQ(park["id"].integer<std::uint64_t>(), 1u);
    EXPECT_TRUE(park["name_en"].is_null());
    EXPECT_EQ(str(park["area"]), "100亩");
    EXPECT_TRUE(park["area_m2"].is_null());  // 200000/3 m² is no finite decimal
    EXPECT_EQ(park["area_m2_x30000"].integer<std::int64_t>(), 2'000'000'000);  // 100 × 20,000,000

    const Document& p = docs[1];
    EXPECT_EQ(str(p["entity"]), "project");
    EXPECT_EQ(p["id"].integer<std::uint64_t>(), 7u);
    EXPECT_EQ(str(p["name_zh"]), "名称 \"引号\" \\ 反斜杠\n换行\t制表 \x01 控制 😀");
    EXPECT_EQ(str(p["name_en"]), std::string("nul\0inside", 10));
    EXPECT_EQ(p["park"].integer<std::uint64_t>(), 1u);
    EXPECT_EQ(str(p["currency"]), "CNY");
    // 605.6亿元 = 60,560,000,000.00 yuan = 6,056,000,000,000 fen.
    EXPECT_EQ(str(p["contract_investment"]), "60560000000.00");
    EXPECT_TRUE(p["contract_investment_minor"].is_integer<std::int64_t>());
    EXPECT_EQ(p["contract_investment_minor"].integer<std::int64_t>(), 6'056'000'000'000);
    EXPECT_EQ(str(p["contract_investment_bound"]), "at_least");
    EXPECT_TRUE(p["contract_investment_estimated"].boolean());
    EXPECT_TRUE(p["planned_investment"].is_null());
    EXPECT_TRUE(p["planned_investment_minor"].is_null());
    EXPECT_TRUE(p["planned_investment_bound"].is_null());
    EXPECT_EQ(str(p["funds_in_place"]), "0.0005");
    EXPECT_TRUE(p["funds_in_place_minor"].is_null());
    ASSERT_TRUE(p["stages"].is_array());
    ASSERT_EQ(p["stages"].size(), 1u);
    const Value& stage = p["stages"][0];
    EXPECT_EQ(str(stage["stage"]), "contracted");
    EXPECT_EQ(str(stage["date"]["text"]), "2020-07");
    EXPECT_EQ(str(stage["date"]["precision"]), "month");
    EXPECT_EQ(str(stage["date"]["first"]), "2020-07-01");
    EXPECT_EQ(str(stage["date"]["last"]), "2020-07-31");
    EXPECT_TRUE(p["sources"].is_array());

    const Document& s = docs[2];
    EXPECT_EQ(str(s["entity"]), "statistic");
    EXPECT_EQ(str(s["indicator"]), "signed_projects");
    EXPECT_EQ(str(s["period"]["text"]), "2020-H1");
    EXPECT_EQ(str(s["period"]["kind"]), "half_year");
    EXPECT_EQ(str(s["period"]["first"]), "2020-01-01");
    EXPECT_EQ(str(s["period"]["last"]), "2020-06-30");
    EXPECT_EQ(str(s["value_kind"]), "count");
    EXPECT_EQ(str(s["value"]), "39");
    EXPECT_EQ(s["value_count"].integer<std::int64_t>(), 39);
    EXPECT_TRUE(s["value_minor"].is_null());
    EXPECT_EQ(str(s["unit"]), "个");
    // A comparison is a group of members, as in statistics.csv (an object in files written before the one description).
    EXPECT_EQ(str(s["comparison_change"]), "4.9%");
    EXPECT_EQ(str(s["comparison_kind"]), "year_on_year");
    EXPECT_EQ(str(s["comparison_bound"]), "exact");
}

TEST(IoJsonLines, EscapesAreThoseOfJson) {
    const std::string text = jsonl(small_dataset());
    EXPECT_NE(text.find(R"("name_zh":"名称 \"引号\" \\ 反斜杠\n换行\t制表 \u0001 控制 😀")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("name_en":"nul\u0000inside")"), std::string::npos);
}

std::vector<std::string> keys(const Value& o) { return o.keys(); }

TEST(IoJsonLines, EveryRecordOnceWithExactAmountsAndOneSchemaPerType) {
    std::map<std::string, std::vector<std::string>> schema;  // entity → keys of its first line
    int amounts = 0, minor_checked = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        test::RandomDataset gen(seed);
        Dataset ds;
        ds.insert(gen.batch(seed % 8));
        const auto docs = parse_lines(jsonl(ds));
        ASSERT_EQ(docs.size(), ds.size()) << "seed " << seed;
        std::size_t i = 0;
        const auto next = [&](std::string_view entity, std::uint64_t id) -> const Document& {
            const Document& d = docs[i++];
            EXPECT_EQ(str(d["entity"]), entity);
            EXPECT_EQ(d["id"].integer<std::uint64_t>(), id);
            const auto [it, fresh] = schema.emplace(std::string(entity), keys(d));
            if (!fresh) {
                EXPECT_EQ(keys(d), it->second) << entity;
            }
            return d;
        };
        const auto amount = [&](const Value& obj, const std::string& key, const std::optional<ReportedAmount>& a) {
            if (!a) {
                EXPECT_TRUE(obj[key].is_null()) << key;
                return;
            }
            ++amounts;
            const std::string text = str(obj[key]) + " " + str(obj["currency"]);
            EXPECT_EQ(Money::parse(text), a->value) << text;
            const Value& minor = obj[key + "_minor"];
            // Minor units: 1/100 of the unit for CNY, USD ...; whole units for JPY and KRW.
            const int digits = minor_digits(a->value.currency());
            const detail::i128 per_minor = digits == 2 ? 100 : 10'000;
            const detail::i128 units = a->value.units();
            if (units % per_minor == 0 && units / per_minor <= std::numeric_limits<std::int64_t>::max()) {
                ASSERT_TRUE(minor.is_integer<std::int64_t>()) << key << " " << text;
                EXPECT_EQ(static_cast<detail::i128>(minor.integer<std::int64_t>()), units / per_minor);
                ++minor_checked;
            } else {
                EXPECT_TRUE(minor.is_null()) << key << " " << text;
            }
            EXPECT_EQ(str(obj[key + "_bound"]), enum_name(a->bound));
            EXPECT_EQ(obj[key + "_estimated"].boolean(), a->estimated);
        };
        for (const Source& r : ds.sources()) EXPECT_EQ(str(next("source", r.id.value())["publication"]), r.publication);
        for (const Industry& r : ds.industries()) EXPECT_EQ(str(next("industry", r.id.value())["code"]), r.code);
        for (const Park& r : ds.parks()) {
            const Document& d = next("park", r.id.value());
            EXPECT_EQ(str(d["name_zh"]), r.name.zh);
            EXPECT_EQ(d["leading_industries"].size(), r.leading_industries.size());
        }
        for (const Enterprise& r : ds.enterprises()) next("enterprise", r.id.value());
        for (const Bank& r : ds.banks()) EXPECT_EQ(str(next("bank", r.id.value())["branch"]), r.branch);
        for (const Project& r : ds.projects()) {
            const Document& d = next("project", r.id.value());
            amount(d, "contract_investment", r.contract_investment);
            amount(d, "planned_investment", r.planned_investment);
            amount(d, "first_phase_investment", r.first_phase_investment);
            amount(d, "funds_in_place", r.funds_in_place);
            ASSERT_EQ(d["stages"].size(), r.stages.size());
            for (std::size_t k = 0; k < d["stages"].size(); ++k)
                EXPECT_EQ(ReportedDate::parse(str(d["stages"][k]["date"]["text"])), r.stages[k].date);
        }
        for (const Loan& r : ds.loans()) {
            const Document& d = next("loan", r.id.value());
            amount(d, "commitment", r.commitment);
            if (r.name.en) {
                EXPECT_EQ(str(d["name_en"]), *r.name.en);
            } else {
                EXPECT_TRUE(d["name_en"].is_null());
            }
            ASSERT_EQ(d["snapshots"].size(), r.snapshots.size());
        }
        for (const WasteFacility& r : ds.waste_facilities()) {
            const Document& d = next("waste_facility", r.id.value());
            amount(d, "investment", r.investment);
            // The licence is a group of members, as in waste_facilities.csv; its categories an array.
            EXPECT_EQ(d["licence_number"].is_null(), !r.licence.has_value());
            EXPECT_EQ(d["licence_categories"].is_null(), !r.licence.has_value());
            if (r.licence) {
                EXPECT_EQ(str(d["licence_number"]), r.licence->number);
                ASSERT_EQ(d["licence_categories"].size(), r.licence->categories.size());
                for (std::size_t k = 0; k < r.licence->categories.size(); ++k)
                    EXPECT_EQ(str(d["licence_categories"][k]["category"]), r.licence->categories[k].category.to_string());
            }
        }
        for (const ReportedStatistic& r : ds.statistics()) {
            const Document& d = next("statistic", r.id.value());
            EXPECT_EQ(Period::parse(str(d["period"]["text"])), r.period);
            if (const auto* m = r.value ? std::get_if<Money>(&*r.value) : nullptr) {
                EXPECT_EQ(Money::parse(str(d["value"]) + " " + str(d["currency"])), *m);
            }
        }
    }
    EXPECT_EQ(schema.size(), 9u);
    EXPECT_GT(amounts, 100);
    EXPECT_GT(minor_checked, 50);
}

TEST(IoJsonLines, AreasAreAlsoWholeNumbersOfTheirExactBaseUnitWhichSumExactly) {
    // 1/30,000 m² is Area's base unit: 1亩 = 2000/3 m² = 20,000,000; 1 m² = 30,000; 1 km² =
    // 1,000,000 m² = 30,000,000,000. 307亩 = 204666⅔ m² has no decimal in m² (its _m2 is null,
    // which DuckDB's sum skips); its _m2_x30000 is 307 × 20,000,000 = 6,140,000,000.
    struct Case {
        const char* text;
        std::optional<std::string> m2;
        std::int64_t x30000;
    };
    const std::vector<Case> cases = {
        {"307亩", std::nullopt, 6'140'000'000},        // 204666⅔ m²
        {"1.5亩", "1000", 30'000'000},                  // 1000 m²
        {"2.25平方公里", "2250000", 67'500'000'000},   // 2,250,000 m²
        {"103.77平方米", "103.77", 3'113'100},          // 103.77 × 30,000
        {"1亩", std::nullopt, 20'000'000},              // 666⅔ m²
    };
    Dataset ds;
    Park park;
    park.id = ParkId(1);
    park.name.zh = "园区";
    ds.insert(park);
    std::int64_t total = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        WasteFacility f;
        f.id = WasteFacilityId(i + 1);
        f.name.zh = "设施" + std::to_string(i + 1);
        f.park = ParkId(1);
        f.floor_area = Area::parse(cases[i].text);
        ds.insert(f);
        total += cases[i].x30000;
    }
    WasteFacility none;  // no floor area: every member null
    none.id = WasteFacilityId(99);
    none.name.zh = "无面积";
    none.park = ParkId(1);
    ds.insert(none);
    ReportedStatistic s;  // an area as a statistic's value
    s.id = StatisticId(1);
    s.scope = ParkId(1);
    s.indicator = Indicator::other;
    s.label = "用地面积";
    s.period = Period::year(2020);
    s.value = Area::parse("307亩");
    s.unit = "亩";
    ds.insert(s);

    const auto docs = parse_lines(jsonl(ds));
    ASSERT_EQ(docs.size(), cases.size() + 3);
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Document& f = docs[1 + i];
        SCOPED_TRACE(cases[i].text);
        ASSERT_EQ(str(f["entity"]), "waste_facility");
        if (cases[i].m2) EXPECT_EQ(str(f["floor_area_m2"]), *cases[i].m2);
        else EXPECT_TRUE(f["floor_area_m2"].is_null());
        ASSERT_TRUE(f["floor_area_m2_x30000"].is_integer<std::int64_t>());
        EXPECT_EQ(f["floor_area_m2_x30000"].integer<std::int64_t>(), cases[i].x30000);
        sum += f["floor_area_m2_x30000"].integer<std::int64_t>();
    }
    EXPECT_TRUE(docs[1 + cases.size()]["floor_area_m2_x30000"].is_null());
    // What `sum(floor_area_m2_x30000)` gives: 6,140,000,000 + 30,000,000 + 67,500,000,000 +
    // 3,113,100 + 20,000,000 = 73,693,113,100, i.e. 2,456,437.103⅓ m² — the exact total.
    EXPECT_EQ(total, 73'693'113'100);
    EXPECT_EQ(sum, total);
    const Document& stat = docs.back();
    ASSERT_EQ(str(stat["entity"]), "statistic");
    EXPECT_EQ(stat["value_m2_x30000"].integer<std::int64_t>(), 6'140'000'000);
    EXPECT_TRUE(stat["value_count"].is_null());
}

TEST(IoJsonLines, AnAreaBeyond64BitsOfItsBaseUnitKeepsItsExactTextAndANullInteger) {
    // 2^63 / 30,000 m² ≈ 3.07 × 10^14 m² = 307 million km²: the base count of 400 million km²
    // (4 × 10^14 m² × 30,000 = 1.2 × 10^19 > 2^63 − 1 ≈ 9.22 × 10^18) does not fit 64 bits; the
    // text stays exact.
    Dataset ds;
    Park park;
    park.id = ParkId(1);
    park.name.zh = "园区";
    park.area = Area::parse("400000000平方公里");
    ds.insert(park);
    const auto docs = parse_lines(jsonl(ds));
    ASSERT_EQ(docs.size(), 1u);
    EXPECT_EQ(str(docs[0]["area_m2"]), "400000000000000");
    EXPECT_TRUE(docs[0]["area_m2_x30000"].is_null());
}

TEST(IoJsonLines, SampleDataset) {
    const Dataset sample = samples::high_tech_zones_2020();
    const auto docs = parse_lines(jsonl(sample));
    EXPECT_EQ(docs.size(), sample.size());
}

TEST(IoJsonLines, TextThatIsNotUtf8CannotBeSaved) {
    // It cannot enter a Dataset (issue 11): the writer's own check is the second line of defence.
    Dataset ds;
    Park park;
    park.id = ParkId(4);
    park.name.zh = "\xE4\xB8";  // a cut character
    try {
        ds.insert(park);
        FAIL();
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0], (Problem{"park", "park#4", "name.zh", "invalid UTF-8 at byte 0"}));
    }
    EXPECT_TRUE(ds.empty());
}

}  // namespace
}  // namespace parkinvest
