// SPDX-License-Identifier: MIT
// Lists: one row per record rather than one per group (the ten largest projects signed this
// half-year), as a Table with typed columns:
//
//   Table t = list(ds, ds.projects())
//                 .where(entered(Stage::contracted, Period::half_year(2020, 1)))
//                 .order_by(col::amount(&Project::contract_investment), Direction::descending)
//                 .limit(10)
//                 .select(col::id(), col::name(), col::park(), col::amount(&Project::contract_investment));
//
// where() takes the filters of filters.hpp (combined with and, like Query::where). Columns are
// the makers in parkinvest::query::col; named() (aggregates.hpp) renames one.
//
// Order: by one value column, selected or not (without order_by: record order). Bounded amounts
// order by their figure; at one figure the bound orders them by the true value it allows, as
// Table::top does: descending, lower bounds (以上, 超过) first, then the others, then upper
// bounds (以下, 不足); ascending the reverse. Remaining ties go by record id, ascending. Empty
// cells come last in both directions. Amounts of several currencies in the ordering column are
// a QueryError. Work: one scan of the records; with a limit n the ordering is a partial sort,
// O(m log n) for m matching records.
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/enum_table.hpp>
#include <parkinvest/core/errors.hpp>
#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/access.hpp>
#include <parkinvest/query/filters.hpp>
#include <parkinvest/query/table.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace parkinvest::query {

enum class Direction : std::uint8_t { ascending, descending };

/// A column of a list: its names, its kind, and `cell(const Dataset&, const R&) -> Cell`.
template <class Fn>
struct ListColumn {
    std::string name_zh;
    std::string name_en;
    bool is_key = false;  ///< identifies the record (id, name, park, stage) rather than a figure
    ColumnKind kind = ColumnKind::label;
    Fn cell;
};

/// A column of records of type R chosen at run time: select() takes a vector of them.
template <class R>
using AnyListColumn = ListColumn<std::function<Cell(const Dataset&, const R&)>>;

/// The column as an AnyListColumn<R>: erased<Project>(col::name()).
template <class R, class Fn>
AnyListColumn<R> erased(ListColumn<Fn> column) {
    static_assert(std::is_invocable_r_v<Cell, const Fn&, const Dataset&, const R&>, "the column belongs to another record type");
    return AnyListColumn<R>{std::move(column.name_zh), std::move(column.name_en), column.is_key, column.kind,
                            std::move(column.cell)};
}

namespace detail {
template <class Fn>
ListColumn<Fn> list_column(std::string zh, std::string en, bool is_key, ColumnKind kind, Fn fn) {
    return ListColumn<Fn>{std::move(zh), std::move(en), is_key, kind, std::move(fn)};
}

/// The default names of an amount column: the field's (合同投资额 / contract investment), or
/// 金额 / amount for a field not listed here.
template <class R, class Field>
std::pair<std::string, std::string> amount_names(Field R::*field) {
    static_cast<void>(field);  // unused for record types without listed fields
    if constexpr (std::is_same_v<R, Project>) {
        if (field == &Project::contract_investment) return {"合同投资额", "contract investment"};
        if (field == &Project::planned_investment) return {"计划总投资", "planned investment"};
        if (field == &Project::first_phase_investment) return {"一期投资", "first-phase investment"};
        if (field == &Project::funds_in_place) return {"到位资金", "funds in place"};
    } else if constexpr (std::is_same_v<R, Loan> && std::is_same_v<Field, ReportedAmount>) {
        if (field == &Loan::commitment) return {"授信额度", "commitment"};
    } else if constexpr (std::is_same_v<R, WasteFacility>) {
        if (field == &WasteFacility::investment) return {"投资额", "investment"};
    }
    return {"金额", "amount"};
}

/// The ordering of a list: the column's English name (for messages), its cells, the direction.
template <class R>
struct ListOrder {
    std::string name_en;
    std::function<Cell(const Dataset&, const R&)> cell;
    Direction direction = Direction::descending;
};

/// The rows of a list in order: positions into `cells` (the ordering column's cell of each
/// matching record; `ids` their record ids), the first `limit` of them. Throws QueryError for
/// amounts of several currencies and for cells that are not figures.
[[nodiscard]] std::vector<std::size_t> list_order(const std::vector<Cell>& cells, const std::vector<std::uint64_t>& ids,
                                                  Direction direction, std::size_t limit, const std::string& column_en);
}  // namespace detail

