// SPDX-License-Identifier: MIT
// The non-template parts of <parkinvest/io/cereal.hpp>: value checks, text forms, and the
// FormatError / ArgumentError bookkeeping that tells where in a document a problem is.
#include <parkinvest/core/utf8.hpp>
#include <parkinvest/io/cereal.hpp>

#include <cstring>

namespace parkinvest::io::cereal_detail {

namespace {

constexpr std::string_view our_prefix = "parkinvest: ";
constexpr std::string_view save_prefix = "parkinvest: cannot save";


std::string step_text(Step step) {
    if (step.name != nullptr) return step.name;
    std::string s = "[";
    s += std::to_string(step.index);
    s += ']';
    return s;
}

std::string prepend(const std::string& head, const std::string& path) {
    if (path.empty()) return head;
    if (path.front() == '[') return head + path;
    std::string s = head;
    s += '.';
    s += path;
    return s;
}

std::string_view without_prefix(std::string_view message) {
    if (message.substr(0, our_prefix.size()) == our_prefix) message.remove_prefix(our_prefix.size());
    return message;
}

/// cereal's and RapidJSON's messages in words a reader of the file understands.
std::string explain(std::string_view message) {
    constexpr std::string_view rapidjson = "rapidjson internal assertion failure: ";
    if (message.substr(0, rapidjson.size()) == rapidjson) {
        const std::string_view check = message.substr(rapidjson.size());
        const auto has = [&](std::string_view what) { return check.find(what) != std::string_view::npos; };
        if (has("IsObject")) return "wrong JSON type: expected an object";
        if (has("IsArray")) return "wrong JSON type: expected an array";
        if (has("IsString")) return "wrong JSON type: expected a string";
        if (has("IsBool")) return "wrong JSON type: expected true or false";
        if (has("IsUint64") || has("IsInt64") || has("IsUint") || has("IsInt") || has("kUint64Flag") ||
            has("kInt64Flag") || has("kUintFlag") || has("kIntFlag"))
            return "wrong JSON type or range: expected an integer that fits";
        return "wrong JSON type (" + std::string(check) + ")";
    }
    for (std::string_view format : {std::string_view("JSON"), std::string_view("XML")}) {
        const std::string missing = std::string(format) + " Parsing failed - provided NVP (";
        if (message.substr(0, missing.size()) == missing) {
            std::string_view name = message.substr(missing.size());
            name = name.substr(0, name.find(')'));
            return "missing member \"" + std::string(name) + "\"";
        }
    }
    if (message == "No more objects in input") return "missing value: the list or object ends early";
    return std::string(without_prefix(message));
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

/// -?[0-9]+(\.[0-9]+)? ; `fraction` allows the decimal part.
bool plain_number(std::string_view s, bool fraction) {
    if (!s.empty() && s.front() == '-') s.remove_prefix(1);
    const std::size_t dot = s.find('.');
    if (dot == std::string_view::npos) return all_digits(s);
    return fraction && all_digits(s.substr(0, dot)) && all_digits(s.substr(dot + 1));
}

/// Magnitude of a run of digits, or nothing when it exceeds `limit`.
std::optional<detail::i128> digits_value(std::string_view digits, detail::i128 limit) {
    detail::i128 v = 0;
    for (char c : digits) {
        const int d = c - '0';
        if (v > (limit - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

int two_digits(std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

}  // namespace

// ------------------------------------------------------------------------------------ errors

void fail(std::string reason, std::string_view value) {
    FormatProblem p;
    p.reason = std::move(reason);
    p.value = printable(value);
    throw FormatError(std::move(p));
}

void rethrow_at(const FormatError& e, Step step, std::optional<std::uint64_t> byte) {
    std::vector<FormatProblem> problems = e.problems();
    const std::string head = step_text(step);
    for (FormatProblem& p : problems) {
        p.path = prepend(head, p.path);
        if (!p.byte) p.byte = byte;
    }
    throw FormatError(std::move(problems));
}

void throw_at(std::string_view reason, Step step, std::optional<std::uint64_t> byte) {
    FormatProblem p;
    p.reason = explain(reason);
    p.path = step_text(step);
    p.byte = byte;
    throw FormatError(std::move(p));
}

void rethrow_current_at(Step step, std::optional<std::uint64_t> byte) {
    try {
        throw;
    } catch (const FormatError& e) {
        rethrow_at(e, step, byte);
    } catch (const ValidationError&) {
        throw;
    } catch (const cereal::Exception& e) {  // missing member, wrong JSON type, short read ...
        throw_at(e.what(), step, byte);
    } catch (const Error& e) {  // ParseError, ArgumentError, OverflowError ... of a value
        throw_at(e.what(), step, byte);
    } catch (const std::invalid_argument&) {  // cereal's XML reader: std::stoul of a class version
        throw_at("not a number", step, byte);
    } catch (const std::out_of_range&) {
        throw_at("number out of range", step, byte);
    }
}

void rethrow_in_record(const FormatError& e, std::string_view entity, const std::string* id) {
    std::vector<FormatProblem> problems = e.problems();
    for (FormatProblem& p : problems) {
        if (!p.entity.empty()) continue;
        p.entity = std::string(entity);
        if (id != nullptr) p.id = *id;
        p.field = p.path;
    }
    throw FormatError(std::move(problems));
}

void rethrow_saving(const ArgumentError& e, std::string_view what) {
    std::string_view message = e.what();
    if (message.substr(0, save_prefix.size()) != save_prefix) {
        throw ArgumentError(std::string(save_prefix) + " " + std::string(what) + ": " +
                            std::string(without_prefix(message)));
    }
    message.remove_prefix(save_prefix.size());
    std::string path;
    std::string_view rest;
    if (!message.empty() && message.front() == ':') {
        rest = message.substr(1);
    } else {
        message.remove_prefix(1);  // the space before the path
        const std::size_t colon = message.find(": ");
        path = std::string(message.substr(0, colon));
        rest = message.substr(colon == std::string_view::npos ? message.size() : colon + 1);
    }
    throw ArgumentError(std::string(save_prefix) + " " + prepend(std::string(what), path) + ":" + std::string(rest));
}

void throw_unsaveable_enum(std::string_view type, unsigned value) {
    throw ArgumentError(std::string(save_prefix) + ": " + std::to_string(value) + " is not a value of " +
                        std::string(type));
}

void throw_unknown_name(std::string_view type, std::string_view name) {
    fail("not a known " + std::string(type), name);
}

void throw_unknown_code(std::string_view type, unsigned value) {
    fail(std::to_string(value) + " is not a known " + std::string(type) + " code");
}

void throw_list_too_long(std::uint64_t size, std::uint64_t max_records) {
    fail("a list of " + std::to_string(size) + " elements exceeds the limit of " + std::to_string(max_records) +
         " (LoadOptions::max_records)");
}

void throw_beyond_input(std::uint64_t size, std::uint64_t element_bytes, std::uint64_t remaining) {
    if (element_bytes == 1) {
        fail("a size of " + std::to_string(size) + " bytes is more than the " + std::to_string(remaining) +
             " bytes left in the input");
    }
    fail("a list of " + std::to_string(size) + " elements of at least " + std::to_string(element_bytes) +
         " bytes each cannot fit in the " + std::to_string(remaining) + " bytes left in the input");
}

void throw_unsupported_version(std::string_view type, std::uint32_t version, std::uint32_t current) {
    std::string reason = std::string(type) + " format version " + std::to_string(version) + " is not supported: " +
                         "this library reads versions 1 to " + std::to_string(current);
    if (version > current) reason += " (written by a newer version of parkinvest?)";
    fail(std::move(reason));
}

void throw_not_a_dataset(std::string_view format) {
    fail("not a parkinvest dataset: the format marker must be \"" + std::string(dataset_format) + "\"", format);
}

// ------------------------------------------------------------------------------------ text checks

std::optional<TextProblem> text_problem(std::string_view s, TextRules rules) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    constexpr std::uint64_t spaces = 0x2020202020202020ULL;
    while (i < n) {
        // Eight ASCII bytes at a time, none of them a control character (for JSON and XML).
        if (i + 8 <= n) {
            std::uint64_t w = 0;
            std::memcpy(&w, p + i, 8);
            if ((w & high_bits) == 0 && (rules == TextRules::utf8 || ((w - spaces) & ~w & high_bits) == 0)) {
                i += 8;
                continue;
            }
        }
        const unsigned char b = p[i];
        if (b < 0x80) {
            if (b == 0 && rules != TextRules::utf8) return TextProblem{i, "NUL character (not allowed in JSON and XML archives)"};
            if (rules == TextRules::xml && b < 0x20 && b != '\t' && b != '\n' && b != '\r')
                return TextProblem{i, "control character (not allowed in XML)"};
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) len = 2;
        else if (b == 0xE0) len = 3, lo = 0xA0;
        else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) len = 3;
        else if (b == 0xED) len = 3, hi = 0x9F;  // no UTF-16 surrogates
        else if (b == 0xF0) len = 4, lo = 0x90;
        else if (b >= 0xF1 && b <= 0xF3) len = 4;
        else if (b == 0xF4) len = 4, hi = 0x8F;  // nothing above U+10FFFF
        else return TextProblem{i, "invalid UTF-8"};
        if (i + len > n) return TextProblem{i, "invalid UTF-8 (truncated character)"};
        if (p[i + 1] < lo || p[i + 1] > hi) return TextProblem{i, "invalid UTF-8"};
        for (std::size_t k = 2; k < len; ++k)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF) return TextProblem{i, "invalid UTF-8"};
        // U+FFFE and U+FFFF are not XML characters: EF BF BE, EF BF BF.
        if (rules == TextRules::xml && b == 0xEF && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF))
            return TextProblem{i, "non-character U+FFFE / U+FFFF (not allowed in XML)"};
        i += len;
    }
    return std::nullopt;
}

void check_loaded_text(std::string_view s, TextRules rules) {
    if (const auto problem = text_problem(s, rules))
        fail(std::string(problem->reason) + " at byte " + std::to_string(problem->offset) + " of the text", s);
}

void check_saved_text(std::string_view s, TextRules rules) {
    if (const auto problem = text_problem(s, rules))
        throw ArgumentError(std::string(save_prefix) + ": " + problem->reason + " at byte " +
                            std::to_string(problem->offset) + " of \"" + printable(s) + "\"");
}

// ------------------------------------------------------------------------------------ numbers

void split(detail::i128 v, std::uint64_t& low, std::int64_t& high) noexcept {
    // Only operations that mean the same on __int128 and on Boost's sign-magnitude int128_t.
    const bool negative = v < 0;
    const detail::i128 magnitude = negative ? -v : v;  // the range is symmetric
    const detail::i128 two64 = detail::i128(1) << 64;
    auto lo = static_cast<std::uint64_t>(magnitude % two64);
    auto hi = static_cast<std::uint64_t>(magnitude / two64);
    if (negative) {  // two's complement of the 128-bit pair
        lo = ~lo + 1;
        hi = ~hi + (lo == 0 ? 1 : 0);
    }
    low = lo;
    std::memcpy(&high, &hi, sizeof high);
}

detail::i128 join(std::uint64_t low, std::int64_t high) {
    std::uint64_t hi = 0;
    std::memcpy(&hi, &high, sizeof hi);
    const bool negative = high < 0;
    std::uint64_t lo = low;
    if (negative) {
        lo = ~lo + 1;
        hi = ~hi + (lo == 0 ? 1 : 0);
        if (hi >> 63) fail("128-bit value -2^127 is outside the supported range");  // -2^127 has no magnitude
    }
    const detail::i128 magnitude = detail::i128(hi) * (detail::i128(1) << 64) + detail::i128(lo);
    return negative ? -magnitude : magnitude;
}

detail::i128 parse_integer(std::string_view text) {
    if (!plain_number(text, false)) fail("not an integer", text);
    const bool negative = text.front() == '-';
    const auto v = digits_value(text.substr(negative ? 1 : 0), detail::i128_max());
    if (!v) fail("integer out of range", text);
    return negative ? -*v : *v;
}

detail::i128 parse_decimal(std::string_view text, int scale) {
    if (!plain_number(text, true)) fail("not a decimal number (expected digits, an optional '.' and digits)", text);
    try {
        return detail::parse_scaled_decimal(text, scale, "decimal");
    } catch (const ParseError& e) {
        fail(std::string(e.reason()), text);
    }
}

std::int64_t parse_int64(std::string_view text, std::int64_t min, std::int64_t max) {
    if (!plain_number(text, false)) fail("not an integer", text);
    const detail::i128 v = parse_integer(text);
    if (v < min || v > max) fail("integer out of range", text);
    return static_cast<std::int64_t>(v);
}

std::uint64_t parse_uint64(std::string_view text) {
    if (!all_digits(text)) fail("not an unsigned integer", text);
    const auto v = digits_value(text, detail::i128(std::numeric_limits<std::uint64_t>::max()));
    if (!v) fail("integer out of range", text);
    return static_cast<std::uint64_t>(*v);
}

bool parse_bool(std::string_view text) {
    if (text == "true") return true;
    if (text == "false") return false;
    fail("expected true or false", text);
}

// ------------------------------------------------------------------------------------ values

std::string money_amount_text(const Money& m) {
    return detail::format_scaled(m.units(), Money::scale, minor_digits(m.currency()));
}

std::string ratio_text(const Ratio& r) {
    std::string s = detail::to_string(r.numerator());
    s += '/';
    s += detail::to_string(r.denominator());
    return s;
}

Ratio parse_ratio(std::string_view text) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) fail("not a fraction (expected numerator/denominator)", text);
    return make_ratio(parse_integer(text.substr(0, slash)), parse_integer(text.substr(slash + 1)));
}

Ratio make_ratio(detail::i128 num, detail::i128 den) {
    const auto text = [&] { return detail::to_string(num) + "/" + detail::to_string(den); };
    if (den <= 0) fail("the denominator of a fraction must be positive", text());
    const Ratio r(num, den);
    if (r.numerator() != num || r.denominator() != den) {
        fail("fraction not in lowest terms (" + detail::to_string(r.numerator()) + "/" +
                 detail::to_string(r.denominator()) + " is the same value)",
             text());
    }
    return r;
}

std::string date_text(Date d) {
    if (d.is_special()) throw ArgumentError(std::string(save_prefix) + ": not a date (a special value of Boost.Date_Time)");
    return iso_date(d);
}

Date make_loaded_date(int year, int month, int day) {
    if (year < 1400 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        fail("no such date: " + std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day));
    }
    return make_date(year, month, day);
}

