// SPDX-License-Identifier: MIT
// Behaviour of the entities, and their Chinese and English labels.
#include <parkinvest/model/common.hpp>
#include <parkinvest/model/enterprise.hpp>
#include <parkinvest/model/loan.hpp>
#include <parkinvest/model/park.hpp>
#include <parkinvest/model/project.hpp>
#include <parkinvest/model/statistic.hpp>
#include <parkinvest/model/waste_facility.hpp>
#include <parkinvest/core/text_out.hpp>

#include "../core/text.hpp"

#include <algorithm>
#include <variant>

namespace parkinvest {

namespace {
std::string_view pick(Language lang, std::string_view zh, std::string_view en) {
    return lang == Language::chinese ? zh : en;
}
}  // namespace

std::string_view label(Bound b, Language lang) noexcept {
    switch (b) {
    case Bound::exact: return pick(lang, "", "");
    case Bound::at_least: return pick(lang, "以上", "at least");
    case Bound::more_than: return pick(lang, "超过", "more than");
    case Bound::about: return pick(lang, "约", "about");
    case Bound::nearly: return pick(lang, "近", "nearly");
    case Bound::at_most: return pick(lang, "以下", "at most");
    case Bound::less_than: return pick(lang, "不足", "less than");
    }
    return "";
}

std::string with_bound(std::string_view value_text, Bound b, Language lang) {
    std::string v(value_text);
    if (lang == Language::english) {
        const std::string_view words = label(b, lang);
        return words.empty() ? v : std::string(words) + " " + v;
    }
    switch (b) {
    case Bound::exact: return v;
    case Bound::at_least: return v + "以上";
    case Bound::more_than: return "超过" + v;
    case Bound::about: return "约" + v;
    case Bound::nearly: return "近" + v;
    case Bound::at_most: return "不超过" + v;
    case Bound::less_than: return "不足" + v;
    }
    return v;
}

std::string_view label(ParkKind k, Language lang) noexcept {
    switch (k) {
    case ParkKind::national_high_tech_zone: return pick(lang, "国家高新区", "national high-tech zone");
    case ParkKind::national_etdz: return pick(lang, "国家级经济技术开发区", "national economic-technological development zone");
    case ParkKind::provincial_zone: return pick(lang, "省级开发区", "provincial development zone");
    case ParkKind::science_city: return pick(lang, "科学城", "science city");
    case ParkKind::industrial_park: return pick(lang, "产业园", "industrial park");
    case ParkKind::other: return pick(lang, "其他", "other");
    }
    return "";
}

std::string_view label(BankKind k, Language lang) noexcept {
    switch (k) {
    case BankKind::policy: return pick(lang, "政策性银行", "policy bank");
    case BankKind::large_state_owned: return pick(lang, "国有大型商业银行", "large state-owned bank");
    case BankKind::joint_stock: return pick(lang, "股份制商业银行", "joint-stock bank");
    case BankKind::city_commercial: return pick(lang, "城市商业银行", "city commercial bank");
    case BankKind::rural: return pick(lang, "农村金融机构", "rural bank");
    case BankKind::foreign: return pick(lang, "外资银行", "foreign bank");
    case BankKind::other: return pick(lang, "其他", "other");
    }
    return "";
}

std::string_view label(Stage s, Language lang) noexcept {
    switch (s) {
    case Stage::negotiating: return pick(lang, "在谈", "negotiating");
    case Stage::contracted: return pick(lang, "签约", "signed");
    case Stage::registered: return pick(lang, "注册", "registered");
    case Stage::started: return pick(lang, "开工", "started");
    case Stage::completed: return pick(lang, "竣工", "completed");
    case Stage::in_production: return pick(lang, "投产", "in production");
    case Stage::suspended: return pick(lang, "暂停", "suspended");
    case Stage::cancelled: return pick(lang, "取消", "cancelled");
    }
    return "";
}

std::string_view label(ProjectNature n, Language lang) noexcept {
    switch (n) {
    case ProjectNature::new_build: return pick(lang, "新建", "new");
    case ProjectNature::expansion: return pick(lang, "扩建", "expansion");
    case ProjectNature::technical_upgrade: return pick(lang, "技术改造", "technical upgrade");
    case ProjectNature::relocation: return pick(lang, "迁建", "relocation");
    }
    return "";
}

std::string_view label(InvestorRole r, Language lang) noexcept {
    switch (r) {
    case InvestorRole::lead: return pick(lang, "投资主体", "lead investor");
    case InvestorRole::partner: return pick(lang, "合作方", "partner");
    case InvestorRole::operator_: return pick(lang, "运营方", "operator");
    case InvestorRole::financier: return pick(lang, "出资方", "financier");
    }
    return "";
}

std::string_view label(LoanInstrument i, Language lang) noexcept {
    switch (i) {
    case LoanInstrument::term_loan: return pick(lang, "贷款", "term loan");
    case LoanInstrument::credit_line: return pick(lang, "授信额度", "credit line");
    case LoanInstrument::revolving: return pick(lang, "循环贷款", "revolving credit");
    case LoanInstrument::programme: return pick(lang, "资金合作计划", "loan programme");
    }
    return "";
}

std::string_view label(GuaranteeType g, Language lang) noexcept {
    switch (g) {
    case GuaranteeType::credit: return pick(lang, "信用", "unsecured");
    case GuaranteeType::guarantee: return pick(lang, "保证", "guaranteed");
    case GuaranteeType::mortgage: return pick(lang, "抵押", "mortgage");
    case GuaranteeType::pledge: return pick(lang, "质押", "pledge");
    }
    return "";
}

std::string_view label(WasteFacilityKind k, Language lang) noexcept {
    switch (k) {
    case WasteFacilityKind::temporary_storage: return pick(lang, "暂存库", "temporary storage");
    case WasteFacilityKind::collection: return pick(lang, "收集", "collection");
    case WasteFacilityKind::storage: return pick(lang, "贮存", "storage");
    case WasteFacilityKind::utilisation: return pick(lang, "利用", "utilisation");
    case WasteFacilityKind::disposal: return pick(lang, "处置", "disposal");
    }
    return "";
}

std::string_view label(Indicator i, Language lang) noexcept {
    switch (i) {
    case Indicator::signed_projects: return pick(lang, "签约项目", "signed projects");
    case Indicator::contract_investment: return pick(lang, "合同投资额", "contract investment");
    case Indicator::projects_introduced: return pick(lang, "引进项目", "projects introduced");
    case Indicator::projects_started: return pick(lang, "新开工项目", "projects started");
    case Indicator::projects_under_negotiation: return pick(lang, "在谈项目", "projects under negotiation");
    case Indicator::intended_investment: return pick(lang, "意向投资", "intended investment");
    case Indicator::fixed_asset_investment: return pick(lang, "固定资产投资", "fixed-asset investment");
    case Indicator::bank_loans_issued: return pick(lang, "银行发放贷款", "bank loans issued");
    case Indicator::market_entities: return pick(lang, "市场主体", "market entities");
    case Indicator::subsidies_paid: return pick(lang, "兑现补助", "subsidies paid");
    case Indicator::industry_share: return pick(lang, "产业占比", "industry share");
    case Indicator::platforms: return pick(lang, "平台", "platforms");
    case Indicator::awards: return pick(lang, "奖项", "awards");
    case Indicator::other: return pick(lang, "其他", "other");
    }
    return "";
}

std::string_view label(ComparisonKind k, Language lang) noexcept {
    switch (k) {
    case ComparisonKind::year_on_year: return pick(lang, "同比", "year on year");
    case ComparisonKind::vs_previous_year_end: return pick(lang, "较去年年底", "vs previous year-end");
    case ComparisonKind::vs_previous_period: return pick(lang, "环比", "vs previous period");
    }
    return "";
}

std::string format_value(const StatisticValue& value, std::string_view unit, Bound bound, Language lang) {
    std::string text = std::visit(
        [&](const auto& v) -> std::string {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::int64_t>) {
                if (lang == Language::english) return std::to_string(v);
                // 2万户, 10万人: whole multiples of 万 the way Chinese sources write them
                const bool wan = v >= 10000 && v % 10000 == 0;
                return (wan ? std::to_string(v / 10000) + "万" : std::to_string(v)) + std::string(unit);
            } else if constexpr (std::is_same_v<V, Money>) {
                MoneyFormat f;
                f.language = lang;
                return v.format(f);
            } else if constexpr (std::is_same_v<V, Percent>) {
                return text_out::percent_number(v, 6, RoundingMode::half_up) + "%";  // "44.2%"
            } else if constexpr (std::is_same_v<V, Area>) {
                const bool large = v >= Area::of(1, AreaKind::Unit::square_kilometre);
                return v.format(large ? AreaKind::Unit::square_kilometre : AreaKind::Unit::square_metre, lang);
            } else if constexpr (std::is_same_v<V, Mass>) {
                return v.format(MassKind::Unit::tonne, lang);
            } else if constexpr (std::is_same_v<V, AnnualThroughput>) {
                return v.format(AnnualThroughputKind::Unit::tonne_per_year, lang);
            } else {
                return v.format(lang);
            }
        },
        value);
    if (std::holds_alternative<ReportedDate>(value)) return text;
    return with_bound(text, bound, lang);
}

