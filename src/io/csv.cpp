// SPDX-License-Identifier: MIT
// A Dataset as a folder of CSV tables. Each table is described once, by a visit() function that
// names its columns in order; the same function drives the header, the writer and the reader,
// so the three cannot disagree.
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

namespace parkinvest::io {

namespace {

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
// Writing.

/// Writes one record's cells into a row.
class RowWriter {
public:
    explicit RowWriter(std::string& row) : row_(row) {}

    template <class IdT>
    void key(ColumnName, const IdT& id) { cell(std::to_string(id.value())); }
    template <class IdT>
    void ref(ColumnName, const IdT& id) { cell(std::to_string(id.value())); }
    template <class IdT>
    void opt_ref(ColumnName, const std::optional<IdT>& id) { cell(id ? std::to_string(id->value()) : std::string()); }
    void text(ColumnName n, const std::string& s, Need = Need::optional) { text_cell(n, s, false); }
    void opt_text(ColumnName n, const std::optional<std::string>& s) {
        // An empty text is written "" so that it reads back as a text, not as no value.
        if (s) text_cell(n, *s, s->empty());
        else cell({});
    }
    template <class E>
    void enumeration(ColumnName, const E& e, Need = Need::optional) { cell(enum_name(e)); }
    template <class E>
    void opt_enum(ColumnName, const std::optional<E>& e) { cell(e ? enum_name(*e) : std::string_view()); }
    template <class I>
    void integer(ColumnName, const I& i, Need = Need::optional) { cell(std::to_string(i)); }
    template <class I>
    void opt_integer(ColumnName, const std::optional<I>& i) { cell(i ? std::to_string(*i) : std::string()); }
    void boolean(ColumnName, bool b) { cell(b ? "true" : "false"); }
    void reported_date(ColumnName, const ReportedDate& d) { cell(d.to_string()); }
    void opt_reported_date(ColumnName, const std::optional<ReportedDate>& d) { cell(d ? d->to_string() : std::string()); }
    void date(ColumnName, const Date& d) { cell(iso_date(d)); }
    void opt_date(ColumnName, const std::optional<Date>& d) { cell(d ? iso_date(*d) : std::string()); }
    void period(ColumnName, const Period& p) { cell(detail::period_text(p)); }
    void currency(std::optional<Currency> c) {
        currency_ = c;
        cell(c ? iso_code(*c) : std::string_view());
    }
    void amount(ColumnName n, const std::optional<ReportedAmount>& a) {
        if (a) {
            amount(n, *a);
        } else {
            cell({}), cell({}), cell({});
        }
    }
    void amount(ColumnName, const ReportedAmount& a) {
        cell(money(a.value));
        cell(a.bound == Bound::exact ? std::string_view() : enum_name(a.bound));
        cell(a.estimated ? "true" : "");
    }
    void money(ColumnName, const Money& m) { cell(money(m)); }
    void opt_money(ColumnName, const std::optional<Money>& m) { cell(m ? money(*m) : std::string()); }
    template <class Q>
    void quantity(ColumnName, const std::optional<Q>& q) { cell(q ? text_out::quantity_text(*q) : std::string()); }
    template <class Q>
    void quantity(ColumnName, const Q& q) { cell(text_out::quantity_text(q)); }
    void rate(ColumnName, const std::optional<Decimal<6>>& r) { cell(r ? r->to_string() : std::string()); }
    void credit_code(ColumnName, const std::optional<CreditCode>& c) { cell(c ? std::string_view(c->str()) : std::string_view()); }
    template <class IdT>
    void id_list(ColumnName, const std::vector<IdT>& ids) {
        std::string s;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (i > 0) s += ';';
            s += std::to_string(ids[i].value());
        }
        cell(s);
    }
    template <class E>
    void enum_list(ColumnName, const std::vector<E>& values) {
        std::string s;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0) s += ';';
            s += enum_name(values[i]);
        }
        cell(s);
    }
    void hw_category(ColumnName, const HwCategory& c) { cell(c.to_string()); }
    void percent(ColumnName, const Percent& p) { cell(text_out::percent_text(p)); }
    void statistic_value(ColumnName, const std::optional<StatisticValue>& v) {
        if (!v) {
            cell({}), cell({});
            return;
        }
        cell(enum_name(value_kind(*v)));
        if (const Money* m = std::get_if<Money>(&*v)) cell(money(*m));
        else cell(detail::statistic_value_text(*v));
    }
    template <class T>
    void leaf(ColumnName n, Need need, const T& x) { dispatch_leaf(*this, n, need, x); }
    template <class T>
    void list(ColumnName, const T&) {}  // a child table
    template <class T, class F>
    void group(ColumnName n, const std::optional<T>& g, F members) {
        if (g) {
            members(*this, *g);
            return;
        }
        // Absent: as many empty cells as the group has columns.
        HeaderVisitor h;
        h.group(n, g, members);
        for (std::size_t i = 0; i < h.columns.size(); ++i) cell({});
    }

private:
    void cell(std::string_view text, bool quote = false) {
        if (!first_) row_ += ',';
        first_ = false;
        text_out::append_csv_field(row_, text, quote);
    }
    void text_cell(ColumnName column, std::string_view s, bool quote) {
        if (const auto bad = invalid_utf8_at(s)) {
            throw ArgumentError("parkinvest: column " + column.str() + " is not valid UTF-8 (byte " +
                                std::to_string(*bad) + ")");
        }
        cell(s, quote);
    }
    /// Plain decimal in the row's currency; an amount in another currency (which a valid
    /// dataset does not have) keeps its currency code so that nothing is lost.
    std::string money(const Money& m) const {
        if (currency_ && *currency_ == m.currency()) return text_out::money_text(m);
        return m.to_string();
    }

    std::string& row_;
    bool first_ = true;
    std::optional<Currency> currency_;
};

template <class Row>
void write_header(std::string& out) {
    const auto& columns = columns_of<Row>();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) out += ',';
        text_out::append_csv_field(out, columns[i].name);
    }
    out += "\r\n";
}

