// SPDX-License-Identifier: MIT
// The value types alone: exact Money (元, 万元, 亿元, ISO currencies, explicit rounding), Decimal,
// Percent and PercentagePoints, Area, Mass and AnnualThroughput, and their errors. No dates, no
// data model, no queries and no Boost header (unless the compiler lacks __int128, or with
// PARKINVEST_NO_INT128): the header to include
// where only amounts are computed. <parkinvest/parkinvest.hpp> includes it with everything else.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/version.hpp>

#include <parkinvest/core/currency.hpp>
#include <parkinvest/core/decimal.hpp>
#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/language.hpp>
#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/core/rounding.hpp>
