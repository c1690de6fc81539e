// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/enum_table.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace parkinvest {

/// ISO 4217 currencies the library knows. CNY is the default everywhere.
enum class Currency : std::uint8_t { CNY, USD, EUR, JPY, KRW, HKD, GBP };

struct CurrencyInfo {
    Currency currency;
    std::string_view code;        ///< ISO 4217 alphabetic code
    int numeric;                  ///< ISO 4217 numeric code
    int minor_digits;             ///< decimals of the minor unit (分 for CNY: 2; JPY, KRW: 0)
    std::string_view chinese;     ///< unit word in Chinese amounts: 605.6亿元, 3亿美元
    std::string_view english;     ///< plural name in English amounts: 60.56 billion yuan
    std::string_view symbol;      ///< symbol in grouped formats
};

inline constexpr std::array<CurrencyInfo, 7> currency_table{{
    {Currency::CNY, "CNY", 156, 2, "元", "yuan", "¥"},
    {Currency::USD, "USD", 840, 2, "美元", "US dollars", "US$"},
    {Currency::EUR, "EUR", 978, 2, "欧元", "euros", "€"},
    {Currency::JPY, "JPY", 392, 0, "日元", "yen", "JP¥"},
    {Currency::KRW, "KRW", 410, 0, "韩元", "won", "₩"},
    {Currency::HKD, "HKD", 344, 2, "港元", "Hong Kong dollars", "HK$"},
    {Currency::GBP, "GBP", 826, 2, "英镑", "pounds sterling", "£"},
}};

/// Currencies by ISO code in files ("CNY"), labelled with their unit words (元 / yuan).
template <>
struct EnumTable<Currency> {
    static constexpr std::string_view type = "Currency";
    static constexpr std::array<EnumEntry, currency_table.size()> entries = [] {
        std::array<EnumEntry, currency_table.size()> e{};
        for (std::size_t i = 0; i < e.size(); ++i)
            e[i] = EnumEntry{currency_table[i].code, currency_table[i].chinese, currency_table[i].english};
        return e;
    }();
};

[[nodiscard]] constexpr const CurrencyInfo& info(Currency c) noexcept {
    return currency_table[static_cast<std::size_t>(c) < currency_table.size() ? static_cast<std::size_t>(c) : 0];
}
[[nodiscard]] constexpr std::string_view iso_code(Currency c) noexcept { return info(c).code; }
[[nodiscard]] constexpr int minor_digits(Currency c) noexcept { return info(c).minor_digits; }

/// The currency with ISO code `code` (exact, upper case), if known.
[[nodiscard]] constexpr std::optional<Currency> currency_from_code(std::string_view code) noexcept {
    for (const auto& ci : currency_table)
        if (ci.code == code) return ci.currency;
    return std::nullopt;
}

}  // namespace parkinvest
