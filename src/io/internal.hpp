// SPDX-License-Identifier: MIT
// Between io.cpp (dispatch) and the format implementations. Not installed.
#pragma once

#include <parkinvest/io/io.hpp>

#include "atomic_file.hpp"  // saves to paths: write_file_atomically, write_folder_atomically

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace parkinvest::io::detail {

// archive.cpp — cereal JSON, XML, binary and portable binary.
void save_archive(const Dataset& dataset, std::ostream& out, Format format);
/// `bytes` is the whole input; `name` is what errors call it.
[[nodiscard]] Dataset load_archive(std::string_view bytes, Format format, const LoadOptions& options,
                                   std::string_view name);

// csv_write.cpp (save_csv, csv_reference) and csv.cpp (load_csv) — one RFC 4180 file per table
// in a folder.
/// Replaces `folder` as a whole (write_folder_atomically).
void save_csv(const Dataset& dataset, const std::filesystem::path& folder);
[[nodiscard]] Dataset load_csv(const std::filesystem::path& folder, const LoadOptions& options);
/// Appends the reference of every table (a Markdown section per file) to `md`.
void csv_reference(std::string& md);

// json_lines.cpp (save_json_lines, json_lines_reference) and json_lines_read.cpp (load_json_lines) —
// one record per line.
void save_json_lines(const Dataset& dataset, std::ostream& out);
/// `bytes` is the whole input; `name` is what errors call it. Problems name lines and columns.
[[nodiscard]] Dataset load_json_lines(std::string_view bytes, const LoadOptions& options, std::string_view name);
/// Appends the members of each entity's lines (a Markdown list per entity) to `md`.
void json_lines_reference(std::string& md);

// snapshot.cpp — .pks (the reading side is io::Snapshot).
void save_snapshot(const Dataset& dataset, std::ostream& out);

// io.cpp
/// Reads an open file descriptor to its end, refusing more than options.max_input_bytes as soon
/// as they are read (`expected`: the size when known, else 0).
[[nodiscard]] std::string read_open_file(int fd, std::uint64_t expected, const LoadOptions& options, std::string_view name);
/// Reads a whole stream, refusing more than options.max_input_bytes (FormatError naming `name`).
[[nodiscard]] std::string read_all(std::istream& in, const LoadOptions& options, std::string_view name);
/// The Dataset's validation problems as a FormatError about input `name`.
[[nodiscard]] FormatError to_format_error(const ValidationError& error, std::string_view name);
/// Throws the std::ios_base::failure of a save to a stream that fails ("cannot save: cannot
/// write to the stream (`detail`)").
[[noreturn]] void stream_write_failed(std::string_view detail);

}  // namespace parkinvest::io::detail
