// SPDX-License-Identifier: MIT
// The slow, exact paths: 256-bit intermediates and rational arithmetic. Compiled once so that
// no public header pulls in Boost.Multiprecision.
#include <parkinvest/core/ratio.hpp>
#include <parkinvest/core/rounding.hpp>

#include <boost/multiprecision/cpp_int.hpp>

namespace parkinvest {
namespace detail {
namespace {
using boost::multiprecision::int256_t;

i128 narrow(const int256_t& v, const char* operation) {
    if (v > int256_t(i128_max()) || v < int256_t(i128_min())) throw_overflow(operation);
    return static_cast<i128>(v);
}

i128 gcd(i128 a, i128 b) {
    a = detail::abs(a);
    b = detail::abs(b);
    while (b != 0) {
        const i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

Ratio make_ratio(int256_t num, int256_t den, const char* operation) {
    if (den == 0) throw DivisionByZeroError(operation);
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const int256_t g = boost::multiprecision::gcd(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    return Ratio(narrow(num, operation), narrow(den, operation));
}
}  // namespace

i128 mul_div_round_wide(i128 a, i128 b, i128 den, RoundingMode mode, const char* operation) {
    if (den == 0) throw DivisionByZeroError(operation);
    const int256_t num = int256_t(a) * int256_t(b);
    const int256_t d = int256_t(den);
    const int256_t q = num / d;  // truncates towards zero, like the built-in types
    const int256_t r = num % d;
    if (r == 0) return narrow(q, operation);
    const bool negative = (num < 0) != (d < 0);
    const int256_t q_abs = boost::multiprecision::abs(q);
    const bool away = round_away<int256_t>(mode, negative, q_abs, boost::multiprecision::abs(r),
                                           boost::multiprecision::abs(d), operation);
    return narrow(away ? (negative ? q - 1 : q + 1) : q, operation);
}

}  // namespace detail

Ratio::Ratio(rep num, rep den) {
    if (den == 0) throw DivisionByZeroError("Ratio");
    if (!detail::in_range(num) || !detail::in_range(den)) detail::throw_overflow("Ratio");
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const rep g = detail::gcd(num, den);
    num_ = g > 1 ? num / g : num;
    den_ = g > 1 ? den / g : den;
}

Ratio Ratio::growth(rep current, rep previous) {
    if (previous == 0) throw DivisionByZeroError("growth rate");
    return Ratio(detail::checked_sub(current, previous, "growth rate"), previous);
}

std::strong_ordering operator<=>(const Ratio& a, const Ratio& b) {
    using detail::int256_t;
    const int256_t l = int256_t(a.num_) * int256_t(b.den_);
    const int256_t r = int256_t(b.num_) * int256_t(a.den_);
    return l < r ? std::strong_ordering::less : (r < l ? std::strong_ordering::greater : std::strong_ordering::equal);
}

Ratio operator+(const Ratio& a, const Ratio& b) {
    using detail::int256_t;
    return detail::make_ratio(int256_t(a.num_) * int256_t(b.den_) + int256_t(b.num_) * int256_t(a.den_),
                              int256_t(a.den_) * int256_t(b.den_), "Ratio + Ratio");
}

Ratio operator-(const Ratio& a, const Ratio& b) { return a + (-b); }

Ratio operator*(const Ratio& a, const Ratio& b) {
    using detail::int256_t;
    return detail::make_ratio(int256_t(a.num_) * int256_t(b.num_), int256_t(a.den_) * int256_t(b.den_),
                              "Ratio * Ratio");
}

std::string Ratio::to_string() const { return detail::to_string(num_) + "/" + detail::to_string(den_); }

}  // namespace parkinvest
