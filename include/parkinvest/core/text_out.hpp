// SPDX-License-Identifier: MIT
// The text every writer puts out: JSON strings, CSV fields, and the plain exact text of money,
// percentages and quantities. query::Table (to_csv, to_json), the CSV and JSON Lines writers of
// io/ and the command-line tool all write through these functions, so a value is written the
// same way in every format.
//
// The minus sign, one rule: everything the library writes uses ASCII '-' (U+002D) for a
// negative number — these functions, Money::format and Money::to_string, Percent::format and
// format_signed, PercentagePoints::format, the quantities' format, query::Table in every form.
// U+2212 MINUS SIGN and the full-width '－' are accepted on input only (every parse function
// reads them as '-'). Text written is text every reader reads: spreadsheets, DuckDB, C's number
// parsers and this library's own; a caller who wants typographic minus signs in a report
// substitutes them there.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parkinvest::text_out {

// ---- JSON and CSV

/// Appends `s` to `out` as a JSON string (RFC 8259): in quotation marks, with '"' and '\' escaped,
/// \b \f \n \r \t for those controls and \u00XX (lower-case hex) for the other C0 controls and
/// DEL; every other character as its UTF-8 bytes. Throws ArgumentError naming the byte offset
/// when `s` is not well-formed UTF-8 (invalid_utf8_at of core/utf8.hpp); `out` is then unchanged.
void append_json_string(std::string& out, std::string_view s);

/// Appends `s` to `out` as one CSV field (RFC 4180): as it is, or in quotation marks with each
/// '"' written twice when it holds a comma, '"', CR or LF, or when `force_quotes` is set (a
/// quoted "" is an empty text where an empty field is no value). Throws ArgumentError naming
/// the byte offset when `s` is not well-formed UTF-8; `out` is then unchanged.
void append_csv_field(std::string& out, std::string_view s, bool force_quotes = false);

// ---- Plain exact text of values (no grouping, no units of 万/亿, never rounded)

/// The amount as a plain decimal with at least the currency's minor digits and more when it has
/// them: "60560000000.00", "0.0001", "-5.50", "1200" (JPY). Money::parse reads it back exactly.
[[nodiscard]] std::string money_text(const Money& m);
/// The amount in minor units (分 for CNY) when it is a whole number of them and fits 64 bits.
[[nodiscard]] std::optional<std::int64_t> minor_units(const Money& m);

/// Exact text of a percentage: "12.5%", "-3%", or, when no decimal with at most 30 places is
/// exact, the fraction "1/3" (of one, not of a hundred).
[[nodiscard]] std::string percent_text(const Percent& p);
/// The percentage as a plain number without '%', for a spreadsheet column: exact with as few
/// decimals as it needs when that is at most `max_decimals` ("44.2", "-3", "12.345"), otherwise
/// rounded under `mode` to `max_decimals` ("33.333333333333" for 1/3 at 12). `max_decimals` is
/// 0 to 30 (ArgumentError otherwise).
[[nodiscard]] std::string percent_number(const Percent& p, int max_decimals = 12,
                                         RoundingMode mode = RoundingMode::half_even);

/// Exact text with a unit: an area in 平方米 when a whole number of 1/10,000 m², else in 亩
/// (always exact); masses in 吨 and throughputs in 吨/年 (always exact).
[[nodiscard]] std::string quantity_text(const Area& q);
[[nodiscard]] std::string quantity_text(const Mass& q);
[[nodiscard]] std::string quantity_text(const AnnualThroughput& q);
/// The same value as a plain decimal in m² / t / t/a, when exact (an area may not be).
[[nodiscard]] std::optional<std::string> quantity_decimal(const Area& q);
[[nodiscard]] std::string quantity_decimal(const Mass& q);
[[nodiscard]] std::string quantity_decimal(const AnnualThroughput& q);

}  // namespace parkinvest::text_out