// ---------------------------------------------------------------- Project

std::optional<Stage> Project::stage_as_of(Date d) const {
    std::optional<Stage> stage;
    for (const StageEvent& e : stages) {
        if (e.date.last() <= d) stage = e.stage;
    }
    return stage;
}

bool Project::reached(Stage s, Date d) const {
    return std::any_of(stages.begin(), stages.end(), [&](const StageEvent& e) {
        if (!(e.date.last() <= d)) return false;
        if (on_main_path(s)) return on_main_path(e.stage) && e.stage >= s;
        return e.stage == s;
    });
}

// ---------------------------------------------------------------- Loan

std::optional<Money> Loan::outstanding_as_of(Date d) const {
    // Snapshots ascend by date: the last one on or before d.
    const auto it = std::upper_bound(snapshots.begin(), snapshots.end(), d,
                                     [](Date day, const LoanSnapshot& s) { return day < s.as_of; });
    if (it == snapshots.begin()) return std::nullopt;
    return std::prev(it)->outstanding;
}

// ---------------------------------------------------------------- Waste

HwCategory::HwCategory(int number) : number_(number) {
    if (number < 1 || number > 50)
        throw ArgumentError("parkinvest: hazardous-waste categories are HW01 to HW50, not " + std::to_string(number));
}

