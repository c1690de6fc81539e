// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/currency.hpp>
#include <parkinvest/core/decimal.hpp>
#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/int128.hpp>
#include <parkinvest/core/language.hpp>
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/core/rounding.hpp>

#include <array>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest {

/// Reporting units of money, as powers of ten of the currency unit.
enum class MoneyUnit : int {
    one = 0,           ///< 元 / yuan
    thousand = 3,      ///< 千元 / thousand
    wan = 4,           ///< 万元 (10^4)
    million = 6,       ///< 百万元 / million
    yi = 8,            ///< 亿元 (10^8)
    billion = 9,       ///< 十亿元 / billion
    wan_yi = 12,       ///< 万亿元 / trillion (10^12)
};

/// How Money::format writes the number.
enum class MoneyStyle {
    digits,     ///< Arabic digits and a unit word: "605.6亿元", "60.56 billion yuan"
    /// Chinese financial numerals (大写), as bills, cheques and contracts state amounts:
    /// "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整", "人民币叁角伍分". See MoneyFormat.
    financial,
};

template <>
struct EnumTable<MoneyStyle> {
    static constexpr std::string_view type = "MoneyStyle";
    static constexpr std::array<EnumEntry, 2> entries{{
        {"digits", "小写金额", "digits"},
        {"financial", "大写金额", "financial numerals"},
    }};
};

/// How Money::format writes an amount: with a unit word ("605.6亿元", "60.56 billion yuan"), or
/// in 大写 ("人民币壹仟零伍元整").
///
/// MoneyStyle::financial follows the People's Bank of China rules for bills and settlement
/// vouchers (《支付结算办法》附件一 "正确填写票据和结算凭证的基本规定"): 零 for a run of zeros
/// (壹仟零伍元整), none where the zeros only end the group of four above (壹拾万柒仟元整), 元零
/// when the 元 or 角 digit is zero before 角 or 分 (壹仟陆佰捌拾元零叁角贰分), 整 after 元 and 角,
/// none after 分, 10 is 壹拾. Money::parse reads what it writes and the variants the rules allow.
/// It writes 人民币 (CNY) amounts only, from 零元整 up to 9,999,999,999,999,999.99 元
/// (玖仟玖佰玖拾玖万…玖角玖分; units up to 仟万亿), and throws ArgumentError for another
/// currency, a negative amount, a larger one, a `unit`, a `max_decimals` above 2, and an amount
/// with digits below 分 unless `max_decimals` is set (then it rounds under `rounding` first).
/// `language` does not apply; `currency_word` false leaves out the "人民币" in front.
struct MoneyFormat {
    Language language = Language::chinese;
    /// The unit; empty chooses automatically: Chinese 万亿/亿/万/元 and English
    /// trillion/billion/million/plain, the largest unit not above the amount.
    std::optional<MoneyUnit> unit;
    /// Empty: exact, trailing zeros trimmed, never rounds. Set: at most this many decimals of
    /// the unit, rounded under `rounding`, trailing zeros trimmed. Negative values throw
    /// ArgumentError (to round to tens of 万, choose the unit 亿 and 1 decimal).
    std::optional<int> max_decimals;
    RoundingMode rounding = RoundingMode::half_up;
    /// Append the currency word (元 / yuan). Without it the text no longer names its currency.
    /// MoneyStyle::financial: write "人民币" in front (for forms that print it already: false).
    bool currency_word = true;
    MoneyStyle style = MoneyStyle::digits;
};