/// Writes the rows `each` produces; `label(row)` names a row in errors.
template <class Row, class Each>
void write_rows(std::ostream& out, std::string_view file, Each each) {
    std::string buffer = "\xEF\xBB\xBF";
    write_header<Row>(buffer);
    each([&](const Row& row, const auto& describe) {
        const std::size_t mark = buffer.size();
        try {
            RowWriter w(buffer);
            visit(w, row);
        } catch (const ArgumentError& e) {
            buffer.resize(mark);
            throw ArgumentError("parkinvest: cannot write " + describe() + " to " + std::string(file) + ": " + e.what());
        }
        buffer += "\r\n";
        if (buffer.size() >= (1u << 16)) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    });
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

template <class Record>
void write_records(std::ostream& out, std::string_view file, std::span<const Record> records) {
    write_rows<Record>(out, file, [&](auto&& emit) {
        for (const Record& r : records) emit(r, [&] { return r.id.to_string(); });
    });
}

/// Rows of a child table: `rows_of(parent, emit_row)` for each parent in order.
template <class Row, class Parent, class RowsOf>
void write_children(std::ostream& out, std::string_view file, std::span<const Parent> parents, RowsOf rows_of) {
    write_rows<Row>(out, file, [&](auto&& emit) {
        for (const Parent& p : parents)
            rows_of(p, [&](const Row& row) { emit(row, [&] { return p.id.to_string(); }); });
    });
}

template <class Record>
void write_citations(std::span<const Record> records, Cited entity, const auto& emit) {
    for (const Record& r : records)
        for (const Citation& c : r.sources) emit(CitationRow{entity, r.id.value(), c}, r.id.to_string());
}

// ------------------------------------------------------------------------------------------
// Reading.

/// Problems of one load, capped.
struct Problems {
    std::vector<FormatProblem> list;
    bool stopped = false;
    [[nodiscard]] bool full() const { return list.size() >= max_problems; }
    [[nodiscard]] bool empty() const { return list.empty(); }
    void add(FormatProblem p) {
        if (full()) stopped = true;
        else list.push_back(std::move(p));
    }
    [[noreturn]] void raise(std::string_view input) {
        if (stopped) {
            FormatProblem p;
            p.input = std::string(input);
            p.reason = "stopped after " + std::to_string(max_problems) + " problems; the rest was not checked";
            list.push_back(std::move(p));
        }
        throw FormatError(std::move(list));
    }
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool equal_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

/// The reason of a ParseError without the echo of the input: "byte 3: unknown unit (...)".
std::string parse_reason(std::string_view what, const ParseError& e) {
    std::string reason = "not a valid ";
    reason += what;
    const std::string_view message = e.what();
    const std::size_t at = message.rfind("\" at byte ");
    reason += " (";
    if (at != std::string_view::npos) reason += message.substr(at + 5);
    else reason += e.reason();
    reason += ')';
    return reason;
}

template <class I>
std::optional<I> parse_integer(std::string_view s) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    I value{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return value;
}

template <class Q>
std::string_view quantity_what() {
    if constexpr (std::is_same_v<Q, Area>) return "area with its unit (1200平方米, 3.5公顷, 2平方公里, 100亩, 1200 m2)";
    else if constexpr (std::is_same_v<Q, Mass>) return "mass with its unit (12.5吨, 300千克, 12.5 t)";
    else return "annual throughput with its unit (5000吨/年, 5000 t/a)";
}

template <class E>
std::string enum_reason() {
    return "unknown value; " + enum_choices<E>();
}

/// What a child table's rows or a record's lines are, for mapping validation problems back.
struct RowOrigin {
    std::uint64_t key = 0;   ///< the record's id, or the parent's id for a child row
    std::uint64_t line = 0;
};

/// Shared state of one table read.
struct ReadContext {
    std::string_view input;           ///< file name for messages
    std::string_view entity;          ///< "project" ...
    const std::vector<std::size_t>* file_column = nullptr;  ///< schema column → file column
    Problems* problems = nullptr;
};

/// Reads one data row into a record, reporting each bad cell.
class RowReader {
public:
    RowReader(const ReadContext& ctx, const CsvRecord& record) : ctx_(ctx), record_(record) {}

    [[nodiscard]] bool failed() const { return failed_; }
    [[nodiscard]] std::optional<std::uint64_t> key_value() const { return key_; }

    template <class IdT>
    void key(ColumnName n, IdT& id) {
        if (const CsvField* f = value_cell(n, required)) {
            if (const auto v = parse_integer<std::uint64_t>(trim(f->text))) {
                id = IdT(*v);
                key_ = *v;
                id_text_ = id.to_string();
                id_text_set_ = true;
            } else {
                problem(f, n, "not an id (a whole number 0 to 18446744073709551615)");
            }
        }
    }
    template <class IdT>
    void ref(ColumnName n, IdT& id) {
        const bool first_column = next_ == 0;
        const CsvField* f = value_cell(n, required);
        if (f == nullptr || !parse_id(f, n, id) || !first_column) return;
        // A child row (a stage, a snapshot ...) is about its parent, its first column.
        id_text_ = id.to_string();
        id_text_set_ = true;
    }
    template <class IdT>
    void opt_ref(ColumnName n, std::optional<IdT>& id) {
        if (const CsvField* f = value_cell(n)) parse_id(f, n, id.emplace());
    }
    void text(ColumnName, std::string& s, Need = Need::optional) {
        const CsvField* f = take();
        if (f == nullptr) return;
        note(f);
        s = f->text;  // an empty required text is left to the dataset's validation, which names the rule
    }
    void opt_text(ColumnName, std::optional<std::string>& s) {
        const CsvField* f = take();
        if (f == nullptr) return;
        note(f);
        if (!f->text.empty() || f->quoted) s = f->text;
    }
    template <class E>
    void enumeration(ColumnName n, E& e, Need need = Need::optional) {
        if (const CsvField* f = value_cell(n, need)) parse_enum(f, n, e);
    }
    template <class E>
    void opt_enum(ColumnName n, std::optional<E>& e) {
        if (const CsvField* f = value_cell(n)) parse_enum(f, n, e.emplace());
    }
    template <class I>
    void integer(ColumnName n, I& i, Need need = Need::optional) {
        if (const CsvField* f = value_cell(n, need)) parse_int(f, n, i);
    }
    template <class I>
    void opt_integer(ColumnName n, std::optional<I>& i) {
        if (const CsvField* f = value_cell(n)) parse_int(f, n, i.emplace());
    }
    void boolean(ColumnName n, bool& b) {
        const CsvField* f = value_cell(n);
        if (f == nullptr) return;
        const std::string_view t = trim(f->text);
        for (std::string_view yes : {"true", "1", "yes", "y", "是"})
            if (equal_nocase(t, yes)) return void(b = true);
        for (std::string_view no : {"false", "0", "no", "n", "否"})
            if (equal_nocase(t, no)) return void(b = false);
        problem(f, n, "not a yes/no value (true or false)");
    }
    void reported_date(ColumnName n, ReportedDate& d) {
        if (const CsvField* f = value_cell(n, required)) parse(f, n, "date", d, [](std::string_view t) { return ReportedDate::parse(t); });
    }
    void opt_reported_date(ColumnName n, std::optional<ReportedDate>& d) {
        if (const CsvField* f = value_cell(n))
            parse(f, n, "date", d.emplace(), [](std::string_view t) { return ReportedDate::parse(t); });
    }
    void date(ColumnName n, Date& d) {
        if (const CsvField* f = value_cell(n, required)) parse_day(f, n, d);
    }
    void opt_date(ColumnName n, std::optional<Date>& d) {
        if (const CsvField* f = value_cell(n)) parse_day(f, n, d.emplace());
    }
    void period(ColumnName n, Period& p) {
        if (const CsvField* f = value_cell(n, required))
            parse(f, n, "period", p, [](std::string_view t) { return Period::parse(t); });
    }
    void currency(std::optional<Currency>) {
        currency_.reset();
        const CsvField* f = value_cell("currency");
        if (f == nullptr) return;
        std::string code(trim(f->text));
        for (char& c : code)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        currency_ = currency_from_code(code);
        if (!currency_) problem(f, "currency", "unknown currency; one of CNY, USD, EUR, JPY, KRW, HKD, GBP");
    }
    void amount(ColumnName n, std::optional<ReportedAmount>& a) {
        ReportedAmount value;
        if (amount_cells(n, value, Need::optional)) a = value;
    }
    void amount(ColumnName n, ReportedAmount& a) { amount_cells(n, a, required); }
    void money(ColumnName n, Money& m) {
        if (const CsvField* f = value_cell(n, required)) parse_money(f, n, m);
    }
    void opt_money(ColumnName n, std::optional<Money>& m) {
        if (const CsvField* f = value_cell(n)) parse_money(f, n, m.emplace());
    }
    template <class Q>
    void quantity(ColumnName n, std::optional<Q>& q) {
        if (const CsvField* f = value_cell(n)) parse_quantity(f, n, q.emplace());
    }
    template <class Q>
    void quantity(ColumnName n, Q& q) {
        if (const CsvField* f = value_cell(n, required)) parse_quantity(f, n, q);
    }
    void rate(ColumnName n, std::optional<Decimal<6>>& r) {
        const CsvField* f = value_cell(n);
        if (f == nullptr) return;
        parse(f, n, "rate", r.emplace(), [](std::string_view t) {
            // 0.0435 or 4.35%
            if (!t.empty() && (t.back() == '%' || t.ends_with("％")))
                return detail::parse_percent(t).fraction().to_decimal<6>(RoundingMode::unnecessary);
            return Decimal<6>::parse(t);
        });
    }
    void credit_code(ColumnName n, std::optional<CreditCode>& c) {
        const CsvField* f = value_cell(n);
        if (f == nullptr) return;
        try {
            c = CreditCode::parse(f->text);
        } catch (const ParseError& e) {
            problem(f, n, parse_reason("credit code", e));
        }
    }
    template <class IdT>
    void id_list(ColumnName n, std::vector<IdT>& ids) {
        const CsvField* f = value_cell(n);
        if (f == nullptr) return;
        for_each_item(f, n, [&](std::string_view item) {
            const auto v = parse_integer<std::uint64_t>(item);
            if (!v) return false;
            ids.push_back(IdT(*v));
            return true;
        }, "an id");
    }
    template <class E>
    void enum_list(ColumnName n, std::vector<E>& values) {
        const CsvField* f = value_cell(n);
        if (f == nullptr) return;
        for_each_item(f, n, [&](std::string_view item) {
            const auto v = enum_from_text<E>(item);
            if (!v) return false;
            values.push_back(*v);
            return true;
        }, enum_choices<E>());
    }
    void hw_category(ColumnName n, HwCategory& c) {
        if (const CsvField* f = value_cell(n, required))
            parse(f, n, "hazardous-waste category (HW01-HW50)", c, [](std::string_view t) { return HwCategory::parse(t); });
    }
    void percent(ColumnName n, Percent& p) {
        if (const CsvField* f = value_cell(n, required))
            parse(f, n, "percentage", p, [](std::string_view t) { return detail::parse_percent(t); });
    }
    void statistic_value(ColumnName n, std::optional<StatisticValue>& v) {
        const std::string kind_name = n.with("_kind");
        const CsvField* kind_cell = value_cell(kind_name);
        const CsvField* value = value_cell(n);
        std::optional<ValueKind> kind;
        if (kind_cell != nullptr) {
            kind = enum_from_text<ValueKind>(trim(kind_cell->text));
            if (!kind) return problem(kind_cell, kind_name, enum_reason<ValueKind>());
        }
        if (value == nullptr) {
            if (kind_cell != nullptr) problem(kind_cell, kind_name, "given without a value");
            return;
        }
        if (!kind) return problem(value, n, "needs " + kind_name + " (" + enum_choices<ValueKind>() + ")");
        switch (*kind) {
        case ValueKind::count: {
            std::int64_t count = 0;
            if (parse_int(value, n, count)) v = count;
            break;
        }
        case ValueKind::money: {
            Money m;
            if (parse_money(value, n, m)) v = m;
            break;
        }
        case ValueKind::percent: {
            Percent p;
            if (parse(value, n, "percentage", p, [](std::string_view t) { return detail::parse_percent(t); })) v = p;
            break;
        }
        case ValueKind::area: {
            Area q;
            if (parse_quantity(value, n, q)) v = q;
            break;
        }
        case ValueKind::mass: {
            Mass q;
            if (parse_quantity(value, n, q)) v = q;
            break;
        }
        case ValueKind::annual_throughput: {
            AnnualThroughput q;
            if (parse_quantity(value, n, q)) v = q;
            break;
        }
        case ValueKind::date: {
            ReportedDate d;
            if (parse(value, n, "date", d, [](std::string_view t) { return ReportedDate::parse(t); })) v = d;
            break;
        }
        }
    }
    template <class T>
    void leaf(ColumnName n, Need need, T& x) { dispatch_leaf(*this, n, need, x); }
    template <class T>
    void list(ColumnName, const T&) {}  // a child table
    /// An optional group of columns (a licence, a listing, a comparison): present when any of
    /// its cells has a value; its required members are then required.
    template <class T, class F>
    void group(ColumnName, std::optional<T>& g, F members) {
        T value{};
        const std::size_t nonempty_before = nonempty_;
        in_group_ = true;
        missing_in_group_.clear();
        members(*this, value);
        in_group_ = false;
        if (nonempty_ == nonempty_before) return;
        for (const auto& [f, n] : missing_in_group_)
            problem(f, n, "a value is required when the other " + std::string(n.prefix.empty() ? n.member : n.prefix) + " columns are given");
        g = std::move(value);
    }

    void problem(const CsvField* f, ColumnName column, std::string reason) {
        failed_ = true;
        FormatProblem p;
        p.input = std::string(ctx_.input);
        if (f != nullptr) {
            p.byte = f->byte;
            p.line = f->line;
            p.column = static_cast<std::uint64_t>(f - record_.fields.data()) + 1;
            p.value = printable(f->text);
        } else {
            p.line = record_.line;
        }
        p.entity = std::string(ctx_.entity);
        p.id = id_text_;
        p.field = column.str();
        p.reason = std::move(reason);
        ctx_.problems->add(std::move(p));
    }

private:
    const CsvField* take() {
        const std::size_t c = (*ctx_.file_column)[next_++];
        return c == absent ? nullptr : &record_.fields[c];
    }
    void note(const CsvField* f) {
        if (!f->text.empty() || f->quoted) ++nonempty_;
    }
    /// The next column's cell when it holds a value; reports a missing required value.
    const CsvField* value_cell(ColumnName n, Need need = Need::optional) {
        const CsvField* f = take();
        if (f != nullptr && !trim(f->text).empty()) {
            ++nonempty_;
            return f;
        }
        if (need == required) {
            if (in_group_) missing_in_group_.emplace_back(f, n);
            else problem(f, n, "a value is required");
        }
        return nullptr;
    }

    template <class T, class Parse>
    bool parse(const CsvField* f, ColumnName n, std::string_view what, T& out, Parse fn) {
        try {
            out = fn(trim(f->text));
            return true;
        } catch (const ParseError& e) {
            problem(f, n, parse_reason(what, e));
        } catch (const Error& e) {
            std::string reason = "not a valid ";
            reason += what;
            reason += " (";
            reason += e.what();
            reason += ')';
            problem(f, n, std::move(reason));
        }
        return false;
    }
    template <class IdT>
    bool parse_id(const CsvField* f, ColumnName n, IdT& id) {
        if (const auto v = parse_integer<std::uint64_t>(trim(f->text))) {
            id = IdT(*v);
            return true;
        }
        problem(f, n, "not an id (a whole number 0 to 18446744073709551615)");
        return false;
    }
    template <class E>
    void parse_enum(const CsvField* f, ColumnName n, E& e) {
        if (const auto v = enum_from_text<E>(trim(f->text))) e = *v;
        else problem(f, n, enum_reason<E>());
    }
    template <class I>
    bool parse_int(const CsvField* f, ColumnName n, I& i) {
        if (const auto v = parse_integer<I>(trim(f->text))) {
            i = *v;
            return true;
        }
        problem(f, n,
                "not a whole number in " + std::to_string(std::numeric_limits<I>::min()) + " to " +
                    std::to_string(std::numeric_limits<I>::max()));
        return false;
    }
    void parse_day(const CsvField* f, ColumnName n, Date& d) {
        ReportedDate r;
        if (!parse(f, n, "date", r, [](std::string_view t) { return ReportedDate::parse(t); })) return;
        if (r.precision() != DatePrecision::day) return problem(f, n, "a day is required (2020-06-30 or 2020年6月30日)");
        d = r.first();
    }
    bool parse_money(const CsvField* f, ColumnName n, Money& m) {
        return parse(f, n, "amount", m, [this](std::string_view t) { return Money::parse(t, currency_.value_or(Currency::CNY)); }) &&
               in_row_currency(f, n, m);
    }
    /// An amount cell with its bound words, if any ("约3亿元", "10亿元以上").
    bool parse_reported(const CsvField* f, ColumnName n, ReportedAmount& a) {
        return parse(f, n, "amount", a,
                     [this](std::string_view t) { return parse_reported_amount(t, currency_.value_or(Currency::CNY)); }) &&
               in_row_currency(f, n, a.value);
    }
    bool in_row_currency(const CsvField* f, ColumnName n, const Money& m) {
        if (currency_ && m.currency() != *currency_) {
            problem(f, n, "the amount is in " + std::string(iso_code(m.currency())) + " but the currency column says " +
                              std::string(iso_code(*currency_)));
            return false;
        }
        return true;
    }
    template <class Q>
    bool parse_quantity(const CsvField* f, ColumnName n, Q& q) {
        return parse(f, n, quantity_what<Q>(), q, [](std::string_view t) { return Q::parse(t); });
    }
    bool amount_cells(ColumnName n, ReportedAmount& a, Need need) {
        const CsvField* value = value_cell(n, need);
        const CsvField* bound = take();
        const CsvField* estimated = take();
        const auto suffixed = [&](std::string_view suffix) { return n.with(suffix); };
        const bool has_bound = bound != nullptr && !trim(bound->text).empty();
        const bool has_estimated = estimated != nullptr && !trim(estimated->text).empty();
        if (value == nullptr) {
            if (has_bound) problem(bound, suffixed("_bound"), "given without an amount in " + n.str());
            if (has_estimated) problem(estimated, suffixed("_estimated"), "given without an amount in " + n.str());
            return false;
        }
        bool ok = parse_reported(value, n, a);
        if (has_bound) {
            if (const auto b = enum_from_text<Bound>(trim(bound->text))) {
                // Words in the amount ("约3亿元") and a bound column must agree.
                if (ok && a.bound != Bound::exact && a.bound != *b) {
                    problem(value, n, "the amount's words mean " + std::string(enum_name(a.bound)) + " but " +
                                          suffixed("_bound") + " says " + std::string(enum_name(*b)));
                    ok = false;
                }
                a.bound = *b;
            } else {
                problem(bound, suffixed("_bound"), enum_reason<Bound>());
                ok = false;
            }
        }
        if (has_estimated) {
            const std::string_view t = trim(estimated->text);
            if (equal_nocase(t, "true") || t == "1" || equal_nocase(t, "yes") || t == "是" || t == "预计") {
                a.estimated = true;
            } else if (equal_nocase(t, "false") || t == "0" || equal_nocase(t, "no") || t == "否") {
                a.estimated = false;
            } else {
                problem(estimated, suffixed("_estimated"), "not a yes/no value (true or false)");
                ok = false;
            }
        }
        return ok;
    }
    template <class F>
    void for_each_item(const CsvField* f, ColumnName n, F add, std::string_view expected) {
        std::string_view rest = f->text;
        for (;;) {
            // The next ';' or '；' (EF BC 9B). One scan from the item, not two searches to the
            // end of the cell: a cell of many items is read in linear time.
            std::size_t end = rest.find_first_of(";\xEF");
            std::size_t skip = 1;
            while (end != std::string_view::npos && rest[end] != ';' && !rest.substr(end).starts_with("；"))
                end = rest.find_first_of(";\xEF", end + 1);
            if (end != std::string_view::npos && rest[end] != ';') skip = 3;
            const std::string_view item = trim(rest.substr(0, end));
            if (item.empty()) {
                return problem(f, n, "empty item in the list (items are separated by ';')");
            }
            if (!add(item)) {
                std::string reason = "item \"";
                reason += printable(item, 40);
                reason += "\" is not ";
                reason += expected;
                return problem(f, n, std::move(reason));
            }
            if (end == std::string_view::npos) return;
            rest.remove_prefix(end + skip);
        }
    }

public:
    static constexpr std::size_t absent = static_cast<std::size_t>(-1);

private:
    const ReadContext& ctx_;
    const CsvRecord& record_;
    std::size_t next_ = 0;
    std::size_t nonempty_ = 0;
    bool failed_ = false;
    bool in_group_ = false;
    bool id_text_set_ = false;
    std::vector<std::pair<const CsvField*, ColumnName>> missing_in_group_;
    std::optional<std::uint64_t> key_;
    std::string id_text_;
    std::optional<Currency> currency_;
};


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

const TableInfo& info(TableId t) { return table_info[static_cast<std::size_t>(t)]; }

/// Where the rows of one table came from, to point validation problems at lines.
struct TableOrigin {
    std::string input;
    std::vector<std::string> columns;  ///< the file's header, by file column
    std::vector<RowOrigin> rows;       ///< accepted rows in order
    std::vector<Cited> cited;          ///< citations.csv: the entity of each row
};
using Origins = std::array<TableOrigin, 15>;

/// Rows read from one table, not yet added to the batch.
template <class Row>
struct Pending {
    std::vector<Row> rows;
    std::vector<std::uint64_t> lines;
    std::uint64_t key_column = 0;  ///< file column (1-based) of the first schema column
};

FormatProblem file_problem(std::string_view input, std::string reason) {
    FormatProblem p;
    p.input = std::string(input);
    p.reason = std::move(reason);
    return p;
}

FormatProblem syntax_problem(std::string_view input, const CsvSyntaxError& e) {
    FormatProblem p = file_problem(input, e.reason);
    p.line = e.line;
    p.column = e.column;
    p.byte = e.byte;
    return p;
}

/// Memory a load may build: LoadOptions::max_memory_per_input_byte for each byte of its whole
/// input (every table of a folder), plus a fixed allowance, so that small files always load.
/// Checked against an estimate (rows × memory_per_row) before the rows of a table are built.
class MemoryBudget {
public:
    static constexpr std::uint64_t allowance = std::uint64_t{8} << 20;  // io.hpp documents it

    /// Input bytes that the load reads.
    void add_input(std::uint64_t bytes, const LoadOptions& options) {
        const std::uint64_t per_byte = options.max_memory_per_input_byte;
        const std::uint64_t more = per_byte != 0 && bytes > max / per_byte ? max : bytes * per_byte;
        allowed_ = more > max - allowed_ ? max : allowed_ + more;
    }
    /// How many rows of `per_row` bytes still fit.
    [[nodiscard]] std::uint64_t rows_that_fit(std::uint64_t per_row) const {
        return used_ >= allowed_ ? 0 : (allowed_ - used_) / per_row;
    }
    void use(std::uint64_t rows, std::uint64_t per_row) { used_ += rows * per_row; }  // rows <= rows_that_fit
    [[nodiscard]] std::uint64_t allowed() const { return allowed_; }
    [[nodiscard]] std::uint64_t used() const { return used_; }

private:
    static constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t allowed_ = allowance;
    std::uint64_t used_ = 0;
};

/// Bytes of memory one row of a table takes at the peak of a load. Measured through a counting
/// operator new (as tests/io/archive_memory_test.cpp does) on folders of 40,000 to 100,000
/// minimal rows of each table, the largest figure of each rounded up; the record's own size
/// comes from sizeof, so that the portable build's larger records count as they are.
///  * A record: itself, its line (RowOrigin), its slots in the Dataset's id index and in the
///    index Dataset::insert builds to validate it (open addressing, up to 2.7 slots a record),
///    and, where the Dataset keeps them, its park index entry (loans, waste facilities,
///    statistics, projects), the lookup the validation builds (parks, enterprises), the
///    (scheme, code) index (industries), and a project's row of ProjectColumns.
///  * A child row (a stage, a snapshot, a citation ...) lives in its parent's list, not in an
///    index: its element, up to three times while the list grows by doubling (the old buffer
///    and the new one), plus the row itself, its line and its place while the table is read.
template <class Row>
constexpr std::uint64_t memory_per_row() {
    if constexpr (requires { typename Row::Element; })
        return sizeof(Row) + 3 * sizeof(typename Row::Element) + 48;
    else if constexpr (Is<Row, Project>)
        return sizeof(Row) + sizeof(ProjectColumns::Row) + 104;
    else if constexpr (Is<Row, Industry>)
        return sizeof(Row) + 224;
    else if constexpr (Is<Row, Park> || Is<Row, Enterprise>)
        return sizeof(Row) + 128;
    else if constexpr (Is<Row, Source> || Is<Row, Bank>)
        return sizeof(Row) + 88;
    else
        return sizeof(Row) + 104;  // loans, waste facilities, statistics
}

/// How a table was read.
enum class ReadResult : std::uint8_t {
    complete,    ///< every row was read (rows with bad cells are in the failed keys)
    incomplete,  ///< rows could not be read (header, syntax, problem cap): their keys are unknown
    refused,     ///< over LoadOptions::max_records or the memory limit: no row was read
};

/// Ids of rows that failed, by table: their children are not reported again as orphans.
/// Tables keyed by ids from the file: keyed hashing (core/hash.hpp), never std::hash's identity.
using KeySet = std::unordered_set<std::uint64_t, parkinvest::detail::KeyedHash>;
template <class V>
using KeyMap = std::unordered_map<std::uint64_t, V, parkinvest::detail::KeyedHash>;
using FailedKeys = std::array<KeySet, 15>;

template <class Row>
ReadResult read_rows(std::string_view text, const TableInfo& table, const LoadOptions& options, MemoryBudget& budget,
                     Problems& problems, Pending<Row>& out, KeySet* failed,
                     TableOrigin* origin) {
    const std::string_view input = origin != nullptr && !origin->input.empty() ? std::string_view(origin->input) : table.file;
    const auto& columns = columns_of<Row>();
    CsvReader reader(text);
    CsvRecord record;
    CsvSyntaxError error;

    // The header.
    const auto column_list = [&] {
        std::string s;
        for (const ColumnSpec& c : columns) {
            if (!s.empty()) s += ", ";
            s += c.name;
        }
        return s;
    };
    switch (reader.next(record, columns.size() * 2 + 16, error)) {
    case CsvReader::Status::end:
        problems.add(file_problem(input, "empty file: the first line must be the header (" + column_list() + ")"));
        return ReadResult::incomplete;
    case CsvReader::Status::error: problems.add(syntax_problem(input, error)); return ReadResult::incomplete;
    case CsvReader::Status::record: break;
    }
    std::vector<std::size_t> file_column(columns.size(), RowReader::absent);
    bool header_ok = true;
    for (std::size_t i = 0; i < record.size; ++i) {
        const CsvField& f = record.fields[i];
        const std::string_view name = trim(f.text);
        const auto it = std::find_if(columns.begin(), columns.end(), [&](const ColumnSpec& c) { return c.name == name; });
        FormatProblem p = file_problem(input, {});
        p.line = f.line;
        p.column = i + 1;
        p.byte = f.byte;
        p.value = printable(name);
        if (it == columns.end()) {
            p.reason = "unknown column; the columns of " + std::string(table.file) + " are " + column_list();
        } else if (const auto j = static_cast<std::size_t>(it - columns.begin()); file_column[j] != RowReader::absent) {
            p.reason = "column given twice (also column " + std::to_string(file_column[j] + 1) + ")";
        } else {
            file_column[j] = i;
            continue;
        }
        header_ok = false;
        problems.add(std::move(p));
    }
    for (std::size_t j = 0; j < columns.size(); ++j) {
        if (columns[j].need == required && file_column[j] == RowReader::absent) {
            FormatProblem p = file_problem(input, "missing column " + columns[j].name + " (required)");
            p.line = record.line;
            p.field = columns[j].name;
            problems.add(std::move(p));
            header_ok = false;
        }
    }
    if (!header_ok) return ReadResult::incomplete;
    if (origin != nullptr) {
        origin->columns.clear();
        for (std::size_t i = 0; i < record.size; ++i) origin->columns.emplace_back(trim(record.fields[i].text));
    }
    out.key_column = file_column[0] + 1;

    // Count the rows first, with the same reader on a copy (so the count is exact), to check the
    // limits and reserve the rows before any is built.
    const std::size_t width = record.size;
    constexpr std::uint64_t per_row = memory_per_row<Row>();
    const std::uint64_t fit = budget.rows_that_fit(per_row);
    std::uint64_t count = 0;
    std::uint64_t too_many_at = 0;  // line of the first row beyond max_records
    std::uint64_t too_big_at = 0;   // line of the first row beyond the memory budget
    {
        CsvReader counter = reader;
        for (;;) {
            const auto status = counter.next(record, width, error);
            if (status == CsvReader::Status::end) break;
            ++count;
            const std::uint64_t line = status == CsvReader::Status::record ? record.line : error.line;
            if (count > options.max_records && too_many_at == 0) too_many_at = line;
            if (count > fit && too_big_at == 0) too_big_at = line;
        }
    }
    if (too_many_at != 0) {
        FormatProblem p = file_problem(input, "more than " + std::to_string(options.max_records) +
                                                  " records (LoadOptions::max_records)");
        p.line = too_many_at;
        problems.add(std::move(p));
        return ReadResult::refused;
    }
    if (too_big_at != 0) {
        std::string reason = "too many rows for the memory limit: ";
        reason += std::to_string(count);
        reason += " rows of ";
        reason += std::to_string(per_row);
        reason += " bytes each (estimated), after ";
        reason += std::to_string(budget.used());
        reason += " bytes for the tables read before, need more than the ";
        reason += std::to_string(budget.allowed());
        reason += " bytes that ";
        reason += std::to_string(options.max_memory_per_input_byte);
        reason += " bytes per byte of input plus 8 MiB allow (LoadOptions::max_memory_per_input_byte; raise it for big "
                  "trusted files)";
        FormatProblem p = file_problem(input, std::move(reason));
        p.line = too_big_at;
        problems.add(std::move(p));
        return ReadResult::refused;
    }
    budget.use(count, per_row);
    out.rows.reserve(count);
    out.lines.reserve(count);

    // The rows.
    const ReadContext ctx{input, table.entity, &file_column, &problems};
    ReadResult result = ReadResult::complete;
    for (;;) {
        const auto status = reader.next(record, width, error);
        if (status == CsvReader::Status::end) break;
        if (problems.full()) {
            problems.stopped = true;
            return ReadResult::incomplete;
        }
        if (status == CsvReader::Status::error) {
            problems.add(syntax_problem(input, error));
            result = ReadResult::incomplete;
            continue;
        }
        if (record.size != width) {
            FormatProblem p = file_problem(input, std::to_string(record.size) + " fields where the header has " +
                                                      std::to_string(width));
            p.line = record.line;
            p.byte = record.fields[0].byte;
            problems.add(std::move(p));
            result = ReadResult::incomplete;
            continue;
        }
        Row row{};
        RowReader r(ctx, record);
        visit(r, row);
        if (r.failed()) {
            if (!r.key_value()) result = ReadResult::incomplete;
            else if (failed != nullptr) failed->insert(*r.key_value());
            continue;
        }
        out.rows.push_back(std::move(row));
        out.lines.push_back(record.line);
    }
    return result;
}

template <class Record>
KeyMap<std::size_t> index_of(const std::vector<Record>& records) {
    KeyMap<std::size_t> index;
    index.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) index.emplace(records[i].id.value(), i);  // the first wins
    return index;
}

/// One read of tables into a batch. Rows are added to the batch only by commit(), so a failed
/// read leaves the batch as it was.
class TableReader {
public:
    TableReader(Batch& batch, const LoadOptions& options, Problems& problems)
        : batch_(batch), options_(options), problems_(problems) {}

    Origins origins;
    bool keep_origins = false;

    /// Input bytes of this load, for the memory limit: every table's before the first is read.
    void add_input(std::uint64_t bytes) { budget_.add_input(bytes, options_); }

    /// A table whose file could not be read: its children are not reported as orphans.
    void skip(TableId table) { incomplete_[static_cast<std::size_t>(table)] = true; }

    /// Whether a table was refused (LoadOptions::max_records or the memory limit): reading on
    /// would only report the children of its records as orphans.
    [[nodiscard]] bool refused() const { return refused_; }

    /// Reads `text` as `table`; its rows wait for commit().
    void read(TableId table, std::string_view text, std::string_view input) {
        TableOrigin* origin = &origins[static_cast<std::size_t>(table)];
        origin->input = std::string(input);
        switch (table) {
        case TableId::sources: return primary(text, table, pending_sources_, origin);
        case TableId::industries: return primary(text, table, pending_industries_, origin);
        case TableId::parks: return primary(text, table, pending_parks_, origin);
        case TableId::enterprises: return primary(text, table, pending_enterprises_, origin);
        case TableId::banks: return primary(text, table, pending_banks_, origin);
        case TableId::projects: return primary(text, table, pending_projects_, origin);
        case TableId::loans: return primary(text, table, pending_loans_, origin);
        case TableId::waste_facilities: return primary(text, table, pending_facilities_, origin);
        case TableId::statistics: return primary(text, table, pending_statistics_, origin);
        case TableId::project_investors:
            return child<InvestorRow>(text, table, batch_.projects, pending_projects_, TableId::projects, origin,
                                      [](const InvestorRow& r) { return r.project.value(); },
                                      [](Project& p, InvestorRow& r) { p.investors.push_back(r.investor); });
        case TableId::project_stages:
            return child<StageRow>(text, table, batch_.projects, pending_projects_, TableId::projects, origin,
                                   [](const StageRow& r) { return r.project.value(); },
                                   [](Project& p, StageRow& r) { p.stages.push_back(r.event); });
        case TableId::loan_snapshots:
            return child<SnapshotRow>(text, table, batch_.loans, pending_loans_, TableId::loans, origin,
                                      [](const SnapshotRow& r) { return r.loan.value(); },
                                      [](Loan& l, SnapshotRow& r) { l.snapshots.push_back(r.snapshot); });
        case TableId::waste_licence_categories:
            return child<CategoryRow>(
                text, table, batch_.waste_facilities, pending_facilities_, TableId::waste_facilities, origin,
                [](const CategoryRow& r) { return r.facility.value(); },
                [](WasteFacility& f, CategoryRow& r) { f.licence->categories.push_back(r.category); },
                [](const WasteFacility& f) -> std::string_view {
                    return f.licence ? std::string_view() : "has no licence (licence_number is empty)";
                });
        case TableId::waste_throughput:
            return child<ThroughputRow>(
                text, table, batch_.waste_facilities, pending_facilities_, TableId::waste_facilities, origin,
                [](const ThroughputRow& r) { return r.facility.value(); },
                [](WasteFacility& f, ThroughputRow& r) { f.yearly_throughput.push_back(r.throughput); });
        case TableId::citations: return citations(text, origin);
        }
    }

    /// Adds every pending row to the batch. Call it after each read(): the child rows of a read
    /// hold pointers to their parents, valid until the batch's vectors change.
    void commit() {
        for (auto& attach : attachments_) attach();
        attachments_.clear();
        append(batch_.sources, pending_sources_);
        append(batch_.industries, pending_industries_);
        append(batch_.parks, pending_parks_);
        append(batch_.enterprises, pending_enterprises_);
        append(batch_.banks, pending_banks_);
        append(batch_.projects, pending_projects_);
        append(batch_.loans, pending_loans_);
        append(batch_.waste_facilities, pending_facilities_);
        append(batch_.statistics, pending_statistics_);
    }

private:
    template <class Record>
    static void append(std::vector<Record>& to, std::vector<Record>& from) {
        if (to.empty()) {
            to.swap(from);  // no second copy of a large table
        } else {
            to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
        }
        from.clear();
    }

    /// Reads the rows of a table, noting whether all were read.
    template <class Row>
    void read_all_rows(std::string_view text, TableId table, Pending<Row>& rows,
                       KeySet* failed, TableOrigin* origin) {
        const ReadResult result = read_rows(text, info(table), options_, budget_, problems_, rows, failed, origin);
        if (result != ReadResult::complete) incomplete_[static_cast<std::size_t>(table)] = true;
        if (result == ReadResult::refused) refused_ = true;
    }

    /// Whether the parent of a child row may be missing for a reason already reported: its row
    /// failed, or its table was not read whole.
    [[nodiscard]] bool reported(TableId parent_table, std::uint64_t key) const {
        const auto t = static_cast<std::size_t>(parent_table);
        return incomplete_[t] || failed_[t].contains(key);
    }

    template <class Record>
    void primary(std::string_view text, TableId table, std::vector<Record>& pending, TableOrigin* origin) {
        Pending<Record> rows;
        read_all_rows(text, table, rows, &failed_[static_cast<std::size_t>(table)], origin);
        if (keep_origins) {
            origin->rows.reserve(origin->rows.size() + rows.rows.size());
            for (std::size_t i = 0; i < rows.rows.size(); ++i)
                origin->rows.push_back(RowOrigin{rows.rows[i].id.value(), rows.lines[i]});
        }
        append(pending, rows.rows);
    }

    /// Rows of a child table, each appended to its parent's list (parents from the batch or
    /// from this read's pending rows). `refuse(parent)` gives a reason a parent cannot take
    /// children, or an empty view.
    template <class Row, class Parent, class KeyOf, class Attach, class Refuse = std::nullptr_t>
    void child(std::string_view text, TableId table, std::vector<Parent>& committed, std::vector<Parent>& pending,
               TableId parent_table, TableOrigin* origin, KeyOf key_of, Attach attach, Refuse refuse = nullptr) {
        Pending<Row> rows;
        read_all_rows(text, table, rows, nullptr, origin);
        if (rows.rows.empty()) return;
        const auto in_batch = index_of(committed);
        const auto in_pending = index_of(pending);
        auto shared = std::make_shared<std::vector<Row>>(std::move(rows.rows));
        std::vector<std::pair<Parent*, std::size_t>> targets;  // parent, row
        targets.reserve(shared->size());
        if (keep_origins) origin->rows.reserve(origin->rows.size() + shared->size());
        for (std::size_t i = 0; i < shared->size(); ++i) {
            const std::uint64_t key = key_of((*shared)[i]);
            Parent* parent = nullptr;
            if (const auto it = in_pending.find(key); it != in_pending.end()) parent = &pending[it->second];
            else if (const auto jt = in_batch.find(key); jt != in_batch.end()) parent = &committed[jt->second];
            std::string reason;
            if (parent == nullptr) {
                if (reported(parent_table, key)) continue;
                reason = "refers to " + std::string(info(table).entity) + "#" + std::to_string(key) + ", which is not in " +
                         std::string(info(parent_table).file);
            } else if constexpr (!std::is_same_v<Refuse, std::nullptr_t>) {
                reason = std::string(refuse(*parent));
            }
            if (!reason.empty()) {
                if (problems_.full()) {  // no message is built past the cap
                    problems_.stopped = true;
                    break;
                }
                FormatProblem p = file_problem(origin->input, std::move(reason));
                p.line = rows.lines[i];
                p.column = rows.key_column;
                p.entity = std::string(info(table).entity);
                p.id = std::string(info(table).entity) + "#" + std::to_string(key);
                p.field = columns_of<Row>()[0].name;
                p.value = std::to_string(key);
                problems_.add(std::move(p));
                continue;
            }
            if (keep_origins) origin->rows.push_back(RowOrigin{key, rows.lines[i]});
            targets.emplace_back(parent, i);
        }
        attachments_.push_back([targets = std::move(targets), shared, attach]() mutable {
            for (auto& [parent, i] : targets) attach(*parent, (*shared)[i]);
        });
    }

    void citations(std::string_view text, TableOrigin* origin) {
        Pending<CitationRow> rows;
        read_all_rows(text, TableId::citations, rows, nullptr, origin);
        if (rows.rows.empty()) return;
        auto shared = std::make_shared<std::vector<CitationRow>>(std::move(rows.rows));
        std::vector<std::pair<std::vector<Citation>*, std::size_t>> targets;
        targets.reserve(shared->size());
        if (keep_origins) {
            origin->rows.reserve(origin->rows.size() + shared->size());
            origin->cited.reserve(origin->cited.size() + shared->size());
        }
        // Indexes by kind, built on first use.
        std::array<std::optional<KeyMap<std::size_t>>, 16> indexes;
        const auto lookup = [&](auto& committed, auto& pending, std::size_t slot, std::uint64_t id) -> std::vector<Citation>* {
            auto& pending_index = indexes[2 * slot];
            auto& batch_index = indexes[2 * slot + 1];
            if (!pending_index) pending_index = index_of(pending);
            if (!batch_index) batch_index = index_of(committed);
            if (const auto it = pending_index->find(id); it != pending_index->end()) return &pending[it->second].sources;
            if (const auto it = batch_index->find(id); it != batch_index->end()) return &committed[it->second].sources;
            return nullptr;
        };
        for (std::size_t i = 0; i < shared->size(); ++i) {
            const CitationRow& row = (*shared)[i];
            std::vector<Citation>* list = nullptr;
            switch (row.entity) {
            case Cited::industry: list = lookup(batch_.industries, pending_industries_, 0, row.id); break;
            case Cited::park: list = lookup(batch_.parks, pending_parks_, 1, row.id); break;
            case Cited::enterprise: list = lookup(batch_.enterprises, pending_enterprises_, 2, row.id); break;
            case Cited::bank: list = lookup(batch_.banks, pending_banks_, 3, row.id); break;
            case Cited::project: list = lookup(batch_.projects, pending_projects_, 4, row.id); break;
            case Cited::loan: list = lookup(batch_.loans, pending_loans_, 5, row.id); break;
            case Cited::waste_facility: list = lookup(batch_.waste_facilities, pending_facilities_, 6, row.id); break;
            case Cited::statistic: list = lookup(batch_.statistics, pending_statistics_, 7, row.id); break;
            }
            const std::string_view entity = enum_name(row.entity);
            if (list == nullptr) {
                if (reported(cited_table(row.entity), row.id)) continue;
                if (problems_.full()) {  // no message is built past the cap
                    problems_.stopped = true;
                    break;
                }
                const std::string id = std::string(entity) + "#" + std::to_string(row.id);
                FormatProblem p = file_problem(origin->input, "refers to " + id + ", which is not in its table");
                p.line = rows.lines[i];
                p.entity = std::string(entity);
                p.id = id;
                p.field = "id";
                p.value = std::to_string(row.id);
                problems_.add(std::move(p));
                continue;
            }
            if (keep_origins) {
                origin->rows.push_back(RowOrigin{row.id, rows.lines[i]});
                origin->cited.push_back(row.entity);
            }
            targets.emplace_back(list, i);
        }
        attachments_.push_back([targets = std::move(targets), shared]() mutable {
            for (auto& [list, i] : targets) list->push_back(std::move((*shared)[i].citation));
        });
    }

    static TableId cited_table(Cited c) {
        constexpr std::array<TableId, 8> tables{TableId::industries, TableId::parks, TableId::enterprises,
                                              TableId::banks,      TableId::projects, TableId::loans,
                                              TableId::waste_facilities, TableId::statistics};
        return tables[static_cast<std::size_t>(c)];
    }

    Batch& batch_;
    const LoadOptions& options_;
    Problems& problems_;
    MemoryBudget budget_;
    FailedKeys failed_;
    std::array<bool, 15> incomplete_{};
    bool refused_ = false;
    std::vector<Source> pending_sources_;
    std::vector<Industry> pending_industries_;
    std::vector<Park> pending_parks_;
    std::vector<Enterprise> pending_enterprises_;
    std::vector<Bank> pending_banks_;
    std::vector<Project> pending_projects_;
    std::vector<Loan> pending_loans_;
    std::vector<WasteFacility> pending_facilities_;
    std::vector<ReportedStatistic> pending_statistics_;
    std::vector<std::function<void()>> attachments_;
};

// ------------------------------------------------------------------------------------------
// Validation problems back to files and lines.

/// The table of an entity name ("project" → projects.csv).
std::optional<TableId> table_of_entity(std::string_view entity) {
    for (const TableInfo& t : {info(TableId::sources), info(TableId::industries), info(TableId::parks), info(TableId::enterprises),
                               info(TableId::banks), info(TableId::projects), info(TableId::loans), info(TableId::waste_facilities),
                               info(TableId::statistics)})
        if (t.entity == entity) return t.table;
    return std::nullopt;
}

class OriginMap {
public:
    explicit OriginMap(Origins& origins) : origins_(origins) {}

    /// Sets input, line and column of a problem found by the dataset's validation.
    void locate(FormatProblem& p) {
        const auto table = table_of_entity(p.entity);
        const std::size_t hash = p.id.rfind('#');
        if (!table || hash == std::string::npos) return;
        const auto id = parse_integer<std::uint64_t>(std::string_view(p.id).substr(hash + 1));
        if (!id) return;
        // A field in a child table: "stages[2].date" → the third stage row of this project.
        struct Child {
            std::string_view prefix;
            TableId table;
        };
        const Child children[] = {{"investors[", TableId::project_investors},
                                  {"stages[", TableId::project_stages},
                                  {"snapshots[", TableId::loan_snapshots},
                                  {"licence.categories[", TableId::waste_licence_categories},
                                  {"yearly_throughput[", TableId::waste_throughput},
                                  {"sources[", TableId::citations}};
        for (const Child& c : children) {
            if (!p.field.starts_with(c.prefix)) continue;
            const std::string_view rest = std::string_view(p.field).substr(c.prefix.size());
            const std::size_t close = rest.find(']');
            const auto index = parse_integer<std::size_t>(rest.substr(0, close));
            if (close == std::string_view::npos || !index) return;
            if (c.table == TableId::citations) {
                const auto kind = enum_from_text<Cited>(p.entity);
                if (!kind) return;
                place(p, c.table, lines(c.table, *id, *kind), *index, rest.substr(close + 1));
            } else {
                place(p, c.table, lines(c.table, *id, std::nullopt), *index, rest.substr(close + 1));
            }
            return;
        }
        // A field of the record's own row; a duplicate id points at its second row.
        const auto& found = lines(*table, *id, std::nullopt);
        std::size_t index = 0;
        if (p.field == "id" && p.reason == "duplicate id") index = ++duplicates_seen_[p.id];
        std::string column = p.field.substr(0, p.field.find('['));
        std::replace(column.begin(), column.end(), '.', '_');
        place(p, *table, found, index, {}, column);
    }

private:
    void place(FormatProblem& p, TableId table, const std::vector<std::uint64_t>& found, std::size_t index,
               std::string_view suffix, std::string column = {}) {
        const TableOrigin& origin = origins_[static_cast<std::size_t>(table)];
        if (index >= found.size()) return;
        p.input = origin.input;
        p.line = found[index];
        if (column.empty() && suffix.starts_with(".")) column = std::string(suffix.substr(1));
        for (std::size_t i = 0; i < origin.columns.size(); ++i)
            if (!column.empty() && origin.columns[i] == column) p.column = i + 1;
    }
    /// Lines of the rows with this key (the record's id, or the parent's), in file order.
    const std::vector<std::uint64_t>& lines(TableId table, std::uint64_t key, std::optional<Cited> kind) {
        auto& index = by_key_[static_cast<std::size_t>(table)];
        if (!index) {
            index.emplace();
            const TableOrigin& origin = origins_[static_cast<std::size_t>(table)];
            for (std::size_t i = 0; i < origin.rows.size(); ++i) {
                const std::uint64_t k = table == TableId::citations
                                            ? origin.rows[i].key * 8 + static_cast<std::uint64_t>(origin.cited[i])
                                            : origin.rows[i].key;
                (*index)[k].push_back(origin.rows[i].line);
            }
        }
        static const std::vector<std::uint64_t> none;
        const std::uint64_t k = kind ? key * 8 + static_cast<std::uint64_t>(*kind) : key;
        const auto it = index->find(k);
        return it == index->end() ? none : it->second;
    }

    Origins& origins_;
    std::array<std::optional<KeyMap<std::vector<std::uint64_t>>>, 15> by_key_;
    std::unordered_map<std::string, std::size_t, parkinvest::detail::KeyedHash> duplicates_seen_;
};

std::optional<std::string> read_file(const std::filesystem::path& file, const LoadOptions& options, Problems& problems) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        problems.add(file_problem(file.string(), "cannot read the file (" + ec.message() + ")"));
        return std::nullopt;
    }
    if (size > options.max_input_bytes) {
        problems.add(file_problem(file.string(), "file larger than the limit of " + std::to_string(options.max_input_bytes) +
                                                     " bytes (LoadOptions::max_input_bytes)"));
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problems.add(file_problem(file.string(), "cannot open the file"));
        return std::nullopt;
    }
    try {
        return detail::read_all(in, options, file.string());
    } catch (const FormatError& e) {
        for (const FormatProblem& p : e.problems()) problems.add(p);
        return std::nullopt;
    }
}


