// SPDX-License-Identifier: MIT
// Queries over part of the projects: a part of ds.projects() (subspan, first, last) and a list
// of ids (from(ds, ids), ds.projects_in(park)) are scanned as ds.project_columns() rows; each must
// give the table the record path gives over a copy of the same records (the record path is
// checked against plain loops by differential_test.cpp). Also the errors of from(ds, ids).
#include <parkinvest/query/query.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace parkinvest {
namespace {

namespace q = parkinvest::query;

Dataset make_dataset() {
    samples::SyntheticOptions o;
    o.seed = 21;
    o.parks = 6;  // 18 parks with the sub-parks
    o.projects = 3000;
    o.loans = 200;
    return samples::synthetic_dataset(o);
}

const Dataset& dataset() {
    static const Dataset ds = make_dataset();
    return ds;
}

/// The same queries over `records` (a span into ds or a copy) and over `ids`, as JSON texts.
template <class Source>
std::vector<std::string> run_all(const Dataset& ds, Source records) {
    const Date day = ReportedDate::parse("2020-06-30").last();
    const auto f = &Project::contract_investment;
    const auto signed_h1 = q::reached(Stage::contracted, day);
    std::vector<std::string> out;
    const auto keep = [&](const q::Table& t) { out.push_back(t.to_json()); };
    keep(q::from(ds, records).aggregate(q::count(), q::sum(f), q::share_of_count()));
    keep(q::from(ds, records).group_by(q::by_park()).aggregate(q::count(), q::sum(f), q::share(f), q::min(f), q::max(f)));
    keep(q::from(ds, records)
             .where(signed_h1 && q::amount_at_least(f, Money::parse("1000万")))
             .group_by(q::by_zone(), q::by_stage(day))
             .aggregate(q::count(), q::sum(&Project::planned_investment), q::average(f, RoundingMode::half_even)));
    keep(q::from(ds, records)
             .group_by(q::by_industry(0), q::by_amount_band(f, {Money::parse("1亿"), Money::parse("10亿")}))
             .aggregate(q::count(), q::share(f)));
    keep(q::from(ds, records).group_by(q::by_period(Stage::contracted, q::Bucket::half_year)).aggregate(q::count(), q::sum(f)));
    // A filter without a column form (by_park is read from the columns, this from the record).
    keep(q::from(ds, records)
             .where(q::matching([](const Project& p) { return p.id.value() % 3 != 0; }))
             .group_by(q::by_park())
             .aggregate(q::count(), q::funnel(Stage::contracted, day)));
    return out;
}

TEST(QuerySubset, PartsOfTheProjectsGiveTheTablesOfTheirRecords) {
    const Dataset& ds = dataset();
    const std::span<const Project> all = ds.projects();
    ASSERT_EQ(all.size(), 3000U);
    for (const auto& [offset, count] : std::vector<std::pair<std::size_t, std::size_t>>{
             {0, 3000}, {0, 2999}, {1, 2999}, {1000, 1}, {1234, 567}, {2999, 1}, {3000, 0}, {0, 0}}) {
        const std::span<const Project> part = all.subspan(offset, count);
        const std::vector<Project> copy(part.begin(), part.end());
        EXPECT_EQ(run_all(ds, part), run_all(ds, std::span<const Project>(copy))) << offset << "+" << count;
    }
}

TEST(QuerySubset, IdListsGiveTheTablesOfTheirRecordsInAnyOrder) {
    const Dataset& ds = dataset();
    // Each park's projects (ds.projects_in), and a scattered list in descending id order.
    std::size_t parks_with_projects = 0;
    for (const Park& park : ds.parks()) {
        const std::span<const ProjectId> ids = ds.projects_in(park.id);
        if (ids.empty()) continue;
        ++parks_with_projects;
        std::vector<Project> copy;
        for (const ProjectId id : ids) copy.push_back(*ds.find(id));
        EXPECT_EQ(run_all(ds, ids), run_all(ds, std::span<const Project>(copy))) << "park " << park.id.value();
    }
    EXPECT_GE(parks_with_projects, 10U);
    std::vector<ProjectId> scattered;
    std::vector<Project> copy;
    for (std::size_t i = ds.projects().size(); i-- > 0;) {
        if (i % 7 != 2) continue;
        scattered.push_back(ds.projects()[i].id);
        copy.push_back(ds.projects()[i]);
    }
    EXPECT_EQ(run_all(ds, std::span<const ProjectId>(scattered)), run_all(ds, std::span<const Project>(copy)));
    EXPECT_EQ(q::from(ds, scattered).aggregate(q::count()).to_json(), q::from(ds, std::span<const Project>(copy)).aggregate(q::count()).to_json());
    // Loans by id go the record path, with the same result as over their records.
    std::vector<LoanId> loan_ids;
    std::vector<Loan> loans;
    for (const Loan& l : ds.loans())
        if (l.id.value() % 2 == 0) loan_ids.push_back(l.id), loans.push_back(l);
    const auto loan_query = [&](auto source) {
        return q::from(ds, source).group_by(q::by_lender()).aggregate(q::count(), q::sum(&Loan::commitment)).to_json();
    };
    EXPECT_EQ(loan_query(std::span<const LoanId>(loan_ids)), loan_query(std::span<const Loan>(loans)));
}

TEST(QuerySubset, UnknownAndRepeatedIdsAreQueryErrors) {
    const Dataset& ds = dataset();
    const auto message = [&](const std::vector<ProjectId>& ids) {
        try {
            (void)q::from(ds, std::span<const ProjectId>(ids)).aggregate(q::count());
        } catch (const QueryError& e) {
            return std::string(e.what());
        }
        return std::string("no QueryError");
    };
    EXPECT_EQ(message({ProjectId{1}, ProjectId{424242}}), "parkinvest: from(ds, ids): the dataset has no project 424242");
    EXPECT_EQ(message({ProjectId{5}, ProjectId{6}, ProjectId{5}}), "parkinvest: from(ds, ids): project 5 is listed twice");
    // A long list (over 64 ids: the repeat is found through a table of rows, not pairwise).
    std::vector<ProjectId> many;
    for (std::uint64_t i = 1; i <= 500; ++i) many.push_back(ProjectId{i});
    many.push_back(ProjectId{321});
    EXPECT_EQ(message(many), "parkinvest: from(ds, ids): project 321 is listed twice");
    many.pop_back();
    EXPECT_EQ(message(many), "no QueryError");
    EXPECT_EQ(message({}), "no QueryError");
}

}  // namespace
}  // namespace parkinvest