HwCategory HwCategory::parse(std::string_view text) {
    detail::Cursor c(text, "hazardous-waste category");
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);
    if (!c.consume_word("HW")) {
        // consume_word refuses "HW" followed by a letter; digits follow here
        c.fail(c.position(), ParseErrorKind::unknown_unit, "expected HW");
    }
    const std::size_t at = c.position();
    int n = 0;
    int digits = 0;
    for (auto cp = c.peek(); detail::is_digit(cp.cp) && digits < 3; cp = c.peek(), ++digits) {
        n = n * 10 + static_cast<int>(cp.cp - '0');
        c.advance(cp);
    }
    if (digits == 0) c.fail(at, ParseErrorKind::expected_number);
    c.skip_spaces();
    if (!c.at_end()) c.fail_leftover();
    if (n < 1 || n > 50) c.fail(at, ParseErrorKind::invalid_value, "categories are HW01 to HW50");
    return HwCategory(n);
}

std::string HwCategory::to_string() const { return std::string(number_ < 10 ? "HW0" : "HW") + std::to_string(number_); }

std::vector<int> WasteFacility::years_over_capacity() const {
    std::optional<AnnualThroughput> limit = max_annual_throughput;
    if (licence && licence->approved_total && (!limit || *licence->approved_total < *limit)) limit = licence->approved_total;
    std::vector<int> years;
    if (!limit) return years;
    for (const YearlyThroughput& y : yearly_throughput)
        if (y.handled.base_count() > limit->base_count()) years.push_back(y.year);  // both count grams
    return years;
}

}  // namespace parkinvest
