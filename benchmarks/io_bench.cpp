// SPDX-License-Identifier: MIT
// Google Benchmark suite for saving and loading whole Datasets (parkinvest::io). Every library
// benchmark has baselines in this same binary; compare bytes_per_second (bytes of the archive
// processed per second) and items_per_second (projects per second) of:
//
//   BM_Save_Binary/N          io::save(dataset, out, Format::binary)
//   BM_Save_PortableBinary/N  io::save(dataset, out, Format::portable_binary)
//   BM_Save_Json/N            io::save(dataset, out, Format::json)
//   BM_Load_Binary/N          io::load(in, Format::binary)      target: >= 20% of BM_Memcpy's
//                                                               bytes/s, and within 4x of
//                                                               BM_HandRead's time per project
//   BM_Load_PortableBinary/N  io::load(in, Format::portable_binary)
//   BM_Load_Json/N            io::load(in, Format::json)        target: >= 50 MB/s
//   BM_Load_JsonLines/N       io::load(in, Format::json_lines): every line parsed, its members
//                             read as the CSV cells are, companions checked, records validated
//   BM_ParseJsonLines/N       baseline: RapidJSON (the parser io::load uses) parses every line
//                             of the same bytes into its DOM (rapidjson::Document, iterative,
//                             UTF-8 validated) — what any reader of these lines must do first
//
//   BM_Snapshot_FirstAnswer/N the first answer from a snapshot file (.pks, in the page cache):
//                             io::Snapshot::open + group by park: count and sum of contract
//                             investment over the columns — what `parkinvest query x.pks` does
//   BM_HandColumns_FirstAnswer/N  baseline: open the same file, pread the park and contract
//                             investment arrays at their offsets (docs/formats.md), and a hand
//                             loop into a dense table per park id — no checks, no Table
//   BM_Memcpy/N               baseline: std::memcpy of as many bytes as the binary archive has
//   BM_HandWrite/N            baseline: a hand-written writer of the same projects (every field
//                             of Project: id, name zh/en, park, investors, industries, nature,
//                             the four optional ReportedAmounts, parent, phase, stages, sources)
//                             as fixed-width little-endian integers and length-prefixed strings,
//                             appended to a std::string whose capacity is kept between iterations
//   BM_HandRead/N             baseline: the reader of that format, back into Project objects in
//                             a std::vector, checking every length and count against the bytes
//                             that remain, every enum, bool and date, and the Money range, as a
//                             reader of untrusted input must (it does not check UTF-8 or
//                             references between records: io::load does both)
//   BM_Insert_Dataset/N       for reference: Dataset::insert(Batch) of the decoded records into
//                             an empty Dataset (validation and indexes), which io::load does
//                             after decoding and a hand-written reader of vectors does not
//   BM_CopyProjects/N         floor: a deep copy of the dataset's projects into a new
//                             std::vector<Project> (allocating and filling every object and its
//                             strings and lists), the least any loader that returns Project
//                             objects must do, whatever its format
//   BM_IndexIds/N             floor: an std::unordered_map<ProjectId, std::size_t> of the
//                             projects' ids, reserved first, the least a Dataset with O(1)
//                             lookup by id must build with the standard containers (the
//                             Dataset's own index, detail::IdMap, is one open-addressing array
//                             and builds in a fraction of this time)
//
// The two floors bound what the memcpy target can ask of a loader that builds objects: 20% of
// BM_Memcpy's rate is 5x its time (about 85 ms for the 1M archive), so BM_CopyProjects plus
// BM_IndexIds must fit in that before any decoding or validation is counted.
//
// Streams: the archives live in memory, so the disk is not measured. io::save writes into a
// std::ostream over a fixed, preallocated buffer (SpanOutBuf below: a std::streambuf whose put
// area is the buffer; no reallocation); io::load reads from a std::istream over the archive's
// bytes (SpanInBuf: the get area is the bytes; no copy by the stream itself). io::load's own
// work — reading the stream into a string, then decoding and validating — is all measured.
// The Dataset or vector a load returns is destroyed outside timing (PauseTiming), followed by
// malloc_trim(0) on glibc, so that each iteration starts from a trimmed heap.
//
// Sizes: N = 1,000,000 projects; 10,000 for the smoke test; PARKINVEST_BENCH_ROWS=n adds n.
// A project has on average 1.1 investors, 1 industry, 2.1 stage events, 1 citation and 2 of the
// 4 amounts. The other records are few and in every archive: 300 parks (100 zones with 2
// sub-parks each), 1,000 enterprises, 10 banks, 23 industries, 24 sources, 1,200 statistics,
// no loans or waste facilities. items_per_second counts projects only (the other 2,557 records
// are 0.26% of 1M). The data come from samples::synthetic_dataset (deterministic), built once
// per size outside timing; each archive is made the first time a benchmark needs it.
//
// Before timing, io::load of each archive must equal the original dataset and the hand
// reader's projects the original projects; after each save benchmark the bytes written must
// equal the archive. A mismatch prints what differs and exits with status 1.
//
// Rates (bytes_per_second, items_per_second) are Google Benchmark's: per second of CPU time
// (thread CPU time, not wall time), which suits a machine shared with other jobs. 1M projects
// need about 10 GB of RAM (the JSON archive alone is 2.3 GB, plus the copy io::load reads it
// into and cereal's parsed document) and several minutes:
//
//   build-rel/benchmarks/parkinvest_io_bench --benchmark_filter=/1000000$
//       --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <parkinvest/io/io.hpp>
#include <parkinvest/io/snapshot.hpp>
#include <parkinvest/query/query.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <benchmark/benchmark.h>
// As in the library: cereal's json.hpp before RapidJSON (one definition of RAPIDJSON_ASSERT).
#include <cereal/archives/json.hpp>
#include <rapidjson/document.h>

