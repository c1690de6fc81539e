// SPDX-License-Identifier: MIT
// Reconciliation: reported totals against the itemized records behind them.
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/table.hpp>

namespace parkinvest::query {

/// Reported totals against the itemized records behind them: for every ReportedStatistic of
/// signed projects / contract investment / projects started / bank loans issued, the itemized
/// count and sum in the same park (with sub-parks) and period, the coverage, and a conflict flag
/// when the itemized figure exceeds an exact (or upper-bound) reported total.
[[nodiscard]] Table reconcile(const Dataset& ds);

}  // namespace parkinvest::query
