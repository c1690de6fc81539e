// SPDX-License-Identifier: MIT
// Bounds through every aggregate (query/bounds.hpp): sums, averages, min, max, shares and growth
// of bounded amounts, for every combination of bounds, against the corner-sampling reference of
// tests/support/interval_reference.hpp; and top-N ranks the bounds leave open.
#include <parkinvest/query/query.hpp>

#include "support/builders.hpp"
#include "support/interval_reference.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace parkinvest;
using namespace parkinvest::test;
namespace q = parkinvest::query;
namespace ref = parkinvest::test::bounds;

constexpr std::array<Bound, 7> all_bounds{Bound::exact,  Bound::at_least, Bound::more_than, Bound::about,
                                          Bound::nearly, Bound::at_most,  Bound::less_than};

/// Figures in whole yuan; the reference works in units of 1/10,000 yuan like Money.
ReportedAmount amt(std::int64_t yuan, Bound b) { return amount(Money::of(yuan), b); }
ref::Input input(std::int64_t yuan, Bound b) { return {ref::Q(yuan * 10000), b}; }

/// What a library cell states, in the reference's terms.
ref::Stated stated(const q::Cell& c) {
    if (const auto* a = std::get_if<ReportedAmount>(&c))
        return {ref::Q(boost::multiprecision::cpp_int(test::dec(a->value.units()))), a->bound};
    if (const auto* p = std::get_if<q::ReportedPercent>(&c))
        return {ref::Q(boost::multiprecision::cpp_int(test::dec(p->value.fraction().numerator())),
                       boost::multiprecision::cpp_int(test::dec(p->value.fraction().denominator()))),
                p->bound};
    EXPECT_TRUE(std::holds_alternative<q::Undetermined>(c)) << q::Table::text(c, Language::english);
    return {};
}

std::string show(const ref::Stated& s) {
    if (!s.figure) return "undetermined";
    return std::string(label(s.bound, Language::english)) + " " + s.figure->str();
}

