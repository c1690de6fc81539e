// SPDX-License-Identifier: MIT
// Aggregates: exact counts, sums, shares, extremes, averages, quantities, loan balances,
// funnel conversion and year-on-year growth of the records of each group.
//
// An aggregate is a small value with column names and bind(const Dataset&), which gives an
// object with: an accumulator type Acc, add(Acc&, const R&), merge(Acc&, const Acc&) (for the
// grand total over all groups) and cell(const Acc& group, const Acc& total).
//
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/hash.hpp>
#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/access.hpp>
#include <parkinvest/query/bounds.hpp>
#include <parkinvest/query/table.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace parkinvest::query {

/// A rate in force from a date (inclusive) until the next rate of the same pair.
struct DatedRate {
    Date from;
    ExchangeRate rate;
};

/// The date a record's amounts are converted at, when the caller fixes none: a project's first
/// stage event (its first day), a loan's inception; empty for other records.
[[nodiscard]] std::optional<Date> record_date(const Project& p);
[[nodiscard]] std::optional<Date> record_date(const Loan& l);
template <class R>
[[nodiscard]] std::optional<Date> record_date(const R&) {
    return std::nullopt;
}

/// Converting amounts of other currencies into `target` before aggregating: without one, mixing
/// currencies in one column is a QueryError. Every aggregate of amounts takes one (sum, share,
/// min, max, average, growth, outstanding_as_of through converted(); reconcile as an argument).
///
/// Which rate converts an amount of currency X:
///  * with dated rates for X → target (set_dated): the one in force on the amount's date — the
///    caller's `as_of` when set (one date for every amount: a report's reporting date), else the
///    record's own date (record_date). No date, or a date before the pair's first rate, is a
///    QueryError naming both;
///  * else the undated rate for X → target in `rates`;
///  * else a QueryError naming both currencies.
/// Amounts are rounded to 1/10,000 of the target unit under `mode`.
class Conversion {
public:
    Currency target = Currency::CNY;
    std::vector<ExchangeRate> rates;  ///< undated: from each other currency to target
    std::optional<Date> as_of;        ///< the date for dated rates; empty: each record's own date
    RoundingMode mode = RoundingMode::half_even;

    /// Sets the dated rates (any order; kept sorted by pair and date). Two different rates of one
    /// pair on one date are an ArgumentError naming them.
    void set_dated(std::vector<DatedRate> dated);
    [[nodiscard]] const std::vector<DatedRate>& dated() const { return dated_; }

    /// `m` in target, at the rate for `date` (see above). O(log n) in the dated rates.
    [[nodiscard]] Money apply(const Money& m, std::optional<Date> date = std::nullopt) const { return apply_to(m, target, date); }
    /// The same into another currency than `target` (reconcile: each statistic's currency).
    [[nodiscard]] Money apply_to(const Money& m, Currency to, std::optional<Date> date) const;

private:
    std::vector<DatedRate> dated_;  ///< sorted by (from, to, date)
};

/// Reads a table of dated rates: CSV (RFC 4180) with the header `date,from,to,rate` — the date
/// in any form ReportedDate::parse reads to the day (2020-07-01, 2020年7月1日), ISO 4217 codes,
/// the rate a positive exact decimal of at most 10 places ("7.0795": 1 from = 7.0795 to).
/// Throws FormatError listing each bad field with its line, column and byte (`input` names the
/// source in the messages).
[[nodiscard]] std::vector<DatedRate> parse_rates_csv(std::string_view text, std::string_view input = "<rates>");

namespace detail {
/// `m` through the aggregate's conversion, if any, at the record's date (looked up only when a
/// rate is needed).
template <class R>
[[nodiscard]] Money converted(const std::optional<Conversion>& c, const Money& m, const R& record) {
    if (!c || m.currency() == c->target) return m;
    return c->apply(m, record_date(record));
}

/// The cells of the aggregates: a count; the share part/whole (empty when whole is 0); the
/// amount aggregates' (bounds.hpp states each interval as a figure and a bound).
[[nodiscard]] Cell count_cell(std::int64_t n);
[[nodiscard]] Cell share_cell(std::int64_t part, std::int64_t whole);
[[nodiscard]] Cell sum_cell(const SumAcc& s);
[[nodiscard]] Cell average_cell(const SumAcc& s, RoundingMode mode);
[[nodiscard]] Cell share_cell(const SumAcc& group, const SumAcc& total);
[[nodiscard]] Cell growth_cell(const SumAcc& now, const SumAcc& before);
[[nodiscard]] Cell extreme_cell(const std::optional<Interval<Money>>& extreme);
}  // namespace detail

