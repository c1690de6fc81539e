// SPDX-License-Identifier: MIT
// The query module on the built-in sample page (high_tech_zones_2020) and on small datasets
// built here: every filter, group key and aggregate, the bound rules of the header comment,
// Table output (text, CSV, JSON, top) and reconcile(). Every expectation is worked out by hand
// from the sample's source (src/samples/high_tech_zones_2020.cpp); comments show the arithmetic.
#include <parkinvest/query/query.hpp>
#include <parkinvest/query/table.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include "io/json_checker.hpp"
#include "support/builders.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace parkinvest {
namespace {

namespace q = parkinvest::query;
using q::Bucket;
using q::Cell;
using q::Label;
using q::Table;
using namespace parkinvest::samples::hz2020;
using namespace parkinvest::test;

const Dataset& sample() {
    static const Dataset ds = samples::high_tech_zones_2020();
    return ds;
}

Money yuan(std::string_view text) { return Money::parse(text); }

std::string txt(const Table& t, std::size_t r, std::size_t c, Language lang = Language::chinese) {
    return Table::text(t.at(r, c), lang);
}
/// Column `c` of every row as text.
std::vector<std::string> column_text(const Table& t, std::size_t c, Language lang = Language::chinese) {
    std::vector<std::string> out;
    for (std::size_t r = 0; r < t.size(); ++r) out.push_back(txt(t, r, c, lang));
    return out;
}
std::int64_t as_int(const Cell& c) {
    const auto* v = std::get_if<std::int64_t>(&c);
    EXPECT_NE(v, nullptr) << "not a count: " << Table::text(c, Language::english);
    return v ? *v : -1;
}
const ReportedAmount& as_amount(const Cell& c) {
    static const ReportedAmount none{};
    const auto* v = std::get_if<ReportedAmount>(&c);
    EXPECT_NE(v, nullptr) << "not an amount: " << Table::text(c, Language::english);
    return v ? *v : none;
}
/// An exact percentage: a Percent, or a ReportedPercent whose bound is exact.
Percent as_percent(const Cell& c) {
    if (const auto* r = std::get_if<q::ReportedPercent>(&c)) {
        EXPECT_EQ(r->bound, Bound::exact) << Table::text(c, Language::english);
        return r->value;
    }
    const auto* v = std::get_if<Percent>(&c);
    EXPECT_NE(v, nullptr) << "not a percent: " << Table::text(c, Language::english);
    return v ? *v : Percent{};
}
bool is_empty(const Cell& c) { return std::holds_alternative<std::monostate>(c); }
Percent pct(std::int64_t num, std::int64_t den) { return Percent(Ratio(num, den)); }

/// The ids of the records matching `f`, in record order (a by() key on the id: by() numbers
/// its groups in the order they are first seen).
template <class R, class F>
std::vector<std::uint64_t> ids_where(const Dataset& ds, std::span<const R> records, F f) {
    const Table t = q::from(ds, records)
                        .where(f)
                        .group_by(q::by("编号", "id", [](const R& r) { return std::to_string(r.id.value()); }))
                        .aggregate(q::count());
    std::vector<std::uint64_t> out;
    for (std::size_t r = 0; r < t.size(); ++r) {
        EXPECT_EQ(as_int(t.at(r, 1)), 1);
        out.push_back(std::stoull(txt(t, r, 0)));
    }
    return out;
}
template <class F>
std::vector<std::uint64_t> projects_where(F f) {
    return ids_where(sample(), sample().projects(), f);
}
using Ids = std::vector<std::uint64_t>;

// ==================================================================== sample sanity

TEST(QuerySample, HasTheRecordsTheExpectationsAssume) {
    const Dataset& ds = sample();
    // 8 重庆 + 7 益阳 + 1 南通 + 5 中日韩 operators = 21 projects; 2 loans; 1 facility; 49 figures.
    EXPECT_EQ(ds.projects().size(), 21u);
    EXPECT_EQ(ds.loans().size(), 2u);
    EXPECT_EQ(ds.waste_facilities().size(), 1u);
    EXPECT_EQ(ds.statistics().size(), 49u);
    EXPECT_EQ(ds.enterprises().size(), 26u);
}

// ==================================================================== filters

TEST(QueryFilter, InParkWithAndWithoutSubParks) {
    // 重庆高新区: projects 1 2 3 4 5 7 8 9 (西部(重庆)科学城 is a park of its own, not a sub-park).
    EXPECT_EQ(projects_where(q::in_park(chongqing)), (Ids{1, 2, 3, 4, 5, 7, 8, 9}));
    EXPECT_EQ(projects_where(q::in_park(chongqing, false)), (Ids{1, 2, 3, 4, 5, 7, 8, 9}));
    // The five operators are in the sub-park 中日韩文化创意产业园 of 烟台高新区.
    EXPECT_EQ(projects_where(q::in_park(yantai)), (Ids{50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(q::in_park(yantai, false)), Ids{});
    EXPECT_EQ(projects_where(q::in_park(yantai_cjk_park, false)), (Ids{50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(q::in_park(science_city)), Ids{});

    const Dataset& ds = sample();
    // Enterprises 201-207 in 益阳高新区, 208 in its 东部产业园.
    EXPECT_EQ(ids_where(ds, ds.enterprises(), q::in_park(yiyang)), (Ids{201, 202, 203, 204, 205, 206, 207, 208}));
    EXPECT_EQ(ids_where(ds, ds.enterprises(), q::in_park(yiyang, false)), (Ids{201, 202, 203, 204, 205, 206, 207}));
    // Loans: the credit line through its borrower 国林 (宁波), the programme by its own park.
    EXPECT_EQ(ids_where(ds, ds.loans(), q::in_park(ningbo)), (Ids{1, 2}));
    // The storage facility is in 北京亦庄生物医药园, a sub-park of 北京经开区.
    EXPECT_EQ(ids_where(ds, ds.waste_facilities(), q::in_park(beijing_etdz)), Ids{1});
    EXPECT_EQ(ids_where(ds, ds.waste_facilities(), q::in_park(beijing_etdz, false)), Ids{});
    // Statistics: 重庆 has 6 figures (ids 101-106).
    EXPECT_EQ(ids_where(ds, ds.statistics(), q::in_park(chongqing)), (Ids{101, 102, 103, 104, 105, 106}));
}

TEST(QueryFilter, InParkWalksSeveralLevelsAndLargeIds) {
    // zone 1 > sub-park 2 > sub-sub-park 3; a zone with a huge id (the sparse set) and its sub-park.
    const std::uint64_t big = std::uint64_t{1} << 40;
    Batch b;
    b.parks = {named(make_park(1), "甲区"), named(make_park(2, 1), "甲区一园"),
               named(make_park(3, 2), "甲区一园东片"), named(make_park(big), "乙区"),
               named(make_park(big + 1, big), "乙区一园")};
    b.projects = {make_project(1, 1), make_project(2, 2), make_project(3, 3), make_project(4, big),
                  make_project(5, big + 1)};
    Dataset ds;
    ds.insert(std::move(b));
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_park(ParkId{1})), (Ids{1, 2, 3}));
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_park(ParkId{1}, false)), Ids{1});
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_park(ParkId{2})), (Ids{2, 3}));
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_park(ParkId{3})), Ids{3});
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_park(ParkId{big})), (Ids{4, 5}));
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_park(ParkId{big}, false)), Ids{4});
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_park(ParkId{big + 1})), Ids{5});
}

/// Industries A > A1 > A1x and B; projects: 1 [A1x], 2 [A], 3 [B], 4 [B, A1], 5 [].
Dataset industry_dataset() {
    Batch b;
    b.parks = {named(make_park(1), "园区")};
    b.industries = {make_industry(1, "测试分类", "A"), make_industry(2, "测试分类", "A1", 1),
                    make_industry(3, "测试分类", "A1x", 2), make_industry(4, "测试分类", "B")};
    b.projects = {make_project(1, 1), make_project(2, 1), make_project(3, 1), make_project(4, 1), make_project(5, 1)};
    b.projects[0].industries = {IndustryId{3}};
    b.projects[1].industries = {IndustryId{1}};
    b.projects[2].industries = {IndustryId{4}};
    b.projects[3].industries = {IndustryId{4}, IndustryId{2}};
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

TEST(QueryFilter, InIndustryWithDescendants) {
    const Dataset ds = industry_dataset();
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_industry(IndustryId{1})), (Ids{1, 2, 4}));  // A, A1, A1x
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_industry(IndustryId{2})), (Ids{1, 4}));     // A1, A1x
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_industry(IndustryId{3})), Ids{1});
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_industry(IndustryId{4})), (Ids{3, 4}));  // any listed industry
    // The sample's projects carry no industries.
    EXPECT_EQ(projects_where(q::in_industry(IndustryId{1})), Ids{});
}

