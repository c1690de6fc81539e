// SPDX-License-Identifier: MIT
// cereal serialization for every public parkinvest type: non-intrusive free functions, found by
// argument-dependent lookup, for cereal's JSON, XML, binary and portable binary archives.
//
// Use this header to put parkinvest values into archives of your own. To save and load whole
// datasets, io::save / io::load (<parkinvest/io/io.hpp>) are simpler and safer: they check a
// dataset before writing anything, and they load untrusted input with every size bounded.
//
// Representation
//  * Text archives (JSON, XML): money and decimals are exact decimal strings, never floating
//    point: {"amount": "60560000000.00", "currency": "CNY"}; an interest rate "0.0435". Enums are
//    written by name ("contracted", "at_least"), ids as numbers, dates as "2020-07-28", reported
//    dates at their precision ("2020-07", "2020-Q1", "2020-H1", "2020"), ratios and percentages
//    as exact fractions in lowest terms "221/500" (44.2%), quantities as integer counts of their
//    base unit (Area: 1/30,000 m²; Mass: grams; AnnualThroughput: grams per year), optional values
//    as cereal writes std::optional ({"nullopt": true} or {"nullopt": false, "data": ...}).
//  * Binary archives: money, decimals, ratios and quantities as 128-bit integers (two 64-bit
//    halves, low first) plus the currency byte; enums as one byte; dates as year, month, day.
//    Lists and strings use cereal's size prefixes (64-bit), so the bytes are those of cereal's
//    own std::vector / std::string serialization.
//  * Every record type and the Dataset carry a cereal class version (CEREAL_CLASS_VERSION below),
//    written once per type in an archive. Loading refuses versions newer than this library knows.
//
// Errors
//  * Loading throws FormatError for anything malformed: a wrong type, an unknown enum name, an
//    invalid decimal string, invalid UTF-8, an out-of-range value, a list larger than its input.
//    Its problem names the document path ("projects[3].contract_investment.data.value.amount"),
//    the entity, id and field when known, and the byte offset in io::load's binary archives
//    (io::load adds the line and column of the path in JSON and XML documents). Loading a Dataset
//    inserts everything into an empty Dataset at once; the Dataset's ValidationError (dangling
//    references, duplicate ids ...) passes through unchanged (io::load turns it into a FormatError).
//  * Saving throws ArgumentError for a value no archive can represent faithfully: a string that
//    is not UTF-8 (and, for JSON and XML, one holding characters those formats cannot carry),
//    an enum or currency outside its declared values. cereal's JSON and XML output archives
//    close their document in their destructors and cannot recover from an exception thrown in
//    the middle of a document; io::save therefore runs a text format's checks over the whole
//    dataset before it writes (and writes binary archives to memory first).
//  * Sizes read from binary archives are bounded by the input that remains only when the
//    archive tells how much remains (io::load's archives do); with cereal's own input archives
//    lists and strings are still read incrementally, so memory grows only with the bytes
//    actually read.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/io/cereal_detail.hpp>

// ---------------------------------------------------------------------------------------------
// Class versions of the records and the dataset. A file written with these versions loads in every
// later version of the library. The values and small structs inside records (Money, Period, Name,
// Citation, Reported<T>, StageEvent ...) carry no version of their own: cereal's output archives
// do a map insertion with an allocation for every versioned object they write, which would cost
// more than the rest of writing a Money. When one of them changes, the version of every record
// that holds it goes up, and that record's load reads the old layout for the old versions.

CEREAL_CLASS_VERSION(parkinvest::Dataset, 1)
CEREAL_CLASS_VERSION(parkinvest::Source, parkinvest::schema::Describe<parkinvest::Source>::version)
CEREAL_CLASS_VERSION(parkinvest::Industry, parkinvest::schema::Describe<parkinvest::Industry>::version)
CEREAL_CLASS_VERSION(parkinvest::Park, parkinvest::schema::Describe<parkinvest::Park>::version)
CEREAL_CLASS_VERSION(parkinvest::Enterprise, parkinvest::schema::Describe<parkinvest::Enterprise>::version)
CEREAL_CLASS_VERSION(parkinvest::Bank, parkinvest::schema::Describe<parkinvest::Bank>::version)
CEREAL_CLASS_VERSION(parkinvest::Project, parkinvest::schema::Describe<parkinvest::Project>::version)
CEREAL_CLASS_VERSION(parkinvest::Loan, parkinvest::schema::Describe<parkinvest::Loan>::version)
CEREAL_CLASS_VERSION(parkinvest::WasteFacility, parkinvest::schema::Describe<parkinvest::WasteFacility>::version)
CEREAL_CLASS_VERSION(parkinvest::ReportedStatistic, parkinvest::schema::Describe<parkinvest::ReportedStatistic>::version)

