// SPDX-License-Identifier: MIT
// A Dataset from a folder of CSV tables (or one table): each row read by the table's visit()
// (csv_row_reader.hpp), rows checked and joined into one Batch, validation problems pointed back
// at files and lines; the table names.
#include "csv_row_reader.hpp"

namespace parkinvest::io {

namespace {

using namespace csv_detail;


/// Where the rows of one table came from, to point validation problems at lines.
struct TableOrigin {
    std::string input;
    std::vector<std::string> columns;  ///< the file's header, by file column
    std::vector<RowOrigin> rows;       ///< accepted rows in order
    std::vector<Cited> cited;          ///< citations.csv: the entity of each row
};
using Origins = std::array<TableOrigin, 15>;

/// Rows read from one table, not yet added to the batch.
template <class Row>
struct Pending {
    std::vector<Row> rows;
    std::vector<std::uint64_t> lines;
    std::uint64_t key_column = 0;  ///< file column (1-based) of the first schema column
};

FormatProblem file_problem(std::string_view input, std::string reason) {
    FormatProblem p;
    p.input = std::string(input);
    p.reason = std::move(reason);
    return p;
}

FormatProblem syntax_problem(std::string_view input, const CsvSyntaxError& e) {
    FormatProblem p = file_problem(input, e.reason);
    p.line = e.line;
    p.column = e.column;
    p.byte = e.byte;
    return p;
}

/// Memory a load may build: LoadOptions::max_memory_per_input_byte for each byte of its whole
/// input (every table of a folder), plus a fixed allowance, so that small files always load.
/// Checked against an estimate (rows × memory_per_row) before the rows of a table are built.
class MemoryBudget {
public:
    static constexpr std::uint64_t allowance = std::uint64_t{8} << 20;  // io.hpp documents it

