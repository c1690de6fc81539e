// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/enum_table.hpp>
#include <parkinvest/core/int128.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace parkinvest {

/// The eight rounding modes of java.math.RoundingMode. A mode is always an argument: the
/// library has no global or thread-local rounding state.
enum class RoundingMode {
    up,          ///< away from zero:            1.1 -> 2,   -1.1 -> -2
    down,        ///< towards zero (truncate):   1.9 -> 1,   -1.9 -> -1
    ceiling,     ///< towards +infinity:         1.1 -> 2,   -1.9 -> -1
    floor,       ///< towards -infinity:         1.9 -> 1,   -1.1 -> -2
    half_up,     ///< nearest, ties away from 0: 2.5 -> 3,   -2.5 -> -3
    half_down,   ///< nearest, ties towards 0:   2.5 -> 2,   -2.5 -> -2
    half_even,   ///< nearest, ties to even:     2.5 -> 2,   3.5 -> 4 (banker's rounding)
    unnecessary, ///< the result must be exact; otherwise InexactRoundingError
};

template <>
struct EnumTable<RoundingMode> {
    static constexpr std::string_view type = "RoundingMode";
    static constexpr std::array<EnumEntry, 8> entries{{
        {"up", "远离零舍入", "away from zero"},
        {"down", "向零舍入", "towards zero"},
        {"ceiling", "向正无穷舍入", "towards +infinity"},
        {"floor", "向负无穷舍入", "towards -infinity"},
        {"half_up", "四舍五入", "half up"},
        {"half_down", "五舍六入", "half down"},
        {"half_even", "四舍六入五成双", "half even"},
        {"unnecessary", "不舍入", "exact"},
    }};
};

inline constexpr RoundingMode all_rounding_modes[] = {
    RoundingMode::up,        RoundingMode::down,      RoundingMode::ceiling,   RoundingMode::floor,
    RoundingMode::half_up,   RoundingMode::half_down, RoundingMode::half_even, RoundingMode::unnecessary,
};

[[nodiscard]] constexpr std::string_view to_string(RoundingMode mode) noexcept {
    switch (mode) {
    case RoundingMode::up: return "UP";
    case RoundingMode::down: return "DOWN";
    case RoundingMode::ceiling: return "CEILING";
    case RoundingMode::floor: return "FLOOR";
    case RoundingMode::half_up: return "HALF_UP";
    case RoundingMode::half_down: return "HALF_DOWN";
    case RoundingMode::half_even: return "HALF_EVEN";
    case RoundingMode::unnecessary: return "UNNECESSARY";
    }
    return "?";
}