/// An exact amount of money: a count of 1/10,000 of the currency unit plus an ISO 4217 currency.
///
/// * Range: −2^119 … 2^119 − 1 counts of 1/10,000 unit (about ±6.6 × 10^31 yuan); every
///   overflow throws OverflowError and leaves the operands unchanged.
/// * +, −, <, > of two currencies throw CurrencyMismatchError; == of two currencies is false.
/// * Money × Money does not compile; Money / Money is an exact Ratio; Money × integer is exact;
///   Money × Decimal and Money / integer take a RoundingMode and round to 1/10,000 of the unit.
/// * No binary floating-point value enters or leaves.
///
/// Money is 16 bytes: the amount sits in the upper 120 bits of one 128-bit integer and the
/// currency in the lowest byte, so arrays of Money scan as fast as arrays of __int128.
class Money {
public:
    static constexpr int scale = 4;
    using rep = detail::i128;

    /// Largest and smallest number of 1/10,000 units: 2^119 − 1 and −2^119 (the range of 120
    /// bits, so that one overflow check of the packed representation covers it).
    static constexpr rep max_units() { return (rep(1) << 119) - 1; }
    static constexpr rep min_units() { return -max_units() - 1; }

    constexpr Money() = default;  ///< zero yuan
    explicit Money(Decimal<scale> amount, Currency currency = Currency::CNY)
        : Money(from_units(amount.units(), currency)) {}

    Money(float, Currency = Currency::CNY) = delete;
    Money(double, Currency = Currency::CNY) = delete;
    Money(long double, Currency = Currency::CNY) = delete;
    explicit operator double() const = delete;
    explicit operator float() const = delete;

    /// A whole number of currency units: Money::of(80'0000) is 80万元.
    template <detail::Integer Int>
    static Money of(Int whole_units, Currency currency = Currency::CNY) {
        return from_units(detail::checked_mul(detail::to_i128(whole_units, "Money::of"), detail::pow10(scale), "Money::of"),
                          currency);
    }
    /// A count of minor units (分 for CNY, whole yen for JPY).
    template <detail::Integer Int>
    static Money of_minor(Int minor_units, Currency currency = Currency::CNY) {
        return from_units(
            detail::checked_mul(detail::to_i128(minor_units, "Money::of_minor"),
                                detail::pow10(scale - minor_digits(currency)), "Money::of_minor"),
            currency);
    }
    /// A count of 1/10,000 units. Throws OverflowError outside [min_units(), max_units()].
    static Money from_units(rep units, Currency currency = Currency::CNY) {
        check(units, "Money::from_units");
        return make(units, currency);
    }

    /// Parses "605.6亿元", "605.6 亿", "2140万元", "80万", "1.1万亿元", "3500千元", "12.5百万元",
    /// "¥1,234.56", "CNY 1234.56", "1234.56 USD", "-3.5亿", "６０５．６亿元", "60.56 billion",
    /// "2.14 million yuan", "100万元整". Without a currency in the text, `default_currency`
    /// applies. Also 大写, always CNY, with or without 人民币 or ¥ in front: "人民币壹仟零伍元整",
    /// "壹拾万零柒仟元伍角叁分", "叁角伍分", "零元正" (see MoneyFormat for the rules).
    /// Throws ParseError (input, byte offset, reason) unless the whole text is one amount.
    static Money parse(std::string_view text, Currency default_currency = Currency::CNY);

    [[nodiscard]] constexpr rep units() const {
#if PARKINVEST_HAS_INT128
        return packed_value() >> 8;
#else
        return units_;
#endif
    }
    [[nodiscard]] constexpr Currency currency() const {
#if PARKINVEST_HAS_INT128
        return static_cast<Currency>(static_cast<std::uint8_t>(packed_value() & 0xFF));
#else
        return currency_;
#endif
    }
    [[nodiscard]] Decimal<scale> amount() const { return Decimal<scale>::from_units(units()); }
    [[nodiscard]] constexpr bool is_zero() const { return units() == 0; }
    [[nodiscard]] constexpr int signum() const { return units() < 0 ? -1 : (units() > 0 ? 1 : 0); }

