// SPDX-License-Identifier: MIT
// `parkinvest query FILE.pks`: a snapshot answers every query exactly as the same dataset in a
// portable binary file does — from the columns when every part of the query has a column form,
// from the records otherwise — with the same errors; `report` reads snapshots too; a damaged
// snapshot is an error naming the file.
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <gtest/gtest.h>

#include "support/cli_run.hpp"

#include <fstream>
#include <string>
#include <vector>

namespace parkinvest {
namespace {

using test::Cli;
using test::CliRun;

std::string with(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

class CliSnapshot : public ::testing::Test {
protected:
    void SetUp() override {
        samples::SyntheticOptions o;
        o.seed = 21;
        o.parks = 4;
        o.projects = 800;
        o.loans = 60;
        o.waste_facilities = 6;
        const Dataset ds = samples::synthetic_dataset(o);
        io::save(ds, cli_.folder() / "syn.pks");
        io::save(ds, cli_.folder() / "syn.pbin");
    }
    /// Runs `args` on syn.pks and on syn.pbin (FILE in args); the two runs must agree.
    void same(std::vector<std::string> args) const {
        std::vector<std::string> pbin = args;
        for (std::string& a : args) a = with(a, "FILE", "syn.pks");
        for (std::string& a : pbin) a = with(a, "FILE", "syn.pbin");
        const CliRun s = cli_(args);
        const CliRun b = cli_(pbin);
        std::string joined;
        for (const std::string& a : args) joined += a + ' ';
        EXPECT_EQ(s.status, b.status) << joined << s.err << b.err;
        EXPECT_EQ(with(s.out, "syn.pks", "syn.pbin"), b.out) << joined;
        EXPECT_EQ(with(s.err, "syn.pks", "syn.pbin"), b.err) << joined;
        if (s.status == 0) {
            EXPECT_FALSE(s.out.empty()) << joined;
        }
    }
    Cli cli_;
};

TEST_F(CliSnapshot, AnswersLikeTheSameDatasetInAnotherFormat) {
    const std::vector<std::vector<std::string>> from_columns = {
        {"query", "FILE", "--entity", "projects", "--group-by", "park", "--agg", "count", "--agg", "sum:contract_investment"},
        {"query", "FILE", "--entity", "projects", "--agg", "count", "--agg", "share_of_count", "--format", "csv"},
        {"query", "FILE", "--entity", "projects", "--where", "park=1", "--where", "contract_investment>=1亿", "--group-by",
         "band:funds_in_place:1000万,1亿", "--agg", "min:funds_in_place", "--agg", "max:funds_in_place", "--agg",
         "average:planned_investment:half_even", "--format", "json"},
        {"query", "FILE", "--entity", "projects", "--where", "reached=started@2020-06-30", "--group-by", "zone", "--group-by",
         "park", "--agg", "share:first_phase_investment", "--agg", "funnel:in_production@2021-06-30", "--lang", "en"},
        {"query", "FILE", "--entity", "projects", "--where", "planned_investment<5000万", "--group-by", "parent_park", "--agg", "count"},
    };
    const std::vector<std::vector<std::string>> from_records = {
        {"query", "FILE", "--entity", "projects", "--where", "stage=contracted@2020-12-31", "--group-by", "park", "--agg", "count"},
        {"query", "FILE", "--entity", "projects", "--where", "park=2", "--group-by", "stage@2021-01-01", "--agg", "sum:contract_investment"},
        {"query", "FILE", "--entity", "projects", "--group-by", "industry", "--agg", "count"},
        {"query", "FILE", "--entity", "projects", "--where", "currency=CNY", "--agg", "count"},
        {"query", "FILE", "--entity", "projects", "--group-by", "park", "--agg", "sum:contract_investment", "--rate", "USD/CNY=7.0795"},
        {"query", "FILE", "--entity", "projects", "--list", "--order-by", "contract_investment:desc", "--limit", "7"},
        {"query", "FILE", "--entity", "loans", "--group-by", "lender", "--agg", "outstanding@2020-06-30"},
        {"query", "FILE", "--entity", "waste_facilities", "--agg", "count", "--agg", "total:floor_area"},
        {"report", "FILE", "--as-of", "2020-12-31"},
    };
    const std::vector<std::vector<std::string>> errors = {
        {"query", "FILE", "--entity", "projects", "--where", "park=999", "--agg", "count"},
        {"query", "FILE", "--entity", "projects", "--agg", "sum:nothing"},
        {"query", "FILE", "--entity", "parks", "--agg", "count"},
    };
    for (const auto& q : from_columns) same(q);
    for (const auto& q : from_records) same(q);
    for (const auto& q : errors) same(q);
    // Which path ran: a copy whose records section is cut short still answers every query that
    // needs only the columns, and refuses every one that needs the records.
    std::string cut = test::file_bytes(cli_.folder() / "syn.pks");
    cut.resize(cut.size() - 1);
    std::uint64_t len3 = 0;
    for (std::size_t i = 8; i-- > 0;) len3 = (len3 << 8) | static_cast<unsigned char>(cut[40 + i]);
    --len3;
    for (std::size_t i = 0; i < 8; ++i) cut[40 + i] = static_cast<char>((len3 >> (8 * i)) & 0xFF);
    std::ofstream(cli_.folder() / "cut.pks", std::ios::binary) << cut;
    for (auto q : from_columns) {
        for (std::string& a : q) a = with(a, "FILE", "cut.pks");
        EXPECT_EQ(cli_(q).status, 0) << q[4];
    }
    for (auto q : from_records) {
        for (std::string& a : q) a = with(a, "FILE", "cut.pks");
        const CliRun r = cli_(q);
        EXPECT_EQ(r.status, 1) << q[4] << ' ' << r.out;
        EXPECT_NE(r.err.find("cut.pks"), std::string::npos) << r.err;
    }
}

TEST_F(CliSnapshot, ADamagedSnapshotIsAnErrorNamingTheFile) {
    const std::string bytes = test::file_bytes(cli_.folder() / "syn.pks");
    ASSERT_GT(bytes.size(), 100U);
    {  // cut in the middle: the header's lengths no longer fit, found when the file is opened
        std::ofstream(cli_.folder() / "short.pks", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
        const CliRun r = cli_({"query", "short.pks", "--entity", "projects", "--agg", "count"});
        EXPECT_EQ(r.status, 1);
        EXPECT_NE(r.err.find("short.pks"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("bytes follow"), std::string::npos) << r.err;
    }
    {  // the first project's park id (section 2 starts right after section 1): found when the
       // query reads the park column
        std::string b = bytes;
        std::uint64_t len1 = 0;
        for (std::size_t i = 8; i-- > 0;) len1 = (len1 << 8) | static_cast<unsigned char>(b[24 + i]);
        const std::size_t park0 = 48 + static_cast<std::size_t>(len1);
        for (std::size_t i = 0; i < 8; ++i) b[park0 + i] = static_cast<char>(i == 0 ? 0x77 : 0x01);
        std::ofstream(cli_.folder() / "park.pks", std::ios::binary) << b;
        const CliRun r = cli_({"query", "park.pks", "--entity", "projects", "--group-by", "park", "--agg", "count"});
        EXPECT_EQ(r.status, 1);
        EXPECT_NE(r.err.find("park.pks"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("project row 0: park"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("is not among the file's parks"), std::string::npos) << r.err;
        // validate reads everything
        EXPECT_EQ(cli_({"validate", "park.pks"}).status, 1);
    }
    {  // a file that does not exist: as for every format
        const CliRun r = cli_({"query", "none.pks", "--entity", "projects", "--agg", "count"});
        const CliRun p = cli_({"query", "none.pbin", "--entity", "projects", "--agg", "count"});
        EXPECT_EQ(r.status, 1);
        EXPECT_EQ(with(r.err, "none.pks", "none.pbin"), p.err);
    }
}

}  // namespace
}  // namespace parkinvest
