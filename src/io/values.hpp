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

/// The kinds of a statistic's value, in the order of StatisticValue's alternatives.
enum class ValueKind : std::uint8_t { count, money, percent, area, mass, throughput, date };
/// The entities that carry citations (the `entity` column of citations.csv).
enum class Cited : std::uint8_t { industry, park, enterprise, bank, project, loan, waste_facility, statistic };

/// Identifiers of each enum's values, in declaration order (the enums are dense from 0).
template <class E>
struct EnumNames;
#define PARKINVEST_ENUM_NAMES(E, ...)                                                   \
    template <>                                                                         \
    struct EnumNames<E> {                                                               \
        static constexpr std::string_view what = #E;                                    \
        static constexpr std::array names = {__VA_ARGS__};                              \
    }
using namespace std::string_view_literals;
PARKINVEST_ENUM_NAMES(Bound, "exact"sv, "at_least"sv, "more_than"sv, "about"sv, "nearly"sv, "at_most"sv,
                      "less_than"sv);
PARKINVEST_ENUM_NAMES(ParkKind, "national_high_tech_zone"sv, "national_etdz"sv, "provincial_zone"sv,
                      "science_city"sv, "industrial_park"sv, "other"sv);
PARKINVEST_ENUM_NAMES(OriginKind, "domestic"sv, "hk_macao_taiwan"sv, "foreign"sv);
PARKINVEST_ENUM_NAMES(BankKind, "policy"sv, "large_state_owned"sv, "joint_stock"sv, "city_commercial"sv,
                      "rural"sv, "foreign"sv, "other"sv);
PARKINVEST_ENUM_NAMES(Stage, "negotiating"sv, "contracted"sv, "registered"sv, "started"sv, "completed"sv,
                      "in_production"sv, "suspended"sv, "cancelled"sv);
PARKINVEST_ENUM_NAMES(ProjectNature, "new_build"sv, "expansion"sv, "technical_upgrade"sv, "relocation"sv);
PARKINVEST_ENUM_NAMES(InvestorRole, "lead"sv, "partner"sv, "operator"sv, "financier"sv);
PARKINVEST_ENUM_NAMES(LoanInstrument, "term_loan"sv, "credit_line"sv, "revolving"sv, "programme"sv);
PARKINVEST_ENUM_NAMES(GuaranteeType, "credit"sv, "guarantee"sv, "mortgage"sv, "pledge"sv);
PARKINVEST_ENUM_NAMES(WasteFacilityKind, "temporary_storage"sv, "collection"sv, "storage"sv, "utilisation"sv,
                      "disposal"sv);
PARKINVEST_ENUM_NAMES(LicenceType, "comprehensive"sv, "collection"sv);
PARKINVEST_ENUM_NAMES(OperatingMode, "collection"sv, "storage"sv, "utilisation"sv, "disposal"sv);
PARKINVEST_ENUM_NAMES(Indicator, "signed_projects"sv, "contract_investment"sv, "projects_introduced"sv,
                      "projects_started"sv, "projects_under_negotiation"sv, "intended_investment"sv,
                      "fixed_asset_investment"sv, "bank_loans_issued"sv, "market_entities"sv, "subsidies_paid"sv,
                      "industry_share"sv, "platforms"sv, "awards"sv, "other"sv);
PARKINVEST_ENUM_NAMES(ComparisonKind, "year_on_year"sv, "vs_previous_year_end"sv, "vs_previous_period"sv);
PARKINVEST_ENUM_NAMES(DatePrecision, "day"sv, "month"sv, "quarter"sv, "half_year"sv, "year"sv);
PARKINVEST_ENUM_NAMES(PeriodKind, "year"sv, "half_year"sv, "quarter"sv, "month"sv, "year_to_date"sv, "as_of"sv,
                      "range"sv);
PARKINVEST_ENUM_NAMES(ValueKind, "count"sv, "money"sv, "percent"sv, "area"sv, "mass"sv, "throughput"sv, "date"sv);
PARKINVEST_ENUM_NAMES(Cited, "industry"sv, "park"sv, "enterprise"sv, "bank"sv, "project"sv, "loan"sv,
                      "waste_facility"sv, "statistic"sv);
#undef PARKINVEST_ENUM_NAMES

/// "national_high_tech_zone", "at_least" ...
template <class E>
[[nodiscard]] std::string_view enum_name(E value) noexcept {
    const auto i = static_cast<std::size_t>(value);
    return i < EnumNames<E>::names.size() ? EnumNames<E>::names[i] : std::string_view("?");
}

/// The value named by its identifier, or by its Chinese or English label where the enum has
/// labels (国家高新区, "national high-tech zone"). ASCII letters compare case-insensitively.
template <class E>
[[nodiscard]] std::optional<E> enum_from_text(std::string_view text);

/// "one of a, b, c" for messages.
template <class E>
[[nodiscard]] std::string enum_choices() {
    std::string s = "one of ";
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i) {
        if (i > 0) s += ", ";
        s += EnumNames<E>::names[i];
    }
    return s;
}

/// Reads text_out::percent_text's forms (and every form Percent::parse accepts). Throws
/// ParseError.
[[nodiscard]] Percent parse_percent(std::string_view text);

/// A text Period::parse reads back as the same period (kind included): "2020", "2020-H1",
/// "2020-Q2", "2020-06", "2020年1-6月", "截至2020-06-30", "2020-01-01/2020-06-30".
[[nodiscard]] std::string period_text(const Period& p);

/// The exact value of a statistic as text (count as digits, money, percentages and quantities
/// as text_out::money_text, percent_text and quantity_text, a date as ReportedDate::to_string).
[[nodiscard]] std::string statistic_value_text(const StatisticValue& v);
[[nodiscard]] ValueKind value_kind(const StatisticValue& v);

}  // namespace parkinvest::io::detail
