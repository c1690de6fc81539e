// SPDX-License-Identifier: MIT
#pragma once

// Included first by every parkinvest header (but version.hpp, which any C++ can read): a
// translation unit compiled as C++17 or older gets this one message instead of a page of errors
// from the headers that follow. Linking the CMake target parkinvest::parkinvest asks for C++20
// (target_compile_features cxx_std_20); otherwise pass -std=c++20 (MSVC: /std:c++20).
#if (defined(_MSVC_LANG) ? _MSVC_LANG : __cplusplus) <= 201703L
#error "parkinvest needs C++20: compile with -std=c++20 (MSVC: /std:c++20), or link the CMake target parkinvest::parkinvest, which asks for it"
// A missing header is fatal in every compiler, so nothing after this line is compiled.
#include <parkinvest_requires_cxx20>
#endif
