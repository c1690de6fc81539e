// SPDX-License-Identifier: MIT
// `parkinvest query --list`: one row per record, with the columns, order and limit asked, checked
// against rows computed here from the records by a plain loop and a comparator written out.
#include <parkinvest/io/io.hpp>
#include <parkinvest/parkinvest.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <gtest/gtest.h>

#include "support/cli_run.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace parkinvest {
namespace {

using test::Cli;
using test::CliRun;

/// The CSV rows (after the header) of a query's output; cells hold no commas or quotes here.
std::vector<std::vector<std::string>> csv_rows(const CliRun& r) {
    EXPECT_EQ(r.status, 0) << r.err;
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(r.out);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream l(line);
        while (std::getline(l, cell, ',')) cells.push_back(cell);
        if (line.ends_with(',')) cells.emplace_back();
        rows.push_back(cells);
    }
    return rows;
}

/// The zone (top-level park) a park belongs to.
ParkId zone_of(const Dataset& ds, ParkId p) {
    for (const Park* park = ds.find(p); park != nullptr && park->parent; park = ds.find(*park->parent)) p = *park->parent;
    return p;
}

/// Which side of its figure a bound puts the true value: 以上/超过 above, 以下/不足 below.
int side(Bound b) {
    if (b == Bound::at_least || b == Bound::more_than) return 1;
    if (b == Bound::at_most || b == Bound::less_than) return -1;
    return 0;
}

struct Expected {
    std::uint64_t id;
    const ReportedAmount* amount;
};

class CliList : public ::testing::Test {
protected:
    void SetUp() override {
        samples::SyntheticOptions o;
        o.seed = 13;
        o.parks = 3;
        o.projects = 600;
        o.loans = 40;
        ds_ = samples::synthetic_dataset(o);
        io::save(ds_, cli_.folder() / "syn.json");
    }

    /// The projects of zone 1 (with its sub-parks) ordered by planned investment in `direction`
    /// the way the help says: the figure, then at one figure the bound's side, then the id; empty
    /// cells last.
    std::vector<Expected> expected(bool descending) const {
        std::vector<Expected> rows;
        for (const Project& p : ds_.projects())
            if (zone_of(ds_, p.park) == ParkId{1})
                rows.push_back({p.id.value(), p.planned_investment ? &*p.planned_investment : nullptr});
        std::stable_sort(rows.begin(), rows.end(), [&](const Expected& a, const Expected& b) {
            if ((a.amount == nullptr) != (b.amount == nullptr)) return b.amount == nullptr;
            if (a.amount != nullptr) {
                const auto x = a.amount->value.units(), y = b.amount->value.units();
                if (x != y) return descending ? x > y : x < y;
                const int sx = side(a.amount->bound), sy = side(b.amount->bound);
                if (sx != sy) return descending ? sx > sy : sx < sy;
            }
            return a.id < b.id;
        });
        return rows;
    }

    CliRun list(std::vector<std::string> extra) const {
        std::vector<std::string> args{"query", "syn.json", "--entity", "projects", "--list", "--format", "csv", "--lang", "en"};
        args.insert(args.end(), extra.begin(), extra.end());
        return cli_(args);
    }

    Cli cli_;
    Dataset ds_;
};

TEST_F(CliList, OrdersByAnAmountWithItsBoundInBothDirectionsAndLimits) {
    for (const bool descending : {true, false}) {
        const std::vector<Expected> all = expected(descending);
        ASSERT_GT(all.size(), 100U);
        bool bounded = false, empty = false;
        for (const Expected& e : all) {
            bounded = bounded || (e.amount != nullptr && e.amount->bound != Bound::exact);
            empty = empty || e.amount == nullptr;
        }
        ASSERT_TRUE(bounded && empty) << "the data should hold bounded and missing amounts";
        for (const std::size_t limit : {std::size_t{0}, std::size_t{1}, std::size_t{17}, all.size(), all.size() + 5}) {
            const auto rows = csv_rows(list({"--where", "park=1", "--columns", "id,planned_investment", "--order-by",
                                             std::string("planned_investment:") + (descending ? "desc" : "asc"), "--limit",
                                             std::to_string(limit)}));
            const std::size_t n = std::min(limit, all.size());
            ASSERT_EQ(rows.size(), n) << "limit " << limit;
            for (std::size_t i = 0; i < n; ++i) {
                const Expected& e = all[i];
                ASSERT_EQ(rows[i].size(), 4U);  // id, amount, its bound, its currency
                EXPECT_EQ(rows[i][0], std::to_string(e.id)) << "row " << i;
                if (e.amount == nullptr) {
                    EXPECT_EQ(rows[i][1] + rows[i][2] + rows[i][3], "") << "row " << i;
                    continue;
                }
                EXPECT_EQ(Money::parse(rows[i][1] + " " + rows[i][3]), e.amount->value) << "row " << i;
                EXPECT_EQ(rows[i][2], enum_name(e.amount->bound)) << "row " << i;
            }
        }
    }
}

