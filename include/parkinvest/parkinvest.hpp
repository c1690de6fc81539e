// SPDX-License-Identifier: MIT
// The umbrella header: the value types (<parkinvest/core.hpp>), periods, the data model and queries.
// Serialization (io/) is not included: cereal stays out of programs that do not serialize.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core.hpp>
#include <parkinvest/core/text_out.hpp>
#include <parkinvest/time/period.hpp>

#include <parkinvest/model/dataset.hpp>
#include <parkinvest/query/query.hpp>
