// SPDX-License-Identifier: MIT
// Differential test: the library's arithmetic on random operands against a slow, obviously
// correct reference built on Boost.Multiprecision's unbounded cpp_int and cpp_rational.
//
// The reference rounds from first principles (floor, ceiling and a comparison with 1/2, per
// java.math.RoundingMode) and decides overflow from the exact result: whenever the rounded
// result is outside the type's range the library must throw OverflowError and leave its
// operands unchanged; otherwise the results must be equal. Ranges, in units: Decimal
// [-(2^127 - 1), 2^127 - 1]; Money [-2^119, 2^119 - 1] (120 bits). Operands have random bit
// lengths over the whole range, with extra weight near the limits, so both the 64-bit fast paths and the 256-bit wide paths run.
// Fixed seeds: every run checks the same operands.
#include <parkinvest/parkinvest.hpp>

#include <boost/multiprecision/cpp_int.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

// The operand generator and the i128 <-> cpp_int helpers work on the native __int128 pair.
#if PARKINVEST_HAS_INT128

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;
using parkinvest::Currency;
using parkinvest::Decimal;
using parkinvest::Money;
using parkinvest::RoundingMode;
using parkinvest::detail::i128;
using parkinvest::detail::u128;

// ---------------------------------------------------------------------------------------------
// i128 <-> cpp_int, through two 64-bit halves.

cpp_int to_big(i128 v) {
    const bool negative = v < 0;
    const u128 magnitude = negative ? u128(0) - static_cast<u128>(v) : static_cast<u128>(v);
    cpp_int r = static_cast<std::uint64_t>(magnitude >> 64);
    r <<= 64;
    r += static_cast<std::uint64_t>(magnitude & u128(std::numeric_limits<std::uint64_t>::max()));
    return negative ? cpp_int(-r) : r;
}

std::string text(i128 v) { return to_big(v).str(); }

const cpp_int& pow10_big(int n) {
    static const std::vector<cpp_int> table = [] {
        std::vector<cpp_int> t(40);
        t[0] = 1;
        for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
        return t;
    }();
    return table.at(static_cast<std::size_t>(n));
}

/// The units a type can hold: [lo, hi].
struct Range {
    cpp_int lo;
    cpp_int hi;
    i128 lo_units;
    i128 hi_units;

    /// The range of q such that q * step is in this range.
    [[nodiscard]] Range divided(const cpp_int& step) const {
        return {lo / step, hi / step, 0, 0};  // truncation: ceil(lo / step), floor(hi / step)
    }
};

const Range& decimal_range() {
    static const Range r = [] {
        const auto hi = static_cast<i128>((u128(1) << 127) - 1);
        return Range{-to_big(hi), to_big(hi), -hi, hi};
    }();
    return r;
}

const Range& money_range() {
    static const Range r = [] {
        const auto hi = static_cast<i128>((u128(1) << 119) - 1);
        const i128 lo = -hi - 1;
        return Range{to_big(lo), to_big(hi), lo, hi};
    }();
    return r;
}

// ---------------------------------------------------------------------------------------------
// The reference rounding.

/// num/den as a rational. The sign goes to the numerator first: Boost 1.74's rational rejects
/// a negative denominator of an unbounded integer ("non-zero singular denominator").
cpp_rational fraction(const cpp_int& num, const cpp_int& den) {
    if (den < 0) return cpp_rational(cpp_int(-num), cpp_int(-den));
    return cpp_rational(num, den);
}

/// An exact rational value prepared for rounding to an integer under any mode.
struct Exact {
    cpp_int floor;        // largest integer <= x
    bool integral{};      // x == floor
    int half{};           // sign of (x - floor) - 1/2, when !integral
    bool positive{};      // x > 0

    explicit Exact(const cpp_rational& x) {
        const cpp_int num = boost::multiprecision::numerator(x);
        const cpp_int den = boost::multiprecision::denominator(x);  // > 0
        floor = num / den;  // truncates towards zero
        if (floor * den > num) floor -= 1;
        integral = floor * den == num;
        positive = x > 0;
        if (!integral) {
            const cpp_rational part = x - cpp_rational(floor);  // in (0, 1)
            half = part.compare(cpp_rational(1, 2));
        }
    }