/// A query over project columns held without their records (from(others, columns)) was given
/// a filter, key or aggregate that needs the records.
class RecordsNeededError : public QueryError {
public:
    using QueryError::QueryError;
};

namespace detail {
/// The project records of column rows `c`: ds.projects() when `c` are its columns; a query over
/// columns held without records (from(others, columns)) cannot read records.
inline const Project* records_of_rows(const Dataset& ds, const ProjectColumns& c, const char* what) {
    if (&c != &ds.project_columns())
        throw RecordsNeededError(std::string("parkinvest: this query runs over project columns without their records (from(others, "
                                     "columns)), and ") + what + " of it has no column form: query the records instead "
                                     "(io::Snapshot::dataset())");
    return ds.projects().data();
}

/// The column form of an aggregate that only counts rows.
struct CountRows {
    void add(std::int64_t& a, std::size_t) const { ++a; }
};
}  // namespace detail

/// Number of records in the group.
struct count {
    std::string name_zh = "数量";
    std::string name_en = "count";
    [[nodiscard]] ColumnKind column_kind() const { return ColumnKind::count; }
    template <class R>
    auto bind(const Dataset&) const {
        struct B {
            using Acc = std::int64_t;
            void add(Acc& a, const R&) const { ++a; }
            void merge(Acc& a, const Acc& o) const { a += o; }
            Cell cell(const Acc& g, const Acc&) const { return detail::count_cell(g); }
        };
        return B{};
    }
    template <class R>
    auto bind_columns(const Dataset&, const ProjectColumns&) const {
        return detail::CountRows{};
    }
};

/// The group's share of all matching records, by count.
struct share_of_count {
    std::string name_zh = "数量占比";
    std::string name_en = "share of count";
    [[nodiscard]] ColumnKind column_kind() const { return ColumnKind::percent; }
    template <class R>
    auto bind(const Dataset&) const {
        struct B {
            using Acc = std::int64_t;
            void add(Acc& a, const R&) const { ++a; }
            void merge(Acc& a, const Acc& o) const { a += o; }
            Cell cell(const Acc& g, const Acc& t) const { return detail::share_cell(g, t); }
        };
        return B{};
    }
    template <class R>
    auto bind_columns(const Dataset&, const ProjectColumns&) const {
        return detail::CountRows{};
    }
};

/// Number of distinct values of `fn(record)` (an integer, e.g. an enterprise id value).
template <class Fn>
struct distinct_count {
    Fn fn;
    std::string name_zh = "去重数量";
    std::string name_en = "distinct count";
    [[nodiscard]] ColumnKind column_kind() const { return ColumnKind::count; }
    explicit distinct_count(Fn f) : fn(std::move(f)) {}
    template <class R>
    auto bind(const Dataset&) const {
        struct B {
            Fn fn;
            using Acc = std::unordered_set<std::int64_t, parkinvest::detail::KeyedHash>;
            void add(Acc& a, const R& r) const {
                for (const std::int64_t v : values(r)) a.insert(v);
            }
            std::vector<std::int64_t> values(const R& r) const {
                if constexpr (std::is_integral_v<std::invoke_result_t<Fn, const R&>>) return {static_cast<std::int64_t>(fn(r))};
                else {
                    std::vector<std::int64_t> out;
                    for (const auto v : fn(r)) out.push_back(static_cast<std::int64_t>(v));
                    return out;
                }
            }
            void merge(Acc&, const Acc&) const {}  // no total needed
            Cell cell(const Acc& g, const Acc&) const { return detail::count_cell(static_cast<std::int64_t>(g.size())); }
        };
        return B{fn};
    }
};

