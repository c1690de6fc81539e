// SPDX-License-Identifier: MIT
// Lists (query/list.hpp): one row per record, filtered, ordered, limited, with typed columns.
// Expectations are worked out by hand (comments show how) or, for the generated dataset, by a
// slow reference written here: a filter by hand and std::sort of copies of the records.
#include <parkinvest/query/query.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include "support/builders.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

namespace parkinvest {
namespace {

namespace q = parkinvest::query;
namespace col = parkinvest::query::col;
using q::Cell;
using q::Direction;
using q::Label;
using q::Table;
using namespace parkinvest::test;
using Ids = std::vector<std::uint64_t>;

Money yuan(std::string_view text) { return Money::parse(text); }

const Dataset& sample() {
    static const Dataset ds = samples::high_tech_zones_2020();
    return ds;
}

/// The ids of a list whose first column is col::id().
Ids ids_of(const Table& t) {
    Ids out;
    for (std::size_t r = 0; r < t.size(); ++r) {
        const auto* l = std::get_if<Label>(&t.at(r, 0));
        EXPECT_NE(l, nullptr);
        out.push_back(l ? std::stoull(l->zh) : 0);
    }
    return out;
}
std::vector<std::string> column_text(const Table& t, std::size_t c, Language lang = Language::chinese) {
    std::vector<std::string> out;
    for (std::size_t r = 0; r < t.size(); ++r) out.push_back(Table::text(t.at(r, c), lang));
    return out;
}

/// Two parks (1 甲区 / Zone A, 2 乙区 without an English name) and eight projects, in this record
/// order, with their contract investment and park:
///   5: 3亿 exact (1)    2: 3亿以上 (2)    9: 3亿以下 (1)    4: 3亿 exact (2)
///   7: none (2)         1: 约8亿 (1)      3: none (1)       6: 不足1亿 (2)
/// Project 5 is 项目五 / Project Five, signed 2020-03-01 and started 2020-07-15; the others are
/// 项目<id>, without an English name or stages.
Dataset small() {
    Batch b;
    b.parks = {named(make_park(1), "甲区", "Zone A"), named(make_park(2), "乙区")};
    const auto p = [](std::uint64_t id, std::uint64_t park, std::optional<ReportedAmount> a) {
        Project x = make_project(id, park);
        x.contract_investment = a;
        return x;
    };
    Project five = named(p(5, 1, amount(yuan("3亿"))), "项目五", "Project Five");
    five.stages = {event(Stage::contracted, ReportedDate::day(2020, 3, 1)), event(Stage::started, ReportedDate::day(2020, 7, 15))};
    b.projects = {five,
                  p(2, 2, amount(yuan("3亿"), Bound::at_least)),
                  p(9, 1, amount(yuan("3亿"), Bound::at_most)),
                  p(4, 2, amount(yuan("3亿"))),
                  p(7, 2, std::nullopt),
                  p(1, 1, amount(yuan("8亿"), Bound::about)),
                  p(3, 1, std::nullopt),
                  p(6, 2, amount(yuan("1亿"), Bound::less_than))};
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

Table by_contract(const Dataset& ds, Direction d) {
    return q::list(ds, ds.projects()).order_by(col::amount(&Project::contract_investment), d).select(col::id());
}

TEST(QueryList, DescendingByFigureThenBoundThenIdEmptyLast) {
    const Dataset ds = small();
    // 约8亿 first; at 3亿: 以上 (2), then the exact ones by id (4, 5), then 以下 (9); 不足1亿 (6);
    // then the projects without an amount by id (3, 7).
    EXPECT_EQ(ids_of(by_contract(ds, Direction::descending)), (Ids{1, 2, 4, 5, 9, 6, 3, 7}));
}

TEST(QueryList, AscendingReversesFigureAndBoundButKeepsIdsAscendingAndEmptyLast) {
    const Dataset ds = small();
    // 不足1亿; at 3亿: 以下 (9), exact by id (4, 5), 以上 (2); 约8亿; then empty by id (3, 7).
    EXPECT_EQ(ids_of(by_contract(ds, Direction::ascending)), (Ids{6, 9, 4, 5, 2, 1, 3, 7}));
}

TEST(QueryList, WithoutOrderRowsKeepRecordOrder) {
    const Dataset ds = small();
    EXPECT_EQ(ids_of(q::list(ds, ds.projects()).select(col::id())), (Ids{5, 2, 9, 4, 7, 1, 3, 6}));
    EXPECT_EQ(ids_of(q::list(ds, ds.projects()).limit(3).select(col::id())), (Ids{5, 2, 9}));
}

TEST(QueryList, WhereCombinesFiltersAndLimitCuts) {
    const Dataset ds = small();
    const auto by_amount = col::amount(&Project::contract_investment);
    // Park 2: 2 (3亿以上), 4 (3亿), 7 (none), 6 (不足1亿) → 2, 4, 6, 7.
    EXPECT_EQ(ids_of(q::list(ds, ds.projects()).where(q::in_park(ParkId{2})).order_by(by_amount, Direction::descending).select(col::id())),
              (Ids{2, 4, 6, 7}));
    // Two where() calls combine with and: park 2 and at least 2亿 (decided by the bound): 2, 4.
    EXPECT_EQ(ids_of(q::list(ds, ds.projects())
                         .where(q::in_park(ParkId{2}))
                         .where(q::amount_at_least(&Project::contract_investment, yuan("2亿")))
                         .order_by(by_amount, Direction::ascending)
                         .select(col::id())),
              (Ids{4, 2}));
    // limit before or after order_by: the same query.
    EXPECT_EQ(ids_of(q::list(ds, ds.projects()).limit(3).order_by(by_amount, Direction::descending).select(col::id())),
              (Ids{1, 2, 4}));
    EXPECT_EQ(ids_of(q::list(ds, ds.projects()).order_by(by_amount, Direction::ascending).limit(3).select(col::id())),
              (Ids{6, 9, 4}));
}

TEST(QueryList, LimitZeroAndLimitBeyondTheSize) {
    const Dataset ds = small();
    const auto base = q::list(ds, ds.projects()).order_by(col::amount(&Project::contract_investment), Direction::descending);
    const Table none = base.limit(0).select(col::id(), col::amount(&Project::contract_investment));
    EXPECT_EQ(none.size(), 0u);
    ASSERT_EQ(none.columns().size(), 2u);  // the columns are there without rows
    EXPECT_EQ(none.columns()[1].name_en, "contract investment");
    EXPECT_EQ(ids_of(base.limit(100).select(col::id())), (Ids{1, 2, 4, 5, 9, 6, 3, 7}));
    EXPECT_EQ(ids_of(base.limit(8).select(col::id())), (Ids{1, 2, 4, 5, 9, 6, 3, 7}));
    EXPECT_EQ(ids_of(base.limit(7).select(col::id())), (Ids{1, 2, 4, 5, 9, 6, 3}));
    EXPECT_EQ(ids_of(base.limit(1).select(col::id())), Ids{1});
    // Nothing matches: an empty table, limit or not.
    EXPECT_EQ(q::list(ds, ds.projects()).where(q::matching([](const Project&) { return false; })).limit(5).select(col::id()).size(), 0u);
}

TEST(QueryList, ProjectColumnsOfEveryKind) {
    const Dataset ds = small();
    const Table t = q::list(ds, ds.projects())
                        .where(q::matching([](const Project& p) { return p.id.value() == 5 || p.id.value() == 7; }))
                        .select(col::id(), col::name(), col::park(), col::amount(&Project::contract_investment),
                                col::stage(make_date(2020, 6, 30)), col::stage(make_date(2020, 7, 31)),
                                col::stage(make_date(2020, 2, 29)));
    const std::vector<q::Column> expected_columns{
        {"编号", "id", true, q::ColumnKind::label},
        {"名称", "name", true, q::ColumnKind::label},
        {"园区", "park", true, q::ColumnKind::label},
        {"合同投资额", "contract investment", false, q::ColumnKind::amount},
        {"阶段", "stage", true, q::ColumnKind::label},
        {"阶段", "stage", true, q::ColumnKind::label},
        {"阶段", "stage", true, q::ColumnKind::label},
    };
    EXPECT_EQ(t.columns(), expected_columns);
    ASSERT_EQ(t.size(), 2u);
    // Project 5: its own English name; park 甲区 / Zone A; 3亿; signed by 30 June, started by
    // 31 July (the event of 15 July), nothing yet on 29 February.
    EXPECT_EQ(t.rows()[0], (std::vector<Cell>{Label{"5", "5"}, Label{"项目五", "Project Five"}, Label{"甲区", "Zone A"},
                                              ReportedAmount{yuan("3亿"), Bound::exact, false}, Label{"签约", "signed"},
                                              Label{"开工", "started"}, Cell{}}));
    // Project 7: the English name and park fall back to the Chinese ones; no amount, no stage.
    EXPECT_EQ(t.rows()[1], (std::vector<Cell>{Label{"7", "7"}, Label{"项目7", "项目7"}, Label{"乙区", "乙区"}, Cell{}, Cell{},
                                              Cell{}, Cell{}}));
    // The other amount fields have their own names; named() renames a column.
    EXPECT_EQ(col::amount(&Project::planned_investment).name_zh, "计划总投资");
    EXPECT_EQ(col::amount(&Project::first_phase_investment).name_en, "first-phase investment");
    EXPECT_EQ(col::amount(&Project::funds_in_place).name_zh, "到位资金");
    const auto renamed = q::named(col::amount(&Project::contract_investment), "签约额", "signed amount");
    const Table r = q::list(ds, ds.projects()).limit(1).select(renamed);
    EXPECT_EQ(r.columns()[0].name_zh, "签约额");
    EXPECT_EQ(r.columns()[0].name_en, "signed amount");
    EXPECT_EQ(r.at(0, 0), Cell{ReportedAmount{yuan("3亿")}});
}

/// Loans 1-4 in parks 1, 2, 1, 2; commitments 300万, 500万, 100万, 200万; outstanding on
/// 31 August 2020: 1: 80万 (30 June 100万, 31 July 80万), 2: 0 (31 July 50万, 31 August 0),
/// 3: 200万 (31 August), 4: no snapshot.
Dataset loans() {
    Batch b;
    b.parks = {named(make_park(1), "甲区", "Zone A"), named(make_park(2), "乙区")};
    b.banks = {make_bank(1)};
    const auto loan = [](std::uint64_t id, std::uint64_t park, std::string_view commitment) {
        Loan l;
        l.id = LoanId{id};
        l.name = zh_name("贷款" + std::to_string(id));
        l.lender = BankId{1};
        l.park = ParkId{park};
        l.commitment = amount(yuan(commitment));
        return l;
    };
    Loan l1 = loan(1, 1, "300万");
    l1.snapshots = {snapshot(make_date(2020, 6, 30), yuan("100万")), snapshot(make_date(2020, 7, 31), yuan("80万"))};
    Loan l2 = loan(2, 2, "500万");
    l2.snapshots = {snapshot(make_date(2020, 7, 31), yuan("50万")), snapshot(make_date(2020, 8, 31), yuan("0"))};
    Loan l3 = loan(3, 1, "100万");
    l3.snapshots = {snapshot(make_date(2020, 8, 31), yuan("200万"))};
    b.loans = {l1, l2, l3, loan(4, 2, "200万")};
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

TEST(QueryList, LoansByOutstandingBalance) {
    const Dataset ds = loans();
    const Date aug31 = make_date(2020, 8, 31);
    const Table t = q::list(ds, ds.loans())
                        .order_by(col::outstanding(aug31), Direction::descending)
                        .select(col::id(), col::name(), col::park(), col::outstanding(aug31), col::amount(&Loan::commitment));
    // 3 (200万), 1 (80万), 2 (0: a balance, not empty), 4 (no snapshot: empty, last).
    EXPECT_EQ(ids_of(t), (Ids{3, 1, 2, 4}));
    EXPECT_EQ(t.columns()[3], (q::Column{"贷款余额", "outstanding", false, q::ColumnKind::amount}));
    EXPECT_EQ(t.columns()[4], (q::Column{"授信额度", "commitment", false, q::ColumnKind::amount}));
    EXPECT_EQ(t.at(0, 3), Cell{ReportedAmount{yuan("200万")}});
    EXPECT_EQ(t.at(1, 3), Cell{ReportedAmount{yuan("80万")}});
    EXPECT_EQ(t.at(2, 3), Cell{ReportedAmount{yuan("0")}});
    EXPECT_EQ(t.at(3, 3), Cell{});
    EXPECT_EQ(column_text(t, 4), (std::vector<std::string>{"100万元", "300万元", "500万元", "200万元"}));
    EXPECT_EQ(column_text(t, 2, Language::english), (std::vector<std::string>{"Zone A", "Zone A", "乙区", "乙区"}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"贷款3", "贷款1", "贷款2", "贷款4"}));
    // By commitment, ascending: 100万 (3), 200万 (4), 300万 (1), 500万 (2).
    EXPECT_EQ(ids_of(q::list(ds, ds.loans()).order_by(col::amount(&Loan::commitment), Direction::ascending).select(col::id())),
              (Ids{3, 4, 1, 2}));
    // 30 July: only loan 1 has a balance (100万); the others are empty, by id.
    EXPECT_EQ(ids_of(q::list(ds, ds.loans())
                         .order_by(col::outstanding(make_date(2020, 7, 30)), Direction::ascending)
                         .select(col::id(), col::outstanding(aug31))),
              (Ids{1, 2, 3, 4}));
}

TEST(QueryList, MixedCurrenciesInTheOrderingColumnAreRefused) {
    Dataset ds = small();
    Batch b;
    Project usd = make_project(8, 1);
    usd.contract_investment = amount(Money::parse("100万", Currency::USD));
    b.projects = {usd};
    ds.insert(std::move(b));
    try {
        (void)by_contract(ds, Direction::descending);
        FAIL() << "mixed currencies were ordered";
    } catch (const QueryError& e) {
        // The first amount in record order is project 5's CNY, then project 8's USD.
        EXPECT_NE(std::string(e.what()).find("cannot order CNY and USD amounts of column \"contract investment\""),
                  std::string::npos)
            << e.what();
    }
    // Selected but not ordered by, the column may mix currencies; filtered to one, it orders.
    EXPECT_EQ(q::list(ds, ds.projects()).select(col::amount(&Project::contract_investment)).size(), 9u);
    EXPECT_EQ(ids_of(q::list(ds, ds.projects())
                         .where(q::in_currency(&Project::contract_investment, Currency::USD))
                         .order_by(col::amount(&Project::contract_investment), Direction::descending)
                         .select(col::id())),
              Ids{8});
    // Under a limit of 1 the refusal is the same: every matching record is looked at.
    EXPECT_THROW((void)q::list(ds, ds.projects())
                     .order_by(col::amount(&Project::contract_investment), Direction::descending)
                     .limit(1)
                     .select(col::id()),
                 QueryError);
}

TEST(QueryList, BadQueriesAreTypedErrors) {
    const Dataset ds = small();
    const auto l = q::list(ds, ds.projects());
    try {
        (void)l.order_by(col::name(), Direction::ascending);
        FAIL() << "ordered by a label column";
    } catch (const QueryError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot order a list by \"name\""), std::string::npos) << e.what();
    }
    const auto ordered = l.order_by(col::amount(&Project::contract_investment), Direction::ascending);
    EXPECT_THROW((void)ordered.order_by(col::amount(&Project::planned_investment), Direction::ascending), ArgumentError);
    EXPECT_THROW((void)l.limit(2).limit(3), ArgumentError);
    EXPECT_THROW((void)col::stage(Date()), QueryError);
    EXPECT_THROW((void)col::outstanding(Date(boost::gregorian::pos_infin)), QueryError);
}

// ---------------------------------------------------------------- against a slow reference

/// Sixty projects in two parks with ids scattered over 1-101 (record order is not id order),
/// contract investments from four figures under every bound (many ties; every seventh has
/// none), signed in March 2020 (every third), June 2020 reported to the month, August 2020, or
/// never.
Dataset generated() {
    Batch b;
    b.parks = {make_park(1), make_park(2)};
    const char* figures[] = {"1亿", "2亿", "3亿", "5亿"};
    const Bound bounds[] = {Bound::exact, Bound::at_least, Bound::at_most, Bound::about, Bound::more_than, Bound::less_than, Bound::nearly};
    for (std::uint64_t i = 1; i <= 60; ++i) {
        Project p = make_project(i * 37 % 101 + 1, i % 2 + 1);
        if (i % 7 != 0) p.contract_investment = amount(yuan(figures[i * 5 % 4]), bounds[i * 3 % 7]);
        switch (i % 4) {
        case 0: p.stages = {event(Stage::contracted, ReportedDate::day(2020, 3, static_cast<int>(i % 28 + 1)))}; break;
        case 1: p.stages = {event(Stage::contracted, ReportedDate::month(2020, 6))}; break;
        case 2: p.stages = {event(Stage::contracted, ReportedDate::day(2020, 8, 1))}; break;
        default: break;
        }
        b.projects.push_back(std::move(p));
    }
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

/// The reference: projects with a 签约 event wholly within 2020-01-01 .. 2020-06-30, copied and
/// sorted by (has an amount, figure, side of the bound, id) with std::sort.
std::vector<Project> reference(const Dataset& ds, Direction d, std::size_t n) {
    std::vector<Project> v;
    for (const Project& p : ds.projects()) {
        for (const StageEvent& e : p.stages)
            if (e.stage == Stage::contracted && e.date.first() >= make_date(2020, 1, 1) && e.date.last() <= make_date(2020, 6, 30)) {
                v.push_back(p);
                break;
            }
    }
    const auto key = [d](const Project& p) {
        if (!p.contract_investment) return std::tuple{1, Money::rep(0), 0, p.id.value()};
        const Bound b = p.contract_investment->bound;
        int side = b == Bound::at_least || b == Bound::more_than ? 1 : b == Bound::at_most || b == Bound::less_than ? -1 : 0;
        Money::rep figure = p.contract_investment->value.units();
        if (d == Direction::descending) {  // larger figures, then lower bounds, first
            figure = -figure;
            side = -side;
        }
        return std::tuple{0, figure, side, p.id.value()};
    };
    std::sort(v.begin(), v.end(), [&](const Project& a, const Project& b) { return key(a) < key(b); });
    if (v.size() > n) v.resize(n);
    return v;
}

TEST(QueryList, TenLargestSignedInTheFirstHalfMatchTheReference) {
    const Dataset ds = generated();
    const auto signed_h1 = q::entered(Stage::contracted, Period::half_year(2020, 1));
    for (const Direction d : {Direction::descending, Direction::ascending}) {
        for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{10}, std::size_t{29}, std::size_t{30}, std::size_t{31}, std::size_t{100}}) {
            const Table t = q::list(ds, ds.projects())
                                .where(signed_h1)
                                .order_by(col::amount(&Project::contract_investment), d)
                                .limit(n)
                                .select(col::id(), col::amount(&Project::contract_investment));
            const std::vector<Project> ref = reference(ds, d, n);
            ASSERT_EQ(t.size(), ref.size()) << "n = " << n;
            for (std::size_t r = 0; r < ref.size(); ++r) {
                EXPECT_EQ(ids_of(t)[r], ref[r].id.value()) << "row " << r << ", n = " << n;
                EXPECT_EQ(t.at(r, 1), ref[r].contract_investment ? Cell{*ref[r].contract_investment} : Cell{});
            }
        }
    }
    // The generator gives the reference something to decide: 30 projects signed in the first
    // half, ties at one figure under different bounds, and some without an amount.
    EXPECT_EQ(reference(ds, Direction::descending, 100).size(), 30u);
}