// ------------------------------------------------------------------------------------------
// The reference of the tables (docs/formats.md), from the same visit() that reads and writes.

template <class Row>
void table_reference(std::string& md) {
    md += "| column | form | required | example |\n|---|---|---|---|\n";
    for (const ColumnSpec& c : columns_of<Row>())
        md += "| `" + c.name + "` | " + c.form + " | " + c.required_text + " | " + c.example + " |\n";
}
}  // namespace

// ------------------------------------------------------------------------------------------
// Public: one table.

namespace csv {

std::span<const TableId> tables() noexcept { return all_tables; }

std::string_view file_name(TableId table) noexcept {
    const auto i = static_cast<std::size_t>(table);
    return i < table_info.size() ? table_info[i].file : std::string_view("?");
}

void write_table(const Dataset& ds, TableId table, std::ostream& out) {
    const std::string_view file = file_name(table);
    switch (table) {
    case TableId::sources: return write_records(out, file, ds.sources());
    case TableId::industries: return write_records(out, file, ds.industries());
    case TableId::parks: return write_records(out, file, ds.parks());
    case TableId::enterprises: return write_records(out, file, ds.enterprises());
    case TableId::banks: return write_records(out, file, ds.banks());
    case TableId::projects: return write_records(out, file, ds.projects());
    case TableId::loans: return write_records(out, file, ds.loans());
    case TableId::waste_facilities: return write_records(out, file, ds.waste_facilities());
    case TableId::statistics: return write_records(out, file, ds.statistics());
    case TableId::project_investors:
        return write_children<InvestorRow>(out, file, ds.projects(), [](const Project& p, const auto& emit) {
            for (const Investor& i : p.investors) emit(InvestorRow{p.id, i});
        });
    case TableId::project_stages:
        return write_children<StageRow>(out, file, ds.projects(), [](const Project& p, const auto& emit) {
            for (const StageEvent& e : p.stages) emit(StageRow{p.id, e});
        });
    case TableId::loan_snapshots:
        return write_children<SnapshotRow>(out, file, ds.loans(), [](const Loan& l, const auto& emit) {
            for (const LoanSnapshot& s : l.snapshots) emit(SnapshotRow{l.id, s});
        });
    case TableId::waste_licence_categories:
        return write_children<CategoryRow>(out, file, ds.waste_facilities(), [](const WasteFacility& f, const auto& emit) {
            if (f.licence)
                for (const LicensedCategory& c : f.licence->categories) emit(CategoryRow{f.id, c});
        });
    case TableId::waste_throughput:
        return write_children<ThroughputRow>(out, file, ds.waste_facilities(), [](const WasteFacility& f, const auto& emit) {
            for (const YearlyThroughput& y : f.yearly_throughput) emit(ThroughputRow{f.id, y});
        });
    case TableId::citations:
        return write_rows<CitationRow>(out, file, [&](auto&& emit) {
            const auto each = [&](const CitationRow& row, const std::string& who) {
                emit(row, [&] { return who; });
            };
            write_citations(ds.industries(), Cited::industry, each);
            write_citations(ds.parks(), Cited::park, each);
            write_citations(ds.enterprises(), Cited::enterprise, each);
            write_citations(ds.banks(), Cited::bank, each);
            write_citations(ds.projects(), Cited::project, each);
            write_citations(ds.loans(), Cited::loan, each);
            write_citations(ds.waste_facilities(), Cited::waste_facility, each);
            write_citations(ds.statistics(), Cited::statistic, each);
        });
    }
    throw ArgumentError("parkinvest: unknown CSV table");
}

void read_table(std::string_view csv_text, TableId table, Batch& batch, const LoadOptions& options, std::string_view name) {
    if (static_cast<std::size_t>(table) >= table_info.size()) throw ArgumentError("parkinvest: unknown CSV table");
    Problems problems;
    if (csv_text.size() > options.max_input_bytes) {
        problems.add(file_problem(name, "input larger than the limit of " + std::to_string(options.max_input_bytes) +
                                            " bytes (LoadOptions::max_input_bytes)"));
        problems.raise(name);
    }
    TableReader reader(batch, options, problems);
    reader.add_input(csv_text.size());
    reader.read(table, csv_text, name);
    if (!problems.empty()) problems.raise(name);
    reader.commit();
}

void read_table(std::istream& in, TableId table, Batch& batch, const LoadOptions& options, std::string_view name) {
    const std::string text = detail::read_all(in, options, name);
    read_table(text, table, batch, options, name);
}

}  // namespace csv

