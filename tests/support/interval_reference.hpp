// SPDX-License-Identifier: MIT
// A slow reference for bounds through aggregates (include/parkinvest/query/bounds.hpp), written
// without the library's per-bound sums or end flags: every reported figure is replaced by the
// corner values its bound allows — exact {v}, 以上 {v, M}, 超过 {v+δ, M}, 约 {v-ε, v, v+ε},
// 近 {v-ε, v}, 以下 {0, v}, 不足 {0, v-δ} — with M huge and ε, δ tiny, and each aggregate's
// smallest and largest value over those corners is computed exactly (the aggregates are monotone
// in each figure, so the corners hold the extremes). An end is
//   * at the domain's limit when it moves with M (M → ∞),
//   * approximate when it moves with ε, else open when it moves with δ,
// and the interval is stated by the documented rules (bounds.hpp's header).
#pragma once

#include <parkinvest/model/common.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <vector>

namespace parkinvest::test::bounds {

using Q = boost::multiprecision::cpp_rational;

struct Input {
    Q v;
    Bound b;
};

/// The corner values of one figure.
inline std::vector<Q> corners(const Input& in, const Q& eps, const Q& delta, const Q& big) {
    switch (in.b) {
    case Bound::exact: return {in.v};
    case Bound::at_least: return {in.v, big};
    case Bound::more_than: return {in.v + delta, big};
    case Bound::about: return {in.v - eps, in.v, in.v + eps};
    case Bound::nearly: return {in.v - eps, in.v};
    case Bound::at_most: return {Q(0), in.v};
    case Bound::less_than: return {Q(0), in.v - delta};
    }
    return {in.v};
}

/// Smallest and largest sum of the figures (a sum's extremes are the sums of the extremes).
inline std::pair<Q, Q> sum_range(const std::vector<Input>& xs, const Q& eps, const Q& delta, const Q& big) {
    Q lo = 0, hi = 0;
    for (const Input& x : xs) {
        const auto c = corners(x, eps, delta, big);
        lo += *std::min_element(c.begin(), c.end());
        hi += *std::max_element(c.begin(), c.end());
    }
    return {lo, hi};
}

/// One end as a function of (ε, δ, M).
using EndFn = std::function<Q(const Q& eps, const Q& delta, const Q& big)>;

struct RefEnd {
    Q value;
    bool at_limit = false;
    bool open = false;
    bool approx = false;
};

/// The four settings an end is probed at: (0, 0, M), (0, 0, 2M), (ε, 0, M), (0, δ, M).
struct Setting {
    Q eps, delta, big;
};
inline const std::array<Setting, 4>& settings() {
    static const std::array<Setting, 4> s = [] {
        const Q big = Q(boost::multiprecision::cpp_int(1) << 140);
        const Q eps = Q(1, 1000000007);
        const Q delta = Q(1, 998244353);
        return std::array<Setting, 4>{{{0, 0, big}, {0, 0, big * 2}, {eps, 0, big}, {0, delta, big}}};
    }();
    return s;
}

/// An end from its values at the four settings.
inline RefEnd end_of(const std::array<Q, 4>& v) {
    RefEnd e;
    e.value = v[0];
    e.at_limit = v[1] != v[0];
    e.approx = v[2] != v[0];
    e.open = !e.approx && v[3] != v[0];
    return e;
}

inline RefEnd probe(const EndFn& f) {
    std::array<Q, 4> v;
    for (std::size_t i = 0; i < 4; ++i) v[i] = f(settings()[i].eps, settings()[i].delta, settings()[i].big);
    return end_of(v);
}

/// The smallest and largest sum of some figures at each of the four settings: computed once,
/// so that many groups' shares of one total cost one pass over each group.
struct Probed {
    std::array<std::pair<Q, Q>, 4> at;
};
inline Probed probed(const std::vector<Input>& xs) {
    Probed p;
    for (std::size_t i = 0; i < 4; ++i) p.at[i] = sum_range(xs, settings()[i].eps, settings()[i].delta, settings()[i].big);
    return p;
}

/// What the reference states: the figure and bound, or nothing (cannot be determined).
struct Stated {
    std::optional<Q> figure;
    Bound bound = Bound::exact;
    friend bool operator==(const Stated&, const Stated&) = default;
};

/// The documented rules over the domain [bottom, top] (top empty: ∞).
inline Stated state(RefEnd lo, RefEnd hi, const Q& bottom, const std::optional<Q>& top) {
    if (lo.at_limit) lo.value = bottom, lo.open = false, lo.approx = false;
    const bool hi_at_top = hi.at_limit || (top && hi.value == *top);
    if (!hi.at_limit && lo.value == hi.value) {
        const Bound b = !lo.approx && !hi.approx ? Bound::exact : (!hi.approx ? Bound::nearly : Bound::about);
        return {hi.value, b};
    }
    if (hi_at_top) {
        if (lo.value == bottom && !lo.open) return {};
        return {lo.value, lo.open && !lo.approx ? Bound::more_than : Bound::at_least};
    }
    return {hi.value, hi.open && !hi.approx ? Bound::less_than : Bound::at_most};
}

inline Stated sum(const std::vector<Input>& xs) {
    return state(probe([&](const Q& e, const Q& d, const Q& m) { return sum_range(xs, e, d, m).first; }),
                 probe([&](const Q& e, const Q& d, const Q& m) { return sum_range(xs, e, d, m).second; }), Q(0),
                 std::nullopt);
}

/// min (want_max false) or max of the figures: over the corners, min of x_i ranges from
/// min_i(min x_i) to min_i(max x_i), and max likewise.
inline Stated extreme(const std::vector<Input>& xs, bool want_max) {
    const auto end = [&](bool upper) {
        return probe([&, upper](const Q& e, const Q& d, const Q& m) {
            std::optional<Q> best;
            for (const Input& x : xs) {
                const auto c = corners(x, e, d, m);
                const Q v = upper ? *std::max_element(c.begin(), c.end()) : *std::min_element(c.begin(), c.end());
                if (!best || (want_max ? v > *best : v < *best)) best = v;
            }
            return *best;
        });
    };
    return state(end(false), end(true), Q(0), std::nullopt);
}

/// The share of the figures g in a total that includes them: the rest's extremes are the total's
/// less g's (sums of extremes), so it takes the two sums only.
inline Stated share_of_total(const Probed& g, const Probed& total);

/// The share g / (g + r): smallest at (g smallest, r largest), largest at the opposite corner;
/// 0/0 is 0% at the lower end and 100% at the upper end unless g is 0.
inline Stated share(const std::vector<Input>& g, const std::vector<Input>& r) {
    const auto ratio = [](const Q& x, const Q& y, bool upper) -> Q {
        if (x + y == 0) return upper && x != 0 ? Q(1) : Q(0);
        return x / (x + y);
    };
    return state(probe([&](const Q& e, const Q& d, const Q& m) {
                     return ratio(sum_range(g, e, d, m).first, sum_range(r, e, d, m).second, false);
                 }),
                 probe([&](const Q& e, const Q& d, const Q& m) {
                     return ratio(sum_range(g, e, d, m).second, sum_range(r, e, d, m).first, true);
                 }),
                 Q(0), Q(1));
}

/// The growth now / before - 1 (before not exactly zero); a zero before makes the upper end
/// unbounded (it then moves with M through the reciprocal of a tiny positive stand-in).
inline Stated growth(const std::vector<Input>& now, const std::vector<Input>& before) {
    return state(probe([&](const Q& e, const Q& d, const Q& m) {
                     return Q(sum_range(now, e, d, m).first / sum_range(before, e, d, m).second - 1);
                 }),
                 probe([&](const Q& e, const Q& d, const Q& m) {
                     const Q x = sum_range(now, e, d, m).second;
                     Q y = sum_range(before, e, d, m).first;
                     if (y == 0) {
                         if (x == 0) return Q(-1);
                         y = 1 / m;  // before may be as small as we like
                     }
                     return Q(x / y - 1);
                 }),
                 Q(-1), std::nullopt);
}

inline Stated share_of_total(const Probed& g, const Probed& total) {
    const auto ratio = [](const Q& x, const Q& y, bool upper) -> Q {
        if (x + y == 0) return upper && x != 0 ? Q(1) : Q(0);
        return x / (x + y);
    };
    std::array<Q, 4> lo, hi;
    for (std::size_t i = 0; i < 4; ++i) {
        const Q rest_lo = total.at[i].first - g.at[i].first;
        const Q rest_hi = total.at[i].second - g.at[i].second;
        lo[i] = ratio(g.at[i].first, rest_hi, false);
        hi[i] = ratio(g.at[i].second, rest_lo, true);
    }
    return state(end_of(lo), end_of(hi), Q(0), Q(1));
}

}  // namespace parkinvest::test::bounds
