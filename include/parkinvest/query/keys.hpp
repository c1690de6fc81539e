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

/// Period buckets for by_period.
enum class Bucket { year, half_year, quarter, month };

namespace detail {
/// For every record of `records` (parks or industries, linked by `parent`): its ancestor `level`
/// levels below its root (the root for level 0), or the record itself when it is no deeper than
/// `level`. A chain is walked only up to the first record already resolved, so the work is one
/// step per parent link, linear in the records at any depth the Dataset accepts; `steps`, when
/// given, counts the parent links followed. Throws QueryError on a cycle.
std::unordered_map<ParkId, ParkId> ancestors_at(const Dataset& ds, std::span<const Park> records, std::size_t level,
                                                std::size_t* steps = nullptr);
std::unordered_map<IndustryId, IndustryId> ancestors_at(const Dataset& ds, std::span<const Industry> records,
                                                        std::size_t level, std::size_t* steps = nullptr);

/// The group code of each id of one entity type (a park's zone, an industry's ancestor), built
/// once when a query binds its key: a table indexed by the id when the ids are dense, else a
/// hash map (ids come from files). Unknown ids give BoundKey::none.
class CodeMap {
public:
    /// `codes`: (id value, code) pairs with distinct ids.
    explicit CodeMap(const std::vector<std::pair<std::uint64_t, BoundKey::Code>>& codes);
    [[nodiscard]] BoundKey::Code operator()(std::uint64_t id) const {
        return id < dense_.size() ? dense_[static_cast<std::size_t>(id)] : sparse(id);
    }

private:
    [[nodiscard]] BoundKey::Code sparse(std::uint64_t id) const;
    std::vector<BoundKey::Code> dense_;
    parkinvest::detail::IdMap<ParkId, BoundKey::Code> sparse_;  // ParkId: only its value is used
};

/// Park id → its zone (the top-level park), and park id → its parent park (a zone: itself).
std::shared_ptr<const CodeMap> zone_codes(const Dataset& ds);
std::shared_ptr<const CodeMap> parent_park_codes(const Dataset& ds);
/// Industry id → its ancestor `depth` levels below the scheme's roots.
std::shared_ptr<const CodeMap> industry_codes(const Dataset& ds, std::size_t depth);

/// Labels of the codes of each key: parks, industries, stages, amount bands, periods, waste
/// categories, lenders.
BoundKey park_labels(const Dataset& ds);
BoundKey industry_labels(const Dataset& ds);
BoundKey stage_labels();
BoundKey amount_band_labels(std::vector<Money> thresholds, BoundKey::Code undetermined);
BoundKey period_labels(Bucket bucket);
BoundKey waste_category_labels();
BoundKey lender_labels(const Dataset& ds);

/// by_period's code of a project: the bucket of its first event of stage `s`, or none.
BoundKey::Code period_code(const Project& p, Stage s, Bucket bucket);

/// by()'s groups: a code per distinct label, in the order of first appearance.
class LabelCodes {
public:
    LabelCodes();
    LabelCodes(const LabelCodes&) = delete;
    LabelCodes& operator=(const LabelCodes&) = delete;
    ~LabelCodes();
    /// The code of a label in both languages (both identify the group), or of a text that is
    /// the label in both.
    BoundKey::Code code(Label label);
    BoundKey::Code code(std::string text);
    /// The labels of the codes handed out, through `self` (this object, kept alive by the key).
    static BoundKey labels(const std::shared_ptr<const LabelCodes>& self);

private:
    struct Codes;
    std::vector<Label> labels_;
    std::unique_ptr<Codes> codes_;
};

/// A key that maps each record's park to a group park with `codes(ds)`, computed once per
/// query; the column form looks the group up by each row's park id.
inline auto park_key(std::string zh, std::string en, std::shared_ptr<const CodeMap> (*codes)(const Dataset&)) {
    return Key{std::move(zh), std::move(en),
               [codes](const Dataset& ds) {
                   auto code = [&ds, m = codes(ds)](const auto& r) {
                       const auto p = park_of(ds, r);
                       return p ? (*m)(p->value()) : BoundKey::none;
                   };
                   return std::pair{code, park_labels(ds)};
               },
               [codes](const Dataset& ds, const ProjectColumns& c) {
                   return [m = codes(ds), park = c.park().data()](std::size_t i) { return (*m)(park[i]); };
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
inline auto by_zone() { return detail::park_key("园区(含下属园区)", "zone", &detail::zone_codes); }

/// Group by the stage as of the end of `d` (projects with no stage yet: "(无)" / "(none)").
inline auto by_stage(Date d) {
    return Key{"阶段", "stage", [d](const Dataset&) {
                   auto code = [d](const Project& p) {
                       const auto s = p.stage_as_of(d);
                       return s ? static_cast<BoundKey::Code>(*s) : BoundKey::none;
                   };
                   return std::pair{code, detail::stage_labels()};
               }};
}

/// Group by the first (primary) industry, walked up to `depth` levels below the scheme's roots
/// (0 = the top level, e.g. GB/T 4754 门类).
inline auto by_industry(int depth = 0) {
    return Key{"产业", "industry", [depth](const Dataset& ds) {
                   // Each industry's ancestor at `depth`, computed once: one lookup per record.
                   auto code = [ancestor = detail::industry_codes(ds, static_cast<std::size_t>(std::max(0, depth)))](const auto& r) {
                       return r.industries.empty() ? BoundKey::none : (*ancestor)(r.industries.front().value());
                   };
                   return std::pair{code, detail::industry_labels(ds)};
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
                   return std::pair{code, detail::amount_band_labels(thresholds, undetermined)};
               }, columns};
}

/// Group by the period bucket holding the first event of stage `s` (the signing year, the
/// quarter work started ...). An event reported less precisely than the bucket (a year-only date
/// for quarters) falls in no bucket.
inline auto by_period(Stage s, Bucket bucket) {
    return Key{"期间", "period", [s, bucket](const Dataset&) {
                   auto code = [s, bucket](const Project& p) { return detail::period_code(p, s, bucket); };
                   return std::pair{code, detail::period_labels(bucket)};
               }};
}

/// Group by the parent park (sub-parks under their zone; a zone under itself).
inline auto by_parent_park() { return detail::park_key("上级园区", "parent park", &detail::parent_park_codes); }

/// Group waste facilities by the first hazardous-waste category on their licence.
inline auto by_waste_category() {
    return Key{"危废类别", "waste category", [](const Dataset&) {
                   auto code = [](const WasteFacility& w) {
                       if (!w.licence || w.licence->categories.empty()) return BoundKey::none;
                       return static_cast<BoundKey::Code>(w.licence->categories.front().category.number());
                   };
                   return std::pair{code, detail::waste_category_labels()};
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
                   auto groups = std::make_shared<detail::LabelCodes>();
                   auto code = [fn, groups](const auto& r) {
                       using Result = std::remove_cvref_t<decltype(fn(r))>;
                       static_assert(std::is_convertible_v<Result, std::string> || std::is_same_v<Result, Label>,
                                     "by(): the function returns the group's label: text, or a Label {zh, en}");
                       if constexpr (std::is_same_v<Result, Label>) return groups->code(fn(r));
                       else return groups->code(std::string(fn(r)));
                   };
                   return std::pair{code, groups->labels(groups)};
               }};
}

/// Group loans by lender.
inline auto by_lender() {
    return Key{"贷款银行", "lender", [](const Dataset& ds) {
                   auto code = [](const Loan& l) { return l.lender.value(); };
                   return std::pair{code, detail::lender_labels(ds)};
               }};
}

}  // namespace parkinvest::query
