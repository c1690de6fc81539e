// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/model/common.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace parkinvest {

/// What a published aggregate measures. `other` takes its meaning from the statistic's label.
enum class Indicator : std::uint8_t {
    signed_projects,            ///< 签约项目 (count)
    contract_investment,        ///< 合同(协议)投资额 (money)
    projects_introduced,        ///< 引进项目 (count)
    projects_started,           ///< 新开工项目 (count)
    projects_under_negotiation, ///< 在谈项目 (count)
    intended_investment,        ///< 意向投资 (money)
    fixed_asset_investment,     ///< 固定资产投资
    bank_loans_issued,          ///< 银行发放贷款 (money)
    market_entities,            ///< 市场主体保有量 (count)
    subsidies_paid,             ///< 兑现补助 (money)
    industry_share,             ///< a share of an industry in a total (percent)
    platforms,                  ///< 平台、孵化器 (count)
    awards,                     ///< 奖项 (count)
    other,
};
template <>
struct EnumTable<Indicator> {
    static constexpr std::string_view type = "Indicator";
    static constexpr std::array<EnumEntry, 14> entries{{
        {"signed_projects", "签约项目", "signed projects"},
        {"contract_investment", "合同投资额", "contract investment"},
        {"projects_introduced", "引进项目", "projects introduced"},
        {"projects_started", "新开工项目", "projects started"},
        {"projects_under_negotiation", "在谈项目", "projects under negotiation"},
        {"intended_investment", "意向投资", "intended investment"},
        {"fixed_asset_investment", "固定资产投资", "fixed-asset investment"},
        {"bank_loans_issued", "银行发放贷款", "bank loans issued"},
        {"market_entities", "市场主体", "market entities"},
        {"subsidies_paid", "兑现补助", "subsidies paid"},
        {"industry_share", "产业占比", "industry share"},
        {"platforms", "平台", "platforms"},
        {"awards", "奖项", "awards"},
        {"other", "其他", "other"},
    }};
};

/// The value of a statistic: a count (with its unit word: 个, 户, 家次), money, a percentage,
/// a quantity, or the date of a reported event (入选试点 2019年4月30日).
using StatisticValue = std::variant<std::int64_t, Money, Percent, Area, Mass, AnnualThroughput, ReportedDate>;

/// The kind of a StatisticValue, in the order of its alternatives (the `kind` of a value in
/// files). 0.1.0 wrote annual_throughput as "throughput" in CSV and JSON Lines: still read.
enum class ValueKind : std::uint8_t { count, money, percent, area, mass, annual_throughput, date };
template <>
struct EnumTable<ValueKind> {
    static constexpr std::string_view type = "ValueKind";
    static constexpr std::array<EnumEntry, 7> entries{{
        {"count", "数量", "count"},
        {"money", "金额", "money"},
        {"percent", "百分比", "percent"},
        {"area", "面积", "area"},
        {"mass", "质量", "mass"},
        {"annual_throughput", "年处理能力", "annual throughput"},
        {"date", "日期", "date"},
    }};
    /// Older names still read.
    static constexpr std::array<EnumAlias, 1> aliases{{{"throughput", 5}}};
};
static_assert(std::variant_size_v<StatisticValue> == enum_count<ValueKind>);
[[nodiscard]] inline ValueKind value_kind(const StatisticValue& v) noexcept { return static_cast<ValueKind>(v.index()); }

enum class ComparisonKind : std::uint8_t {
    year_on_year,           ///< 同比: against the same period of the previous year
    vs_previous_year_end,   ///< 较去年年底 (for stocks)
    vs_previous_period,     ///< 环比
};
template <>
struct EnumTable<ComparisonKind> {
    static constexpr std::string_view type = "ComparisonKind";
    static constexpr std::array<EnumEntry, 3> entries{{
        {"year_on_year", "同比", "year on year"},
        {"vs_previous_year_end", "较去年年底", "vs previous year-end"},
        {"vs_previous_period", "环比", "vs previous period"},
    }};
};

/// The value as text with its unit word and bound: "39个", "605.6亿元", "80%以上", "约50人",
/// "225平方公里", "2019年4月30日"; empty when the statistic has no value. Exact: percentages show
/// all their decimals (up to 6, rounded half-up beyond).
[[nodiscard]] std::string format_value(const StatisticValue& value, std::string_view unit, Bound bound,
                                       Language lang = Language::chinese);

/// A published change: 同比增长4.9%, 较去年年底增长19.4%.
struct Comparison {
    ComparisonKind kind = ComparisonKind::year_on_year;
    Percent change;
    Bound bound = Bound::exact;
    friend bool operator==(const Comparison&, const Comparison&) = default;
};

/// A published aggregate that cannot be recomputed from itemized records, e.g.
/// "上半年共签约项目39个，合同协议投资总额达605.6亿元" is two statistics for 2020年上半年.
/// A statistic has a value, a comparison, or both (固定资产投资同比增长4.9% has only the change).
struct ReportedStatistic {
    StatisticId id;
    ParkId scope;
    Indicator indicator = Indicator::other;
    std::string label;       ///< what exactly is counted, in the source's words (Chinese)
    Period period;           ///< the flow period, or the as-of day for stocks
    std::optional<StatisticValue> value;
    Bound bound = Bound::exact;
    std::string unit;        ///< unit word of a count: 个, 户, 家, 家次, 项, 名
    std::optional<Comparison> comparison;
    std::vector<Citation> sources;
    friend bool operator==(const ReportedStatistic&, const ReportedStatistic&) = default;
};

}  // namespace parkinvest
