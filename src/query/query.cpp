// SPDX-License-Identifier: MIT
#include <parkinvest/query/query.hpp>
#include <parkinvest/query/table.hpp>
#include <parkinvest/core/text_out.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace parkinvest::query {

void detail::grow_slot_table(std::vector<std::int32_t>& table, std::size_t i) {
    table.resize(std::max<std::size_t>(i + 1, table.size() * 2), -1);
}

void detail::throw_unknown_id(const char* entity, std::uint64_t id) {
    throw QueryError("parkinvest: from(ds, ids): the dataset has no " + std::string(entity) + " " + std::to_string(id));
}

void detail::throw_listed_twice(const char* entity, std::uint64_t id) {
    throw QueryError("parkinvest: from(ds, ids): " + std::string(entity) + " " + std::to_string(id) + " is listed twice");
}

std::optional<std::uint32_t> detail::repeated_row(const std::vector<std::uint32_t>& rows, std::size_t all) {
    if (rows.size() >= all / 32) {
        std::vector<bool> seen(all);
        for (const std::uint32_t row : rows) {
            if (seen[row]) return row;
            seen[row] = true;
        }
        return std::nullopt;
    }
    std::vector<std::uint32_t> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    if (const auto at = std::adjacent_find(sorted.begin(), sorted.end()); at != sorted.end()) return *at;
    return std::nullopt;
}

detail::TableBuilder::TableBuilder(std::size_t rows) { rows_.reserve(rows); }

void detail::TableBuilder::add_column(const std::string& name_zh, const std::string& name_en, bool is_key, ColumnKind kind) {
    columns_.push_back(Column{name_zh, name_en, is_key, kind});
}

void detail::TableBuilder::start_row() {
    rows_.emplace_back();
    rows_.back().reserve(columns_.size());
}

void detail::TableBuilder::add_label(std::string zh, std::string en) {
    // emplace_back in place: a Cell temporary from a ?: gives gcc 12 -O3 a false
    // -Wmaybe-uninitialized in <variant>.
    rows_.back().emplace_back(std::in_place_type<Label>, Label{std::move(zh), std::move(en)});
}

void detail::add_key_label(TableBuilder& table, const BoundKey& key, BoundKey::Code code) {
    if (code == BoundKey::none) table.add_label("(无)", "(none)");
    else {
        std::string zh = key.label(code, Language::chinese);  // Chinese first, as the Label{} it was
        std::string en = key.label(code, Language::english);
        table.add_label(std::move(zh), std::move(en));
    }
}

void detail::TableBuilder::add_cell(Cell cell) { rows_.back().push_back(std::move(cell)); }

Table detail::TableBuilder::finish() && { return Table(std::move(columns_), std::move(rows_)); }

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
    // Children by parent (keyed hash: ids come from files), then a walk down from `industry`:
    // one step per industry, however deep and in whatever order the chain is listed.
    std::unordered_map<IndustryId, std::vector<IndustryId>> children;  // ids hash keyed (model/ids.hpp)
    for (const Industry& i : ds.industries())
        if (i.parent) children[*i.parent].push_back(i.id);
    std::unordered_set<IndustryId> out{industry};
    std::vector<IndustryId> todo{industry};
    while (!todo.empty()) {
        const IndustryId p = todo.back();
        todo.pop_back();
        if (const auto it = children.find(p); it != children.end())
            for (const IndustryId c : it->second)
                if (out.insert(c).second) todo.push_back(c);
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

bool fits(const Cell& c, ColumnKind kind) noexcept {
    if (std::holds_alternative<std::monostate>(c)) return true;
    switch (kind) {
    case ColumnKind::label: return std::holds_alternative<Label>(c);
    case ColumnKind::count: return std::holds_alternative<std::int64_t>(c);
    case ColumnKind::amount: return std::holds_alternative<ReportedAmount>(c) || std::holds_alternative<Undetermined>(c);
    case ColumnKind::percent: return std::holds_alternative<Percent>(c);
    case ColumnKind::bounded_percent:
        return std::holds_alternative<ReportedPercent>(c) || std::holds_alternative<Undetermined>(c);
    case ColumnKind::area: return std::holds_alternative<Area>(c);
    case ColumnKind::mass: return std::holds_alternative<Mass>(c);
    case ColumnKind::annual_throughput: return std::holds_alternative<AnnualThroughput>(c);
    case ColumnKind::value: return std::holds_alternative<std::int64_t>(c) || std::holds_alternative<ReportedAmount>(c);
    }
    return false;
}

Table::Table(std::vector<Column> columns, std::vector<std::vector<Cell>> rows)
    : columns_(std::move(columns)), rows_(std::move(rows)) {
    for (const auto& r : rows_) {
        if (r.size() != columns_.size()) throw QueryError("parkinvest: a table row does not match its columns");
        for (std::size_t c = 0; c < r.size(); ++c)
            if (!fits(r[c], columns_[c].kind))
                throw QueryError("parkinvest: a cell of column \"" + columns_[c].name_en + "\" does not fit the column's kind (" +
                                 std::string(enum_name(columns_[c].kind)) + ")");
    }
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
            else if constexpr (std::is_same_v<V, ReportedPercent>) return with_bound(v.value.format(1, RoundingMode::half_up), v.bound, lang);
            else if constexpr (std::is_same_v<V, Undetermined>) return lang == Language::chinese ? "无法确定" : "cannot be determined";
            else if constexpr (std::is_same_v<V, Label>) return lang == Language::chinese ? v.zh : v.en;
            else if constexpr (std::is_same_v<V, Area>) {
                const bool large = v >= Area::of(1, AreaKind::Unit::square_kilometre);
                return v.format(large ? AreaKind::Unit::square_kilometre : AreaKind::Unit::square_metre, lang);
            } else if constexpr (std::is_same_v<V, Mass>) return v.format(MassKind::Unit::tonne, lang);
            else return v.format(AnnualThroughputKind::Unit::tonne_per_year, lang);
        },
        c);
}

