// SPDX-License-Identifier: MIT
// cereal archives of datasets (JSON, XML, binary, portable binary): exact round trips of the
// sample, of a dataset with every kind of value and of 10,000 random datasets; the text and
// binary representation of values, worked out by hand; the checked-in format fixtures
// (tests/data/compat); schema evolution with class versions; values that cannot be saved.
// Hostile input is in archive_hostile_test.cpp.
#include <cereal/archives/binary.hpp>
#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/archives/xml.hpp>

#include <parkinvest/io/cereal.hpp>
#include <parkinvest/io/csv.hpp>
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include <gtest/gtest.h>

#include "io/archive_support.hpp"
#include "support/test_support.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

// A record type of a test, in two versions: version 2 adds an optional member.
namespace archive_test_evolution {
struct GadgetV1 {
    std::string label;
};
struct GadgetV2 {
    std::string label;
    std::optional<parkinvest::Money> price;  // new in version 2
    friend bool operator==(const GadgetV2&, const GadgetV2&) = default;
};
template <class Archive>
void serialize(Archive& ar, GadgetV1& g, const std::uint32_t version) {
    using namespace parkinvest::io::cereal_detail;
    members<GadgetV1>(ar, "gadget", version, [&] { field(ar, "label", g.label); });
}
template <class Archive>
void serialize(Archive& ar, GadgetV2& g, const std::uint32_t version) {
    using namespace parkinvest::io::cereal_detail;
    members<GadgetV2>(ar, "gadget", version, [&] {
        field(ar, "label", g.label);
        if (version >= 2) field(ar, "price", g.price);
        else g.price.reset();  // absent from version-1 files
    });
}
}  // namespace archive_test_evolution
CEREAL_CLASS_VERSION(archive_test_evolution::GadgetV1, 1)
CEREAL_CLASS_VERSION(archive_test_evolution::GadgetV2, 2)

namespace {

using namespace parkinvest;
using namespace parkinvest::test;
namespace fs = std::filesystem;

// ------------------------------------------------------------------ single values through cereal

/// The JSON document {"v": v} without the white space outside strings.
template <class T>
std::string json_of(const T& v) {
    std::ostringstream s;
    {
        cereal::JSONOutputArchive ar(s, cereal::JSONOutputArchive::Options::NoIndent());
        ar(cereal::make_nvp("v", v));
    }
    std::string compact;
    bool in_string = false, escaped = false;
    for (char c : s.str()) {
        if (in_string) {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\n') {
            continue;
        }
        compact += c;
    }
    return compact;
}
template <class T>
T from_json(const std::string& json) {
    std::istringstream s(json);
    cereal::JSONInputArchive ar(s);
    T v{};
    ar(cereal::make_nvp("v", v));
    return v;
}
template <class T>
std::string binary_of(const T& v) {
    std::ostringstream s;
    {
        cereal::BinaryOutputArchive ar(s);
        ar(v);
    }
    return s.str();
}
template <class T>
T from_binary(const std::string& bytes) {
    std::istringstream s(bytes);
    cereal::BinaryInputArchive ar(s);
    T v{};
    ar(v);
    return v;
}
std::string hex(const std::string& bytes) {
    std::string h;
    constexpr char digits[] = "0123456789abcdef";
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (!h.empty()) h += ' ';
        h += digits[b >> 4];
        h += digits[b & 0xF];
    }
    return h;
}

// ------------------------------------------------------------------ round trips

TEST(IoArchive, SampleRoundTripsInEveryFormat) {
    const Dataset sample = samples::high_tech_zones_2020();
    for (io::Format f : kArchiveFormats) {
        SCOPED_TRACE(io::to_string(f));
        const std::string bytes = save_bytes(sample, f);
        EXPECT_EQ(load_bytes(bytes, f), sample);
        // Saving what was loaded gives the same bytes.
        EXPECT_EQ(save_bytes(load_bytes(bytes, f), f), bytes);
    }
}

