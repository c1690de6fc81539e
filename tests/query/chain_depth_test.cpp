// SPDX-License-Identifier: MIT
// Group keys that roll parks up to their zone (by_zone) and industries up to a level (by_industry)
// are right at any depth the Dataset accepts (chains of up to 10,000), and resolve each park or
// industry once: one step per parent link, however the records are ordered.
#include <parkinvest/query/query.hpp>
#include <parkinvest/query/table.hpp>

#include "support/builders.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace parkinvest {
namespace {

namespace q = parkinvest::query;
using test::make_industry;
using test::make_park;
using test::make_project;

/// A zone of `n` parks in one chain (park 1 the zone, park k below park k - 1), a second zone of
/// three parks (n + 1 above n + 2 above n + 3), and one project in each park; project k is in
/// industry min(k, n) of a chain of n industries (industry 1 the root, k below k - 1).
/// `leaf_first` lists the records from the bottom of the chains up.
Dataset chains(std::uint64_t n, bool leaf_first) {
    Batch b;
    for (std::uint64_t id = 1; id <= n + 3; ++id) {
        const bool top = id == 1 || id == n + 1;
        b.parks.push_back(make_park(id, top ? std::nullopt : std::optional(id - 1)));
        if (id <= n) b.industries.push_back(make_industry(id, "链", "c" + std::to_string(id), id == 1 ? std::nullopt : std::optional(id - 1)));
        Project p = make_project(id, id);
        p.industries = {IndustryId{std::min(id, n)}};
        b.projects.push_back(std::move(p));
    }
    if (leaf_first) {
        std::reverse(b.parks.begin(), b.parks.end());
        std::reverse(b.industries.begin(), b.industries.end());
    }
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

/// The rows of a one-key count query: group label → count.
template <class Key>
std::map<std::string, std::int64_t> counts(const Dataset& ds, const Key& key) {
    const q::Table t = q::from(ds, ds.projects()).group_by(key).aggregate(q::count());
    std::map<std::string, std::int64_t> out;
    for (std::size_t r = 0; r < t.size(); ++r) {
        const bool fresh = out.emplace(q::Table::text(t.at(r, 0), Language::chinese), std::get<std::int64_t>(t.at(r, 1))).second;
        EXPECT_TRUE(fresh) << "two rows for one group";
    }
    return out;
}

/// What by_zone must give, by construction: the n parks of the chain under 园区1, three under the
/// second zone.
std::map<std::string, std::int64_t> zones_expected(std::uint64_t n) {
    return {{"园区1", static_cast<std::int64_t>(n)}, {"园区" + std::to_string(n + 1), 3}};
}

/// What by_industry(level) must give (level < n): industry k (depth k - 1) groups under itself
/// when k - 1 <= level, else under industry level + 1: one project each for industries 1 …
/// level, the other n + 3 - level (three of them in industry n) under industry level + 1.
std::map<std::string, std::int64_t> industries_expected(std::uint64_t n, std::uint64_t level) {
    std::map<std::string, std::int64_t> out;
    for (std::uint64_t k = 1; k <= level; ++k) out["产业c" + std::to_string(k)] = 1;
    out["产业c" + std::to_string(level + 1)] = static_cast<std::int64_t>(n + 3 - level);
    return out;
}

TEST(QueryChainDepth, ASeventyLevelParkChainIsOneZone) {
    // Was: the walk to the zone stopped after 64 links, so parks 66-70 landed under parks 2-6:
    // one zone split into six rows, 65 of its 70 projects under park 1.
    for (const bool leaf_first : {false, true}) {
        SCOPED_TRACE(leaf_first ? "leaf first" : "root first");
        const Dataset ds = chains(70, leaf_first);
        EXPECT_EQ(counts(ds, q::by_zone()), zones_expected(70));
        EXPECT_EQ(counts(ds, q::by_industry(0)), industries_expected(70, 0));
        EXPECT_EQ(counts(ds, q::by_industry(5)), industries_expected(70, 5));
        EXPECT_EQ(counts(ds, q::by_industry(69)), industries_expected(70, 69));
        // by_parent_park follows one link.
        const auto parents = counts(ds, q::by_parent_park());
        EXPECT_EQ(parents.at("园区1"), 2);  // park 1 (a zone, under itself) and park 2
        EXPECT_EQ(parents.at("园区69"), 1);
    }
}

TEST(QueryChainDepth, ATenThousandLevelChainTheDatasetAcceptsRollsUpToItsRoot) {
    const Dataset ds = chains(10'000, true);
    ASSERT_EQ(ds.parks().size(), 10'003u);
    ASSERT_EQ(ds.industries().size(), 10'000u);
    EXPECT_EQ(counts(ds, q::by_zone()), zones_expected(10'000));
    EXPECT_EQ(counts(ds, q::by_industry(0)), industries_expected(10'000, 0));
    EXPECT_EQ(counts(ds, q::by_industry(63)), industries_expected(10'000, 63));
    EXPECT_EQ(counts(ds, q::by_industry(9'999)), industries_expected(10'000, 9'999));
}

TEST(QueryChainDepth, ResolvingAncestorsFollowsEachParentLinkOnce) {
    // Chains of n and 8n parks (plus the three of the second zone): n + 1 and 8n + 1 links in
    // all (n - 1 in the chain, 2 in the second zone), each followed once whichever record comes
    // first; the same for the industries (n - 1 links): the work is linear in the chain's
    // length, not quadratic.
    for (const bool leaf_first : {false, true}) {
        SCOPED_TRACE(leaf_first ? "leaf first" : "root first");
        std::map<std::uint64_t, std::size_t> steps;
        for (const std::uint64_t n : {500u, 4000u}) {
            const Dataset ds = chains(n, leaf_first);
            std::size_t park_steps = 0;
            const auto zones = q::detail::ancestors_at(ds, ds.parks(), 0, &park_steps);
            std::size_t industry_steps = 0;
            const auto levels = q::detail::ancestors_at(ds, ds.industries(), 7, &industry_steps);
            EXPECT_EQ(zones.at(ParkId{n}), ParkId{1});
            EXPECT_EQ(zones.at(ParkId{n + 3}), ParkId{n + 1});
            EXPECT_EQ(levels.at(IndustryId{n}), IndustryId{8});
            EXPECT_EQ(levels.at(IndustryId{5}), IndustryId{5});
            EXPECT_EQ(park_steps, (n - 1) + 2);
            EXPECT_EQ(industry_steps, n - 1);  // one chain of n industries
            steps[n] = park_steps;
        }
        EXPECT_EQ(steps[4000] - 1, 8 * (steps[500] - 1));  // (8n + 1) - 1 = 8 × ((n + 1) - 1)
    }
}

}  // namespace
}  // namespace parkinvest
