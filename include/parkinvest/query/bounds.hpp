// SPDX-License-Identifier: MIT
// Bounds through aggregates: every reported amount stands for an interval of true values, and
// every derived value (sum, average, share, growth, min, max, rank) is the interval its inputs
// give it, stated as one figure and one Bound.
//
//   exact 5      [5, 5]         at_least 5   [5, ∞)        more_than 5  (5, ∞)
//   about 5      [≈5, ≈5]       nearly 5     [≈5, 5]       at_most 5    [0, 5]   less_than 5  [0, 5)
//
// (amounts are never negative: the Dataset refuses negative amounts.) An end is exact, open
// (more_than, less_than) or approximate (约, 近); an end that an approximate figure moves is
// approximate. The result [L, U] over the value's domain (amounts [0, ∞), shares [0%, 100%],
// growth [-100%, ∞)) is stated as:
//   * L = U:                   exact; nearly when only L is approximate; about otherwise;
//   * U at the domain's top:   at_least L (more_than when L is open and not approximate), or
//                              "cannot be determined" (Undetermined) when L is the domain's bottom;
//   * otherwise:               at_most U (less_than when U is open and not approximate).
// A bound stated from approximate figures is itself approximate: "10亿元以上 + 约12亿元" is
// "22亿元以上".
//
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/money.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/model/common.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace parkinvest::query::detail {

inline constexpr std::size_t bound_count = 7;

/// One end of an interval: a figure, or none for +∞ (an upper end) or -∞ (a lower end, only
/// where the caller gives no bottom: rankings of percentages).
template <class V>
struct End {
    std::optional<V> value;
    bool open = false;    ///< the end itself is excluded (超过, 不足)
    bool approx = false;  ///< the end moves with an approximate figure (约, 近)
    friend bool operator==(const End&, const End&) = default;
};

template <class V>
struct Interval {
    End<V> lo;
    End<V> hi;
    friend bool operator==(const Interval&, const Interval&) = default;
};

/// The interval a reported figure stands for (table above); `bottom` is where 以下 and 不足
/// start (0 for amounts; empty: unbounded below).
template <class V>
[[nodiscard]] Interval<V> interval_of(const V& v, Bound b, const std::optional<V>& bottom) {
    const End<V> at{v, false, false};
    const End<V> low{bottom, false, false};
    switch (b) {
    case Bound::exact: return {at, at};
    case Bound::at_least: return {at, End<V>{}};
    case Bound::more_than: return {End<V>{v, true, false}, End<V>{}};
    case Bound::about: return {End<V>{v, false, true}, End<V>{v, false, true}};
    case Bound::nearly: return {End<V>{v, false, true}, at};
    case Bound::at_most: return {low, at};
    case Bound::less_than: return {low, End<V>{v, true, false}};
    }
    return {at, at};
}
/// An amount's interval: amounts are never below 0.
[[nodiscard]] inline Interval<Money> interval_of(const Money& v, Bound b) {
    return interval_of(v, b, std::optional<Money>(Money::from_units(0, v.currency())));
}

/// An interval stated as one figure and one Bound over the domain [bottom, top] (top empty: ∞);
/// empty when the interval spans the whole domain (cannot be determined).
[[nodiscard]] std::optional<Reported<Money>> state(const Interval<Money>& iv);
[[nodiscard]] std::optional<Reported<Percent>> state(const Interval<Percent>& iv, const Percent& bottom,
                                                     const std::optional<Percent>& top);

/// A running exact sum of amounts of one currency, kept per bound so that the interval of the
/// sum (and of a difference of sums: the rest of a total) can be derived exactly.
struct SumAcc {
    std::array<Money, bound_count> by_bound{};
    std::array<std::int64_t, bound_count> count{};
    std::int64_t n = 0;

    void add(const Money& value, Bound b) {
        const std::size_t i = static_cast<std::size_t>(b) % bound_count;
        if (n != 0 && by_bound[i].currency() == value.currency()) [[likely]] {
            by_bound[i] += value;  // the common case, small enough to inline in the scan
            ++count[i];
            ++n;
        } else {
            add_general(value, b);
        }
    }
    /// The first amount (which fixes the currency) or another currency (QueryError).
    void add_general(const Money& value, Bound b);
    void merge(const SumAcc& o);
    /// This sum less the part `g` of it (the rest of a total), bound by bound.
    [[nodiscard]] SumAcc minus(const SumAcc& g) const;
    [[nodiscard]] Interval<Money> interval() const;
    [[nodiscard]] Currency currency() const { return by_bound[0].currency(); }
    [[noreturn]] static void throw_mixed(const Money& a, const Money& b);
};

/// The interval of the share g / (g + rest), of the growth now / before - 1, of the smaller and
/// of the larger of two intervals.
[[nodiscard]] Interval<Percent> share_interval(const Interval<Money>& g, const Interval<Money>& rest);
[[nodiscard]] Interval<Percent> growth_interval(const Interval<Money>& now, const Interval<Money>& before);
[[nodiscard]] Interval<Money> min_of(const Interval<Money>& a, const Interval<Money>& b);
[[nodiscard]] Interval<Money> max_of(const Interval<Money>& a, const Interval<Money>& b);

}  // namespace parkinvest::query::detail