    /// x rounded under `mode`; empty when the mode is UNNECESSARY and x is not an integer.
    [[nodiscard]] std::optional<cpp_int> rounded(RoundingMode mode) const {
        if (integral) return floor;
        const cpp_int ceiling = floor + 1;
        const cpp_int& towards_zero = positive ? floor : ceiling;
        const cpp_int& away_from_zero = positive ? ceiling : floor;
        switch (mode) {
        case RoundingMode::up: return away_from_zero;
        case RoundingMode::down: return towards_zero;
        case RoundingMode::ceiling: return ceiling;
        case RoundingMode::floor: return floor;
        case RoundingMode::half_up:
        case RoundingMode::half_down:
        case RoundingMode::half_even:
            if (half < 0) return floor;
            if (half > 0) return ceiling;
            if (mode == RoundingMode::half_up) return away_from_zero;
            if (mode == RoundingMode::half_down) return towards_zero;
            return (floor % 2 == 0) ? floor : ceiling;
        case RoundingMode::unnecessary: return std::nullopt;
        }
        return std::nullopt;
    }
};

/// What the library must do.
struct Expected {
    enum Kind { value, inexact, overflow, inexact_or_overflow } kind = value;
    cpp_int units;

    [[nodiscard]] std::string describe() const {
        switch (kind) {
        case value: return units.str();
        case inexact: return "InexactRoundingError";
        case overflow: return "OverflowError";
        case inexact_or_overflow: return "InexactRoundingError or OverflowError";
        }
        return "?";
    }
};

/// How often the results fell exactly on a limit or one step past it; each test resets it and
/// checks that its operands really reached the edges of the range.
struct EdgeCount {
    std::size_t at_limit = 0;    // result == lo or hi: must not throw
    std::size_t past_limit = 0;  // result == lo - 1 or hi + 1: must throw
    std::size_t overflows = 0;   // result outside [lo, hi]
};
EdgeCount edges;

Expected in_range(const cpp_int& v, const Range& range) {
    if (v == range.lo || v == range.hi) ++edges.at_limit;
    if (v == range.lo - 1 || v == range.hi + 1) ++edges.past_limit;
    if (v < range.lo || v > range.hi) {
        ++edges.overflows;
        return {Expected::overflow, {}};
    }
    return {Expected::value, v};
}

/// Requires at least `at`, `past` and `over` results on, just past and beyond the limit.
void expect_edges(std::size_t at, std::size_t past, std::size_t over) {
    EXPECT_GE(edges.at_limit, at) << "results exactly at the limit";
    EXPECT_GE(edges.past_limit, past) << "results one step past the limit";
    EXPECT_GE(edges.overflows, over) << "results beyond the limit";
    edges = {};
}

/// The expectation for `x` rounded under `mode` into `range`. When the result is inexact
/// (UNNECESSARY) and a neighbour is outside the range, either error is accepted.
Expected expect_rounded(const Exact& x, RoundingMode mode, const Range& range) {
    const std::optional<cpp_int> r = x.rounded(mode);
    if (!r) {
        if (x.floor < range.lo || x.floor + 1 > range.hi) return {Expected::inexact_or_overflow, {}};
        return {Expected::inexact, {}};
    }
    return in_range(*r, range);
}

// ---------------------------------------------------------------------------------------------
// Checking one library call.

class Checker {
public:
    explicit Checker(std::string name) : name_(std::move(name)) {}
    Checker(const Checker&) = delete;
    Checker& operator=(const Checker&) = delete;
    ~Checker() {
        EXPECT_EQ(failures_, 0u) << name_ << ": " << failures_ << " of " << checks_ << " checks failed";
    }

    /// Runs `op` (returning the result's units) and compares with `e`. `describe` is only
    /// called on failure, to name the operands.
    template <class Op, class Describe>
    void check(const Expected& e, Op&& op, Describe&& describe) {
        ++checks_;
        std::string actual;
        bool ok = false;
        try {
            const i128 units = op();
            ok = e.kind == Expected::value && to_big(units) == e.units;
            actual = text(units);
        } catch (const parkinvest::InexactRoundingError& err) {
            ok = e.kind == Expected::inexact || e.kind == Expected::inexact_or_overflow;
            actual = std::string("InexactRoundingError: ") + err.what();
        } catch (const parkinvest::OverflowError& err) {
            ok = e.kind == Expected::overflow || e.kind == Expected::inexact_or_overflow;
            actual = std::string("OverflowError: ") + err.what();
        } catch (const std::exception& err) {
            actual = std::string("exception: ") + err.what();
        }
        if (!ok) fail(describe(), e.describe(), actual);
    }

    /// Records a failed invariant.
    void fail(const std::string& what, const std::string& expected, const std::string& actual) {
        ++failures_;
        if (failures_ <= 25)
            ADD_FAILURE() << name_ << ": " << what << "\n  expected: " << expected << "\n  actual:   " << actual;
    }
    void count() { ++checks_; }

