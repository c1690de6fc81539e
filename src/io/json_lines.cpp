// SPDX-License-Identifier: MIT
// JSON Lines export: one record per line, every line an object whose first key "entity" names
// its type ("park", "project" ...). Each line of one entity type has the same keys (null for a
// missing value), so DuckDB's read_json and Spark infer one stable schema per type.
//
// Money: "contract_investment": "60560000000.00" (exact, never rounded), the same amount as an
// integer of minor units in "contract_investment_minor" (null when it is not a whole number of
// minor units or does not fit 64 bits), and the record's "currency". Dates with a precision are
// objects {"text": "2020-07", "precision": "month", "first": "2020-07-01", "last": "2020-07-31"};
// quantities are exact text with a unit ("225000000平方米") plus a decimal in m², t or t/a; an
// area, whose decimal in m² may not terminate (1亩 = 2000/3 m²), also as the integer of its exact
// base unit, "<area>_m2_x30000" (the area in m² times 30,000), which sums exactly.
#include <parkinvest/core/text_out.hpp>

#include "flat.hpp"
#include "internal.hpp"
#include "values.hpp"

#include <array>
#include <initializer_list>
#include <limits>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <variant>

namespace parkinvest::io::detail {

namespace {

/// The member of an area's base count; the suffix says what the integer is.
constexpr std::string_view area_base_suffix = "_m2_x30000";
static_assert(AreaKind::units[static_cast<std::size_t>(AreaKind::Unit::square_metre)].base_per_unit == 30'000,
              "area_base_suffix names the base unit of Area");

/// The suffixes of the members a value of type T is written as: the value itself ("") and its
/// typed companions; an unused slot has a null data().
template <class T>
constexpr std::array<std::string_view, 5> companions() {
    if constexpr (std::is_same_v<T, ReportedAmount>) return {"", "_minor", "_bound", "_estimated", {}};
    else if constexpr (std::is_same_v<T, Money>) return {"", "_minor", {}, {}, {}};
    else if constexpr (std::is_same_v<T, Area>) return {"", "_m2", area_base_suffix, {}, {}};
    else if constexpr (std::is_same_v<T, Mass>) return {"", "_t", {}, {}, {}};
    else if constexpr (std::is_same_v<T, AnnualThroughput>) return {"", "_t_per_year", {}, {}, {}};
    else if constexpr (std::is_same_v<T, StatisticValue>) return {"_kind", "", "_count", "_minor", area_base_suffix};
    else return {"", {}, {}, {}, {}};
}

/// An area in its exact base unit, 1/30,000 m² (core/quantity.hpp), as a 64-bit integer; none
/// beyond 64 bits (about 307 million km²).
std::optional<std::int64_t> area_base_count(const Area& a) {
    const auto n = a.base_count();
    if (n < std::numeric_limits<std::int64_t>::min() || n > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
    return static_cast<std::int64_t>(n);
}

/// Writes one record as one JSON object, its members in the order walk_record() visits them
/// (flat.hpp): the CSV row's columns, with lists of structs as arrays of objects and typed
/// companions (amounts in minor units, quantities as decimals, dates with their precision).
class LineWriter {
public:
    explicit LineWriter(std::string& out) : out_(out) { out_ += '{'; }
    void close() { out_ += '}'; }

    void entity(std::string_view name) {
        member("entity");
        text_out::append_json_string(out_, name);
    }
    template <class IdT>
    void key(ColumnName n, const IdT& id) {
        member(n);
        out_ += std::to_string(id.value());
    }
    void currency(std::optional<Currency> c) {
        member("currency");
        if (c && !null_) text_out::append_json_string(out_, iso_code(*c));
        else out_ += "null";
    }
    template <class T>
    void leaf(ColumnName n, Need, const T& x) {
        if constexpr (schema::is_optional<T>::value) {
            if (!x || null_) return nulls<typename T::value_type>(n);
            value(n, *x);
        } else {
            if (null_) return nulls<T>(n);
            value(n, x);
        }
    }
    template <class T>
    void list(ColumnName n, const std::vector<T>& items) {
        member(n);
        if (null_) {
            out_ += "null";
            return;
        }
        out_ += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) out_ += ',';
            LineWriter element(out_);
            walk_element(element, items[i]);
            element.close();
        }
        out_ += ']';
    }
    template <class T, class F>
    void group(ColumnName, const std::optional<T>& g, F members) {
        if (g && !null_) return members(*this, *g);
        // Absent: every member null.
        const T blank{};
        const bool was = std::exchange(null_, true);
        members(*this, blank);
        null_ = was;
    }

private:
    void member(ColumnName n, std::string_view suffix = {}) {
        if (!first_) out_ += ',';
        first_ = false;
        // Names are identifiers from the description: nothing to escape.
        out_ += '"';
        n.append_to(out_);
        out_ += suffix;
        out_ += "\":";
    }
    void str(ColumnName n, std::string_view v, std::string_view suffix = {}) {
        member(n, suffix);
        text_out::append_json_string(out_, v);
    }
    void null(ColumnName n, std::string_view suffix = {}) {
        member(n, suffix);
        out_ += "null";
    }
    template <class I>
    void num(ColumnName n, I v, std::string_view suffix = {}) {
        member(n, suffix);
        out_ += std::to_string(v);
    }
    template <class I>
    void opt_num(ColumnName n, const std::optional<I>& v, std::string_view suffix) {
        if (v) num(n, *v, suffix);
        else null(n, suffix);
    }
    template <class Inner>
    void object(ColumnName n, std::initializer_list<std::pair<std::string_view, std::string_view>> members) {
        member(n);
        out_ += '{';
        bool first = true;
        for (const auto& [k, v] : members) {
            if (!std::exchange(first, false)) out_ += ',';
            out_ += '"';
            out_ += k;
            out_ += "\":";
            text_out::append_json_string(out_, v);
        }
        out_ += '}';
    }

