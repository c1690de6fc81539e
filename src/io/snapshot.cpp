// SPDX-License-Identifier: MIT
// Snapshots (.pks): header, every record but the projects, the project columns, the project
// records. See include/parkinvest/io/snapshot.hpp for what is checked when.
//
// The layout is documented once, in the reference page (src/io/reference.cpp, docs/formats.md).
#include <cereal/archives/portable_binary.hpp>

#include <parkinvest/io/snapshot.hpp>

#include "archives.hpp"
#include "internal.hpp"

#include <array>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <ostream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace parkinvest::io {

namespace {

constexpr std::string_view magic{"PKVSNAP\n", 8};
constexpr std::uint32_t version = 1;
constexpr std::uint64_t header_bytes = 48;
constexpr std::uint64_t stage_count = std::size(all_stages);
constexpr std::uint64_t column_row_bytes = 8 + ProjectColumns::amount_fields * (1 + 1 + 16) + stage_count * 4;

FormatError problem_at(std::string_view name, std::optional<std::uint64_t> byte, std::string reason) {
    FormatProblem p;
    p.input = std::string(name);
    p.byte = byte;
    p.reason = std::move(reason);
    return FormatError(std::move(p));
}

/// `e`'s problems about input `name`, their byte offsets moved by `offset` (the section's start).
[[noreturn]] void rethrow_in_section(const FormatError& e, std::uint64_t offset, std::string_view name) {
    std::vector<FormatProblem> problems = e.problems();
    for (FormatProblem& p : problems) {
        p.input = std::string(name);
        if (p.byte) *p.byte += offset;
    }
    throw FormatError(std::move(problems));
}

// ---- little-endian numbers

template <class T>
void put(std::string& out, T v) {
    using U = std::make_unsigned_t<T>;
    auto u = static_cast<U>(v);
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        out.push_back(static_cast<char>(static_cast<unsigned char>(u & 0xFF)));
        if constexpr (sizeof(T) > 1) u = static_cast<U>(u >> 8);
    }
}
template <class T>
T get(const char* p) {
    using U = std::make_unsigned_t<T>;
    U u = 0;
    for (std::size_t i = sizeof(T); i-- > 0;) u = static_cast<U>((u << 8) | static_cast<unsigned char>(p[i]));
    return static_cast<T>(u);
}
// ---- writing

std::string portable_archive_of(const auto& write) {
    std::ostringstream buffer(std::ios::binary);
    {
        cereal::PortableBinaryOutputArchive ar(buffer, cereal::PortableBinaryOutputArchive::Options::LittleEndian());
        write(ar);
    }
    return std::move(buffer).str();
}

std::string columns_bytes(const ProjectColumns& c) {
    const std::size_t n = c.size();
    std::string out;
    out.reserve(n * column_row_bytes);
    for (const std::uint64_t p : c.park()) put(out, p);
    for (std::size_t f = 0; f < ProjectColumns::amount_fields; ++f) {
        out.append(reinterpret_cast<const char*>(c.amount_meta(f).data()), n);
        for (const Money& m : c.amount(f)) out.push_back(static_cast<char>(m.currency()));
        for (const Money& m : c.amount(f)) {
            // Never negative (the Dataset refuses negative project amounts): two 64-bit halves.
            const Money::rep units = m.units();
            const Money::rep base = Money::rep(1) << 64;
            put(out, static_cast<std::uint64_t>(units % base));
            put(out, static_cast<std::uint64_t>(units / base));
        }
    }
    for (const Stage s : all_stages)
        for (const std::int32_t day : c.reached_by(s)) put(out, day);
    return out;
}

// ---- reading

struct Header {
    std::uint64_t rows = 0;
    std::array<std::uint64_t, 3> length{};
    [[nodiscard]] std::uint64_t offset(std::size_t section) const {
        std::uint64_t at = header_bytes;
        for (std::size_t i = 0; i < section; ++i) at += length[i];
        return at;
    }
};

