// SPDX-License-Identifier: MIT
// Saving and loading whole Datasets. This header does not include cereal: programs that only
// load and save files pay for no archive templates. <parkinvest/io/cereal.hpp> has the cereal
// serialization functions for embedding parkinvest types in archives of your own.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/errors.hpp>
#include <parkinvest/model/dataset.hpp>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string_view>

namespace parkinvest::io {

/// File formats. Text archives keep money and decimals as exact strings, never floating point.
enum class Format : std::uint8_t {
    json,             ///< cereal JSON archive (.json)
    xml,              ///< cereal XML archive (.xml)
    binary,           ///< cereal binary archive, this machine's byte order (.bin)
    portable_binary,  ///< cereal portable binary archive, little-endian on disk (.pbin)
    csv,              ///< a folder of RFC 4180 CSV files, one per table (a directory, or a path ending in .csv)
    json_lines,       ///< JSON Lines, one record per line, for DuckDB / Spark (.jsonl, .ndjson)
    snapshot,         ///< a snapshot: queries answer before the project records are built (.pks; io/snapshot.hpp)
};

/// "json", "xml", "binary", "portable_binary", "csv", "json_lines", "snapshot".
[[nodiscard]] std::string_view to_string(Format format) noexcept;

/// The format a path's extension names (.json .xml .bin .pbin .csv .jsonl .pks), or an existing
/// directory → csv. Throws ArgumentError naming the path when there is none.
[[nodiscard]] Format format_of(const std::filesystem::path& path);

/// Limits applied while loading untrusted input. Every size read from a file is checked against
/// the bytes that remain (a record needs at least one byte) and against these caps before
/// anything is allocated.
struct LoadOptions {
    std::uint64_t max_input_bytes = std::uint64_t{1} << 32;  ///< larger inputs are refused up front (streams: when seen)
    std::uint64_t max_records = std::uint64_t{1} << 28;      ///< elements in any one list
    std::uint32_t max_depth = 64;                            ///< nesting of JSON / XML elements
    /// Format::csv (io::load of a folder, csv::read_table): the records a load builds may take
    /// at most this many bytes of memory per byte of CSV, plus 8 MiB. For a folder the limit is
    /// for the whole load: the bytes of all its tables together (a table of stages pays for its
    /// projects too); from 1 MB of input, at most 56 MiB. A CSV row can be a few bytes
    /// ("1,a,1" is a project) while its record takes hundreds. Each table's rows are counted and
    /// their memory estimated (record size plus what the Dataset keeps for each, measured)
    /// before any is built; past the limit, the load throws a FormatError with one problem
    /// naming the file, the line of the first row that does not fit and the limit, and builds
    /// nothing (the tables after it are not read). Folders written by save() need 7 to 22;
    /// hand-made files of one or two columns need up to 65 (minimal projects), so every folder
    /// that needs less than 64 loads up to 512 KiB, and larger ones up to 48 (up to 56 at 1 MB).
    /// To load big trusted files of nearly empty rows, raise it (UINT64_MAX turns the check
    /// off). Format::json_lines is held to the same limit: the records read (estimated as they
    /// are built) and the line being parsed (its values, 64 bytes each); files written by save()
    /// need about 1 byte per byte. The archive formats need tens of bytes per record and are
    /// not checked.
    std::uint64_t max_memory_per_input_byte = 48;
};

/// The file-format reference as Markdown (docs/formats.md): every record's fields, every CSV
/// table's columns with their form, requiredness and an example, the JSON Lines members, and the
/// enums' names and labels — generated from model/describe.hpp and the writers themselves.
[[nodiscard]] std::string format_reference();

/// Writes the dataset. The format defaults to the one the path's extension names.
///
/// All or nothing, even when the program is killed: the complete file (CSV: the complete folder)
/// is written under a temporary name next to `path`, synced to the disk and renamed over `path`
/// in one step, so `path` always holds either what it held before or the whole new dataset. A
/// save never writes through a symbolic link: a link at `path` itself is replaced by the new
/// file, not followed. The new file gets the permissions of a new file (0666 less the umask).
/// A killed save may leave a temporary entry named ".<file name>.<16 hex digits>.parkinvest-tmp"
/// next to `path`, safe to delete. The folder holding `path` must exist.
///
/// CSV: an existing folder at `path` is replaced as a whole, and only when it holds nothing but
/// table files (parks.csv, projects.csv ...); anything else in it is refused before anything is
/// written, naming the first such entry (filesystem_error, std::errc::directory_not_empty), as is
/// a `path` that is a file (std::errc::not_a_directory).
///
/// Throws ArgumentError for an unknown extension, and for a value the format cannot hold (text
/// that is not UTF-8; a NUL character in JSON or XML, another control character in XML; an enum
/// outside its values), naming the record and field. Throws std::filesystem::filesystem_error
/// when the file cannot be written, naming the step and the path, with the system's error code
/// ("parkinvest: cannot save "out.json": cannot write ".out.json.….parkinvest-tmp"": File too
/// large). Nothing is changed then.
void save(const Dataset& dataset, const std::filesystem::path& path, std::optional<Format> format = {});
/// Stream form; not for Format::csv (a folder of files). Throws std::ios_base::failure
/// ("parkinvest: cannot save: cannot write to the stream") when the stream fails.
void save(const Dataset& dataset, std::ostream& out, Format format);

/// Replaces the file at `path` with `bytes` the way save() replaces a file: written under a
/// temporary name next to it, synced, renamed into place; never through a symbolic link; `path`
/// as it was after any failure (std::filesystem::filesystem_error with the system's error).
/// For the other files an application writes next to its datasets (a report, a chart).
void write_file(const std::filesystem::path& path, std::string_view bytes);

/// Reads a dataset written by save() of this or any earlier version. All or nothing: any
/// problem — malformed or truncated bytes, unknown enum values, bad decimals, dangling
/// references, duplicate ids, sizes beyond the input — throws FormatError and returns nothing.
/// A path that does not exist is reported as such ("does not exist"); one that cannot be
/// opened or read with the system's reason ("Permission denied", "Is a directory"). Input
/// beyond LoadOptions::max_input_bytes is refused as soon as it is seen: a file by its size,
/// before reading, a FIFO or device after at most that many bytes.
[[nodiscard]] Dataset load(const std::filesystem::path& path, std::optional<Format> format = {},
                           const LoadOptions& options = {});
/// Stream form; not for Format::csv (a folder of files). `name` is what errors call the input.
[[nodiscard]] Dataset load(std::istream& in, Format format, const LoadOptions& options = {},
                           std::string_view name = "<stream>");

}  // namespace parkinvest::io
