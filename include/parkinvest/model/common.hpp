// SPDX-License-Identifier: MIT
// Building blocks every entity shares: names, sources, reported (possibly bounded) values.
#pragma once

#include <parkinvest/config.hpp>
#include <parkinvest/fwd.hpp>

#include <parkinvest/core/enum_table.hpp>
#include <parkinvest/core/money.hpp>
#include <parkinvest/model/ids.hpp>
#include <parkinvest/time/period.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest {

/// A name in Chinese (UTF-8), with an optional English name.
struct Name {
    std::string zh;
    std::optional<std::string> en;
    friend bool operator==(const Name&, const Name&) = default;
};

/// Where figures come from: one publication (a newspaper page, a bulletin, a register).
struct Source {
    SourceId id;
    std::string publication;           ///< e.g. 中国高新技术产业导报
    std::optional<ReportedDate> date;  ///< publication date
    std::string section;               ///< page / section / article title
    std::string note;
    friend bool operator==(const Source&, const Source&) = default;
};

/// One reference from a record to a source, with what the record takes from it (usually the
/// sentence the figures come from).
struct Citation {
    SourceId source;
    std::string note;
    friend bool operator==(const Citation&, const Citation&) = default;
};

/// How a reported figure relates to the true value. Sources often give bounds: 100亿元以上
/// (at_least), 超过40% (more_than), 约2亿元 (about), 近3.26亿元 (nearly: about, just below).
/// The words parse_reported_amount reads for each are listed there.
enum class Bound : std::uint8_t {
    exact,      ///< 605.6亿元
    at_least,   ///< 以上: the true value is >= the figure
    more_than,  ///< 超过, 逾, 余, 多: the true value is > the figure
    about,      ///< 约, 左右: approximately
    nearly,     ///< 近, 接近: approximately, at or just below the figure
    at_most,    ///< 不超过, 以下, 以内: the true value is <= the figure
    less_than,  ///< 不足, 不到, 低于: the true value is < the figure
};
template <>
struct EnumTable<Bound> {
    static constexpr std::string_view type = "Bound";
    static constexpr std::array<EnumEntry, 7> entries{{
        {"exact", "", ""},
        {"at_least", "以上", "at least"},
        {"more_than", "超过", "more than"},
        {"about", "约", "about"},
        {"nearly", "近", "nearly"},
        {"at_most", "以下", "at most"},
        {"less_than", "不足", "less than"},
    }};
};
/// A formatted value with its bound as the sources write it: "100亿元以上", "超过40%", "约2亿元",
/// "近3.26亿元" / "at least 10 billion yuan", "more than 40%".
[[nodiscard]] std::string with_bound(std::string_view value_text, Bound b, Language lang = Language::chinese);

/// A reported value with its bound, and whether the value is the source's estimate (预计) rather
/// than an outcome.
template <class T>
struct Reported {
    T value{};
    Bound bound = Bound::exact;
    bool estimated = false;
    friend bool operator==(const Reported&, const Reported&) = default;
};
// ReportedAmount (Reported<Money>) and ReportedCount (Reported<std::int64_t>): declared once,
// in <parkinvest/fwd.hpp>.

/// Reads an amount with its bound as reports write it: Money::parse's amount with at most one
/// bound word. The amount (units 万/亿, 元, currencies, signs, full-width forms, spaces between
/// the parts) follows Money::parse; `default_currency` applies when the text names none.
///
/// | where | words | Bound |
/// | --- | --- | --- |
/// | before | 超过, 逾, "more than" | more_than |
/// | before | 约, "about" | about |
/// | before | 近, 接近, "nearly" | nearly |
/// | before | 不超过, "at most" | at_most |
/// | before | 不足, 不到, 低于, "less than" | less_than |
/// | before | "at least" | at_least |
/// | after | 以上 | at_least |
/// | after | 以下, 以内 | at_most |
/// | after | 左右 | about |
/// | after the number or the unit | 余, 多 ("30多亿元", "300余万元", "5亿余元") | more_than |
///
/// The ambiguous ones follow the statutory reading of such words, 《民法典》第1259条: "以上、以下、
/// 以内……包括本数; 不满、超过、以外, 不包括本数". So 以上 is at_least and 以下 and 以内 are at_most
/// (the figure included); 超过 is more_than, and 逾, 余 and 多 ("more than", "odd") read the same
/// way; 不足, 不到 and 低于 are 不满 ("not reaching") and less_than (the figure excluded). 约 and
/// 左右 say nothing of the side (about); 近 and 接近 approach the figure from below (nearly). The
/// English words are the Bound labels format writes, in any letter case. A text without a bound
/// word is exact; `estimated` is always false (the text has no word for it).
///
/// Throws ParseError with the byte offset into the whole text: `empty`, `invalid_utf8`, every
/// error of Money::parse at its place in `text` ("约5x亿元": unknown_unit at byte 4),
/// `expected_number` when only words are given ("约"), and `invalid_value` at the second of two
/// bound words, whether they agree or not ("约超过5亿元", "5亿元以上以下", "约5亿元左右").
[[nodiscard]] ReportedAmount parse_reported_amount(std::string_view text, Currency default_currency = Currency::CNY);

/// Writes `amount` as Money::format(options) with the one canonical word of its bound, as
/// with_bound does: 10亿元以上, 超过5亿元, 约2亿元, 近3.26亿元, 不超过1亿元, 不足1亿元 / "at least
/// 1 billion yuan", "more than", "about", "nearly", "at most", "less than". `estimated` is not
/// written. Unless options round (max_decimals),
/// parse_reported_amount(format(a, options), a.value.currency()) == a for a non-estimated `a`.
[[nodiscard]] std::string format(const ReportedAmount& amount, const MoneyFormat& options = {});

}  // namespace parkinvest
