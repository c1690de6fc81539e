// SPDX-License-Identifier: MIT
// Tests for parkinvest/model/credit_code.hpp: CreditCode (统一社会信用代码, GB 32100-2015).
//
// Character values: '0'-'9' = 0-9, A=10 B=11 C=12 D=13 E=14 F=15 G=16 H=17 J=18 K=19 L=20 M=21
// N=22 P=23 Q=24 R=25 T=26 U=27 W=28 X=29 Y=30 (I, O, Z, S, V are not in the set).
// Weights for positions 1..17: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
// Check value = 31 - (sum mod 31), 31 meaning 0.
//
// Byte offsets: ASCII characters are 1 byte; full-width forms (U+FF01..U+FF5E), the
// ideographic space (U+3000) and the CJK character 中 are 3 bytes each in UTF-8.
#include <parkinvest/model/credit_code.hpp>

#include <parkinvest/core/errors.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <cstddef>
#include <cstdint>
#include <compare>
#include <functional>
#include <iterator>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace parkinvest {
static void PrintTo(const CreditCode& c, std::ostream* os) { *os << "CreditCode{" << c.str() << "}"; }
}  // namespace parkinvest

namespace {

using parkinvest::ArgumentError;
using parkinvest::CreditCode;
using parkinvest::ParseError;
using parkinvest::ParseErrorKind;

constexpr std::string_view charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The full-width form (U+FF01..U+FF5E, 3 bytes of UTF-8) of every printable ASCII character.
std::string to_full_width(std::string_view ascii) {
    std::string out;
    for (const char ch : ascii) {
        const auto cp = static_cast<std::uint32_t>(static_cast<unsigned char>(ch)) + 0xFEE0u;
        out += static_cast<char>(0xE0u | (cp >> 12));
        out += static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
        out += static_cast<char>(0x80u | (cp & 0x3Fu));
    }
    return out;
}

/// Parses `input`, expecting a ParseError of `kind` at byte `offset` whose message contains
/// `detail`. is_valid must agree.
void expect_error(std::string_view input, ParseErrorKind kind, std::size_t offset, std::string_view detail = {}) {
    SCOPED_TRACE(std::string("input: \"") + std::string(input) + "\"");
    EXPECT_FALSE(CreditCode::is_valid(input));
    try {
        const CreditCode c = CreditCode::parse(input);
        ADD_FAILURE() << "parsed as " << c.str();
    } catch (const ParseError& e) {
        EXPECT_EQ(e.kind(), kind) << e.what();
        EXPECT_EQ(e.offset(), offset) << e.what();
        EXPECT_EQ(e.input(), input);
        EXPECT_NE(std::string_view(e.what()).find(detail), std::string_view::npos)
            << "message \"" << e.what() << "\" lacks \"" << detail << "\"";
        EXPECT_NE(std::string_view(e.what()).find("unified social credit code"), std::string_view::npos) << e.what();
    }
}

// ---------------------------------------------------------------------------------------------
// Check characters worked out by hand.

TEST(CreditCodeCheck, HandComputed) {
    // 00000000000000000: every product is 0, sum 0; 0 mod 31 = 0; 31 - 0 = 31, which maps to 0.
    EXPECT_EQ(CreditCode::check_character("00000000000000000"), '0');
    // 10000000000000000: 1*1 = 1; 1 mod 31 = 1; 31 - 1 = 30 -> 'Y' (the last character).
    EXPECT_EQ(CreditCode::check_character("10000000000000000"), 'Y');
    // 00000000000000001: 1*28 = 28; 31 - 28 = 3 -> '3'.
    EXPECT_EQ(CreditCode::check_character("00000000000000001"), '3');
    // 0000000000000000Y: 30*28 = 840 = 27*31 + 3; 31 - 3 = 28 -> 'W'.
    EXPECT_EQ(CreditCode::check_character("0000000000000000Y"), 'W');
    // 91100000100003962 (中国工商银行, below):
    //   9*1 + 1*3 + 1*9 + 1*20 + 3*24 + 9*10 + 6*30 + 2*28
    //   = 9 + 3 + 9 + 20 + 72 + 90 + 180 + 56 = 439 = 14*31 + 5; 31 - 5 = 26 -> 'T'.
    EXPECT_EQ(CreditCode::check_character("91100000100003962"), 'T');
    // 914403001922038216 (华为技术, below), first 17:
    //   9*1 + 1*3 + 4*9 + 4*27 + 0*19 + 3*26 + 0*16 + 0*17 + 1*20 + 9*29 + 2*25 + 2*13 + 0*8 + 3*24
    //   + 8*10 + 2*30 + 1*28
    //   = 9 + 3 + 36 + 108 + 78 + 20 + 261 + 50 + 26 + 72 + 80 + 60 + 28 = 831 = 26*31 + 25;
    //   31 - 25 = 6 -> '6'.
    EXPECT_EQ(CreditCode::check_character("91440300192203821"), '6');
    // 9144030071526726X (腾讯科技, below; X = 29):
    //   9*1 + 1*3 + 4*9 + 4*27 + 0*19 + 3*26 + 0*16 + 0*17 + 7*20 + 1*29 + 5*25 + 2*13 + 6*8 + 7*24
    //   + 2*10 + 6*30 + 29*28
    //   = 9 + 3 + 36 + 108 + 78 + 140 + 29 + 125 + 26 + 48 + 168 + 20 + 180 + 812 = 1782
    //   = 57*31 + 15; 31 - 15 = 16 -> 'G'.
    EXPECT_EQ(CreditCode::check_character("9144030071526726X"), 'G');
    // 91330100MA27XLK4P (constructed; M=21 A=10 X=29 L=20 K=19 P=23):
    //   9*1 + 1*3 + 3*9 + 3*27 + 0*19 + 1*26 + 0*16 + 0*17 + 21*20 + 10*29 + 2*25 + 7*13 + 29*8
    //   + 20*24 + 19*10 + 4*30 + 23*28
    //   = 9 + 3 + 27 + 81 + 26 + 420 + 290 + 50 + 91 + 232 + 480 + 190 + 120 + 644 = 2663
    //   = 85*31 + 28; 31 - 28 = 3 -> '3'.
    EXPECT_EQ(CreditCode::check_character("91330100MA27XLK4P"), '3');
    EXPECT_TRUE(CreditCode::is_valid("91330100MA27XLK4P3"));
    // Lower-case letters are accepted by check_character too.
    EXPECT_EQ(CreditCode::check_character("91330100ma27xlk4p"), '3');
}

// Published codes of real organisations (from their business licences / annual reports, each
// also found in several independent public sources). Their check characters were additionally
// recomputed outside this library.
struct RealCode {
    const char* name;
    const char* code;
};
constexpr RealCode real_codes[] = {
    {"中国工商银行股份有限公司 (601398)", "91100000100003962T"},
    {"中国平安保险（集团）股份有限公司 (601318)", "91440300100012316L"},
    {"万科企业股份有限公司 (000002)", "91440300192181490G"},
    {"中航重机股份有限公司 (600765)", "91520000214434146R"},
    {"华为技术有限公司", "914403001922038216"},
    {"腾讯科技（深圳）有限公司", "9144030071526726XG"},
};

TEST(CreditCodeCheck, RealPublishedCodes) {
    for (const RealCode& r : real_codes) {
        SCOPED_TRACE(r.name);
        const std::string_view code = r.code;
        EXPECT_TRUE(CreditCode::is_valid(code));
        EXPECT_EQ(CreditCode::parse(code).str(), code);
        EXPECT_EQ(CreditCode::check_character(code.substr(0, 17)), code[17]);
    }
}

TEST(CreditCodeCheck, EverySingleSubstitutionAndAdjacentTranspositionIsDetected) {
    // 31 is prime and no weight is 0 mod 31, so changing one character changes the sum mod 31;
    // adjacent weights differ, so swapping two different adjacent characters among the first 17
    // changes it too.
    for (const RealCode& r : real_codes) {
        const std::string code = r.code;
        for (std::size_t i = 0; i < code.size(); ++i) {
            for (const char c : charset) {
                if (c == code[i]) continue;
                std::string changed = code;
                changed[i] = c;
                EXPECT_FALSE(CreditCode::is_valid(changed)) << changed;
            }
        }
        for (std::size_t i = 0; i + 1 < 17; ++i) {
            if (code[i] == code[i + 1]) continue;
            std::string swapped = code;
            std::swap(swapped[i], swapped[i + 1]);
            EXPECT_FALSE(CreditCode::is_valid(swapped)) << swapped;
        }
    }
}

TEST(CreditCodeCheck, ExactlyOneCheckCharacterPerRandomPrefix) {
    std::mt19937 rng(20150901);  // fixed seed; mt19937's output is specified by the standard
    for (int n = 0; n < 10000; ++n) {
        std::string prefix;
        for (int i = 0; i < 17; ++i) prefix += charset[rng() % charset.size()];
        const char expected = CreditCode::check_character(prefix);
        int valid = 0;
        for (const char c : charset) {
            const std::string code = prefix + c;
            const bool ok = CreditCode::is_valid(code);
            if (ok) {
                ++valid;
                EXPECT_EQ(c, expected) << code;
                EXPECT_EQ(CreditCode::parse(code).str(), code);
            }
        }
        ASSERT_EQ(valid, 1) << prefix;
    }
}

TEST(CreditCodeCheck, CheckCharacterRejectsBadArguments) {
    EXPECT_THROW((void)CreditCode::check_character(""), ArgumentError);
    EXPECT_THROW((void)CreditCode::check_character("9110000010000396"), ArgumentError);     // 16
    EXPECT_THROW((void)CreditCode::check_character("91100000100003962T"), ArgumentError);   // 18
    EXPECT_THROW((void)CreditCode::check_character("9110000010000396I"), ArgumentError);    // I
    EXPECT_THROW((void)CreditCode::check_character("O1100000100003962"), ArgumentError);    // O
    EXPECT_THROW((void)CreditCode::check_character("911000001000z3962"), ArgumentError);    // z
    EXPECT_THROW((void)CreditCode::check_character("91100000 00003962"), ArgumentError);    // space
    EXPECT_THROW((void)CreditCode::check_character("9110000010000-962"), ArgumentError);    // '-'
    // 15 ASCII digits + one 2-byte character = 17 bytes, but not 17 valid characters.
    EXPECT_THROW((void)CreditCode::check_character("911000001000039\xC3\xA9"), ArgumentError);
    try {
        (void)CreditCode::check_character("9110000010000396S");
        ADD_FAILURE() << "no exception";
    } catch (const ArgumentError& e) {
        EXPECT_NE(std::string_view(e.what()).find("'S' at position 17"), std::string_view::npos) << e.what();
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing and accessors.

TEST(CreditCodeParse, Accessors) {
    const CreditCode c = CreditCode::parse("914403001922038216");
    EXPECT_EQ(c.str(), "914403001922038216");
    EXPECT_EQ(c.registration_authority(), "9");
    EXPECT_EQ(c.organisation_type(), "1");
    EXPECT_EQ(c.admin_division(), "440300");
    EXPECT_EQ(c.organisation_code(), "192203821");
    const CreditCode d = CreditCode::parse("91330100MA27XLK4P3");
    EXPECT_EQ(d.registration_authority(), "9");
    EXPECT_EQ(d.organisation_type(), "1");
    EXPECT_EQ(d.admin_division(), "330100");
    EXPECT_EQ(d.organisation_code(), "MA27XLK4P");
}

TEST(CreditCodeParse, NormalisesSpacesCaseAndFullWidth) {
    const std::string canonical = "9144030071526726XG";
    const std::vector<std::string> inputs = {
        "9144030071526726XG",
        "9144030071526726xg",
        "9144030071526726xG",
        "  9144030071526726XG   ",
        "\t9144030071526726XG\t",
        "\xE3\x80\x80" "9144030071526726XG" "\xE3\x80\x80",  // ideographic spaces
        "\xC2\xA0" "9144030071526726xg",                      // no-break space
        "９１４４０３００７１５２６７２６ＸＧ",
        "９１４４０３００７１５２６７２６ｘｇ",                // full-width lower case
        "9144030071526726ＸG",                                // mixed
        to_full_width(canonical),
    };
    for (const std::string& in : inputs) {
        SCOPED_TRACE(in);
        EXPECT_TRUE(CreditCode::is_valid(in));
        EXPECT_EQ(CreditCode::parse(in).str(), canonical);
    }
    EXPECT_EQ(CreditCode::parse("91330100ma27xlk4p3").str(), "91330100MA27XLK4P3");
}

TEST(CreditCodeParse, ValueSemantics) {
    const CreditCode a = CreditCode::parse("91100000100003962T");
    const CreditCode a2 = CreditCode::parse(" " + to_full_width("91100000100003962t") + " ");
    const CreditCode b = CreditCode::parse("914403001922038216");
    EXPECT_EQ(a, a2);
    EXPECT_NE(a, b);
    EXPECT_LT(a, b);  // ordered as the strings: "911..." < "914..."
    EXPECT_EQ(a <=> a2, std::strong_ordering::equal);
    EXPECT_EQ(std::hash<CreditCode>{}(a), std::hash<CreditCode>{}(a2));
    std::unordered_set<CreditCode> set;
    for (const RealCode& r : real_codes) set.insert(CreditCode::parse(r.code));
    set.insert(a2);
    EXPECT_EQ(set.size(), std::size(real_codes));
    EXPECT_EQ(set.count(CreditCode::parse("9144030071526726xg")), 1u);
}

// ---------------------------------------------------------------------------------------------
// Errors.

TEST(CreditCodeErrors, Empty) {
    expect_error("", ParseErrorKind::empty, 0);
    expect_error("   ", ParseErrorKind::empty, 0);
    expect_error("\xE3\x80\x80", ParseErrorKind::empty, 0);
    expect_error("\t \xC2\xA0", ParseErrorKind::empty, 0);
}

TEST(CreditCodeErrors, WrongLength) {
    // 17 characters: the 18th is missing at byte 17.
    expect_error("91100000100003962", ParseErrorKind::invalid_value, 17,
                 "wrong length: 17 characters, expected 18");
    // Two leading spaces move the end to byte 19; trailing spaces do not count.
    expect_error("  91100000100003962  ", ParseErrorKind::invalid_value, 19, "17 characters");
    // 17 full-width characters end at byte 17*3 = 51.
    expect_error(to_full_width("91100000100003962"), ParseErrorKind::invalid_value, 51, "17 characters");
    expect_error("9", ParseErrorKind::invalid_value, 1, "wrong length: 1 character, expected 18");
    // 19 characters: the 19th starts at byte 18.
    expect_error("91100000100003962T0", ParseErrorKind::trailing_characters, 18,
                 "wrong length: 19 characters, expected 18");
    expect_error(" 91100000100003962TT ", ParseErrorKind::trailing_characters, 19, "19 characters");
    // 18 full-width characters take 54 bytes; the 19th starts there.
    expect_error(to_full_width("91100000100003962T0"), ParseErrorKind::trailing_characters, 54,
                 "19 characters");
    // Beyond 18 characters the length is what is reported, whatever the extra characters are.
    expect_error("91100000100003962TO", ParseErrorKind::trailing_characters, 18, "19 characters");
    expect_error("91100000100003962T中文", ParseErrorKind::trailing_characters, 18, "20 characters");
    // A code of 19 characters whose first 18 would be valid is still rejected; so is an
    // 18-character code shortened by one.
    expect_error("91100000100003962TT", ParseErrorKind::trailing_characters, 18);
}

TEST(CreditCodeErrors, ForbiddenLetters) {
    const std::string_view note = "(I, O, Z, S, V are never used)";
    // Position N (1-based) of a plain ASCII code is at byte N-1.
    expect_error("I1100000100003962T", ParseErrorKind::invalid_value, 0,
                 "character 'I' not allowed at position 1");
    expect_error("91O00000100003962T", ParseErrorKind::invalid_value, 2,
                 "character 'O' not allowed at position 3");
    expect_error("91100000Z00003962T", ParseErrorKind::invalid_value, 8,
                 "character 'Z' not allowed at position 9");
    expect_error("9110000010000396ST", ParseErrorKind::invalid_value, 16,
                 "character 'S' not allowed at position 17");
    expect_error("91100000100003962V", ParseErrorKind::invalid_value, 17,
                 "character 'V' not allowed at position 18");
    expect_error("91100000100003962V", ParseErrorKind::invalid_value, 17, note);
    // Lower case: the message quotes the character as given.
    expect_error("911000001o0003962T", ParseErrorKind::invalid_value, 9,
                 "character 'o' not allowed at position 10");
    expect_error("911000001o0003962T", ParseErrorKind::invalid_value, 9, note);
    // With two leading spaces the offsets move by 2, the positions do not.
    expect_error("  9110000010000s962T", ParseErrorKind::invalid_value, 15,
                 "character 's' not allowed at position 14");
    // Full-width: position N starts at byte 3*(N-1). 'Ｏ' at position 2 -> byte 3.
    expect_error("９Ｏ１０００００１００００３９６２Ｔ", ParseErrorKind::invalid_value, 3,
                 "character 'O' not allowed at position 2");
    // Full-width 'ｉ' at position 12 -> byte 33.
    expect_error(to_full_width("91100000100i03962T"), ParseErrorKind::invalid_value, 33,
                 "character 'i' not allowed at position 12");
    // After an ideographic space (3 bytes), 'V' at position 5 -> byte 3 + 4 = 7.
    expect_error("\xE3\x80\x80" "9110V000100003962T", ParseErrorKind::invalid_value, 7,
                 "character 'V' not allowed at position 5");
    // A bad character is reported before a wrong length.
    expect_error("9110000010000396O", ParseErrorKind::invalid_value, 16,
                 "character 'O' not allowed at position 17");
    expect_error("Z", ParseErrorKind::invalid_value, 0, note);
}

TEST(CreditCodeErrors, OtherCharacters) {
    expect_error("9110-000100003962T", ParseErrorKind::invalid_value, 4,
                 "character '-' not allowed at position 5");
    expect_error("91100000.100003962T", ParseErrorKind::invalid_value, 8,
                 "character '.' not allowed at position 9");
    // 中 is U+4E2D (3 bytes) at position 3 -> byte 2.
    expect_error("91中00000100003962T", ParseErrorKind::invalid_value, 2,
                 "character U+4E2D not allowed at position 3");
    // A control character.
    expect_error(std::string_view("911\x01" "00000100003962T"), ParseErrorKind::invalid_value, 3,
                 "character U+0001 not allowed at position 4");
    // An embedded NUL. (what() is a C string, so the echoed input - and the detail after it -
    // is cut at the NUL; kind and offset are what can be checked.)
    expect_error(std::string_view("91\0" "100000100003962T", 18), ParseErrorKind::invalid_value, 2);
    // U+2212 MINUS SIGN is normalised to '-'.
    expect_error("9\xE2\x88\x92" "1100000100003962T", ParseErrorKind::invalid_value, 1,
                 "character '-' not allowed at position 2");
    // A letter outside the note's list is described differently.
    expect_error("9110000010000396#T", ParseErrorKind::invalid_value, 16, "only digits");
}

TEST(CreditCodeErrors, TextAfterTheCode) {
    // Text after a space: the offset is where it starts.
    expect_error("91100000100003962T x", ParseErrorKind::trailing_characters, 19);
    expect_error("91100000100003962T \xE3\x80\x80" "T", ParseErrorKind::trailing_characters, 22);
    // A space inside the code leaves text after it.
    expect_error("911000 00100003962T", ParseErrorKind::trailing_characters, 7);
}

TEST(CreditCodeErrors, WrongCheckDigit) {
    expect_error("91100000100003962A", ParseErrorKind::invalid_value, 17,
                 "wrong check digit: 'A' given, 'T' expected");
    expect_error("914403001922038217", ParseErrorKind::invalid_value, 17,
                 "wrong check digit: '7' given, '6' expected");
    expect_error("9144030071526726XW", ParseErrorKind::invalid_value, 17, "'G' expected");
    // Lower case: the message shows the normalised (upper-case) character.
    expect_error(" 9144030071526726xw", ParseErrorKind::invalid_value, 18, "'W' given, 'G' expected");
    // Full-width: the check character is the 18th, at byte 17*3 = 51.
    expect_error(to_full_width("91100000100003962U"), ParseErrorKind::invalid_value, 51,
                 "wrong check digit: 'U' given, 'T' expected");
    // 31 maps to 0.
    expect_error("00000000000000000Y", ParseErrorKind::invalid_value, 17, "'0' expected");
}

TEST(CreditCodeErrors, InvalidUtf8) {
    expect_error("9110\xFF" "0000100003962T", ParseErrorKind::invalid_utf8, 4);
    expect_error("\xC3", ParseErrorKind::invalid_utf8, 0);
    // A truncated 3-byte sequence at the end.
    expect_error("91100000100003962\xE4\xB8", ParseErrorKind::invalid_utf8, 17);
    // An overlong encoding of '9'.
    expect_error("\xC0\xB9" "1100000100003962T", ParseErrorKind::invalid_utf8, 0);
    // A UTF-16 surrogate encoded as UTF-8.
    expect_error("91100000100003962T \xED\xA0\x80", ParseErrorKind::invalid_utf8, 19);
    // Leading white space is decoded too.
    expect_error(" \xFE", ParseErrorKind::invalid_utf8, 1);
}

TEST(CreditCodeErrors, IsAParseError) {
    EXPECT_THROW((void)CreditCode::parse("x"), parkinvest::Error);
    try {
        (void)CreditCode::parse("91100000100003962A");
        ADD_FAILURE() << "no exception";
    } catch (const ParseError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "parkinvest: cannot parse unified social credit code \"91100000100003962A\" at byte 17: "
                  "invalid value (wrong check digit: 'A' given, 'T' expected)");
    }
}

TEST(CreditCodeErrors, IsValidAgreesWithParse) {
    std::vector<std::string> inputs = {
        "", " ", "9", "91100000100003962", "91100000100003962T", "91100000100003962t", "91100000100003962T0",
        "91100000100003962A", "I1100000100003962T", "9110\xFF" "0000100003962T", "91100000100003962T x",
        "９１１０００００１００００３９６２Ｔ", "  91100000100003962T  ", "\xE3\x80\x80", "91中00000100003962T",
    };
    // Every single-character variant of a real code: each allowed and forbidden letter, lower
    // case, full width, a deletion, and an insertion.
    const std::string base = "9144030071526726XG";
    const std::string extra = "IOZSVaxg -.\x01\xFF";
    for (std::size_t i = 0; i < base.size(); ++i) {
        for (const char c : std::string(charset) + extra) {
            std::string s = base;
            s[i] = c;
            inputs.push_back(s);
            inputs.push_back(base.substr(0, i) + c + base.substr(i));
        }
        inputs.push_back(base.substr(0, i) + base.substr(i + 1));
        inputs.push_back(base.substr(0, i) + to_full_width(base.substr(i, 1)) + base.substr(i + 1));
    }
    int valid = 0;
    for (const std::string& in : inputs) {
        bool parsed = true;
        try {
            (void)CreditCode::parse(in);
        } catch (const ParseError&) {
            parsed = false;
        }
        EXPECT_EQ(CreditCode::is_valid(in), parsed) << in;
        valid += parsed ? 1 : 0;
    }
    EXPECT_GT(valid, 18);  // the sanity of the list: the valid forms are in it
}

}  // namespace
