// SPDX-License-Identifier: MIT
// Internal: records as flat rows, from their descriptions (model/describe.hpp). CSV tables,
// JSON Lines and the generated format reference walk a record with walk_record(), which calls
// the visitor once per column group:
//   v.key(name, id)                 the record's id (its first field)
//   v.leaf(name, need, value)       a value: an id, a text, an enum, an amount, a date ...
//   v.currency(row_currency)        once, before the first field that carries money
//   v.group(name, optional, walk)   an optional struct (a listing, a licence, a comparison):
//                                   walk(v2, value) visits its members
//   v.list(name, vector)            a list of structs (stages, snapshots, sources ...)
// Column names: a nested struct's member is "<field>_<member>" (name_zh, listing_market), or
// "<field>" alone when the member is primary (origin).
// Not installed.
#pragma once

#include <parkinvest/model/describe.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace parkinvest::io::detail {

using schema::Need;

/// A column's name: "<prefix>_<member>", or either alone when the other is empty.
struct ColumnName {
    std::string_view prefix;
    std::string_view member;
    ColumnName() = default;
    ColumnName(const char* m) : member(m) {}  // NOLINT: a plain column name
    ColumnName(std::string_view m) : member(m) {}  // NOLINT
    ColumnName(const std::string& m) : member(m) {}  // NOLINT: views `m`, which must outlive it
    ColumnName(std::string_view p, std::string_view m) : prefix(p), member(m) {}
    [[nodiscard]] std::string str() const {
        if (prefix.empty()) return std::string(member);
        if (member.empty()) return std::string(prefix);
        std::string s;
        s.reserve(prefix.size() + 1 + member.size());
        s += prefix;
        s += '_';
        s += member;
        return s;
    }
    /// The name with a suffix: "contract_investment" + "_bound".
    [[nodiscard]] std::string with(std::string_view suffix) const { return str() + std::string(suffix); }
    /// Appends the name to `out` without building a string.
    void append_to(std::string& out) const {
        out += prefix;
        if (!prefix.empty() && !member.empty()) out += '_';
        out += member;
    }
};

template <class T>
using bare_t = std::remove_cv_t<T>;

template <class T>
struct optional_inner {
    using type = T;
};
template <class T>
struct optional_inner<std::optional<T>> {
    using type = T;
};
template <class T>
using optional_inner_t = typename optional_inner<bare_t<T>>::type;

template <class T>
inline constexpr bool is_id = false;
template <class Tag>
inline constexpr bool is_id<Id<Tag>> = true;

template <class T>
inline constexpr bool is_quantity = false;
template <class K>
inline constexpr bool is_quantity<Quantity<K>> = true;

/// Whether a value of type T (or its optional) carries an amount of money.
template <class T>
inline constexpr bool carries_money = std::is_same_v<optional_inner_t<T>, Money> ||
                                      std::is_same_v<optional_inner_t<T>, ReportedAmount> ||
                                      std::is_same_v<optional_inner_t<T>, StatisticValue>;

/// Whether a field of type T must have a value because its type has no empty one.
template <class T>
inline constexpr bool required_by_type = [] {
    using U = bare_t<T>;
    return is_id<U> || is_quantity<U> || std::is_same_v<U, ReportedDate> || std::is_same_v<U, Date> ||
           std::is_same_v<U, Period> || std::is_same_v<U, Money> || std::is_same_v<U, ReportedAmount> ||
           std::is_same_v<U, HwCategory> || std::is_same_v<U, Percent>;
}();

template <class T>
inline constexpr bool is_reported = false;
template <class T>
inline constexpr bool is_reported<Reported<T>> = true;

/// A struct whose members become columns. A reported amount is one value with its bound
/// (amount, amount_bound, amount_estimated), not a group.
template <class T>
inline constexpr bool is_struct = schema::described<bare_t<T>> && !is_reported<bare_t<T>>;
template <class T>
inline constexpr bool is_optional_struct = schema::is_optional<bare_t<T>>::value && is_struct<optional_inner_t<T>>;

template <class T>
struct list_of {
    using type = void;
};
template <class T>
struct list_of<std::vector<T>> {
    using type = T;
};
template <class T>
using list_element_t = typename list_of<bare_t<T>>::type;
template <class T>
inline constexpr bool is_struct_list = schema::described<list_element_t<T>>;
template <class T>
inline constexpr bool is_id_list = is_id<list_element_t<T>>;
template <class T>
inline constexpr bool is_enum_list = std::is_enum_v<list_element_t<T>>;

