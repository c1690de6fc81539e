// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/core/language.hpp>
#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/model/common.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace parkinvest::query {

/// Terminal columns taken by UTF-8 text: East Asian wide and full-width characters (汉字, ＡＢ,
/// ￥) take two, everything else one (including — and −).
[[nodiscard]] std::size_t display_width(std::string_view text) noexcept;

/// A group's label in both languages.
struct Label {
    std::string zh;
    std::string en;
    friend bool operator==(const Label&, const Label&) = default;
};

/// One value of a result table: empty, a count, an amount with its bound, a percentage, or a
/// group label.
using Cell = std::variant<std::monostate, std::int64_t, ReportedAmount, Percent, Label, Area, Mass, AnnualThroughput>;

struct Column {
    std::string name_zh;
    std::string name_en;
    bool is_key = false;  ///< a group key (text) rather than an aggregate
    [[nodiscard]] const std::string& name(Language lang) const { return lang == Language::chinese ? name_zh : name_en; }
    friend bool operator==(const Column&, const Column&) = default;
};

/// The result of a query: typed columns (group keys first, then aggregates) and one row per
/// group, in key order. Exact: money cells keep every digit; percentages are rounded only when
/// printed (1 decimal, half-up).
class Table {
public:
    Table() = default;
    Table(std::vector<Column> columns, std::vector<std::vector<Cell>> rows);

    [[nodiscard]] const std::vector<Column>& columns() const { return columns_; }
    [[nodiscard]] const std::vector<std::vector<Cell>>& rows() const { return rows_; }
    [[nodiscard]] std::size_t size() const { return rows_.size(); }
    [[nodiscard]] const Cell& at(std::size_t row, std::size_t column) const { return rows_.at(row).at(column); }
    /// Index of the column with this Chinese or English name; throws QueryError when absent.
    [[nodiscard]] std::size_t column(std::string_view name) const;

    /// A cell as text: "605.6亿元", "10亿元以上", "44.2%", "39" / "60.56 billion yuan".
    [[nodiscard]] static std::string text(const Cell& c, Language lang);
    /// Aligned columns for a terminal (CJK characters count two columns).
    [[nodiscard]] std::string to_text(Language lang = Language::chinese) const;
    /// RFC 4180 CSV with a header row; money as exact yuan ("60560000000.00") plus a bound and a
    /// currency column for each money column; percentages as decimals of a percent, exact up to
    /// 12 decimals and rounded half-even beyond (1/3 is 33.333333333333).
    [[nodiscard]] std::string to_csv(Language lang = Language::english) const;
    /// An array of objects keyed by the English column names (a repeated name gets " (2)" ...);
    /// money as exact strings with currency and bound.
    [[nodiscard]] std::string to_json() const;

    /// The first n rows by a column, largest first (top-N rankings); ties keep key order. Empty
    /// cells sort last.
    [[nodiscard]] Table top(std::size_t n, std::string_view column) const;

    friend bool operator==(const Table&, const Table&) = default;

private:
    std::vector<Column> columns_;
    std::vector<std::vector<Cell>> rows_;
};

}  // namespace parkinvest::query