    /// Input bytes that the load reads.
    void add_input(std::uint64_t bytes, const LoadOptions& options) {
        const std::uint64_t per_byte = options.max_memory_per_input_byte;
        const std::uint64_t more = per_byte != 0 && bytes > max / per_byte ? max : bytes * per_byte;
        allowed_ = more > max - allowed_ ? max : allowed_ + more;
    }
    /// How many rows of `per_row` bytes still fit.
    [[nodiscard]] std::uint64_t rows_that_fit(std::uint64_t per_row) const {
        return used_ >= allowed_ ? 0 : (allowed_ - used_) / per_row;
    }
    void use(std::uint64_t rows, std::uint64_t per_row) { used_ += rows * per_row; }  // rows <= rows_that_fit
    [[nodiscard]] std::uint64_t allowed() const { return allowed_; }
    [[nodiscard]] std::uint64_t used() const { return used_; }

private:
    static constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t allowed_ = allowance;
    std::uint64_t used_ = 0;
};

/// Bytes of memory one row of a table takes at the peak of a load. Measured through a counting
/// operator new (as tests/io/archive_memory_test.cpp does) on folders of 40,000 to 100,000
/// minimal rows of each table, the largest figure of each rounded up; the record's own size
/// comes from sizeof, so that the portable build's larger records count as they are.
///  * A record: itself, its line (RowOrigin), its slots in the Dataset's id index and in the
///    index Dataset::insert builds to validate it (open addressing, up to 2.7 slots a record),
///    and, where the Dataset keeps them, its park index entry (loans, waste facilities,
///    statistics, projects), the lookup the validation builds (parks, enterprises), the
///    (scheme, code) index (industries), and a project's row of ProjectColumns.
///  * A child row (a stage, a snapshot, a citation ...) lives in its parent's list, not in an
///    index: its element, up to three times while the list grows by doubling (the old buffer
///    and the new one), plus the row itself, its line and its place while the table is read.
template <class Row>
constexpr std::uint64_t memory_per_row() {
    if constexpr (requires { typename Row::Element; })
        return sizeof(Row) + 3 * sizeof(typename Row::Element) + 48;
    else if constexpr (Is<Row, Project>)
        return sizeof(Row) + sizeof(ProjectColumns::Row) + 104;
    else if constexpr (Is<Row, Industry>)
        return sizeof(Row) + 224;
    else if constexpr (Is<Row, Park> || Is<Row, Enterprise>)
        return sizeof(Row) + 128;
    else if constexpr (Is<Row, Source> || Is<Row, Bank>)
        return sizeof(Row) + 88;
    else
        return sizeof(Row) + 104;  // loans, waste facilities, statistics
}

/// How a table was read.
enum class ReadResult : std::uint8_t {
    complete,    ///< every row was read (rows with bad cells are in the failed keys)
    incomplete,  ///< rows could not be read (header, syntax, problem cap): their keys are unknown
    refused,     ///< over LoadOptions::max_records or the memory limit: no row was read
};

/// Ids of rows that failed, by table: their children are not reported again as orphans.
/// Tables keyed by ids from the file: keyed hashing (core/hash.hpp), never std::hash's identity.
using KeySet = std::unordered_set<std::uint64_t, parkinvest::detail::KeyedHash>;
template <class V>
using KeyMap = std::unordered_map<std::uint64_t, V, parkinvest::detail::KeyedHash>;
using FailedKeys = std::array<KeySet, 15>;

template <class Row>
ReadResult read_rows(std::string_view text, const TableInfo& table, const LoadOptions& options, MemoryBudget& budget,
                     Problems& problems, Pending<Row>& out, KeySet* failed,
                     TableOrigin* origin) {
    const std::string_view input = origin != nullptr && !origin->input.empty() ? std::string_view(origin->input) : table.file;
    const auto& columns = columns_of<Row>();
    CsvReader reader(text);
    CsvRecord record;
    CsvSyntaxError error;

    // The header.
    const auto column_list = [&] {
        std::string s;
        for (const ColumnSpec& c : columns) {
            if (!s.empty()) s += ", ";
            s += c.name;
        }
        return s;
    };
    switch (reader.next(record, columns.size() * 2 + 16, error)) {
    case CsvReader::Status::end:
        problems.add(file_problem(input, "empty file: the first line must be the header (" + column_list() + ")"));
        return ReadResult::incomplete;
    case CsvReader::Status::error: problems.add(syntax_problem(input, error)); return ReadResult::incomplete;
    case CsvReader::Status::record: break;
    }
    std::vector<std::size_t> file_column(columns.size(), RowReader::absent);
    bool header_ok = true;
    for (std::size_t i = 0; i < record.size; ++i) {
        const CsvField& f = record.fields[i];
        const std::string_view name = trim(f.text);
        const auto it = std::find_if(columns.begin(), columns.end(), [&](const ColumnSpec& c) { return c.name == name; });
        FormatProblem p = file_problem(input, {});
        p.line = f.line;
        p.column = i + 1;
        p.byte = f.byte;
        p.value = printable(name);
        if (it == columns.end()) {
            p.reason = "unknown column; the columns of " + std::string(table.file) + " are " + column_list();
        } else if (const auto j = static_cast<std::size_t>(it - columns.begin()); file_column[j] != RowReader::absent) {
            p.reason = "column given twice (also column " + std::to_string(file_column[j] + 1) + ")";
        } else {
            file_column[j] = i;
            continue;
        }
        header_ok = false;
        problems.add(std::move(p));
    }
    for (std::size_t j = 0; j < columns.size(); ++j) {
        if (columns[j].need == required && file_column[j] == RowReader::absent) {
            FormatProblem p = file_problem(input, "missing column " + columns[j].name + " (required)");
            p.line = record.line;
            p.field = columns[j].name;
            problems.add(std::move(p));
            header_ok = false;
        }
    }
    if (!header_ok) return ReadResult::incomplete;
    if (origin != nullptr) {
        origin->columns.clear();
        for (std::size_t i = 0; i < record.size; ++i) origin->columns.emplace_back(trim(record.fields[i].text));
    }
    out.key_column = file_column[0] + 1;

    // Count the rows first, with the same reader on a copy (so the count is exact), to check the
    // limits and reserve the rows before any is built.
    const std::size_t width = record.size;
    constexpr std::uint64_t per_row = memory_per_row<Row>();
    const std::uint64_t fit = budget.rows_that_fit(per_row);
    std::uint64_t count = 0;
    std::uint64_t too_many_at = 0;  // line of the first row beyond max_records
    std::uint64_t too_big_at = 0;   // line of the first row beyond the memory budget
    {
        CsvReader counter = reader.counter();
        for (;;) {
            const auto status = counter.next(record, width, error);
            if (status == CsvReader::Status::end) break;
            ++count;
            const std::uint64_t line = status == CsvReader::Status::record ? record.line : error.line;
            if (count > options.max_records && too_many_at == 0) too_many_at = line;
            if (count > fit && too_big_at == 0) too_big_at = line;
        }
    }
    if (too_many_at != 0) {
        FormatProblem p = file_problem(input, "more than " + std::to_string(options.max_records) +
                                                  " records (LoadOptions::max_records)");
        p.line = too_many_at;
        problems.add(std::move(p));
        return ReadResult::refused;
    }
    if (too_big_at != 0) {
        std::string reason = "too many rows for the memory limit: ";
        reason += std::to_string(count);
        reason += " rows of ";
        reason += std::to_string(per_row);
        reason += " bytes each (estimated), after ";
        reason += std::to_string(budget.used());
        reason += " bytes for the tables read before, need more than the ";
        reason += std::to_string(budget.allowed());
        reason += " bytes that ";
        reason += std::to_string(options.max_memory_per_input_byte);
        reason += " bytes per byte of input plus 8 MiB allow (LoadOptions::max_memory_per_input_byte; raise it for big "
                  "trusted files)";
        FormatProblem p = file_problem(input, std::move(reason));
        p.line = too_big_at;
        problems.add(std::move(p));
        return ReadResult::refused;
    }
    budget.use(count, per_row);
    out.rows.reserve(count);
    out.lines.reserve(count);

    // The rows.
    const ReadContext ctx{input, table.entity, &file_column, &problems, {}, {}, false};
    ReadResult result = ReadResult::complete;
    for (;;) {
        const auto status = reader.next(record, width, error);
        if (status == CsvReader::Status::end) break;
        if (problems.full()) {
            problems.stopped = true;
            return ReadResult::incomplete;
        }
        if (status == CsvReader::Status::error) {
            problems.add(syntax_problem(input, error));
            result = ReadResult::incomplete;
            continue;
        }
        if (record.size != width) {
            FormatProblem p = file_problem(input, std::to_string(record.size) + " fields where the header has " +
                                                      std::to_string(width));
            p.line = record.line;
            p.byte = record.fields[0].byte;
            problems.add(std::move(p));
            result = ReadResult::incomplete;
            continue;
        }
        Row row{};
        RowReader r(ctx, record);
        visit(r, row);
        if (r.failed()) {
            if (!r.key_value()) result = ReadResult::incomplete;
            else if (failed != nullptr) failed->insert(*r.key_value());
            continue;
        }
        out.rows.push_back(std::move(row));
        out.lines.push_back(record.line);
    }
    return result;
}

template <class Record>
KeyMap<std::size_t> index_of(const std::vector<Record>& records) {
    KeyMap<std::size_t> index;
    index.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) index.emplace(records[i].id.value(), i);  // the first wins
    return index;
}

/// Finds the parent of child rows by id: among this read's pending records first, then the
/// batch's. Child rows written by save() follow their parents' order, so the parent of a row is
/// nearly always the previous row's or the record after it: those are tried first, and the
/// id indexes (keyed hashing) are built only when a row is not found so (with duplicate ids,
/// which validation refuses anyway, such a row may attach to another of them).
template <class Record>
class ParentFinder {
public:
    ParentFinder(std::vector<Record>& committed, std::vector<Record>& pending) : committed_(committed), pending_(pending) {}
    Record* find(std::uint64_t key) {
        // The fast path only where the index would give the same record: in pending, or in
        // the batch when pending has no record (a table read before this one, committed).
        std::vector<Record>& near = pending_.empty() ? committed_ : pending_;
        for (const std::size_t i : {last_, last_ + 1}) {
            if (i < near.size() && near[i].id.value() == key) {
                last_ = i;
                return &near[i];
            }
        }
        if (!in_pending_) in_pending_ = index_of(pending_);
        if (const auto it = in_pending_->find(key); it != in_pending_->end()) {
            last_ = it->second;
            return &pending_[it->second];
        }
        if (!in_batch_) in_batch_ = index_of(committed_);
        if (const auto it = in_batch_->find(key); it != in_batch_->end()) {
            if (pending_.empty()) last_ = it->second;
            return &committed_[it->second];
        }
        return nullptr;
    }

private:
    std::vector<Record>& committed_;
    std::vector<Record>& pending_;
    std::size_t last_ = 0;  ///< in pending, or in the batch when pending is empty
    std::optional<KeyMap<std::size_t>> in_pending_, in_batch_;
};

/// One read of tables into a batch. Rows are added to the batch only by commit(), so a failed
/// read leaves the batch as it was.
class TableReader {
public:
    TableReader(Batch& batch, const LoadOptions& options, Problems& problems)
        : batch_(batch), options_(options), problems_(problems) {}

