// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/quantity.hpp>
#include <parkinvest/model/common.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parkinvest {

/// One node of an industry classification. Several schemes live side by side: the national
/// GB/T 4754-2017 (门类 A-T, 大类, 中类, 小类) and park-local schemes such as a park's 4 leading
/// industries with their 13 sub-fields. Codes are unique within a scheme.
struct Industry {
    IndustryId id;
    std::string scheme;                ///< e.g. "GB/T 4754-2017", "重庆高新区主导产业"
    std::string code;                  ///< e.g. "C27", "C2710", "大健康"
    Name name;
    std::optional<IndustryId> parent;  ///< the node above, in the same scheme
    std::vector<Citation> sources;
    friend bool operator==(const Industry&, const Industry&) = default;
};

enum class ParkKind : std::uint8_t {
    national_high_tech_zone,  ///< 国家高新区
    national_etdz,            ///< 国家级经济技术开发区 (经开区)
    provincial_zone,          ///< 省级开发区
    science_city,             ///< 科学城
    industrial_park,          ///< 产业园 / 园区 inside a zone
    other,
};
template <>
struct EnumTable<ParkKind> {
    static constexpr std::string_view type = "ParkKind";
    static constexpr std::array<EnumEntry, 6> entries{{
        {"national_high_tech_zone", "国家高新区", "national high-tech zone"},
        {"national_etdz", "国家级经济技术开发区", "national economic-technological development zone"},
        {"provincial_zone", "省级开发区", "provincial development zone"},
        {"science_city", "科学城", "science city"},
        {"industrial_park", "产业园", "industrial park"},
        {"other", "其他", "other"},
    }};
};

/// A development zone (park). Sub-parks (一区多园, a zone's 产业园) point at their parent.
struct Park {
    ParkId id;
    Name name;
    ParkKind kind = ParkKind::other;
    std::string province;                    ///< 省级行政区, e.g. 重庆市, 湖南省
    std::string city;                        ///< e.g. 益阳市
    std::optional<std::uint32_t> admin_code; ///< GB/T 2260 six-digit code of the city/district
    std::optional<ParkId> parent;
    std::optional<ReportedDate> established;
    std::optional<Area> area;
    std::vector<IndustryId> leading_industries;  ///< 主导产业
    std::vector<Citation> sources;
    friend bool operator==(const Park&, const Park&) = default;
};

}  // namespace parkinvest
