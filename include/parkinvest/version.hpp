// parkinvest — exact, typed investment data for development zones.
// SPDX-License-Identifier: MIT
#pragma once

// The single source of the version: CMakeLists.txt reads these three lines.
#define PARKINVEST_VERSION_MAJOR 0
#define PARKINVEST_VERSION_MINOR 1
#define PARKINVEST_VERSION_PATCH 0

#define PARKINVEST_VERSION (PARKINVEST_VERSION_MAJOR * 10000 + PARKINVEST_VERSION_MINOR * 100 + PARKINVEST_VERSION_PATCH)

namespace parkinvest {
inline constexpr int version_major = PARKINVEST_VERSION_MAJOR;
inline constexpr int version_minor = PARKINVEST_VERSION_MINOR;
inline constexpr int version_patch = PARKINVEST_VERSION_PATCH;
inline constexpr const char* version_string = "0.1.0";
static_assert(PARKINVEST_VERSION == 100, "version_string must match the version macros");
}  // namespace parkinvest
