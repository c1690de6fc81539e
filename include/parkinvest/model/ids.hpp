// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>
#include <parkinvest/fwd.hpp>

#include <parkinvest/core/hash.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace parkinvest {

/// A strong identifier: Id<ParkTag> and Id<ProjectId> are different types, so a park id can
/// never be passed where a project id is expected. The value is the caller's (e.g. a database
/// key); the Dataset only requires it to be unique per entity type.
template <class Tag>
class Id {
public:
    using value_type = std::uint64_t;
    constexpr Id() = default;
    constexpr explicit Id(value_type value) : value_(value) {}
    [[nodiscard]] constexpr value_type value() const { return value_; }
    friend constexpr bool operator==(Id, Id) = default;
    friend constexpr auto operator<=>(Id, Id) = default;
    /// "park#12": entity kind and value, for messages.
    [[nodiscard]] std::string to_string() const { return std::string(Tag::entity) + "#" + std::to_string(value_); }

private:
    value_type value_ = 0;
};

struct SourceTag { static constexpr std::string_view entity = "source"; };
struct IndustryTag { static constexpr std::string_view entity = "industry"; };
struct ParkTag { static constexpr std::string_view entity = "park"; };
struct EnterpriseTag { static constexpr std::string_view entity = "enterprise"; };
struct BankTag { static constexpr std::string_view entity = "bank"; };
struct ProjectTag { static constexpr std::string_view entity = "project"; };
struct LoanTag { static constexpr std::string_view entity = "loan"; };
struct WasteFacilityTag { static constexpr std::string_view entity = "waste_facility"; };
struct StatisticTag { static constexpr std::string_view entity = "statistic"; };

// SourceId, IndustryId, ParkId, EnterpriseId, BankId, ProjectId, LoanId, WasteFacilityId and
// StatisticId (Id<SourceTag> ...) are declared once, in <parkinvest/fwd.hpp>.

}  // namespace parkinvest

/// Keyed (detail::keyed_hash, SipHash-1-3 under a random per-process key): ids come from files,
/// and an unkeyed hash would let a file choose ids that share one bucket.
template <class Tag>
struct std::hash<parkinvest::Id<Tag>> {
    std::size_t operator()(parkinvest::Id<Tag> id) const noexcept { return parkinvest::detail::keyed_hash(id.value()); }
};
