// SPDX-License-Identifier: MIT
#include "values.hpp"

#include "../core/text.hpp"

#include <limits>
#include <type_traits>
#include <variant>

namespace parkinvest::io::detail {

using parkinvest::detail::i128;

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
    const Ratio& f = p.fraction();
    i128 den = f.denominator();
    int twos = 0, fives = 0;
    while (den % 2 == 0) den /= 2, ++twos;
    while (den % 5 == 0) den /= 5, ++fives;
    const int fraction_decimals = twos > fives ? twos : fives;
    const int decimals = fraction_decimals > 2 ? fraction_decimals - 2 : 0;
    if (den == 1 && decimals <= 30) return p.format(decimals, RoundingMode::unnecessary);
    return parkinvest::detail::to_string(f.numerator()) + "/" + parkinvest::detail::to_string(f.denominator());
}

Percent parse_percent(std::string_view text) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return Percent::parse(text);
    const auto part = [&](std::size_t at, std::size_t n) {
        try {
            return Decimal<0>::parse(text.substr(at, n)).units();
        } catch (const ParseError& e) {
            throw ParseError("percentage", text, at + e.offset(), e.kind());
        }
    };
    const i128 num = part(0, slash);
    const i128 den = part(slash + 1, std::string_view::npos);
    if (den == 0) throw ParseError("percentage", text, slash + 1, ParseErrorKind::invalid_value, "zero denominator");
    return Percent(Ratio(num, den));
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

std::string period_text(const Period& p) {
    const std::string first = iso_date(p.first());
    const std::string year = first.substr(0, first.size() - 6);
    switch (p.kind()) {
    case PeriodKind::year: return year;
    case PeriodKind::half_year: return year + (p.first().month() == 1 ? "-H1" : "-H2");
    case PeriodKind::quarter: {
        std::string s = year;
        s += "-Q";
        s += static_cast<char>('0' + (p.first().month() + 2) / 3);
        return s;
    }
    case PeriodKind::month: return first.substr(0, first.size() - 3);
    case PeriodKind::year_to_date: return p.label(Language::chinese);
    case PeriodKind::as_of: {
        std::string s = "截至";
        s += first;
        return s;
    }
    case PeriodKind::range: return p.to_string();
    }
    return p.to_string();
}

std::string statistic_value_text(const StatisticValue& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using V = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<V, std::int64_t>) return std::to_string(x);
            else if constexpr (std::is_same_v<V, Money>) return money_text(x);
            else if constexpr (std::is_same_v<V, Percent>) return percent_text(x);
            else if constexpr (std::is_same_v<V, ReportedDate>) return x.to_string();
            else return quantity_text(x);
        },
        v);
}



}  // namespace parkinvest::io::detail
