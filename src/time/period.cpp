// SPDX-License-Identifier: MIT
#include <parkinvest/time/period.hpp>

#include "../core/text.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace parkinvest {

namespace {
using detail::Cursor;

constexpr int min_year = 1400;  // Boost.Date_Time's Gregorian range
constexpr int max_year = 9999;

bool valid(int year, int month, int day) {
    return year >= min_year && year <= max_year && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

Date unchecked_date(int year, int month, int day) {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
}

Date month_end(int year, int month) { return unchecked_date(year, month, days_in_month(year, month)); }

bool is_month_end(Date d) { return d.day() == d.end_of_month().day(); }

/// The same calendar day a year earlier; a month end stays a month end (02-29 -> 02-28).
Date one_year_earlier(Date d) {
    const int y = d.year() - 1;
    if (y < min_year) throw ArgumentError("parkinvest: no year before 1400 (the Gregorian range of dates)");
    const int m = d.month();
    if (is_month_end(d)) return month_end(y, m);
    return unchecked_date(y, m, d.day());
}

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string s;
    for (std::string_view p : parts) s += p;
    return s;
}

std::string two(int v) {
    std::string s = std::to_string(v);
    if (v < 10) s.insert(s.begin(), '0');
    return s;
}
std::string iso(Date d) { return cat({std::to_string(int(d.year())), "-", two(d.month()), "-", two(d.day())}); }

constexpr std::array<std::string_view, 12> english_months = {"January", "February", "March",     "April",
                                                             "May",     "June",     "July",      "August",
                                                             "September", "October", "November", "December"};

/// Reads 1..max_digits ASCII (or full-width) digits; fails with expected_number when none.
int read_int(Cursor& c, int max_digits, int* digits_read = nullptr) {
    if (!detail::is_digit(c.peek().cp)) c.fail(c.position(), ParseErrorKind::expected_number);
    const std::size_t start = c.position();
    int value = 0;
    int n = 0;
    for (auto cp = c.peek(); detail::is_digit(cp.cp); cp = c.peek()) {
        if (++n > max_digits) c.fail(start, ParseErrorKind::invalid_number, "too many digits");
        value = value * 10 + static_cast<int>(cp.cp - '0');
        c.advance(cp);
    }
    if (digits_read != nullptr) *digits_read = n;
    return value;
}

int read_year(Cursor& c) {
    const std::size_t at = c.position();
    int n = 0;
    const int y = read_int(c, 4, &n);
    if (n != 4 || y < min_year) c.fail(at, ParseErrorKind::invalid_value, "a year has four digits, 1400-9999");
    return y;
}

int read_month(Cursor& c) {
    const std::size_t at = c.position();
    const int m = read_int(c, 2);
    if (m < 1 || m > 12) c.fail(at, ParseErrorKind::invalid_value, "month must be 1-12");
    return m;
}

Date checked_date(const Cursor& c, std::size_t at, int y, int m, int d) {
    if (!valid(y, m, d)) c.fail(at, ParseErrorKind::invalid_value, "no such date");
    return unchecked_date(y, m, d);
}

/// 一二三四 or 1-4, for quarters.
int read_quarter_number(Cursor& c) {
    constexpr std::array<std::string_view, 4> chinese = {"一", "二", "三", "四"};
    for (int i = 0; i < 4; ++i)
        if (c.consume_word(chinese[static_cast<std::size_t>(i)])) return i + 1;
    const std::size_t at = c.position();
    const int q = read_int(c, 1);
    if (q < 1 || q > 4) c.fail(at, ParseErrorKind::invalid_value, "quarter must be 1-4");
    return q;
}

/// An English month name, full ("June") or its first three letters ("Jun"); 0 when none is next.
int read_english_month(Cursor& c) {
    for (std::size_t i = 0; i < english_months.size(); ++i)
        if (c.consume_word(english_months[i]) || c.consume_word(english_months[i].substr(0, 3))) return static_cast<int>(i) + 1;
    return 0;
}

bool consume_dash(Cursor& c) {
    return c.consume('-') || c.consume_word("—") || c.consume_word("–") || c.consume('~') || c.consume_word("～") ||
           c.consume_word("至");
}

void expect_end(Cursor& c) {
    c.skip_spaces();
    if (!c.at_end()) c.fail_leftover();
}

int need_year(const Cursor& c, std::optional<int> year, std::optional<int> reference_year) {
    if (year) return *year;
    if (reference_year) {
        if (*reference_year < min_year || *reference_year > max_year)
            throw ArgumentError("parkinvest: reference year out of range 1400-9999");
        return *reference_year;
    }
    c.fail(0, ParseErrorKind::invalid_value, "the text names no year; pass a reference year");
}
}  // namespace

