// SPDX-License-Identifier: MIT
// <parkinvest/fwd.hpp>: light (no Boost, no standard library beyond <cstdint>), enough to
// declare interfaces that name the types, and consistent with the defining headers: this file
// includes it first and every public header after it, so a declaration that differs (another
// underlying type, an alias of another type) fails to compile, and class/struct mismatches
// (which MSVC mangles differently) fail through -Wmismatched-tags (tests/CMakeLists.txt).
#include <parkinvest/fwd.hpp>

#if defined(BOOST_VERSION) || defined(__cpp_lib_string_view) || defined(_GLIBCXX_STRING) || defined(_LIBCPP_STRING)
#error "<parkinvest/fwd.hpp> must not include Boost or <string>"
#endif

namespace fwd_only {
// An interface written with the declarations alone; defined below, after the full headers.
std::int64_t projects_in_park(const parkinvest::Dataset& ds, parkinvest::ParkId park);
const parkinvest::Money* contract_investment(const parkinvest::Project& p);
parkinvest::query::Table count_by_park(const parkinvest::Dataset& ds);
}  // namespace fwd_only

#include <parkinvest/io/csv.hpp>
#include <parkinvest/io/io.hpp>
#include <parkinvest/io/snapshot.hpp>
#include <parkinvest/parkinvest.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include <gtest/gtest.h>

#include <cstddef>

namespace fwd_only {
std::int64_t projects_in_park(const parkinvest::Dataset& ds, parkinvest::ParkId park) {
    return static_cast<std::int64_t>(ds.projects_in(park).size());
}
const parkinvest::Money* contract_investment(const parkinvest::Project& p) {
    return p.contract_investment ? &p.contract_investment->value : nullptr;
}
parkinvest::query::Table count_by_park(const parkinvest::Dataset& ds) {
    namespace q = parkinvest::query;
    return q::from(ds, ds.projects()).group_by(q::by_park()).aggregate(q::count());
}
}  // namespace fwd_only

namespace {

using namespace parkinvest;

TEST(ForwardDeclarations, InterfacesDeclaredWithThemWorkWithTheDefinitions) {
    const Dataset ds = samples::high_tech_zones_2020();
    std::int64_t projects = 0;
    for (const Park& p : ds.parks()) projects += fwd_only::projects_in_park(ds, p.id);
    EXPECT_EQ(projects, static_cast<std::int64_t>(ds.projects().size()));
    std::size_t with_amount = 0;
    for (const Project& p : ds.projects()) if (fwd_only::contract_investment(p) != nullptr) ++with_amount;
    std::size_t expected = 0;
    for (const Project& p : ds.projects()) if (p.contract_investment) ++expected;
    EXPECT_EQ(with_amount, expected);
    const query::Table t = fwd_only::count_by_park(ds);
    std::int64_t counted = 0;
    for (const auto& row : t.rows()) counted += std::get<std::int64_t>(row.at(1));
    EXPECT_EQ(counted, projects);
}

}  // namespace
