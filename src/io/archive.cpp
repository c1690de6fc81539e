// SPDX-License-Identifier: MIT
// Datasets in cereal's JSON, XML, binary and portable binary archives.
//
// Saving writes with cereal's own output archives, and writes nothing when a value cannot be
// saved: binary archives are written to memory first and copied to the stream when complete;
// text archives cannot be written that way (cereal's JSON and XML archives close their document
// in their destructors, which cannot unwind from an exception), so the dataset first goes through
// a SaveCheckArchive that writes nothing and throws what saving would throw.
//
// Loading never hands cereal input it would mishandle:
//  * JSON: check_json (iterative parse: syntax, nesting, element counts, UTF-8, NUL) before
//    cereal's recursive RapidJSON parse;
//  * XML: check_xml (well-formed subset, nesting, element counts, characters) before RapidXML;
//  * binary: BoundedBinaryInputArchive instead of cereal's stream readers (same bytes), so that
//    every size is checked against the bytes that remain before anything is allocated.
// Every failure (cereal's exceptions, parse errors of values, the Dataset's ValidationError)
// becomes one FormatError naming the input, the place (byte offset; line and column; document
// path) and the entity and field when known.
#include <cereal/archives/json.hpp>  // first: RAPIDJSON_ASSERT throws (see json_check.cpp)
#include <cereal/archives/portable_binary.hpp>
#include <cereal/archives/xml.hpp>

#include "archives.hpp"
#include "internal.hpp"

#include <istream>
#include <ostream>
#include <sstream>
#include <string>

namespace parkinvest::io::detail {

namespace {

template <class Archive>
void write(Archive& ar, const Dataset& dataset) {
    if constexpr (cereal::traits::is_text_archive<Archive>::value)
        ar(cereal::make_nvp("dataset", dataset));
    else
        ar(dataset);
}

/// Writes `dataset` in a binary format to memory, then to `out`: nothing reaches `out` when a
/// value cannot be saved.
template <class Archive, class... Options>
void write_binary(std::ostream& out, const Dataset& dataset, Options... options) {
    std::ostringstream buffer(std::ios::binary);
    {
        Archive ar(buffer, options...);
        write(ar, dataset);
    }
    const std::string bytes = std::move(buffer).str();
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// The problems of `e` about input `name`; in text documents, a problem known only by its path
/// gets the line and column where that path starts.
[[noreturn]] void rethrow_for_input(const FormatError& e, std::string_view bytes, Format format, std::string_view name) {
    std::vector<FormatProblem> problems = e.problems();
    for (FormatProblem& p : problems) {
        p.input = std::string(name);
        if (p.byte || p.path.empty()) continue;
        std::optional<std::uint64_t> offset;
        if (format == Format::json) offset = json_offset_of(bytes, p.path);
        if (format == Format::xml) offset = xml_offset_of(bytes, p.path);
        if (offset) {
            p.byte = offset;
            const LineColumn lc = line_column(bytes, *offset);
            p.line = lc.line;
            p.column = lc.column;
        }
    }
    throw FormatError(std::move(problems));
}

template <class Archive>
void read(Archive& ar, Dataset& dataset) {
    cereal_detail::at(ar, cereal_detail::Step{"dataset", 0}, [&] {
        if constexpr (cereal::traits::is_text_archive<Archive>::value)
            ar(cereal::make_nvp("dataset", dataset));
        else
            ar(dataset);
    });
}

Dataset load_binary(std::string_view bytes, bool portable, const LoadOptions& options) {
    BoundedBinaryInputArchive ar(bytes, portable, options.max_records);
    Dataset dataset;
    read(ar, dataset);
    if (ar.parkinvest_remaining() != 0) {
        FormatProblem p;
        p.byte = ar.parkinvest_position();
        p.reason = std::to_string(ar.parkinvest_remaining()) + " bytes after the end of the dataset";
        throw FormatError(std::move(p));
    }
    return dataset;
}

}  // namespace

void save_archive(const Dataset& dataset, std::ostream& out, Format format) {
    using cereal_detail::TextRules;
    try {
        switch (format) {
        case Format::json: {
            SaveCheckArchive<TextRules::json> check;
            write(check, dataset);
            cereal::JSONOutputArchive ar(out);
            write(ar, dataset);
            break;
        }
        case Format::xml: {
            SaveCheckArchive<TextRules::xml> check;
            write(check, dataset);
            cereal::XMLOutputArchive ar(out);
            write(ar, dataset);
            break;
        }
        case Format::binary: write_binary<cereal::BinaryOutputArchive>(out, dataset); break;
        case Format::portable_binary:
            write_binary<cereal::PortableBinaryOutputArchive>(out, dataset,
                                                              cereal::PortableBinaryOutputArchive::Options::LittleEndian());
            break;
        default: throw ArgumentError("parkinvest: not a cereal archive format: " + std::string(to_string(format)));
        }
    } catch (const cereal::Exception& e) {  // a stream that takes fewer bytes than given
        stream_write_failed(e.what());
    }
}

Dataset load_archive(std::string_view bytes, Format format, const LoadOptions& options, std::string_view name) {
    try {
        if (bytes.size() > options.max_input_bytes) {
            cereal_detail::fail("input larger than the limit of " + std::to_string(options.max_input_bytes) +
                                " bytes (LoadOptions::max_input_bytes)");
        }
        switch (format) {
        case Format::json: {
            check_json(bytes, options);
            ViewBuf buf(bytes);
            std::istream in(&buf);
            Dataset dataset;
            try {
                cereal::JSONInputArchive ar(in);  // parses the document (checked above)
                read(ar, dataset);
            } catch (const cereal::Exception& e) {  // defensive: a document RapidJSON's two parsers disagree on
                cereal_detail::fail(std::string("malformed JSON: ") + e.what());
            }
            return dataset;
        }
        case Format::xml: {
            check_xml(bytes, options);
            ViewBuf buf(bytes);
            std::istream in(&buf);
            Dataset dataset;
            try {
                cereal::XMLInputArchive ar(in);
                read(ar, dataset);
            } catch (const cereal::Exception& e) {  // no <cereal> root element
                cereal_detail::fail(e.what());
            }
            return dataset;
        }
        case Format::binary: return load_binary(bytes, false, options);
        case Format::portable_binary: return load_binary(bytes, true, options);
        default: throw ArgumentError("parkinvest: not a cereal archive format: " + std::string(to_string(format)));
        }
    } catch (const ValidationError& e) {
        throw to_format_error(e, name);
    } catch (const FormatError& e) {
        rethrow_for_input(e, bytes, format, name);
    }
}

}  // namespace parkinvest::io::detail
