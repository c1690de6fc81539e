// SPDX-License-Identifier: MIT
// Decimal, Percent, quantity and bounded-amount parsers on arbitrary bytes: ParseError (at an
// offset inside the text) or a value whose exact text parses back to the same value.
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
    try {
        const auto d = Decimal<6>::parse(text);
        require(Decimal<6>::parse(d.to_string()) == d);
    } catch (const ParseError&) {
    }
    try {
        const Percent p = Percent::parse(text);
        (void)p.format(2, RoundingMode::half_up);
        (void)p.format_signed(1, RoundingMode::half_even);
    } catch (const ParseError&) {
    } catch (const OverflowError&) {  // formatting a huge percentage with decimals can exceed 128 bits
    }
    try {
        const Area a = Area::parse(text);
        require(Area::parse(a.format(AreaKind::Unit::mu, Language::english, 30)) == a);
    } catch (const ParseError&) {
    } catch (const OverflowError&) {
    }
    try {
        const Mass m = Mass::parse(text);
        require(Mass::parse(m.to_string()) == m);
    } catch (const ParseError&) {
    }
    try {
        const ReportedAmount a = parse_reported_amount(text);
        for (const Language lang : {Language::chinese, Language::english}) {
            MoneyFormat f;
            f.language = lang;
            require(parse_reported_amount(format(a, f), a.value.currency()) == a);
        }
    } catch (const ParseError& e) {
        require(e.offset() <= text.size());
    }
    return 0;
}
