// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parkinvest {

/// Root of every exception the library throws. Each subclass carries its context as members
/// (input, position, operation ...), not only in what().
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An argument outside what the operation accepts (no weights for an allocation, a negative rate).
class ArgumentError : public Error {
public:
    using Error::Error;
};

/// Arithmetic that cannot give an exact, representable result.
class ArithmeticError : public Error {
public:
    ArithmeticError(std::string operation, const std::string& message)
        : Error(message), operation_(std::move(operation)) {}
    /// The operation that failed, e.g. "Money + Money", "Decimal * Decimal".
    [[nodiscard]] const std::string& operation() const noexcept { return operation_; }

private:
    std::string operation_;
};

/// The exact result is outside the representable range. Values are never wrapped.
class OverflowError : public ArithmeticError {
public:
    explicit OverflowError(std::string operation)
        : ArithmeticError(operation, "parkinvest: overflow in " + operation) {}
};

/// Division (or a ratio) with a zero divisor.
class DivisionByZeroError : public ArithmeticError {
public:
    explicit DivisionByZeroError(std::string operation)
        : ArithmeticError(operation, "parkinvest: division by zero in " + operation) {}
};

/// RoundingMode::unnecessary was given but the result is not exact.
class InexactRoundingError : public ArithmeticError {
public:
    explicit InexactRoundingError(std::string operation)
        : ArithmeticError(operation, "parkinvest: rounding necessary but RoundingMode::unnecessary given in " +
                                         operation) {}
    /// With a message that names the value: "parkinvest: 1.2345 CNY cannot be rounded to 2
    /// decimals under RoundingMode::unnecessary".
    InexactRoundingError(std::string operation, const std::string& message)
        : ArithmeticError(std::move(operation), message) {}
};

/// Two amounts of different currencies were added, subtracted, ordered or aggregated.
class CurrencyMismatchError : public Error {
public:
    CurrencyMismatchError(std::string_view lhs, std::string_view rhs, std::string_view operation)
        : Error("parkinvest: currency mismatch in " + std::string(operation) + ": " + std::string(lhs) +
                " vs " + std::string(rhs)),
          lhs_(lhs), rhs_(rhs) {}
    [[nodiscard]] const std::string& lhs() const noexcept { return lhs_; }
    [[nodiscard]] const std::string& rhs() const noexcept { return rhs_; }

private:
    std::string lhs_;
    std::string rhs_;
};

/// Why a text could not be parsed.
enum class ParseErrorKind {
    empty,               ///< nothing but white space
    invalid_utf8,        ///< the bytes are not UTF-8
    expected_number,     ///< no digits where a number must be
    invalid_number,      ///< malformed digits: "1..2", "1,23", "5."
    unknown_unit,        ///< a word that is not a known unit or currency: "12abc", "1e3"
    too_many_decimals,   ///< more decimals than the target type holds, after scaling by the unit
    overflow,            ///< outside the target type's range
    trailing_characters, ///< input left over after a complete value
    conflicting_currency,///< two different currencies named: "$5元"
    invalid_value,       ///< well-formed but not allowed here (e.g. a date that does not exist)
};

[[nodiscard]] constexpr std::string_view to_string(ParseErrorKind kind) noexcept {
    switch (kind) {
    case ParseErrorKind::empty: return "empty input";
    case ParseErrorKind::invalid_utf8: return "invalid UTF-8";
    case ParseErrorKind::expected_number: return "expected a number";
    case ParseErrorKind::invalid_number: return "malformed number";
    case ParseErrorKind::unknown_unit: return "unknown unit";
    case ParseErrorKind::too_many_decimals: return "too many decimals";
    case ParseErrorKind::overflow: return "value out of range";
    case ParseErrorKind::trailing_characters: return "trailing characters";
    case ParseErrorKind::conflicting_currency: return "conflicting currencies";
    case ParseErrorKind::invalid_value: return "invalid value";
    }
    return "unknown parse error";
}

