// SPDX-License-Identifier: MIT
// Money::parse on arbitrary bytes: it either throws ParseError or returns an amount that every
// exact format gives back unchanged, 大写 (MoneyStyle::financial) included where it applies. Anything else (another exception, a crash, a sanitizer
// report) is a finding.
#include <parkinvest/parkinvest.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace parkinvest;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Money m;
    try {
        m = Money::parse(text);
    } catch (const ParseError& e) {
        require(e.offset() <= text.size());
        return 0;
    }
    require(Money::parse(m.to_string()) == m);
    require(Money::parse(m.format(), m.currency()) == m);
    require(Money::parse(m.format({.language = Language::english}), m.currency()) == m);
    require(Money::parse(m.format_grouped(), m.currency()) == m);
    // 大写: every CNY amount from 0 up to 9999999999999999.99 元 in whole 分 is written and read
    // back; rounded to 分 first, any such amount below the limit.
    if (m.currency() == Currency::CNY && m.signum() >= 0 && m < Money::of(10'000'000'000'000'000)) {
        MoneyFormat daxie;
        daxie.style = MoneyStyle::financial;
        if (m.units() % 100 == 0) {
            require(Money::parse(m.format(daxie)) == m);
            daxie.currency_word = false;
            require(Money::parse(m.format(daxie)) == m);
        }
        daxie.max_decimals = 2;
        daxie.rounding = RoundingMode::down;  // never carries past the limit
        require(Money::parse(m.format(daxie)) == m.rounded(2, RoundingMode::down));
    }
    // Rounding to the minor unit never throws except for `unnecessary`, and is idempotent.
    const Money r = m.rounded(RoundingMode::half_even);
    require(r.rounded(RoundingMode::unnecessary) == r);
    return 0;
}
