// SPDX-License-Identifier: MIT
// Hostile inputs of any size n, for tests that check that loading them takes time in
// proportion to n (load n and 8n, compare). Each generator is named after the input it makes
// and the part of the loader it aims at. Self-contained: standard library only, no test
// framework, no parkinvest headers, so that generators for other formats can join them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest::test::attacks {

// ------------------------------------------------------------------------------------------
// CSV folders (io::load with Format::csv)

/// One file of a CSV folder.
struct CsvFile {
    std::string name;  ///< "projects.csv" ...
    std::string text;
};
using CsvFolder = std::vector<CsvFile>;

namespace csv_detail {
/// `header`, then row(i) for i = 1 ... n.
template <class Row>
std::string rows(std::string header, std::size_t n, Row row) {
    for (std::size_t i = 1; i <= n; ++i) header += row(i);
    return header;
}
/// Row i: "i" followed by `rest`.
inline auto numbered(std::string_view rest) {
    return [rest = std::string(rest)](std::size_t i) { return std::to_string(i) + rest; };
}
inline CsvFile one_park() { return {"parks.csv", "id,name_zh\n1,园\n"}; }
}  // namespace csv_detail

/// n projects of the fewest bytes ("7,a,1"), all valid: the most records per byte.
inline CsvFolder csv_minimal_projects(std::size_t n) {
    using namespace csv_detail;
    return {one_park(), {"projects.csv", rows("id,name_zh,park\n", n, numbered(",a,1\n"))}};
}

/// n projects that all have the id 1: n - 1 duplicate ids for the Dataset's validation, far
/// more problems than a load lists.
inline CsvFolder csv_projects_with_one_id(std::size_t n) {
    using namespace csv_detail;
    return {one_park(), {"projects.csv", rows("id,name_zh,park\n", n, [](std::size_t) { return "1,a,1\n"; })}};
}

/// n projects whose park cell does not parse: a problem on every row, past the problem cap.
inline CsvFolder csv_projects_with_bad_cells(std::size_t n) {
    using namespace csv_detail;
    return {one_park(), {"projects.csv", rows("id,name_zh,park\n", n, numbered(",a,x\n"))}};
}

/// n rows with a quote inside an unquoted field: a syntax error on every row.
inline CsvFolder csv_syntax_error_rows(std::size_t n) {
    using namespace csv_detail;
    return {one_park(), {"projects.csv", rows("id,name_zh,park\n", n, numbered(",a\"b,1\n"))}};
}

/// n stages of projects that do not exist (projects.csv has project 1 only): an orphan on
/// every row of a child table.
inline CsvFolder csv_orphan_stages(std::size_t n) {
    using namespace csv_detail;
    return {one_park(),
            {"projects.csv", "id,name_zh,park\n1,a,1\n"},
            {"project_stages.csv", rows("project,stage,date\n", n, [](std::size_t i) {
                 return std::to_string(i + 1) + ",contracted,2020\n";
             })}};
}

/// n citations of parks that do not exist: an orphan on every row of citations.csv.
inline CsvFolder csv_orphan_citations(std::size_t n) {
    using namespace csv_detail;
    return {one_park(),
            {"sources.csv", "id,publication\n1,报\n"},
            {"citations.csv", rows("entity,id,source\n", n, [](std::size_t i) {
                 return "park," + std::to_string(i + 1) + ",1\n";
             })}};
}

/// n stages of one project: one list of n elements, valid.
inline CsvFolder csv_stages_of_one_project(std::size_t n) {
    using namespace csv_detail;
    return {one_park(),
            {"projects.csv", "id,name_zh,park\n1,a,1\n"},
            {"project_stages.csv", rows("project,stage,date\n", n, [](std::size_t) { return "1,contracted,2020\n"; })}};
}

/// One park whose leading_industries cell lists industry 1 n times: one cell of n items,
/// each parsed and checked for repeats (n - 1 are, past the problem cap).
inline CsvFolder csv_park_with_long_id_list(std::size_t n) {
    std::string park = "id,name_zh,leading_industries\n1,园,1";
    for (std::size_t i = 1; i < n; ++i) park += ";1";
    park += '\n';
    return {{"industries.csv", "id,scheme,code,name_zh\n1,s,1,a\n"}, {"parks.csv", park}};
}

/// One park whose name is one quoted cell of about n bytes, with doubled quotes and line breaks.
inline CsvFolder csv_one_long_quoted_cell(std::size_t n) {
    std::string park = "id,name_zh\n1,\"";
    while (park.size() < n) park += "名称\"\"\r\n,";
    park += "\"\n";
    return {{"parks.csv", park}};
}

/// n industries with the same scheme and code: each is a duplicate of every other for the
/// (scheme, code) uniqueness check.
inline CsvFolder csv_industries_with_one_code(std::size_t n) {
    using namespace csv_detail;
    return {{"industries.csv", rows("id,scheme,code,name_zh\n", n, numbered(",s,c,a\n"))}};
}

}  // namespace parkinvest::test::attacks
