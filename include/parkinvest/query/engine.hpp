// SPDX-License-Identifier: MIT
// The query: from(ds, records).where(filter).group_by(keys...).aggregate(aggregates...), one
// scan over the records, or over the rows of ds.project_columns() for projects of ds: all of
// ds.projects(), any part of it (ds.projects().subspan(k, n), first(n) ...) and any list of
// project ids (from(ds, ids), e.g. ds.projects_in(park)).
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/hash.hpp>
#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/aggregates.hpp>
#include <parkinvest/query/filters.hpp>
#include <parkinvest/query/keys.hpp>
#include <parkinvest/query/table.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace parkinvest::query {

namespace detail {
/// The hash of a group's K key codes (the slot map of Query::aggregate).
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

namespace detail {
/// Query::aggregate's direct slot table (one key with small codes): grows it to hold index `i`,
/// new slots -1.
void grow_slot_table(std::vector<std::int32_t>& table, std::size_t i);

/// Adds a key's label of `code` to the table's current row: both languages, "(无)" / "(none)"
/// for BoundKey::none.
void add_key_label(TableBuilder& table, const BoundKey& key, BoundKey::Code code);
}  // namespace detail

namespace detail {
template <class T>
inline constexpr bool is_id = false;
template <class Tag>
inline constexpr bool is_id<Id<Tag>> = true;

/// All records of `ds` of the type that ids of IdT name, and that type's name for messages.
template <class IdT>
auto records_named(const Dataset& ds) {
    if constexpr (std::is_same_v<IdT, ProjectId>) return ds.projects();
    else if constexpr (std::is_same_v<IdT, LoanId>) return ds.loans();
    else if constexpr (std::is_same_v<IdT, WasteFacilityId>) return ds.waste_facilities();
    else if constexpr (std::is_same_v<IdT, EnterpriseId>) return ds.enterprises();
    else if constexpr (std::is_same_v<IdT, ParkId>) return ds.parks();
    else static_assert(sizeof(IdT) == 0, "from(ds, ids) takes ids of projects, loans, waste facilities, enterprises or parks");
}
template <class IdT>
constexpr const char* entity_named() {
    if constexpr (std::is_same_v<IdT, ProjectId>) return "project";
    else if constexpr (std::is_same_v<IdT, LoanId>) return "loan";
    else if constexpr (std::is_same_v<IdT, WasteFacilityId>) return "waste facility";
    else if constexpr (std::is_same_v<IdT, EnterpriseId>) return "enterprise";
    else return "park";
}

/// from(ds, ids)'s errors: an id the dataset does not have; an id listed twice.
[[noreturn]] void throw_unknown_id(const char* entity, std::uint64_t id);
[[noreturn]] void throw_listed_twice(const char* entity, std::uint64_t id);
/// A row that `rows` (each < `all`) holds twice, if any: a bitmap of the `all` rows when the
/// list is at least 1/32 of them (then at most 4 bytes per id), else the sorted rows.
[[nodiscard]] std::optional<std::uint32_t> repeated_row(const std::vector<std::uint32_t>& rows, std::size_t all);

/// The rows of `ds`'s records that `ids` name, in their order. Throws QueryError for an id the
/// dataset does not have and for an id given twice (it would count twice). O(n log n) for n ids
/// at most, whatever the size of the dataset.
template <class IdT>
std::vector<std::uint32_t> rows_of(const Dataset& ds, std::span<const IdT> ids) {
    const auto all = records_named<IdT>(ds);
    std::vector<std::uint32_t> rows;
    rows.reserve(ids.size());
    for (const IdT id : ids) {
        const auto* r = ds.find(id);
        if (r == nullptr) throw_unknown_id(entity_named<IdT>(), id.value());
        rows.push_back(static_cast<std::uint32_t>(r - all.data()));
    }
    if (const auto twice = repeated_row(rows, all.size())) throw_listed_twice(entity_named<IdT>(), all[*twice].id.value());
    return rows;
}
}  // namespace detail

/// Starts a query over a range of records of `ds` (ds.projects(), ds.loans() ...). A range of
/// projects that is part of ds.projects() (the whole, or subspan, first, last of it) is scanned
/// as ds.project_columns(); a range elsewhere (records the caller copied) is scanned record by
/// record, with the same results.
template <class R>
    requires(!detail::is_id<R>)
auto from(const Dataset& ds, std::span<const R> records) {
    auto all = detail::pass_all<R>();
    return Query<R, decltype(all)>(ds, records, std::move(all), std::tuple<>{});
}

/// Starts a query over the records of `ds` that `ids` name (ds.projects_in(park), the ids a
/// caller selected): projects are scanned as ds.project_columns() rows. Throws QueryError for an
/// id the dataset does not have or an id given twice. The ids are looked up here, once (O(n log
/// n) with the repeat check): like a span of records, the query must run before `ds` changes.
template <class IdT>
    requires detail::is_id<IdT>
auto from(const Dataset& ds, std::span<const IdT> ids) {
    const auto all = detail::records_named<IdT>(ds);
    using R = std::remove_const_t<typename decltype(all)::element_type>;
    auto rows = std::make_shared<const std::vector<std::uint32_t>>(detail::rows_of(ds, ids));
    auto none = detail::pass_all<R>();
    return Query<R, decltype(none)>(ds, all, std::move(none), std::tuple<>{}, std::move(rows));
}
/// The same for a vector of ids.
template <class IdT>
    requires detail::is_id<IdT>
auto from(const Dataset& ds, const std::vector<IdT>& ids) {
    return from(ds, std::span<const IdT>(ids));
}


namespace detail {
/// The column form of a filter, key or aggregate over ds.projects(): its own when it has one,
/// else its record form applied to the row's record.
template <class Bind, class Cols>
auto row_predicate(const Filter<Bind, Cols>& f, const Dataset& ds, const ProjectColumns& c) {
    if constexpr (has_columns<Cols>) return f.columns(ds, c);
    else return [p = f.bind(ds), rows = records_of_rows(ds, c, "a filter")](std::size_t i) { return p(rows[i]); };
}
template <class Bind, class Cols, class Binding>
auto row_code(const Key<Bind, Cols>& k, const Binding& bound, const Dataset& ds, const ProjectColumns& c) {
    if constexpr (has_columns<Cols>) return k.columns(ds, c);
    else return [&code = bound.first, rows = records_of_rows(ds, c, "a group_by key")](std::size_t i) { return code(rows[i]); };
}
template <class Agg, class Binding>
auto row_adder(const Agg& a, const Binding& bound, const Dataset& ds, const ProjectColumns& c) {
    if constexpr (requires { a.template bind_columns<Project>(ds, c); }) {
        return a.template bind_columns<Project>(ds, c);
    } else {
        struct Adder {
            const Binding* bound;
            const Project* rows;
            void add(typename Binding::Acc& acc, std::size_t i) const { bound->add(acc, rows[i]); }
        };
        return Adder{&bound, records_of_rows(ds, c, "an aggregate")};
    }
}
}  // namespace detail

template <class R, class F, class... Keys>
class Query {
public:
    /// `rows`, when given: the positions in `records` to scan, in order (from(ds, ids)).
    /// `columns`, when given: project rows to scan without records (from(others, columns)).
    Query(const Dataset& ds, std::span<const R> records, F filter, std::tuple<Keys...> keys,
          std::shared_ptr<const std::vector<std::uint32_t>> rows = nullptr, const ProjectColumns* columns = nullptr)
        : ds_(ds), records_(records), filter_(std::move(filter)), keys_(std::move(keys)), rows_(std::move(rows)),
          columns_(columns) {}