    template <class T>
    void nulls(ColumnName n) {
        constexpr auto suffixes = companions<T>();
        null(n, suffixes[0]);
        for (std::size_t i = 1; i < suffixes.size(); ++i)
            if (suffixes[i].data() != nullptr) null(n, suffixes[i]);
    }

    template <class T>
    void value(ColumnName n, const T& x) {
        if constexpr (is_id<T>) {
            num(n, x.value());
        } else if constexpr (std::is_same_v<T, std::string>) {
            str(n, x);
        } else if constexpr (std::is_enum_v<T>) {
            str(n, enum_name(x));
        } else if constexpr (std::is_same_v<T, bool>) {
            member(n);
            out_ += x ? "true" : "false";
        } else if constexpr (std::is_integral_v<T>) {
            num(n, x);
        } else if constexpr (std::is_same_v<T, ReportedDate>) {
            const std::string first = iso_date(x.first()), last = iso_date(x.last()), text = x.to_string();
            object<T>(n, {{"text", text}, {"precision", enum_name(x.precision())}, {"first", first}, {"last", last}});
        } else if constexpr (std::is_same_v<T, Date>) {
            str(n, iso_date(x));
        } else if constexpr (std::is_same_v<T, Period>) {
            const std::string first = iso_date(x.first()), last = iso_date(x.last()), text = period_text(x);
            object<T>(n, {{"text", text}, {"kind", enum_name(x.kind())}, {"first", first}, {"last", last}});
        } else if constexpr (std::is_same_v<T, ReportedAmount>) {
            value(n, x.value);
            str(n, enum_name(x.bound), "_bound");
            member(n, "_estimated");
            out_ += x.estimated ? "true" : "false";
        } else if constexpr (std::is_same_v<T, Money>) {
            str(n, text_out::money_text(x));
            opt_num(n, text_out::minor_units(x), "_minor");
        } else if constexpr (std::is_same_v<T, Area>) {
            str(n, text_out::quantity_text(x));
            const auto d = text_out::quantity_decimal(x);
            if (d) str(n, *d, "_m2");
            else null(n, "_m2");
            opt_num(n, area_base_count(x), area_base_suffix);
        } else if constexpr (is_quantity<T>) {
            str(n, text_out::quantity_text(x));
            str(n, text_out::quantity_decimal(x), companions<T>()[1]);
        } else if constexpr (std::is_same_v<T, Decimal<6>>) {
            str(n, x.to_string());
        } else if constexpr (std::is_same_v<T, CreditCode>) {
            str(n, x.str());
        } else if constexpr (is_id_list<T>) {
            member(n);
            out_ += '[';
            for (std::size_t i = 0; i < x.size(); ++i) {
                if (i > 0) out_ += ',';
                out_ += std::to_string(x[i].value());
            }
            out_ += ']';
        } else if constexpr (is_enum_list<T>) {
            member(n);
            out_ += '[';
            for (std::size_t i = 0; i < x.size(); ++i) {
                if (i > 0) out_ += ',';
                text_out::append_json_string(out_, enum_name(x[i]));
            }
            out_ += ']';
        } else if constexpr (std::is_same_v<T, HwCategory>) {
            str(n, x.to_string());
        } else if constexpr (std::is_same_v<T, Percent>) {
            str(n, text_out::percent_text(x));
        } else if constexpr (std::is_same_v<T, StatisticValue>) {
            str(n, enum_name(value_kind(x)), "_kind");
            str(n, statistic_value_text(x));
            if (const auto* count = std::get_if<std::int64_t>(&x)) num(n, *count, "_count");
            else null(n, "_count");
            if (const auto* m = std::get_if<Money>(&x)) opt_num(n, text_out::minor_units(*m), "_minor");
            else null(n, "_minor");
            if (const auto* a = std::get_if<Area>(&x)) opt_num(n, area_base_count(*a), area_base_suffix);
            else null(n, area_base_suffix);
        } else {
            static_assert(sizeof(T) == 0, "no JSON Lines form for this field type");
        }
    }