    [[nodiscard]] std::size_t checks() const { return checks_; }

private:
    std::string name_;
    std::size_t checks_ = 0;
    std::size_t failures_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Random operands.

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next() { return engine_(); }
    /// Uniform in [lo, hi].
    std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + next() % (hi - lo + 1); }
    int bits(int max_bits) { return static_cast<int>(between(0, static_cast<std::uint64_t>(max_bits))); }
    bool coin() { return (next() & 1) != 0; }
    bool one_in(std::uint64_t n) { return next() % n == 0; }

    /// A magnitude of exactly `bits` significant bits (0 for bits == 0), bits <= 127.
    u128 magnitude(int bits) {
        if (bits <= 0) return 0;
        u128 v = (static_cast<u128>(next()) << 64) | next();
        v &= (u128(1) << bits) - 1;
        v |= u128(1) << (bits - 1);
        return v;
    }

    i128 signed_value(int bits) {
        const auto m = static_cast<i128>(magnitude(bits));
        return coin() ? -m : m;
    }

    /// Units anywhere in `range` (whose hi is 2^k - 1): mostly a random bit length; 1 in 6
    /// within a random (or tiny) distance of an end; 1 in 12 within 3 of an end / 2 or / 3 (so
    /// that x2, x3 land on the end exactly); 1 in 12 tiny (0..3).
    i128 units(const Range& range) {
        const bool negative = coin();
        const i128 end = negative ? range.lo_units : range.hi_units;
        const i128 towards_zero = negative ? 1 : -1;
        const int limit_bits = bit_length(range.hi_units);
        switch (between(0, 11)) {
        case 0:
        case 1: {
            const i128 distance =
                coin() ? static_cast<i128>(magnitude(bits(limit_bits - 2))) : static_cast<i128>(between(0, 3));
            return end + towards_zero * distance;
        }
        case 2: return end / static_cast<i128>(between(2, 3)) + static_cast<i128>(between(0, 6)) - 3;
        case 3: {
            const auto v = static_cast<i128>(between(0, 3));
            return negative ? -v : v;
        }
        default: {
            const auto v = static_cast<i128>(magnitude(bits(limit_bits)));
            return negative ? -v : v;
        }
        }
    }
    i128 money_units() { return units(money_range()); }
    i128 decimal_units() { return units(decimal_range()); }

    static int bit_length(i128 v) {
        int n = 0;
        for (; v != 0; v /= 2) ++n;
        return n;
    }

    Currency currency() {
        constexpr Currency choices[] = {Currency::CNY, Currency::USD, Currency::JPY, Currency::EUR};
        return choices[between(0, 3)];
    }

    std::int64_t int64(int max_bits) {
        const auto m = static_cast<std::int64_t>(magnitude(std::min(max_bits, 63)));
        return coin() ? -m : m;
    }

private:
    std::mt19937_64 engine_;
};

std::string money_text(const Money& m) {
    return text(m.units()) + "/10^4 " + std::string(parkinvest::iso_code(m.currency()));
}

template <int S>
std::string decimal_text(const Decimal<S>& d) {
    return text(d.units()) + "/10^" + std::to_string(S);
}

// ---------------------------------------------------------------------------------------------
// The helpers themselves.

TEST(Differential, ConversionHelpers) {
    EXPECT_EQ(to_big(parkinvest::detail::i128_max()), (cpp_int(1) << 127) - 1);
    EXPECT_EQ(to_big(parkinvest::detail::i128_min()), -((cpp_int(1) << 127) - 1));
    EXPECT_EQ(to_big(Money::max_units()), (cpp_int(1) << 119) - 1);
    EXPECT_EQ(to_big(Money::min_units()), -(cpp_int(1) << 119));
    EXPECT_EQ(to_big(0), cpp_int(0));
    EXPECT_EQ(to_big(-1), cpp_int(-1));
    EXPECT_EQ(to_big(static_cast<i128>(u128(1) << 64)), cpp_int("18446744073709551616"));
    EXPECT_EQ(to_big(-static_cast<i128>((u128(1) << 64) + 5)), cpp_int("-18446744073709551621"));
    EXPECT_EQ(text(parkinvest::detail::i128_max()), parkinvest::detail::to_string(parkinvest::detail::i128_max()));

    // The reference rounding on the table of java.math.RoundingMode.
    const char* const values[] = {"11/2", "5/2", "8/5", "11/10", "1", "-1", "-11/10", "-8/5", "-5/2", "-11/2"};
    const int table[][7] = {
        // UP DOWN CEILING FLOOR HALF_UP HALF_DOWN HALF_EVEN
        {6, 5, 6, 5, 6, 5, 6},        {3, 2, 3, 2, 3, 2, 2},        {2, 1, 2, 1, 2, 2, 2},
        {2, 1, 2, 1, 1, 1, 1},        {1, 1, 1, 1, 1, 1, 1},        {-1, -1, -1, -1, -1, -1, -1},
        {-2, -1, -1, -2, -1, -1, -1}, {-2, -1, -1, -2, -2, -2, -2}, {-3, -2, -2, -3, -3, -2, -2},
        {-6, -5, -5, -6, -6, -5, -6},
    };
    for (std::size_t i = 0; i < std::size(values); ++i) {
        const Exact x{cpp_rational(values[i])};
        for (std::size_t m = 0; m < 7; ++m) {
            const auto r = x.rounded(parkinvest::all_rounding_modes[m]);
            ASSERT_TRUE(r.has_value());
            EXPECT_EQ(*r, table[i][m]) << values[i] << " " << parkinvest::to_string(parkinvest::all_rounding_modes[m]);
        }
        EXPECT_EQ(x.rounded(RoundingMode::unnecessary).has_value(), x.integral) << values[i];
    }
}

