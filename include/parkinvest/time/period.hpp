// SPDX-License-Identifier: MIT
// Dates with a precision, and reporting periods: 上半年, 1-6月, 第二季度, 截至6月底, 同比.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/enum_table.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parkinvest {

/// A calendar date (Boost.Date_Time's proleptic Gregorian date).
using Date = boost::gregorian::date;

/// Builds a date; throws ArgumentError (not a Boost exception) when it does not exist.
Date make_date(int year, int month, int day);
/// "2020-07-28". Throws ArgumentError for Boost's special values (not_a_date_time ...).
[[nodiscard]] std::string iso_date(Date d);
/// Last day of a month: 28-31.
int days_in_month(int year, int month);

/// How precisely a source gives a date: "2020年7月28日" (day), "2020年7月" (month), "一季度"
/// (quarter), "上半年" (half year), "2020年" (year).
enum class DatePrecision : std::uint8_t { day, month, quarter, half_year, year };
template <>
struct EnumTable<DatePrecision> {
    static constexpr std::string_view type = "DatePrecision";
    static constexpr std::array<EnumEntry, 5> entries{{
        {"day", "日", "day"},
        {"month", "月", "month"},
        {"quarter", "季度", "quarter"},
        {"half_year", "半年", "half year"},
        {"year", "年", "year"},
    }};
};

class Period;

/// A date as reported, with its precision. A month- or year-precise date covers a range of days.
class ReportedDate {
public:
    /// 2000-01-01, day precision.
    ReportedDate() : ReportedDate(make_date(2000, 1, 1)) {}
    /// A day. Throws ArgumentError for Boost's special values (not_a_date_time, ±infinity).
    /* implicit */ ReportedDate(Date day);
    static ReportedDate day(int year, int month, int day) { return ReportedDate(make_date(year, month, day)); }
    static ReportedDate month(int year, int month);
    static ReportedDate quarter(int year, int quarter);  ///< 1-4
    static ReportedDate half_year(int year, int half);   ///< 1 = 上半年, 2 = 下半年
    static ReportedDate year(int year);

    /// "2020-07-28", "2020-07", "2020-Q1", "2020-H1", "2020", "2020年7月28日", "2020年7月",
    /// "2020年第一季度", "2020年一季度", "2020年上半年", "2020年", "２０２０年７月", and the English
    /// forms format() writes: "28 July 2020", "July 2020", "Q1 2020", "H1 2020".
    static ReportedDate parse(std::string_view text);

    [[nodiscard]] DatePrecision precision() const { return precision_; }
    /// First and last day the reported date may mean.
    [[nodiscard]] Date first() const { return date_; }
    [[nodiscard]] Date last() const { return last_; }
    /// The days it may mean, as a period (a single day for day precision).
    [[nodiscard]] Period as_period() const;

    /// ISO-like form at its precision: "2020-07-28", "2020-07", "2020-Q1", "2020-H1", "2020".
    [[nodiscard]] std::string to_string() const;
    /// "2020年7月28日" / "28 July 2020"; "2020年第一季度" / "Q1 2020"; "2020年上半年" / "H1 2020".
    [[nodiscard]] std::string format(Language lang = Language::chinese) const;

    friend bool operator==(const ReportedDate&, const ReportedDate&) = default;
    /// Earlier first day first; on the same first day the more precise date first.
    friend std::strong_ordering operator<=>(const ReportedDate& a, const ReportedDate& b);

private:
    ReportedDate(Date first, DatePrecision p);
    static Date last_day(Date first, DatePrecision p);
    Date date_;
    Date last_;  // kept, so that queries compare days without calendar arithmetic
    DatePrecision precision_;
};