    Origins origins;
    bool keep_origins = false;

    /// Input bytes of this load, for the memory limit: every table's before the first is read.
    void add_input(std::uint64_t bytes) { budget_.add_input(bytes, options_); }

    /// A table whose file could not be read: its children are not reported as orphans.
    void skip(TableId table) { incomplete_[static_cast<std::size_t>(table)] = true; }

    /// Whether a table was refused (LoadOptions::max_records or the memory limit): reading on
    /// would only report the children of its records as orphans.
    [[nodiscard]] bool refused() const { return refused_; }

    /// Reads `text` as `table`; its rows wait for commit().
    void read(TableId table, std::string_view text, std::string_view input) {
        TableOrigin* origin = &origins[static_cast<std::size_t>(table)];
        origin->input = std::string(input);
        switch (table) {
        case TableId::sources: return primary(text, table, pending_sources_, origin);
        case TableId::industries: return primary(text, table, pending_industries_, origin);
        case TableId::parks: return primary(text, table, pending_parks_, origin);
        case TableId::enterprises: return primary(text, table, pending_enterprises_, origin);
        case TableId::banks: return primary(text, table, pending_banks_, origin);
        case TableId::projects: return primary(text, table, pending_projects_, origin);
        case TableId::loans: return primary(text, table, pending_loans_, origin);
        case TableId::waste_facilities: return primary(text, table, pending_facilities_, origin);
        case TableId::statistics: return primary(text, table, pending_statistics_, origin);
        case TableId::project_investors:
            return child<InvestorRow>(text, table, batch_.projects, pending_projects_, TableId::projects, origin,
                                      [](const InvestorRow& r) { return r.project.value(); },
                                      [](Project& p, InvestorRow& r) { p.investors.push_back(r.investor); });
        case TableId::project_stages:
            return child<StageRow>(text, table, batch_.projects, pending_projects_, TableId::projects, origin,
                                   [](const StageRow& r) { return r.project.value(); },
                                   [](Project& p, StageRow& r) { p.stages.push_back(r.event); });
        case TableId::loan_snapshots:
            return child<SnapshotRow>(text, table, batch_.loans, pending_loans_, TableId::loans, origin,
                                      [](const SnapshotRow& r) { return r.loan.value(); },
                                      [](Loan& l, SnapshotRow& r) { l.snapshots.push_back(r.snapshot); });
        case TableId::waste_licence_categories:
            return child<CategoryRow>(
                text, table, batch_.waste_facilities, pending_facilities_, TableId::waste_facilities, origin,
                [](const CategoryRow& r) { return r.facility.value(); },
                [](WasteFacility& f, CategoryRow& r) { f.licence->categories.push_back(r.category); },
                [](const WasteFacility& f) -> std::string_view {
                    return f.licence ? std::string_view() : "has no licence (licence_number is empty)";
                });
        case TableId::waste_throughput:
            return child<ThroughputRow>(
                text, table, batch_.waste_facilities, pending_facilities_, TableId::waste_facilities, origin,
                [](const ThroughputRow& r) { return r.facility.value(); },
                [](WasteFacility& f, ThroughputRow& r) { f.yearly_throughput.push_back(r.throughput); });
        case TableId::citations: return citations(text, origin);
        }
    }