// ---------------------------------------------------------------------------------------------
// Edge operands: the ends of the range and the points that x2, x3 or /2 carry onto them.

std::vector<i128> edge_units(const Range& range) {
    std::vector<i128> v = {0, 1, 2, -1, -2};
    for (const i128 end : {range.lo_units, range.hi_units}) {
        const i128 towards_zero = end < 0 ? 1 : -1;
        for (i128 k = 0; k <= 3; ++k) v.push_back(end + towards_zero * k);
        for (i128 d = -2; d <= 2; ++d) {
            v.push_back(end / 2 + d);
            v.push_back(end / 3 + d);
        }
    }
    return v;
}

/// +-1, +-2, +-3, +-1/2 in units of 10^-S, each also one unit either side.
template <int S>
std::vector<i128> edge_factors() {
    const i128 one = parkinvest::detail::pow10(S);
    std::vector<i128> v;
    for (const i128 whole : {one, 2 * one, 3 * one, one / 2}) {
        if (whole == 0) continue;
        for (i128 d = -1; d <= 1; ++d) {
            if (whole + d == 0) continue;
            v.push_back(whole + d);
            v.push_back(-(whole + d));
        }
    }
    return v;
}

/// A factor of Decimal<S>: random bit length, small (fast path), near m + 1/2, or an edge factor.
template <int S>
i128 random_factor(Random& rnd) {
    const i128 one = parkinvest::detail::pow10(S);
    switch (rnd.between(0, 5)) {
    case 0: return rnd.signed_value(rnd.bits(40));  // with a small amount: the 64-bit path
    case 1: {  // m + 1/2 (ties) or m + 1/2 + one unit
        const i128 m = rnd.signed_value(rnd.bits(20)) * one;
        const i128 v = m + one / 2 + (rnd.coin() ? 0 : 1);
        return rnd.coin() ? -v : v;
    }
    case 2: {
        static const std::vector<i128> edges_of_s = edge_factors<S>();
        return edges_of_s[rnd.between(0, edges_of_s.size() - 1)];
    }
    default: return rnd.decimal_units();
    }
}

template <class M>
i128 units_in(const M& m, Currency currency) {
    if (m.currency() != currency) throw std::logic_error("the currency changed");
    return m.units();
}

// ---------------------------------------------------------------------------------------------
// Addition and subtraction.

void check_money_add_sub(Checker& c, const Money& a, const Money& b) {
    const cpp_int x = to_big(a.units()), y = to_big(b.units());
    const Currency cur = a.currency();
    c.check(in_range(-x, money_range()), [&] { return units_in(-a, cur); }, [&] { return "-(" + money_text(a) + ")"; });
    for (const bool add : {true, false}) {
        const auto describe = [&] { return money_text(a) + (add ? " + " : " - ") + money_text(b); };
        const Expected e = in_range(add ? cpp_int(x + y) : cpp_int(x - y), money_range());
        c.check(e, [&] { return units_in(add ? a + b : a - b, cur); }, describe);
        // The compound form: on overflow the left operand keeps its value.
        Money acc = a;
        c.check(e, [&] { return units_in(add ? (acc += b) : (acc -= b), cur); }, describe);
        if (e.kind == Expected::overflow && acc != a) c.fail(describe() + " (compound)", "operand unchanged", money_text(acc));
    }
}

