// SPDX-License-Identifier: MIT
// Currencies everywhere (query/aggregates.hpp Conversion): undated and dated rates, which rate
// applies to which record, the rate table reader, and every money aggregate and reconcile taking
// a Conversion. Expected figures are computed by hand in the comments.
#include <parkinvest/query/query.hpp>

#include "support/builders.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace parkinvest;
using namespace parkinvest::test;
namespace q = parkinvest::query;

Money usd(std::int64_t whole) { return Money::of(whole, Currency::USD); }
Money cny(std::string_view text) { return Money::parse(text); }
Decimal<10> rate(std::string_view text) { return Decimal<10>::parse(text); }
Date day(int y, int m, int d) { return make_date(y, m, d); }

const ReportedAmount& as_amount(const q::Cell& c) {
    static const ReportedAmount none{};
    const auto* v = std::get_if<ReportedAmount>(&c);
    EXPECT_NE(v, nullptr) << q::Table::text(c, Language::english);
    return v ? *v : none;
}

/// Park 1; project 1: 1亿 USD signed 2020-03-01; project 2: 1亿 USD signed 2020-08-01;
/// project 3: 10亿 CNY signed 2019-03-01; project 4: 2亿 USD signed 2019-05-01.
Dataset usd_projects() {
    Batch b;
    b.parks = {make_park(1)};
    const auto add = [&](std::uint64_t id, Money m, ReportedDate d) {
        Project p = make_project(id, 1);
        p.contract_investment = amount(m);
        p.stages = {event(Stage::contracted, d)};
        b.projects.push_back(p);
    };
    add(1, usd(100'000'000), ReportedDate::day(2020, 3, 1));
    add(2, usd(100'000'000), ReportedDate::day(2020, 8, 1));
    add(3, cny("10亿"), ReportedDate::day(2019, 3, 1));
    add(4, usd(200'000'000), ReportedDate::day(2019, 5, 1));
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

/// USD → CNY 6.9 from 2019-01-01, 7.0 from 2020-01-01, 7.1 from 2020-07-01.
q::Conversion dated_usd() {
    q::Conversion c;
    c.set_dated({{day(2020, 7, 1), ExchangeRate(Currency::USD, Currency::CNY, rate("7.1"))},
                 {day(2019, 1, 1), ExchangeRate(Currency::USD, Currency::CNY, rate("6.9"))},
                 {day(2020, 1, 1), ExchangeRate(Currency::USD, Currency::CNY, rate("7.0"))}});
    return c;
}

TEST(Conversion, EachRecordAtTheRateInForceOnItsOwnDate) {
    const Dataset ds = usd_projects();
    // 1亿 × 7.0 + 1亿 × 7.1 + 10亿 + 2亿 × 6.9 = 7 + 7.1 + 10 + 13.8 = 37.9亿.
    const q::Table t = q::from(ds, ds.projects()).aggregate(q::sum(&Project::contract_investment).converted(dated_usd()));
    EXPECT_EQ(as_amount(t.at(0, 0)).value, cny("37.9亿"));
    // The same over a copy of the records (the record path, not the column path).
    const std::vector<Project> copy(ds.projects().begin(), ds.projects().end());
    const q::Table c = q::from(ds, std::span<const Project>(copy)).aggregate(q::sum(&Project::contract_investment).converted(dated_usd()));
    EXPECT_EQ(as_amount(c.at(0, 0)).value, cny("37.9亿"));
}

TEST(Conversion, AFixedDateForEveryRecord) {
    const Dataset ds = usd_projects();
    q::Conversion c = dated_usd();
    c.as_of = day(2020, 12, 31);
    // Every USD amount at 7.1: (1 + 1 + 2)亿 × 7.1 + 10亿 = 38.4亿.
    const q::Table t = q::from(ds, ds.projects()).aggregate(q::sum(&Project::contract_investment).converted(c),
                                                            q::max(&Project::contract_investment).converted(c),
                                                            q::min(&Project::contract_investment).converted(c));
    EXPECT_EQ(as_amount(t.at(0, 0)).value, cny("38.4亿"));
    EXPECT_EQ(as_amount(t.at(0, 1)).value, cny("14.2亿"));  // 2亿 USD × 7.1
    EXPECT_EQ(as_amount(t.at(0, 2)).value, cny("7.1亿"));
    // The day a rate takes effect uses it: on 2020-07-01 7.1, on 2020-06-30 7.0.
    c.as_of = day(2020, 7, 1);
    EXPECT_EQ(c.apply(usd(1)), cny("7.1"));
    c.as_of = day(2020, 6, 30);
    EXPECT_EQ(c.apply(usd(1)), cny("7"));
}

TEST(Conversion, NoRateForTheDateIsAnErrorNamingIt) {
    const Dataset ds = usd_projects();
    q::Conversion c;
    c.set_dated({{day(2020, 1, 1), ExchangeRate(Currency::USD, Currency::CNY, rate("7.0"))}});
    try {
        (void)q::from(ds, ds.projects()).aggregate(q::sum(&Project::contract_investment).converted(c));
        FAIL() << "converted a 2019 amount with a 2020 rate";
    } catch (const QueryError& e) {
        EXPECT_NE(std::string(e.what()).find("no rate from USD to CNY on or before 2019-05-01 (the first is from 2020-01-01)"),
                  std::string::npos)
            << e.what();
    }
    // A record without a date and no as_of.
    EXPECT_THROW((void)c.apply(usd(1)), QueryError);
    // No rate at all for the pair: the advice names what to add.
    q::Conversion none;
    try {
        (void)none.apply(usd(1));
        FAIL();
    } catch (const QueryError& e) {
        EXPECT_NE(std::string(e.what()).find("--rate USD/CNY=RATE"), std::string::npos) << e.what();
    }
    // Undated rates apply when the pair has no dated rate.
    none.rates = {ExchangeRate(Currency::USD, Currency::CNY, rate("7.0795"))};
    EXPECT_EQ(none.apply(usd(2)), cny("14.159"));
}

TEST(Conversion, TwoDifferentRatesOfOnePairOnOneDayAreRefused) {
    q::Conversion c;
    const ExchangeRate a(Currency::USD, Currency::CNY, rate("7.0"));
    const ExchangeRate b(Currency::USD, Currency::CNY, rate("7.2"));
    EXPECT_NO_THROW(c.set_dated({{day(2020, 1, 1), a}, {day(2020, 1, 1), a}}));  // the same twice
    try {
        c.set_dated({{day(2020, 1, 1), a}, {day(2020, 1, 1), b}});
        FAIL();
    } catch (const ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("two rates from USD to CNY on 2020-01-01"), std::string::npos) << e.what();
    }
    EXPECT_EQ(c.dated().size(), 2u);  // unchanged by the failed call
}