/// The header of a file of `size` bytes, every length checked against the bytes that follow.
Header read_header(std::string_view bytes, std::uint64_t size, const LoadOptions& options, std::string_view name) {
    if (size > options.max_input_bytes)
        throw problem_at(name, std::nullopt, "input larger than the limit of " + std::to_string(options.max_input_bytes) +
                                                 " bytes (LoadOptions::max_input_bytes)");
    if (size < header_bytes || bytes.substr(0, magic.size()) != magic)
        throw problem_at(name, 0, "not a parkinvest snapshot (it must start with the 8 bytes \"PKVSNAP\\n\" and a 48-byte header)");
    const auto v = get<std::uint32_t>(bytes.data() + 8);
    if (v != version)
        throw problem_at(name, 8, "snapshot version " + std::to_string(v) + " is not one this library reads (it reads version " +
                                      std::to_string(version) + ")");
    if (get<std::uint32_t>(bytes.data() + 12) != 0) throw problem_at(name, 12, "reserved header bytes must be 0");
    Header h;
    h.rows = get<std::uint64_t>(bytes.data() + 16);
    std::uint64_t remaining = size - header_bytes;
    for (std::size_t i = 0; i < 3; ++i) {
        h.length[i] = get<std::uint64_t>(bytes.data() + 24 + 8 * i);
        if (h.length[i] > remaining)
            throw problem_at(name, 24 + 8 * i, "section " + std::to_string(i + 1) + " is " + std::to_string(h.length[i]) +
                                                   " bytes long, but only " + std::to_string(remaining) + " bytes follow");
        remaining -= h.length[i];
    }
    if (remaining != 0) throw problem_at(name, size - remaining, std::to_string(remaining) + " bytes after the last section");
    if (h.rows > options.max_records)
        throw problem_at(name, 16, std::to_string(h.rows) + " projects, more than the limit of " +
                                       std::to_string(options.max_records) + " (LoadOptions::max_records)");
    if (h.length[1] % column_row_bytes != 0 || h.length[1] / column_row_bytes != h.rows) {  // no product: it could wrap
        const std::string need = h.rows <= UINT64_MAX / column_row_bytes ? std::to_string(h.rows * column_row_bytes) + " bytes"
                                                                          : "more than 2^64 bytes";
        throw problem_at(name, 32, "the columns of " + std::to_string(h.rows) + " projects take " + need + ", not " +
                                       std::to_string(h.length[1]));
    }
    return h;
}

/// The snapshot's bytes: in memory (from_bytes) or an open file (open), shared by the Snapshot
/// and its columns. Every range asked for lies within `size` (the header was checked).
struct Input {
    std::string name;
    std::string bytes;       ///< the whole snapshot (from_bytes), or empty
    detail::UniqueFd file;   ///< the open file (open)
    std::uint64_t size = 0;  ///< of the bytes or the file

    void read_at(char* to, std::uint64_t length, std::uint64_t at) const {
        if (!file) {
            if (length != 0) std::memcpy(to, bytes.data() + at, static_cast<std::size_t>(length));
            return;
        }
        std::uint64_t done = 0;
        while (done < length) {  // pread: no shared file offset, safe from several threads
            const ssize_t got = ::pread(file.get(), to + done, static_cast<std::size_t>(length - done), static_cast<off_t>(at + done));
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) {
                const int error = errno;
                throw problem_at(name, at + done, "cannot read the file: " + std::error_code(error, std::system_category()).message());
            }
            if (got == 0) throw problem_at(name, at + done, "the file ended early: it was shortened after it was opened");
            done += static_cast<std::uint64_t>(got);
        }
    }
    [[nodiscard]] std::string read_range(std::uint64_t at, std::uint64_t length) const {
        std::string out(static_cast<std::size_t>(length), '\0');
        read_at(out.data(), length, at);
        return out;
    }
    /// `n` numbers of type T at `at` into `out` (resized): straight into the vector on a
    /// little-endian machine.
    template <class T>
    void read_array(std::uint64_t at, std::size_t n, std::vector<T>& out) const {
        out.resize(n);
        if constexpr (std::endian::native == std::endian::little) {
            read_at(reinterpret_cast<char*>(out.data()), n * sizeof(T), at);
        } else {
            const std::string raw = read_range(at, n * sizeof(T));
            for (std::size_t i = 0; i < n; ++i) out[i] = get<T>(raw.data() + i * sizeof(T));
        }
    }
};