#if defined(__GLIBC__)
#include <malloc.h>  // malloc_trim
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

using namespace parkinvest;
__extension__ using i128 = __int128;  // __extension__ keeps -Wpedantic quiet
__extension__ using u128 = unsigned __int128;

constexpr std::uint64_t seed = 0x5041524B494E5645ULL;  // "PARKINVE"
constexpr std::int64_t smoke_projects = 10'000;
constexpr std::int64_t big_projects = 1'000'000;

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "parkinvest_io_bench: RESULT MISMATCH: %s\n", what.c_str());
    std::fflush(stderr);
    std::exit(1);
}

// ---------------------------------------------------------------------------------------------
// In-memory streams
// ---------------------------------------------------------------------------------------------

/// Writes into a fixed buffer; a write past its end fails the stream (overflow() is the
/// default, which returns eof).
class SpanOutBuf : public std::streambuf {
public:
    explicit SpanOutBuf(std::span<char> buffer) { setp(buffer.data(), buffer.data() + buffer.size()); }
    void rewind() { setp(pbase(), epptr()); }
    [[nodiscard]] std::string_view written() const {
        return {pbase(), static_cast<std::size_t>(pptr() - pbase())};
    }
};

/// Reads bytes held elsewhere, without copying them.
class SpanInBuf : public std::streambuf {
public:
    explicit SpanInBuf(std::string_view bytes) {
        char* p = const_cast<char*>(bytes.data());  // never written: no put area, no putback
        setg(p, p, p + bytes.size());
    }
};

// ---------------------------------------------------------------------------------------------
// The hand-written baseline format: fixed-width little-endian integers, length-prefixed strings
//
//   file     "PIHB" u32 version=1, u64 project count, projects
//   project  u64 id, str zh, u8 has_en [str en], u64 park,
//            u32 n × (u64 enterprise, u8 role), u32 n × u64 industry,
//            u8 nature (0 = none, else 1 + value),
//            4 × (u8 present [u64 low, u64 high, u8 currency, u8 bound, u8 estimated]),
//            u8 has_parent [u64 parent], u8 has_phase [u32 phase],
//            u32 n × (u8 stage, u8 precision, u16 year, u8 month, u8 day),
//            u32 n × (u64 source, str note)
//   str      u32 byte count, bytes
// ---------------------------------------------------------------------------------------------

constexpr char hand_magic[4] = {'P', 'I', 'H', 'B'};
constexpr std::uint32_t hand_version = 1;
constexpr std::size_t min_project_bytes = 8 + 4 + 1 + 8 + 4 + 4 + 1 + 4 * 1 + 1 + 1 + 4 + 4;