TEST(Conversion, RateTablesAreReadExactlyWithErrorsByLineAndColumn) {
    const auto rates = q::parse_rates_csv("date,from,to,rate\r\n2020-07-01,USD,CNY,7.0795\n2020年1月2日,EUR,CNY,7.8\n");
    ASSERT_EQ(rates.size(), 2u);
    EXPECT_EQ(rates[0].from, day(2020, 7, 1));
    EXPECT_EQ(rates[0].rate.from(), Currency::USD);
    EXPECT_EQ(rates[0].rate.rate(), rate("7.0795"));
    EXPECT_EQ(rates[1].from, day(2020, 1, 2));
    EXPECT_EQ(rates[1].rate.from(), Currency::EUR);
    try {
        (void)q::parse_rates_csv("date,from,to,rate\n2020-07,USD,CNY,7\n2020-07-01,XXX,CNY,7\n2020-07-01,USD,CNY,-1\n", "rates.csv");
        FAIL();
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 3u) << e.what();
        EXPECT_EQ(e.problems()[0].line, 2u);
        EXPECT_EQ(e.problems()[0].column, 1u);
        EXPECT_EQ(e.problems()[0].field, "date");
        EXPECT_EQ(e.problems()[1].line, 3u);
        EXPECT_EQ(e.problems()[1].column, 2u);
        EXPECT_EQ(e.problems()[2].line, 4u);
        EXPECT_EQ(e.problems()[2].field, "rate");
        EXPECT_NE(std::string(e.what()).find("rates.csv:2:1"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)q::parse_rates_csv("day,from,to,rate\n"), FormatError);
    EXPECT_THROW((void)q::parse_rates_csv(""), FormatError);
}

