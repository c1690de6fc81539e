// SPDX-License-Identifier: MIT
// TEMPORARY, built only while src/io/json_lines.cpp is the placeholder (see CMakeLists.txt): lets
// the io-archive branch link io.cpp before the JSON Lines branch lands. Delete with the CMake check.
#include "internal.hpp"

namespace parkinvest::io::detail {

void save_json_lines(const Dataset&, std::ostream&) {
    throw ArgumentError("parkinvest: JSON Lines is not implemented in this build");
}

}  // namespace parkinvest::io::detail
