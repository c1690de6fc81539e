// SPDX-License-Identifier: MIT
#include <parkinvest/core/money.hpp>

#include "daxie.hpp"
#include "text.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <utility>

namespace parkinvest {

namespace {
using detail::Cursor;
using detail::i128;

/// The first code point of a word, lower-cased: lets match() skip words that cannot start here.
constexpr char32_t first_code_point(std::string_view w) {
    const auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(w[i])); };
    char32_t c = b(0);
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if ((c & 0xE0) == 0xC0) return ((c & 0x1F) << 6) | (b(1) & 0x3F);
    if ((c & 0xF0) == 0xE0) return ((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    return ((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

struct CurrencyWord {
    constexpr CurrencyWord(std::string_view w, Currency c) : word(w), currency(c), first(first_code_point(w)) {}
    std::string_view word;
    Currency currency;
    char32_t first;
};
// Longest spellings first where one is a prefix of another.
constexpr CurrencyWord prefix_words[] = {
    {"US$", Currency::USD}, {"HK$", Currency::HKD}, {"JP¥", Currency::JPY}, {"人民币", Currency::CNY},
    {"¥", Currency::CNY},   {"$", Currency::USD},   {"€", Currency::EUR},   {"£", Currency::GBP},
    {"₩", Currency::KRW},   {"CNY", Currency::CNY}, {"RMB", Currency::CNY}, {"USD", Currency::USD},
    {"EUR", Currency::EUR}, {"JPY", Currency::JPY}, {"KRW", Currency::KRW}, {"HKD", Currency::HKD},
    {"GBP", Currency::GBP},
};
constexpr CurrencyWord suffix_words[] = {
    {"人民币元", Currency::CNY},
    {"人民币", Currency::CNY},
    {"元", Currency::CNY},
    {"美元", Currency::USD},
    {"欧元", Currency::EUR},
    {"日元", Currency::JPY},
    {"韩元", Currency::KRW},
    {"港元", Currency::HKD},
    {"港币", Currency::HKD},
    {"英镑", Currency::GBP},
    {"CNY", Currency::CNY},
    {"RMB", Currency::CNY},
    {"USD", Currency::USD},
    {"EUR", Currency::EUR},
    {"JPY", Currency::JPY},
    {"KRW", Currency::KRW},
    {"HKD", Currency::HKD},
    {"GBP", Currency::GBP},
    {"yuan", Currency::CNY},
    {"renminbi", Currency::CNY},
    {"US dollars", Currency::USD},
    {"Hong Kong dollars", Currency::HKD},
    {"euros", Currency::EUR},
    {"yen", Currency::JPY},
    {"won", Currency::KRW},
    {"pounds sterling", Currency::GBP},
};

struct UnitWord {
    constexpr UnitWord(std::string_view w, int e) : word(w), exponent(e), first(first_code_point(w)) {}
    std::string_view word;
    int exponent;
    char32_t first;
};
constexpr UnitWord multiplier_words[] = {
    {"万亿", 12},       {"千亿", 11},           {"百亿", 10},        {"十亿", 9},
    {"千万", 7},        {"百万", 6},            {"十万", 5},         {"亿", 8},
    {"万", 4},          {"千", 3},              {"百", 2},           {"十", 1},
    {"trillion", 12},   {"billion", 9},         {"hundred million", 8}, {"million", 6},
    {"ten thousand", 4}, {"thousand", 3},
};

template <class Table>
auto match(Cursor& c, const Table& table) -> const std::remove_extent_t<Table>* {
    char32_t here = c.peek().cp;
    if (here >= 'A' && here <= 'Z') here += 32;
    for (const auto& entry : table)
        if (entry.first == here && c.consume_word(entry.word)) return &entry;
    return nullptr;
}

std::string_view chinese_unit_word(MoneyUnit u) {
    switch (u) {
    case MoneyUnit::one: return "";
    case MoneyUnit::thousand: return "千";
    case MoneyUnit::wan: return "万";
    case MoneyUnit::million: return "百万";
    case MoneyUnit::yi: return "亿";
    case MoneyUnit::billion: return "十亿";
    case MoneyUnit::wan_yi: return "万亿";
    }
    return "";
}
std::string_view english_unit_word(MoneyUnit u) {
    switch (u) {
    case MoneyUnit::one: return "";
    case MoneyUnit::thousand: return "thousand";
    case MoneyUnit::wan: return "ten thousand";
    case MoneyUnit::million: return "million";
    case MoneyUnit::yi: return "hundred million";
    case MoneyUnit::billion: return "billion";
    case MoneyUnit::wan_yi: return "trillion";
    }
    return "";
}

/// What Money::rounded_to_power(power) rounds to: "2 decimals", "0 decimals", "a multiple of 10^8 CNY".
std::string rounding_target(long long power, Currency currency) {
    if (power <= 0) return std::to_string(-power) + (power == -1 ? " decimal" : " decimals");
    return "a multiple of 10^" + std::to_string(power) + " " + std::string(iso_code(currency));
}

std::string group_thousands(std::string_view plain) {
    // plain: "-1234567.89" -> "-1,234,567.89"
    std::size_t begin = plain.front() == '-' ? 1 : 0;
    std::size_t dot = plain.find('.');
    if (dot == std::string_view::npos) dot = plain.size();
    std::string out(plain.substr(0, begin));
    const std::size_t int_len = dot - begin;
    for (std::size_t i = 0; i < int_len; ++i) {
        if (i > 0 && (int_len - i) % 3 == 0) out += ',';
        out += plain[begin + i];
    }
    out.append(plain.substr(dot));
    return out;
}
/// Money::format with MoneyStyle::financial (大写); the rules are in daxie.cpp.
std::string format_financial(const Money& m, const MoneyFormat& options) {
    const auto refuse = [&](const std::string& why) {
        throw ArgumentError("parkinvest: Money::format: cannot write " + m.to_string() + " in 大写 (MoneyStyle::financial): " + why);
    };
    if (m.currency() != Currency::CNY) refuse("大写 is for 人民币 (CNY) amounts only");
    if (m.signum() < 0) refuse("a negative amount has no 大写 form");
    if (options.unit) refuse("大写 writes the whole amount in 元; MoneyFormat::unit must be empty");
    if (options.max_decimals && *options.max_decimals > 2)
        refuse("大写 writes at most 2 decimals (角, 分); MoneyFormat::max_decimals is " + std::to_string(*options.max_decimals));
    const Money value = options.max_decimals ? m.rounded(*options.max_decimals, options.rounding) : m;
    constexpr i128 units_per_fen = 100;  // 10^(scale - 2)
    if (value.units() % units_per_fen != 0)
        refuse("it has digits below 分; set MoneyFormat::max_decimals (0 to 2) to round under MoneyFormat::rounding");
    const i128 fen = value.units() / units_per_fen;
    if (fen > detail::daxie_max_fen)
        refuse("the largest amount 大写 writes is 9999999999999999.99 元 (units up to 仟万亿)");
    return detail::write_daxie(static_cast<std::int64_t>(fen), options.currency_word);
}

}  // namespace

Money Money::parse(std::string_view text, Currency default_currency) {
    Cursor c(text, "money amount");
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);

    bool had_sign = false;
    std::size_t sign_at = c.position();
    bool negative = detail::scan_sign(c, had_sign);
    c.skip_spaces();
    const CurrencyWord* prefix = match(c, prefix_words);
    c.skip_spaces();
    if (prefix != nullptr && !had_sign) {
        sign_at = c.position();
        negative = detail::scan_sign(c, had_sign);
        c.skip_spaces();
    }
    if (detail::at_daxie(c)) {
        const std::size_t daxie_at = c.position();
        if (had_sign) c.fail(sign_at, ParseErrorKind::invalid_value, "大写 amounts have no sign");
        if (prefix != nullptr && prefix->currency != Currency::CNY)
            c.fail(daxie_at, ParseErrorKind::conflicting_currency, "大写 amounts are 人民币");
        const std::int64_t fen = detail::read_daxie(c);
        c.skip_spaces();
        if (!c.at_end()) c.fail_leftover();
        return make(static_cast<i128>(fen) * 100, Currency::CNY);
    }
    const detail::ScannedNumber number = detail::scan_number(c);
    c.skip_spaces();
    const UnitWord* multiplier = match(c, multiplier_words);
    c.skip_spaces();
    const std::size_t suffix_at = c.position();
    const CurrencyWord* suffix = match(c, suffix_words);
    if (suffix != nullptr && suffix->word.ends_with("元") && suffix->currency == Currency::CNY)
        (void)(c.consume_word("整") || c.consume_word("正"));  // "100万元整"
    c.skip_spaces();
    if (!c.at_end()) c.fail_leftover();
    if (prefix != nullptr && suffix != nullptr && prefix->currency != suffix->currency)
        c.fail(suffix_at, ParseErrorKind::conflicting_currency);

    const Currency currency = prefix != nullptr ? prefix->currency : (suffix != nullptr ? suffix->currency : default_currency);
    i128 units = detail::scale_number(c, number, scale + (multiplier != nullptr ? multiplier->exponent : 0));
    if (units > (negative ? -min_units() : max_units())) c.fail(number.start, ParseErrorKind::overflow);
    return make(negative ? -units : units, currency);
}

std::string Money::to_string() const {
    std::string s = detail::format_scaled(units(), scale, minor_digits(currency()));
    s += ' ';
    s += iso_code(currency());
    return s;
}

std::string Money::format_grouped() const {
    return group_thousands(detail::format_scaled(units(), scale, minor_digits(currency())));
}

std::string Money::format(const MoneyFormat& options) const {
    if (options.max_decimals && *options.max_decimals < 0)
        throw ArgumentError("parkinvest: Money::format: MoneyFormat::max_decimals must not be negative (got " +
                            std::to_string(*options.max_decimals) + "); choose a larger unit to round to tens, hundreds ...");
    if (options.style == MoneyStyle::financial) return format_financial(*this, options);
    const bool chinese = options.language == Language::chinese;
    const auto automatic_unit = [&](const Money& m) {
        const i128 magnitude = detail::abs(m.units());
        constexpr MoneyUnit chinese_units[] = {MoneyUnit::wan_yi, MoneyUnit::yi, MoneyUnit::wan};
        constexpr MoneyUnit english_units[] = {MoneyUnit::wan_yi, MoneyUnit::billion, MoneyUnit::million};
        for (MoneyUnit u : chinese ? chinese_units : english_units)
            if (magnitude >= detail::pow10(scale + static_cast<int>(u))) return u;
        return MoneyUnit::one;
    };
    MoneyUnit unit = options.unit.value_or(automatic_unit(*this));
    if (!options.unit && options.max_decimals) {
        // Rounding may carry into the next unit (9999.5万 at 0 decimals is 1亿): choose the unit
        // again from the rounded amount; rounding to a coarser unit's decimals is then exact
        // or finer, so round the original once more to that unit.
        const MoneyUnit after = automatic_unit(rounded(unit, *options.max_decimals, options.rounding));
        if (after != unit) unit = after;
    }
    const int exponent = static_cast<int>(unit);
    Money value = *this;
    if (options.max_decimals) value = rounded(unit, *options.max_decimals, options.rounding);

    std::string number = detail::format_scaled(value.units(), scale + exponent, 0);
    std::string out;
    if (chinese) {
        out = std::move(number);
        out += chinese_unit_word(unit);
        if (options.currency_word) out += info(currency()).chinese;
    } else {
        out = unit == MoneyUnit::one ? group_thousands(number) : std::move(number);
        if (unit != MoneyUnit::one) {
            out += ' ';
            out += english_unit_word(unit);
        }
        if (options.currency_word) {
            out += ' ';
            out += info(currency()).english;
        }
    }
    return out;
}

namespace detail {
void throw_inexact(const char* operation, const std::string& expression, int decimals) {
    const std::string target = decimals >= 0 ? std::to_string(decimals) + (decimals == 1 ? " decimal" : " decimals")
                                             : "a multiple of 10^" + std::to_string(-static_cast<long long>(decimals));
    throw InexactRoundingError(operation, "parkinvest: " + expression + " cannot be rounded to " + target +
                                              " under RoundingMode::unnecessary (" + operation + ")");
}
}  // namespace detail

void Money::throw_mismatch(const Money& b, const char* operation) const {
    throw CurrencyMismatchError(iso_code(currency()), iso_code(b.currency()), operation);
}

Money Money::rounded_to_power(long long power, RoundingMode mode) const {
    // Round to a multiple of 10^power of the unit, i.e. 10^(power + scale) storage units.
    const long long step_exponent = power + scale;
    if (step_exponent <= 0) return *this;
    if (mode == RoundingMode::unnecessary &&
        (step_exponent > 38 ? !is_zero() : units() % detail::pow10(static_cast<int>(step_exponent)) != 0))
        throw InexactRoundingError("Money::rounded", "parkinvest: " + to_string() + " cannot be rounded to " +
                                                         rounding_target(power, currency()) +
                                                         " under RoundingMode::unnecessary");
    if (step_exponent > 38) return from_units(detail::round_to_huge_step(units(), mode, "Money::rounded"), currency());
    const i128 step = detail::pow10(static_cast<int>(step_exponent));
    const i128 q = detail::div_round(units(), step, mode, "Money::rounded");
    return from_units(detail::checked_mul(q, step, "Money::rounded"), currency());
}

std::vector<Money> Money::allocate(std::span<const std::int64_t> weights) const {
    if (weights.empty()) throw ArgumentError("parkinvest: Money::allocate needs at least one weight");
    i128 total_weight = 0;
    for (std::int64_t w : weights) {
        if (w < 0) throw ArgumentError("parkinvest: Money::allocate weights must not be negative");
        total_weight += w;  // at most 2^63 * 2^64 entries: cannot overflow 127 bits in practice
    }
    if (total_weight == 0) throw ArgumentError("parkinvest: Money::allocate weights must not all be zero");

    // Work in minor units when this amount is a whole number of them, else in storage units.
    const i128 minor = detail::pow10(scale - minor_digits(currency()));
    const i128 granule = units() % minor == 0 ? minor : 1;
    const i128 whole = detail::abs(units()) / granule;

    using boost::multiprecision::int256_t;
    const int256_t whole_wide(whole);
    const int256_t total_wide(total_weight);
    std::vector<i128> shares(weights.size());  // magnitudes, in granules
    std::vector<std::pair<i128, std::size_t>> remainders;  // (remainder, index)
    remainders.reserve(weights.size());
    i128 given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const int256_t product = whole_wide * weights[i];
        shares[i] = static_cast<i128>(product / total_wide);  // <= whole
        given += shares[i];
        remainders.emplace_back(static_cast<i128>(product % total_wide), i);
    }
    // Fewer than weights.size() granules are left; the largest remainders take one each.
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < whole; ++k, ++given) shares[remainders[k].second] += 1;

    std::vector<Money> parts;
    parts.reserve(shares.size());
    for (const i128& share : shares) {
        const i128 magnitude = share * granule;  // <= |units()|
        parts.push_back(from_units(units() < 0 ? -magnitude : magnitude, currency()));
    }
    return parts;
}

std::vector<Money> Money::split(std::size_t n) const {
    if (n == 0) throw ArgumentError("parkinvest: Money::split needs at least one part");
    if (n > 100'000'000) throw ArgumentError("parkinvest: Money::split into more than 100,000,000 parts");
    const std::vector<std::int64_t> weights(n, 1);
    return allocate(weights);
}

ExchangeRate::ExchangeRate(Currency from, Currency to, Decimal<scale> rate) : from_(from), to_(to), rate_(rate) {
    if (rate.signum() <= 0) throw ArgumentError("parkinvest: an exchange rate must be positive");
    if (from == to) throw ArgumentError("parkinvest: an exchange rate converts between two different currencies");
}

Money ExchangeRate::convert(const Money& amount, RoundingMode mode) const {
    if (amount.currency() != from_) throw CurrencyMismatchError(iso_code(amount.currency()), iso_code(from_), "ExchangeRate::convert");
    try {
        return Money::from_units(
            detail::mul_div_round(amount.units(), rate_.units(), detail::pow10(scale), mode, "ExchangeRate::convert"), to_);
    } catch (const InexactRoundingError&) {
        detail::throw_inexact("ExchangeRate::convert",
                              amount.to_string() + " × " + rate_.to_string() + " (" + std::string(iso_code(from_)) + "/" +
                                  std::string(iso_code(to_)) + ")",
                              Money::scale);
    }
}

ExchangeRate ExchangeRate::inverse(RoundingMode mode) const {
    Decimal<scale> inverse;
    try {
        inverse = Decimal<scale>(1).div(rate_, mode);
    } catch (const InexactRoundingError&) {
        detail::throw_inexact("ExchangeRate::inverse", "1 / " + rate_.to_string(), scale);
    }
    if (inverse.is_zero())
        throw ArithmeticError("ExchangeRate::inverse", "parkinvest: the inverse of " + rate_.to_string() +
                                                           " rounds to zero at " + std::to_string(scale) + " decimals");
    return ExchangeRate(to_, from_, inverse);
}

}  // namespace parkinvest
