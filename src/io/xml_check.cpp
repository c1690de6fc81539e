// SPDX-License-Identifier: MIT
// XML checks before cereal's XML reader (RapidXML) sees the input. RapidXML is not a validating
// parser: it recurses once per nesting level, does not match closing tags, and stops at NUL.
// cereal's reader has null-pointer paths on documents it did not write. This scanner accepts
// only well-formed XML 1.0 in the subset cereal writes, without recursion, so RapidXML only ever
// parses documents of that shape.
#include "archives.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace parkinvest::io::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

/// Where an element starts: its name and offset (for locating a document path).
struct ElementStart {
    std::string_view name;
    std::uint64_t offset;
    std::size_t depth;  // 1 for the root element
};

class Scanner {
public:
    Scanner(std::string_view bytes, const LoadOptions& options) : s_(bytes), options_(options) {}

    /// Scans the whole document; `on_element` (may be empty) sees every start tag and returns
    /// false to stop early.
    template <class OnElement>
    void run(OnElement&& on_element) {
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a UTF-8 byte order mark (RapidXML skips it)
        if (s_.substr(pos_, 5) == "<?xml" && pos_ + 5 < s_.size() && is_space(s_[pos_ + 5])) declaration();
        misc();
        if (pos_ >= s_.size() || s_[pos_] != '<') fail("expected the root element");
        bool root_done = false;
        while (!root_done) {
            if (pos_ >= s_.size()) fail("unexpected end of the document: unclosed element <" + std::string(open_.back().name) + ">");
            if (s_[pos_] != '<') {
                text();
                continue;
            }
            if (s_.substr(pos_, 4) == "<!--") {
                comment();
            } else if (s_.substr(pos_, 2) == "</") {
                end_tag();
                root_done = open_.empty();
            } else if (s_.substr(pos_, 9) == "<![CDATA[") {
                fail("CDATA sections are not supported");
            } else if (s_.substr(pos_, 2) == "<!") {
                fail("DOCTYPE and other declarations are not supported");
            } else if (s_.substr(pos_, 2) == "<?") {
                fail("processing instructions are not supported");
            } else {
                const std::uint64_t at = pos_;
                const std::string_view name = start_tag();
                if (!on_element(ElementStart{name, at, open_.size() + (self_closed_ ? 1 : 0)})) return;
                root_done = open_.empty();
            }
        }
        misc();
        if (pos_ != s_.size()) fail("content after the root element");
    }

private:
    struct Open {
        std::string_view name;
        std::uint64_t children = 0;
        std::uint64_t content = 0;  // where the content starts, after the start tag
    };

    [[noreturn]] void fail(std::string reason) const { fail_at(pos_, std::move(reason)); }
    [[noreturn]] void fail_at(std::uint64_t offset, std::string reason) const {
        FormatProblem p;
        p.byte = offset;
        const LineColumn lc = line_column(s_, offset);
        p.line = lc.line;
        p.column = lc.column;
        p.reason = "malformed XML: " + reason;
        throw FormatError(std::move(p));
    }

    void expect(std::string_view what) {
        if (s_.substr(pos_, what.size()) != what) fail("expected \"" + std::string(what) + "\"");
        pos_ += what.size();
    }
    void spaces() {
        while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    }
    std::string_view name() {
        const std::size_t start = pos_;
        if (pos_ >= s_.size() || !is_name_start(s_[pos_])) fail("expected a name (ASCII letters, digits, _ : - .)");
        while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
        return s_.substr(start, pos_ - start);
    }

    /// Whitespace and comments outside the root element.
    void misc() {
        for (;;) {
            spaces();
            if (s_.substr(pos_, 4) == "<!--") comment();
            else return;
        }
    }

    void comment() {
        pos_ += 4;
        const std::size_t end = s_.find("--", pos_);
        if (end == std::string_view::npos) fail("unclosed comment");
        if (s_.substr(end, 3) != "-->") fail_at(end, "\"--\" inside a comment");
        pos_ = end + 3;
    }

    /// <?xml version="1.0" encoding="utf-8"?>
    void declaration() {
        pos_ += 5;
        NameSet seen;
        for (;;) {
            const std::size_t before = pos_;
            spaces();
            if (s_.substr(pos_, 2) == "?>") {
                pos_ += 2;
                return;
            }
            if (pos_ == before) fail("expected a space or \"?>\" in the XML declaration");
            attribute(seen);
        }
    }

