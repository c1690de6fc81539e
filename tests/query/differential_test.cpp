// SPDX-License-Identifier: MIT
// Differential test of the query module: random datasets (samples::synthetic_batch, then some
// amounts moved to US dollars, given every kind of Bound and odd fractions of a yuan) and
// random queries (filter trees, group keys, amount aggregates), each compared cell by cell
// with a reference written as plain loops here:
//  * filters and group keys re-derived from the records (parks walked through the batch's
//    parent links, stages from the events, bands from the documented bound rules);
//  * groups in a std::map keyed by (sort code, label strings);
//  * sums in boost::multiprecision::cpp_int over Money::units(), bounds combined by this
//    file's own reading of the header comment, averages rounded from first principles,
//    shares as exact rationals (Percent equality);
//  * a column whose records mix currencies must throw QueryError; an inexact average under
//    RoundingMode::unnecessary must throw InexactRoundingError.
// Fixed seeds: every run checks the same queries.
#include <parkinvest/query/query.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include "support/interval_reference.hpp"
#include "support/test_support.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <iostream>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <type_traits>
#include <variant>
#include <vector>

namespace parkinvest {
namespace {

namespace q = parkinvest::query;
using boost::multiprecision::cpp_int;
using q::Cell;
using q::Label;
using q::Table;

// Group order (query/keys.hpp, BoundKey): by code; records without a value last; an amount band
// the bounds do not decide after every band, before those.
using Code = std::uint64_t;
constexpr Code kNone = UINT64_MAX;
constexpr Code kUndetermined = UINT64_MAX - 1;

// ==================================================================== random numbers

class Rng {
public:
    explicit Rng(std::uint64_t seed) : g_(seed) {}
    /// Uniform in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<std::int64_t>(g_() % span);
    }
    std::size_t index(std::size_t n) { return static_cast<std::size_t>(g_() % n); }
    bool percent(int p) { return between(0, 99) < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[index(v.size())];
    }

private:
    std::mt19937_64 g_;
};

constexpr Bound kBounds[] = {Bound::exact, Bound::at_least, Bound::more_than, Bound::about,
                             Bound::nearly, Bound::at_most, Bound::less_than};
constexpr RoundingMode kModes[] = {RoundingMode::up,      RoundingMode::down,      RoundingMode::ceiling,
                                   RoundingMode::floor,   RoundingMode::half_up,   RoundingMode::half_down,
                                   RoundingMode::half_even};

// ==================================================================== the world

struct ParkRef {
    std::string zh, en;
    std::optional<std::uint64_t> parent;
};
struct BankRef {
    std::string zh, en;
};

/// The dataset and what the reference knows about it, copied from the batch before insertion.
struct World {
    Dataset ds;
    std::map<std::uint64_t, ParkRef> parks;
    std::map<std::uint64_t, std::optional<std::uint64_t>> enterprise_park;
    std::map<std::uint64_t, BankRef> banks;
    std::vector<std::uint64_t> park_ids;
    std::vector<Project> project_copy;  ///< ds.projects() copied: queries over it take the record path
};

Money as_currency(const Money& m, Currency c) { return Money::from_units(m.units(), c); }

template <class R>
std::span<const R> records(const Dataset& ds) {
    if constexpr (std::is_same_v<R, Project>) return ds.projects();
    else return ds.loans();
}

World make_world(std::uint64_t seed) {
    samples::SyntheticOptions o;
    o.seed = seed;
    o.parks = 20;
    o.sub_parks_per_park = 2;
    o.enterprises = 300;
    o.projects = 2000;
    o.loans = 200;
    o.snapshots_per_loan = 12;
    o.waste_facilities = 0;
    o.first_year = 2018;
    o.last_year = 2021;
    Batch b = samples::synthetic_batch(o);

    // Variety the generator does not give: US dollars, every Bound, fractions of a yuan.
    Rng rng(seed * 7919 + 17);
    for (Project& p : b.projects) {
        const bool usd = rng.percent(8);
        for (auto field : {&Project::contract_investment, &Project::planned_investment, &Project::first_phase_investment,
                           &Project::funds_in_place}) {
            auto& a = p.*field;
            if (!a) continue;
            if (rng.percent(25)) a->bound = kBounds[rng.index(7)];
            if (rng.percent(30)) a->value = a->value + Money::from_units(rng.between(0, 9999));
            if (usd) a->value = as_currency(a->value, Currency::USD);
        }
    }
    for (Loan& l : b.loans) {
        if (rng.percent(15)) l.commitment.bound = kBounds[rng.index(7)];
        if (rng.percent(10)) {
            l.commitment.value = as_currency(l.commitment.value, Currency::USD);
            for (LoanSnapshot& s : l.snapshots) {
                s.outstanding = as_currency(s.outstanding, Currency::USD);
                if (s.undrawn) s.undrawn = as_currency(*s.undrawn, Currency::USD);
            }
        }
    }

    World w;
    for (const Park& p : b.parks) {
        w.parks[p.id.value()] = ParkRef{p.name.zh, p.name.en.value_or(p.name.zh),
                                        p.parent ? std::optional<std::uint64_t>(p.parent->value()) : std::nullopt};
        w.park_ids.push_back(p.id.value());
    }
    for (const Enterprise& e : b.enterprises)
        w.enterprise_park[e.id.value()] = e.park ? std::optional<std::uint64_t>(e.park->value()) : std::nullopt;
    for (const Bank& k : b.banks) w.banks[k.id.value()] = BankRef{k.name.zh + k.branch, k.name.en.value_or(k.name.zh) + k.branch};
    w.ds.insert(std::move(b));
    w.project_copy.assign(w.ds.projects().begin(), w.ds.projects().end());
    return w;
}

// ==================================================================== reference semantics

std::optional<std::uint64_t> ref_park(const World&, const Project& p) { return p.park.value(); }
std::optional<std::uint64_t> ref_park(const World& w, const Loan& l) {
    if (l.park) return l.park->value();
    if (l.borrowers.empty()) return std::nullopt;
    return w.enterprise_park.at(l.borrowers.front().value());
}
/// Whether `p` is `ancestor` or lies below it.
bool ref_under(const World& w, std::uint64_t p, std::uint64_t ancestor) {
    for (std::optional<std::uint64_t> at = p; at; at = w.parks.at(*at).parent)
        if (*at == ancestor) return true;
    return false;
}
std::uint64_t ref_zone(const World& w, std::uint64_t p) {
    while (w.parks.at(p).parent) p = *w.parks.at(p).parent;
    return p;
}

std::optional<Stage> ref_stage_as_of(const Project& p, Date d) {
    std::optional<Stage> s;
    for (const StageEvent& e : p.stages)
        if (e.date.last() <= d) s = e.stage;  // events are in date order: the last one known by d
    return s;
}
bool ref_reached(const Project& p, Stage s, Date d) {
    for (const StageEvent& e : p.stages) {
        if (e.date.last() > d) continue;
        if (on_main_path(s) ? (on_main_path(e.stage) && static_cast<int>(e.stage) >= static_cast<int>(s)) : e.stage == s)
            return true;
    }
    return false;
}
bool ref_inside(const ReportedDate& d, const Period& p) { return p.first() <= d.first() && d.last() <= p.last(); }
bool ref_entered(const Project& p, Stage s, const Period& period) {
    for (const StageEvent& e : p.stages)
        if (e.stage == s && ref_inside(e.date, period)) return true;
    return false;
}

/// The documented threshold rules: a value compares as itself unless its bound points away.
/// ">= t" is proven by exact/约/近/以上/超过 values >= t; never by 以下/不足.
bool ref_proves_at_least(const ReportedAmount& a, const Money& t) {
    if (a.value.currency() != t.currency()) return false;
    const auto v = a.value.units(), x = t.units();
    switch (a.bound) {
    case Bound::at_most:
    case Bound::less_than: return false;
    default: return v >= x;
    }
}
/// "< t": exact/约/近 values < t; 以下 (<= v) when v < t; 不足 (< v) when v <= t; never 以上/超过.
bool ref_proves_below(const ReportedAmount& a, const Money& t) {
    if (a.value.currency() != t.currency()) return false;
    const auto v = a.value.units(), x = t.units();
    switch (a.bound) {
    case Bound::at_least:
    case Bound::more_than: return false;
    case Bound::less_than: return v <= x;
    default: return v < x;
    }
}

/// A running sum: exact cpp_int units, the currencies seen, and every figure with its bound for
/// the corner-sampling reference of bounds (tests/support/interval_reference.hpp).
struct RefSum {
    cpp_int units = 0;
    std::int64_t n = 0;
    std::optional<Currency> currency;
    bool mixed = false;
    std::vector<test::bounds::Input> items;
    void add(const ReportedAmount& a) { add(a.value, a.bound); }
    void add(const Money& m, Bound b) {
        if (currency && *currency != m.currency()) mixed = true;
        currency = m.currency();
        const cpp_int u(test::dec(m.units()));
        units += u;
        items.push_back({test::bounds::Q(u), b});
        ++n;
    }
    [[nodiscard]] Money money(const cpp_int& u) const { return Money::from_units(test::big(u.str()), *currency); }
    /// An amount statement of the reference as a cell.
    [[nodiscard]] Cell cell(const test::bounds::Stated& s) const {
        if (!s.figure) return q::Undetermined{};
        return ReportedAmount{money(numerator(*s.figure)), s.bound, false};
    }
    [[nodiscard]] Cell sum_cell() const { return cell(test::bounds::sum(items)); }
};

/// A percentage statement of the reference as a cell.
Cell percent_cell(const test::bounds::Stated& s) {
    if (!s.figure) return q::Undetermined{};
    return q::ReportedPercent{Percent(Ratio(test::big(numerator(*s.figure).str()), test::big(denominator(*s.figure).str()))), s.bound,
                              false};
}

/// num / den (den > 0) rounded to an integer under `mode`, from first principles; nullopt when
/// `unnecessary` meets an inexact quotient.
std::optional<cpp_int> ref_round(const cpp_int& num, const cpp_int& den, RoundingMode mode) {
    const bool negative = num < 0;
    const cpp_int a = negative ? cpp_int(-num) : num;
    cpp_int qt = a / den;
    const cpp_int r = a % den;  // a = qt * den + r, 0 <= r < den
    if (r != 0) {
        const cpp_int twice = 2 * r;
        bool away = false;  // one step away from zero
        switch (mode) {
        case RoundingMode::up: away = true; break;
        case RoundingMode::down: away = false; break;
        case RoundingMode::ceiling: away = !negative; break;
        case RoundingMode::floor: away = negative; break;
        case RoundingMode::half_up: away = twice >= den; break;
        case RoundingMode::half_down: away = twice > den; break;
        case RoundingMode::half_even: away = twice > den || (twice == den && qt % 2 == 1); break;
        case RoundingMode::unnecessary: return std::nullopt;
        }
        if (away) qt += 1;
    }
    return negative ? cpp_int(-qt) : qt;
}


// ==================================================================== type-erased filters and keys

template <class R>
using Pred = std::function<bool(const R&)>;
template <class R>
using FilterBind = std::function<Pred<R>(const Dataset&)>;
// The column forms (over ds.project_columns()) are kept: a filter or key without one gets its
// record form applied to the row's record, as the library does, so queries over all of
// ds.projects() test the column forms and queries over a copy of the records the record forms.
using RowPred = std::function<bool(std::size_t)>;
using ColumnFilterBind = std::function<RowPred(const Dataset&, const ProjectColumns&)>;
template <class R>
using AnyFilter = q::Filter<FilterBind<R>, ColumnFilterBind>;
template <class R, class B, class C>
AnyFilter<R> erase(q::Filter<B, C> f) {
    ColumnFilterBind columns = [f](const Dataset& ds, const ProjectColumns& c) -> RowPred {
        if constexpr (q::has_columns<C>) {
            return f.columns(ds, c);
        } else if constexpr (std::is_same_v<R, Project>) {
            return [p = f.bind(ds), rows = ds.projects().data()](std::size_t i) { return p(rows[i]); };
        } else {
            static_cast<void>(f);  // used in the other branches
            ADD_FAILURE() << "column form asked of a filter on loans";
            return {};
        }
    };
    return AnyFilter<R>(FilterBind<R>([f](const Dataset& ds) { return Pred<R>(f.bind(ds)); }), columns);
}

/// The library's group code type (BoundKey::none's type).
using KeyCode = std::remove_const_t<decltype(q::BoundKey::none)>;
template <class R>
using CodeFn = std::function<KeyCode(const R&)>;
template <class R>
using KeyBind = std::function<std::pair<CodeFn<R>, q::BoundKey>(const Dataset&)>;
using RowCode = std::function<KeyCode(std::size_t)>;
using ColumnKeyBind = std::function<RowCode(const Dataset&, const ProjectColumns&)>;
template <class R>
using AnyKey = q::Key<KeyBind<R>, ColumnKeyBind>;
template <class R, class B, class C>
AnyKey<R> erase_key(q::Key<B, C> k) {
    ColumnKeyBind columns = [k](const Dataset& ds, const ProjectColumns& c) -> RowCode {
        if constexpr (q::has_columns<C>) {
            return k.columns(ds, c);
        } else if constexpr (std::is_same_v<R, Project>) {
            return [code = k.bind(ds).first, rows = ds.projects().data()](std::size_t i) { return code(rows[i]); };
        } else {
            static_cast<void>(k);  // used in the other branches
            ADD_FAILURE() << "column form asked of a key on loans";
            return {};
        }
    };
    return AnyKey<R>(k.name_zh, k.name_en, KeyBind<R>([b = k.bind](const Dataset& ds) {
                         auto bound = b(ds);
                         return std::pair<CodeFn<R>, q::BoundKey>(CodeFn<R>(bound.first), bound.second);
                     }),
                     columns);
}

// ==================================================================== random query specs

using ProjectField = std::optional<ReportedAmount> Project::*;
constexpr ProjectField kFields[] = {&Project::contract_investment, &Project::planned_investment};
constexpr const char* kFieldNames[] = {"contract", "planned"};

const std::vector<Money>& round_amounts() {
    static const std::vector<Money> v = {Money::parse("1万"),  Money::parse("10万"), Money::parse("100万"),
                                         Money::parse("1000万"), Money::parse("1亿"), Money::parse("5亿"),
                                         Money::parse("10亿"), Money::parse("50亿"), Money::parse("100亿")};
    return v;
}

Date random_day(Rng& rng) {
    const Date first = make_date(2017, 12, 1);
    return first + boost::gregorian::days(static_cast<long>(rng.between(0, 1550)));  // to early 2022
}
Period random_period(Rng& rng, std::string& desc) {
    const int y = static_cast<int>(rng.between(2017, 2022));
    switch (rng.between(0, 4)) {
    case 0: desc += "year " + std::to_string(y); return Period::year(y);
    case 1: {
        const int h = static_cast<int>(rng.between(1, 2));
        desc += "H" + std::to_string(h) + " " + std::to_string(y);
        return Period::half_year(y, h);
    }
    case 2: {
        const int qn = static_cast<int>(rng.between(1, 4));
        desc += "Q" + std::to_string(qn) + " " + std::to_string(y);
        return Period::quarter(y, qn);
    }
    case 3: {
        const int m = static_cast<int>(rng.between(1, 12));
        desc += std::to_string(y) + "-" + std::to_string(m);
        return Period::month(y, m);
    }
    default: {
        Date a = random_day(rng);
        Date b = a + boost::gregorian::days(static_cast<long>(rng.between(0, 120)));
        desc += iso_date(a) + "/" + iso_date(b);
        return Period::range(a, b);
    }
    }
}
Stage random_stage(Rng& rng) { return all_stages[rng.index(8)]; }

/// A threshold: a round amount or the exact value of some record (to hit the boundaries).
template <class Values>
Money random_threshold(Rng& rng, const Values& values) {
    Money t = values.empty() || rng.percent(50) ? rng.pick(round_amounts()) : rng.pick(values);
    if (rng.percent(10)) t = as_currency(t, Currency::USD);
    return t;
}

/// A filter as data: built once as a library Filter, evaluated directly by the reference.
template <class R>
struct FilterSpec {
    enum class Kind { park, reached, as_of, entered, started, at_least, below, currency, all, any, negate } kind;
    std::uint64_t park = 0;
    bool sub = true;
    Stage stage = Stage::contracted;
    Date day;
    Period period;
    std::size_t field = 0;  // projects: index in kFields
    Money threshold;
    Currency currency = Currency::CNY;
    std::vector<FilterSpec> kids;
};

struct Context {
    const World& w;
    std::vector<Money> amounts;  // values present in the data, for thresholds
};

const ReportedAmount* field_of(const Project& p, std::size_t f) {
    const auto& a = p.*kFields[f];
    return a ? &*a : nullptr;
}
const ReportedAmount* field_of(const Loan& l, std::size_t) { return &l.commitment; }

template <class R>
FilterSpec<R> random_filter(Rng& rng, const Context& cx, int depth, std::string& desc) {
    using K = typename FilterSpec<R>::Kind;
    FilterSpec<R> f{};
    if (depth > 0 && rng.percent(40)) {
        const auto op = rng.between(0, 2);
        if (op == 2) {
            f.kind = K::negate;
            desc += "!(";
            f.kids.push_back(random_filter<R>(rng, cx, depth - 1, desc));
            desc += ")";
        } else {
            f.kind = op == 0 ? K::all : K::any;
            desc += "(";
            f.kids.push_back(random_filter<R>(rng, cx, depth - 1, desc));
            desc += op == 0 ? " && " : " || ";
            f.kids.push_back(random_filter<R>(rng, cx, depth - 1, desc));
            desc += ")";
        }
        return f;
    }
    constexpr bool project = std::is_same_v<R, Project>;
    const std::vector<K> leaves = project ? std::vector<K>{K::park, K::reached, K::as_of, K::entered, K::at_least, K::below, K::currency}
                                          : std::vector<K>{K::park, K::started, K::at_least, K::below, K::currency};
    f.kind = rng.pick(leaves);
    f.field = project ? rng.index(2) : 0;
    const std::string field = project ? kFieldNames[f.field] : "commitment";
    switch (f.kind) {
    case K::park:
        f.park = rng.pick(cx.w.park_ids);
        f.sub = rng.percent(60);
        desc += "in_park(" + std::to_string(f.park) + (f.sub ? ")" : ", no subs)");
        break;
    case K::reached:
    case K::as_of:
        f.stage = random_stage(rng);
        f.day = random_day(rng);
        desc += std::string(f.kind == K::reached ? "reached(" : "stage_as_of(") + std::string(label(f.stage, Language::english)) +
                ", " + iso_date(f.day) + ")";
        break;
    case K::entered:
        f.stage = random_stage(rng);
        desc += "entered(" + std::string(label(f.stage, Language::english)) + ", ";
        f.period = random_period(rng, desc);
        desc += ")";
        break;
    case K::started:
        desc += "started_within(";
        f.period = random_period(rng, desc);
        desc += ")";
        break;
    case K::at_least:
    case K::below:
        f.threshold = random_threshold(rng, cx.amounts);
        desc += std::string(f.kind == K::at_least ? "at_least(" : "below(") + field + ", " + f.threshold.to_string() + ")";
        break;
    case K::currency:
        f.currency = rng.percent(70) ? Currency::CNY : (rng.percent(80) ? Currency::USD : Currency::EUR);
        desc += "in_currency(" + field + ", " + std::string(iso_code(f.currency)) + ")";
        break;
    default: break;
    }
    return f;
}

template <class R>
AnyFilter<R> library_filter(const FilterSpec<R>& f) {
    using K = typename FilterSpec<R>::Kind;
    switch (f.kind) {
    case K::park: return erase<R>(q::in_park(ParkId{f.park}, f.sub));
    case K::all: return erase<R>(library_filter(f.kids[0]) && library_filter(f.kids[1]));
    case K::any: return erase<R>(library_filter(f.kids[0]) || library_filter(f.kids[1]));
    case K::negate: return erase<R>(!library_filter(f.kids[0]));
    default: break;
    }
    if constexpr (std::is_same_v<R, Project>) {
        switch (f.kind) {
        case K::reached: return erase<R>(q::reached(f.stage, f.day));
        case K::as_of: return erase<R>(q::stage_as_of(f.stage, f.day));
        case K::entered: return erase<R>(q::entered(f.stage, f.period));
        case K::at_least: return erase<R>(q::amount_at_least(kFields[f.field], f.threshold));
        case K::below: return erase<R>(q::amount_below(kFields[f.field], f.threshold));
        case K::currency: return erase<R>(q::in_currency(kFields[f.field], f.currency));
        default: break;
        }
    } else {
        switch (f.kind) {
        case K::started: return erase<R>(q::started_within(f.period));
        case K::at_least: return erase<R>(q::amount_at_least(&Loan::commitment, f.threshold));
        case K::below: return erase<R>(q::amount_below(&Loan::commitment, f.threshold));
        case K::currency: return erase<R>(q::in_currency(&Loan::commitment, f.currency));
        default: break;
        }
    }
    ADD_FAILURE() << "unhandled filter kind";
    return erase<R>(q::matching([](const R&) { return true; }));
}

template <class R>
bool ref_match(const FilterSpec<R>& f, const World& w, const R& r) {
    using K = typename FilterSpec<R>::Kind;
    switch (f.kind) {
    case K::all: return ref_match(f.kids[0], w, r) && ref_match(f.kids[1], w, r);
    case K::any: return ref_match(f.kids[0], w, r) || ref_match(f.kids[1], w, r);
    case K::negate: return !ref_match(f.kids[0], w, r);
    case K::park: {
        const auto p = ref_park(w, r);
        if (!p) return false;
        return f.sub ? ref_under(w, *p, f.park) : *p == f.park;
    }
    case K::at_least:
    case K::below:
    case K::currency: {
        const ReportedAmount* a = field_of(r, f.field);
        if (a == nullptr) return false;
        if (f.kind == K::currency) return a->value.currency() == f.currency;
        return f.kind == K::at_least ? ref_proves_at_least(*a, f.threshold) : ref_proves_below(*a, f.threshold);
    }
    default: break;
    }
    if constexpr (std::is_same_v<R, Project>) {
        switch (f.kind) {
        case K::reached: return ref_reached(r, f.stage, f.day);
        case K::as_of: return ref_stage_as_of(r, f.day) == f.stage;
        case K::entered: return ref_entered(r, f.stage, f.period);
        default: break;
        }
    } else {
        if (f.kind == K::started) return r.inception && ref_inside(*r.inception, f.period);
    }
    return false;
}

/// A group key as data.
struct KeySpec {
    enum class Kind { park, zone, parent, stage, band, period, lender } kind = Kind::park;
    Date day;
    Stage stage = Stage::contracted;
    q::Bucket bucket = q::Bucket::year;
    std::size_t field = 0;
    std::vector<Money> thresholds;
};

template <class R>
KeySpec random_key(Rng& rng, const Context& cx, std::string& desc) {
    using K = KeySpec::Kind;
    constexpr bool project = std::is_same_v<R, Project>;
    KeySpec k;
    const std::vector<K> kinds = project ? std::vector<K>{K::park, K::zone, K::parent, K::stage, K::band, K::period}
                                         : std::vector<K>{K::park, K::zone, K::lender, K::band};
    k.kind = rng.pick(kinds);
    k.field = project ? rng.index(2) : 0;
    switch (k.kind) {
    case K::park: desc += "park"; break;
    case K::zone: desc += "zone"; break;
    case K::parent: desc += "parent park"; break;
    case K::lender: desc += "lender"; break;
    case K::stage:
        k.day = random_day(rng);
        desc += "stage@" + iso_date(k.day);
        break;
    case K::period:
        k.stage = random_stage(rng);
        k.bucket = static_cast<q::Bucket>(rng.between(0, 3));
        desc += "period(" + std::string(label(k.stage, Language::english)) + ", bucket " +
                std::to_string(static_cast<int>(k.bucket)) + ")";
        break;
    case K::band: {
        const auto n = rng.between(1, 3);
        std::set<std::int64_t> seen;
        for (std::int64_t i = 0; i < n; ++i) {
            Money t = random_threshold(rng, cx.amounts);
            if (t.currency() != Currency::CNY) t = as_currency(t, Currency::CNY);  // one currency per key
            if (seen.insert(static_cast<std::int64_t>(t.units())).second) k.thresholds.push_back(t);
        }
        std::sort(k.thresholds.begin(), k.thresholds.end());
        desc += std::string("band(") + (project ? kFieldNames[k.field] : "commitment");
        for (const Money& t : k.thresholds) desc += ", " + t.to_string();
        desc += ")";
        break;
    }
    }
    return k;
}

template <class R>
AnyKey<R> library_key(const KeySpec& k) {
    using K = KeySpec::Kind;
    switch (k.kind) {
    case K::park: return erase_key<R>(q::by_park());
    case K::zone: return erase_key<R>(q::by_zone());
    default: break;
    }
    if constexpr (std::is_same_v<R, Project>) {
        switch (k.kind) {
        case K::parent: return erase_key<R>(q::by_parent_park());
        case K::stage: return erase_key<R>(q::by_stage(k.day));
        case K::period: return erase_key<R>(q::by_period(k.stage, k.bucket));
        case K::band: return erase_key<R>(q::by_amount_band(kFields[k.field], k.thresholds));
        default: break;
        }
    } else {
        switch (k.kind) {
        case K::lender: return erase_key<R>(q::by_lender());
        case K::band: return erase_key<R>(q::by_amount_band(&Loan::commitment, k.thresholds));
        default: break;
        }
    }
    ADD_FAILURE() << "unhandled key kind";
    return erase_key<R>(q::by_park());
}

struct RefKey {
    Code code = kNone;
    std::string zh = "(无)", en = "(none)";
};

std::string money_text(const Money& m, Language lang) {
    MoneyFormat f;
    f.language = lang;
    return m.format(f);
}

RefKey ref_band(const ReportedAmount* a, const std::vector<Money>& t) {
    RefKey out;
    if (a == nullptr) return out;
    // The band is the number of thresholds proven <= the amount, provided every other threshold
    // is proven > it; otherwise undetermined.
    std::int64_t at_or_above = 0;
    bool decided = true;
    for (const Money& x : t) {
        if (ref_proves_at_least(*a, x)) ++at_or_above;
        else if (!ref_proves_below(*a, x)) decided = false;
    }
    // Thresholds ascend: the proven ones must be a prefix.
    for (std::size_t i = 0; i < t.size() && decided; ++i)
        if ((static_cast<std::int64_t>(i) < at_or_above) != ref_proves_at_least(*a, t[i])) decided = false;
    if (!decided) return RefKey{kUndetermined, "无法确定", "undetermined"};
    const auto band = static_cast<std::size_t>(at_or_above);
    RefKey k;
    k.code = static_cast<Code>(at_or_above);
    if (band == 0) {
        k.zh = "不足" + money_text(t[0], Language::chinese);
        k.en = "under " + money_text(t[0], Language::english);
    } else if (band == t.size()) {
        k.zh = money_text(t[band - 1], Language::chinese) + "以上";
        k.en = money_text(t[band - 1], Language::english) + " and over";
    } else {
        k.zh = money_text(t[band - 1], Language::chinese) + "至" + money_text(t[band], Language::chinese);
        k.en = money_text(t[band - 1], Language::english) + " to under " + money_text(t[band], Language::english);
    }
    return k;
}

RefKey ref_period(const Project& p, Stage s, q::Bucket bucket) {
    for (const StageEvent& e : p.stages) {
        if (e.stage != s) continue;
        // The first event of the stage: its bucket is the period of that kind holding its first
        // day, provided the whole reported date fits inside it.
        const Date d = e.date.first();
        const int y = d.year();
        const int m = d.month();
        Period period;
        Code code = 0;
        const auto yy = static_cast<Code>(y);
        const auto mm = static_cast<Code>(m);
        switch (bucket) {
        case q::Bucket::year: period = Period::year(y), code = yy * 100; break;
        case q::Bucket::half_year: period = Period::half_year(y, m <= 6 ? 1 : 2), code = yy * 100 + (mm <= 6 ? 1 : 2); break;
        case q::Bucket::quarter: period = Period::quarter(y, (m - 1) / 3 + 1), code = yy * 100 + (mm - 1) / 3 + 1; break;
        case q::Bucket::month: period = Period::month(y, m), code = yy * 100 + mm; break;
        }
        if (!ref_inside(e.date, period)) return RefKey{};
        return RefKey{code, period.label(Language::chinese), period.label(Language::english)};
    }
    return RefKey{};
}

template <class R>
RefKey ref_key(const KeySpec& k, const World& w, const R& r) {
    using K = KeySpec::Kind;
    const auto park_key = [&](std::uint64_t id) {
        const ParkRef& p = w.parks.at(id);
        return RefKey{id, p.zh, p.en};
    };
    switch (k.kind) {
    case K::park:
    case K::zone:
    case K::parent: {
        const auto p = ref_park(w, r);
        if (!p) return RefKey{};
        if (k.kind == K::park) return park_key(*p);
        if (k.kind == K::zone) return park_key(ref_zone(w, *p));
        return park_key(w.parks.at(*p).parent.value_or(*p));
    }
    case K::band: return ref_band(field_of(r, k.field), k.thresholds);
    default: break;
    }
    if constexpr (std::is_same_v<R, Project>) {
        if (k.kind == K::stage) {
            const auto s = ref_stage_as_of(r, k.day);
            if (!s) return RefKey{};
            return RefKey{static_cast<Code>(*s), std::string(label(*s, Language::chinese)),
                          std::string(label(*s, Language::english))};
        }
        if (k.kind == K::period) return ref_period(r, k.stage, k.bucket);
    } else {
        if (k.kind == K::lender) {
            const BankRef& b = w.banks.at(r.lender.value());
            return RefKey{r.lender.value(), b.zh, b.en};
        }
    }
    ADD_FAILURE() << "unhandled key kind";
    return RefKey{};
}

// ==================================================================== one query

struct Group {
    std::int64_t count = 0;
    RefSum sum;
    RefSum outstanding;
};

struct Outcome {
    std::size_t queries = 0;
    std::size_t compared_cells = 0;
    std::size_t expected_errors = 0;
    std::vector<std::string> failures;
};

template <class R>
void run_query(Rng& rng, const Context& cx, Outcome& out, const std::string& tag) {
    const World& w = cx.w;
    constexpr bool project = std::is_same_v<R, Project>;
    std::string desc = tag + (project ? " projects" : " loans") + " where ";

    // ---- the random query
    std::optional<FilterSpec<R>> filter;
    if (rng.percent(85)) filter = random_filter<R>(rng, cx, 2, desc);
    else desc += "(all)";
    const std::size_t field = project ? rng.index(2) : 0;
    // Most queries stay in one currency, so that the amount columns can be compared.
    if (rng.percent(70)) {
        using K = typename FilterSpec<R>::Kind;
        FilterSpec<R> cur{};
        cur.kind = K::currency;
        cur.field = field;
        cur.currency = rng.percent(85) ? Currency::CNY : Currency::USD;
        desc += " && in_currency(" + std::string(iso_code(cur.currency)) + ")";
        if (filter) {
            FilterSpec<R> both{};
            both.kind = K::all;
            both.kids = {*filter, cur};
            filter = both;
        } else {
            filter = cur;
        }
    }
    const std::int64_t nkeys = rng.between(0, 9) < 2 ? 0 : (rng.between(0, 9) < 6 ? 1 : 2);
    std::vector<KeySpec> keys;
    desc += " group by [";
    for (std::int64_t i = 0; i < nkeys; ++i) {
        if (i) desc += ", ";
        keys.push_back(random_key<R>(rng, cx, desc));
    }
    const RoundingMode mode = rng.percent(6) ? RoundingMode::unnecessary : kModes[rng.index(7)];
    const Date day = random_day(rng);
    desc += std::string("] field ") + (project ? kFieldNames[field] : "commitment") + " average " + std::string(to_string(mode));
    if (!project) desc += " outstanding@" + iso_date(day);

    // ---- the reference
    std::map<std::pair<std::vector<Code>, std::vector<std::string>>, Group> groups;
    RefSum total;
    std::int64_t total_count = 0;
    for (const R& r : records<R>(w.ds)) {
        if (filter && !ref_match(*filter, w, r)) continue;
        std::vector<Code> codes;
        std::vector<std::string> labels;
        for (const KeySpec& k : keys) {
            const RefKey rk = ref_key(k, w, r);
            codes.push_back(rk.code);
            labels.push_back(rk.zh);
            labels.push_back(rk.en);
        }
        Group& g = groups[{codes, labels}];
        ++g.count;
        ++total_count;
        if (const ReportedAmount* a = field_of(r, field)) {
            g.sum.add(*a);
            total.add(*a);
        }
        if constexpr (!project) {
            // The last snapshot on or before the day.
            const LoanSnapshot* last = nullptr;
            for (const LoanSnapshot& s : r.snapshots)
                if (s.as_of <= day) last = &s;
            if (last != nullptr) g.outstanding.add(last->outstanding, Bound::exact);
        }
    }
    bool expect_mixed = total.mixed;
    bool expect_inexact = false;
    if constexpr (!project) {
        RefSum all_outstanding;  // the grand total merges every group's balance
        for (const auto& [key, g] : groups)
            if (g.outstanding.n > 0) all_outstanding.add(g.outstanding.money(g.outstanding.units), Bound::exact);
        expect_mixed |= all_outstanding.mixed;
        for (const auto& [key, g] : groups) expect_mixed |= g.outstanding.mixed;
    }

    // Without group_by there is one row even when nothing matches (query.hpp).
    if (keys.empty() && groups.empty()) groups[{}];
    // The total's extremes once (the shares' reference), and whether it is exactly zero.
    const test::bounds::Probed total_probed = test::bounds::probed(total.items);
    const test::bounds::Stated all = test::bounds::sum(total.items);
    const bool total_zero = all.figure && *all.figure == 0 && all.bound == Bound::exact;
    std::vector<std::vector<Cell>> expected;
    for (const auto& [key, g] : groups) {
        std::vector<Cell> row;
        for (std::size_t i = 0; i < keys.size(); ++i) row.push_back(Label{key.second[2 * i], key.second[2 * i + 1]});
        row.push_back(g.count);
        row.push_back(total_count == 0 ? Cell{} : Cell{Percent(Ratio(g.count, total_count))});
        if (g.sum.n == 0) {
            for (int i = 0; i < 5; ++i) row.push_back(Cell{});
        } else {
            const test::bounds::Stated sum = test::bounds::sum(g.sum.items);
            row.push_back(g.sum.cell(sum));
            row.push_back(g.sum.cell(test::bounds::extreme(g.sum.items, false)));
            row.push_back(g.sum.cell(test::bounds::extreme(g.sum.items, true)));
            // The average is the sum's statement divided by the count.
            if (!sum.figure) {
                row.push_back(q::Undetermined{});
            } else if (const auto avg = ref_round(numerator(*sum.figure), cpp_int(g.sum.n), mode)) {
                row.push_back(ReportedAmount{g.sum.money(*avg), sum.bound, false});
            } else {
                expect_inexact = true;
                row.push_back(Cell{});
            }
            // The share of the rest: the other groups' figures.
            if (total_zero) row.push_back(Cell{});
            else row.push_back(percent_cell(test::bounds::share_of_total(test::bounds::probed(g.sum.items), total_probed)));
        }
        if constexpr (!project) {
            if (g.outstanding.n == 0) row.push_back(Cell{});
            else row.push_back(ReportedAmount{g.outstanding.money(g.outstanding.units), Bound::exact, false});
        }
        expected.push_back(std::move(row));
    }

    // ---- the library: over all of ds.projects() (the column path for projects) and, for
    // projects, over a copy of the records (the record path); both must give the expected table.
    const auto check = [&](std::span<const R> rows, const std::string& path) {
        std::optional<Table> got;
        std::string error;
        try {
            auto query = q::from(w.ds, rows)
                             .where(filter ? library_filter(*filter) : erase<R>(q::matching([](const R&) { return true; })));
            const auto run = [&](const auto& qq) {
                if constexpr (project) {
                    const ProjectField f = kFields[field];
                    return qq.aggregate(q::count(), q::share_of_count(), q::sum(f), q::min(f), q::max(f),
                                        q::average(f, mode), q::share(f));
                } else {
                    return qq.aggregate(q::count(), q::share_of_count(), q::sum(&Loan::commitment),
                                        q::min(&Loan::commitment), q::max(&Loan::commitment),
                                        q::average(&Loan::commitment, mode), q::share(&Loan::commitment),
                                        q::outstanding_as_of(day));
                }
            };
            if (keys.empty()) got = run(query);
            else if (keys.size() == 1) got = run(query.group_by(library_key<R>(keys[0])));
            else got = run(query.group_by(library_key<R>(keys[0]), library_key<R>(keys[1])));
        } catch (const QueryError& e) {
            error = std::string("QueryError: ") + e.what();
        } catch (const InexactRoundingError& e) {
            error = std::string("InexactRoundingError: ") + e.what();
        } catch (const std::exception& e) {
            error = std::string("other exception: ") + e.what();
        }
        ++out.queries;

        const auto fail = [&](const std::string& why) {
            if (out.failures.size() < 25) out.failures.push_back(desc + " [" + path + "]\n    " + why);
            else if (out.failures.size() == 25) out.failures.push_back("(further failures not shown)");
        };
        if (expect_mixed || expect_inexact) {
            ++out.expected_errors;
            const std::string want = expect_mixed ? "QueryError" : "InexactRoundingError";
            if (!error.starts_with(want + ":")) fail("expected " + want + ", got " + (error.empty() ? "a table" : error));
            return;
        }
        if (!error.empty()) return fail("unexpected " + error);
        const Table& t = *got;
        const std::size_t ncols = keys.size() + (project ? 7 : 8);
        if (t.columns().size() != ncols) return fail("columns: " + std::to_string(t.columns().size()));
        if (t.size() != expected.size()) {
            return fail("rows: got " + std::to_string(t.size()) + ", expected " + std::to_string(expected.size()));
        }
        for (std::size_t r = 0; r < t.size(); ++r) {
            for (std::size_t c = 0; c < ncols; ++c) {
                ++out.compared_cells;
                if (t.at(r, c) == expected[r][c]) continue;
                std::ostringstream s;
                s << "row " << r << " column " << t.columns()[c].name_en << ": got \""
                  << Table::text(t.at(r, c), Language::english) << "\" (" << Table::text(t.at(r, c), Language::chinese)
                  << "), expected \"" << Table::text(expected[r][c], Language::english) << "\" ("
                  << Table::text(expected[r][c], Language::chinese) << ")";
                if (const auto* a = std::get_if<ReportedAmount>(&expected[r][c]))
                    s << " [expected units " << test::dec(a->value.units()) << " bound "
                      << label(a->bound, Language::english) << " estimated " << a->estimated << "]";
                if (const auto* a = std::get_if<ReportedAmount>(&t.at(r, c)))
                    s << " [got units " << test::dec(a->value.units()) << " bound " << label(a->bound, Language::english)
                      << " estimated " << a->estimated << "]";
                return fail(s.str());
            }
        }
    };
    check(records<R>(w.ds), project ? "columns" : "records");
    if constexpr (project) check(w.project_copy, "records");
}

// ==================================================================== the tests

TEST(QueryDifferential, RandomQueriesAgainstPlainLoops) {
    Outcome out;
    for (const std::uint64_t seed : {11u, 22u, 33u, 44u}) {
        const World w = make_world(seed);
        Context cx{w, {}};
        for (const Project& p : w.ds.projects())
            for (ProjectField f : kFields)
                if (const auto& a = p.*f) cx.amounts.push_back(a->value);
        Context lcx{w, {}};
        for (const Loan& l : w.ds.loans()) lcx.amounts.push_back(l.commitment.value);
        Rng rng(seed);
        for (int i = 0; i < 200; ++i) run_query<Project>(rng, cx, out, "seed " + std::to_string(seed) + " #" + std::to_string(i));
        for (int i = 0; i < 60; ++i) run_query<Loan>(rng, lcx, out, "seed " + std::to_string(seed) + " loan #" + std::to_string(i));
    }
    EXPECT_GE(out.queries, 1000u);
    // The queries must exercise both paths: tables compared cell by cell, and expected errors.
    EXPECT_GT(out.compared_cells, 20000u);
    EXPECT_GT(out.expected_errors, 20u);
    EXPECT_LT(out.expected_errors, out.queries / 2);
    for (const std::string& f : out.failures) ADD_FAILURE() << f;
    RecordProperty("queries", static_cast<int>(out.queries));
    RecordProperty("cells", static_cast<int>(out.compared_cells));
    std::cout << "[ differential ] " << out.queries << " queries, " << out.compared_cells << " cells compared, "
              << out.expected_errors << " expected errors\n";
}

TEST(QueryDifferential, TheReferenceCanFail) {
    // A sanity check of the comparison itself: a wrong expected sum differs from the library's.
    const World w = make_world(5);
    const Table t = q::from(w.ds, w.ds.loans())
                        .where(q::in_currency(&Loan::commitment, Currency::CNY))
                        .aggregate(q::sum(&Loan::commitment), q::count());
    RefSum s;
    std::int64_t n = 0;
    for (const Loan& l : w.ds.loans())
        if (l.commitment.value.currency() == Currency::CNY) s.add(l.commitment), ++n;
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t.at(0, 1), Cell{n});
    const Cell right = s.sum_cell();
    Cell wrong = right;
    if (auto* a = std::get_if<ReportedAmount>(&wrong)) a->value += Money::from_units(1, a->value.currency());
    EXPECT_TRUE(t.at(0, 0) == right);
    EXPECT_FALSE(t.at(0, 0) == wrong);
}

}  // namespace
}  // namespace parkinvest