/// What a period means, for labels and for the same period of the previous year.
enum class PeriodKind : std::uint8_t {
    year,          ///< 2020年
    half_year,     ///< 2020年上半年 / 下半年
    quarter,       ///< 2020年第二季度
    month,         ///< 2020年6月
    year_to_date,  ///< 2020年1-6月 (from January through a month)
    as_of,         ///< 截至2020年6月底: a stock at the end of one day
    range,         ///< any other closed range of days
};
template <>
struct EnumTable<PeriodKind> {
    static constexpr std::string_view type = "PeriodKind";
    static constexpr std::array<EnumEntry, 7> entries{{
        {"year", "年度", "year"},
        {"half_year", "半年度", "half year"},
        {"quarter", "季度", "quarter"},
        {"month", "月度", "month"},
        {"year_to_date", "年初至今", "year to date"},
        {"as_of", "截至", "as of"},
        {"range", "期间", "range"},
    }};
};

/// A closed range of days [first, last] used to report flows (签约, 固定资产投资) or, for
/// PeriodKind::as_of, the single day a stock is measured (贷款余额 截至6月底).
class Period {
public:
    /// A placeholder: the single day 2000-01-01 (PeriodKind::range). Real periods come from the
    /// named constructors or parse().
    Period() : Period(PeriodKind::range, Date(2000, 1, 1), Date(2000, 1, 1)) {}
    static Period year(int year);
    /// half 1 = 上半年 (Jan-Jun), 2 = 下半年 (Jul-Dec).
    static Period half_year(int year, int half);
    static Period quarter(int year, int quarter);
    static Period month(int year, int month);
    /// 1-N月: January 1 through the last day of `through_month`.
    static Period year_to_date(int year, int through_month);
    /// 截至: the stock at the end of `day`.
    static Period as_of(Date day);
    /// 截至N月底: the stock at the end of a month.
    static Period as_of_month_end(int year, int month);
    /// Any closed range; throws ArgumentError when last < first.
    static Period range(Date first, Date last);

    /// Parses "2020年上半年", "2020年下半年", "2020年1-6月", "2020年1—6月", "2020年第二季度",
    /// "2020Q2", "2020-Q2", "2020年6月", "2020年", "2020年7月6日", "截至2020年6月底",
    /// "截至2020年7月6日", "2020-01-01/2020-06-30", "2020-01-01至2020-06-30", "2020", "2020-06",
    /// "2020-H1", "2020H1", and the English labels "H1 2020", "Q2 2020", "June 2020",
    /// "Jan-Jun 2020", "6 July 2020", "as of 2020-06-30", "2020-01-01 to 2020-06-30": every
    /// label() in either language parses back to the same period. Forms without a year
    /// ("上半年", "1-6月", "截至6月底", "截至7月6日") need `reference_year`; without it they are a
    /// ParseError.
    static Period parse(std::string_view text, std::optional<int> reference_year = std::nullopt);

    [[nodiscard]] PeriodKind kind() const { return kind_; }
    [[nodiscard]] Date first() const { return first_; }
    [[nodiscard]] Date last() const { return last_; }
    [[nodiscard]] bool contains(Date d) const { return first_ <= d && d <= last_; }
    /// Number of days in the period (1 for as_of).
    [[nodiscard]] int days() const;

    /// The same period one year earlier, for year-on-year (同比) comparisons: 2020年1-6月 →
    /// 2019年1-6月; a month end stays a month end (2020-02-29 → 2019-02-28).
    [[nodiscard]] Period previous_year() const;

    /// "2020年上半年" / "H1 2020"; "截至2020年6月底" / "as of 2020-06-30"; ranges as ISO.
    [[nodiscard]] std::string label(Language lang = Language::chinese) const;
    /// ISO 8601 interval "2020-01-01/2020-06-30"; for as_of the single date "2020-06-30".
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const Period&, const Period&) = default;

private:
    Period(PeriodKind kind, Date first, Date last) : kind_(kind), first_(first), last_(last) {}
    PeriodKind kind_;
    Date first_;
    Date last_;
};

}  // namespace parkinvest