    /// name="value" or name='value'.
    void attribute(NameSet& seen) {
        const std::uint64_t at = pos_;
        const std::string_view n = name();
        if (!seen.insert(n)) fail_at(at, "attribute \"" + printable(n) + "\" given twice");
        spaces();
        expect("=");
        spaces();
        if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) fail("expected a quoted attribute value");
        const char quote = s_[pos_++];
        for (;;) {
            if (pos_ >= s_.size()) fail("unclosed attribute value");
            const char c = s_[pos_];
            if (c == quote) {
                ++pos_;
                return;
            }
            if (c == '<') fail("'<' in an attribute value");
            if (c == '&') reference();
            else ++pos_;
        }
    }

    /// &lt; &gt; &amp; &quot; &apos; &#N; &#xH; (an XML character).
    void reference() {
        const std::uint64_t at = pos_;
        ++pos_;
        for (std::string_view named : {"lt;", "gt;", "amp;", "quot;", "apos;"}) {
            if (s_.substr(pos_, named.size()) == named) {
                pos_ += named.size();
                return;
            }
        }
        if (pos_ >= s_.size() || s_[pos_] != '#') fail_at(at, "unknown entity reference (only &lt; &gt; &amp; &quot; &apos; and &#...; )");
        ++pos_;
        const bool hex = pos_ < s_.size() && s_[pos_] == 'x';
        if (hex) ++pos_;
        std::uint32_t cp = 0;
        std::size_t digits = 0;
        while (pos_ < s_.size() && s_[pos_] != ';') {
            const char c = s_[pos_];
            int d = -1;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
            if (d < 0 || ++digits > 8) fail_at(at, "malformed character reference");
            cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
            ++pos_;
        }
        if (pos_ >= s_.size() || digits == 0) fail_at(at, "malformed character reference");
        ++pos_;  // ';'
        const bool xml_char = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                              (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
        if (!xml_char) fail_at(at, "character reference to a character XML does not allow");
    }

    std::string_view start_tag() {
        const std::uint64_t at = pos_;
        ++pos_;  // '<'
        const std::string_view n = name();
        NameSet seen;
        self_closed_ = false;
        for (;;) {
            const std::size_t before = pos_;
            spaces();
            if (s_.substr(pos_, 2) == "/>") {
                pos_ += 2;
                self_closed_ = true;
                break;
            }
            if (s_.substr(pos_, 1) == ">") {
                ++pos_;
                break;
            }
            if (pos_ == before) fail("expected a space, \">\" or \"/>\" in a start tag");
            attribute(seen);
        }
        if (!open_.empty() && ++open_.back().children > options_.max_records) {
            fail_at(at, "more than " + std::to_string(options_.max_records) +
                            " child elements in one element (LoadOptions::max_records)");
        }
        if (open_.size() + 1 > options_.max_depth) {
            fail_at(at, "nesting deeper than " + std::to_string(options_.max_depth) + " levels (LoadOptions::max_depth)");
        }
        if (!self_closed_) open_.push_back(Open{n, 0, pos_});
        return n;
    }

    void end_tag() {
        const std::uint64_t at = pos_;
        pos_ += 2;
        const std::string_view n = name();
        spaces();
        expect(">");
        if (open_.empty() || open_.back().name != n) {
            fail_at(at, "closing tag </" + std::string(n) + "> does not match <" +
                            (open_.empty() ? std::string("(none)") : std::string(open_.back().name)) + ">");
        }
        if (n == "cereal_class_version") class_version(open_.back().content, at);
        open_.pop_back();
    }

    /// cereal reads a class version with std::stoul, which takes " 1", "1abc" and "4294967297"
    /// as 1: the text must be the digits of a 32-bit number, nothing else.
    void class_version(std::uint64_t from, std::uint64_t to) const {
        const std::string_view text = s_.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
        std::uint64_t v = 0;
        bool ok = !text.empty() && text.size() <= 10;
        for (const char c : text) {
            ok = ok && c >= '0' && c <= '9';
            if (ok) v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (!ok || v > UINT32_MAX)
            fail_at(from, "cereal_class_version \"" + printable(text) + "\" is not a version number (digits of a 32-bit number)");
    }

    /// Character data up to the next '<'.
    void text() {
        while (pos_ < s_.size() && s_[pos_] != '<') {
            if (s_[pos_] == '&') {
                reference();
            } else {
                if (s_[pos_] == '>' && pos_ >= 2 && s_.substr(pos_ - 2, 3) == "]]>") fail("\"]]>\" in character data");
                ++pos_;
            }
        }
    }

    std::string_view s_;
    const LoadOptions& options_;
    std::size_t pos_ = 0;
    std::vector<Open> open_;
    bool self_closed_ = false;
};

}  // namespace

void check_xml(std::string_view bytes, const LoadOptions& options) {
    // Characters first: valid UTF-8, and only characters XML allows (no NUL, no control
    // characters but tab, LF and CR) anywhere in the document.
    if (const auto problem = cereal_detail::text_problem(bytes, cereal_detail::TextRules::xml)) {
        FormatProblem p;
        p.byte = problem->offset;
        const LineColumn lc = line_column(bytes, problem->offset);
        p.line = lc.line;
        p.column = lc.column;
        p.reason = problem->reason;
        throw FormatError(std::move(p));
    }
    Scanner(bytes, options).run([](const ElementStart&) { return true; });
}

std::optional<std::uint64_t> xml_offset_of(std::string_view bytes, std::string_view path) {
    // cereal's document: <cereal> (depth 1) holds the first step; step i is at depth i + 2. A name
    // step is the first child of that name, an index step [k] the k-th child element.
    const std::vector<std::string> steps = path_steps(path);
    std::optional<std::uint64_t> found;
    std::size_t matched = 0;          // steps matched so far
    std::uint64_t children_seen = 0;  // children of the last matched element seen so far
    LoadOptions unlimited;
    unlimited.max_depth = std::numeric_limits<std::uint32_t>::max();
    unlimited.max_records = std::numeric_limits<std::uint64_t>::max();
    try {
        Scanner(bytes, unlimited).run([&](const ElementStart& e) {
            if (e.depth == 1) return true;  // <cereal>
            if (e.depth != matched + 2) return e.depth > matched + 2;  // deeper: skip; shallower: left the match
            const std::string& step = steps[matched];
            bool hit = step == e.name;
            if (step.front() == '[') {  // built with += : gcc 12 -O2 warns falsely (-Wrestrict) on "[" + std::string
                std::string index = "[";
                index += std::to_string(children_seen);
                index += ']';
                hit = step == index;
            }
            ++children_seen;
            if (!hit) return true;
            found = e.offset;
            ++matched;
            children_seen = 0;
            return matched < steps.size();
        });
    } catch (const FormatError&) {
        // The document was checked before; nothing more to find.
    }
    return found;
}

}  // namespace parkinvest::io::detail
