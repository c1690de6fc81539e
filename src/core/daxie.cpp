// SPDX-License-Identifier: MIT
// Chinese financial numerals (大写) of 人民币 amounts, by the rules of the People's Bank of China
// for filling in bills and settlement vouchers: 《支付结算办法》(银发〔1997〕393号) 附件一
// "正确填写票据和结算凭证的基本规定". What the rules say, and what this file does with them:
//
// * Numerals 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿元角分, and 整 (or 正). The traditional forms
//   the rules say banks accept (貳, 陸, 萬, 億, 圆/圓) are read; 整 is written.
// * An amount ending at 元 takes 整; one ending at 角 may (this writer adds it: "伍角整"); one
//   with 分 takes none ("整" after 分 is an error). 整 left out after 元 or 角 is still read.
// * "人民币" comes first, directly before the numerals (written unless MoneyFormat::currency_word
//   is false, read when present).
// * A zero between two numerals is written 零, one 零 for a run of zeros ("¥1,409.50" is
//   壹仟肆佰零玖元伍角, "¥6,007.14" 陆仟零柒元壹角肆分). Where the 万 (or 元) digit is zero
//   and the next, the 仟 (or 角) digit, is not, the rules allow one 零 or none ("¥107,000.53":
//   壹拾万柒仟元零伍角叁分 or 壹拾万零柒仟元伍角叁分; "¥1,680.32": 壹仟陆佰捌拾元零叁角贰分 or
//   壹仟陆佰捌拾元叁角贰分). This writer follows how the numbers are read aloud: no 零 when
//   the zeros only end the group of four above (壹拾万柒仟), 零 when a whole group is zero
//   (贰亿零壹仟 for 200,001,000), and 零 after 元 whenever the 元 or the 角 digit is zero and
//   角 or 分 follows (壹仟陆佰捌拾元零叁角贰分). Both variants are read.
// * Where the 角 digit is zero and 分 is not, 元 is followed by 零 ("¥16,409.02":
//   壹万陆仟肆佰零玖元零贰分): required when reading.
// * 10 is 壹拾, never 拾; 1亿 is 壹亿 (no 万 when its group is zero); 10^12 is 壹万亿.
// * The largest amount is 9,999,999,999,999,999.99 元 (units up to 仟万亿; 亿亿 is not used).
//
// Reading is one pass over the characters plus one over at most 16 numerals: linear.
#include "daxie.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace parkinvest::detail {