/// Section 2, each column read and checked when first asked for: park ids among the file's
/// parks; an amount field's meta bytes, currencies and units (a known Bound, absent amounts 0,
/// in Money's range, and in the currency of the row's other amounts read so far); a stage's days
/// (in range, and in main-path order against the stages read so far). A column that fails is
/// not kept (FormatError; asking again reads it again).
class ColumnFile final : public ProjectColumns::Source {
public:
    ColumnFile(std::shared_ptr<const Input> input, std::uint64_t offset, std::size_t rows, std::shared_ptr<const Dataset> others)
        : in_(std::move(input)), offset_(offset), n_(rows), others_(std::move(others)) {}

    [[nodiscard]] std::size_t size() const noexcept override { return n_; }
    [[nodiscard]] const std::vector<std::uint64_t>& park() const override {
        ensure(0);
        return park_;
    }
    [[nodiscard]] const std::vector<Money>& amount(std::size_t field) const override {
        ensure(1 + field);
        return amount_[field];
    }
    [[nodiscard]] const std::vector<std::uint8_t>& amount_meta(std::size_t field) const override {
        ensure(1 + field);
        return meta_[field];
    }
    [[nodiscard]] const std::vector<std::int32_t>& reached_by(Stage s) const override {
        ensure(1 + ProjectColumns::amount_fields + static_cast<std::size_t>(s));
        return reached_[static_cast<std::size_t>(s)];
    }

private:
    static constexpr std::size_t column_count = 1 + ProjectColumns::amount_fields + stage_count;

    void ensure(std::size_t column) const {
        if (column >= column_count) throw ArgumentError("parkinvest: no such project column");
        if (loaded_[column].load(std::memory_order_acquire)) return;
        const std::lock_guard<std::mutex> lock(mutex_);
        if (loaded_[column].load(std::memory_order_relaxed)) return;
        if (column == 0) load_parks();
        else if (column <= ProjectColumns::amount_fields) load_amounts(column - 1);
        else load_stage(column - 1 - ProjectColumns::amount_fields);
        loaded_[column].store(true, std::memory_order_release);
    }
    [[nodiscard]] bool has(std::size_t column) const { return loaded_[column].load(std::memory_order_relaxed); }
    [[noreturn]] void bad(std::uint64_t byte, std::size_t row, const std::string& why) const {
        throw problem_at(in_->name, byte, "project row " + std::to_string(row) + ": " + why);
    }

    void load_parks() const {
        in_->read_array(offset_, n_, park_);
        std::optional<std::uint64_t> known;  // the last park id found
        for (std::size_t i = 0; i < n_; ++i) {
            const std::uint64_t id = park_[i];
            if (id == known) continue;
            if (id == 0 || others_->find(ParkId{id}) == nullptr) bad(offset_ + 8 * i, i, "park " + std::to_string(id) + " is not among the file's parks");
            known = id;
        }
    }

