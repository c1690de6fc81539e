// SPDX-License-Identifier: MIT
// Writes the checked-in archive files:
//   parkinvest_write_archive_samples compat DIR   the compatibility fixtures (tests/data/compat):
//                                                 the sample dataset in every archive format
//   parkinvest_write_archive_samples corpus DIR   fuzz seeds (tests/fuzz/corpus): DIR/json_load,
//                                                 DIR/xml_load, DIR/binary_load
// The compatibility fixtures pin a format version: never regenerate them to make a test pass;
// add fixtures of a new version next to them instead (see tests/data/compat/README.md). It
// writes the current version (2: Bank::branch_en); the version-1 fixtures were written by 0.1.0.
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace parkinvest;
namespace fs = std::filesystem;

/// A few records of every kind, for seeds that exercise each entity without being large.
Dataset tiny_synthetic() {
    samples::SyntheticOptions o;
    o.seed = 7;
    o.parks = 1;
    o.sub_parks_per_park = 1;
    o.enterprises = 3;
    o.projects = 3;
    o.loans = 2;
    o.snapshots_per_loan = 2;
    o.waste_facilities = 1;
    o.first_year = 2020;
    o.last_year = 2021;
    return samples::synthetic_dataset(o);
}

Dataset one_park() {
    Dataset d;
    Park p;
    p.id = ParkId{1};
    p.name.zh = "示例高新区";
    p.name.en = "Example Hi-tech Zone";
    p.kind = ParkKind::national_high_tech_zone;
    p.province = "重庆市";
    p.city = "重庆市";
    d.insert(p);
    return d;
}

int write(const fs::path& dir, const std::vector<std::pair<std::string, Dataset>>& sets,
          const std::vector<std::pair<std::string, io::Format>>& formats) {
    fs::create_directories(dir);
    for (const auto& [name, dataset] : sets) {
        for (const auto& [ext, format] : formats) {
            const fs::path file = dir / (name + ext);
            io::save(dataset, file, format);
            std::cout << file.string() << '\n';
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc != 3) {
            std::cerr << "usage: " << argv[0] << " compat|corpus DIR\n";
            return 2;
        }
        const std::string_view what = argv[1];
        const fs::path dir = argv[2];
        if (what == "compat") {
            return write(dir, {{"high_tech_zones_2020.v2", samples::high_tech_zones_2020()}},
                         {{".json", io::Format::json},
                          {".xml", io::Format::xml},
                          {".bin", io::Format::binary},
                          {".pbin", io::Format::portable_binary}});
        }
        if (what == "corpus") {
            const std::vector<std::pair<std::string, Dataset>> sets = {
                {"sample", samples::high_tech_zones_2020()},
                {"empty", Dataset{}},
                {"one_park", one_park()},
                {"tiny_synthetic", tiny_synthetic()}};
            write(dir / "json_load", sets, {{".json", io::Format::json}});
            write(dir / "xml_load", sets, {{".xml", io::Format::xml}});
            write(dir / "snapshot_load", sets, {{".pks", io::Format::snapshot}});
            return write(dir / "binary_load", sets, {{".bin", io::Format::binary}, {".pbin", io::Format::portable_binary}});
        }
        std::cerr << "unknown command " << what << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
}
