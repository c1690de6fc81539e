// SPDX-License-Identifier: MIT
// io::Snapshot (.pks): round trips, queries over the columns against the same queries over the
// records, and hostile files (every truncation, each header field, each kind of bad column, and
// records that disagree with their columns).
#include <parkinvest/io/snapshot.hpp>
#include <parkinvest/query/query.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include "io/archive_support.hpp"
#include "support/files.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>

namespace parkinvest {
namespace {

namespace q = parkinvest::query;
using test::all_kinds;
using test::save_bytes;

Dataset synthetic(std::size_t projects, std::uint64_t seed = 7) {
    samples::SyntheticOptions o;
    o.seed = seed;
    o.parks = 12;
    o.enterprises = 200;
    o.projects = projects;
    o.loans = 30;
    o.waste_facilities = 5;
    return samples::synthetic_dataset(o);
}

std::string snapshot_of(const Dataset& d) { return save_bytes(d, io::Format::snapshot); }

std::uint64_t le64(const std::string& b, std::size_t at) {
    std::uint64_t v = 0;
    for (std::size_t i = 8; i-- > 0;) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}
void put64(std::string& b, std::size_t at, std::uint64_t v) {
    for (std::size_t i = 0; i < 8; ++i, v >>= 8) b[at + i] = static_cast<char>(v & 0xFF);
}

/// Where a snapshot's sections start (the layout of src/io/snapshot.cpp).
struct Layout {
    std::uint64_t rows, s1, s2, s3, end;
    explicit Layout(const std::string& b)
        : rows(le64(b, 16)), s1(48), s2(48 + le64(b, 24)), s3(s2 + le64(b, 32)), end(s3 + le64(b, 40)) {}
    // Section 2 arrays: park u64; per amount field meta u8, currency u8, units u128; per stage i32.
    [[nodiscard]] std::uint64_t park(std::uint64_t row) const { return s2 + 8 * row; }
    [[nodiscard]] std::uint64_t meta(std::size_t field, std::uint64_t row) const { return s2 + 8 * rows + field * 18 * rows + row; }
    [[nodiscard]] std::uint64_t currency(std::size_t field, std::uint64_t row) const { return meta(field, row) + rows; }
    [[nodiscard]] std::uint64_t units(std::size_t field, std::uint64_t row) const {
        return s2 + 8 * rows + field * 18 * rows + 2 * rows + 16 * row;
    }
    [[nodiscard]] std::uint64_t reached(Stage s, std::uint64_t row) const {
        return s2 + 8 * rows + 4 * 18 * rows + static_cast<std::uint64_t>(s) * 4 * rows + 4 * row;
    }
};

io::Snapshot open_bytes(const std::string& bytes, const io::LoadOptions& options = {}) {
    return io::Snapshot::from_bytes(bytes, options, "test");
}

/// The FormatError opening `bytes` throws (a failure when there is none).
FormatError open_error(const std::string& bytes, const io::LoadOptions& options = {}) {
    try {
        (void)open_bytes(bytes, options);
    } catch (const FormatError& e) {
        return e;
    }
    ADD_FAILURE() << "expected a FormatError";
    return FormatError(FormatProblem{});
}

/// Reads every column of the snapshot (in the order park, amounts 0-3, stages), as dataset() does.
void touch_all(const ProjectColumns& c) {
    (void)c.park();
    for (std::size_t f = 0; f < ProjectColumns::amount_fields; ++f) (void)c.amount(f);
    for (const Stage s : all_stages) (void)c.reached_by(s);
}

/// The FormatError that reading the columns of `bytes` throws; open() succeeds (it reads no column),
/// and dataset() throws the same first problem.
FormatError column_error(const std::string& bytes) {
    const io::Snapshot snap = open_bytes(bytes);
    std::optional<FormatError> first;
    try {
        touch_all(snap.project_columns());
    } catch (const FormatError& e) {
        first = e;
    }
    if (!first) {
        ADD_FAILURE() << "expected a FormatError reading the columns";
        return FormatError(FormatProblem{});
    }
    try {
        (void)open_bytes(bytes).dataset();
        ADD_FAILURE() << "dataset() accepted what the columns refuse";
    } catch (const FormatError& e) {
        EXPECT_EQ(e.problems()[0].reason, first->problems()[0].reason);
    }
    return *first;
}

void expect_columns_equal(const ProjectColumns& a, const ProjectColumns& b) {
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(a.park(), b.park());
    for (std::size_t f = 0; f < ProjectColumns::amount_fields; ++f) {
        EXPECT_EQ(a.amount_meta(f), b.amount_meta(f));
        ASSERT_EQ(a.amount(f).size(), b.amount(f).size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a.amount(f)[i], b.amount(f)[i]);
            EXPECT_EQ(a.amount(f)[i].currency(), b.amount(f)[i].currency());
        }
    }
    for (const Stage s : all_stages) EXPECT_EQ(a.reached_by(s), b.reached_by(s));
}

TEST(Snapshot, RoundTripsEveryKindOfRecord) {
    test::TempDir dir;
    for (const Dataset& d : {all_kinds(), samples::high_tech_zones_2020(), synthetic(3000), Dataset{}}) {
        const std::string bytes = snapshot_of(d);
        EXPECT_EQ(test::load_bytes(bytes, io::Format::snapshot), d);
        const auto file = dir.path() / "d.pks";
        io::save(d, file);
        EXPECT_EQ(io::format_of(file), io::Format::snapshot);
        EXPECT_EQ(test::file_bytes(file), bytes);
        EXPECT_EQ(io::load(file), d);

        const io::Snapshot snap = io::Snapshot::open(file);
        EXPECT_TRUE(snap.others().projects().empty());
        EXPECT_EQ(snap.others().parks().size(), d.parks().size());
        EXPECT_EQ(snap.others().loans().size(), d.loans().size());
        EXPECT_EQ(snap.others().statistics().size(), d.statistics().size());
        expect_columns_equal(snap.project_columns(), d.project_columns());
        EXPECT_EQ(snap.dataset(), d);
        EXPECT_EQ(snap.dataset(), d);  // each call decodes again
    }
}

TEST(Snapshot, QueriesOverTheColumnsGiveTheRecordsAnswers) {
    const Dataset d = synthetic(4000);
    const io::Snapshot snap = open_bytes(snapshot_of(d));
    const auto cols = q::from(snap.others(), snap.project_columns());
    const auto recs = q::from(d, d.projects());
    // The record path: a span of copies is scanned record by record (the reference).
    const std::vector<Project> copies(d.projects().begin(), d.projects().end());
    const auto slow = q::from(d, std::span<const Project>(copies));
    const auto contract = &Project::contract_investment;
    const auto funds = &Project::funds_in_place;
    const Date mid(2020, 6, 30);
    const ParkId zone = d.parks()[0].id;
    const std::vector<Money> bands = {Money::parse("1000万"), Money::parse("1亿"), Money::parse("10亿")};

    const auto check = [](const auto& run, const char* what) {
        const q::Table a = run(0), b = run(1), c = run(2);
        EXPECT_GT(c.size(), 0U) << what;
        EXPECT_EQ(a, c) << what;
        EXPECT_EQ(b, c) << what;
    };
    const auto pick = [&](int which, const auto& f) {
        return which == 0 ? f(cols) : which == 1 ? f(recs) : f(slow);
    };
    check([&](int w) { return pick(w, [&](const auto& s) { return s.group_by(q::by_park()).aggregate(q::count(), q::sum(contract)); }); },
          "count and sum by park");
    check([&](int w) {
        return pick(w, [&](const auto& s) {
            return s.where(q::in_park(zone)).group_by(q::by_amount_band(contract, bands)).aggregate(q::count(), q::share_of_count());
        });
    }, "bands in one zone");
    check([&](int w) {
        return pick(w, [&](const auto& s) {
            return s.where(q::reached(Stage::contracted, mid)).group_by(q::by_park()).aggregate(q::sum(funds), q::min(funds), q::max(funds));
        });
    }, "reached by a day");
    check([&](int w) {
        return pick(w, [&](const auto& s) {
            return s.where(q::amount_at_least(contract, Money::parse("1亿")) && !q::in_park(zone))
                .aggregate(q::average(contract, RoundingMode::half_even), q::share(contract));
        });
    }, "amount filter, average, share");
    check([&](int w) {
        return pick(w, [&](const auto& s) {
            return s.group_by(q::by_park(), q::by_amount_band(funds, bands)).aggregate(q::count());
        });
    }, "two keys");
    check([&](int w) {
        return pick(w, [&](const auto& s) { return s.group_by(q::by_zone()).aggregate(q::funnel(Stage::started, mid), q::count()); });
    }, "funnel by zone");
}

TEST(Snapshot, ColumnsAreReadOnceWhenThreadsQueryAtTheSameTime) {
    const Dataset d = synthetic(3000, 11);
    const io::Snapshot snap = open_bytes(snapshot_of(d));
    const auto contract = &Project::contract_investment;
    const auto run = [&](int which) {
        const auto cols = q::from(snap.others(), snap.project_columns());
        return which % 2 == 0 ? cols.group_by(q::by_park()).aggregate(q::count(), q::sum(contract))
                              : cols.where(q::reached(Stage::started, Date(2021, 1, 1))).group_by(q::by_zone()).aggregate(q::share(contract));
    };
    const q::Table even = q::from(d, d.projects()).group_by(q::by_park()).aggregate(q::count(), q::sum(contract));
    const q::Table odd = q::from(d, d.projects())
                             .where(q::reached(Stage::started, Date(2021, 1, 1)))
                             .group_by(q::by_zone())
                             .aggregate(q::share(contract));
    std::vector<q::Table> got(8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) threads.emplace_back([&, t] { got[static_cast<std::size_t>(t)] = run(t); });
    for (std::thread& t : threads) t.join();
    for (int t = 0; t < 8; ++t) EXPECT_EQ(got[static_cast<std::size_t>(t)], t % 2 == 0 ? even : odd) << t;
    // The columns stay readable after the Snapshot object is gone (they share the open file).
    const ProjectColumns kept = io::Snapshot(open_bytes(snapshot_of(d))).project_columns();
    expect_columns_equal(kept, d.project_columns());
}

TEST(Snapshot, AFilterOrKeyWithoutAColumnFormIsAQueryErrorOverColumns) {
    const Dataset d = synthetic(50);
    const io::Snapshot snap = open_bytes(snapshot_of(d));
    const auto cols = q::from(snap.others(), snap.project_columns());
    const auto expect_error = [](const auto& run, const std::string& what) {
        try {
            (void)run();
            ADD_FAILURE() << "no error for " << what;
        } catch (const q::RecordsNeededError& e) {
            EXPECT_NE(std::string(e.what()).find(what + " of it has no column form"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("io::Snapshot::dataset()"), std::string::npos) << e.what();
        }
    };
    const Date day(2020, 6, 30);
    expect_error([&] { return cols.group_by(q::by_stage(day)).aggregate(q::count()); }, "a group_by key");
    expect_error([&] { return cols.where(q::matching([](const Project& p) { return p.id.value() % 2 == 0; })).aggregate(q::count()); },
                 "a filter");
    expect_error([&] { return cols.aggregate(q::distinct_count([](const Project& p) { return p.park.value(); })); }, "an aggregate");
    q::Conversion usd;
    usd.rates.emplace_back(Currency::USD, Currency::CNY, Decimal<ExchangeRate::scale>::parse("7.0795"));
    expect_error([&] { return cols.aggregate(q::sum(&Project::contract_investment).converted(usd)); },
                 "an aggregate with a currency conversion");
    // The same over the records works.
    const Dataset all = snap.dataset();
    EXPECT_GT(q::from(all, all.projects()).group_by(q::by_stage(day)).aggregate(q::count()).size(), 1U);
}

// ---- hostile files

TEST(Snapshot, EveryTruncationIsAFormatErrorNamingTheInput) {
    const std::string bytes = snapshot_of(all_kinds());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        const FormatError e = test::load_error(bytes.substr(0, n), io::Format::snapshot);
        ASSERT_FALSE(e.problems().empty());
        EXPECT_EQ(e.problems()[0].input, "test") << n;
        if (e.problems()[0].byte) {
            EXPECT_LE(*e.problems()[0].byte, n) << n;
        }
    }
}

TEST(Snapshot, HeaderFieldsAreChecked) {
    const std::string good = snapshot_of(all_kinds());
    const Layout at(good);
    ASSERT_EQ(at.end, good.size());
    const auto expect = [](const FormatError& e, std::uint64_t byte, const std::string& words) {
        ASSERT_EQ(e.problems().size(), 1U);
        EXPECT_EQ(e.problems()[0].byte, std::optional<std::uint64_t>(byte)) << e.what();
        EXPECT_NE(e.problems()[0].reason.find(words), std::string::npos) << e.what();
    };
    expect(open_error(test::replaced(good, "PKVSNAP", "PKVSNAQ")), 0, "not a parkinvest snapshot");
    expect(open_error(save_bytes(all_kinds(), io::Format::portable_binary)), 0, "not a parkinvest snapshot");
    std::string b = good;
    b[8] = 2;
    expect(open_error(b), 8, "snapshot version 2");
    b = good;
    b[13] = 1;
    expect(open_error(b), 12, "reserved");
    b = good;
    put64(b, 24, std::uint64_t{1} << 63);  // section 1 longer than the file
    expect(open_error(b), 24, "only " + std::to_string(good.size() - 48) + " bytes follow");
    b = good;
    put64(b, 40, le64(good, 40) + 1);
    expect(open_error(b), 40, "section 3");
    b = good + "x";
    expect(open_error(b), good.size(), "1 bytes after the last section");
    b = good;
    put64(b, 16, at.rows + 1);  // the columns' length no longer fits the rows
    expect(open_error(b), 32, "the columns of 3 projects take 336 bytes, not 224");
    io::LoadOptions one;
    one.max_records = 1;
    expect(open_error(good, one), 16, "2 projects, more than the limit of 1");
    one = {};
    one.max_input_bytes = good.size() - 1;
    EXPECT_NE(open_error(good, one).problems()[0].reason.find("max_input_bytes"), std::string::npos);
}

TEST(Snapshot, BadColumnsAreFormatErrorsAtTheirPlace) {
    const Dataset d = all_kinds();
    const std::string good = snapshot_of(d);
    const Layout at(good);
    ASSERT_EQ(at.rows, 2U);
    const auto error_of = [&](const auto& edit) {
        std::string b = good;
        edit(b);
        return column_error(b);
    };
    // A park the file does not have: at the row's park id.
    FormatError e = error_of([&](std::string& b) { put64(b, at.park(1), 999); });
    EXPECT_EQ(e.problems()[0].byte, std::optional<std::uint64_t>(at.park(1)));
    EXPECT_NE(e.problems()[0].reason.find("project row 1: park 999 is not among the file's parks"), std::string::npos) << e.what();
    e = error_of([&](std::string& b) { put64(b, at.park(0), 0); });
    EXPECT_NE(e.problems()[0].reason.find("park 0"), std::string::npos) << e.what();
    // Not a currency.
    e = error_of([&](std::string& b) { b[at.currency(0, 0)] = 7; });
    EXPECT_EQ(e.problems()[0].byte, std::optional<std::uint64_t>(at.currency(0, 0)));
    EXPECT_NE(e.problems()[0].reason.find("currency byte 7"), std::string::npos);
    // Beyond Money's range (2^119 units and more).
    e = error_of([&](std::string& b) { put64(b, at.units(0, 0) + 8, std::uint64_t{1} << 55); });
    EXPECT_EQ(e.problems()[0].byte, std::optional<std::uint64_t>(at.units(0, 0)));
    EXPECT_NE(e.problems()[0].reason.find("out of range"), std::string::npos);
    // Rows as Row::of never gives them: the row and column are named.
    const auto row_error = [&](const auto& edit, const std::string& words) {
        const FormatError r = error_of(edit);
        EXPECT_NE(r.problems()[0].reason.find(words), std::string::npos) << r.what();
    };
    row_error([&](std::string& b) { b[at.meta(0, 0)] = 0x21; }, "project row 0: meta byte 33 of amount 0 is not one a project gives");
    row_error([&](std::string& b) { b[at.meta(0, 0)] = static_cast<char>(1 | (7 << 1)); }, "meta byte 15");
    // project#2 has no first-phase amount (field 2): an absent amount that is not zero.
    ASSERT_FALSE(d.projects()[1].first_phase_investment);
    row_error([&](std::string& b) { b[at.units(2, 1)] = 5; }, "project row 1: an absent amount 2 must have meta 0, currency 0 and amount 0");
    row_error([&](std::string& b) { b[at.currency(1, 0)] = static_cast<char>(Currency::USD); },
              "project row 0: the currency of amount 1 differs from that of amount 0");
    row_error([&](std::string& b) {
        std::memcpy(&b[at.reached(Stage::negotiating, 0)], "\x2C\xFE\x51\x00", 4);  // 9999-12-31, after every other
    }, "project row 0: stage contracted is reached before stage negotiating");
    row_error([&](std::string& b) { std::memcpy(&b[at.reached(Stage::cancelled, 0)], "\x01\x00\x00\x00", 4); },
              "day 1 of stage cancelled is out of range");
}

TEST(Snapshot, RecordsThatDisagreeWithTheirColumnsAreRefusedByDataset) {
    const Dataset d = all_kinds();
    std::string b = snapshot_of(d);
    const Layout at(b);
    ASSERT_TRUE(d.projects()[0].contract_investment);
    b[at.units(0, 0)] = static_cast<char>(b[at.units(0, 0)] + 1);  // one unit more, still valid on its own
    const io::Snapshot snap = open_bytes(b);
    const q::Table t = q::from(snap.others(), snap.project_columns()).aggregate(q::sum(&Project::contract_investment));
    const q::Table r = q::from(d, d.projects()).aggregate(q::sum(&Project::contract_investment));
    EXPECT_NE(t, r);  // the columns answered as they are: this is what dataset() guards
    try {
        (void)snap.dataset();
        ADD_FAILURE() << "no error";
    } catch (const FormatError& e) {
        ASSERT_EQ(e.problems().size(), 1U);
        EXPECT_EQ(e.problems()[0].entity, "project");
        EXPECT_EQ(e.problems()[0].id, std::to_string(d.projects()[0].id.value()));
        EXPECT_NE(e.problems()[0].reason.find("does not agree with its query columns"), std::string::npos);
    }
    EXPECT_THROW((void)test::load_bytes(b, io::Format::snapshot), FormatError);
}

TEST(Snapshot, BadRecordsSectionsAreFormatErrorsInTheirSection) {
    const Dataset d = all_kinds();
    const std::string good = snapshot_of(d);
    const Layout at(good);
    // Section 3 one byte short (the header says so too): the error is in section 3.
    std::string b = good.substr(0, good.size() - 1);
    put64(b, 40, le64(good, 40) - 1);
    const io::Snapshot snap = open_bytes(b);
    try {
        (void)snap.dataset();
        ADD_FAILURE() << "no error";
    } catch (const FormatError& e) {
        ASSERT_TRUE(e.problems()[0].byte);
        EXPECT_GE(*e.problems()[0].byte, at.s3);
        EXPECT_LE(*e.problems()[0].byte, b.size());
        EXPECT_EQ(e.problems()[0].input, "test");
    }
    // Section 1 holding projects: refused when opened.
    const std::string with_projects = save_bytes(d, io::Format::portable_binary);
    std::string forged = good.substr(0, 48) + with_projects + good.substr(at.s2);
    put64(forged, 24, with_projects.size());
    const FormatError e = open_error(forged);
    EXPECT_NE(e.problems()[0].reason.find("section 1 holds projects"), std::string::npos) << e.what();
    // A problem inside section 1 is reported at its byte in the file.
    std::string bad1 = good;
    bad1[at.s1] = 7;  // the portable archive's endianness byte
    const FormatError e1 = open_error(bad1);
    EXPECT_EQ(e1.problems()[0].byte, std::optional<std::uint64_t>(at.s1)) << e1.what();
}

TEST(Snapshot, OpenNamesMissingAndUnreadableFiles) {
    test::TempDir dir;
    try {
        (void)io::Snapshot::open(dir.path() / "none.pks");
        ADD_FAILURE();
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("none.pks: does not exist"), std::string::npos) << e.what();
    }
    try {
        (void)io::Snapshot::open(dir.path());
        ADD_FAILURE();
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("Is a directory"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace parkinvest