/// A dataset of one park and one project per amount, each in `group` "g" or "r" and signed in
/// H1 of `year`.
struct Item {
    std::int64_t yuan;
    Bound bound;
    std::string group = "g";
    int year = 2020;
};
Dataset dataset(const std::vector<Item>& items) {
    Batch b;
    b.parks = {make_park(1)};
    std::uint64_t id = 0;
    for (const Item& it : items) {
        Project p = named(make_project(++id, 1), it.group);
        p.contract_investment = amt(it.yuan, it.bound);
        p.stages = {event(Stage::contracted, ReportedDate::day(it.year, 3, 1))};
        b.projects.push_back(p);
    }
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

/// Every combination of `k` bounds over the figures `figures` (one per position).
template <class F>
void each_combination(std::size_t k, F f) {
    std::vector<std::size_t> idx(k, 0);
    for (;;) {
        std::vector<Bound> bs;
        for (const std::size_t i : idx) bs.push_back(all_bounds[i]);
        f(bs);
        std::size_t p = 0;
        while (p < k && ++idx[p] == all_bounds.size()) idx[p++] = 0;
        if (p == k) return;
    }
}

/// Figure patterns: distinct, tied and with a zero (不足0 is skipped: no amount is below 0).
const std::vector<std::vector<std::int64_t>> patterns2{{100, 200}, {300, 300}, {0, 500}};
const std::vector<std::vector<std::int64_t>> patterns3{{100, 200, 400}, {300, 300, 300}, {0, 500, 700}};

/// x rounded to an integer, ties to even.
ref::Q half_even(const ref::Q& x) {
    using boost::multiprecision::cpp_int;
    const cpp_int fl = numerator(x) / denominator(x) - (numerator(x) % denominator(x) < 0 ? 1 : 0);
    const ref::Q frac = x - ref::Q(fl);
    if (frac > ref::Q(1, 2) || (frac == ref::Q(1, 2) && fl % 2 != 0)) return ref::Q(fl + 1);
    return ref::Q(fl);
}

bool valid(const std::vector<std::int64_t>& figures, const std::vector<Bound>& bs) {
    for (std::size_t i = 0; i < bs.size(); ++i)
        if (figures[i] == 0 && bs[i] == Bound::less_than) return false;
    return true;
}

TEST(QueryBounds, SumMinMaxAverageOfEveryCombinationAgreeWithTheCornerReference) {
    std::size_t checked = 0;
    for (const std::size_t k : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
        const auto& patterns = k == 3 ? patterns3 : patterns2;
        for (const auto& figures : patterns) {
            each_combination(k, [&](const std::vector<Bound>& bs) {
                if (!valid(figures, bs)) return;
                std::vector<Item> items;
                std::vector<ref::Input> inputs;
                for (std::size_t i = 0; i < k; ++i) {
                    items.push_back({figures[i], bs[i]});
                    inputs.push_back(input(figures[i], bs[i]));
                }
                const Dataset ds = dataset(items);
                const q::Table t = q::from(ds, ds.projects())
                                       .aggregate(q::sum(&Project::contract_investment), q::min(&Project::contract_investment),
                                                  q::max(&Project::contract_investment),
                                                  q::average(&Project::contract_investment, RoundingMode::half_even));
                std::string what;
                for (std::size_t i = 0; i < k; ++i) what += " " + std::string(label(bs[i], Language::english)) + " " + std::to_string(figures[i]);
                const ref::Stated s = ref::sum(inputs);
                EXPECT_EQ(stated(t.at(0, 0)), s) << "sum of" << what << ": " << q::Table::text(t.at(0, 0), Language::english)
                                                 << " expected " << show(s);
                const ref::Stated lo = ref::extreme(inputs, false);
                EXPECT_EQ(stated(t.at(0, 1)), lo) << "min of" << what << ": " << q::Table::text(t.at(0, 1), Language::english)
                                                  << " expected " << show(lo);
                const ref::Stated hi = ref::extreme(inputs, true);
                EXPECT_EQ(stated(t.at(0, 2)), hi) << "max of" << what << ": " << q::Table::text(t.at(0, 2), Language::english)
                                                  << " expected " << show(hi);
                // The average is the sum's statement divided by the count (rounded half-even).
                ref::Stated avg = s;
                if (avg.figure) avg.figure = half_even(*avg.figure / static_cast<long long>(k));
                EXPECT_EQ(stated(t.at(0, 3)), avg) << "average of" << what;
                ++checked;
            });
        }
    }
    EXPECT_GT(checked, 1100u);
}

TEST(QueryBounds, ShareOfEveryCombinationAgreesWithTheCornerReference) {
    // Group g holds one amount, the rest two: 7^3 bound combinations over three figure patterns.
    std::size_t checked = 0;
    for (const auto& figures : patterns3) {
        each_combination(3, [&](const std::vector<Bound>& bs) {
            if (!valid(figures, bs)) return;
            const Dataset ds = dataset({{figures[0], bs[0], "g"}, {figures[1], bs[1], "r"}, {figures[2], bs[2], "r"}});
            const q::Table t = q::from(ds, ds.projects())
                                   .group_by(q::by("组", "group", [](const Project& p) { return p.name.zh; }))
                                   .aggregate(q::share(&Project::contract_investment));
            ASSERT_EQ(t.size(), 2u);
            const std::size_t row = q::Table::text(t.at(0, 0), Language::chinese) == "g" ? 0 : 1;
            const ref::Stated expected = ref::share({input(figures[0], bs[0])}, {input(figures[1], bs[1]), input(figures[2], bs[2])});
            EXPECT_EQ(stated(t.at(row, 1)), expected)
                << "share of " << label(bs[0], Language::english) << " " << figures[0] << " against "
                << label(bs[1], Language::english) << " " << figures[1] << " + " << label(bs[2], Language::english) << " "
                << figures[2] << ": " << q::Table::text(t.at(row, 1), Language::english) << " expected " << show(expected);
            ++checked;
        });
    }
    EXPECT_GT(checked, 900u);
}

TEST(QueryBounds, GrowthOfEveryCombinationAgreesWithTheCornerReference) {
    // Two amounts now (H1 2020) and one a year before, and one now against two before.
    std::size_t checked = 0;
    for (const bool two_now : {true, false}) {
        for (const auto& figures : patterns3) {
            each_combination(3, [&](const std::vector<Bound>& bs) {
                if (!valid(figures, bs)) return;
                const int y1 = 2020;
                const int y2 = two_now ? 2020 : 2019;
                const Dataset ds = dataset({{figures[0], bs[0], "g", y1}, {figures[1], bs[1], "g", y2}, {figures[2], bs[2], "g", 2019}});
                std::vector<ref::Input> now{input(figures[0], bs[0])};
                std::vector<ref::Input> before{input(figures[2], bs[2])};
                (two_now ? now : before).push_back(input(figures[1], bs[1]));
                // No growth from an amount that is exactly zero.
                bool zero_before = true;
                for (const ref::Input& b : before) zero_before = zero_before && b.v == 0 && b.b == Bound::exact;
                const q::Table t = q::from(ds, ds.projects())
                                       .aggregate(q::growth(&Project::contract_investment, Stage::contracted, Period::half_year(2020, 1)));
                if (zero_before) {
                    EXPECT_TRUE(std::holds_alternative<std::monostate>(t.at(0, 0)));
                } else {
                    const ref::Stated expected = ref::growth(now, before);
                    EXPECT_EQ(stated(t.at(0, 0)), expected)
                        << "growth " << (two_now ? "2 now" : "2 before") << " " << label(bs[0], Language::english) << " "
                        << figures[0] << ", " << label(bs[1], Language::english) << " " << figures[1] << ", "
                        << label(bs[2], Language::english) << " " << figures[2] << ": "
                        << q::Table::text(t.at(0, 0), Language::english) << " expected " << show(expected);
                }
                ++checked;
            });
        }
    }
    EXPECT_GT(checked, 1800u);
}

TEST(QueryBounds, TheIssuesExamples) {
    // 10亿以上 (2019) -> 约12亿 + 11亿 (2020): at most about 130%, and it could be negative.
    const Dataset g = dataset({{1'000'000'000, Bound::at_least, "g", 2019},
                               {1'200'000'000, Bound::about, "g", 2020},
                               {1'100'000'000, Bound::exact, "g", 2020}});
    const q::Table gt = q::from(g, g.projects())
                            .aggregate(q::growth(&Project::contract_investment, Stage::contracted, Period::half_year(2020, 1)),
                                       q::sum(&Project::contract_investment));
    EXPECT_EQ(q::Table::text(gt.at(0, 0), Language::chinese), "不超过130.0%");
    EXPECT_EQ(q::Table::text(gt.at(0, 0), Language::english), "at most 130.0%");
    EXPECT_EQ(q::Table::text(gt.at(0, 1), Language::chinese), "33亿元以上");  // 10 + 约12 + 11
    // max {3亿元以上, 5亿元} is 5亿元以上; min is at most 5亿元.
    const Dataset m = dataset({{300'000'000, Bound::at_least}, {500'000'000, Bound::exact}});
    const q::Table mt = q::from(m, m.projects()).aggregate(q::max(&Project::contract_investment), q::min(&Project::contract_investment));
    EXPECT_EQ(q::Table::text(mt.at(0, 0), Language::chinese), "5亿元以上");
    EXPECT_EQ(q::Table::text(mt.at(0, 1), Language::chinese), "不超过5亿元");
    // 10亿以上 -> 20亿以上: cannot be determined, in every form.
    const Dataset u = dataset({{1'000'000'000, Bound::at_least, "g", 2019}, {2'000'000'000, Bound::at_least, "g", 2020}});
    const q::Table ut = q::from(u, u.projects())
                            .aggregate(q::growth(&Project::contract_investment, Stage::contracted, Period::half_year(2020, 1)));
    EXPECT_TRUE(std::holds_alternative<q::Undetermined>(ut.at(0, 0)));
    EXPECT_EQ(q::Table::text(ut.at(0, 0), Language::chinese), "无法确定");
    EXPECT_EQ(ut.to_csv(), "year on year,year on year bound\r\n,undetermined\r\n");
    EXPECT_EQ(ut.to_json(), "[\n {\"year on year\": {\"percent\": null, \"bound\": \"undetermined\"}}\n]\n");
}

// ------------------------------------------------------------------ top-N ranks

/// The rank labels of top(n) by the first aggregate column, in order.
std::vector<std::string> ranks(const q::Table& t) {
    std::vector<std::string> out;
    for (std::size_t r = 0; r < t.size(); ++r) out.push_back(q::Table::text(t.at(r, 0), Language::english));
    return out;
}

/// A slow reference for rank ranges: row A may rank anywhere from 1 + #(rows surely above A) to
/// m - #(rows surely below A), "surely above" decided on the corner values of each bound.
bool surely_above(const ref::Input& b, const ref::Input& a) {
    const ref::Q big = ref::Q(boost::multiprecision::cpp_int(1) << 140);
    const ref::Q delta = ref::Q(1, 998244353);
    const auto cb = ref::corners(b, 0, delta, big);
    const auto ca = ref::corners(a, 0, delta, big);
    return *std::min_element(cb.begin(), cb.end()) > *std::max_element(ca.begin(), ca.end());
}
std::string ref_rank(const std::vector<ref::Input>& xs, std::size_t a) {
    std::size_t above = 0, below = 0;
    for (std::size_t b = 0; b < xs.size(); ++b) {
        if (b == a) continue;
        if (surely_above(xs[b], xs[a])) ++above;
        if (surely_above(xs[a], xs[b])) ++below;
    }
    const std::size_t first = 1 + above, last = xs.size() - below;
    return first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
}

TEST(QueryTop, RanksTheBoundsLeaveOpenAgreeWithAReference) {
    // Every combination of three bounds over figures 1000, 1100, 1100 (one group each).
    std::size_t checked = 0;
    each_combination(3, [&](const std::vector<Bound>& bs) {
        const std::vector<std::int64_t> figures{1000, 1100, 1100};
        const std::vector<std::string> names{"a", "b", "c"};
        std::vector<Item> items;
        std::vector<ref::Input> xs;
        for (std::size_t i = 0; i < 3; ++i) items.push_back({figures[i], bs[i], names[i]}), xs.push_back(input(figures[i], bs[i]));
        const Dataset ds = dataset(items);
        const q::Table t = q::from(ds, ds.projects())
                               .group_by(q::by("组", "group", [](const Project& p) { return p.name.zh; }))
                               .aggregate(q::sum(&Project::contract_investment))
                               .top(3, "sum");
        ASSERT_EQ(t.size(), 3u);
        EXPECT_EQ(t.columns()[0].name_en, "rank");
        for (std::size_t r = 0; r < 3; ++r) {
            const std::string g = q::Table::text(t.at(r, 1), Language::english);
            const std::size_t i = static_cast<std::size_t>(g[0] - 'a');
            EXPECT_EQ(q::Table::text(t.at(r, 0), Language::english), ref_rank(xs, i)) << g << " in " << t.to_text(Language::english);
        }
        // No row is listed after a row it is surely above.
        for (std::size_t r = 1; r < 3; ++r) {
            const std::size_t i = static_cast<std::size_t>(q::Table::text(t.at(r - 1, 1), Language::english)[0] - 'a');
            const std::size_t j = static_cast<std::size_t>(q::Table::text(t.at(r, 1), Language::english)[0] - 'a');
            EXPECT_FALSE(surely_above(xs[j], xs[i])) << t.to_text(Language::english);
        }
        ++checked;
    });
    EXPECT_EQ(checked, 343u);
}

TEST(QueryTop, TenBillionAndOverIsNotRankedBelowElevenBillion) {
    const Dataset ds = dataset({{1'000'000'000, Bound::at_least, "a"}, {1'100'000'000, Bound::exact, "b"}, {50, Bound::exact, "c"}});
    const q::Table t = q::from(ds, ds.projects())
                           .group_by(q::by("组", "group", [](const Project& p) { return p.name.zh; }))
                           .aggregate(q::sum(&Project::contract_investment))
                           .top(3, "sum");
    EXPECT_EQ(ranks(t), (std::vector<std::string>{"1-2", "1-2", "3"}));
}

TEST(QueryTop, RefusesAmountsOfSeveralCurrencies) {
    Batch b;
    b.parks = {make_park(1), make_park(2)};
    Project p = make_project(1, 1);
    p.contract_investment = amount(Money::of(5, Currency::CNY));
    Project r = make_project(2, 2);
    r.contract_investment = amount(Money::of(5, Currency::EUR));
    b.projects = {p, r};
    Dataset ds;
    ds.insert(std::move(b));
    const q::Table t = q::from(ds, ds.projects()).group_by(q::by_park()).aggregate(q::sum(&Project::contract_investment));
    try {
        (void)t.top(1, "sum");
        FAIL() << "ranked CNY against EUR";
    } catch (const QueryError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot rank CNY and EUR amounts"), std::string::npos) << e.what();
    }
}

TEST(QueryTable, CsvLayoutDependsOnTheColumnsNotTheData) {
    // A money column whose cells are all empty keeps its bound and currency columns; repeated
    // names are numbered.
    const Dataset ds = dataset({{100, Bound::exact}});
    const q::Table t = q::from(ds, ds.projects())
                           .where(q::matching([](const Project&) { return false; }))
                           .aggregate(q::sum(&Project::contract_investment), q::sum(&Project::contract_investment),
                                      q::share(&Project::contract_investment));
    EXPECT_EQ(t.to_csv(), "sum,sum bound,sum currency,sum (2),sum (2) bound,sum (2) currency,share,share bound\r\n,,,,,,,\r\n");
    EXPECT_EQ(t.to_csv(Language::chinese).substr(0, t.to_csv(Language::chinese).find('\r')),
              "金额合计,金额合计界限,金额合计币种,金额合计 (2),金额合计 (2)界限,金额合计 (2)币种,金额占比,金额占比界限");
}

}  // namespace

namespace {

TEST(QueryTable, QuantitiesAreExactInOneUnitPerColumnAndRoundedOnlyInText) {
    using parkinvest::query::Column;
    using parkinvest::query::ColumnKind;
    // 38269041.989 m² and 307亩 = 204666⅔ m² in one area column; 1.5 t in a mass column.
    const Area big = Area::parse("38269041.989平方米");
    const Area mu = Area::of(307, AreaKind::Unit::mu);
    const q::Table t({Column{"k", "k", true, ColumnKind::label}, Column{"area", "area", false, ColumnKind::area},
                      Column{"mass", "mass", false, ColumnKind::mass}},
                     {{q::Label{"a", "a"}, big, Mass::parse("1.5吨")}, {q::Label{"b", "b"}, mu, q::Cell{}}});
    // CSV: m² exact when it terminates, and always the exact count of 1/30,000 m² (30,000 × m²).
    EXPECT_EQ(t.to_csv(), "k,area (m2),area (1/30000 m2),mass (t)\r\n"
                          "a,38269041.989,1148071259670,1.5\r\n"
                          "b,,6140000000,\r\n");
    EXPECT_EQ(1148071259670, 38269041989LL * 30);      // 38269041.989 × 30,000
    EXPECT_EQ(6140000000LL, 307LL * 20'000'000);       // 亩 = 20,000,000 counts
    const std::string json = t.to_json();
    EXPECT_NE(json.find("\"area\": {\"m2\": null, \"count_of_1_30000_m2\": \"6140000000\"}"), std::string::npos) << json;
    EXPECT_NE(json.find("\"mass\": {\"t\": \"1.5\"}"), std::string::npos) << json;
    // Text: one unit for the column (km², the column reaches 1 km²), rounded, with the note.
    const std::string text = t.to_text(Language::english);
    EXPECT_NE(text.find("38.269042 km²"), std::string::npos) << text;
    EXPECT_NE(text.find("0.204667 km²"), std::string::npos) << text;
    EXPECT_NE(text.find("Note: quantities rounded half-up to 6 decimals (CSV and JSON are exact)"), std::string::npos) << text;
    // A huge area (2^120 counts, about 4.4 × 10^25 km²) is shown, not an overflow.
    const q::Table huge({Column{"area", "area", false, ColumnKind::area}},
                        {{Area::from_base(parkinvest::detail::i128(1) << 120)}});
    EXPECT_NO_THROW((void)huge.to_text(Language::english));
    // Nothing rounded: no note.
    const q::Table exact({Column{"area", "area", false, ColumnKind::area}}, {{Area::of(2, AreaKind::Unit::square_metre)}});
    EXPECT_EQ(exact.to_text(Language::english).find("Note"), std::string::npos);
}

}  // namespace
