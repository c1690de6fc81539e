// SPDX-License-Identifier: MIT
// Aggregation queries over the records of a Dataset:
//
//   Table t = from(ds, ds.projects())
//                 .where(in_park(chongqing) && entered(Stage::contracted, Period::half_year(2020, 1)))
//                 .group_by(by_park(), by_amount_band(&Project::contract_investment, {"10亿"_cny, "100亿"_cny}))
//                 .aggregate(count(), sum(&Project::contract_investment), share(&Project::contract_investment));
//
// Filters, group keys and aggregates are small values bound to the Dataset when the query runs;
// everything is exact (Money sums, Ratio shares).
//
// Speed: a query over all of ds.projects() scans the Dataset's ProjectColumns (a few dense
// arrays) rather than the records. Filters, keys and aggregates that have a column form (in_park,
// reached, the amount filters, by_park, by_zone, by_parent_park, by_amount_band, sum/share/min/
// max/average of a Project amount) read the columns; the others read the record of the row.
// The results are the same either way (the differential test runs both).
//
// Bounded amounts ("100亿元以上"): a sum that includes a lower bound is a lower bound (at_least),
// one that includes an upper bound is an upper bound (at_most), one that includes an
// approximation (约, 近) or both kinds of bound is approximate (about); the bound travels with
// the result. A threshold filter or amount band counts a bounded amount only where the bound
// decides it: 10亿元以上 is "≥ 1亿" but not "< 100亿"; approximations count as their value.
#pragma once

#include <parkinvest/core/hash.hpp>
#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/table.hpp>

#include <algorithm>
#include <array>
#include <concepts>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace parkinvest::query {

// ==================================================================== record access

/// The park a record belongs to (a loan: its own park, else its borrowers').
inline std::optional<ParkId> park_of(const Dataset&, const Project& r) { return r.park; }
inline std::optional<ParkId> park_of(const Dataset&, const WasteFacility& r) { return r.park; }
inline std::optional<ParkId> park_of(const Dataset&, const ReportedStatistic& r) { return r.scope; }
inline std::optional<ParkId> park_of(const Dataset&, const Enterprise& r) { return r.park; }
inline std::optional<ParkId> park_of(const Dataset& ds, const Loan& r) { return ds.park_of(r); }

/// The amount a field holds, if any: optional<ReportedAmount> members (Project amounts,
/// WasteFacility::investment) and ReportedAmount members (Loan::commitment).
template <class R>
const ReportedAmount* amount_of(const R& r, std::optional<ReportedAmount> R::*field) {
    const auto& a = r.*field;
    return a ? &*a : nullptr;
}
template <class R>
const ReportedAmount* amount_of(const R& r, ReportedAmount R::*field) {
    return &(r.*field);
}

/// Combines the bounds of two summands (see the header comment).
[[nodiscard]] constexpr Bound combine_rule(Bound a, Bound b) noexcept {
    const auto kind = [](Bound x) {
        switch (x) {
        case Bound::exact: return 0;
        case Bound::at_least:
        case Bound::more_than: return 1;  // lower bounds
        case Bound::at_most:
        case Bound::less_than: return 2;  // upper bounds
        case Bound::about:
        case Bound::nearly: return 3;     // approximations
        }
        return 3;
    };
    const int ka = kind(a);
    const int kb = kind(b);
    if (ka == 0) return kb == 0 ? Bound::exact : (kb == 1 ? Bound::at_least : kb == 2 ? Bound::at_most : Bound::about);
    if (kb == 0 || ka == kb) return ka == 1 ? Bound::at_least : ka == 2 ? Bound::at_most : Bound::about;
    return Bound::about;  // a lower and an upper bound, or a bound and an approximation
}
namespace detail {
inline constexpr std::size_t bound_count = 7;
inline constexpr auto combine_table = [] {
    std::array<std::array<Bound, bound_count>, bound_count> t{};
    for (std::size_t a = 0; a < bound_count; ++a)
        for (std::size_t b = 0; b < bound_count; ++b) t[a][b] = combine_rule(static_cast<Bound>(a), static_cast<Bound>(b));
    return t;
}();
}  // namespace detail
/// combine_rule by table lookup: it runs per row.
[[nodiscard]] inline Bound combine(Bound a, Bound b) noexcept {
    return detail::combine_table[static_cast<std::size_t>(a) % detail::bound_count][static_cast<std::size_t>(b) % detail::bound_count];
}


// ==================================================================== filters

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

