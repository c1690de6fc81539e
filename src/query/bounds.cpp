// SPDX-License-Identifier: MIT
#include <parkinvest/query/aggregates.hpp>
#include <parkinvest/query/bounds.hpp>

#include <parkinvest/core/errors.hpp>

#include <string>

namespace parkinvest::query::detail {

namespace {
constexpr std::size_t index(Bound b) { return static_cast<std::size_t>(b); }

template <class V>
End<V> closed(V v) {
    return End<V>{std::move(v), false, false};
}

/// The end f(x, y) of a function of two ends, taking the flags of the ends it depends on.
template <class V, class X, class Y>
End<V> combine(V value, const End<X>& x, bool depends_on_x, const End<Y>& y, bool depends_on_y) {
    End<V> e{std::move(value), false, false};
    if (depends_on_x) e.open |= x.open, e.approx |= x.approx;
    if (depends_on_y) e.open |= y.open, e.approx |= y.approx;
    return e;
}

/// The L = U and one-sided rules of bounds.hpp, for any value type.
template <class V>
std::optional<Reported<V>> state_in(const Interval<V>& iv, const V& bottom, const std::optional<V>& top) {
    const End<V>& lo = iv.lo;
    const End<V>& hi = iv.hi;
    if (hi.value && *lo.value == *hi.value) {
        const Bound b = !lo.approx && !hi.approx ? Bound::exact : (!hi.approx ? Bound::nearly : Bound::about);
        return Reported<V>{*hi.value, b, false};
    }
    const bool at_top = !hi.value || (top && *hi.value == *top);
    if (at_top) {
        if (*lo.value == bottom && !lo.open) return std::nullopt;
        return Reported<V>{*lo.value, lo.open && !lo.approx ? Bound::more_than : Bound::at_least, false};
    }
    return Reported<V>{*hi.value, hi.open && !hi.approx ? Bound::less_than : Bound::at_most, false};
}
}  // namespace

std::optional<Reported<Money>> state(const Interval<Money>& iv) {
    return state_in(iv, Money::from_units(0, iv.lo.value->currency()), std::optional<Money>{});
}

std::optional<Reported<Percent>> state(const Interval<Percent>& iv, const Percent& bottom,
                                       const std::optional<Percent>& top) {
    return state_in(iv, bottom, top);
}

// ---------------------------------------------------------------- SumAcc

void SumAcc::add_general(const Money& value, Bound b) {
    if (n == 0) {
        by_bound.fill(Money::from_units(0, value.currency()));
    } else if (value.currency() != currency()) {
        throw_mixed(by_bound[0], value);
    }
    const std::size_t i = index(b) % bound_count;
    by_bound[i] += value;
    ++count[i];
    ++n;
}

void SumAcc::merge(const SumAcc& o) {
    if (o.n == 0) return;
    if (n == 0) {
        *this = o;
        return;
    }
    if (o.currency() != currency()) throw_mixed(by_bound[0], o.by_bound[0]);
    SumAcc sum = *this;  // a failed merge (overflow) changes nothing
    for (std::size_t i = 0; i < bound_count; ++i) {
        sum.by_bound[i] += o.by_bound[i];
        sum.count[i] += o.count[i];
    }
    sum.n += o.n;
    *this = sum;
}

SumAcc SumAcc::minus(const SumAcc& g) const {
    if (g.n == 0) return *this;
    SumAcc rest = *this;
    for (std::size_t i = 0; i < bound_count; ++i) {
        rest.by_bound[i] -= g.by_bound[i];
        rest.count[i] -= g.count[i];
    }
    rest.n -= g.n;
    return rest;
}

Interval<Money> SumAcc::interval() const {
    const auto has = [this](Bound b) { return count[index(b)] > 0; };
    const auto sum = [this](std::initializer_list<Bound> bs) {
        Money s = Money::from_units(0, currency());
        for (const Bound b : bs) s += by_bound[index(b)];
        return s;
    };
    Interval<Money> iv;
    // The lower end: every figure but the upper bounds' (whose true value may be 0).
    iv.lo.value = sum({Bound::exact, Bound::at_least, Bound::more_than, Bound::about, Bound::nearly});
    iv.lo.open = has(Bound::more_than);
    iv.lo.approx = has(Bound::about) || has(Bound::nearly);
    // The upper end: unbounded with any lower bound; else every figure but the lower bounds'.
    if (!has(Bound::at_least) && !has(Bound::more_than)) {
        iv.hi.value = sum({Bound::exact, Bound::about, Bound::nearly, Bound::at_most, Bound::less_than});
        iv.hi.open = has(Bound::less_than);
        iv.hi.approx = has(Bound::about);
    }
    return iv;
}

void SumAcc::throw_mixed(const Money& a, const Money& b) {
    throw QueryError("parkinvest: cannot aggregate " + std::string(iso_code(a.currency())) + " and " +
                     std::string(iso_code(b.currency())) +
                     " amounts in one column; filter by currency (in_currency) or supply a Conversion");
}

// ---------------------------------------------------------------- derived intervals

Interval<Percent> share_interval(const Interval<Money>& g, const Interval<Money>& rest) {
    const Percent none;                   // 0%
    const Percent all{Ratio(1)};          // 100%
    Interval<Percent> iv;
    // Lower end: g as small and the rest as large as they may be.
    const Money& x = *g.lo.value;
    if (x.is_zero()) {
        iv.lo = End<Percent>{none, g.lo.open, g.lo.approx};  // 0 whatever the rest; g may exceed it
    } else if (!rest.hi.value) {
        iv.lo = closed(none);  // the rest may be as large as it likes: the share tends to 0%
    } else {
        const Money& y = *rest.hi.value;
        iv.lo = combine(Percent::share(x, x + y), g.lo, !y.is_zero(), rest.hi, true);
    }
    // Upper end: g as large and the rest as small as they may be.
    if (!g.hi.value) {
        iv.hi = closed(all);
    } else {
        const Money& u = *g.hi.value;
        const Money& v = *rest.lo.value;
        if ((u + v).is_zero()) iv.hi = End<Percent>{none, g.hi.open, g.hi.approx};  // 0/0 read as 0%
        else iv.hi = combine(Percent::share(u, u + v), g.hi, !v.is_zero(), rest.lo, !u.is_zero());
    }
    return iv;
}

Interval<Percent> growth_interval(const Interval<Money>& now, const Interval<Money>& before) {
    const Percent gone{Ratio(-1)};  // -100%
    Interval<Percent> iv;
    // Lower end: now as small and before as large as they may be.
    const Money& x = *now.lo.value;
    if (x.is_zero()) {
        iv.lo = End<Percent>{gone, now.lo.open, now.lo.approx};  // -100% whatever before was
    } else if (!before.hi.value) {
        iv.lo = closed(gone);  // before may be as large as it likes: the growth tends to -100%
    } else {
        const Money& y = *before.hi.value;  // > 0: the caller states no growth from zero
        iv.lo = combine(Percent::growth(x, y), now.lo, true, before.hi, true);
    }
    // Upper end: now as large and before as small as they may be (unbounded from a zero).
    if (!now.hi.value) {
        iv.hi = End<Percent>{};
    } else {
        const Money& u = *now.hi.value;
        const Money& v = *before.lo.value;
        if (v.is_zero()) iv.hi = u.is_zero() ? End<Percent>{gone, now.hi.open, now.hi.approx} : End<Percent>{};
        else iv.hi = combine(Percent::growth(u, v), now.hi, true, before.lo, !u.is_zero());
    }
    return iv;
}

namespace {
/// The smaller (want_max false) or larger of two ends; `tighter` merges the flags of equal ends
/// as the stronger claim (either excludes the figure, both are approximate) instead of the weaker.
End<Money> pick(const End<Money>& a, const End<Money>& b, bool want_max, bool tighter) {
    if (!a.value || !b.value) {  // +∞
        if (want_max) return !a.value ? a : b;
        return !a.value ? b : a;
    }
    if (*a.value != *b.value) return (*a.value < *b.value) == want_max ? b : a;
    End<Money> e = a;
    e.open = tighter ? (a.open || b.open) : (a.open && b.open);
    e.approx = tighter ? (a.approx && b.approx) : (a.approx || b.approx);
    return e;
}
}  // namespace

// min(x, y) >= v when both are; its upper end is the smaller upper end, which either attains.
Interval<Money> min_of(const Interval<Money>& a, const Interval<Money>& b) {
    return {pick(a.lo, b.lo, false, false), pick(a.hi, b.hi, false, true)};
}

Interval<Money> max_of(const Interval<Money>& a, const Interval<Money>& b) {
    return {pick(a.lo, b.lo, true, true), pick(a.hi, b.hi, true, false)};
}

// ---------------------------------------------------------------- cells

namespace {
Cell amount_or_undetermined(const std::optional<Reported<Money>>& r) {
    if (r) return *r;
    return Undetermined{};
}
Cell percent_or_undetermined(const std::optional<Reported<Percent>>& r) {
    if (r) return *r;
    return Undetermined{};
}
bool exactly_zero(const Interval<Money>& iv) { return iv.hi.value && iv.hi.value->is_zero(); }
}  // namespace

Cell count_cell(std::int64_t n) { return n; }

Cell share_cell(std::int64_t part, std::int64_t whole) {
    if (whole == 0) return {};
    return Percent::share(part, whole);
}

Cell sum_cell(const SumAcc& s) {
    if (s.n == 0) return {};
    return amount_or_undetermined(state(s.interval()));
}

Cell average_cell(const SumAcc& s, RoundingMode mode) {
    if (s.n == 0) return {};
    // Dividing by the count keeps the interval's shape: state the sum, then divide its figure.
    const auto sum = state(s.interval());
    if (!sum) return Undetermined{};
    return ReportedAmount{sum->value.div(s.n, mode), sum->bound, false};
}

Cell share_cell(const SumAcc& group, const SumAcc& total) {
    if (group.n == 0 || total.n == 0) return {};
    const Interval<Money> t = total.interval();
    if (exactly_zero(t)) return {};  // a share of nothing
    return percent_or_undetermined(state(share_interval(group.interval(), total.minus(group).interval()), Percent{},
                                         Percent{Ratio(1)}));
}

Cell growth_cell(const SumAcc& now, const SumAcc& before) {
    if (now.n == 0 || before.n == 0) return {};
    const Interval<Money> b = before.interval();
    if (exactly_zero(b)) return {};  // no growth from nothing
    return percent_or_undetermined(state(growth_interval(now.interval(), b), Percent{Ratio(-1)}, std::nullopt));
}

Cell extreme_cell(const std::optional<Interval<Money>>& extreme) {
    if (!extreme) return {};
    return amount_or_undetermined(state(*extreme));
}

}  // namespace parkinvest::query::detail