    /// Equal amount and equal currency; amounts of two currencies are simply unequal.
    friend constexpr bool operator==(const Money&, const Money&) = default;
    /// Orders amounts of one currency; throws CurrencyMismatchError for two.
    friend std::strong_ordering operator<=>(const Money& a, const Money& b) {
        a.require_same(b, "Money <=> Money");
        const rep x = a.units(), y = b.units();
        return x < y ? std::strong_ordering::less : (y < x ? std::strong_ordering::greater : std::strong_ordering::equal);
    }

    Money operator-() const {
        if (units() == min_units()) detail::throw_overflow("-Money");
        return make(-units(), currency());
    }
    friend Money operator+(const Money& a, const Money& b) {
#if PARKINVEST_HAS_INT128
        a.require_same(b, "Money + Money");
        rep r;  // (a << 8 | c) + (b << 8) overflows 128 bits exactly when a + b leaves 120 bits
        if (__builtin_add_overflow(a.packed_value(), b.packed_value() & ~rep(0xFF), &r)) [[unlikely]]
            detail::throw_overflow("Money + Money");
        return packed(r);
#else
        a.require_same(b, "Money + Money");
        return from_units(a.units() + b.units(), a.currency());
#endif
    }
    friend Money operator-(const Money& a, const Money& b) {
#if PARKINVEST_HAS_INT128
        a.require_same(b, "Money - Money");
        rep r;
        if (__builtin_sub_overflow(a.packed_value(), b.packed_value() & ~rep(0xFF), &r)) [[unlikely]]
            detail::throw_overflow("Money - Money");
        return packed(r);
#else
        a.require_same(b, "Money - Money");
        return from_units(a.units() - b.units(), a.currency());
#endif
    }
    Money& operator+=(const Money& b) { return *this = *this + b; }
    Money& operator-=(const Money& b) { return *this = *this - b; }

    /// Exact; any integer type, __int128 and unsigned __int128 included (also under strict
    /// -std=c++20), so m * other.units() compiles.
    template <detail::Integer Int>
    friend Money operator*(const Money& a, Int n) {
        if constexpr (detail::is_int128_v<Int>)
            if (a.is_zero()) return a;  // 0 × n is 0 even for an n beyond ±(2^127 − 1)
        return from_units(detail::checked_mul(a.units(), detail::to_i128(n, "Money * integer"), "Money * integer"),
                          a.currency());
    }
    template <detail::Integer Int>
    friend Money operator*(Int n, const Money& a) {
        return a * n;
    }
    // Misuse does not compile, and the compiler's note quotes the line that says why.
    friend void operator*(const Money&, const Money&) = delete;  // Money * Money: money squared means nothing; multiply by an integer, or use mul(Decimal/Ratio/Percent, RoundingMode)
    template <std::floating_point F>
    friend void operator*(const Money&, F) = delete;  // Money * floating point: binary floating point never enters Money; use Money * integer or mul(Decimal<S>, RoundingMode)
    template <std::floating_point F>
    friend void operator*(F, const Money&) = delete;  // floating point * Money: binary floating point never enters Money; use Money * integer or mul(Decimal<S>, RoundingMode)

