// SPDX-License-Identifier: MIT
// The package consumer: a program as a new user writes it against an installed parkinvest. Every
// route of tests/package/ (find_package, a moved prefix, add_subdirectory, FetchContent,
// pkg-config, the Conan test_package, the vcpkg usage) builds and runs it. It parses money,
// builds a small Dataset, runs an aggregation query and checks each result against values worked
// out by hand; it prints the query table and exits non-zero on any mismatch.
#include <parkinvest/parkinvest.hpp>

#include <cstdint>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
    if (!ok) {
        std::cerr << "FAILED: " << what << "\n";
        ++failures;
    }
}

parkinvest::Project project(std::uint64_t id, std::string name, parkinvest::ParkId park, const char* amount) {
    using namespace parkinvest;
    Project p;
    p.id = ProjectId{id};
    p.name = Name{std::move(name), std::nullopt};
    p.park = park;
    p.contract_investment = ReportedAmount{Money::parse(amount), Bound::exact, false};
    p.stages = {StageEvent{Stage::contracted, ReportedDate::day(2020, 3, 18)}};
    return p;
}

/// One park, two projects: 12.5亿元 + 7500万元 = 13.25亿元.
parkinvest::Dataset small_dataset() {
    using namespace parkinvest;
    Park park;
    park.id = ParkId{1};
    park.name = Name{"示范高新区", "Demo High-tech Zone"};
    park.kind = ParkKind::national_high_tech_zone;
    park.province = "湖南省";
    park.city = "益阳市";

    Batch batch;
    batch.parks.push_back(park);
    batch.projects.push_back(project(10, "电子信息产业园", park.id, "12.5亿元"));
    batch.projects.push_back(project(11, "新材料项目", park.id, "7500万元"));
    Dataset ds;
    ds.insert(std::move(batch));
    return ds;
}

void money() {
    using namespace parkinvest;
    const Money signed_h1 = Money::parse("605.6亿元");
    check(signed_h1.to_string() == "60560000000.00 CNY", "605.6亿元 is 60560000000.00 CNY, got " + signed_h1.to_string());
    check((Money::parse("700万元") + Money::parse("2000万元")).format() == "2700万元", "700万元 + 2000万元 = 2700万元");
    try {
        (void)Money::parse("12abc");
        check(false, "Money::parse(\"12abc\") throws");
    } catch (const ParseError& e) {
        check(e.kind() == ParseErrorKind::unknown_unit, "\"12abc\" is an unknown unit");
    }
}

void dataset_and_query(const parkinvest::Dataset& ds) {
    using namespace parkinvest;
    check(ds.parks().size() == 1 && ds.projects().size() == 2, "the Dataset holds 1 park and 2 projects");

    // A project in a park that does not exist: refused, and the Dataset is unchanged.
    Dataset copy = ds;
    try {
        copy.insert(project(12, "无园区项目", ParkId{99}, "1亿元"));
        check(false, "a project in an unknown park is refused");
    } catch (const ValidationError& e) {
        check(!e.problems().empty(), "the ValidationError lists the problem");
    }
    check(copy == ds, "a refused insert leaves the Dataset unchanged");

    const query::Table t = query::from(ds, ds.projects())
                               .group_by(query::by_park())
                               .aggregate(query::count(), query::sum(&Project::contract_investment));
    std::cout << t.to_text(Language::english);
    check(t.size() == 1 && t.columns().size() == 3, "one row (the park), three columns");
    if (t.size() != 1 || t.columns().size() != 3) return;
    const auto* park = std::get_if<query::Label>(&t.at(0, 0));
    check(park != nullptr && park->zh == "示范高新区" && park->en == "Demo High-tech Zone", "the row is the park");
    const auto* count = std::get_if<std::int64_t>(&t.at(0, 1));
    check(count != nullptr && *count == 2, "2 projects");
    const auto* sum = std::get_if<ReportedAmount>(&t.at(0, 2));
    check(sum != nullptr && sum->value == Money::parse("13.25亿元") && sum->bound == Bound::exact,
          "12.5亿元 + 7500万元 = 13.25亿元, exact");
}

}  // namespace

int io_roundtrip(const parkinvest::Dataset& ds);  // io_roundtrip.cpp: JSON and binary

int main() {
    try {
        std::cout << "parkinvest " << parkinvest::version_string << "\n";
        money();
        const parkinvest::Dataset ds = small_dataset();
        dataset_and_query(ds);
        failures += io_roundtrip(ds);
    } catch (const std::exception& e) {
        std::cerr << "FAILED: unexpected exception: " << e.what() << "\n";
        return 1;
    }
    if (failures != 0) {
        std::cerr << failures << " check(s) failed\n";
        return 1;
    }
    std::cout << "parkinvest consumer: all checks passed\n";
    return 0;
}
