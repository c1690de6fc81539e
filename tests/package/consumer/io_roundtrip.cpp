// SPDX-License-Identifier: MIT
// The consumer's serialization check: the Dataset through JSON and binary and back, equal to the
// original; returns the number of failed checks. Called from main.cpp.
#include <parkinvest/io/io.hpp>
#include <parkinvest/parkinvest.hpp>

#include <iostream>
#include <sstream>
#include <string>

/// Saves ds in JSON and in binary, loads each back and compares. Returns the number of failures.
int io_roundtrip(const parkinvest::Dataset& ds) {
    using namespace parkinvest;
    int failed = 0;
    for (const io::Format format : {io::Format::json, io::Format::binary}) {
        const std::string name(io::to_string(format));
        std::stringstream bytes;
        io::save(ds, bytes, format);
        if (bytes.str().empty()) {
            std::cerr << "FAILED: io::save wrote nothing (" << name << ")\n";
            ++failed;
            continue;
        }
        const Dataset back = io::load(bytes, format, io::LoadOptions{}, "consumer " + name);
        if (!(back == ds)) {
            std::cerr << "FAILED: the Dataset does not round-trip through " << name << "\n";
            ++failed;
        }
    }
    return failed;
}