class HandWriter {
public:
    explicit HandWriter(std::string& out) : out_(out) {}

    template <class U>
    void put(U v) {
        static_assert(std::is_unsigned_v<U>);
        unsigned char b[sizeof(U)];
        for (std::size_t i = 0; i < sizeof(U); ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
        out_.append(reinterpret_cast<const char*>(b), sizeof b);
    }
    void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void u16(std::uint16_t v) { put(v); }
    void u32(std::uint32_t v) { put(v); }
    void u64(std::uint64_t v) { put(v); }
    void count(std::size_t n) {
        if (n > UINT32_MAX) throw std::length_error("parkinvest_io_bench: list longer than 2^32 - 1");
        u32(static_cast<std::uint32_t>(n));
    }
    void str(const std::string& s) {
        count(s.size());
        out_.append(s);
    }
    void date(const ReportedDate& d) {
        u8(static_cast<std::uint8_t>(d.precision()));
        const Date first = d.first();
        u16(static_cast<std::uint16_t>(first.year()));
        u8(static_cast<std::uint8_t>(first.month()));
        u8(static_cast<std::uint8_t>(first.day()));
    }
    void amount(const std::optional<ReportedAmount>& a) {
        u8(a ? 1 : 0);
        if (!a) return;
        const auto units = static_cast<u128>(static_cast<i128>(a->value.units()));
        u64(static_cast<std::uint64_t>(units));
        u64(static_cast<std::uint64_t>(units >> 64));
        u8(static_cast<std::uint8_t>(a->value.currency()));
        u8(static_cast<std::uint8_t>(a->bound));
        u8(a->estimated ? 1 : 0);
    }

    void project(const Project& p) {
        u64(p.id.value());
        str(p.name.zh);
        u8(p.name.en ? 1 : 0);
        if (p.name.en) str(*p.name.en);
        u64(p.park.value());
        count(p.investors.size());
        for (const Investor& i : p.investors) {
            u64(i.enterprise.value());
            u8(static_cast<std::uint8_t>(i.role));
        }
        count(p.industries.size());
        for (const IndustryId i : p.industries) u64(i.value());
        u8(p.nature ? static_cast<std::uint8_t>(1 + static_cast<int>(*p.nature)) : 0);
        amount(p.contract_investment);
        amount(p.planned_investment);
        amount(p.first_phase_investment);
        amount(p.funds_in_place);
        u8(p.parent ? 1 : 0);
        if (p.parent) u64(p.parent->value());
        u8(p.phase ? 1 : 0);
        if (p.phase) u32(static_cast<std::uint32_t>(*p.phase));
        count(p.stages.size());
        for (const StageEvent& e : p.stages) {
            u8(static_cast<std::uint8_t>(e.stage));
            date(e.date);
        }
        count(p.sources.size());
        for (const Citation& c : p.sources) {
            u64(c.source.value());
            str(c.note);
        }
    }

private:
    std::string& out_;
};

void hand_write(std::span<const Project> projects, std::string& out) {
    out.clear();
    out.append(hand_magic, sizeof hand_magic);
    HandWriter w(out);
    w.u32(hand_version);
    w.u64(projects.size());
    for (const Project& p : projects) w.project(p);
}

/// A malformed hand-format input: what and at which byte.
class HandFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class HandReader {
public:
    explicit HandReader(std::string_view bytes)
        : begin_(reinterpret_cast<const unsigned char*>(bytes.data())), p_(begin_), end_(begin_ + bytes.size()) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw HandFormatError("hand format: " + what + " at byte " + std::to_string(p_ - begin_));
    }
    [[nodiscard]] std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }
    void need(std::size_t n) const {
        if (n > remaining()) fail("unexpected end of input (" + std::to_string(n) + " bytes needed)");
    }

    template <class U>
    U get() {
        need(sizeof(U));
        U v = 0;
        for (std::size_t i = 0; i < sizeof(U); ++i) v = static_cast<U>(v | static_cast<U>(static_cast<U>(p_[i]) << (8 * i)));
        p_ += sizeof(U);
        return v;
    }
    std::uint8_t u8() { return get<std::uint8_t>(); }
    std::uint16_t u16() { return get<std::uint16_t>(); }
    std::uint32_t u32() { return get<std::uint32_t>(); }
    std::uint64_t u64() { return get<std::uint64_t>(); }
    bool flag() {
        const std::uint8_t b = u8();
        if (b > 1) fail("flag byte must be 0 or 1");
        return b == 1;
    }
    /// A code below `limit`, as enum E.
    template <class E>
    E code(std::uint8_t limit, const char* what) {
        const std::uint8_t c = u8();
        if (c >= limit) fail(std::string("unknown ") + what + " code " + std::to_string(c));
        return static_cast<E>(c);
    }
    /// A count of elements of at least `min_bytes` each: it must fit in the rest of the input.
    std::size_t count(std::size_t min_bytes) {
        const std::uint32_t n = u32();
        if (n > remaining() / min_bytes) fail("count " + std::to_string(n) + " beyond the end of the input");
        return n;
    }
    void str(std::string& s) {
        const std::size_t n = count(1);
        s.assign(reinterpret_cast<const char*>(p_), n);
        p_ += n;
    }
    ReportedDate date() {
        const auto precision = code<DatePrecision>(5, "date precision");
        const int year = u16();
        const int month = u8();
        const int day = u8();
        if (year < 1400 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
            fail("no such date");
        ReportedDate d;
        switch (precision) {
        case DatePrecision::day: return ReportedDate::day(year, month, day);
        case DatePrecision::month: d = ReportedDate::month(year, month); break;
        case DatePrecision::quarter: d = ReportedDate::quarter(year, (month + 2) / 3); break;
        case DatePrecision::half_year: d = ReportedDate::half_year(year, month <= 6 ? 1 : 2); break;
        case DatePrecision::year: d = ReportedDate::year(year); break;
        }
        if (d.first() != make_date(year, month, day)) fail("not the first day of the reported date's period");
        return d;
    }
    void amount(std::optional<ReportedAmount>& a) {
        if (!flag()) {
            a.reset();
            return;
        }
        const std::uint64_t low = u64();
        const std::uint64_t high = u64();
        const auto units = static_cast<i128>((static_cast<u128>(high) << 64) | low);
        const auto currency = code<Currency>(7, "currency");
        ReportedAmount r;
        if (units < Money::min_units() || units > Money::max_units()) fail("amount out of range");
        r.value = Money::from_units(units, currency);
        r.bound = code<Bound>(7, "bound");
        r.estimated = flag();
        a = r;
    }

    void project(Project& p) {
        p.id = ProjectId{u64()};
        str(p.name.zh);
        if (flag()) str(p.name.en.emplace());
        p.park = ParkId{u64()};
        std::size_t n = count(9);
        p.investors.resize(n);
        for (Investor& i : p.investors) {
            i.enterprise = EnterpriseId{u64()};
            i.role = code<InvestorRole>(4, "investor role");
        }
        n = count(8);
        p.industries.resize(n);
        for (IndustryId& i : p.industries) i = IndustryId{u64()};
        const std::uint8_t nature = u8();
        if (nature > 4) fail("unknown nature code");
        if (nature != 0) p.nature = static_cast<ProjectNature>(nature - 1);
        amount(p.contract_investment);
        amount(p.planned_investment);
        amount(p.first_phase_investment);
        amount(p.funds_in_place);
        if (flag()) p.parent = ProjectId{u64()};
        if (flag()) p.phase = static_cast<int>(static_cast<std::int32_t>(u32()));
        n = count(6);
        p.stages.resize(n);
        for (StageEvent& e : p.stages) {
            e.stage = code<Stage>(8, "stage");
            e.date = date();
        }
        n = count(12);
        p.sources.resize(n);
        for (Citation& c : p.sources) {
            c.source = SourceId{u64()};
            str(c.note);
        }
    }

    std::vector<Project> projects() {
        need(sizeof hand_magic);
        if (std::memcmp(p_, hand_magic, sizeof hand_magic) != 0) fail("not a hand-format file");
        p_ += sizeof hand_magic;
        if (u32() != hand_version) fail("unknown version");
        const std::uint64_t n = u64();
        if (n > remaining() / min_project_bytes) fail("project count beyond the end of the input");
        std::vector<Project> out(static_cast<std::size_t>(n));
        for (Project& p : out) project(p);
        if (remaining() != 0) fail("bytes after the last project");
        return out;
    }

private:
    const unsigned char* begin_;
    const unsigned char* p_;
    const unsigned char* end_;
};

