// SPDX-License-Identifier: MIT
// CSV tables: RFC 4180 reading, cell forms, header checks, every problem with its file, line,
// column and value, all-or-nothing, limits, and exact round trips of whole datasets.
#include <parkinvest/io/csv.hpp>
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include "io/random_dataset.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace parkinvest {
namespace {

using io::csv::Table;
namespace fs = std::filesystem;
using namespace std::string_literals;

/// A fresh folder under the system's temporary directory, removed at the end of the test.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("parkinvest_csv_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const fs::path& path() const { return path_; }
    void write(const std::string& file, const std::string& text) const {
        std::ofstream out(path_ / file, std::ios::binary);
        out << text;
    }

private:
    fs::path path_;
};

std::string table_text(const Dataset& ds, Table t) {
    std::ostringstream out;
    io::csv::write_table(ds, t, out);
    return out.str();
}

/// Every table written and read back in memory, then validated as a whole.
Dataset through_tables(const Dataset& ds) {
    Batch batch;
    for (Table t : io::csv::tables()) io::csv::read_table(table_text(ds, t), t, batch);
    Dataset back;
    back.insert(std::move(batch));
    return back;
}

/// Reads one table into `batch`, expecting a FormatError; returns its problems.
[[maybe_unused]] std::vector<FormatProblem> problems_of(std::string_view text, Table t, Batch& batch, const io::LoadOptions& options = {}) {
    try {
        io::csv::read_table(text, t, batch, options, "in.csv");
    } catch (const FormatError& e) {
        return e.problems();
    }
    ADD_FAILURE() << "expected a FormatError";
    return {};
}

[[maybe_unused]] std::string describe(const std::vector<FormatProblem>& ps) {
    std::string s;
    for (const FormatProblem& p : ps) {
        s += p.input + ":" + (p.line ? std::to_string(*p.line) : "-") + ":" + (p.column ? std::to_string(*p.column) : "-") +
             " [" + p.entity + " " + p.id + " " + p.field + "] \"" + p.value + "\" " + p.reason + "\n";
    }
    return s;
}

// ---------------------------------------------------------------------------------------------
// Round trips

TEST(IoCsvRoundTrip, SampleDatasetThroughTheFolder) {
    const Dataset sample = samples::high_tech_zones_2020();
    TempDir dir;
    io::save(sample, dir.path() / "sample.csv");
    EXPECT_EQ(io::format_of(dir.path() / "sample.csv"), io::Format::csv);
    for (Table t : io::csv::tables()) EXPECT_TRUE(fs::exists(dir.path() / "sample.csv" / std::string(io::csv::file_name(t))));
    const Dataset back = io::load(dir.path() / "sample.csv");
    EXPECT_TRUE(back == sample);
    EXPECT_EQ(back.size(), sample.size());
}

TEST(IoCsvRoundTrip, SyntheticDatasets) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        samples::SyntheticOptions o;
        o.seed = seed;
        o.parks = 1 + seed % 4;
        o.sub_parks_per_park = seed % 3;
        o.enterprises = 5 * seed;
        o.projects = 20 * seed;
        o.loans = 3 * seed;
        o.snapshots_per_loan = seed % 5;
        o.waste_facilities = seed % 4;
        const Dataset ds = samples::synthetic_dataset(o);
        EXPECT_TRUE(through_tables(ds) == ds) << "seed " << seed;
    }
}

TEST(IoCsvRoundTrip, RandomDatasetsUsingEveryField) {
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        test::RandomDataset gen(seed);
        Dataset ds;
        ds.insert(gen.batch(seed % 7));
        const Dataset back = through_tables(ds);
        ASSERT_TRUE(back == ds) << "seed " << seed;
    }
}

TEST(IoCsvRoundTrip, RandomDatasetThroughTheFolder) {
    test::RandomDataset gen(4242);
    Dataset ds;
    ds.insert(gen.batch(12));
    TempDir dir;
    io::save(ds, dir.path(), io::Format::csv);
    EXPECT_TRUE(io::load(dir.path()) == ds);
    // Saving again over the same folder replaces the tables.
    io::save(Dataset{}, dir.path(), io::Format::csv);
    EXPECT_TRUE(io::load(dir.path()).empty());
}

}  // namespace
}  // namespace parkinvest