    void load_amounts(std::size_t f) const {
        const std::uint64_t meta_at = offset_ + 8 * n_ + 18 * n_ * f;
        const std::uint64_t currency_at = meta_at + n_;
        const std::uint64_t units_at = meta_at + 2 * n_;
        auto& meta = meta_[f];
        auto& amounts = amount_[f];
        in_->read_array(meta_at, n_, meta);
        amounts.clear();
        amounts.reserve(n_);
        constexpr auto last_bound = static_cast<unsigned>(Bound::less_than);
        constexpr std::size_t chunk = std::size_t{1} << 16;  // amounts are converted through a buffer
        std::string currency, units;
        for (std::size_t first = 0; first < n_; first += chunk) {
            const std::size_t m = std::min(chunk, n_ - first);
            currency.resize(m);
            units.resize(16 * m);
            in_->read_at(currency.data(), m, currency_at + first);
            in_->read_at(units.data(), 16 * m, units_at + 16 * first);
            for (std::size_t j = 0; j < m; ++j) {
                const std::size_t i = first + j;
                const unsigned mb = meta[i];
                if ((mb & ~0x1FU) != 0 || ((mb >> 1) & 7U) > last_bound)
                    bad(meta_at + i, i, "meta byte " + std::to_string(mb) + " of amount " + std::to_string(f) + " is not one a project gives");
                const auto c = static_cast<unsigned char>(currency[j]);
                if (c >= currency_table.size()) bad(currency_at + i, i, "currency byte " + std::to_string(c) + " is not a currency");
                const auto lo = get<std::uint64_t>(units.data() + 16 * j);
                const auto hi = get<std::uint64_t>(units.data() + 16 * j + 8);
                // At most 2^119 - 1 units (Money::max_units): the high half is below 2^55.
                if (hi >= (std::uint64_t{1} << 55)) bad(units_at + 16 * i, i, "amount out of range");
                if (!ProjectColumns::present(static_cast<std::uint8_t>(mb)) && (mb != 0 || c != 0 || lo != 0 || hi != 0))
                    bad(meta_at + i, i, "an absent amount " + std::to_string(f) + " must have meta 0, currency 0 and amount 0");
                const Money::rep value = static_cast<Money::rep>(hi) * (Money::rep(1) << 64) + static_cast<Money::rep>(lo);
                amounts.push_back(Money::from_units(value, static_cast<Currency>(c)));
            }
        }
        // One currency per row, against the amount fields read before.
        for (std::size_t g = 0; g < ProjectColumns::amount_fields; ++g) {
            if (g == f || !has(1 + g)) continue;
            for (std::size_t i = 0; i < n_; ++i) {
                if (ProjectColumns::present(meta[i]) && ProjectColumns::present(meta_[g][i]) &&
                    amounts[i].currency() != amount_[g][i].currency())
                    bad(currency_at + i, i, "the currency of amount " + std::to_string(f) + " differs from that of amount " + std::to_string(g));
            }
        }
    }

    void load_stage(std::size_t s) const {
        const std::uint64_t at = offset_ + 8 * n_ + 18 * n_ * ProjectColumns::amount_fields + 4 * n_ * s;
        auto& day = reached_[s];
        in_->read_array(at, n_, day);
        const auto first_day = static_cast<std::int32_t>(Date(1400, 1, 1).day_number());
        const auto last_day = static_cast<std::int32_t>(Date(9999, 12, 31).day_number());
        for (std::size_t i = 0; i < n_; ++i)
            if (day[i] != ProjectColumns::never && (day[i] < first_day || day[i] > last_day))
                bad(at + 4 * i, i, "day " + std::to_string(day[i]) + " of stage " + std::string(enum_name(all_stages[s])) + " is out of range");
        // Main-path order against the main-path stages read before: a later stage is never
        // reached before an earlier one.
        if (!on_main_path(all_stages[s])) return;
        for (std::size_t t = 0; t < stage_count; ++t) {
            if (t == s || !on_main_path(all_stages[t]) || !has(1 + ProjectColumns::amount_fields + t)) continue;
            const std::int32_t* earlier = t < s ? reached_[t].data() : day.data();
            const std::int32_t* later = t < s ? day.data() : reached_[t].data();
            for (std::size_t i = 0; i < n_; ++i)
                if (later[i] < earlier[i])
                    bad(at + 4 * i, i, "stage " + std::string(enum_name(all_stages[std::max(s, t)])) + " is reached before stage " +
                                           std::string(enum_name(all_stages[std::min(s, t)])));
        }
    }

