// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/hash.hpp>

#include <compare>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace parkinvest {

/// A 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from
/// "0123456789ABCDEFGHJKLMNPQRTUWXY" (I, O, Z, S and V are never used), laid out as
///
///   position 1      登记管理部门码 registration authority (e.g. '9' = 工商/market regulation)
///   position 2      机构类别码 organisation type (e.g. '1' = enterprise)
///   positions 3-8   登记管理机关行政区划码 administrative division (GB/T 2260)
///   positions 9-17  主体标识码 organisation code (GB 11714)
///   position 18     校验码 check character
///
/// Check character (GB 32100-2015): with value(c) = the index of c in the character set above
/// (0..30) and the weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
/// (3^(i-1) mod 31) for positions 1..17, the check value is 31 - (Σ value × weight mod 31), a
/// result of 31 meaning 0, and the check character is the character with that value.
///
/// Only that check is made, deliberately. Not checked: the GB 11714 check digit of the
/// organisation code in positions 9-17, that positions 3-8 are digits or a real GB/T 2260
/// division, or that positions 1 and 2 are assigned values.
/// Any 17 characters of the set plus the matching check character form a valid code.
class CreditCode {
public:
    /// Parses a code. Surrounding spaces (ASCII, ideographic, no-break, tab) are ignored;
    /// full-width forms (９１ＡＢ) and lower-case letters are accepted and stored as upper-case
    /// ASCII. Throws ParseError:
    ///  * empty               - nothing but white space;
    ///  * invalid_utf8        - at the first byte that is not UTF-8;
    ///  * invalid_value       - at a character outside the set ("character 'O' not allowed at
    ///                          position 3 ..."), at the end when fewer than 18 characters are
    ///                          given ("wrong length ..."), or at the check character when it
    ///                          does not match ("wrong check digit: 'A' given, 'T' expected");
    ///  * trailing_characters - at the 19th character when more than 18 are given ("wrong
    ///                          length ..."), or at text after a space that follows the code.
    /// Characters are checked before the length, so a bad character among the first 18 is
    /// reported even when the length is wrong too.
    [[nodiscard]] static CreditCode parse(std::string_view text);

    /// True exactly when parse(text) would succeed.
    [[nodiscard]] static bool is_valid(std::string_view text) noexcept;

    /// The check character for `first17`, which must be exactly 17 characters of the set
    /// (ASCII; lower-case letters accepted, no spaces or full-width forms). Throws ArgumentError
    /// otherwise.
    [[nodiscard]] static char check_character(std::string_view first17);

    /// The 18 upper-case ASCII characters.
    [[nodiscard]] const std::string& str() const noexcept { return code_; }

    /// Position 1: 登记管理部门码.
    [[nodiscard]] std::string_view registration_authority() const noexcept { return part(0, 1); }
    /// Position 2: 机构类别码.
    [[nodiscard]] std::string_view organisation_type() const noexcept { return part(1, 1); }
    /// Positions 3-8: the GB/T 2260 administrative division code of the registering office.
    [[nodiscard]] std::string_view admin_division() const noexcept { return part(2, 6); }
    /// Positions 9-17: 主体标识码 (the GB 11714 organisation code for older registrations).
    [[nodiscard]] std::string_view organisation_code() const noexcept { return part(8, 9); }

    friend bool operator==(const CreditCode&, const CreditCode&) = default;
    friend std::strong_ordering operator<=>(const CreditCode&, const CreditCode&) = default;

private:
    explicit CreditCode(std::string code) : code_(std::move(code)) {}
    [[nodiscard]] std::string_view part(std::size_t at, std::size_t n) const noexcept {
        return std::string_view(code_).substr(at, n);
    }

    std::string code_;
};

}  // namespace parkinvest

template <>
struct std::hash<parkinvest::CreditCode> {
    std::size_t operator()(const parkinvest::CreditCode& c) const noexcept {
        return parkinvest::detail::keyed_hash(std::string_view(c.str()));
    }
};