    /// Adds every pending row to the batch. Call it after each read(): the child rows of a read
    /// hold pointers to their parents, valid until the batch's vectors change.
    void commit() {
        for (auto& attach : attachments_) attach();
        attachments_.clear();
        append(batch_.sources, pending_sources_);
        append(batch_.industries, pending_industries_);
        append(batch_.parks, pending_parks_);
        append(batch_.enterprises, pending_enterprises_);
        append(batch_.banks, pending_banks_);
        append(batch_.projects, pending_projects_);
        append(batch_.loans, pending_loans_);
        append(batch_.waste_facilities, pending_facilities_);
        append(batch_.statistics, pending_statistics_);
    }

private:
    template <class Record>
    static void append(std::vector<Record>& to, std::vector<Record>& from) {
        if (to.empty()) {
            to.swap(from);  // no second copy of a large table
        } else {
            to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
        }
        from.clear();
    }

    /// Reads the rows of a table, noting whether all were read.
    template <class Row>
    void read_all_rows(std::string_view text, TableId table, Pending<Row>& rows,
                       KeySet* failed, TableOrigin* origin) {
        const ReadResult result = read_rows(text, info(table), options_, budget_, problems_, rows, failed, origin);
        if (result != ReadResult::complete) incomplete_[static_cast<std::size_t>(table)] = true;
        if (result == ReadResult::refused) refused_ = true;
    }

