// SPDX-License-Identifier: MIT
// Malformed and hostile archives: every one is refused with a FormatError that says what and
// where (byte offset, line and column, document path; the entity, id and field when known),
// and nothing is returned. Truncation at every byte and every bit flip of a binary file;
// wrong types, unknown enum names and codes, invalid decimals, duplicate ids, dangling
// references, huge size prefixes, deep nesting, invalid UTF-8 in JSON, XML and binary archives.
//
// Expected offsets and lines are worked out from the documents built here (independently of
// the loader): the position of the edited text in the document, or the layout of hand-made
// binary archives (archive_support.hpp).
#include <cereal/archives/portable_binary.hpp>

#include <parkinvest/io/cereal.hpp>
#include <parkinvest/io/io.hpp>

#include <gtest/gtest.h>

#include "io/archive_support.hpp"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

namespace {

using namespace parkinvest;
using namespace parkinvest::test;

/// 1-based line of byte `offset` in `text`.
std::uint64_t line_of(const std::string& text, std::size_t offset) {
    return 1 + static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

/// `text` with `from` replaced by `to` at its first occurrence after `anchor`; `at` is where.
std::string replaced_after(const std::string& text, std::string_view anchor, std::string_view from,
                           std::string_view to, std::size_t* at = nullptr) {
    const std::size_t a = text.find(anchor);
    EXPECT_NE(a, std::string::npos) << anchor;
    const std::size_t f = text.find(from, a == std::string::npos ? 0 : a);
    EXPECT_NE(f, std::string::npos) << from;
    if (at != nullptr) *at = f;
    std::string out = text;
    if (f != std::string::npos) out.replace(f, from.size(), to);
    return out;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// ======================================================================== binary: every byte

TEST(IoArchiveHostile, BinaryTruncatedAtEveryByteIsRefused) {
    for (io::Format f : {io::Format::binary, io::Format::portable_binary}) {
        SCOPED_TRACE(io::to_string(f));
        const std::string file = save_bytes(all_kinds(), f);
        ASSERT_EQ(load_bytes(file, f), all_kinds());
        for (std::size_t n = 0; n < file.size(); ++n) {
            try {
                (void)load_bytes(file.substr(0, n), f);
                ADD_FAILURE() << "a file cut at byte " << n << " loaded";
                return;
            } catch (const FormatError& e) {
                const FormatProblem& p = e.first();
                ASSERT_EQ(e.problems().size(), 1u);
                ASSERT_EQ(p.input, "test");
                ASSERT_TRUE(p.byte.has_value()) << e.what();
                ASSERT_LE(*p.byte, n) << e.what();
                ASSERT_TRUE(contains(p.reason, "unexpected end of input") || contains(p.reason, "bytes left in the input"))
                    << e.what();
            }
        }
    }
}

/// Flips every bit of bytes [begin, end) of a binary archive of all_kinds() in turn. Most flips
/// break the file; some make another valid dataset (a flipped letter of a name, a different
/// amount). Those must load completely: the result is a valid dataset that differs from the
/// original (the flip is in the data, not silently ignored), and saving it gives back exactly the
/// flipped bytes, so that every byte of the file was read and nothing was left out or normalised
/// away. Returns {refused, loaded}.
std::pair<std::size_t, std::size_t> flip_bits(io::Format f, std::size_t begin, std::size_t end) {
    const Dataset original = all_kinds();
    const std::string file = save_bytes(original, f);
    end = std::min(end, file.size());
    std::size_t refused = 0, loaded = 0;
    std::string flipped = file;
    for (std::size_t bit = begin * 8; bit < end * 8; ++bit) {
        flipped[bit / 8] = static_cast<char>(file[bit / 8] ^ (1 << (bit % 8)));
        try {
            const Dataset d = load_bytes(flipped, f);
            ++loaded;
            if (d == original || save_bytes(d, f) != flipped) {
                ADD_FAILURE() << "bit " << bit << " loaded, but not as a complete dataset of its own";
                return {refused, loaded};
            }
        } catch (const FormatError& e) {
            // Malformed bytes are refused at a byte offset; a well-formed file whose records do not
            // fit together (a flipped id) by the Dataset's validation, naming the record.
            ++refused;
            const FormatProblem& p = e.first();
            const bool located = p.byte ? *p.byte <= file.size() : !p.entity.empty() && !p.id.empty();
            if (p.reason.empty() || !located) {
                ADD_FAILURE() << "bit " << bit << ": " << e.what();
                return {refused, loaded};
            }
        }
        flipped[bit / 8] = file[bit / 8];
    }
    EXPECT_EQ(refused + loaded, (end - begin) * 8);
    EXPECT_GT(refused, loaded);  // most bits are structure, ids, sizes and codes
    return {refused, loaded};
}

// all_kinds() is 2.9 KB in binary: every bit of the file is flipped (its first 4 KiB are all of
// it). In two halves, so that the suite runs them in parallel.
TEST(IoArchiveHostile, BinaryWithAnyBitFlippedIsRefusedOrLoadsCompletelyFirstHalf) {
    ASSERT_LT(save_bytes(all_kinds(), io::Format::binary).size(), 4096u);
    const auto [refused, loaded] = flip_bits(io::Format::binary, 0, 1500);
    RecordProperty("refused", static_cast<int>(refused));
    RecordProperty("loaded", static_cast<int>(loaded));
}
TEST(IoArchiveHostile, BinaryWithAnyBitFlippedIsRefusedOrLoadsCompletelySecondHalf) {
    const auto [refused, loaded] = flip_bits(io::Format::binary, 1500, 4096);
    RecordProperty("refused", static_cast<int>(refused));
    RecordProperty("loaded", static_cast<int>(loaded));
}

// ======================================================================== binary: by hand

TEST(IoArchiveHostile, BinarySizePrefixOf2To60IsRefusedBeforeAllocating) {
    // After the 30-byte header: the size of the sources list, 2^60.
    std::string b = binary_dataset_header();
    ASSERT_EQ(b.size(), 30u);
    put_u64(b, std::uint64_t{1} << 60);
    b += std::string(100, '\0');
    for (io::Format f : {io::Format::binary, io::Format::portable_binary}) {
        const std::string bytes = f == io::Format::binary ? b : '\x01' + b;
        const FormatError e = load_error(bytes, f);
        const FormatProblem& p = e.first();
        EXPECT_EQ(p.path, "dataset.sources");
        EXPECT_EQ(p.byte, f == io::Format::binary ? 30u : 31u);
        EXPECT_EQ(p.reason, "a list of 1152921504606846976 elements of at least 33 bytes each cannot fit in the 100 "
                            "bytes left in the input");
        EXPECT_TRUE(p.entity.empty());
    }
}

TEST(IoArchiveHostile, BinaryStringSizeBeyondTheInputIsRefused) {
    // One source: its class version, id 1, then a publication of 2^60 bytes.
    std::string b = binary_dataset_header();
    put_u64(b, 1);  // sources: 1
    put_u32(b, 1);  // Source version
    put_u64(b, 1);  // id
    const std::size_t at = b.size();
    put_u64(b, std::uint64_t{1} << 60);
    b += std::string(40, 'a');
    const FormatError e = load_error(b, io::Format::binary);
    const FormatProblem& p = e.first();
    EXPECT_EQ(p.byte, at);
    EXPECT_EQ(at, 50u);
    EXPECT_EQ(p.path, "dataset.sources[0].publication");
    EXPECT_EQ(p.entity, "source");
    EXPECT_EQ(p.id, "source#1");
    EXPECT_EQ(p.field, "publication");
    EXPECT_EQ(p.reason, "a size of 1152921504606846976 bytes is more than the 40 bytes left in the input");
}

/// A binary archive of one park whose kind byte is `kind`; `kind_at` receives its offset.
std::string park_archive(std::uint8_t kind, std::size_t* kind_at) {
    std::string b = binary_dataset_header();
    put_u64(b, 0);  // sources
    put_u64(b, 0);  // industries
    put_u64(b, 1);  // parks
    put_u32(b, 1);  // Park version
    put_u64(b, 7);  // id
    put_string(b, "园");  // name.zh
    put_u8(b, 1);  // no English name
    *kind_at = b.size();
    put_u8(b, kind);
    put_string(b, "省");
    put_string(b, "市");
    for (int i = 0; i < 4; ++i) put_u8(b, 1);  // admin_code, parent, established, area: absent
    put_u64(b, 0);                             // leading industries
    put_u64(b, 0);                             // sources
    for (int i = 0; i < 6; ++i) put_u64(b, 0);  // enterprises .. statistics
    return b;
}

TEST(IoArchiveHostile, BinaryUnknownEnumCodeIsRefused) {
    std::size_t at = 0;
    ASSERT_EQ(load_bytes(park_archive(5, &at), io::Format::binary).get(ParkId{7}).kind, ParkKind::other);
    const FormatError e = load_error(park_archive(6, &at), io::Format::binary);
    const FormatProblem& p = e.first();
    EXPECT_EQ(p.byte, at);
    EXPECT_EQ(p.path, "dataset.parks[0].kind");
    EXPECT_EQ(p.entity, "park");
    EXPECT_EQ(p.id, "park#7");
    EXPECT_EQ(p.field, "kind");
    EXPECT_EQ(p.reason, "6 is not a known ParkKind code");
}

TEST(IoArchiveHostile, BinaryFlagByteOtherThanZeroOrOneIsRefused) {
    std::size_t kind_at = 0;
    std::string b = park_archive(0, &kind_at);
    const std::size_t flag_at = kind_at - 1;  // the "nullopt" flag of the English name
    b[flag_at] = '\x02';
    const FormatError e = load_error(b, io::Format::binary);
    EXPECT_EQ(e.first().byte, flag_at);
    EXPECT_EQ(e.first().path, "dataset.parks[0].name.en.nullopt");
    EXPECT_EQ(e.first().field, "name.en.nullopt");
    EXPECT_EQ(e.first().reason, "boolean byte must be 0 or 1, not 2");
}

TEST(IoArchiveHostile, BinaryInvalidUtf8IsRefused) {
    std::size_t kind_at = 0;
    std::string b = park_archive(0, &kind_at);
    const std::size_t name_at = b.find("园");
    b[name_at + 1] = 'x';  // E5 'x' AD: a lead byte without its continuation
    const FormatError e = load_error(b, io::Format::binary);
    EXPECT_EQ(e.first().byte, name_at - 8);  // the string's size prefix
    EXPECT_EQ(e.first().path, "dataset.parks[0].name.zh");
    EXPECT_EQ(e.first().reason, "invalid UTF-8 at byte 0 of the text");
    EXPECT_EQ(e.first().value, "\\xE5x\\xAD");
}

TEST(IoArchiveHostile, BinaryTrailingBytesAreRefused) {
    const std::string file = save_bytes(all_kinds(), io::Format::binary);
    const FormatError e = load_error(file + "xyz", io::Format::binary);
    EXPECT_EQ(e.first().byte, file.size());
    EXPECT_EQ(e.first().reason, "3 bytes after the end of the dataset");
}

TEST(IoArchiveHostile, BinaryPortableEndiannessByteMustBeZeroOrOne) {
    std::string file = save_bytes(all_kinds(), io::Format::portable_binary);
    file[0] = '\x07';
    const FormatError e = load_error(file, io::Format::portable_binary);
    EXPECT_EQ(e.first().byte, 0u);
    EXPECT_EQ(e.first().reason,
              "not a portable binary archive: the first byte must be 1 (little endian) or 0 (big endian), not 7");
}

TEST(IoArchiveHostile, BinaryBigEndianPortableFilesLoad) {
    // cereal's portable output archive writes big-endian files when asked (flag byte 0, every
    // value byte-swapped); they load into the same dataset.
    const Dataset d = all_kinds();
    std::ostringstream out;
    {
        cereal::PortableBinaryOutputArchive ar(out, cereal::PortableBinaryOutputArchive::Options::BigEndian());
        ar(d);
    }
    const std::string big = out.str();
    ASSERT_EQ(big.front(), '\x00');
    EXPECT_NE(big, save_bytes(d, io::Format::portable_binary));
    EXPECT_EQ(load_bytes(big, io::Format::portable_binary), d);
    // The header: flag 0, then the Dataset class version 1 as a big-endian uint32.
    EXPECT_EQ(big.substr(0, 5), std::string("\x00\x00\x00\x00\x01", 5));
}

TEST(IoArchiveHostile, BinaryListLongerThanMaxRecordsIsRefused) {
    io::LoadOptions options;
    options.max_records = 7;
    const std::string file = save_bytes(all_kinds(), io::Format::binary);  // 8 statistics
    const FormatError e = load_error(file, io::Format::binary, options);
    EXPECT_EQ(e.first().path, "dataset.statistics");
    EXPECT_EQ(e.first().reason, "a list of 8 elements exceeds the limit of 7 (LoadOptions::max_records)");
    options.max_records = 8;
    EXPECT_EQ(load_bytes(file, io::Format::binary, options), all_kinds());
}

TEST(IoArchiveHostile, BinaryMoneyBeyondItsRangeIsRefused) {
    // The units of 605.6亿元 (605.6e8 × 10^4 = 605,600,000,000,000 < 2^64) are followed by a high
    // half of 0; a high half of 2^62 makes about 2^126 units, beyond Money's 2^119.
    const std::string file = save_bytes(all_kinds(), io::Format::binary);
    std::string units;
    put_u64(units, 605'600'000'000'000ULL);
    put_u64(units, 0);
    const std::size_t at = file.find(units);
    ASSERT_NE(at, std::string::npos);
    std::string bad = file;
    bad[at + 15] = '\x40';
    const FormatError e = load_error(bad, io::Format::binary);
    EXPECT_EQ(e.first().entity, "project");
    EXPECT_EQ(e.first().id, "project#1");
    EXPECT_EQ(e.first().field, "contract_investment.data.value.amount");
    EXPECT_TRUE(contains(e.first().reason, "overflow")) << e.what();
}

TEST(IoArchiveHostile, BinaryRecordOfANewerVersionIsRefused) {
    std::size_t kind_at = 0;
    std::string b = park_archive(0, &kind_at);
    const std::size_t version_at = 30 + 8 + 8 + 8;  // header, sources, industries, parks
    b[version_at] = '\x02';
    const FormatError e = load_error(b, io::Format::binary);
    EXPECT_EQ(e.first().entity, "park");
    EXPECT_EQ(e.first().id, "");  // refused before the id was read
    EXPECT_EQ(e.first().path, "dataset.parks[0]");
    EXPECT_EQ(e.first().reason,
              "park format version 2 is not supported: this library reads versions 1 to 1 (written by a newer version "
              "of parkinvest?)");
}

// ======================================================================== JSON

class IoArchiveHostileJson : public ::testing::Test {
protected:
    const std::string json = save_bytes(all_kinds(), io::Format::json);
};

TEST_F(IoArchiveHostileJson, WrongTypeIsRefusedWithPathAndLine) {
    std::size_t at = 0;
    const std::string bad = replaced_after(json, "\"sources\": [", "\"id\": 1,", "\"id\": \"1\",", &at);
    const FormatError e = load_error(bad, io::Format::json);
    const FormatProblem& p = e.first();
    EXPECT_EQ(p.path, "dataset.sources[0].id");
    EXPECT_EQ(p.entity, "source");
    EXPECT_EQ(p.id, "");
    EXPECT_EQ(p.field, "id");
    EXPECT_EQ(p.reason, "wrong JSON type or range: expected an integer that fits");
    EXPECT_EQ(p.line, line_of(bad, at));
    EXPECT_EQ(p.byte, at + 4);  // just after the key "id"
}

TEST_F(IoArchiveHostileJson, UnknownEnumNameIsRefused) {
    const std::string bad = replaced(json, "\"national_high_tech_zone\"", "\"spaceport\"");
    const FormatError e = load_error(bad, io::Format::json);
    const FormatProblem& p = e.first();
    EXPECT_EQ(p.path, "dataset.parks[0].kind");
    EXPECT_EQ(p.entity, "park");
    EXPECT_EQ(p.id, "park#1");
    EXPECT_EQ(p.field, "kind");
    EXPECT_EQ(p.value, "spaceport");
    EXPECT_EQ(p.reason, "not a known ParkKind");
    EXPECT_EQ(p.line, line_of(bad, bad.find("\"spaceport\"")));
}

TEST_F(IoArchiveHostileJson, InvalidDecimalStringsAreRefused) {
    for (const char* amount : {"6.056e10", "60,560,000,000.00", "１２", "", "12.", ".5", "--1", "+1", "1.00001",
                               "0x10", " 1", "NaN", "1000000000000000000000000000000000"}) {
        SCOPED_TRACE(amount);
        const std::string bad = replaced(json, "\"60560000000.00\"", std::string("\"") + amount + "\"");
        const FormatError e = load_error(bad, io::Format::json);
        const FormatProblem& p = e.first();
        EXPECT_EQ(p.entity, "project");
        EXPECT_EQ(p.id, "project#1");
        EXPECT_EQ(p.field, "contract_investment.data.value.amount");
        EXPECT_EQ(p.path, "dataset.projects[0].contract_investment.data.value.amount");
        EXPECT_FALSE(p.reason.empty());
        EXPECT_EQ(p.line, line_of(bad, json.find("\"60560000000.00\"")));
    }
    // A number instead of the string is a wrong type.
    const FormatError e = load_error(replaced(json, "\"60560000000.00\"", "60560000000.00"), io::Format::json);
    EXPECT_EQ(e.first().reason, "wrong JSON type: expected a string");
}

TEST_F(IoArchiveHostileJson, DuplicateIdsAreRefused) {
    // Statistics: nothing refers to them, so the duplicate is the only problem.
    const std::string bad = replaced_after(json, "\"statistics\": [", "\"id\": 2,", "\"id\": 1,");
    const FormatError e = load_error(bad, io::Format::json);
    ASSERT_EQ(e.problems().size(), 1u);
    const FormatProblem& p = e.first();
    EXPECT_EQ(p.input, "test");
    EXPECT_EQ(p.entity, "statistic");
    EXPECT_EQ(p.id, "statistic#1");
    EXPECT_EQ(p.field, "id");
    EXPECT_EQ(p.reason, "duplicate id");
}

TEST_F(IoArchiveHostileJson, DanglingReferencesAreRefused) {
    const std::string bad = replaced_after(json, "\"智慧医药产业园\"", "\"park\": 1,", "\"park\": 99,");
    const FormatError e = load_error(bad, io::Format::json);
    const FormatProblem& p = e.first();
    EXPECT_EQ(p.entity, "project");
    EXPECT_EQ(p.id, "project#1");
    EXPECT_EQ(p.field, "park");
    EXPECT_EQ(p.reason, "refers to park#99, which does not exist");
}

TEST_F(IoArchiveHostileJson, DeepNestingIsRefusedBeforeTheRecursiveParser) {
    // {"dataset": then 100 000 '[': the object and 63 arrays are allowed (64 levels); the 64th
    // '[' at byte 11 + 63 is refused.
    const std::string deep = "{\"dataset\":" + std::string(100'000, '[') + std::string(100'000, ']') + "}";
    const FormatError e = load_error(deep, io::Format::json);
    EXPECT_EQ(e.first().byte, 74u);
    EXPECT_EQ(e.first().line, 1u);
    EXPECT_EQ(e.first().column, 75u);
    EXPECT_EQ(e.first().reason, "nesting deeper than 64 levels (LoadOptions::max_depth)");
    io::LoadOptions shallow;
    shallow.max_depth = 3;
    EXPECT_EQ(load_error(json, io::Format::json, shallow).first().reason,
              "nesting deeper than 3 levels (LoadOptions::max_depth)");
}

TEST_F(IoArchiveHostileJson, InvalidUtf8IsRefused) {
    // A byte that starts no UTF-8 character, inside a string.
    std::string bad = json;
    const std::size_t at = bad.find("重庆高新区");
    bad[at] = '\xFF';
    FormatError e = load_error(bad, io::Format::json);
    EXPECT_EQ(e.first().byte, at);
    EXPECT_EQ(e.first().reason, "malformed JSON: Invalid encoding in string.");
    // A lone low surrogate written as an escape decodes to no character either.
    bad = replaced(json, "重庆高新区", "\\uDC00");
    e = load_error(bad, io::Format::json);
    EXPECT_TRUE(contains(e.first().reason, "in a string")) << e.what();
    EXPECT_EQ(e.first().line, line_of(bad, bad.find("\\uDC00")));
    // NUL: as a byte (not JSON), and as an escape (cereal would cut the string there).
    bad = json;
    bad[at] = '\0';
    e = load_error(bad, io::Format::json);
    EXPECT_EQ(e.first().byte, at);
    EXPECT_EQ(e.first().reason, "NUL byte (not valid in JSON)");
    e = load_error(replaced(json, "重庆高新区", "a\\u0000b"), io::Format::json);
    EXPECT_EQ(e.first().reason, "NUL character (not allowed in JSON and XML archives) in a string");
}

TEST_F(IoArchiveHostileJson, DocumentsOfAnotherShapeAreRefused) {
    EXPECT_EQ(load_error("", io::Format::json).first().reason, "malformed JSON: The document is empty.");
    EXPECT_EQ(load_error("[]", io::Format::json).first().reason, "the document must be a JSON object");
    EXPECT_EQ(load_error("{}", io::Format::json).first().reason, "missing member \"dataset\"");
    FormatError e = load_error(json + "{}", io::Format::json);
    EXPECT_EQ(e.first().byte, json.size());
    EXPECT_EQ(e.first().reason, "malformed JSON: The document root must not be followed by other values.");
    e = load_error(replaced(json, "\"parkinvest.dataset\"", "\"spreadsheet\""), io::Format::json);
    EXPECT_EQ(e.first().path, "dataset.format");
    EXPECT_EQ(e.first().value, "spreadsheet");
    e = load_error(replaced(json, "\"format\": \"parkinvest.dataset\",", ""), io::Format::json);
    EXPECT_EQ(e.first().path, "dataset.format");
    EXPECT_EQ(e.first().reason, "missing member \"format\"");
    EXPECT_EQ(e.first().line, 2u);  // the deepest part of the path found: "dataset"
    e = load_error(json.substr(0, json.size() / 2), io::Format::json);
    EXPECT_TRUE(contains(e.first().reason, "malformed JSON")) << e.what();
}

// ======================================================================== XML

class IoArchiveHostileXml : public ::testing::Test {
protected:
    const std::string xml = save_bytes(all_kinds(), io::Format::xml);
};

TEST_F(IoArchiveHostileXml, WrongTypeIsRefusedWithPathAndLine) {
    std::size_t at = 0;
    const std::string bad = replaced_after(xml, "<sources size=\"dynamic\">", "<id>1</id>", "<id>one</id>", &at);
    const FormatError e = load_error(bad, io::Format::xml);
    const FormatProblem& p = e.first();
    EXPECT_EQ(p.path, "dataset.sources[0].id");
    EXPECT_EQ(p.entity, "source");
    EXPECT_EQ(p.field, "id");
    EXPECT_EQ(p.value, "one");
    EXPECT_EQ(p.reason, "not an unsigned integer");
    EXPECT_EQ(p.byte, at);
    EXPECT_EQ(p.line, line_of(bad, at));
    // A negative id (cereal's reader would wrap it around) and an overflowing one.
    EXPECT_EQ(load_error(replaced(xml, "<id>1</id>", "<id>-1</id>"), io::Format::xml).first().reason,
              "not an unsigned integer");
    EXPECT_EQ(load_error(replaced(xml, "<id>1</id>", "<id>18446744073709551616</id>"), io::Format::xml).first().reason,
              "integer out of range");
}

TEST_F(IoArchiveHostileXml, UnknownEnumNamesAndBadBooleansAreRefused) {
    std::string bad = replaced(xml, "<kind>national_high_tech_zone</kind>", "<kind>spaceport</kind>");
    FormatError e = load_error(bad, io::Format::xml);
    EXPECT_EQ(e.first().path, "dataset.parks[0].kind");
    EXPECT_EQ(e.first().id, "park#1");
    EXPECT_EQ(e.first().reason, "not a known ParkKind");
    EXPECT_EQ(e.first().line, line_of(bad, bad.find("<kind>spaceport")));
    bad = replaced(xml, "<high_tech>true</high_tech>", "<high_tech>yes</high_tech>");
    e = load_error(bad, io::Format::xml);
    EXPECT_EQ(e.first().id, "enterprise#1");
    EXPECT_EQ(e.first().field, "high_tech");
    EXPECT_EQ(e.first().reason, "expected true or false");
    EXPECT_EQ(e.first().line, line_of(bad, bad.find("<high_tech>yes")));
}

TEST_F(IoArchiveHostileXml, InvalidDecimalStringsAreRefused) {
    for (const char* amount : {"1e5", "1,000", "12.", "-", "1.00001"}) {
        const std::string bad =
            replaced(xml, "<amount>60560000000.00</amount>", std::string("<amount>") + amount + "</amount>");
        const FormatError e = load_error(bad, io::Format::xml);
        EXPECT_EQ(e.first().field, "contract_investment.data.value.amount") << amount;
        EXPECT_EQ(e.first().line, line_of(bad, bad.find(std::string("<amount>") + amount))) << amount;
    }
}

TEST_F(IoArchiveHostileXml, DeepNestingIsRefusedBeforeTheRecursiveParser) {
    // <cereal> is level 1; 63 more elements are allowed; the 64th <a> (level 65) is refused.
    std::string deep = "<cereal>";
    for (int i = 0; i < 100'000; ++i) deep += "<a>";
    for (int i = 0; i < 100'000; ++i) deep += "</a>";
    deep += "</cereal>";
    const FormatError e = load_error(deep, io::Format::xml);
    EXPECT_EQ(e.first().byte, 8u + 63u * 3u);
    EXPECT_EQ(e.first().reason, "malformed XML: nesting deeper than 64 levels (LoadOptions::max_depth)");
}

TEST_F(IoArchiveHostileXml, MalformedDocumentsAreRefusedWithTheirLine) {
    const auto error_for = [&](const std::string& bad, std::string_view marker) {
        const FormatError e = load_error(bad, io::Format::xml);
        EXPECT_EQ(e.first().line, line_of(bad, bad.find(marker))) << e.what();
        return e.first().reason;
    };
    std::string bad = replaced(xml, "</publication>", "</publicatio>");
    EXPECT_EQ(error_for(bad, "</publicatio>"), "malformed XML: closing tag </publicatio> does not match <publication>");
    bad = replaced(xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
                   "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE cereal [<!ENTITY a \"b\">]>\n");
    EXPECT_EQ(error_for(bad, "<!DOCTYPE"), "malformed XML: DOCTYPE and other declarations are not supported");
    bad = replaced(xml, "重庆高新区", "&nbsp;");
    EXPECT_EQ(error_for(bad, "&nbsp;"),
              "malformed XML: unknown entity reference (only &lt; &gt; &amp; &quot; &apos; and &#...; )");
    bad = replaced(xml, "重庆高新区", "&#0;");
    EXPECT_EQ(error_for(bad, "&#0;"), "malformed XML: character reference to a character XML does not allow");
    bad = replaced(xml, "重庆高新区", "<![CDATA[x]]>");
    EXPECT_EQ(error_for(bad, "<![CDATA["), "malformed XML: CDATA sections are not supported");
    bad = replaced(xml, "重庆高新区", "a\x01z");
    EXPECT_EQ(error_for(bad, "a\x01z"), "control character (not allowed in XML)");
    bad = replaced(xml, "重庆高新区", "\xE9\x87");
    EXPECT_EQ(error_for(bad, "\xE9\x87<"), "invalid UTF-8");
    bad = xml + "<more/>";
    EXPECT_EQ(error_for(bad, "<more/>"), "malformed XML: content after the root element");
    EXPECT_EQ(load_error(xml.substr(0, xml.size() / 2), io::Format::xml).first().reason.substr(0, 14),
              "malformed XML:");
    EXPECT_EQ(load_error("", io::Format::xml).first().reason, "malformed XML: expected the root element");
    EXPECT_EQ(load_error("<other/>", io::Format::xml).first().reason,
              "Could not detect cereal root node - likely due to empty or invalid input");
    EXPECT_EQ(load_error("<cereal/>", io::Format::xml).first().reason, "missing member \"dataset\"");
}

TEST_F(IoArchiveHostileXml, DanglingReferencesAndDuplicatesAreRefused) {
    FormatError e = load_error(replaced_after(xml, "智慧医药产业园", "<park>1</park>", "<park>99</park>"), io::Format::xml);
    EXPECT_EQ(e.first().id, "project#1");
    EXPECT_EQ(e.first().reason, "refers to park#99, which does not exist");
    e = load_error(replaced_after(xml, "<parks size=\"dynamic\">", "<id>2</id>", "<id>1</id>"), io::Format::xml);
    EXPECT_EQ(e.first().id, "park#1");
    EXPECT_EQ(e.first().reason, "duplicate id");
}

}  // namespace
