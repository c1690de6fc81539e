// SPDX-License-Identifier: MIT
// Tests of the entities' own behaviour: Project::stage_as_of / reached with day-, month- and
// year-precise dates, Loan::outstanding_as_of, HwCategory, WasteFacility::years_over_capacity,
// the Chinese and English labels of every enumeration, and the strong Id type.
#include <parkinvest/core/errors.hpp>
#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/model/common.hpp>
#include <parkinvest/model/enterprise.hpp>
#include <parkinvest/model/ids.hpp>
#include <parkinvest/model/loan.hpp>
#include <parkinvest/model/park.hpp>
#include <parkinvest/model/project.hpp>
#include <parkinvest/model/statistic.hpp>
#include <parkinvest/model/waste_facility.hpp>
#include <parkinvest/time/period.hpp>

#include <gtest/gtest.h>

#include "support/builders.hpp"
#include "support/test_support.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace parkinvest {

#if PARKINVEST_HAS_INT128
// A reported amount is a Money (16 bytes, 8-aligned) with two bytes: 24 bytes, 32 as an optional
// (it was 32 and 48 while Money was 16-aligned: 64 bytes more per Project).
static_assert(sizeof(ReportedAmount) == 24);
static_assert(sizeof(std::optional<ReportedAmount>) == 32);
#endif
static void PrintTo(Stage s, std::ostream* os) { *os << label(s, Language::english); }
}  // namespace parkinvest

