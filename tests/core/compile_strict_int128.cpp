// SPDX-License-Identifier: MIT
// Compiled by ctest (compile_strict_int128) with -std=c++20 -Wall -Wextra -Wpedantic -Werror
// -fsyntax-only: Money's operations with 128-bit integer operands work in strict ISO mode, where
// std::is_integral_v<__int128> is false.
#include <parkinvest/core/money.hpp>

using parkinvest::Money;
using parkinvest::RoundingMode;

Money square_units(const Money& m, const Money& m2) { return m * m2.units(); }
Money units_times(const Money& m, const Money& m2) { return m2.units() * m; }
Money divide(const Money& m, const Money& m2) { return m.div(m2.units(), RoundingMode::half_up); }
Money of_units(const Money& m) { return Money::of(m.units() / 10'000); }
#if PARKINVEST_HAS_INT128
Money divide_unsigned(const Money& m) {
    __extension__ using u128 = unsigned __int128;
    return m.div(static_cast<u128>(7), RoundingMode::half_even) * static_cast<u128>(3);
}
#endif
