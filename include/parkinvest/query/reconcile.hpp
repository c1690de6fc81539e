// SPDX-License-Identifier: MIT
// Reconciliation: reported totals against the itemized records behind them.
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/aggregates.hpp>
#include <parkinvest/query/table.hpp>

#include <optional>

namespace parkinvest::query {

/// Reported totals against the itemized records behind them: for every ReportedStatistic of
/// signed projects / contract investment / projects started / bank loans issued, the itemized
/// count and sum in the same park (with sub-parks) and period, the coverage, and a conflict flag
/// when the itemized figure exceeds an exact (or upper-bound) reported total. Itemized amounts
/// are summed in each money statistic's currency; an amount in another currency needs a rate
/// in `conversion` (its target is ignored: each statistic's currency is the target), else it is
/// a QueryError. Count statistics never look at amounts.
[[nodiscard]] Table reconcile(const Dataset& ds, const std::optional<Conversion>& conversion = std::nullopt);

}  // namespace parkinvest::query