/// The column makers of list().
namespace col {

/// The record's id, as text ("12"): 编号 / id.
inline auto id() {
    return detail::list_column("编号", "id", true, ColumnKind::label, [](const Dataset&, const auto& r) -> Cell {
        const std::string t = std::to_string(r.id.value());
        return Label{t, t};
    });
}
/// The record's name: 名称 / name (the English name falls back to the Chinese one).
inline auto name() {
    return detail::list_column("名称", "name", true, ColumnKind::label, [](const Dataset&, const auto& r) -> Cell {
        return Label{r.name.zh, r.name.en ? *r.name.en : r.name.zh};
    });
}
/// The park the record belongs to (park_of): 园区 / park; empty when it has none.
inline auto park() {
    return detail::list_column("园区", "park", true, ColumnKind::label, [](const Dataset& ds, const auto& r) -> Cell {
        const std::optional<ParkId> p = park_of(ds, r);
        if (!p) return {};
        const Park& park = ds.get(*p);
        return Label{park.name.zh, park.name.en ? *park.name.en : park.name.zh};
    });
}
/// An amount field with its bound (Project::contract_investment, Loan::commitment,
/// WasteFacility::investment ...): ReportedAmount cells, empty when the record has none.
template <class R, class Field>
auto amount(Field R::*field) {
    auto [zh, en] = detail::amount_names(field);
    return detail::list_column(std::move(zh), std::move(en), false, ColumnKind::amount,
                               [field](const Dataset&, const R& r) -> Cell {
                                   const ReportedAmount* a = amount_of(r, field);
                                   return a ? Cell{*a} : Cell{};
                               });
}
/// A project's stage as of the end of day `d` (Project::stage_as_of): 阶段 / stage, empty
/// before its first event. Throws QueryError when `d` is not a calendar day.
inline auto stage(Date d) {
    if (d.is_special()) throw QueryError("parkinvest: col::stage() needs a calendar day");
    return detail::list_column("阶段", "stage", true, ColumnKind::label, [d](const Dataset&, const Project& p) -> Cell {
        const std::optional<Stage> s = p.stage_as_of(d);
        if (!s) return {};
        return Label{std::string(label(*s, Language::chinese)), std::string(label(*s, Language::english))};
    });
}
/// A loan's outstanding balance at the end of day `d` (Loan::outstanding_as_of): 贷款余额 /
/// outstanding, exact; empty without a snapshot by then. Throws QueryError when `d` is not a
/// calendar day.
inline auto outstanding(Date d) {
    if (d.is_special()) throw QueryError("parkinvest: col::outstanding() needs a calendar day");
    return detail::list_column("贷款余额", "outstanding", false, ColumnKind::amount, [d](const Dataset&, const Loan& l) -> Cell {
        const std::optional<Money> m = l.outstanding_as_of(d);
        if (!m) return {};
        return ReportedAmount{*m, Bound::exact, false};
    });
}

}  // namespace col

/// A list query over records of type R: list(ds, records), then where / order_by / limit in any
/// order, then select(columns...) to run it.
template <class R, class F>
class ListQuery {
public:
    using Order = detail::ListOrder<R>;

    ListQuery(const Dataset& ds, std::span<const R> records, F filter, std::optional<Order> order,
              std::optional<std::size_t> limit)
        : ds_(ds), records_(records), filter_(std::move(filter)), order_(std::move(order)), limit_(limit) {}

    /// Keeps the records matching `f` (and any earlier where()).
    template <class Bind, class Cols>
    auto where(const Filter<Bind, Cols>& f) const {
        auto combined = filter_ && f;
        return ListQuery<R, decltype(combined)>(ds_, records_, combined, order_, limit_);
    }

