// SPDX-License-Identifier: MIT
// Small text helpers shared by the command-line tool, its report and the examples (not part of the library).
#pragma once

#include <string>
#include <string_view>

namespace parkinvest::tools {

/// Every line of `text` behind `prefix`.
inline std::string indented(std::string_view text, std::string_view prefix) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end;
        out += prefix;
        out += text.substr(start, stop - start);
        out += '\n';
        start = stop + 1;
    }
    return out;
}

}  // namespace parkinvest::tools