std::string iso_date(Date d) {
    if (d.is_special()) throw ArgumentError("parkinvest: not a real date (Boost special value)");
    return iso(d);
}

ReportedDate::ReportedDate(Date day) : date_(day), last_(day), precision_(DatePrecision::day) {
    if (day.is_special()) throw ArgumentError("parkinvest: a reported date must be a real date, not a Boost special value");
}

ReportedDate::ReportedDate(Date first, DatePrecision p) : date_(first), last_(last_day(first, p)), precision_(p) {}

Date make_date(int year, int month, int day) {
    if (!valid(year, month, day))
        throw ArgumentError("parkinvest: no such date " + std::to_string(year) + "-" + two(month) + "-" + two(day));
    return unchecked_date(year, month, day);
}

int days_in_month(int year, int month) {
    constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// ---------------------------------------------------------------- ReportedDate

ReportedDate ReportedDate::month(int year, int month) {
    return ReportedDate(make_date(year, month, 1), DatePrecision::month);
}
ReportedDate ReportedDate::quarter(int year, int quarter) {
    if (quarter < 1 || quarter > 4) throw ArgumentError("parkinvest: quarter must be 1-4");
    return ReportedDate(make_date(year, 3 * quarter - 2, 1), DatePrecision::quarter);
}
ReportedDate ReportedDate::half_year(int year, int half) {
    if (half != 1 && half != 2) throw ArgumentError("parkinvest: half must be 1 (上半年) or 2 (下半年)");
    return ReportedDate(make_date(year, half == 1 ? 1 : 7, 1), DatePrecision::half_year);
}
ReportedDate ReportedDate::year(int year) { return ReportedDate(make_date(year, 1, 1), DatePrecision::year); }

Date ReportedDate::last_day(Date first, DatePrecision p) {
    switch (p) {
    case DatePrecision::day: return first;
    case DatePrecision::month: return first.end_of_month();
    case DatePrecision::quarter: return month_end(first.year(), first.month() + 2);
    case DatePrecision::half_year: return month_end(first.year(), first.month() + 5);
    case DatePrecision::year: return unchecked_date(first.year(), 12, 31);
    }
    return first;
}

ReportedDate ReportedDate::parse(std::string_view text) {
    // Quarters and halves ("2020年上半年", "2020-H1", "2020Q1", "2020年一季度") are periods, and so
    // are the English forms format() writes ("28 July 2020", "July 2020", "Q1 2020", "H1 2020").
    const bool ascii_letter = std::any_of(text.begin(), text.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    });
    if (text.find("季") != std::string_view::npos || text.find("半年") != std::string_view::npos || ascii_letter) {
        const Period p = Period::parse(text);
        const int y = p.first().year();
        switch (p.kind()) {
        case PeriodKind::quarter: return quarter(y, (p.first().month() + 2) / 3);
        case PeriodKind::half_year: return half_year(y, p.first().month() == 1 ? 1 : 2);
        case PeriodKind::month: return month(y, p.first().month());
        case PeriodKind::year: return year(y);
        case PeriodKind::range:
            if (p.first() == p.last()) return ReportedDate(p.first());
            break;
        case PeriodKind::year_to_date:
        case PeriodKind::as_of: break;
        }
        throw ParseError("date", text, 0, ParseErrorKind::invalid_value, "not a date, month, quarter, half year or year");
    }
    Cursor c(text, "date");
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);
    const std::size_t start = c.position();
    const int y = read_year(c);
    if (c.consume('-')) {  // ISO
        const int m = read_month(c);
        if (c.consume('-')) {
            const int d = read_int(c, 2);
            expect_end(c);
            return ReportedDate(checked_date(c, start, y, m, d));
        }
        expect_end(c);
        return month(y, m);
    }
    if (c.consume_word("年")) {
        c.skip_spaces();
        if (c.at_end()) return year(y);
        const int m = read_month(c);
        if (!c.consume_word("月")) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected 月");
        c.skip_spaces();
        if (c.at_end()) return month(y, m);
        const int d = read_int(c, 2);
        if (!c.consume_word("日") && !c.consume_word("号")) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected 日");
        expect_end(c);
        return ReportedDate(checked_date(c, start, y, m, d));
    }
    expect_end(c);
    return year(y);
}

