// SPDX-License-Identifier: MIT
// The built-in sample dataset: every figure of one newspaper page (a Chinese high-tech industry
// weekly, late July 2020) with six short reports on development zones.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/dataset.hpp>

namespace parkinvest::samples {

/// The page as a Dataset: six parks, 西部(重庆)科学城 and three sub-parks, the named enterprises, banks and
/// projects, the credit line and the loan programme, the hazardous-waste storage facility, and
/// every park-level figure as a ReportedStatistic. Each record cites the sentence its figures
/// come from. Where the page gives a bound (100亿元以上, 超过40%, 近3.26亿元) the bound is
/// recorded. Nothing the page does not say is added, with these conventions:
///  * figures the page gives without a period ("目前", "截至目前", "近日") are filed under
///    2020年7月, the month of the reports;
///  * flows "截至6月底" are the year to date, 2020年1-6月; stocks "截至7月6日" are as of that day;
///  * an event the page reports as done without a date (已经完工, 正式开工) is dated 2020年7月.
[[nodiscard]] Dataset high_tech_zones_2020();

/// Ids of the parks in high_tech_zones_2020().
namespace hz2020 {
inline constexpr ParkId chongqing{1};               ///< 重庆高新区
inline constexpr ParkId yiyang{2};                  ///< 益阳高新区
inline constexpr ParkId nantong{3};                 ///< 南通高新区
inline constexpr ParkId yantai{4};                  ///< 烟台高新区
inline constexpr ParkId ningbo{5};                  ///< 宁波高新区
inline constexpr ParkId beijing_etdz{6};            ///< 北京经济技术开发区
inline constexpr ParkId science_city{7};            ///< 西部(重庆)科学城
inline constexpr ParkId yiyang_east{8};             ///< 益阳高新区东部产业园
inline constexpr ParkId yantai_cjk_park{9};         ///< 中日韩文化创意产业园
inline constexpr ParkId yizhuang_biomedical{10};    ///< 北京亦庄生物医药园
inline constexpr std::size_t main_parks = 6;
}  // namespace hz2020

}  // namespace parkinvest::samples
