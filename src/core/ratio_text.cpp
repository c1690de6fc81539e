// SPDX-License-Identifier: MIT
// Parsing and formatting of percentages and physical quantities.
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>

#include "text.hpp"

namespace parkinvest {

namespace {
using detail::i128;

/// fraction * 100 * 10^decimals, rounded: the digits of a percentage with `decimals` decimals.
i128 percent_units(const Ratio& fraction, int decimals, RoundingMode mode) {
    if (decimals < 0 || decimals > 30) throw ArgumentError("parkinvest: percentage decimals must be between 0 and 30");
    return detail::mul_div_round(fraction.numerator(), detail::pow10(decimals + 2), fraction.denominator(), mode,
                                 "Percent::format");
}

std::string signed_text(i128 units, int decimals) {
    std::string digits = detail::format_scaled(detail::abs(units), decimals, decimals);
    if (units > 0) return "+" + digits;
    if (units < 0) return "\u2212" + digits;  // − MINUS SIGN
    return digits;
}
}  // namespace

Percent Percent::parse(std::string_view text) {
    detail::Cursor c(text, "percentage");
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);
    bool had_sign = false;
    const bool negative = detail::scan_sign(c, had_sign);
    c.skip_spaces();
    const detail::ScannedNumber n = detail::scan_number(c);
    c.skip_spaces();
    if (!c.consume('%')) {
        if (c.at_end()) c.fail(c.position(), ParseErrorKind::unknown_unit, "expected '%'");
        c.fail_leftover();
    }
    c.skip_spaces();
    if (!c.at_end()) c.fail_leftover();
    if (n.fraction_digits + 2 > 38) c.fail(n.start, ParseErrorKind::too_many_decimals);
    if (n.overflowed) c.fail(n.start, ParseErrorKind::overflow);
    return Percent(Ratio(negative ? -n.mantissa : n.mantissa, detail::pow10(n.fraction_digits + 2)));
}

Percent Percent::rounded(int decimals, RoundingMode mode) const {
    return Percent(Ratio(percent_units(fraction_, decimals, mode), detail::pow10(decimals + 2)));
}

std::string Percent::format(int decimals, RoundingMode mode) const {
    return detail::format_scaled(percent_units(fraction_, decimals, mode), decimals, decimals) + "%";
}

std::string Percent::format_signed(int decimals, RoundingMode mode) const {
    return signed_text(percent_units(fraction_, decimals, mode), decimals) + "%";
}

std::string PercentagePoints::format(int decimals, RoundingMode mode, Language lang) const {
    std::string s = signed_text(percent_units(fraction_, decimals, mode), decimals);
    s += lang == Language::chinese ? "个百分点" : " percentage points";
    return s;
}

namespace detail {

i128 parse_quantity(std::string_view text, std::string_view what, std::span<const UnitSpec> units) {
    Cursor c(text, what);
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);
    bool had_sign = false;
    const bool negative = scan_sign(c, had_sign);
    c.skip_spaces();
    const ScannedNumber n = scan_number(c);
    c.skip_spaces();
    const std::size_t unit_at = c.position();
    const UnitSpec* unit = nullptr;
    // Longest spelling first, so that "t/a" is not read as "t".
    std::size_t best = 0;
    for (const UnitSpec& u : units) {
        for (std::string_view s : u.spellings) {
            if (s.size() <= best) continue;
            Cursor probe = c;
            if (probe.consume_word(s)) {
                unit = &u;
                best = s.size();
            }
        }
    }
    if (unit == nullptr) {
        if (c.at_end()) c.fail(unit_at, ParseErrorKind::unknown_unit, "a unit is required");
        c.fail_leftover();
    }
    for (std::string_view s : unit->spellings)
        if (s.size() == best && c.consume_word(s)) break;
    c.skip_spaces();
    if (!c.at_end()) c.fail_leftover();
    if (n.fraction_digits > 38) c.fail(n.start, ParseErrorKind::too_many_decimals);
    if (n.overflowed) c.fail(n.start, ParseErrorKind::overflow);
    i128 count = 0;
    try {
        count = mul_div_round(n.mantissa, unit->base_per_unit, pow10(n.fraction_digits), RoundingMode::unnecessary,
                              "parse");
    } catch (const InexactRoundingError&) {
        c.fail(n.start, ParseErrorKind::too_many_decimals);
    } catch (const OverflowError&) {
        c.fail(n.start, ParseErrorKind::overflow);
    }
    return negative ? -count : count;
}

std::string format_quantity(i128 count, const UnitSpec& unit, int max_decimals, RoundingMode mode, Language lang) {
    if (max_decimals < 0 || max_decimals > 30) throw ArgumentError("parkinvest: quantity decimals must be between 0 and 30");
    // The fewest decimals that show the value exactly, if at most max_decimals do.
    int decimals = max_decimals;
    i128 rest = abs(count) % unit.base_per_unit;
    for (int d = 0; d <= max_decimals; ++d, rest = rest * 10 % unit.base_per_unit) {
        if (rest == 0) {
            decimals = d;
            mode = RoundingMode::unnecessary;
            break;
        }
    }
    const std::string number = format_scaled(
        mul_div_round(count, pow10(decimals), unit.base_per_unit, mode, "Quantity::format"), decimals, 0);
    if (lang == Language::chinese) return number + std::string(unit.chinese);
    return number + " " + std::string(unit.english);
}

}  // namespace detail
}  // namespace parkinvest