TEST(Conversion, GrowthAndOutstandingBalancesConvert) {
    const Dataset ds = usd_projects();
    // H1 2020: 1亿 USD × 7.0 = 7亿 (project 2 is in H2); H1 2019: 10亿 + 2亿 × 6.9 = 23.8亿:
    // 7 / 23.8 - 1 = -16.8/23.8 = -12/17.
    const q::Table g = q::from(ds, ds.projects())
                           .aggregate(q::growth(&Project::contract_investment, Stage::contracted, Period::half_year(2020, 1))
                                          .converted(dated_usd()));
    EXPECT_EQ(g.at(0, 0), q::Cell{(q::ReportedPercent{Percent(Ratio(-12, 17)), Bound::exact, false})});
    EXPECT_THROW((void)q::from(ds, ds.projects())
                     .aggregate(q::growth(&Project::contract_investment, Stage::contracted, Period::half_year(2020, 1))),
                 QueryError);

    // Loans: 1000万 USD and 5000万 CNY outstanding on 2020-07-31; USD at the day's rate 7.1.
    Batch b;
    b.parks = {make_park(1)};
    b.banks = {make_bank(1)};
    Loan l1;
    l1.id = LoanId{1};
    l1.lender = BankId{1};
    l1.park = ParkId{1};
    l1.commitment = amount(usd(10'000'000));
    l1.snapshots = {snapshot(day(2020, 6, 30), usd(10'000'000))};
    Loan l2 = l1;
    l2.id = LoanId{2};
    l2.commitment = amount(cny("5000万"));
    l2.snapshots = {snapshot(day(2020, 6, 30), cny("5000万"))};
    b.loans = {l1, l2};
    Dataset loans;
    loans.insert(std::move(b));
    const q::Table o = q::from(loans, loans.loans()).aggregate(q::outstanding_as_of(day(2020, 7, 31)).converted(dated_usd()));
    EXPECT_EQ(as_amount(o.at(0, 0)).value, cny("12100万"));  // 1000万 × 7.1 + 5000万
    EXPECT_THROW((void)q::from(loans, loans.loans()).aggregate(q::outstanding_as_of(day(2020, 7, 31))), QueryError);
}

TEST(Conversion, ReconcileCountsNeedNoRateAndSumsTakeOne) {
    // One USD project among CNY ones: the count statistic reconciles without a rate; the money
    // statistic names the currencies and the way out, and with a rate sums in CNY.
    Batch b;
    b.parks = {make_park(1)};
    const auto add = [&](std::uint64_t id, Money m) {
        Project p = make_project(id, 1);
        p.contract_investment = amount(m);
        p.stages = {event(Stage::contracted, ReportedDate::day(2020, 3, 1))};
        b.projects.push_back(p);
    };
    add(1, cny("3亿"));
    add(2, usd(10'000'000));
    ReportedStatistic count;
    count.id = StatisticId{1};
    count.scope = ParkId{1};
    count.period = Period::half_year(2020, 1);
    count.indicator = Indicator::signed_projects;
    count.value = std::int64_t{2};
    count.unit = "个";
    count.label = "签约项目";
    ReportedStatistic money = count;
    money.id = StatisticId{2};
    money.indicator = Indicator::contract_investment;
    money.value = cny("5亿");
    money.unit = "";
    money.label = "签约金额";
    b.statistics = {count};
    Dataset counts;
    {
        Batch c = b;
        counts.insert(std::move(c));
    }
    const q::Table t = q::reconcile(counts);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t.at(0, 4), q::Cell{std::int64_t{2}});
    EXPECT_TRUE(std::holds_alternative<std::monostate>(t.at(0, 5)));  // two currencies: no itemized sum shown

    b.statistics = {count, money};
    Dataset both;
    both.insert(std::move(b));
    try {
        (void)q::reconcile(both);
        FAIL();
    } catch (const QueryError& e) {
        EXPECT_NE(std::string(e.what()).find("is in CNY but an itemized amount is in USD; pass a Conversion"), std::string::npos)
            << e.what();
    }
    q::Conversion c;
    c.rates = {ExchangeRate(Currency::USD, Currency::CNY, rate("7"))};
    const q::Table r = q::reconcile(both, c);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(as_amount(r.at(1, 5)).value, cny("3.7亿"));  // 3亿 + 1000万 USD × 7
}

}  // namespace