TEST(QueryFilter, StageAsOf) {
    // 上半年 signings (1 2 3) are known from 30 June; 卓力达 (40, 一季度) from 31 March; the
    // operators (50-54) signed on 28 July; 开工 in 7月 (4, 22) counts from 31 July.
    EXPECT_EQ(projects_where(q::stage_as_of(Stage::contracted, make_date(2020, 6, 29))), Ids{40});
    EXPECT_EQ(projects_where(q::stage_as_of(Stage::contracted, make_date(2020, 6, 30))), (Ids{1, 2, 3, 40}));
    EXPECT_EQ(projects_where(q::stage_as_of(Stage::contracted, make_date(2020, 7, 28))),
              (Ids{1, 2, 3, 40, 50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(q::stage_as_of(Stage::started, make_date(2020, 7, 30))), Ids{});
    EXPECT_EQ(projects_where(q::stage_as_of(Stage::started, make_date(2020, 7, 31))), (Ids{4, 22}));
    EXPECT_EQ(projects_where(q::stage_as_of(Stage::completed, make_date(2020, 7, 31))), Ids{21});
    EXPECT_EQ(projects_where(q::stage_as_of(Stage::contracted, make_date(2020, 3, 30))), Ids{});
}

TEST(QueryFilter, Reached) {
    // reached(签约) counts everything at or past 签约 on the main path: 开工 4 22, 竣工 21.
    EXPECT_EQ(projects_where(q::reached(Stage::contracted, make_date(2020, 7, 30))),
              (Ids{1, 2, 3, 40, 50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(q::reached(Stage::contracted, make_date(2020, 7, 31))),
              (Ids{1, 2, 3, 4, 21, 22, 40, 50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(q::reached(Stage::started, make_date(2020, 7, 31))), (Ids{4, 21, 22}));
    EXPECT_EQ(projects_where(q::reached(Stage::completed, make_date(2020, 7, 31))), Ids{21});
    EXPECT_EQ(projects_where(q::reached(Stage::in_production, make_date(2020, 12, 31))), Ids{});
    EXPECT_EQ(projects_where(q::reached(Stage::suspended, make_date(2020, 12, 31))), Ids{});
}

TEST(QueryFilter, EnteredNeedsTheWholeEventDateInsideThePeriod) {
    // half-year precision events (1 2 3) and a quarter (40) lie in 2020年上半年.
    EXPECT_EQ(projects_where(q::entered(Stage::contracted, Period::half_year(2020, 1))), (Ids{1, 2, 3, 40}));
    // Only the quarter lies in 一季度; the half-year dates do not.
    EXPECT_EQ(projects_where(q::entered(Stage::contracted, Period::quarter(2020, 1))), Ids{40});
    EXPECT_EQ(projects_where(q::entered(Stage::contracted, Period::quarter(2020, 2))), Ids{});
    // Day precision: 28 July.
    EXPECT_EQ(projects_where(q::entered(Stage::contracted, Period::month(2020, 7))), (Ids{50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(q::entered(Stage::contracted, Period::range(make_date(2020, 7, 28), make_date(2020, 7, 28)))),
              (Ids{50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(q::entered(Stage::contracted, Period::range(make_date(2020, 7, 1), make_date(2020, 7, 27)))),
              Ids{});
    // Month precision: 开工 2020年7月 is inside July and Q3, not inside 1-30 July.
    EXPECT_EQ(projects_where(q::entered(Stage::started, Period::month(2020, 7))), (Ids{4, 22}));
    EXPECT_EQ(projects_where(q::entered(Stage::started, Period::quarter(2020, 3))), (Ids{4, 22}));
    EXPECT_EQ(projects_where(q::entered(Stage::started, Period::range(make_date(2020, 7, 1), make_date(2020, 7, 30)))),
              Ids{});
    EXPECT_EQ(projects_where(q::entered(Stage::contracted, Period::year(2020))), (Ids{1, 2, 3, 40, 50, 51, 52, 53, 54}));
    // 竣工 of 21 is not a 开工 event.
    EXPECT_EQ(projects_where(q::entered(Stage::started, Period::year(2020))), (Ids{4, 22}));
}

TEST(QueryFilter, AmountThresholdsOnTheSample) {
    // planned: 4 = 200亿 exact, 21 = 约2亿, 22 = 近3.26亿 (approximations count as their value).
    EXPECT_EQ(projects_where(q::amount_at_least(&Project::planned_investment, yuan("3亿"))), (Ids{4, 22}));
    EXPECT_EQ(projects_where(q::amount_at_least(&Project::planned_investment, yuan("3.26亿"))), (Ids{4, 22}));
    EXPECT_EQ(projects_where(q::amount_at_least(&Project::planned_investment, yuan("3.2600001亿"))), Ids{4});
    EXPECT_EQ(projects_where(q::amount_below(&Project::planned_investment, yuan("3亿"))), Ids{21});
    EXPECT_EQ(projects_where(q::amount_below(&Project::planned_investment, yuan("3.26亿"))), Ids{21});
    EXPECT_EQ(projects_where(q::amount_below(&Project::planned_investment, yuan("200亿"))), (Ids{21, 22}));
    EXPECT_EQ(projects_where(q::amount_below(&Project::planned_investment, yuan("200.0001亿"))), (Ids{4, 21, 22}));
    // contract: only 3 = 10亿元以上. A lower bound proves ">= 10亿" (and ">= 1亿") but never "< x".
    EXPECT_EQ(projects_where(q::amount_at_least(&Project::contract_investment, yuan("10亿"))), Ids{3});
    EXPECT_EQ(projects_where(q::amount_at_least(&Project::contract_investment, yuan("1亿"))), Ids{3});
    EXPECT_EQ(projects_where(q::amount_at_least(&Project::contract_investment, yuan("11亿"))), Ids{});
    EXPECT_EQ(projects_where(q::amount_below(&Project::contract_investment, yuan("100亿"))), Ids{});
    // Records without the amount match neither.
    EXPECT_EQ(projects_where(q::amount_below(&Project::funds_in_place, yuan("1000亿"))), Ids{});
    // Loans: 1亿 and 10亿 commitments (a ReportedAmount member, not optional).
    const Dataset& ds = sample();
    EXPECT_EQ(ids_where(ds, ds.loans(), q::amount_at_least(&Loan::commitment, yuan("5亿"))), Ids{2});
    EXPECT_EQ(ids_where(ds, ds.loans(), q::amount_below(&Loan::commitment, yuan("5亿"))), Ids{1});
    // The facility: 80万.
    EXPECT_EQ(ids_where(ds, ds.waste_facilities(), q::amount_at_least(&WasteFacility::investment, yuan("80万"))), Ids{1});
    EXPECT_EQ(ids_where(ds, ds.waste_facilities(), q::amount_below(&WasteFacility::investment, yuan("80万"))), Ids{});
}

/// One project per Bound kind, all of 5亿 CNY (ids 1-7 in enum order), and 8 = 5亿 USD exact.
Dataset bounds_dataset() {
    Batch b;
    b.parks = {named(make_park(1), "园区")};
    const Bound kinds[] = {Bound::exact, Bound::at_least, Bound::more_than, Bound::about,
                           Bound::nearly, Bound::at_most, Bound::less_than};
    for (std::uint64_t i = 0; i < 7; ++i) {
        Project p = make_project(i + 1, 1);
        p.contract_investment = amount(yuan("5亿"), kinds[i]);
        b.projects.push_back(p);
    }
    Project usd = make_project(8, 1);
    usd.contract_investment = amount(Money::parse("5亿", Currency::USD));
    b.projects.push_back(usd);
    b.projects.push_back(make_project(9, 1));  // no amount
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

TEST(QueryFilter, ThresholdsDecideBoundedAmountsOnlyWhereTheBoundDecides) {
    const Dataset ds = bounds_dataset();
    const auto at_least = [&](std::string_view t) {
        return ids_where(ds, ds.projects(), q::amount_at_least(&Project::contract_investment, yuan(t)));
    };
    const auto below = [&](std::string_view t) {
        return ids_where(ds, ds.projects(), q::amount_below(&Project::contract_investment, yuan(t)));
    };
    // ">= t": exact/约/近 when 5亿 >= t; 以上 and 超过 when 5亿 >= t (true value >= 5亿);
    // 以下 / 不足 never (an upper bound proves nothing about ">=").
    EXPECT_EQ(at_least("4亿"), (Ids{1, 2, 3, 4, 5}));
    EXPECT_EQ(at_least("5亿"), (Ids{1, 2, 3, 4, 5}));
    EXPECT_EQ(at_least("5.0001亿"), Ids{});
    EXPECT_EQ(at_least("0"), (Ids{1, 2, 3, 4, 5}));
    // "< t": exact/约/近 when 5亿 < t; 以下 (<= 5亿) when 5亿 < t; 不足 (< 5亿) when 5亿 <= t;
    // 以上 / 超过 never.
    EXPECT_EQ(below("4亿"), Ids{});
    EXPECT_EQ(below("5亿"), Ids{7});
    EXPECT_EQ(below("5.0001亿"), (Ids{1, 4, 5, 6, 7}));
    EXPECT_EQ(below("1000亿"), (Ids{1, 4, 5, 6, 7}));
    // A USD amount is decided by neither a CNY threshold ...
    EXPECT_EQ(at_least("1"), (Ids{1, 2, 3, 4, 5}));
    // ... but by a USD one.
    EXPECT_EQ(ids_where(ds, ds.projects(),
                        q::amount_at_least(&Project::contract_investment, Money::from_units(0, Currency::USD))),
              Ids{8});
    EXPECT_EQ(ids_where(ds, ds.projects(),
                        q::amount_below(&Project::contract_investment, Money::of(600'000'000, Currency::USD))),
              Ids{8});
}

TEST(QueryFilter, InCurrency) {
    const Dataset ds = bounds_dataset();
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_currency(&Project::contract_investment, Currency::CNY)),
              (Ids{1, 2, 3, 4, 5, 6, 7}));
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_currency(&Project::contract_investment, Currency::USD)), Ids{8});
    EXPECT_EQ(ids_where(ds, ds.projects(), q::in_currency(&Project::contract_investment, Currency::EUR)), Ids{});
    EXPECT_EQ(projects_where(q::in_currency(&Project::planned_investment, Currency::CNY)), (Ids{4, 21, 22}));
    EXPECT_EQ(ids_where(sample(), sample().loans(), q::in_currency(&Loan::commitment, Currency::CNY)), (Ids{1, 2}));
    EXPECT_EQ(ids_where(sample(), sample().loans(), q::in_currency(&Loan::commitment, Currency::USD)), Ids{});
}

TEST(QueryFilter, WithinForStatistics) {
    const Dataset& ds = sample();
    const auto n = [&](Period p) { return ids_where(ds, ds.statistics(), q::within(p)).size(); };
    // 上半年 / 1-6月: 重庆 102 103, 科学城 701 702, 益阳 1101 1102 1103 (1-6月), 宁波 the 1-6月 loans,
    // 南通 the 2020年5月 表彰 event: 9.
    EXPECT_EQ(n(Period::half_year(2020, 1)), 9u);
    EXPECT_EQ(ids_where(ds, ds.statistics(), q::within(Period::half_year(2020, 1))),
              (Ids{102, 103, 701, 702, 201, 202, 203, 309, 503}));
    // 7月: everything else except the 2018 改制 and the 2019-04-30 试点: 49 - 9 - 2 = 38.
    EXPECT_EQ(n(Period::month(2020, 7)), 38u);
    EXPECT_EQ(n(Period::year(2020)), 47u);
    EXPECT_EQ(n(Period::year(2018)), 1u);
    // The 截至7月6日 stock lies within 1-6 July; the 1-6月 flows do not lie within 6月.
    EXPECT_EQ(ids_where(ds, ds.statistics(), q::within(Period::range(make_date(2020, 7, 1), make_date(2020, 7, 6)))),
              Ids{213});
    EXPECT_EQ(n(Period::month(2020, 6)), 0u);
}

TEST(QueryFilter, StartedWithinForLoans) {
    const Dataset& ds = sample();
    // 1: the credit line 近日 = 2020年7月 (month precision); 2: the programme on 24 July.
    EXPECT_EQ(ids_where(ds, ds.loans(), q::started_within(Period::month(2020, 7))), (Ids{1, 2}));
    EXPECT_EQ(ids_where(ds, ds.loans(), q::started_within(Period::range(make_date(2020, 7, 1), make_date(2020, 7, 30)))),
              Ids{2});
    EXPECT_EQ(ids_where(ds, ds.loans(), q::started_within(Period::half_year(2020, 1))), Ids{});
    EXPECT_EQ(ids_where(ds, ds.loans(), q::started_within(Period::year(2020))), (Ids{1, 2}));
}

TEST(QueryFilter, MatchingAndCombinations) {
    const auto qingxi = q::matching([](const Project& p) { return p.name.zh.find("智慧清溪") != std::string::npos; });
    EXPECT_EQ(projects_where(qingxi), (Ids{20, 21, 22}));
    const auto h1 = q::entered(Stage::contracted, Period::half_year(2020, 1));
    EXPECT_EQ(projects_where(q::in_park(chongqing) && h1), (Ids{1, 2, 3}));
    EXPECT_EQ(projects_where(q::in_park(nantong) || q::in_park(yantai)), (Ids{40, 50, 51, 52, 53, 54}));
    // 21 projects - 8 in 重庆 = 13.
    EXPECT_EQ(projects_where(!q::in_park(chongqing)),
              (Ids{20, 21, 22, 30, 31, 32, 33, 40, 50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(!(q::in_park(chongqing) || q::in_park(yiyang)) && !h1), (Ids{50, 51, 52, 53, 54}));
    EXPECT_EQ(projects_where(qingxi && !q::reached(Stage::started, make_date(2020, 7, 31))), Ids{20});
    // where() twice is "and".
    const Table t = q::from(sample(), sample().projects()).where(q::in_park(chongqing)).where(h1).aggregate(q::count());
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(as_int(t.at(0, 0)), 3);
}

// ==================================================================== group keys

TEST(QueryKey, ByParkByZoneByParentParkOnTheSample) {
    const Dataset& ds = sample();
    // Projects: 重庆 8, 益阳 7, 南通 1, 中日韩 park 5 (ids 1 2 3 9: key order is the park id).
    Table t = q::from(ds, ds.projects()).group_by(q::by_park()).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"重庆高新区", "益阳高新区", "南通高新区", "中日韩文化创意产业园"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"8", "7", "1", "5"}));
    EXPECT_EQ(txt(t, 3, 0, Language::english), "China-Japan-Korea Cultural and Creative Industry Park");
    // by_zone puts the operators under 烟台高新区 (id 4).
    t = q::from(ds, ds.projects()).group_by(q::by_zone()).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"重庆高新区", "益阳高新区", "南通高新区", "烟台高新区"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"8", "7", "1", "5"}));
    EXPECT_EQ(t.columns()[0].name_zh, "园区(含下属园区)");
    EXPECT_EQ(t.columns()[0].name_en, "zone");

    // Enterprises: 重庆 8, 益阳 7, 南通 3, 宁波 2, 东部产业园 1 (208), 亦庄生物医药园 1 (601), and last
    // (BoundKey: records without a value sort last) 4 without a park (109 110 209 401). A park
    // without an English name keeps its Chinese name in English.
    t = q::from(ds, ds.enterprises()).group_by(q::by_park()).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"重庆高新区", "益阳高新区", "南通高新区", "宁波高新区",
                                                            "益阳高新区东部产业园", "北京亦庄生物医药园", "(无)"}));
    EXPECT_EQ(column_text(t, 0, Language::english).at(6), "(none)");
    EXPECT_EQ(column_text(t, 0, Language::english).at(4), "益阳高新区东部产业园");
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"8", "7", "3", "2", "1", "1", "4"}));
    t = q::from(ds, ds.enterprises()).group_by(q::by_parent_park()).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"重庆高新区", "益阳高新区", "南通高新区", "宁波高新区",
                                                            "北京经济技术开发区", "(无)"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"8", "8", "3", "2", "1", "4"}));
    EXPECT_EQ(t.columns()[0].name_en, "parent park");
}

