// SPDX-License-Identifier: MIT
#include <parkinvest/samples/synthetic.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace parkinvest;
using parkinvest::samples::SyntheticOptions;
using parkinvest::samples::synthetic_batch;
using parkinvest::samples::synthetic_dataset;

SyntheticOptions small_options(std::uint64_t seed = 1) {
    SyntheticOptions o;
    o.seed = seed;
    o.parks = 12;
    o.sub_parks_per_park = 2;
    o.enterprises = 300;
    o.projects = 2000;
    o.loans = 200;
    o.snapshots_per_loan = 6;
    o.waste_facilities = 20;
    return o;
}

const Dataset& default_dataset() {
    static const Dataset ds = synthetic_dataset(SyntheticOptions{});
    return ds;
}

TEST(Synthetic, SameSeedGivesIdenticalData) {
    const SyntheticOptions o = small_options(42);
    const Batch a = synthetic_batch(o);
    const Batch b = synthetic_batch(o);
    EXPECT_EQ(a.size(), b.size());
    EXPECT_TRUE(a.projects == b.projects);
    EXPECT_TRUE(a.loans == b.loans);
    EXPECT_TRUE(synthetic_dataset(o) == synthetic_dataset(o));
}

TEST(Synthetic, DifferentSeedsDiffer) {
    const Dataset a = synthetic_dataset(small_options(1));
    const Dataset b = synthetic_dataset(small_options(2));
    EXPECT_FALSE(a == b);
    EXPECT_FALSE(std::equal(a.projects().begin(), a.projects().end(), b.projects().begin(), b.projects().end()));
    EXPECT_FALSE(std::equal(a.loans().begin(), a.loans().end(), b.loans().begin(), b.loans().end()));
    EXPECT_FALSE(std::equal(a.enterprises().begin(), a.enterprises().end(), b.enterprises().begin(),
                            b.enterprises().end()));
}

TEST(Synthetic, StreamsAreIndependentPerEntityType) {
    SyntheticOptions o = small_options(7);
    const Batch a = synthetic_batch(o);
    o.projects = 10;
    o.waste_facilities = 3;
    const Batch b = synthetic_batch(o);
    EXPECT_TRUE(a.parks == b.parks);
    EXPECT_TRUE(a.enterprises == b.enterprises);
    EXPECT_TRUE(a.loans == b.loans);
    EXPECT_TRUE(std::equal(b.projects.begin(), b.projects.end() - 1, a.projects.begin()));
}

/// A fingerprint of the generated values: pins the output so that a change of platform,
/// standard library or compiler that altered it would show (the generator must not depend on
/// any of them). Update deliberately when the generator changes.
std::uint64_t fingerprint(const Batch& b) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    const auto mix = [&h](std::uint64_t v) {
        for (int i = 0; i < 8; ++i) {
            h ^= (v >> (8 * i)) & 0xFF;
            h *= 0x100000001b3ULL;
        }
    };
    const auto text = [&mix](const std::string& s) {
        for (char c : s) mix(static_cast<unsigned char>(c));
    };
    for (const Park& p : b.parks) text(p.name.zh);
    for (const Enterprise& e : b.enterprises) {
        text(e.name.zh);
        if (e.credit_code) text(e.credit_code->str());
    }
    for (const Project& p : b.projects) {
        text(p.name.zh);
        mix(p.park.value());
        if (p.contract_investment) text(p.contract_investment->value.to_string());
        for (const StageEvent& s : p.stages) text(s.date.to_string());
    }
    for (const Loan& l : b.loans)
        for (const LoanSnapshot& s : l.snapshots) text(s.outstanding.to_string());
    return h;
}

TEST(Synthetic, OutputIsPinned) {
    SyntheticOptions o = small_options(2024);
    o.projects = 300;
    const std::uint64_t expected = 10563543533671119284ULL;
    EXPECT_EQ(fingerprint(synthetic_batch(o)), expected) << "generator output changed";
}

