// SPDX-License-Identifier: MIT
// Internal: a small RFC 4180 reader (fuzzed by tests/fuzz/csv_load_fuzz.cpp). Not installed.
// Fields are written by text_out::append_csv_field of core/text_out.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest::io::detail {

struct CsvField {
    std::string text;         ///< unescaped content
    bool quoted = false;      ///< written in quotes ("" is an empty text, an unquoted empty cell is no value)
    std::uint64_t line = 0;   ///< 1-based line where the field starts
    std::uint64_t byte = 0;   ///< offset of its first byte in the input
    std::uint64_t column = 0; ///< 1-based byte column in its line when the reader knows it (JSON Lines); 0: the field's number
};

/// One record; `size` fields are valid (the vector keeps its strings between records).
struct CsvRecord {
    std::vector<CsvField> fields;
    std::size_t size = 0;
    std::uint64_t line = 0;
};

struct CsvSyntaxError {
    std::uint64_t line = 0;
    std::uint64_t column = 0;  ///< 1-based field number
    std::uint64_t byte = 0;
    std::string reason;
};

/// Reads RFC 4180 records: fields separated by commas, records by CRLF, LF or a lone CR; a
/// field in quotation marks may hold commas, line breaks and quotes written twice. A UTF-8 byte order
/// mark at the start is skipped; lines that are completely empty are skipped. Every field must
/// be well-formed UTF-8.
class CsvReader {
public:
    explicit CsvReader(std::string_view text);

    enum class Status { record, end, error };
    /// Reads the next record. On `error` the record is consumed (up to the end of the line
    /// where the error was found) and `error` says what and where; reading may go on.
    /// At most `max_fields` fields are kept; a record with more is an error.
    Status next(CsvRecord& record, std::size_t max_fields, CsvSyntaxError& error);

    /// A copy of this reader, at the same place, that only finds where records start and end:
    /// next() then keeps no field (record.size is 0) and checks only the syntax that decides
    /// where a record ends (quotes), so it returns `record` or `error` for the same records, at
    /// the same lines, as this reader would — at a fraction of the cost (counting rows first).
    /// A text that is not all UTF-8 is counted by the full reader: a field with invalid UTF-8
    /// ends its record where the error is found, which the quotes alone would not tell.
    [[nodiscard]] CsvReader counter() const {
        CsvReader c = *this;
        c.counting_ = !check_fields_utf8_;
        return c;
    }

private:
    void skip_line(std::uint64_t& line);
    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint64_t line_ = 1;
    bool counting_ = false;
    bool check_fields_utf8_ = true;  ///< the text is not all UTF-8: find the field
};

}  // namespace parkinvest::io::detail
