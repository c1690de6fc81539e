// SPDX-License-Identifier: MIT
// CSV tables, one at a time: for spreadsheets and for systems that exchange single tables.
// io::save / io::load with Format::csv write and read the whole folder of tables.
//
// Layout (README "CSV"): one RFC 4180 file per table with a header row, UTF-8 (written with a
// byte order mark, read with or without), CRLF (read: CRLF, LF or CR). Lists of ids are cells
// separated by ';' ("3;7;12"); lists of records are child tables (project_stages.csv ...) whose
// rows follow their parent's list order. Money is a plain decimal with a `currency` column;
// reading also takes every form Money::parse accepts ("605.6亿元", "2,140万"). An unquoted empty
// cell is "no value"; a quoted empty cell ("") is an empty text.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/io/io.hpp>

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string_view>

namespace parkinvest::io::csv {

/// The tables, in the order a folder is read (parents before their children).
enum class TableId : std::uint8_t {
    sources,
    industries,
    parks,
    enterprises,
    banks,
    projects,
    project_investors,         ///< project, enterprise, role
    project_stages,            ///< project, stage, date
    loans,
    loan_snapshots,            ///< loan, as_of, currency, outstanding, undrawn
    waste_facilities,
    waste_licence_categories,  ///< facility, category, approved
    waste_throughput,          ///< facility, year, handled
    statistics,
    citations,                 ///< entity, id, source, note: the `sources` list of every record
};

/// Every table, in reading order.
[[nodiscard]] std::span<const TableId> tables() noexcept;
/// "parks.csv", "project_stages.csv" ...
[[nodiscard]] std::string_view file_name(TableId table) noexcept;

/// One table's rows for every record of `dataset`, with the header row (the file save() writes).
void write_table(const Dataset& dataset, TableId table, std::ostream& out);

/// Reads one table and appends its records to `batch`; rows of a child table (stages,
/// snapshots, citations ...) are appended to the lists of their parents, which must already be
/// in `batch`. All or nothing: every row is checked, and any problem — malformed CSV, a missing
/// or unknown column, a cell that does not parse, a parent that is not in `batch`, more than
/// options.max_input_bytes or options.max_records rows, more rows than
/// options.max_memory_per_input_byte lets the text build (checked before any is built) —
/// throws one FormatError listing all of them (input `name`, line, column, value, reason) and
/// leaves `batch` unchanged. The records
/// are not validated against each other: insert the batch into a Dataset for that.
void read_table(std::string_view csv_text, TableId table, Batch& batch, const LoadOptions& options = {},
                std::string_view name = "<memory>");
/// Stream form: reads at most options.max_input_bytes.
void read_table(std::istream& in, TableId table, Batch& batch, const LoadOptions& options = {},
                std::string_view name = "<stream>");

}  // namespace parkinvest::io::csv
