// SPDX-License-Identifier: MIT
// Google Benchmark suite for the data model (parkinvest::Dataset). Every library benchmark has a
// plain-container baseline in this same binary; compare the pairs:
//
//   BM_Insert_Dataset/N      vs BM_Insert_Baseline/N       validated Dataset::insert(Batch) of N
//                                                          projects vs push_back into a
//                                                          std::vector<Project> plus an
//                                                          std::unordered_map<ProjectId, size_t>
//                                                          (no validation); items_per_second
//   BM_Find_Dataset/N        vs BM_Find_UnorderedMap/N,    Dataset::find(ProjectId) over random
//                               BM_Find_VectorIndex/N      ids vs the same lookup in the map, and
//                                                          in a dense id → position vector
//   BM_Memory_Project/N                                    heap bytes per project of a Dataset of
//                                                          N typical projects (counters), with
//                                                          sizeof(Project) and a plain vector
//
// The data come from parkinvest::samples::synthetic_batch (deterministic, integer-only). The
// global operator new/delete of this binary are replaced by counting versions (see below); the
// counting costs one add per allocation in every benchmark alike.
#include <parkinvest/samples/synthetic.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <new>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>  // malloc_usable_size
#endif

// ---------------------------------------------------------------------------------------------
// Counting allocator: bytes allocated and freed by operator new/delete in this program. With
// glibc the count is malloc_usable_size (what the allocator really handed out, without its
// chunk header); elsewhere a 16-byte prefix records the requested size. Single-threaded
// benchmarks only, so plain counters.
// ---------------------------------------------------------------------------------------------
namespace {
struct HeapCounters {
    std::uint64_t allocated = 0;
    std::uint64_t freed = 0;
    std::uint64_t allocations = 0;
    [[nodiscard]] std::int64_t live() const { return static_cast<std::int64_t>(allocated - freed); }
};
HeapCounters heap;

#if defined(__GLIBC__)
void* counted_alloc(std::size_t n) {
    void* p = std::malloc(n == 0 ? 1 : n);
    if (p == nullptr) throw std::bad_alloc();
    heap.allocated += malloc_usable_size(p);
    ++heap.allocations;
    return p;
}
void counted_free(void* p) noexcept {
    if (p == nullptr) return;
    heap.freed += malloc_usable_size(p);
    std::free(p);
}
#else
constexpr std::size_t prefix = 16;
void* counted_alloc(std::size_t n) {
    auto* p = static_cast<unsigned char*>(std::malloc(n + prefix));
    if (p == nullptr) throw std::bad_alloc();
    *reinterpret_cast<std::size_t*>(p) = n;
    heap.allocated += n;
    ++heap.allocations;
    return p + prefix;
}
void counted_free(void* q) noexcept {
    if (q == nullptr) return;
    auto* p = static_cast<unsigned char*>(q) - prefix;
    heap.freed += *reinterpret_cast<std::size_t*>(p);
    std::free(p);
}
#endif
}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

namespace {

using namespace parkinvest;
using parkinvest::samples::SyntheticOptions;

constexpr std::uint64_t seed = 0x5041524B494E5645ULL;  // "PARKINVE"
constexpr std::int64_t smoke_n = 10'000;
constexpr std::int64_t big_n = 1'000'000;
constexpr std::int64_t mid_n = 100'000;
constexpr std::size_t lookups_per_iteration = 4096;

std::size_t size_arg(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

// ---------------------------------------------------------------------------------------------
// Test data, built once per size and kept (generating a million projects takes seconds).
// ---------------------------------------------------------------------------------------------

struct Fixture {
    Batch base;                     ///< everything but the projects (parks, enterprises ...)
    std::vector<Project> projects;  ///< n synthetic projects referring to `base`
    Dataset base_dataset;           ///< `base`, inserted
};

const Fixture& fixture(std::size_t n) {
    static std::map<std::size_t, Fixture> cache;
    auto it = cache.find(n);
    if (it == cache.end()) {
        SyntheticOptions o;
        o.seed = seed;
        o.parks = 100;
        o.sub_parks_per_park = 2;
        o.enterprises = 10'000;
        o.projects = n;
        o.loans = 0;
        o.waste_facilities = 0;
        Batch b = samples::synthetic_batch(o);
        Fixture f;
        f.projects = std::move(b.projects);
        b.projects.clear();
        f.base = std::move(b);
        f.base_dataset.insert(f.base);
        it = cache.emplace(n, std::move(f)).first;
    }
    return it->second;
}

/// A Dataset holding the fixture's base and its n projects (for lookups), built once per size.
const Dataset& full_dataset(std::size_t n) {
    static std::map<std::size_t, Dataset> cache;
    auto it = cache.find(n);
    if (it == cache.end()) {
        const Fixture& f = fixture(n);
        Dataset ds = f.base_dataset;
        Batch b;
        b.projects = f.projects;
        ds.insert(std::move(b));
        it = cache.emplace(n, std::move(ds)).first;
    }
    return it->second;
}

/// Uniform in [0, n) without std:: distributions (portable, integer-only).
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;
    for (;;)
        if (const std::uint64_t x = rng(); x >= threshold) return x % n;
}

/// Ids of existing projects, in random order.
std::vector<ProjectId> random_ids(std::size_t n) {
    std::mt19937_64 rng(seed ^ n);
    std::vector<ProjectId> ids(lookups_per_iteration);
    for (ProjectId& id : ids) id = ProjectId(below(rng, n) + 1);
    return ids;
}

// ---------------------------------------------------------------------------------------------
// 1. Validated insert vs push_back into a vector plus a hash index
// ---------------------------------------------------------------------------------------------

void BM_Insert_Dataset(benchmark::State& state) {
    const Fixture& f = fixture(size_arg(state));
    std::optional<Dataset> ds;
    for (auto _ : state) {
        state.PauseTiming();
        ds.reset();  // the previous iteration's (1M projects take a while to free)
        ds.emplace(f.base_dataset);
        Batch b;
        b.projects = f.projects;
        state.ResumeTiming();
        ds->insert(std::move(b));  // validates, then moves the records in; frees the moved-from batch
        benchmark::ClobberMemory();
    }
    // After the loop the timer has stopped: checks and clean-up are not measured.
    if (ds->projects().size() != f.projects.size() || ds->projects().back() != f.projects.back())
        state.SkipWithError("Dataset::insert did not keep the projects");
    ds.reset();
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.projects.size()));
}

