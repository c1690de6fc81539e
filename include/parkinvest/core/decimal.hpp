// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/int128.hpp>
#include <parkinvest/core/rounding.hpp>

#include <compare>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

namespace parkinvest {

namespace detail {
/// Parses a plain decimal number ("-1,234.5678", full-width digits allowed) into units of
/// 10^-scale. Throws ParseError naming `what` on any problem.
i128 parse_scaled_decimal(std::string_view text, int scale, std::string_view what);
/// Exact text of units * 10^-scale: minimal digits, at least `min_decimals` decimals.
std::string format_scaled(i128 units, int scale, int min_decimals);
}  // namespace detail

/// Exact fixed-point decimal: an integer count of 10^-Scale on a signed 128-bit integer.
///
/// Every operation is exact or takes an explicit RoundingMode; every overflow throws
/// OverflowError and leaves the operands unchanged. There is no conversion from or to
/// floating point.
template <int Scale>
class Decimal {
    static_assert(Scale >= 0 && Scale <= 30, "Decimal scale must be between 0 and 30");

public:
    static constexpr int scale = Scale;
    using rep = detail::i128;

    constexpr Decimal() = default;

    /// An integer value: Decimal<2>(5) is 5.00.
    template <detail::Integer Int>
    explicit Decimal(Int value)
        : units_(detail::checked_mul(detail::to_i128(value, "Decimal(integer)"), detail::pow10(Scale), "Decimal(integer)")) {}

    Decimal(float) = delete;
    Decimal(double) = delete;
    Decimal(long double) = delete;
    explicit operator float() const = delete;
    explicit operator double() const = delete;
    explicit operator long double() const = delete;

    /// The value units * 10^-Scale.
    static Decimal from_units(rep units) {
        if (!detail::in_range(units)) detail::throw_overflow("Decimal::from_units");
        Decimal d;
        d.units_ = units;
        return d;
    }

    /// Parses "1234.5678", "-0.05", "1,234.5", "１２．５"; more decimals than Scale is an error
    /// unless they are zeros.
    static Decimal parse(std::string_view text) {
        return from_units(detail::parse_scaled_decimal(text, Scale, "decimal"));
    }

    static constexpr Decimal max() { return raw(detail::i128_max()); }
    static constexpr Decimal min() { return raw(detail::i128_min()); }

    [[nodiscard]] constexpr rep units() const { return units_; }
    [[nodiscard]] constexpr bool is_zero() const { return units_ == 0; }
    [[nodiscard]] constexpr int signum() const { return units_ < 0 ? -1 : (units_ > 0 ? 1 : 0); }

    friend constexpr bool operator==(const Decimal&, const Decimal&) = default;
    friend constexpr std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
        return a.units_ < b.units_ ? std::strong_ordering::less
                                   : (b.units_ < a.units_ ? std::strong_ordering::greater : std::strong_ordering::equal);
    }

    constexpr Decimal operator-() const { return raw(-units_); }
    friend Decimal operator+(const Decimal& a, const Decimal& b) {
        return raw(detail::checked_add(a.units_, b.units_, "Decimal + Decimal"));
    }
    friend Decimal operator-(const Decimal& a, const Decimal& b) {
        return raw(detail::checked_sub(a.units_, b.units_, "Decimal - Decimal"));
    }
    Decimal& operator+=(const Decimal& b) { return *this = *this + b; }
    Decimal& operator-=(const Decimal& b) { return *this = *this - b; }

    template <detail::Integer Int>
    friend Decimal operator*(const Decimal& a, Int n) {
        return raw(detail::checked_mul(a.units_, detail::to_i128(n, "Decimal * integer"), "Decimal * integer"));
    }
    template <detail::Integer Int>
    friend Decimal operator*(Int n, const Decimal& a) {
        return a * n;
    }

    /// this * other, rounded to Scale decimals.
    template <int S2>
    [[nodiscard]] Decimal mul(const Decimal<S2>& other, RoundingMode mode) const {
        try {
            return raw(detail::mul_div_round(units_, other.units(), detail::pow10(S2), mode, "Decimal * Decimal"));
        } catch (const InexactRoundingError&) {
            detail::throw_inexact("Decimal * Decimal", to_string() + " × " + other.to_string(), Scale);
        }
    }
    /// this / other, rounded to Scale decimals. Throws DivisionByZeroError on zero.
    template <int S2>
    [[nodiscard]] Decimal div(const Decimal<S2>& other, RoundingMode mode) const {
        if (other.is_zero()) throw DivisionByZeroError("Decimal / Decimal");
        try {
            return raw(detail::mul_div_round(units_, detail::pow10(S2), other.units(), mode, "Decimal / Decimal"));
        } catch (const InexactRoundingError&) {
            detail::throw_inexact("Decimal / Decimal", to_string() + " / " + other.to_string(), Scale);
        }
    }
    template <detail::Integer Int>
    [[nodiscard]] Decimal div(Int n, RoundingMode mode) const {
        try {
            return raw(detail::div_round_integer(units_, n, mode, "Decimal / integer"));
        } catch (const InexactRoundingError&) {
            detail::throw_inexact("Decimal / integer", to_string() + " / " + detail::integer_text(n), Scale);
        }
    }

    /// The value rounded to `decimals` places (0 <= decimals <= Scale; negative rounds to tens,
    /// hundreds ...), kept at this scale.
    [[nodiscard]] Decimal round(int decimals, RoundingMode mode) const {
        if (decimals >= Scale) return *this;
        try {
            const long long drop = static_cast<long long>(Scale) - decimals;  // no int overflow for any decimals
            if (drop > 38) return raw(detail::round_to_huge_step(units_, mode, "Decimal::round"));
            const rep step = detail::pow10(static_cast<int>(drop));
            const rep q = detail::div_round(units_, step, mode, "Decimal::round");
            return raw(detail::checked_mul(q, step, "Decimal::round"));
        } catch (const InexactRoundingError&) {
            detail::throw_inexact("Decimal::round", to_string(), decimals);
        }
    }

    /// The same value at another scale; rounding applies when S2 < Scale.
    template <int S2>
    [[nodiscard]] Decimal<S2> rescale(RoundingMode mode) const {
        if constexpr (S2 >= Scale) {
            return Decimal<S2>::from_units(detail::checked_mul(units_, detail::pow10(S2 - Scale), "Decimal::rescale"));
        } else {
            try {
                return Decimal<S2>::from_units(detail::div_round(units_, detail::pow10(Scale - S2), mode, "Decimal::rescale"));
            } catch (const InexactRoundingError&) {
                detail::throw_inexact("Decimal::rescale", to_string(), S2);
            }
        }
    }

    /// Exact text with the fewest digits: "1234.5", "-0.05", "3".
    [[nodiscard]] std::string to_string() const { return detail::format_scaled(units_, Scale, 0); }

private:
    static constexpr Decimal raw(rep units) {
        Decimal d;
        d.units_ = units;
        return d;
    }

    rep units_ = 0;
};

}  // namespace parkinvest

template <int Scale>
struct std::hash<parkinvest::Decimal<Scale>> {
    std::size_t operator()(const parkinvest::Decimal<Scale>& d) const noexcept {
        return parkinvest::detail::hash(d.units());
    }
};
