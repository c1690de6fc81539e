// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/quantity.hpp>
#include <parkinvest/model/common.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest {

/// A category of the National Catalogue of Hazardous Wastes (国家危险废物名录): HW01 to HW50.
class HwCategory {
public:
    /// Throws ArgumentError outside 1..50.
    explicit HwCategory(int number);
    /// "HW08", "hw08", "HW8"; throws ParseError.
    static HwCategory parse(std::string_view text);
    [[nodiscard]] int number() const { return number_; }
    [[nodiscard]] std::string to_string() const;  ///< "HW08"
    friend bool operator==(HwCategory, HwCategory) = default;
    friend auto operator<=>(HwCategory, HwCategory) = default;

private:
    int number_;
};

enum class WasteFacilityKind : std::uint8_t {
    temporary_storage,  ///< 暂存库 / 危废间 (generator's or park's temporary storage)
    collection,         ///< 收集
    storage,            ///< 贮存
    utilisation,        ///< 利用
    disposal,           ///< 处置
};
template <>
struct EnumTable<WasteFacilityKind> {
    static constexpr std::string_view type = "WasteFacilityKind";
    static constexpr std::array<EnumEntry, 5> entries{{
        {"temporary_storage", "暂存库", "temporary storage"},
        {"collection", "收集", "collection"},
        {"storage", "贮存", "storage"},
        {"utilisation", "利用", "utilisation"},
        {"disposal", "处置", "disposal"},
    }};
};

enum class LicenceType : std::uint8_t {
    comprehensive,  ///< 综合经营许可证 (收集、贮存、利用、处置)
    collection,     ///< 收集经营许可证
};
template <>
struct EnumTable<LicenceType> {
    static constexpr std::string_view type = "LicenceType";
    static constexpr std::array<EnumEntry, 2> entries{{
        {"comprehensive", "综合经营许可证", "comprehensive licence"},
        {"collection", "收集经营许可证", "collection licence"},
    }};
};

enum class OperatingMode : std::uint8_t { collection, storage, utilisation, disposal };
template <>
struct EnumTable<OperatingMode> {
    static constexpr std::string_view type = "OperatingMode";
    static constexpr std::array<EnumEntry, 4> entries{{
        {"collection", "收集", "collection"},
        {"storage", "贮存", "storage"},
        {"utilisation", "利用", "utilisation"},
        {"disposal", "处置", "disposal"},
    }};
};

/// One approved category on a licence, with its approved annual scale when the licence gives it.
struct LicensedCategory {
    HwCategory category{1};
    std::optional<AnnualThroughput> approved;
    friend bool operator==(const LicensedCategory&, const LicensedCategory&) = default;
};

/// 危险废物经营许可证.
struct WasteLicence {
    std::string number;
    LicenceType type = LicenceType::comprehensive;
    std::vector<OperatingMode> modes;
    std::vector<LicensedCategory> categories;
    std::optional<AnnualThroughput> approved_total;  ///< 核准经营规模
    std::optional<Date> issued;
    std::optional<Date> expires;
    friend bool operator==(const WasteLicence&, const WasteLicence&) = default;
};

/// Actual quantity handled in one calendar year.
struct YearlyThroughput {
    int year = 0;
    Mass handled;
    friend bool operator==(const YearlyThroughput&, const YearlyThroughput&) = default;
};

/// A hazardous-waste facility in a park.
struct WasteFacility {
    WasteFacilityId id;
    Name name;
    ParkId park;
    std::optional<EnterpriseId> operator_enterprise;  ///< licensed third party running it
    WasteFacilityKind kind = WasteFacilityKind::temporary_storage;
    std::optional<ReportedAmount> investment;
    std::optional<Area> floor_area;
    std::optional<Mass> storage_capacity;
    std::optional<AnnualThroughput> max_annual_throughput;  ///< 年最大中转/处置能力
    std::optional<WasteLicence> licence;
    std::optional<ReportedDate> commissioned;  ///< 投入使用 / 揭牌
    std::vector<EnterpriseId> served_enterprises;
    std::vector<YearlyThroughput> yearly_throughput;  ///< ascending years
    std::vector<Citation> sources;

    /// Years whose actual throughput exceeded the facility's maximum annual throughput (or the
    /// licence's approved total when that is lower).
    [[nodiscard]] std::vector<int> years_over_capacity() const;
    friend bool operator==(const WasteFacility&, const WasteFacility&) = default;
};

}  // namespace parkinvest
