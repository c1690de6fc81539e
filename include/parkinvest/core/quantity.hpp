// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>
#include <parkinvest/fwd.hpp>

#include <parkinvest/core/decimal.hpp>
#include <parkinvest/core/int128.hpp>
#include <parkinvest/core/language.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/core/rounding.hpp>

#include <array>
#include <compare>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace parkinvest {

namespace detail {
/// One unit of a quantity: how many base counts it holds, its labels, and the spellings the
/// parser accepts (matched case-insensitively for ASCII).
struct UnitSpec {
    i128 base_per_unit;
    std::string_view chinese;
    std::string_view english;
    std::array<std::string_view, 6> spellings;
};
/// Parses "<number> <unit>" into base counts; `units` lists the accepted units.
i128 parse_quantity(std::string_view text, std::string_view what, std::span<const UnitSpec> units);
/// count / base_per_unit as decimal text, rounded under `mode` only beyond `max_decimals`.
std::string format_quantity(i128 count, const UnitSpec& unit, int max_decimals, RoundingMode mode, Language lang);
}  // namespace detail

/// An exact physical quantity: an integer count of a base unit small enough that every unit the
/// domain uses is a whole number of counts. Quantities of different kinds (Area, Mass,
/// AnnualThroughput) are different types: adding an area to a mass does not compile.
template <class Kind>
class Quantity {
public:
    using rep = detail::i128;
    using Unit = typename Kind::Unit;

    constexpr Quantity() = default;
    Quantity(double, Unit) = delete;

    /// A whole number of `unit`.
    template <detail::Integer Int>
    static Quantity of(Int value, Unit unit) {
        return from_base(detail::checked_mul(detail::to_i128(value, "Quantity::of"), spec(unit).base_per_unit, "Quantity::of"));
    }
    /// A decimal number of `unit`; throws InexactRoundingError if it is finer than the base count.
    template <int S>
    static Quantity of(const Decimal<S>& value, Unit unit) {
        return from_base(detail::mul_div_round(value.units(), spec(unit).base_per_unit, detail::pow10(S),
                                               RoundingMode::unnecessary, "Quantity::of"));
    }
    static Quantity from_base(rep count) {
        if (!detail::in_range(count)) detail::throw_overflow("Quantity::from_base");
        Quantity q;
        q.count_ = count;
        return q;
    }
    /// "103.77平方米", "103.77 m²", "225平方公里", "12亩", "291吨", "291 t/a" ...
    static Quantity parse(std::string_view text) {
        return from_base(detail::parse_quantity(text, Kind::name, Kind::units));
    }

    [[nodiscard]] constexpr rep base_count() const { return count_; }
    [[nodiscard]] constexpr bool is_zero() const { return count_ == 0; }
    [[nodiscard]] constexpr int signum() const { return count_ < 0 ? -1 : (count_ > 0 ? 1 : 0); }
    /// The exact value in `unit`: 1亩 in square metres is 2000/3.
    [[nodiscard]] Ratio in(Unit unit) const { return Ratio(count_, spec(unit).base_per_unit); }

    friend constexpr bool operator==(const Quantity&, const Quantity&) = default;
    friend constexpr std::strong_ordering operator<=>(const Quantity& a, const Quantity& b) {
        return a.count_ < b.count_ ? std::strong_ordering::less
                                   : (b.count_ < a.count_ ? std::strong_ordering::greater : std::strong_ordering::equal);
    }
    Quantity operator-() const { return from_base(-count_); }
    friend Quantity operator+(const Quantity& a, const Quantity& b) {
        return from_base(detail::checked_add(a.count_, b.count_, "Quantity + Quantity"));
    }
    friend Quantity operator-(const Quantity& a, const Quantity& b) {
        return from_base(detail::checked_sub(a.count_, b.count_, "Quantity - Quantity"));
    }
    Quantity& operator+=(const Quantity& b) { return *this = *this + b; }
    Quantity& operator-=(const Quantity& b) { return *this = *this - b; }
    template <detail::Integer Int>
    friend Quantity operator*(const Quantity& a, Int n) {
        return from_base(detail::checked_mul(a.count_, detail::to_i128(n, "Quantity * integer"), "Quantity * integer"));
    }
    template <detail::Integer Int>
    friend Quantity operator*(Int n, const Quantity& a) {
        return a * n;
    }
    /// Exact ratio of two quantities of one kind (a utilisation, a share).
    friend Ratio operator/(const Quantity& a, const Quantity& b) {
        if (b.count_ == 0) throw DivisionByZeroError("Quantity / Quantity");
        return Ratio(a.count_, b.count_);
    }

    /// "103.77平方米" / "103.77 m²". Exact when the value in `unit` has at most `max_decimals`
    /// decimals; otherwise rounded to `max_decimals` under `mode`.
    [[nodiscard]] std::string format(Unit unit, Language lang = Language::chinese, int max_decimals = 6,
                                     RoundingMode mode = RoundingMode::half_up) const {
        return detail::format_quantity(count_, spec(unit), max_decimals, mode, lang);
    }
    /// In the kind's default unit (m², 吨, 吨/年), Chinese, as format().
    [[nodiscard]] std::string to_string() const { return format(Kind::default_unit); }

private:
    static const detail::UnitSpec& spec(Unit u) { return Kind::units[static_cast<std::size_t>(u)]; }
    rep count_ = 0;
};

/// Area; base count 1/30,000 m², so that m² (4 decimals), 公顷, km² and 亩 (= 2000/3 m²) are all
/// whole numbers of counts and conversions between them are exact.
struct AreaKind {
    enum class Unit { square_metre, hectare, square_kilometre, mu };
    static constexpr std::string_view name = "area";
    static constexpr Unit default_unit = Unit::square_metre;
    static constexpr std::array<detail::UnitSpec, 4> units{{
        {30'000, "平方米", "m²", {"平方米", "m²", "㎡", "m2", "sqm", "square metres"}},
        {300'000'000, "公顷", "ha", {"公顷", "ha", "hectares", "hectare", "", ""}},
        {30'000'000'000, "平方公里", "km²", {"平方公里", "平方千米", "km²", "km2", "㎢", "square kilometres"}},
        {20'000'000, "亩", "mu", {"亩", "mu", "", "", "", ""}},
    }};
};
/// Mass; base count 1 g, so tonnes keep 6 decimals.
struct MassKind {
    enum class Unit { tonne, kilogram };
    static constexpr std::string_view name = "mass";
    static constexpr Unit default_unit = Unit::tonne;
    static constexpr std::array<detail::UnitSpec, 2> units{{
        {1'000'000, "吨", "t", {"吨", "t", "tonnes", "tonne", "", ""}},
        {1'000, "千克", "kg", {"千克", "公斤", "kg", "", "", ""}},
    }};
};
/// Mass per year (吨/年): capacities and throughputs; base count 1 g per year.
struct AnnualThroughputKind {
    enum class Unit { tonne_per_year, kilogram_per_year };
    static constexpr std::string_view name = "annual throughput";
    static constexpr Unit default_unit = Unit::tonne_per_year;
    static constexpr std::array<detail::UnitSpec, 2> units{{
        {1'000'000, "吨/年", "t/a", {"吨/年", "吨每年", "t/a", "t/yr", "tonnes per year", ""}},
        {1'000, "千克/年", "kg/a", {"千克/年", "公斤/年", "kg/a", "kg/yr", "", ""}},
    }};
};

// Area, Mass and AnnualThroughput (Quantity<AreaKind> ...) are declared once, in
// <parkinvest/fwd.hpp>.

}  // namespace parkinvest
