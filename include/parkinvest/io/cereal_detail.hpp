// SPDX-License-Identifier: MIT
// The machinery behind <parkinvest/io/cereal.hpp>: archive properties, document paths for error
// messages, checked reading and writing of strings, sizes, lists and fields. Not an interface of
// its own: include <parkinvest/io/cereal.hpp>.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/currency.hpp>
#include <parkinvest/core/decimal.hpp>
#include <parkinvest/core/enum_table.hpp>
#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/int128.hpp>
#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/model/common.hpp>
#include <parkinvest/model/credit_code.hpp>
#include <parkinvest/model/dataset.hpp>
#include <parkinvest/model/describe.hpp>
#include <parkinvest/model/enterprise.hpp>
#include <parkinvest/model/ids.hpp>
#include <parkinvest/model/loan.hpp>
#include <parkinvest/model/park.hpp>
#include <parkinvest/model/project.hpp>
#include <parkinvest/model/statistic.hpp>
#include <parkinvest/model/waste_facility.hpp>
#include <parkinvest/time/period.hpp>

#include <cereal/cereal.hpp>

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace cereal {
class JSONOutputArchive;
class JSONInputArchive;
class XMLOutputArchive;
class XMLInputArchive;
}  // namespace cereal

namespace parkinvest::io::cereal_detail {

// ---------------------------------------------------------------------------------------------
// Archive properties

/// Which characters a string may hold in an archive.
enum class TextRules : std::uint8_t {
    utf8,  ///< any valid UTF-8 (binary archives)
    json,  ///< valid UTF-8 without NUL (cereal's JSON reader ends strings at NUL)
    xml,   ///< valid UTF-8 of XML 1.0 characters only (no control characters but tab, LF, CR)
};

template <class Archive>
using bare = std::remove_cv_t<std::remove_reference_t<Archive>>;

template <class Archive>
inline constexpr bool loading = bare<Archive>::is_loading::value;

template <class Archive>
inline constexpr bool text = cereal::traits::is_text_archive<bare<Archive>>::value;

template <class Archive>
constexpr TextRules text_rules() {
    using A = bare<Archive>;
    if constexpr (requires { A::parkinvest_text_rules; })
        return A::parkinvest_text_rules;
    else if constexpr (std::is_same_v<A, cereal::XMLOutputArchive> || std::is_same_v<A, cereal::XMLInputArchive>)
        return TextRules::xml;
    else if constexpr (std::is_same_v<A, cereal::JSONOutputArchive> || std::is_same_v<A, cereal::JSONInputArchive>)
        return TextRules::json;
    else
        return TextRules::utf8;
}

/// XML archives read numbers and booleans as text (cereal's XML reader converts them leniently
/// with std::stoull and friends), so these are read as strings and checked here.
template <class Archive>
inline constexpr bool xml = text_rules<Archive>() == TextRules::xml;

/// An input archive that knows its position and the bytes left (io::load's binary archives).
template <class Archive>
concept bounded = requires(const bare<Archive>& a) {
    { a.parkinvest_position() } -> std::convertible_to<std::uint64_t>;
    { a.parkinvest_remaining() } -> std::convertible_to<std::uint64_t>;
    { a.parkinvest_max_records() } -> std::convertible_to<std::uint64_t>;
};

// ---------------------------------------------------------------------------------------------
// Errors with their place in the document. Non-template parts live in src/io/cereal_support.cpp.

/// One step of a document path: a member name or a list index.
struct Step {
    const char* name = nullptr;
    std::size_t index = 0;
};

/// Throws FormatError{reason, value}; the callers up the stack add where it happened.
[[noreturn]] void fail(std::string reason, std::string_view value = {});
/// Rethrows `e` one step further out: the step is prepended to the path; `byte` is set when the
/// problem has none yet.
[[noreturn]] void rethrow_at(const FormatError& e, Step step, std::optional<std::uint64_t> byte);
/// A FormatError for an exception of another type caught at `step`.
[[noreturn]] void throw_at(std::string_view reason, Step step, std::optional<std::uint64_t> byte);
/// Rethrows `e` with the entity and id of the record it happened in (when not set yet); the
/// path so far becomes the field.
[[noreturn]] void rethrow_in_record(const FormatError& e, std::string_view entity, const std::string* id);
/// Saving: rethrows an ArgumentError with `what` (a field or record) prepended.
[[noreturn]] void rethrow_saving(const ArgumentError& e, std::string_view what);

/// Called in a handler: rethrows the exception being handled one step further out. A
/// FormatError gets the step (rethrow_at); cereal's exceptions, parkinvest's other errors
/// (ParseError, ArgumentError, OverflowError ... of a value) and std::invalid_argument /
/// std::out_of_range (cereal's XML reader: std::stoul of a class version) become a FormatError
/// at the step (throw_at); a ValidationError and every other exception pass through unchanged.
[[noreturn]] void rethrow_current_at(Step step, std::optional<std::uint64_t> byte);

/// Runs `f` (which loads the value at `step`) and turns every failure into a FormatError that
/// says where it happened. (One catch-all handler, the sorting out of line: this runs for every
/// field read, and stays small enough to inline.)
template <class Archive, class F>
void at(Archive& ar, Step step, F&& f) {
    std::optional<std::uint64_t> start;
    if constexpr (bounded<Archive>) start = ar.parkinvest_position();
    try {
        std::forward<F>(f)();
    } catch (...) {
        rethrow_current_at(step, start);
    }
}

// ---------------------------------------------------------------------------------------------
// Value checks and conversions (src/io/cereal_support.cpp)

/// Why `s` cannot be stored under `rules`, with the byte offset; empty when it can.
struct TextProblem {
    std::size_t offset = 0;
    const char* reason = nullptr;
};
[[nodiscard]] std::optional<TextProblem> text_problem(std::string_view s, TextRules rules) noexcept;
/// Loading: FormatError when `s` is not allowed under `rules`.
void check_loaded_text(std::string_view s, TextRules rules);
/// Saving: ArgumentError when `s` is not allowed under `rules`.
void check_saved_text(std::string_view s, TextRules rules);

/// Binary form of a 128-bit integer: two's complement halves.
void split(detail::i128 v, std::uint64_t& low, std::int64_t& high) noexcept;
/// FormatError outside the symmetric range ±(2^127 − 1).
[[nodiscard]] detail::i128 join(std::uint64_t low, std::int64_t high);

/// Text of integers and decimals: "-12", "60560000000.00". Loading accepts exactly
/// -?[0-9]+(\.[0-9]+)? (no grouping, no full-width digits, no exponent) and the target's range.
[[nodiscard]] detail::i128 parse_integer(std::string_view text);
[[nodiscard]] detail::i128 parse_decimal(std::string_view text, int scale);
[[nodiscard]] std::int64_t parse_int64(std::string_view text, std::int64_t min, std::int64_t max);
[[nodiscard]] std::uint64_t parse_uint64(std::string_view text);
[[nodiscard]] bool parse_bool(std::string_view text);

[[nodiscard]] std::string money_amount_text(const Money& m);
[[nodiscard]] std::string ratio_text(const Ratio& r);
/// "num/den" in lowest terms with a positive denominator, as Ratio keeps it; FormatError otherwise,
/// so that every fraction has exactly one encoding.
[[nodiscard]] Ratio parse_ratio(std::string_view text);
[[nodiscard]] Ratio make_ratio(detail::i128 num, detail::i128 den);
[[nodiscard]] std::string date_text(Date d);
[[nodiscard]] Date parse_date(std::string_view text);
[[nodiscard]] Date make_loaded_date(int year, int month, int day);
/// "2020-07-28", "2020-07", "2020-Q3", "2020-H1", "2020".
[[nodiscard]] std::string reported_date_text(const ReportedDate& d);
[[nodiscard]] ReportedDate parse_reported_date(std::string_view text);
/// A reported date from its precision and first day; FormatError when the day does not start
/// a period of that precision.
[[nodiscard]] ReportedDate make_reported_date(DatePrecision p, int year, int month, int day);
/// A period of `kind` spanning [first, last]; FormatError when the days do not fit the kind.
[[nodiscard]] Period make_period(PeriodKind kind, Date first, Date last);
[[nodiscard]] CreditCode parse_credit_code(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Enums: by their identifiers (EnumTable, next to each enum) in text archives, one byte in binary

[[noreturn]] void throw_unsaveable_enum(std::string_view type, unsigned value);
[[noreturn]] void throw_unknown_name(std::string_view type, std::string_view name);
[[noreturn]] void throw_unknown_code(std::string_view type, unsigned value);

template <described_enum E>
std::size_t enum_index_for_save(E e) {
    const auto i = static_cast<std::size_t>(e);
    if (i >= enum_count<E>) throw_unsaveable_enum(EnumTable<E>::type, static_cast<unsigned>(i));
    return i;
}
template <described_enum E>
E enum_by_name(std::string_view name) {
    if (const auto e = enum_from_name<E>(name)) return *e;
    throw_unknown_name(EnumTable<E>::type, name);
}
template <described_enum E>
E enum_from_code(std::uint8_t code) {
    if (code >= enum_count<E>) throw_unknown_code(EnumTable<E>::type, code);
    return static_cast<E>(code);
}

// ---------------------------------------------------------------------------------------------
// Minimum encoded size of a list element in binary archives (the encoding of a default value,
// without class versions). A size prefix larger than remaining bytes / minimum is refused before
// anything is allocated. tests/io/archive_test.cpp checks each against the real encoding.

template <class T>
inline constexpr std::uint64_t min_binary_size = 1;
template <class Tag>
inline constexpr std::uint64_t min_binary_size<Id<Tag>> = 8;
template <> inline constexpr std::uint64_t min_binary_size<Citation> = 16;
template <> inline constexpr std::uint64_t min_binary_size<Investor> = 9;
template <> inline constexpr std::uint64_t min_binary_size<StageEvent> = 6;
template <> inline constexpr std::uint64_t min_binary_size<LoanSnapshot> = 22;
template <> inline constexpr std::uint64_t min_binary_size<LicensedCategory> = 2;
template <> inline constexpr std::uint64_t min_binary_size<YearlyThroughput> = 20;
template <> inline constexpr std::uint64_t min_binary_size<Source> = 33;
template <> inline constexpr std::uint64_t min_binary_size<Industry> = 42;
template <> inline constexpr std::uint64_t min_binary_size<Park> = 54;
template <> inline constexpr std::uint64_t min_binary_size<Enterprise> = 46;
template <> inline constexpr std::uint64_t min_binary_size<Bank> = 34;
template <> inline constexpr std::uint64_t min_binary_size<Project> = 64;
template <> inline constexpr std::uint64_t min_binary_size<Loan> = 83;
template <> inline constexpr std::uint64_t min_binary_size<WasteFacility> = 57;
template <> inline constexpr std::uint64_t min_binary_size<ReportedStatistic> = 53;

[[noreturn]] void throw_list_too_long(std::uint64_t size, std::uint64_t max_records);
[[noreturn]] void throw_beyond_input(std::uint64_t size, std::uint64_t element_bytes, std::uint64_t remaining);

/// A list of `size` elements of at least `element_bytes` each must fit in the rest of the input
/// and within LoadOptions::max_records.
template <class Archive>
void check_size(const Archive& ar, std::uint64_t size, std::uint64_t element_bytes) {
    if constexpr (bounded<Archive>) {
        if (size > ar.parkinvest_remaining() / element_bytes)
            throw_beyond_input(size, element_bytes, ar.parkinvest_remaining());
        if (size > ar.parkinvest_max_records()) throw_list_too_long(size, ar.parkinvest_max_records());
    }
}
/// A string of `size` bytes must fit in the rest of the input.
template <class Archive>
void check_string_size(const Archive& ar, std::uint64_t size) {
    if constexpr (bounded<Archive>) {
        if (size > ar.parkinvest_remaining()) throw_beyond_input(size, 1, ar.parkinvest_remaining());
    }
}

// ---------------------------------------------------------------------------------------------
// Values inside records

using schema::is_optional;
using schema::is_vector;

/// A list, written like cereal writes std::vector (a size tag, then the elements).
template <class R>
struct List {
    R& items;
};
/// An optional value, written like cereal writes std::optional.
template <class T>
struct Optional {
    std::optional<T>& value;
};
/// A StatisticValue: {"kind": "money", "data": {...}}; in binary the alternative's index byte.
struct Variant {
    StatisticValue& value;
};

template <class Archive, class T>
void value(Archive& ar, const char* name, T& v);

/// A member `name` of the record being read or written.
template <class Archive, class T>
void field(Archive& ar, const char* name, T& v) {
    if constexpr (loading<Archive>) {
        at(ar, Step{name, 0}, [&] { value(ar, name, v); });
    } else {
        try {
            value(ar, name, v);
        } catch (const ArgumentError& e) {
            rethrow_saving(e, name);
        }
    }
}

template <class Archive>
void string_value(Archive& ar, const char* name, std::string& s) {
    constexpr TextRules rules = text_rules<Archive>();
    if constexpr (!loading<Archive>) check_saved_text(s, rules);
    if constexpr (text<Archive>) {
        if (name != nullptr) ar(cereal::make_nvp(name, s));
        else ar(s);
    } else if constexpr (!loading<Archive>) {
        // cereal's std::string format: a size tag, then the bytes.
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(s.size())));
        ar(cereal::binary_data(s.data(), s.size()));
    } else {
        cereal::size_type size = 0;
        ar(cereal::make_size_tag(size));
        s.clear();
        if constexpr (bounded<Archive>) {
            check_string_size(ar, size);
            s.resize(static_cast<std::size_t>(size));
            ar(cereal::binary_data(s.data(), s.size()));
        } else {
            // Unknown remaining input: grow with what is actually read.
            constexpr std::uint64_t chunk = 1 << 16;
            while (s.size() < size) {
                const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, size - s.size()));
                const std::size_t old = s.size();
                s.resize(old + n);
                ar(cereal::binary_data(s.data() + old, n));
            }
        }
    }
    if constexpr (loading<Archive>) check_loaded_text(s, rules);
}

