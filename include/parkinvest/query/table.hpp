// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/language.hpp>
#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/model/common.hpp>

#include <array>
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

/// A percentage derived from bounded amounts (a share, a growth rate), with the bound the
/// amounts' bounds give it: 至多约130% is {130%, at_most}.
using ReportedPercent = Reported<Percent>;

/// A derived value the bounds of its inputs leave open (无法确定): the growth from "10亿元以上"
/// to "20亿元以上" may be anything from -100% upwards, so no figure is stated.
struct Undetermined {
    friend bool operator==(const Undetermined&, const Undetermined&) = default;
};

/// One value of a result table: empty, a count, an amount with its bound, a percentage (exact,
/// or with the bound its inputs give it), a group label, a quantity, or "cannot be determined".
using Cell = std::variant<std::monostate, std::int64_t, ReportedAmount, Percent, Label, Area, Mass, AnnualThroughput,
                          ReportedPercent, Undetermined>;

/// What a column holds, fixed by the query and not by the data: the CSV and JSON layout of a
/// table depends only on its columns.
enum class ColumnKind : std::uint8_t {
    label,            ///< group keys: Label
    count,            ///< std::int64_t
    amount,           ///< ReportedAmount or Undetermined
    percent,          ///< an exact Percent (shares of counts, funnel conversion)
    bounded_percent,  ///< ReportedPercent or Undetermined (shares and growth of amounts)
    area,
    mass,
    annual_throughput,
    value,            ///< a count or an amount (reconcile's reported values)
};

}  // namespace parkinvest::query
namespace parkinvest {
template <>
struct EnumTable<query::ColumnKind> {
    static constexpr std::string_view type = "ColumnKind";
    static constexpr std::array<EnumEntry, 9> entries{{
        {"label", "标签", "label"},
        {"count", "数量", "count"},
        {"amount", "金额", "amount"},
        {"percent", "百分比", "percent"},
        {"bounded_percent", "有界百分比", "bounded percent"},
        {"area", "面积", "area"},
        {"mass", "质量", "mass"},
        {"annual_throughput", "年处理量", "annual throughput"},
        {"value", "数值", "value"},
    }};
};
}  // namespace parkinvest
namespace parkinvest::query {

/// The column kind of each cell alternative that may appear in it (empty cells fit every kind).
[[nodiscard]] bool fits(const Cell& c, ColumnKind kind) noexcept;

struct Column {
    std::string name_zh;
    std::string name_en;
    bool is_key = false;  ///< a group key (text) rather than an aggregate
    ColumnKind kind = ColumnKind::label;
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

    /// A cell as text: "605.6亿元", "10亿元以上", "44.2%", "不超过130.0%", "无法确定", "39" /
    /// "60.56 billion yuan".
    [[nodiscard]] static std::string text(const Cell& c, Language lang);
    /// Aligned columns for a terminal (CJK characters count two columns). Quantities are shown
    /// in one unit per column (km² when the column reaches 1 km²) and rounded half-up to 6
    /// decimals; a note under the table says when any was rounded.
    [[nodiscard]] std::string to_text(Language lang = Language::chinese) const;
    /// RFC 4180 CSV with a header row. The layout depends only on the columns (ColumnKind), never
    /// on the data, and header names are unique (a repeated name gets " (2)" ...):
    ///  * amount / value: exact yuan ("60560000000.00") + "<name> bound" + "<name> currency";
    ///  * bounded_percent: the percentage + "<name> bound"; percent: the percentage — as
    ///    decimals of a percent, exact up to 12 decimals and rounded half-even beyond;
    ///  * Undetermined: an empty value with the bound "undetermined";
    ///  * area: "<name> (m2)", exact, empty when the value does not terminate in m² (1亩 is
    ///    666⅔ m²), and "<name> (1/30000 m2)", the exact integer count that always sums exactly;
    ///  * mass "<name> (t)", annual_throughput "<name> (t/a)": exact decimals.
    [[nodiscard]] std::string to_csv(Language lang = Language::english) const;
    /// An array of objects keyed by the unique English column names; amounts as
    /// {"amount", "bound", "currency"}, bounded percentages as {"percent", "bound"} (value null
    /// and bound "undetermined" when undetermined), areas as {"m2", "count_of_1_30000_m2"},
    /// masses {"t"}, throughputs {"t_per_year"}; every number exact, as a string.
    [[nodiscard]] std::string to_json() const;

    /// The first n rows by a column, largest first (top-N rankings), with a first column "排名 /
    /// rank". Bounds decide what they can (bounds.hpp): "10亿元以上" and "11亿元" may stand in
    /// either order, so both ranks read "1-2"; ties read the same way. At one figure lower
    /// bounds come first and upper bounds last; then undetermined cells, then empty cells (no
    /// rank); remaining ties keep key order. Approximate figures (约, 近) rank as their figure.
    /// Throws QueryError for a label column and for amounts of several currencies.
    [[nodiscard]] Table top(std::size_t n, std::string_view column) const;

    friend bool operator==(const Table&, const Table&) = default;

private:
    std::vector<Column> columns_;
    std::vector<std::vector<Cell>> rows_;
};

namespace detail {
/// Builds a result Table row by row (the queries' and lists' results); out of line so that the
/// vectors of rows and cells are compiled once, not in every program that runs a query.
class TableBuilder {
public:
    explicit TableBuilder(std::size_t rows);
    void add_column(const std::string& name_zh, const std::string& name_en, bool is_key, ColumnKind kind);
    void start_row();
    void add_label(std::string zh, std::string en);
    void add_cell(Cell cell);
    [[nodiscard]] Table finish() &&;

private:
    std::vector<Column> columns_;
    std::vector<std::vector<Cell>> rows_;
};
}  // namespace detail

}  // namespace parkinvest::query