// ------------------------------------------------------------------------------------------
// The folder.

namespace detail {

void csv_reference(std::string& md) {
    for (const TableInfo& t : table_info) {
        md += "\n### ";
        md += t.file;
        md += "\n\n";
        switch (t.table) {
        case TableId::sources: table_reference<Source>(md); break;
        case TableId::industries: table_reference<Industry>(md); break;
        case TableId::parks: table_reference<Park>(md); break;
        case TableId::enterprises: table_reference<Enterprise>(md); break;
        case TableId::banks: table_reference<Bank>(md); break;
        case TableId::projects: table_reference<Project>(md); break;
        case TableId::project_investors: table_reference<InvestorRow>(md); break;
        case TableId::project_stages: table_reference<StageRow>(md); break;
        case TableId::loans: table_reference<Loan>(md); break;
        case TableId::loan_snapshots: table_reference<SnapshotRow>(md); break;
        case TableId::waste_facilities: table_reference<WasteFacility>(md); break;
        case TableId::waste_licence_categories: table_reference<CategoryRow>(md); break;
        case TableId::waste_throughput: table_reference<ThroughputRow>(md); break;
        case TableId::statistics: table_reference<ReportedStatistic>(md); break;
        case TableId::citations: table_reference<CitationRow>(md); break;
        }
    }
}

void save_csv(const Dataset& dataset, const std::filesystem::path& folder) {
    // A new folder is written next to `folder` and swapped in whole (atomic_file.hpp).
    std::array<std::string_view, all_tables.size()> files{};
    std::transform(all_tables.begin(), all_tables.end(), files.begin(), csv::file_name);
    write_folder_atomically(folder, files, [&](std::size_t i, std::ostream& out) { csv::write_table(dataset, all_tables[i], out); });
}

Dataset load_csv(const std::filesystem::path& folder, const LoadOptions& options) {
    const std::string folder_name = folder.string();
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw FormatError(file_problem(folder_name, "not a folder of CSV tables (it does not exist or is a file)"));

    Problems problems;
    // The file of each table, whatever the case of its name (projects.CSV, Projects.csv: exports
    // from Windows spreadsheets). Other .csv files are most likely misspelt tables: name them
    // rather than skip them.
    std::array<std::filesystem::path, table_info.size()> files;
    std::array<bool, table_info.size()> twice{};  // tables given by two files: neither is read
    bool any = false;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::string file = entry.path().filename().string();
        if (!equal_nocase(entry.path().extension().string(), ".csv")) continue;
        const auto known = std::find_if(table_info.begin(), table_info.end(),
                                        [&](const TableInfo& t) { return equal_nocase(t.file, file); });
        if (problems.full()) {  // no message is built past the cap
            problems.stopped = true;
            continue;
        }
        if (known == table_info.end()) {
            std::string names;
            for (const TableInfo& t : table_info) names += (names.empty() ? "" : ", ") + std::string(t.file);
            problems.add(file_problem(entry.path().string(), "not a table of a dataset; the tables are " + names));
            continue;
        }
        std::filesystem::path& slot = files[static_cast<std::size_t>(known - table_info.begin())];
        if (!slot.empty()) {
            const auto [first, second] = std::minmax(slot, entry.path());
            std::string reason = "two files for the table " + std::string(known->file) + ": ";
            reason += first.filename().string() + " and " + second.filename().string() + " (names differ only in case)";
            problems.add(file_problem(second.string(), std::move(reason)));
            twice[static_cast<std::size_t>(known - table_info.begin())] = true;
            continue;
        }
        slot = entry.path();
        any = true;
    }
    if (ec) throw FormatError(file_problem(folder_name, "cannot list the folder (" + ec.message() + ")"));
    if (!any && problems.empty()) problems.add(file_problem(folder_name, "the folder holds no table files (parks.csv, projects.csv ...)"));