    /// this × factor, rounded to 1/10,000 of the unit under `mode`.
    template <int S>
    [[nodiscard]] Money mul(const Decimal<S>& factor, RoundingMode mode) const {
        const rep u = units();
        const rep f = factor.units();
        try {
#if PARKINVEST_HAS_INT128
            if constexpr (S <= 18) {
                // Common case: both fit 64 bits and so does the product; the division by the
                // constant 10^S then compiles to a multiplication.
                constexpr std::int64_t den = static_cast<std::int64_t>(detail::pow10(S));
                std::int64_t p;
                if (u == rep(static_cast<std::int64_t>(u)) && f == rep(static_cast<std::int64_t>(f)) &&
                    !__builtin_mul_overflow(static_cast<std::int64_t>(u), static_cast<std::int64_t>(f), &p))
                    return make(detail::div_round64(p, den, mode, "Money * Decimal"), currency());
            }
#endif
            return from_units(detail::mul_div_round(u, f, detail::pow10(S), mode, "Money * Decimal"), currency());
        } catch (const InexactRoundingError&) {
            detail::throw_inexact("Money * Decimal", to_string() + " × " + factor.to_string(), scale);
        }
    }
    /// this × an exact ratio (a share, a growth factor), rounded once to 1/10,000 of the unit.
    [[nodiscard]] Money mul(const Ratio& factor, RoundingMode mode) const {
        try {
            return from_units(detail::mul_div_round(units(), factor.numerator(), factor.denominator(), mode, "Money * Ratio"),
                              currency());
        } catch (const InexactRoundingError&) {
            detail::throw_inexact("Money * Ratio", to_string() + " × " + factor.to_string(), scale);
        }
    }
    /// this × a percentage (44.2% of it), rounded once to 1/10,000 of the unit.
    [[nodiscard]] Money mul(const Percent& p, RoundingMode mode) const { return mul(p.fraction(), mode); }
    /// this / n, rounded to 1/10,000 of the unit. Throws DivisionByZeroError when n == 0.
    template <detail::Integer Int>
    [[nodiscard]] Money div(Int n, RoundingMode mode) const {
        try {
            return from_units(detail::div_round_integer(units(), n, mode, "Money / integer"), currency());
        } catch (const InexactRoundingError&) {
            detail::throw_inexact("Money / integer", to_string() + " / " + detail::integer_text(n), scale);
        }
    }
    template <std::floating_point F>
    Money div(F, RoundingMode) const = delete;  // Money / floating point: binary floating point never enters Money; use div(integer, RoundingMode) or mul(Ratio, RoundingMode)
    /// The exact ratio of two amounts of one currency (a share, a multiple).
    friend Ratio operator/(const Money& a, const Money& b) {
        a.require_same(b, "Money / Money");
        if (b.is_zero()) throw DivisionByZeroError("Money / Money");
        return Ratio(a.units(), b.units());
    }

    /// Rounded to the currency's minor unit (分 for CNY, whole yen for JPY).
    [[nodiscard]] Money rounded(RoundingMode mode) const { return rounded(minor_digits(currency()), mode); }
    /// Rounded to `decimals` decimals of the unit; negative values round to tens, hundreds ...
    [[nodiscard]] Money rounded(int decimals, RoundingMode mode) const {
        return rounded_to_power(-static_cast<long long>(decimals), mode);
    }
    /// Rounded to `decimals` decimals of a reporting unit: 605.63亿 at (yi, 1) is 605.6亿.
    [[nodiscard]] Money rounded(MoneyUnit unit, int decimals, RoundingMode mode) const {
        return rounded_to_power(static_cast<long long>(unit) - decimals, mode);
    }

    /// Splits this amount into parts proportional to `weights` (non-negative, not all zero).
    /// The parts always sum exactly to this amount. Each part first gets the floor of its exact
    /// share in minor units (or in 1/10,000 units when this amount is not a whole number of
    /// minor units); the minor units left over go one each to the parts with the largest
    /// remainders, the earlier part first on ties. Negative amounts are split as their
    /// magnitude and negated.
    [[nodiscard]] std::vector<Money> allocate(std::span<const std::int64_t> weights) const;
    [[nodiscard]] std::vector<Money> allocate(std::initializer_list<std::int64_t> weights) const {
        return allocate(std::span<const std::int64_t>(weights.begin(), weights.size()));
    }
    /// n equal parts (n >= 1); the leftover minor units go to the first parts.
    [[nodiscard]] std::vector<Money> split(std::size_t n) const;