/// A text could not be parsed. Carries the whole input and the byte offset where parsing failed.
class ParseError : public Error {
public:
    ParseError(std::string_view what_was_parsed, std::string_view input, std::size_t offset, ParseErrorKind kind,
               std::string_view detail = {})
        : Error(make_message(what_was_parsed, input, offset, kind, detail)), input_(input), offset_(offset),
          kind_(kind) {}

    [[nodiscard]] const std::string& input() const noexcept { return input_; }
    /// Byte offset into input() where the problem starts.
    [[nodiscard]] std::size_t offset() const noexcept { return offset_; }
    [[nodiscard]] ParseErrorKind kind() const noexcept { return kind_; }
    [[nodiscard]] std::string_view reason() const noexcept { return to_string(kind_); }

private:
    static std::string make_message(std::string_view what_was_parsed, std::string_view input, std::size_t offset,
                                    ParseErrorKind kind, std::string_view detail) {
        std::string m = "parkinvest: cannot parse ";
        m += what_was_parsed;
        m += " \"";
        // Bound the echoed input so a hostile megabyte does not end up in a log line.
        constexpr std::size_t max_echo = 80;
        std::string_view echo = input.substr(0, max_echo);
        if (input.size() > max_echo) {
            // Cut at a character boundary: drop UTF-8 continuation bytes and the lead byte.
            std::size_t end = echo.size();
            while (end > 0 && (static_cast<unsigned char>(input[end]) & 0xC0) == 0x80) --end;
            echo = input.substr(0, end);
        }
        for (char ch : echo) {
            const auto byte = static_cast<unsigned char>(ch);
            if (byte < 0x20 || byte == 0x7F) {  // control characters (NUL would end what()) escaped
                constexpr char hex[] = "0123456789ABCDEF";
                m += "\\x";
                m += hex[byte >> 4];
                m += hex[byte & 0xF];
            } else {
                m += ch;
            }
        }
        if (input.size() > max_echo) m += "...";
        m += "\" at byte ";
        m += std::to_string(offset);
        m += ": ";
        m += to_string(kind);
        if (!detail.empty()) {
            m += " (";
            m += detail;
            m += ')';
        }
        return m;
    }

    std::string input_;
    std::size_t offset_;
    ParseErrorKind kind_;
};

/// The longest part of an error message taken from input (a file name, a path, an id, a field)
/// and the longest reason: longer ones are cut (parkinvest::printable, core/utf8.hpp).
inline constexpr std::size_t max_part_bytes = 256;
inline constexpr std::size_t max_reason_bytes = 1024;

/// One problem found while validating data: which entity, which record, which field, and why.
struct Problem {
    std::string entity;  ///< "project", "loan" ...
    std::string id;      ///< "project#12"; empty when the problem is not about one record
    std::string field;   ///< "stages[2].date", "park"
    std::string reason;
    friend bool operator==(const Problem&, const Problem&) = default;
};

/// Data that would make a Dataset inconsistent. Lists every problem found, not only the first.
class ValidationError : public Error {
public:
    explicit ValidationError(std::vector<Problem> problems)
        : Error(make_message(problems)), problems_(std::move(problems)) {}
    [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return problems_; }

private:
    static std::string make_message(const std::vector<Problem>& problems) {
        std::string m = "parkinvest: " + std::to_string(problems.size()) + " validation problem" +
                        (problems.size() == 1 ? "" : "s");
        constexpr std::size_t max_listed = 20;
        for (std::size_t i = 0; i < problems.size() && i < max_listed; ++i) {
            const Problem& p = problems[i];
            m += "\n  " + printable(p.id.empty() ? p.entity : p.id, max_part_bytes);
            if (!p.field.empty()) m += "." + printable(p.field, max_part_bytes);
            m += ": " + printable(p.reason, max_reason_bytes);
        }
        if (problems.size() > max_listed) m += "\n  ... and " + std::to_string(problems.size() - max_listed) + " more";
        return m;
    }
    std::vector<Problem> problems_;
};

/// A query that cannot make sense (aggregating money of two currencies without a conversion,
/// a column that does not exist ...).
class QueryError : public Error {
public:
    using Error::Error;
};