    Batch batch;
    TableReader reader(batch, options, problems);
    reader.keep_origins = true;
    // The memory limit is for the whole load: every table's bytes count before the first is read.
    for (const std::filesystem::path& file : files) {
        if (file.empty()) continue;
        const std::uint64_t size = std::filesystem::file_size(file, ec);
        if (!ec) reader.add_input(size);  // read_file reports a file that cannot be read
    }
    for (TableId t : all_tables) {
        const std::filesystem::path& file = files[static_cast<std::size_t>(t)];
        if (file.empty()) continue;  // a table that is not there is empty
        if (problems.full()) {
            problems.stopped = true;
            break;
        }
        const auto text = twice[static_cast<std::size_t>(t)] ? std::nullopt : read_file(file, options, problems);
        if (!text) {
            reader.skip(t);
            continue;
        }
        reader.read(t, *text, file.string());
        if (reader.refused()) break;  // one problem: the tables after it would only repeat it
        reader.commit();  // the batch is ours: children of later tables find these parents
    }
    if (!problems.empty()) problems.raise(folder_name);

    Dataset dataset;
    try {
        dataset.insert(std::move(batch));
    } catch (const ValidationError& e) {
        // The first max_problems only, like the problems of the files.
        const auto& all = e.problems();
        const std::size_t n = std::min(all.size(), max_problems);
        const FormatError converted =
            to_format_error(ValidationError(std::vector<Problem>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n))),
                            folder_name);
        OriginMap map(reader.origins);
        Problems located;
        for (const FormatProblem& p : converted.problems()) {
            FormatProblem q = p;
            map.locate(q);
            located.add(std::move(q));
        }
        located.stopped = all.size() > n;
        located.raise(folder_name);
    }
    return dataset;
}

}  // namespace detail

}  // namespace parkinvest::io