std::string ReportedDate::to_string() const {
    const std::string y = std::to_string(int(date_.year()));
    switch (precision_) {
    case DatePrecision::day: return iso(date_);
    case DatePrecision::month: return y + "-" + two(date_.month());
    case DatePrecision::quarter: return cat({y, "-Q", std::to_string((date_.month() + 2) / 3)});
    case DatePrecision::half_year: return cat({y, date_.month() == 1 ? "-H1" : "-H2"});
    case DatePrecision::year: return y;
    }
    return iso(date_);
}

std::string ReportedDate::format(Language lang) const {
    const std::string y = std::to_string(int(date_.year()));
    const int m = date_.month();
    if (lang == Language::chinese) {
        switch (precision_) {
        case DatePrecision::day: return y + "年" + std::to_string(m) + "月" + std::to_string(int(date_.day())) + "日";
        case DatePrecision::month: return y + "年" + std::to_string(m) + "月";
        case DatePrecision::quarter:
        case DatePrecision::half_year: return as_period().label(Language::chinese);
        case DatePrecision::year: return y + "年";
        }
    }
    const std::string month_name(english_months[static_cast<std::size_t>(m - 1)]);
    switch (precision_) {
    case DatePrecision::day: return std::to_string(int(date_.day())) + " " + month_name + " " + y;
    case DatePrecision::month: return month_name + " " + y;
    case DatePrecision::quarter:
    case DatePrecision::half_year: return as_period().label(Language::english);
    case DatePrecision::year: return y;
    }
    return y;
}

Period ReportedDate::as_period() const {
    switch (precision_) {
    case DatePrecision::day: return Period::range(date_, date_);
    case DatePrecision::month: return Period::month(date_.year(), date_.month());
    case DatePrecision::quarter: return Period::quarter(date_.year(), (date_.month() + 2) / 3);
    case DatePrecision::half_year: return Period::half_year(date_.year(), date_.month() == 1 ? 1 : 2);
    case DatePrecision::year: return Period::year(date_.year());
    }
    return Period::range(date_, date_);
}

std::strong_ordering operator<=>(const ReportedDate& a, const ReportedDate& b) {
    if (a.date_ != b.date_) return a.date_ < b.date_ ? std::strong_ordering::less : std::strong_ordering::greater;
    return static_cast<int>(a.precision_) <=> static_cast<int>(b.precision_);
}

// ---------------------------------------------------------------- Period

Period Period::year(int y) { return Period(PeriodKind::year, make_date(y, 1, 1), make_date(y, 12, 31)); }

Period Period::half_year(int y, int half) {
    if (half != 1 && half != 2) throw ArgumentError("parkinvest: half must be 1 (上半年) or 2 (下半年)");
    return half == 1 ? Period(PeriodKind::half_year, make_date(y, 1, 1), make_date(y, 6, 30))
                     : Period(PeriodKind::half_year, make_date(y, 7, 1), make_date(y, 12, 31));
}