std::vector<Project> hand_read(std::string_view bytes) { return HandReader(bytes).projects(); }

// ---------------------------------------------------------------------------------------------
// Data, built and checked once per size and kept for the whole process
// ---------------------------------------------------------------------------------------------

samples::SyntheticOptions options(std::size_t projects) {
    samples::SyntheticOptions o;
    o.seed = seed;
    o.parks = 100;
    o.sub_parks_per_park = 2;
    o.enterprises = 1'000;
    o.projects = projects;
    o.loans = 0;
    o.snapshots_per_loan = 0;
    o.waste_facilities = 0;
    return o;
}

std::string saved(const Dataset& ds, io::Format f) {
    std::ostringstream out;
    io::save(ds, out, f);
    return std::move(out).str();
}

Dataset loaded(std::string_view bytes, io::Format f) {
    SpanInBuf buf(bytes);
    std::istream in(&buf);
    return io::load(in, f);
}

/// One size: the dataset, and each archive made and checked on first use (so that a filtered
/// run makes only the archives it needs).
class Fixture {
public:
    explicit Fixture(std::size_t projects) : dataset(samples::synthetic_dataset(options(projects))) {}

    const Dataset dataset;

    /// io::save's bytes; io::load of them equals the dataset.
    [[nodiscard]] const std::string& archive(io::Format f) {
        auto it = archives_.find(f);
        if (it == archives_.end()) {
            std::string bytes = saved(dataset, f);
            if (!(loaded(bytes, f) == dataset))
                fail(std::string(io::to_string(f)) + ": io::load(io::save(dataset)) differs from the dataset");
            it = archives_.emplace(f, std::move(bytes)).first;
        }
        return it->second;
    }
    /// The hand writer's bytes; the hand reader's projects equal the dataset's.
    [[nodiscard]] const std::string& hand() {
        if (!hand_) {
            std::string bytes;
            hand_write(dataset.projects(), bytes);
            const std::vector<Project> back = hand_read(bytes);
            const std::span<const Project> original = dataset.projects();
            if (!std::equal(back.begin(), back.end(), original.begin(), original.end()))
                fail("the hand reader's projects differ from the dataset's");
            hand_ = std::move(bytes);
        }
        return *hand_;
    }
    [[nodiscard]] std::int64_t projects() const { return static_cast<std::int64_t>(dataset.projects().size()); }

private:
    std::map<io::Format, std::string> archives_;
    std::optional<std::string> hand_;
};

