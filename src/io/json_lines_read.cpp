// SPDX-License-Identifier: MIT
// JSON Lines import (load_json_lines): the members that are the CSV table's columns are read
// with the CSV reader's RowReader (one reading and one message per value form), lists of structs
// as arrays of objects read the same way, and every companion member that is given (not null) is
// checked against the line the writer (json_lines_write.hpp) makes of the record read: a
// hand-edited amount whose "_minor" was left behind is an error, not a silent choice between the
// two.
//
// cereal's json.hpp comes first: it makes RAPIDJSON_ASSERT throw instead of abort, and every
// translation unit must see RapidJSON with the same definition (json_check.cpp).
#include <cereal/archives/json.hpp>

#include <parkinvest/core/utf8.hpp>

#include "csv_row_reader.hpp"
#include "internal.hpp"
#include "json_lines_write.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace parkinvest::io::detail {

namespace {

/// A line as a tree of values with their byte offsets, built by RapidJSON's iterative SAX parser
/// (no recursion at any nesting). Children are linked: `first` child, `next` sibling.
struct Node {
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    enum class Kind : std::uint8_t { null, boolean, number, string, object, array };
    Kind kind = Kind::null;
    bool truth = false;
    std::size_t key_pos = 0, key_len = 0;    ///< a member's name in Tree::text
    std::size_t text_pos = 0, text_len = 0;  ///< a string's or a number's text in Tree::text
    std::size_t offset = 0;                  ///< first byte of the value in the line
    std::size_t first = none, next = none;
};

struct Tree {
    std::vector<Node> nodes;
    std::string text;
    [[nodiscard]] std::string_view key(const Node& n) const { return {text.data() + n.key_pos, n.key_len}; }
    [[nodiscard]] std::string_view str(const Node& n) const { return {text.data() + n.text_pos, n.text_len}; }
    template <class F>
    void children(const Node& n, F f) const {
        for (std::size_t i = n.first; i != Node::none; i = nodes[i].next) f(nodes[i]);
    }
    [[nodiscard]] const Node* member(const Node& object, std::string_view name) const {
        for (std::size_t i = object.first; i != Node::none; i = nodes[i].next)
            if (key(nodes[i]) == name) return &nodes[i];
        return nullptr;
    }
    /// The same, searching from `cursor` (a member of `object`, or none) round to it, and
    /// leaving the cursor after the member found: members asked for in the object's order are
    /// found in one step each.
    [[nodiscard]] const Node* member_from(const Node& object, std::string_view name, std::size_t& cursor) const {
        const std::size_t start = cursor == Node::none ? object.first : cursor;
        for (std::size_t pass = 0; pass < 2; ++pass) {
            const std::size_t from = pass == 0 ? start : object.first;
            for (std::size_t i = from; i != Node::none && !(pass == 1 && i == start); i = nodes[i].next) {
                if (key(nodes[i]) == name) {
                    cursor = nodes[i].next;
                    return &nodes[i];
                }
            }
            if (start == object.first) break;
        }
        return nullptr;
    }
    /// Empties the tree; a large one gives its memory back rather than keep it reserved.
    void clear() {
        constexpr std::size_t keep = std::size_t{1} << 20;  // bytes
        if (nodes.capacity() * sizeof(Node) > keep) std::vector<Node>().swap(nodes);
        else nodes.clear();
        if (text.capacity() > keep) std::string().swap(text);
        else text.clear();
    }
    /// Memory the tree holds (reserved, not only used).
    [[nodiscard]] std::size_t bytes() const { return nodes.capacity() * sizeof(Node) + text.capacity(); }
};

/// The deepest a line of this format nests: the record, a list, an element, a date's object.
constexpr std::size_t max_line_depth = 4;

class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
public:
    TreeBuilder(Tree& tree, std::string_view line, const rapidjson::MemoryStream& stream, std::size_t max_bytes)
        : tree_(tree), line_(line), stream_(stream), max_bytes_(max_bytes) {}

    bool Null() { return scalar(Node::Kind::null, {}); }
    bool Bool(bool b) {
        if (!scalar(Node::Kind::boolean, {})) return false;
        tree_.nodes.back().truth = b;
        return true;
    }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return scalar(Node::Kind::number, {s, n}); }
    bool String(const char* s, rapidjson::SizeType n, bool) { return character_escapes({s, n}) && scalar(Node::Kind::string, {s, n}); }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        if (!character_escapes({s, n})) return false;
        key_pos_ = tree_.text.size();
        key_len_ = n;
        tree_.text.append(s, n);
        prev_end_ = stream_.Tell();
        return true;
    }
    bool StartObject() { return open(Node::Kind::object); }
    bool StartArray() { return open(Node::Kind::array); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }

    std::string reason;        ///< set when the builder stopped the parse
    std::size_t offset = 0;    ///< where
    bool over_budget = false;  ///< stopped by the memory limit