TEST(QueryKey, ByZoneAndByParentParkDifferTwoLevelsDown) {
    Batch b;
    b.parks = {named(make_park(1), "甲区", "Zone A"), named(make_park(2, 1), "甲区一园"),
               named(make_park(3, 2), "甲区一园东片")};
    b.projects = {make_project(1, 3), make_project(2, 2), make_project(3, 1), make_project(4, 3)};
    Dataset ds;
    ds.insert(std::move(b));
    Table t = q::from(ds, ds.projects()).group_by(q::by_zone()).aggregate(q::count());
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(txt(t, 0, 0, Language::english), "Zone A");
    EXPECT_EQ(as_int(t.at(0, 1)), 4);
    // The parent of 东片 (3) is 一园 (2); 一园's parent is 甲区; 甲区 is its own.
    t = q::from(ds, ds.projects()).group_by(q::by_parent_park()).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"甲区", "甲区一园"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"2", "2"}));  // 甲区: 2 3; 一园: 1 4
    t = q::from(ds, ds.projects()).group_by(q::by_park()).aggregate(q::count());
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"1", "1", "2"}));
}

TEST(QueryKey, ByStage) {
    const Dataset& ds = sample();
    // As of 31 July: 签约 9 (1 2 3 40 50-54), 开工 2 (4 22), 竣工 1 (21), no stage 9.
    const Table t = q::from(ds, ds.projects()).group_by(q::by_stage(make_date(2020, 7, 31))).aggregate(q::count());
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(column_text(t, 0).at(0), "签约");
    EXPECT_EQ(column_text(t, 0, Language::english).at(0), "signed");
    EXPECT_EQ(column_text(t, 0, Language::english).at(2), "completed");
    EXPECT_EQ(column_text(t, 0).at(1), "开工");
    EXPECT_EQ(column_text(t, 0).at(2), "竣工");
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"9", "2", "1", "9"}));
    // As of 30 June: 签约 4 (1 2 3 40), nothing else yet: 17 without a stage.
    const Table june = q::from(ds, ds.projects()).group_by(q::by_stage(make_date(2020, 6, 30))).aggregate(q::count());
    EXPECT_EQ(column_text(june, 1), (std::vector<std::string>{"4", "17"}));
}

TEST(QueryKey, ByStageLabelsProjectsWithoutAStageAsDocumented) {
    // query.hpp: projects with no stage yet are labelled "(无)" / "(none)" and sort last.
    const Dataset& ds = sample();
    const Table t = q::from(ds, ds.projects()).group_by(q::by_stage(make_date(2020, 7, 31))).aggregate(q::count());
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(txt(t, 3, 0), "(无)");
    EXPECT_EQ(txt(t, 3, 0, Language::english), "(none)");
}

TEST(QueryKey, ByIndustryAtEachDepth) {
    const Dataset ds = industry_dataset();
    // depth 0: 1 [A1x] -> A, 2 [A] -> A, 3 [B] -> B, 4 [B, A1] -> B (the first industry), 5 none.
    Table t = q::from(ds, ds.projects()).group_by(q::by_industry()).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"产业A", "产业B", "(无)"}));
    EXPECT_EQ(column_text(t, 0, Language::english), (std::vector<std::string>{"industry A", "industry B", "(none)"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"2", "2", "1"}));
    // depth 1: 1 -> A1, 2 -> A (a root stays itself), 3 -> B, 4 -> B.
    t = q::from(ds, ds.projects()).group_by(q::by_industry(1)).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"产业A", "产业A1", "产业B", "(无)"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"1", "1", "2", "1"}));
    // depth 2 and deeper: 1 -> A1x.
    for (int depth : {2, 5}) {
        t = q::from(ds, ds.projects()).group_by(q::by_industry(depth)).aggregate(q::count());
        EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"产业A", "产业A1x", "产业B", "(无)"})) << depth;
        EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"1", "1", "2", "1"})) << depth;
    }
    t = q::from(ds, ds.projects()).group_by(q::by_industry(-3)).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"产业A", "产业B", "(无)"}));
}

TEST(QueryKey, ByAmountBandOnTheSample) {
    const Dataset& ds = sample();
    // planned, bands [0,1亿) [1亿,100亿) [100亿,∞): 200亿 -> top band, 约2亿 and 近3.26亿 -> middle.
    Table t = q::from(ds, ds.projects())
                  .group_by(q::by_amount_band(&Project::planned_investment, {yuan("100亿"), yuan("1亿")}))
                  .aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"1亿元至100亿元", "100亿元以上", "(无)"}));
    EXPECT_EQ(column_text(t, 0, Language::english),
              (std::vector<std::string>{"100 million yuan to under 10 billion yuan", "10 billion yuan and over", "(none)"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"2", "1", "18"}));
    // contract: 10亿元以上 is >= 1亿 but not decided against 100亿: undetermined.
    t = q::from(ds, ds.projects())
            .group_by(q::by_amount_band(&Project::contract_investment, {yuan("1亿"), yuan("100亿")}))
            .aggregate(q::count());
    // "undetermined" sorts after every band, before the records without the amount.
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"无法确定", "(无)"}));
    EXPECT_EQ(column_text(t, 0, Language::english).at(0), "undetermined");
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"1", "20"}));
    // ... but it is decided against 1亿 and 10亿 alone: the top band.
    t = q::from(ds, ds.projects())
            .where(q::amount_at_least(&Project::contract_investment, yuan("0")))
            .group_by(q::by_amount_band(&Project::contract_investment, {yuan("1亿"), yuan("10亿")}))
            .aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), std::vector<std::string>{"10亿元以上"});
    // The lowest band and no thresholds.
    t = q::from(ds, ds.waste_facilities())
            .group_by(q::by_amount_band(&WasteFacility::investment, {yuan("100万")}))
            .aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), std::vector<std::string>{"不足100万元"});
    EXPECT_EQ(column_text(t, 0, Language::english), std::vector<std::string>{"under 1 million yuan"});
    t = q::from(ds, ds.loans()).group_by(q::by_amount_band(&Loan::commitment, {})).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), std::vector<std::string>{"全部"});
    EXPECT_EQ(column_text(t, 0, Language::english), std::vector<std::string>{"all"});
    EXPECT_EQ(column_text(t, 1), std::vector<std::string>{"2"});
}

TEST(QueryKey, ByAmountBandWithEveryBoundKind) {
    const Dataset ds = bounds_dataset();
    // Thresholds 5亿, 6亿: bands 0 = [0,5亿), 1 = [5亿,6亿), 2 = [6亿,∞).
    //  exact/约/近 5亿: >= 5亿, < 6亿 -> band 1 (3 projects)
    //  以上/超过 5亿: >= 5亿, 6亿 undecided -> undetermined (2)
    //  以下 5亿 (<= 5亿): 5亿 < 5亿 fails -> undetermined; 不足 5亿 (< 5亿) -> band 0
    //  USD: decided by no CNY threshold -> undetermined; 9: no amount.
    const Table t = q::from(ds, ds.projects())
                        .group_by(q::by_amount_band(&Project::contract_investment, {yuan("5亿"), yuan("6亿")}))
                        .aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"不足5亿元", "5亿元至6亿元", "无法确定", "(无)"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"1", "3", "4", "1"}));
    // With 4亿 and 5.5亿: 以上/超过 go past 4亿 and stop undecided at 5.5亿; 以下/不足 are < 5.5亿 but
    // not decided against 4亿.
    const Table u = q::from(ds, ds.projects())
                        .where(q::in_currency(&Project::contract_investment, Currency::CNY))
                        .group_by(q::by_amount_band(&Project::contract_investment, {yuan("4亿"), yuan("5.5亿")}))
                        .aggregate(q::count());
    EXPECT_EQ(column_text(u, 0), (std::vector<std::string>{"4亿元至5.5亿元", "无法确定"}));
    EXPECT_EQ(column_text(u, 1), (std::vector<std::string>{"3", "4"}));
}

TEST(QueryKey, ByPeriodForEachBucket) {
    const Dataset& ds = sample();
    const auto rows = [&](Bucket b) {
        const Table t = q::from(ds, ds.projects()).group_by(q::by_period(Stage::contracted, b)).aggregate(q::count());
        std::vector<std::string> out;
        for (std::size_t r = 0; r < t.size(); ++r)
            out.push_back(txt(t, r, 0) + "|" + txt(t, r, 0, Language::english) + "=" + txt(t, r, 1));
        return out;
    };
    // 12 projects without a 签约 event. 上半年 dates (1 2 3), 一季度 (40), 28 July (50-54).
    EXPECT_EQ(rows(Bucket::year), (std::vector<std::string>{"2020年|2020=9", "(无)|(none)=12"}));
    EXPECT_EQ(rows(Bucket::half_year),
              (std::vector<std::string>{"2020年上半年|H1 2020=4", "2020年下半年|H2 2020=5", "(无)|(none)=12"}));
    // The half-year dates fit no quarter; the quarter fits no month.
    EXPECT_EQ(rows(Bucket::quarter),
              (std::vector<std::string>{"2020年第一季度|Q1 2020=1", "2020年第三季度|Q3 2020=5", "(无)|(none)=15"}));
    EXPECT_EQ(rows(Bucket::month), (std::vector<std::string>{"2020年7月|July 2020=5", "(无)|(none)=16"}));
    // 开工 by month: 2020年7月 (4, 22).
    const Table s = q::from(ds, ds.projects())
                        .where(q::reached(Stage::started, make_date(2020, 12, 31)))
                        .group_by(q::by_period(Stage::started, Bucket::month))
                        .aggregate(q::count());
    EXPECT_EQ(column_text(s, 0), (std::vector<std::string>{"2020年7月", "(无)"}));  // 21 only 竣工
    EXPECT_EQ(column_text(s, 1), (std::vector<std::string>{"2", "1"}));
}

TEST(QueryKey, ByPeriodOrdersAcrossYears) {
    Batch b;
    b.parks = {named(make_park(1), "园区")};
    const ReportedDate dates[] = {ReportedDate::day(2021, 1, 5), ReportedDate::month(2019, 12), ReportedDate::day(2020, 4, 1),
                                  ReportedDate::day(2019, 12, 31)};
    for (std::uint64_t i = 0; i < 4; ++i) {
        Project p = make_project(i + 1, 1);
        p.stages = {test::event(Stage::contracted, dates[i])};
        b.projects.push_back(p);
    }
    Dataset ds;
    ds.insert(std::move(b));
    const Table t = q::from(ds, ds.projects()).group_by(q::by_period(Stage::contracted, Bucket::quarter)).aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"2019年第四季度", "2020年第二季度", "2021年第一季度"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"2", "1", "1"}));
}

