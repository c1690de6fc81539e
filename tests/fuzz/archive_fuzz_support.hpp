// SPDX-License-Identifier: MIT
// Shared by the archive fuzz targets: load arbitrary bytes in one format. The only acceptable
// failure is a FormatError whose problems name the input and stay inside it; a dataset that
// loads must save in every archive format and load back equal. Anything else (another
// exception, a crash, a sanitizer report, a hang) is a finding.
#pragma once

#include <parkinvest/io/io.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace parkinvest::fuzz {

inline void require(bool ok) {
    if (!ok) std::abort();
}

inline void load_and_round_trip(const std::uint8_t* data, std::size_t size, io::Format format) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    std::istringstream in(bytes);
    Dataset loaded;
    try {
        loaded = io::load(in, format, io::LoadOptions{}, "fuzz");
    } catch (const FormatError& e) {
        require(!e.problems().empty());
        for (const FormatProblem& p : e.problems()) {
            require(p.input == "fuzz");
            require(!p.reason.empty());
            require(!p.byte || *p.byte <= size);
        }
        return;
    }
    for (io::Format f : {io::Format::json, io::Format::xml, io::Format::binary, io::Format::portable_binary}) {
        std::stringstream file;
        io::save(loaded, file, f);
        require(io::load(file, f) == loaded);
    }
}

}  // namespace parkinvest::fuzz
