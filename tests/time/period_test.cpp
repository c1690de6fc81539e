// SPDX-License-Identifier: MIT
// Tests for parkinvest/time/period.hpp: make_date, days_in_month, iso_date, ReportedDate, Period.
//
// Every expected date, day count and byte offset below is worked out by hand in the comments.
// Byte offsets: ASCII characters are 1 byte; every CJK character used here (年 月 日 号 截 至 止 到
// 上 下 半 季 度 第 一 二 三 四 底 末) and every full-width digit (０-９) is 3 bytes in UTF-8, as are
// the em dash "—" (U+2014) and the en dash "–" (U+2013).
#include <parkinvest/time/period.hpp>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// Readable failure messages for the value types (gtest finds these by ADL).
namespace boost::gregorian {
static void PrintTo(const date& d, std::ostream* os) {
    if (d.is_special())
        *os << "<special date>";
    else
        *os << parkinvest::iso_date(d);
}
}  // namespace boost::gregorian

namespace parkinvest {
static const char* kind_name(PeriodKind k) {
    switch (k) {
    case PeriodKind::year: return "year";
    case PeriodKind::half_year: return "half_year";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::month: return "month";
    case PeriodKind::year_to_date: return "year_to_date";
    case PeriodKind::as_of: return "as_of";
    case PeriodKind::range: return "range";
    }
    return "?";
}
static void PrintTo(PeriodKind k, std::ostream* os) { *os << kind_name(k); }
static void PrintTo(const Period& p, std::ostream* os) {
    *os << "Period{" << kind_name(p.kind()) << ", " << iso_date(p.first()) << ".." << iso_date(p.last()) << "}";
}
static void PrintTo(DatePrecision p, std::ostream* os) {
    *os << (p == DatePrecision::day ? "day" : p == DatePrecision::month ? "month" : "year");
}
static void PrintTo(const ReportedDate& r, std::ostream* os) {
    *os << "ReportedDate{" << iso_date(r.first()) << ", ";
    PrintTo(r.precision(), os);
    *os << "}";
}
}  // namespace parkinvest