private:
    /// Where the next value starts: past the separators after the previous token.
    [[nodiscard]] std::size_t value_start() const {
        std::size_t i = prev_end_;
        while (i < line_.size() && std::string_view(" \t\r\n,:]}").find(line_[i]) != std::string_view::npos) ++i;
        return i;
    }
    /// The line was checked for UTF-8, but a \\u escape may still stand for half a surrogate
    /// pair, which RapidJSON writes out as bytes that are not UTF-8 (ED A0..BF ..).
    bool character_escapes(std::string_view text) {
        if (std::memchr(text.data(), 0xED, text.size()) == nullptr || !invalid_utf8_at(text)) return true;
        reason = "a \\u escape that is not a character (half of a surrogate pair)";
        offset = value_start();
        return false;
    }
    /// Memory of the tree after the next value (the node array doubles when full), against the
    /// load's memory limit.
    [[nodiscard]] bool within_budget() {
        const std::size_t cap = tree_.nodes.capacity();
        const std::size_t next = tree_.nodes.size() < cap ? cap : std::max<std::size_t>(2 * cap, 16);
        if (next * sizeof(Node) + tree_.text.capacity() <= max_bytes_) return true;
        reason = "the line needs more memory than the limit leaves (LoadOptions::max_memory_per_input_byte)";
        offset = value_start();
        over_budget = true;
        return false;
    }
    std::size_t add(Node::Kind kind, std::size_t at) {
        const std::size_t index = tree_.nodes.size();
        Node& n = tree_.nodes.emplace_back();
        n.kind = kind;
        n.offset = at;
        if (!open_.empty()) {
            auto& [parent, last] = open_.back();
            if (tree_.nodes[parent].kind == Node::Kind::object) {
                n.key_pos = key_pos_;
                n.key_len = key_len_;
            }
            if (last == Node::none) tree_.nodes[parent].first = index;
            else tree_.nodes[last].next = index;
            last = index;
        }
        return index;
    }
    bool scalar(Node::Kind kind, std::string_view text) {
        if (!within_budget()) return false;
        const std::size_t index = add(kind, value_start());
        tree_.nodes[index].text_pos = tree_.text.size();
        tree_.nodes[index].text_len = text.size();
        tree_.text += text;
        prev_end_ = stream_.Tell();
        return true;
    }
    bool open(Node::Kind kind) {
        const std::size_t at = stream_.Tell();  // the iterative parser calls before taking the bracket
        if (open_.size() >= max_line_depth) {
            reason = "nesting deeper than a record's line has (" + std::to_string(max_line_depth) + " levels)";
            offset = at;
            return false;
        }
        if (!within_budget()) return false;
        open_.emplace_back(add(kind, at), Node::none);
        prev_end_ = at + 1;
        return true;
    }
    bool close() {
        open_.pop_back();
        prev_end_ = stream_.Tell();
        return true;
    }

    Tree& tree_;
    std::string_view line_;
    const rapidjson::MemoryStream& stream_;
    std::vector<std::pair<std::size_t, std::size_t>> open_;  // (container, its last child)
    std::size_t key_pos_ = 0, key_len_ = 0;
    std::size_t prev_end_ = 0;
    std::size_t max_bytes_;
};

/// Parses one line into `tree`; on malformed JSON returns the reason and sets `offset`. The
/// line's UTF-8 is checked first, in one pass (RapidJSON's own check decodes every character and
/// took a fifth of a load); `trusted` skips that for the lines the writer made.
/// `max_bytes`: memory the tree may hold; past it the parse stops and `over_budget` is set.
std::optional<std::string> parse_line(std::string_view line, Tree& tree, std::size_t& offset, bool trusted, std::size_t max_bytes,
                                      bool& over_budget) {
    tree.clear();
    // RapidJSON's memory stream reads NUL as the end of the input; NUL is never valid JSON text.
    if (const void* nul = std::memchr(line.data(), 0, line.size())) {
        offset = static_cast<std::size_t>(static_cast<const char*>(nul) - line.data());
        return "NUL byte (not valid in JSON)";
    }
    if (!trusted) {
        if (const auto bad = invalid_utf8_at(line)) {
            offset = *bad;
            return "invalid UTF-8";
        }
    }
    constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
    rapidjson::MemoryStream stream(line.data(), line.size());
    TreeBuilder builder(tree, line, stream, max_bytes);
    rapidjson::Reader reader;
    const rapidjson::ParseResult result = reader.Parse<flags>(stream, builder);
    if (!result.IsError()) return std::nullopt;
    if (result.Code() == rapidjson::kParseErrorTermination) {
        offset = builder.offset;
        over_budget = builder.over_budget;
        return builder.reason;
    }
    offset = result.Offset();
    return std::string("malformed JSON: ") + rapidjson::GetParseError_En(result.Code());
}