TEST(QueryKey, ByLenderByWasteCategoryAndBy) {
    const Dataset& ds = sample();
    // Bank 1: 鄞州银行 高新支行 (no English name); bank 2: 国家开发银行 / China Development Bank.
    Table t = q::from(ds, ds.loans()).group_by(q::by_lender()).aggregate(q::count(), q::sum(&Loan::commitment));
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"鄞州银行高新支行", "国家开发银行"}));
    EXPECT_EQ(column_text(t, 0, Language::english), (std::vector<std::string>{"鄞州银行高新支行", "China Development Bank"}));
    EXPECT_EQ(column_text(t, 2), (std::vector<std::string>{"1亿元", "10亿元"}));
    EXPECT_EQ(t.columns()[0].name_zh, "贷款银行");

    // Facilities: the first category on the licence; none without a licence or categories.
    Batch b;
    b.parks = {named(make_park(1), "园区")};
    for (std::uint64_t i = 1; i <= 5; ++i) {
        WasteFacility w;
        w.id = WasteFacilityId{i};
        w.name.zh = "设施" + std::to_string(i);
        w.park = ParkId{1};
        if (i != 3) {
            WasteLicence l;
            l.number = "L" + std::to_string(i);
            if (i == 1) l.categories = {LicensedCategory{HwCategory(49), std::nullopt}, LicensedCategory{HwCategory(8), std::nullopt}};
            if (i == 2 || i == 5) l.categories = {LicensedCategory{HwCategory(8), std::nullopt}};
            w.licence = l;
        }
        b.waste_facilities.push_back(w);
    }
    Dataset wd;
    wd.insert(std::move(b));
    t = q::from(wd, wd.waste_facilities()).group_by(q::by_waste_category()).aggregate(q::count());
    // 1 -> HW49, 2 5 -> HW08, 3 (no licence) 4 (no categories) -> none.
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"HW08", "HW49", "(无)"}));
    EXPECT_EQ(column_text(t, 0, Language::english), (std::vector<std::string>{"HW08", "HW49", "(none)"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"2", "1", "2"}));

    // by(): groups in the order first seen; the label is the text in both languages.
    t = q::from(ds, ds.projects())
            .group_by(q::by("有无阶段", "has stage", [](const Project& p) { return p.stages.empty() ? "无" : "有"; }))
            .aggregate(q::count());
    // Stages: 1 2 3 4 21 22 40 50-54 = 12; none: 5 7 8 9 20 30-33 = 9. Project 1 comes first.
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"有", "无"}));
    EXPECT_EQ(column_text(t, 0, Language::english), (std::vector<std::string>{"有", "无"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"12", "9"}));
    EXPECT_EQ(t.columns()[0].name_zh, "有无阶段");
    EXPECT_EQ(t.columns()[0].name_en, "has stage");

    // A Label gives each language its own text; both languages identify the group, so one
    // Chinese text with two English texts is two groups.
    t = q::from(ds, ds.projects())
            .group_by(q::by("有无阶段", "has stage", [](const Project& p) {
                return p.stages.empty() ? q::Label{"无", "no"} : q::Label{"有", "yes"};
            }))
            .aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"有", "无"}));
    EXPECT_EQ(column_text(t, 0, Language::english), (std::vector<std::string>{"yes", "no"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"12", "9"}));
    EXPECT_EQ(t.to_csv(Language::english), "has stage,count\r\nyes,12\r\nno,9\r\n");
    t = q::from(ds, ds.projects())
            .group_by(q::by("组", "group", [](const Project& p) {
                return p.id.value() % 2 == 0 ? q::Label{"甲", "even"} : q::Label{"甲", "odd"};
            }))
            .aggregate(q::count());
    // Ids of the sample: 1-5 7-9 20-22 30-33 40 50-54 (21); even: 2 4 8 20 22 30 32 40 50 52 54 = 11.
    EXPECT_EQ(column_text(t, 0, Language::english), (std::vector<std::string>{"odd", "even"}));
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"甲", "甲"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"10", "11"}));
    // The two languages are kept apart: {"ab", "c"} and {"a", "bc"} are two groups.
    t = q::from(ds, ds.projects())
            .group_by(q::by("组", "group", [](const Project& p) {
                return p.id.value() % 2 == 0 ? q::Label{"ab", "c"} : q::Label{"a", "bc"};
            }))
            .aggregate(q::count());
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"a", "ab"}));
    EXPECT_EQ(column_text(t, 0, Language::english), (std::vector<std::string>{"bc", "c"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"10", "11"}));
}

TEST(QueryKey, TwoKeysGiveRowsInKeyOrder) {
    const Dataset& ds = sample();
    const Table t = q::from(ds, ds.projects())
                        .group_by(q::by_zone(), q::by_stage(make_date(2020, 7, 31)))
                        .aggregate(q::count());
    // 重庆: 签约 3, 开工 1 (4), none 4 (5 7 8 9); 益阳: 开工 1 (22), 竣工 1 (21), none 5 (20 30-33);
    // 南通: 签约 1; 烟台: 签约 5.
    std::vector<std::string> got;
    for (std::size_t r = 0; r < t.size(); ++r) got.push_back(txt(t, r, 0) + "/" + txt(t, r, 1, Language::english) + "=" + txt(t, r, 2));
    EXPECT_EQ(got, (std::vector<std::string>{"重庆高新区/signed=3", "重庆高新区/started=1", "重庆高新区/(none)=4",
                                             "益阳高新区/started=1", "益阳高新区/completed=1", "益阳高新区/(none)=5",
                                             "南通高新区/signed=1", "烟台高新区/signed=5"}));
    EXPECT_TRUE(t.columns()[0].is_key);
    EXPECT_TRUE(t.columns()[1].is_key);
    EXPECT_FALSE(t.columns()[2].is_key);
}

TEST(QueryKey, LargeParkIdsAreStillParks) {
    // Ids are any 64-bit value except 2^64 - 1, which the Dataset reserves: by_park uses the id as
    // the group code, and BoundKey::none is UINT64_MAX. 2^63 and 2^64 - 2 are ordinary parks.
    const std::uint64_t top = UINT64_MAX - 1;
    const std::uint64_t half = std::uint64_t{1} << 63;
    Batch b;
    b.parks = {named(make_park(1), "甲区"), named(make_park(half), "乙区"), named(make_park(top), "丙区")};
    b.projects = {make_project(1, 1), make_project(2, half), make_project(3, top)};
    Dataset ds;
    ds.insert(std::move(b));
    const Table t = q::from(ds, ds.projects()).group_by(q::by_park()).aggregate(q::count());
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"甲区", "乙区", "丙区"}));
    // The reserved value is refused with a reason.
    Batch reserved;
    reserved.parks = {named(make_park(UINT64_MAX), "丁区")};
    try {
        ds.insert(std::move(reserved));
        ADD_FAILURE() << "expected ValidationError";
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].field, "id");
        EXPECT_NE(e.problems()[0].reason.find("reserved"), std::string::npos);
    }
}

// ==================================================================== aggregates

TEST(QueryAggregate, CountShareOfCountDistinctCount) {
    const Dataset& ds = sample();
    const Table t = q::from(ds, ds.projects())
                        .group_by(q::by_park())
                        .aggregate(q::count(), q::share_of_count(), q::distinct_count([](const Project& p) {
                                       std::vector<std::uint64_t> ids;
                                       for (const Investor& i : p.investors) ids.push_back(i.enterprise.value());
                                       return ids;
                                   }));
    // 8/21, 7/21 = 1/3, 1/21, 5/21.
    EXPECT_EQ(as_percent(t.at(0, 2)), pct(8, 21));
    EXPECT_EQ(as_percent(t.at(1, 2)), pct(1, 3));
    EXPECT_EQ(as_percent(t.at(2, 2)), pct(1, 21));
    EXPECT_EQ(as_percent(t.at(3, 2)), pct(5, 21));
    EXPECT_EQ(column_text(t, 2), (std::vector<std::string>{"38.1%", "33.3%", "4.8%", "23.8%"}));  // 38.095, 4.76, 23.81
    // Investors: 重庆 {101 102 110 107 103 108 109} = 7 (102 twice); 益阳 {202..206} = 5 (202 four
    // times); 南通 {302}; operators {401}.
    EXPECT_EQ(column_text(t, 3), (std::vector<std::string>{"7", "5", "1", "1"}));
    EXPECT_EQ(t.columns()[2].name_en, "share of count");
    EXPECT_EQ(t.columns()[3].name_zh, "去重数量");
    // An integer-valued function, applied to every record: the enterprises' park ids, 0 for none.
    const Table e = q::from(ds, ds.enterprises()).aggregate(q::distinct_count([](const Enterprise& x) {
        return x.park ? x.park->value() : 0;
    }));
    // {1 2 3 5 8 10} and 0 = 7.
    EXPECT_EQ(as_int(e.at(0, 0)), 7);
}

TEST(QueryAggregate, SumShareMinMaxOnTheSample) {
    const Dataset& ds = sample();
    const Table t = q::from(ds, ds.projects())
                        .group_by(q::by_park())
                        .aggregate(q::sum(&Project::planned_investment), q::share(&Project::planned_investment),
                                   q::min(&Project::planned_investment), q::max(&Project::planned_investment));
    // 重庆: 200亿 exact. 益阳: 约2亿 + 近3.26亿 = 5.26亿, two approximations -> about.
    EXPECT_EQ(as_amount(t.at(0, 1)), (ReportedAmount{yuan("200亿"), Bound::exact, false}));
    EXPECT_EQ(as_amount(t.at(1, 1)), (ReportedAmount{yuan("5.26亿"), Bound::about, false}));
    EXPECT_TRUE(is_empty(t.at(2, 1)));
    EXPECT_TRUE(is_empty(t.at(3, 1)));
    // Shares of 205.26亿: 200/205.26 = 10000/10263, 5.26/205.26 = 263/10263 — approximate,
    // because 益阳's part is (bounds.hpp).
    EXPECT_EQ(t.at(0, 2), Cell{(q::ReportedPercent{pct(10000, 10263), Bound::about, false})});
    EXPECT_EQ(t.at(1, 2), Cell{(q::ReportedPercent{pct(263, 10263), Bound::about, false})});
    EXPECT_EQ(txt(t, 0, 2), "约97.4%");  // 97.437...
    EXPECT_EQ(txt(t, 1, 2), "约2.6%");   // 2.562...
    EXPECT_TRUE(is_empty(t.at(2, 2)));
    // Min and max keep the record's own bound.
    EXPECT_EQ(as_amount(t.at(1, 3)), (ReportedAmount{yuan("2亿"), Bound::about, false}));
    EXPECT_EQ(as_amount(t.at(1, 4)), (ReportedAmount{yuan("3.26亿"), Bound::nearly, false}));
    EXPECT_EQ(txt(t, 1, 3), "约2亿元");
    EXPECT_EQ(txt(t, 1, 4), "近3.26亿元");
    EXPECT_EQ(txt(t, 1, 4, Language::english), "nearly 326 million yuan");
    EXPECT_EQ(as_amount(t.at(0, 3)), as_amount(t.at(0, 4)));
    EXPECT_EQ((std::vector<std::string>{t.columns()[1].name_zh, t.columns()[2].name_zh, t.columns()[3].name_zh,
                                        t.columns()[4].name_zh}),
              (std::vector<std::string>{"金额合计", "金额占比", "最小值", "最大值"}));
    // The loans: 1亿 + 10亿 = 11亿.
    const Table l = q::from(ds, ds.loans()).aggregate(q::sum(&Loan::commitment), q::share(&Loan::commitment));
    EXPECT_EQ(txt(l, 0, 0), "11亿元");
    EXPECT_EQ(as_percent(l.at(0, 1)), pct(1, 1));
}