/// Records of a park, with its sub-parks unless `include_sub_parks` is false.
inline auto in_park(ParkId park, bool include_sub_parks = true) {
    const auto parks = [park, include_sub_parks](const Dataset& ds) {
        return ParkSet(include_sub_parks ? park_and_descendants(ds, park) : std::unordered_set<ParkId>{park});
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

/// Projects or enterprises classified under an industry or any of its descendants.
inline auto in_industry(IndustryId industry) {
    return Filter{[industry](const Dataset& ds) {
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
    return amount_matches(field, [threshold](const ReportedAmount& a) { return at_least_decided(a, threshold); });
}
/// Records whose amount is below `threshold`, where the bound decides it.
template <class R, class Field>
auto amount_below(Field R::*field, Money threshold) {
    return amount_matches(field, [threshold](const ReportedAmount& a) { return below_decided(a, threshold); });
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
/// Any predicate on the records.
template <class Pred>
auto matching(Pred pred) {
    return Filter{[pred](const Dataset&) { return pred; }};
}

// ==================================================================== group keys

/// A bound group key: an unsigned code per record (groups sort by code; records without a
/// value get `none` and sort last, labelled "(无)" / "(none)"), and the label of each code.
/// Keys by id use the id's value as the code, which is why the Dataset reserves the id value
/// 2^64 − 1.
struct BoundKey {
    using Code = std::uint64_t;
    static constexpr Code none = UINT64_MAX;
    std::function<std::string(Code, Language)> label;
};

/// A group key: a column name, a binder giving (code function, labels), and optionally a
/// binder giving the code of a row of ds.project_columns().
template <class Bind, class Cols = no_columns>
struct Key {
    std::string name_zh;
    std::string name_en;
    Bind bind;     ///< (const Dataset&) -> std::pair<code function, BoundKey>
    Cols columns;  ///< (const Dataset&, const ProjectColumns&) -> code function on row numbers
    Key(std::string zh, std::string en, Bind b, Cols c = {})
        : name_zh(std::move(zh)), name_en(std::move(en)), bind(std::move(b)), columns(std::move(c)) {}
};

namespace detail {
/// Labels of park codes.
inline BoundKey park_labels(const Dataset& ds) {
    return BoundKey{[&ds](BoundKey::Code c, Language lang) {
        const Park& p = ds.get(ParkId{c});
        return lang == Language::chinese || !p.name.en ? p.name.zh : *p.name.en;
    }};
}
/// A key that maps each record's park through `to` (park → group park), computed once per park.
/// The column form looks the group up in a table by park id (dense when the ids are small).
template <class To>
auto park_key(std::string zh, std::string en, To to) {
    struct Map {
        std::vector<BoundKey::Code> dense;
        std::unordered_map<std::uint64_t, BoundKey::Code, parkinvest::detail::KeyedHash> sparse;
        BoundKey::Code operator()(std::uint64_t park) const {
            if (park < dense.size()) return dense[static_cast<std::size_t>(park)];
            const auto it = sparse.find(park);
            return it == sparse.end() ? BoundKey::none : it->second;
        }
    };
    const auto make_map = [to](const Dataset& ds) {
        auto m = std::make_shared<Map>();
        std::uint64_t top = 0;
        for (const Park& p : ds.parks()) top = std::max(top, p.id.value());
        const bool dense = top < 4 * ds.parks().size() + 1024;
        if (dense) m->dense.assign(static_cast<std::size_t>(top) + 1, BoundKey::none);
        for (const Park& p : ds.parks()) {
            const BoundKey::Code c = to(ds, p).value();
            if (dense) m->dense[static_cast<std::size_t>(p.id.value())] = c;
            else m->sparse.emplace(p.id.value(), c);
        }
        return m;
    };
    return Key{std::move(zh), std::move(en),
               [make_map](const Dataset& ds) {
                   auto code = [&ds, m = make_map(ds)](const auto& r) {
                       const auto p = park_of(ds, r);
                       return p ? (*m)(p->value()) : BoundKey::none;
                   };
                   return std::pair{code, park_labels(ds)};
               },
               [make_map](const Dataset& ds, const ProjectColumns& c) {
                   return [m = make_map(ds), park = c.park().data()](std::size_t i) { return (*m)(park[i]); };
               }};
}
}  // namespace detail

inline auto by_park() {
    return Key{"园区", "park",
               [](const Dataset& ds) {
                   auto code = [&ds](const auto& r) {
                       const auto p = park_of(ds, r);
                       return p ? p->value() : BoundKey::none;
                   };
                   return std::pair{code, detail::park_labels(ds)};
               },
               [](const Dataset&, const ProjectColumns& c) {
                   return [park = c.park().data()](std::size_t i) -> BoundKey::Code { return park[i]; };
               }};
}

/// Group by the top-level park: sub-parks count under the zone they belong to.
inline auto by_zone() {
    return detail::park_key("园区(含下属园区)", "zone", [](const Dataset& ds, const Park& park) {
        ParkId p = park.id;
        for (std::size_t guard = 0; guard < 64; ++guard) {
            const Park& x = ds.get(p);
            if (!x.parent) break;
            p = *x.parent;
        }
        return p;
    });
}

/// Group by the stage as of the end of `d` (projects with no stage yet: "(无)" / "(none)").
inline auto by_stage(Date d) {
    return Key{"阶段", "stage", [d](const Dataset&) {
                   auto code = [d](const Project& p) {
                       const auto s = p.stage_as_of(d);
                       return s ? static_cast<BoundKey::Code>(*s) : BoundKey::none;
                   };
                   BoundKey k{[](BoundKey::Code c, Language lang) { return std::string(label(static_cast<Stage>(c), lang)); }};
                   return std::pair{code, k};
               }};
}

/// Group by the first (primary) industry, walked up to `depth` levels below the scheme's roots
/// (0 = the top level, e.g. GB/T 4754 门类).
inline auto by_industry(int depth = 0) {
    return Key{"产业", "industry", [depth](const Dataset& ds) {
                   // Each industry's ancestor at `depth`, computed once: one lookup per record.
                   auto ancestor = std::make_shared<std::unordered_map<IndustryId, BoundKey::Code>>();
                   for (const Industry& i : ds.industries()) {
                       std::vector<IndustryId> chain{i.id};
                       for (std::size_t guard = 0; guard < 64 && ds.get(chain.back()).parent; ++guard)
                           chain.push_back(*ds.get(chain.back()).parent);
                       // chain: the industry ... its root
                       const auto level = static_cast<std::size_t>(std::max(0, depth));
                       const std::size_t index = chain.size() > level ? chain.size() - 1 - level : 0;
                       ancestor->emplace(i.id, chain[index].value());
                   }
                   auto code = [ancestor](const auto& r) {
                       if (r.industries.empty()) return BoundKey::none;
                       const auto it = ancestor->find(r.industries.front());
                       return it == ancestor->end() ? BoundKey::none : it->second;
                   };
                   BoundKey k{[&ds](BoundKey::Code c, Language lang) {
                       const Industry& i = ds.get(IndustryId{c});
                       return lang == Language::chinese || !i.name.en ? i.name.zh : *i.name.en;
                   }};
                   return std::pair{code, k};
               }};
}

/// Group by amount band: thresholds t1 < t2 < ... give bands [0, t1), [t1, t2), ... [tn, ∞).
/// A bounded amount falls in a band only where its bound decides it, else in "undetermined".
template <class R, class Field>
auto by_amount_band(Field R::*field, std::vector<Money> thresholds) {
    static constexpr BoundKey::Code undetermined = BoundKey::none - 1;  // after every band
    std::sort(thresholds.begin(), thresholds.end());
    const auto band_of = [thresholds](const ReportedAmount& a) -> BoundKey::Code {
        BoundKey::Code band = 0;
        for (const Money& t : thresholds) {
            if (at_least_decided(a, t)) ++band;
            else if (below_decided(a, t)) break;
            else return undetermined;  // the bound does not decide
        }
        return band;
    };
    auto columns = [&] {
        if constexpr (std::is_same_v<R, Project> && std::is_same_v<Field, std::optional<ReportedAmount>>) {
            return [field, band_of](const Dataset&, const ProjectColumns& c) {
                const std::size_t k = ProjectColumns::amount_index(field);
                return [value = c.amount(k).data(), meta = c.amount_meta(k).data(), band_of](std::size_t i) {
                    const std::uint8_t m = meta[i];
                    if (!ProjectColumns::present(m)) return BoundKey::none;
                    return band_of(ReportedAmount{value[i], ProjectColumns::bound(m), ProjectColumns::estimated(m)});
                };
            };
        } else {
            return no_columns{};
        }
    }();
    return Key{"金额区间", "amount band", [field, thresholds, band_of](const Dataset&) {
                   auto code = [field, band_of](const R& r) -> BoundKey::Code {
                       const ReportedAmount* a = amount_of(r, field);
                       return a == nullptr ? BoundKey::none : band_of(*a);
                   };
                   BoundKey k{[thresholds](BoundKey::Code c, Language lang) {
                       const bool zh = lang == Language::chinese;
                       if (c == undetermined) return std::string(zh ? "无法确定" : "undetermined");
                       MoneyFormat f;
                       f.language = lang;
                       const auto i = static_cast<std::size_t>(c);
                       if (thresholds.empty()) return std::string(zh ? "全部" : "all");
                       if (i == 0) return (zh ? "不足" : "under ") + thresholds[0].format(f);
                       if (i == thresholds.size()) return zh ? thresholds[i - 1].format(f) + "以上" : thresholds[i - 1].format(f) + " and over";
                       return thresholds[i - 1].format(f) + (zh ? "至" : " to under ") + thresholds[i].format(f);
                   }};
                   return std::pair{code, k};
               }, columns};
}

/// Period buckets for by_period.
enum class Bucket { year, half_year, quarter, month };

/// Group by the period bucket holding the first event of stage `s` (the signing year, the
/// quarter work started ...). An event reported less precisely than the bucket (a year-only date
/// for quarters) falls in no bucket.
inline auto by_period(Stage s, Bucket bucket) {
    return Key{"期间", "period", [s, bucket](const Dataset&) {
                   auto code = [s, bucket](const Project& p) -> BoundKey::Code {
                       for (const StageEvent& e : p.stages) {
                           if (e.stage != s) continue;
                           const Date a = e.date.first();
                           const Date b = e.date.last();
                           const BoundKey::Code y = a.year();
                           const auto in = [&](int m1, int m2) { return a.month() >= m1 && b.month() <= m2 && b.year() == a.year(); };
                           switch (bucket) {
                           case Bucket::year: return b.year() == a.year() ? y * 100 : BoundKey::none;
                           case Bucket::half_year: return in(1, 6) ? y * 100 + 1 : in(7, 12) ? y * 100 + 2 : BoundKey::none;
                           case Bucket::quarter: {
                               const int q = (a.month() + 2) / 3;
                               return in(3 * q - 2, 3 * q) ? y * 100 + static_cast<BoundKey::Code>(q) : BoundKey::none;
                           }
                           case Bucket::month: return in(a.month(), a.month()) ? y * 100 + static_cast<BoundKey::Code>(a.month()) : BoundKey::none;
                           }
                       }
                       return BoundKey::none;
                   };
                   BoundKey k{[bucket](BoundKey::Code c, Language lang) {
                       const int y = static_cast<int>(c / 100);
                       const int n = static_cast<int>(c % 100);
                       switch (bucket) {
                       case Bucket::year: return Period::year(y).label(lang);
                       case Bucket::half_year: return Period::half_year(y, n).label(lang);
                       case Bucket::quarter: return Period::quarter(y, n).label(lang);
                       case Bucket::month: return Period::month(y, n).label(lang);
                       }
                       return std::to_string(c);
                   }};
                   return std::pair{code, k};
               }};
}

/// Group by the parent park (sub-parks under their zone; a zone under itself).
inline auto by_parent_park() {
    return detail::park_key("上级园区", "parent park",
                            [](const Dataset&, const Park& park) { return park.parent ? *park.parent : park.id; });
}

/// Group waste facilities by the first hazardous-waste category on their licence.
inline auto by_waste_category() {
    return Key{"危废类别", "waste category", [](const Dataset&) {
                   auto code = [](const WasteFacility& w) {
                       if (!w.licence || w.licence->categories.empty()) return BoundKey::none;
                       return static_cast<BoundKey::Code>(w.licence->categories.front().category.number());
                   };
                   BoundKey k{[](BoundKey::Code c, Language) { return HwCategory(static_cast<int>(c)).to_string(); }};
                   return std::pair{code, k};
               }};
}

/// Group by any function of the record returning text (the group label in both languages).
template <class Fn>
auto by(std::string name_zh, std::string name_en, Fn fn) {
    return Key{std::move(name_zh), std::move(name_en), [fn](const Dataset&) {
                   auto labels = std::make_shared<std::vector<std::string>>();
                   auto codes = std::make_shared<std::unordered_map<std::string, BoundKey::Code, parkinvest::detail::KeyedHash>>();
                   auto code = [fn, labels, codes](const auto& r) {
                       std::string label = fn(r);
                       const auto [it, fresh] = codes->emplace(std::move(label), static_cast<BoundKey::Code>(labels->size()));
                       if (fresh) labels->push_back(it->first);
                       return it->second;
                   };
                   BoundKey k{[labels](BoundKey::Code c, Language) { return (*labels)[static_cast<std::size_t>(c)]; }};
                   return std::pair{code, k};
               }};
}

/// Group loans by lender.
inline auto by_lender() {
    return Key{"贷款银行", "lender", [](const Dataset& ds) {
                   auto code = [](const Loan& l) { return l.lender.value(); };
                   BoundKey k{[&ds](BoundKey::Code c, Language lang) {
                       const Bank& b = ds.get(BankId{c});
                       return (lang == Language::chinese || !b.name.en ? b.name.zh : *b.name.en) + b.branch;
                   }};
                   return std::pair{code, k};
               }};
}

// ==================================================================== aggregates
//
// An aggregate is a small value with column names and bind(const Dataset&), which gives an
// object with: an accumulator type Acc, add(Acc&, const R&), merge(Acc&, const Acc&) (for the
// grand total over all groups) and cell(const Acc& group, const Acc& total).

/// Converting amounts of other currencies before summing: without it, mixing currencies in one
/// column is a QueryError.
struct Conversion {
    Currency target = Currency::CNY;
    std::vector<ExchangeRate> rates;  ///< from each other currency to target
    RoundingMode mode = RoundingMode::half_even;
    [[nodiscard]] Money apply(const Money& m) const;
};

namespace detail {
/// A running exact sum of amounts with the combined bound.
struct SumAcc {
    std::optional<Money> total;
    Bound bound = Bound::exact;
    std::int64_t n = 0;
    void add(const Money& value, Bound b) {
        if (total && total->currency() == value.currency()) [[likely]] {
            *total += value;  // the common case, small enough to inline in the scan
            bound = combine(bound, b);
            ++n;
        } else {
            add_general(value, b);
        }
    }
    /// The first amount, a bound, or another currency (QueryError). Out of line (query.cpp).
    void add_general(const Money& value, Bound b);
    void merge(const SumAcc& o) {
        if (o.total) add(*o.total, o.bound), n += o.n - 1;
    }
    [[nodiscard]] Cell cell() const { return total ? Cell{ReportedAmount{*total, bound, false}} : Cell{std::monostate{}}; }
    [[noreturn]] static void throw_mixed(const Money& a, const Money& b);
};

template <class R, class Field>
const ReportedAmount* amount(const R& r, Field R::*field) {
    return amount_of(r, field);
}
}  // namespace detail

/// Number of records in the group.
struct count {
    std::string name_zh = "数量";
    std::string name_en = "count";
    template <class R>
    auto bind(const Dataset&) const {
        struct B {
            using Acc = std::int64_t;
            void add(Acc& a, const R&) const { ++a; }
            void merge(Acc& a, const Acc& o) const { a += o; }
            Cell cell(const Acc& g, const Acc&) const { return g; }
        };
        return B{};
    }
};

/// The group's share of all matching records, by count.
struct share_of_count {
    std::string name_zh = "数量占比";
    std::string name_en = "share of count";
    template <class R>
    auto bind(const Dataset&) const {
        struct B {
            using Acc = std::int64_t;
            void add(Acc& a, const R&) const { ++a; }
            void merge(Acc& a, const Acc& o) const { a += o; }
            Cell cell(const Acc& g, const Acc& t) const { return t == 0 ? Cell{} : Cell{Percent::share(g, t)}; }
        };
        return B{};
    }
};

/// Number of distinct values of `fn(record)` (an integer, e.g. an enterprise id value).
template <class Fn>
struct distinct_count {
    Fn fn;
    std::string name_zh = "去重数量";
    std::string name_en = "distinct count";
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
            Cell cell(const Acc& g, const Acc&) const { return static_cast<std::int64_t>(g.size()); }
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
                std::optional<ReportedAmount> extreme;
            };
            void add(Acc& a, const R& r) const {
                if (const ReportedAmount* v = amount_of(r, field)) add_amount(a, v->value, v->bound, v->estimated);
            }
            void add_amount(Acc& a, const Money& value, Bound bound, bool estimated) const {
                const Money m = *conversion ? (*conversion)->apply(value) : value;
                if (kind == Kind::min || kind == Kind::max) {
                    if (a.extreme && a.extreme->value.currency() != m.currency()) detail::SumAcc::throw_mixed(a.extreme->value, m);
                    if (!a.extreme || (kind == Kind::min ? m < a.extreme->value : m > a.extreme->value))
                        a.extreme = ReportedAmount{m, bound, estimated};
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
                case Kind::sum: return g.sum.cell();
                case Kind::min:
                case Kind::max: return g.extreme ? Cell{*g.extreme} : Cell{};
                case Kind::average:
                    if (!g.sum.total) return {};
                    return ReportedAmount{g.sum.total->div(g.sum.n, mode), g.sum.bound, false};
                case Kind::share:
                    if (!g.sum.total || !t.sum.total || t.sum.total->is_zero()) return {};
                    return Percent::share(*g.sum.total, *t.sum.total);
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
            bool plain_sum;  ///< a sum without conversion: the common case, kept inline
            void add(typename Base::Acc& a, std::size_t i) const {
                const std::uint8_t m = meta[i];
                if (!ProjectColumns::present(m)) return;
                if (plain_sum) a.sum.add(value[i], ProjectColumns::bound(m));
                else base.add_amount(a, value[i], ProjectColumns::bound(m), ProjectColumns::estimated(m));
            }
        };
        const std::size_t k = ProjectColumns::amount_index(field);
        const bool plain_sum = !conversion && kind != Kind::min && kind != Kind::max;
        return C{bind<Rec>(ds), c.amount(k).data(), c.amount_meta(k).data(), plain_sum};
    }
};

template <class R, class Field>
AmountAggregate<R, Field> sum(Field R::*field) {
    return {field, AmountAggregate<R, Field>::Kind::sum, "金额合计", "sum", RoundingMode::half_up, std::nullopt};
}
/// The group's share of the column's total over all groups, as an exact Percent.
template <class R, class Field>
AmountAggregate<R, Field> share(Field R::*field) {
    return {field, AmountAggregate<R, Field>::Kind::share, "金额占比", "share", RoundingMode::half_up, std::nullopt};
}
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
    explicit outstanding_as_of(Date d) : day(d) {}
    template <class R>
    auto bind(const Dataset&) const {
        static_assert(std::is_same_v<R, Loan>, "outstanding_as_of aggregates loans");
        struct B {
            Date day;
            using Acc = detail::SumAcc;
            void add(Acc& a, const Loan& l) const {
                if (const auto m = l.outstanding_as_of(day)) a.add(*m, Bound::exact);
            }
            void merge(Acc&, const Acc&) const {}  // no total needed
            Cell cell(const Acc& g, const Acc&) const { return g.cell(); }
        };
        return B{day};
    }
};

/// Funnel conversion (开工率 ...): the share of the group's projects that had reached `stage` by
/// the end of `day`.
struct funnel {
    Stage stage;
    Date day;
    std::string name_zh = "转化率";
    std::string name_en = "conversion";
    funnel(Stage s, Date d) : stage(s), day(d) {}
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
            Cell cell(const Acc& g, const Acc&) const { return g.n == 0 ? Cell{} : Cell{Percent::share(g.reached, g.n)}; }
        };
        return B{stage, day};
    }
};

/// Year-on-year growth (同比) of an amount field over projects whose `stage` event lies in
/// `current`, against those whose event lies in the same period a year earlier.
template <class Field>
struct growth {
    Field Project::*field;
    Stage stage;
    Period current;
    std::string name_zh = "同比增长";
    std::string name_en = "year on year";
    growth(Field Project::*f, Stage s, Period p) : field(f), stage(s), current(p) {}
    template <class R>
    auto bind(const Dataset&) const {
        static_assert(std::is_same_v<R, Project>, "growth aggregates projects");
        struct B {
            Field Project::*field;
            Stage stage;
            Period current;
            Period previous;
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
                if (in(p, current)) a.now.add(v->value, v->bound);
                else if (in(p, previous)) a.before.add(v->value, v->bound);
            }
            void merge(Acc&, const Acc&) const {}  // no total needed
            Cell cell(const Acc& g, const Acc&) const {
                if (!g.now.total || !g.before.total || g.before.total->is_zero()) return {};
                return Percent::growth(*g.now.total, *g.before.total);
            }
        };
        return B{field, stage, current, current.previous_year()};
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

// ==================================================================== the query

namespace detail {
template <std::size_t K>
struct CodeHash {
    /// Keyed: codes are ids and values from the data (see core/hash.hpp).
    std::size_t operator()(const std::array<std::uint64_t, K>& a) const noexcept {
        parkinvest::detail::SipHash<1, 3> h(key);
        for (const std::uint64_t v : a) h.compress(v);
        h.compress(std::uint64_t{K * 8 % 256} << 56);
        return static_cast<std::size_t>(h.finish());
    }
    parkinvest::detail::HashKey key = parkinvest::detail::process_hash_key();
};
}  // namespace detail

template <class R, class F, class... Keys>
class Query;

/// Starts a query over a range of records of `ds` (ds.projects(), ds.loans() ...).
template <class R>
auto from(const Dataset& ds, std::span<const R> records) {
    Filter all{[](const Dataset&) { return [](const R&) { return true; }; },
               [](const Dataset&, const ProjectColumns&) { return [](std::size_t) { return true; }; }};
    return Query<R, decltype(all)>(ds, records, all, std::tuple<>{});
}

namespace detail {
/// The column form of a filter, key or aggregate over ds.projects(): its own when it has one,
/// else its record form applied to the row's record.
template <class Bind, class Cols>
auto row_predicate(const Filter<Bind, Cols>& f, const Dataset& ds, const ProjectColumns& c) {
    if constexpr (has_columns<Cols>) return f.columns(ds, c);
    else return [p = f.bind(ds), rows = ds.projects().data()](std::size_t i) { return p(rows[i]); };
}
template <class Bind, class Cols, class Bound>
auto row_code(const Key<Bind, Cols>& k, const Bound& bound, const Dataset& ds, const ProjectColumns& c) {
    if constexpr (has_columns<Cols>) return k.columns(ds, c);
    else return [&code = bound.first, rows = ds.projects().data()](std::size_t i) { return code(rows[i]); };
}
template <class Agg, class Bound>
auto row_adder(const Agg& a, const Bound& bound, const Dataset& ds, const ProjectColumns& c) {
    if constexpr (requires { a.template bind_columns<Project>(ds, c); }) {
        return a.template bind_columns<Project>(ds, c);
    } else {
        struct Adder {
            const Bound* bound;
            const Project* rows;
            void add(typename Bound::Acc& acc, std::size_t i) const { bound->add(acc, rows[i]); }
        };
        return Adder{&bound, ds.projects().data()};
    }
}
}  // namespace detail

template <class R, class F, class... Keys>
class Query {
public:
    Query(const Dataset& ds, std::span<const R> records, F filter, std::tuple<Keys...> keys)
        : ds_(ds), records_(records), filter_(std::move(filter)), keys_(std::move(keys)) {}

    /// Keeps the records matching `f` (and any earlier where()).
    template <class Bind, class Cols>
    auto where(const Filter<Bind, Cols>& f) const {
        auto combined = filter_ && f;
        return Query<R, decltype(combined), Keys...>(ds_, records_, combined, keys_);
    }

    /// Groups by the given keys (in order); without group_by there is one row for everything.
    template <class... NewKeys>
    auto group_by(NewKeys... keys) const {
        return Query<R, F, NewKeys...>(ds_, records_, filter_, std::tuple<NewKeys...>(keys...));
    }

    /// Runs the query: one row per group in key order, the aggregates as columns. Throws
    /// QueryError when an amount column mixes currencies without a Conversion.
    template <class... Aggs>
    [[nodiscard]] Table aggregate(Aggs... aggs) const {
        static_assert(sizeof...(Aggs) > 0, "aggregate() needs at least one aggregate (count(), sum(...) ...)");
        constexpr std::size_t K = sizeof...(Keys);
        using Code = std::array<BoundKey::Code, K>;
        auto keys = std::apply([&](const auto&... k) { return std::make_tuple(k.bind(ds_)...); }, keys_);
        auto bound = std::make_tuple(aggs.template bind<R>(ds_)...);
        using AccTuple = std::tuple<typename decltype(aggs.template bind<R>(ds_))::Acc...>;

        std::vector<Code> codes;
        std::vector<AccTuple> accs;
        std::unordered_map<Code, std::uint32_t, detail::CodeHash<K>> slots;
        std::vector<std::int32_t> dense;  // one key with small codes: a direct table
        const auto slot_of = [&](const Code& code) -> std::uint32_t {
            if constexpr (K == 1) {
                constexpr BoundKey::Code dense_limit = 1 << 16;
                if (code[0] < dense_limit) {
                    const auto i = static_cast<std::size_t>(code[0]);
                    if (i >= dense.size()) dense.resize(std::max<std::size_t>(i + 1, dense.size() * 2), -1);
                    if (dense[i] < 0) {
                        dense[i] = static_cast<std::int32_t>(codes.size());
                        codes.push_back(code);
                        accs.emplace_back();
                    }
                    return static_cast<std::uint32_t>(dense[i]);
                }
            }
            const auto [it, fresh] = slots.emplace(code, static_cast<std::uint32_t>(codes.size()));
            if (fresh) {
                codes.push_back(code);
                accs.emplace_back();
            }
            return it->second;
        };

        // One scan: `at(i)` is what the predicate, the code functions and the adders take.
        const auto scan = [&](const auto& pred, const auto& code_fns, const auto& adders, const auto& at) {
            const std::size_t n = records_.size();
            for (std::size_t i = 0; i < n; ++i) {
                const auto& x = at(i);
                if (!pred(x)) continue;
                Code code{};
                std::apply([&](const auto&... fn) {
                    std::size_t k = 0;
                    ((code[k++] = fn(x)), ...);
                }, code_fns);
                std::uint32_t slot;
                if constexpr (K == 1) {  // the direct table's hit, inline; a new group or a big code: slot_of
                    const BoundKey::Code c0 = code[0];  // compared in 64 bits: size_t may be narrower
                    slot = c0 < dense.size() && dense[static_cast<std::size_t>(c0)] >= 0
                               ? static_cast<std::uint32_t>(dense[static_cast<std::size_t>(c0)])
                               : slot_of(code);
                } else {
                    slot = slot_of(code);
                }
                add_all(adders, accs[slot], x, std::index_sequence_for<Aggs...>{});
            }
        };
        const auto all_projects = [&] {
            if constexpr (std::is_same_v<R, Project>)
                return records_.data() == ds_.projects().data() && records_.size() == ds_.projects().size();
            else return false;
        }();
        if (all_projects) {
            if constexpr (std::is_same_v<R, Project>) {
                const ProjectColumns& c = ds_.project_columns();
                const auto pred = detail::row_predicate(filter_, ds_, c);
                const auto code_fns = column_codes(keys, c, std::index_sequence_for<Keys...>{});
                const auto adders = column_adders(bound, c, std::index_sequence_for<Aggs...>{}, aggs...);
                scan(pred, code_fns, adders, [](std::size_t i) { return i; });
            }
        } else {
            const auto pred = filter_.bind(ds_);
            const auto code_fns = std::apply([](const auto&... k) { return std::make_tuple(k.first...); }, keys);
            scan(pred, code_fns, bound, [&](std::size_t i) -> const R& { return records_[i]; });
        }

        if constexpr (K == 0) {
            if (accs.empty()) slot_of(Code{});  // without group_by there is always one row
        }
        AccTuple total{};
        for (const AccTuple& a : accs) merge_all(bound, total, a, std::index_sequence_for<Aggs...>{});

        std::vector<std::uint32_t> order(codes.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return codes[a] < codes[b]; });

        std::vector<Column> columns;
        std::apply([&](const auto&... k) { (columns.push_back(Column{k.name_zh, k.name_en, true}), ...); }, keys_);
        (columns.push_back(Column{aggs.name_zh, aggs.name_en, false}), ...);
        std::vector<std::vector<Cell>> rows;
        rows.reserve(order.size());
        for (const std::uint32_t g : order) {
            std::vector<Cell> row;
            row.reserve(columns.size());
            // emplace_back in place: a Cell temporary from a ?: gives gcc 12 -O3 a false
            // -Wmaybe-uninitialized in <variant>.
            const auto push_label = [&](const auto& key, BoundKey::Code code) {
                if (code == BoundKey::none) row.emplace_back(std::in_place_type<Label>, Label{"(无)", "(none)"});
                else
                    row.emplace_back(std::in_place_type<Label>, Label{key.second.label(code, Language::chinese),
                                                                      key.second.label(code, Language::english)});
            };
            std::apply([&](const auto&... k) {
                std::size_t i = 0;
                (push_label(k, codes[g][i++]), ...);
            }, keys);
            cells_all(bound, accs[g], total, row, std::index_sequence_for<Aggs...>{});
            rows.push_back(std::move(row));
        }
        return Table(std::move(columns), std::move(rows));
    }

private:
    template <class BoundKeys, std::size_t... I>
    auto column_codes(const BoundKeys& keys, const ProjectColumns& c, std::index_sequence<I...>) const {
        return std::make_tuple(detail::row_code(std::get<I>(keys_), std::get<I>(keys), ds_, c)...);
    }
    template <class BoundAggs, std::size_t... I, class... Aggs>
    auto column_adders(const BoundAggs& bound, const ProjectColumns& c, std::index_sequence<I...>, const Aggs&... aggs) const {
        return std::make_tuple(detail::row_adder(aggs, std::get<I>(bound), ds_, c)...);
    }
    template <class Adders, class Acc, class X, std::size_t... I>
    static void add_all(const Adders& b, Acc& acc, const X& x, std::index_sequence<I...>) {
        (std::get<I>(b).add(std::get<I>(acc), x), ...);
    }
    template <class Bound, class Acc, std::size_t... I>
    static void merge_all(const Bound& b, Acc& into, const Acc& from, std::index_sequence<I...>) {
        (std::get<I>(b).merge(std::get<I>(into), std::get<I>(from)), ...);
    }
    template <class Bound, class Acc, std::size_t... I>
    static void cells_all(const Bound& b, const Acc& g, const Acc& total, std::vector<Cell>& row, std::index_sequence<I...>) {
        (row.push_back(std::get<I>(b).cell(std::get<I>(g), std::get<I>(total))), ...);
    }

    const Dataset& ds_;
    std::span<const R> records_;
    F filter_;
    std::tuple<Keys...> keys_;
};

// ==================================================================== reconciliation

/// Reported totals against the itemized records behind them: for every ReportedStatistic of
/// signed projects / contract investment / projects started / bank loans issued, the itemized
/// count and sum in the same park (with sub-parks) and period, the coverage, and a conflict flag
/// when the itemized figure exceeds an exact (or upper-bound) reported total.
[[nodiscard]] Table reconcile(const Dataset& ds);

}  // namespace parkinvest::query