void BM_Insert_Baseline(benchmark::State& state) {
    const Fixture& f = fixture(size_arg(state));
    std::optional<std::vector<Project>> rows;
    std::optional<std::unordered_map<ProjectId, std::size_t>> index;
    for (auto _ : state) {
        state.PauseTiming();
        rows.reset();
        index.reset();
        std::vector<Project> src = f.projects;
        rows.emplace();
        index.emplace();
        state.ResumeTiming();
        rows->reserve(src.size());  // Dataset::insert reserves too
        index->reserve(src.size());
        for (Project& p : src) {
            index->emplace(p.id, rows->size());
            rows->push_back(std::move(p));
        }
        { const std::vector<Project> moved_from = std::move(src); }  // freed inside the timing, as in insert
        benchmark::DoNotOptimize(rows->data());
        benchmark::ClobberMemory();
    }
    if (rows->size() != f.projects.size() || rows->back() != f.projects.back() || index->size() != rows->size())
        state.SkipWithError("baseline did not keep the projects");
    rows.reset();
    index.reset();
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.projects.size()));
}

// ---------------------------------------------------------------------------------------------
// 2. Lookup by id: Dataset::find vs std::unordered_map vs a dense id → position vector.
//    Each lookup reads the found record's park id, so all three touch the record.
// ---------------------------------------------------------------------------------------------