/// A list element read as a row of its own (its columns are walk_element's).
template <class T>
struct ElementRow {
    T value;
};
// Found by argument-dependent lookup from csv_detail::columns_of and from the calls below.
template <class V, class T>
void visit(V& v, ElementRow<T>& r) {
    walk_element(v, r.value);
}
template <class V, class T>
void visit(V& v, const ElementRow<T>& r) {
    walk_element(v, r.value);
}
using csv_detail::visit;

using csv_detail::columns_of;
using csv_detail::Problems;
using csv_detail::ReadContext;
using csv_detail::RowReader;

/// How a member's value is written when it is a column: a scalar, a date or period (an object
/// whose "text" is the value, or the text itself), a list of ids or of enum names (an array).
enum class Shape : std::uint8_t { scalar, dated, id_list, enum_list };

struct MemberTable;

/// A member of a line: a column of the CSV table (read by RowReader), a list of structs (an
/// array of objects, each read as a row of the element's table), or a companion (checked).
struct Member {
    enum class Role : std::uint8_t { column, list, companion };
    std::string name;
    Role role = Role::column;
    std::size_t column = 0;                ///< the column's index (Role::column)
    Shape shape = Shape::scalar;
    std::string main;                      ///< the member a companion derives from
    const MemberTable* element = nullptr;  ///< Role::list: the element's members
};

struct MemberTable {
    std::vector<Member> members;  ///< sorted by name
    std::string names;            ///< for messages: every member name, in line order
    [[nodiscard]] const Member* find(std::string_view name) const {
        const auto it = std::lower_bound(members.begin(), members.end(), name,
                                         [](const Member& m, std::string_view n) { return m.name < n; });
        return it != members.end() && it->name == name ? &*it : nullptr;
    }
    [[nodiscard]] std::size_t index(const Member& m) const { return static_cast<std::size_t>(&m - members.data()); }
};

template <class Row>
const MemberTable& member_table();

/// Builds a row type's member table from the same walk as its columns.
class RoleVisitor {
public:
    template <class IdT>
    void key(ColumnName, const IdT&) {}
    void currency(std::optional<Currency>) {}
    template <class T>
    void leaf(ColumnName n, Need, const T&) {
        using U = optional_inner_t<T>;
        const std::string main = n.str();
        Shape shape = Shape::scalar;
        if constexpr (std::is_same_v<U, ReportedDate> || std::is_same_v<U, Period>) shape = Shape::dated;
        else if constexpr (is_id_list<U>) shape = Shape::id_list;
        else if constexpr (is_enum_list<U>) shape = Shape::enum_list;
        shapes_.emplace_back(main, shape);
        for (const std::string_view suffix : companions<U>())
            if (suffix.data() != nullptr) extra_.push_back(Member{n.with(suffix), Member::Role::companion, 0, Shape::scalar, main, nullptr});
    }
    template <class T>
    void list(ColumnName n, const std::vector<T>&) {
        extra_.push_back(Member{n.str(), Member::Role::list, 0, Shape::scalar, {}, &member_table<ElementRow<T>>()});
    }
    template <class T, class F>
    void group(ColumnName, const std::optional<T>&, F members) {
        const T blank{};
        members(*this, blank);
    }
    std::vector<std::pair<std::string, Shape>> shapes_;
    std::vector<Member> extra_;
};

template <class Row>
const MemberTable& member_table() {
    static const MemberTable table = [] {
        MemberTable t;
        const auto& columns = columns_of<Row>();
        for (std::size_t j = 0; j < columns.size(); ++j)
            t.members.push_back(Member{columns[j].name, Member::Role::column, j, Shape::scalar, {}, nullptr});
        RoleVisitor roles;
        const Row blank{};
        visit(roles, blank);
        const auto by_name = [](const Member& a, const Member& b) { return a.name < b.name; };
        std::sort(t.members.begin(), t.members.end(), by_name);
        for (const auto& [name, shape] : roles.shapes_)
            if (Member* m = const_cast<Member*>(t.find(name))) m->shape = shape;
        std::vector<Member> companions;
        for (Member& m : roles.extra_)
            if (t.find(m.name) == nullptr) companions.push_back(std::move(m));  // a companion that is no column
        for (Member& m : companions) t.members.push_back(std::move(m));
        std::sort(t.members.begin(), t.members.end(), by_name);
        std::string lister;
        KeyLister keys(lister);
        visit(keys, blank);
        t.names = std::move(lister);
        return t;
    }();
    return table;
}

