// SPDX-License-Identifier: MIT
// Google Benchmark suite for the query engine (parkinvest::query). Every library benchmark has
// baselines in this same binary; compare items_per_second (rows scanned per second) of:
//
//   BM_GroupByPark_Query/N       filter + group by park + count() + sum(contract_investment)
//                                with the library: from(ds, ds.projects()).where(reached(签约 by
//                                2020-06-30) && amount_at_least(contract_investment, 1000万元))
//                                .group_by(by_park()).aggregate(count(), sum(...))
//   BM_GroupByPark_HandLoop/N    the same over the same std::span<const Project>, hand-written:
//                                Project::reached, the same bound rule as amount_at_least, a
//                                std::vector indexed by park id of {int64 count, __int128 sum}
//                                                                 target: Query within 1.5x
//   BM_GroupByPark_MemoryScan/N  sums the contract amount units of every project record
//                                (no filter, no groups)
//   BM_GroupByPark_HandLoopColumns/N  the same query by hand over ds.project_columns(), the
//                                columns the library scans for a query over all of ds.projects()
//                                                                 target: Query within 1.5x
//   BM_GroupByPark_MemoryScanColumns/N  the floor: sums the contract amount column (16 bytes a row)
//   BM_Subset_AllButLast_Query/N the same query over ds.projects().first(N - 1): a part of the
//                                projects, scanned as column rows too
//   BM_Subset_AllButLast_HandLoopColumns/N  the hand loop over the same N - 1 column rows
//                                                                 target: Query within 1.5x
//   BM_Subset_Ids_Query/N        the same query over from(ds, ids) with every 100th project's id
//                                (1% of the rows), the id lookups included
//   BM_Subset_Ids_HandLoopColumns/N  the hand loop over the same rows, their row numbers given
//                                                                 target: Query within 1.5x
//   BM_GroupByPark_SQLite/N      the same query in SQLite (in-memory, prepared, all rows
//                                stepped): projects(park, reached_date, bound, amount in 分),
//                                loaded outside timing              target: Query >= 10x faster
//   BM_TopParks_Query/N          group by park + sum, then Table::top(10, "sum")
//   BM_TopParks_HandLoop/N       vector by park id + std::partial_sort
//   BM_Growth_Query/N            growth(contract_investment, 签约, 2020 vs 2019) grouped by
//                                by_industry(0) (GB/T 4754 门类)
//   BM_Growth_HandLoop/N         the same, with an industry → 门类 table built outside timing
//   BM_Outstanding_Query/L       outstanding_as_of(2020-06-30) over L loans × 12 snapshots,
//                                grouped by park
//   BM_Outstanding_HandLoop/L    the same upper_bound per loan, a vector by park id, an
//                                enterprise → park table built outside timing
//
// Sizes: N = 1,000,000 projects and L = 833,334 loans (10,000,008 snapshots); 10,000 projects
// and 1,000 loans for the smoke test. Set PARKINVEST_BENCH_ROWS to add a project count, e.g.
//
//   PARKINVEST_BENCH_ROWS=10000000 build/benchmarks/parkinvest_query_bench
//       --benchmark_filter=/10000000 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// (10M projects: about 7 GB of RAM and a minute or two to generate, insert and load into SQLite).
//
// The data come from parkinvest::samples::synthetic_dataset (deterministic; 340 zones with 2
// sub-parks each: 1,020 parks), built once per size outside timing. Before timing, each library
// result is checked against its baseline (every group's count and exact sum); a mismatch prints
// both and exits with status 1.
#include <parkinvest/query/query.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <benchmark/benchmark.h>

#if PARKINVEST_QUERY_BENCH_SQLITE
#include <sqlite3.h>
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace {

using namespace parkinvest;
namespace q = parkinvest::query;
__extension__ using i128 = __int128;  // __extension__ keeps -Wpedantic quiet

constexpr std::uint64_t seed = 0x5041524B494E5645ULL;  // "PARKINVE"
constexpr std::int64_t smoke_projects = 10'000;
constexpr std::int64_t big_projects = 1'000'000;
constexpr std::int64_t smoke_loans = 1'000;
constexpr std::int64_t big_loans = 833'334;  // × 12 snapshots = 10,000,008

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "parkinvest_query_bench: RESULT MISMATCH: %s\n", what.c_str());
    std::fflush(stderr);
    std::exit(1);
}

