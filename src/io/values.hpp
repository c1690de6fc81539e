// SPDX-License-Identifier: MIT
// Internal: the exact text forms that CSV and JSON Lines share — enum identifiers, money as a
// plain decimal, percentages, quantities, periods — and UTF-8 checks. Not installed.
#pragma once

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

/// The amount as a plain decimal with at least the currency's minor digits and never rounded:
/// "60560000000.00", "0.0001", "-5.50", "1200" (JPY).
[[nodiscard]] std::string money_text(const Money& m);
/// The amount in minor units (分 for CNY) when it is a whole number of them and fits 64 bits.
[[nodiscard]] std::optional<std::int64_t> minor_units(const Money& m);

/// Exact text of a percentage: "12.5%", "-3%", or, when no decimal with at most 30 places is
/// exact, the fraction "1/3" (of one, not of a hundred).
[[nodiscard]] std::string percent_text(const Percent& p);
/// Reads percent_text's forms (and every form Percent::parse accepts). Throws ParseError.
[[nodiscard]] Percent parse_percent(std::string_view text);

/// Exact text with a unit: an area in 平方米 when a whole number of 1/10,000 m², else in 亩
/// (always exact); masses in 吨 and throughputs in 吨/年 (always exact).
[[nodiscard]] std::string quantity_text(const Area& q);
[[nodiscard]] std::string quantity_text(const Mass& q);
[[nodiscard]] std::string quantity_text(const AnnualThroughput& q);
/// The same value as a plain decimal in m² / t / t/a, when exact (an area may not be).
[[nodiscard]] std::optional<std::string> quantity_decimal(const Area& q);
[[nodiscard]] std::string quantity_decimal(const Mass& q);
[[nodiscard]] std::string quantity_decimal(const AnnualThroughput& q);

/// A text Period::parse reads back as the same period (kind included): "2020", "2020-H1",
/// "2020-Q2", "2020-06", "2020年1-6月", "截至2020-06-30", "2020-01-01/2020-06-30".
[[nodiscard]] std::string period_text(const Period& p);

/// The exact value of a statistic as text (count as digits, money as money_text, the rest as
/// above, a date as ReportedDate::to_string).
[[nodiscard]] std::string statistic_value_text(const StatisticValue& v);

}  // namespace parkinvest::io::detail