    std::shared_ptr<const Input> in_;
    std::uint64_t offset_;
    std::size_t n_;
    std::shared_ptr<const Dataset> others_;
    mutable std::mutex mutex_;
    mutable std::array<std::atomic<bool>, column_count> loaded_{};
    mutable std::vector<std::uint64_t> park_;
    mutable std::array<std::vector<Money>, ProjectColumns::amount_fields> amount_;
    mutable std::array<std::vector<std::uint8_t>, ProjectColumns::amount_fields> meta_;
    mutable std::array<std::vector<std::int32_t>, stage_count> reached_;
};

}  // namespace

struct Snapshot::Impl {
    std::shared_ptr<Input> input;
    LoadOptions options;
    Header header;
    std::shared_ptr<const Dataset> others;
    ProjectColumns columns;

    /// Reads the header and section 1; section 2's columns are read when first used.
    void read_head() {
        const Input& in = *input;
        const std::string head = in.read_range(0, std::min(in.size, header_bytes));
        header = read_header(head, in.size, options, in.name);
        const std::uint64_t at1 = header.offset(0);
        const std::string s1 = in.read_range(at1, header.length[0]);
        auto rest = std::make_shared<Dataset>();
        try {
            *rest = detail::load_archive(s1, Format::portable_binary, options, in.name);
        } catch (const FormatError& e) {
            rethrow_in_section(e, at1, in.name);
        }
        if (!rest->projects().empty())
            throw problem_at(in.name, at1, "section 1 holds projects: they belong in sections 2 and 3");
        others = rest;
        columns = ProjectColumns(std::make_shared<ColumnFile>(input, header.offset(1), static_cast<std::size_t>(header.rows), others));
    }
};

Snapshot::Snapshot(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Snapshot::Snapshot(Snapshot&&) noexcept = default;
Snapshot& Snapshot::operator=(Snapshot&&) noexcept = default;
Snapshot::~Snapshot() = default;

const Dataset& Snapshot::others() const noexcept { return *impl_->others; }
const ProjectColumns& Snapshot::project_columns() const noexcept { return impl_->columns; }

Snapshot Snapshot::from_bytes(std::string bytes, const LoadOptions& options, std::string_view name) {
    auto impl = std::make_unique<Impl>();
    impl->input = std::make_shared<Input>();
    impl->input->name = std::string(name);
    impl->input->size = bytes.size();
    impl->input->bytes = std::move(bytes);
    impl->options = options;
    impl->read_head();
    return Snapshot(std::move(impl));
}

Snapshot Snapshot::open(const std::filesystem::path& path, const LoadOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->input = std::make_shared<Input>();
    Input& in = *impl->input;
    in.name = path.string();
    impl->options = options;
    const auto fail = [&](const std::string& what, int error) {
        throw problem_at(in.name, std::nullopt, what + ": " + std::error_code(error, std::system_category()).message());
    };
    in.file = detail::UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.file) {
        const int error = errno;
        if (error == ENOENT) throw problem_at(in.name, std::nullopt, "does not exist");  // as io::load says it
        fail("cannot open the file", error);
    }
    struct stat st {};
    if (::fstat(in.file.get(), &st) != 0) fail("cannot read the file", errno);
    if (S_ISDIR(st.st_mode)) fail("cannot read the file", EISDIR);
    if (S_ISREG(st.st_mode)) {
        in.size = static_cast<std::uint64_t>(st.st_size);
    } else {  // a FIFO or device: read into memory, up to the limit, as io::load reads one
        in.bytes = detail::read_open_file(in.file.get(), 0, options, in.name);
        in.file = detail::UniqueFd();
        in.size = in.bytes.size();
    }
    impl->read_head();
    return Snapshot(std::move(impl));
}