/// Amount aggregates over a field (Project::contract_investment, Loan::commitment,
/// WasteFacility::investment ...). Records without the amount are skipped.
template <class R, class Field>
struct AmountAggregate {
    enum class Kind { sum, share, min, max, average };
    Field R::*field;
    Kind kind;
    std::string name_zh;
    std::string name_en;
    RoundingMode mode = RoundingMode::half_up;  ///< average only
    std::optional<Conversion> conversion;

    [[nodiscard]] ColumnKind column_kind() const { return kind == Kind::share ? ColumnKind::bounded_percent : ColumnKind::amount; }

    /// Converts other currencies into `c.target` before aggregating.
    [[nodiscard]] AmountAggregate converted(Conversion c) const {
        AmountAggregate a = *this;
        a.conversion = std::move(c);
        return a;
    }

    template <class Rec>
    auto bind(const Dataset&) const {
        static_assert(std::is_same_v<Rec, R>, "the aggregate's field belongs to another record type");
        struct B {
            Field R::*field;
            Kind kind;
            RoundingMode mode;
            const std::optional<Conversion>* conversion;
            struct Acc {
                detail::SumAcc sum;
                std::optional<detail::Interval<Money>> extreme;  ///< min and max
            };
            void add(Acc& a, const R& r) const {
                if (const ReportedAmount* v = amount_of(r, field))
                    add_amount(a, detail::converted(*conversion, v->value, r), v->bound);
            }
            void add_amount(Acc& a, const Money& m, Bound bound) const {
                if (kind == Kind::min || kind == Kind::max) {
                    const detail::Interval<Money> iv = detail::interval_of(m, bound);
                    if (!a.extreme) a.extreme = iv;
                    else if (a.extreme->lo.value->currency() != m.currency()) detail::SumAcc::throw_mixed(*a.extreme->lo.value, m);
                    else a.extreme = kind == Kind::min ? detail::min_of(*a.extreme, iv) : detail::max_of(*a.extreme, iv);
                } else {
                    a.sum.add(m, bound);
                }
            }
            /// The grand total is only needed for shares: other kinds do not merge, so a query
            /// grouped by currency can sum each group in its own currency.
            void merge(Acc& a, const Acc& o) const {
                if (kind == Kind::share) a.sum.merge(o.sum);
            }
            Cell cell(const Acc& g, const Acc& t) const {
                switch (kind) {
                case Kind::sum: return detail::sum_cell(g.sum);
                case Kind::min:
                case Kind::max: return detail::extreme_cell(g.extreme);
                case Kind::average: return detail::average_cell(g.sum, mode);
                case Kind::share: return detail::share_cell(g.sum, t.sum);
                }
                return {};
            }
        };
        return B{field, kind, mode, &conversion};
    }

    /// The column form over ds.project_columns(): the same accumulator, fed from the columns.
    template <class Rec>
        requires(std::is_same_v<Rec, Project> && std::is_same_v<R, Project> &&
                 std::is_same_v<Field, std::optional<ReportedAmount>>)
    auto bind_columns(const Dataset& ds, const ProjectColumns& c) const {
        using Base = decltype(bind<Rec>(ds));
        struct C {
            Base base;
            const Money* value;
            const std::uint8_t* meta;
            const Project* rows;
            bool plain_sum;  ///< a sum without conversion: the common case, kept inline
            void add(typename Base::Acc& a, std::size_t i) const {
                const std::uint8_t m = meta[i];
                if (!ProjectColumns::present(m)) return;
                if (plain_sum) a.sum.add(value[i], ProjectColumns::bound(m));
                else if (*base.conversion) base.add(a, rows[i]);  // the record's date picks the rate
                else base.add_amount(a, value[i], ProjectColumns::bound(m));
            }
        };
        const std::size_t k = ProjectColumns::amount_index(field);
        const bool plain_sum = !conversion && kind != Kind::min && kind != Kind::max;
        // A conversion reads the record's date (dated rates).
        const Project* rows = conversion ? detail::records_of_rows(ds, c, "an aggregate with a currency conversion") : nullptr;
        return C{bind<Rec>(ds), c.amount(k).data(), c.amount_meta(k).data(), rows, plain_sum};
    }
};