// ---------------------------------------------------------------- the sample and output

TEST(QueryList, SampleLargestSignedInTheFirstHalf) {
    const Dataset& ds = sample();
    const Table t = q::list(ds, ds.projects())
                        .where(q::entered(Stage::contracted, Period::half_year(2020, 1)))
                        .order_by(col::amount(&Project::contract_investment), Direction::descending)
                        .limit(10)
                        .select(col::id(), col::name(), col::park(), col::amount(&Project::contract_investment));
    // Signed in the first half: 平安 (1), 中国电子信创 (2), 泰格医药 (3, 10亿元以上) in 重庆, and
    // 卓力达 (40, first quarter) in 南通. Only 泰格医药 has a figure; the rest follow by id.
    EXPECT_EQ(ids_of(t), (Ids{3, 1, 2, 40}));
    EXPECT_EQ(column_text(t, 3), (std::vector<std::string>{"10亿元以上", "", "", ""}));
    EXPECT_EQ(Table::text(t.at(0, 1), Language::chinese), "泰格医药临床研究西部(重庆)中心");
    EXPECT_EQ(column_text(t, 2, Language::english),
              (std::vector<std::string>{"Chongqing High-tech Zone", "Chongqing High-tech Zone", "Chongqing High-tech Zone",
                                        "Nantong High-tech Zone"}));
}

