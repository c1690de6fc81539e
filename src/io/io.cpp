// SPDX-License-Identifier: MIT
#include "internal.hpp"

#include <parkinvest/io/snapshot.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <ios>
#include <istream>
#include <ostream>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace parkinvest::io {

std::string_view to_string(Format format) noexcept {
    switch (format) {
    case Format::json: return "json";
    case Format::xml: return "xml";
    case Format::binary: return "binary";
    case Format::portable_binary: return "portable_binary";
    case Format::csv: return "csv";
    case Format::json_lines: return "json_lines";
    case Format::snapshot: return "snapshot";
    }
    return "unknown";
}

Format format_of(const std::filesystem::path& path) {
    const std::string ext = path.extension().string();
    if (ext == ".json") return Format::json;
    if (ext == ".xml") return Format::xml;
    if (ext == ".bin") return Format::binary;
    if (ext == ".pbin") return Format::portable_binary;
    if (ext == ".csv") return Format::csv;
    if (ext == ".jsonl" || ext == ".ndjson") return Format::json_lines;
    if (ext == ".pks") return Format::snapshot;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return Format::csv;
    throw ArgumentError("parkinvest: cannot tell the format of \"" + path.string() +
                        "\": use .json, .xml, .bin, .pbin, .pks, .jsonl, or .csv / a folder for CSV tables");
}

namespace {

FormatProblem problem(std::string_view name, std::string reason) {
    FormatProblem p;
    p.input = std::string(name);
    p.reason = std::move(reason);
    return p;
}

FormatError too_large(std::string_view name, const LoadOptions& options) {
    return FormatError(problem(name, "input larger than the limit of " + std::to_string(options.max_input_bytes) +
                                         " bytes (LoadOptions::max_input_bytes)"));
}

/// The text of the system's error number `error` ("No such file or directory").
std::string error_text(int error) { return std::error_code(error, std::system_category()).message(); }

/// All the bytes `read_some(buffer, size)` gives (how many it put in the buffer; 0 at the
/// end), refusing more than options.max_input_bytes as soon as they are read: the buffer never
/// holds more than that plus one byte. `expected` bytes (0: unknown) are asked for at once.
template <class ReadSome>
std::string read_bounded(ReadSome read_some, std::uint64_t expected, const LoadOptions& options, std::string_view name) {
    const std::uint64_t limit = options.max_input_bytes;
    const std::uint64_t cap = std::min<std::uint64_t>(limit < UINT64_MAX ? limit + 1 : limit, SIZE_MAX);
    constexpr std::uint64_t chunk = 1 << 16;
    std::string bytes(static_cast<std::size_t>(std::min(expected > 0 ? expected + 1 : chunk, cap)), '\0');
    std::size_t size = 0;
    for (;;) {
        if (size == bytes.size()) {
            // Twice as large but at most the cap, in a new string: resize() and reserve() may
            // give an existing string twice its capacity, past the cap.
            std::string larger(static_cast<std::size_t>(std::min(std::max<std::uint64_t>(2 * size, chunk), cap)), '\0');
            std::copy_n(bytes.data(), size, larger.data());
            bytes.swap(larger);
        }
        const std::size_t got = read_some(bytes.data() + size, bytes.size() - size);
        if (got == 0) break;
        size += got;
        if (size > limit) throw too_large(name, options);
    }
    bytes.resize(size);
    return bytes;
}

/// The whole file `path`. A regular file larger than the limit is refused before reading; a
/// FIFO or device is read up to the limit.
std::string read_file(const std::filesystem::path& path, const LoadOptions& options, std::string_view name) {
    const detail::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        const int error = errno;
        throw FormatError(problem(name, "cannot open the file: " + error_text(error)));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        const int error = errno;
        throw FormatError(problem(name, "cannot read the file: " + error_text(error)));
    }
    if (S_ISDIR(st.st_mode)) throw FormatError(problem(name, "cannot read the file: " + error_text(EISDIR)));
    std::uint64_t expected = 0;
    if (S_ISREG(st.st_mode)) {
        expected = static_cast<std::uint64_t>(st.st_size);
        if (expected > options.max_input_bytes) throw too_large(name, options);
    }
    return detail::read_open_file(fd.get(), expected, options, name);
}