TEST(QueryAggregate, AverageRoundsToTheTenThousandthUnderEachMode) {
    // Groups (in units of 1/10,000 yuan): "a" = 1 + 2 = 3 / 2 = 1.5; "b" = 1 + 4 = 5 / 2 = 2.5;
    // "c" = 1 + 2 + 4 = 7 / 3 = 2.333...; "d" = 6 + 0 = 3 exactly.
    Batch batch;
    batch.parks = {named(make_park(1), "园区")};
    const std::pair<const char*, std::int64_t> items[] = {{"a", 1}, {"a", 2}, {"b", 1}, {"b", 4}, {"c", 1},
                                                          {"c", 2}, {"c", 4}, {"d", 6}, {"d", 0}};
    std::uint64_t id = 0;
    for (const auto& [g, u] : items) {
        Project p = named(make_project(++id, 1), g);
        p.contract_investment = amount(Money::from_units(u));
        batch.projects.push_back(p);
    }
    Dataset ds;
    ds.insert(std::move(batch));
    struct Case {
        RoundingMode mode;
        std::int64_t a, b, c;
    };
    const Case cases[] = {
        {RoundingMode::up, 2, 3, 3},        {RoundingMode::down, 1, 2, 2},      {RoundingMode::ceiling, 2, 3, 3},
        {RoundingMode::floor, 1, 2, 2},     {RoundingMode::half_up, 2, 3, 2},   {RoundingMode::half_down, 1, 2, 2},
        {RoundingMode::half_even, 2, 2, 2},
    };
    for (const Case& c : cases) {
        const Table t = q::from(ds, ds.projects())
                            .group_by(q::by("组", "group", [](const Project& p) { return p.name.zh; }))
                            .aggregate(q::average(&Project::contract_investment, c.mode));
        ASSERT_EQ(t.size(), 4u);
        EXPECT_EQ(as_amount(t.at(0, 1)).value, Money::from_units(c.a)) << to_string(c.mode);
        EXPECT_EQ(as_amount(t.at(1, 1)).value, Money::from_units(c.b)) << to_string(c.mode);
        EXPECT_EQ(as_amount(t.at(2, 1)).value, Money::from_units(c.c)) << to_string(c.mode);
        EXPECT_EQ(as_amount(t.at(3, 1)).value, Money::from_units(3)) << to_string(c.mode);
        EXPECT_EQ(t.columns()[1].name_zh, "平均值");
    }
    // unnecessary: an inexact average throws.
    EXPECT_THROW((void)q::from(ds, ds.projects())
                     .group_by(q::by("组", "group", [](const Project& p) { return p.name.zh; }))
                     .aggregate(q::average(&Project::contract_investment, RoundingMode::unnecessary)),
                 InexactRoundingError);
    // The default mode of the struct is half_up; records without the amount do not count.
    const Table s = q::from(sample(), sample().projects()).aggregate(q::average(&Project::planned_investment, RoundingMode::half_up));
    // (200亿 + 2亿 + 3.26亿) / 3 = 205.26亿 / 3 = 68.42亿, about.
    EXPECT_EQ(as_amount(s.at(0, 0)), (ReportedAmount{yuan("68.42亿"), Bound::about, false}));
}

TEST(QueryAggregate, QuantitySum) {
    const Dataset& ds = sample();
    Table t = q::from(ds, ds.waste_facilities())
                  .group_by(q::by_zone())
                  .aggregate(q::quantity_sum{&WasteFacility::max_annual_throughput}, q::quantity_sum{&WasteFacility::floor_area});
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(txt(t, 0, 0), "北京经济技术开发区");
    EXPECT_EQ(txt(t, 0, 1), "291吨/年");
    EXPECT_EQ(txt(t, 0, 1, Language::english), "291 t/a");
    EXPECT_EQ(txt(t, 0, 2), "103.77平方米");
    EXPECT_EQ(txt(t, 0, 2, Language::english), "103.77 m²");
    EXPECT_EQ(t.columns()[1].name_zh, "合计");
    // Two facilities: 100 + 250 = 350 t/a; 0.6 + 0.5 km² = 1.1 km² (printed in km² from 1 km²);
    // storage 3 t + 4 t = 7 t; a facility without the quantity is skipped.
    Batch b;
    b.parks = {named(make_park(1), "园区")};
    for (std::uint64_t i = 1; i <= 3; ++i) {
        WasteFacility w;
        w.id = WasteFacilityId{i};
        w.name.zh = "设施" + std::to_string(i);
        w.park = ParkId{1};
        if (i < 3) {
            w.max_annual_throughput = AnnualThroughput::of(i == 1 ? 100 : 250, AnnualThroughputKind::Unit::tonne_per_year);
            w.floor_area = Area::of(i == 1 ? 600000 : 500000, AreaKind::Unit::square_metre);
            w.storage_capacity = Mass::of(i == 1 ? 3 : 4, MassKind::Unit::tonne);
        }
        b.waste_facilities.push_back(w);
    }
    Dataset wd;
    wd.insert(std::move(b));
    t = q::from(wd, wd.waste_facilities())
            .aggregate(q::quantity_sum{&WasteFacility::max_annual_throughput}, q::quantity_sum{&WasteFacility::floor_area},
                       q::quantity_sum{&WasteFacility::storage_capacity});
    EXPECT_EQ(txt(t, 0, 0), "350吨/年");
    EXPECT_EQ(txt(t, 0, 1, Language::english), "1.1 km²");
    EXPECT_EQ(txt(t, 0, 2), "7吨");
    EXPECT_EQ(txt(t, 0, 2, Language::english), "7 t");
    // No facility has it: empty.
    t = q::from(wd, wd.waste_facilities()).where(q::matching([](const WasteFacility& w) { return w.id.value() == 3; }))
            .aggregate(q::quantity_sum{&WasteFacility::floor_area});
    EXPECT_TRUE(is_empty(t.at(0, 0)));
}

/// Two banks, loans with snapshots: 1 (bank 1, park 1): 30 June 100万, 31 July 80万;
/// 2 (bank 1, park 2): 31 July 50万, 31 August 0; 3 (bank 2, park 1): 31 August 200万;
/// 4 (bank 2, park 2): no snapshot.
Dataset loan_dataset() {
    Batch b;
    b.parks = {named(make_park(1), "甲区"), named(make_park(2), "乙区")};
    b.banks = {named(make_bank(1, "一支行"), "甲银行"), named(make_bank(2, ""), "乙银行")};
    const auto loan = [](std::uint64_t id, std::uint64_t bank, std::uint64_t park) {
        Loan l;
        l.id = LoanId{id};
        l.lender = BankId{bank};
        l.park = ParkId{park};
        l.commitment = amount(yuan("300万"));
        return l;
    };
    Loan l1 = loan(1, 1, 1);
    l1.snapshots = {test::snapshot(make_date(2020, 6, 30), yuan("100万")), test::snapshot(make_date(2020, 7, 31), yuan("80万"))};
    Loan l2 = loan(2, 1, 2);
    l2.snapshots = {test::snapshot(make_date(2020, 7, 31), yuan("50万")), test::snapshot(make_date(2020, 8, 31), yuan("0"))};
    Loan l3 = loan(3, 2, 1);
    l3.snapshots = {test::snapshot(make_date(2020, 8, 31), yuan("200万"))};
    Loan l4 = loan(4, 2, 2);
    b.loans = {l1, l2, l3, l4};
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

TEST(QueryAggregate, OutstandingAsOfUsesTheLastSnapshotOnOrBeforeTheDay) {
    const Dataset ds = loan_dataset();
    const auto by_lender = [&](Date d) {
        const Table t = q::from(ds, ds.loans()).group_by(q::by_lender()).aggregate(q::outstanding_as_of(d));
        std::vector<std::string> out;
        for (std::size_t r = 0; r < t.size(); ++r) out.push_back(txt(t, r, 0) + "=" + txt(t, r, 1));
        return out;
    };
    // 29 June: nothing yet. 30 June: 1 = 100万. 30 July: 1 = 100万 still.
    EXPECT_EQ(by_lender(make_date(2020, 6, 29)), (std::vector<std::string>{"甲银行一支行=", "乙银行="}));
    EXPECT_EQ(by_lender(make_date(2020, 6, 30)), (std::vector<std::string>{"甲银行一支行=100万元", "乙银行="}));
    EXPECT_EQ(by_lender(make_date(2020, 7, 30)), (std::vector<std::string>{"甲银行一支行=100万元", "乙银行="}));
    // 31 July: 80万 + 50万 = 130万. 31 August: 80万 + 0 = 80万; bank 2: 200万. Later: unchanged.
    EXPECT_EQ(by_lender(make_date(2020, 7, 31)), (std::vector<std::string>{"甲银行一支行=130万元", "乙银行="}));
    EXPECT_EQ(by_lender(make_date(2020, 8, 31)), (std::vector<std::string>{"甲银行一支行=80万元", "乙银行=200万元"}));
    EXPECT_EQ(by_lender(make_date(2030, 1, 1)), (std::vector<std::string>{"甲银行一支行=80万元", "乙银行=200万元"}));
    const Table t = q::from(ds, ds.loans())
                        .group_by(q::by_park())
                        .aggregate(q::outstanding_as_of(make_date(2020, 8, 31)), q::count());
    // 甲区: 80万 + 200万 = 280万 exact; 乙区: 0 (a zero balance is a value, not empty).
    EXPECT_EQ(as_amount(t.at(0, 1)), (ReportedAmount{yuan("280万"), Bound::exact, false}));
    EXPECT_EQ(as_amount(t.at(1, 1)), (ReportedAmount{yuan("0"), Bound::exact, false}));
    EXPECT_EQ(t.columns()[1].name_zh, "贷款余额");
    EXPECT_EQ(t.columns()[1].name_en, "outstanding");
}

TEST(QueryAggregate, Funnel) {
    const Dataset& ds = sample();
    const Table t = q::from(ds, ds.projects()).group_by(q::by_park()).aggregate(q::funnel(Stage::started, make_date(2020, 7, 31)));
    // 重庆: 1 of 8 (4); 益阳: 2 of 7 (21 竣工, 22 开工); 南通 0 of 1; operators 0 of 5.
    EXPECT_EQ(as_percent(t.at(0, 1)), pct(1, 8));
    EXPECT_EQ(as_percent(t.at(1, 1)), pct(2, 7));
    EXPECT_EQ(as_percent(t.at(2, 1)), pct(0, 1));
    EXPECT_EQ(as_percent(t.at(3, 1)), pct(0, 1));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"12.5%", "28.6%", "0.0%", "0.0%"}));
    EXPECT_EQ(t.columns()[1].name_zh, "转化率");
    // Signed by 30 July (before the July 开工 counts): 重庆 3/8.
    const Table s = q::from(ds, ds.projects()).where(q::in_park(chongqing)).aggregate(q::funnel(Stage::contracted, make_date(2020, 7, 30)));
    EXPECT_EQ(as_percent(s.at(0, 0)), pct(3, 8));
}

TEST(QueryAggregate, GrowthYearOnYear) {
    // Park 1: signed H1 2019: 2亿 + 2亿 = 4亿; H1 2020: 5亿 -> +25%. A project signed in H2 2019 and
    // one without an amount do not count. Park 2: H1 2020 3亿, H1 2019 6亿 -> -50%. Park 3: only
    // 2020 -> empty. Park 4: 2019 = 0 -> empty.
    Batch b;
    b.parks = {named(make_park(1), "甲"), named(make_park(2), "乙"), named(make_park(3), "丙"),
               named(make_park(4), "丁")};
    std::uint64_t id = 0;
    const auto add = [&](std::uint64_t park, ReportedDate when, std::optional<std::string_view> amt) {
        Project p = make_project(++id, park);
        p.stages = {test::event(Stage::contracted, when)};
        if (amt) p.contract_investment = amount(yuan(*amt));
        b.projects.push_back(p);
    };
    add(1, ReportedDate::day(2019, 3, 1), "2亿");
    add(1, ReportedDate::month(2019, 6), "2亿");
    add(1, ReportedDate::day(2019, 7, 1), "100亿");
    add(1, ReportedDate::half_year(2020, 1), "5亿");
    add(1, ReportedDate::day(2020, 2, 2), std::nullopt);
    add(2, ReportedDate::quarter(2020, 2), "3亿");
    add(2, ReportedDate::day(2019, 1, 1), "6亿");
    add(3, ReportedDate::day(2020, 1, 1), "6亿");
    add(4, ReportedDate::day(2020, 1, 1), "6亿");
    add(4, ReportedDate::day(2019, 1, 1), "0");
    Dataset ds;
    ds.insert(std::move(b));
    const Table t = q::from(ds, ds.projects())
                        .group_by(q::by_park())
                        .aggregate(q::growth(&Project::contract_investment, Stage::contracted, Period::half_year(2020, 1)));
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(as_percent(t.at(0, 1)), pct(1, 4));   // (5 - 4) / 4
    EXPECT_EQ(as_percent(t.at(1, 1)), pct(-1, 2));  // (3 - 6) / 6
    EXPECT_TRUE(is_empty(t.at(2, 1)));
    EXPECT_TRUE(is_empty(t.at(3, 1)));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"25.0%", "-50.0%", "", ""}));
    EXPECT_EQ(t.columns()[1].name_zh, "同比增长");
    EXPECT_EQ(t.columns()[1].name_en, "year on year");
}

