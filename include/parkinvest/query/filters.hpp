// SPDX-License-Identifier: MIT
// Filters: predicates on records bound to the Dataset when the query runs, most with a column
// form over ds.project_columns(); combined with &&, ||, !.
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/access.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace parkinvest::query {

/// Marks a filter or key without a column form: over ds.projects() it reads each row's record.
struct no_columns {};
template <class Cols>
inline constexpr bool has_columns = !std::is_same_v<Cols, no_columns>;

/// A filter: bound to the Dataset, it gives a predicate on records, and optionally (`columns`)
/// one on row numbers of ds.project_columns(). Combine with &&, ||, !.
template <class Bind, class Cols = no_columns>
struct Filter {
    Bind bind;     ///< (const Dataset&) -> predicate on records
    Cols columns;  ///< (const Dataset&, const ProjectColumns&) -> predicate on row numbers
    explicit Filter(Bind b, Cols c = {}) : bind(std::move(b)), columns(std::move(c)) {}
};

namespace detail {
/// Combines two filters' record and (when both have one) column predicates with `op`.
template <class A, class CA, class B, class CB, class Op>
auto combine_filters(const Filter<A, CA>& a, const Filter<B, CB>& b, Op op) {
    auto records = [a = a.bind, b = b.bind, op](const Dataset& ds) {
        return [pa = a(ds), pb = b(ds), op](const auto& r) { return op(pa, pb, r); };
    };
    if constexpr (has_columns<CA> && has_columns<CB>) {
        return Filter{records, [a = a.columns, b = b.columns, op](const Dataset& ds, const ProjectColumns& c) {
                          return [pa = a(ds, c), pb = b(ds, c), op](std::size_t i) { return op(pa, pb, i); };
                      }};
    } else {
        return Filter{records};
    }
}
}  // namespace detail

template <class A, class CA, class B, class CB>
auto operator&&(const Filter<A, CA>& a, const Filter<B, CB>& b) {
    return detail::combine_filters(a, b, [](const auto& pa, const auto& pb, const auto& x) { return pa(x) && pb(x); });
}
template <class A, class CA, class B, class CB>
auto operator||(const Filter<A, CA>& a, const Filter<B, CB>& b) {
    return detail::combine_filters(a, b, [](const auto& pa, const auto& pb, const auto& x) { return pa(x) || pb(x); });
}
template <class A, class CA>
auto operator!(const Filter<A, CA>& a) {
    auto records = [a = a.bind](const Dataset& ds) { return [pa = a(ds)](const auto& r) { return !pa(r); }; };
    if constexpr (has_columns<CA>) {
        return Filter{records, [a = a.columns](const Dataset& ds, const ProjectColumns& c) {
                          return [pa = a(ds, c)](std::size_t i) { return !pa(i); };
                      }};
    } else {
        return Filter{records};
    }
}

/// A park and every park below it (一区多园).
[[nodiscard]] std::unordered_set<ParkId> park_and_descendants(const Dataset& ds, ParkId park);
/// An industry and every industry below it in its scheme.
[[nodiscard]] std::unordered_set<IndustryId> industry_and_descendants(const Dataset& ds, IndustryId industry);

namespace detail {
/// A set of park ids with an O(1), cache-friendly test: a bitmap when the ids are small.
class ParkSet {
public:
    explicit ParkSet(const std::unordered_set<ParkId>& parks);
    [[nodiscard]] bool contains(ParkId p) const {
        const auto v = p.value();
        if (!dense_.empty()) return v < dense_.size() && dense_[static_cast<std::size_t>(v)] != 0;
        return sparse_.contains(p);
    }

private:
    std::vector<std::uint8_t> dense_;
    std::unordered_set<ParkId> sparse_;
};
}  // namespace detail

namespace detail {
/// Throws QueryError when the dataset has no record `id`: a filter naming a park or an industry
/// that does not exist is a mistake (a typo, the wrong file), not an empty answer.
template <class IdT>
void require_known(const Dataset& ds, IdT id, std::string_view filter, std::string_view what) {
    if (!ds.contains(id))
        throw QueryError("parkinvest: " + std::string(filter) + "(" + std::to_string(id.value()) + "): the dataset has no " +
                         std::string(what) + " " + std::to_string(id.value()));
}
}  // namespace detail

/// Records of a park, with its sub-parks unless `include_sub_parks` is false. Throws QueryError,
/// when the query runs, if the dataset has no such park.
inline auto in_park(ParkId park, bool include_sub_parks = true) {
    const auto parks = [park, include_sub_parks](const Dataset& ds) {
        detail::require_known(ds, park, "in_park", "park");
        return detail::ParkSet(include_sub_parks ? park_and_descendants(ds, park) : std::unordered_set<ParkId>{park});
    };
    return Filter{[parks](const Dataset& ds) {
                      return [&ds, set = parks(ds)](const auto& r) {
                          const auto p = park_of(ds, r);
                          return p && set.contains(*p);
                      };
                  },
                  [parks](const Dataset& ds, const ProjectColumns& c) {
                      return [set = parks(ds), park = c.park().data()](std::size_t i) { return set.contains(ParkId{park[i]}); };
                  }};
}

/// Loans whose inception lies within `period`.
inline auto started_within(Period period) {
    return Filter{[period](const Dataset&) {
        return [period](const Loan& l) {
            return l.inception && period.contains(l.inception->first()) && period.contains(l.inception->last());
        };
    }};
}

/// Projects or enterprises classified under an industry or any of its descendants. Throws
/// QueryError, when the query runs, if the dataset has no such industry.
inline auto in_industry(IndustryId industry) {
    return Filter{[industry](const Dataset& ds) {
        detail::require_known(ds, industry, "in_industry", "industry");
        return [set = industry_and_descendants(ds, industry)](const auto& r) {
            return std::any_of(r.industries.begin(), r.industries.end(), [&](IndustryId i) { return set.contains(i); });
        };
    }};
}

/// Projects whose stage as of the end of `d` is exactly `s`.
inline auto stage_as_of(Stage s, Date d) {
    return Filter{[s, d](const Dataset&) { return [s, d](const Project& p) { return p.stage_as_of(d) == s; }; }};
}
/// Projects that had reached `s` (or gone past it on the main path) by the end of `d`.
/// Throws QueryError when `d` is not a calendar day (not_a_date_time, ±infinity).
inline auto reached(Stage s, Date d) {
    if (d.is_special()) throw QueryError("parkinvest: reached() needs a calendar day");
    if (static_cast<std::size_t>(s) >= std::size(all_stages)) throw QueryError("parkinvest: reached() of an unknown stage");
    return Filter{[s, d](const Dataset&) { return [s, d](const Project& p) { return p.reached(s, d); }; },
                  [s, d](const Dataset&, const ProjectColumns& c) {
                      return [by = c.reached_by(s).data(), day = static_cast<std::int32_t>(d.day_number())](std::size_t i) {
                          return by[i] <= day;
                      };
                  }};
}
/// Projects with a `s` event known to lie within `period` (签约 in 2020年上半年).
inline auto entered(Stage s, Period period) {
    return Filter{[s, period](const Dataset&) {
        return [s, period](const Project& p) {
            return std::any_of(p.stages.begin(), p.stages.end(), [&](const StageEvent& e) {
                return e.stage == s && period.contains(e.date.first()) && period.contains(e.date.last());
            });
        };
    }};
}

namespace detail {
/// Whether a reported amount is certainly >= threshold, or certainly < threshold (approximations
/// count as their value). Inline: filters run them per row.
inline bool at_least_decided(const ReportedAmount& a, const Money& threshold) {
    if (a.value.currency() != threshold.currency()) return false;
    switch (a.bound) {
    case Bound::exact:
    case Bound::about:
    case Bound::nearly:
    case Bound::at_least:
    case Bound::more_than: return a.value.units() >= threshold.units();  // a lower bound at or above decides
    case Bound::at_most:
    case Bound::less_than: return false;                  // an upper bound never proves >=
    }
    return false;
}

inline bool below_decided(const ReportedAmount& a, const Money& threshold) {
    if (a.value.currency() != threshold.currency()) return false;
    switch (a.bound) {
    case Bound::exact:
    case Bound::about:
    case Bound::nearly:
    case Bound::at_most: return a.value.units() < threshold.units();
    case Bound::less_than: return a.value.units() <= threshold.units();
    case Bound::at_least:
    case Bound::more_than: return false;  // a lower bound never proves <
    }
    return false;
}
}  // namespace detail

/// Records whose amount field is present and satisfies `test(const ReportedAmount&)`.
template <class R, class Field, class Test>
auto amount_matches(Field R::*field, Test test) {
    auto records = [field, test](const Dataset&) {
        return [field, test](const R& r) {
            const ReportedAmount* a = amount_of(r, field);
            return a != nullptr && test(*a);
        };
    };
    if constexpr (std::is_same_v<R, Project> && std::is_same_v<Field, std::optional<ReportedAmount>>) {
        return Filter{records, [field, test](const Dataset&, const ProjectColumns& c) {
                          const std::size_t k = ProjectColumns::amount_index(field);
                          return [value = c.amount(k).data(), meta = c.amount_meta(k).data(), test](std::size_t i) {
                              const std::uint8_t m = meta[i];
                              return ProjectColumns::present(m) &&
                                     test(ReportedAmount{value[i], ProjectColumns::bound(m), ProjectColumns::estimated(m)});
                          };
                      }};
    } else {
        return Filter{records};
    }
}
/// Records whose amount is at least `threshold` (10亿元以上), where the bound decides it.
template <class R, class Field>
auto amount_at_least(Field R::*field, Money threshold) {
    return amount_matches(field, [threshold](const ReportedAmount& a) { return detail::at_least_decided(a, threshold); });
}
/// Records whose amount is below `threshold`, where the bound decides it.
template <class R, class Field>
auto amount_below(Field R::*field, Money threshold) {
    return amount_matches(field, [threshold](const ReportedAmount& a) { return detail::below_decided(a, threshold); });
}
/// Records whose amount is in `currency`.
template <class R, class Field>
auto in_currency(Field R::*field, Currency currency) {
    return amount_matches(field, [currency](const ReportedAmount& a) { return a.value.currency() == currency; });
}
/// Statistics whose period lies within `period`.
inline auto within(Period period) {
    return Filter{[period](const Dataset&) {
        return [period](const ReportedStatistic& s) { return period.contains(s.period.first()) && period.contains(s.period.last()); };
    }};
}

namespace detail {
/// The filter every record passes, with a column form: where from() and list() start.
template <class R>
auto pass_all() {
    return Filter{[](const Dataset&) { return [](const R&) { return true; }; },
                  [](const Dataset&, const ProjectColumns&) { return [](std::size_t) { return true; }; }};
}
}  // namespace detail

/// Any predicate on the records.
template <class Pred>
auto matching(Pred pred) {
    return Filter{[pred](const Dataset&) { return pred; }};
}

}  // namespace parkinvest::query
