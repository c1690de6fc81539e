// SPDX-License-Identifier: MIT
// Building blocks every entity shares: names, sources, reported (possibly bounded) values.
#pragma once

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
enum class Bound : std::uint8_t {
    exact,      ///< 605.6亿元
    at_least,   ///< 以上: the true value is >= the figure
    more_than,  ///< 超过, 余, 多: the true value is > the figure
    about,      ///< 约: approximately
    nearly,     ///< 近: approximately, at or just below the figure
    at_most,    ///< 以下, 不超过: the true value is <= the figure
    less_than,  ///< 不足, 低于: the true value is < the figure
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
using ReportedAmount = Reported<Money>;
using ReportedCount = Reported<std::int64_t>;

}  // namespace parkinvest