/// The record kinds in the order of schema::Records (and of Batch), by entity name.
constexpr std::size_t record_kinds = std::tuple_size_v<schema::Records>;
template <std::size_t... I>
constexpr std::array<std::string_view, record_kinds> entity_names_of(std::index_sequence<I...>) {
    return {schema::Describe<std::tuple_element_t<I, schema::Records>>::entity...};
}
constexpr auto entities = entity_names_of(std::make_index_sequence<record_kinds>{});
std::optional<std::size_t> kind_of(std::string_view entity) {
    for (std::size_t i = 0; i < entities.size(); ++i)
        if (entities[i] == entity) return i;
    return std::nullopt;
}
std::string entity_names() {
    std::string s;
    for (const std::string_view e : entities) {
        if (!s.empty()) s += ", ";
        s += e;
    }
    return s;
}

/// Reads the lines of one input into a Batch.
class LineLoader {
public:
    LineLoader(std::string_view input, const LoadOptions& options, std::uint64_t input_bytes) : input_(input), options_(options) {
        // As for CSV (csv.cpp MemoryBudget): LoadOptions::max_memory_per_input_byte for each byte
        // of the input plus 8 MiB, for the records built (estimated) and the line being parsed.
        const std::uint64_t per_byte = options.max_memory_per_input_byte;
        constexpr std::uint64_t allowance = std::uint64_t{8} << 20;
        const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
        const std::uint64_t more = per_byte != 0 && input_bytes > (max - allowance) / per_byte ? max - allowance : input_bytes * per_byte;
        allowed_ = static_cast<std::size_t>(std::min<std::uint64_t>(allowance + more, std::numeric_limits<std::size_t>::max()));
        bytes_ = static_cast<std::size_t>(input_bytes);
    }

    Batch batch;
    Problems problems;
    /// (id, line) of every record read, by kind: validation problems are pointed back at lines.
    std::array<std::vector<std::pair<std::uint64_t, std::uint64_t>>, record_kinds> lines;