void expect_counts(const SyntheticOptions& o) {
    SCOPED_TRACE("parks " + std::to_string(o.parks) + ", enterprises " + std::to_string(o.enterprises) +
                 ", projects " + std::to_string(o.projects));
    Dataset ds;
    ASSERT_NO_THROW(ds = synthetic_dataset(o));
    const auto years = static_cast<std::size_t>(o.last_year - o.first_year + 1);
    EXPECT_EQ(ds.parks().size(), o.parks * (1 + o.sub_parks_per_park));
    EXPECT_EQ(ds.enterprises().size(), o.enterprises);
    EXPECT_EQ(ds.projects().size(), o.projects);
    EXPECT_EQ(ds.loans().size(), o.loans);
    EXPECT_EQ(ds.waste_facilities().size(), o.waste_facilities);
    EXPECT_EQ(ds.statistics().size(), o.parks * years * 3);
    EXPECT_EQ(ds.sources().size(), 6 * years);
    EXPECT_EQ(ds.banks().size(), 10U);
    EXPECT_EQ(ds.industries().size(), 23U);
    for (const Loan& l : ds.loans()) EXPECT_EQ(l.snapshots.size(), o.snapshots_per_loan);
    std::size_t sub = 0;
    for (const Park& p : ds.parks()) sub += p.parent ? 1U : 0U;
    EXPECT_EQ(sub, o.parks * o.sub_parks_per_park);
}

TEST(Synthetic, ValidatesAndHasTheRequestedCounts) {
    expect_counts(SyntheticOptions{});
    expect_counts(small_options(3));

    SyntheticOptions one_park;
    one_park.seed = 9;
    one_park.parks = 1;
    one_park.sub_parks_per_park = 0;
    one_park.enterprises = 1;
    one_park.projects = 50;
    one_park.loans = 30;
    one_park.snapshots_per_loan = 1;
    one_park.waste_facilities = 2;
    one_park.first_year = 2020;
    one_park.last_year = 2020;
    expect_counts(one_park);

    SyntheticOptions no_enterprises = one_park;
    no_enterprises.parks = 5;
    no_enterprises.sub_parks_per_park = 5;
    no_enterprises.enterprises = 0;
    no_enterprises.snapshots_per_loan = 0;
    expect_counts(no_enterprises);

    SyntheticOptions no_parks;
    no_parks.parks = 0;
    no_parks.enterprises = 40;
    no_parks.projects = 0;
    no_parks.loans = 0;
    no_parks.waste_facilities = 0;
    expect_counts(no_parks);

    SyntheticOptions many_parks = small_options(11);
    many_parks.parks = 250;  // more zones than cities: names and kinds cycle
    many_parks.sub_parks_per_park = 6;
    many_parks.first_year = 2010;
    many_parks.last_year = 2023;
    expect_counts(many_parks);

    expect_counts(SyntheticOptions{0, 0, 0, 0, 0, 0, 0, 0, 2019, 2019});
}

TEST(Synthetic, RejectsImpossibleOptions) {
    SyntheticOptions o;
    o.first_year = 2022;
    o.last_year = 2021;
    EXPECT_THROW((void)synthetic_batch(o), ArgumentError);
    o = SyntheticOptions{};
    o.parks = 0;
    EXPECT_THROW((void)synthetic_batch(o), ArgumentError);
    o = SyntheticOptions{};
    o.last_year = 3000;
    EXPECT_THROW((void)synthetic_batch(o), ArgumentError);
}

// ---------------------------------------------------------------- distributions, checked here