// ---------------------------------------------------------------------------------------------
// Leaf values: in text archives one string (cereal "minimal" serialization); in binary archives
// fixed-size integers. These tell cereal which of the two applies to which archive.

#define PARKINVEST_TEXT_MINIMAL_BINARY_SPLIT(...)                                                         \
    template <class Archive>                                                                              \
    struct specialize<Archive, __VA_ARGS__, specialization::non_member_load_save_minimal>                 \
        : std::conditional_t<traits::is_text_archive<Archive>::value, std::true_type, std::false_type> {}; \
    template <class Archive>                                                                              \
    struct specialize<Archive, __VA_ARGS__, specialization::non_member_load_save>                         \
        : std::conditional_t<traits::is_text_archive<Archive>::value, std::false_type, std::true_type> {};

namespace cereal {
template <class Archive, int S>
struct specialize<Archive, parkinvest::Decimal<S>, specialization::non_member_load_save_minimal>
    : std::conditional_t<traits::is_text_archive<Archive>::value, std::true_type, std::false_type> {};
template <class Archive, int S>
struct specialize<Archive, parkinvest::Decimal<S>, specialization::non_member_load_save>
    : std::conditional_t<traits::is_text_archive<Archive>::value, std::false_type, std::true_type> {};
template <class Archive, class K>
struct specialize<Archive, parkinvest::Quantity<K>, specialization::non_member_load_save_minimal>
    : std::conditional_t<traits::is_text_archive<Archive>::value, std::true_type, std::false_type> {};
template <class Archive, class K>
struct specialize<Archive, parkinvest::Quantity<K>, specialization::non_member_load_save>
    : std::conditional_t<traits::is_text_archive<Archive>::value, std::false_type, std::true_type> {};
PARKINVEST_TEXT_MINIMAL_BINARY_SPLIT(parkinvest::Ratio)
PARKINVEST_TEXT_MINIMAL_BINARY_SPLIT(parkinvest::Percent)
PARKINVEST_TEXT_MINIMAL_BINARY_SPLIT(parkinvest::PercentagePoints)
PARKINVEST_TEXT_MINIMAL_BINARY_SPLIT(parkinvest::ReportedDate)
PARKINVEST_TEXT_MINIMAL_BINARY_SPLIT(parkinvest::HwCategory)
PARKINVEST_TEXT_MINIMAL_BINARY_SPLIT(parkinvest::CreditCode)
}  // namespace cereal
#undef PARKINVEST_TEXT_MINIMAL_BINARY_SPLIT

