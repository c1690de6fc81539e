// SPDX-License-Identifier: MIT
// Money::parse on arbitrary bytes: it either throws ParseError or returns an amount that every
// exact format gives back unchanged. Anything else (another exception, a crash, a sanitizer
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
    // Rounding to the minor unit never throws except for `unnecessary`, and is idempotent.
    const Money r = m.rounded(RoundingMode::half_even);
    require(r.rounded(RoundingMode::unnecessary) == r);
    return 0;
}