namespace {
/// The decimals a quantity keeps in the text table; beyond them it is rounded (and says so).
constexpr int text_decimals = 6;

/// An area column's unit in the text table: km² when its largest value is at least 1 km².
AreaKind::Unit area_unit(const std::vector<std::vector<Cell>>& rows, std::size_t c) {
    for (const auto& row : rows)
        if (const auto* a = std::get_if<Area>(&row[c]); a && *a >= Area::of(1, AreaKind::Unit::square_kilometre))
            return AreaKind::Unit::square_kilometre;
    return AreaKind::Unit::square_metre;
}

/// Whether `q` in `unit` needs more than `text_decimals` decimals.
template <class Q>
bool rounded_in_text(const Q& q, typename Q::Unit unit) {
    // Exact at text_decimals when the reduced denominator divides 10^text_decimals.
    return parkinvest::detail::pow10(text_decimals) % q.in(unit).denominator() != 0;
}

/// Column names made unique: a repeated name gets " (2)", " (3)" ... (both languages).
std::vector<std::string> unique_names(const std::vector<Column>& columns, Language lang) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    for (const Column& col : columns) {
        std::string name = col.name(lang);
        for (int n = 2; seen.contains(name); ++n) name = col.name(lang) + " (" + std::to_string(n) + ")";
        seen.insert(name);
        out.push_back(std::move(name));
    }
    return out;
}
}  // namespace

std::string Table::to_text(Language lang) const {
    // Quantities: one unit per column, rounded to text_decimals only here (CSV and JSON are exact).
    std::vector<AreaKind::Unit> unit(columns_.size(), AreaKind::Unit::square_metre);
    for (std::size_t c = 0; c < columns_.size(); ++c)
        if (columns_[c].kind == ColumnKind::area) unit[c] = area_unit(rows_, c);
    bool rounded = false;
    const auto cell_text = [&](const Cell& cell, std::size_t c) {
        std::string t;
        if (const auto* a = std::get_if<Area>(&cell)) {
            rounded = rounded || rounded_in_text(*a, unit[c]);
            t = a->format(unit[c], lang, text_decimals);
        } else if (const auto* m = std::get_if<Mass>(&cell)) {
            rounded = rounded || rounded_in_text(*m, MassKind::Unit::tonne);
            t = m->format(MassKind::Unit::tonne, lang, text_decimals);
        } else if (const auto* q = std::get_if<AnnualThroughput>(&cell)) {
            rounded = rounded || rounded_in_text(*q, AnnualThroughputKind::Unit::tonne_per_year);
            t = q->format(AnnualThroughputKind::Unit::tonne_per_year, lang, text_decimals);
        } else {
            t = text(cell, lang);
        }
        // Printable text (core/utf8.hpp), uncut: a control character in a label must not reach
        // the terminal.
        return printable(t, std::string::npos);
    };
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows_.size());
    for (const auto& row : rows_) {
        std::vector<std::string> line;
        for (std::size_t c = 0; c < row.size(); ++c) line.push_back(cell_text(row[c], c));
        cells.push_back(std::move(line));
    }
    std::vector<std::size_t> width(columns_.size());
    for (std::size_t c = 0; c < columns_.size(); ++c) width[c] = display_width(columns_[c].name(lang));
    for (const auto& line : cells)
        for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], display_width(line[c]));
    std::string out;
    const auto line = [&](const std::vector<std::string>& texts) {
        for (std::size_t c = 0; c < texts.size(); ++c) {
            const std::size_t pad = width[c] - display_width(texts[c]);
            if (columns_[c].is_key) out += texts[c] + std::string(pad, ' ');
            else out += std::string(pad, ' ') + texts[c];  // numbers right-aligned
            out += c + 1 < texts.size() ? "  " : "\n";
        }
    };
    std::vector<std::string> header;
    for (const Column& col : columns_) header.push_back(col.name(lang));
    line(header);
    std::vector<std::string> rule;
    for (std::size_t w : width) rule.push_back(std::string(w, '-'));
    line(rule);
    for (const auto& texts : cells) line(texts);
    if (rounded)
        out += lang == Language::chinese ? "注: 数量四舍五入至6位小数 (CSV 与 JSON 为精确值)\n"
                                         : "Note: quantities rounded half-up to 6 decimals (CSV and JSON are exact)\n";
    return out;
}

