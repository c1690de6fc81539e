// SPDX-License-Identifier: MIT
// The signed 128-bit integer every exact value is built on, and its checked arithmetic.
//
// Native `__int128` where the compiler has it (gcc, clang); otherwise, or when
// PARKINVEST_NO_INT128 is defined, Boost.Multiprecision's fixed 128-bit integer. Both give the
// same results: the usable range is the symmetric [-(2^127 - 1), 2^127 - 1] so that negation and
// absolute value can never overflow, and every operation that leaves it throws OverflowError.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/hash.hpp>

#include <array>
#include <concepts>
#include <type_traits>
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

/// The 128-bit integer types, which std::integral and std::is_integral_v leave out under strict
/// -std=c++20 (they count them only under -std=gnu++20).
template <class T>
inline constexpr bool is_int128_v = std::is_same_v<std::remove_cv_t<T>, i128>
#if PARKINVEST_HAS_INT128
                                    || std::is_same_v<std::remove_cv_t<T>, u128>
#endif
    ;

/// Integers that mean numbers, the 128-bit ones included in every language mode: bool and the
/// character types (char, wchar_t, char8/16/32_t) are excluded, so Money::of('5') or
/// money * true do not compile; int8_t and uint8_t are numbers.
template <class T>
concept Integer = (std::integral<T> || is_int128_v<T>) && !std::is_same_v<std::remove_cv_t<T>, bool> &&
                  !std::is_same_v<std::remove_cv_t<T>, char> && !std::is_same_v<std::remove_cv_t<T>, wchar_t> &&
                  !std::is_same_v<std::remove_cv_t<T>, char8_t> && !std::is_same_v<std::remove_cv_t<T>, char16_t> &&
                  !std::is_same_v<std::remove_cv_t<T>, char32_t>;

/// Whether an Integer is unsigned (std::is_unsigned_v is false for unsigned __int128 under strict
/// -std=c++20).
template <Integer T>
inline constexpr bool is_unsigned_integer_v = std::is_unsigned_v<T>
#if PARKINVEST_HAS_INT128
                                              || std::is_same_v<std::remove_cv_t<T>, u128>
#endif
    ;

#if PARKINVEST_HAS_INT128
inline constexpr std::array<i128, 39> pow10_table = [] {
    std::array<i128, 39> t{};
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
}();
/// 10^n for 0 <= n <= 38, exactly.
constexpr i128 pow10(int n) { return pow10_table[static_cast<std::size_t>(n)]; }
#else
/// 10^n for 0 <= n <= 38, exactly.
inline i128 pow10(int n) {
    i128 r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}
#endif

constexpr i128 i128_max() {
    // 2^127 - 1 without shifting into the sign bit.
    i128 half = i128(1) << 126;
    return (half - 1) + half;
}
constexpr i128 i128_min() { return -i128_max(); }

[[noreturn]] inline void throw_overflow(const char* operation) { throw OverflowError(operation); }

constexpr bool in_range(i128 v) { return v >= i128_min() && v <= i128_max(); }

/// An integer of any width as i128; OverflowError outside [-(2^127 - 1), 2^127 - 1] (the most
/// negative __int128, an unsigned __int128 above 2^127 - 1), never a wrapped value.
template <Integer Int>
i128 to_i128(Int n, const char* operation) {
    if constexpr (is_unsigned_integer_v<Int>) {
        if constexpr (sizeof(Int) >= sizeof(i128))
            if (n > static_cast<Int>(i128_max())) throw_overflow(operation);
    } else if constexpr (sizeof(Int) >= sizeof(i128)) {
        if (!in_range(static_cast<i128>(n))) throw_overflow(operation);
    }
    return static_cast<i128>(n);
}

inline i128 checked_add(i128 a, i128 b, const char* operation) {
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

inline i128 checked_sub(i128 a, i128 b, const char* operation) {
    return checked_add(a, -b, operation);
}

inline i128 checked_mul(i128 a, i128 b, const char* operation) {
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

constexpr i128 abs(i128 v) { return v < 0 ? -v : v; }

/// Writes the decimal digits of |v| ending at `end` (no sign); returns the first digit.
inline char* write_digits(i128 v, char* end) {
    v = detail::abs(v);  // safe: the range is symmetric
    char* p = end;
#if PARKINVEST_HAS_INT128
    // Peel 19-digit chunks with one 128-bit division each, then print 64-bit chunks cheaply.
    constexpr std::uint64_t chunk = 10'000'000'000'000'000'000ULL;  // 10^19
    while (v >= static_cast<i128>(chunk)) {
        auto low = static_cast<std::uint64_t>(v % chunk);
        v /= chunk;
        for (int i = 0; i < 19; ++i, low /= 10) *--p = static_cast<char>('0' + low % 10);
    }
    auto rest = static_cast<std::uint64_t>(v);
    do {
        *--p = static_cast<char>('0' + rest % 10);
        rest /= 10;
    } while (rest != 0);
#else
    do {
        *--p = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    } while (v != 0);
#endif
    return p;
}

/// Decimal digits of v, with a leading '-' when negative.
inline std::string to_string(i128 v) {
    std::array<char, 48> buf{};
    char* const end = buf.data() + buf.size();
    char* p = write_digits(v, end);
    if (v < 0) *--p = '-';
    return std::string(p, static_cast<std::size_t>(end - p));
}

/// Keyed (see core/hash.hpp): amounts may come from files and key hash tables.
inline std::size_t hash(i128 v) noexcept {
#if PARKINVEST_HAS_INT128
    const auto bits = static_cast<u128>(v);
    return keyed_hash(static_cast<std::uint64_t>(bits) ^ keyed_hash(static_cast<std::uint64_t>(bits >> 64)));
#else
    return keyed_hash(std::string_view(to_string(v)));
#endif
}

}  // namespace parkinvest::detail
