// SPDX-License-Identifier: MIT
#include "values.hpp"

#include "../core/text.hpp"

#include <type_traits>
#include <variant>

namespace parkinvest::io::detail {

using parkinvest::detail::i128;


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
            else if constexpr (std::is_same_v<V, Money>) return text_out::money_text(x);
            else if constexpr (std::is_same_v<V, Percent>) return text_out::percent_text(x);
            else if constexpr (std::is_same_v<V, ReportedDate>) return x.to_string();
            else return text_out::quantity_text(x);
        },
        v);
}



}  // namespace parkinvest::io::detail
