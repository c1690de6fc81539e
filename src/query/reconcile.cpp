// SPDX-License-Identifier: MIT
// Reported totals against the itemized records behind them.
#include <parkinvest/query/query.hpp>

namespace parkinvest::query {

namespace {
Label park_label(const Dataset& ds, ParkId id) {
    const Park& p = ds.get(id);
    return Label{p.name.zh, p.name.en.value_or(p.name.zh)};
}

/// Whether an itemized figure above the reported one is a contradiction: only when the report
/// is exact or an upper bound.
bool caps(Bound b) { return b == Bound::exact || b == Bound::at_most || b == Bound::less_than; }
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
            row.push_back(*count);
            if (*count > 0) coverage = Percent::share(items, *count);
            conflict = caps(s.bound) && items > *count;
        } else {
            row.push_back(ReportedAmount{*money, s.bound, false});
            if (sum.total && sum.total->currency() == money->currency() && !money->is_zero())
                coverage = Percent::share(*sum.total, *money);
            conflict = caps(s.bound) && sum.total && sum.total->currency() == money->currency() && *sum.total > *money &&
                       (sum.bound == Bound::exact || sum.bound == Bound::at_least || sum.bound == Bound::more_than);
        }
        row.push_back(items);
        row.push_back(sum.cell());
        row.push_back(coverage);
        row.push_back(conflict ? Cell{Label{"是", "yes"}} : Cell{Label{"", ""}});
        rows.push_back(std::move(row));
    }
    return Table(std::move(columns), std::move(rows));
}

}  // namespace parkinvest::query