Period Period::quarter(int y, int q) {
    if (q < 1 || q > 4) throw ArgumentError("parkinvest: quarter must be 1-4");
    const int first_month = 3 * q - 2;
    const Date first = make_date(y, first_month, 1);  // validates the year before month_end runs
    return Period(PeriodKind::quarter, first, month_end(y, first_month + 2));
}

Period Period::month(int y, int m) {
    const Date first = make_date(y, m, 1);
    return Period(PeriodKind::month, first, month_end(y, m));
}

Period Period::year_to_date(int y, int through_month) {
    const Date first = make_date(y, 1, 1);
    if (through_month < 1 || through_month > 12) throw ArgumentError("parkinvest: month must be 1-12");
    return Period(PeriodKind::year_to_date, first, month_end(y, through_month));
}

Period Period::as_of(Date day) {
    if (day.is_special()) throw ArgumentError("parkinvest: as-of date must be a real date");
    return Period(PeriodKind::as_of, day, day);
}

Period Period::as_of_month_end(int y, int m) {
    make_date(y, m, 1);
    return as_of(month_end(y, m));
}

Period Period::range(Date first, Date last) {
    if (first.is_special() || last.is_special()) throw ArgumentError("parkinvest: a period needs real dates");
    if (last < first) throw ArgumentError("parkinvest: period ends (" + iso(last) + ") before it starts (" + iso(first) + ")");
    return Period(PeriodKind::range, first, last);
}

int Period::days() const { return static_cast<int>((last_ - first_).days()) + 1; }

Period Period::previous_year() const {
    const int y = first_.year() - 1;
    switch (kind_) {
    case PeriodKind::year: return year(y);
    case PeriodKind::half_year: return half_year(y, first_.month() == 1 ? 1 : 2);
    case PeriodKind::quarter: return quarter(y, (first_.month() + 2) / 3);
    case PeriodKind::month: return month(y, first_.month());
    case PeriodKind::year_to_date: return year_to_date(y, last_.month());
    case PeriodKind::as_of: return as_of(one_year_earlier(first_));
    case PeriodKind::range: return range(one_year_earlier(first_), one_year_earlier(last_));
    }
    return *this;
}

std::string Period::label(Language lang) const {
    const bool zh = lang == Language::chinese;
    const std::string y = std::to_string(int(first_.year()));
    const std::string m_first = std::to_string(int(first_.month()));
    const std::string m_last = std::to_string(int(last_.month()));
    const auto month_name = [](Date d) { return english_months[static_cast<std::size_t>(d.month() - 1)]; };
    switch (kind_) {
    case PeriodKind::year: return zh ? cat({y, "年"}) : y;
    case PeriodKind::half_year:
        if (zh) return cat({y, first_.month() == 1 ? "年上半年" : "年下半年"});
        return cat({first_.month() == 1 ? "H1 " : "H2 ", y});
    case PeriodKind::quarter: {
        constexpr std::array<std::string_view, 4> n = {"一", "二", "三", "四"};
        const int q = (first_.month() + 2) / 3;
        if (zh) return cat({y, "年第", n[static_cast<std::size_t>(q - 1)], "季度"});
        return cat({"Q", std::to_string(q), " ", y});
    }
    case PeriodKind::month: return zh ? cat({y, "年", m_first, "月"}) : cat({month_name(first_), " ", y});
    case PeriodKind::year_to_date:
        return zh ? cat({y, "年1-", m_last, "月"}) : cat({"Jan-", month_name(last_).substr(0, 3), " ", y});
    case PeriodKind::as_of:
        if (!zh) return cat({"as of ", iso(first_)});
        if (is_month_end(first_)) return cat({"截至", y, "年", m_first, "月底"});
        return cat({"截至", y, "年", m_first, "月", std::to_string(int(first_.day())), "日"});
    case PeriodKind::range:
        if (first_ == last_) return ReportedDate(first_).format(lang);
        return cat({iso(first_), zh ? "至" : " to ", iso(last_)});
    }
    return to_string();
}