Date parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
        !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
        fail("not a date (expected YYYY-MM-DD)", text);
    }
    const int year = std::stoi(std::string(text.substr(0, 4)));
    const int month = two_digits(text.substr(5, 2));
    const int day = two_digits(text.substr(8, 2));
    if (year < 1400 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        fail("no such date", text);
    return make_date(year, month, day);
}

std::string reported_date_text(const ReportedDate& d) { return d.to_string(); }

ReportedDate parse_reported_date(std::string_view text) {
    const auto bad = [&]() -> ReportedDate {
        fail("not a reported date (expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY)", text);
    };
    if (text.size() < 4 || !all_digits(text.substr(0, 4))) return bad();
    const int year = std::stoi(std::string(text.substr(0, 4)));
    if (year < 1400) fail("year before 1400 (outside the Gregorian calendar of the library)", text);
    if (text.size() == 4) return ReportedDate::year(year);
    if (text[4] != '-') return bad();
    const std::string_view rest = text.substr(5);
    if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'H') && rest[1] >= '1' && rest[1] <= '4') {
        const int n = rest[1] - '0';
        if (rest[0] == 'Q') return ReportedDate::quarter(year, n);
        if (n > 2) return bad();
        return ReportedDate::half_year(year, n);
    }
    if (rest.size() == 2 && all_digits(rest)) {
        const int month = two_digits(rest);
        if (month < 1 || month > 12) fail("no such month", text);
        return ReportedDate::month(year, month);
    }
    if (rest.size() == 5 && rest[2] == '-') return ReportedDate(parse_date(text));
    return bad();
}

