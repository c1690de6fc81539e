// SPDX-License-Identifier: MIT
// Internal: the CSV tables of a Dataset — their rows, the visit() that names each table's columns
// in order (one function drives the header, the writer, the reader and the reference), the
// columns a header has, and the table files. Used by csv_write.cpp and csv.cpp. Not installed.
#pragma once

#include <parkinvest/io/csv.hpp>
#include <parkinvest/core/text_out.hpp>

#include "csv_text.hpp"
#include "flat.hpp"
#include "internal.hpp"
#include "values.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <memory>
#include <istream>
#include <limits>
#include <ostream>
#include <span>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>

namespace parkinvest::io::csv_detail {

using detail::Cited;
using detail::CsvField;
using detail::CsvReader;
using detail::CsvRecord;
using detail::CsvSyntaxError;
using detail::ColumnName;
using detail::Need;
using detail::is_id;
using detail::is_quantity;
using detail::optional_inner_t;
using detail::walk_element;
using detail::walk_record;
using csv::TableId;

/// A load reports at most this many problems (then one more saying that it stopped), so a
/// hostile file cannot make the error list itself huge.
constexpr std::size_t max_problems = 1000;

constexpr Need required = Need::required;

// ------------------------------------------------------------------------------------------
// The tables. A record's table has its fields as model/describe.hpp lists them, flattened by
// walk_record() (flat.hpp); a list of structs is a child table of rows (parent id, element).

struct InvestorRow {
    using Element = Investor;
    ProjectId project;
    Investor investor;
};
struct StageRow {
    using Element = StageEvent;
    ProjectId project;
    StageEvent event;
};
struct SnapshotRow {
    using Element = LoanSnapshot;
    LoanId loan;
    LoanSnapshot snapshot;
};
struct CategoryRow {
    using Element = LicensedCategory;
    WasteFacilityId facility;
    LicensedCategory category;
};
struct ThroughputRow {
    using Element = YearlyThroughput;
    WasteFacilityId facility;
    YearlyThroughput throughput;
};
struct CitationRow {
    using Element = Citation;
    Cited entity = Cited::park;
    std::uint64_t id = 0;
    Citation citation;
};

template <class R, class T>
concept Is = std::is_same_v<std::remove_const_t<R>, T>;

template <class V, class R>
    requires schema::record<std::remove_const_t<R>>
void visit(V& v, R& r) {
    walk_record(v, r);
}
template <class V, class R>
    requires Is<R, InvestorRow>
void visit(V& v, R& r) {
    v.leaf("project", required, r.project);
    walk_element(v, r.investor);
}
template <class V, class R>
    requires Is<R, StageRow>
void visit(V& v, R& r) {
    v.leaf("project", required, r.project);
    walk_element(v, r.event);
}
template <class V, class R>
    requires Is<R, SnapshotRow>
void visit(V& v, R& r) {
    v.leaf("loan", required, r.loan);
    walk_element(v, r.snapshot);
}
template <class V, class R>
    requires Is<R, CategoryRow>
void visit(V& v, R& r) {
    v.leaf("facility", required, r.facility);
    walk_element(v, r.category);
}
template <class V, class R>
    requires Is<R, ThroughputRow>
void visit(V& v, R& r) {
    v.leaf("facility", required, r.facility);
    walk_element(v, r.throughput);
}
template <class V, class R>
    requires Is<R, CitationRow>
void visit(V& v, R& r) {
    v.leaf("entity", required, r.entity);
    v.leaf("id", required, r.id);
    walk_element(v, r.citation);
}

/// Calls the visitor's method for the kind of `x` (the cell forms differ by kind).
template <class V, class T>
void dispatch_leaf(V& v, ColumnName n, Need need, T& x) {
    using U = std::remove_const_t<T>;
    using In = optional_inner_t<U>;
    constexpr bool opt = schema::is_optional<U>::value;
    if constexpr (is_id<U>) v.ref(n, x);
    else if constexpr (opt && is_id<In>) v.opt_ref(n, x);
    else if constexpr (std::is_same_v<U, std::string>) v.text(n, x, need);
    else if constexpr (std::is_same_v<U, std::optional<std::string>>) v.opt_text(n, x);
    else if constexpr (std::is_enum_v<U>) v.enumeration(n, x, need);
    else if constexpr (opt && std::is_enum_v<In>) v.opt_enum(n, x);
    else if constexpr (std::is_same_v<U, bool>) v.boolean(n, x);
    else if constexpr (std::is_integral_v<U>) v.integer(n, x, need);
    else if constexpr (opt && std::is_integral_v<In>) v.opt_integer(n, x);
    else if constexpr (std::is_same_v<U, ReportedDate>) v.reported_date(n, x);
    else if constexpr (std::is_same_v<U, std::optional<ReportedDate>>) v.opt_reported_date(n, x);
    else if constexpr (std::is_same_v<U, Date>) v.date(n, x);
    else if constexpr (std::is_same_v<U, std::optional<Date>>) v.opt_date(n, x);
    else if constexpr (std::is_same_v<U, Period>) v.period(n, x);
    else if constexpr (std::is_same_v<In, ReportedAmount>) v.amount(n, x);
    else if constexpr (std::is_same_v<U, Money>) v.money(n, x);
    else if constexpr (std::is_same_v<U, std::optional<Money>>) v.opt_money(n, x);
    else if constexpr (is_quantity<In>) v.quantity(n, x);
    else if constexpr (std::is_same_v<U, std::optional<Decimal<6>>>) v.rate(n, x);
    else if constexpr (std::is_same_v<U, std::optional<CreditCode>>) v.credit_code(n, x);
    else if constexpr (detail::is_id_list<U>) v.id_list(n, x);
    else if constexpr (detail::is_enum_list<U>) v.enum_list(n, x);
    else if constexpr (std::is_same_v<U, HwCategory>) v.hw_category(n, x);
    else if constexpr (std::is_same_v<U, Percent>) v.percent(n, x);
    else if constexpr (std::is_same_v<U, std::optional<StatisticValue>>) v.statistic_value(n, x);
    else static_assert(sizeof(U) == 0, "no CSV form for this field type");
}

// ------------------------------------------------------------------------------------------
// Columns: the header a table has, from its visit().

/// How a cell of type T is written, and an example.
template <class T>
std::pair<std::string_view, std::string_view> cell_form() {
    using U = optional_inner_t<T>;
    if constexpr (is_id<U>) return {"id", "12"};
    else if constexpr (std::is_same_v<U, std::string>) return {"text", ""};
    else if constexpr (std::is_same_v<U, bool>) return {"yes/no", "true, 是"};
    else if constexpr (std::is_enum_v<U>) return {"enum", ""};
    else if constexpr (std::is_integral_v<U>) return {"integer", "2020"};
    else if constexpr (std::is_same_v<U, ReportedDate>) return {"date at a precision", "2020-07, 2020-Q1, 2020-H1, 2020年7月28日"};
    else if constexpr (std::is_same_v<U, Date>) return {"day", "2020-06-30"};
    else if constexpr (std::is_same_v<U, Period>) return {"period", "2020-H1, 2020年1-6月, 截至2020-06-30"};
    else if constexpr (std::is_same_v<U, ReportedAmount>) return {"amount (bound words allowed)", "60560000000.00, 605.6亿元, 约3亿元"};
    else if constexpr (std::is_same_v<U, Money>) return {"amount", "60560000000.00, 605.6亿元"};
    else if constexpr (std::is_same_v<U, Area>) return {"area with unit", "225平方公里, 1200平方米, 100亩"};
    else if constexpr (std::is_same_v<U, Mass>) return {"mass with unit", "12.5吨"};
    else if constexpr (std::is_same_v<U, AnnualThroughput>) return {"throughput with unit", "5000吨/年"};
    else if constexpr (std::is_same_v<U, Decimal<6>>) return {"rate", "0.0435, 4.35%"};
    else if constexpr (std::is_same_v<U, CreditCode>) return {"credit code", "91330200MA2GQ6Q66C"};
    else if constexpr (detail::is_id_list<U>) return {"id list", "3;7;12"};
    else if constexpr (detail::is_enum_list<U>) return {"enum list", ""};
    else if constexpr (std::is_same_v<U, HwCategory>) return {"HW category", "HW08"};
    else if constexpr (std::is_same_v<U, Percent>) return {"percentage", "4.9%"};
    else if constexpr (std::is_same_v<U, StatisticValue>) return {"value", "39, 605.6亿元, 44.2%"};
    else static_assert(sizeof(U) == 0, "no reference form for this field type");
}

template <class E>
std::string enum_example() {
    std::string s;
    for (std::size_t i = 0; i < enum_count<E> && i < 3; ++i) {
        if (i > 0) s += ", ";
        s += EnumTable<E>::entries[i].name;
    }
    if (enum_count<E> > 3) s += " ...";
    return s;
}

/// A column of a table: its name and whether the header must have it, and for the reference
/// (docs/formats.md) how its cells are written, when a value is required, and an example.
struct ColumnSpec {
    std::string name;
    Need need;
    std::string form;
    std::string required_text;
    std::string example;
};

class HeaderVisitor {
public:
    std::vector<ColumnSpec> columns;

