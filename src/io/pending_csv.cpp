// SPDX-License-Identifier: MIT
// TEMPORARY, built only while src/io/csv.cpp is the placeholder (see CMakeLists.txt): lets the
// io-archive branch link io.cpp before the CSV branch lands. Delete together with the CMake check.
#include "internal.hpp"

namespace parkinvest::io::detail {

void save_csv(const Dataset&, const std::filesystem::path&) {
    throw ArgumentError("parkinvest: CSV is not implemented in this build");
}
Dataset load_csv(const std::filesystem::path&, const LoadOptions&) {
    throw ArgumentError("parkinvest: CSV is not implemented in this build");
}

}  // namespace parkinvest::io::detail