Dataset Snapshot::dataset() const {
    const Impl& s = *impl_;
    const std::uint64_t at = s.header.offset(2);
    const std::string section = s.input->read_range(at, s.header.length[2]);
    std::vector<Project> projects;
    try {
        detail::BoundedBinaryInputArchive ar(section, true, s.options.max_records);
        cereal_detail::field(ar, "projects", projects);
        if (ar.parkinvest_remaining() != 0)
            cereal_detail::fail(std::to_string(ar.parkinvest_remaining()) + " bytes after the end of the projects");
    } catch (const FormatError& e) {
        rethrow_in_section(e, at, s.input->name);
    }
    if (projects.size() != s.header.rows)
        throw problem_at(s.input->name, at, "section 3 holds " + std::to_string(projects.size()) + " projects, the header says " +
                                         std::to_string(s.header.rows));
    Dataset all = *s.others;
    try {
        Batch b;
        b.projects = std::move(projects);
        all.insert(std::move(b));
    } catch (const ValidationError& e) {
        throw detail::to_format_error(e, s.input->name);
    }
    // The records must give exactly the columns queries answered from.
    const ProjectColumns& mine = s.columns;
    const ProjectColumns& theirs = all.project_columns();
    // Every column of the file is read (and checked) here; each accessor is called once.
    std::vector<bool> differs(mine.size(), false);
    const auto mark = [&](const auto& a, const auto& b) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i]) differs[i] = true;
    };
    mark(mine.park(), theirs.park());
    for (std::size_t f = 0; f < ProjectColumns::amount_fields; ++f) {
        const std::vector<Money>& a = mine.amount(f);
        const std::vector<Money>& b = theirs.amount(f);
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i] || a[i].currency() != b[i].currency()) differs[i] = true;
        mark(mine.amount_meta(f), theirs.amount_meta(f));
    }
    for (const Stage st : all_stages) mark(mine.reached_by(st), theirs.reached_by(st));
    for (std::size_t i = 0; i < mine.size(); ++i) {
        if (differs[i]) {
            FormatProblem p;
            p.input = s.input->name;
            p.byte = s.header.offset(1);
            p.entity = "project";
            p.id = std::to_string(all.projects()[i].id.value());
            p.reason = "the project record (row " + std::to_string(i) + ") does not agree with its query columns";
            throw FormatError(std::move(p));
        }
    }
    return all;
}

namespace detail {

void save_snapshot(const Dataset& dataset, std::ostream& out) {
    Dataset others;
    {
        Batch b;
        b.sources.assign(dataset.sources().begin(), dataset.sources().end());
        b.industries.assign(dataset.industries().begin(), dataset.industries().end());
        b.parks.assign(dataset.parks().begin(), dataset.parks().end());
        b.enterprises.assign(dataset.enterprises().begin(), dataset.enterprises().end());
        b.banks.assign(dataset.banks().begin(), dataset.banks().end());
        b.loans.assign(dataset.loans().begin(), dataset.loans().end());
        b.waste_facilities.assign(dataset.waste_facilities().begin(), dataset.waste_facilities().end());
        b.statistics.assign(dataset.statistics().begin(), dataset.statistics().end());
        others.insert(std::move(b));
    }
    std::array<std::string, 3> section;
    {
        std::ostringstream s1(std::ios::binary);
        detail::save_archive(others, s1, Format::portable_binary);
        section[0] = std::move(s1).str();
    }
    section[1] = columns_bytes(dataset.project_columns());
    section[2] = portable_archive_of([&](auto& ar) {
        std::span<const Project> projects = dataset.projects();
        cereal_detail::List<std::span<const Project>> l{projects};
        ar(l);
    });
    std::string header(magic);
    put(header, version);
    put(header, std::uint32_t{0});
    put(header, static_cast<std::uint64_t>(dataset.projects().size()));
    for (const std::string& s : section) put(header, static_cast<std::uint64_t>(s.size()));
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    for (const std::string& s : section) out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

}  // namespace detail

}  // namespace parkinvest::io
