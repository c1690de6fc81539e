// SPDX-License-Identifier: MIT
#include <parkinvest/query/query.hpp>
#include <parkinvest/query/table.hpp>
#include <parkinvest/core/text_out.hpp>

#include <algorithm>
#include <sstream>

namespace parkinvest::query {

std::unordered_set<ParkId> park_and_descendants(const Dataset& ds, ParkId park) {
    std::unordered_set<ParkId> out{park};
    std::vector<ParkId> todo{park};
    while (!todo.empty()) {
        const ParkId p = todo.back();
        todo.pop_back();
        for (ParkId sub : ds.sub_parks_of(p))
            if (out.insert(sub).second) todo.push_back(sub);
    }
    return out;
}

std::unordered_set<IndustryId> industry_and_descendants(const Dataset& ds, IndustryId industry) {
    std::unordered_set<IndustryId> out{industry};
    // Industries are few: repeat until no child is added.
    for (bool grew = true; grew;) {
        grew = false;
        for (const Industry& i : ds.industries())
            if (i.parent && out.contains(*i.parent) && out.insert(i.id).second) grew = true;
    }
    return out;
}

detail::ParkSet::ParkSet(const std::unordered_set<ParkId>& parks) {
    std::uint64_t largest = 0;
    for (ParkId p : parks) largest = std::max(largest, p.value());
    if (largest < (1u << 24)) {  // a bitmap of at most 16 MB
        dense_.assign(static_cast<std::size_t>(largest) + 1, 0);
        for (ParkId p : parks) dense_[static_cast<std::size_t>(p.value())] = 1;
    } else {
        sparse_ = parks;
    }
}

Money Conversion::apply(const Money& m) const {
    if (m.currency() == target) return m;
    for (const ExchangeRate& r : rates)
        if (r.from() == m.currency() && r.to() == target) return r.convert(m, mode);
    throw QueryError("parkinvest: no exchange rate from " + std::string(iso_code(m.currency())) + " to " +
                     std::string(iso_code(target)) + " in the conversion");
}

void detail::SumAcc::add_general(const Money& value, Bound b) {
    if (total) {
        if (total->currency() != value.currency()) throw_mixed(*total, value);
        *total += value;
        bound = combine(bound, b);
    } else {
        total = value;
        bound = b;
    }
    ++n;
}

void detail::SumAcc::throw_mixed(const Money& a, const Money& b) {
    throw QueryError("parkinvest: cannot aggregate " + std::string(iso_code(a.currency())) + " and " +
                     std::string(iso_code(b.currency())) +
                     " amounts in one column; filter by currency (in_currency) or supply a Conversion");
}

std::size_t display_width(std::string_view s) noexcept {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
        char32_t cp = len == 1 ? b : static_cast<char32_t>(b & (0x7F >> len));
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        width += wide ? 2 : 1;
        i += len;
    }
    return width;
}

// ---------------------------------------------------------------- Table

Table::Table(std::vector<Column> columns, std::vector<std::vector<Cell>> rows)
    : columns_(std::move(columns)), rows_(std::move(rows)) {
    for (const auto& r : rows_)
        if (r.size() != columns_.size()) throw QueryError("parkinvest: a table row does not match its columns");
}

std::size_t Table::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].name_zh == name || columns_[i].name_en == name) return i;
    throw QueryError("parkinvest: no column \"" + std::string(name) + "\" in the table");
}

std::string Table::text(const Cell& c, Language lang) {
    return std::visit(
        [lang](const auto& v) -> std::string {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>) return "";
            else if constexpr (std::is_same_v<V, std::int64_t>) return std::to_string(v);
            else if constexpr (std::is_same_v<V, ReportedAmount>) {
                MoneyFormat f;
                f.language = lang;
                return with_bound(v.value.format(f), v.bound, lang);
            } else if constexpr (std::is_same_v<V, Percent>) return v.format(1, RoundingMode::half_up);
            else if constexpr (std::is_same_v<V, Label>) return lang == Language::chinese ? v.zh : v.en;
            else if constexpr (std::is_same_v<V, Area>) {
                const bool large = v >= Area::of(1, AreaKind::Unit::square_kilometre);
                return v.format(large ? AreaKind::Unit::square_kilometre : AreaKind::Unit::square_metre, lang);
            } else if constexpr (std::is_same_v<V, Mass>) return v.format(MassKind::Unit::tonne, lang);
            else return v.format(AnnualThroughputKind::Unit::tonne_per_year, lang);
        },
        c);
}

std::string Table::to_text(Language lang) const {
    std::vector<std::size_t> width(columns_.size());
    for (std::size_t c = 0; c < columns_.size(); ++c) width[c] = display_width(columns_[c].name(lang));
    // Cells as printable text (core/utf8.hpp), uncut: a control character in a label must not
    // reach the terminal.
    const auto cell_text = [lang](const Cell& cell) { return printable(text(cell, lang), std::string::npos); };
    for (const auto& row : rows_)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(cell_text(row[c])));
    std::string out;
    const auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = width[c] - display_width(cells[c]);
            if (columns_[c].is_key) out += cells[c] + std::string(pad, ' ');
            else out += std::string(pad, ' ') + cells[c];  // numbers right-aligned
            out += c + 1 < cells.size() ? "  " : "\n";
        }
    };
    std::vector<std::string> header;
    for (const Column& col : columns_) header.push_back(col.name(lang));
    line(header);
    std::vector<std::string> rule;
    for (std::size_t w : width) rule.push_back(std::string(w, '-'));
    line(rule);
    for (const auto& row : rows_) {
        std::vector<std::string> cells;
        for (const Cell& c : row) cells.push_back(cell_text(c));
        line(cells);
    }
    return out;
}

