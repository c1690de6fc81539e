// SPDX-License-Identifier: MIT
// Reported totals against the itemized records behind them.
#include <parkinvest/query/query.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>
#include <vector>

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
/// The itemized records behind one question: how many, and their amounts with the date each
/// would be converted at.
struct Itemized {
    std::int64_t items = 0;
    std::vector<std::pair<ReportedAmount, std::optional<Date>>> amounts;
};

/// The records located in `scope` or its sub-parks: through the Dataset's park index, so a
/// statistic looks at its own parks' records only. In the index's order for one park; for
/// several, in dataset order (by address: the records live in one vector), so that nothing
/// depends on the order of a hash set.
template <class R, class IdT>
std::vector<const R*> records_under(const Dataset& ds, ParkId scope, std::span<const IdT> (Dataset::*in)(ParkId) const) {
    const auto parks = park_and_descendants(ds, scope);
    std::vector<const R*> out;
    for (const ParkId park : parks)
        for (const IdT id : (ds.*in)(park)) out.push_back(&ds.get(id));
    if (parks.size() > 1) std::sort(out.begin(), out.end(), std::less<>{});
    return out;
}
}  // namespace

Table reconcile(const Dataset& ds, const std::optional<Conversion>& conversion) {
    std::vector<Column> columns = {
        {"园区", "park", true, ColumnKind::label},
        {"期间", "period", true, ColumnKind::label},
        {"指标", "indicator", true, ColumnKind::label},
        {"报告值", "reported", false, ColumnKind::value},
        {"明细项数", "itemized count", false, ColumnKind::count},
        {"明细合计", "itemized sum", false, ColumnKind::amount},
        {"覆盖率", "coverage", false, ColumnKind::percent},
        {"冲突", "conflict", false, ColumnKind::label},
    };
    std::vector<std::vector<Cell>> rows;
    // Work shared between statistics, so that many statistics of one park cost one pass over
    // its records per distinct (scope, indicator kind, period), not one pass over the dataset
    // each: the records under each scope, and each distinct question's answer.
    std::map<ParkId, std::vector<const Project*>> projects_under;
    std::map<ParkId, std::vector<const Loan*>> loans_under;
    std::map<std::tuple<ParkId, int, std::int64_t, std::int64_t>, Itemized> answers;
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

        const auto day = [](Date d) { return static_cast<std::int64_t>(d.day_number()); };
        const auto key = std::make_tuple(s.scope, stage ? static_cast<int>(*stage) : -1, day(s.period.first()), day(s.period.last()));
        auto [answer, fresh] = answers.try_emplace(key);
        if (fresh && stage) {
            auto [under, first] = projects_under.try_emplace(s.scope);
            if (first) under->second = records_under<Project, ProjectId>(ds, s.scope, &Dataset::projects_in);
            const auto in_period = entered(*stage, s.period).bind(ds);
            for (const Project* p : under->second) {
                if (!in_period(*p)) continue;
                ++answer->second.items;
                if (p->contract_investment) answer->second.amounts.emplace_back(*p->contract_investment, record_date(*p));
            }
        } else if (fresh) {
            // Loans issued: term loans and revolving credit started in the period (credit lines
            // and programmes are commitments, not loans issued).
            auto [under, first] = loans_under.try_emplace(s.scope);
            if (first) under->second = records_under<Loan, LoanId>(ds, s.scope, &Dataset::loans_in);
            const auto in_period = started_within(s.period).bind(ds);
            for (const Loan* l : under->second) {
                if (!in_period(*l)) continue;
                if (l->instrument == LoanInstrument::credit_line || l->instrument == LoanInstrument::programme) continue;
                ++answer->second.items;
                answer->second.amounts.emplace_back(l->commitment, record_date(*l));
            }
        }
        const std::int64_t items = answer->second.items;
        // The itemized sum: for a money statistic in its currency (other currencies need a
        // rate); for a count statistic shown when the amounts share one currency, else left out.
        detail::SumAcc sum;
        if (count != nullptr) {
            const auto& amounts = answer->second.amounts;
            const bool one_currency = std::all_of(amounts.begin(), amounts.end(), [&](const auto& a) {
                return a.first.value.currency() == amounts.front().first.value.currency();
            });
            if (one_currency)
                for (const auto& [a, date] : amounts) sum.add(a.value, a.bound);
        } else {
            const Currency target = money->currency();
            for (const auto& [a, date] : answer->second.amounts) {
                if (a.value.currency() == target) {
                    sum.add(a.value, a.bound);
                } else if (conversion) {
                    sum.add(conversion->apply_to(a.value, target, date), a.bound);
                } else {
                    throw QueryError("parkinvest: the statistic \"" + s.label + "\" is in " + std::string(iso_code(target)) +
                                     " but an itemized amount is in " + std::string(iso_code(a.value.currency())) +
                                     "; pass a Conversion with a rate between them: reconcile(ds, conversion)");
                }
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
            // The itemized sum as its bounds state it (bounds.hpp); undetermined compares as nothing.
            std::optional<ReportedAmount> itemized;
            if (sum.n != 0) itemized = detail::state(sum.interval());
            if (itemized && itemized->value.currency() == money->currency()) {
                if (!money->is_zero()) coverage = Percent::share(itemized->value, *money);
                conflict = contradicts(itemized->value, itemized->bound, *money, s.bound);
            }
        }
        row.emplace_back(std::in_place_type<std::int64_t>, items);
        row.push_back(detail::sum_cell(sum));
        row.push_back(std::move(coverage));
        row.emplace_back(std::in_place_type<Label>, conflict ? Label{"是", "yes"} : Label{"", ""});
        rows.push_back(std::move(row));
    }
    return Table(std::move(columns), std::move(rows));
}

}  // namespace parkinvest::query
