// SPDX-License-Identifier: MIT
// The one identifier table of each enum: the name every file format and the command line use,
// and the Chinese and English labels reports show. Each enum's table is written once, next to
// the enum's declaration, as a specialisation of EnumTable:
//
//   template <> struct EnumTable<Bound> {
//       static constexpr std::string_view type = "Bound";
//       static constexpr std::array<EnumEntry, 7> entries{{{"exact", "", ""}, {"at_least", "以上", "at least"}, ...}};
//   };
//
// `entries` lists the values in declaration order (the enums are dense from 0); an optional
// `aliases` array keeps older names readable (ValueKind's "throughput", written by 0.1.0).
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/language.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace parkinvest {

/// One value of an enum.
struct EnumEntry {
    std::string_view name;  ///< identifier in files and on the command line: "at_least"
    std::string_view zh;    ///< Chinese label: "以上" (may be empty)
    std::string_view en;    ///< English label: "at least" (may be empty)
};

/// An older identifier still read: `name` means the value at `index`.
struct EnumAlias {
    std::string_view name;
    std::size_t index;
};

template <class E>
struct EnumTable;

template <class E>
concept described_enum = std::is_enum_v<E> && requires {
    { EnumTable<E>::type } -> std::convertible_to<std::string_view>;
    EnumTable<E>::entries;
};

namespace detail {
constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool equal_ascii_nocase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}
}  // namespace detail

/// Number of values of E.
template <described_enum E>
inline constexpr std::size_t enum_count = EnumTable<E>::entries.size();

/// Every value of E, in declaration order.
template <described_enum E>
constexpr std::array<E, enum_count<E>> enum_values() noexcept {
    std::array<E, enum_count<E>> values{};
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<E>(i);
    return values;
}

/// The entry of `e`; nullptr for a value outside the declared ones (a cast integer).
template <described_enum E>
constexpr const EnumEntry* enum_entry(E e) noexcept {
    const auto i = static_cast<std::size_t>(e);
    return i < enum_count<E> ? &EnumTable<E>::entries[i] : nullptr;
}

/// "at_least", "national_high_tech_zone"; "?" for a value outside the declared ones.
template <described_enum E>
constexpr std::string_view enum_name(E e) noexcept {
    const EnumEntry* entry = enum_entry(e);
    return entry != nullptr ? entry->name : std::string_view("?");
}

/// "以上" / "at least", "国家高新区" / "national high-tech zone"; empty outside the declared values.
template <described_enum E>
constexpr std::string_view label(E e, Language lang = Language::chinese) noexcept {
    const EnumEntry* entry = enum_entry(e);
    if (entry == nullptr) return {};
    return lang == Language::chinese ? entry->zh : entry->en;
}

/// The value with identifier `name`, exactly, or an alias of it (archives).
template <described_enum E>
constexpr std::optional<E> enum_from_name(std::string_view name) noexcept {
    for (std::size_t i = 0; i < enum_count<E>; ++i)
        if (EnumTable<E>::entries[i].name == name) return static_cast<E>(i);
    if constexpr (requires { EnumTable<E>::aliases; }) {
        for (const EnumAlias& a : EnumTable<E>::aliases)
            if (a.name == name) return static_cast<E>(a.index);
    }
    return std::nullopt;
}

/// The value named by `text`: its identifier or an alias (ASCII letters in any case), its
/// Chinese label, or its English label (any case). CSV cells and the command line.
template <described_enum E>
constexpr std::optional<E> enum_from_text(std::string_view text) noexcept {
    const auto& entries = EnumTable<E>::entries;
    for (std::size_t i = 0; i < enum_count<E>; ++i)
        if (detail::equal_ascii_nocase(text, entries[i].name)) return static_cast<E>(i);
    if constexpr (requires { EnumTable<E>::aliases; }) {
        for (const EnumAlias& a : EnumTable<E>::aliases)
            if (detail::equal_ascii_nocase(text, a.name)) return static_cast<E>(a.index);
    }
    for (std::size_t i = 0; i < enum_count<E>; ++i) {
        const EnumEntry& e = entries[i];
        if ((!e.zh.empty() && text == e.zh) || (!e.en.empty() && detail::equal_ascii_nocase(text, e.en)))
            return static_cast<E>(i);
    }
    return std::nullopt;
}

/// "one of exact, at_least, ..." for messages.
template <described_enum E>
std::string enum_choices() {
    std::string s = "one of ";
    for (std::size_t i = 0; i < enum_count<E>; ++i) {
        if (i > 0) s += ", ";
        s += EnumTable<E>::entries[i].name;
    }
    return s;
}

}  // namespace parkinvest