    /// Reads every line of `text`.
    void read(std::string_view text) {
        if (text.starts_with("\xEF\xBB\xBF")) {
            text.remove_prefix(3);
            base_ = 3;
        }
        std::size_t start = 0;
        std::uint64_t line = 0;
        while (start < text.size()) {
            ++line;
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            std::string_view body = text.substr(start, end - start);
            if (body.ends_with('\r')) body.remove_suffix(1);
            line_start_ = base_ + start;
            line_ = line;
            start = end + 1;
            if (body.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
            if (problems.full()) {
                problems.stopped = true;
                return;
            }
            one_line(body);
            if (stop_) return;
        }
    }

private:
    FormatProblem here(std::size_t offset_in_line, std::string reason) const {
        FormatProblem p;
        p.input = std::string(input_);
        p.line = line_;
        p.column = offset_in_line + 1;
        p.byte = line_start_ + offset_in_line;
        p.reason = std::move(reason);
        return p;
    }
    void problem(const Node* at, std::string_view entity, std::string_view id, std::string field, std::string reason,
                 std::string value = {}) {
        FormatProblem p = here(at != nullptr ? at->offset : 0, std::move(reason));
        if (at == nullptr) p.column = p.byte = 0;
        p.entity = std::string(entity);
        p.id = std::string(id);
        p.field = std::move(field);
        p.value = std::move(value);
        problems.add(std::move(p));
    }

    void one_line(std::string_view body) {
        std::size_t offset = 0;
        bool over = false;
        if (auto reason = parse_line(body, tree_, offset, false, allowed_ > used_ ? allowed_ - used_ : 0, over)) {
            problems.add(here(offset, std::move(*reason)));
            stop_ = stop_ || over;  // the lines after it would only repeat it
            return;
        }
        const Node& root = tree_.nodes.front();
        if (root.kind != Node::Kind::object) return problems.add(here(root.offset, "a line must be a JSON object (one record)"));
        const Node* entity = tree_.member(root, "entity");
        if (entity == nullptr) return problems.add(here(root.offset, "no \"entity\" member (" + entity_names() + ")"));
        if (entity->kind != Node::Kind::string)
            return problem(entity, {}, {}, {}, "\"entity\" is not a string; the entities are " + entity_names(), shown(tree_, *entity));
        const auto kind = kind_of(tree_.str(*entity));
        if (!kind) return problem(entity, {}, {}, {}, "unknown \"entity\"; the entities are " + entity_names(), printable(tree_.str(*entity), 80));
        dispatch(*kind, root, std::make_index_sequence<record_kinds>{});
    }
    template <std::size_t... I>
    void dispatch(std::size_t kind, const Node& root, std::index_sequence<I...>) {
        ((kind == I ? read_record<std::tuple_element_t<I, schema::Records>>(root, I) : void()), ...);
    }

    template <class R>
    std::vector<R>& records_of() {
        if constexpr (std::is_same_v<R, Source>) return batch.sources;
        else if constexpr (std::is_same_v<R, Industry>) return batch.industries;
        else if constexpr (std::is_same_v<R, Park>) return batch.parks;
        else if constexpr (std::is_same_v<R, Enterprise>) return batch.enterprises;
        else if constexpr (std::is_same_v<R, Bank>) return batch.banks;
        else if constexpr (std::is_same_v<R, Project>) return batch.projects;
        else if constexpr (std::is_same_v<R, Loan>) return batch.loans;
        else if constexpr (std::is_same_v<R, WasteFacility>) return batch.waste_facilities;
        else return batch.statistics;
    }

    /// Reads the members of `object` that are columns of Row into a row; reports unknown and
    /// repeated members. `fields` and `file_column` hold the cells RowReader reads.
    struct Cells {
        CsvRecord record;
        std::vector<std::size_t> file_column;
        std::vector<std::pair<const Node*, const Member*>> lists;
    };
    bool cells(const Node& object, const MemberTable& table, std::size_t columns, Cells& c, std::string_view entity,
               const std::string& field_prefix) {
        bool ok = true;
        bool entity_seen = false;
        c.record.fields.resize(columns);
        c.record.size = columns;
        c.record.line = line_;
        c.file_column.assign(columns, RowReader::absent);
        c.lists.clear();
        seen_.assign(table.members.size(), false);
        tree_.children(object, [&](const Node& n) {
            const std::string_view name = tree_.key(n);
            if (&object == &tree_.nodes.front() && name == "entity") {
                if (std::exchange(entity_seen, true)) {
                    later(n, entity, [&] { return std::string("entity"); }, [] { return std::string("member given twice in one object"); });
                    ok = false;
                }
                return;
            }
            const Member* m = table.find(name);
            if (m == nullptr) {
                later(n, entity, [&] { return field_prefix + printable(name, 80); },
                      [&] { return "unknown member; the members are " + table.names; });
                ok = false;
                return;
            }
            if (seen_[table.index(*m)]) {
                later(n, entity, [&] { return field_prefix + m->name; }, [] { return std::string("member given twice in one object"); });
                ok = false;
                return;
            }
            seen_[table.index(*m)] = true;
            if (m->role == Member::Role::list) return void(c.lists.emplace_back(&n, m));
            if (m->role != Member::Role::column) return;  // companions: checked once the record is read
            CsvField& f = c.record.fields[m->column];
            f.text.clear();
            f.quoted = false;
            f.line = line_;
            f.byte = line_start_ + n.offset;
            f.column = n.offset + 1;
            if (auto reason = cell_text(n, *m, f)) {
                later(n, entity, [&] { return field_prefix + m->name; }, [&] { return std::move(*reason); });
                ok = false;
                return;
            }
            c.file_column[m->column] = m->column;
        });
        return ok;
    }

    /// Counts `bytes` of records against the memory limit; past it, one problem and the load stops.
    bool charge(std::size_t bytes, const Node& at) {
        if (used_ + bytes <= allowed_) {
            used_ += bytes;
            return true;
        }
        if (!stop_) {
            problems.add(here(at.offset, "the records need more memory than the limit: " + std::to_string(allowed_) +
                                             " bytes for " + std::to_string(bytes_) + " bytes of input (LoadOptions::max_memory_per_input_byte; raise it for big trusted files)"));
            stop_ = true;
        }
        return false;
    }

    /// A problem found before the row's id is read: added by read_row with the id.
    /// No message is built past the cap: `field()` and `reason()` make them when there is room.
    template <class Field, class Reason>
    void later(const Node& at, std::string_view entity, Field field, Reason reason) {
        if (problems.list.size() + later_.size() >= csv_detail::max_problems) {
            problems.stopped = true;
            return;
        }
        FormatProblem p = here(at.offset, reason());
        p.entity = std::string(entity);
        p.field = field();
        p.value = value_of(tree_, at);
        later_.push_back(std::move(p));
    }

    /// The text RowReader reads for a member's JSON value, or why there is none.
    std::optional<std::string> cell_text(const Node& n, const Member& m, CsvField& f) const {
        switch (n.kind) {
        case Node::Kind::null: return std::nullopt;  // no value
        case Node::Kind::boolean: f.text = n.truth ? "true" : "false"; return std::nullopt;
        case Node::Kind::number: f.text = tree_.str(n); return std::nullopt;
        case Node::Kind::string:
            f.text = tree_.str(n);
            f.quoted = true;
            return std::nullopt;
        case Node::Kind::object: {
            if (m.shape != Shape::dated) return "an object where a string, number, true, false or null belongs";
            const Node* text = nullptr;
            bool twice = false;
            tree_.children(n, [&](const Node& part) {
                if (tree_.key(part) != "text") return;
                twice = twice || text != nullptr;
                text = &part;
            });
            if (twice) return "\"text\" given twice in a date or period object";
            if (text == nullptr || text->kind != Node::Kind::string) return "a date or period object needs its \"text\" string";
            f.text = tree_.str(*text);
            return std::nullopt;
        }
        case Node::Kind::array: {
            if (m.shape != Shape::id_list && m.shape != Shape::enum_list) return "an array where a string, number, true, false or null belongs";
            const Node::Kind item = m.shape == Shape::id_list ? Node::Kind::number : Node::Kind::string;
            std::optional<std::string> bad;
            tree_.children(n, [&](const Node& e) {
                if (bad) return;
                const std::string_view t = tree_.str(e);
                if (e.kind != item || t.empty() || t.find(';') != std::string_view::npos || t.find("；") != std::string_view::npos) {
                    bad = item == Node::Kind::number ? "every item must be an id (a number)" : "every item must be a name (a string)";
                    return;
                }
                if (!f.text.empty()) f.text += ';';
                f.text += t;
            });
            return bad;
        }
        }
        return std::nullopt;
    }

    /// Fills the lists of struct of a record read (ListFiller walks it).
    class ListFiller {
    public:
        ListFiller(LineLoader& l, const std::vector<std::pair<const Node*, const Member*>>& lists, std::string_view entity,
                   std::string_view id)
            : l_(l), lists_(lists), entity_(entity), id_(id) {}
        bool failed = false;

        template <class IdT>
        void key(ColumnName, IdT&) {}
        void currency(std::optional<Currency>) {}
        template <class T>
        void leaf(ColumnName, Need, T&) {}
        template <class T, class F>
        void group(ColumnName n, std::optional<T>& g, F members) {
            if (g) return members(*this, *g);
            T blank{};
            const std::string_view was = std::exchange(absent_group_, n.prefix.empty() ? n.member : n.prefix);
            members(*this, blank);
            absent_group_ = was;
        }
        template <class T>
        void list(ColumnName n, std::vector<T>& items) {
            const std::string name = n.str();
            const Node* node = nullptr;
            for (const auto& [at, m] : lists_)
                if (m->name == name) node = at;
            if (node == nullptr || node->kind == Node::Kind::null) return;
            if (node->kind != Node::Kind::array) {
                failed = true;
                return l_.problem(node, entity_, id_, name, "not an array of objects");
            }
            if (!absent_group_.empty() && node->first != Node::none) {
                failed = true;
                return l_.problem(node, entity_, id_, name,
                                  "given, but the record has no " + std::string(absent_group_) + " (its other members are null)");
            }
            std::size_t i = 0;
            l_.tree_.children(*node, [&](const Node& e) {
                if (l_.stop_ || (failed && l_.problems.full())) {
                    l_.problems.stopped = l_.problems.stopped || l_.problems.full();
                    return;
                }
                const std::string prefix = name + "[" + std::to_string(i++) + "].";
                if (i > l_.options_.max_records) {
                    if (i == l_.options_.max_records + 1) {
                        failed = true;
                        l_.problem(&e, entity_, id_, name,
                                   "more than " + std::to_string(l_.options_.max_records) + " elements (LoadOptions::max_records)");
                    }
                    return;
                }
                if (e.kind != Node::Kind::object) {
                    failed = true;
                    return l_.problem(&e, entity_, id_, prefix.substr(0, prefix.size() - 1), "not an object");
                }
                if (!l_.charge(3 * sizeof(T) + 48, e)) {  // up to three times while the list grows
                    failed = true;
                    return;
                }
                ElementRow<T> row{};
                if (l_.read_row(e, row, entity_, id_, prefix)) items.push_back(std::move(row.value));
                else failed = true;
            });
        }

    private:
        LineLoader& l_;
        const std::vector<std::pair<const Node*, const Member*>>& lists_;
        std::string_view entity_;
        std::string_view id_;
        std::string_view absent_group_;
    };

    /// Reads `object` into `row` with RowReader; the lists of a record are read by the caller.
    template <class Row>
    bool read_row(const Node& object, Row& row, std::string_view entity, std::string_view id, const std::string& prefix) {
        Cells c;
        later_.clear();
        const bool members_ok = cells(object, member_table<Row>(), columns_of<Row>().size(), c, entity, prefix);
        std::vector<FormatProblem> found_before = std::move(later_);
        const ReadContext ctx{input_, entity, &c.file_column, &problems, id, prefix, !schema::record<Row>};
        RowReader r(ctx, c.record);
        visit(r, row);
        bool ok = members_ok && !r.failed();
        if constexpr (schema::record<Row>) id_text_ = r.key_value() ? row.id.to_string() : std::string();
        for (FormatProblem& p : found_before) {
            p.id = schema::record<Row> ? id_text_ : std::string(id);
            problems.add(std::move(p));
        }
        if constexpr (schema::record<Row>) {
            ListFiller lists(*this, c.lists, entity, id_text_);
            walk_record(lists, row);
            ok = ok && !lists.failed;
        }
        return ok;
    }

    template <class R>
    void read_record(const Node& root, std::size_t kind) {
        const std::string_view entity = schema::Describe<R>::entity;
        auto& into = records_of<R>();
        if (into.size() >= options_.max_records) {
            problems.add(here(root.offset, "more than " + std::to_string(options_.max_records) + " " + std::string(entity) +
                                               " records (LoadOptions::max_records)"));
            stop_ = true;
            return;
        }
        // The record (twice while the batch's vector grows), its id index slots, its line, a
        // project's row of query columns.
        std::size_t bytes = 2 * sizeof(R) + 128;
        if constexpr (std::is_same_v<R, Project>) bytes += sizeof(ProjectColumns::Row);
        if (!charge(bytes, root)) return;
        R record{};
        if (!read_row(root, record, entity, {}, {})) return;
        if (!companions_agree(root, record, entity)) return;
        lines[kind].emplace_back(record.id.value(), line_);
        into.push_back(std::move(record));
    }

    /// Every companion member given (not null) equals the one the writer derives from the
    /// record read; so do the members of a date's object other than "text".
    template <class R>
    bool companions_agree(const Node& root, const R& record, std::string_view entity) {
        canonical_line_.clear();
        try {
            LineWriter w(canonical_line_, true);
            w.entity(entity);
            walk_record(w, record);
            w.close();
        } catch (const ArgumentError& e) {
            problem(&root, entity, id_text_, {}, std::string("cannot be held: ") + e.what());
            return false;
        }
        std::size_t offset = 0;
        bool over = false;
        const std::size_t held = used_ + tree_.bytes() + canonical_line_.capacity();
        if (auto reason = parse_line(canonical_line_, canonical_, offset, true, allowed_ > held ? allowed_ - held : 0, over)) {
            if (!over) throw std::logic_error("parkinvest: JSON Lines writer made invalid JSON: " + *reason);
            problems.add(here(root.offset, "the line needs more memory than the limit leaves (LoadOptions::max_memory_per_input_byte)"));
            stop_ = true;
            return false;
        }
        return agree(root, canonical_.nodes.front(), member_table<R>(), entity, {});
    }
    bool agree(const Node& given, const Node& canon, const MemberTable& table, std::string_view entity, const std::string& prefix) {
        bool ok = true;
        std::size_t cursor = Node::none;
        // One problem unless the cap is reached (then the load says it stopped).
        const auto disagree = [&](const Node& at, const auto& field, const auto& reason) {
            ok = false;
            if (problems.full()) {
                problems.stopped = true;
                return;
            }
            problem(&at, entity, id_text_, field(), reason(), value_of(tree_, at));
        };
        tree_.children(given, [&](const Node& n) {
            const Member* m = table.find(tree_.key(n));
            if (m == nullptr || n.kind == Node::Kind::null || (m->role == Member::Role::column && n.kind != Node::Kind::object &&
                                                                 n.kind != Node::Kind::array))
                return;  // nothing to compare: a column's scalar is read, not compared
            const Node* c = canonical_.member_from(canon, m->name, cursor);
            if (m->role == Member::Role::companion) {
                if (c == nullptr || !same(n, *c))
                    disagree(n, [&] { return prefix + m->name; },
                             [&] { return "does not agree with " + m->main + " (expected " + (c ? shown(canonical_, *c) : "null") + ")"; });
            } else if (m->role == Member::Role::column && m->shape == Shape::dated && n.kind == Node::Kind::object) {
                // The parts the writer gives a date ({text, precision, first, last}) or a period
                // ({text, kind, first, last}); each at most once, equal to the writer's.
                constexpr std::array<std::string_view, 5> parts{"text", "precision", "kind", "first", "last"};
                std::array<bool, parts.size()> seen{};
                tree_.children(n, [&](const Node& part) {
                    const std::string_view key = tree_.key(part);
                    const auto known = std::find(parts.begin(), parts.end(), key);
                    const auto field = [&] { return prefix + m->name + "." + printable(key, 40); };
                    if (known != parts.end() && std::exchange(seen[static_cast<std::size_t>(known - parts.begin())], true)) {
                        if (key != "text")  // a second text is cell_text's problem
                            disagree(part, field, [] { return std::string("member given twice in a date or period object"); });
                        return;
                    }
                    if (key == "text") return;
                    const bool has_parts = c != nullptr && c->kind == Node::Kind::object;
                    const Node* cp = has_parts ? canonical_.member(*c, key) : nullptr;
                    if (cp != nullptr && same(part, *cp)) return;
                    if (known == parts.end() || (has_parts && cp == nullptr))
                        disagree(part, field, [] { return std::string("unknown member of a date or period (text, precision or kind, first, last)"); });
                    else
                        disagree(part, field, [&] {
                            return "does not agree with " + prefix + m->name + ".text (expected " + (cp ? shown(canonical_, *cp) : "null") + ")";
                        });
                });
            } else if (m->role == Member::Role::list && n.kind == Node::Kind::array && c != nullptr) {
                std::size_t i = 0;
                std::size_t ci = c->first;
                tree_.children(n, [&](const Node& e) {
                    if (problems.full()) problems.stopped = true;
                    if (ci == Node::none || problems.full()) return;
                    const Node& ce = canonical_.nodes[ci];
                    ci = ce.next;
                    if (!agree(e, ce, *m->element, entity, prefix + m->name + "[" + std::to_string(i++) + "].")) ok = false;
                });
            }
        });
        return ok;
    }
    [[nodiscard]] bool same(const Node& a, const Node& b) const {
        if (a.kind != b.kind) return false;
        if (a.kind == Node::Kind::boolean) return a.truth == b.truth;
        if (a.kind == Node::Kind::number || a.kind == Node::Kind::string) return tree_.str(a) == canonical_.str(b);
        return a.kind == Node::Kind::null;
    }
    /// A value for FormatProblem::value: a string's text, else its JSON form.
    static std::string value_of(const Tree& t, const Node& n) {
        return n.kind == Node::Kind::string ? printable(t.str(n), 80) : shown(t, n);
    }
    /// A value as JSON, for messages.
    static std::string shown(const Tree& t, const Node& n) {
        switch (n.kind) {
        case Node::Kind::null: return "null";
        case Node::Kind::boolean: return n.truth ? "true" : "false";
        case Node::Kind::number: return std::string(t.str(n));
        case Node::Kind::string: return "\"" + printable(t.str(n), 80) + "\"";
        case Node::Kind::object: return "an object";
        case Node::Kind::array: return "an array";
        }
        return {};
    }

    std::string_view input_;
    const LoadOptions& options_;
    Tree tree_;
    Tree canonical_;
    std::string canonical_line_;
    std::vector<bool> seen_;
    std::vector<FormatProblem> later_;
    std::string id_text_;
    std::uint64_t line_ = 0;
    std::size_t line_start_ = 0;
    std::size_t base_ = 0;
    bool stop_ = false;
    std::size_t allowed_ = 0;  ///< memory the load may build
    std::size_t used_ = 0;     ///< estimated memory of the records read
    std::size_t bytes_ = 0;    ///< input bytes
};

/// Points a validation problem at the line of its record ("project#12"; the second line for a
/// duplicate id).
class LineLocator {
public:
    explicit LineLocator(const std::array<std::vector<std::pair<std::uint64_t, std::uint64_t>>, record_kinds>& lines)
        : lines_(lines) {}
    void locate(FormatProblem& p) {
        const auto found = kind_of(p.entity);
        const std::size_t hash = p.id.rfind('#');
        if (!found || hash == std::string::npos) return;
        const std::size_t kind = *found;
        const auto id = csv_detail::parse_integer<std::uint64_t>(std::string_view(p.id).substr(hash + 1));
        if (!id) return;
        auto& index = by_id_[kind];
        if (!index) {
            index.emplace();
            for (const auto& [key, line] : lines_[kind]) (*index)[key].push_back(line);
        }
        const auto it = index->find(*id);
        if (it == index->end()) return;
        std::size_t n = 0;
        if (p.field == "id" && p.reason == "duplicate id") n = ++duplicates_seen_[p.entity + "#" + std::to_string(*id)];
        if (n < it->second.size()) p.line = it->second[n];
    }

private:
    const std::array<std::vector<std::pair<std::uint64_t, std::uint64_t>>, record_kinds>& lines_;
    std::array<std::optional<std::unordered_map<std::uint64_t, std::vector<std::uint64_t>, parkinvest::detail::KeyedHash>>,
               record_kinds>
        by_id_;
    std::unordered_map<std::string, std::size_t, parkinvest::detail::KeyedHash> duplicates_seen_;
};

}  // namespace

Dataset load_json_lines(std::string_view bytes, const LoadOptions& options, std::string_view name) {
    if (bytes.size() > options.max_input_bytes) {
        FormatProblem p;
        p.input = std::string(name);
        p.reason = "input larger than the limit of " + std::to_string(options.max_input_bytes) + " bytes (LoadOptions::max_input_bytes)";
        throw FormatError(std::move(p));
    }
    LineLoader loader(name, options, bytes.size());
    loader.read(bytes);
    if (!loader.problems.empty()) loader.problems.raise(name);
    Dataset dataset;
    try {
        dataset.insert(std::move(loader.batch));
    } catch (const ValidationError& e) {
        LineLocator locator(loader.lines);
        csv_detail::raise_located(e, name, [&](FormatProblem& p) { locator.locate(p); });
    }
    return dataset;
}

}  // namespace parkinvest::io::detail
