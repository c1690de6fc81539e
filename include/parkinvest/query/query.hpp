// SPDX-License-Identifier: MIT
// Aggregation queries over the records of a Dataset:
//
//   Table t = from(ds, ds.projects())
//                 .where(in_park(chongqing) && entered(Stage::contracted, Period::half_year(2020, 1)))
//                 .group_by(by_park(), by_amount_band(&Project::contract_investment, {"10亿"_cny, "100亿"_cny}))
//                 .aggregate(count(), sum(&Project::contract_investment), share(&Project::contract_investment));
//
// Filters, group keys and aggregates are small values bound to the Dataset when the query runs;
// everything is exact (Money sums, Ratio shares).
//
// Speed: a query over projects of the Dataset (all of ds.projects(), a part of it, or a list of
// ids: from(ds, ds.projects_in(park))) scans the Dataset's ProjectColumns (a few dense arrays)
// rather than the records. Filters, keys and aggregates that have a column form (in_park,
// reached, the amount filters, by_park, by_zone, by_parent_park, by_amount_band, sum/share/min/
// max/average of a Project amount) read the columns; the others read the record of the row.
// The results are the same either way (the differential test runs both).
//
// Bounded amounts ("100亿元以上"): every derived figure (sum, average, share, growth, min,
// max, rank) is the interval its inputs allow, stated as one figure and one Bound, or as
// Undetermined (无法确定) where no bound can be stated; bounds.hpp has the rules. A threshold
// filter or amount band counts a bounded amount only where the bound decides it: 10亿元以上 is
// "≥ 1亿" but not "< 100亿"; approximations count as their value.
//
// This header includes the parts, one per module (helpers that are not API live in
// parkinvest::query::detail):
//
//   access.hpp      park_of, amount_of: record access
//   filters.hpp     Filter and the filters (in_park, reached, amount_at_least ...)
//   keys.hpp        Key, BoundKey and the group keys (by_park, by_amount_band ...)
//   aggregates.hpp  the aggregates (count, sum, share ...), Conversion, named
//   bounds.hpp      intervals of bounded figures (used by the aggregates, top and list)
//   engine.hpp      from() and Query
//   list.hpp        list(): one row per record, ordered and limited
//   reconcile.hpp   reconcile()
//   table.hpp       Table, the result
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/query/access.hpp>
#include <parkinvest/query/aggregates.hpp>
#include <parkinvest/query/engine.hpp>
#include <parkinvest/query/filters.hpp>
#include <parkinvest/query/keys.hpp>
#include <parkinvest/query/list.hpp>
#include <parkinvest/query/reconcile.hpp>
#include <parkinvest/query/table.hpp>