TEST(QueryAggregate, NamedRenamesAggregatesAndKeys) {
    const Dataset& ds = sample();
    const Table t = q::from(ds, ds.projects())
                        .group_by(q::named(q::by_zone(), "开发区", "development zone"))
                        .aggregate(q::named(q::count(), "项目数", "projects"),
                                   q::named(q::sum(&Project::planned_investment), "计划总投资", "planned investment"));
    EXPECT_EQ(t.columns()[0].name_zh, "开发区");
    EXPECT_EQ(t.columns()[0].name_en, "development zone");
    EXPECT_EQ(t.columns()[1].name(Language::chinese), "项目数");
    EXPECT_EQ(t.columns()[1].name(Language::english), "projects");
    EXPECT_EQ(t.columns()[2].name_zh, "计划总投资");
    EXPECT_EQ(t.column("planned investment"), 2u);
    EXPECT_EQ(t.column("项目数"), 1u);
}

TEST(QueryAggregate, MixedCurrenciesNeedAConversion) {
    const Dataset ds = bounds_dataset();  // 1-7: 5亿 CNY (various bounds), 8: 5亿 USD
    const auto all = q::from(ds, ds.projects());
    EXPECT_THROW((void)all.aggregate(q::sum(&Project::contract_investment)), QueryError);
    EXPECT_THROW((void)all.aggregate(q::average(&Project::contract_investment, RoundingMode::half_up)), QueryError);
    EXPECT_THROW((void)all.aggregate(q::share(&Project::contract_investment)), QueryError);
    EXPECT_THROW((void)all.aggregate(q::min(&Project::contract_investment)), QueryError);
    EXPECT_THROW((void)all.aggregate(q::max(&Project::contract_investment)), QueryError);
    try {
        (void)all.aggregate(q::sum(&Project::contract_investment));
    } catch (const QueryError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("CNY"), std::string::npos) << what;
        EXPECT_NE(what.find("USD"), std::string::npos) << what;
    }
    // Counting needs no currency; filtering by currency avoids the error.
    EXPECT_EQ(as_int(all.aggregate(q::count()).at(0, 0)), 9);
    const Table cny = all.where(q::in_currency(&Project::contract_investment, Currency::CNY))
                          .aggregate(q::sum(&Project::contract_investment));
    // 5亿 with each of the 7 bounds: at least 5 × 5亿 (exact, 以上, 超过, 约, 近; 以下 and 不足
    // may be 0), with no upper end (以上): 25亿元以上 (bounds.hpp).
    EXPECT_EQ(as_amount(cny.at(0, 0)), (ReportedAmount{yuan("25亿"), Bound::at_least, false}));

    // A Conversion at 1 USD = 7.0123 CNY: 5亿 USD = 35.0615亿 CNY; + 35亿 = 70.0615亿.
    q::Conversion c;
    c.target = Currency::CNY;
    c.rates = {ExchangeRate(Currency::USD, Currency::CNY, Decimal<10>::parse("7.0123"))};
    const Table conv = all.aggregate(q::sum(&Project::contract_investment).converted(c),
                                     q::max(&Project::contract_investment).converted(c),
                                     q::min(&Project::contract_investment).converted(c),
                                     q::share(&Project::contract_investment).converted(c));
    EXPECT_EQ(as_amount(conv.at(0, 0)), (ReportedAmount{yuan("60.0615亿"), Bound::at_least, false}));  // 25亿 + 35.0615亿
    // The maximum: at least the USD amount (the CNY 以上 and 超过 may be larger).
    EXPECT_EQ(as_amount(conv.at(0, 1)), (ReportedAmount{yuan("35.0615亿"), Bound::at_least, false}));
    // The minimum: below 5亿 (不足5亿元 is), and it may be 0 (以下).
    EXPECT_EQ(as_amount(conv.at(0, 2)), (ReportedAmount{yuan("5亿"), Bound::less_than, false}));
    EXPECT_EQ(as_percent(conv.at(0, 3)), pct(1, 1));
    // Into USD at 1 CNY = 0.1426 USD: each 5亿 CNY is 0.713亿 USD.
    q::Conversion u;
    u.target = Currency::USD;
    u.rates = {ExchangeRate(Currency::CNY, Currency::USD, Decimal<10>::parse("0.1426"))};
    const Table usd = all.aggregate(q::sum(&Project::contract_investment).converted(u));
    // At least 5 of them (bounds.hpp): 5 × 0.713亿 + 5亿 = 8.565亿 USD.
    EXPECT_EQ(as_amount(usd.at(0, 0)), (ReportedAmount{Money::of(856'500'000, Currency::USD), Bound::at_least, false}));
    // A Conversion without the rate needed is a QueryError naming both currencies.
    q::Conversion missing;
    missing.rates = {ExchangeRate(Currency::EUR, Currency::CNY, Decimal<10>::parse("7.9"))};
    try {
        (void)all.aggregate(q::sum(&Project::contract_investment).converted(missing));
        ADD_FAILURE() << "expected a QueryError";
    } catch (const QueryError& e) {
        EXPECT_NE(std::string(e.what()).find("USD"), std::string::npos) << e.what();
    }
}

TEST(QueryAggregate, GroupsOfOneCurrencyEachAggregateInTheirOwnCurrency) {
    // Each group holds one currency: sum, min and max work per group (only share needs the grand
    // total, and a total mixing CNY and USD is a QueryError). Without the grouping the column mixes
    // currencies and every amount aggregate throws QueryError.
    const Dataset ds = bounds_dataset();
    const auto grouped = q::from(ds, ds.projects())
                             .group_by(q::by("币种", "currency", [](const Project& p) {
                                 return p.contract_investment ? std::string(iso_code(p.contract_investment->value.currency())) : "";
                             }));
    const Table t = grouped.aggregate(q::sum(&Project::contract_investment), q::min(&Project::contract_investment),
                                      q::max(&Project::contract_investment));
    for (std::size_t r = 0; r < t.size(); ++r) {
        const auto* sum = std::get_if<ReportedAmount>(&t.at(r, 1));
        const auto* min = std::get_if<ReportedAmount>(&t.at(r, 2));
        const auto* max = std::get_if<ReportedAmount>(&t.at(r, 3));
        if (sum == nullptr) continue;  // the group of projects without an amount
        ASSERT_NE(min, nullptr);
        ASSERT_NE(max, nullptr);
        EXPECT_EQ(std::string(iso_code(sum->value.currency())), txt(t, r, 0));
        EXPECT_EQ(min->value.currency(), sum->value.currency());
        EXPECT_EQ(max->value.currency(), sum->value.currency());
    }
    EXPECT_THROW((void)grouped.aggregate(q::share(&Project::contract_investment)), QueryError);
    const auto all = q::from(ds, ds.projects());
    EXPECT_THROW((void)all.aggregate(q::sum(&Project::contract_investment)), QueryError);
    EXPECT_THROW((void)all.aggregate(q::min(&Project::contract_investment)), QueryError);
    EXPECT_THROW((void)all.aggregate(q::max(&Project::contract_investment)), QueryError);
}

TEST(QueryAggregate, WithoutGroupByThereIsOneRowEvenWhenNothingMatches) {
    // query.hpp: "without group_by there is one row for everything". With matches: one row.
    const Dataset& ds = sample();
    const Table all = q::from(ds, ds.projects()).aggregate(q::count(), q::sum(&Project::planned_investment));
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(as_int(all.at(0, 0)), 21);
    EXPECT_EQ(txt(all, 0, 1), "约205.26亿元");  // 200亿 + 约2亿 + 近3.26亿
    // Regression: when no record matched there used to be no row at all (count 0 was not
    // reported); checks that there is one row, with count 0.
    const Table none = q::from(ds, ds.projects()).where(q::in_park(science_city)).aggregate(q::count());  // a park without projects
    ASSERT_EQ(none.size(), 1u);
    EXPECT_EQ(as_int(none.at(0, 0)), 0);
}

// ==================================================================== Table

Table small_table() {
    std::vector<q::Column> cols = {{"园区", "park", true, q::ColumnKind::label},
                                   {"数量", "count", false, q::ColumnKind::count},
                                   {"金额", "amount", false, q::ColumnKind::amount},
                                   {"占比", "share", false, q::ColumnKind::percent}};
    std::vector<std::vector<Cell>> rows;
    rows.push_back({Label{"重庆高新区", "Chongqing"}, std::int64_t{39}, ReportedAmount{yuan("605.6亿"), Bound::exact, false},
                    pct(442, 1000)});
    rows.push_back({Label{"A, \"B\"", "x\ny"}, std::int64_t{-3}, ReportedAmount{yuan("10亿"), Bound::at_least, false},
                    Cell{}});
    rows.push_back({Label{"园", "p"}, Cell{}, Cell{}, pct(1, 3)});
    return Table(cols, rows);
}

TEST(TableCells, TextOfEveryKindInBothLanguages) {
    using L = Language;
    EXPECT_EQ(Table::text(Cell{}, L::chinese), "");
    EXPECT_EQ(Table::text(Cell{}, L::english), "");
    EXPECT_EQ(Table::text(Cell{std::int64_t{39}}, L::chinese), "39");
    EXPECT_EQ(Table::text(Cell{std::int64_t{-7}}, L::english), "-7");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("605.6亿"), Bound::exact, false}, L::chinese), "605.6亿元");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("605.6亿"), Bound::exact, false}, L::english), "60.56 billion yuan");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("10亿"), Bound::at_least, false}, L::chinese), "10亿元以上");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("10亿"), Bound::at_least, false}, L::english), "at least 1 billion yuan");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("2亿"), Bound::about, false}, L::chinese), "约2亿元");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("3.26亿"), Bound::nearly, false}, L::chinese), "近3.26亿元");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("3亿"), Bound::more_than, false}, L::chinese), "超过3亿元");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("3亿"), Bound::at_most, false}, L::chinese), "不超过3亿元");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("3亿"), Bound::less_than, false}, L::english), "less than 300 million yuan");
    EXPECT_EQ(Table::text(ReportedAmount{yuan("80万"), Bound::exact, false}, L::english), "800,000 yuan");
    EXPECT_EQ(Table::text(pct(442, 1000), L::chinese), "44.2%");
    EXPECT_EQ(Table::text(pct(3, 39), L::english), "7.7%");     // 7.69...
    EXPECT_EQ(Table::text(pct(1, 2000), L::chinese), "0.1%");   // 0.05 half-up
    EXPECT_EQ(Table::text(pct(-1, 2000), L::chinese), "-0.1%");
    EXPECT_EQ(Table::text(Label{"益阳", "Yiyang"}, L::chinese), "益阳");
    EXPECT_EQ(Table::text(Label{"益阳", "Yiyang"}, L::english), "Yiyang");
    EXPECT_EQ(Table::text(Area::of(2, AreaKind::Unit::square_kilometre), L::chinese), "2平方公里");
    EXPECT_EQ(Table::text(Area::of(20, AreaKind::Unit::square_metre), L::english), "20 m²");
    EXPECT_EQ(Table::text(Area::of(20, AreaKind::Unit::square_metre), L::chinese), "20平方米");
    EXPECT_EQ(Table::text(Mass::of(3, MassKind::Unit::tonne), L::chinese), "3吨");
    EXPECT_EQ(Table::text(AnnualThroughput::of(291, AnnualThroughputKind::Unit::tonne_per_year), L::chinese), "291吨/年");
}

