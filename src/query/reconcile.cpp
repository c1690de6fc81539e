// SPDX-License-Identifier: MIT
// Reported totals against the itemized records behind them.
#include <parkinvest/query/query.hpp>

namespace parkinvest::query {

namespace {
Label park_label(const Dataset& ds, ParkId id) {
    const Park& p = ds.get(id);
    return Label{p.name.zh, p.name.en.value_or(p.name.zh)};
}

/// Whether itemized records contradict a reported total: the itemized figure is a lower bound
/// of the truth (more records may exist than are itemized), the report an upper bound when it is
/// exact, at_most or less_than. Strict bounds (more_than, less_than) conflict at equality.
template <class T>
bool contradicts(const T& itemized, Bound itemized_bound, const T& reported, Bound reported_bound) {
    const bool lower = itemized_bound == Bound::exact || itemized_bound == Bound::at_least || itemized_bound == Bound::more_than;
    const bool upper = reported_bound == Bound::exact || reported_bound == Bound::at_most || reported_bound == Bound::less_than;
    if (!lower || !upper) return false;
    if (reported < itemized) return true;
    const bool strict = itemized_bound == Bound::more_than || reported_bound == Bound::less_than;
    return strict && !(itemized < reported);
}
}  // namespace

Table reconcile(const Dataset& ds) {
    std::vector<Column> columns = {
        {"园区", "park", true},          {"期间", "period", true},         {"指标", "indicator", true},
        {"报告值", "reported", false},   {"明细项数", "itemized count", false}, {"明细合计", "itemized sum", false},
        {"覆盖率", "coverage", false},   {"冲突", "conflict", false},
    };
    std::vector<std::vector<Cell>> rows;
    for (const ReportedStatistic& s : ds.statistics()) {
        if (!s.value) continue;
        std::optional<Stage> stage;
        switch (s.indicator) {
        case Indicator::signed_projects:
        case Indicator::contract_investment: stage = Stage::contracted; break;
        case Indicator::projects_started: stage = Stage::started; break;
        case Indicator::bank_loans_issued: break;
        default: continue;
        }
        const auto* count = std::get_if<std::int64_t>(&*s.value);
        const auto* money = std::get_if<Money>(&*s.value);
        if (count == nullptr && money == nullptr) continue;

        std::int64_t items = 0;
        detail::SumAcc sum;
        const ParkSet parks(park_and_descendants(ds, s.scope));
        if (stage) {
            const auto in_period = entered(*stage, s.period).bind(ds);
            for (const Project& p : ds.projects()) {
                if (!parks.contains(p.park) || !in_period(p)) continue;
                ++items;
                if (p.contract_investment) sum.add(p.contract_investment->value, p.contract_investment->bound);
            }
        } else {
            // Loans issued: term loans and revolving credit started in the period (credit lines
            // and programmes are commitments, not loans issued).
            const auto in_period = started_within(s.period).bind(ds);
            for (const Loan& l : ds.loans()) {
                const auto park = ds.park_of(l);
                if (!park || !parks.contains(*park) || !in_period(l)) continue;
                if (l.instrument == LoanInstrument::credit_line || l.instrument == LoanInstrument::programme) continue;
                ++items;
                sum.add(l.commitment.value, l.commitment.bound);
            }
        }

        std::vector<Cell> row{park_label(ds, s.scope), Label{s.period.label(Language::chinese), s.period.label(Language::english)},
                              Label{s.label, std::string(label(s.indicator, Language::english))}};
        Cell coverage;
        bool conflict = false;
        if (count != nullptr) {
            row.emplace_back(std::in_place_type<std::int64_t>, *count);
            if (*count > 0) coverage = Percent::share(items, *count);
            conflict = contradicts(items, Bound::exact, *count, s.bound);
        } else {
            row.emplace_back(std::in_place_type<ReportedAmount>, ReportedAmount{*money, s.bound, false});
            if (sum.total && sum.total->currency() == money->currency() && !money->is_zero())
                coverage = Percent::share(*sum.total, *money);
            conflict = sum.total && sum.total->currency() == money->currency() &&
                       contradicts(*sum.total, sum.bound, *money, s.bound);
        }
        row.emplace_back(std::in_place_type<std::int64_t>, items);
        row.push_back(sum.cell());
        row.push_back(std::move(coverage));
        row.emplace_back(std::in_place_type<Label>, conflict ? Label{"是", "yes"} : Label{"", ""});
        rows.push_back(std::move(row));
    }
    return Table(std::move(columns), std::move(rows));
}

}  // namespace parkinvest::query