TEST_F(CliList, DefaultColumnsAreIdNameParkAndTheOrderingColumnInRecordOrderWithoutOrdering) {
    const auto rows = csv_rows(list({"--limit", "5"}));
    ASSERT_EQ(rows.size(), 5U);
    for (std::size_t i = 0; i < 5; ++i) {
        const Project& p = ds_.projects()[i];
        ASSERT_EQ(rows[i].size(), 3U);
        EXPECT_EQ(rows[i][0], std::to_string(p.id.value()));
        EXPECT_EQ(rows[i][1], p.name.en ? *p.name.en : p.name.zh);
        const Park& park = ds_.get(p.park);
        EXPECT_EQ(rows[i][2], park.name.en ? *park.name.en : park.name.zh);
    }
    const CliRun ordered = list({"--order-by", "contract_investment:desc", "--limit", "1"});
    EXPECT_EQ(ordered.out.substr(0, ordered.out.find('\r')),
              "id,name,park,contract investment,contract investment bound,contract investment currency");
}

TEST_F(CliList, StageAndOutstandingColumnsAsOfADay) {
    const Date day = ReportedDate::parse("2020-06-30").last();
    const auto stages = csv_rows(list({"--columns", "id,stage@2020-06-30"}));
    ASSERT_EQ(stages.size(), ds_.projects().size());
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const std::optional<Stage> s = ds_.projects()[i].stage_as_of(day);
        EXPECT_EQ(stages[i].at(1), s ? std::string(label(*s, Language::english)) : std::string()) << "project " << stages[i][0];
    }
    const auto loans = csv_rows(cli_({"query", "syn.json", "--entity", "loans", "--list", "--columns", "id,outstanding@2020-06-30",
                                      "--format", "csv"}));
    ASSERT_EQ(loans.size(), ds_.loans().size());
    for (std::size_t i = 0; i < loans.size(); ++i) {
        const std::optional<Money> m = ds_.loans()[i].outstanding_as_of(day);
        if (m) EXPECT_EQ(Money::parse(loans[i].at(1) + " " + loans[i].at(3)), *m) << "loan " << loans[i][0];
        else EXPECT_EQ(loans[i].at(1), "") << "loan " << loans[i][0];
    }
}

TEST_F(CliList, MistakesAreUsageErrorsThatNameTheProblem) {
    const auto expect = [&](std::vector<std::string> args, int status, const std::string& message) {
        const CliRun r = list(std::move(args));
        EXPECT_EQ(r.status, status) << r.err;
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    };
    expect({"--columns", "id,nope"}, 2, "unknown list column 'nope' for project (id, name, park, contract_investment");
    expect({"--columns", "id,,name"}, 2, "--columns needs names separated by single commas");
    expect({"--columns", "outstanding@2020-06-30"}, 2, "unknown list column 'outstanding@2020-06-30' for project");
    expect({"--order-by", "planned_investment:down"}, 2, "--order-by takes COLUMN[:asc|:desc]");
    expect({"--order-by", "name"}, 2, "--order-by takes a column of figures (an amount FIELD or outstanding@DATE), not 'name'");
    expect({"--order-by", "stage@2020-06-30:desc"}, 2, "--order-by takes a column of figures");
    expect({"--limit", "-1"}, 2, "--limit needs a whole number of rows, not '-1'");
    expect({"--agg", "count"}, 2, "--list takes no --group-by or --agg");
    expect({"--rate", "USD/CNY=7"}, 2, "rates are for aggregates");
    expect({"--where", "park=424242"}, 1, "--where park=424242");
    const CliRun no_list = cli_({"query", "syn.json", "--entity", "projects", "--agg", "count", "--limit", "3"});
    EXPECT_EQ(no_list.status, 2);
    EXPECT_NE(no_list.err.find("--limit belongs to a list query: add --list"), std::string::npos) << no_list.err;
}

}  // namespace
}  // namespace parkinvest