std::string to_string(i128 v) {
    if (v == 0) return "0";
    const bool neg = v < 0;
    std::string s;
    __extension__ using u128 = unsigned __int128;
    auto u = static_cast<u128>(neg ? -v : v);
    while (u != 0) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    return neg ? "-" + s : s;
}

// ---------------------------------------------------------------------------------------------
// The query parameters (shared by the library, the hand loops and SQLite)
// ---------------------------------------------------------------------------------------------

const Date as_of_day = make_date(2020, 6, 30);
const Money threshold = Money::of(10'000'000);  // 1000万元
constexpr Stage filter_stage = Stage::contracted;
const Period growth_period = Period::year(2020);

// ---------------------------------------------------------------------------------------------
// Data, built once per size and kept for the whole process
// ---------------------------------------------------------------------------------------------

samples::SyntheticOptions options() {
    samples::SyntheticOptions o;
    o.seed = seed;
    o.parks = 340;
    o.sub_parks_per_park = 2;
    o.enterprises = 20'000;
    o.projects = 0;
    o.loans = 0;
    o.waste_facilities = 0;
    return o;
}

const Dataset& projects_dataset(std::size_t n) {
    static std::map<std::size_t, std::unique_ptr<Dataset>> cache;
    auto& slot = cache[n];
    if (!slot) {
        auto o = options();
        o.projects = n;
        slot = std::make_unique<Dataset>(samples::synthetic_dataset(o));
    }
    return *slot;
}

const Dataset& loans_dataset(std::size_t n) {
    static std::map<std::size_t, std::unique_ptr<Dataset>> cache;
    auto& slot = cache[n];
    if (!slot) {
        auto o = options();
        o.loans = n;
        o.snapshots_per_loan = 12;
        slot = std::make_unique<Dataset>(samples::synthetic_dataset(o));
    }
    return *slot;
}

std::size_t park_slots(const Dataset& ds) {
    std::uint64_t m = 0;
    for (const Park& p : ds.parks()) m = std::max(m, p.id.value());
    return static_cast<std::size_t>(m + 1);
}

std::string park_name(const Dataset& ds, std::uint64_t id) { return ds.get(ParkId{id}).name.zh; }

/// Per-group result of a baseline, in group-key order.
struct GroupRow {
    std::uint64_t key = 0;
    std::int64_t count = 0;
    std::optional<i128> sum;  ///< in 1/10,000 units; empty when the group had no amount
};

