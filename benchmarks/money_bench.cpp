// SPDX-License-Identifier: MIT
// Google Benchmark suite for parkinvest::Money. Every library benchmark has a raw-integer
// baseline in this same binary; compare items_per_second (or ns per item) of the pairs:
//
//   BM_Sum_Money            vs BM_Sum_RawInt128, BM_Sum_RawInt64          (target: <= 1.3x int128)
//   BM_Mul_Money_Decimal4   vs BM_Mul_RawInt128_S4, BM_Mul_RawInt64_S4    (target: <= 25 ns/op)
//   BM_Mul_Money_Decimal6   vs BM_Mul_RawInt128_S6
//   BM_Parse_Money_605_6yi, BM_Parse_Money_Mix  vs BM_Parse_FromCharsInt64  (target: <= 100 ns)
//   BM_Format_Money_605_6yi, BM_ToString_Money  vs BM_Format_ToCharsInt64, BM_Format_StdToStringInt64
//                                                                          (target: <= 100 ns)
//
// No floating point anywhere: the test data come from std::mt19937_64 with a fixed seed through
// integer distributions only.
#include <parkinvest/parkinvest.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#if !defined(__SIZEOF_INT128__) || defined(PARKINVEST_NO_INT128)
#error "the parkinvest benchmarks compare against a native __int128 baseline"
#endif

