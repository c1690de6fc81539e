// SPDX-License-Identifier: MIT
// Helper of benchmarks/compare_duckdb: writes the synthetic projects of parkinvest_query_bench
// (same generator options and seed) as CSV, then times the library's filter + group-by query
// on them and prints the result's checksum, so that DuckDB can be run on the same rows.
//
//   parkinvest_export_projects <projects> <out.csv> [runs]
//
// CSV columns: park (id), reached_date (ISO day from which Project::reached(签约, d) holds;
// empty if never), bound (Bound as an integer; 5 and 6 are upper bounds), amount (contract
// investment in yuan with 4 decimals, exact), amount_fen (the same in 分, a whole number).
//
// stdout, one "key value" per line: rows, runs, library_median_ms, library_rows_per_s, groups,
// count, sum_units (the sums of every group, in 1/10,000 yuan); then for the first-answer
// comparison the whole dataset is saved next to the CSV as <stem>.pks and <stem>.pbin, and
// all_groups, all_count, all_sum_units give the answer of `group by park: count, sum of
// contract investment` over every project.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"  // query.hpp's sum(): see query_bench.cpp
#include <parkinvest/query/query.hpp>
#pragma GCC diagnostic pop
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <filesystem>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace {

using namespace parkinvest;
namespace q = parkinvest::query;
__extension__ using i128 = __int128;
__extension__ using u128 = unsigned __int128;

// Must match benchmarks/query_bench.cpp.
constexpr std::uint64_t seed = 0x5041524B494E5645ULL;
const Date as_of_day = make_date(2020, 6, 30);
const Money threshold = Money::of(10'000'000);
constexpr Stage filter_stage = Stage::contracted;

std::string to_string(i128 v) {
    if (v == 0) return "0";
    const bool neg = v < 0;
    auto u = static_cast<u128>(neg ? -v : v);
    std::string s;
    while (u != 0) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    return neg ? "-" + s : s;
}

std::optional<Date> reached_day(const Project& p, Stage s) {
    std::optional<Date> day;
    for (const StageEvent& e : p.stages) {
        if (!on_main_path(e.stage) || e.stage < s) continue;
        const Date d = e.date.last();
        if (!day || d < *day) day = d;
    }
    return day;
}

q::Table library_query(const Dataset& ds) {
    return q::from(ds, ds.projects())
        .where(q::reached(filter_stage, as_of_day) && q::amount_at_least(&Project::contract_investment, threshold))
        .group_by(q::by_park())
        .aggregate(q::count(), q::sum(&Project::contract_investment));
}

int run(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <projects> <out.csv> [runs]\n", argv[0]);
        return 2;
    }
    const auto n = static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10));
    const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    if (n == 0 || runs <= 0) {
        std::fprintf(stderr, "export_projects: need a positive project count and run count\n");
        return 2;
    }

    samples::SyntheticOptions o;
    o.seed = seed;
    o.parks = 340;
    o.sub_parks_per_park = 2;
    o.enterprises = 20'000;
    o.projects = n;
    o.loans = 0;
    o.waste_facilities = 0;
    const Dataset ds = samples::synthetic_dataset(o);

    std::FILE* f = std::fopen(argv[2], "w");
    if (f == nullptr) {
        std::perror(argv[2]);
        return 1;
    }
    std::fputs("park,reached_date,bound,amount,amount_fen\n", f);
    for (const Project& p : ds.projects()) {
        std::string line = std::to_string(p.park.value()) + ",";
        if (const auto d = reached_day(p, filter_stage)) line += iso_date(*d);
        line += ",";
        if (const auto& a = p.contract_investment) {
            if (a->value.currency() != Currency::CNY) throw std::runtime_error("an amount not in CNY");
            const i128 u = a->value.units();
            if (u < 0 || u % 100 != 0) throw std::runtime_error("an amount that is not a whole number of 分");
            std::string frac = to_string(u % 10000);
            frac.insert(0, 4 - frac.size(), '0');
            line += std::to_string(static_cast<int>(a->bound)) + "," + to_string(u / 10000) + "." + frac + "," + to_string(u / 100);
        } else {
            line += ",,";
        }
        line += "\n";
        std::fputs(line.c_str(), f);
    }
    if (std::fclose(f) != 0) {
        std::perror(argv[2]);
        return 1;
    }

    std::vector<double> ms;
    q::Table t;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        t = library_query(ds);
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];

    std::int64_t count = 0;
    i128 sum = 0;
    for (const auto& row : t.rows()) {
        count += std::get<std::int64_t>(row[1]);
        sum += std::get<ReportedAmount>(row[2]).value.units();
    }
    std::printf("rows %zu\nruns %d\nlibrary_median_ms %.3f\nlibrary_rows_per_s %.0f\ngroups %zu\ncount %lld\nsum_units %s\n",
                ds.projects().size(), runs, median, static_cast<double>(ds.projects().size()) / (median / 1000.0), t.size(),
                static_cast<long long>(count), to_string(sum).c_str());

    const std::filesystem::path csv = argv[2];
    io::save(ds, std::filesystem::path(csv).replace_extension(".pks"));
    io::save(ds, std::filesystem::path(csv).replace_extension(".pbin"));
    const q::Table all = q::from(ds, ds.projects()).group_by(q::by_park()).aggregate(q::count(), q::sum(&Project::contract_investment));
    std::int64_t all_count = 0;
    i128 all_sum = 0;
    for (const auto& row : all.rows()) {
        all_count += std::get<std::int64_t>(row[1]);
        if (const auto* a = std::get_if<ReportedAmount>(&row[2])) all_sum += a->value.units();
    }
    std::printf("all_groups %zu\nall_count %lld\nall_sum_units %s\n", all.size(), static_cast<long long>(all_count),
                to_string(all_sum).c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "export_projects: %s\n", e.what());
        return 1;
    }
}
