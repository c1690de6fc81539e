// SPDX-License-Identifier: MIT
// A deterministic generator of realistic-looking synthetic park investment data, for tests,
// benchmarks and examples.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/dataset.hpp>

#include <cstddef>
#include <cstdint>

namespace parkinvest::samples {

/// What to generate. Every count is exact (see synthetic_batch for what each one means).
struct SyntheticOptions {
    std::uint64_t seed = 1;
    std::size_t parks = 100;              ///< top-level zones (国家高新区, 经开区, 省级开发区)
    std::size_t sub_parks_per_park = 2;   ///< 产业园 under each zone (一区多园)
    std::size_t enterprises = 1000;
    std::size_t projects = 10000;
    std::size_t loans = 1000;
    std::size_t snapshots_per_loan = 12;  ///< month-end snapshots per loan
    std::size_t waste_facilities = 50;
    int first_year = 2018;                ///< dates fall between 1 January of first_year ...
    int last_year = 2021;                 ///< ... and 31 December of last_year
};

/// Records ready for Dataset::insert: every one passes the Dataset's validation.
///
/// * Deterministic: the same options give the same batch on every platform and standard
///   library. std::mt19937_64 (fully specified by the standard) is the only bit source; all
///   distributions are integer-only and hand-written; no floating point is used anywhere.
///   Each entity type draws from its own stream, so e.g. changing `projects` leaves the parks,
///   enterprises and loans unchanged.
/// * Ids are dense per type, starting at 1, in the order of the vectors.
/// * Counts: parks × (1 + sub_parks_per_park) parks (each zone followed by its sub-parks),
///   exactly `enterprises`, `projects`, `loans`, `waste_facilities`; loans carry exactly
///   `snapshots_per_loan` snapshots. Fixed-size parts: a GB/T 4754-2017 industry scheme
///   (门类 → 大类 → a few 中类), 10 banks, 6 publications × each year as sources, and per zone
///   and year 3 statistics (上半年签约项目 count, 上半年合同投资 money with a 同比 comparison from the
///   second year on, 固定资产投资 同比 comparison only).
/// * Amounts: 1万 to 200亿 yuan, log-normal-like (a decade 10^4 .. 10^10 yuan from a weighted
///   table peaking at 10^8 = 1亿, a uniform mantissa, rounded to 1-4 significant digits);
///   about 10% of project amounts are bounded (以上 at_least or 约 about).
/// * Projects: 1-6 stage events in valid order (main path, then possibly 暂停 / 取消), dated with
///   day or month precision within [first_year, last_year]; investors are enterprises of the
///   same park; industries are the park's leading industries.
/// * Loans: month-end snapshots, 0 <= outstanding <= commitment, undrawn = commitment −
///   outstanding; about 8% are programme loans with several borrowers of one park.
///
/// Throws ArgumentError when first_year > last_year, when the years are outside 1950..2100, or
/// when parks == 0 while projects, loans or waste facilities are requested.
[[nodiscard]] Batch synthetic_batch(const SyntheticOptions& options);

/// synthetic_batch(options) inserted into an empty Dataset (validated).
[[nodiscard]] Dataset synthetic_dataset(const SyntheticOptions& options);

}  // namespace parkinvest::samples
