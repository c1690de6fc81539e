// SPDX-License-Identifier: MIT
// Shared by the archive fuzz targets: load arbitrary bytes in one format. The only acceptable
// failure is a FormatError whose problems name the input and stay inside it. A dataset that
// loads must save in the same format and load back equal; small ones also in the other formats,
// where saving may refuse text the other format cannot hold (ArgumentError: binary archives
// keep control characters that XML cannot). Anything else (another exception, a crash, a
// sanitizer report, a hang) is a finding.
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
    {
        std::stringstream file;
        io::save(loaded, file, format);
        require(io::load(file, format) == loaded);
    }
    if (size > 16 * 1024) return;  // keeps the sample dataset's seeds fast
    for (io::Format f : {io::Format::json, io::Format::xml, io::Format::binary, io::Format::portable_binary}) {
        if (f == format) continue;
        std::stringstream file;
        try {
            io::save(loaded, file, f);
        } catch (const ArgumentError&) {
            require(f == io::Format::json || f == io::Format::xml);
            require(file.str().empty());
            continue;
        }
        require(io::load(file, f) == loaded);
    }
}

}  // namespace parkinvest::fuzz