template <class Archive>
void bool_value(Archive& ar, const char* name, bool& b) {
    if constexpr (xml<Archive>) {
        std::string t = b ? "true" : "false";
        string_value(ar, name, t);
        if constexpr (loading<Archive>) b = parse_bool(t);
    } else if constexpr (text<Archive>) {
        if (name != nullptr) ar(cereal::make_nvp(name, b));
        else ar(b);
    } else {
        // One byte, as cereal writes a bool; read as an integer, so that 2 is an error and not
        // an invalid bool.
        std::uint8_t byte = b ? 1 : 0;
        ar(byte);
        if constexpr (loading<Archive>) {
            if (byte > 1) fail("boolean byte must be 0 or 1, not " + std::to_string(byte));
            b = byte == 1;
        }
    }
}

template <class Archive, class Int>
void integer_value(Archive& ar, const char* name, Int& v) {
    if constexpr (xml<Archive> && loading<Archive>) {
        std::string t;
        string_value(ar, name, t);
        if constexpr (std::is_signed_v<Int>) {
            v = static_cast<Int>(parse_int64(t, std::numeric_limits<Int>::min(), std::numeric_limits<Int>::max()));
        } else {
            const std::uint64_t u = parse_uint64(t);
            if (u > std::numeric_limits<Int>::max()) fail("number out of range", t);
            v = static_cast<Int>(u);
        }
    } else {
        if (name != nullptr) ar(cereal::make_nvp(name, v));
        else ar(v);
    }
}

