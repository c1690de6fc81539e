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

std::string label(const Bank& bank, Language lang) {
    if (lang == Language::chinese) return bank.name.zh + bank.branch;
    std::string text = bank.name.en.value_or(bank.name.zh);
    if (bank.branch_en) text += " " + *bank.branch_en;
    else text += bank.branch;
    return text;
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