namespace {

constexpr std::string_view numeral_word[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
constexpr std::string_view place_word[4] = {"", "拾", "佰", "仟"};

constexpr std::int64_t pow10_64(int n) {
    std::int64_t r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

enum class Kind { numeral, place, wan, yi, yuan, jiao, fen, zheng, other };

struct Token {
    Kind kind;
    int value;  ///< the numeral's digit; the place's power of ten (拾 1, 佰 2, 仟 3)
    std::size_t at;
    Cursor::CodePoint cp;
};

Token peek_token(const Cursor& c) {
    const Cursor::CodePoint cp = c.peek();
    const auto token = [&](Kind k, int v = 0) { return Token{k, v, c.position(), cp}; };
    switch (cp.cp) {
    case U'零': return token(Kind::numeral, 0);
    case U'壹': return token(Kind::numeral, 1);
    case U'贰':
    case U'貳': return token(Kind::numeral, 2);
    case U'叁': return token(Kind::numeral, 3);
    case U'肆': return token(Kind::numeral, 4);
    case U'伍': return token(Kind::numeral, 5);
    case U'陆':
    case U'陸': return token(Kind::numeral, 6);
    case U'柒': return token(Kind::numeral, 7);
    case U'捌': return token(Kind::numeral, 8);
    case U'玖': return token(Kind::numeral, 9);
    case U'拾': return token(Kind::place, 1);
    case U'佰': return token(Kind::place, 2);
    case U'仟': return token(Kind::place, 3);
    case U'万':
    case U'萬': return token(Kind::wan);
    case U'亿':
    case U'億': return token(Kind::yi);
    case U'元':
    case U'圆':
    case U'圓': return token(Kind::yuan);
    case U'角': return token(Kind::jiao);
    case U'分': return token(Kind::fen);
    case U'整':
    case U'正': return token(Kind::zheng);
    default: return token(Kind::other);
    }
}

[[noreturn]] void bad(const Cursor& c, std::size_t at, std::string_view why) {
    c.fail(at, ParseErrorKind::invalid_number, why);
}

/// 角 and 分 after 元 (or from the start for amounts below 1 元); `integer` is the amount in 元.
std::int64_t read_fraction(Cursor& c, std::int64_t integer) {
    std::optional<Token> zero;  // 零 right after 元
    Token t = peek_token(c);
    if (t.kind == Kind::zheng) {
        c.advance(t.cp);
        return integer * 100;
    }
    if (t.kind == Kind::numeral && t.value == 0) {
        zero = t;
        c.advance(t.cp);
        t = peek_token(c);
    }
    if (t.kind != Kind::numeral) {
        if (zero) bad(c, t.at, "大写: 零 after 元 needs 角 or 分 after it");
        return integer * 100;  // "壹佰元": 整 left out
    }
    if (t.value == 0) bad(c, t.at, "大写: 零 twice; one 零 stands for any run of zeros");
    int jiao = 0;
    int fen = 0;
    std::size_t fen_at = 0;
    c.advance(t.cp);
    Token unit = peek_token(c);
    if (unit.kind == Kind::jiao) {
        jiao = t.value;
        c.advance(unit.cp);
        t = peek_token(c);
        if (t.kind == Kind::zheng) {
            c.advance(t.cp);
        } else if (t.kind == Kind::numeral) {
            if (t.value == 0) bad(c, t.at, "大写: no 零 between 角 and 分");
            c.advance(t.cp);
            unit = peek_token(c);
            if (unit.kind != Kind::fen) bad(c, unit.at, "大写: 分 expected after the numeral");
            fen = t.value;
            fen_at = t.at;
            c.advance(unit.cp);
        }
    } else if (unit.kind == Kind::fen) {
        fen = t.value;
        fen_at = t.at;
        c.advance(unit.cp);
    } else {
        bad(c, unit.at, "大写: 角 or 分 expected after the numeral");
    }
    if (fen != 0) {
        t = peek_token(c);
        if (t.kind == Kind::zheng) bad(c, t.at, "大写: no 整 after 分");
    }
    if (zero) {
        if (jiao != 0 && integer % 10 != 0) bad(c, zero->at, "大写: 零 where no digit is zero");
    } else if (integer > 0 && jiao == 0) {
        bad(c, fen_at, "大写: 零 missing between 元 and 分 (the 角 digit is zero)");
    }
    return integer * 100 + jiao * 10 + fen;
}

}  // namespace

std::string write_daxie(std::int64_t fen, bool renminbi) {
    std::string out;
    if (renminbi) out += "人民币";
    const std::int64_t integer = fen / 100;
    const int jiao = static_cast<int>(fen / 10 % 10);
    const int cent = static_cast<int>(fen % 10);
    if (fen == 0) return out + "零元整";
    if (integer > 0) {
        std::array<int, 16> digit{};  // digit[p] is the digit of 10^p
        std::int64_t rest = integer;
        for (int& d : digit) {
            d = static_cast<int>(rest % 10);
            rest /= 10;
        }
        int previous = -1;  // the place of the last numeral written
        for (int p = 15; p >= 0; --p) {
            if (digit[static_cast<std::size_t>(p)] != 0) {
                // One 零 for the zeros since the last numeral, unless they only end the group of
                // four above (the numeral is a 仟 and that group has a numeral): 壹拾万柒仟.
                if (previous >= 0 && previous - p > 1 && (p % 4 != 3 || previous - p > 4)) out += "零";
                out += numeral_word[digit[static_cast<std::size_t>(p)]];
                out += place_word[p % 4];
                previous = p;
            }
            if (p == 12 && integer / pow10_64(12) != 0) out += "万";  // 壹万亿, 壹万贰仟亿
            if (p == 8 && integer / pow10_64(8) != 0) out += "亿";
            if (p == 4 && integer / pow10_64(4) % 10'000 != 0) out += "万";
        }
        out += "元";
        if ((jiao != 0 || cent != 0) && (digit[0] == 0 || jiao == 0)) out += "零";
    }
    if (jiao != 0) {
        out += numeral_word[jiao];
        out += "角";
    }
    if (cent != 0) {
        out += numeral_word[cent];
        out += "分";
    } else {
        out += "整";
    }
    return out;
}

bool at_daxie(const Cursor& c) {
    const Kind k = peek_token(c).kind;
    return k == Kind::numeral || k == Kind::place;
}

std::int64_t read_daxie(Cursor& c) {
    // The integer part: groups of at most four numerals, each but the last followed by its place
    // (仟 佰 拾, falling); a group ends with 万, 亿 or 元. A numeral's power of ten is its place
    // plus its group's shift, known once the 万 and 亿 after it are read.
    struct Numeral {
        int digit;
        int place;
        int group;
        std::size_t at;
        std::optional<std::size_t> zero_at;  // the 零 written before it
    };
    std::array<Numeral, 16> numerals{};
    int count = 0;
    std::array<int, 4> shift{};  // the power of ten of each closed group's 个 place
    int group = 0;                // the open group
    int last_place = 4;           // places in the open group fall: 仟 佰 拾 个
    bool group_has_numerals = false;
    bool wan_in_level = false;    // 万 since the start or since 亿
    bool yi = false;
    std::optional<Numeral> pending;     // a numeral waiting for its place
    std::optional<std::size_t> zero_at;  // a 零 waiting for its numeral

    const auto place = [&](int p) {
        Numeral n = *pending;
        n.place = p;
        n.group = group;
        numerals[static_cast<std::size_t>(count++)] = n;  // at most 4 groups of 4: count <= 16
        pending.reset();
        last_place = p;
        group_has_numerals = true;
    };
    const auto close_group = [&](int group_shift) {
        if (!group_has_numerals) return;
        shift[static_cast<std::size_t>(group++)] = group_shift;  // 万 and 亿 at most once per level: group <= 3
        last_place = 4;
        group_has_numerals = false;
    };

    for (bool integer_done = false; !integer_done;) {
        const Token t = peek_token(c);
        if (zero_at && t.kind != Kind::numeral && t.kind != Kind::other)
            bad(c, t.at, "大写: a unit after 零; 零 stands for zero digits and takes no unit");
        switch (t.kind) {
        case Kind::numeral:
            if (pending) bad(c, t.at, "大写: two numerals in a row; each but a group's last takes 拾, 佰 or 仟");
            if (t.value == 0) {
                if (zero_at) bad(c, t.at, "大写: 零 twice; one 零 stands for any run of zeros");
                if (count == 0) {
                    // Only 零元整 starts with 零.
                    c.advance(t.cp);
                    const Token yuan = peek_token(c);
                    if (yuan.kind != Kind::yuan) bad(c, t.at, "大写: a leading 零; zero is 零元整");
                    c.advance(yuan.cp);
                    const Token end = peek_token(c);
                    if (end.kind == Kind::zheng) {
                        c.advance(end.cp);
                    } else if (end.kind != Kind::other) {
                        bad(c, end.at, "大写: only 整 follows 零元; amounts below 1 元 start with 角 or 分");
                    }
                    return 0;
                }
                zero_at = t.at;
            } else {
                pending = Numeral{t.value, 0, 0, t.at, zero_at};
                zero_at.reset();
            }
            c.advance(t.cp);
            break;
        case Kind::place:
            if (!pending) bad(c, t.at, "大写: 拾, 佰 or 仟 without a numeral before it (10 is 壹拾; a unit is not repeated)");
            if (t.value >= last_place) bad(c, t.at, "大写: units out of order; within a group of four they fall 仟, 佰, 拾");
            place(t.value);
            c.advance(t.cp);
            break;
        case Kind::wan:
            if (pending) place(0);
            if (!group_has_numerals) bad(c, t.at, "大写: 万 needs a number before it");
            if (wan_in_level) bad(c, t.at, "大写: 万 twice; it comes once above 亿 and once below");
            close_group(4);
            wan_in_level = true;
            c.advance(t.cp);
            break;
        case Kind::yi:
            if (pending) place(0);
            if (yi) bad(c, t.at, "大写: 亿 twice; amounts up to 仟万亿 (below 10^16 元) are written");
            if (!group_has_numerals && !wan_in_level) bad(c, t.at, "大写: 亿 needs a number before it");
            close_group(0);
            for (int g = 0; g < group; ++g) shift[static_cast<std::size_t>(g)] += 8;
            yi = true;
            wan_in_level = false;
            c.advance(t.cp);
            break;
        case Kind::yuan:
            if (pending) place(0);
            if (count == 0) bad(c, t.at, "大写: 元 needs a number before it");
            close_group(0);
            c.advance(t.cp);
            integer_done = true;
            break;
        case Kind::jiao:
        case Kind::fen:
            if (!pending || count != 0) bad(c, t.at, "大写: 元 missing before 角 or 分");
            c.seek(pending->at);  // below 1 元: "叁角伍分"
            return read_fraction(c, 0);
        case Kind::zheng: bad(c, t.at, "大写: 整 comes after 元 or 角");
        case Kind::other: bad(c, t.at, "大写: 元 expected; an amount ends with 元, 角 or 分");
        }
    }

    // Zeros: one 零 for a run of zeros between two numerals; it may be left out only before a
    // 仟 (the 万 or 亿 digit above is zero, 壹拾万柒仟), and must not stand where no digit is zero.
    std::int64_t integer = 0;
    int previous = -1;
    for (int i = 0; i < count; ++i) {
        const Numeral& n = numerals[static_cast<std::size_t>(i)];
        const int p = n.place + shift[static_cast<std::size_t>(n.group)];
        if (previous >= 0) {
            const int gap = previous - p - 1;
            if (n.zero_at && gap == 0) bad(c, *n.zero_at, "大写: 零 where no digit is zero");
            if (!n.zero_at && gap > 0 && p % 4 != 3) bad(c, n.at, "大写: 零 missing before this numeral");
        }
        integer += n.digit * pow10_64(p);
        previous = p;
    }
    return read_fraction(c, integer);
}

}  // namespace parkinvest::detail