    /// Keeps the records matching `f` (and any earlier where()).
    template <class Bind, class Cols>
    auto where(const Filter<Bind, Cols>& f) const {
        auto combined = filter_ && f;
        return Query<R, decltype(combined), Keys...>(ds_, records_, combined, keys_, rows_, columns_);
    }

    /// Groups by the given keys (in order); without group_by there is one row for everything.
    template <class... NewKeys>
    auto group_by(NewKeys... keys) const {
        return Query<R, F, NewKeys...>(ds_, records_, filter_, std::tuple<NewKeys...>(keys...), rows_, columns_);
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
                    if (i >= dense.size()) detail::grow_slot_table(dense, i);
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

        // One scan of n rows: `at(i)` is what the predicate, the code functions and the adders take.
        const auto scan = [&](const auto& pred, const auto& code_fns, const auto& adders, std::size_t n, const auto& at) {
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
        // Projects of ds are scanned as column rows: the first row of records_ within
        // ds.projects() (records_ is all of it when rows_ selects), or none for records elsewhere.
        const std::optional<std::size_t> first_row = [&]() -> std::optional<std::size_t> {
            if (columns_ != nullptr) return 0;
            if constexpr (std::is_same_v<R, Project>) {
                const std::span<const Project> all = ds_.projects();
                const std::less<const Project*> before;  // a total order, also across arrays
                if (!before(records_.data(), all.data()) && !before(all.data() + all.size(), records_.data() + records_.size()))
                    return static_cast<std::size_t>(records_.data() - all.data());
            }
            return std::nullopt;
        }();
        const std::uint32_t* selected = rows_ ? rows_->data() : nullptr;
        const std::size_t n = columns_ != nullptr ? columns_->size() : rows_ ? rows_->size() : records_.size();
        if (first_row) {
            if constexpr (std::is_same_v<R, Project>) {
                const ProjectColumns& c = columns_ != nullptr ? *columns_ : ds_.project_columns();
                const auto pred = detail::row_predicate(filter_, ds_, c);
                const auto code_fns = column_codes(keys, c, std::index_sequence_for<Keys...>{});
                const auto adders = column_adders(bound, c, std::index_sequence_for<Aggs...>{}, aggs...);
                if (selected) scan(pred, code_fns, adders, n, [selected](std::size_t i) -> std::size_t { return selected[i]; });
                else scan(pred, code_fns, adders, n, [first = *first_row](std::size_t i) { return first + i; });
            }
        } else {
            const auto pred = filter_.bind(ds_);
            const auto code_fns = std::apply([](const auto&... k) { return std::make_tuple(k.first...); }, keys);
            const R* records = records_.data();
            if (selected) scan(pred, code_fns, bound, n, [records, selected](std::size_t i) -> const R& { return records[selected[i]]; });
            else scan(pred, code_fns, bound, n, [records](std::size_t i) -> const R& { return records[i]; });
        }

        if constexpr (K == 0) {
            if (accs.empty()) slot_of(Code{});  // without group_by there is always one row
        }
        AccTuple total{};
        for (const AccTuple& a : accs) merge_all(bound, total, a, std::index_sequence_for<Aggs...>{});

        std::vector<std::uint32_t> order(codes.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return codes[a] < codes[b]; });

        detail::TableBuilder table(order.size());
        std::apply([&](const auto&... k) { (table.add_column(k.name_zh, k.name_en, true, ColumnKind::label), ...); }, keys_);
        (table.add_column(aggs.name_zh, aggs.name_en, false, aggs.column_kind()), ...);
        for (const std::uint32_t g : order) {
            table.start_row();
            std::apply([&](const auto&... k) {
                std::size_t i = 0;
                (detail::add_key_label(table, k.second, codes[g][i++]), ...);
            }, keys);
            cells_all(bound, accs[g], total, table, std::index_sequence_for<Aggs...>{});
        }
        return std::move(table).finish();
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
    template <class Bindings, class Acc, std::size_t... I>
    static void merge_all(const Bindings& b, Acc& into, const Acc& from, std::index_sequence<I...>) {
        (std::get<I>(b).merge(std::get<I>(into), std::get<I>(from)), ...);
    }
    template <class Bindings, class Acc, std::size_t... I>
    static void cells_all(const Bindings& b, const Acc& g, const Acc& total, detail::TableBuilder& table, std::index_sequence<I...>) {
        (table.add_cell(std::get<I>(b).cell(std::get<I>(g), std::get<I>(total))), ...);
    }

    const Dataset& ds_;
    std::span<const R> records_;
    F filter_;
    std::tuple<Keys...> keys_;
    std::shared_ptr<const std::vector<std::uint32_t>> rows_;  ///< positions in records_ to scan, or all
    const ProjectColumns* columns_;  ///< project rows without records (from(others, columns)), or null
};

/// Starts a query over projects held as columns only — io::Snapshot's project_columns(), with
/// `others` (snapshot.others()) holding the parks, industries and everything else they refer
/// to. Every filter, key and aggregate must have a column form (in_park, reached, amount
/// filters; by_park, by_zone, by_parent_park, by_amount_band; count, share_of_count, sum, share,
/// min, max, average, funnel); one that needs the project records (stage_as_of, by_industry,
/// matching, growth, a conversion ...) throws RecordsNeededError (a QueryError) when the query
/// runs. The columns a query uses are read when it runs (io::Snapshot): a FormatError then is
/// the file's.
inline auto from(const Dataset& others, const ProjectColumns& columns) {
    auto all = detail::pass_all<Project>();
    return Query<Project, decltype(all)>(others, std::span<const Project>{}, std::move(all), std::tuple<>{}, nullptr, &columns);
}

}  // namespace parkinvest::query
