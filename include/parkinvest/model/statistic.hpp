// SPDX-License-Identifier: MIT
#pragma once

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
[[nodiscard]] std::string_view label(Indicator i, Language lang = Language::chinese) noexcept;

/// The value of a statistic: a count (with its unit word: 个, 户, 家次), money, a percentage,
/// a quantity, or the date of a reported event (入选试点 2019年4月30日).
using StatisticValue = std::variant<std::int64_t, Money, Percent, Area, Mass, AnnualThroughput, ReportedDate>;

enum class ComparisonKind : std::uint8_t {
    year_on_year,           ///< 同比: against the same period of the previous year
    vs_previous_year_end,   ///< 较去年年底 (for stocks)
    vs_previous_period,     ///< 环比
};
[[nodiscard]] std::string_view label(ComparisonKind k, Language lang = Language::chinese) noexcept;

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