ReportedDate make_reported_date(DatePrecision p, int year, int month, int day) {
    const Date first = make_loaded_date(year, month, day);
    ReportedDate d;
    switch (p) {
    case DatePrecision::day: return ReportedDate(first);
    case DatePrecision::month: d = ReportedDate::month(year, month); break;
    case DatePrecision::quarter: d = ReportedDate::quarter(year, (month + 2) / 3); break;
    case DatePrecision::half_year: d = ReportedDate::half_year(year, month <= 6 ? 1 : 2); break;
    case DatePrecision::year: d = ReportedDate::year(year); break;
    }
    if (d.first() != first) {
        fail(iso_date(first) + " is not the first day of a " + std::string(enum_name(p)));
    }
    return d;
}

Period make_period(PeriodKind kind, Date first, Date last) {
    const int y = first.year();
    Period p;
    switch (kind) {
    case PeriodKind::year: p = Period::year(y); break;
    case PeriodKind::half_year: p = Period::half_year(y, first.month() <= 6 ? 1 : 2); break;
    case PeriodKind::quarter: p = Period::quarter(y, (first.month() + 2) / 3); break;
    case PeriodKind::month: p = Period::month(y, first.month()); break;
    case PeriodKind::year_to_date: p = Period::year_to_date(y, last.year() == y ? static_cast<int>(last.month()) : 12); break;
    case PeriodKind::as_of: p = Period::as_of(first); break;
    case PeriodKind::range:
        if (last < first) fail("the period ends (" + iso_date(last) + ") before it starts (" + iso_date(first) + ")");
        p = Period::range(first, last);
        break;
    }
    if (p.first() != first || p.last() != last) {
        fail(iso_date(first) + "/" + iso_date(last) + " is not a " +
             std::string(enum_name(kind)) + " period");
    }
    return p;
}

CreditCode parse_credit_code(std::string_view text) {
    CreditCode code = CreditCode::parse(text);
    if (code.str() != text) fail("not a credit code in canonical form (18 upper-case ASCII characters)", text);
    return code;
}

}  // namespace parkinvest::io::cereal_detail
