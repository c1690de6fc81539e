// SPDX-License-Identifier: MIT
// A program's own cereal archive holding parkinvest values: an amount and a project, through JSON
// and portable binary and back, equal to what was written.
#include <parkinvest/io/cereal.hpp>
#include <parkinvest/parkinvest.hpp>

#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>

#include <iostream>
#include <sstream>

namespace {

template <class Out, class In, class T>
bool round_trip(const T& value) {
    std::stringstream bytes;
    {
        Out out(bytes);
        out(cereal::make_nvp("value", value));
    }
    T back{};
    In in(bytes);
    in(cereal::make_nvp("value", back));
    return back == value;
}

}  // namespace

int main() {
    using namespace parkinvest;
    const Money amount = Money::parse("605.6亿元");
    Project project;
    project.id = ProjectId{7};
    project.name = Name{"光大人工智能产业基地", "Everbright AI Industrial Base"};
    project.park = ParkId{1};
    project.planned_investment = ReportedAmount{Money::parse("200亿元")};
    int failed = 0;
    failed += !round_trip<cereal::JSONOutputArchive, cereal::JSONInputArchive>(amount);
    failed += !round_trip<cereal::PortableBinaryOutputArchive, cereal::PortableBinaryInputArchive>(amount);
    failed += !round_trip<cereal::JSONOutputArchive, cereal::JSONInputArchive>(project);
    failed += !round_trip<cereal::PortableBinaryOutputArchive, cereal::PortableBinaryInputArchive>(project);
    if (failed != 0) {
        std::cerr << failed << " round trips FAILED\n";
        return 1;
    }
    std::cout << "cereal archives of my own: " << amount.format() << " and project " << project.name.zh
              << " round-trip\n";
    return 0;
}
