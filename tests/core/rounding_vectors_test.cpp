// SPDX-License-Identifier: MIT
// Checks the library's rounding against vectors computed by Python's `decimal` module:
// tests/data/rounding_vectors.txt, written by tests/data/generate_rounding_vectors.py (the file
// documents its format at the top).
#include <parkinvest/parkinvest.hpp>

#include <gtest/gtest.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using parkinvest::Currency;
using parkinvest::Decimal;
using parkinvest::Money;
using parkinvest::MoneyUnit;
using parkinvest::RoundingMode;
using parkinvest::detail::i128;

constexpr std::size_t mode_count = std::size(parkinvest::all_rounding_modes);

std::optional<std::size_t> mode_index(std::string_view name) {
    for (std::size_t i = 0; i < mode_count; ++i)
        if (parkinvest::to_string(parkinvest::all_rounding_modes[i]) == name) return i;
    return std::nullopt;
}

int parse_int(const std::string& text) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) throw std::invalid_argument("bad integer: " + text);
    return v;
}

std::int64_t parse_int64(const std::string& text) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) throw std::invalid_argument("bad integer: " + text);
    return v;
}

/// What an operation did: a value (units of 1/10^4), or one of the two expected errors.
struct Outcome {
    std::string kind;  // "value", "INEXACT", "OVERFLOW", or "error: <what>"
    i128 units = 0;

    [[nodiscard]] std::string text() const {
        return kind == "value" ? Decimal<4>::from_units(units).to_string() : kind;
    }
    friend bool operator==(const Outcome&, const Outcome&) = default;
};

template <class F>
Outcome run(F&& f) {
    try {
        return {"value", f()};
    } catch (const parkinvest::InexactRoundingError&) {
        return {"INEXACT", 0};
    } catch (const parkinvest::OverflowError&) {
        return {"OVERFLOW", 0};
    } catch (const std::exception& e) {
        return {std::string("error: ") + e.what(), 0};
    }
}

Outcome expected_outcome(const std::string& token) {
    if (token == "INEXACT" || token == "OVERFLOW") return {token, 0};
    return {"value", Decimal<4>::parse(token).units()};
}

Money money(const std::string& text) { return Money(Decimal<4>::parse(text)); }

i128 money_units(const Money& m) {
    if (m.currency() != Currency::CNY) throw std::logic_error("the currency changed");
    return m.units();
}

template <int S>
Outcome money_mul(const std::string& amount, const std::string& factor, RoundingMode mode) {
    const Money a = money(amount);
    const Decimal<S> f = Decimal<S>::parse(factor);
    return run([&] { return money_units(a.mul(f, mode)); });
}

/// Evaluates one vector; returns the outcome or throws std::invalid_argument on a malformed line.
Outcome evaluate(const std::string& op, RoundingMode mode, const std::vector<std::string>& args) {
    const auto need = [&](std::size_t n) {
        if (args.size() != n) throw std::invalid_argument(op + " needs " + std::to_string(n) + " operands");
    };
    if (op == "round") {
        need(2);
        const auto x = Decimal<4>::parse(args[0]);
        const int d = parse_int(args[1]);
        return run([&] { return x.round(d, mode).units(); });
    }
    if (op == "money_round") {
        need(1);
        const Money x = money(args[0]);
        return run([&] { return money_units(x.rounded(mode)); });
    }
    if (op == "money_round_yi") {
        need(2);
        const Money x = money(args[0]);
        const int d = parse_int(args[1]);
        return run([&] { return money_units(x.rounded(MoneyUnit::yi, d, mode)); });
    }
    if (op == "money_mul") {
        need(3);
        const int s = parse_int(args[0]);
        if (s == 2) return money_mul<2>(args[1], args[2], mode);
        if (s == 6) return money_mul<6>(args[1], args[2], mode);
        if (s == 10) return money_mul<10>(args[1], args[2], mode);
        throw std::invalid_argument("unsupported factor scale " + args[0]);
    }
    if (op == "money_div") {
        need(2);
        const Money x = money(args[0]);
        const std::int64_t n = parse_int64(args[1]);
        return run([&] { return money_units(x.div(n, mode)); });
    }
    if (op == "decimal_div") {
        need(2);
        const auto x = Decimal<4>::parse(args[0]);
        const auto y = Decimal<4>::parse(args[1]);
        return run([&] { return x.div(y, mode).units(); });
    }
    throw std::invalid_argument("unknown operation " + op);
}