    template <class IdT>
    void key(ColumnName n, const IdT&) { add(n.str(), required, "id", "yes", "12"); }
    void currency(std::optional<Currency>) {
        add("currency", Need::optional, "ISO 4217 code of the row's amounts", "no (CNY)", "CNY, USD");
    }
    template <class T>
    void leaf(ColumnName n, Need need, const T&) {
        using U = optional_inner_t<T>;
        const auto [form, plain_example] = cell_form<T>();
        std::string example(plain_example);
        if constexpr (std::is_enum_v<U>) example = enum_example<U>();
        if constexpr (detail::is_enum_list<U>) example = enum_example<detail::list_element_t<U>>();
        const std::string required_text = need == required ? (in_group_ ? "when the group is given" : "yes") : "no";
        // Inside an optional group nothing is required of the header: only a row that gives
        // the group must give its required members.
        if (in_group_) need = Need::optional;
        if constexpr (std::is_same_v<U, ReportedAmount>) {
            add(n.str(), need, form, required_text, example);
            add(n.with("_bound"), Need::optional, "enum", "no (the amount's words, else exact)", enum_example<Bound>());
            add(n.with("_estimated"), Need::optional, "yes/no", "no (false)", "true, 预计");
        } else if constexpr (std::is_same_v<U, StatisticValue>) {
            add(n.with("_kind"), Need::optional, "enum", "with a value", enum_example<ValueKind>());
            add(n.str(), Need::optional, form, "no", example);
        } else {
            add(n.str(), need, form, required_text, example);
        }
    }
    template <class T>
    void list(ColumnName, const T&) {}  // a child table
    template <class T, class F>
    void group(ColumnName, const std::optional<T>&, F members) {
        const T blank{};
        in_group_ = true;
        members(*this, blank);
        in_group_ = false;
    }

private:
    void add(std::string name, Need need, std::string_view form, std::string_view required_text, std::string example) {
        columns.push_back(ColumnSpec{std::move(name), need, std::string(form), std::string(required_text), std::move(example)});
    }
    bool in_group_ = false;
};

template <class Row>
const std::vector<ColumnSpec>& columns_of() {
    static const std::vector<ColumnSpec> columns = [] {
        HeaderVisitor h;
        Row blank{};
        visit(h, std::as_const(blank));
        return std::move(h.columns);
    }();
    return columns;
}


// ------------------------------------------------------------------------------------------
// Tables: names, rows, and where they go in a Batch.

struct TableInfo {
    TableId table;
    std::string_view file;
    std::string_view entity;  ///< for messages: the record a row is (or belongs to)
};
constexpr std::array<TableInfo, 15> table_info{{
    {TableId::sources, "sources.csv", "source"},
    {TableId::industries, "industries.csv", "industry"},
    {TableId::parks, "parks.csv", "park"},
    {TableId::enterprises, "enterprises.csv", "enterprise"},
    {TableId::banks, "banks.csv", "bank"},
    {TableId::projects, "projects.csv", "project"},
    {TableId::project_investors, "project_investors.csv", "project"},
    {TableId::project_stages, "project_stages.csv", "project"},
    {TableId::loans, "loans.csv", "loan"},
    {TableId::loan_snapshots, "loan_snapshots.csv", "loan"},
    {TableId::waste_facilities, "waste_facilities.csv", "waste_facility"},
    {TableId::waste_licence_categories, "waste_licence_categories.csv", "waste_facility"},
    {TableId::waste_throughput, "waste_throughput.csv", "waste_facility"},
    {TableId::statistics, "statistics.csv", "statistic"},
    {TableId::citations, "citations.csv", "citation"},
}};
constexpr std::array<TableId, 15> all_tables = {
    TableId::sources,        TableId::industries,     TableId::parks,
    TableId::enterprises,    TableId::banks,          TableId::projects,
    TableId::project_investors, TableId::project_stages, TableId::loans,
    TableId::loan_snapshots, TableId::waste_facilities, TableId::waste_licence_categories,
    TableId::waste_throughput, TableId::statistics,   TableId::citations,
};

inline const TableInfo& info(TableId t) { return table_info[static_cast<std::size_t>(t)]; }

}  // namespace parkinvest::io::csv_detail
