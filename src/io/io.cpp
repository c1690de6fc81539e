// SPDX-License-Identifier: MIT
#include "internal.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <istream>
#include <ostream>
#include <string>
#include <system_error>

namespace parkinvest::io {

std::string_view to_string(Format format) noexcept {
    switch (format) {
    case Format::json: return "json";
    case Format::xml: return "xml";
    case Format::binary: return "binary";
    case Format::portable_binary: return "portable_binary";
    case Format::csv: return "csv";
    case Format::json_lines: return "json_lines";
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
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return Format::csv;
    throw ArgumentError("parkinvest: cannot tell the format of \"" + path.string() +
                        "\": use .json, .xml, .bin, .pbin, .jsonl, or .csv / a folder for CSV tables");
}

namespace {

FormatProblem problem(std::string_view name, std::string reason) {
    FormatProblem p;
    p.input = std::string(name);
    p.reason = std::move(reason);
    return p;
}

}  // namespace

namespace detail {

std::string read_all(std::istream& in, const LoadOptions& options, std::string_view name) {
    std::string bytes;
    // Straight into the string, in chunks of 64 KiB or, when the stream tells how many bytes
    // it has at hand (a file's size, an in-memory buffer), that many at once (at most
    // max_input_bytes + 1, so that a longer input is still noticed and refused).
    const std::streamsize at_hand = in.rdbuf() != nullptr ? in.rdbuf()->in_avail() : 0;
    const std::uint64_t limit = options.max_input_bytes;
    std::size_t want = 1 << 16;
    if (at_hand > 0) {
        const std::uint64_t cap = limit < UINT64_MAX ? limit + 1 : limit;
        want = static_cast<std::size_t>(std::min<std::uint64_t>(static_cast<std::uint64_t>(at_hand) + 1, cap));
    }
    while (in) {
        const std::size_t old = bytes.size();
        bytes.resize(old + want);
        in.read(bytes.data() + old, static_cast<std::streamsize>(want));
        const auto got = static_cast<std::size_t>(in.gcount());
        bytes.resize(old + got);
        if (bytes.size() > limit) {
            throw FormatError(problem(name, "input larger than the limit of " +
                                                std::to_string(options.max_input_bytes) + " bytes"));
        }
        want = 1 << 16;
    }
    if (in.bad()) throw FormatError(problem(name, "read error"));
    return bytes;
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

}  // namespace detail

void save(const Dataset& dataset, std::ostream& out, Format format) {
    switch (format) {
    case Format::csv:
        throw ArgumentError("parkinvest: CSV is a folder of files; save it to a path, not a stream");
    case Format::json_lines: detail::save_json_lines(dataset, out); break;
    default: detail::save_archive(dataset, out, format); break;
    }
    out.flush();
    if (!out) throw FormatError(problem("<stream>", "write error"));
}

void save(const Dataset& dataset, const std::filesystem::path& path, std::optional<Format> format) {
    const Format f = format ? *format : format_of(path);
    if (f == Format::csv) {
        detail::save_csv(dataset, path);
        return;
    }
    // Write next to the target and rename, so a failed save never leaves half a file behind.
    std::filesystem::path tmp = path;
    tmp += ".partial";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw std::filesystem::filesystem_error("parkinvest: cannot open for writing", tmp,
                                                    std::make_error_code(std::errc::io_error));
        }
        try {
            save(dataset, out, f);
        } catch (...) {
            out.close();
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            throw;
        }
    }
    std::filesystem::rename(tmp, path);
}

Dataset load(std::istream& in, Format format, const LoadOptions& options, std::string_view name) {
    switch (format) {
    case Format::csv:
        throw ArgumentError("parkinvest: CSV is a folder of files; load it from a path, not a stream");
    case Format::json_lines:
        throw ArgumentError("parkinvest: JSON Lines is an export format; load .json, .xml, .bin, .pbin or CSV");
    default: break;
    }
    const std::string bytes = detail::read_all(in, options, name);
    return detail::load_archive(bytes, format, options, name);
}

Dataset load(const std::filesystem::path& path, std::optional<Format> format, const LoadOptions& options) {
    const Format f = format ? *format : format_of(path);
    if (f == Format::csv) return detail::load_csv(path, options);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(problem(path.string(), "cannot open the file"));
    return load(in, f, options, path.string());
}

}  // namespace parkinvest::io
