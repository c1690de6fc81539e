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
#include <bit>
#include <cerrno>
#include <cstring>
#include <functional>
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
/// Reads `length` bytes at offset `at` of the snapshot into `to` (the whole range, or throws).
using ReadAt = std::function<void(char* to, std::uint64_t length, std::uint64_t at)>;

/// `n` numbers of type T at offset `at` into `out` (resized): straight into the vector on a
/// little-endian machine.
template <class T>
void read_array(const ReadAt& read, std::uint64_t at, std::size_t n, std::vector<T>& out) {
    out.resize(n);
    if constexpr (std::endian::native == std::endian::little) {
        read(reinterpret_cast<char*>(out.data()), n * sizeof(T), at);
    } else {
        std::string bytes(n * sizeof(T), '\0');
        read(bytes.data(), bytes.size(), at);
        for (std::size_t i = 0; i < n; ++i) out[i] = get<T>(bytes.data() + i * sizeof(T));
    }
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
    if (h.length[1] != h.rows * column_row_bytes)
        throw problem_at(name, 32, "the columns of " + std::to_string(h.rows) + " projects take " +
                                       std::to_string(h.rows * column_row_bytes) + " bytes, not " + std::to_string(h.length[1]));
    return h;
}

/// Section 2 (at `offset`) as columns, each row checked on its own and its park found among
/// `others`' parks. The arrays are read into the columns directly; the amounts, which are
/// converted, through a buffer of at most 64 Ki rows.
ProjectColumns read_columns(const ReadAt& read, std::uint64_t offset, std::size_t n, const Dataset& others,
                            std::string_view name) {
    ProjectColumns::Arrays a;
    std::uint64_t at = offset;
    read_array(read, at, n, a.park);
    std::optional<std::uint64_t> known;  // the last park id found
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t id = a.park[i];
        if (id == known) continue;
        if (id == 0 || others.find(ParkId{id}) == nullptr)
            throw problem_at(name, at + i * 8, "project row " + std::to_string(i) + ": park " + std::to_string(id) +
                                                   " is not among the file's parks");
        known = id;
    }
    at += n * 8;
    constexpr std::size_t chunk = std::size_t{1} << 16;
    std::string currency, units;
    for (std::size_t f = 0; f < ProjectColumns::amount_fields; ++f) {
        read_array(read, at, n, a.meta[f]);
        const std::uint64_t currency_at = at + n;
        const std::uint64_t units_at = at + 2 * n;
        auto& amounts = a.amount[f];
        amounts.reserve(n);
        for (std::size_t first = 0; first < n; first += chunk) {
            const std::size_t m = std::min(chunk, n - first);
            currency.resize(m);
            units.resize(16 * m);
            read(currency.data(), m, currency_at + first);
            read(units.data(), 16 * m, units_at + 16 * first);
            for (std::size_t j = 0; j < m; ++j) {
                const std::size_t i = first + j;
                const auto c = static_cast<unsigned char>(currency[j]);
                if (c >= currency_table.size())
                    throw problem_at(name, currency_at + i, "project row " + std::to_string(i) + ": currency byte " +
                                                                std::to_string(c) + " is not a currency");
                const auto lo = get<std::uint64_t>(units.data() + 16 * j);
                const auto hi = get<std::uint64_t>(units.data() + 16 * j + 8);
                // At most 2^119 - 1 units (Money::max_units): the high half is below 2^55.
                if (hi >= (std::uint64_t{1} << 55))
                    throw problem_at(name, units_at + 16 * i, "project row " + std::to_string(i) + ": amount out of range");
                const Money::rep value = static_cast<Money::rep>(hi) * (Money::rep(1) << 64) + static_cast<Money::rep>(lo);
                amounts.push_back(Money::from_units(value, static_cast<Currency>(c)));
            }
        }
        at += n * 18;
    }
    for (std::size_t st = 0; st < stage_count; ++st) {
        read_array(read, at, n, a.reached_by[st]);
        at += n * 4;
    }
    try {
        return ProjectColumns(std::move(a));
    } catch (const ArgumentError& e) {
        throw problem_at(name, offset, e.what());
    }
}

}  // namespace

struct Snapshot::Impl {
    std::string name;
    LoadOptions options;
    Header header;
    Dataset others;
    ProjectColumns columns;
    std::string bytes;       ///< the whole snapshot (from_bytes), or empty
    detail::UniqueFd file;   ///< the open file (open), for section 3
    std::uint64_t size = 0;  ///< of the file