namespace {
/// The exact plain text of a quantity in the column's CSV unit.
std::string area_count(const Area& a) { return parkinvest::detail::to_string(a.base_count()); }
}  // namespace

std::string Table::to_csv(Language lang) const {
    const bool zh = lang == Language::chinese;
    const std::vector<std::string> names = unique_names(columns_, lang);
    std::string out;
    bool line_start = true;
    const auto field = [&](std::string_view s) {
        if (!line_start) out += ',';
        line_start = false;
        text_out::append_csv_field(out, s);
    };
    const auto end_line = [&] {
        out += "\r\n";
        line_start = true;
    };
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const std::string& n = names[c];
        switch (columns_[c].kind) {
        case ColumnKind::amount:
        case ColumnKind::value:
            field(n);
            field(n + (zh ? "界限" : " bound"));
            field(n + (zh ? "币种" : " currency"));
            break;
        case ColumnKind::bounded_percent:
            field(n);
            field(n + (zh ? "界限" : " bound"));
            break;
        case ColumnKind::area:
            field(n + (zh ? "(平方米)" : " (m2)"));
            field(n + (zh ? "(1/30000平方米)" : " (1/30000 m2)"));
            break;
        case ColumnKind::mass: field(n + (zh ? "(吨)" : " (t)")); break;
        case ColumnKind::annual_throughput: field(n + (zh ? "(吨/年)" : " (t/a)")); break;
        default: field(n); break;
        }
    }
    end_line();
    for (const auto& row : rows_) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            const Cell& cell = row[c];
            switch (columns_[c].kind) {
            case ColumnKind::amount:
            case ColumnKind::value:
                if (const auto* a = std::get_if<ReportedAmount>(&cell)) {
                    field(text_out::money_text(a->value));
                    field(enum_name(a->bound));
                    field(iso_code(a->value.currency()));
                } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
                    field(std::to_string(*n)), field(""), field("");
                } else {
                    field(""), field(std::holds_alternative<Undetermined>(cell) ? "undetermined" : ""), field("");
                }
                break;
            case ColumnKind::bounded_percent:
                if (const auto* p = std::get_if<ReportedPercent>(&cell)) {
                    field(text_out::percent_number(p->value));
                    field(enum_name(p->bound));
                } else {
                    field(""), field(std::holds_alternative<Undetermined>(cell) ? "undetermined" : "");
                }
                break;
            case ColumnKind::area:
                if (const auto* a = std::get_if<Area>(&cell)) field(text_out::quantity_decimal(*a).value_or("")), field(area_count(*a));
                else field(""), field("");
                break;
            case ColumnKind::mass:
                if (const auto* m = std::get_if<Mass>(&cell)) field(text_out::quantity_decimal(*m));
                else field("");
                break;
            case ColumnKind::annual_throughput:
                if (const auto* q = std::get_if<AnnualThroughput>(&cell)) field(text_out::quantity_decimal(*q));
                else field("");
                break;
            case ColumnKind::percent:
                if (const auto* p = std::get_if<Percent>(&cell)) field(text_out::percent_number(*p));
                else field("");
                break;
            default: field(text(cell, lang)); break;
            }
        }
        end_line();
    }
    return out;
}

