// SPDX-License-Identifier: MIT
// Builders of model records for tests: the smallest records a test starts from, which it then
// changes where it needs to.
#pragma once

#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/model/loan.hpp>
#include <parkinvest/model/project.hpp>
#include <parkinvest/model/waste_facility.hpp>
#include <parkinvest/time/period.hpp>

#include <cstdint>
#include <optional>

namespace parkinvest::test {

inline StageEvent event(Stage s, ReportedDate d) {
    StageEvent e;
    e.stage = s;
    e.date = d;
    return e;
}

inline LoanSnapshot snapshot(Date d, Money outstanding, std::optional<Money> undrawn = std::nullopt) {
    LoanSnapshot s;
    s.as_of = d;
    s.outstanding = outstanding;
    s.undrawn = undrawn;
    return s;
}

/// `tonnes` handled in `year`.
inline YearlyThroughput year_handled(int year, std::int64_t tonnes) {
    YearlyThroughput y;
    y.year = year;
    y.handled = Mass::of(tonnes, Mass::Unit::tonne);
    return y;
}

}  // namespace parkinvest::test