Fixture& fixture(std::size_t n) {
    static std::map<std::size_t, std::unique_ptr<Fixture>> cache;
    auto& slot = cache[n];
    if (!slot) slot = std::make_unique<Fixture>(n);
    return *slot;
}

/// After the previous iteration's result is freed (outside timing): glibc's malloc_trim merges
/// the millions of freed chunks and returns free memory to the system, so that every iteration
/// of every load starts from the same kind of heap, like a fresh process, instead of paying
/// for the previous iteration's deferred consolidation (which made figures depend on the
/// benchmarks run before).
void release_freed_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void set_counters(benchmark::State& state, const Fixture& fx, std::size_t bytes) {
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
    state.SetItemsProcessed(state.iterations() * fx.projects());
    state.counters["archive_bytes"] = static_cast<double>(bytes);
}

// ---------------------------------------------------------------------------------------------
// Library
// ---------------------------------------------------------------------------------------------

void save_benchmark(benchmark::State& state, io::Format f) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::string& expected = fx.archive(f);
    std::vector<char> buffer(expected.size() + 1);  // one spare byte: a longer output shows
    SpanOutBuf buf(buffer);
    std::ostream out(&buf);
    for (auto _ : state) {
        buf.rewind();
        io::save(fx.dataset, out, f);
        benchmark::ClobberMemory();
    }
    if (buf.written() != expected)
        fail(std::string(io::to_string(f)) + ": io::save wrote " + std::to_string(buf.written().size()) +
             " bytes, not the " + std::to_string(expected.size()) + " of the archive");
    set_counters(state, fx, expected.size());
}