namespace {

using parkinvest::Currency;
using parkinvest::Decimal;
using parkinvest::Money;
using parkinvest::RoundingMode;

__extension__ using i128 = __int128;  // __extension__ keeps -Wpedantic quiet

constexpr std::uint64_t seed = 0x5041524B494E5645ULL;  // "PARKINVE"
constexpr std::int64_t big_n = 10'000'000;
constexpr std::int64_t small_n = 10'000;
constexpr std::int64_t operand_n = 4096;  // operand arrays for mul: 4096 * 32 bytes stay in L2

constexpr std::int64_t pow10_64(int n) {
    std::int64_t r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

// ---------------------------------------------------------------------------------------------
// Test data
// ---------------------------------------------------------------------------------------------

/// `n` amounts in 1/10,000 yuan between 1万元 (10^8 units) and 200亿元 (2 * 10^14 units):
/// a decade picked uniformly (so small and large projects are equally common, as in a park's
/// register), a uniform mantissa within it, then cut to 1..6 significant digits, because
/// reported amounts are round ("2140万元", "95.9亿元").
std::vector<std::int64_t> make_amounts(std::size_t n, std::uint64_t salt) {
    constexpr std::int64_t lo = 100'000'000;          // 1万元
    constexpr std::int64_t hi = 200'000'000'000'000;  // 200亿元
    std::mt19937_64 rng(seed ^ salt);
    std::uniform_int_distribution<int> decade(8, 14);  // 10^8 .. 10^14 units
    std::uniform_int_distribution<int> significant(1, 6);
    std::vector<std::int64_t> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int d = decade(rng);
        const std::int64_t first = pow10_64(d);
        const std::int64_t last = d == 14 ? hi : pow10_64(d + 1) - 1;
        std::int64_t v = std::uniform_int_distribution<std::int64_t>(first, last)(rng);
        const int keep = significant(rng);
        const int drop = d + 1 - keep;
        if (drop > 0) {
            const std::int64_t step = pow10_64(drop);
            v = v / step * step;
        }
        if (v < lo) v = lo;
        out.push_back(v);
    }
    return out;
}

/// Rates of a Decimal<S> between 1/10^S and 1.5 (interest rates, tax rates, shares, FX rates).
template <int S>
std::vector<Decimal<S>> make_rates(std::size_t n) {
    std::mt19937_64 rng(seed ^ static_cast<std::uint64_t>(S));
    std::uniform_int_distribution<std::int64_t> units(1, 15 * pow10_64(S - 1));
    std::vector<Decimal<S>> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(Decimal<S>::from_units(units(rng)));
    return out;
}

// Built once per size and kept: the 10M-element vectors take a second to generate and every
// repetition would otherwise pay for it (outside the timed loop, but on the wall clock).
const std::vector<std::int64_t>& amounts_int64(std::size_t n) {
    static std::map<std::size_t, std::vector<std::int64_t>> cache;
    auto it = cache.find(n);
    if (it == cache.end()) it = cache.emplace(n, make_amounts(n, 0)).first;
    return it->second;
}
const std::vector<i128>& amounts_int128(std::size_t n) {
    static std::map<std::size_t, std::vector<i128>> cache;
    auto it = cache.find(n);
    if (it == cache.end()) {
        const auto& src = amounts_int64(n);
        it = cache.emplace(n, std::vector<i128>(src.begin(), src.end())).first;
    }
    return it->second;
}
const std::vector<Money>& amounts_money(std::size_t n) {
    static std::map<std::size_t, std::vector<Money>> cache;
    auto it = cache.find(n);
    if (it == cache.end()) {
        const auto& src = amounts_int64(n);
        std::vector<Money> v;
        v.reserve(src.size());
        for (std::int64_t u : src) v.push_back(Money::from_units(u, Currency::CNY));
        it = cache.emplace(n, std::move(v)).first;
    }
    return it->second;
}

std::size_t size_arg(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

// ---------------------------------------------------------------------------------------------
// 1. Sum of amounts: checked Money += vs raw __int128 vs raw int64
// ---------------------------------------------------------------------------------------------

void BM_Sum_Money(benchmark::State& state) {
    const auto& v = amounts_money(size_arg(state));
    {  // the library must agree with the baseline before its speed means anything
        Money check;
        for (const Money& m : v) check += m;
        i128 raw = 0;
        for (i128 x : amounts_int128(v.size())) raw += x;
        if (check.units() != raw) state.SkipWithError("Money sum differs from the __int128 sum");
    }
    for (auto _ : state) {
        Money total;
        for (const Money& m : v) total += m;  // checked: currency and overflow, per element
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(v.size()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(v.size() * sizeof(Money)));
}

void BM_Sum_RawInt128(benchmark::State& state) {
    const auto& v = amounts_int128(size_arg(state));
    for (auto _ : state) {
        i128 total = 0;
        for (i128 x : v) total += x;  // unchecked
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(v.size()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(v.size() * sizeof(i128)));
}

void BM_Sum_RawInt64(benchmark::State& state) {
    const auto& v = amounts_int64(size_arg(state));
    for (auto _ : state) {
        // Accumulated as uint64 so that wrapping is defined: 10M amounts of up to 200亿元 in
        // 1/10,000 units overflow int64 (that is why Money has 120 bits). Speed reference only.
        std::uint64_t total = 0;
        for (std::int64_t x : v) total += static_cast<std::uint64_t>(x);
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(v.size()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(v.size() * sizeof(std::int64_t)));
}

// ---------------------------------------------------------------------------------------------
// 2. Money × Decimal<S>, half-up, over an array of operands
// ---------------------------------------------------------------------------------------------

/// The hand-written baseline: one 128-bit product, division by the constant 10^S, half-up.
template <int S>
inline i128 mul_half_up_int128(i128 a, i128 b) {
    constexpr i128 den = static_cast<i128>(pow10_64(S));
    const i128 p = a * b;
    i128 q = p / den;
    const i128 r = p % den;
    const i128 r_abs = r < 0 ? -r : r;
    if (2 * r_abs >= den) q += p < 0 ? -1 : 1;
    return q;
}

/// Same in int64 (valid for S = 4 here: at most 2 * 10^14 * 15,000 = 3 * 10^18 < 2^63).
template <int S>
inline std::int64_t mul_half_up_int64(std::int64_t a, std::int64_t b) {
    constexpr std::int64_t den = pow10_64(S);
    const std::int64_t p = a * b;
    std::int64_t q = p / den;
    const std::int64_t r = p % den;
    const std::int64_t r_abs = r < 0 ? -r : r;
    if (2 * r_abs >= den) q += p < 0 ? -1 : 1;
    return q;
}

template <int S>
void BM_Mul_Money_Decimal(benchmark::State& state) {
    const std::size_t n = size_arg(state);
    const auto& a = amounts_money(n);
    const auto rates = make_rates<S>(n);
    std::vector<Money> out(n);
    for (std::size_t i = 0; i < n; ++i) {  // agreement with the baseline
        const i128 expect = mul_half_up_int128<S>(a[i].units(), rates[i].units());
        if (a[i].mul(rates[i], RoundingMode::half_up).units() != expect) {
            state.SkipWithError("Money::mul differs from the __int128 baseline");
            break;
        }
    }
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) out[i] = a[i].mul(rates[i], RoundingMode::half_up);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

template <int S>
void BM_Mul_RawInt128(benchmark::State& state) {
    const std::size_t n = size_arg(state);
    const auto& a = amounts_int128(n);
    const auto rate_values = make_rates<S>(n);
    std::vector<i128> rates;
    rates.reserve(n);
    for (const auto& r : rate_values) rates.push_back(r.units());
    std::vector<i128> out(n);
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) out[i] = mul_half_up_int128<S>(a[i], rates[i]);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

template <int S>
void BM_Mul_RawInt64(benchmark::State& state) {
    const std::size_t n = size_arg(state);
    const auto& a = amounts_int64(n);
    const auto rate_values = make_rates<S>(n);
    std::vector<std::int64_t> rates;
    rates.reserve(n);
    for (const auto& r : rate_values) rates.push_back(static_cast<std::int64_t>(r.units()));
    std::vector<std::int64_t> out(n);
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) out[i] = mul_half_up_int64<S>(a[i], rates[i]);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void BM_Mul_Money_Decimal4(benchmark::State& state) { BM_Mul_Money_Decimal<4>(state); }
void BM_Mul_Money_Decimal6(benchmark::State& state) { BM_Mul_Money_Decimal<6>(state); }
void BM_Mul_RawInt128_S4(benchmark::State& state) { BM_Mul_RawInt128<4>(state); }
void BM_Mul_RawInt128_S6(benchmark::State& state) { BM_Mul_RawInt128<6>(state); }
void BM_Mul_RawInt64_S4(benchmark::State& state) { BM_Mul_RawInt64<4>(state); }

// ---------------------------------------------------------------------------------------------
// 3. Parsing
// ---------------------------------------------------------------------------------------------

void BM_Parse_Money_605_6yi(benchmark::State& state) {
    std::string_view text = "605.6亿元";
    if (Money::parse(text).units() != 60'560'000'000 * 10'000LL) state.SkipWithError("605.6亿元 parsed wrongly");
    for (auto _ : state) {
        benchmark::DoNotOptimize(text);
        Money m = Money::parse(text);
        benchmark::DoNotOptimize(m);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Parse_Money_Mix(benchmark::State& state) {
    // Amounts as the seed data writes them.
    static constexpr std::array<std::string_view, 4> texts = {"2140万元", "80万元", "¥1,234.56", "95.9亿元"};
    std::size_t i = 0;
    for (auto _ : state) {
        Money m = Money::parse(texts[i]);
        i = (i + 1) & 3;
        benchmark::DoNotOptimize(m);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Parse_FromCharsInt64(benchmark::State& state) {
    std::string_view text = "60560000000";
    for (auto _ : state) {
        benchmark::DoNotOptimize(text);
        std::int64_t v = 0;
        const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
        benchmark::DoNotOptimize(v);
        benchmark::DoNotOptimize(res.ec);
    }
    state.SetItemsProcessed(state.iterations());
}

// ---------------------------------------------------------------------------------------------
// 4. Formatting
// ---------------------------------------------------------------------------------------------

void BM_Format_Money_605_6yi(benchmark::State& state) {
    Money m = Money::of(60'560'000'000LL);
    if (m.format() != "605.6亿元") state.SkipWithError("605.6亿元 formatted wrongly");
    for (auto _ : state) {
        benchmark::DoNotOptimize(m);
        std::string s = m.format();
        benchmark::DoNotOptimize(s.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_ToString_Money(benchmark::State& state) {
    Money m = Money::of(60'560'000'000LL);
    if (m.to_string() != "60560000000.00 CNY") state.SkipWithError("to_string gave an unexpected text");
    for (auto _ : state) {
        benchmark::DoNotOptimize(m);
        std::string s = m.to_string();
        benchmark::DoNotOptimize(s.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Format_ToCharsInt64(benchmark::State& state) {
    std::int64_t v = 60'560'000'000;
    std::array<char, 32> buf{};
    for (auto _ : state) {
        benchmark::DoNotOptimize(v);
        const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
        benchmark::DoNotOptimize(res.ptr);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

/// to_chars plus building a std::string, as format() returns one.
void BM_Format_StdToStringInt64(benchmark::State& state) {
    std::int64_t v = 60'560'000'000;
    for (auto _ : state) {
        benchmark::DoNotOptimize(v);
        std::string s = std::to_string(v);
        benchmark::DoNotOptimize(s.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

// Sizes: 10M is the figure to quote; 10,000 exists for the smoke test (and shows the in-cache
// speed). The ctest smoke filter selects "^[^/]*$|/(4096|10000)$".
BENCHMARK(BM_Sum_Money)->Arg(small_n)->Arg(big_n)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sum_RawInt128)->Arg(small_n)->Arg(big_n)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sum_RawInt64)->Arg(small_n)->Arg(big_n)->Unit(benchmark::kMillisecond);

BENCHMARK(BM_Mul_Money_Decimal4)->Arg(operand_n);
BENCHMARK(BM_Mul_RawInt128_S4)->Arg(operand_n);
BENCHMARK(BM_Mul_RawInt64_S4)->Arg(operand_n);
BENCHMARK(BM_Mul_Money_Decimal6)->Arg(operand_n);
BENCHMARK(BM_Mul_RawInt128_S6)->Arg(operand_n);

BENCHMARK(BM_Parse_Money_605_6yi);
BENCHMARK(BM_Parse_Money_Mix);
BENCHMARK(BM_Parse_FromCharsInt64);

BENCHMARK(BM_Format_Money_605_6yi);
BENCHMARK(BM_ToString_Money);
BENCHMARK(BM_Format_ToCharsInt64);
BENCHMARK(BM_Format_StdToStringInt64);
