// SPDX-License-Identifier: MIT
// Internal: Chinese financial numerals (大写) of 人民币 amounts, written and read by the rules of
// the People's Bank of China for bills and settlement vouchers (《支付结算办法》附件一
// "正确填写票据和结算凭证的基本规定"). Not installed; Money::format and Money::parse use it.
#pragma once

#include "text.hpp"

#include <parkinvest/core/int128.hpp>

#include <string>

namespace parkinvest::detail {

/// The largest amount 大写 writes, in 分: 9999,9999,9999,9999.99 元 (units up to 仟万亿; 亿亿 is
/// not used).
inline constexpr std::int64_t daxie_max_fen = 999'999'999'999'999'999;

/// The 大写 of `fen` 分 (0 <= fen <= daxie_max_fen), with "人民币" first when `renminbi`:
/// "人民币壹仟零伍元整", "叁角伍分", "零元整".
std::string write_daxie(std::int64_t fen, bool renminbi);

/// Whether the text at the cursor starts with a 大写 numeral (零 to 玖, 拾, 佰, 仟).
bool at_daxie(const Cursor& c);

/// Reads 大写 at the cursor (at_daxie is true), up to and including its last 整/正, 分, 角 or
/// 元; returns the amount in 分. Throws ParseError (invalid_number) at the offending character.
std::int64_t read_daxie(Cursor& c);

}  // namespace parkinvest::detail