std::string Table::to_json() const {
    const std::vector<std::string> keys = unique_names(columns_, Language::english);
    std::string out = "[";
    const auto string = [&out](std::string_view s) { text_out::append_json_string(out, s); };
    // {"amount": "…", "currency": "CNY", "bound": "…"} / {"percent": "…", "bound": "…"}; null
    // figures when undetermined.
    const auto bounded = [&](std::string_view member, const std::string* value, const std::string* currency,
                             std::string_view bound) {
        out += "{\"";
        out += member;
        out += "\": ";
        if (value) string(*value);
        else out += "null";
        if (member == "amount") {
            out += ", \"currency\": ";
            if (currency) string(*currency);
            else out += "null";
        }
        out += ", \"bound\": ";
        string(bound);
        out += "}";
    };
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
                const std::string v = text_out::money_text(a->value);
                const std::string cur(iso_code(a->value.currency()));
                bounded("amount", &v, &cur, enum_name(a->bound));
            } else if (const auto* rp = std::get_if<ReportedPercent>(&cell)) {
                const std::string v = text_out::percent_number(rp->value);
                bounded("percent", &v, nullptr, enum_name(rp->bound));
            } else if (std::holds_alternative<Undetermined>(cell)) {
                bounded(columns_[c].kind == ColumnKind::amount ? "amount" : "percent", nullptr, nullptr, "undetermined");
            } else if (const auto* p = std::get_if<Percent>(&cell)) {
                string(text_out::percent_number(*p));
            } else if (const auto* l = std::get_if<Label>(&cell)) {
                out += "{\"zh\": ";
                string(l->zh);
                out += ", \"en\": ";
                string(l->en);
                out += "}";
            } else if (const auto* ar = std::get_if<Area>(&cell)) {
                out += "{\"m2\": ";
                if (const auto d = text_out::quantity_decimal(*ar)) string(*d);
                else out += "null";
                out += ", \"count_of_1_30000_m2\": ";
                string(area_count(*ar));
                out += "}";
            } else if (const auto* m = std::get_if<Mass>(&cell)) {
                out += "{\"t\": ";
                string(text_out::quantity_decimal(*m));
                out += "}";
            } else if (const auto* q = std::get_if<AnnualThroughput>(&cell)) {
                out += "{\"t_per_year\": ";
                string(text_out::quantity_decimal(*q));
                out += "}";
            }
        }
        out += "}";
    }
    out += rows_.empty() ? "]\n" : "\n]\n";
    return out;
}

namespace {
/// A cell as the ranking sees it: its figure and the ends of the interval its bound gives it
/// (bounds.hpp); an end is (value, -1 | 0 | +1) for just below, at, just above the value, and
/// empty for -∞ (lower) or +∞ (upper). Approximate figures (约, 近) rank as their figure.
struct Span {
    using End = std::optional<std::pair<Ratio, int>>;
    std::optional<Ratio> figure;  ///< empty: undetermined
    int side = 0;                 ///< at one figure: lower bounds (+1) before points before upper bounds (-1)
    End lo;
    End hi;
};

/// The span of a figure with its bound, from its interval (query/bounds.hpp): an end's key is
/// just above its figure when the end is open.
Span span_of(const Ratio& v, Bound b, bool non_negative) {
    const auto iv = detail::interval_of(v, b, non_negative ? std::optional<Ratio>(Ratio{}) : std::nullopt);
    const auto key = [](const detail::End<Ratio>& e, int open) {
        return e.value ? Span::End{std::pair{*e.value, e.open ? open : 0}} : Span::End{};
    };
    const int side = !iv.hi.value ? 1 : (iv.lo.value == iv.hi.value ? 0 : -1);
    return {v, side, key(iv.lo, 1), key(iv.hi, -1)};
}

/// The span of a non-empty cell of a rankable column.
Span span_of(const Cell& c) {
    if (const auto* n = std::get_if<std::int64_t>(&c)) return span_of(Ratio(*n), Bound::exact, true);
    if (const auto* a = std::get_if<ReportedAmount>(&c)) return span_of(Ratio(a->value.units()), a->bound, true);
    if (const auto* p = std::get_if<Percent>(&c)) return span_of(p->fraction(), Bound::exact, false);
    if (const auto* rp = std::get_if<ReportedPercent>(&c)) return span_of(rp->value.fraction(), rp->bound, false);
    if (const auto* q = std::get_if<Area>(&c)) return span_of(Ratio(q->base_count()), Bound::exact, true);
    if (const auto* q = std::get_if<Mass>(&c)) return span_of(Ratio(q->base_count()), Bound::exact, true);
    if (const auto* q = std::get_if<AnnualThroughput>(&c)) return span_of(Ratio(q->base_count()), Bound::exact, true);
    return {};  // Undetermined: anywhere
}

Label rank_label(std::size_t first, std::size_t last) {
    std::string t = std::to_string(first);
    if (last != first) t += "-" + std::to_string(last);
    return Label{t, t};
}
}  // namespace