const std::array<std::string, 6> operations = {"round",     "money_round", "money_round_yi",
                                               "money_mul", "money_div",   "decimal_div"};

TEST(RoundingVectors, MatchPythonDecimal) {
    const std::string path = std::string(PARKINVEST_TEST_DATA_DIR) + "/rounding_vectors.txt";
    std::ifstream in(path);
    ASSERT_TRUE(in.is_open()) << "cannot open " << path;

    std::map<std::string, std::array<std::size_t, mode_count>> counts;
    std::map<std::string, std::size_t> outcome_counts;  // "INEXACT", "OVERFLOW", "value"
    std::optional<std::size_t> declared;
    std::size_t total = 0;
    std::size_t mismatches = 0;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        if (line.front() == '#') {
            constexpr std::string_view tag = "# vectors: ";
            if (line.starts_with(tag)) declared = static_cast<std::size_t>(parse_int64(line.substr(tag.size())));
            continue;
        }
        std::istringstream fields(line);
        std::vector<std::string> tokens;
        for (std::string t; fields >> t;) tokens.push_back(t);
        // <op> <MODE> <operands...> -> <expected>
        if (tokens.size() < 5 || tokens[tokens.size() - 2] != "->") {
            ADD_FAILURE() << path << ":" << line_no << ": malformed line: " << line;
            continue;
        }
        const auto mode_at = mode_index(tokens[1]);
        if (!mode_at) {
            ADD_FAILURE() << path << ":" << line_no << ": unknown rounding mode " << tokens[1];
            continue;
        }
        const RoundingMode mode = parkinvest::all_rounding_modes[*mode_at];
        const std::vector<std::string> args(tokens.begin() + 2, tokens.end() - 2);
        Outcome expected;
        Outcome actual;
        try {
            expected = expected_outcome(tokens.back());
            actual = evaluate(tokens[0], mode, args);
        } catch (const std::exception& e) {
            ADD_FAILURE() << path << ":" << line_no << ": cannot evaluate '" << line << "': " << e.what();
            continue;
        }
        ++total;
        ++counts[tokens[0]][*mode_at];
        ++outcome_counts[expected.kind];
        if (!(actual == expected)) {
            ++mismatches;
            if (mismatches <= 50)
                ADD_FAILURE() << path << ":" << line_no << ": " << line << "\n  expected " << expected.text()
                              << "\n  actual   " << actual.text();
        }
    }
    EXPECT_EQ(mismatches, 0u) << "vectors whose result differs from Python's decimal module";

    // An empty, truncated or one-sided file must fail.
    ASSERT_TRUE(declared.has_value()) << "the '# vectors: N' header line is missing";
    EXPECT_EQ(total, *declared) << "the file holds a different number of vectors than its header says";
    EXPECT_GE(total, 5000u);
    for (const std::string& op : operations) {
        for (std::size_t m = 0; m < mode_count; ++m)
            EXPECT_GE(counts[op][m], 40u) << op << " has too few " << parkinvest::to_string(parkinvest::all_rounding_modes[m])
                                          << " vectors";
    }
    EXPECT_EQ(counts.size(), operations.size()) << "unexpected operations in the file";
    EXPECT_GE(outcome_counts["INEXACT"], 100u);
    EXPECT_GE(outcome_counts["OVERFLOW"], 50u);
    EXPECT_GE(outcome_counts["value"], 4000u);
}

}  // namespace
