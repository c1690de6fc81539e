// SPDX-License-Identifier: MIT
// io::load of arbitrary bytes as JSON Lines: a FormatError, or a dataset that round-trips through
// JSON Lines and every archive format (see archive_fuzz_support.hpp).
#include "archive_fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    parkinvest::fuzz::load_and_round_trip(data, size, parkinvest::io::Format::json_lines);
    return 0;
}