/// One problem found in a file or stream being loaded: where it is and why it was rejected.
/// Fields that are unknown for a format stay empty (no line in a binary archive, no byte offset
/// in a CSV cell ...).
struct FormatProblem {
    std::string input;                  ///< file name, or "<stream>"
    std::optional<std::uint64_t> byte;  ///< byte offset from the start of the input
    std::optional<std::uint64_t> line;  ///< 1-based
    std::optional<std::uint64_t> column;///< 1-based (CSV: field number; text: byte in the line)
    std::string path;                   ///< position in the document: "projects[3].amounts.contract"
    std::string entity;                 ///< "project", "loan" ... when known
    std::string id;                     ///< "project#12" when known
    std::string field;                  ///< "contract_investment" when known
    std::string value;                  ///< the offending text, shortened
    std::string reason;
    friend bool operator==(const FormatProblem&, const FormatProblem&) = default;
};

/// A file or stream could not be loaded: malformed, truncated, hostile, or describing data that
/// fails the Dataset's validation. Lists every problem found when the format allows checking
/// past the first one (CSV); otherwise the first. Nothing of a failed load is ever returned.
class FormatError : public Error {
public:
    explicit FormatError(FormatProblem problem) : FormatError(std::vector<FormatProblem>{std::move(problem)}) {}
    explicit FormatError(std::vector<FormatProblem> problems)
        : Error(make_message(problems)), problems_(std::move(problems)) {}
    /// Never empty.
    [[nodiscard]] const std::vector<FormatProblem>& problems() const noexcept { return problems_; }
    [[nodiscard]] const FormatProblem& first() const noexcept { return problems_.front(); }

    /// One problem on one line: "input:line:column (byte N) at path entity.field "value": reason",
    /// each part only when known, each made printable and cut to a bounded length (text from a
    /// file never reaches a terminal as it is).
    [[nodiscard]] static std::string describe(const FormatProblem& p) {
        // Only += of pieces: gcc 12 at -O2 warns (-Wrestrict) on "literal" + std::string here.
        std::string m = p.input.empty() ? std::string("<input>") : printable(p.input, max_part_bytes);
        if (p.line) {
            m += ':';
            m += std::to_string(*p.line);
        }
        if (p.line && p.column) {
            m += ':';
            m += std::to_string(*p.column);
        }
        if (p.byte) {
            m += " (byte ";
            m += std::to_string(*p.byte);
            m += ')';
        }
        if (!p.path.empty()) {
            m += " at ";
            m += printable(p.path, max_part_bytes);
        }
        if (!p.id.empty() || !p.entity.empty()) {
            m += ' ';
            m += printable(p.id.empty() ? p.entity : p.id, max_part_bytes);
        }
        if (!p.field.empty()) {
            m += '.';
            m += printable(p.field, max_part_bytes);
        }
        if (!p.value.empty()) {
            m += " \"";
            m += printable(p.value, max_part_bytes);
            m += '"';
        }
        m += ": ";
        m += printable(p.reason, max_reason_bytes);
        return m;
    }

private:
    static std::string make_message(std::vector<FormatProblem>& problems) {
        if (problems.empty()) problems.push_back(FormatProblem{{}, {}, {}, {}, {}, {}, {}, {}, {}, "unknown format error"});
        std::string m = "parkinvest: cannot load ";
        if (problems.size() == 1) {
            m += describe(problems.front());
            return m;
        }
        m += std::to_string(problems.size());
        m += " problems";
        constexpr std::size_t max_listed = 20;
        for (std::size_t i = 0; i < problems.size() && i < max_listed; ++i) {
            m += "\n  ";
            m += describe(problems[i]);
        }
        if (problems.size() > max_listed) {
            m += "\n  ... and ";
            m += std::to_string(problems.size() - max_listed);
            m += " more";
        }
        return m;
    }
    std::vector<FormatProblem> problems_;
};

/// A lookup of an id the Dataset does not hold.
class NotFoundError : public Error {
public:
    explicit NotFoundError(std::string id) : Error("parkinvest: no " + id + " in the dataset"), id_(std::move(id)) {}
    [[nodiscard]] const std::string& id() const noexcept { return id_; }

private:
    std::string id_;
};

}  // namespace parkinvest