void report_lookups(benchmark::State& state) {
    const auto n = state.iterations() * static_cast<std::int64_t>(lookups_per_iteration);
    state.SetItemsProcessed(n);
    // Seconds per lookup (printed with an SI prefix: "6.8n" is 6.8 ns).
    state.counters["time_per_lookup"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Find_Dataset(benchmark::State& state) {
    const std::size_t n = size_arg(state);
    const Dataset& ds = full_dataset(n);
    const std::vector<ProjectId> ids = random_ids(n);
    std::uint64_t sum = 0;
    for (auto _ : state) {
        for (ProjectId id : ids) {
            const Project* p = ds.find(id);
            sum += p->park.value();
        }
        benchmark::DoNotOptimize(sum);
    }
    report_lookups(state);
}

void BM_Find_UnorderedMap(benchmark::State& state) {
    const std::size_t n = size_arg(state);
    const Dataset& ds = full_dataset(n);
    const std::span<const Project> rows = ds.projects();
    std::unordered_map<ProjectId, std::size_t> index;
    index.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) index.emplace(rows[i].id, i);
    const std::vector<ProjectId> ids = random_ids(n);
    std::uint64_t sum = 0;
    for (auto _ : state) {
        for (ProjectId id : ids) {
            const auto it = index.find(id);
            const Project* p = it == index.end() ? nullptr : &rows[it->second];
            sum += p->park.value();
        }
        benchmark::DoNotOptimize(sum);
    }
    report_lookups(state);
}

void BM_Find_VectorIndex(benchmark::State& state) {
    const std::size_t n = size_arg(state);
    const Dataset& ds = full_dataset(n);
    const std::span<const Project> rows = ds.projects();
    // Ids are dense (1..n): position of id k at k - 1; UINT32_MAX marks a hole.
    std::vector<std::uint32_t> position(rows.size() + 1, UINT32_MAX);
    for (std::size_t i = 0; i < rows.size(); ++i) position[rows[i].id.value()] = static_cast<std::uint32_t>(i);
    const std::vector<ProjectId> ids = random_ids(n);
    std::uint64_t sum = 0;
    for (auto _ : state) {
        for (ProjectId id : ids) {
            const std::uint64_t k = id.value();
            const Project* p = k < position.size() && position[k] != UINT32_MAX ? &rows[position[k]] : nullptr;
            sum += p->park.value();
        }
        benchmark::DoNotOptimize(sum);
    }
    report_lookups(state);
}

// ---------------------------------------------------------------------------------------------
// 3. Memory per project
// ---------------------------------------------------------------------------------------------

/// A typical project: 3 stages, 1 investor, 1 industry, contract and planned investment, a
/// short Chinese name (12-13 characters, 37-40 bytes of UTF-8) and 1 citation.
Project typical_project(std::size_t i, const Fixture& f) {
    const Enterprise& investor = f.base.enterprises[i % f.base.enterprises.size()];
    Project p;
    p.id = ProjectId(i + 1);
    p.name.zh = "年产" + std::to_string(10 + i % 90) + "万套汽车零部件项目";
    p.park = *investor.park;
    p.investors.push_back(Investor{investor.id, InvestorRole::lead});
    p.industries.push_back(investor.industries.front());
    p.nature = ProjectNature::new_build;
    p.contract_investment = ReportedAmount{Money::of(std::int64_t{120'000'000}), Bound::exact, false};
    p.planned_investment = ReportedAmount{Money::of(std::int64_t{150'000'000}), Bound::about, false};
    p.stages.push_back(StageEvent{Stage::contracted, ReportedDate::day(2020, 3, 18)});
    p.stages.push_back(StageEvent{Stage::started, ReportedDate::month(2020, 7)});
    p.stages.push_back(StageEvent{Stage::completed, ReportedDate::day(2021, 9, 30)});
    p.sources.push_back(Citation{f.base.sources.front().id, std::string()});
    return p;
}

void BM_Memory_Project(benchmark::State& state) {
    const std::size_t n = size_arg(state);
    const Fixture& f = fixture(static_cast<std::size_t>(smoke_n));  // parks, enterprises, sources
    double dataset_bytes = 0, vector_bytes = 0, allocations = 0;
    for (auto _ : state) {
        // Records alone: a vector of exactly n projects.
        const std::int64_t before_vector = heap.live();
        const std::uint64_t allocations_before = heap.allocations;
        {
            std::vector<Project> v;
            v.reserve(n);
            for (std::size_t i = 0; i < n; ++i) v.push_back(typical_project(i, f));
            vector_bytes = static_cast<double>(heap.live() - before_vector) / static_cast<double>(n);
            allocations = static_cast<double>(heap.allocations - allocations_before) / static_cast<double>(n);
            benchmark::DoNotOptimize(v.data());
        }
        // A Dataset: the base first (not counted), then the projects; the batch is gone after insert.
        Dataset ds = f.base_dataset;
        const std::int64_t before_dataset = heap.live();
        {
            Batch b;
            b.projects.reserve(n);
            for (std::size_t i = 0; i < n; ++i) b.projects.push_back(typical_project(i, f));
            ds.insert(std::move(b));
        }
        dataset_bytes = static_cast<double>(heap.live() - before_dataset) / static_cast<double>(n);
        benchmark::DoNotOptimize(&ds);
        if (ds.projects().size() != n) state.SkipWithError("projects missing");
    }
    state.counters["bytes_per_project_dataset"] = dataset_bytes;
    state.counters["bytes_per_project_vector"] = vector_bytes;
    state.counters["heap_bytes_per_project"] = vector_bytes - static_cast<double>(sizeof(Project));
    state.counters["index_bytes_per_project"] = dataset_bytes - vector_bytes;
    state.counters["allocations_per_project"] = allocations;
    state.counters["sizeof_Project"] = static_cast<double>(sizeof(Project));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

BENCHMARK(BM_Insert_Dataset)->Arg(smoke_n)->Arg(big_n)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Insert_Baseline)->Arg(smoke_n)->Arg(big_n)->Unit(benchmark::kMillisecond);

BENCHMARK(BM_Find_Dataset)->Arg(smoke_n)->Arg(mid_n)->Arg(big_n);
BENCHMARK(BM_Find_UnorderedMap)->Arg(smoke_n)->Arg(mid_n)->Arg(big_n);
BENCHMARK(BM_Find_VectorIndex)->Arg(smoke_n)->Arg(mid_n)->Arg(big_n);

BENCHMARK(BM_Memory_Project)->Arg(smoke_n)->Arg(mid_n)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