template <class Archive>
void date_value(Archive& ar, const char* name, Date& d) {
    if constexpr (text<Archive>) {
        std::string t;
        if constexpr (!loading<Archive>) t = date_text(d);  // ArgumentError for Boost's special values
        string_value(ar, name, t);
        if constexpr (loading<Archive>) d = parse_date(t);
    } else {
        std::uint16_t y = 0;
        std::uint8_t m = 0, day = 0;
        if constexpr (!loading<Archive>) {
            if (d.is_special()) (void)date_text(d);  // ArgumentError for Boost's special values
            y = static_cast<std::uint16_t>(d.year());
            m = static_cast<std::uint8_t>(d.month());
            day = static_cast<std::uint8_t>(d.day());
        }
        ar(y, m, day);
        if constexpr (loading<Archive>) d = make_loaded_date(y, m, day);
    }
}

template <class Archive, class T>
void value(Archive& ar, const char* name, T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        string_value(ar, name, v);
    } else if constexpr (std::is_same_v<T, bool>) {
        bool_value(ar, name, v);
    } else if constexpr (std::is_integral_v<T>) {
        integer_value(ar, name, v);
    } else if constexpr (std::is_same_v<T, Date>) {
        date_value(ar, name, v);
    } else if constexpr (is_optional<T>::value) {
        Optional<typename T::value_type> o{v};
        if (name != nullptr) ar(cereal::make_nvp(name, o));
        else ar(o);
    } else if constexpr (is_vector<T>::value) {
        List<T> l{v};
        if (name != nullptr) ar(cereal::make_nvp(name, l));
        else ar(l);
    } else if constexpr (std::is_same_v<T, StatisticValue>) {
        Variant w{v};
        if (name != nullptr) ar(cereal::make_nvp(name, w));
        else ar(w);
    } else {
        if (name != nullptr) ar(cereal::make_nvp(name, v));
        else ar(v);
    }
}