TEST(QueryList, SampleLargestPlannedInvestmentAndStages) {
    const Dataset& ds = sample();
    const Table t = q::list(ds, ds.projects())
                        .order_by(col::amount(&Project::planned_investment), Direction::descending)
                        .limit(3)
                        .select(col::id(), col::amount(&Project::planned_investment), col::stage(make_date(2020, 7, 31)));
    // 光大 200亿元 (started in July), 清溪二期 近3.26亿元 (started in July), 清溪一期 约2亿元 (completed in July).
    EXPECT_EQ(ids_of(t), (Ids{4, 22, 21}));
    EXPECT_EQ(column_text(t, 1), (std::vector<std::string>{"200亿元", "近3.26亿元", "约2亿元"}));
    EXPECT_EQ(column_text(t, 2, Language::english), (std::vector<std::string>{"started", "started", "completed"}));
    // On 30 July the July events (reported to the month) do not count yet.
    const Table before = q::list(ds, ds.projects()).limit(1).where(q::in_park(samples::hz2020::chongqing))
                             .select(col::stage(make_date(2020, 7, 30)));
    EXPECT_EQ(column_text(before, 0), std::vector<std::string>{"签约"});  // 平安, signed in the first half
}

TEST(QueryList, SampleLoansAndWasteFacilities) {
    const Dataset& ds = sample();
    const Table l = q::list(ds, ds.loans())
                        .order_by(col::amount(&Loan::commitment), Direction::descending)
                        .select(col::id(), col::name(), col::amount(&Loan::commitment));
    // 宁波首单制造业资金合作计划 10亿元 (2), 国林公司授信额度 1亿元 (1).
    EXPECT_EQ(ids_of(l), (Ids{2, 1}));
    EXPECT_EQ(column_text(l, 1), (std::vector<std::string>{"宁波首单制造业资金合作计划", "国林公司授信额度"}));
    EXPECT_EQ(column_text(l, 2), (std::vector<std::string>{"10亿元", "1亿元"}));
    const Table w = q::list(ds, ds.waste_facilities()).select(col::id(), col::name(), col::park(), col::amount(&WasteFacility::investment));
    EXPECT_EQ(w.columns()[3].name_zh, "投资额");
    EXPECT_EQ(w.columns()[3].name_en, "investment");
    ASSERT_EQ(w.size(), 1u);
    EXPECT_EQ(w.rows()[0], (std::vector<Cell>{Label{"1", "1"}, Label{"生物医药园危险废物暂存库", "生物医药园危险废物暂存库"},
                                              Label{"北京亦庄生物医药园", "Beijing Yizhuang Biomedical Park"},
                                              ReportedAmount{yuan("80万")}}));
}

