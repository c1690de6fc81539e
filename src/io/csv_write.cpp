// SPDX-License-Identifier: MIT
// A Dataset as a folder of CSV tables: writing them, and their reference (docs/formats.md), from
// the tables' visit() (csv_tables.hpp).
#include "csv_tables.hpp"

#include "atomic_file.hpp"

namespace parkinvest::io {

namespace {

using namespace csv_detail;

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
// The reference of the tables (docs/formats.md), from the same visit() that reads and writes.

template <class Row>
void table_reference(std::string& md) {
    md += "| column | form | required | example |\n|---|---|---|---|\n";
    for (const ColumnSpec& c : columns_of<Row>())
        md += "| `" + c.name + "` | " + c.form + " | " + c.required_text + " | " + c.example + " |\n";
}

}  // namespace

namespace csv {

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

}  // namespace csv

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

}  // namespace detail

}  // namespace parkinvest::io