namespace detail {

/// Throws InexactRoundingError naming the value that RoundingMode::unnecessary kept from being
/// rounded: "parkinvest: 10.00 CNY / 3 cannot be rounded to 4 decimals under
/// RoundingMode::unnecessary (Money / integer)" (negative decimals: "a multiple of 10^2").
/// Called where the error is caught, so no message is built on the way of a successful operation.
[[noreturn]] void throw_inexact(const char* operation, const std::string& expression, int decimals);

/// The decimal digits of any Integer, for messages (an unsigned __int128 above 2^127 − 1 too).
template <Integer Int>
std::string integer_text(Int n) {
#if PARKINVEST_HAS_INT128
    if constexpr (std::is_same_v<std::remove_cv_t<Int>, u128>) {
        if (n > static_cast<Int>(i128_max())) return to_string(static_cast<i128>(n / 10)) + static_cast<char>('0' + static_cast<int>(n % 10));
    } else if constexpr (std::is_same_v<std::remove_cv_t<Int>, i128>) {
        if (n == -i128_max() - 1) return "-170141183460469231731687303715884105728";  // no positive counterpart
    }
    return to_string(static_cast<i128>(n));
#else
    if constexpr (std::is_same_v<std::remove_cv_t<Int>, i128>) return to_string(n);  // Boost's 128-bit type holds ±(2^128 - 1)
    else return to_string(static_cast<i128>(n));
#endif
}

/// Whether a truncated quotient q (with remainder r != 0 of divisor d, all magnitudes) moves one
/// step away from zero under `mode`. `negative` is the sign of the exact quotient.
template <class Int>
constexpr bool round_away(RoundingMode mode, bool negative, const Int& q_abs, const Int& r_abs, const Int& d_abs,
                          const char* operation) {
    switch (mode) {
    case RoundingMode::up: return true;
    case RoundingMode::down: return false;
    case RoundingMode::ceiling: return !negative;
    case RoundingMode::floor: return negative;
    case RoundingMode::half_up:
    case RoundingMode::half_down:
    case RoundingMode::half_even: {
        const Int other = d_abs - r_abs;  // compare r with d/2 without overflowing 2*r
        if (r_abs > other) return true;
        if (r_abs < other) return false;
        if (mode == RoundingMode::half_up) return true;
        if (mode == RoundingMode::half_down) return false;
        return (q_abs % 2) != 0;
    }
    case RoundingMode::unnecessary: throw InexactRoundingError(operation);
    }
    return false;
}

/// num / den rounded under `mode`; den != 0. Never overflows: |result| <= |num|.
inline i128 div_round(i128 num, i128 den, RoundingMode mode, const char* operation) {
    if (den == 0) throw DivisionByZeroError(operation);
    const i128 q = num / den;  // truncates towards zero
    const i128 r = num % den;
    if (r == 0) return q;
    const bool negative = (num < 0) != (den < 0);
    const i128 q_abs = detail::abs(q);
    if (round_away(mode, negative, q_abs, detail::abs(r), detail::abs(den), operation))
        return negative ? q - 1 : q + 1;
    return q;
}

#if PARKINVEST_HAS_INT128
/// num / d for a divisor with |d| >= 2^127 (the most negative __int128, whose negation
/// overflows, or an unsigned __int128 above 2^127 - 1): it exceeds every |num| (at most
/// 2^127 - 1), so the truncated quotient is 0 and the remainder is num. `d_abs` is |d|.
inline i128 div_round_beyond(i128 num, u128 d_abs, bool negative_divisor, RoundingMode mode, const char* operation) {
    if (num == 0) return 0;
    const bool negative = (num < 0) != negative_divisor;
    const u128 twice_r = static_cast<u128>(detail::abs(num)) * 2;  // below 2^128: no overflow
    bool away = false;
    switch (mode) {
    case RoundingMode::up: away = true; break;
    case RoundingMode::down: away = false; break;
    case RoundingMode::ceiling: away = !negative; break;
    case RoundingMode::floor: away = negative; break;
    case RoundingMode::half_up: away = twice_r >= d_abs; break;
    case RoundingMode::half_down:
    case RoundingMode::half_even: away = twice_r > d_abs; break;  // a tie keeps the even quotient 0
    case RoundingMode::unnecessary: throw InexactRoundingError(operation);
    }
    if (!away) return 0;
    return negative ? -1 : 1;
}
#endif

/// num / n rounded under `mode`, for an integer n of any width: a 128-bit n beyond
/// ±(2^127 - 1) is divided without converting (or negating) it.
template <class Int>
i128 div_round_integer(i128 num, Int n, RoundingMode mode, const char* operation) {
#if PARKINVEST_HAS_INT128
    if constexpr (sizeof(Int) > sizeof(std::int64_t)) {
        if constexpr (is_unsigned_integer_v<Int>) {
            if (n > static_cast<u128>(i128_max())) return div_round_beyond(num, static_cast<u128>(n), false, mode, operation);
        } else {
            if (n < i128_min()) return div_round_beyond(num, static_cast<u128>(1) << 127, true, mode, operation);
        }
    }
#endif
    return div_round(num, static_cast<i128>(n), mode, operation);
}

/// Fast path of div_round for operands that fit in 64 bits, where the compiler turns division
/// by a constant into a multiplication.
inline std::int64_t div_round64(std::int64_t num, std::int64_t den, RoundingMode mode, const char* operation) {
    if (den == 0) throw DivisionByZeroError(operation);
    const std::int64_t q = num / den;
    const std::int64_t r = num % den;
    if (r == 0) return q;
    const bool negative = (num < 0) != (den < 0);
    const std::int64_t q_abs = q < 0 ? -q : q;
    if (round_away<std::int64_t>(mode, negative, q_abs, r < 0 ? -r : r, den < 0 ? -den : den, operation))
        return negative ? q - 1 : q + 1;
    return q;
}

/// `v` rounded to a multiple of a power of ten above 10^38, which no 128-bit value reaches:
/// the result is 0 when the mode rounds |v| < step/2 down, and OverflowError when it would be
/// ±step (InexactRoundingError for `unnecessary` when v != 0).
inline i128 round_to_huge_step(i128 v, RoundingMode mode, const char* operation) {
    if (v == 0) return 0;
    switch (mode) {
    case RoundingMode::down:
    case RoundingMode::half_up:
    case RoundingMode::half_down:
    case RoundingMode::half_even: return 0;
    case RoundingMode::ceiling:
        if (v < 0) return 0;
        break;
    case RoundingMode::floor:
        if (v > 0) return 0;
        break;
    case RoundingMode::up: break;
    case RoundingMode::unnecessary: throw InexactRoundingError(operation);
    }
    throw_overflow(operation);
}

/// a * b / den rounded under `mode`, computed exactly through a 256-bit intermediate when the
/// product does not fit 128 bits. Throws OverflowError when the result does not fit.
i128 mul_div_round_wide(i128 a, i128 b, i128 den, RoundingMode mode, const char* operation);

inline i128 mul_div_round(i128 a, i128 b, i128 den, RoundingMode mode, const char* operation) {
#if PARKINVEST_HAS_INT128
    i128 p;
    if (!__builtin_mul_overflow(a, b, &p) && p >= i128_min()) return div_round(p, den, mode, operation);
#endif
    return mul_div_round_wide(a, b, den, mode, operation);
}

}  // namespace detail
}  // namespace parkinvest
