// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/common.hpp>
#include <parkinvest/model/credit_code.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parkinvest {

enum class OriginKind : std::uint8_t {
    domestic,           ///< 内资
    hk_macao_taiwan,    ///< 港澳台资
    foreign,            ///< 外资 (with the country)
};
template <>
struct EnumTable<OriginKind> {
    static constexpr std::string_view type = "OriginKind";
    static constexpr std::array<EnumEntry, 3> entries{{
        {"domestic", "内资", "domestic"},
        {"hk_macao_taiwan", "港澳台资", "Hong Kong, Macao and Taiwan"},
        {"foreign", "外资", "foreign"},
    }};
};

struct Origin {
    OriginKind kind = OriginKind::domestic;
    std::string country;  ///< ISO 3166-1 alpha-2 for foreign origin ("KR"), else empty
    friend bool operator==(const Origin&, const Origin&) = default;
};

/// A stock-market listing: 上海证券交易所科创板 on 2020-05-18, say.
struct Listing {
    std::string market;  ///< e.g. "上海证券交易所科创板"
    std::optional<ReportedDate> date;
    friend bool operator==(const Listing&, const Listing&) = default;
};

/// An enterprise: an investor, a borrower, a facility operator.
struct Enterprise {
    EnterpriseId id;
    Name name;
    std::optional<CreditCode> credit_code;  ///< 统一社会信用代码, when the source gives it
    std::optional<ParkId> park;             ///< the park it is located in, if any
    std::vector<IndustryId> industries;
    Origin origin;
    std::optional<Listing> listing;
    bool high_tech = false;                 ///< 高新技术企业 certification
    std::vector<Citation> sources;
    friend bool operator==(const Enterprise&, const Enterprise&) = default;
};

enum class BankKind : std::uint8_t {
    policy,            ///< 政策性银行 (国家开发银行 ...)
    large_state_owned, ///< 国有大型商业银行
    joint_stock,       ///< 股份制商业银行
    city_commercial,   ///< 城市商业银行
    rural,             ///< 农村商业银行 / 农村信用社
    foreign,           ///< 外资银行
    other,
};
template <>
struct EnumTable<BankKind> {
    static constexpr std::string_view type = "BankKind";
    static constexpr std::array<EnumEntry, 7> entries{{
        {"policy", "政策性银行", "policy bank"},
        {"large_state_owned", "国有大型商业银行", "large state-owned bank"},
        {"joint_stock", "股份制商业银行", "joint-stock bank"},
        {"city_commercial", "城市商业银行", "city commercial bank"},
        {"rural", "农村金融机构", "rural bank"},
        {"foreign", "外资银行", "foreign bank"},
        {"other", "其他", "other"},
    }};
};

/// A lender; a branch is a separate Bank with the head office's name and the branch name.
struct Bank {
    BankId id;
    Name name;           ///< e.g. 鄞州银行
    std::string branch;  ///< e.g. 高新支行; empty for the institution itself
    std::optional<std::string> branch_en;  ///< the branch in English reports, e.g. "Hi-tech Sub-branch"
    BankKind kind = BankKind::other;
    std::vector<Citation> sources;
    friend bool operator==(const Bank&, const Bank&) = default;
};
/// The bank as reports name it: "鄞州银行高新支行" / "Yinzhou Bank Hi-tech Sub-branch" (the English
/// name and branch where given, else the Chinese ones).
[[nodiscard]] std::string label(const Bank& bank, Language lang = Language::chinese);

}  // namespace parkinvest