/// The currency of the first amount of money `s` holds (fields in order), if any.
template <class S>
std::optional<Currency> first_currency(const S& s) {
    std::optional<Currency> found;
    schema::for_each_field<std::remove_const_t<S>>([&](const auto& f) {
        using T = typename std::remove_cvref_t<decltype(f)>::value_type;
        if (found) return;
        const T& v = f.of(s);
        if constexpr (std::is_same_v<T, Money>) {
            found = v.currency();
        } else if constexpr (std::is_same_v<T, std::optional<Money>>) {
            if (v) found = v->currency();
        } else if constexpr (std::is_same_v<T, ReportedAmount>) {
            found = v.value.currency();
        } else if constexpr (std::is_same_v<T, std::optional<ReportedAmount>>) {
            if (v) found = v->value.currency();
        } else if constexpr (std::is_same_v<T, std::optional<StatisticValue>>) {
            if (v && std::holds_alternative<Money>(*v)) found = std::get<Money>(*v).currency();
        } else if constexpr (is_optional_struct<T>) {
            if (v) found = first_currency(*v);
        } else if constexpr (is_struct<T>) {
            found = first_currency(v);
        }
    });
    return found;
}

/// Whether S has a field carrying money (outside lists of structs).
template <class S>
constexpr bool has_money() {
    bool any = false;
    schema::for_each_field<std::remove_const_t<S>>([&](const auto& f) {
        using T = typename std::remove_cvref_t<decltype(f)>::value_type;
        if constexpr (carries_money<T>) any = true;
        else if constexpr (is_optional_struct<T>) any = any || has_money<optional_inner_t<T>>();
        else if constexpr (is_struct<T>) any = any || has_money<T>();
    });
    return any;
}

/// Walks the fields of `s` (a record after its id, or a struct) with column names under
/// `prefix`. `need_members` is false inside a struct field that is not required (a loan's
/// name): its members' required() then does not apply.
template <class V, class S, class Row>
void walk_fields(V& v, S& s, std::string_view prefix, bool need_members, bool& currency_done, const Row& row,
                 bool skip_first = false) {
    using Plain = std::remove_const_t<S>;
    bool first = true;
    schema::for_each_field<Plain>([&](const auto& f) {
        if (std::exchange(first, false) && skip_first) return;
        using T = typename std::remove_cvref_t<decltype(f)>::value_type;
        auto& value = f.of(s);
        const ColumnName name = prefix.empty() ? ColumnName(f.info.name)
                                : f.info.primary ? ColumnName(prefix)
                                                 : ColumnName(prefix, f.info.name);
        if constexpr (is_struct_list<T>) {
            v.list(name, value);
        } else if constexpr (is_optional_struct<T>) {
            if constexpr (has_money<optional_inner_t<T>>()) {
                if (!currency_done) {
                    currency_done = true;
                    v.currency(first_currency(row));
                }
            }
            v.group(name, value, [&](auto& gv, auto& member) {
                bool done = true;
                walk_fields(gv, member, name.member, true, done, row);
            });
        } else if constexpr (is_struct<T>) {
            static_assert(!has_money<T>(), "a money field in a nested struct: place the currency column");
            walk_fields(v, value, name.member, need_members && f.info.need == Need::required, currency_done, row);
        } else {
            if constexpr (carries_money<T>) {
                if (!currency_done) {
                    currency_done = true;
                    v.currency(first_currency(row));
                }
            }
            const bool flagged = f.info.need == Need::required && need_members;
            v.leaf(name, flagged || required_by_type<T> ? Need::required : Need::optional, value);
        }
    });
}

/// Walks a record: its id (v.key), then its other fields.
template <class V, class R>
void walk_record(V& v, R& r) {
    v.key(ColumnName("id"), r.id);
    bool currency_done = false;
    walk_fields(v, r, {}, true, currency_done, r, true);
}

/// Walks an element of a list (a stage, a snapshot ...) as a row of its own.
template <class V, class S>
void walk_element(V& v, S& s) {
    bool currency_done = false;
    walk_fields(v, s, {}, true, currency_done, s);
}

}  // namespace parkinvest::io::detail