/// Compares the library's table (key label, [count,] sum — after `skip` leading columns, e.g.
/// top()'s rank) with a baseline.
void check_table(const q::Table& t, const std::vector<GroupRow>& expected, bool has_count,
                 const std::string& what, const auto& label_of, std::size_t skip = 0) {
    if (t.size() != expected.size())
        fail(what + ": " + std::to_string(t.size()) + " groups from the library, " + std::to_string(expected.size()) +
             " from the baseline");
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& row = t.rows()[i];
        const GroupRow& e = expected[i];
        const auto* label = std::get_if<q::Label>(&row[skip]);
        if (label == nullptr || label->zh != label_of(e.key)) fail(what + ": group " + std::to_string(i) + " label differs");
        std::size_t c = skip + 1;
        if (has_count) {
            const auto* n = std::get_if<std::int64_t>(&row[c++]);
            if (n == nullptr || *n != e.count)
                fail(what + ": group " + label->zh + " count " + (n ? std::to_string(*n) : "(none)") + " vs " +
                     std::to_string(e.count));
        }
        const auto* s = std::get_if<ReportedAmount>(&row[c]);
        if (!e.sum) {
            if (s != nullptr) fail(what + ": group " + label->zh + " has a sum, the baseline none");
            continue;
        }
        if (s == nullptr || s->value.units() != *e.sum || s->value.currency() != Currency::CNY)
            fail(what + ": group " + label->zh + " sum " + (s ? to_string(s->value.units()) : "(none)") + " vs " +
                 to_string(*e.sum));
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Filter + group by park + count + sum
// ---------------------------------------------------------------------------------------------

q::Table library_group_by_park(const Dataset& ds) {
    return q::from(ds, ds.projects())
        .where(q::reached(filter_stage, as_of_day) && q::amount_at_least(&Project::contract_investment, threshold))
        .group_by(q::by_park())
        .aggregate(q::count(), q::sum(&Project::contract_investment));
}

struct Group {
    std::int64_t count = 0;
    i128 sum = 0;
};

/// The filter of amount_at_least by hand: a CNY amount whose bound is not an upper bound, >= 1000万.
inline bool amount_ok(const std::optional<ReportedAmount>& a, i128 threshold_units) {
    return a && a->value.currency() == Currency::CNY && a->bound != Bound::at_most && a->bound != Bound::less_than &&
           a->value.units() >= threshold_units;
}

void hand_group_by_park(std::span<const Project> projects, std::vector<Group>& groups) {
    const i128 th = threshold.units();
    for (const Project& p : projects) {
        if (!p.reached(filter_stage, as_of_day)) continue;
        if (!amount_ok(p.contract_investment, th)) continue;
        Group& g = groups[static_cast<std::size_t>(p.park.value())];
        ++g.count;
        g.sum += p.contract_investment->value.units();
    }
}

std::vector<GroupRow> rows_of(const std::vector<Group>& groups) {
    std::vector<GroupRow> out;
    for (std::size_t k = 0; k < groups.size(); ++k)
        if (groups[k].count != 0) out.push_back({k, groups[k].count, groups[k].sum});
    return out;
}

const std::vector<GroupRow>& hand_reference(const Dataset& ds) {
    static std::map<const Dataset*, std::vector<GroupRow>> cache;
    auto it = cache.find(&ds);
    if (it == cache.end()) {
        std::vector<Group> groups(park_slots(ds));
        hand_group_by_park(ds.projects(), groups);
        it = cache.emplace(&ds, rows_of(groups)).first;
    }
    return it->second;
}

void BM_GroupByPark_Query(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    check_table(library_group_by_park(ds), hand_reference(ds), true, "group by park",
                [&](std::uint64_t k) { return park_name(ds, k); });
    for (auto _ : state) {
        q::Table t = library_group_by_park(ds);
        benchmark::DoNotOptimize(t);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
    state.counters["groups"] = static_cast<double>(hand_reference(ds).size());
}

void BM_GroupByPark_HandLoop(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const std::size_t slots = park_slots(ds);
    {
        std::vector<Group> groups(slots);
        hand_group_by_park(ds.projects(), groups);
        benchmark::DoNotOptimize(groups.data());
    }
    for (auto _ : state) {
        std::vector<Group> groups(slots);
        hand_group_by_park(ds.projects(), groups);
        benchmark::DoNotOptimize(groups.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
}

void BM_GroupByPark_MemoryScan(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        i128 s = 0;
        for (const Project& p : ds.projects())
            if (p.contract_investment) s += p.contract_investment->value.units();
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
    state.counters["bytes_per_row"] = static_cast<double>(sizeof(Project));
}

/// The hand loop over the columns for the rows at(0) ... at(n - 1).
template <class At>
void hand_group_by_park_rows(const ProjectColumns& c, std::vector<Group>& groups, std::size_t n, const At& at) {
    const std::size_t k = ProjectColumns::amount_index(&Project::contract_investment);
    const std::int32_t* reached = c.reached_by(filter_stage).data();
    const std::uint8_t* meta = c.amount_meta(k).data();
    const Money* amount = c.amount(k).data();
    const std::uint64_t* park = c.park().data();
    const auto day = static_cast<std::int32_t>(as_of_day.day_number());
    const i128 th = threshold.units();
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t i = at(j);
        if (reached[i] > day) continue;
        const std::uint8_t m = meta[i];
        if (!ProjectColumns::present(m)) continue;
        const Bound b = ProjectColumns::bound(m);
        if (b == Bound::at_most || b == Bound::less_than) continue;
        if (amount[i].currency() != Currency::CNY || amount[i].units() < th) continue;
        Group& g = groups[static_cast<std::size_t>(park[i])];
        ++g.count;
        g.sum += amount[i].units();
    }
}

/// The same query by hand over the Dataset's columns (ds.project_columns()), the layout the
/// library scans: the fairest "hand-written loop over the same data".
void hand_group_by_park_columns(const ProjectColumns& c, std::vector<Group>& groups) {
    hand_group_by_park_rows(c, groups, c.size(), [](std::size_t i) { return i; });
}

void BM_GroupByPark_HandLoopColumns(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const std::size_t slots = park_slots(ds);
    {
        std::vector<Group> groups(slots);
        hand_group_by_park_columns(ds.project_columns(), groups);
        if (rows_of(groups).size() != hand_reference(ds).size()) fail("hand loop over columns: group count");
        for (const GroupRow& r : hand_reference(ds))
            if (groups[r.key].count != r.count || groups[r.key].sum != *r.sum) fail("hand loop over columns: park " + std::to_string(r.key));
    }
    for (auto _ : state) {
        std::vector<Group> groups(slots);
        hand_group_by_park_columns(ds.project_columns(), groups);
        benchmark::DoNotOptimize(groups.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
}

void BM_GroupByPark_MemoryScanColumns(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const std::vector<Money>& amount = ds.project_columns().amount(0);
    for (auto _ : state) {
        i128 s = 0;
        for (const Money& m : amount) s += m.units();
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
    state.counters["bytes_per_row"] = static_cast<double>(sizeof(Money));
}

// ---------------------------------------------------------------------------------------------
// 1b. The same query over part of the projects: all but the last (a subspan of ds.projects())
//     and a list of ids (every 100th project: 1% of the rows), against the hand loop over the
//     same column rows (for the ids, given their row numbers: the hand loop does no lookups)
// ---------------------------------------------------------------------------------------------

/// Every 100th project's id, and its row.
struct IdSample {
    std::vector<ProjectId> ids;
    std::vector<std::uint32_t> rows;
};
const IdSample& id_sample(const Dataset& ds) {
    static std::map<const Dataset*, IdSample> cache;
    auto it = cache.find(&ds);
    if (it == cache.end()) {
        IdSample s;
        for (std::size_t i = 0; i < ds.projects().size(); i += 100) {
            s.ids.push_back(ds.projects()[i].id);
            s.rows.push_back(static_cast<std::uint32_t>(i));
        }
        it = cache.emplace(&ds, std::move(s)).first;
    }
    return it->second;
}

template <class Source>
q::Table library_group_by_park_over(const Dataset& ds, Source source) {
    return q::from(ds, source)
        .where(q::reached(filter_stage, as_of_day) && q::amount_at_least(&Project::contract_investment, threshold))
        .group_by(q::by_park())
        .aggregate(q::count(), q::sum(&Project::contract_investment));
}

void BM_Subset_AllButLast_Query(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const std::span<const Project> part = ds.projects().first(ds.projects().size() - 1);
    {
        std::vector<Group> groups(park_slots(ds));
        hand_group_by_park_rows(ds.project_columns(), groups, part.size(), [](std::size_t i) { return i; });
        check_table(library_group_by_park_over(ds, part), rows_of(groups), true, "all but the last",
                    [&](std::uint64_t k) { return park_name(ds, k); });
    }
    for (auto _ : state) {
        q::Table t = library_group_by_park_over(ds, part);
        benchmark::DoNotOptimize(t);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(part.size()));
}

/// Times the hand loop over n column rows at(0) ... at(n - 1).
template <class At>
void time_hand_rows(benchmark::State& state, const Dataset& ds, std::size_t n, const At& at) {
    const std::size_t slots = park_slots(ds);
    for (auto _ : state) {
        std::vector<Group> groups(slots);
        hand_group_by_park_rows(ds.project_columns(), groups, n, at);
        benchmark::DoNotOptimize(groups.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void BM_Subset_AllButLast_HandLoopColumns(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    time_hand_rows(state, ds, ds.projects().size() - 1, [](std::size_t i) { return i; });
}

void BM_Subset_Ids_Query(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const IdSample& sample = id_sample(ds);
    const std::span<const ProjectId> ids(sample.ids);
    {
        std::vector<Group> groups(park_slots(ds));
        const std::uint32_t* rows = sample.rows.data();
        hand_group_by_park_rows(ds.project_columns(), groups, sample.rows.size(), [rows](std::size_t j) { return rows[j]; });
        check_table(library_group_by_park_over(ds, ids), rows_of(groups), true, "1% of the ids",
                    [&](std::uint64_t k) { return park_name(ds, k); });
    }
    for (auto _ : state) {
        q::Table t = library_group_by_park_over(ds, ids);
        benchmark::DoNotOptimize(t);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ids.size()));
}

void BM_Subset_Ids_HandLoopColumns(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const std::uint32_t* rows = id_sample(ds).rows.data();
    time_hand_rows(state, ds, id_sample(ds).rows.size(), [rows](std::size_t j) { return rows[j]; });
}

// ---------------------------------------------------------------------------------------------
// 2. The same query in SQLite (in-memory)
// ---------------------------------------------------------------------------------------------

#if PARKINVEST_QUERY_BENCH_SQLITE
void sqlite_check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        fail(std::string("SQLite ") + what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

/// The day from which Project::reached(s, d) holds: the earliest last day of a main-path event
/// at or past s (s is on the main path here).
std::optional<std::int64_t> reached_day(const Project& p, Stage s) {
    std::optional<std::int64_t> day;
    for (const StageEvent& e : p.stages) {
        if (!on_main_path(e.stage) || e.stage < s) continue;
        const auto d = static_cast<std::int64_t>(e.date.last().day_number());
        if (!day || d < *day) day = d;
    }
    return day;
}

struct SqliteDb {
    sqlite3* db = nullptr;
    sqlite3_stmt* select = nullptr;
    std::size_t rows = 0;
    SqliteDb() = default;
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;
    ~SqliteDb() {
        sqlite3_finalize(select);
        sqlite3_close(db);
    }
};

const SqliteDb& sqlite_db(const Dataset& ds) {
    static std::map<const Dataset*, std::unique_ptr<SqliteDb>> cache;
    auto& slot = cache[&ds];
    if (slot) return *slot;
    slot = std::make_unique<SqliteDb>();
    SqliteDb& s = *slot;
    sqlite_check(sqlite3_open(":memory:", &s.db), s.db, "open");
    sqlite_check(sqlite3_exec(s.db,
                              "CREATE TABLE projects(park INTEGER NOT NULL, reached_date INTEGER, "
                              "bound INTEGER, amount INTEGER)",
                              nullptr, nullptr, nullptr),
                 s.db, "create");
    sqlite_check(sqlite3_exec(s.db, "BEGIN", nullptr, nullptr, nullptr), s.db, "begin");
    sqlite3_stmt* insert = nullptr;
    sqlite_check(sqlite3_prepare_v2(s.db, "INSERT INTO projects VALUES (?1, ?2, ?3, ?4)", -1, &insert, nullptr), s.db,
                 "prepare insert");
    for (const Project& p : ds.projects()) {
        sqlite3_reset(insert);
        sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(p.park.value()));
        if (const auto d = reached_day(p, filter_stage)) sqlite3_bind_int64(insert, 2, *d);
        else sqlite3_bind_null(insert, 2);
        if (const auto& a = p.contract_investment) {
            if (a->value.currency() != Currency::CNY) fail("SQLite load: a project amount not in CNY");
            const i128 u = a->value.units();
            if (u % 100 != 0) fail("SQLite load: an amount that is not a whole number of 分");
            sqlite3_bind_int(insert, 3, static_cast<int>(a->bound));
            sqlite3_bind_int64(insert, 4, static_cast<sqlite3_int64>(u / 100));
        } else {
            sqlite3_bind_null(insert, 3);
            sqlite3_bind_null(insert, 4);
        }
        sqlite_check(sqlite3_step(insert), s.db, "insert");
        ++s.rows;
    }
    sqlite3_finalize(insert);
    sqlite_check(sqlite3_exec(s.db, "COMMIT", nullptr, nullptr, nullptr), s.db, "commit");
    // bound 5, 6 = Bound::at_most, Bound::less_than: an upper bound never proves >= threshold.
    static_assert(static_cast<int>(Bound::at_most) == 5 && static_cast<int>(Bound::less_than) == 6);
    sqlite_check(sqlite3_prepare_v2(s.db,
                                    "SELECT park, count(*), sum(amount) FROM projects "
                                    "WHERE reached_date <= ?1 AND amount >= ?2 AND bound < 5 "
                                    "GROUP BY park ORDER BY park",
                                    -1, &s.select, nullptr),
                 s.db, "prepare select");
    return s;
}

std::vector<GroupRow> run_sqlite(const SqliteDb& s) {
    std::vector<GroupRow> out;
    sqlite3_reset(s.select);
    sqlite3_bind_int64(s.select, 1, static_cast<sqlite3_int64>(as_of_day.day_number()));
    sqlite3_bind_int64(s.select, 2, static_cast<sqlite3_int64>(threshold.units() / 100));
    int rc;
    while ((rc = sqlite3_step(s.select)) == SQLITE_ROW) {
        out.push_back({static_cast<std::uint64_t>(sqlite3_column_int64(s.select, 0)), sqlite3_column_int64(s.select, 1),
                       i128{sqlite3_column_int64(s.select, 2)} * 100});
    }
    sqlite_check(rc, s.db, "select");
    return out;
}

void BM_GroupByPark_SQLite(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const SqliteDb& s = sqlite_db(ds);
    {
        const std::vector<GroupRow> got = run_sqlite(s);
        const std::vector<GroupRow>& want = hand_reference(ds);
        if (got.size() != want.size()) fail("SQLite: group count differs from the hand loop");
        for (std::size_t i = 0; i < got.size(); ++i)
            if (got[i].key != want[i].key || got[i].count != want[i].count || got[i].sum != want[i].sum)
                fail("SQLite: park " + std::to_string(want[i].key) + " differs from the hand loop");
    }
    for (auto _ : state) {
        std::vector<GroupRow> r = run_sqlite(s);
        benchmark::DoNotOptimize(r.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.rows));
}
#endif

// ---------------------------------------------------------------------------------------------
// 3a. Top-10 parks by contract investment
// ---------------------------------------------------------------------------------------------

q::Table library_top(const Dataset& ds) {
    return q::from(ds, ds.projects()).group_by(q::by_park()).aggregate(q::sum(&Project::contract_investment)).top(10, "sum");
}

std::vector<GroupRow> hand_top(std::span<const Project> projects, std::size_t slots) {
    struct S {
        i128 sum = 0;
        bool any = false;
    };
    std::vector<S> sums(slots);
    for (const Project& p : projects) {
        if (!p.contract_investment) continue;
        S& s = sums[static_cast<std::size_t>(p.park.value())];
        s.sum += p.contract_investment->value.units();
        s.any = true;
    }
    std::vector<std::uint32_t> order;
    for (std::uint32_t k = 0; k < slots; ++k)
        if (sums[k].any) order.push_back(k);
    const std::size_t n = std::min<std::size_t>(10, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return sums[a].sum > sums[b].sum || (sums[a].sum == sums[b].sum && a < b); });
    std::vector<GroupRow> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back({order[i], 0, sums[order[i]].sum});
    return out;
}

void BM_TopParks_Query(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    check_table(library_top(ds), hand_top(ds.projects(), park_slots(ds)), false, "top-10 parks",
                [&](std::uint64_t k) { return park_name(ds, k); }, 1);
    for (auto _ : state) {
        q::Table t = library_top(ds);
        benchmark::DoNotOptimize(t);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
}

void BM_TopParks_HandLoop(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const std::size_t slots = park_slots(ds);
    for (auto _ : state) {
        std::vector<GroupRow> r = hand_top(ds.projects(), slots);
        benchmark::DoNotOptimize(r.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
}

// ---------------------------------------------------------------------------------------------
// 3b. Year-on-year growth of contract investment by industry (门类)
// ---------------------------------------------------------------------------------------------

q::Table library_growth(const Dataset& ds) {
    return q::from(ds, ds.projects())
        .group_by(q::by_industry(0))
        .aggregate(q::count(), q::growth(&Project::contract_investment, filter_stage, growth_period));
}

/// industry id → its root (门类) id, built outside timing.
std::vector<std::uint64_t> industry_roots(const Dataset& ds) {
    std::uint64_t m = 0;
    for (const Industry& i : ds.industries()) m = std::max(m, i.id.value());
    std::vector<std::uint64_t> root(static_cast<std::size_t>(m + 1), 0);
    for (const Industry& i : ds.industries()) {
        const Industry* x = &i;
        while (x->parent) x = &ds.get(*x->parent);
        root[static_cast<std::size_t>(i.id.value())] = x->id.value();
    }
    return root;
}

struct GrowthGroup {
    std::int64_t count = 0;
    i128 now = 0, before = 0;
    bool any_now = false, any_before = false;
    // The synthetic amounts are exact, 以上 or 约 (samples/synthetic.cpp): enough to state the
    // growth as query/bounds.hpp does.
    bool lower_now = false, lower_before = false, approx = false;
};

bool event_within(const Project& p, const Period& period) {
    for (const StageEvent& e : p.stages)
        if (e.stage == filter_stage && period.contains(e.date.first()) && period.contains(e.date.last())) return true;
    return false;
}

void hand_growth(std::span<const Project> projects, const std::vector<std::uint64_t>& roots, std::vector<GrowthGroup>& groups,
                 GrowthGroup& none) {
    const Period current = growth_period;
    const Period previous = growth_period.previous_year();
    for (const Project& p : projects) {
        GrowthGroup& g = p.industries.empty() ? none : groups[static_cast<std::size_t>(roots[static_cast<std::size_t>(p.industries.front().value())])];
        ++g.count;
        const auto& a = p.contract_investment;
        if (!a) continue;
        const bool lower = a->bound == Bound::at_least;
        if (event_within(p, current)) g.now += a->value.units(), g.any_now = true, g.lower_now |= lower;
        else if (event_within(p, previous)) g.before += a->value.units(), g.any_before = true, g.lower_before |= lower;
        else continue;
        g.approx |= a->bound == Bound::about;
    }
}

void BM_Growth_Query(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const auto roots = industry_roots(ds);
    {
        std::vector<GrowthGroup> groups(roots.size());
        GrowthGroup none;
        hand_growth(ds.projects(), roots, groups, none);
        const q::Table t = library_growth(ds);
        std::size_t row = 0;
        const auto check_row = [&](const GrowthGroup& g, const std::string& label) {
            if (row >= t.size()) fail("growth: fewer groups from the library");
            const auto& r = t.rows()[row++];
            const auto* l = std::get_if<q::Label>(&r[0]);
            const auto* n = std::get_if<std::int64_t>(&r[1]);
            if (l == nullptr || l->zh != label || n == nullptr || *n != g.count) fail("growth: group " + label + " differs");
            // A lower bound now and before: undetermined; now only: at least; before only: at most.
            q::Cell want{};
            if (g.any_now && g.any_before && g.before != 0) {
                const Percent figure = Percent::growth(Money::from_units(g.now), Money::from_units(g.before));
                if (g.lower_now && g.lower_before) want = q::Undetermined{};
                else if (g.lower_now) want = q::ReportedPercent{figure, Bound::at_least, false};
                else if (g.lower_before) want = q::ReportedPercent{figure, Bound::at_most, false};
                else want = q::ReportedPercent{figure, g.approx ? Bound::about : Bound::exact, false};
            }
            if (r[2] != want) fail("growth: group " + label + " growth differs");
        };
        if (none.count != 0) check_row(none, "(无)");
        for (std::size_t k = 0; k < groups.size(); ++k)
            if (groups[k].count != 0) check_row(groups[k], ds.get(IndustryId{k}).name.zh);
        if (row != t.size()) fail("growth: more groups from the library");
        state.counters["groups"] = static_cast<double>(row);
    }
    for (auto _ : state) {
        q::Table t = library_growth(ds);
        benchmark::DoNotOptimize(t);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
}

void BM_Growth_HandLoop(benchmark::State& state) {
    const Dataset& ds = projects_dataset(static_cast<std::size_t>(state.range(0)));
    const auto roots = industry_roots(ds);
    for (auto _ : state) {
        std::vector<GrowthGroup> groups(roots.size());
        GrowthGroup none;
        hand_growth(ds.projects(), roots, groups, none);
        // The growth rate of each group, as the library reports it.
        std::vector<Percent> rates;
        for (const GrowthGroup& g : groups)
            if (g.any_now && g.any_before && g.before != 0)
                rates.push_back(Percent::growth(Money::from_units(g.now), Money::from_units(g.before)));
        benchmark::DoNotOptimize(rates.data());
        benchmark::DoNotOptimize(none);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.projects().size()));
}

// ---------------------------------------------------------------------------------------------
// 3c. Loans outstanding as of a date, by park
// ---------------------------------------------------------------------------------------------

q::Table library_outstanding(const Dataset& ds) {
    return q::from(ds, ds.loans()).group_by(q::by_park()).aggregate(q::count(), q::outstanding_as_of(as_of_day));
}

/// enterprise id → park id (0: none), built outside timing.
std::vector<std::uint64_t> enterprise_parks(const Dataset& ds) {
    std::uint64_t m = 0;
    for (const Enterprise& e : ds.enterprises()) m = std::max(m, e.id.value());
    std::vector<std::uint64_t> park(static_cast<std::size_t>(m + 1), 0);
    for (const Enterprise& e : ds.enterprises())
        if (e.park) park[static_cast<std::size_t>(e.id.value())] = e.park->value();
    return park;
}

struct LoanGroup {
    std::int64_t count = 0;
    i128 sum = 0;
    bool any = false;
};

void hand_outstanding(std::span<const Loan> loans, const std::vector<std::uint64_t>& ent_park, std::vector<LoanGroup>& groups) {
    for (const Loan& l : loans) {
        std::uint64_t park = l.park ? l.park->value() : 0;
        if (park == 0)
            for (const EnterpriseId b : l.borrowers)
                if ((park = ent_park[static_cast<std::size_t>(b.value())]) != 0) break;
        if (park == 0) continue;  // the library groups these under (none); the synthetic data has none
        LoanGroup& g = groups[static_cast<std::size_t>(park)];
        ++g.count;
        const auto it = std::upper_bound(l.snapshots.begin(), l.snapshots.end(), as_of_day,
                                         [](Date day, const LoanSnapshot& s) { return day < s.as_of; });
        if (it == l.snapshots.begin()) continue;
        g.sum += std::prev(it)->outstanding.units();
        g.any = true;
    }
}

void BM_Outstanding_Query(benchmark::State& state) {
    const Dataset& ds = loans_dataset(static_cast<std::size_t>(state.range(0)));
    {
        std::vector<LoanGroup> groups(park_slots(ds));
        hand_outstanding(ds.loans(), enterprise_parks(ds), groups);
        std::vector<GroupRow> want;
        for (std::size_t k = 0; k < groups.size(); ++k)
            if (groups[k].count != 0)
                want.push_back({k, groups[k].count, groups[k].any ? std::optional<i128>(groups[k].sum) : std::nullopt});
        check_table(library_outstanding(ds), want, true, "outstanding by park",
                    [&](std::uint64_t k) { return park_name(ds, k); });
    }
    for (auto _ : state) {
        q::Table t = library_outstanding(ds);
        benchmark::DoNotOptimize(t);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.loans().size()));
    state.counters["snapshots"] = static_cast<double>(ds.loans().size() * 12);
}

void BM_Outstanding_HandLoop(benchmark::State& state) {
    const Dataset& ds = loans_dataset(static_cast<std::size_t>(state.range(0)));
    const auto ent_park = enterprise_parks(ds);
    const std::size_t slots = park_slots(ds);
    for (auto _ : state) {
        std::vector<LoanGroup> groups(slots);
        hand_outstanding(ds.loans(), ent_park, groups);
        benchmark::DoNotOptimize(groups.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ds.loans().size()));
}

// ---------------------------------------------------------------------------------------------
// Registration: the default sizes, plus PARKINVEST_BENCH_ROWS projects when set
// ---------------------------------------------------------------------------------------------

std::vector<std::int64_t> project_sizes() {
    std::vector<std::int64_t> sizes{smoke_projects, big_projects};
    if (const char* env = std::getenv("PARKINVEST_BENCH_ROWS"); env != nullptr && *env != '\0') {
        char* end = nullptr;
        const long long n = std::strtoll(env, &end, 10);
        if (end == env || *end != '\0' || n <= 0) {
            std::fprintf(stderr, "parkinvest_query_bench: PARKINVEST_BENCH_ROWS must be a positive integer, not '%s'\n", env);
            std::exit(2);
        }
        if (std::find(sizes.begin(), sizes.end(), n) == sizes.end()) sizes.push_back(n);
    }
    return sizes;
}

int register_all() {
    using Fn = void (*)(benchmark::State&);
    const std::pair<const char*, Fn> per_project[] = {
        {"BM_GroupByPark_Query", BM_GroupByPark_Query},
        {"BM_GroupByPark_HandLoop", BM_GroupByPark_HandLoop},
        {"BM_GroupByPark_MemoryScan", BM_GroupByPark_MemoryScan},
        {"BM_GroupByPark_HandLoopColumns", BM_GroupByPark_HandLoopColumns},
        {"BM_GroupByPark_MemoryScanColumns", BM_GroupByPark_MemoryScanColumns},
        {"BM_Subset_AllButLast_Query", BM_Subset_AllButLast_Query},
        {"BM_Subset_AllButLast_HandLoopColumns", BM_Subset_AllButLast_HandLoopColumns},
        {"BM_Subset_Ids_Query", BM_Subset_Ids_Query},
        {"BM_Subset_Ids_HandLoopColumns", BM_Subset_Ids_HandLoopColumns},
#if PARKINVEST_QUERY_BENCH_SQLITE
        {"BM_GroupByPark_SQLite", BM_GroupByPark_SQLite},
#endif
        {"BM_TopParks_Query", BM_TopParks_Query},
        {"BM_TopParks_HandLoop", BM_TopParks_HandLoop},
        {"BM_Growth_Query", BM_Growth_Query},
        {"BM_Growth_HandLoop", BM_Growth_HandLoop},
    };
    for (const std::int64_t n : project_sizes())
        for (const auto& [name, fn] : per_project) benchmark::RegisterBenchmark(name, fn)->Arg(n)->Unit(benchmark::kMillisecond);
    for (const std::int64_t n : {smoke_loans, big_loans}) {
        benchmark::RegisterBenchmark("BM_Outstanding_Query", BM_Outstanding_Query)->Arg(n)->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark("BM_Outstanding_HandLoop", BM_Outstanding_HandLoop)->Arg(n)->Unit(benchmark::kMillisecond);
    }
    return 0;
}
[[maybe_unused]] const int registered = register_all();

}  // namespace
