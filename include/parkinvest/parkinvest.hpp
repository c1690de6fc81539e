// SPDX-License-Identifier: MIT
// The umbrella header: value types, and (as they arrive) periods, the data model and queries.
// Serialization (io/) is not included: cereal stays out of programs that do not serialize.
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
#include <parkinvest/core/text_out.hpp>
#include <parkinvest/time/period.hpp>

#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/query.hpp>