void load_benchmark(benchmark::State& state, io::Format f) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::string& bytes = fx.archive(f);
    std::optional<Dataset> result;
    for (auto _ : state) {
        state.PauseTiming();
        result.reset();
        release_freed_memory();
        state.ResumeTiming();
        SpanInBuf buf(bytes);
        std::istream in(&buf);
        result.emplace(io::load(in, f));
        benchmark::DoNotOptimize(*result);
    }
    if (!result || result->projects().size() != fx.dataset.projects().size())
        fail(std::string(io::to_string(f)) + ": io::load returned the wrong number of projects");
    result.reset();
    set_counters(state, fx, bytes.size());
}

void BM_Save_Binary(benchmark::State& state) { save_benchmark(state, io::Format::binary); }
void BM_Save_PortableBinary(benchmark::State& state) { save_benchmark(state, io::Format::portable_binary); }
void BM_Save_Json(benchmark::State& state) { save_benchmark(state, io::Format::json); }
void BM_Load_Binary(benchmark::State& state) { load_benchmark(state, io::Format::binary); }
void BM_Load_PortableBinary(benchmark::State& state) { load_benchmark(state, io::Format::portable_binary); }
void BM_Load_Json(benchmark::State& state) { load_benchmark(state, io::Format::json); }
void BM_Load_JsonLines(benchmark::State& state) { load_benchmark(state, io::Format::json_lines); }

/// The fixture's snapshot as a file in the temporary folder (written once; left in the page cache).
const std::string& snapshot_file(Fixture& fx) {
    static std::map<const Fixture*, std::string> files;
    auto& path = files[&fx];
    if (path.empty()) {
        path = (std::filesystem::temp_directory_path() / ("parkinvest_io_bench_" + std::to_string(::getpid()) + "_" +
                                                          std::to_string(fx.projects()) + ".pks"))
                   .string();
        io::write_file(path, fx.archive(io::Format::snapshot));
        std::atexit([] {
            for (const auto& [f, p] : files) std::remove(p.c_str());
        });
    }
    return path;
}

/// Projects counted and the exact total of contract investment (1/10,000 yuan) of a result.
struct FirstAnswer {
    std::int64_t count = 0;
    Money::rep sum = 0;
    friend bool operator==(const FirstAnswer&, const FirstAnswer&) = default;
};

/// The answer from the records, the reference of both benchmarks.
FirstAnswer first_answer_of(const Dataset& ds) {
    FirstAnswer a;
    for (const Project& p : ds.projects()) {
        ++a.count;
        if (p.contract_investment) a.sum += p.contract_investment->value.units();
    }
    return a;
}

void BM_Snapshot_FirstAnswer(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::string& path = snapshot_file(fx);
    FirstAnswer got;
    for (auto _ : state) {
        const io::Snapshot snap = io::Snapshot::open(path);
        const query::Table t = query::from(snap.others(), snap.project_columns())
                                   .group_by(query::by_park())
                                   .aggregate(query::count(), query::sum(&Project::contract_investment));
        got = {};
        for (const auto& row : t.rows()) {
            got.count += std::get<std::int64_t>(row[1]);
            if (const auto* a = std::get_if<ReportedAmount>(&row[2])) got.sum += a->value.units();
        }
        benchmark::DoNotOptimize(got);
    }
    const FirstAnswer want = first_answer_of(fx.dataset);
    if (!(got == want)) fail("the snapshot's first answer differs from the records'");
    set_counters(state, fx, fx.archive(io::Format::snapshot).size());
}

