// SPDX-License-Identifier: MIT
// Must not compile (ctest compile_money_times_double): the diagnostic names the real problem,
// binary floating point, not the deleted Money * Money.
#include <parkinvest/core/money.hpp>

parkinvest::Money times(const parkinvest::Money& m) { return m * 1.5; }