TEST(Differential, MoneyAddSubtract) {
    Checker c("Money +/-");
    Random rnd(0x5eed'0001);
    edges = {};
    for (int i = 0; i < 30000; ++i) {
        const Currency cur = rnd.currency();
        check_money_add_sub(c, Money::from_units(rnd.money_units(), cur), Money::from_units(rnd.money_units(), cur));
    }
    for (const i128 x : edge_units(money_range()))
        for (const i128 y : edge_units(money_range())) check_money_add_sub(c, Money::from_units(x), Money::from_units(y));
    expect_edges(150, 100, 5000);
}

void check_decimal_add_sub(Checker& c, const Decimal<4>& a, const Decimal<4>& b) {
    const cpp_int x = to_big(a.units()), y = to_big(b.units());
    for (const bool add : {true, false}) {
        const auto describe = [&] { return decimal_text(a) + (add ? " + " : " - ") + decimal_text(b); };
        const Expected e = in_range(add ? cpp_int(x + y) : cpp_int(x - y), decimal_range());
        c.check(e, [&] { return (add ? a + b : a - b).units(); }, describe);
        Decimal<4> acc = a;
        c.check(e, [&] { return (add ? (acc += b) : (acc -= b)).units(); }, describe);
        if (e.kind == Expected::overflow && acc != a) c.fail(describe() + " (compound)", "operand unchanged", decimal_text(acc));
    }
}

TEST(Differential, DecimalAddSubtract) {
    Checker c("Decimal +/-");
    Random rnd(0x5eed'0002);
    edges = {};
    for (int i = 0; i < 20000; ++i)
        check_decimal_add_sub(c, Decimal<4>::from_units(rnd.decimal_units()), Decimal<4>::from_units(rnd.decimal_units()));
    for (const i128 x : edge_units(decimal_range()))
        for (const i128 y : edge_units(decimal_range())) check_decimal_add_sub(c, Decimal<4>::from_units(x), Decimal<4>::from_units(y));
    expect_edges(120, 60, 4000);
}

// ---------------------------------------------------------------------------------------------
// Multiplication and rounding.

/// Operands that take Money::mul's 64-bit path and those that need the wide one.
struct PathCount {
    std::size_t fast = 0;
    std::size_t wide = 0;
    std::size_t exact = 0;  // products that need no rounding
};

template <int S>
void check_money_mul(Checker& c, const Money& a, const Decimal<S>& f, PathCount& paths) {
    const cpp_int product = to_big(a.units()) * to_big(f.units());
    const Exact x{fraction(product, pow10_big(S))};
    paths.exact += x.integral;
    const cpp_int int64_max(std::numeric_limits<std::int64_t>::max());
    const bool fast = S <= 18 && abs(to_big(a.units())) <= int64_max && abs(to_big(f.units())) <= int64_max &&
                      abs(product) <= int64_max;
    (fast ? paths.fast : paths.wide) += 1;
    for (const RoundingMode mode : parkinvest::all_rounding_modes) {
        c.check(expect_rounded(x, mode, money_range()), [&] { return units_in(a.mul(f, mode), a.currency()); },
                [&] { return money_text(a) + " mul " + decimal_text(f) + " " + std::string(parkinvest::to_string(mode)); });
    }
}

template <int S>
void money_mul(Checker& c, Random& rnd, int operands, PathCount& paths) {
    for (int i = 0; i < operands; ++i) {
        const Currency cur = rnd.currency();
        i128 u = rnd.money_units();
        if (rnd.one_in(3)) u = rnd.signed_value(rnd.bits(40));  // small amounts: the 64-bit path
        check_money_mul(c, Money::from_units(u, cur), Decimal<S>::from_units(random_factor<S>(rnd)), paths);
    }
    for (const i128 u : edge_units(money_range()))
        for (const i128 f : edge_factors<S>())
            check_money_mul(c, Money::from_units(u), Decimal<S>::from_units(f), paths);
}

TEST(Differential, MoneyMulDecimal) {
    Checker c("Money::mul");
    Random rnd(0x5eed'0003);
    edges = {};
    PathCount paths;
    money_mul<0>(c, rnd, 2000, paths);
    money_mul<2>(c, rnd, 5000, paths);
    money_mul<6>(c, rnd, 5000, paths);
    money_mul<10>(c, rnd, 5000, paths);
    money_mul<18>(c, rnd, 2000, paths);
    money_mul<20>(c, rnd, 2000, paths);
    expect_edges(200, 200, 30000);
    EXPECT_GT(paths.exact, 3000u);
    EXPECT_GT(paths.fast, 5000u);
    EXPECT_GT(paths.wide, 12000u);
}

template <int S, int S2>
void check_decimal_mul(Checker& c, const Decimal<S>& a, const Decimal<S2>& b) {
    const Exact x{fraction(to_big(a.units()) * to_big(b.units()), pow10_big(S2))};
    for (const RoundingMode mode : parkinvest::all_rounding_modes) {
        c.check(expect_rounded(x, mode, decimal_range()), [&] { return a.mul(b, mode).units(); },
                [&] { return decimal_text(a) + " mul " + decimal_text(b) + " " + std::string(parkinvest::to_string(mode)); });
    }
}

template <int S, int S2>
void decimal_mul(Checker& c, Random& rnd, int operands) {
    for (int i = 0; i < operands; ++i) {
        const i128 a = rnd.one_in(3) ? rnd.signed_value(rnd.bits(60)) : rnd.decimal_units();
        check_decimal_mul(c, Decimal<S>::from_units(a), Decimal<S2>::from_units(random_factor<S2>(rnd)));
    }
    for (const i128 a : edge_units(decimal_range()))
        for (const i128 b : edge_factors<S2>()) check_decimal_mul(c, Decimal<S>::from_units(a), Decimal<S2>::from_units(b));
}

TEST(Differential, DecimalMulDecimal) {
    Checker c("Decimal::mul");
    Random rnd(0x5eed'0004);
    edges = {};
    decimal_mul<4, 6>(c, rnd, 5000);
    decimal_mul<10, 10>(c, rnd, 3000);
    decimal_mul<2, 20>(c, rnd, 2000);
    expect_edges(100, 60, 15000);
}

// ---------------------------------------------------------------------------------------------
// Division and rounding.

void check_money_div(Checker& c, const Money& a, std::int64_t n) {
    const Exact x{fraction(to_big(a.units()), cpp_int(n))};
    for (const RoundingMode mode : parkinvest::all_rounding_modes) {
        c.check(expect_rounded(x, mode, money_range()), [&] { return units_in(a.div(n, mode), a.currency()); },
                [&] { return money_text(a) + " div " + std::to_string(n) + " " + std::string(parkinvest::to_string(mode)); });
    }
}

TEST(Differential, MoneyDivInteger) {
    Checker c("Money::div");
    Random rnd(0x5eed'0005);
    edges = {};
    for (int i = 0; i < 15000; ++i) {
        const Currency cur = rnd.currency();
        const Money a = Money::from_units(rnd.one_in(4) ? rnd.signed_value(rnd.bits(62)) : rnd.money_units(), cur);
        std::int64_t n = rnd.int64(rnd.bits(63));
        if (rnd.one_in(5)) n = rnd.coin() ? 2 : -2 * static_cast<std::int64_t>(rnd.between(1, 50));  // ties
        if (rnd.one_in(200)) n = std::numeric_limits<std::int64_t>::min();
        if (n == 0) n = 3;
        check_money_div(c, a, n);
    }
    for (const i128 u : edge_units(money_range()))
        for (const std::int64_t n : {std::int64_t{1}, std::int64_t{-1}, std::int64_t{2}, std::int64_t{-3},
                                     std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()})
            check_money_div(c, Money::from_units(u), n);
    expect_edges(40, 0, 0);  // |a / n| <= |a|: out of range only for -2^119 / -1

    // Division by zero.
    const Money a = Money::of(7);
    for (const RoundingMode mode : parkinvest::all_rounding_modes) {
        EXPECT_THROW((void)a.div(0, mode), parkinvest::DivisionByZeroError);
        EXPECT_EQ(a, Money::of(7));
    }
}

template <int S, int S2>
void check_decimal_div(Checker& c, const Decimal<S>& a, const Decimal<S2>& b) {
    const Exact x{fraction(to_big(a.units()) * pow10_big(S2), to_big(b.units()))};
    for (const RoundingMode mode : parkinvest::all_rounding_modes) {
        c.check(expect_rounded(x, mode, decimal_range()), [&] { return a.div(b, mode).units(); },
                [&] { return decimal_text(a) + " div " + decimal_text(b) + " " + std::string(parkinvest::to_string(mode)); });
    }
}

template <int S, int S2>
void decimal_div(Checker& c, Random& rnd, int operands) {
    for (int i = 0; i < operands; ++i) {
        const i128 a = rnd.one_in(3) ? rnd.signed_value(rnd.bits(60)) : rnd.decimal_units();
        i128 b = rnd.one_in(2) ? rnd.signed_value(rnd.bits(127)) : rnd.signed_value(rnd.bits(40));
        if (rnd.one_in(5)) b = 2 * rnd.signed_value(rnd.bits(10)) * parkinvest::detail::pow10(S2);  // ties
        if (rnd.one_in(5)) b = random_factor<S2>(rnd);
        if (b == 0) b = 1;
        check_decimal_div(c, Decimal<S>::from_units(a), Decimal<S2>::from_units(b));
    }
    for (const i128 a : edge_units(decimal_range()))
        for (const i128 b : edge_factors<S2>()) check_decimal_div(c, Decimal<S>::from_units(a), Decimal<S2>::from_units(b));
}

TEST(Differential, DecimalDiv) {
    Checker c("Decimal::div");
    Random rnd(0x5eed'0006);
    edges = {};
    decimal_div<4, 4>(c, rnd, 8000);
    decimal_div<4, 8>(c, rnd, 4000);
    decimal_div<10, 0>(c, rnd, 3000);
    expect_edges(100, 40, 4000);

    // Decimal / integer.
    for (int i = 0; i < 5000; ++i) {
        const auto a = Decimal<4>::from_units(rnd.decimal_units());
        std::int64_t n = rnd.int64(rnd.bits(63));
        if (n == 0) n = -7;
        const Exact x{fraction(to_big(a.units()), cpp_int(n))};
        for (const RoundingMode mode : parkinvest::all_rounding_modes)
            c.check(expect_rounded(x, mode, decimal_range()), [&] { return a.div(n, mode).units(); },
                    [&] { return decimal_text(a) + " div " + std::to_string(n) + " " + std::string(parkinvest::to_string(mode)); });
    }
    edges = {};
    const auto one = Decimal<4>(1);
    EXPECT_THROW((void)one.div(Decimal<4>(), RoundingMode::half_even), parkinvest::DivisionByZeroError);
    EXPECT_THROW((void)one.div(0, RoundingMode::half_even), parkinvest::DivisionByZeroError);
}

// ---------------------------------------------------------------------------------------------
// Rounding to fewer decimals (also near the limits, where rounding away from zero overflows).

void check_decimal_round(Checker& c, const Decimal<4>& a, int decimals) {
    const int drop = 4 - decimals;
    const Exact x{fraction(to_big(a.units()), pow10_big(drop))};
    for (const RoundingMode mode : parkinvest::all_rounding_modes) {
        // The rounded value is q * 10^drop: in range while |q| <= limit / 10^drop.
        Expected e = expect_rounded(x, mode, decimal_range().divided(pow10_big(drop)));
        if (e.kind == Expected::value) e.units *= pow10_big(drop);
        c.check(e, [&] { return a.round(decimals, mode).units(); },
                [&] {
                    return decimal_text(a) + " round " + std::to_string(decimals) + " " + std::string(parkinvest::to_string(mode));
                });
    }
}

void check_money_rounded(Checker& c, const Money& a) {
    const int drop = 4 - parkinvest::minor_digits(a.currency());
    const Exact x{fraction(to_big(a.units()), pow10_big(drop))};
    for (const RoundingMode mode : parkinvest::all_rounding_modes) {
        Expected e = expect_rounded(x, mode, money_range().divided(pow10_big(drop)));
        if (e.kind == Expected::value) e.units *= pow10_big(drop);
        c.check(e, [&] { return units_in(a.rounded(mode), a.currency()); },
                [&] { return money_text(a) + " rounded " + std::string(parkinvest::to_string(mode)); });
    }
}

TEST(Differential, Round) {
    Checker c("round");
    Random rnd(0x5eed'0007);
    edges = {};
    for (int i = 0; i < 8000; ++i)
        check_decimal_round(c, Decimal<4>::from_units(rnd.decimal_units()), static_cast<int>(rnd.between(0, 3)));
    for (const i128 u : edge_units(decimal_range()))
        for (int decimals = 0; decimals <= 3; ++decimals) check_decimal_round(c, Decimal<4>::from_units(u), decimals);
    expect_edges(1500, 1500, 1500);

    for (int i = 0; i < 8000; ++i) check_money_rounded(c, Money::from_units(rnd.money_units(), rnd.currency()));
    for (const i128 u : edge_units(money_range()))
        for (const Currency cur : {Currency::CNY, Currency::JPY}) check_money_rounded(c, Money::from_units(u, cur));
    expect_edges(1500, 1500, 1500);
}

// ---------------------------------------------------------------------------------------------
// Allocation.

/// The documented rule, on unbounded integers: shares of the magnitude in granules (minor units,
/// or 1/10,000 when the amount is not a whole number of minor units), floors first, the leftover
/// granules one each to the largest remainders, earlier parts first on ties; negated for a
/// negative amount.
std::vector<cpp_int> reference_allocate(const cpp_int& units, const cpp_int& granule, const std::vector<std::int64_t>& w) {
    cpp_int total = 0;
    for (const std::int64_t x : w) total += x;
    const cpp_int whole = abs(units) / granule;
    std::vector<cpp_int> share(w.size()), remainder(w.size());
    cpp_int given = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const cpp_int product = whole * w[i];
        share[i] = product / total;
        remainder[i] = product % total;
        given += share[i];
    }
    cpp_int leftover = whole - given;
    std::vector<std::size_t> order(w.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) { return remainder[p] > remainder[q]; });
    for (std::size_t k = 0; leftover > 0; ++k, --leftover) share[order.at(k)] += 1;
    for (cpp_int& s : share) s *= units < 0 ? cpp_int(-granule) : granule;
    return share;
}

TEST(Differential, Allocate) {
    Checker c("Money::allocate");
    Random rnd(0x5eed'0008);
    std::size_t whole_minor = 0, fractional = 0;
    for (int i = 0; i < 15000; ++i) {
        const Currency cur = rnd.currency();
        const cpp_int minor = pow10_big(4 - parkinvest::minor_digits(cur));
        i128 u = rnd.money_units();
        if (rnd.one_in(4)) u = rnd.signed_value(rnd.bits(24));  // small: many ties and leftovers
        if (rnd.one_in(2)) {  // a whole number of minor units
            const auto m = static_cast<i128>(minor);
            u = u / m * m;
        }
        const Money a = Money::from_units(u, cur);
        std::vector<std::int64_t> weights(rnd.between(1, 7));
        for (std::int64_t& w : weights) {
            switch (rnd.between(0, 3)) {
            case 0: w = 0; break;
            case 1: w = static_cast<std::int64_t>(rnd.between(1, 5)); break;
            default: w = static_cast<std::int64_t>(rnd.magnitude(rnd.bits(63))); break;
            }
        }
        if (std::all_of(weights.begin(), weights.end(), [](std::int64_t w) { return w == 0; }))
            weights[rnd.between(0, weights.size() - 1)] = static_cast<std::int64_t>(rnd.between(1, 1000));

        const auto describe = [&] {
            std::ostringstream s;
            s << money_text(a) << " allocate {";
            for (const std::int64_t w : weights) s << ' ' << w;
            s << " }";
            return s.str();
        };
        std::vector<Money> parts;
        try {
            parts = a.allocate(weights);
        } catch (const std::exception& e) {
            c.fail(describe(), "parts", std::string("exception: ") + e.what());
            continue;
        }
        c.count();
        if (parts.size() != weights.size()) {
            c.fail(describe(), std::to_string(weights.size()) + " parts", std::to_string(parts.size()) + " parts");
            continue;
        }
        const cpp_int units = to_big(a.units());
        const cpp_int granule = units % minor == 0 ? minor : cpp_int(1);
        (granule == minor ? whole_minor : fractional) += 1;
        cpp_int total_weight = 0;
        for (const std::int64_t w : weights) total_weight += w;

        // Invariants, independent of the rule: currency, exact sum, within one granule of the
        // exact proportional share, a whole number of granules.
        cpp_int sum = 0;
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const cpp_int p = to_big(parts[k].units());
            sum += p;
            if (parts[k].currency() != cur) c.fail(describe(), "currency kept", "part " + std::to_string(k) + " changed it");
            const cpp_rational exact_share = fraction(units * weights[k], total_weight);
            const cpp_rational distance = abs(cpp_rational(p) - exact_share);
            if (distance >= cpp_rational(granule))
                c.fail(describe(), "part " + std::to_string(k) + " within one granule of " + exact_share.str(),
                       p.str());
            if (p % granule != 0)
                c.fail(describe(), "part " + std::to_string(k) + " a multiple of " + granule.str(), p.str());
        }
        if (sum != units) c.fail(describe(), "parts summing to " + units.str(), sum.str());

        // The documented largest-remainder rule, part by part.
        const std::vector<cpp_int> expected = reference_allocate(units, granule, weights);
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const cpp_int p = to_big(parts[k].units());
            if (p != expected[k])
                c.fail(describe(), "part " + std::to_string(k) + " = " + expected[k].str(), p.str());
        }
    }
    EXPECT_GT(whole_minor, 3000u);
    EXPECT_GT(fractional, 3000u);

    // The operand is unchanged and bad weights are rejected.
    const Money a = Money::of(100);
    EXPECT_THROW((void)a.allocate({}), parkinvest::ArgumentError);
    EXPECT_THROW((void)a.allocate({0, 0}), parkinvest::ArgumentError);
    EXPECT_THROW((void)a.allocate({1, -1}), parkinvest::ArgumentError);
    EXPECT_EQ(a, Money::of(100));
}

#else

TEST(Differential, NeedsNativeInt128) { GTEST_SKIP() << "the differential test needs the native __int128"; }

#endif  // PARKINVEST_HAS_INT128

}  // namespace
