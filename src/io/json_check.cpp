// SPDX-License-Identifier: MIT
// JSON checks before cereal's JSON reader sees the input. cereal parses with RapidJSON's
// recursive parser (deep nesting would exhaust the stack) and ends strings at NUL; this pass
// uses RapidJSON's iterative parser and rejects what cereal would mishandle, with an offset.
//
// cereal's json.hpp comes first: it makes RAPIDJSON_ASSERT throw instead of abort, and every
// translation unit must see RapidJSON with the same definition.
#include <cereal/archives/json.hpp>

#include "archives.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstring>
#include <string>
#include <vector>

namespace parkinvest::io::detail {

namespace {

constexpr unsigned parse_flags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

[[noreturn]] void fail_at(std::string_view bytes, std::uint64_t offset, std::string reason) {
    FormatProblem p;
    p.byte = offset;
    const LineColumn lc = line_column(bytes, offset);
    p.line = lc.line;
    p.column = lc.column;
    p.reason = std::move(reason);
    throw FormatError(std::move(p));
}

/// Counts nesting and elements, and checks every string and key.
class Checker : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Checker> {
public:
    Checker(const LoadOptions& options, const rapidjson::MemoryStream& stream) : options_(options), stream_(stream) {}

    bool Default() { return root(false) && element(); }
    bool String(const char* s, rapidjson::SizeType length, bool) { return root(false) && element() && text(s, length); }
    bool Key(const char* s, rapidjson::SizeType length, bool) { return element() && text(s, length) && unique(s, length); }
    bool StartObject() { return root(true) && element() && open(true); }
    bool StartArray() { return root(false) && element() && open(false); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }

    /// Set when the handler stopped the parse.
    std::string reason;
    std::uint64_t offset = 0;

private:
    /// Stops the parse at the stream position: for '{' and '[' (RapidJSON's iterative parser
    /// calls the handler before taking the bracket) that is the bracket; for other values and
    /// keys, just after them.
    bool stop(std::string why) {
        reason = std::move(why);
        offset = stream_.Tell();
        return false;
    }
    /// The document is one object (cereal's root).
    bool root(bool object) {
        if (seen_root_ || object) {
            seen_root_ = true;
            return true;
        }
        return stop("the document must be a JSON object");
    }
    bool element() {
        if (!counts_.empty() && ++counts_.back() > options_.max_records) {
            return stop("more than " + std::to_string(options_.max_records) +
                        " members or elements in one object or array (LoadOptions::max_records)");
        }
        return true;
    }
    bool open(bool object) {
        if (counts_.size() >= options_.max_depth)
            return stop("nesting deeper than " + std::to_string(options_.max_depth) + " levels (LoadOptions::max_depth)");
        counts_.push_back(0);
        // One NameSet per depth, reused (cleared) by the next object at that depth.
        if (names_.size() < counts_.size()) names_.emplace_back();
        names_[counts_.size() - 1].clear();
        objects_.push_back(object);
        return true;
    }
    bool close() {
        counts_.pop_back();
        objects_.pop_back();
        return true;
    }
    /// A member name given twice would load silently (the first value wins in cereal's reader).
    bool unique(const char* s, rapidjson::SizeType length) {
        if (counts_.empty() || !objects_.back() || names_[counts_.size() - 1].insert({s, length})) return true;
        return stop("member \"" + printable({s, length}) + "\" given twice in one object");
    }
    bool text(const char* s, rapidjson::SizeType length) {
        if (const auto problem = cereal_detail::text_problem({s, length}, cereal_detail::TextRules::json))
            return stop(std::string(problem->reason) + " in a string");
        return true;
    }

    const LoadOptions& options_;
    const rapidjson::MemoryStream& stream_;
    bool seen_root_ = false;
    std::vector<std::uint64_t> counts_;  // members of each open object (keys and values) or elements of each array
    std::vector<bool> objects_;                  // whether each open container is an object
    std::vector<NameSet> names_;                 // member names of the open object at each depth
};

/// Finds where the value at a path starts (on the error path only).
class Locator : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Locator> {
public:
    Locator(std::vector<std::string> steps, const rapidjson::MemoryStream& stream)
        : steps_(std::move(steps)), stream_(stream) {}