namespace {

using namespace parkinvest;
using namespace parkinvest::test;

using FlowUnit = AnnualThroughputKind::Unit;
using MassUnit = MassKind::Unit;

Date day(int y, int m, int d) { return make_date(y, m, d); }

// ================================================================== Project::stage_as_of / reached

TEST(ProjectStage, NoHistoryMeansNoStage) {
    const Project p;
    EXPECT_EQ(p.stage_as_of(day(2020, 1, 1)), std::nullopt);
    EXPECT_FALSE(p.reached(Stage::negotiating, day(2100, 1, 1)));
}

TEST(ProjectStage, DayPreciseEventsCountFromTheirDay) {
    Project p;
    p.stages = {event(Stage::contracted, ReportedDate::day(2020, 5, 10)),
                event(Stage::started, ReportedDate::day(2020, 8, 1))};
    EXPECT_EQ(p.stage_as_of(day(2020, 5, 9)), std::nullopt);
    EXPECT_EQ(p.stage_as_of(day(2020, 5, 10)), Stage::contracted);  // the end of that day
    EXPECT_EQ(p.stage_as_of(day(2020, 7, 31)), Stage::contracted);
    EXPECT_EQ(p.stage_as_of(day(2020, 8, 1)), Stage::started);
    EXPECT_EQ(p.stage_as_of(day(2030, 1, 1)), Stage::started);
}

TEST(ProjectStage, MonthPreciseEventCountsOnceTheMonthHasPassed) {
    Project p;
    p.stages = {event(Stage::contracted, ReportedDate::month(2020, 7))};
    EXPECT_EQ(p.stage_as_of(day(2020, 7, 1)), std::nullopt);
    EXPECT_EQ(p.stage_as_of(day(2020, 7, 15)), std::nullopt);
    EXPECT_EQ(p.stage_as_of(day(2020, 7, 30)), std::nullopt);
    EXPECT_EQ(p.stage_as_of(day(2020, 7, 31)), Stage::contracted);
    EXPECT_EQ(p.stage_as_of(day(2020, 8, 1)), Stage::contracted);
    EXPECT_FALSE(p.reached(Stage::contracted, day(2020, 7, 15)));
    EXPECT_TRUE(p.reached(Stage::contracted, day(2020, 7, 31)));
    // February of a leap year ends on the 29th.
    p.stages = {event(Stage::started, ReportedDate::month(2020, 2))};
    EXPECT_EQ(p.stage_as_of(day(2020, 2, 28)), std::nullopt);
    EXPECT_EQ(p.stage_as_of(day(2020, 2, 29)), Stage::started);
}

TEST(ProjectStage, YearPreciseEventCountsFromDecember31) {
    Project p;
    p.stages = {event(Stage::completed, ReportedDate::year(2021))};
    EXPECT_EQ(p.stage_as_of(day(2021, 1, 1)), std::nullopt);
    EXPECT_EQ(p.stage_as_of(day(2021, 12, 30)), std::nullopt);
    EXPECT_EQ(p.stage_as_of(day(2021, 12, 31)), Stage::completed);
    EXPECT_FALSE(p.reached(Stage::completed, day(2021, 6, 30)));
    EXPECT_TRUE(p.reached(Stage::completed, day(2021, 12, 31)));
}

TEST(ProjectStage, MixedPrecisions) {
    // Signed in July 2020 (month only), started on 2020-07-20: as of 2020-07-25 the start is
    // known, the signing not yet (its month has not passed), but the start implies it.
    Project p;
    p.stages = {event(Stage::contracted, ReportedDate::month(2020, 7)),
                event(Stage::started, ReportedDate::day(2020, 7, 20))};
    EXPECT_EQ(p.stage_as_of(day(2020, 7, 19)), std::nullopt);
    EXPECT_EQ(p.stage_as_of(day(2020, 7, 25)), Stage::started);
    EXPECT_EQ(p.stage_as_of(day(2020, 7, 31)), Stage::started);
    EXPECT_TRUE(p.reached(Stage::contracted, day(2020, 7, 25)));
    EXPECT_TRUE(p.reached(Stage::registered, day(2020, 7, 25)));  // passed over on the main path
    EXPECT_FALSE(p.reached(Stage::completed, day(2020, 7, 25)));
}

TEST(ProjectStage, ReachedFollowsTheMainPath) {
    Project p;
    p.stages = {event(Stage::negotiating, ReportedDate::day(2020, 1, 1)),
                event(Stage::started, ReportedDate::day(2020, 6, 1))};
    EXPECT_TRUE(p.reached(Stage::negotiating, day(2020, 1, 1)));
    EXPECT_FALSE(p.reached(Stage::contracted, day(2020, 5, 31)));
    EXPECT_TRUE(p.reached(Stage::contracted, day(2020, 6, 1)));  // started implies contracted
    EXPECT_TRUE(p.reached(Stage::registered, day(2020, 6, 1)));
    EXPECT_TRUE(p.reached(Stage::started, day(2020, 6, 1)));
    EXPECT_FALSE(p.reached(Stage::completed, day(2030, 1, 1)));
    EXPECT_FALSE(p.reached(Stage::in_production, day(2030, 1, 1)));
    EXPECT_FALSE(p.reached(Stage::suspended, day(2030, 1, 1)));
    EXPECT_FALSE(p.reached(Stage::cancelled, day(2030, 1, 1)));
}

TEST(ProjectStage, SuspendedAndResumed) {
    Project p;
    p.stages = {event(Stage::contracted, ReportedDate::day(2020, 1, 10)),
                event(Stage::started, ReportedDate::day(2020, 3, 1)),
                event(Stage::suspended, ReportedDate::month(2020, 9)),
                event(Stage::started, ReportedDate::day(2021, 2, 1))};
    EXPECT_EQ(p.stage_as_of(day(2020, 9, 15)), Stage::started);
    EXPECT_EQ(p.stage_as_of(day(2020, 9, 30)), Stage::suspended);
    EXPECT_EQ(p.stage_as_of(day(2021, 1, 31)), Stage::suspended);
    EXPECT_EQ(p.stage_as_of(day(2021, 2, 1)), Stage::started);
    // A suspension does not undo what was reached; it is reached itself only by its own event.
    EXPECT_TRUE(p.reached(Stage::started, day(2020, 10, 1)));
    EXPECT_FALSE(p.reached(Stage::suspended, day(2020, 9, 29)));
    EXPECT_TRUE(p.reached(Stage::suspended, day(2020, 9, 30)));
    EXPECT_TRUE(p.reached(Stage::suspended, day(2022, 1, 1)));  // it was suspended once
    EXPECT_FALSE(p.reached(Stage::completed, day(2022, 1, 1)));
    EXPECT_FALSE(p.reached(Stage::cancelled, day(2022, 1, 1)));
}

TEST(ProjectStage, Cancelled) {
    Project p;
    p.stages = {event(Stage::contracted, ReportedDate::day(2020, 1, 10)),
                event(Stage::cancelled, ReportedDate::year(2020))};
    EXPECT_EQ(p.stage_as_of(day(2020, 12, 30)), Stage::contracted);
    EXPECT_EQ(p.stage_as_of(day(2020, 12, 31)), Stage::cancelled);
    EXPECT_TRUE(p.reached(Stage::cancelled, day(2020, 12, 31)));
    EXPECT_FALSE(p.reached(Stage::cancelled, day(2020, 12, 30)));
    // Cancellation is not a step along the main path: nothing beyond contracted was reached.
    EXPECT_TRUE(p.reached(Stage::contracted, day(2021, 1, 1)));
    EXPECT_FALSE(p.reached(Stage::registered, day(2021, 1, 1)));
    EXPECT_FALSE(p.reached(Stage::started, day(2021, 1, 1)));
}

TEST(ProjectStage, MainPathPredicate) {
    for (Stage s : all_stages) {
        const bool expected = s != Stage::suspended && s != Stage::cancelled;
        EXPECT_EQ(on_main_path(s), expected) << label(s, Language::english);
    }
    static_assert(on_main_path(Stage::negotiating) && on_main_path(Stage::in_production));
    static_assert(!on_main_path(Stage::suspended) && !on_main_path(Stage::cancelled));
    static_assert(std::size(all_stages) == 8);
}

// ================================================================== Loan::outstanding_as_of

TEST(LoanOutstanding, FromTheLastSnapshotOnOrBefore) {
    Loan l;
    l.snapshots = {snapshot(day(2020, 6, 30), Money::of(5000'0000)),
                   snapshot(day(2020, 12, 31), Money::of(1'5000'0000)),
                   snapshot(day(2021, 6, 30), Money::of(0))};
    EXPECT_EQ(l.outstanding_as_of(day(2020, 6, 29)), std::nullopt);  // before the first
    EXPECT_EQ(l.outstanding_as_of(day(2000, 1, 1)), std::nullopt);
    EXPECT_EQ(l.outstanding_as_of(day(2020, 6, 30)), Money::of(5000'0000));  // on the day
    EXPECT_EQ(l.outstanding_as_of(day(2020, 7, 1)), Money::of(5000'0000));   // between
    EXPECT_EQ(l.outstanding_as_of(day(2020, 12, 30)), Money::of(5000'0000));
    EXPECT_EQ(l.outstanding_as_of(day(2020, 12, 31)), Money::of(1'5000'0000));
    EXPECT_EQ(l.outstanding_as_of(day(2021, 6, 29)), Money::of(1'5000'0000));
    EXPECT_EQ(l.outstanding_as_of(day(2021, 6, 30)), Money::of(0));  // repaid
    EXPECT_EQ(l.outstanding_as_of(day(2099, 1, 1)), Money::of(0));   // after the last
}

TEST(LoanOutstanding, NoSnapshotsAndOneSnapshot) {
    Loan l;
    EXPECT_EQ(l.outstanding_as_of(day(2020, 1, 1)), std::nullopt);
    l.snapshots = {snapshot(day(2020, 3, 31), Money::of(7, Currency::USD))};
    EXPECT_EQ(l.outstanding_as_of(day(2020, 3, 30)), std::nullopt);
    EXPECT_EQ(l.outstanding_as_of(day(2020, 3, 31)), Money::of(7, Currency::USD));
    EXPECT_NE(l.outstanding_as_of(day(2020, 3, 31)), Money::of(7));  // currency kept
}

// ================================================================== HwCategory

TEST(HwCategory, Range) {
    EXPECT_EQ(HwCategory(1).number(), 1);
    EXPECT_EQ(HwCategory(50).number(), 50);
    for (int n = 1; n <= 50; ++n) EXPECT_NO_THROW(HwCategory{n}) << n;
    EXPECT_THROW(HwCategory(0), ArgumentError);
    EXPECT_THROW(HwCategory(51), ArgumentError);
    EXPECT_THROW(HwCategory(-8), ArgumentError);
    try {
        HwCategory(51);
        ADD_FAILURE() << "no ArgumentError";
    } catch (const ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("51"), std::string::npos) << e.what();
    }
}

TEST(HwCategory, ToString) {
    EXPECT_EQ(HwCategory(8).to_string(), "HW08");
    EXPECT_EQ(HwCategory(1).to_string(), "HW01");
    EXPECT_EQ(HwCategory(9).to_string(), "HW09");
    EXPECT_EQ(HwCategory(10).to_string(), "HW10");
    EXPECT_EQ(HwCategory(49).to_string(), "HW49");
    EXPECT_EQ(HwCategory(50).to_string(), "HW50");
    for (int n = 1; n <= 50; ++n) {
        const std::string s = HwCategory(n).to_string();
        EXPECT_EQ(s.size(), 4u);
        EXPECT_EQ(HwCategory::parse(s).number(), n) << s;
    }
}

TEST(HwCategory, Parse) {
    EXPECT_EQ(HwCategory::parse("HW08"), HwCategory(8));
    EXPECT_EQ(HwCategory::parse("hw8"), HwCategory(8));
    EXPECT_EQ(HwCategory::parse("hW08"), HwCategory(8));
    EXPECT_EQ(HwCategory::parse(" HW08 "), HwCategory(8));
    EXPECT_EQ(HwCategory::parse("HW49"), HwCategory(49));
    EXPECT_EQ(HwCategory::parse("HW1"), HwCategory(1));
    EXPECT_EQ(HwCategory::parse("HW50"), HwCategory(50));
}

struct BadHw {
    const char* text;
    ParseErrorKind kind;
    std::size_t offset;
};

TEST(HwCategory, ParseErrors) {
    const BadHw cases[] = {
        {"", ParseErrorKind::empty, 0},
        {"   ", ParseErrorKind::empty, 0},
        {"HW", ParseErrorKind::expected_number, 2},
        {"HW ", ParseErrorKind::expected_number, 2},
        {"HW-8", ParseErrorKind::expected_number, 2},
        {"08", ParseErrorKind::unknown_unit, 0},
        {"XW08", ParseErrorKind::unknown_unit, 0},
        {"  XW08", ParseErrorKind::unknown_unit, 2},
        {"HWX08", ParseErrorKind::unknown_unit, 0},  // "HW" must not run into another letter
        {"HW00", ParseErrorKind::invalid_value, 2},
        {"HW0", ParseErrorKind::invalid_value, 2},
        {"HW51", ParseErrorKind::invalid_value, 2},
        {" HW99", ParseErrorKind::invalid_value, 3},
        {"HW08x", ParseErrorKind::unknown_unit, 4},
        {"HW08 9", ParseErrorKind::trailing_characters, 5},
        {"HW08.", ParseErrorKind::trailing_characters, 4},
    };
    for (const BadHw& c : cases) {
        SCOPED_TRACE(std::string("\"") + c.text + "\"");
        try {
            (void)HwCategory::parse(c.text);
            ADD_FAILURE() << "no ParseError";
        } catch (const ParseError& e) {
            EXPECT_EQ(e.kind(), c.kind) << e.what();
            EXPECT_EQ(e.offset(), c.offset) << e.what();
            EXPECT_EQ(e.input(), c.text);
        }
    }
}

TEST(HwCategory, Ordering) {
    EXPECT_LT(HwCategory(8), HwCategory(49));
    EXPECT_EQ(HwCategory(8), HwCategory::parse("hw08"));
    EXPECT_NE(HwCategory(8), HwCategory(18));
}

// ================================================================== WasteFacility::years_over_capacity

TEST(WasteFacility, YearsOverMaximumThroughput) {
    WasteFacility w;
    w.yearly_throughput = {year_handled(2018, 290), year_handled(2019, 291), year_handled(2020, 292),
                           year_handled(2021, 500)};
    EXPECT_EQ(w.years_over_capacity(), std::vector<int>{});  // no limit known
    w.max_annual_throughput = AnnualThroughput::of(291, FlowUnit::tonne_per_year);
    EXPECT_EQ(w.years_over_capacity(), (std::vector<int>{2020, 2021}));  // 291 t is not over 291 t/a
    // One gram over.
    w.yearly_throughput = {year_handled(2020, 291)};
    w.yearly_throughput[0].handled += Mass::of(1, MassUnit::kilogram);
    w.max_annual_throughput = AnnualThroughput::of(291'001, FlowUnit::kilogram_per_year);
    EXPECT_EQ(w.years_over_capacity(), std::vector<int>{});
    w.yearly_throughput[0].handled += Mass::from_base(1);
    EXPECT_EQ(w.years_over_capacity(), std::vector<int>{2020});
}

TEST(WasteFacility, LowerLicenceTotalIsTheLimit) {
    WasteFacility w;
    w.yearly_throughput = {year_handled(2019, 150), year_handled(2020, 250), year_handled(2021, 300)};
    w.max_annual_throughput = AnnualThroughput::of(291, FlowUnit::tonne_per_year);
    WasteLicence l;
    l.number = "1";
    l.approved_total = AnnualThroughput::of(200, FlowUnit::tonne_per_year);
    w.licence = l;
    EXPECT_EQ(w.years_over_capacity(), (std::vector<int>{2020, 2021}));
    // A higher licence total does not raise the physical limit.
    w.licence->approved_total = AnnualThroughput::of(1000, FlowUnit::tonne_per_year);
    EXPECT_EQ(w.years_over_capacity(), std::vector<int>{2021});
    // A licence without a total: the facility's maximum.
    w.licence->approved_total = std::nullopt;
    EXPECT_EQ(w.years_over_capacity(), std::vector<int>{2021});
    // Only the licence total known.
    w.max_annual_throughput = std::nullopt;
    w.licence->approved_total = AnnualThroughput::of(149, FlowUnit::tonne_per_year);
    EXPECT_EQ(w.years_over_capacity(), (std::vector<int>{2019, 2020, 2021}));
}

// ================================================================== labels

bool has_non_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}
bool ascii_only(std::string_view s) { return !has_non_ascii(s); }

template <class Enum>
void expect_labels(std::initializer_list<Enum> all, const char* name) {
    std::set<std::string_view> zh_seen;
    std::set<std::string_view> en_seen;
    for (Enum e : all) {
        SCOPED_TRACE(std::string(name) + " #" + std::to_string(static_cast<int>(e)));
        const std::string_view zh = label(e, Language::chinese);
        const std::string_view en = label(e, Language::english);
        EXPECT_FALSE(zh.empty());
        EXPECT_FALSE(en.empty());
        EXPECT_TRUE(has_non_ascii(zh)) << zh;  // Chinese characters
        EXPECT_TRUE(ascii_only(en)) << en;
        EXPECT_EQ(label(e), zh);  // Chinese by default
        EXPECT_TRUE(zh_seen.insert(zh).second) << "duplicate Chinese label " << zh;
        EXPECT_TRUE(en_seen.insert(en).second) << "duplicate English label " << en;
    }
}

TEST(Labels, EveryEnumeratorHasChineseAndEnglish) {
    expect_labels({ParkKind::national_high_tech_zone, ParkKind::national_etdz, ParkKind::provincial_zone,
                   ParkKind::science_city, ParkKind::industrial_park, ParkKind::other},
                  "ParkKind");
    expect_labels({BankKind::policy, BankKind::large_state_owned, BankKind::joint_stock, BankKind::city_commercial,
                   BankKind::rural, BankKind::foreign, BankKind::other},
                  "BankKind");
    expect_labels(std::initializer_list<Stage>{Stage::negotiating, Stage::contracted, Stage::registered,
                                               Stage::started, Stage::completed, Stage::in_production,
                                               Stage::suspended, Stage::cancelled},
                  "Stage");
    expect_labels({ProjectNature::new_build, ProjectNature::expansion, ProjectNature::technical_upgrade,
                   ProjectNature::relocation},
                  "ProjectNature");
    expect_labels({InvestorRole::lead, InvestorRole::partner, InvestorRole::operator_, InvestorRole::financier},
                  "InvestorRole");
    expect_labels({LoanInstrument::term_loan, LoanInstrument::credit_line, LoanInstrument::revolving,
                   LoanInstrument::programme},
                  "LoanInstrument");
    expect_labels({GuaranteeType::credit, GuaranteeType::guarantee, GuaranteeType::mortgage, GuaranteeType::pledge},
                  "GuaranteeType");
    expect_labels({WasteFacilityKind::temporary_storage, WasteFacilityKind::collection, WasteFacilityKind::storage,
                   WasteFacilityKind::utilisation, WasteFacilityKind::disposal},
                  "WasteFacilityKind");
    expect_labels({Indicator::signed_projects, Indicator::contract_investment, Indicator::projects_introduced,
                   Indicator::projects_started, Indicator::projects_under_negotiation, Indicator::intended_investment,
                   Indicator::fixed_asset_investment, Indicator::bank_loans_issued, Indicator::market_entities,
                   Indicator::subsidies_paid, Indicator::industry_share, Indicator::platforms, Indicator::awards,
                   Indicator::other},
                  "Indicator");
    expect_labels({ComparisonKind::year_on_year, ComparisonKind::vs_previous_year_end,
                   ComparisonKind::vs_previous_period},
                  "ComparisonKind");
    expect_labels({Bound::at_least, Bound::more_than, Bound::about, Bound::nearly, Bound::at_most, Bound::less_than},
                  "Bound");
}

TEST(Labels, ExactBoundIsEmpty) {
    EXPECT_EQ(label(Bound::exact, Language::chinese), "");
    EXPECT_EQ(label(Bound::exact, Language::english), "");
}

TEST(Labels, SomeByHand) {
    EXPECT_EQ(label(Stage::contracted), "签约");
    EXPECT_EQ(label(Stage::started, Language::english), "started");
    EXPECT_EQ(label(Bound::at_least), "以上");
    EXPECT_EQ(label(Bound::nearly, Language::english), "nearly");
    EXPECT_EQ(label(ParkKind::national_high_tech_zone), "国家高新区");
    EXPECT_EQ(label(ComparisonKind::year_on_year), "同比");
    EXPECT_EQ(label(WasteFacilityKind::temporary_storage), "暂存库");
    EXPECT_EQ(label(Indicator::fixed_asset_investment), "固定资产投资");
}

TEST(Labels, AllStagesIsEveryStageInOrder) {
    for (std::size_t i = 0; i < std::size(all_stages); ++i)
        EXPECT_EQ(static_cast<std::size_t>(all_stages[i]), i);
}

// ================================================================== Id

static_assert(!std::is_convertible_v<ParkId, ProjectId>, "a park id is not a project id");
static_assert(!std::is_constructible_v<ProjectId, ParkId>, "not even explicitly");
static_assert(!std::is_convertible_v<std::uint64_t, ParkId>, "no implicit id from an integer");
static_assert(!std::is_convertible_v<int, ParkId>, "no implicit id from an integer");
static_assert(std::is_constructible_v<ParkId, std::uint64_t>, "explicit construction");
static_assert(!std::is_convertible_v<ParkId, std::uint64_t>, "no implicit integer from an id");
static_assert(std::is_trivially_copyable_v<ParkId>);
static_assert(sizeof(ParkId) == sizeof(std::uint64_t));
static_assert(ParkId{} == ParkId{0});
static_assert(ParkId{3} < ParkId{12});
static_assert(ParkId{7}.value() == 7);

TEST(Id, ToString) {
    EXPECT_EQ(ParkId{12}.to_string(), "park#12");
    EXPECT_EQ(ProjectId{7}.to_string(), "project#7");
    EXPECT_EQ(SourceId{0}.to_string(), "source#0");
    EXPECT_EQ(IndustryId{1}.to_string(), "industry#1");
    EXPECT_EQ(EnterpriseId{2}.to_string(), "enterprise#2");
    EXPECT_EQ(BankId{3}.to_string(), "bank#3");
    EXPECT_EQ(LoanId{4}.to_string(), "loan#4");
    EXPECT_EQ(WasteFacilityId{5}.to_string(), "waste_facility#5");
    EXPECT_EQ(StatisticId{6}.to_string(), "statistic#6");
    EXPECT_EQ(StatisticId{18446744073709551615ULL}.to_string(), "statistic#18446744073709551615");
}

TEST(Id, Hash) {
    const std::hash<ParkId> h;
    EXPECT_EQ(h(ParkId{5}), h(ParkId{5}));
    EXPECT_EQ(std::hash<ProjectId>{}(ProjectId{5}), h(ParkId{5}));  // same value, same mix
    // Keyed: SipHash-1-3 of the value under the process's random key (core/hash.hpp), not the
    // unkeyed splitmix64 of before (whose first output, for 0, was 0xE220A8397B1DCDAF).
    const detail::HashKey key = detail::process_hash_key();
    EXPECT_EQ(h(ParkId{0}), static_cast<std::size_t>(detail::siphash_word<1, 3>(key, 0)));
    EXPECT_EQ(h(ParkId{0x9E3779B97F4A7C15ULL}), static_cast<std::size_t>(detail::siphash_word<1, 3>(key, 0x9E3779B97F4A7C15ULL)));
    // Sequential ids do not collide and spread over the low bits.
    std::unordered_set<std::size_t> hashes;
    std::set<std::size_t> low_bytes;
    for (std::uint64_t i = 0; i < 4096; ++i) {
        hashes.insert(h(ParkId{i}));
        low_bytes.insert(h(ParkId{i}) & 0xFF);
    }
    EXPECT_EQ(hashes.size(), 4096u);
    EXPECT_EQ(low_bytes.size(), 256u);
    // Usable as a key.
    std::unordered_set<LoanId> ids{LoanId{1}, LoanId{2}, LoanId{1}};
    EXPECT_EQ(ids.size(), 2u);
    EXPECT_TRUE(ids.contains(LoanId{2}));
}

}  // namespace