void BM_HandColumns_FirstAnswer(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::string& path = snapshot_file(fx);
    FirstAnswer got;
    for (auto _ : state) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) fail("cannot open " + path);
        const auto read_at = [&](void* to, std::size_t length, std::uint64_t at) {
            for (std::size_t done = 0; done < length;) {
                const ssize_t n = ::pread(fd, static_cast<char*>(to) + done, length - done, static_cast<off_t>(at + done));
                if (n <= 0) fail("cannot read " + path);
                done += static_cast<std::size_t>(n);
            }
        };
        std::uint64_t header[5];  // version and reserved, rows, three section lengths (a little-endian machine)
        read_at(header, sizeof header, 8);
        const std::size_t n = header[1];
        const std::uint64_t columns = 48 + header[2];
        std::vector<std::uint64_t> park(n);
        std::vector<std::uint8_t> meta(n);
        std::vector<Money::rep> units(n);
        read_at(park.data(), 8 * n, columns);
        read_at(meta.data(), n, columns + 8 * n);
        read_at(units.data(), 16 * n, columns + 10 * n);
        ::close(fd);
        std::vector<std::int64_t> count;
        std::vector<Money::rep> sum;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t p = park[i];
            if (p >= count.size()) {
                count.resize(p + 1);
                sum.resize(p + 1);
            }
            ++count[p];
            if ((meta[i] & 1) != 0) sum[p] += units[i];
        }
        got = {};
        for (std::size_t p = 0; p < count.size(); ++p) {
            got.count += count[p];
            got.sum += sum[p];
        }
        benchmark::DoNotOptimize(got);
    }
    const FirstAnswer want = first_answer_of(fx.dataset);
    if (!(got == want)) fail("the hand reader's first answer differs from the records'");
    set_counters(state, fx, fx.archive(io::Format::snapshot).size());
}

// ---------------------------------------------------------------------------------------------
// Baselines
// ---------------------------------------------------------------------------------------------

void BM_ParseJsonLines(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::string& bytes = fx.archive(io::Format::json_lines);
    constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
    std::size_t objects = 0;
    for (auto _ : state) {
        objects = 0;
        std::size_t start = 0;
        rapidjson::Document doc;
        while (start < bytes.size()) {
            std::size_t end = bytes.find('\n', start);
            if (end == std::string::npos) end = bytes.size();
            doc.Parse<flags>(bytes.data() + start, end - start);
            if (doc.HasParseError() || !doc.IsObject()) fail("RapidJSON cannot parse a line of the JSON Lines archive");
            ++objects;
            start = end + 1;
        }
        benchmark::DoNotOptimize(objects);
    }
    if (objects != fx.dataset.size()) fail("RapidJSON parsed another number of lines than the dataset has records");
    set_counters(state, fx, bytes.size());
}