Table Table::top(std::size_t n, std::string_view name) const {
    const std::size_t c = column(name);
    const Column& col = columns_[c];
    if (col.kind == ColumnKind::label)
        throw QueryError("parkinvest: cannot rank by \"" + col.name_en + "\": it holds labels, not figures");
    // Amounts of several currencies have no order without a Conversion.
    const Money* first_amount = nullptr;
    for (const auto& row : rows_)
        if (const auto* a = std::get_if<ReportedAmount>(&row[c])) {
            if (first_amount && first_amount->currency() != a->value.currency())
                throw QueryError("parkinvest: cannot rank " + std::string(iso_code(first_amount->currency())) + " and " +
                                 std::string(iso_code(a->value.currency())) + " amounts of column \"" + col.name_en +
                                 "\"; filter by currency (in_currency) or aggregate through a Conversion");
            if (!first_amount) first_amount = &a->value;
        }

    std::vector<std::size_t> ranked;  // rows with a cell, determined or not
    std::vector<std::size_t> empty;
    std::vector<Span> spans(rows_.size());
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (std::holds_alternative<std::monostate>(rows_[i][c])) {
            empty.push_back(i);
        } else {
            spans[i] = span_of(rows_[i][c]);
            ranked.push_back(i);
        }
    }
    // Largest figure first; at one figure lower bounds before points before upper bounds;
    // undetermined after every figure; ties keep key order.
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
        const Span& x = spans[a];
        const Span& y = spans[b];
        if (!x.figure || !y.figure) return x.figure.has_value() && !y.figure.has_value();
        if (*x.figure != *y.figure) return *x.figure > *y.figure;
        return x.side > y.side;
    });
    // The ranks the bounds leave open: row A may be anywhere from 1 + (rows certainly above A)
    // to m - (rows certainly below A); B is certainly above A when B's lower end exceeds A's
    // upper end. Counted by binary search over the sorted ends: O(m log m).
    std::vector<std::pair<Ratio, int>> lows;
    std::vector<std::pair<Ratio, int>> highs;
    for (const std::size_t i : ranked) {
        if (spans[i].lo) lows.push_back(*spans[i].lo);
        if (spans[i].hi) highs.push_back(*spans[i].hi);
    }
    std::sort(lows.begin(), lows.end());
    std::sort(highs.begin(), highs.end());
    const std::size_t m = ranked.size();
    std::vector<Column> columns;
    columns.reserve(columns_.size() + 1);
    columns.push_back(Column{"排名", "rank", true, ColumnKind::label});
    columns.insert(columns.end(), columns_.begin(), columns_.end());
    std::vector<std::vector<Cell>> rows;
    for (std::size_t k = 0; k < m && rows.size() < n; ++k) {
        const Span& s = spans[ranked[k]];
        const std::size_t above =
            s.hi ? static_cast<std::size_t>(lows.end() - std::upper_bound(lows.begin(), lows.end(), *s.hi)) : 0;
        const std::size_t below =
            s.lo ? static_cast<std::size_t>(std::lower_bound(highs.begin(), highs.end(), *s.lo) - highs.begin()) : 0;
        std::vector<Cell> row;
        row.reserve(columns.size());
        row.emplace_back(std::in_place_type<Label>, rank_label(1 + above, m - below));
        row.insert(row.end(), rows_[ranked[k]].begin(), rows_[ranked[k]].end());
        rows.push_back(std::move(row));
    }
    for (std::size_t k = 0; k < empty.size() && rows.size() < n; ++k) {
        std::vector<Cell> row;
        row.reserve(columns.size());
        row.emplace_back(std::in_place_type<Label>, Label{"", ""});
        row.insert(row.end(), rows_[empty[k]].begin(), rows_[empty[k]].end());
        rows.push_back(std::move(row));
    }
    return Table(std::move(columns), std::move(rows));
}

}  // namespace parkinvest::query