namespace parkinvest {

// ---- ids: a number (in XML a string of digits, read strictly)

template <class Archive, class Tag>
auto save_minimal(const Archive&, const Id<Tag>& id) {
    if constexpr (io::cereal_detail::xml<Archive>) return std::to_string(id.value());
    else return id.value();
}
template <class Archive, class Tag>
void load_minimal(const Archive&, Id<Tag>& id, const std::uint64_t& v) requires(!io::cereal_detail::xml<Archive>) {
    id = Id<Tag>(v);
}
template <class Archive, class Tag>
void load_minimal(const Archive&, Id<Tag>& id, const std::string& v) requires(io::cereal_detail::xml<Archive>) {
    id = Id<Tag>(io::cereal_detail::parse_uint64(v));
}

// ---- enums: by name in text archives, one byte in binary archives

template <class Archive, described_enum E>
auto save_minimal(const Archive&, const E& e) {
    const std::size_t i = io::cereal_detail::enum_index_for_save(e);
    if constexpr (io::cereal_detail::text<Archive>)
        return std::string(EnumTable<E>::entries[i].name);
    else
        return static_cast<std::uint8_t>(i);
}
template <class Archive, described_enum E>
void load_minimal(const Archive&, E& e, const std::string& name) requires(io::cereal_detail::text<Archive>) {
    e = io::cereal_detail::enum_by_name<E>(name);
}
template <class Archive, described_enum E>
void load_minimal(const Archive&, E& e, const std::uint8_t& code) requires(!io::cereal_detail::text<Archive>) {
    e = io::cereal_detail::enum_from_code<E>(code);
}

// ---- 128-bit integers in binary archives

namespace io::cereal_detail {
template <class Archive>
void save_i128(Archive& ar, detail::i128 v) {
    std::uint64_t low = 0;
    std::int64_t high = 0;
    split(v, low, high);
    ar(low, high);
}
template <class Archive>
detail::i128 load_i128(Archive& ar) {
    std::uint64_t low = 0;
    std::int64_t high = 0;
    ar(low, high);
    return join(low, high);
}
}  // namespace io::cereal_detail

// ---- Decimal<S>: "1234.5678" / 128-bit units

template <class Archive, int S>
std::string save_minimal(const Archive&, const Decimal<S>& d) {
    return d.to_string();
}
template <class Archive, int S>
void load_minimal(const Archive&, Decimal<S>& d, const std::string& text) {
    d = Decimal<S>::from_units(io::cereal_detail::parse_decimal(text, S));
}
template <class Archive, int S>
void save(Archive& ar, const Decimal<S>& d) {
    io::cereal_detail::save_i128(ar, d.units());
}
template <class Archive, int S>
void load(Archive& ar, Decimal<S>& d) {
    d = Decimal<S>::from_units(io::cereal_detail::load_i128(ar));
}

// ---- Quantity<K>: integer count of the base unit

template <class Archive, class K>
std::string save_minimal(const Archive&, const Quantity<K>& q) {
    return detail::to_string(q.base_count());
}
template <class Archive, class K>
void load_minimal(const Archive&, Quantity<K>& q, const std::string& text) {
    q = Quantity<K>::from_base(io::cereal_detail::parse_integer(text));
}
template <class Archive, class K>
void save(Archive& ar, const Quantity<K>& q) {
    io::cereal_detail::save_i128(ar, q.base_count());
}
template <class Archive, class K>
void load(Archive& ar, Quantity<K>& q) {
    q = Quantity<K>::from_base(io::cereal_detail::load_i128(ar));
}

// ---- Ratio, Percent, PercentagePoints: "num/den" / two 128-bit integers

template <class Archive>
std::string save_minimal(const Archive&, const Ratio& r) {
    return io::cereal_detail::ratio_text(r);
}
template <class Archive>
void load_minimal(const Archive&, Ratio& r, const std::string& text) {
    r = io::cereal_detail::parse_ratio(text);
}
template <class Archive>
void save(Archive& ar, const Ratio& r) {
    io::cereal_detail::save_i128(ar, r.numerator());
    io::cereal_detail::save_i128(ar, r.denominator());
}
template <class Archive>
void load(Archive& ar, Ratio& r) {
    const detail::i128 num = io::cereal_detail::load_i128(ar);
    const detail::i128 den = io::cereal_detail::load_i128(ar);
    r = io::cereal_detail::make_ratio(num, den);
}

template <class Archive>
std::string save_minimal(const Archive& ar, const Percent& p) {
    return save_minimal(ar, p.fraction());
}
template <class Archive>
void load_minimal(const Archive& ar, Percent& p, const std::string& text) {
    Ratio r;
    load_minimal(ar, r, text);
    p = Percent(r);
}
template <class Archive>
void save(Archive& ar, const Percent& p) {
    save(ar, p.fraction());
}
template <class Archive>
void load(Archive& ar, Percent& p) {
    Ratio r;
    load(ar, r);
    p = Percent(r);
}

template <class Archive>
std::string save_minimal(const Archive& ar, const PercentagePoints& p) {
    return save_minimal(ar, p.fraction());
}
template <class Archive>
void load_minimal(const Archive& ar, PercentagePoints& p, const std::string& text) {
    Ratio r;
    load_minimal(ar, r, text);
    p = PercentagePoints(r);
}
template <class Archive>
void save(Archive& ar, const PercentagePoints& p) {
    save(ar, p.fraction());
}
template <class Archive>
void load(Archive& ar, PercentagePoints& p) {
    Ratio r;
    load(ar, r);
    p = PercentagePoints(r);
}

// ---- ReportedDate: "2020-Q3" / precision byte and first day

template <class Archive>
std::string save_minimal(const Archive&, const ReportedDate& d) {
    return io::cereal_detail::reported_date_text(d);
}
template <class Archive>
void load_minimal(const Archive&, ReportedDate& d, const std::string& text) {
    d = io::cereal_detail::parse_reported_date(text);
}
template <class Archive>
void save(Archive& ar, const ReportedDate& d) {
    const auto precision = static_cast<std::uint8_t>(io::cereal_detail::enum_index_for_save(d.precision()));
    const Date first = d.first();
    ar(precision, static_cast<std::uint16_t>(first.year()), static_cast<std::uint8_t>(first.month()),
       static_cast<std::uint8_t>(first.day()));
}
template <class Archive>
void load(Archive& ar, ReportedDate& d) {
    std::uint8_t precision = 0, month = 0, day = 0;
    std::uint16_t year = 0;
    ar(precision, year, month, day);
    d = io::cereal_detail::make_reported_date(io::cereal_detail::enum_from_code<DatePrecision>(precision), year,
                                              month, day);
}

// ---- HwCategory: "HW08" / one byte

template <class Archive>
std::string save_minimal(const Archive&, const HwCategory& c) {
    return c.to_string();
}
template <class Archive>
void load_minimal(const Archive&, HwCategory& c, const std::string& text) {
    c = HwCategory::parse(text);
    if (c.to_string() != text) io::cereal_detail::fail("not a hazardous-waste category in canonical form (HW01 to HW50)", text);
}
template <class Archive>
void save(Archive& ar, const HwCategory& c) {
    ar(static_cast<std::uint8_t>(c.number()));
}
template <class Archive>
void load(Archive& ar, HwCategory& c) {
    std::uint8_t n = 0;
    ar(n);
    c = HwCategory(n);
}

// ---- CreditCode: its 18 characters, as a string in every archive

template <class Archive>
std::string save_minimal(const Archive&, const CreditCode& c) {
    return c.str();
}
template <class Archive>
void load_minimal(const Archive&, CreditCode& c, const std::string& text) {
    c = io::cereal_detail::parse_credit_code(text);
}
template <class Archive>
void save(Archive& ar, const CreditCode& c) {
    std::string s = c.str();
    io::cereal_detail::string_value(ar, nullptr, s);
}
template <class Archive>
void load(Archive& ar, CreditCode& c) {
    std::string s;
    io::cereal_detail::string_value(ar, nullptr, s);
    c = io::cereal_detail::parse_credit_code(s);
}

// ---- Money: {"amount": "60560000000.00", "currency": "CNY"} / 128-bit units and currency byte

template <class Archive>
void save(Archive& ar, const Money& m) {
    using namespace io::cereal_detail;
    Currency currency = m.currency();
    if constexpr (text<Archive>) {
        enum_index_for_save(currency);
        std::string amount = money_amount_text(m);
        field(ar, "amount", amount);
    } else {
        save_i128(ar, m.units());
    }
    field(ar, "currency", currency);
}
template <class Archive>
void load(Archive& ar, Money& m) {
    using namespace io::cereal_detail;
    detail::i128 units = 0;
    if constexpr (text<Archive>) {
        std::string amount;
        field(ar, "amount", amount);
        at(ar, Step{"amount", 0}, [&] { units = parse_decimal(amount, Money::scale); });
    } else {
        at(ar, Step{"amount", 0}, [&] { units = load_i128(ar); });
    }
    Currency currency = Currency::CNY;
    field(ar, "currency", currency);
    at(ar, Step{"amount", 0}, [&] { m = Money::from_units(units, currency); });
}

// ---- Period: {"kind": "half_year", "first": "2020-01-01", "last": "2020-06-30"}

template <class Archive>
void save(Archive& ar, const Period& p) {
    using namespace io::cereal_detail;
    PeriodKind kind = p.kind();
    Date first = p.first(), last = p.last();
    field(ar, "kind", kind);
    field(ar, "first", first);
    field(ar, "last", last);
}
template <class Archive>
void load(Archive& ar, Period& p) {
    using namespace io::cereal_detail;
    PeriodKind kind = PeriodKind::range;
    Date first, last;
    field(ar, "kind", kind);
    field(ar, "first", first);
    field(ar, "last", last);
    p = make_period(kind, first, last);
}

// ---- structs and records: their fields as model/describe.hpp lists them

/// A struct inside records (Name, Citation, Reported<T>, StageEvent, WasteLicence ...): its
/// fields in order, without a class version.
template <class Archive, class T>
    requires(schema::described<T> && !schema::record<T>)
void serialize(Archive& ar, T& v) {
    schema::for_each_field<T>([&](const auto& f) { io::cereal_detail::field(ar, f.info.name.data(), f.of(v)); });
}

/// A record: its class version, its id, then its other fields. A field added in a later class
/// version (FieldInfo::since) is not read from older files and keeps its default. (The fields
/// are visited by index so that each one's name, member and version are constants here.)
template <class Archive, class R, std::size_t... I>
void record_fields(Archive& ar, R& r, const std::uint32_t version, std::index_sequence<I...>) {
    const auto one = [&]<std::size_t N>(std::integral_constant<std::size_t, N>) {
        constexpr const auto& f = std::get<N>(schema::Describe<R>::fields);
        if constexpr (N > 0) {  // the id: record() reads and writes it first
            if constexpr (f.info.since > 1) {
                if (version < f.info.since) return;
            }
            io::cereal_detail::field(ar, f.info.name.data(), r.*(f.member));
        }
    };
    (one(std::integral_constant<std::size_t, I>{}), ...);
}

template <class Archive, class R>
    requires schema::record<R>
void serialize(Archive& ar, R& r, const std::uint32_t version) {
    constexpr std::size_t n = std::tuple_size_v<std::remove_cvref_t<decltype(schema::Describe<R>::fields)>>;
    io::cereal_detail::record(ar, r, version, [&] { record_fields(ar, r, version, std::make_index_sequence<n>{}); });
}

// ---- Dataset: a format marker and the lists of records, in Batch order

namespace io::cereal_detail {
inline constexpr std::string_view dataset_format = "parkinvest.dataset";
[[noreturn]] void throw_not_a_dataset(std::string_view format);
}  // namespace io::cereal_detail

template <class Archive>
void save(Archive& ar, const Dataset& d, const std::uint32_t) {
    using namespace io::cereal_detail;
    std::string format(dataset_format);
    field(ar, "format", format);
    const auto list = [&](const char* name, auto records) {
        List<decltype(records)> l{records};
        ar(cereal::make_nvp(name, l));
    };
    list("sources", d.sources());
    list("industries", d.industries());
    list("parks", d.parks());
    list("enterprises", d.enterprises());
    list("banks", d.banks());
    list("projects", d.projects());
    list("loans", d.loans());
    list("waste_facilities", d.waste_facilities());
    list("statistics", d.statistics());
}

/// Builds every record, then inserts them into an empty Dataset in one validated Batch; `d` is
/// replaced only when everything loaded and validated.
template <class Archive>
void load(Archive& ar, Dataset& d, const std::uint32_t version) {
    using namespace io::cereal_detail;
    check_version<Dataset>("dataset", version);
    std::string format;
    field(ar, "format", format);
    at(ar, Step{"format", 0}, [&] {
        if (format != dataset_format) throw_not_a_dataset(format);
    });
    Batch b;
    field(ar, "sources", b.sources);
    field(ar, "industries", b.industries);
    field(ar, "parks", b.parks);
    field(ar, "enterprises", b.enterprises);
    field(ar, "banks", b.banks);
    field(ar, "projects", b.projects);
    field(ar, "loans", b.loans);
    field(ar, "waste_facilities", b.waste_facilities);
    field(ar, "statistics", b.statistics);
    Dataset fresh;
    fresh.insert(std::move(b));
    d = std::move(fresh);
}

}  // namespace parkinvest