    /// Canonical text: "60560000000.00 CNY". At least the currency's minor digits, more when the
    /// amount has them; never rounds, so Money::parse(m.to_string()) == m.
    [[nodiscard]] std::string to_string() const;
    /// Grouped digits without currency: "60,560,000,000.00". Never rounds.
    [[nodiscard]] std::string format_grouped() const;
    /// With a unit word: "605.6亿元", "2140万元", "60.56 billion yuan"; or in 大写 with
    /// MoneyStyle::financial: "人民币贰仟壹佰肆拾万元整". Rounds only when options.max_decimals is
    /// set; without it, Money::parse(m.format(options)) == m.
    [[nodiscard]] std::string format(const MoneyFormat& options = {}) const;

private:
#if PARKINVEST_HAS_INT128
    static constexpr Money packed(rep p) {
        Money m;
        // Word by word (not one 128-bit copy): a sum loop then stores and loads the same 64-bit
        // words, which the processor forwards; a 128-bit load of two 64-bit stores stalls.
        m.bits_[0] = static_cast<std::uint64_t>(p);
        m.bits_[1] = static_cast<std::uint64_t>(static_cast<detail::u128>(p) >> 64);
        return m;
    }
    [[nodiscard]] constexpr rep packed_value() const noexcept {
        return static_cast<rep>((static_cast<detail::u128>(bits_[1]) << 64) | bits_[0]);
    }
    static constexpr Money make(rep units, Currency c) {
        return packed(static_cast<rep>(static_cast<detail::u128>(units) << 8) | static_cast<rep>(static_cast<std::uint8_t>(c)));
    }
    // (units << 8) | currency as the 128-bit integer's bits; CNY is 0, so zero-initialised is 0
    // yuan. Two 64-bit words rather than the integer: 8-byte alignment, so a Money next to a few
    // bytes (ReportedAmount, std::optional of it) is not padded to 16.
    std::array<std::uint64_t, 2> bits_{};
#else
    static Money make(rep units, Currency c) {
        Money m;
        m.units_ = units;
        m.currency_ = c;
        return m;
    }
    rep units_ = 0;
    Currency currency_ = Currency::CNY;
#endif

    static void check(const rep& units, const char* operation) {
        if (units > max_units() || units < min_units()) [[unlikely]]
            detail::throw_overflow(operation);
    }
    void require_same(const Money& b, const char* operation) const {
        if (currency() != b.currency()) [[unlikely]]
            throw_mismatch(b, operation);
    }
    /// Out of line, so the checks above stay small enough to inline in hot loops.
    [[noreturn]] void throw_mismatch(const Money& b, const char* operation) const;
    Money rounded_to_power(long long power, RoundingMode mode) const;
};

/// A conversion rate between two currencies: 1 `from` = `rate` `to`. The only way to convert.
class ExchangeRate {
public:
    static constexpr int scale = 10;
    ExchangeRate(Currency from, Currency to, Decimal<scale> rate);
    [[nodiscard]] Currency from() const { return from_; }
    [[nodiscard]] Currency to() const { return to_; }
    [[nodiscard]] const Decimal<scale>& rate() const { return rate_; }
    /// `amount` (in from()) in to(), rounded to 1/10,000 of the unit under `mode`.
    /// Throws CurrencyMismatchError when amount is not in from().
    [[nodiscard]] Money convert(const Money& amount, RoundingMode mode) const;
    /// The reverse rate, rounded to `scale` decimals under `mode`.
    [[nodiscard]] ExchangeRate inverse(RoundingMode mode) const;

private:
    Currency from_;
    Currency to_;
    Decimal<scale> rate_;
};

namespace literals {
/// "605.6亿"_cny — parsed at run time; throws ParseError on bad text.
inline Money operator""_cny(const char* text, std::size_t size) { return Money::parse({text, size}, Currency::CNY); }
}  // namespace literals

}  // namespace parkinvest

template <>
struct std::hash<parkinvest::Money> {
    std::size_t operator()(const parkinvest::Money& m) const noexcept {
        return parkinvest::detail::hash(m.units()) ^ (static_cast<std::size_t>(m.currency()) * 0x9E3779B1u);
    }
};