std::string Period::to_string() const {
    return kind_ == PeriodKind::as_of ? iso(first_) : iso(first_) + "/" + iso(last_);
}

Period Period::parse(std::string_view text, std::optional<int> reference_year) {
    Cursor c(text, "period");
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);

    // 截至 ... : a stock at the end of a day or a month.
    if (c.consume_word("截至") || c.consume_word("截止到") || c.consume_word("截止") || c.consume_word("as of")) {
        c.skip_spaces();
        const std::size_t start = c.position();
        std::optional<int> y;
        int m = 0;
        const int first = read_int(c, 4);
        if (c.consume_word("年")) {
            if (first < min_year) c.fail(start, ParseErrorKind::invalid_value, "a year has four digits");
            y = first;
            m = read_month(c);
        } else if (c.consume('-')) {  // ISO date
            const int mm = read_month(c);
            if (!c.consume('-')) c.fail(c.position(), ParseErrorKind::invalid_number, "expected -DD");
            const int d = read_int(c, 2);
            expect_end(c);
            return as_of(checked_date(c, start, first, mm, d));
        } else {
            if (first < 1 || first > 12) c.fail(start, ParseErrorKind::invalid_value, "month must be 1-12");
            m = first;
        }
        if (!c.consume_word("月")) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected 月");
        if (c.consume_word("底") || c.consume_word("末")) {
            expect_end(c);
            const int year_value = need_year(c, y, reference_year);
            return as_of(month_end(year_value, m));
        }
        const std::size_t day_at = c.position();
        const int d = read_int(c, 2);
        if (!c.consume_word("日") && !c.consume_word("号")) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected 日");
        expect_end(c);
        return as_of(checked_date(c, day_at, need_year(c, y, reference_year), m, d));
    }

    // The English labels: "H1 2020", "Q2 2020", "June 2020", "Jan-Jun 2020" (label() writes these).
    if (c.consume('H') || c.consume('h')) {
        const std::size_t at = c.position();
        const int h = read_int(c, 1);
        if (h != 1 && h != 2) c.fail(at, ParseErrorKind::invalid_value, "half must be 1 or 2");
        c.skip_spaces();
        const int year_value = read_year(c);
        expect_end(c);
        return half_year(year_value, h);
    }
    if (c.consume('Q') || c.consume('q')) {
        const int q = read_quarter_number(c);
        c.skip_spaces();
        const int year_value = read_year(c);
        expect_end(c);
        return quarter(year_value, q);
    }
    if (const int m1 = read_english_month(c)) {
        int m2 = m1;
        std::size_t m2_at = c.position();
        const bool through = consume_dash(c);
        if (through) {
            m2_at = c.position();
            m2 = read_english_month(c);
            if (m2 == 0) c.fail(m2_at, ParseErrorKind::invalid_value, "expected a month name");
        }
        c.skip_spaces();
        const int year_value = read_year(c);
        expect_end(c);
        if (!through) return month(year_value, m1);
        if (m2 < m1) c.fail(m2_at, ParseErrorKind::invalid_value, "months out of order");
        if (m1 == 1) return year_to_date(year_value, m2);
        return range(make_date(year_value, m1, 1), month_end(year_value, m2));
    }

    std::optional<int> y;
    const std::size_t start = c.position();
    if (detail::is_digit(c.peek().cp)) {
        Cursor probe = c;
        int n = 0;
        read_int(probe, 9, &n);
        if (n <= 2) {  // "6 July 2020": one day, as label() writes a single-day range in English
            probe = c;
            const int d = read_int(probe, 2);
            probe.skip_spaces();
            if (const int m = read_english_month(probe)) {
                probe.skip_spaces();
                const int year_value = read_year(probe);
                expect_end(probe);
                const Date day = checked_date(probe, start, year_value, m, d);
                return range(day, day);
            }
        }
        if (n == 4) {
            y = read_year(c);
            if (c.consume('Q') || c.consume('q')) {
                const int q = read_quarter_number(c);
                expect_end(c);
                return quarter(*y, q);
            }
            if (c.consume('H') || c.consume('h')) {  // "2020H1", like "2020Q2"
                const std::size_t at = c.position();
                const int h = read_int(c, 1);
                if (h != 1 && h != 2) c.fail(at, ParseErrorKind::invalid_value, "half must be 1 or 2");
                expect_end(c);
                return half_year(*y, h);
            }
            if (c.consume('-')) {
                if (c.consume('Q') || c.consume('q')) {
                    const int q = read_quarter_number(c);
                    expect_end(c);
                    return quarter(*y, q);
                }
                if (c.consume('H') || c.consume('h')) {
                    const std::size_t at = c.position();
                    const int h = read_int(c, 1);
                    if (h != 1 && h != 2) c.fail(at, ParseErrorKind::invalid_value, "half must be 1 or 2");
                    expect_end(c);
                    return half_year(*y, h);
                }
                const int m = read_month(c);
                if (!c.consume('-')) {
                    expect_end(c);
                    return month(*y, m);
                }
                const int d = read_int(c, 2);
                const Date first_day = checked_date(c, start, *y, m, d);
                c.skip_spaces();
                if (c.at_end()) return range(first_day, first_day);
                // "2020-01-01/2020-06-30"; label() writes "2020-01-01至2020-06-30", "... to ...".
                if (!c.consume('/') && !c.consume_word("至") && !c.consume_word("to")) c.fail_leftover();
                c.skip_spaces();
                const std::size_t second = c.position();
                const int y2 = read_year(c);
                if (!c.consume('-')) c.fail(c.position(), ParseErrorKind::invalid_number, "expected -MM-DD");
                const int m2 = read_month(c);
                if (!c.consume('-')) c.fail(c.position(), ParseErrorKind::invalid_number, "expected -DD");
                const int d2 = read_int(c, 2);
                expect_end(c);
                const Date last_day = checked_date(c, second, y2, m2, d2);
                if (last_day < first_day) c.fail(second, ParseErrorKind::invalid_value, "period ends before it starts");
                return range(first_day, last_day);
            }
            c.consume_word("年");
            c.skip_spaces();
            if (c.at_end()) return year(*y);
        }
    }

    // The rest may follow a year or stand alone with a reference year.
    if (c.consume_word("上半年")) {
        expect_end(c);
        return half_year(need_year(c, y, reference_year), 1);
    }
    if (c.consume_word("下半年")) {
        expect_end(c);
        return half_year(need_year(c, y, reference_year), 2);
    }
    if (c.consume_word("第") || c.peek().cp == U'一' || c.peek().cp == U'二' || c.peek().cp == U'三' ||
        c.peek().cp == U'四') {
        const int q = read_quarter_number(c);
        if (!c.consume_word("季度")) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected 季度");
        expect_end(c);
        return quarter(need_year(c, y, reference_year), q);
    }
    const int m1 = read_month(c);
    if (consume_dash(c)) {
        const std::size_t m2_at = c.position();
        const int m2 = read_month(c);
        if (!c.consume_word("月")) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected 月");
        expect_end(c);
        const int year_value = need_year(c, y, reference_year);
        if (m2 < m1) c.fail(m2_at, ParseErrorKind::invalid_value, "months out of order");
        if (m1 == 1) return year_to_date(year_value, m2);
        return range(make_date(year_value, m1, 1), month_end(year_value, m2));
    }
    if (!c.consume_word("月")) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected 月");
    c.skip_spaces();
    if (detail::is_digit(c.peek().cp)) {  // "2020年7月6日": one day, as label() writes a single-day range
        const std::size_t day_at = c.position();
        const int d = read_int(c, 2);
        if (!c.consume_word("日") && !c.consume_word("号")) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected 日");
        expect_end(c);
        const Date day = checked_date(c, day_at, need_year(c, y, reference_year), m1, d);
        return range(day, day);
    }
    expect_end(c);
    return month(need_year(c, y, reference_year), m1);
}

}  // namespace parkinvest
