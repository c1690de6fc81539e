// SPDX-License-Identifier: MIT
// docs/formats.md is generated from the descriptions (model/describe.hpp); these tests keep the
// checked-in page equal to what the code generates, and check the description against what the
// writers really write.
#include <parkinvest/io/csv.hpp>
#include <parkinvest/io/io.hpp>
#include <parkinvest/model/describe.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace parkinvest;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The columns of the header row of a CSV text (after the byte order mark).
std::vector<std::string> header_of(const std::string& csv) {
    std::string line = csv.substr(0, csv.find("\r\n"));
    if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    std::vector<std::string> columns;
    std::size_t start = 0;
    for (;;) {
        const auto comma = line.find(',', start);
        columns.push_back(line.substr(start, comma - start));
        if (comma == std::string::npos) return columns;
        start = comma + 1;
    }
}

/// The column names the reference lists under "### <file>": rows "| `name` | ...".
std::vector<std::string> reference_columns(const std::string& md, std::string_view file) {
    std::vector<std::string> columns;
    const auto at = md.find("### " + std::string(file) + "\n");
    if (at == std::string::npos) return columns;
    std::istringstream lines(md.substr(at));
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
        if (line.starts_with("###") || line.starts_with("## ")) break;
        if (line.starts_with("| `")) columns.push_back(line.substr(3, line.find('`', 3) - 3));
    }
    return columns;
}

}  // namespace

TEST(FormatReference, CheckedInPageIsTheGeneratedOne) {
    const std::string page = read_text(PARKINVEST_SOURCE_DIR "/docs/formats.md");
    const std::string generated = io::format_reference();
    // On a difference, name the first line that differs rather than printing both pages.
    std::istringstream a(page), b(generated);
    std::string line_a, line_b;
    for (int line = 1;; ++line) {
        const bool more_a = static_cast<bool>(std::getline(a, line_a));
        const bool more_b = static_cast<bool>(std::getline(b, line_b));
        if (!more_a && !more_b) break;
        if (more_a != more_b || line_a != line_b) {
            ADD_FAILURE() << "docs/formats.md differs from the generated page at line " << line << ":\n  page:      "
                          << line_a << "\n  generated: " << line_b
                          << "\nregenerate it: build/tools/parkinvest formats > docs/formats.md";
            break;
        }
    }
}

TEST(FormatReference, EveryCsvTableHasTheColumnsItsWriterWrites) {
    const std::string md = io::format_reference();
    const Dataset sample = samples::high_tech_zones_2020();
    for (const io::csv::TableId t : io::csv::tables()) {
        std::ostringstream out;
        io::csv::write_table(sample, t, out);
        const auto written = header_of(out.str());
        EXPECT_EQ(reference_columns(md, io::csv::file_name(t)), written) << io::csv::file_name(t);
        EXPECT_GE(written.size(), 2u);
    }
}

TEST(FormatReference, EveryDescribedFieldIsInEveryFormat) {
    const std::string md = io::format_reference();
    std::ostringstream jsonl;
    io::save(samples::high_tech_zones_2020(), jsonl, io::Format::json_lines);
    std::ostringstream json;
    io::save(samples::high_tech_zones_2020(), json, io::Format::json);
    std::size_t fields = 0;
    std::apply(
        [&](auto... blank) {
            const auto check = [&](auto record) {
                using R = decltype(record);
                schema::for_each_field<R>([&](const auto& f) {
                    const std::string name(f.info.name);
                    ++fields;
                    // The record table of the reference, the archive's member, and (as a column
                    // or a column group) the CSV and JSON Lines names all start with the name.
                    EXPECT_NE(md.find("| `" + name + "` |"), std::string::npos) << name;
                    EXPECT_NE(json.str().find("\"" + name + "\""), std::string::npos) << name;
                    EXPECT_NE(jsonl.str().find("\"" + name), std::string::npos) << name;
                });
            };
            (check(blank), ...);
        },
        schema::Records{});
    EXPECT_GT(fields, 80u);  // the walk saw every record
}
