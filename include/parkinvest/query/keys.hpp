// SPDX-License-Identifier: MIT
// Group keys: a code per record (groups sort by code) and a label per code, bound to the
// Dataset when the query runs; most park and amount keys have a column form.
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/hash.hpp>
#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/access.hpp>
#include <parkinvest/query/filters.hpp>  // no_columns, detail::at_least_decided
#include <parkinvest/query/table.hpp>    // Label

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace parkinvest::query {

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
/// For every record of `records` (parks or industries, linked by `parent`): its ancestor `level`
/// levels below its root (the root for level 0), or the record itself when it is no deeper than
/// `level`. A chain is walked only up to the first record already resolved, so the work is one
/// step per parent link, linear in the records at any depth the Dataset accepts; `steps`, when
/// given, counts the parent links followed. Throws QueryError on a cycle.
template <class Record>
auto ancestors_at(const Dataset& ds, std::span<const Record> records, std::size_t level, std::size_t* steps = nullptr) {
    using IdT = std::remove_cvref_t<decltype(Record::id)>;
    struct Resolved {
        std::size_t depth;
        IdT ancestor;
    };
    std::unordered_map<IdT, Resolved> done;
    done.reserve(records.size());
    std::vector<IdT> path;  // from a record up to (not including) the first resolved one or a root
    for (const Record& r : records) {
        path.clear();
        std::optional<Resolved> above;
        for (IdT x = r.id;;) {
            if (const auto it = done.find(x); it != done.end()) {
                above = it->second;
                break;
            }
            path.push_back(x);
            if (path.size() > records.size()) throw QueryError("parkinvest: the parent links above " + r.id.to_string() + " form a cycle");
            const auto& parent = ds.get(x).parent;
            if (!parent) break;
            if (steps != nullptr) ++*steps;
            x = *parent;
        }
        for (auto it = path.rbegin(); it != path.rend(); ++it) {  // from the top down
            const std::size_t depth = above ? above->depth + 1 : 0;
            above = Resolved{depth, depth <= level ? *it : above->ancestor};
            done.emplace(*it, *above);
        }
    }
    std::unordered_map<IdT, IdT> out;
    out.reserve(done.size());
    for (const auto& [id, resolved] : done) out.emplace(id, resolved.ancestor);
    return out;
}

/// Labels of park codes.
inline BoundKey park_labels(const Dataset& ds) {
    return BoundKey{[&ds](BoundKey::Code c, Language lang) {
        const Park& p = ds.get(ParkId{c});
        return lang == Language::chinese || !p.name.en ? p.name.zh : *p.name.en;
    }};
}
/// A key that maps each record's park to a group park, computed once per park: `to(ds)` gives
/// the function park → group park. The column form looks the group up in a table by park id
/// (dense when the ids are small).
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
        const auto group = to(ds);
        for (const Park& p : ds.parks()) {
            const BoundKey::Code c = group(p).value();
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

/// Group by the top-level park: sub-parks, at any depth, count under the zone they belong to.
inline auto by_zone() {
    return detail::park_key("园区(含下属园区)", "zone", [](const Dataset& ds) {
        return [zones = detail::ancestors_at(ds, ds.parks(), 0)](const Park& park) { return zones.at(park.id); };
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
                   auto ancestor = std::make_shared<const std::unordered_map<IndustryId, IndustryId>>(
                       detail::ancestors_at(ds, ds.industries(), static_cast<std::size_t>(std::max(0, depth))));
                   auto code = [ancestor](const auto& r) {
                       if (r.industries.empty()) return BoundKey::none;
                       const auto it = ancestor->find(r.industries.front());
                       return it == ancestor->end() ? BoundKey::none : it->second.value();
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
            if (detail::at_least_decided(a, t)) ++band;
            else if (detail::below_decided(a, t)) break;
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
    return detail::park_key("上级园区", "parent park", [](const Dataset&) {
        return [](const Park& park) { return park.parent ? *park.parent : park.id; };
    });
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

/// Group by any function of the record: it returns the group's label, either text (the same in
/// both languages: a code, a number) or a Label {zh, en} for a table in either language. Groups
/// are the distinct labels (both languages, for a Label), in the order of their first record.
///   by("品种", "instrument", [](const Loan& l) {
///       return Label{std::string(label(l.instrument, Language::chinese)),
///                    std::string(label(l.instrument, Language::english))};
///   })
template <class Fn>
auto by(std::string name_zh, std::string name_en, Fn fn) {
    return Key{std::move(name_zh), std::move(name_en), [fn](const Dataset&) {
                   auto labels = std::make_shared<std::vector<Label>>();
                   auto codes = std::make_shared<std::unordered_map<std::string, BoundKey::Code, parkinvest::detail::KeyedHash>>();
                   auto code = [fn, labels, codes](const auto& r) {
                       using Result = std::remove_cvref_t<decltype(fn(r))>;
                       static_assert(std::is_convertible_v<Result, std::string> || std::is_same_v<Result, Label>,
                                     "by(): the function returns the group's label: text, or a Label {zh, en}");
                       Label label;
                       std::string key;
                       if constexpr (std::is_same_v<Result, Label>) {
                           label = fn(r);
                           // Both languages identify the group: the Chinese label's length first,
                           // so that no two pairs give one key.
                           key = std::to_string(label.zh.size()) + ':' + label.zh + label.en;
                       } else {
                           label.zh = std::string(fn(r));
                           label.en = label.zh;
                           key = label.zh;
                       }
                       const auto [it, fresh] = codes->emplace(std::move(key), static_cast<BoundKey::Code>(labels->size()));
                       if (fresh) labels->push_back(std::move(label));
                       return it->second;
                   };
                   BoundKey k{[labels](BoundKey::Code c, Language lang) {
                       const Label& l = (*labels)[static_cast<std::size_t>(c)];
                       return lang == Language::english ? l.en : l.zh;
                   }};
                   return std::pair{code, k};
               }};
}

/// Group loans by lender.
inline auto by_lender() {
    return Key{"贷款银行", "lender", [](const Dataset& ds) {
                   auto code = [](const Loan& l) { return l.lender.value(); };
                   BoundKey k{[&ds](BoundKey::Code c, Language lang) {
                       return label(ds.get(BankId{c}), lang);
                   }};
                   return std::pair{code, k};
               }};
}

}  // namespace parkinvest::query