template <class T>
concept has_id = requires(const T& t) { t.id.to_string(); };

template <class Archive, class R>
void save(Archive& ar, const List<R>& list) {
    ar(cereal::make_size_tag(static_cast<cereal::size_type>(list.items.size())));
    std::size_t i = 0;
    for (auto& item : list.items) {
        using T = std::remove_const_t<std::remove_reference_t<decltype(item)>>;
        if constexpr (has_id<T>) {
            value(ar, nullptr, const_cast<T&>(item));  // the record names itself in errors
        } else {
            try {
                value(ar, nullptr, const_cast<T&>(item));
            } catch (const ArgumentError& e) {
                rethrow_saving(e, "[" + std::to_string(i) + "]");
            }
        }
        ++i;
    }
}

template <class Archive, class T>
void load(Archive& ar, List<std::vector<T>>& list) {
    cereal::size_type size = 0;
    ar(cereal::make_size_tag(size));
    check_size(ar, size, min_binary_size<T>);
    std::vector<T>& items = list.items;
    items.clear();
    // Text archives count the elements of a parsed document; a binary size is bounded above.
    if constexpr (bounded<Archive>) items.reserve(static_cast<std::size_t>(size));
    for (std::uint64_t i = 0; i < size; ++i) {
        at(ar, Step{nullptr, static_cast<std::size_t>(i)}, [&] {
            // Read in place (no move of a whole record); a failed element is not kept.
            T& item = items.emplace_back();
            try {
                value(ar, nullptr, item);
            } catch (...) {
                items.pop_back();
                throw;
            }
        });
    }
}

