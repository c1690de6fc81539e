// SPDX-License-Identifier: MIT
// Internal: the writer of JSON Lines (LineWriter: one record as one line, with its typed
// companions) and the lister of a line's members, shared by the export (json_lines.cpp) and by
// the import (json_lines_read.cpp), which writes a record back to check the companions given.
// Not installed.
#pragma once

#include <parkinvest/core/text_out.hpp>

#include "flat.hpp"
#include "values.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace parkinvest::io::detail {

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
inline std::optional<std::int64_t> area_base_count(const Area& a) {
    const auto n = a.base_count();
    if (n < std::numeric_limits<std::int64_t>::min() || n > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
    return static_cast<std::int64_t>(n);
}

/// Writes one record as one JSON object, its members in the order walk_record() visits them
/// (flat.hpp): the CSV row's columns, with lists of structs as arrays of objects and typed
/// companions (amounts in minor units, quantities as decimals, dates with their precision).
class LineWriter {
public:
    /// `derived_only`: only the members the import checks (companions, date objects, lists of
    /// them), for the comparison; the line is then not a record's line.
    explicit LineWriter(std::string& out, bool derived_only = false) : out_(out), derived_only_(derived_only) { out_ += '{'; }
    void close() { out_ += '}'; }

    void entity(std::string_view name) {
        member("entity");
        text_out::append_json_string(out_, name);
    }
    template <class IdT>
    void key(ColumnName n, const IdT& id) {
        if (derived_only_) return;
        member(n);
        out_ += std::to_string(id.value());
    }
    void currency(std::optional<Currency> c) {
        if (derived_only_) return;
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
            LineWriter element(out_, derived_only_);
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
    /// Whether a member is left out in the derived-only mode: a value itself (no suffix).
    [[nodiscard]] bool skipped(std::string_view suffix) const { return derived_only_ && suffix.empty(); }
    void str(ColumnName n, std::string_view v, std::string_view suffix = {}) {
        if (skipped(suffix)) return;
        member(n, suffix);
        text_out::append_json_string(out_, v);
    }
    void null(ColumnName n, std::string_view suffix = {}) {
        if (skipped(suffix)) return;
        member(n, suffix);
        out_ += "null";
    }
    template <class I>
    void num(ColumnName n, I v, std::string_view suffix = {}) {
        if (skipped(suffix)) return;
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
            if (skipped({})) return;
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
            if (!skipped({})) str(n, text_out::money_text(x));  // formatted only when written
            opt_num(n, text_out::minor_units(x), "_minor");
        } else if constexpr (std::is_same_v<T, Area>) {
            if (!skipped({})) str(n, text_out::quantity_text(x));
            const auto d = text_out::quantity_decimal(x);
            if (d) str(n, *d, "_m2");
            else null(n, "_m2");
            opt_num(n, area_base_count(x), area_base_suffix);
        } else if constexpr (is_quantity<T>) {
            if (!skipped({})) str(n, text_out::quantity_text(x));
            str(n, text_out::quantity_decimal(x), companions<T>()[1]);
        } else if constexpr (std::is_same_v<T, Decimal<6>>) {
            str(n, x.to_string());
        } else if constexpr (std::is_same_v<T, CreditCode>) {
            str(n, x.str());
        } else if constexpr (is_id_list<T> || is_enum_list<T>) {
            if (skipped({})) return;
            member(n);
            out_ += '[';
            for (std::size_t i = 0; i < x.size(); ++i) {
                if (i > 0) out_ += ',';
                if constexpr (is_id_list<T>) out_ += std::to_string(x[i].value());
                else text_out::append_json_string(out_, enum_name(x[i]));
            }
            out_ += ']';
        } else if constexpr (std::is_same_v<T, HwCategory>) {
            str(n, x.to_string());
        } else if constexpr (std::is_same_v<T, Percent>) {
            if (!skipped({})) str(n, text_out::percent_text(x));
        } else if constexpr (std::is_same_v<T, StatisticValue>) {
            str(n, enum_name(value_kind(x)), "_kind");
            if (!skipped({})) str(n, statistic_value_text(x));
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
    bool derived_only_ = false;
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

}  // namespace parkinvest::io::detail