    /// Whether the parent of a child row may be missing for a reason already reported: its row
    /// failed, or its table was not read whole.
    [[nodiscard]] bool reported(TableId parent_table, std::uint64_t key) const {
        const auto t = static_cast<std::size_t>(parent_table);
        return incomplete_[t] || failed_[t].contains(key);
    }

    template <class Record>
    void primary(std::string_view text, TableId table, std::vector<Record>& pending, TableOrigin* origin) {
        Pending<Record> rows;
        read_all_rows(text, table, rows, &failed_[static_cast<std::size_t>(table)], origin);
        if (keep_origins) {
            origin->rows.reserve(origin->rows.size() + rows.rows.size());
            for (std::size_t i = 0; i < rows.rows.size(); ++i)
                origin->rows.push_back(RowOrigin{rows.rows[i].id.value(), rows.lines[i]});
        }
        append(pending, rows.rows);
    }

    /// Rows of a child table, each appended to its parent's list (parents from the batch or
    /// from this read's pending rows). `refuse(parent)` gives a reason a parent cannot take
    /// children, or an empty view.
    template <class Row, class Parent, class KeyOf, class Attach, class Refuse = std::nullptr_t>
    void child(std::string_view text, TableId table, std::vector<Parent>& committed, std::vector<Parent>& pending,
               TableId parent_table, TableOrigin* origin, KeyOf key_of, Attach attach, Refuse refuse = nullptr) {
        Pending<Row> rows;
        read_all_rows(text, table, rows, nullptr, origin);
        if (rows.rows.empty()) return;
        ParentFinder<Parent> parents(committed, pending);
        auto shared = std::make_shared<std::vector<Row>>(std::move(rows.rows));
        std::vector<std::pair<Parent*, std::size_t>> targets;  // parent, row
        targets.reserve(shared->size());
        if (keep_origins) origin->rows.reserve(origin->rows.size() + shared->size());
        for (std::size_t i = 0; i < shared->size(); ++i) {
            const std::uint64_t key = key_of((*shared)[i]);
            Parent* parent = parents.find(key);
            std::string reason;
            if (parent == nullptr) {
                if (reported(parent_table, key)) continue;
                reason = "refers to " + std::string(info(table).entity) + "#" + std::to_string(key) + ", which is not in " +
                         std::string(info(parent_table).file);
            } else if constexpr (!std::is_same_v<Refuse, std::nullptr_t>) {
                reason = std::string(refuse(*parent));
            }
            if (!reason.empty()) {
                if (problems_.full()) {  // no message is built past the cap
                    problems_.stopped = true;
                    break;
                }
                FormatProblem p = file_problem(origin->input, std::move(reason));
                p.line = rows.lines[i];
                p.column = rows.key_column;
                p.entity = std::string(info(table).entity);
                p.id = std::string(info(table).entity) + "#" + std::to_string(key);
                p.field = columns_of<Row>()[0].name;
                p.value = std::to_string(key);
                problems_.add(std::move(p));
                continue;
            }
            if (keep_origins) origin->rows.push_back(RowOrigin{key, rows.lines[i]});
            targets.emplace_back(parent, i);
        }
        attachments_.push_back([targets = std::move(targets), shared, attach]() mutable {
            for (auto& [parent, i] : targets) attach(*parent, (*shared)[i]);
        });
    }

