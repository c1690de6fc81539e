// SPDX-License-Identifier: MIT
// park_report: an investment report on the built-in 2020 sample dataset, park by park —
// published figures with their changes, the itemized projects (by stage and by amount band),
// loans and loan programmes by lender, hazardous-waste capacity — then investment by park and by
// industry and the reconciliation of itemized records with the published totals. Chinese
// (default) or English; --svg FILE also writes a bar chart of the investment (plain SVG text).
// Usage: park_report [--lang zh|en] [--svg FILE]
// The report itself is tools/report.cpp, shared with the command-line tool (`parkinvest report FILE`).
#include <parkinvest/parkinvest.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include "report.hpp"

#include <iostream>
#include <optional>
#include <string>
#include <string_view>

using namespace parkinvest;

int main(int argc, char** argv) {
    Language lang = Language::chinese;
    std::optional<std::string> svg_path;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--svg") {
            if (i + 1 >= argc || std::string_view(argv[i + 1]).empty()) {
                std::cerr << "park_report: --svg needs a file name\n";
                return 2;
            }
            svg_path = argv[++i];
        } else if (arg == "--lang" && i + 1 < argc) {
            const std::string_view value = argv[++i];
            if (value == "en") lang = Language::english;
            else if (value != "zh") {
                std::cerr << "park_report: --lang takes zh or en, not '" << value << "'\n";
                return 2;
            }
        } else if (arg == "--help" || arg == "-h") {
            std::cout << "usage: park_report [--lang zh|en] [--svg FILE]\n"
                         "Prints an investment report on the built-in 2020 sample dataset, park by park;\n"
                         "--svg FILE also writes a bar chart of investment by park and by industry.\n";
            return 0;
        } else {
            std::cerr << "park_report: unknown argument '" << arg << "' (try --help)\n";
            return 2;
        }
    }
    try {
        const Dataset ds = samples::high_tech_zones_2020();
        tools::ReportOptions options;
        options.lang = lang;
        options.as_of = make_date(2020, 7, 31);  // the sample's reports appeared in late July 2020
        options.title_zh = "parkinvest 园区投资报告 · 内置样例数据(2020年7月报道)";
        options.title_en = "parkinvest park investment report · built-in sample data (reports of July 2020)";
        options.source_zh = "内置样例数据(2020年7月报道)";
        options.source_en = "built-in sample data (reports of July 2020)";
        const std::string svg = tools::print_report(std::cout, ds, options);
        if (svg_path) {
            if (const auto error = tools::write_file(*svg_path, svg)) {
                std::cerr << "park_report: cannot write the SVG chart: " << *error << '\n';
                return 1;
            }
            std::cout << (lang == Language::chinese ? "SVG 图表已写入: " : "SVG chart written to: ") << *svg_path << '\n';
        }
    } catch (const Error& e) {
        std::cerr << "park_report: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
