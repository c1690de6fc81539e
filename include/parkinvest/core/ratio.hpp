// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/decimal.hpp>
#include <parkinvest/core/int128.hpp>
#include <parkinvest/core/language.hpp>
#include <parkinvest/core/rounding.hpp>

#include <compare>
#include <concepts>
#include <string>
#include <string_view>

namespace parkinvest {

/// An exact ratio num/den of two 128-bit integers, kept reduced with den > 0.
/// This is what Money / Money, shares and growth rates give before anybody rounds.
class Ratio {
public:
    using rep = detail::i128;

    constexpr Ratio() = default;  // 0/1
    /// num/den; throws DivisionByZeroError when den == 0.
    Ratio(rep num, rep den);
    /// A whole number.
    template <detail::Integer Int>
    explicit Ratio(Int n) : Ratio(detail::to_i128(n, "Ratio")) {}
    explicit Ratio(rep n) : num_(n) {
        if (!detail::in_range(n)) detail::throw_overflow("Ratio");
    }

    Ratio(double) = delete;
    Ratio(float) = delete;
    explicit operator double() const = delete;

    [[nodiscard]] constexpr rep numerator() const { return num_; }
    [[nodiscard]] constexpr rep denominator() const { return den_; }
    [[nodiscard]] constexpr int signum() const { return num_ < 0 ? -1 : (num_ > 0 ? 1 : 0); }

    /// (current - previous) / previous. Throws DivisionByZeroError when previous == 0.
    static Ratio growth(rep current, rep previous);

    friend constexpr bool operator==(const Ratio&, const Ratio&) = default;  // reduced form is unique
    friend std::strong_ordering operator<=>(const Ratio& a, const Ratio& b);

    Ratio operator-() const { return Ratio(-num_, den_, reduced_tag{}); }
    friend Ratio operator+(const Ratio& a, const Ratio& b);
    friend Ratio operator-(const Ratio& a, const Ratio& b);
    friend Ratio operator*(const Ratio& a, const Ratio& b);

    /// The ratio rounded to S decimals.
    template <int S>
    [[nodiscard]] Decimal<S> to_decimal(RoundingMode mode) const {
        try {
            return Decimal<S>::from_units(detail::mul_div_round(num_, detail::pow10(S), den_, mode, "Ratio to decimal"));
        } catch (const InexactRoundingError&) {
            detail::throw_inexact("Ratio to decimal", to_string(), S);
        }
    }

    /// "num/den", exact.
    [[nodiscard]] std::string to_string() const;

private:
    struct reduced_tag {};
    constexpr Ratio(rep num, rep den, reduced_tag) : num_(num), den_(den) {}
    rep num_ = 0;
    rep den_ = 1;
};

/// A difference of two percentages, in percentage points (个百分点). Exact.
class PercentagePoints {
public:
    constexpr PercentagePoints() = default;
    explicit PercentagePoints(Ratio fraction) : fraction_(fraction) {}
    /// The difference as a fraction: 1.5 percentage points is 0.015.
    [[nodiscard]] const Ratio& fraction() const { return fraction_; }
    friend bool operator==(const PercentagePoints&, const PercentagePoints&) = default;
    friend std::strong_ordering operator<=>(const PercentagePoints& a, const PercentagePoints& b) {
        return a.fraction_ <=> b.fraction_;
    }
    /// "+1.2个百分点" / "-1.2 percentage points", rounded to `decimals` under `mode`.
    [[nodiscard]] std::string format(int decimals, RoundingMode mode, Language lang = Language::chinese) const;

private:
    Ratio fraction_;
};

/// An exact percentage: a share of a total, a growth rate, or a parsed "44.2%".
/// It is rounded only when formatted or when rounded() is asked for.
class Percent {
public:
    constexpr Percent() = default;
    /// The percentage whose fraction is `fraction`: Ratio(442, 1000) is 44.2%.
    explicit Percent(Ratio fraction) : fraction_(fraction) {}
    Percent(double) = delete;

    /// part / whole as a percentage. Throws DivisionByZeroError when whole is 0.
    /// Works for integers and for any type whose quotient is a Ratio (Money, quantities).
    template <class T>
    static Percent share(const T& part, const T& whole) {
        if constexpr (detail::Integer<T>)
            return Percent(Ratio(Ratio::rep(part), Ratio::rep(whole)));
        else
            return Percent(part / whole);
    }
    /// Growth rate (current - previous) / previous, e.g. 同比增长4.9%.
    /// Throws DivisionByZeroError when previous is 0.
    template <class T>
    static Percent growth(const T& current, const T& previous) {
        if constexpr (detail::Integer<T>)
            return Percent(Ratio::growth(Ratio::rep(current), Ratio::rep(previous)));
        else
            return Percent((current - previous) / previous);
    }
    /// "44.2%", "+4.9%", "-2.5%", "−2.5%", "４４．２％", "44.2 %".
    static Percent parse(std::string_view text);

    [[nodiscard]] const Ratio& fraction() const { return fraction_; }

    /// The percentage rounded to `decimals` places of a percent: 44.2% at 0 decimals is 44%.
    [[nodiscard]] Percent rounded(int decimals, RoundingMode mode) const;

    /// "44.2%" with exactly `decimals` decimals; rounds under `mode`.
    [[nodiscard]] std::string format(int decimals, RoundingMode mode) const;
    /// Always signed: "+4.9%", "-2.5%" (ASCII '-' like every output; U+2212 is read, not written),
    /// "0.0%" for zero.
    [[nodiscard]] std::string format_signed(int decimals, RoundingMode mode) const;

    friend bool operator==(const Percent&, const Percent&) = default;
    friend std::strong_ordering operator<=>(const Percent& a, const Percent& b) { return a.fraction_ <=> b.fraction_; }
    friend PercentagePoints operator-(const Percent& a, const Percent& b) {
        return PercentagePoints(a.fraction_ - b.fraction_);
    }

private:
    Ratio fraction_;
};

}  // namespace parkinvest
