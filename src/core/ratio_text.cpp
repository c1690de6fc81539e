// SPDX-License-Identifier: MIT
// Parsing and formatting of percentages and physical quantities.
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/core/ratio.hpp>

#include "text.hpp"

#include <algorithm>

namespace parkinvest {

namespace {
using detail::i128;

void check_decimals(int decimals) {
    if (decimals < 0 || decimals > 30) throw ArgumentError("parkinvest: decimals must be between 0 and 30");
}

/// The fraction as a percentage with `decimals` decimals: 0.442 -> "44.2" ("-" when negative).
std::string percent_text(const Ratio& fraction, int decimals, RoundingMode mode) {
    check_decimals(decimals);
    // Format the fraction with two more decimals, then move the point two places right.
    std::string s = detail::format_ratio(fraction.numerator(), fraction.denominator(), decimals + 2, mode, decimals + 2);
    const bool negative = !s.empty() && s.front() == '-';
    std::string digits = s.substr(negative ? 1 : 0);
    digits.erase(digits.find('.'), 1);
    std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(decimals));
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    std::string out = negative ? "-" : "";
    out += whole;
    if (decimals > 0) {
        out += '.';
        out += digits.substr(digits.size() - static_cast<std::size_t>(decimals));
    }
    return out;
}

/// "+" before a positive number; a negative one keeps its ASCII '-' (the one minus sign the
/// library writes: see core/text_out.hpp).
std::string signed_text(std::string text) {
    if (text.front() != '-' && text.find_first_not_of("0.") != std::string::npos) return "+" + text;
    return text;
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
    if (n.fraction_digits + 2 > 38) c.fail(detail::fraction_digit_offset(c, n, 36), ParseErrorKind::too_many_decimals);
    if (n.overflowed) c.fail(n.start, ParseErrorKind::overflow);
    return Percent(Ratio(negative ? -n.mantissa : n.mantissa, detail::pow10(n.fraction_digits + 2)));
}

Percent Percent::rounded(int decimals, RoundingMode mode) const {
    check_decimals(decimals);
    const detail::i128 scale = detail::pow10(decimals + 2);
    return Percent(Ratio(detail::mul_div_round(fraction_.numerator(), scale, fraction_.denominator(), mode, "Percent::rounded"),
                         scale));
}

std::string Percent::format(int decimals, RoundingMode mode) const { return percent_text(fraction_, decimals, mode) + "%"; }

std::string Percent::format_signed(int decimals, RoundingMode mode) const {
    return signed_text(percent_text(fraction_, decimals, mode)) + "%";
}

std::string PercentagePoints::format(int decimals, RoundingMode mode, Language lang) const {
    std::string s = signed_text(percent_text(fraction_, decimals, mode));
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
    // Decimals finer than the unit's base count: point at the first digit past the unit's
    // power-of-ten resolution.
    int resolution = 0;
    for (i128 b = unit->base_per_unit; b % 10 == 0; b /= 10) ++resolution;
    const std::size_t excess_at = fraction_digit_offset(c, n, resolution);
    if (n.fraction_digits > 38) c.fail(excess_at, ParseErrorKind::too_many_decimals);
    if (n.overflowed) c.fail(n.start, ParseErrorKind::overflow);
    i128 count = 0;
    try {
        count = mul_div_round(n.mantissa, unit->base_per_unit, pow10(n.fraction_digits), RoundingMode::unnecessary,
                              "parse");
    } catch (const InexactRoundingError&) {
        c.fail(excess_at, ParseErrorKind::too_many_decimals);
    } catch (const OverflowError&) {
        c.fail(n.start, ParseErrorKind::overflow);
    }
    return negative ? -count : count;
}

std::string format_quantity(i128 count, const UnitSpec& unit, int max_decimals, RoundingMode mode, Language lang) {
    check_decimals(max_decimals);
    // The fewest decimals that show the value exactly, if at most max_decimals do.
    int decimals = max_decimals;
    i128 rest = abs(count) % unit.base_per_unit;
    for (int d = 0; d <= max_decimals; ++d, rest = rest * 10 % unit.base_per_unit) {
        if (rest == 0) {
            decimals = d;
            break;
        }
    }
    const std::string number = format_ratio(count, unit.base_per_unit, decimals, mode, 0);
    if (lang == Language::chinese) return number + std::string(unit.chinese);
    return number + " " + std::string(unit.english);
}

}  // namespace detail
}  // namespace parkinvest