template <class R, class Field>
AmountAggregate<R, Field> sum(Field R::*field) {
    return {field, AmountAggregate<R, Field>::Kind::sum, "金额合计", "sum", RoundingMode::half_up, std::nullopt};
}
/// The group's share of the column's total over all groups: an exact Percent with the bound
/// the amounts' bounds give it (bounds.hpp), or Undetermined.
template <class R, class Field>
AmountAggregate<R, Field> share(Field R::*field) {
    return {field, AmountAggregate<R, Field>::Kind::share, "金额占比", "share", RoundingMode::half_up, std::nullopt};
}
/// The smallest and the largest amount, as far as the bounds decide: the max of {3亿元以上,
/// 5亿元} is "5亿元以上", the min "不超过5亿元" (bounds.hpp).
template <class R, class Field>
AmountAggregate<R, Field> min(Field R::*field) {
    return {field, AmountAggregate<R, Field>::Kind::min, "最小值", "min", RoundingMode::half_up, std::nullopt};
}
template <class R, class Field>
AmountAggregate<R, Field> max(Field R::*field) {
    return {field, AmountAggregate<R, Field>::Kind::max, "最大值", "max", RoundingMode::half_up, std::nullopt};
}
/// The mean of the amounts present, rounded to 1/10,000 of the unit under `mode`.
template <class R, class Field>
AmountAggregate<R, Field> average(Field R::*field, RoundingMode mode) {
    return {field, AmountAggregate<R, Field>::Kind::average, "平均值", "average", mode, std::nullopt};
}

/// Sum of a quantity field (WasteFacility::max_annual_throughput, ::floor_area ...).
template <class R, class Q>
struct quantity_sum {
    std::optional<Q> R::*field;
    std::string name_zh = "合计";
    std::string name_en = "total";
    [[nodiscard]] ColumnKind column_kind() const {
        if constexpr (std::is_same_v<Q, Area>) return ColumnKind::area;
        else if constexpr (std::is_same_v<Q, Mass>) return ColumnKind::mass;
        else return ColumnKind::annual_throughput;
    }
    explicit quantity_sum(std::optional<Q> R::*f) : field(f) {}
    template <class Rec>
    auto bind(const Dataset&) const {
        struct B {
            std::optional<Q> R::*field;
            using Acc = std::optional<Q>;
            void add(Acc& a, const R& r) const {
                if (const auto& v = r.*field) a = a ? *a + *v : *v;
            }
            void merge(Acc&, const Acc&) const {}  // no total needed
            Cell cell(const Acc& g, const Acc&) const { return g ? Cell{*g} : Cell{}; }
        };
        return B{field};
    }
};
template <class R, class Q>
quantity_sum(std::optional<Q> R::*) -> quantity_sum<R, Q>;

/// Loans outstanding at the end of `d` (贷款余额), from each loan's last snapshot on or before d.
struct outstanding_as_of {
    Date day;
    std::string name_zh = "贷款余额";
    std::string name_en = "outstanding";
    std::optional<Conversion> conversion;  ///< balances are converted at the day when as_of is unset
    /// Converts other currencies into `c.target`.
    [[nodiscard]] outstanding_as_of converted(Conversion c) const {
        outstanding_as_of o = *this;
        o.conversion = std::move(c);
        return o;
    }
    [[nodiscard]] ColumnKind column_kind() const { return ColumnKind::amount; }
    explicit outstanding_as_of(Date d) : day(d) {}
    template <class R>
    auto bind(const Dataset&) const {
        static_assert(std::is_same_v<R, Loan>, "outstanding_as_of aggregates loans");
        struct B {
            Date day;
            const std::optional<Conversion>* conversion;
            using Acc = detail::SumAcc;
            void add(Acc& a, const Loan& l) const {
                if (const auto m = l.outstanding_as_of(day)) a.add(*conversion ? (*conversion)->apply(*m, day) : *m, Bound::exact);
            }
            void merge(Acc&, const Acc&) const {}  // no total needed
            Cell cell(const Acc& g, const Acc&) const { return detail::sum_cell(g); }
        };
        return B{day, &conversion};
    }
};

