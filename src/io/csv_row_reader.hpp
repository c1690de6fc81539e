// SPDX-License-Identifier: MIT
// Internal: reading one CSV row's cells into a record (RowReader, driven by the table's visit()),
// with the problems of a load, capped. Used by csv.cpp and json_lines_read.cpp (a line's members are
// read as the cells of its CSV row). Not installed.
#pragma once

#include "csv_tables.hpp"

namespace parkinvest::io::csv_detail {

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

/// Throws the Dataset's validation problems as one FormatError about input `name`: the first
/// max_problems of them, each placed by `locate(FormatProblem&)` (file, line, column), and a
/// note when there were more.
template <class Locate>
[[noreturn]] void raise_located(const ValidationError& e, std::string_view name, Locate locate) {
    const auto& all = e.problems();
    const std::size_t n = std::min(all.size(), max_problems);
    const FormatError converted =
        detail::to_format_error(ValidationError(std::vector<Problem>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n))), name);
    Problems located;
    for (const FormatProblem& p : converted.problems()) {
        FormatProblem q = p;
        locate(q);
        located.add(std::move(q));
    }
    located.stopped = all.size() > n;
    located.raise(name);
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

inline bool equal_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

/// The reason of a ParseError without the echo of the input: "byte 3: unknown unit (...)".
inline std::string parse_reason(std::string_view what, const ParseError& e) {
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
    std::string_view id;            ///< the record problems name when the row has no id of its own (a JSON Lines list element)
    std::string_view field_prefix;  ///< before each field name ("stages[2].")
    bool element = false;           ///< a list element read on its own: its first id is not its record's
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
        if (f == nullptr || !parse_id(f, n, id) || !first_column || ctx_.element) return;
        // A child row (a stage, a snapshot ...) is about its parent, its first column; a list
        // element read on its own (JSON Lines) is about the record the context names.
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
            p.column = f->column != 0 ? f->column : static_cast<std::uint64_t>(f - record_.fields.data()) + 1;
            p.value = printable(f->text);
        } else {
            p.line = record_.line;
        }
        p.entity = std::string(ctx_.entity);
        p.id = id_text_set_ ? id_text_ : std::string(ctx_.id);
        p.field = std::string(ctx_.field_prefix) + column.str();
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



}  // namespace parkinvest::io::csv_detail