TEST(IoArchive, EveryKindOfValueRoundTripsInEveryFormat) {
    const Dataset d = all_kinds();
    ASSERT_EQ(d.statistics().size(), 8u);
    for (io::Format f : kArchiveFormats) {
        SCOPED_TRACE(io::to_string(f));
        const Dataset back = load_bytes(save_bytes(d, f), f);
        EXPECT_EQ(back, d);
        // Spot checks that do not rely on operator== alone.
        EXPECT_EQ(back.get(ProjectId{1}).contract_investment->value.to_string(), "60560000000.00 CNY");
        EXPECT_EQ(back.get(ProjectId{1}).contract_investment->bound, Bound::at_least);
        EXPECT_EQ(back.get(LoanId{1}).interest_rate->to_string(), "0.0435");
        EXPECT_EQ(back.get(SourceId{2}).note, "记者 \"引号\" <尖括号> & 符号\t制表符\n换行");
        EXPECT_EQ(std::get<Percent>(*back.get(StatisticId{3}).value), Percent(Ratio(1, 3)));
    }
}

class IoArchiveRandom : public ::testing::TestWithParam<io::Format> {};

TEST_P(IoArchiveRandom, TenThousandRandomDatasetsRoundTripExactly) {
    // Datasets of 0 to about 20 records (see random_dataset); seeds 1..10000.
    const io::Format f = GetParam();
    std::size_t records = 0, nonempty = 0;
    for (std::uint64_t seed = 1; seed <= 10'000; ++seed) {
        const Dataset d = random_dataset(seed);
        records += d.size();
        if (!d.empty()) ++nonempty;
        const Dataset back = load_bytes(save_bytes(d, f), f);
        if (back != d) {
            ADD_FAILURE() << "seed " << seed << ": the loaded dataset differs";
            return;
        }
    }
    // The datasets are varied: most are not empty, and they hold many records in all.
    EXPECT_GT(nonempty, 9'000u);
    EXPECT_GT(records, 40'000u);
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, IoArchiveRandom, ::testing::ValuesIn(kArchiveFormats),
                         [](const ::testing::TestParamInfo<io::Format>& param_info) {
                             return std::string(io::to_string(param_info.param));
                         });

TEST(IoArchive, PathsChooseTheFormatFromTheExtension) {
    const fs::path dir = fs::temp_directory_path() / ("parkinvest_archive_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    fs::create_directories(dir);
    const Dataset d = all_kinds();
    for (const char* ext : {".json", ".xml", ".bin", ".pbin"}) {
        const fs::path file = dir / (std::string("d") + ext);
        io::save(d, file);
        EXPECT_FALSE(fs::exists(fs::path(file) += ".partial"));
        EXPECT_EQ(io::load(file), d) << ext;
    }
    // The content is the format the extension names: the JSON file starts with '{'.
    std::ifstream json(dir / "d.json");
    EXPECT_EQ(json.get(), '{');
    fs::remove_all(dir);
}

// ------------------------------------------------------------------ representation

TEST(IoArchive, TextArchivesWriteMoneyAsExactDecimalStrings) {
    const std::string json = save_bytes(samples::high_tech_zones_2020(), io::Format::json);
    // 上半年合同投资 605.6亿元 = 60,560,000,000 yuan, with the 2 decimals of 分.
    EXPECT_NE(json.find("\"amount\": \"60560000000.00\",\n"), std::string::npos);
    EXPECT_NE(json.find("\"currency\": \"CNY\""), std::string::npos);
    const std::string xml = save_bytes(samples::high_tech_zones_2020(), io::Format::xml);
    EXPECT_NE(xml.find("<amount>60560000000.00</amount>"), std::string::npos);

    // No number in the JSON document has a fraction or an exponent: every non-integer value is a
    // string. (Numbers are the tokens outside strings that start with '-' or a digit.)
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i;
            while (end < json.size() && std::string_view("-+0123456789.eE").find(json[end]) != std::string_view::npos) ++end;
            const std::string number = json.substr(i, end - i);
            ASSERT_EQ(number.find_first_of(".eE"), std::string::npos) << "non-integer number " << number << " at byte " << i;
            i = end - 1;
        }
    }
}

TEST(IoArchive, ValuesInTextArchives) {
    // Worked out by hand from the representation documented in <parkinvest/io/cereal.hpp>.
    EXPECT_EQ(json_of(Money::parse("605.6亿")),
              R"({"v":{"amount":"60560000000.00","currency":"CNY"}})");
    EXPECT_EQ(json_of(Money::of_minor(1234, Currency::JPY)),
              R"({"v":{"amount":"1234","currency":"JPY"}})");
    EXPECT_EQ(json_of(Money::from_units(-123456, Currency::USD)),
              R"({"v":{"amount":"-12.3456","currency":"USD"}})");
    EXPECT_EQ(json_of(Decimal<6>::parse("0.0435")), R"({"v":"0.0435"})");
    EXPECT_EQ(json_of(Percent::parse("44.2%")), R"({"v":"221/500"})");
    EXPECT_EQ(json_of(Ratio(-2, 6)), R"({"v":"-1/3"})");
    // 225 km² = 225 × 10^6 m² = 225 × 10^6 × 30,000 counts of 1/30,000 m² = 6.75 × 10^12.
    EXPECT_EQ(json_of(Area::of(225, AreaKind::Unit::square_kilometre)), R"({"v":"6750000000000"})");
    EXPECT_EQ(json_of(Mass::parse("291吨")), R"({"v":"291000000"})");  // grams
    EXPECT_EQ(json_of(ReportedDate::day(2020, 7, 28)), R"({"v":"2020-07-28"})");
    EXPECT_EQ(json_of(ReportedDate::month(2020, 7)), R"({"v":"2020-07"})");
    EXPECT_EQ(json_of(ReportedDate::quarter(2020, 3)), R"({"v":"2020-Q3"})");
    EXPECT_EQ(json_of(ReportedDate::half_year(2020, 2)), R"({"v":"2020-H2"})");
    EXPECT_EQ(json_of(ReportedDate::year(2020)), R"({"v":"2020"})");
    EXPECT_EQ(json_of(Period::year_to_date(2020, 6)),
              R"({"v":{"kind":"year_to_date","first":"2020-01-01","last":"2020-06-30"}})");
    EXPECT_EQ(json_of(Stage::in_production), R"({"v":"in_production"})");
    EXPECT_EQ(json_of(InvestorRole::operator_), R"({"v":"operator"})");
    EXPECT_EQ(json_of(Currency::KRW), R"({"v":"KRW"})");
    EXPECT_EQ(json_of(ProjectId{42}), R"({"v":42})");
    EXPECT_EQ(json_of(HwCategory(8)), R"({"v":"HW08"})");
    Reported<std::int64_t> count;
    count.value = 39;
    count.bound = Bound::more_than;
    EXPECT_EQ(json_of(count), R"({"v":{"value":39,"bound":"more_than","estimated":false}})");
    Name name;
    name.zh = "重庆高新区";
    EXPECT_EQ(json_of(name), R"({"v":{"zh":"重庆高新区","en":{"nullopt":true}}})");

    // And back.
    EXPECT_EQ(from_json<Money>(json_of(Money::parse("605.6亿"))), Money::parse("605.6亿"));
    EXPECT_EQ(from_json<Percent>(R"({"v":"221/500"})"), Percent::parse("44.2%"));
    EXPECT_EQ(from_json<ReportedDate>(R"({"v":"2020-Q3"})"), ReportedDate::quarter(2020, 3));
    EXPECT_EQ(from_json<Stage>(R"({"v":"cancelled"})"), Stage::cancelled);
    EXPECT_EQ(from_json<Name>(json_of(name)), name);
}

TEST(IoArchive, ValuesInBinaryArchives) {
    // Money: the units (1 yuan = 10,000) as two 64-bit halves, low first, then the currency byte
    // (CNY = 0, USD = 1).
    EXPECT_EQ(hex(binary_of(Money::of(1))), "10 27 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    // −1 unit in two's complement: all bits set in both halves.
    EXPECT_EQ(hex(binary_of(Money::from_units(-1, Currency::USD))),
              "ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff 01");
    // 2^64 units: low half 0, high half 1.
    EXPECT_EQ(hex(binary_of(Decimal<4>::from_units(detail::i128(1) << 64))),
              "00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00");
    EXPECT_EQ(hex(binary_of(Stage::started)), "03");
    EXPECT_EQ(hex(binary_of(ReportedDate::quarter(2020, 3))), "02 e4 07 07 01");  // quarter, 2020, July 1
    EXPECT_EQ(hex(binary_of(ProjectId{258})), "02 01 00 00 00 00 00 00");
    // A name: the Chinese name as a cereal string, then the optional English name as cereal writes
    // std::optional: a "nullopt" flag (1: absent), then the value when present.
    Name name;
    name.zh = "园";  // E5 9B AD
    EXPECT_EQ(hex(binary_of(name)), "03 00 00 00 00 00 00 00 e5 9b ad 01");
    name.en = "P";
    EXPECT_EQ(hex(binary_of(name)), "03 00 00 00 00 00 00 00 e5 9b ad 00 01 00 00 00 00 00 00 00 50");
    // A record: its class version (uint32) the first time the type occurs in an archive, then its
    // members; the second one has no version. (Bank version 2 added branch_en after branch: an
    // optional, 01 when absent.)
    Bank bank;
    bank.id = BankId{3};
    bank.name = name;
    bank.kind = BankKind::rural;
    const std::string members = "03 00 00 00 00 00 00 00 " + hex(binary_of(name)) + " 00 00 00 00 00 00 00 00 01 04 00 00 00 00 00 00 00 00";
    std::ostringstream two;
    {
        cereal::BinaryOutputArchive ar(two);
        ar(bank, bank);
    }
    EXPECT_EQ(hex(two.str()), "02 00 00 00 " + members + " " + members);

    EXPECT_EQ(from_binary<Money>(binary_of(Money::parse("-605.6亿美元"))), Money::parse("-605.6亿美元"));
    EXPECT_EQ(from_binary<Name>(binary_of(name)), name);
}

/// `v` saved and loaded back with cereal's own archives of each kind.
template <class T>
void expect_round_trip(const T& v) {
    const auto text = [&](auto out_tag, auto in_tag) {
        using Out = typename decltype(out_tag)::type;
        using In = typename decltype(in_tag)::type;
        std::stringstream s;
        {
            Out ar(s);
            ar(cereal::make_nvp("v", v));
        }
        In ar(s);
        T back = [] {
            if constexpr (std::is_default_constructible_v<T>) return T{};
            else return T(1);  // HwCategory
        }();
        ar(cereal::make_nvp("v", back));
        EXPECT_TRUE(back == v) << s.str();
    };
    text(std::type_identity<cereal::JSONOutputArchive>{}, std::type_identity<cereal::JSONInputArchive>{});
    text(std::type_identity<cereal::XMLOutputArchive>{}, std::type_identity<cereal::XMLInputArchive>{});
    text(std::type_identity<cereal::BinaryOutputArchive>{}, std::type_identity<cereal::BinaryInputArchive>{});
    text(std::type_identity<cereal::PortableBinaryOutputArchive>{}, std::type_identity<cereal::PortableBinaryInputArchive>{});
}

template <class E>
void expect_every_value_round_trips() {
    for (std::size_t i = 0; i < enum_count<E>; ++i) expect_round_trip(static_cast<E>(i));
}

TEST(IoArchive, EveryValueTypeRoundTripsInCerealsArchives) {
    expect_every_value_round_trips<Currency>();
    expect_every_value_round_trips<Bound>();
    expect_every_value_round_trips<DatePrecision>();
    expect_every_value_round_trips<PeriodKind>();
    expect_every_value_round_trips<ParkKind>();
    expect_every_value_round_trips<OriginKind>();
    expect_every_value_round_trips<BankKind>();
    expect_every_value_round_trips<LoanInstrument>();
    expect_every_value_round_trips<GuaranteeType>();
    expect_every_value_round_trips<Stage>();
    expect_every_value_round_trips<ProjectNature>();
    expect_every_value_round_trips<InvestorRole>();
    expect_every_value_round_trips<Indicator>();
    expect_every_value_round_trips<ComparisonKind>();
    expect_every_value_round_trips<WasteFacilityKind>();
    expect_every_value_round_trips<LicenceType>();
    expect_every_value_round_trips<OperatingMode>();
    // Limits of the 128-bit values.
    expect_round_trip(Decimal<0>::max());
    expect_round_trip(Decimal<0>::min());
    expect_round_trip(Decimal<10>::parse("-0.0000000001"));
    expect_round_trip(Money::from_units(kMaxUnits, Currency::GBP));
    expect_round_trip(Money::from_units(kMinUnits, Currency::KRW));
    expect_round_trip(Ratio(kI128Max, 7));
    expect_round_trip(Ratio(-kI128Max, kI128Max - 1));
    expect_round_trip(Percent(Ratio(-1, 3)));
    expect_round_trip(PercentagePoints(Ratio(3, 200)));
    expect_round_trip(Area::from_base(kI128Max));
    expect_round_trip(Mass::from_base(-kI128Max));
    expect_round_trip(AnnualThroughput::parse("0.001 t/a"));
    // Dates at the ends of the calendar, every precision and every kind of period.
    expect_round_trip(ReportedDate::day(1400, 1, 1));
    expect_round_trip(ReportedDate::day(9999, 12, 31));
    expect_round_trip(ReportedDate::month(2020, 2));
    expect_round_trip(ReportedDate::quarter(2020, 4));
    expect_round_trip(ReportedDate::half_year(2020, 2));
    expect_round_trip(ReportedDate::year(9999));
    for (const Period& p : {Period::year(2020), Period::half_year(2020, 2), Period::quarter(2020, 4), Period::month(2020, 2),
                            Period::year_to_date(2020, 11), Period::as_of(make_date(2020, 2, 29)),
                            Period::range(make_date(1400, 1, 1), make_date(9999, 12, 31))})
        expect_round_trip(p);
    expect_round_trip(HwCategory(50));
    expect_round_trip(ProjectId{UINT64_MAX});
    Reported<Money> reported;
    reported.value = Money::parse("1.5亿日元");
    reported.bound = Bound::less_than;
    reported.estimated = true;
    expect_round_trip(reported);
}

TEST(IoArchive, TextRulesFindTheFirstBadByteAtAnyPosition) {
    using io::cereal_detail::text_problem;
    using io::cereal_detail::TextRules;
    // Each bad byte at each position of a 40-byte ASCII text (the check reads 8 bytes at a time).
    const std::string plain = "The quick brown fox\tjumps over the lazy.";
    ASSERT_EQ(plain.size(), 40u);
    for (std::size_t at = 0; at < plain.size(); ++at) {
        std::string s = plain;
        s[at] = '\x01';
        ASSERT_EQ(text_problem(s, TextRules::xml)->offset, at);
        EXPECT_FALSE(text_problem(s, TextRules::json));
        EXPECT_FALSE(text_problem(s, TextRules::utf8));
        s[at] = '\0';
        ASSERT_EQ(text_problem(s, TextRules::json)->offset, at);
        EXPECT_FALSE(text_problem(s, TextRules::utf8));
        s[at] = '\x80';
        ASSERT_EQ(text_problem(s, TextRules::utf8)->offset, at);
        s[at] = '\x7F';  // DEL is allowed everywhere
        EXPECT_FALSE(text_problem(s, TextRules::xml));
    }
    EXPECT_FALSE(text_problem(plain + "\n\r\t", TextRules::xml));
    // UTF-8: overlong forms, surrogates, beyond U+10FFFF and cut sequences are refused.
    for (const char* bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE5\x9B", "\xF0\x9F\x98"}) {
        const std::string s = "abcdefgh" + std::string(bad) + "ijklmnop";
        ASSERT_TRUE(text_problem(s, TextRules::utf8)) << bad;
        EXPECT_EQ(text_problem(s, TextRules::utf8)->offset, 8u) << bad;
    }
    EXPECT_FALSE(text_problem("园区 \xF0\x9F\x98\x80 \xEF\xBF\xBD", TextRules::xml));  // 园区, U+1F600, U+FFFD
    EXPECT_TRUE(text_problem("\xEF\xBF\xBE", TextRules::xml));  // U+FFFE: not an XML character
    EXPECT_FALSE(text_problem("\xEF\xBF\xBE", TextRules::json));
}

TEST(IoArchive, Int128HalvesAtTheLimits) {
    using io::cereal_detail::join;
    using io::cereal_detail::split;
    const i128 values[] = {0, 1, -1, kI128Max, -kI128Max, i128(1) << 64, -(i128(1) << 64), (i128(1) << 64) - 1,
                           big("-18446744073709551617"), kMaxUnits, kMinUnits};
    for (const i128& v : values) {
        std::uint64_t low = 0;
        std::int64_t high = 0;
        split(v, low, high);
        EXPECT_I128_EQ(join(low, high), v);
    }
    std::uint64_t low = 0;
    std::int64_t high = 0;
    split(-(i128(1) << 64), low, high);
    EXPECT_EQ(low, 0u);
    EXPECT_EQ(high, -1);
    split(kI128Max, low, high);
    EXPECT_EQ(low, UINT64_MAX);
    EXPECT_EQ(high, INT64_MAX);
    // -2^127 (low 0, high INT64_MIN) is outside the symmetric range.
    EXPECT_THROW((void)join(0, INT64_MIN), FormatError);
}

TEST(IoArchive, CerealsOwnInputArchivesReadTheFiles) {
    // The binary files are cereal's binary formats: cereal's own input archives with
    // <parkinvest/io/cereal.hpp> read them too.
    const Dataset d = all_kinds();
    {
        std::istringstream in(save_bytes(d, io::Format::binary));
        cereal::BinaryInputArchive ar(in);
        Dataset back;
        ar(back);
        EXPECT_EQ(back, d);
    }
    {
        std::istringstream in(save_bytes(d, io::Format::portable_binary));
        cereal::PortableBinaryInputArchive ar(in);
        Dataset back;
        ar(back);
        EXPECT_EQ(back, d);
    }
    {
        std::istringstream in(save_bytes(d, io::Format::xml));
        cereal::XMLInputArchive ar(in);
        Dataset back;
        ar(cereal::make_nvp("dataset", back));
        EXPECT_EQ(back, d);
    }
    // The portable format is little endian: its first byte says so.
    EXPECT_EQ(save_bytes(d, io::Format::portable_binary).front(), '\x01');
}

/// Bytes of `v` after its first occurrence in an archive (which also carries class versions).
template <class T>
std::uint64_t encoded_size(const T& v = T{}) {
    std::ostringstream one, two;
    {
        cereal::BinaryOutputArchive ar(one);
        ar(v);
    }
    {
        cereal::BinaryOutputArchive ar(two);
        ar(v, v);
    }
    return two.str().size() - one.str().size();
}

TEST(IoArchive, MinimumBinarySizesAreTheEncodingsOfDefaultValues) {
    using io::cereal_detail::min_binary_size;
#define PARKINVEST_CHECK_MIN(T) EXPECT_EQ(min_binary_size<T>, encoded_size<T>()) << #T
    PARKINVEST_CHECK_MIN(Citation);
    PARKINVEST_CHECK_MIN(IndustryId);
    PARKINVEST_CHECK_MIN(EnterpriseId);
    PARKINVEST_CHECK_MIN(Investor);
    PARKINVEST_CHECK_MIN(StageEvent);
    LoanSnapshot snapshot;  // a default snapshot has no date (Boost's not_a_date_time): cannot be saved
    snapshot.as_of = make_date(2020, 6, 30);
    EXPECT_EQ(min_binary_size<LoanSnapshot>, encoded_size(snapshot));
    PARKINVEST_CHECK_MIN(LicensedCategory);
    PARKINVEST_CHECK_MIN(YearlyThroughput);
    PARKINVEST_CHECK_MIN(OperatingMode);
    PARKINVEST_CHECK_MIN(Source);
    PARKINVEST_CHECK_MIN(Industry);
    PARKINVEST_CHECK_MIN(Park);
    PARKINVEST_CHECK_MIN(Enterprise);
    // A version-1 bank (without branch_en, one byte for its absence) is the smallest a file holds.
    EXPECT_EQ(min_binary_size<Bank>, encoded_size<Bank>() - 1);
    PARKINVEST_CHECK_MIN(Project);
    PARKINVEST_CHECK_MIN(Loan);
    PARKINVEST_CHECK_MIN(WasteFacility);
    PARKINVEST_CHECK_MIN(ReportedStatistic);
#undef PARKINVEST_CHECK_MIN
}

// ------------------------------------------------------------------ compatibility fixtures

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const fs::path compat_dir = fs::path(PARKINVEST_TEST_DATA_DIR) / "compat";

TEST(IoArchive, FilesOfEveryVersionLoadForever) {
    // Written by tests/io/write_archive_samples.cpp when their format version was current:
    // version 1 by 0.1.0, version 2 (Bank::branch_en, Bank class version 2) since. Every later
    // version of the library must load them into the sample dataset.
    const Dataset sample = samples::high_tech_zones_2020();
    for (const std::string version : {"v1", "v2"}) {
        for (const auto& [ext, format] : {std::pair{".json", io::Format::json}, std::pair{".xml", io::Format::xml},
                                          std::pair{".bin", io::Format::binary},
                                          std::pair{".pbin", io::Format::portable_binary}}) {
            SCOPED_TRACE(version + ext);
            const fs::path file = compat_dir / ("high_tech_zones_2020." + version + ext);
            EXPECT_EQ(io::load(file), sample);
            EXPECT_EQ(load_bytes(read_file(file), format), sample);
        }
    }
}

TEST(IoArchive, TheWriterStillWritesVersion2) {
    // Fails when the encoding changes. Then: raise the class version of what changed (the
    // description's `version`, and since() on the new field), add fixtures of the new version next
    // to these, and compare with those here.
    const Dataset sample = samples::high_tech_zones_2020();
    for (const auto& [ext, format] : {std::pair{".json", io::Format::json}, std::pair{".xml", io::Format::xml},
                                      std::pair{".bin", io::Format::binary},
                                      std::pair{".pbin", io::Format::portable_binary}}) {
        SCOPED_TRACE(ext);
        EXPECT_TRUE(save_bytes(sample, format) == read_file(compat_dir / (std::string("high_tech_zones_2020.v2") + ext)));
    }
}

TEST(IoArchive, BankBranchInEnglishRoundTripsInEveryFormat) {
    // Bank::branch_en, added in version 2 through its one line in model/describe.hpp.
    Dataset ds = samples::high_tech_zones_2020();
    Bank bank = ds.banks().front();
    ASSERT_FALSE(bank.branch_en);
    bank.branch_en = "Hi-tech Sub-branch";
    ds.replace(bank);
    for (const io::Format format : {io::Format::json, io::Format::xml, io::Format::binary, io::Format::portable_binary}) {
        const Dataset back = load_bytes(save_bytes(ds, format), format);
        EXPECT_EQ(back.get(bank.id).branch_en, "Hi-tech Sub-branch");
        EXPECT_EQ(back, ds);
    }
    // CSV: a column of banks.csv; JSON Lines: a member of the bank's line.
    std::ostringstream banks_csv;
    io::csv::write_table(ds, io::csv::TableId::banks, banks_csv);
    EXPECT_NE(banks_csv.str().find(",branch_en,"), std::string::npos);
    Batch batch;
    io::csv::read_table(banks_csv.str(), io::csv::TableId::banks, batch);
    ASSERT_FALSE(batch.banks.empty());
    EXPECT_EQ(batch.banks.front().branch_en, "Hi-tech Sub-branch");
    std::ostringstream lines;
    io::save(ds, lines, io::Format::json_lines);
    EXPECT_NE(lines.str().find("\"branch_en\":\"Hi-tech Sub-branch\""), std::string::npos);
    // Version-1 files have no branch_en: it loads empty.
    EXPECT_FALSE(io::load(compat_dir / "high_tech_zones_2020.v1.json").get(bank.id).branch_en);
    // Reports name the bank in English with it.
    EXPECT_EQ(label(ds.get(bank.id), Language::english), bank.name.en.value_or(bank.name.zh) + " Hi-tech Sub-branch");
    EXPECT_EQ(label(ds.get(bank.id), Language::chinese), bank.name.zh + bank.branch);
}

// ------------------------------------------------------------------ schema evolution

template <class Out, class In>
void check_evolution(bool text) {
    using archive_test_evolution::GadgetV1;
    using archive_test_evolution::GadgetV2;
    const auto save = [&](const auto& g) {
        std::ostringstream s;
        {
            Out ar(s);
            if (text) ar(cereal::make_nvp("gadget", g));
            else ar(g);
        }
        return s.str();
    };
    const auto load = [&](const std::string& bytes, auto& g) {
        std::istringstream s(bytes);
        In ar(s);
        if (text) ar(cereal::make_nvp("gadget", g));
        else ar(g);
    };
    // A version-1 file loads in version 2: the new member is absent.
    const std::string old_file = save(GadgetV1{"旧版本"});
    GadgetV2 loaded{"", Money::of(1)};
    load(old_file, loaded);
    EXPECT_EQ(loaded.label, "旧版本");
    EXPECT_FALSE(loaded.price.has_value());
    // Version 2 round-trips the new member.
    const GadgetV2 v2{"新版本", Money::parse("12.5万")};
    GadgetV2 back;
    load(save(v2), back);
    EXPECT_EQ(back, v2);
    // Version 1 refuses the newer file instead of misreading it.
    GadgetV1 old;
    try {
        load(save(v2), old);
        ADD_FAILURE() << "expected a FormatError";
    } catch (const FormatError& e) {
        EXPECT_NE(e.first().reason.find("gadget format version 2 is not supported"), std::string::npos) << e.what();
    }
}

TEST(IoArchive, AnOptionalMemberAddedInANewerVersionLoadsOldFiles) {
    check_evolution<cereal::JSONOutputArchive, cereal::JSONInputArchive>(true);
    check_evolution<cereal::XMLOutputArchive, cereal::XMLInputArchive>(true);
    check_evolution<cereal::BinaryOutputArchive, cereal::BinaryInputArchive>(false);
    check_evolution<cereal::PortableBinaryOutputArchive, cereal::PortableBinaryInputArchive>(false);
}

TEST(IoArchive, FilesOfANewerDatasetVersionAreRefused) {
    const std::string json = save_bytes(all_kinds(), io::Format::json);
    const FormatError e = load_error(
        replaced(json, "\"dataset\": {\n        \"cereal_class_version\": 1", "\"dataset\": {\n        \"cereal_class_version\": 2"),
        io::Format::json);
    EXPECT_EQ(e.first().path, "dataset");
    EXPECT_NE(e.first().reason.find("dataset format version 2 is not supported"), std::string::npos) << e.what();
    EXPECT_NE(e.first().reason.find("newer version"), std::string::npos);
    EXPECT_EQ(e.first().line, 2u);
}

// ------------------------------------------------------------------ saving

std::string bad_utf8_name() { return std::string("园区\xE5\x9B", 8); }  // a 3-byte character cut short

TEST(IoArchive, TextThatIsNotUtf8CannotEnterTheDataset) {
    // Refused by replace (issue 11), before any writer could be handed it.
    Dataset d = all_kinds();
    Project p = d.get(ProjectId{1});
    p.name.zh = bad_utf8_name();
    try {
        d.replace(p);
        ADD_FAILURE() << "expected a ValidationError";
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0], (Problem{"project", "project#1", "name.zh", "invalid UTF-8 at byte 6"}));
    }
    EXPECT_EQ(d, all_kinds());
}