TEST(TableBasics, ColumnsAtAndColumnLookup) {
    const Table t = small_table();
    ASSERT_EQ(t.columns().size(), 4u);
    EXPECT_EQ(t.size(), 3u);
    EXPECT_EQ(t.rows().size(), 3u);
    EXPECT_EQ(t.columns()[0].name(Language::english), "park");
    EXPECT_TRUE(t.columns()[0].is_key);
    EXPECT_EQ(as_int(t.at(0, 1)), 39);
    EXPECT_THROW((void)t.at(3, 0), std::out_of_range);
    EXPECT_THROW((void)t.at(0, 4), std::out_of_range);
    EXPECT_EQ(t.column("数量"), 1u);
    EXPECT_EQ(t.column("amount"), 2u);
    EXPECT_THROW((void)t.column("Amount"), QueryError);
    EXPECT_THROW((void)t.column(""), QueryError);
    try {
        (void)t.column("总计");
        ADD_FAILURE() << "expected a QueryError";
    } catch (const QueryError& e) {
        EXPECT_NE(std::string(e.what()).find("总计"), std::string::npos) << e.what();
    }
    // A row of the wrong width is refused.
    EXPECT_THROW(Table({{"a", "a", true}}, {{Cell{}, Cell{}}}), QueryError);
    // (Table's defaulted operator== cannot be instantiated: Column has no operator==. Not
    // tested here, since using it does not compile.)
}

TEST(TableText, AlignsWithDoubleWidthChinese) {
    const Table t = small_table();
    // Widths (CJK = 2 columns): park max("园区" 4, "重庆高新区" 10, "A, \"B\"" 6, "园" 2) = 10;
    // count max(4, 2, 2, 0) = 4; amount max("金额" 4, "605.6亿元" 5+2*2 = 9, "10亿元以上" 2+4*2 = 10) = 10;
    // share max(4, "44.2%" 5, "33.3%" 5) = 5. Keys left-aligned, values right-aligned, "  " between.
    const auto sp = [](std::size_t n) { return std::string(n, ' '); };
    const std::string expected =
        "园区" + sp(6 + 2) + "数量" + sp(2 + 6) + "金额" + sp(2 + 1) + "占比\n" +
        "----------  ----  ----------  -----\n" +
        "重庆高新区" + sp(0 + 2 + 2) + "39" + sp(2 + 1) + "605.6亿元" + sp(2 + 0) + "44.2%\n" +
        "A, \"B\"" + sp(4 + 2 + 2) + "-3" + sp(2 + 0) + "10亿元以上" + sp(2 + 5) + "\n" +
        "园" + sp(8 + 2 + 4 + 2 + 10 + 2 + 0) + "33.3%\n";
    EXPECT_EQ(t.to_text(), expected);
    EXPECT_EQ(t.to_text(Language::chinese), expected);
    // English: park max(4, "Chongqing" 9, "x\x0Ay" 6, "p" 1) = 9; count 5; amount max(6,
    // "60.56 billion yuan" 18, "at least 1 billion yuan" 23) = 23; share 5. (A line break inside
    // a label is escaped, like every control character: the text goes to a terminal.)
    const std::string english =
        "park" + sp(5 + 2) + "count" + sp(2 + 17) + "amount" + sp(2 + 0) + "share\n" +
        "---------  -----  -----------------------  -----\n" +
        "Chongqing" + sp(0 + 2 + 3) + "39" + sp(2 + 5) + "60.56 billion yuan" + sp(2 + 0) + "44.2%\n" +
        "x\\x0Ay" + sp(3 + 2 + 3) + "-3" + sp(2 + 0) + "at least 1 billion yuan" + sp(2 + 5) + "\n" +
        "p" + sp(8 + 2 + 5 + 2 + 23 + 2 + 0) + "33.3%\n";
    EXPECT_EQ(t.to_text(Language::english), english);
}

TEST(TableCsv, Rfc4180QuotingAndMoneyColumns) {
    const Table t = small_table();
    // Money columns get a bound and a currency column; percentages are exact decimals of a
    // percent (44.2; 1/3 = 33.333... to 12 decimals); fields with , " or a line break are quoted
    // with "" for "; records end in CRLF.
    const std::string expected =
        "park,count,amount,amount bound,amount currency,share\r\n"
        "Chongqing,39,60560000000.00,exact,CNY,44.2\r\n"
        "\"x\ny\",-3,1000000000.00,at_least,CNY,\r\n"
        "p,,,,,33.333333333333\r\n";
    EXPECT_EQ(t.to_csv(), expected);
    EXPECT_EQ(t.to_csv(Language::english), expected);
    const std::string chinese =
        "园区,数量,金额,金额界限,金额币种,占比\r\n"
        "重庆高新区,39,60560000000.00,exact,CNY,44.2\r\n"
        "\"A, \"\"B\"\"\",-3,1000000000.00,at_least,CNY,\r\n"
        "园,,,,,33.333333333333\r\n";
    EXPECT_EQ(t.to_csv(Language::chinese), chinese);
    // A header that needs quoting; a count column gets no bound column.
    const Table h({{"a,b", "a,b", true, q::ColumnKind::label}, {"n", "n", false, q::ColumnKind::count}},
                  {{Label{"\"", "\""}, std::int64_t{1}}});
    EXPECT_EQ(h.to_csv(), "\"a,b\",n\r\n\"\"\"\",1\r\n");
    EXPECT_EQ(Table({{"x", "x", false}}, {}).to_csv(), "x\r\n");
    // USD amounts and 1/10,000 yuan: every digit, the currency named.
    const Table m({{"m", "m", false, q::ColumnKind::amount}}, {{ReportedAmount{Money::from_units(12345, Currency::USD), Bound::nearly, false}}});
    EXPECT_EQ(m.to_csv(), "m,m bound,m currency\r\n1.2345,nearly,USD\r\n");
}

// ---------------------------------------------------------------- JSON, read back by tests/io/json_checker.hpp

using test::Json;

TEST(TableJson, ExactTextAndParsesBack) {
    const Table t = small_table();
    const std::string expected =
        "[\n"
        " {\"park\": {\"zh\": \"重庆高新区\", \"en\": \"Chongqing\"}, \"count\": 39, \"amount\": {\"amount\": \"60560000000.00\", "
        "\"currency\": \"CNY\", \"bound\": \"exact\"}, \"share\": \"44.2\"},\n"
        " {\"park\": {\"zh\": \"A, \\\"B\\\"\", \"en\": \"x\\ny\"}, \"count\": -3, \"amount\": {\"amount\": \"1000000000.00\", "
        "\"currency\": \"CNY\", \"bound\": \"at_least\"}, \"share\": null},\n"
        " {\"park\": {\"zh\": \"园\", \"en\": \"p\"}, \"count\": null, \"amount\": null, \"share\": \"33.333333333333\"}\n"
        "]\n";
    EXPECT_EQ(t.to_json(), expected);
    const Json doc = test::parse_json(t.to_json());
    ASSERT_EQ(doc.kind, Json::Kind::array);
    ASSERT_EQ(doc.items.size(), 3u);
    EXPECT_EQ(doc.items[1]["park"]["zh"].text, "A, \"B\"");
    EXPECT_EQ(doc.items[1]["park"]["en"].text, "x\ny");
    EXPECT_EQ(doc.items[1]["count"].text, "-3");
    EXPECT_EQ(doc.items[0]["amount"]["amount"].text, "60560000000.00");
    EXPECT_EQ(doc.items[2]["share"].text, "33.333333333333");
    EXPECT_EQ(Table({{"x", "x", false}}, {}).to_json(), "[]\n");
    // Control characters, backslashes and tabs are escaped.
    const Table c({{"k", "k", true}}, {{Label{"a\\b\tc\x01", "\x1f\r"}}});
    EXPECT_EQ(c.to_json(), "[\n {\"k\": {\"zh\": \"a\\\\b\\tc\\u0001\", \"en\": \"\\u001f\\r\"}}\n]\n");
    const Json cd = test::parse_json(c.to_json());
    EXPECT_EQ(cd.items.at(0)["k"]["zh"].text, "a\\b\tc\x01");
    EXPECT_EQ(cd.items.at(0)["k"]["en"].text, "\x1f\r");
}

TEST(TableJson, QueryAndReconcileTablesAreValidJson) {
    const Dataset& ds = sample();
    const Table tables[] = {
        q::reconcile(ds),
        q::from(ds, ds.projects())
            .group_by(q::by_zone(), q::by_period(Stage::contracted, Bucket::half_year))
            .aggregate(q::count(), q::share_of_count(), q::sum(&Project::planned_investment), q::funnel(Stage::started, make_date(2020, 7, 31))),
        q::from(ds, ds.waste_facilities()).group_by(q::by_park()).aggregate(q::quantity_sum{&WasteFacility::max_annual_throughput}),
    };
    for (const Table& t : tables) {
        Json doc;
        ASSERT_NO_THROW(doc = test::parse_json(t.to_json())) << t.to_json();
        ASSERT_EQ(doc.items.size(), t.size());
        for (const Json& row : doc.items) {
            ASSERT_EQ(row.kind, Json::Kind::object);
            ASSERT_EQ(row.names.size(), t.columns().size());
            for (std::size_t c = 0; c < t.columns().size(); ++c) EXPECT_EQ(row.names[c], t.columns()[c].name_en);
        }
    }
    // The quantity is an exact decimal of its unit.
    EXPECT_NE(tables[2].to_json().find("\"total\": {\"t_per_year\": \"291\"}"), std::string::npos) << tables[2].to_json();
}

TEST(TableTop, LargestFirstTiesInKeyOrderEmptyLast) {
    std::vector<q::Column> cols = {{"k", "k", true, q::ColumnKind::label},
                                   {"n", "n", false, q::ColumnKind::count},
                                   {"m", "m", false, q::ColumnKind::amount},
                                   {"p", "p", false, q::ColumnKind::percent}};
    const auto row = [](const char* k, std::optional<std::int64_t> n, std::optional<std::string_view> m, std::optional<Percent> p) {
        std::vector<Cell> r{Label{k, k}};
        r.push_back(n ? Cell{*n} : Cell{});
        r.push_back(m ? Cell{ReportedAmount{yuan(*m), Bound::exact, false}} : Cell{});
        r.push_back(p ? Cell{*p} : Cell{});
        return r;
    };
    const Table t(cols, {row("a", 2, "1亿", pct(1, 3)), row("b", std::nullopt, "3亿", std::nullopt), row("c", 5, std::nullopt, pct(1, 2)),
                         row("d", 2, "3亿", pct(1, 3)), row("e", 5, "2亿", pct(2, 3))});
    const auto keys = [](const Table& x) { return column_text(x, 1); };  // after the rank
    EXPECT_EQ(keys(t.top(5, "n")), (std::vector<std::string>{"c", "e", "a", "d", "b"}));
    EXPECT_EQ(keys(t.top(3, "n")), (std::vector<std::string>{"c", "e", "a"}));
    EXPECT_EQ(keys(t.top(10, "m")), (std::vector<std::string>{"b", "d", "e", "a", "c"}));
    EXPECT_EQ(keys(t.top(5, "p")), (std::vector<std::string>{"e", "c", "a", "d", "b"}));
    EXPECT_EQ(t.top(0, "n").size(), 0u);
    EXPECT_EQ(t.top(2, "n").columns().size(), 5u);
    EXPECT_EQ(column_text(t.top(5, "n"), 0), (std::vector<std::string>{"1-2", "1-2", "3-4", "3-4", ""}));
    // A key column holds no figures.
    EXPECT_THROW((void)t.top(5, "k"), QueryError);
    EXPECT_THROW((void)t.top(1, "zz"), QueryError);
    // On a query: the parks by project count.
    const Table parks = q::from(sample(), sample().projects()).group_by(q::by_park()).aggregate(q::count());
    EXPECT_EQ(column_text(parks.top(2, "数量"), 1), (std::vector<std::string>{"重庆高新区", "益阳高新区"}));
}