/// Funnel conversion (开工率 ...): the share of the group's projects that had reached `stage` by
/// the end of `day`.
struct funnel {
    Stage stage;
    Date day;
    std::string name_zh = "转化率";
    std::string name_en = "conversion";
    [[nodiscard]] ColumnKind column_kind() const { return ColumnKind::percent; }
    /// Throws QueryError when `d` is not a calendar day or `s` not a stage (as reached() does).
    funnel(Stage s, Date d) : stage(s), day(d) {
        if (d.is_special()) throw QueryError("parkinvest: funnel() needs a calendar day");
        if (static_cast<std::size_t>(s) >= std::size(all_stages)) throw QueryError("parkinvest: funnel() of an unknown stage");
    }
    template <class R>
    auto bind(const Dataset&) const {
        static_assert(std::is_same_v<R, Project>, "funnel aggregates projects");
        struct B {
            Stage stage;
            Date day;
            struct Acc {
                std::int64_t n = 0;
                std::int64_t reached = 0;
            };
            void add(Acc& a, const Project& p) const {
                ++a.n;
                if (p.reached(stage, day)) ++a.reached;
            }
            void merge(Acc&, const Acc&) const {}  // no total needed
            Cell cell(const Acc& g, const Acc&) const { return detail::share_cell(g.reached, g.n); }
        };
        return B{stage, day};
    }
    /// The column form: the row's reached_by day of the stage.
    template <class R>
        requires std::is_same_v<R, Project>
    auto bind_columns(const Dataset& ds, const ProjectColumns& c) const {
        using Acc = typename decltype(bind<R>(ds))::Acc;
        struct C {
            const std::int32_t* by;
            std::int32_t day;
            void add(Acc& a, std::size_t i) const {
                ++a.n;
                if (by[i] <= day) ++a.reached;
            }
        };
        return C{c.reached_by(stage).data(), static_cast<std::int32_t>(day.day_number())};
    }
};

/// Year-on-year growth (同比) of an amount field over projects whose `stage` event lies in
/// `current`, against those whose event lies in the same period a year earlier: a
/// ReportedPercent with the bound the amounts' bounds give it (bounds.hpp), or Undetermined.
template <class Field>
struct growth {
    Field Project::*field;
    Stage stage;
    Period current;
    std::string name_zh = "同比增长";
    std::string name_en = "year on year";
    std::optional<Conversion> conversion;
    /// Converts other currencies into `c.target` (each project at its own date unless c.as_of).
    [[nodiscard]] growth converted(Conversion c) const {
        growth g = *this;
        g.conversion = std::move(c);
        return g;
    }
    [[nodiscard]] ColumnKind column_kind() const { return ColumnKind::bounded_percent; }
    growth(Field Project::*f, Stage s, Period p) : field(f), stage(s), current(p) {}
    template <class R>
    auto bind(const Dataset&) const {
        static_assert(std::is_same_v<R, Project>, "growth aggregates projects");
        struct B {
            Field Project::*field;
            Stage stage;
            Period current;
            Period previous;
            const std::optional<Conversion>* conversion;
            struct Acc {
                detail::SumAcc now, before;
            };
            bool in(const Project& p, const Period& period) const {
                return std::any_of(p.stages.begin(), p.stages.end(), [&](const StageEvent& e) {
                    return e.stage == stage && period.contains(e.date.first()) && period.contains(e.date.last());
                });
            }
            void add(Acc& a, const Project& p) const {
                const ReportedAmount* v = amount_of(p, field);
                if (v == nullptr) return;
                if (in(p, current)) a.now.add(detail::converted(*conversion, v->value, p), v->bound);
                else if (in(p, previous)) a.before.add(detail::converted(*conversion, v->value, p), v->bound);
            }
            void merge(Acc&, const Acc&) const {}  // no total needed
            Cell cell(const Acc& g, const Acc&) const {
                return detail::growth_cell(g.now, g.before);
            }
        };
        return B{field, stage, current, current.previous_year(), &conversion};
    }
};

/// The aggregate (or key) with other column names: named(sum(&Project::contract_investment),
/// "合同投资额", "contract investment").
template <class A>
A named(A a, std::string name_zh, std::string name_en) {
    a.name_zh = std::move(name_zh);
    a.name_en = std::move(name_en);
    return a;
}

}  // namespace parkinvest::query