    bool Default() { return value(); }
    bool String(const char*, rapidjson::SizeType, bool) { return value(); }
    bool Key(const char* s, rapidjson::SizeType length, bool) {
        frames_.back().key.assign(s, length);
        frames_.back().key_end = stream_.Tell();
        return true;
    }
    bool StartObject() { return value() && push(false); }
    bool StartArray() { return value() && push(true); }
    bool EndObject(rapidjson::SizeType) { return pop(); }
    bool EndArray(rapidjson::SizeType) { return pop(); }

    std::optional<std::uint64_t> found;

private:
    struct Frame {
        bool array = false;
        bool on_path = false;   // the container itself is at steps_[0 .. depth)
        std::size_t index = 0;  // elements seen so far (arrays)
        std::string key;        // the current member's name (objects)
        std::uint64_t key_end = 0;
    };

    /// A value starts. Returns false (stop) once the whole path is found.
    bool value() {
        if (frames_.empty()) {
            pending_on_path_ = true;  // the document root: before the first step
            return true;
        }
        Frame& f = frames_.back();
        const std::size_t depth = frames_.size();  // this value's steps: steps_[0 .. depth)
        bool match = false;
        std::uint64_t at = 0;
        if (f.on_path && depth <= steps_.size()) {
            const std::string& step = steps_[depth - 1];
            if (f.array) {
                match = step == "[" + std::to_string(f.index) + "]";
                at = stream_.Tell();  // at a bracket, or just after a scalar
            } else {
                match = step == f.key;
                at = f.key_end;
            }
        }
        if (f.array) ++f.index;
        if (match && depth > best_depth_) {
            best_depth_ = depth;
            found = at;
            if (depth == steps_.size()) return false;
        }
        pending_on_path_ = match;
        return true;
    }
    bool push(bool array) {
        Frame f;
        f.array = array;
        f.on_path = pending_on_path_;
        frames_.push_back(std::move(f));
        return true;
    }
    bool pop() {
        frames_.pop_back();
        return true;
    }

    std::vector<std::string> steps_;
    const rapidjson::MemoryStream& stream_;
    std::vector<Frame> frames_;
    bool pending_on_path_ = false;
    std::size_t best_depth_ = 0;
};

}  // namespace

void check_json(std::string_view bytes, const LoadOptions& options) {
    // RapidJSON's memory stream reads NUL as the end of input; NUL is never valid JSON text.
    if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
        fail_at(bytes, static_cast<std::uint64_t>(static_cast<const char*>(nul) - bytes.data()),
                "NUL byte (not valid in JSON)");
    }
    rapidjson::MemoryStream stream(bytes.data(), bytes.size());
    Checker checker(options, stream);
    rapidjson::Reader reader;
    const rapidjson::ParseResult result = reader.Parse<parse_flags>(stream, checker);
    if (result.IsError()) {
        if (result.Code() == rapidjson::kParseErrorTermination) fail_at(bytes, checker.offset, checker.reason);
        fail_at(bytes, result.Offset(), std::string("malformed JSON: ") + rapidjson::GetParseError_En(result.Code()));
    }
}

std::optional<std::uint64_t> json_offset_of(std::string_view bytes, std::string_view path) {
    rapidjson::MemoryStream stream(bytes.data(), bytes.size());
    Locator locator(path_steps(path), stream);
    rapidjson::Reader reader;
    reader.Parse<parse_flags>(stream, locator);
    return locator.found;
}

LineColumn line_column(std::string_view bytes, std::uint64_t offset) {
    const std::string_view before = bytes.substr(0, static_cast<std::size_t>(std::min<std::uint64_t>(offset, bytes.size())));
    std::uint64_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return LineColumn{line, before.size() - line_start + 1};
}

std::vector<std::string> path_steps(std::string_view path) {
    std::vector<std::string> steps;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '.') {
            ++i;
        } else if (path[i] == '[') {
            const std::size_t end = path.find(']', i);
            const std::size_t stop = end == std::string_view::npos ? path.size() : end + 1;
            steps.emplace_back(path.substr(i, stop - i));
            i = stop;
        } else {
            const std::size_t end = path.find_first_of(".[", i);
            const std::size_t stop = end == std::string_view::npos ? path.size() : end;
            steps.emplace_back(path.substr(i, stop - i));
            i = stop;
        }
    }
    return steps;
}

}  // namespace parkinvest::io::detail