    /// Orders the rows by a value column (amount), selected or not. Throws QueryError for a
    /// label column and ArgumentError when the query is already ordered.
    template <class Fn>
    [[nodiscard]] ListQuery order_by(const ListColumn<Fn>& column, Direction direction) const {
        if (column.kind == ColumnKind::label)
            throw QueryError("parkinvest: cannot order a list by \"" + column.name_en + "\": it holds labels, not figures");
        if (order_) throw ArgumentError("parkinvest: the list is already ordered by \"" + order_->name_en + "\"");
        static_assert(std::is_invocable_r_v<Cell, const Fn&, const Dataset&, const R&>,
                      "the column belongs to another record type");
        return ListQuery(ds_, records_, filter_, Order{column.name_en, column.cell, direction}, limit_);
    }

    /// Keeps the first n rows (after ordering). Throws ArgumentError when given twice.
    [[nodiscard]] ListQuery limit(std::size_t n) const {
        if (limit_) throw ArgumentError("parkinvest: the list already has a limit (" + std::to_string(*limit_) + ")");
        return ListQuery(ds_, records_, filter_, order_, n);
    }

    /// Runs the query: one row per matching record with the given columns, in order.
    template <class... Fns>
    [[nodiscard]] Table select(const ListColumn<Fns>&... columns) const {
        static_assert(sizeof...(Fns) > 0, "select() needs at least one column (col::id(), col::name() ...)");
        static_assert((std::is_invocable_r_v<Cell, const Fns&, const Dataset&, const R&> && ...),
                      "a column belongs to another record type");
        const std::vector<std::size_t> order = rows_in_order();
        detail::TableBuilder table(order.size());
        (table.add_column(columns.name_zh, columns.name_en, columns.is_key, columns.kind), ...);
        for (const std::size_t i : order) {
            table.start_row();
            (table.add_cell(columns.cell(ds_, records_[i])), ...);
        }
        return std::move(table).finish();
    }

    /// The same with columns chosen at run time (AnyListColumn<R>, from erased()): a command
    /// line's or a dashboard's choice. Throws ArgumentError for no columns.
    [[nodiscard]] Table select(const std::vector<AnyListColumn<R>>& columns) const {
        if (columns.empty()) throw ArgumentError("parkinvest: select() needs at least one column (col::id(), col::name() ...)");
        const std::vector<std::size_t> order = rows_in_order();
        detail::TableBuilder table(order.size());
        for (const AnyListColumn<R>& c : columns) table.add_column(c.name_zh, c.name_en, c.is_key, c.kind);
        for (const std::size_t i : order) {
            table.start_row();
            for (const AnyListColumn<R>& c : columns) table.add_cell(c.cell(ds_, records_[i]));
        }
        return std::move(table).finish();
    }

private:
    /// The indices into records_ of the rows, in output order.
    [[nodiscard]] std::vector<std::size_t> rows_in_order() const {
        const auto pred = filter_.bind(ds_);
        const std::size_t limit = limit_.value_or(records_.size());
        std::vector<std::size_t> rows_of;
        if (order_) {
            std::vector<std::size_t> matching;
            std::vector<Cell> cells;
            std::vector<std::uint64_t> ids;
            for (std::size_t i = 0; i < records_.size(); ++i) {
                if (!pred(records_[i])) continue;
                matching.push_back(i);
                cells.push_back(order_->cell(ds_, records_[i]));
                ids.push_back(records_[i].id.value());
            }
            for (const std::size_t k : detail::list_order(cells, ids, order_->direction, limit, order_->name_en))
                rows_of.push_back(matching[k]);
        } else {
            for (std::size_t i = 0; i < records_.size() && rows_of.size() < limit; ++i)
                if (pred(records_[i])) rows_of.push_back(i);
        }
        return rows_of;
    }

    const Dataset& ds_;
    std::span<const R> records_;
    F filter_;
    std::optional<Order> order_;
    std::optional<std::size_t> limit_;
};

/// Starts a list over a range of records of `ds` (ds.projects(), ds.loans() ...).
template <class R>
auto list(const Dataset& ds, std::span<const R> records) {
    auto all = detail::pass_all<R>();
    return ListQuery<R, decltype(all)>(ds, records, std::move(all), std::nullopt, std::nullopt);
}

}  // namespace parkinvest::query
