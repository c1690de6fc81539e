// SPDX-License-Identifier: MIT
// Attacks on the library's own code, and the check that they stay linear.
//
// Each attack is a generator of hostile input of size n; a complexity test runs it at n and 8n
// and asserts that the larger one takes less than 12 times the CPU time of the smaller (a
// generous factor: it catches quadratic work, which takes 64 times, not noise). CPU time of the
// test process, the minimum of three runs each, so that other processes on the machine do not
// count.
#pragma once

#include <gtest/gtest.h>

#include <iostream>

#include <algorithm>
#include <climits>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace parkinvest::test {

// ------------------------------------------------------------------ hash flooding

/// The splitmix64 finaliser that hashed ids before issue 11 (unkeyed, invertible).
constexpr std::uint64_t splitmix64(std::uint64_t v) {
    std::uint64_t x = v + 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Its inverse: the id with a chosen hash.
constexpr std::uint64_t splitmix64_inverse(std::uint64_t h) {
    const auto unshift = [](std::uint64_t y, int s) {
        std::uint64_t x = y;
        for (int i = s; i < 64; i += s) x = y ^ (x >> s);
        return x;
    };
    const auto inverse = [](std::uint64_t m) {  // of an odd m modulo 2^64, by Newton's method
        std::uint64_t inv = m;
        for (int i = 0; i < 6; ++i) inv *= 2 - m * inv;
        return inv;
    };
    std::uint64_t x = unshift(h, 31);
    x *= inverse(0x94D049BB133111EBULL);
    x = unshift(x, 27);
    x *= inverse(0xBF58476D1CE4E5B9ULL);
    x = unshift(x, 30);
    return x - 0x9E3779B97F4A7C15ULL;
}
static_assert(splitmix64_inverse(splitmix64(12345)) == 12345);
static_assert(splitmix64(splitmix64_inverse(7ULL << 40)) == 7ULL << 40);

/// n distinct ids whose old hashes end in `zero_bits` zero bits: under the old hash they all
/// shared the first slot of every table of up to 2^zero_bits slots.
inline std::vector<std::uint64_t> ids_colliding_under_splitmix(std::size_t n, int zero_bits) {
    std::vector<std::uint64_t> ids;
    ids.reserve(n);
    for (std::uint64_t i = 1; ids.size() < n; ++i) {
        const std::uint64_t id = splitmix64_inverse(i << zero_bits);
        if (id != UINT64_MAX && id != 0) ids.push_back(id);
    }
    return ids;
}

// ------------------------------------------------------------------ linear time

/// CPU time of this process.
inline std::chrono::nanoseconds process_cpu_time() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

/// Keeps freed memory in the process (glibc: no trimming, blocks up to 32 MiB from the heap),
/// so that after a first run every run reuses pages already touched, at n as at 8n: otherwise
/// the runs at n reuse their pages while those at 8n, whose blocks glibc maps afresh, pay page
/// faults every time, and linear work looks superlinear.
/// (Best effort: under AddressSanitizer, whose allocator ignores mallopt, runs go as they go.)
inline void keep_freed_memory() {
#if defined(__GLIBC__)
    static const bool kept = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1 && mallopt(M_TRIM_THRESHOLD, INT_MAX) == 1;
    (void)kept;
#endif
}

/// The least CPU time of three measurements of `repeats` runs of run(input), after one run
/// that is not measured (it touches the memory the others reuse).
template <class Input, class Run>
std::chrono::nanoseconds least_cpu_time(const Input& input, Run& run, int repeats) {
    keep_freed_memory();
    run(input);
    std::chrono::nanoseconds best = std::chrono::nanoseconds::max();
    for (int i = 0; i < 3; ++i) {
        const auto start = process_cpu_time();
        for (int r = 0; r < repeats; ++r) run(input);
        best = std::min(best, process_cpu_time() - start);
    }
    return best;
}

/// run(make(8n)) takes less than 12 times the CPU time of run(make(n)). Each is repeated as
/// often as it takes run(make(n)) to last 20 ms, so that noise does not decide; n itself stays
/// as given, small enough that the inputs and what is built from them fit in the processor's
/// caches at n and at 8n alike (otherwise a hash table that fits at n and not at 8n costs more
/// per element there, and the test would measure the memory hierarchy).
template <class Make, class Run>
testing::AssertionResult scales_linearly(std::size_t n, Make make, Run run) {
    constexpr std::chrono::milliseconds enough{20};
    const auto small = make(n);
    const auto large = make(8 * n);
    int repeats = 1;
    auto t1 = least_cpu_time(small, run, repeats);
    while (t1 < enough && repeats < (1 << 16)) {
        repeats *= 2;
        t1 = least_cpu_time(small, run, repeats);
    }
    const auto t8 = least_cpu_time(large, run, repeats);
    const auto us = [](std::chrono::nanoseconds t) {
        return std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(t).count()) + " us";
    };
    const std::string times = "n = " + std::to_string(n) + ", " + std::to_string(repeats) + " runs: " + us(t1) +
                              "; 8n: " + us(t8);
    std::cout << "[ time     ] " << times << "\n";
    if (t8 < 12 * t1) return testing::AssertionSuccess() << times;
    return testing::AssertionFailure() << "not linear: " << times << " (more than 12 times)";
}

}  // namespace parkinvest::test
