// SPDX-License-Identifier: MIT
#include <parkinvest/core/text_out.hpp>
#include <parkinvest/core/utf8.hpp>

#include "text.hpp"

#include <limits>

namespace parkinvest::text_out {

namespace {

using parkinvest::detail::i128;

/// Writers refuse text that is not UTF-8 (JSON and CSV files must be).
void check_utf8(std::string_view s, std::string_view what) {
    if (const auto at = invalid_utf8_at(s))
        throw ArgumentError("parkinvest: cannot write \"" + printable(s) + "\" as " + std::string(what) +
                            ": invalid UTF-8 at byte " + std::to_string(*at));
}

/// The fewest decimals that write the percentage exactly, or nothing when no decimal is exact
/// (a denominator with a prime factor other than 2 and 5).
std::optional<int> exact_percent_decimals(const Percent& p) {
    i128 den = p.fraction().denominator();
    int twos = 0, fives = 0;
    while (den % 2 == 0) den /= 2, ++twos;
    while (den % 5 == 0) den /= 5, ++fives;
    if (den != 1) return std::nullopt;
    const int fraction_decimals = twos > fives ? twos : fives;
    return fraction_decimals > 2 ? fraction_decimals - 2 : 0;  // of a hundred: two places fewer
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    check_utf8(s, "a JSON string");
    out += '"';
    for (char ch : s) {
        const auto b = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (b < 0x20 || b == 0x7F) {
                constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[b >> 4];
                out += hex[b & 0xF];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void append_csv_field(std::string& out, std::string_view s, bool force_quotes) {
    check_utf8(s, "a CSV field");
    if (!force_quotes && s.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(s);
        return;
    }
    out += '"';
    for (char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
}

std::string money_text(const Money& m) {
    return parkinvest::detail::format_scaled(m.units(), Money::scale, minor_digits(m.currency()));
}

std::optional<std::int64_t> minor_units(const Money& m) {
    const i128 step = parkinvest::detail::pow10(Money::scale - minor_digits(m.currency()));
    if (m.units() % step != 0) return std::nullopt;
    const i128 minor = m.units() / step;
    if (minor > i128(std::numeric_limits<std::int64_t>::max()) || minor < i128(std::numeric_limits<std::int64_t>::min()))
        return std::nullopt;
    return static_cast<std::int64_t>(minor);
}

std::string percent_text(const Percent& p) {
    const auto decimals = exact_percent_decimals(p);
    if (decimals && *decimals <= 30) return p.format(*decimals, RoundingMode::unnecessary);
    const Ratio& f = p.fraction();
    return parkinvest::detail::to_string(f.numerator()) + "/" + parkinvest::detail::to_string(f.denominator());
}

std::string percent_number(const Percent& p, int max_decimals, RoundingMode mode) {
    const auto decimals = exact_percent_decimals(p);
    std::string s = decimals && *decimals <= max_decimals ? p.format(*decimals, RoundingMode::unnecessary)
                                                          : p.format(max_decimals, mode);
    s.pop_back();  // the '%'
    return s;
}

std::string quantity_text(const Area& q) {
    if (q.base_count() % 3 == 0) return q.format(AreaKind::Unit::square_metre, Language::chinese, 4);
    return q.format(AreaKind::Unit::mu, Language::chinese, 8);
}
std::string quantity_text(const Mass& q) { return q.format(MassKind::Unit::tonne, Language::chinese, 6); }
std::string quantity_text(const AnnualThroughput& q) {
    return q.format(AnnualThroughputKind::Unit::tonne_per_year, Language::chinese, 6);
}

std::optional<std::string> quantity_decimal(const Area& q) {
    if (q.base_count() % 3 != 0) return std::nullopt;
    return parkinvest::detail::format_ratio(q.base_count(), AreaKind::units[0].base_per_unit, 4,
                                            RoundingMode::unnecessary, 0);
}
std::string quantity_decimal(const Mass& q) {
    return parkinvest::detail::format_ratio(q.base_count(), MassKind::units[0].base_per_unit, 6,
                                            RoundingMode::unnecessary, 0);
}
std::string quantity_decimal(const AnnualThroughput& q) {
    return parkinvest::detail::format_ratio(q.base_count(), AnnualThroughputKind::units[0].base_per_unit, 6,
                                            RoundingMode::unnecessary, 0);
}

}  // namespace parkinvest::text_out