std::string Table::to_csv(Language lang) const {
    std::string out;
    std::vector<bool> money(columns_.size(), false);
    for (const auto& row : rows_)
        for (std::size_t c = 0; c < row.size(); ++c)
            if (std::holds_alternative<ReportedAmount>(row[c])) money[c] = true;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        if (c) out += ',';
        text_out::append_csv_field(out, columns_[c].name(lang));
        if (money[c]) {
            const bool zh = lang == Language::chinese;
            out += ',';
            text_out::append_csv_field(out, columns_[c].name(lang) + (zh ? "界限" : " bound"));
            out += ',';
            text_out::append_csv_field(out, columns_[c].name(lang) + (zh ? "币种" : " currency"));
        }
    }
    out += "\r\n";
    for (const auto& row : rows_) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) out += ',';
            if (const auto* a = std::get_if<ReportedAmount>(&row[c])) {
                out += text_out::money_text(a->value) + "," + std::string(enum_name(a->bound)) + "," + std::string(iso_code(a->value.currency()));
            } else if (const auto* p = std::get_if<Percent>(&row[c])) {
                out += text_out::percent_number(*p);
            } else {
                text_out::append_csv_field(out, text(row[c], lang));
                if (money[c]) out += ",,";
            }
        }
        out += "\r\n";
    }
    return out;
}

std::string Table::to_json() const {
    // JSON object keys must be unique: number repeated column names.
    std::vector<std::string> keys;
    for (const Column& col : columns_) {
        std::string key = col.name_en;
        for (int n = 2; std::find(keys.begin(), keys.end(), key) != keys.end(); ++n)
            key = col.name_en + " (" + std::to_string(n) + ")";
        keys.push_back(std::move(key));
    }
    std::string out = "[";
    const auto string = [&out](std::string_view s) { text_out::append_json_string(out, s); };
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        out += r ? ",\n {" : "\n {";
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            if (c) out += ", ";
            string(keys[c]);
            out += ": ";
            const Cell& cell = rows_[r][c];
            if (std::holds_alternative<std::monostate>(cell)) {
                out += "null";
            } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
                out += std::to_string(*n);
            } else if (const auto* a = std::get_if<ReportedAmount>(&cell)) {
                out += "{\"amount\": ";
                string(text_out::money_text(a->value));
                out += ", \"currency\": ";
                string(iso_code(a->value.currency()));
                out += ", \"bound\": ";
                string(std::string(enum_name(a->bound)));
                out += "}";
            } else if (const auto* p = std::get_if<Percent>(&cell)) {
                string(text_out::percent_number(*p));
            } else if (const auto* l = std::get_if<Label>(&cell)) {
                out += "{\"zh\": ";
                string(l->zh);
                out += ", \"en\": ";
                string(l->en);
                out += "}";
            } else {
                string(text(cell, Language::english));  // quantities: "291 t/a"
            }
        }
        out += "}";
    }
    out += rows_.empty() ? "]\n" : "\n]\n";
    return out;
}

namespace {
/// Sort key of a cell for top(): counts, amounts and percentages compare by value.
int compare_cells(const Cell& a, const Cell& b) {
    if (a.index() != b.index()) return 0;
    if (const auto* x = std::get_if<std::int64_t>(&a)) {
        const auto y = std::get<std::int64_t>(b);
        return *x < y ? -1 : (*x > y ? 1 : 0);
    }
    if (const auto* x = std::get_if<ReportedAmount>(&a)) {
        const auto& y = std::get<ReportedAmount>(b);
        if (x->value.currency() != y.value.currency()) return 0;
        return x->value < y.value ? -1 : (x->value > y.value ? 1 : 0);
    }
    if (const auto* x = std::get_if<Percent>(&a)) {
        const auto& y = std::get<Percent>(b);
        return *x < y ? -1 : (*x > y ? 1 : 0);
    }
    const auto quantities = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
    if (const auto* x = std::get_if<AnnualThroughput>(&a)) return quantities(*x, std::get<AnnualThroughput>(b));
    if (const auto* x = std::get_if<Area>(&a)) return quantities(*x, std::get<Area>(b));
    if (const auto* x = std::get_if<Mass>(&a)) return quantities(*x, std::get<Mass>(b));
    return 0;
}
}  // namespace

Table Table::top(std::size_t n, std::string_view name) const {
    const std::size_t c = column(name);
    std::vector<std::size_t> order(rows_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Cell& x = rows_[a][c];
        const Cell& y = rows_[b][c];
        const bool ex = std::holds_alternative<std::monostate>(x);
        const bool ey = std::holds_alternative<std::monostate>(y);
        if (ex != ey) return ey;  // empty cells last
        return compare_cells(x, y) > 0;
    });
    std::vector<std::vector<Cell>> rows;
    for (std::size_t i = 0; i < order.size() && i < n; ++i) rows.push_back(rows_[order[i]]);
    return Table(columns_, std::move(rows));
}

}  // namespace parkinvest::query
