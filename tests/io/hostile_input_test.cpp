// SPDX-License-Identifier: MIT
// Issue 11: files crafted against the library's own code. Each attack runs in time linear in
// its size (the same attack at n and 8n, support/attacks.hpp) through JSON, binary and CSV (and
// XML where the attack is XML's); wrong acceptances are refused; messages are safe to print.
#include <parkinvest/io/io.hpp>
#include <parkinvest/query/query.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <gtest/gtest.h>

#include "io/archive_support.hpp"
#include "support/attacks.hpp"
#include "support/files.hpp"

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace parkinvest {
namespace {

using namespace parkinvest::test;

Park park(std::uint64_t id, std::optional<std::uint64_t> parent = std::nullopt) {
    Park p;
    p.id = ParkId{id};
    p.name.zh = "园" + std::to_string(id);
    if (parent) p.parent = ParkId{*parent};
    return p;
}

Project project(std::uint64_t id, std::uint64_t in_park) {
    Project p;
    p.id = ProjectId{id};
    p.name.zh = "项目";
    p.park = ParkId{in_park};
    return p;
}

Industry industry(std::uint64_t id, std::string code) {
    Industry i;
    i.id = IndustryId{id};
    i.scheme = "s";
    i.code = std::move(code);
    i.name.zh = "x";
    return i;
}

/// The file of `ds` in `format`: bytes, or a folder for CSV (loaded from its path).
struct Saved {
    io::Format format;
    std::string bytes;
    std::shared_ptr<TempDir> folder;
};
Saved save_as(const Dataset& ds, io::Format f) {
    Saved s{f, {}, nullptr};
    if (f == io::Format::csv) {
        s.folder = std::make_shared<TempDir>();
        io::save(ds, s.folder->path() / "tables", f);
    } else {
        s.bytes = save_bytes(ds, f);
    }
    return s;
}
Dataset load_saved(const Saved& s, const io::LoadOptions& options = {}) {
    if (s.format == io::Format::csv) return io::load(s.folder->path() / "tables", s.format, options);
    return load_bytes(s.bytes, s.format, options);
}

constexpr io::Format kFormats[] = {io::Format::json, io::Format::binary, io::Format::csv};

// ======================================================================== hash flooding

TEST(IoHostile, IdsChosenToCollideUnderAnUnkeyedHashLoadInLinearTime) {
    // Ids whose old (splitmix64) hashes share their low 20 bits: 160k such projects took 70
    // times longer to load than ordinary ids, and every lookup after was linear.
    for (io::Format f : kFormats) {
        SCOPED_TRACE(io::to_string(f));
        const auto make = [f](std::size_t n) {
            Dataset ds;
            Batch b;
            b.parks.push_back(park(1));
            for (const std::uint64_t id : ids_colliding_under_splitmix(n, 20)) b.projects.push_back(project(id, 1));
            ds.insert(std::move(b));
            return save_as(ds, f);
        };
        EXPECT_TRUE(scales_linearly(2000, make, [](const Saved& s) {
            const Dataset ds = load_saved(s);
            EXPECT_EQ(ds.parks().size(), 1u);
        }));
    }
}

// ======================================================================== duplicate industry codes

/// n industries, all with the code "Q0000000": saved with distinct codes of the same length,
/// then made equal in the file (a Dataset cannot hold them).
std::string industries_with_one_code(std::size_t n, io::Format f) {
    Dataset ds;
    Batch b;
    for (std::uint64_t id = 1; id <= n; ++id) {
        std::string code = std::to_string(id);
        b.industries.push_back(industry(id, "Q" + std::string(7 - code.size(), '0') + code));
    }
    ds.insert(std::move(b));
    return std::regex_replace(save_bytes(ds, f), std::regex("Q[0-9]{7}"), "Q0000000");
}

TEST(IoHostile, IndustriesSharingOneCodeAreRefusedInLinearTime) {
    // Was: pairs compared, a message built for each pair past the 1,000-problem cap (a 1 MB
    // file: minutes). CSV: IoCsvComplexity.IndustriesWithOneCode.
    for (io::Format f : {io::Format::json, io::Format::binary}) {
        SCOPED_TRACE(io::to_string(f));
        const FormatError e = load_error(industries_with_one_code(12, f), f);
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.first().id, "industry#1");
        EXPECT_EQ(e.first().reason, "\"Q0000000\" is used 12 times in scheme \"s\" (also industry#2, industry#3, industry#4 and 8 more)");
        EXPECT_TRUE(scales_linearly(
            2000, [f](std::size_t n) { return industries_with_one_code(n, f); },
            [f](const std::string& bytes) { (void)load_error(bytes, f); }));
    }
}

// ======================================================================== deep chains

TEST(IoHostile, AChainDeeperThanTheLimitNamesTheLimit) {
    // 10,002 parks, each the parent of the next, no cycle: was refused as "forms a cycle".
    TempDir dir;
    std::string parks = "id,name_zh,parent\n1,a,\n";
    for (int id = 2; id <= 10'002; ++id) parks += std::to_string(id) + ",a," + std::to_string(id - 1) + "\n";
    write_file(dir.path() / "parks.csv", parks);
    try {
        (void)io::load(dir.path(), io::Format::csv);
        FAIL();
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << e.what();
        EXPECT_EQ(e.first().id, "park#10002");
        EXPECT_EQ(e.first().reason, "is more than 10000 levels deep (the depth limit of a hierarchy)");
        EXPECT_EQ(e.first().line, 10'003u);
    }
}

// ======================================================================== XML

std::string xml_element_with_attributes(std::size_t n, bool repeat_first_at_the_end) {
    std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<cereal";
    for (std::size_t i = 0; i < n; ++i) x += " a" + std::to_string(i) + "=\"\"";
    if (repeat_first_at_the_end) x += " a0=\"\"";
    return x + "/>\n";
}

TEST(IoHostile, XmlAttributesAreCheckedInLinearTime) {
    // Was: each attribute name compared with every one before it (116k attributes: 33 s).
    const std::string file = xml_element_with_attributes(1000, true);
    const FormatError e = load_error(file, io::Format::xml);
    EXPECT_EQ(e.first().reason, "malformed XML: attribute \"a0\" given twice");
    EXPECT_EQ(e.first().byte, file.rfind(" a0=") + 1);
    EXPECT_TRUE(scales_linearly(
        2000, [](std::size_t n) { return xml_element_with_attributes(n, true); },
        [](const std::string& bytes) { (void)load_error(bytes, io::Format::xml); }));
}

TEST(IoHostile, XmlClassVersionsAreReadStrictly) {
    const std::string xml = save_bytes(all_kinds(), io::Format::xml);
    const std::string version = "<cereal_class_version>1</cereal_class_version>";
    ASSERT_NE(xml.find(version), std::string::npos);
    // cereal's std::stoul read all of these as version 1.
    for (const std::string bad : {"1abc", " 1", "1 ", "4294967297", "-4294967295", "", "+1", "0x1", "１"}) {
        SCOPED_TRACE(bad);
        const std::string file = replaced(xml, version, "<cereal_class_version>" + bad + "</cereal_class_version>");
        const FormatError e = load_error(file, io::Format::xml);
        EXPECT_NE(e.first().reason.find("is not a version number"), std::string::npos) << e.what();
        EXPECT_EQ(e.first().byte, xml.find(version) + std::string("<cereal_class_version>").size());
    }
    EXPECT_EQ(load_bytes(xml, io::Format::xml), all_kinds());
}

// ======================================================================== JSON

TEST(IoHostile, JsonMemberGivenTwiceIsRefused) {
    // Was: the first value won silently ("park":1,"park":999 loaded park 1).
    const std::string json = save_bytes(all_kinds(), io::Format::json);
    const std::string member = "\"publication\": ";
    const std::size_t at = json.find(member);
    ASSERT_NE(at, std::string::npos);
    std::string file = json;
    file.insert(at, member + "\"x\", ");
    const FormatError e = load_error(file, io::Format::json);
    EXPECT_EQ(e.first().reason, "member \"publication\" given twice in one object");
    // Just after the second name, where the parser stood.
    EXPECT_EQ(e.first().byte, at + member.size() + std::string("\"x\", ").size() + std::string("\"publication\"").size());
    // The same name in different objects is fine (every record has "id").
    EXPECT_EQ(load_bytes(json, io::Format::json), all_kinds());
}

std::string json_object_with_members(std::size_t n) {
    std::string j = "{\"dataset\": {";
    for (std::size_t i = 0; i < n; ++i) j += "\"m" + std::to_string(i) + "\": 0, ";
    return j + "\"m0\": 0}}";
}

TEST(IoHostile, JsonMemberNamesAreCheckedInLinearTime) {
    const FormatError e = load_error(json_object_with_members(100), io::Format::json);
    EXPECT_EQ(e.first().reason, "member \"m0\" given twice in one object");
    EXPECT_TRUE(scales_linearly(
        2000, json_object_with_members, [](const std::string& bytes) { (void)load_error(bytes, io::Format::json); }));
}

// ======================================================================== messages

TEST(IoHostile, TextFromAFileIsEscapedAndCutInMessages) {
    // An industry code holding a terminal escape (ESC ] 0 ; title BEL) that is also a
    // duplicate, and a 200 kB country code: the messages hold neither the control characters
    // nor the 200 kB.
    const std::string escape = "\x1b]0;pwned\x07";
    Dataset ds;
    Batch b;
    b.industries = {industry(1, "C1"), industry(2, "C2")};
    ds.insert(b);
    std::string json = save_bytes(ds, io::Format::json);
    json = replaced(json, "\"C1\"", "\"\\u001b]0;pwned\\u0007\"");
    json = replaced(json, "\"C2\"", "\"\\u001b]0;pwned\\u0007\"");
    const FormatError e = load_error(json, io::Format::json);
    const std::string message = e.what();
    EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
    EXPECT_EQ(message.find('\x07'), std::string::npos) << message;
    EXPECT_NE(message.find("\\x1B]0;pwned\\x07"), std::string::npos) << message;
    for (const FormatProblem& p : e.problems()) EXPECT_EQ(FormatError::describe(p).find('\x1b'), std::string::npos);

    Enterprise big;
    big.id = EnterpriseId{1};
    big.name.zh = "企业";
    big.origin.kind = OriginKind::foreign;
    big.origin.country = std::string(200'000, 'K') + escape;
    try {
        Dataset d;
        d.insert(big);
        FAIL();
    } catch (const ValidationError& v) {
        EXPECT_LT(std::string(v.what()).size(), 1000u) << std::string(v.what()).substr(0, 300);
        EXPECT_NE(std::string(v.what()).find("KKKK..."), std::string::npos);
        ASSERT_EQ(v.problems().size(), 1u);
        EXPECT_LT(v.problems()[0].reason.size(), 200u);
    }
}

TEST(IoHostile, TablesRefuseToWriteTextThatIsNotUtf8AndEscapeControlCharacters) {
    using query::Cell;
    using query::Column;
    using query::Label;
    const query::Table t({Column{"园区", "park", true, query::ColumnKind::label}},
                         {{Cell{Label{"a\xff", "a\xff"}}}, {Cell{Label{"\x1b[2J", "\x1b[2J"}}}});
    EXPECT_THROW((void)t.to_json(), ArgumentError);
    EXPECT_THROW((void)t.to_csv(), ArgumentError);
    const std::string text = t.to_text();
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_NE(text.find("\\x1B[2J"), std::string::npos) << text;
    EXPECT_NE(text.find("a\\xFF"), std::string::npos) << text;
}

// ======================================================================== reconcile

Dataset statistics_and_projects(std::size_t n) {
    // n statistics of one park over four periods, and n projects signed in them (small enough
    // at 8n to stay in the processor's cache: see scales_linearly).
    Batch b;
    b.parks.push_back(park(1));
    const Period periods[] = {Period::year(2019), Period::year(2020), Period::half_year(2020, 1), Period::half_year(2020, 2)};
    for (std::uint64_t i = 1; i <= n; ++i) {
        Project p = project(i, 1);
        p.stages.push_back(StageEvent{Stage::contracted, ReportedDate::day(2019 + static_cast<int>(i % 2), 3, 1)});
        b.projects.push_back(std::move(p));
    }
    for (std::uint64_t i = 1; i <= n; ++i) {
        ReportedStatistic s;
        s.id = StatisticId{i};
        s.scope = ParkId{1};
        s.indicator = Indicator::signed_projects;
        s.label = "签约项目";
        s.unit = "个";
        s.period = periods[i % 4];
        s.value = std::int64_t{1};
        b.statistics.push_back(std::move(s));
    }
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

TEST(QueryHostile, ReconcileIsLinearInStatisticsAndRecords) {
    // Was: every project scanned for each statistic (8,000 statistics x 40,000 projects: 8 s).
    const query::Table small = query::reconcile(statistics_and_projects(8));
    ASSERT_EQ(small.rows().size(), 8u);
    // Project i was signed on 1 March of 2019 + i % 2: 2019 holds the 4 even-numbered of the 8
    // projects, 2020 and its first half the 4 odd-numbered ones, its second half none.
    const std::int64_t expected[] = {4, 4, 4, 0};  // by period index: 2019, 2020, H1, H2
    for (std::size_t r = 0; r < 8; ++r) {
        const std::size_t i = r + 1;
        EXPECT_EQ(std::get<std::int64_t>(small.rows()[r][4]), expected[i % 4]) << "statistic " << i;
    }
    EXPECT_TRUE(scales_linearly(250, statistics_and_projects, [](const Dataset& ds) { (void)query::reconcile(ds); }));
}

// ======================================================================== the command-line tool

#ifdef PARKINVEST_CLI
/// Runs the CLI with `args`, stdout to `out`; its exit status.
int run_cli(const std::vector<std::string>& args, const std::filesystem::path& out) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::FILE* f = std::freopen(out.c_str(), "w", stdout);
        if (f == nullptr) ::_exit(127);
        std::vector<char*> argv;
        std::string cli = PARKINVEST_CLI;
        argv.push_back(cli.data());
        std::vector<std::string> copy = args;
        for (std::string& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(cli.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Dataset park_chain(std::size_t n) {
    Batch b;
    for (std::uint64_t id = 1; id <= n; ++id) b.parks.push_back(park(id, id == 1 ? std::nullopt : std::optional(id - 1)));
    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

TEST(CliHostile, AReportOfADeepParkChainIsLinearInSize) {
    // Was: an indent string per level (a 10,000-deep chain: 111 MB, 100 MB printed).
    TempDir dir;
    std::uintmax_t size[2] = {};
    const std::size_t depths[2] = {1250, 10'000};
    for (int k = 0; k < 2; ++k) {
        const auto file = dir.path() / ("chain" + std::to_string(k) + ".json");
        io::save(park_chain(depths[k]), file);
        const auto out = dir.path() / ("report" + std::to_string(k) + ".txt");
        ASSERT_EQ(run_cli({"report", file.string(), "--as-of", "2020-07-31"}, out), 0);
        size[k] = std::filesystem::file_size(out);
        if (k == 1) {
            EXPECT_NE(file_bytes(out).find("[第9999层] 园10000"), std::string::npos);
        }
    }
    EXPECT_LT(size[1], 12 * size[0]) << size[0] << " bytes at depth 1,250; " << size[1] << " at 10,000";
    EXPECT_LT(size[1], 2'000'000u);
}

TEST(CliHostile, QueryResultsDoNotDependOnTheHashKey) {
    // Each process draws its own hash key: two runs of the same query print the same bytes.
    TempDir dir;
    samples::SyntheticOptions o;
    o.parks = 20;
    o.projects = 3000;
    o.loans = 200;
    const auto file = dir.path() / "syn.bin";
    io::save(samples::synthetic_dataset(o), file);
    std::string outputs[2];
    for (int k = 0; k < 2; ++k) {
        const auto out = dir.path() / ("q" + std::to_string(k) + ".csv");
        ASSERT_EQ(run_cli({"query", file.string(), "--entity", "projects", "--group-by", "park", "--group-by", "industry",
                           "--agg", "count", "--agg", "sum:contract_investment", "--format", "csv"},
                          out),
                  0);
        outputs[k] = file_bytes(out);
    }
    EXPECT_GT(outputs[0].size(), 1000u);
    EXPECT_EQ(outputs[0], outputs[1]);
}
#endif

}  // namespace
}  // namespace parkinvest