    std::string& out_;
    bool first_ = true;
    bool null_ = false;  ///< inside an absent group: every member is null
};

/// Lists the members of a line for the reference: `name_zh`, `stages`: [{`stage`, `date`}] ...
class KeyLister {
public:
    explicit KeyLister(std::string& out) : out_(out) {}
    template <class IdT>
    void key(ColumnName n, const IdT&) { add(n.str()); }
    void currency(std::optional<Currency>) { add("currency"); }
    template <class T>
    void leaf(ColumnName n, Need, const T&) {
        constexpr auto suffixes = companions<optional_inner_t<T>>();
        for (const std::string_view suffix : suffixes)
            if (suffix.data() != nullptr) add(n.with(suffix));
    }
    template <class T>
    void list(ColumnName n, const std::vector<T>&) {
        std::string inner;
        KeyLister element(inner);
        const T blank{};
        walk_element(element, blank);
        add(n.str(), ": [{" + inner + "}]");
    }
    template <class T, class F>
    void group(ColumnName, const std::optional<T>&, F members) {
        const T blank{};
        members(*this, blank);
    }

private:
    void add(const std::string& name, const std::string& after = {}) {
        if (!out_.empty() && out_.back() != '{') out_ += ", ";
        out_ += '`';
        out_ += name;
        out_ += '`';
        out_ += after;
    }
    std::string& out_;
};

template <class Record>
void reference_of(std::string& md) {
    md += "\n- **";
    md += schema::Describe<Record>::entity;
    md += "**: ";
    std::string members = "`entity`";
    KeyLister rest(members);
    const Record blank{};
    walk_record(rest, blank);
    md += members;
    md += '\n';
}

template <class Record>
void lines(std::ostream& out, std::string& buffer, std::span<const Record> records) {
    for (const Record& r : records) {
        const std::size_t mark = buffer.size();
        try {
            LineWriter o(buffer);
            o.entity(schema::Describe<Record>::entity);
            walk_record(o, r);
            o.close();
        } catch (const ArgumentError& e) {
            buffer.resize(mark);
            throw ArgumentError("parkinvest: cannot write " + r.id.to_string() + " as JSON Lines: " + e.what());
        }
        buffer += '\n';
        if (buffer.size() >= (1u << 16)) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    }
}

}  // namespace

void json_lines_reference(std::string& md) {
    std::apply([&](auto... blank) { (reference_of<decltype(blank)>(md), ...); }, schema::Records{});
}

void save_json_lines(const Dataset& ds, std::ostream& out) {
    std::string buffer;
    lines(out, buffer, ds.sources());
    lines(out, buffer, ds.industries());
    lines(out, buffer, ds.parks());
    lines(out, buffer, ds.enterprises());
    lines(out, buffer, ds.banks());
    lines(out, buffer, ds.projects());
    lines(out, buffer, ds.loans());
    lines(out, buffer, ds.waste_facilities());
    lines(out, buffer, ds.statistics());
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace parkinvest::io::detail