const Money lowest = Money::of(10'000);              // 1万元
const Money highest = Money::of(20'000'000'000LL);  // 200亿元

bool in_range(const Money& m) { return m.currency() == Currency::CNY && lowest <= m && m <= highest; }

TEST(Synthetic, AmountsLieBetweenOneWanAnd200Yi) {
    const Dataset& ds = default_dataset();
    std::size_t n = 0;
    const auto check = [&n](const std::optional<ReportedAmount>& a, const std::string& what) {
        if (!a) return;
        ++n;
        EXPECT_TRUE(in_range(a->value)) << what << ": " << a->value.to_string();
    };
    for (const Project& p : ds.projects()) {
        const std::string id = p.id.to_string();
        check(p.contract_investment, id);
        check(p.planned_investment, id);
        check(p.first_phase_investment, id);
        check(p.funds_in_place, id);
    }
    for (const Loan& l : ds.loans()) check(l.commitment, l.id.to_string());
    for (const WasteFacility& f : ds.waste_facilities()) check(f.investment, f.id.to_string());
    for (const ReportedStatistic& s : ds.statistics())
        if (const Money* m = s.value ? std::get_if<Money>(&*s.value) : nullptr) {
            EXPECT_TRUE(in_range(*m)) << s.id.to_string();
        }
    EXPECT_GT(n, 20'000U);
}

TEST(Synthetic, ContractAmountsConcentrateAroundOneYi) {
    std::vector<Money> v;
    for (const Project& p : default_dataset().projects())
        if (p.contract_investment) v.push_back(p.contract_investment->value);
    ASSERT_GT(v.size(), 9000U);
    std::sort(v.begin(), v.end());
    const Money median = v[v.size() / 2];
    EXPECT_GE(median, Money::of(10'000'000));     // 1000万
    EXPECT_LE(median, Money::of(1'000'000'000));  // 10亿
    // Both tails are populated.
    EXPECT_LT(v[v.size() / 50], Money::of(1'000'000));        // 2% below 100万
    EXPECT_GT(v[v.size() - v.size() / 50], Money::of(3'000'000'000LL));  // 2% above 30亿
}

TEST(Synthetic, AboutTenPercentOfProjectAmountsAreBounded) {
    std::size_t amounts = 0, bounded = 0, at_least = 0, about = 0;
    for (const Project& p : default_dataset().projects()) {
        for (const auto* a : {&p.contract_investment, &p.planned_investment, &p.first_phase_investment, &p.funds_in_place}) {
            if (!*a) continue;
            ++amounts;
            if ((*a)->bound != Bound::exact) ++bounded;
            at_least += (*a)->bound == Bound::at_least ? 1U : 0U;
            about += (*a)->bound == Bound::about ? 1U : 0U;
        }
    }
    ASSERT_GT(amounts, 0U);
    EXPECT_GE(bounded * 100, amounts * 5) << bounded << " of " << amounts;
    EXPECT_LE(bounded * 100, amounts * 15) << bounded << " of " << amounts;
    EXPECT_EQ(bounded, at_least + about);
    EXPECT_GT(at_least, 0U);
    EXPECT_GT(about, 0U);
}

TEST(Synthetic, StageHistoriesAreValid) {
    const SyntheticOptions o;
    const Date first = make_date(o.first_year, 1, 1);
    const Date last = make_date(o.last_year, 12, 31);
    std::map<std::size_t, std::size_t> lengths;
    std::size_t month_precise = 0, suspended_or_cancelled = 0;
    for (const Project& p : default_dataset().projects()) {
        const std::string id = p.id.to_string();
        ASSERT_GE(p.stages.size(), 1U) << id;
        ASSERT_LE(p.stages.size(), 6U) << id;
        ++lengths[p.stages.size()];
        std::optional<Stage> furthest;
        for (std::size_t i = 0; i < p.stages.size(); ++i) {
            const StageEvent& e = p.stages[i];
            EXPECT_TRUE(e.date.precision() == DatePrecision::day || e.date.precision() == DatePrecision::month) << id;
            month_precise += e.date.precision() == DatePrecision::month ? 1U : 0U;
            EXPECT_GE(e.date.first(), first) << id;
            EXPECT_LE(e.date.last(), last) << id;
            if (i > 0) {
                EXPECT_GE(e.date.first(), p.stages[i - 1].date.first()) << id << " stage " << i;
                EXPECT_NE(p.stages[i - 1].stage, Stage::cancelled) << id;
            }
            if (on_main_path(e.stage)) {
                if (furthest) {
                    EXPECT_GT(e.stage, *furthest) << id << " stage " << i;
                }
                furthest = e.stage;
            } else {
                ++suspended_or_cancelled;
            }
        }
        EXPECT_TRUE(furthest.has_value()) << id;
    }
    EXPECT_EQ(lengths.size(), 6U);  // every length 1..6 occurs
    EXPECT_GT(month_precise, 0U);
    EXPECT_GT(suspended_or_cancelled, 0U);
}

TEST(Synthetic, ProjectsReferToTheirPark) {
    const Dataset& ds = default_dataset();
    for (const Project& p : ds.projects()) {
        ASSERT_EQ(p.industries.size(), 1U);
        const Park& park = ds.get(p.park);
        for (const Investor& inv : p.investors) EXPECT_EQ(ds.get(inv.enterprise).park, p.park) << p.id.to_string();
        // The project's industry is a leading industry of its park or a child of one.
        const Industry& ind = ds.get(p.industries.front());
        const IndustryId major = ind.code.size() == 4 ? *ind.parent : ind.id;
        EXPECT_NE(std::find(park.leading_industries.begin(), park.leading_industries.end(), major),
                  park.leading_industries.end())
            << p.id.to_string();
        if (p.parent) {
            EXPECT_EQ(ds.get(*p.parent).park, p.park);
            ASSERT_TRUE(p.phase.has_value());
            EXPECT_GE(*p.phase, 2);
        }
    }
    for (const Park& park : ds.parks()) {
        if (park.parent) continue;
        EXPECT_GE(park.leading_industries.size(), 2U);
        EXPECT_LE(park.leading_industries.size(), 4U);
        EXPECT_EQ(ds.sub_parks_of(park.id).size(), 2U);
    }
}

TEST(Synthetic, LoanSnapshotsAscendAndStayWithinTheCommitment) {
    std::size_t programmes = 0, programmes_with_several = 0;
    for (const Loan& l : default_dataset().loans()) {
        const std::string id = l.id.to_string();
        const Money commitment = l.commitment.value;
        for (std::size_t i = 0; i < l.snapshots.size(); ++i) {
            const LoanSnapshot& s = l.snapshots[i];
            if (i > 0) {
                EXPECT_LT(l.snapshots[i - 1].as_of, s.as_of) << id;
            }
            EXPECT_EQ(s.as_of, s.as_of.end_of_month()) << id;
            EXPECT_GE(s.outstanding.signum(), 0) << id;
            EXPECT_LE(s.outstanding, commitment) << id;
            ASSERT_TRUE(s.undrawn.has_value()) << id;
            EXPECT_EQ(*s.undrawn, commitment - s.outstanding) << id;
        }
        if (l.instrument == LoanInstrument::programme) {
            ++programmes;
            programmes_with_several += l.borrowers.size() >= 2 ? 1U : 0U;
            ASSERT_TRUE(l.borrower_count.has_value());
            EXPECT_GE(*l.borrower_count, 2) << id;
            EXPECT_GE(*l.borrower_count, static_cast<std::int64_t>(l.borrowers.size())) << id;
            ASSERT_TRUE(l.park.has_value()) << id;
            for (EnterpriseId b : l.borrowers) EXPECT_EQ(default_dataset().get(b).park, l.park) << id;
        } else {
            EXPECT_EQ(l.borrowers.size(), 1U) << id;
        }
        ASSERT_TRUE(l.inception && l.maturity);
        EXPECT_LT(l.inception->first(), l.maturity->first());
        ASSERT_TRUE(l.interest_rate.has_value());
    }
    EXPECT_GT(programmes, 40U);  // about 8% of 1000
    EXPECT_GT(programmes_with_several, programmes / 2);
    std::set<std::uint64_t> lenders;
    for (const Loan& l : default_dataset().loans()) lenders.insert(l.lender.value());
    EXPECT_EQ(lenders.size(), 10U);
}

TEST(Synthetic, WasteFacilitiesHaveCapacitiesAndLicences) {
    std::size_t licensed = 0;
    for (const WasteFacility& f : default_dataset().waste_facilities()) {
        ASSERT_TRUE(f.max_annual_throughput && f.storage_capacity);
        EXPECT_GT(f.max_annual_throughput->signum(), 0);
        if (f.kind == WasteFacilityKind::temporary_storage) continue;
        ASSERT_TRUE(f.licence.has_value()) << f.id.to_string();
        ++licensed;
        EXPECT_GE(f.licence->categories.size(), 3U);
        EXPECT_TRUE(std::is_sorted(f.licence->categories.begin(), f.licence->categories.end(),
                                   [](const LicensedCategory& a, const LicensedCategory& b) { return a.category < b.category; }));
    }
    EXPECT_GT(licensed, 0U);
}

TEST(Synthetic, SignedProjectStatisticsCoverTheItemisedSignings) {
    const Dataset& ds = default_dataset();
    std::size_t compared = 0;
    for (const ReportedStatistic& s : ds.statistics()) {
        if (s.comparison) ++compared;
        if (s.indicator != Indicator::signed_projects) continue;
        EXPECT_EQ(s.period.kind(), PeriodKind::half_year);
        std::int64_t itemised = 0;
        std::vector<ParkId> zone{s.scope};
        for (ParkId sub : ds.sub_parks_of(s.scope)) zone.push_back(sub);
        for (ParkId park : zone)
            for (ProjectId id : ds.projects_in(park))
                for (const StageEvent& e : ds.get(id).stages)
                    if (e.stage == Stage::contracted && s.period.contains(e.date.first()) &&
                        s.period.contains(e.date.last()))
                        ++itemised;
        ASSERT_TRUE(s.value.has_value());
        EXPECT_GE(std::get<std::int64_t>(*s.value), itemised) << s.id.to_string();
        EXPECT_EQ(s.unit, "个");
    }
    EXPECT_GT(compared, ds.statistics().size() / 3);
}

}  // namespace
