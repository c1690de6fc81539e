// SPDX-License-Identifier: MIT
// The signed 128-bit integer every exact value is built on, and its checked arithmetic.
//
// Native `__int128` where the compiler has it (gcc, clang); otherwise, or when
// PARKINVEST_NO_INT128 is defined, Boost.Multiprecision's fixed 128-bit integer. Both give the
// same results: the usable range is the symmetric [-(2^127 - 1), 2^127 - 1] so that negation and
// absolute value can never overflow, and every operation that leaves it throws OverflowError.
#pragma once

#include <parkinvest/core/errors.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#if defined(__SIZEOF_INT128__) && !defined(PARKINVEST_NO_INT128)
#define PARKINVEST_HAS_INT128 1
#else
#define PARKINVEST_HAS_INT128 0
#include <boost/multiprecision/cpp_int.hpp>
#endif

namespace parkinvest::detail {

#if PARKINVEST_HAS_INT128
#if defined(__GNUC__)
__extension__ using i128 = __int128;  // __extension__ keeps -Wpedantic quiet about the type
__extension__ using u128 = unsigned __int128;
#else
using i128 = __int128;
using u128 = unsigned __int128;
#endif
#else
using i128 = boost::multiprecision::int128_t;
#endif

/// 10^n for 0 <= n <= 38, exactly.
constexpr i128 pow10(int n) {
    i128 r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

constexpr i128 i128_max() {
    // 2^127 - 1 without shifting into the sign bit.
    i128 half = i128(1) << 126;
    return (half - 1) + half;
}
constexpr i128 i128_min() { return -i128_max(); }

[[noreturn]] inline void throw_overflow(const char* operation) { throw OverflowError(operation); }

constexpr bool in_range(const i128& v) { return v >= i128_min() && v <= i128_max(); }

inline i128 checked_add(const i128& a, const i128& b, const char* operation) {
#if PARKINVEST_HAS_INT128
    i128 r;
    if (__builtin_add_overflow(a, b, &r) || r < i128_min()) throw_overflow(operation);
    return r;
#else
    i128 r = a + b;  // |a + b| < 2^128: no wrap in Boost's sign-magnitude 128 bits
    if (!in_range(r)) throw_overflow(operation);
    return r;
#endif
}

inline i128 checked_sub(const i128& a, const i128& b, const char* operation) {
    return checked_add(a, -b, operation);
}

inline i128 checked_mul(const i128& a, const i128& b, const char* operation) {
#if PARKINVEST_HAS_INT128
    i128 r;
    if (__builtin_mul_overflow(a, b, &r) || r < i128_min()) throw_overflow(operation);
    return r;
#else
    using boost::multiprecision::int256_t;
    int256_t r = int256_t(a) * int256_t(b);
    if (r > int256_t(i128_max()) || r < int256_t(i128_min())) throw_overflow(operation);
    return static_cast<i128>(r);
#endif
}

constexpr i128 abs(const i128& v) { return v < 0 ? -v : v; }

/// Decimal digits of v, with a leading '-' when negative.
inline std::string to_string(i128 v) {
    std::array<char, 48> buf{};
    std::size_t pos = buf.size();
    const bool negative = v < 0;
    if (negative) v = -v;  // safe: the range is symmetric
    do {
        buf[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    } while (v != 0);
    if (negative) buf[--pos] = '-';
    return std::string(buf.data() + pos, buf.size() - pos);
}

inline std::size_t hash(const i128& v) noexcept {
#if PARKINVEST_HAS_INT128
    const auto bits = static_cast<u128>(v);
    const auto lo = static_cast<std::uint64_t>(bits);
    const auto hi = static_cast<std::uint64_t>(bits >> 64);
    return static_cast<std::size_t>(lo ^ (hi * 0x9E3779B97F4A7C15ULL) ^ (lo >> 29));
#else
    std::size_t h = 0;
    for (unsigned char c : to_string(v)) h = h * 131 + c;
    return h;
#endif
}

}  // namespace parkinvest::detail