    void citations(std::string_view text, TableOrigin* origin) {
        Pending<CitationRow> rows;
        read_all_rows(text, TableId::citations, rows, nullptr, origin);
        if (rows.rows.empty()) return;
        auto shared = std::make_shared<std::vector<CitationRow>>(std::move(rows.rows));
        std::vector<std::pair<std::vector<Citation>*, std::size_t>> targets;
        targets.reserve(shared->size());
        if (keep_origins) {
            origin->rows.reserve(origin->rows.size() + shared->size());
            origin->cited.reserve(origin->cited.size() + shared->size());
        }
        // One finder per kind of cited record.
        ParentFinder<Industry> industries(batch_.industries, pending_industries_);
        ParentFinder<Park> parks(batch_.parks, pending_parks_);
        ParentFinder<Enterprise> enterprises(batch_.enterprises, pending_enterprises_);
        ParentFinder<Bank> banks(batch_.banks, pending_banks_);
        ParentFinder<Project> projects(batch_.projects, pending_projects_);
        ParentFinder<Loan> loans(batch_.loans, pending_loans_);
        ParentFinder<WasteFacility> facilities(batch_.waste_facilities, pending_facilities_);
        ParentFinder<ReportedStatistic> statistics(batch_.statistics, pending_statistics_);
        const auto sources_of = [](auto* record) { return record != nullptr ? &record->sources : nullptr; };
        for (std::size_t i = 0; i < shared->size(); ++i) {
            const CitationRow& row = (*shared)[i];
            std::vector<Citation>* list = nullptr;
            switch (row.entity) {
            case Cited::industry: list = sources_of(industries.find(row.id)); break;
            case Cited::park: list = sources_of(parks.find(row.id)); break;
            case Cited::enterprise: list = sources_of(enterprises.find(row.id)); break;
            case Cited::bank: list = sources_of(banks.find(row.id)); break;
            case Cited::project: list = sources_of(projects.find(row.id)); break;
            case Cited::loan: list = sources_of(loans.find(row.id)); break;
            case Cited::waste_facility: list = sources_of(facilities.find(row.id)); break;
            case Cited::statistic: list = sources_of(statistics.find(row.id)); break;
            }
            const std::string_view entity = enum_name(row.entity);
            if (list == nullptr) {
                if (reported(cited_table(row.entity), row.id)) continue;
                if (problems_.full()) {  // no message is built past the cap
                    problems_.stopped = true;
                    break;
                }
                const std::string id = std::string(entity) + "#" + std::to_string(row.id);
                FormatProblem p = file_problem(origin->input, "refers to " + id + ", which is not in its table");
                p.line = rows.lines[i];
                p.entity = std::string(entity);
                p.id = id;
                p.field = "id";
                p.value = std::to_string(row.id);
                problems_.add(std::move(p));
                continue;
            }
            if (keep_origins) {
                origin->rows.push_back(RowOrigin{row.id, rows.lines[i]});
                origin->cited.push_back(row.entity);
            }
            targets.emplace_back(list, i);
        }
        attachments_.push_back([targets = std::move(targets), shared]() mutable {
            for (auto& [list, i] : targets) list->push_back(std::move((*shared)[i].citation));
        });
    }

    static TableId cited_table(Cited c) {
        constexpr std::array<TableId, 8> tables{TableId::industries, TableId::parks, TableId::enterprises,
                                              TableId::banks,      TableId::projects, TableId::loans,
                                              TableId::waste_facilities, TableId::statistics};
        return tables[static_cast<std::size_t>(c)];
    }

    Batch& batch_;
    const LoadOptions& options_;
    Problems& problems_;
    MemoryBudget budget_;
    FailedKeys failed_;
    std::array<bool, 15> incomplete_{};
    bool refused_ = false;
    std::vector<Source> pending_sources_;
    std::vector<Industry> pending_industries_;
    std::vector<Park> pending_parks_;
    std::vector<Enterprise> pending_enterprises_;
    std::vector<Bank> pending_banks_;
    std::vector<Project> pending_projects_;
    std::vector<Loan> pending_loans_;
    std::vector<WasteFacility> pending_facilities_;
    std::vector<ReportedStatistic> pending_statistics_;
    std::vector<std::function<void()>> attachments_;
};

// ------------------------------------------------------------------------------------------
// Validation problems back to files and lines.

/// The table of an entity name ("project" → projects.csv).
std::optional<TableId> table_of_entity(std::string_view entity) {
    for (const TableInfo& t : {info(TableId::sources), info(TableId::industries), info(TableId::parks), info(TableId::enterprises),
                               info(TableId::banks), info(TableId::projects), info(TableId::loans), info(TableId::waste_facilities),
                               info(TableId::statistics)})
        if (t.entity == entity) return t.table;
    return std::nullopt;
}

class OriginMap {
public:
    explicit OriginMap(Origins& origins) : origins_(origins) {}