TEST(QueryList, CsvLayoutHasAmountBoundAndCurrencyColumns) {
    const Dataset ds = small();
    const auto some = q::list(ds, ds.projects())
                          .where(q::matching([](const Project& p) { return p.id.value() == 5 || p.id.value() == 2 || p.id.value() == 7; }))
                          .order_by(col::amount(&Project::contract_investment), Direction::descending);
    const auto columns = [&](const auto& query) {
        return query.select(col::id(), col::name(), col::amount(&Project::contract_investment));
    };
    // 2 (3亿以上), 5 (3亿), 7 (none); 3亿 is 300000000.00 yuan.
    EXPECT_EQ(columns(some).to_csv(Language::english),
              "id,name,contract investment,contract investment bound,contract investment currency\r\n"
              "2,项目2,300000000.00,at_least,CNY\r\n"
              "5,Project Five,300000000.00,exact,CNY\r\n"
              "7,项目7,,,\r\n");
    // The layout depends on the columns only: the same header without rows.
    EXPECT_EQ(columns(some.limit(0)).to_csv(Language::chinese), "编号,名称,合同投资额,合同投资额界限,合同投资额币种\r\n");
}

TEST(QueryList, EnterprisesWithAndWithoutAPark) {
    const Dataset& ds = sample();
    const Table t = q::list(ds, ds.enterprises()).select(col::id(), col::name(), col::park());
    ASSERT_EQ(t.size(), ds.enterprises().size());
    std::size_t without_park = 0;
    for (std::size_t r = 0; r < t.size(); ++r) {
        const Enterprise& e = ds.enterprises()[r];
        EXPECT_EQ(t.at(r, 0), Cell{(Label{std::to_string(e.id.value()), std::to_string(e.id.value())})});
        EXPECT_EQ(std::get<Label>(t.at(r, 1)).zh, e.name.zh);
        if (e.park) EXPECT_EQ(std::get<Label>(t.at(r, 2)).zh, ds.get(*e.park).name.zh);
        else {
            EXPECT_EQ(t.at(r, 2), Cell{});
            ++without_park;
        }
    }
    EXPECT_GT(without_park, 0u);          // both cases occur in the sample
    EXPECT_LT(without_park, t.size());
}