void BM_Memcpy(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::string& src = fx.archive(io::Format::binary);
    std::vector<char> dst(src.size());  // zeroed, so every page is mapped before timing
    for (auto _ : state) {
        std::memcpy(dst.data(), src.data(), src.size());
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    if (std::memcmp(dst.data(), src.data(), src.size()) != 0) fail("memcpy copied other bytes");
    set_counters(state, fx, src.size());
}

void BM_HandWrite(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    std::string out;
    const std::string& expected = fx.hand();
    out.reserve(expected.size());
    for (auto _ : state) {
        hand_write(fx.dataset.projects(), out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    if (out != expected) fail("the hand writer wrote other bytes");
    set_counters(state, fx, expected.size());
}

void BM_HandRead(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::string& bytes = fx.hand();
    std::vector<Project> result;
    for (auto _ : state) {
        state.PauseTiming();
        result = {};
        release_freed_memory();
        state.ResumeTiming();
        result = hand_read(bytes);
        benchmark::DoNotOptimize(result.data());
    }
    if (result.size() != fx.dataset.projects().size()) fail("the hand reader returned the wrong number of projects");
    result = {};
    set_counters(state, fx, bytes.size());
}

Batch batch_of(const Dataset& ds) {
    Batch b;
    b.sources.assign(ds.sources().begin(), ds.sources().end());
    b.industries.assign(ds.industries().begin(), ds.industries().end());
    b.parks.assign(ds.parks().begin(), ds.parks().end());
    b.enterprises.assign(ds.enterprises().begin(), ds.enterprises().end());
    b.banks.assign(ds.banks().begin(), ds.banks().end());
    b.projects.assign(ds.projects().begin(), ds.projects().end());
    b.loans.assign(ds.loans().begin(), ds.loans().end());
    b.waste_facilities.assign(ds.waste_facilities().begin(), ds.waste_facilities().end());
    b.statistics.assign(ds.statistics().begin(), ds.statistics().end());
    return b;
}

void BM_Insert_Dataset(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    std::optional<Dataset> result;
    for (auto _ : state) {
        state.PauseTiming();
        result.reset();
        release_freed_memory();
        Batch b = batch_of(fx.dataset);
        state.ResumeTiming();
        result.emplace();
        result->insert(std::move(b));
        benchmark::DoNotOptimize(*result);
    }
    if (!result || !(*result == fx.dataset)) fail("Dataset::insert of the dataset's records differs from it");
    result.reset();
    state.SetItemsProcessed(state.iterations() * fx.projects());
}

void BM_CopyProjects(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::span<const Project> original = fx.dataset.projects();
    std::vector<Project> result;
    for (auto _ : state) {
        state.PauseTiming();
        result = {};
        release_freed_memory();
        state.ResumeTiming();
        result.assign(original.begin(), original.end());
        benchmark::DoNotOptimize(result.data());
        benchmark::ClobberMemory();
    }
    if (!std::equal(result.begin(), result.end(), original.begin(), original.end()))
        fail("the copied projects differ from the dataset's");
    result = {};
    state.SetItemsProcessed(state.iterations() * fx.projects());
}

void BM_IndexIds(benchmark::State& state) {
    Fixture& fx = fixture(static_cast<std::size_t>(state.range(0)));
    const std::span<const Project> projects = fx.dataset.projects();
    std::optional<std::unordered_map<ProjectId, std::size_t>> result;
    for (auto _ : state) {
        state.PauseTiming();
        result.reset();
        release_freed_memory();
        state.ResumeTiming();
        result.emplace();
        result->reserve(projects.size());
        for (std::size_t i = 0; i < projects.size(); ++i) result->emplace(projects[i].id, i);
        benchmark::DoNotOptimize(*result);
    }
    if (!result || result->size() != projects.size()) fail("the id index has the wrong size");
    for (std::size_t i = 0; i < projects.size(); ++i) {
        const auto it = result->find(projects[i].id);
        if (it == result->end() || it->second != i) fail("the id index maps " + projects[i].id.to_string() + " wrongly");
    }
    result.reset();
    state.SetItemsProcessed(state.iterations() * fx.projects());
}

// ---------------------------------------------------------------------------------------------
// Registration: per size, the library benchmarks next to their baselines; PARKINVEST_BENCH_ROWS
// adds a project count
// ---------------------------------------------------------------------------------------------

std::vector<std::int64_t> project_sizes() {
    std::vector<std::int64_t> sizes{smoke_projects, big_projects};
    if (const char* env = std::getenv("PARKINVEST_BENCH_ROWS"); env != nullptr && *env != '\0') {
        char* end = nullptr;
        const long long n = std::strtoll(env, &end, 10);
        if (end == env || *end != '\0' || n <= 0) {
            std::fprintf(stderr, "parkinvest_io_bench: PARKINVEST_BENCH_ROWS must be a positive integer, not '%s'\n", env);
            std::exit(2);
        }
        if (std::find(sizes.begin(), sizes.end(), n) == sizes.end()) sizes.push_back(n);
    }
    return sizes;
}

int register_all() {
    using Fn = void (*)(benchmark::State&);
    const std::pair<const char*, Fn> all[] = {
        {"BM_Save_Binary", BM_Save_Binary},
        {"BM_Save_PortableBinary", BM_Save_PortableBinary},
        {"BM_Save_Json", BM_Save_Json},
        {"BM_HandWrite", BM_HandWrite},
        {"BM_Load_Binary", BM_Load_Binary},
        {"BM_Load_PortableBinary", BM_Load_PortableBinary},
        {"BM_Load_Json", BM_Load_Json},
        {"BM_Load_JsonLines", BM_Load_JsonLines},
        {"BM_ParseJsonLines", BM_ParseJsonLines},
        {"BM_Snapshot_FirstAnswer", BM_Snapshot_FirstAnswer},
        {"BM_HandColumns_FirstAnswer", BM_HandColumns_FirstAnswer},
        {"BM_Memcpy", BM_Memcpy},
        {"BM_HandRead", BM_HandRead},
        {"BM_Insert_Dataset", BM_Insert_Dataset},
        {"BM_CopyProjects", BM_CopyProjects},
        {"BM_IndexIds", BM_IndexIds},
    };
    for (const std::int64_t n : project_sizes())
        for (const auto& [name, fn] : all) benchmark::RegisterBenchmark(name, fn)->Arg(n)->Unit(benchmark::kMillisecond);
    return 0;
}
[[maybe_unused]] const int registered = register_all();

}  // namespace