    /// Sets input, line and column of a problem found by the dataset's validation.
    void locate(FormatProblem& p) {
        const auto table = table_of_entity(p.entity);
        const std::size_t hash = p.id.rfind('#');
        if (!table || hash == std::string::npos) return;
        const auto id = parse_integer<std::uint64_t>(std::string_view(p.id).substr(hash + 1));
        if (!id) return;
        // A field in a child table: "stages[2].date" → the third stage row of this project.
        struct Child {
            std::string_view prefix;
            TableId table;
        };
        const Child children[] = {{"investors[", TableId::project_investors},
                                  {"stages[", TableId::project_stages},
                                  {"snapshots[", TableId::loan_snapshots},
                                  {"licence.categories[", TableId::waste_licence_categories},
                                  {"yearly_throughput[", TableId::waste_throughput},
                                  {"sources[", TableId::citations}};
        for (const Child& c : children) {
            if (!p.field.starts_with(c.prefix)) continue;
            const std::string_view rest = std::string_view(p.field).substr(c.prefix.size());
            const std::size_t close = rest.find(']');
            const auto index = parse_integer<std::size_t>(rest.substr(0, close));
            if (close == std::string_view::npos || !index) return;
            if (c.table == TableId::citations) {
                const auto kind = enum_from_text<Cited>(p.entity);
                if (!kind) return;
                place(p, c.table, lines(c.table, *id, *kind), *index, rest.substr(close + 1));
            } else {
                place(p, c.table, lines(c.table, *id, std::nullopt), *index, rest.substr(close + 1));
            }
            return;
        }
        // A field of the record's own row; a duplicate id points at its second row.
        const auto& found = lines(*table, *id, std::nullopt);
        std::size_t index = 0;
        if (p.field == "id" && p.reason == "duplicate id") index = ++duplicates_seen_[p.id];
        std::string column = p.field.substr(0, p.field.find('['));
        std::replace(column.begin(), column.end(), '.', '_');
        place(p, *table, found, index, {}, column);
    }

private:
    void place(FormatProblem& p, TableId table, const std::vector<std::uint64_t>& found, std::size_t index,
               std::string_view suffix, std::string column = {}) {
        const TableOrigin& origin = origins_[static_cast<std::size_t>(table)];
        if (index >= found.size()) return;
        p.input = origin.input;
        p.line = found[index];
        if (column.empty() && suffix.starts_with(".")) column = std::string(suffix.substr(1));
        for (std::size_t i = 0; i < origin.columns.size(); ++i)
            if (!column.empty() && origin.columns[i] == column) p.column = i + 1;
    }
    /// Lines of the rows with this key (the record's id, or the parent's), in file order.
    const std::vector<std::uint64_t>& lines(TableId table, std::uint64_t key, std::optional<Cited> kind) {
        auto& index = by_key_[static_cast<std::size_t>(table)];
        if (!index) {
            index.emplace();
            const TableOrigin& origin = origins_[static_cast<std::size_t>(table)];
            for (std::size_t i = 0; i < origin.rows.size(); ++i) {
                const std::uint64_t k = table == TableId::citations
                                            ? origin.rows[i].key * 8 + static_cast<std::uint64_t>(origin.cited[i])
                                            : origin.rows[i].key;
                (*index)[k].push_back(origin.rows[i].line);
            }
        }
        static const std::vector<std::uint64_t> none;
        const std::uint64_t k = kind ? key * 8 + static_cast<std::uint64_t>(*kind) : key;
        const auto it = index->find(k);
        return it == index->end() ? none : it->second;
    }

    Origins& origins_;
    std::array<std::optional<KeyMap<std::vector<std::uint64_t>>>, 15> by_key_;
    std::unordered_map<std::string, std::size_t, parkinvest::detail::KeyedHash> duplicates_seen_;
};

std::optional<std::string> read_file(const std::filesystem::path& file, const LoadOptions& options, Problems& problems) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        problems.add(file_problem(file.string(), "cannot read the file (" + ec.message() + ")"));
        return std::nullopt;
    }
    if (size > options.max_input_bytes) {
        problems.add(file_problem(file.string(), "file larger than the limit of " + std::to_string(options.max_input_bytes) +
                                                     " bytes (LoadOptions::max_input_bytes)"));
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problems.add(file_problem(file.string(), "cannot open the file"));
        return std::nullopt;
    }
    try {
        return detail::read_all(in, options, file.string());
    } catch (const FormatError& e) {
        for (const FormatProblem& p : e.problems()) problems.add(p);
        return std::nullopt;
    }
}

}  // namespace


// ------------------------------------------------------------------------------------------
// Public: one table.

