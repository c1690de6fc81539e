// SPDX-License-Identifier: MIT
// Record access: the park a record belongs to and the amount a field holds, for every
// record type a query runs over.
// Part of <parkinvest/query/query.hpp>, the header to include.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/dataset.hpp>

#include <optional>

namespace parkinvest::query {

/// The park a record belongs to (a loan: its own park, else its borrowers').
inline std::optional<ParkId> park_of(const Dataset&, const Project& r) { return r.park; }
inline std::optional<ParkId> park_of(const Dataset&, const WasteFacility& r) { return r.park; }
inline std::optional<ParkId> park_of(const Dataset&, const ReportedStatistic& r) { return r.scope; }
inline std::optional<ParkId> park_of(const Dataset&, const Enterprise& r) { return r.park; }
inline std::optional<ParkId> park_of(const Dataset& ds, const Loan& r) { return ds.park_of(r); }

/// The amount a field holds, if any: optional<ReportedAmount> members (Project amounts,
/// WasteFacility::investment) and ReportedAmount members (Loan::commitment).
template <class R>
const ReportedAmount* amount_of(const R& r, std::optional<ReportedAmount> R::*field) {
    const auto& a = r.*field;
    return a ? &*a : nullptr;
}
template <class R>
const ReportedAmount* amount_of(const R& r, ReportedAmount R::*field) {
    return &(r.*field);
}

}  // namespace parkinvest::query
