// SPDX-License-Identifier: MIT
// A filter naming a park or an industry the dataset does not have is a QueryError that names the
// filter and the id, when the query runs; it is not an empty answer.
#include <parkinvest/query/query.hpp>
#include <parkinvest/query/table.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <variant>

namespace parkinvest {
namespace {

namespace q = parkinvest::query;

const Dataset& sample() {
    static const Dataset ds = samples::high_tech_zones_2020();
    return ds;
}

template <class R, class F>
std::int64_t count_where(std::span<const R> records, F f) {
    const q::Table t = q::from(sample(), records).where(f).aggregate(q::count());
    return std::get<std::int64_t>(t.at(0, 0));
}

/// Runs `f` and expects a QueryError whose message holds each of `words`.
void expect_query_error(const std::function<void()>& f, std::initializer_list<std::string> words) {
    try {
        f();
        ADD_FAILURE() << "no QueryError";
    } catch (const QueryError& e) {
        for (const std::string& w : words) EXPECT_NE(std::string(e.what()).find(w), std::string::npos) << e.what() << " lacks " << w;
    }
}

TEST(QueryFilterIds, AParkTheDatasetDoesNotHaveIsAnErrorNamingTheFilterAndTheId) {
    const Dataset& ds = sample();
    ASSERT_FALSE(ds.contains(ParkId{424242}));
    expect_query_error([&] { (void)count_where(ds.projects(), q::in_park(ParkId{424242})); }, {"in_park", "424242"});
    expect_query_error([&] { (void)count_where(ds.projects(), q::in_park(ParkId{424242}, false)); }, {"in_park", "424242"});
    expect_query_error([&] { (void)count_where(ds.loans(), q::in_park(ParkId{424242})); }, {"in_park", "424242"});
    expect_query_error([&] { (void)count_where(ds.enterprises(), q::in_park(ParkId{424242})); }, {"in_park", "424242"});
    // Inside a combination too, even where the other side would decide alone.
    expect_query_error([&] { (void)count_where(ds.projects(), !q::in_park(ParkId{424242}) || q::in_park(ParkId{1})); },
                       {"in_park", "424242"});
}

TEST(QueryFilterIds, AnIndustryTheDatasetDoesNotHaveIsAnErrorNamingTheFilterAndTheId) {
    const Dataset& ds = sample();
    ASSERT_FALSE(ds.contains(IndustryId{77}));
    expect_query_error([&] { (void)count_where(ds.projects(), q::in_industry(IndustryId{77})); }, {"in_industry", "77"});
    expect_query_error([&] { (void)count_where(ds.enterprises(), q::in_industry(IndustryId{77})); }, {"in_industry", "77"});
}

TEST(QueryFilterIds, IdsTheDatasetHasSelectTheirRecordsEvenWhenThereAreNone) {
    const Dataset& ds = sample();
    // Counted here: the projects whose park is `park` or has it as parent (the sample's parks are
    // at most two levels deep).
    const auto in = [&](ParkId park) {
        std::int64_t n = 0;
        for (const Project& p : ds.projects()) n += p.park == park || ds.find(p.park)->parent == park ? 1 : 0;
        return n;
    };
    for (const Park& park : ds.parks()) EXPECT_EQ(count_where(ds.projects(), q::in_park(park.id)), in(park.id)) << park.name.zh;
    // 西部(重庆)科学城 is in the dataset and has no projects: zero, not an error.
    EXPECT_EQ(count_where(ds.projects(), q::in_park(samples::hz2020::science_city)), 0);
    for (const Industry& i : ds.industries()) EXPECT_NO_THROW((void)count_where(ds.projects(), q::in_industry(i.id)));
}

}  // namespace
}  // namespace parkinvest