namespace csv {

std::span<const TableId> tables() noexcept { return all_tables; }

std::string_view file_name(TableId table) noexcept {
    const auto i = static_cast<std::size_t>(table);
    return i < table_info.size() ? table_info[i].file : std::string_view("?");
}

void read_table(std::string_view csv_text, TableId table, Batch& batch, const LoadOptions& options, std::string_view name) {
    if (static_cast<std::size_t>(table) >= table_info.size()) throw ArgumentError("parkinvest: unknown CSV table");
    Problems problems;
    if (csv_text.size() > options.max_input_bytes) {
        problems.add(file_problem(name, "input larger than the limit of " + std::to_string(options.max_input_bytes) +
                                            " bytes (LoadOptions::max_input_bytes)"));
        problems.raise(name);
    }
    TableReader reader(batch, options, problems);
    reader.add_input(csv_text.size());
    reader.read(table, csv_text, name);
    if (!problems.empty()) problems.raise(name);
    reader.commit();
}

void read_table(std::istream& in, TableId table, Batch& batch, const LoadOptions& options, std::string_view name) {
    const std::string text = detail::read_all(in, options, name);
    read_table(text, table, batch, options, name);
}

}  // namespace csv

// ------------------------------------------------------------------------------------------
// The folder.

namespace detail {

Dataset load_csv(const std::filesystem::path& folder, const LoadOptions& options) {
    const std::string folder_name = folder.string();
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw FormatError(file_problem(folder_name, "not a folder of CSV tables (it does not exist or is a file)"));

    Problems problems;
    // The file of each table, whatever the case of its name (projects.CSV, Projects.csv: exports
    // from Windows spreadsheets). Other .csv files are most likely misspelt tables: name them
    // rather than skip them.
    std::array<std::filesystem::path, table_info.size()> files;
    std::array<bool, table_info.size()> twice{};  // tables given by two files: neither is read
    bool any = false;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::string file = entry.path().filename().string();
        if (!equal_nocase(entry.path().extension().string(), ".csv")) continue;
        const auto known = std::find_if(table_info.begin(), table_info.end(),
                                        [&](const TableInfo& t) { return equal_nocase(t.file, file); });
        if (problems.full()) {  // no message is built past the cap
            problems.stopped = true;
            continue;
        }
        if (known == table_info.end()) {
            std::string names;
            for (const TableInfo& t : table_info) names += (names.empty() ? "" : ", ") + std::string(t.file);
            problems.add(file_problem(entry.path().string(), "not a table of a dataset; the tables are " + names));
            continue;
        }
        std::filesystem::path& slot = files[static_cast<std::size_t>(known - table_info.begin())];
        if (!slot.empty()) {
            const auto [first, second] = std::minmax(slot, entry.path());
            std::string reason = "two files for the table " + std::string(known->file) + ": ";
            reason += first.filename().string() + " and " + second.filename().string() + " (names differ only in case)";
            problems.add(file_problem(second.string(), std::move(reason)));
            twice[static_cast<std::size_t>(known - table_info.begin())] = true;
            continue;
        }
        slot = entry.path();
        any = true;
    }
    if (ec) throw FormatError(file_problem(folder_name, "cannot list the folder (" + ec.message() + ")"));
    if (!any && problems.empty()) problems.add(file_problem(folder_name, "the folder holds no table files (parks.csv, projects.csv ...)"));

    Batch batch;
    TableReader reader(batch, options, problems);
    reader.keep_origins = true;
    // The memory limit is for the whole load: every table's bytes count before the first is read.
    for (const std::filesystem::path& file : files) {
        if (file.empty()) continue;
        const std::uint64_t size = std::filesystem::file_size(file, ec);
        if (!ec) reader.add_input(size);  // read_file reports a file that cannot be read
    }
    for (TableId t : all_tables) {
        const std::filesystem::path& file = files[static_cast<std::size_t>(t)];
        if (file.empty()) continue;  // a table that is not there is empty
        if (problems.full()) {
            problems.stopped = true;
            break;
        }
        const auto text = twice[static_cast<std::size_t>(t)] ? std::nullopt : read_file(file, options, problems);
        if (!text) {
            reader.skip(t);
            continue;
        }
        reader.read(t, *text, file.string());
        if (reader.refused()) break;  // one problem: the tables after it would only repeat it
        reader.commit();  // the batch is ours: children of later tables find these parents
    }
    if (!problems.empty()) problems.raise(folder_name);

    Dataset dataset;
    try {
        dataset.insert(std::move(batch));
    } catch (const ValidationError& e) {
        // The first max_problems only, like the problems of the files.
        OriginMap map(reader.origins);
        raise_located(e, folder_name, [&](FormatProblem& p) { map.locate(p); });
    }
    return dataset;
}

}  // namespace detail

}  // namespace parkinvest::io