    /// Reads `length` bytes at `at` from the bytes or the file.
    void read_at(char* to, std::uint64_t length, std::uint64_t at) const {
        if (!file) {  // from_bytes: every range was checked against the size
            if (length != 0) std::memcpy(to, bytes.data() + at, static_cast<std::size_t>(length));
            return;
        }
        std::uint64_t done = 0;
        while (done < length) {
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

    /// Reads the header and sections 1 and 2.
    void read_head() {
        const std::string head = read_range(0, std::min(size, header_bytes));
        header = read_header(head, size, options, name);
        const std::uint64_t at1 = header.offset(0);
        const std::string s1 = read_range(at1, header.length[0]);
        try {
            others = detail::load_archive(s1, Format::portable_binary, options, name);
        } catch (const FormatError& e) {
            rethrow_in_section(e, at1, name);
        }
        if (!others.projects().empty())
            throw problem_at(name, at1, "section 1 holds projects: they belong in sections 2 and 3");
        const ReadAt read = [this](char* to, std::uint64_t length, std::uint64_t at) { read_at(to, length, at); };
        columns = read_columns(read, header.offset(1), static_cast<std::size_t>(header.rows), others, name);
    }
};

Snapshot::Snapshot(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Snapshot::Snapshot(Snapshot&&) noexcept = default;
Snapshot& Snapshot::operator=(Snapshot&&) noexcept = default;
Snapshot::~Snapshot() = default;

const Dataset& Snapshot::others() const noexcept { return impl_->others; }
const ProjectColumns& Snapshot::project_columns() const noexcept { return impl_->columns; }

Snapshot Snapshot::from_bytes(std::string bytes, const LoadOptions& options, std::string_view name) {
    auto impl = std::make_unique<Impl>();
    impl->name = std::string(name);
    impl->options = options;
    impl->size = bytes.size();
    impl->bytes = std::move(bytes);
    impl->read_head();
    return Snapshot(std::move(impl));
}

Snapshot Snapshot::open(const std::filesystem::path& path, const LoadOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->name = path.string();
    impl->options = options;
    const auto fail = [&](const std::string& what, int error) {
        throw problem_at(impl->name, std::nullopt, what + ": " + std::error_code(error, std::system_category()).message());
    };
    impl->file = detail::UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!impl->file) fail("cannot open the file", errno);
    struct stat st {};
    if (::fstat(impl->file.get(), &st) != 0) fail("cannot read the file", errno);
    if (!S_ISREG(st.st_mode)) fail("cannot read the file", S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
    impl->size = static_cast<std::uint64_t>(st.st_size);
    impl->read_head();
    return Snapshot(std::move(impl));
}

Dataset Snapshot::dataset() const {
    const Impl& s = *impl_;
    const std::uint64_t at = s.header.offset(2);
    const std::string section = s.read_range(at, s.header.length[2]);
    std::vector<Project> projects;
    try {
        detail::BoundedBinaryInputArchive ar(section, true, s.options.max_records);
        cereal_detail::field(ar, "projects", projects);
        if (ar.parkinvest_remaining() != 0)
            cereal_detail::fail(std::to_string(ar.parkinvest_remaining()) + " bytes after the end of the projects");
    } catch (const FormatError& e) {
        rethrow_in_section(e, at, s.name);
    }
    if (projects.size() != s.header.rows)
        throw problem_at(s.name, at, "section 3 holds " + std::to_string(projects.size()) + " projects, the header says " +
                                         std::to_string(s.header.rows));
    Dataset all = s.others;
    try {
        Batch b;
        b.projects = std::move(projects);
        all.insert(std::move(b));
    } catch (const ValidationError& e) {
        throw detail::to_format_error(e, s.name);
    }
    // The records must give exactly the columns queries answered from.
    const ProjectColumns& mine = s.columns;
    const ProjectColumns& theirs = all.project_columns();
    const auto differs = [&](std::size_t i) {
        if (mine.park()[i] != theirs.park()[i]) return true;
        for (std::size_t f = 0; f < ProjectColumns::amount_fields; ++f)
            if (mine.amount(f)[i] != theirs.amount(f)[i] || mine.amount(f)[i].currency() != theirs.amount(f)[i].currency() ||
                mine.amount_meta(f)[i] != theirs.amount_meta(f)[i])
                return true;
        for (const Stage st : all_stages)
            if (mine.reached_by(st)[i] != theirs.reached_by(st)[i]) return true;
        return false;
    };
    for (std::size_t i = 0; i < mine.size(); ++i) {
        if (differs(i)) {
            FormatProblem p;
            p.input = s.name;
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
    section[0] = portable_archive_of([&](auto& ar) { ar(others); });
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