TEST(IoArchive, SavingRefusesCharactersTheTextFormatCannotHold) {
    Dataset d = all_kinds();
    Source s = d.get(SourceId{1});
    s.note = std::string("a\0b", 3);
    d.replace(s);
    // NUL: cereal's JSON and XML readers end strings there. Binary archives keep it.
    for (io::Format f : {io::Format::json, io::Format::xml}) {
        try {
            (void)save_bytes(d, f);
            ADD_FAILURE() << io::to_string(f);
        } catch (const ArgumentError& e) {
            EXPECT_NE(std::string(e.what()).find("source#1.note: NUL character"), std::string::npos) << e.what();
        }
    }
    for (io::Format f : {io::Format::binary, io::Format::portable_binary})
        EXPECT_EQ(load_bytes(save_bytes(d, f), f).get(SourceId{1}).note, std::string("a\0b", 3));
    // Other control characters: XML 1.0 has no way to write them; JSON escapes them.
    s.note = "bell\x07";
    d.replace(s);
    EXPECT_THROW((void)save_bytes(d, io::Format::xml), ArgumentError);
    EXPECT_EQ(load_bytes(save_bytes(d, io::Format::json), io::Format::json).get(SourceId{1}).note, "bell\x07");
    // Leading and trailing white space and lone carriage returns survive XML.
    s.note = "  前后空格 \r\n ";
    d.replace(s);
    for (io::Format f : kArchiveFormats) EXPECT_EQ(load_bytes(save_bytes(d, f), f).get(SourceId{1}).note, s.note);
}

TEST(IoArchive, SavingRefusesValuesOutsideTheirEnums) {
    Dataset d = all_kinds();
    Project p = d.get(ProjectId{2});
    // The Dataset itself refuses some (a Stage, a Bound: the query columns pack them) ...
    p.stages[1].stage = static_cast<Stage>(42);
    EXPECT_THROW(d.replace(p), ValidationError);
    // ... and saving refuses any other that got in.
    p = d.get(ProjectId{2});
    p.nature = static_cast<ProjectNature>(42);
    d.replace(p);
    for (io::Format f : kArchiveFormats) {
        try {
            (void)save_bytes(d, f);
            ADD_FAILURE() << io::to_string(f);
        } catch (const ArgumentError& e) {
            EXPECT_STREQ(e.what(), "parkinvest: cannot save project#2.nature.data: 42 is not a value of ProjectNature");
        }
    }
}

}  // namespace