namespace {

using parkinvest::ArgumentError;
using parkinvest::Date;
using parkinvest::DatePrecision;
using parkinvest::days_in_month;
using parkinvest::iso_date;
using parkinvest::Language;
using parkinvest::make_date;
using parkinvest::ParseError;
using parkinvest::ParseErrorKind;
using parkinvest::Period;
using parkinvest::PeriodKind;
using parkinvest::ReportedDate;

/// Expected dates are built with Boost directly, independently of make_date.
Date ymd(unsigned short y, unsigned short m, unsigned short d) { return Date(y, m, d); }

/// Runs `f` and checks that it throws a ParseError of `kind` at byte `offset`.
::testing::AssertionResult throws_parse_error(const std::function<void()>& f, ParseErrorKind kind,
                                              std::size_t offset) {
    try {
        f();
    } catch (const ParseError& e) {
        if (e.kind() == kind && e.offset() == offset) return ::testing::AssertionSuccess();
        return ::testing::AssertionFailure() << "ParseError kind \"" << to_string(e.kind()) << "\" at byte "
                                             << e.offset() << ", expected \"" << to_string(kind) << "\" at byte "
                                             << offset << " (" << e.what() << ")";
    } catch (const std::exception& e) {
        return ::testing::AssertionFailure() << "threw a non-ParseError: " << e.what();
    } catch (...) {
        return ::testing::AssertionFailure() << "threw a non-std exception";
    }
    return ::testing::AssertionFailure() << "did not throw";
}

::testing::AssertionResult date_error(std::string_view text, ParseErrorKind kind, std::size_t offset) {
    return throws_parse_error([text] { (void)ReportedDate::parse(text); }, kind, offset);
}

::testing::AssertionResult period_error(std::string_view text, ParseErrorKind kind, std::size_t offset,
                                        std::optional<int> reference_year = std::nullopt) {
    return throws_parse_error([text, reference_year] { (void)Period::parse(text, reference_year); }, kind, offset);
}

void expect_period(const Period& p, PeriodKind kind, Date first, Date last, int days) {
    EXPECT_EQ(p.kind(), kind);
    EXPECT_EQ(p.first(), first);
    EXPECT_EQ(p.last(), last);
    EXPECT_EQ(p.days(), days);
}

// =====================================================================================
// make_date / days_in_month / iso_date
// =====================================================================================

TEST(MakeDate, BuildsValidDates) {
    EXPECT_EQ(make_date(2020, 7, 28), ymd(2020, 7, 28));
    EXPECT_EQ(make_date(2020, 2, 29), ymd(2020, 2, 29));  // 2020 % 4 == 0, not a century: leap
    EXPECT_EQ(make_date(2000, 2, 29), ymd(2000, 2, 29));  // 2000 % 400 == 0: leap
    EXPECT_EQ(make_date(2019, 2, 28), ymd(2019, 2, 28));
    EXPECT_EQ(make_date(2020, 12, 31), ymd(2020, 12, 31));
    EXPECT_EQ(make_date(2020, 4, 30), ymd(2020, 4, 30));
    // The Boost Gregorian range ends: 1400-01-01 and 9999-12-31.
    EXPECT_EQ(make_date(1400, 1, 1), ymd(1400, 1, 1));
    EXPECT_EQ(make_date(9999, 12, 31), ymd(9999, 12, 31));
}

TEST(MakeDate, RejectsDatesThatDoNotExistWithArgumentError) {
    EXPECT_THROW((void)make_date(2019, 2, 29), ArgumentError);  // 2019 is not divisible by 4
    EXPECT_THROW((void)make_date(1900, 2, 29), ArgumentError);  // 1900 % 100 == 0, % 400 != 0
    EXPECT_THROW((void)make_date(2100, 2, 29), ArgumentError);  // likewise
    EXPECT_THROW((void)make_date(2020, 2, 30), ArgumentError);  // Feb 2020 has 29 days
    EXPECT_THROW((void)make_date(2020, 13, 1), ArgumentError);
    EXPECT_THROW((void)make_date(2020, 0, 1), ArgumentError);
    EXPECT_THROW((void)make_date(2020, -1, 1), ArgumentError);
    EXPECT_THROW((void)make_date(2020, 1, 0), ArgumentError);
    EXPECT_THROW((void)make_date(2020, 1, 32), ArgumentError);
    EXPECT_THROW((void)make_date(2020, 4, 31), ArgumentError);  // April has 30 days
    EXPECT_THROW((void)make_date(2020, 6, 31), ArgumentError);
    EXPECT_THROW((void)make_date(2020, 9, 31), ArgumentError);
    EXPECT_THROW((void)make_date(2020, 11, 31), ArgumentError);
    EXPECT_THROW((void)make_date(1399, 12, 31), ArgumentError);  // below the Gregorian range
    EXPECT_THROW((void)make_date(10000, 1, 1), ArgumentError);   // above it
    EXPECT_THROW((void)make_date(-2020, 1, 1), ArgumentError);
    // 67556 = 65536 + 2020: would wrap to 2020 if narrowed to unsigned short before the check.
    EXPECT_THROW((void)make_date(67556, 1, 1), ArgumentError);
    EXPECT_THROW((void)make_date(2020, 65537, 1), ArgumentError);  // wraps to month 1
    EXPECT_THROW((void)make_date(2020, 1, 65537), ArgumentError);  // wraps to day 1
}

TEST(MakeDate, ArgumentErrorIsAParkinvestError) {
    try {
        (void)make_date(2019, 2, 29);
        FAIL() << "no exception";
    } catch (const parkinvest::Error& e) {
        EXPECT_NE(std::string(e.what()), "");
    }
}

TEST(DaysInMonth, CommonYear2019) {
    // Thirty days hath September, April, June and November; February 28 in a common year.
    const int expected[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int total = 0;
    for (int m = 1; m <= 12; ++m) {
        EXPECT_EQ(days_in_month(2019, m), expected[m - 1]) << "month " << m;
        total += days_in_month(2019, m);
    }
    EXPECT_EQ(total, 365);
}

TEST(DaysInMonth, LeapYear2020) {
    const int expected[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int total = 0;
    for (int m = 1; m <= 12; ++m) {
        EXPECT_EQ(days_in_month(2020, m), expected[m - 1]) << "month " << m;
        total += days_in_month(2020, m);
    }
    EXPECT_EQ(total, 366);
}

TEST(DaysInMonth, FebruaryFollowsCenturyRules) {
    EXPECT_EQ(days_in_month(1900, 2), 28);  // divisible by 100, not by 400
    EXPECT_EQ(days_in_month(2000, 2), 29);  // divisible by 400
    EXPECT_EQ(days_in_month(2100, 2), 28);
    EXPECT_EQ(days_in_month(2400, 2), 29);
    EXPECT_EQ(days_in_month(1600, 2), 29);
    EXPECT_EQ(days_in_month(2024, 2), 29);  // divisible by 4
    EXPECT_EQ(days_in_month(2023, 2), 28);
    EXPECT_EQ(days_in_month(2021, 2), 28);
    // Non-February months do not depend on leap years.
    EXPECT_EQ(days_in_month(1900, 1), 31);
    EXPECT_EQ(days_in_month(1900, 3), 31);
}

TEST(IsoDate, ZeroPadsMonthAndDay) {
    EXPECT_EQ(iso_date(ymd(2020, 7, 6)), "2020-07-06");
    EXPECT_EQ(iso_date(ymd(2020, 12, 31)), "2020-12-31");
    EXPECT_EQ(iso_date(ymd(2020, 10, 1)), "2020-10-01");
    EXPECT_EQ(iso_date(ymd(1400, 1, 1)), "1400-01-01");
    EXPECT_EQ(iso_date(ymd(9999, 12, 31)), "9999-12-31");
}

// =====================================================================================
// ReportedDate: construction
// =====================================================================================

TEST(ReportedDate, DefaultIs2000January1DayPrecision) {
    const ReportedDate r;
    EXPECT_EQ(r.precision(), DatePrecision::day);
    EXPECT_EQ(r.first(), ymd(2000, 1, 1));
    EXPECT_EQ(r.last(), ymd(2000, 1, 1));
}

TEST(ReportedDate, ImplicitFromDateIsDayPrecision) {
    const ReportedDate r = ymd(2020, 7, 28);
    EXPECT_EQ(r.precision(), DatePrecision::day);
    EXPECT_EQ(r.first(), ymd(2020, 7, 28));
    EXPECT_EQ(r.last(), ymd(2020, 7, 28));
    EXPECT_EQ(r, ReportedDate::day(2020, 7, 28));
}

TEST(ReportedDate, DayCoversOneDay) {
    const auto r = ReportedDate::day(2020, 2, 29);
    EXPECT_EQ(r.precision(), DatePrecision::day);
    EXPECT_EQ(r.first(), ymd(2020, 2, 29));
    EXPECT_EQ(r.last(), ymd(2020, 2, 29));
}

TEST(ReportedDate, MonthCoversTheWholeMonth) {
    const auto feb2020 = ReportedDate::month(2020, 2);
    EXPECT_EQ(feb2020.precision(), DatePrecision::month);
    EXPECT_EQ(feb2020.first(), ymd(2020, 2, 1));
    EXPECT_EQ(feb2020.last(), ymd(2020, 2, 29));  // leap year

    EXPECT_EQ(ReportedDate::month(2019, 2).last(), ymd(2019, 2, 28));
    EXPECT_EQ(ReportedDate::month(1900, 2).last(), ymd(1900, 2, 28));  // century, not leap
    EXPECT_EQ(ReportedDate::month(2000, 2).last(), ymd(2000, 2, 29));  // 400-year, leap
    EXPECT_EQ(ReportedDate::month(2020, 4).last(), ymd(2020, 4, 30));
    EXPECT_EQ(ReportedDate::month(2020, 12).first(), ymd(2020, 12, 1));
    EXPECT_EQ(ReportedDate::month(2020, 12).last(), ymd(2020, 12, 31));
}

TEST(ReportedDate, YearCoversTheWholeYear) {
    const auto y = ReportedDate::year(2020);
    EXPECT_EQ(y.precision(), DatePrecision::year);
    EXPECT_EQ(y.first(), ymd(2020, 1, 1));
    EXPECT_EQ(y.last(), ymd(2020, 12, 31));
}

TEST(ReportedDate, BadConstructorArgumentsThrowArgumentError) {
    EXPECT_THROW((void)ReportedDate::day(2019, 2, 29), ArgumentError);
    EXPECT_THROW((void)ReportedDate::day(2020, 4, 31), ArgumentError);
    EXPECT_THROW((void)ReportedDate::month(2020, 13), ArgumentError);
    EXPECT_THROW((void)ReportedDate::month(2020, 0), ArgumentError);
    EXPECT_THROW((void)ReportedDate::year(1399), ArgumentError);
    EXPECT_THROW((void)ReportedDate::year(10000), ArgumentError);
}

// =====================================================================================
// ReportedDate::parse
// =====================================================================================

TEST(ReportedDateParse, IsoForms) {
    EXPECT_EQ(ReportedDate::parse("2020-07-28"), ReportedDate::day(2020, 7, 28));
    EXPECT_EQ(ReportedDate::parse("2020-07"), ReportedDate::month(2020, 7));
    EXPECT_EQ(ReportedDate::parse("2020"), ReportedDate::year(2020));

    const auto d = ReportedDate::parse("2020-07-28");
    EXPECT_EQ(d.precision(), DatePrecision::day);
    EXPECT_EQ(d.first(), ymd(2020, 7, 28));
    const auto m = ReportedDate::parse("2020-07");
    EXPECT_EQ(m.precision(), DatePrecision::month);
    EXPECT_EQ(m.first(), ymd(2020, 7, 1));
    EXPECT_EQ(m.last(), ymd(2020, 7, 31));
    const auto y = ReportedDate::parse("2020");
    EXPECT_EQ(y.precision(), DatePrecision::year);
    EXPECT_EQ(y.first(), ymd(2020, 1, 1));
    EXPECT_EQ(y.last(), ymd(2020, 12, 31));
}

TEST(ReportedDateParse, ChineseForms) {
    EXPECT_EQ(ReportedDate::parse("2020年7月28日"), ReportedDate::day(2020, 7, 28));
    EXPECT_EQ(ReportedDate::parse("2020年7月28号"), ReportedDate::day(2020, 7, 28));
    EXPECT_EQ(ReportedDate::parse("2020年7月"), ReportedDate::month(2020, 7));
    EXPECT_EQ(ReportedDate::parse("2020年"), ReportedDate::year(2020));
    EXPECT_EQ(ReportedDate::parse("2020年07月06日"), ReportedDate::day(2020, 7, 6));
    EXPECT_EQ(ReportedDate::parse("2020年2月29日"), ReportedDate::day(2020, 2, 29));
    EXPECT_EQ(ReportedDate::parse("2020年12月31日"), ReportedDate::day(2020, 12, 31));
}

TEST(ReportedDateParse, FullWidthDigits) {
    EXPECT_EQ(ReportedDate::parse("２０２０年７月"), ReportedDate::month(2020, 7));
    EXPECT_EQ(ReportedDate::parse("２０２０年７月２８日"), ReportedDate::day(2020, 7, 28));
    EXPECT_EQ(ReportedDate::parse("２０２０年"), ReportedDate::year(2020));
}

TEST(ReportedDateParse, SurroundingSpacesAreIgnored) {
    EXPECT_EQ(ReportedDate::parse("  2020-07-28  "), ReportedDate::day(2020, 7, 28));
    EXPECT_EQ(ReportedDate::parse(" 2020年7月 "), ReportedDate::month(2020, 7));
}

TEST(ReportedDateParse, ErrorEmpty) {
    EXPECT_TRUE(date_error("", ParseErrorKind::empty, 0));
    EXPECT_TRUE(date_error("   ", ParseErrorKind::empty, 0));
}

TEST(ReportedDateParse, ErrorDateDoesNotExist) {
    // The whole date "2020-02-30" (from byte 0) does not exist: February 2020 has 29 days.
    EXPECT_TRUE(date_error("2020-02-30", ParseErrorKind::invalid_value, 0));
    EXPECT_TRUE(date_error("2019-02-29", ParseErrorKind::invalid_value, 0));  // 2019 not leap
    EXPECT_TRUE(date_error("2020年2月30日", ParseErrorKind::invalid_value, 0));
    EXPECT_TRUE(date_error("2020-04-31", ParseErrorKind::invalid_value, 0));
}

TEST(ReportedDateParse, ErrorMonthOutOfRange) {
    // "2020年" is 4 + 3 = 7 bytes, so the month "13" starts at byte 7.
    EXPECT_TRUE(date_error("2020年13月", ParseErrorKind::invalid_value, 7));
    EXPECT_TRUE(date_error("2020年0月", ParseErrorKind::invalid_value, 7));
    // "2020-" is 5 bytes.
    EXPECT_TRUE(date_error("2020-13", ParseErrorKind::invalid_value, 5));
}

TEST(ReportedDateParse, ErrorYearDigits) {
    // Five digits: too many digits for a year, reported at the start of the number.
    EXPECT_TRUE(date_error("20200", ParseErrorKind::invalid_number, 0));
    // Three digits, or a year before 1400: well-formed digits but not a year.
    EXPECT_TRUE(date_error("202", ParseErrorKind::invalid_value, 0));
    EXPECT_TRUE(date_error("1399", ParseErrorKind::invalid_value, 0));
    EXPECT_TRUE(date_error("年", ParseErrorKind::expected_number, 0));
}

TEST(ReportedDateParse, ErrorTrailingText) {
    // "2020-07-28" is 10 bytes; a letter there is an unknown word.
    EXPECT_TRUE(date_error("2020-07-28abc", ParseErrorKind::unknown_unit, 10));
    // A space is skipped, then the digit at byte 11 is left over.
    EXPECT_TRUE(date_error("2020-07-28 5", ParseErrorKind::trailing_characters, 11));
    // "2020" then "/" at byte 4.
    EXPECT_TRUE(date_error("2020/07/28", ParseErrorKind::trailing_characters, 4));
    // 2020(4) 年(3) 7(1) 月(3) 28(2) 日(3) = 16 bytes; "。" is a non-ASCII word at byte 16.
    EXPECT_TRUE(date_error("2020年7月28日。", ParseErrorKind::unknown_unit, 16));
}

TEST(ReportedDateParse, ErrorMissingUnit) {
    // 2020(4) 年(3) 7(1) 月(3) 28(2) = 13: the 日 is missing at the end.
    EXPECT_TRUE(date_error("2020年7月28", ParseErrorKind::unknown_unit, 13));
    // 2020(4) 年(3) 7(1) = 8: the 月 is missing.
    EXPECT_TRUE(date_error("2020年7", ParseErrorKind::unknown_unit, 8));
    // "2020-07-" (8 bytes) and then no day number.
    EXPECT_TRUE(date_error("2020-07-", ParseErrorKind::expected_number, 8));
}

TEST(ReportedDateParse, ErrorInvalidUtf8) {
    EXPECT_TRUE(date_error("\xff", ParseErrorKind::invalid_utf8, 0));
    EXPECT_TRUE(date_error("\xc0\xaf", ParseErrorKind::invalid_utf8, 0));  // overlong "/"
    // "2020年" is 7 bytes, then a lone 0xFF.
    EXPECT_TRUE(date_error("2020年\xff", ParseErrorKind::invalid_utf8, 7));
    // "2020" then a truncated 年 (E5 B9 without its last byte) at byte 4.
    EXPECT_TRUE(date_error("2020\xe5\xb9", ParseErrorKind::invalid_utf8, 4));
}

TEST(ReportedDateParse, ErrorCarriesTheWholeInput) {
    try {
        (void)ReportedDate::parse("2020年13月");
        FAIL() << "no exception";
    } catch (const ParseError& e) {
        EXPECT_EQ(e.input(), "2020年13月");
        EXPECT_EQ(e.kind(), ParseErrorKind::invalid_value);
    }
}

// =====================================================================================
// ReportedDate: to_string, format, ordering
// =====================================================================================

TEST(ReportedDate, ToStringAtItsPrecision) {
    EXPECT_EQ(ReportedDate::day(2020, 7, 28).to_string(), "2020-07-28");
    EXPECT_EQ(ReportedDate::day(2020, 1, 5).to_string(), "2020-01-05");
    EXPECT_EQ(ReportedDate::month(2020, 7).to_string(), "2020-07");
    EXPECT_EQ(ReportedDate::month(2020, 12).to_string(), "2020-12");
    EXPECT_EQ(ReportedDate::year(2020).to_string(), "2020");
}

TEST(ReportedDate, FormatChinese) {
    EXPECT_EQ(ReportedDate::day(2020, 7, 28).format(), "2020年7月28日");
    EXPECT_EQ(ReportedDate::day(2020, 7, 28).format(Language::chinese), "2020年7月28日");
    EXPECT_EQ(ReportedDate::day(2020, 1, 5).format(Language::chinese), "2020年1月5日");  // no zero padding
    EXPECT_EQ(ReportedDate::month(2020, 7).format(Language::chinese), "2020年7月");
    EXPECT_EQ(ReportedDate::month(2020, 12).format(Language::chinese), "2020年12月");
    EXPECT_EQ(ReportedDate::year(2020).format(Language::chinese), "2020年");
}

TEST(ReportedDate, FormatEnglish) {
    EXPECT_EQ(ReportedDate::day(2020, 7, 28).format(Language::english), "28 July 2020");
    EXPECT_EQ(ReportedDate::day(2020, 1, 5).format(Language::english), "5 January 2020");
    EXPECT_EQ(ReportedDate::month(2020, 7).format(Language::english), "July 2020");
    EXPECT_EQ(ReportedDate::month(2020, 9).format(Language::english), "September 2020");
    EXPECT_EQ(ReportedDate::month(2020, 12).format(Language::english), "December 2020");
    EXPECT_EQ(ReportedDate::year(2020).format(Language::english), "2020");
}

TEST(ReportedDate, ParseRoundTripsToStringAndChineseFormat) {
    const std::vector<ReportedDate> dates = {ReportedDate::day(2020, 7, 28), ReportedDate::day(2020, 2, 29),
                                             ReportedDate::month(2020, 7), ReportedDate::month(2019, 12),
                                             ReportedDate::year(2020)};
    for (const auto& r : dates) {
        EXPECT_EQ(ReportedDate::parse(r.to_string()), r) << r.to_string();
        EXPECT_EQ(ReportedDate::parse(r.format(Language::chinese)), r) << r.format(Language::chinese);
    }
}

TEST(ReportedDate, EveryFormatInEitherLanguageParsesBack) {
    // Every precision, every month, many years: parse(format(d, lang)) == d and
    // parse(to_string()) == d ("28 July 2020", "July 2020", "Q1 2020", "H2 2020", "2020").
    std::size_t checked = 0;
    for (int y = 1400; y <= 9999; y += 211) {
        std::vector<ReportedDate> dates = {ReportedDate::year(y), ReportedDate::half_year(y, 1), ReportedDate::half_year(y, 2)};
        for (int q = 1; q <= 4; ++q) dates.push_back(ReportedDate::quarter(y, q));
        for (int m = 1; m <= 12; ++m) {
            dates.push_back(ReportedDate::month(y, m));
            dates.push_back(ReportedDate::day(y, m, 1));
            dates.push_back(ReportedDate::day(y, m, days_in_month(y, m)));
        }
        for (const ReportedDate& d : dates) {
            for (const std::string& text : {d.format(Language::chinese), d.format(Language::english), d.to_string()}) {
                ReportedDate back;
                ASSERT_NO_THROW(back = ReportedDate::parse(text)) << text;
                EXPECT_EQ(back, d) << text;
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, 3u * 41 * (7 + 36));  // 41 years (1400 + 211k ≤ 9999: k = 0..40), 43 dates each, 3 texts
}

TEST(ReportedDate, EqualityIncludesPrecision) {
    // Same first day 2020-01-01, different precision: not equal.
    EXPECT_NE(ReportedDate::day(2020, 1, 1), ReportedDate::month(2020, 1));
    EXPECT_NE(ReportedDate::month(2020, 1), ReportedDate::year(2020));
    EXPECT_EQ(ReportedDate::month(2020, 7), ReportedDate::parse("2020年7月"));
}

TEST(ReportedDate, OrderingEarlierFirstDayThenMorePrecise) {
    const auto day1 = ReportedDate::day(2020, 1, 1);
    const auto jan = ReportedDate::month(2020, 1);
    const auto y2020 = ReportedDate::year(2020);
    // Same first day: day before month before year.
    EXPECT_LT(day1, jan);
    EXPECT_LT(jan, y2020);
    EXPECT_LT(day1, y2020);
    EXPECT_TRUE((day1 <=> jan) == std::strong_ordering::less);
    EXPECT_TRUE((y2020 <=> jan) == std::strong_ordering::greater);
    EXPECT_TRUE((jan <=> ReportedDate::month(2020, 1)) == std::strong_ordering::equal);
    // Earlier first day wins regardless of precision: 2020 (from 01-01) < 2020-01-02.
    EXPECT_LT(y2020, ReportedDate::day(2020, 1, 2));
    EXPECT_LT(ReportedDate::day(2019, 12, 31), y2020);
    EXPECT_LT(ReportedDate::month(2020, 6), ReportedDate::month(2020, 7));
    EXPECT_GT(ReportedDate::day(2020, 7, 28), ReportedDate::month(2020, 7));  // 07-28 > 07-01
    EXPECT_LE(jan, ReportedDate::month(2020, 1));
    EXPECT_GE(jan, ReportedDate::month(2020, 1));

    std::vector<ReportedDate> v = {ReportedDate::day(2020, 7, 28), y2020, ReportedDate::month(2020, 7), day1,
                                   jan, ReportedDate::day(2019, 12, 31)};
    std::sort(v.begin(), v.end());
    const std::vector<ReportedDate> expected = {ReportedDate::day(2019, 12, 31), day1, jan, y2020,
                                                ReportedDate::month(2020, 7), ReportedDate::day(2020, 7, 28)};
    EXPECT_EQ(v, expected);
}

// =====================================================================================
// Period: constructors
// =====================================================================================

TEST(Period, Year) {
    expect_period(Period::year(2020), PeriodKind::year, ymd(2020, 1, 1), ymd(2020, 12, 31), 366);  // leap
    expect_period(Period::year(2019), PeriodKind::year, ymd(2019, 1, 1), ymd(2019, 12, 31), 365);
    expect_period(Period::year(1900), PeriodKind::year, ymd(1900, 1, 1), ymd(1900, 12, 31), 365);  // not leap
    expect_period(Period::year(2000), PeriodKind::year, ymd(2000, 1, 1), ymd(2000, 12, 31), 366);  // leap
}

TEST(Period, HalfYear) {
    // H1 2020: 31 + 29 + 31 + 30 + 31 + 30 = 182; H2: 31 + 31 + 30 + 31 + 30 + 31 = 184; 182 + 184 = 366.
    expect_period(Period::half_year(2020, 1), PeriodKind::half_year, ymd(2020, 1, 1), ymd(2020, 6, 30), 182);
    expect_period(Period::half_year(2020, 2), PeriodKind::half_year, ymd(2020, 7, 1), ymd(2020, 12, 31), 184);
    // H1 2019: 31 + 28 + 31 + 30 + 31 + 30 = 181.
    expect_period(Period::half_year(2019, 1), PeriodKind::half_year, ymd(2019, 1, 1), ymd(2019, 6, 30), 181);
}

TEST(Period, Quarters) {
    // 2020: Q1 31+29+31 = 91, Q2 30+31+30 = 91, Q3 31+31+30 = 92, Q4 31+30+31 = 92 (sum 366).
    expect_period(Period::quarter(2020, 1), PeriodKind::quarter, ymd(2020, 1, 1), ymd(2020, 3, 31), 91);
    expect_period(Period::quarter(2020, 2), PeriodKind::quarter, ymd(2020, 4, 1), ymd(2020, 6, 30), 91);
    expect_period(Period::quarter(2020, 3), PeriodKind::quarter, ymd(2020, 7, 1), ymd(2020, 9, 30), 92);
    expect_period(Period::quarter(2020, 4), PeriodKind::quarter, ymd(2020, 10, 1), ymd(2020, 12, 31), 92);
    // Q1 2019: 31 + 28 + 31 = 90.
    expect_period(Period::quarter(2019, 1), PeriodKind::quarter, ymd(2019, 1, 1), ymd(2019, 3, 31), 90);
}

TEST(Period, Month) {
    expect_period(Period::month(2020, 2), PeriodKind::month, ymd(2020, 2, 1), ymd(2020, 2, 29), 29);
    expect_period(Period::month(2019, 2), PeriodKind::month, ymd(2019, 2, 1), ymd(2019, 2, 28), 28);
    expect_period(Period::month(1900, 2), PeriodKind::month, ymd(1900, 2, 1), ymd(1900, 2, 28), 28);
    expect_period(Period::month(2020, 4), PeriodKind::month, ymd(2020, 4, 1), ymd(2020, 4, 30), 30);
    expect_period(Period::month(2020, 6), PeriodKind::month, ymd(2020, 6, 1), ymd(2020, 6, 30), 30);
    expect_period(Period::month(2020, 12), PeriodKind::month, ymd(2020, 12, 1), ymd(2020, 12, 31), 31);
}

TEST(Period, YearToDateThroughEveryMonth) {
    // 2020 month ends and running day totals (Feb has 29 days):
    // 31, 31+29=60, +31=91, +30=121, +31=152, +30=182, +31=213, +31=244, +30=274, +31=305, +30=335, +31=366.
    const unsigned short last_day[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int cumulative[12] = {31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};
    for (int m = 1; m <= 12; ++m) {
        SCOPED_TRACE("through month " + std::to_string(m));
        const auto i = static_cast<std::size_t>(m - 1);
        expect_period(Period::year_to_date(2020, m), PeriodKind::year_to_date, ymd(2020, 1, 1),
                      ymd(2020, static_cast<unsigned short>(m), last_day[i]), cumulative[i]);
    }
    // 2019: Jan-Feb = 31 + 28 = 59.
    expect_period(Period::year_to_date(2019, 2), PeriodKind::year_to_date, ymd(2019, 1, 1), ymd(2019, 2, 28), 59);
}

TEST(Period, AsOf) {
    expect_period(Period::as_of(ymd(2020, 7, 6)), PeriodKind::as_of, ymd(2020, 7, 6), ymd(2020, 7, 6), 1);
    expect_period(Period::as_of(ymd(2020, 2, 29)), PeriodKind::as_of, ymd(2020, 2, 29), ymd(2020, 2, 29), 1);
}

TEST(Period, AsOfMonthEnd) {
    expect_period(Period::as_of_month_end(2020, 6), PeriodKind::as_of, ymd(2020, 6, 30), ymd(2020, 6, 30), 1);
    expect_period(Period::as_of_month_end(2020, 2), PeriodKind::as_of, ymd(2020, 2, 29), ymd(2020, 2, 29), 1);
    expect_period(Period::as_of_month_end(2019, 2), PeriodKind::as_of, ymd(2019, 2, 28), ymd(2019, 2, 28), 1);
    expect_period(Period::as_of_month_end(2019, 12), PeriodKind::as_of, ymd(2019, 12, 31), ymd(2019, 12, 31), 1);
    EXPECT_EQ(Period::as_of_month_end(2020, 6), Period::as_of(ymd(2020, 6, 30)));
}

TEST(Period, Range) {
    // 2020-03-15..2020-04-10: March 15..31 is 17 days, April 1..10 is 10 days: 27.
    expect_period(Period::range(ymd(2020, 3, 15), ymd(2020, 4, 10)), PeriodKind::range, ymd(2020, 3, 15),
                  ymd(2020, 4, 10), 27);
    // A single day.
    expect_period(Period::range(ymd(2020, 7, 6), ymd(2020, 7, 6)), PeriodKind::range, ymd(2020, 7, 6),
                  ymd(2020, 7, 6), 1);
    // Across a year end: 12-31 and 01-01.
    expect_period(Period::range(ymd(2019, 12, 31), ymd(2020, 1, 1)), PeriodKind::range, ymd(2019, 12, 31),
                  ymd(2020, 1, 1), 2);
    // Across a leap day: 02-28, 02-29, 03-01.
    expect_period(Period::range(ymd(2020, 2, 28), ymd(2020, 3, 1)), PeriodKind::range, ymd(2020, 2, 28),
                  ymd(2020, 3, 1), 3);
}

TEST(Period, KindsAreDistinctEvenForTheSameDays) {
    // Jan-Jun 2020 as a half year, a year-to-date and a plain range: same days, different meaning.
    const auto h1 = Period::half_year(2020, 1);
    const auto ytd = Period::year_to_date(2020, 6);
    const auto r = Period::range(ymd(2020, 1, 1), ymd(2020, 6, 30));
    EXPECT_EQ(h1.first(), ytd.first());
    EXPECT_EQ(h1.last(), ytd.last());
    EXPECT_EQ(h1.last(), r.last());
    EXPECT_NE(h1, ytd);
    EXPECT_NE(h1, r);
    EXPECT_NE(ytd, r);
    EXPECT_NE(Period::as_of(ymd(2020, 7, 6)), Period::range(ymd(2020, 7, 6), ymd(2020, 7, 6)));
}

TEST(Period, Contains) {
    const auto h1 = Period::half_year(2020, 1);
    EXPECT_TRUE(h1.contains(ymd(2020, 1, 1)));
    EXPECT_TRUE(h1.contains(ymd(2020, 2, 29)));
    EXPECT_TRUE(h1.contains(ymd(2020, 6, 30)));
    EXPECT_FALSE(h1.contains(ymd(2020, 7, 1)));
    EXPECT_FALSE(h1.contains(ymd(2019, 12, 31)));

    const auto as_of = Period::as_of(ymd(2020, 7, 6));
    EXPECT_TRUE(as_of.contains(ymd(2020, 7, 6)));
    EXPECT_FALSE(as_of.contains(ymd(2020, 7, 5)));
    EXPECT_FALSE(as_of.contains(ymd(2020, 7, 7)));

    const auto q2 = Period::quarter(2020, 2);
    EXPECT_FALSE(q2.contains(ymd(2020, 3, 31)));
    EXPECT_TRUE(q2.contains(ymd(2020, 4, 1)));
    EXPECT_TRUE(q2.contains(ymd(2020, 6, 30)));
    EXPECT_FALSE(q2.contains(ymd(2020, 7, 1)));
}

TEST(Period, BadArgumentsThrowArgumentError) {
    EXPECT_THROW((void)Period::half_year(2020, 0), ArgumentError);
    EXPECT_THROW((void)Period::half_year(2020, 3), ArgumentError);
    EXPECT_THROW((void)Period::quarter(2020, 0), ArgumentError);
    EXPECT_THROW((void)Period::quarter(2020, 5), ArgumentError);
    EXPECT_THROW((void)Period::month(2020, 0), ArgumentError);
    EXPECT_THROW((void)Period::month(2020, 13), ArgumentError);
    EXPECT_THROW((void)Period::year_to_date(2020, 0), ArgumentError);
    EXPECT_THROW((void)Period::year_to_date(2020, 13), ArgumentError);
    EXPECT_THROW((void)Period::as_of_month_end(2020, 13), ArgumentError);
    EXPECT_THROW((void)Period::as_of_month_end(2020, 0), ArgumentError);
    EXPECT_THROW((void)Period::year(1399), ArgumentError);
    EXPECT_THROW((void)Period::year(10000), ArgumentError);
    EXPECT_THROW((void)Period::half_year(1399, 2), ArgumentError);
    EXPECT_THROW((void)Period::month(1399, 12), ArgumentError);
    EXPECT_THROW((void)Period::year_to_date(10000, 6), ArgumentError);
    EXPECT_THROW((void)Period::as_of_month_end(1399, 6), ArgumentError);
    // Reversed range: ends the day before it starts.
    EXPECT_THROW((void)Period::range(ymd(2020, 6, 30), ymd(2020, 6, 29)), ArgumentError);
    EXPECT_THROW((void)Period::range(ymd(2020, 6, 30), ymd(2020, 1, 1)), ArgumentError);
    // Not-a-date values.
    EXPECT_THROW((void)Period::as_of(Date()), ArgumentError);
    EXPECT_THROW((void)Period::range(Date(), ymd(2020, 1, 1)), ArgumentError);
    EXPECT_THROW((void)Period::range(ymd(2020, 1, 1), Date()), ArgumentError);
}

TEST(Period, QuarterWithYearOutOfRangeThrowsArgumentError) {
    // Like every other constructor, an out-of-range year must be an ArgumentError (errors.hpp:
    // parkinvest::Error is the root of every exception the library throws), not a Boost exception.
    EXPECT_THROW((void)Period::quarter(10000, 1), ArgumentError);
    EXPECT_THROW((void)Period::quarter(1399, 4), ArgumentError);
}

// =====================================================================================
// Period::previous_year
// =====================================================================================

TEST(PeriodPreviousYear, CalendarKinds) {
    EXPECT_EQ(Period::year(2020).previous_year(), Period::year(2019));
    EXPECT_EQ(Period::half_year(2020, 1).previous_year(), Period::half_year(2019, 1));
    EXPECT_EQ(Period::half_year(2020, 2).previous_year(), Period::half_year(2019, 2));
    for (int q = 1; q <= 4; ++q) EXPECT_EQ(Period::quarter(2020, q).previous_year(), Period::quarter(2019, q)) << q;
    for (int m = 1; m <= 12; ++m) {
        EXPECT_EQ(Period::month(2020, m).previous_year(), Period::month(2019, m)) << m;
        EXPECT_EQ(Period::year_to_date(2020, m).previous_year(), Period::year_to_date(2019, m)) << m;
    }
}

TEST(PeriodPreviousYear, FebruaryAcrossLeapYears) {
    // February 2020 (29 days) -> February 2019 (28 days), and back from 2021 to 2020.
    const auto feb2019 = Period::month(2020, 2).previous_year();
    expect_period(feb2019, PeriodKind::month, ymd(2019, 2, 1), ymd(2019, 2, 28), 28);
    const auto feb2020 = Period::month(2021, 2).previous_year();
    expect_period(feb2020, PeriodKind::month, ymd(2020, 2, 1), ymd(2020, 2, 29), 29);
    // 2020年1-2月 (60 days) -> 2019年1-2月 (31 + 28 = 59 days).
    expect_period(Period::year_to_date(2020, 2).previous_year(), PeriodKind::year_to_date, ymd(2019, 1, 1),
                  ymd(2019, 2, 28), 59);
    // 2021年1-2月 (59 days) -> 2020年1-2月 (60 days).
    expect_period(Period::year_to_date(2021, 2).previous_year(), PeriodKind::year_to_date, ymd(2020, 1, 1),
                  ymd(2020, 2, 29), 60);
    // Q1 2021 (90 days) -> Q1 2020 (91 days).
    expect_period(Period::quarter(2021, 1).previous_year(), PeriodKind::quarter, ymd(2020, 1, 1),
                  ymd(2020, 3, 31), 91);
}

TEST(PeriodPreviousYear, AsOfOrdinaryDays) {
    EXPECT_EQ(Period::as_of(ymd(2020, 7, 6)).previous_year(), Period::as_of(ymd(2019, 7, 6)));
    EXPECT_EQ(Period::as_of(ymd(2020, 6, 30)).previous_year(), Period::as_of(ymd(2019, 6, 30)));
    EXPECT_EQ(Period::as_of_month_end(2020, 12).previous_year(), Period::as_of_month_end(2019, 12));
    // 2020-02-28 is NOT a month end in leap 2020, so it maps to the same calendar day 2019-02-28.
    EXPECT_EQ(Period::as_of(ymd(2020, 2, 28)).previous_year(), Period::as_of(ymd(2019, 2, 28)));
    // 2020-03-01 -> 2019-03-01.
    EXPECT_EQ(Period::as_of(ymd(2020, 3, 1)).previous_year(), Period::as_of(ymd(2019, 3, 1)));
}

TEST(PeriodPreviousYear, AsOfLeapDayMonthEnds) {
    // 2020-02-29 has no 2019 counterpart; a month end stays a month end: 2019-02-28.
    EXPECT_EQ(Period::as_of(ymd(2020, 2, 29)).previous_year(), Period::as_of(ymd(2019, 2, 28)));
    // 2021-02-28 is the end of February 2021, so it maps to the end of February 2020: 2020-02-29.
    EXPECT_EQ(Period::as_of(ymd(2021, 2, 28)).previous_year(), Period::as_of(ymd(2020, 2, 29)));
    EXPECT_EQ(Period::as_of_month_end(2021, 2).previous_year(), Period::as_of_month_end(2020, 2));
    // 2019-02-28 (month end) -> 2018-02-28 (month end, common year).
    EXPECT_EQ(Period::as_of(ymd(2019, 2, 28)).previous_year(), Period::as_of(ymd(2018, 2, 28)));
    // 2001-02-28 -> 2000-02-29 (2000 is a leap year by the 400 rule).
    EXPECT_EQ(Period::as_of(ymd(2001, 2, 28)).previous_year(), Period::as_of(ymd(2000, 2, 29)));
    // 1901-02-28 -> 1900-02-28 (1900 is not a leap year).
    EXPECT_EQ(Period::as_of(ymd(1901, 2, 28)).previous_year(), Period::as_of(ymd(1900, 2, 28)));
}

TEST(PeriodPreviousYear, Ranges) {
    // Non-month-end days shift by exactly one calendar year.
    const auto r = Period::range(ymd(2020, 3, 15), ymd(2020, 4, 10)).previous_year();
    EXPECT_EQ(r, Period::range(ymd(2019, 3, 15), ymd(2019, 4, 10)));
    EXPECT_EQ(r.kind(), PeriodKind::range);
    EXPECT_EQ(r.days(), 27);  // 17 + 10, no February inside
    // A range ending on the leap day: the end stays a month end.
    EXPECT_EQ(Period::range(ymd(2020, 2, 1), ymd(2020, 2, 29)).previous_year(),
              Period::range(ymd(2019, 2, 1), ymd(2019, 2, 28)));
    // A range ending on 2021-02-28 (a month end) ends on 2020-02-29.
    EXPECT_EQ(Period::range(ymd(2021, 1, 15), ymd(2021, 2, 28)).previous_year(),
              Period::range(ymd(2020, 1, 15), ymd(2020, 2, 29)));
    // 3-5月 as a range: month starts and month ends are preserved.
    EXPECT_EQ(Period::range(ymd(2020, 3, 1), ymd(2020, 5, 31)).previous_year(),
              Period::range(ymd(2019, 3, 1), ymd(2019, 5, 31)));
}

TEST(PeriodPreviousYear, BeforeTheFirstSupportedYearIsAnArgumentError) {
    // 1400 is the first year; there is no 1399. Every kind must fail the same documented way
    // (ArgumentError), never with a Boost exception.
    EXPECT_THROW((void)Period::year(1400).previous_year(), ArgumentError);
    EXPECT_THROW((void)Period::half_year(1400, 2).previous_year(), ArgumentError);
    EXPECT_THROW((void)Period::month(1400, 6).previous_year(), ArgumentError);
    EXPECT_THROW((void)Period::year_to_date(1400, 6).previous_year(), ArgumentError);
}

TEST(PeriodPreviousYear, QuarterAsOfAndRangeBeforeTheFirstSupportedYearAreArgumentErrors) {
    // Same as above for the kinds whose previous_year() builds dates without checking them.
    EXPECT_THROW((void)Period::quarter(1400, 3).previous_year(), ArgumentError);
    EXPECT_THROW((void)Period::as_of(ymd(1400, 7, 6)).previous_year(), ArgumentError);
    EXPECT_THROW((void)Period::as_of_month_end(1400, 6).previous_year(), ArgumentError);
    EXPECT_THROW((void)Period::range(ymd(1400, 3, 15), ymd(1400, 4, 10)).previous_year(), ArgumentError);
}

// =====================================================================================
// Period: labels and to_string
// =====================================================================================

TEST(PeriodLabel, Year) {
    EXPECT_EQ(Period::year(2020).label(), "2020年");
    EXPECT_EQ(Period::year(2020).label(Language::chinese), "2020年");
    EXPECT_EQ(Period::year(2020).label(Language::english), "2020");
}

TEST(PeriodLabel, HalfYear) {
    EXPECT_EQ(Period::half_year(2020, 1).label(Language::chinese), "2020年上半年");
    EXPECT_EQ(Period::half_year(2020, 1).label(Language::english), "H1 2020");
    EXPECT_EQ(Period::half_year(2020, 2).label(Language::chinese), "2020年下半年");
    EXPECT_EQ(Period::half_year(2020, 2).label(Language::english), "H2 2020");
}

TEST(PeriodLabel, Quarter) {
    EXPECT_EQ(Period::quarter(2020, 1).label(Language::chinese), "2020年第一季度");
    EXPECT_EQ(Period::quarter(2020, 2).label(Language::chinese), "2020年第二季度");
    EXPECT_EQ(Period::quarter(2020, 3).label(Language::chinese), "2020年第三季度");
    EXPECT_EQ(Period::quarter(2020, 4).label(Language::chinese), "2020年第四季度");
    EXPECT_EQ(Period::quarter(2020, 1).label(Language::english), "Q1 2020");
    EXPECT_EQ(Period::quarter(2020, 2).label(Language::english), "Q2 2020");
    EXPECT_EQ(Period::quarter(2020, 3).label(Language::english), "Q3 2020");
    EXPECT_EQ(Period::quarter(2020, 4).label(Language::english), "Q4 2020");
}

TEST(PeriodLabel, Month) {
    EXPECT_EQ(Period::month(2020, 6).label(Language::chinese), "2020年6月");
    EXPECT_EQ(Period::month(2020, 12).label(Language::chinese), "2020年12月");
    EXPECT_EQ(Period::month(2020, 6).label(Language::english), "June 2020");
    EXPECT_EQ(Period::month(2020, 2).label(Language::english), "February 2020");
}

TEST(PeriodLabel, YearToDate) {
    EXPECT_EQ(Period::year_to_date(2020, 6).label(Language::chinese), "2020年1-6月");
    EXPECT_EQ(Period::year_to_date(2020, 6).label(Language::english), "Jan-Jun 2020");
    EXPECT_EQ(Period::year_to_date(2020, 2).label(Language::chinese), "2020年1-2月");
    EXPECT_EQ(Period::year_to_date(2020, 2).label(Language::english), "Jan-Feb 2020");
    EXPECT_EQ(Period::year_to_date(2020, 9).label(Language::english), "Jan-Sep 2020");
    EXPECT_EQ(Period::year_to_date(2020, 12).label(Language::chinese), "2020年1-12月");
    EXPECT_EQ(Period::year_to_date(2020, 12).label(Language::english), "Jan-Dec 2020");
}

TEST(PeriodLabel, AsOf) {
    EXPECT_EQ(Period::as_of_month_end(2020, 6).label(Language::chinese), "截至2020年6月底");
    EXPECT_EQ(Period::as_of_month_end(2020, 6).label(Language::english), "as of 2020-06-30");
    EXPECT_EQ(Period::as_of(ymd(2020, 7, 6)).label(Language::chinese), "截至2020年7月6日");
    EXPECT_EQ(Period::as_of(ymd(2020, 7, 6)).label(Language::english), "as of 2020-07-06");
    // A month end given as a plain date is still labelled as a month end.
    EXPECT_EQ(Period::as_of(ymd(2020, 2, 29)).label(Language::chinese), "截至2020年2月底");
    // 2020-02-28 is not the end of February 2020.
    EXPECT_EQ(Period::as_of(ymd(2020, 2, 28)).label(Language::chinese), "截至2020年2月28日");
    // ... but 2019-02-28 is.
    EXPECT_EQ(Period::as_of(ymd(2019, 2, 28)).label(Language::chinese), "截至2019年2月底");
    EXPECT_EQ(Period::as_of_month_end(2019, 12).label(Language::chinese), "截至2019年12月底");
    EXPECT_EQ(Period::as_of_month_end(2019, 12).label(Language::english), "as of 2019-12-31");
}

TEST(PeriodLabel, RangeUsesIsoDates) {
    // "ranges as ISO": both ISO dates, first then last.
    const auto r = Period::range(ymd(2020, 3, 15), ymd(2020, 4, 10));
    for (const Language lang : {Language::chinese, Language::english}) {
        const std::string s = r.label(lang);
        EXPECT_EQ(s.rfind("2020-03-15", 0), 0U) << s;
        ASSERT_GE(s.size(), 20U) << s;
        EXPECT_EQ(s.substr(s.size() - 10), "2020-04-10") << s;
    }
}

TEST(PeriodToString, IsoIntervals) {
    EXPECT_EQ(Period::year(2020).to_string(), "2020-01-01/2020-12-31");
    EXPECT_EQ(Period::half_year(2020, 1).to_string(), "2020-01-01/2020-06-30");
    EXPECT_EQ(Period::half_year(2020, 2).to_string(), "2020-07-01/2020-12-31");
    EXPECT_EQ(Period::quarter(2020, 2).to_string(), "2020-04-01/2020-06-30");
    EXPECT_EQ(Period::month(2020, 2).to_string(), "2020-02-01/2020-02-29");
    EXPECT_EQ(Period::year_to_date(2020, 6).to_string(), "2020-01-01/2020-06-30");
    EXPECT_EQ(Period::range(ymd(2020, 3, 15), ymd(2020, 4, 10)).to_string(), "2020-03-15/2020-04-10");
    // as_of: the single date.
    EXPECT_EQ(Period::as_of_month_end(2020, 6).to_string(), "2020-06-30");
    EXPECT_EQ(Period::as_of(ymd(2020, 7, 6)).to_string(), "2020-07-06");
}

TEST(PeriodToString, IntervalParsesBackToTheSameDays) {
    const std::vector<Period> periods = {Period::year(2020), Period::half_year(2020, 2), Period::quarter(2020, 1),
                                         Period::month(2020, 2), Period::year_to_date(2020, 6),
                                         Period::range(ymd(2020, 3, 15), ymd(2020, 4, 10))};
    for (const auto& p : periods) {
        const auto back = Period::parse(p.to_string());
        EXPECT_EQ(back.first(), p.first()) << p.to_string();
        EXPECT_EQ(back.last(), p.last()) << p.to_string();
    }
}

TEST(PeriodLabel, ChineseLabelsParseBack) {
    const std::vector<Period> periods = {Period::year(2020),
                                         Period::half_year(2020, 1),
                                         Period::half_year(2020, 2),
                                         Period::quarter(2020, 1),
                                         Period::quarter(2020, 4),
                                         Period::month(2020, 6),
                                         Period::year_to_date(2020, 6),
                                         Period::as_of_month_end(2020, 6),
                                         Period::as_of(ymd(2020, 7, 6)),
                                         Period::as_of(ymd(2020, 2, 29))};
    for (const auto& p : periods) EXPECT_EQ(Period::parse(p.label(Language::chinese)), p) << p.label();
}

// =====================================================================================
// Period::parse: forms with a year
// =====================================================================================

struct ParseCase {
    const char* text;
    PeriodKind kind;
    Date first;
    Date last;
};

void check_parse_cases(const std::vector<ParseCase>& cases) {
    // With no reference year, and with a different reference year (an explicit year wins).
    for (const std::optional<int> ref : {std::optional<int>(), std::optional<int>(2019)}) {
        for (const auto& c : cases) {
            SCOPED_TRACE(std::string(c.text) + (ref ? " (reference 2019)" : " (no reference)"));
            Period p = Period::year(2000);
            ASSERT_NO_THROW(p = Period::parse(c.text, ref));
            EXPECT_EQ(p.kind(), c.kind);
            EXPECT_EQ(p.first(), c.first);
            EXPECT_EQ(p.last(), c.last);
        }
    }
}

/// Every label() a period of `kind` near `y` can have: all halves, quarters, months, year-to-dates,
/// month ends and other days, one-day and longer ranges.
std::vector<Period> periods_of_year(int y) {
    std::vector<Period> out = {Period::year(y), Period::half_year(y, 1), Period::half_year(y, 2)};
    for (int q = 1; q <= 4; ++q) out.push_back(Period::quarter(y, q));
    const auto y16 = static_cast<unsigned short>(y);
    for (unsigned short m = 1; m <= 12; ++m) {
        out.push_back(Period::month(y, m));
        out.push_back(Period::year_to_date(y, m));
        out.push_back(Period::as_of_month_end(y, m));
        out.push_back(Period::as_of(ymd(y16, m, 1)));
        out.push_back(Period::as_of(ymd(y16, m, 15)));
        out.push_back(Period::range(ymd(y16, m, 9), ymd(y16, m, 9)));     // one day
        out.push_back(Period::range(ymd(y16, m, 1), ymd(y16, 12, 31)));  // through the year end
        if (m > 1) out.push_back(Period::range(ymd(y16, 1, 2), ymd(y16, m, 28)));
    }
    if (y < 9999) out.push_back(Period::range(ymd(y16, 3, 5), ymd(static_cast<unsigned short>(y + 1), 2, 7)));
    return out;
}

TEST(PeriodLabel, EveryLabelInEitherLanguageParsesBackToTheSamePeriod) {
    // Every kind, many years (the first and last supported ones, leap and common years, every
    // 97th year in between), both languages: parse(label(p)) == p, kind included.
    std::vector<int> years = {1400, 1600, 1900, 2000, 2019, 2020, 2024, 2100, 9999};
    for (int y = 1401; y < 9999; y += 97) years.push_back(y);
    std::size_t checked = 0;
    for (const int y : years) {
        for (const Period& p : periods_of_year(y)) {
            for (const Language lang : {Language::chinese, Language::english}) {
                const std::string text = p.label(lang);
                Period back;
                ASSERT_NO_THROW(back = Period::parse(text)) << text;
                ASSERT_EQ(back, p) << text;
                ++checked;
            }
        }
    }
    // 9 + 89 years (1401 + 97k < 9999: k = 0..88), 2 languages, 7 + 12 * 8 - 1 periods a year
    // plus one range across a year end in every year but 9999.
    EXPECT_EQ(checked, 2 * (98 * (7 + 12 * 8 - 1) + 97));
}

TEST(PeriodParse, EnglishLabelsAndTheCompactHalfYear) {
    check_parse_cases({
        {"2020H1", PeriodKind::half_year, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"2020h2", PeriodKind::half_year, ymd(2020, 7, 1), ymd(2020, 12, 31)},
        {"H1 2020", PeriodKind::half_year, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"H2 2020", PeriodKind::half_year, ymd(2020, 7, 1), ymd(2020, 12, 31)},
        {"Q2 2020", PeriodKind::quarter, ymd(2020, 4, 1), ymd(2020, 6, 30)},
        {"June 2020", PeriodKind::month, ymd(2020, 6, 1), ymd(2020, 6, 30)},
        {"Feb 2020", PeriodKind::month, ymd(2020, 2, 1), ymd(2020, 2, 29)},
        {"Jan-Jun 2020", PeriodKind::year_to_date, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"Mar-Jun 2020", PeriodKind::range, ymd(2020, 3, 1), ymd(2020, 6, 30)},
        {"6 July 2020", PeriodKind::range, ymd(2020, 7, 6), ymd(2020, 7, 6)},
        {"as of 2020-06-30", PeriodKind::as_of, ymd(2020, 6, 30), ymd(2020, 6, 30)},
        {"2020-01-01 to 2020-06-30", PeriodKind::range, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"2020-01-01至2020-06-30", PeriodKind::range, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"2020年7月6日", PeriodKind::range, ymd(2020, 7, 6), ymd(2020, 7, 6)},
    });
}

TEST(PeriodParseError, EnglishLabels) {
    // "2020H" = 5 bytes; "H" = 1 byte.
    EXPECT_TRUE(period_error("2020H3", ParseErrorKind::invalid_value, 5));
    EXPECT_TRUE(period_error("H3 2020", ParseErrorKind::invalid_value, 1));
    // "Jun-" = 4 bytes: March is before June; "xyz" is no month.
    EXPECT_TRUE(period_error("Jun-Mar 2020", ParseErrorKind::invalid_value, 4));
    EXPECT_TRUE(period_error("Jan-xyz 2020", ParseErrorKind::invalid_value, 4));
    // "June " = 5 bytes, then a year of two digits.
    EXPECT_TRUE(period_error("June 20", ParseErrorKind::invalid_value, 5));
    // 31 June does not exist: the day starts at byte 0.
    EXPECT_TRUE(period_error("31 June 2020", ParseErrorKind::invalid_value, 0));
    // 2020(4) 年(3) 6(1) 月(3) = 11: the day 31 does not exist in June.
    EXPECT_TRUE(period_error("2020年6月31日", ParseErrorKind::invalid_value, 11));
    // "Q2 2020" (7 bytes) then " x".
    EXPECT_TRUE(period_error("Q2 2020 x", ParseErrorKind::unknown_unit, 8));
}

TEST(PeriodParse, ChineseFormsWithYear) {
    check_parse_cases({
        {"2020年上半年", PeriodKind::half_year, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"2020年下半年", PeriodKind::half_year, ymd(2020, 7, 1), ymd(2020, 12, 31)},
        {"2020年1-6月", PeriodKind::year_to_date, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"2020年1—6月", PeriodKind::year_to_date, ymd(2020, 1, 1), ymd(2020, 6, 30)},  // em dash
        {"2020年1–6月", PeriodKind::year_to_date, ymd(2020, 1, 1), ymd(2020, 6, 30)},  // en dash
        {"2020年1至6月", PeriodKind::year_to_date, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"2020年1-2月", PeriodKind::year_to_date, ymd(2020, 1, 1), ymd(2020, 2, 29)},
        {"2020年1-12月", PeriodKind::year_to_date, ymd(2020, 1, 1), ymd(2020, 12, 31)},
        {"2020年第一季度", PeriodKind::quarter, ymd(2020, 1, 1), ymd(2020, 3, 31)},
        {"2020年第二季度", PeriodKind::quarter, ymd(2020, 4, 1), ymd(2020, 6, 30)},
        {"2020年第三季度", PeriodKind::quarter, ymd(2020, 7, 1), ymd(2020, 9, 30)},
        {"2020年第四季度", PeriodKind::quarter, ymd(2020, 10, 1), ymd(2020, 12, 31)},
        {"2020年二季度", PeriodKind::quarter, ymd(2020, 4, 1), ymd(2020, 6, 30)},
        {"2020年第2季度", PeriodKind::quarter, ymd(2020, 4, 1), ymd(2020, 6, 30)},
        {"2020年6月", PeriodKind::month, ymd(2020, 6, 1), ymd(2020, 6, 30)},
        {"2020年2月", PeriodKind::month, ymd(2020, 2, 1), ymd(2020, 2, 29)},
        {"2020年", PeriodKind::year, ymd(2020, 1, 1), ymd(2020, 12, 31)},
        {"2020年3-5月", PeriodKind::range, ymd(2020, 3, 1), ymd(2020, 5, 31)},
        {"２０２０年上半年", PeriodKind::half_year, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"２０２０年１－６月", PeriodKind::year_to_date, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {" 2020年上半年 ", PeriodKind::half_year, ymd(2020, 1, 1), ymd(2020, 6, 30)},
    });
}

TEST(PeriodParse, AsOfFormsWithYear) {
    check_parse_cases({
        {"截至2020年6月底", PeriodKind::as_of, ymd(2020, 6, 30), ymd(2020, 6, 30)},
        {"截至2020年7月6日", PeriodKind::as_of, ymd(2020, 7, 6), ymd(2020, 7, 6)},
        {"截至2020年7月6号", PeriodKind::as_of, ymd(2020, 7, 6), ymd(2020, 7, 6)},
        {"截止2020年6月末", PeriodKind::as_of, ymd(2020, 6, 30), ymd(2020, 6, 30)},
        {"截止到2020年6月底", PeriodKind::as_of, ymd(2020, 6, 30), ymd(2020, 6, 30)},
        {"截至2020年2月底", PeriodKind::as_of, ymd(2020, 2, 29), ymd(2020, 2, 29)},  // leap
        {"截至2019年2月底", PeriodKind::as_of, ymd(2019, 2, 28), ymd(2019, 2, 28)},
        {"截至2019年12月底", PeriodKind::as_of, ymd(2019, 12, 31), ymd(2019, 12, 31)},
        {"截至2020年2月29日", PeriodKind::as_of, ymd(2020, 2, 29), ymd(2020, 2, 29)},
    });
}

TEST(PeriodParse, IsoAndCompactForms) {
    check_parse_cases({
        {"2020-01-01/2020-06-30", PeriodKind::range, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"2019-12-01/2020-02-29", PeriodKind::range, ymd(2019, 12, 1), ymd(2020, 2, 29)},
        {"2020-07-06/2020-07-06", PeriodKind::range, ymd(2020, 7, 6), ymd(2020, 7, 6)},
        {"2020", PeriodKind::year, ymd(2020, 1, 1), ymd(2020, 12, 31)},
        {"2020-06", PeriodKind::month, ymd(2020, 6, 1), ymd(2020, 6, 30)},
        {"2020-H1", PeriodKind::half_year, ymd(2020, 1, 1), ymd(2020, 6, 30)},
        {"2020-H2", PeriodKind::half_year, ymd(2020, 7, 1), ymd(2020, 12, 31)},
        {"2020Q2", PeriodKind::quarter, ymd(2020, 4, 1), ymd(2020, 6, 30)},
        {"2020Q1", PeriodKind::quarter, ymd(2020, 1, 1), ymd(2020, 3, 31)},
        {"2020q4", PeriodKind::quarter, ymd(2020, 10, 1), ymd(2020, 12, 31)},
    });
}

TEST(PeriodParse, ParsedPeriodsEqualConstructedOnes) {
    EXPECT_EQ(Period::parse("2020年上半年"), Period::half_year(2020, 1));
    EXPECT_EQ(Period::parse("2020年1-6月"), Period::year_to_date(2020, 6));
    EXPECT_EQ(Period::parse("2020年1—6月"), Period::year_to_date(2020, 6));
    EXPECT_EQ(Period::parse("2020年第二季度"), Period::quarter(2020, 2));
    EXPECT_EQ(Period::parse("2020年二季度"), Period::quarter(2020, 2));
    EXPECT_EQ(Period::parse("2020Q2"), Period::quarter(2020, 2));
    EXPECT_EQ(Period::parse("2020年6月"), Period::month(2020, 6));
    EXPECT_EQ(Period::parse("2020-06"), Period::month(2020, 6));
    EXPECT_EQ(Period::parse("2020年"), Period::year(2020));
    EXPECT_EQ(Period::parse("2020"), Period::year(2020));
    EXPECT_EQ(Period::parse("2020-H1"), Period::half_year(2020, 1));
    EXPECT_EQ(Period::parse("截至2020年6月底"), Period::as_of_month_end(2020, 6));
    EXPECT_EQ(Period::parse("截止2020年6月末"), Period::as_of_month_end(2020, 6));
    EXPECT_EQ(Period::parse("截至2020年7月6日"), Period::as_of(ymd(2020, 7, 6)));
    EXPECT_EQ(Period::parse("2020-01-01/2020-06-30"), Period::range(ymd(2020, 1, 1), ymd(2020, 6, 30)));
    EXPECT_EQ(Period::parse("2020年3-5月"), Period::range(ymd(2020, 3, 1), ymd(2020, 5, 31)));
}

TEST(PeriodParse, SingleIsoDayToleratesTrailingSpaceLikeEveryOtherForm) {
    // Every other form skips trailing spaces ("2020-06 ", "2020-01-01/2020-06-30 ", and
    // ReportedDate::parse("2020-07-28 ")); a single ISO day must too.
    EXPECT_EQ(Period::parse("2020-06 "), Period::month(2020, 6));
    EXPECT_EQ(Period::parse("2020-01-01/2020-06-30 "), Period::range(ymd(2020, 1, 1), ymd(2020, 6, 30)));
    const auto single = Period::parse("2020-07-06");
    EXPECT_EQ(single.first(), ymd(2020, 7, 6));
    EXPECT_EQ(single.last(), ymd(2020, 7, 6));
    EXPECT_EQ(Period::parse(" 2020-07-06"), single);  // leading space is fine
    try {
        EXPECT_EQ(Period::parse("2020-07-06 "), single);
    } catch (const ParseError& e) {
        ADD_FAILURE() << "Period::parse(\"2020-07-06 \") threw: " << e.what();
    }
}

TEST(PeriodParse, AsOfVariants) {
    // An explicit last day of the month is the same stock as 月底.
    EXPECT_EQ(Period::parse("截至2020年6月30日"), Period::as_of_month_end(2020, 6));
    EXPECT_EQ(Period::parse("截至6月30日", 2020), Period::as_of_month_end(2020, 6));
    // ISO date after 截至, and the English label form.
    EXPECT_EQ(Period::parse("截至2020-07-06"), Period::as_of(ymd(2020, 7, 6)));
    EXPECT_EQ(Period::parse("as of 2020-06-30"), Period::as_of_month_end(2020, 6));
    EXPECT_EQ(Period::parse(Period::as_of(ymd(2020, 7, 6)).label(Language::english)), Period::as_of(ymd(2020, 7, 6)));
}

// =====================================================================================
// Period::parse: forms without a year
// =====================================================================================

TEST(PeriodParse, FormsWithoutYearUseTheReferenceYear) {
    EXPECT_EQ(Period::parse("上半年", 2020), Period::half_year(2020, 1));
    EXPECT_EQ(Period::parse("下半年", 2020), Period::half_year(2020, 2));
    EXPECT_EQ(Period::parse("1-6月", 2020), Period::year_to_date(2020, 6));
    EXPECT_EQ(Period::parse("1—6月", 2020), Period::year_to_date(2020, 6));
    EXPECT_EQ(Period::parse("第二季度", 2020), Period::quarter(2020, 2));
    EXPECT_EQ(Period::parse("二季度", 2020), Period::quarter(2020, 2));
    EXPECT_EQ(Period::parse("6月", 2020), Period::month(2020, 6));
    EXPECT_EQ(Period::parse("截至6月底", 2020), Period::as_of(ymd(2020, 6, 30)));
    EXPECT_EQ(Period::parse("截至2月底", 2020), Period::as_of(ymd(2020, 2, 29)));  // 2020 leap
    EXPECT_EQ(Period::parse("截至2月底", 2019), Period::as_of(ymd(2019, 2, 28)));
    EXPECT_EQ(Period::parse("截至7月6日", 2020), Period::as_of(ymd(2020, 7, 6)));
    EXPECT_EQ(Period::parse("截止6月末", 2020), Period::as_of(ymd(2020, 6, 30)));
}

TEST(PeriodParse, MonthRangeNotFromJanuaryIsARange) {
    // 3-5月 2020: 03-01..05-31, 31 + 30 + 31 = 92 days.
    const auto p = Period::parse("3-5月", 2020);
    expect_period(p, PeriodKind::range, ymd(2020, 3, 1), ymd(2020, 5, 31), 92);
    // 2-3月 2020: 02-01..03-31, 29 + 31 = 60 days (February 2020 has 29).
    expect_period(Period::parse("2-3月", 2020), PeriodKind::range, ymd(2020, 2, 1), ymd(2020, 3, 31), 60);
}

TEST(PeriodParse, FormsWithoutYearNeedAReferenceYear) {
    for (const char* text : {"上半年", "下半年", "1-6月", "第二季度", "二季度", "6月", "截至6月底", "截至7月6日",
                             "3-5月"}) {
        EXPECT_TRUE(period_error(text, ParseErrorKind::invalid_value, 0)) << text;
    }
}

TEST(PeriodParse, ReferenceYearOutOfRangeIsAnArgumentError) {
    EXPECT_THROW((void)Period::parse("上半年", 1399), ArgumentError);
    EXPECT_THROW((void)Period::parse("截至6月底", 10000), ArgumentError);
}

// =====================================================================================
// Period::parse: errors
// =====================================================================================

TEST(PeriodParseError, Empty) {
    EXPECT_TRUE(period_error("", ParseErrorKind::empty, 0));
    EXPECT_TRUE(period_error("   ", ParseErrorKind::empty, 0));
    EXPECT_TRUE(period_error("", ParseErrorKind::empty, 0, 2020));
}

TEST(PeriodParseError, MonthOutOfRange) {
    // "2020年" = 4 + 3 = 7 bytes; "13" starts at byte 7.
    EXPECT_TRUE(period_error("2020年13月", ParseErrorKind::invalid_value, 7));
    EXPECT_TRUE(period_error("2020年0月", ParseErrorKind::invalid_value, 7));
    // "2020-" = 5 bytes.
    EXPECT_TRUE(period_error("2020-13", ParseErrorKind::invalid_value, 5));
    // 截至(6); "13" at byte 6.
    EXPECT_TRUE(period_error("截至13月底", ParseErrorKind::invalid_value, 6, 2020));
    // "2020年1-" = 7 + 2 = 9; "13" at byte 9.
    EXPECT_TRUE(period_error("2020年1-13月", ParseErrorKind::invalid_value, 9));
}

TEST(PeriodParseError, MissingMonthUnit) {
    // 2020(4) 年(3) 1(1) -(1) 6(1) = 10: 月 expected at the end.
    EXPECT_TRUE(period_error("2020年1-6", ParseErrorKind::unknown_unit, 10));
    // 截至(6) 2020(4) 年(3) 6(1) = 14: 月 expected.
    EXPECT_TRUE(period_error("截至2020年6底", ParseErrorKind::unknown_unit, 14));
}

TEST(PeriodParseError, ReversedRanges) {
    // "2020-06-30/" is 11 bytes; the second date (before the first) starts at byte 11.
    EXPECT_TRUE(period_error("2020-06-30/2020-01-01", ParseErrorKind::invalid_value, 11));
    // "2020年6-" = 7 + 2 = 9: the second month 3 is before 6.
    EXPECT_TRUE(period_error("2020年6-3月", ParseErrorKind::invalid_value, 9));
    // And the constructor agrees.
    EXPECT_THROW((void)Period::range(ymd(2020, 6, 30), ymd(2020, 1, 1)), ArgumentError);
}

TEST(PeriodParseError, DatesThatDoNotExist) {
    // 截至(6) 2021(4) 年(3) 2(1) 月(3) = 17: the day "29" at byte 17 does not exist in Feb 2021.
    EXPECT_TRUE(period_error("截至2021年2月29日", ParseErrorKind::invalid_value, 17));
    // Same without a year: 截至(6) 2(1) 月(3) = 10; 2019 is not a leap year.
    EXPECT_TRUE(period_error("截至2月29日", ParseErrorKind::invalid_value, 10, 2019));
    // The first ISO date does not exist: it starts at byte 0.
    EXPECT_TRUE(period_error("2020-02-30/2020-06-30", ParseErrorKind::invalid_value, 0));
    // The second one (2021-02-29) starts at byte 11.
    EXPECT_TRUE(period_error("2020-01-01/2021-02-29", ParseErrorKind::invalid_value, 11));
}

TEST(PeriodParseError, BadHalfAndQuarterNumbers) {
    // "2020-H" = 6 bytes.
    EXPECT_TRUE(period_error("2020-H3", ParseErrorKind::invalid_value, 6));
    EXPECT_TRUE(period_error("2020-H0", ParseErrorKind::invalid_value, 6));
    // "2020Q" = 5 bytes.
    EXPECT_TRUE(period_error("2020Q5", ParseErrorKind::invalid_value, 5));
    EXPECT_TRUE(period_error("2020Q0", ParseErrorKind::invalid_value, 5));
    // 2020(4) 年(3) 第(3) = 10: "五" is not a quarter number.
    EXPECT_TRUE(period_error("2020年第五季度", ParseErrorKind::expected_number, 10));
    // 2020(4) 年(3) 第(3) 二(3) = 13: 季度 expected.
    EXPECT_TRUE(period_error("2020年第二", ParseErrorKind::unknown_unit, 13));
}

TEST(PeriodParseError, Garbage) {
    EXPECT_TRUE(period_error("garbage", ParseErrorKind::expected_number, 0));
    EXPECT_TRUE(period_error("garbage", ParseErrorKind::expected_number, 0, 2020));
    EXPECT_TRUE(period_error("上半", ParseErrorKind::expected_number, 0, 2020));
    // 截至(6) then no number.
    EXPECT_TRUE(period_error("截至底", ParseErrorKind::expected_number, 6, 2020));
    // 截至(6) 2020(4) 年(3) 6(1) 月(3) = 17: neither 底/末 nor a day number.
    EXPECT_TRUE(period_error("截至2020年6月", ParseErrorKind::expected_number, 17));
}

TEST(PeriodParseError, TrailingText) {
    // 2020(4) 年(3) 上半年(9) = 16: the letter "x" is an unknown word.
    EXPECT_TRUE(period_error("2020年上半年x", ParseErrorKind::unknown_unit, 16));
    // 2020(4) 年(3) 6(1) 月(3) = 11: "底" without 截至 is left over.
    EXPECT_TRUE(period_error("2020年6月底", ParseErrorKind::unknown_unit, 11));
    // "2020Q2" (6 bytes) then " 1": space skipped, "1" at byte 7.
    EXPECT_TRUE(period_error("2020Q2 1", ParseErrorKind::trailing_characters, 7));
    // "2020-06-30/2020-07-06" is 21 bytes, then "/".
    EXPECT_TRUE(period_error("2020-06-30/2020-07-06/", ParseErrorKind::trailing_characters, 21));
}

TEST(PeriodParseError, InvalidUtf8) {
    EXPECT_TRUE(period_error("\xff", ParseErrorKind::invalid_utf8, 0));
    // "2020年" = 7 bytes, then 0xFF.
    EXPECT_TRUE(period_error("2020年\xff", ParseErrorKind::invalid_utf8, 7));
    // 截至 (6 bytes), then a truncated 3-byte sequence.
    EXPECT_TRUE(period_error("截至\xe6", ParseErrorKind::invalid_utf8, 6));
}

// =====================================================================================
// The seed newspaper page (2020年7月, 产业园区 report): every period it uses
// =====================================================================================

TEST(PeriodNewspaperSeed, FirstHalfOf2020) {
    // 上半年, in a 2020 article.
    const auto h1 = Period::parse("上半年", 2020);
    expect_period(h1, PeriodKind::half_year, ymd(2020, 1, 1), ymd(2020, 6, 30), 182);
    EXPECT_EQ(h1.label(Language::chinese), "2020年上半年");
    EXPECT_EQ(h1.label(Language::english), "H1 2020");
    // 同比: H1 2019, 181 days (2019 is a common year).
    expect_period(h1.previous_year(), PeriodKind::half_year, ymd(2019, 1, 1), ymd(2019, 6, 30), 181);
}

TEST(PeriodNewspaperSeed, StockAtEndOfJune) {
    // 截至6月底: the stock on 2020-06-30.
    const auto p = Period::parse("截至6月底", 2020);
    EXPECT_EQ(p, Period::as_of_month_end(2020, 6));
    EXPECT_EQ(p.first(), ymd(2020, 6, 30));
    EXPECT_EQ(p.label(Language::chinese), "截至2020年6月底");
    EXPECT_EQ(p.to_string(), "2020-06-30");
    EXPECT_EQ(p.previous_year(), Period::as_of(ymd(2019, 6, 30)));
}

TEST(PeriodNewspaperSeed, StockOnJuly6) {
    // 截至7月6日: the stock on 2020-07-06.
    const auto p = Period::parse("截至7月6日", 2020);
    EXPECT_EQ(p, Period::as_of(ymd(2020, 7, 6)));
    EXPECT_EQ(p.days(), 1);
    EXPECT_EQ(p.label(Language::chinese), "截至2020年7月6日");
    EXPECT_EQ(p.label(Language::english), "as of 2020-07-06");
    EXPECT_EQ(p.previous_year(), Period::as_of(ymd(2019, 7, 6)));
}

TEST(PeriodNewspaperSeed, EventDays) {
    // 7月28日, 5月18日, 7月24日, 7月22日 in a 2020 article: day-precision dates.
    const auto jul28 = ReportedDate::parse("2020年7月28日");
    const auto may18 = ReportedDate::parse("2020年5月18日");
    const auto jul24 = ReportedDate::parse("2020年7月24日");
    const auto jul22 = ReportedDate::parse("2020年7月22日");
    EXPECT_EQ(jul28, ReportedDate::day(2020, 7, 28));
    EXPECT_EQ(may18, ReportedDate::day(2020, 5, 18));
    EXPECT_EQ(jul24, ReportedDate::day(2020, 7, 24));
    EXPECT_EQ(jul22, ReportedDate::day(2020, 7, 22));
    for (const auto& d : {jul28, may18, jul24, jul22}) {
        EXPECT_EQ(d.precision(), DatePrecision::day);
        EXPECT_EQ(d.first(), d.last());
    }
    EXPECT_EQ(jul28.to_string(), "2020-07-28");
    EXPECT_EQ(may18.format(Language::english), "18 May 2020");
    // Chronological order: 05-18 < 07-22 < 07-24 < 07-28.
    std::vector<ReportedDate> v = {jul28, may18, jul24, jul22};
    std::sort(v.begin(), v.end());
    const std::vector<ReportedDate> expected = {may18, jul22, jul24, jul28};
    EXPECT_EQ(v, expected);
    // All after the end of the first half, except 5月18日 which is inside it.
    const auto h1 = Period::half_year(2020, 1);
    EXPECT_TRUE(h1.contains(may18.first()));
    EXPECT_FALSE(h1.contains(jul22.first()));
    // 7月6日 (the 截至 date) is before all of the July events.
    EXPECT_LT(ReportedDate::day(2020, 7, 6), jul22);
}

TEST(PeriodNewspaperSeed, LastYearApril30) {
    // 去年4月30日 in a 2020 article: 2019-04-30.
    const auto d = ReportedDate::parse("2019年4月30日");
    EXPECT_EQ(d, ReportedDate::day(2019, 4, 30));
    EXPECT_EQ(d.first(), ymd(2019, 4, 30));
    // The same day as the previous year of 截至2020年4月30日 (04-30 is a month end both years).
    EXPECT_EQ(Period::as_of(ymd(2020, 4, 30)).previous_year().first(), d.first());
}

TEST(PeriodNewspaperSeed, ComparedWithLastYearEnd) {
    // 比去年年底: the stock at 2019-12-31.
    const auto year_end = Period::as_of_month_end(2019, 12);
    expect_period(year_end, PeriodKind::as_of, ymd(2019, 12, 31), ymd(2019, 12, 31), 1);
    EXPECT_EQ(year_end.label(Language::chinese), "截至2019年12月底");
    EXPECT_EQ(Period::parse("截至2019年12月底"), year_end);
    EXPECT_EQ(Period::parse("截至12月底", 2019), year_end);
    // 去年年底 is the previous year of 2020年年底, and lies before 截至6月底.
    EXPECT_EQ(Period::as_of_month_end(2020, 12).previous_year(), year_end);
    EXPECT_LT(year_end.first(), Period::parse("截至6月底", 2020).first());
    // From the 2019 year end to 2020-06-30: 1 (12-31) + 182 (H1 2020) = 183 days inclusive.
    EXPECT_EQ(Period::range(year_end.first(), ymd(2020, 6, 30)).days(), 183);
}

}  // namespace
