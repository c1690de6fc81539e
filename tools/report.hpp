// SPDX-License-Identifier: MIT
// The park investment report of `parkinvest report FILE` (any dataset), also printed by the
// park_report example for the built-in sample. Part of the tools, not of the library.
#pragma once

#include <parkinvest/parkinvest.hpp>

#include <iosfwd>
#include <optional>
#include <string>

namespace parkinvest::tools {

struct ReportOptions {
    Language lang = Language::chinese;
    Date as_of;             ///< the day the report describes (stages as of, 截至)
    std::string title_zh;   ///< the heading line
    std::string title_en;
    std::string source_zh;  ///< the chart's footnote: where the data come from
    std::string source_en;
};

/// Prints the report — per park the published figures, itemized projects, loans and waste
/// facilities with a summary; then investment by park and by industry, the reconciliation of
/// itemized records with published totals, the sources — and returns a bar chart of the
/// investment by park and by industry as SVG text.
std::string print_report(std::ostream& out, const Dataset& ds, const ReportOptions& options);

/// Writes `text` to `path` through a temporary file renamed into place; an error message on failure.
std::optional<std::string> write_file(const std::string& path, const std::string& text);

/// The latest day the dataset mentions (stage events, loan dates and snapshots, statistic periods).
std::optional<Date> latest_day(const Dataset& ds);

/// "2020年7月31日".
std::string zh_day(Date d);

}  // namespace parkinvest::tools
