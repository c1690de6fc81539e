// SPDX-License-Identifier: MIT
// Internal: the text forms that CSV and JSON Lines share — enum identifiers, periods, statistic
// values — and UTF-8 checks; money, percentages and quantities are core/text_out.hpp's. Not
// installed.
#pragma once

#include <parkinvest/core/text_out.hpp>
#include <parkinvest/core/utf8.hpp>

#include <parkinvest/model/dataset.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parkinvest::io::detail {

/// The entities that carry citations (the `entity` column of citations.csv).
enum class Cited : std::uint8_t { industry, park, enterprise, bank, project, loan, waste_facility, statistic };

}  // namespace parkinvest::io::detail

namespace parkinvest {
template <>
struct EnumTable<io::detail::Cited> {
    static constexpr std::string_view type = "entity";
    static constexpr std::array<EnumEntry, 8> entries{{
        {"industry", "产业", "industry"},
        {"park", "园区", "park"},
        {"enterprise", "企业", "enterprise"},
        {"bank", "银行", "bank"},
        {"project", "项目", "project"},
        {"loan", "贷款", "loan"},
        {"waste_facility", "危废设施", "waste facility"},
        {"statistic", "统计", "statistic"},
    }};
};
}  // namespace parkinvest

namespace parkinvest::io::detail {

/// Reads text_out::percent_text's forms (and every form Percent::parse accepts). Throws
/// ParseError.
[[nodiscard]] Percent parse_percent(std::string_view text);

/// A text Period::parse reads back as the same period (kind included): "2020", "2020-H1",
/// "2020-Q2", "2020-06", "2020年1-6月", "截至2020-06-30", "2020-01-01/2020-06-30".
[[nodiscard]] std::string period_text(const Period& p);

/// The exact value of a statistic as text (count as digits, money, percentages and quantities
/// as text_out::money_text, percent_text and quantity_text, a date as ReportedDate::to_string).
[[nodiscard]] std::string statistic_value_text(const StatisticValue& v);

}  // namespace parkinvest::io::detail