/// Throws ArgumentError for the formats that cannot be loaded from one stream of bytes.
void check_loadable_from_bytes(Format format) {
    switch (format) {
    case Format::csv:
        throw ArgumentError("parkinvest: CSV is a folder of files; load it from a path, not a stream");
    default: break;
    }
}

}  // namespace

namespace detail {

std::string read_open_file(int fd, std::uint64_t expected, const LoadOptions& options, std::string_view name) {
    return read_bounded(
        [&](char* buffer, std::size_t size) {
            for (;;) {
                const ssize_t got = ::read(fd, buffer, size);
                if (got >= 0) return static_cast<std::size_t>(got);
                const int error = errno;
                if (error != EINTR) throw FormatError(problem(name, "cannot read the file: " + error_text(error)));
            }
        },
        expected, options, name);
}

std::string read_all(std::istream& in, const LoadOptions& options, std::string_view name) {
    // A stream that tells how many bytes it has at hand (a file's size, an in-memory buffer)
    // gets them read at once.
    const std::streamsize at_hand = in.rdbuf() != nullptr ? in.rdbuf()->in_avail() : 0;
    return read_bounded(
        [&](char* buffer, std::size_t size) {
            in.read(buffer, static_cast<std::streamsize>(size));
            if (in.bad()) throw FormatError(problem(name, "read error"));
            return static_cast<std::size_t>(in.gcount());
        },
        at_hand > 0 ? static_cast<std::uint64_t>(at_hand) : 0, options, name);
}

FormatError to_format_error(const ValidationError& error, std::string_view name) {
    std::vector<FormatProblem> problems;
    problems.reserve(error.problems().size());
    for (const Problem& p : error.problems()) {
        FormatProblem f = problem(name, p.reason);
        f.entity = p.entity;
        f.id = p.id;
        f.field = p.field;
        problems.push_back(std::move(f));
    }
    return FormatError(std::move(problems));
}

void stream_write_failed(std::string_view detail) {
    std::string what = "parkinvest: cannot save: cannot write to the stream";
    if (!detail.empty()) {
        what += " (";
        what += detail;
        what += ')';
    }
    throw std::ios_base::failure(what);
}

}  // namespace detail

void save(const Dataset& dataset, std::ostream& out, Format format) {
    switch (format) {
    case Format::csv:
        throw ArgumentError("parkinvest: CSV is a folder of files; save it to a path, not a stream");
    case Format::json_lines: detail::save_json_lines(dataset, out); break;
    case Format::snapshot: detail::save_snapshot(dataset, out); break;
    default: detail::save_archive(dataset, out, format); break;
    }
    out.flush();
    if (!out) detail::stream_write_failed({});
}

void save(const Dataset& dataset, const std::filesystem::path& path, std::optional<Format> format) {
    const Format f = format ? *format : format_of(path);
    if (f == Format::csv) {
        detail::save_csv(dataset, path);
        return;
    }
    detail::write_file_atomically(path, [&](std::ostream& out) { save(dataset, out, f); });
}

Dataset load(std::istream& in, Format format, const LoadOptions& options, std::string_view name) {
    check_loadable_from_bytes(format);
    std::string bytes = detail::read_all(in, options, name);
    if (format == Format::snapshot) return Snapshot::from_bytes(std::move(bytes), options, name).dataset();
    if (format == Format::json_lines) return detail::load_json_lines(bytes, options, name);
    return detail::load_archive(bytes, format, options, name);
}

Dataset load(const std::filesystem::path& path, std::optional<Format> format, const LoadOptions& options) {
    const std::string name = path.string();
    std::error_code ec;
    const bool there = std::filesystem::exists(path, ec);
    if (ec) throw FormatError(problem(name, "cannot open: " + ec.message()));
    if (!there) throw FormatError(problem(name, "does not exist"));
    const Format f = format ? *format : format_of(path);
    if (f == Format::csv) return detail::load_csv(path, options);
    check_loadable_from_bytes(f);
    if (f == Format::snapshot) return Snapshot::open(path, options).dataset();
    const std::string bytes = read_file(path, options, name);
    if (f == Format::json_lines) return detail::load_json_lines(bytes, options, name);
    return detail::load_archive(bytes, f, options, name);
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
    detail::write_file_atomically(path, [bytes](std::ostream& out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

}  // namespace parkinvest::io