template <class Archive, class T>
void save(Archive& ar, const Optional<T>& o) {
    bool absent = !o.value.has_value();
    field(ar, "nullopt", absent);
    if (!absent) field(ar, "data", const_cast<T&>(*o.value));
}

template <class Archive, class T>
void load(Archive& ar, Optional<T>& o) {
    bool absent = true;
    field(ar, "nullopt", absent);
    if (absent) {
        o.value.reset();
    } else if constexpr (std::is_same_v<T, CreditCode>) {
        // A code is saved as its string (text and binary alike); it has no blank value to load into.
        std::string code;
        field(ar, "data", code);
        at(ar, Step{"data", 0}, [&] { o.value = parse_credit_code(code); });
    } else {
        T item{};
        field(ar, "data", item);
        o.value = std::move(item);
    }
}

template <class Archive, std::size_t I = 0>
void save_alternative(Archive& ar, std::size_t index, StatisticValue& v) {
    if constexpr (I < std::variant_size_v<StatisticValue>) {
        if (index == I) field(ar, "data", std::get<I>(v));
        else save_alternative<Archive, I + 1>(ar, index, v);
    }
}
template <class Archive, std::size_t I = 0>
void load_alternative(Archive& ar, std::size_t index, StatisticValue& v) {
    if constexpr (I < std::variant_size_v<StatisticValue>) {
        if (index == I) {
            std::variant_alternative_t<I, StatisticValue> item{};
            field(ar, "data", item);
            v = std::move(item);
        } else {
            load_alternative<Archive, I + 1>(ar, index, v);
        }
    }
}

