// SPDX-License-Identifier: MIT
#include "values.hpp"

#include "../core/text.hpp"

#include <type_traits>
#include <variant>

namespace parkinvest::io::detail {

namespace {

using parkinvest::detail::i128;

bool equal_ascii_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

template <class E>
std::optional<E> enum_from_text(std::string_view text) {
    constexpr std::size_t n = EnumNames<E>::names.size();
    for (std::size_t i = 0; i < n; ++i)
        if (equal_ascii_nocase(text, EnumNames<E>::names[i])) return static_cast<E>(i);
    if constexpr (requires(E e) { label(e, Language::chinese); }) {
        for (std::size_t i = 0; i < n; ++i) {
            const E e = static_cast<E>(i);
            const std::string_view zh = label(e, Language::chinese);
            const std::string_view en = label(e, Language::english);
            if ((!zh.empty() && text == zh) || (!en.empty() && equal_ascii_nocase(text, en))) return e;
        }
    }
    return std::nullopt;
}

template std::optional<Bound> enum_from_text<Bound>(std::string_view);
template std::optional<ParkKind> enum_from_text<ParkKind>(std::string_view);
template std::optional<OriginKind> enum_from_text<OriginKind>(std::string_view);
template std::optional<BankKind> enum_from_text<BankKind>(std::string_view);
template std::optional<Stage> enum_from_text<Stage>(std::string_view);
template std::optional<ProjectNature> enum_from_text<ProjectNature>(std::string_view);
template std::optional<InvestorRole> enum_from_text<InvestorRole>(std::string_view);
template std::optional<LoanInstrument> enum_from_text<LoanInstrument>(std::string_view);
template std::optional<GuaranteeType> enum_from_text<GuaranteeType>(std::string_view);
template std::optional<WasteFacilityKind> enum_from_text<WasteFacilityKind>(std::string_view);
template std::optional<LicenceType> enum_from_text<LicenceType>(std::string_view);
template std::optional<OperatingMode> enum_from_text<OperatingMode>(std::string_view);
template std::optional<Indicator> enum_from_text<Indicator>(std::string_view);
template std::optional<ComparisonKind> enum_from_text<ComparisonKind>(std::string_view);
template std::optional<ValueKind> enum_from_text<ValueKind>(std::string_view);
template std::optional<Cited> enum_from_text<Cited>(std::string_view);

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

ValueKind value_kind(const StatisticValue& v) { return static_cast<ValueKind>(v.index()); }

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
