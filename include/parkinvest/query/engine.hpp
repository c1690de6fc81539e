// SPDX-License-Identifier: MIT
// The query: from(ds, records).where(filter).group_by(keys...).aggregate(aggregates...), one
// scan over the records (or over ds.project_columns() for all of ds.projects()).
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

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
#include <span>
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
template <class Bind, class Cols, class Binding>
auto row_code(const Key<Bind, Cols>& k, const Binding& bound, const Dataset& ds, const ProjectColumns& c) {
    if constexpr (has_columns<Cols>) return k.columns(ds, c);
    else return [&code = bound.first, rows = ds.projects().data()](std::size_t i) { return code(rows[i]); };
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
        std::apply([&](const auto&... k) { (columns.push_back(Column{k.name_zh, k.name_en, true, ColumnKind::label}), ...); }, keys_);
        (columns.push_back(Column{aggs.name_zh, aggs.name_en, false, aggs.column_kind()}), ...);
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
    template <class Bindings, class Acc, std::size_t... I>
    static void merge_all(const Bindings& b, Acc& into, const Acc& from, std::index_sequence<I...>) {
        (std::get<I>(b).merge(std::get<I>(into), std::get<I>(from)), ...);
    }
    template <class Bindings, class Acc, std::size_t... I>
    static void cells_all(const Bindings& b, const Acc& g, const Acc& total, std::vector<Cell>& row, std::index_sequence<I...>) {
        (row.push_back(std::get<I>(b).cell(std::get<I>(g), std::get<I>(total))), ...);
    }

    const Dataset& ds_;
    std::span<const R> records_;
    F filter_;
    std::tuple<Keys...> keys_;
};

}  // namespace parkinvest::query