/// The README's example, with the output it shows.
TEST(QueryList, ReadmeExample) {
    // README, "Lists of records": the sample's five largest planned investments with their stage at
    // the end of June 2020. By figure: 200亿 (4), 近3.26亿 (22), 约2亿 (21); the other projects
    // state no planned investment and follow by id (1, 2), empty cells last. Only 1 and 2 had a
    // stage event (签约) by then.
    const Dataset ds = samples::high_tech_zones_2020();
    const Date june_30 = ReportedDate::parse("2020-06-30").last();
    const Table t = q::list(ds, ds.projects())
                        .order_by(q::col::amount(&Project::planned_investment), Direction::descending)
                        .limit(5)
                        .select(q::col::id(), q::col::name(), q::col::park(), q::col::amount(&Project::planned_investment),
                                q::col::stage(june_30));
    EXPECT_EQ(t.to_text(Language::chinese),
              "编号  名称                          园区        计划总投资  阶段\n"
              "----  ----------------------------  ----------  ----------  ----\n"
              "4     光大人工智能产业基地          重庆高新区     200亿元      \n"
              "22    第二期智慧清溪提质改造项目    益阳高新区  近3.26亿元      \n"
              "21    第一期智慧清溪提质改造项目    益阳高新区     约2亿元      \n"
              "1     平安大健康产业园              重庆高新区              签约\n"
              "2     中国电子重庆信创产业示范基地  重庆高新区              签约\n");
    // The CSV of a list: signed in the first half (1, 2, 3 in 重庆 and 40 in 南通); only 3 has a
    // contract investment (10亿元以上 = 1,000,000,000.00 yuan, at least); then the others by id.
    const Table signed_h1 = q::list(ds, ds.projects())
                                .where(q::entered(Stage::contracted, Period::half_year(2020, 1)))
                                .order_by(q::col::amount(&Project::contract_investment), Direction::descending)
                                .limit(3)
                                .select(q::col::id(), q::col::name(), q::col::park(), q::col::amount(&Project::contract_investment));
    EXPECT_EQ(signed_h1.to_csv(),
              "id,name,park,contract investment,contract investment bound,contract investment currency\r\n"
              "3,泰格医药临床研究西部(重庆)中心,Chongqing High-tech Zone,1000000000.00,at_least,CNY\r\n"
              "1,平安大健康产业园,Chongqing High-tech Zone,,,\r\n"
              "2,中国电子重庆信创产业示范基地,Chongqing High-tech Zone,,,\r\n");
}

TEST(QueryList, ColumnsChosenAtRunTimeGiveTheSameTable) {
    const Dataset ds = samples::high_tech_zones_2020();
    const auto query = q::list(ds, ds.projects()).order_by(q::col::amount(&Project::planned_investment), Direction::ascending);
    const Table fixed = query.select(q::col::id(), q::col::park(), q::col::amount(&Project::planned_investment));
    const std::vector<q::AnyListColumn<Project>> chosen = {q::erased<Project>(q::col::id()), q::erased<Project>(q::col::park()),
                                                           q::erased<Project>(q::col::amount(&Project::planned_investment))};
    const Table erased = query.select(chosen);
    EXPECT_EQ(erased.to_csv(), fixed.to_csv());
    EXPECT_EQ(erased.to_json(), fixed.to_json());
    EXPECT_EQ(fixed.size(), ds.projects().size());
    EXPECT_THROW(static_cast<void>(query.select(std::vector<q::AnyListColumn<Project>>{})), ArgumentError);
}

}  // namespace
}  // namespace parkinvest