template <class Archive>
void save(Archive& ar, const Variant& w) {
    const std::size_t index = w.value.index();
    if (index >= enum_count<ValueKind>) throw ArgumentError("parkinvest: a statistic value without a value");
    if constexpr (text<Archive>) {
        std::string kind(enum_name(static_cast<ValueKind>(index)));
        field(ar, "kind", kind);
    } else {
        auto code = static_cast<std::uint8_t>(index);
        field(ar, "kind", code);
    }
    save_alternative(ar, index, w.value);
}

template <class Archive>
void load(Archive& ar, Variant& w) {
    std::size_t index = 0;
    if constexpr (text<Archive>) {
        std::string kind;
        field(ar, "kind", kind);
        at(ar, Step{"kind", 0}, [&] {
            const auto k = enum_from_name<ValueKind>(kind);
            if (!k) throw_unknown_name("statistic value kind", kind);
            index = static_cast<std::size_t>(*k);
        });
    } else {
        std::uint8_t code = 0;
        field(ar, "kind", code);
        at(ar, Step{"kind", 0}, [&] {
            if (code >= enum_count<ValueKind>) throw_unknown_code("statistic value kind", code);
        });
        index = code;
    }
    load_alternative(ar, index, w.value);
}

template <class IdT>
struct id_tag;
template <class Tag>
struct id_tag<Id<Tag>> {
    using type = Tag;
};

[[noreturn]] void throw_unsupported_version(std::string_view type, std::uint32_t version, std::uint32_t current);

/// Loading: refuses class versions this library does not know.
template <class T>
void check_version(std::string_view type, std::uint32_t version) {
    const std::uint32_t current = cereal::detail::Version<T>::version;
    if (version < 1 || version > current) throw_unsupported_version(type, version, current);
}

/// A versioned struct: checks the version on loading, then reads or writes its members.
template <class T, class Archive, class F>
void members(Archive&, std::string_view type, std::uint32_t version, F&& f) {
    if constexpr (loading<Archive>) check_version<T>(type, version);
    std::forward<F>(f)();
}

/// A record with an id: like members(), and failures name the entity and id.
template <class Archive, class R, class F>
void record(Archive& ar, R& r, std::uint32_t version, F&& f) {
    constexpr std::string_view entity = id_tag<decltype(r.id)>::type::entity;
    if constexpr (loading<Archive>) {
        try {
            check_version<R>(entity, version);
            field(ar, "id", r.id);
        } catch (const FormatError& e) {
            rethrow_in_record(e, entity, nullptr);
        }
        try {
            std::forward<F>(f)();
        } catch (const FormatError& e) {
            const std::string id = r.id.to_string();
            rethrow_in_record(e, entity, &id);
        }
    } else {
        try {
            field(ar, "id", r.id);
            std::forward<F>(f)();
        } catch (const ArgumentError& e) {
            rethrow_saving(e, r.id.to_string());
        }
    }
}

}  // namespace parkinvest::io::cereal_detail