TEST(TableTop, RanksQuantityColumnsByValue) {
    // quantity_sum gives Area and Mass columns too. Regression: top() compared AnnualThroughput
    // cells, but Area and Mass cells used to compare equal (compare_cells), so the ranking kept
    // key order; checks that all three rank by value.
    std::vector<q::Column> cols = {{"k", "k", true, q::ColumnKind::label},
                                   {"area", "area", false, q::ColumnKind::area},
                                   {"mass", "mass", false, q::ColumnKind::mass},
                                   {"rate", "rate", false, q::ColumnKind::annual_throughput}};
    const Table t(cols, {{Label{"a", "a"}, Area::of(1, AreaKind::Unit::square_metre), Mass::of(1, MassKind::Unit::tonne),
                          AnnualThroughput::of(1, AnnualThroughputKind::Unit::tonne_per_year)},
                         {Label{"b", "b"}, Area::of(5, AreaKind::Unit::square_metre), Mass::of(5, MassKind::Unit::tonne),
                          AnnualThroughput::of(5, AnnualThroughputKind::Unit::tonne_per_year)}});
    EXPECT_EQ(column_text(t.top(2, "rate"), 1), (std::vector<std::string>{"b", "a"}));
    EXPECT_EQ(column_text(t.top(2, "area"), 1), (std::vector<std::string>{"b", "a"}));
    EXPECT_EQ(column_text(t.top(2, "mass"), 1), (std::vector<std::string>{"b", "a"}));
}

// ==================================================================== reconcile

TEST(ReconcileSample, ReportedAgainstItemized) {
    const Table t = q::reconcile(sample());
    ASSERT_EQ(t.columns().size(), 8u);
    EXPECT_EQ(t.columns()[6].name_en, "coverage");
    EXPECT_EQ(t.column("冲突"), 7u);
    // In statistics order: 重庆 39 signed and 605.6亿, 益阳 43 started, 烟台 5 signed, 宁波 the two
    // loan figures. (Figures of other indicators are skipped.)
    ASSERT_EQ(t.size(), 6u);
    EXPECT_EQ(column_text(t, 0), (std::vector<std::string>{"重庆高新区", "重庆高新区", "益阳高新区", "烟台高新区", "宁波高新区", "宁波高新区"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"2020年上半年", "2020年上半年", "2020年1-6月", "2020年7月28日",
                                                           "2020年7月", "2020年1-6月"}));
    EXPECT_EQ(txt(t, 0, 2), "上半年签约项目");
    EXPECT_EQ(txt(t, 0, 2, Language::english), "signed projects");
    // 重庆: 3 itemized signings in 上半年 (1 2 3) of 39 reported: 3/39 = 7.69% -> "7.7%".
    EXPECT_EQ(as_int(t.at(0, 3)), 39);
    EXPECT_EQ(as_int(t.at(0, 4)), 3);
    EXPECT_EQ(as_percent(t.at(0, 6)), pct(3, 39));
    EXPECT_EQ(txt(t, 0, 6), "7.7%");
    // Only 泰格 has a contract amount: 10亿元以上 against 605.6亿: 10/605.6 = 1.65% -> "1.7%".
    EXPECT_EQ(as_amount(t.at(1, 3)), (ReportedAmount{yuan("605.6亿"), Bound::exact, false}));
    EXPECT_EQ(as_amount(t.at(1, 5)), (ReportedAmount{yuan("10亿"), Bound::at_least, false}));
    EXPECT_EQ(as_percent(t.at(1, 6)), pct(1000, 60560));
    EXPECT_EQ(txt(t, 1, 6), "1.7%");
    // 益阳: 43 started 1-6月, none itemized (22 started in July): 0%.
    EXPECT_EQ(as_int(t.at(2, 4)), 0);
    EXPECT_TRUE(is_empty(t.at(2, 5)));
    EXPECT_EQ(txt(t, 2, 6), "0.0%");
    // 烟台 (with its sub-park): 5 of 5.
    EXPECT_EQ(as_int(t.at(3, 4)), 5);
    EXPECT_EQ(as_percent(t.at(3, 6)), pct(1, 1));
    // 宁波: the credit line and the programme are not loans issued; nothing itemized, no coverage.
    EXPECT_EQ(txt(t, 4, 3), "近100亿元");
    EXPECT_EQ(as_int(t.at(4, 4)), 0);
    EXPECT_TRUE(is_empty(t.at(4, 6)));
    EXPECT_EQ(as_int(t.at(5, 4)), 0);
    for (std::size_t r = 0; r < t.size(); ++r) EXPECT_NE(txt(t, r, 7), "是") << r;
}

/// Park 1 with a sub-park 2; statistics for 2020年上半年 as given; projects signed in 上半年 with
/// the given contract amounts (half in the sub-park), and one signed in July that never counts.
Dataset reconcile_dataset(std::vector<ReportedStatistic> stats, std::vector<std::optional<ReportedAmount>> amounts) {
    Batch b;
    b.parks = {named(make_park(1), "甲区"), named(make_park(2, 1), "甲区一园")};
    std::uint64_t id = 0;
    for (const auto& a : amounts) {
        ++id;
        Project p = make_project(id, 1 + id % 2);  // odd ids in the sub-park 2
        p.stages = {test::event(Stage::contracted, ReportedDate::day(2020, 3, 1))};
        p.contract_investment = a;
        b.projects.push_back(p);
    }
    Project late = make_project(++id, 1);
    late.stages = {test::event(Stage::contracted, ReportedDate::day(2020, 7, 1))};
    late.contract_investment = amount(yuan("1000亿"));
    b.projects.push_back(late);
    for (std::size_t i = 0; i < stats.size(); ++i) {
        stats[i].id = StatisticId{i + 1};
        stats[i].scope = ParkId{1};
        stats[i].period = Period::half_year(2020, 1);
        if (stats[i].label.empty()) stats[i].label = "统计" + std::to_string(i + 1);
    }
    b.statistics = std::move(stats);
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}
ReportedStatistic count_stat(std::int64_t n, Bound b) {
    ReportedStatistic s;
    s.indicator = Indicator::signed_projects;
    s.value = n;
    s.bound = b;
    s.unit = "个";
    return s;
}
ReportedStatistic money_stat(std::string_view m, Bound b) {
    ReportedStatistic s;
    s.indicator = Indicator::contract_investment;
    s.value = yuan(m);
    s.bound = b;
    return s;
}
std::vector<std::string> conflicts(const Table& t) { return column_text(t, t.column("conflict"), Language::english); }

TEST(ReconcileConflict, ItemizedAboveAnExactOrUpperBoundReport) {
    // Itemized: 3亿 + 3亿 + 1亿 = 7亿 exact, 3 projects (the July one is outside 上半年).
    const Dataset ds = reconcile_dataset(
        {money_stat("5亿", Bound::exact), money_stat("5亿", Bound::at_least), money_stat("5亿", Bound::more_than),
         money_stat("5亿", Bound::about), money_stat("5亿", Bound::nearly), money_stat("5亿", Bound::at_most),
         money_stat("5亿", Bound::less_than), money_stat("7亿", Bound::exact), money_stat("8亿", Bound::exact),
         count_stat(2, Bound::exact), count_stat(2, Bound::at_least), count_stat(2, Bound::at_most), count_stat(3, Bound::exact),
         count_stat(2, Bound::about)},
        {amount(yuan("3亿")), amount(yuan("3亿")), amount(yuan("1亿"))});
    const Table t = q::reconcile(ds);
    ASSERT_EQ(t.size(), 14u);
    // 7亿 > 5亿 contradicts exact, 以下 and 不足 reports, not 以上 / 超过 / 约 / 近; 7亿 against 7亿 or 8亿
    // is fine. 3 projects against 2 exact / 2 以下 conflicts; against 2 以上, 3 exact, 约2 it does not.
    EXPECT_EQ(conflicts(t), (std::vector<std::string>{"yes", "", "", "", "", "yes", "yes", "", "", "yes", "", "yes", "", ""}));
    EXPECT_EQ(txt(t, 0, 7), "是");
    EXPECT_EQ(as_amount(t.at(0, 5)), (ReportedAmount{yuan("7亿"), Bound::exact, false}));
    EXPECT_EQ(as_percent(t.at(0, 6)), pct(7, 5));  // 140%
    EXPECT_EQ(txt(t, 0, 6), "140.0%");
    EXPECT_EQ(as_int(t.at(9, 4)), 3);
    EXPECT_EQ(as_percent(t.at(9, 6)), pct(3, 2));
    // The sub-park's projects count for the zone: project 2 is in park 1 itself, 1 and 3 in park 2.
    EXPECT_EQ(as_int(t.at(12, 4)), 3);
}

TEST(ReconcileConflict, BoundedItemizedSums) {
    // Itemized 3亿以上 + 3亿 = 6亿以上 (at_least): above an exact 5亿 it is a conflict.
    EXPECT_EQ(conflicts(q::reconcile(reconcile_dataset({money_stat("5亿", Bound::exact), money_stat("5亿", Bound::at_least)},
                                                       {amount(yuan("3亿"), Bound::at_least), amount(yuan("3亿"))}))),
              (std::vector<std::string>{"yes", ""}));
    // 约3亿 + 3亿 = 约6亿: not a proof. 3亿以下 + 3亿 = 6亿以下: not a proof either.
    EXPECT_EQ(conflicts(q::reconcile(reconcile_dataset({money_stat("5亿", Bound::exact)},
                                                       {amount(yuan("3亿"), Bound::about), amount(yuan("3亿"))}))),
              (std::vector<std::string>{""}));
    EXPECT_EQ(conflicts(q::reconcile(reconcile_dataset({money_stat("5亿", Bound::exact)},
                                                       {amount(yuan("3亿"), Bound::at_most), amount(yuan("3亿"))}))),
              (std::vector<std::string>{""}));
    // Projects without an amount count as items, not in the sum.
    const Table t =
        q::reconcile(reconcile_dataset({money_stat("5亿", Bound::exact)}, {amount(yuan("3亿")), std::nullopt}));
    EXPECT_EQ(as_int(t.at(0, 4)), 2);
    EXPECT_EQ(as_amount(t.at(0, 5)), (ReportedAmount{yuan("3亿"), Bound::exact, false}));
    EXPECT_EQ(conflicts(t), std::vector<std::string>{""});
}

TEST(ReconcileConflict, StrictBoundsConflictAtEquality) {
    // "不足3个" (fewer than 3) with 3 itemized signings is a contradiction; so is an itemized
    // "超过5亿" against an exact 5亿 report, and an exact itemized 5亿 against "不足5亿".
    // Regression: reconcile used to flag only itemized > reported, so equality under a strict
    // bound (less_than, more_than) went unflagged; checks that all three are flagged.
    EXPECT_EQ(conflicts(q::reconcile(reconcile_dataset({count_stat(3, Bound::less_than)},
                                                       {amount(yuan("1亿")), amount(yuan("1亿")), amount(yuan("1亿"))}))),
              std::vector<std::string>{"yes"});
    EXPECT_EQ(conflicts(q::reconcile(
                  reconcile_dataset({money_stat("5亿", Bound::exact)}, {amount(yuan("5亿"), Bound::more_than)}))),
              std::vector<std::string>{"yes"});
    EXPECT_EQ(conflicts(q::reconcile(reconcile_dataset({money_stat("5亿", Bound::less_than)}, {amount(yuan("5亿"))}))),
              std::vector<std::string>{"yes"});
}

}  // namespace
}  // namespace parkinvest

namespace parkinvest {
namespace {
namespace q = parkinvest::query;
// reached() refuses what the stage columns cannot answer: a day that is not a calendar day and a
// stage outside the enum (the record path would say "no", the column path cannot index it).
TEST(QueryFilters, ReachedRefusesSpecialDaysAndUnknownStages) {
    EXPECT_THROW((void)q::reached(Stage::started, Date(boost::gregorian::not_a_date_time)), QueryError);
    EXPECT_THROW((void)q::reached(Stage::started, Date(boost::gregorian::pos_infin)), QueryError);
    EXPECT_THROW((void)q::reached(static_cast<Stage>(8), make_date(2020, 6, 30)), QueryError);
    EXPECT_NO_THROW((void)q::reached(Stage::cancelled, make_date(2020, 6, 30)));
}
}  // namespace
}  // namespace parkinvest
