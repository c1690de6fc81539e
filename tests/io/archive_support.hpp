// SPDX-License-Identifier: MIT
// Helpers of the archive tests: saving to and loading from bytes, expecting a FormatError, a
// small dataset with every entity kind and every kind of value, small random datasets from the
// synthetic generator, and little-endian byte builders for hand-made binary archives.
#pragma once

#include <parkinvest/io/io.hpp>
#include <parkinvest/model/dataset.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest::test {

inline constexpr io::Format kArchiveFormats[] = {io::Format::json, io::Format::xml, io::Format::binary,
                                                 io::Format::portable_binary};

inline std::string save_bytes(const Dataset& d, io::Format f) {
    std::ostringstream out;
    io::save(d, out, f);
    return out.str();
}

inline Dataset load_bytes(const std::string& bytes, io::Format f, const io::LoadOptions& options = {}) {
    std::istringstream in(bytes);
    return io::load(in, f, options, "test");
}

/// Loads `bytes` and returns the FormatError it must throw (a failed expectation otherwise).
inline FormatError load_error(const std::string& bytes, io::Format f, const io::LoadOptions& options = {}) {
    try {
        (void)load_bytes(bytes, f, options);
    } catch (const FormatError& e) {
        return e;
    }
    ADD_FAILURE() << "expected a FormatError loading " << io::to_string(f);
    FormatProblem none;
    none.reason = "(no error)";
    return FormatError(none);
}

/// `text` with the first occurrence of `from` replaced by `to` (which must occur).
inline std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "\"" << from << "\" not found";
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// ---------------------------------------------------------------------------------------------
// A small dataset with every entity kind and every kind of value (ids start at 1):
//   source#1, source#2 (dated 2020-07)
//   industry#1 C27 and industry#2 C2710 under it
//   park#1 national zone (admin code, established 2020-Q3, area 225 km², leading industry#1),
//   park#2 its sub-park
//   enterprise#1 (credit code, listed, high-tech, in park#1), enterprise#2 (foreign KR, park#2)
//   bank#1
//   project#1 (all four amounts in CNY, at least / about / estimated, stages), project#2 phase 2
//   loan#1 programme of both enterprises (USD commitment, snapshots, rate 0.0435, pledge)
//   waste_facility#1 (licence with modes, categories, dates; capacities; yearly throughput)
//   statistics: one per StatisticValue kind, one with only a comparison, one without a value

inline Dataset all_kinds() {
    Batch b;
    for (std::uint64_t i = 1; i <= 2; ++i) {
        Source s;
        s.id = SourceId{i};
        s.publication = "中国高新技术产业导报";
        s.date = ReportedDate::month(2020, 7);
        s.section = i == 1 ? "第3版 园区" : "";
        s.note = i == 1 ? "" : "记者 \"引号\" <尖括号> & 符号\t制表符\n换行";
        b.sources.push_back(s);
    }
    const auto cite = [](std::uint64_t source, std::string note = {}) {
        Citation c;
        c.source = SourceId{source};
        c.note = std::move(note);
        return c;
    };
    {
        Industry c27;
        c27.id = IndustryId{1};
        c27.scheme = "GB/T 4754-2017";
        c27.code = "C27";
        c27.name.zh = "医药制造业";
        c27.name.en = "Manufacture of medicines";
        Industry c2710 = c27;
        c2710.id = IndustryId{2};
        c2710.code = "C2710";
        c2710.name.zh = "化学药品原料药制造";
        c2710.name.en.reset();
        c2710.parent = IndustryId{1};
        c2710.sources.push_back(cite(1, "表1"));
        b.industries = {c27, c2710};
    }
    {
        Park zone;
        zone.id = ParkId{1};
        zone.name.zh = "重庆高新区";
        zone.name.en = "Chongqing Hi-tech Zone";
        zone.kind = ParkKind::national_high_tech_zone;
        zone.province = "重庆市";
        zone.city = "重庆市";
        zone.admin_code = 500107;
        zone.established = ReportedDate::quarter(2020, 3);
        zone.area = Area::of(225, AreaKind::Unit::square_kilometre);
        zone.leading_industries = {IndustryId{1}};
        zone.sources = {cite(1), cite(2, "第二段")};
        Park sub;
        sub.id = ParkId{2};
        sub.name.zh = "西永微电园";
        sub.kind = ParkKind::industrial_park;
        sub.parent = ParkId{1};
        sub.area = Area::of(Decimal<4>::parse("12.5"), AreaKind::Unit::mu);
        sub.leading_industries = {IndustryId{2}, IndustryId{1}};
        b.parks = {zone, sub};
    }
    {
        Enterprise e1;
        e1.id = EnterpriseId{1};
        e1.name.zh = "重庆智慧医药有限公司";
        const std::string first17 = "91500000MA5U7T4X0";
        e1.credit_code = CreditCode::parse(first17 + CreditCode::check_character(first17));
        e1.park = ParkId{1};
        e1.industries = {IndustryId{2}};
        Listing l;
        l.market = "上海证券交易所科创板";
        l.date = ReportedDate::day(2020, 5, 18);
        e1.listing = l;
        e1.high_tech = true;
        e1.sources = {cite(1)};
        Enterprise e2;
        e2.id = EnterpriseId{2};
        e2.name.zh = "韩国某电子";
        e2.name.en = "Korea Electronics";
        e2.park = ParkId{2};
        e2.origin.kind = OriginKind::foreign;
        e2.origin.country = "KR";
        b.enterprises = {e1, e2};
    }
    {
        Bank bank;
        bank.id = BankId{1};
        bank.name.zh = "鄞州银行";
        bank.branch = "高新支行";
        bank.kind = BankKind::rural;
        b.banks = {bank};
    }
    {
        const auto amount = [](std::string_view text, Bound bound = Bound::exact, bool estimated = false) {
            ReportedAmount a;
            a.value = Money::parse(text);
            a.bound = bound;
            a.estimated = estimated;
            return a;
        };
        Project p1;
        p1.id = ProjectId{1};
        p1.name.zh = "智慧医药产业园";
        p1.park = ParkId{1};
        Investor lead;
        lead.enterprise = EnterpriseId{1};
        Investor partner;
        partner.enterprise = EnterpriseId{2};
        partner.role = InvestorRole::operator_;
        p1.investors = {lead, partner};
        p1.industries = {IndustryId{1}, IndustryId{2}};
        p1.nature = ProjectNature::new_build;
        p1.contract_investment = amount("605.6亿", Bound::at_least);
        p1.planned_investment = amount("1234.5678元", Bound::about);
        p1.first_phase_investment = amount("3.26亿", Bound::nearly, true);
        p1.funds_in_place = amount("0.01元");
        StageEvent signed_;
        signed_.stage = Stage::contracted;
        signed_.date = ReportedDate::day(2020, 3, 1);
        StageEvent started;
        started.stage = Stage::started;
        started.date = ReportedDate::month(2020, 7);
        p1.stages = {signed_, started};
        p1.sources = {cite(1, "签约")};
        Project p2;
        p2.id = ProjectId{2};
        p2.name.zh = "二期";
        p2.park = ParkId{2};
        p2.parent = ProjectId{1};
        p2.phase = 2;
        p2.nature = ProjectNature::expansion;
        StageEvent half;
        half.stage = Stage::negotiating;
        half.date = ReportedDate::half_year(2020, 2);
        StageEvent year;
        year.stage = Stage::suspended;
        year.date = ReportedDate::year(2021);
        p2.stages = {half, year};
        b.projects = {p1, p2};
    }
    {
        Loan loan;
        loan.id = LoanId{1};
        loan.name.zh = "制造业资金合作计划";
        loan.lender = BankId{1};
        loan.borrowers = {EnterpriseId{2}, EnterpriseId{1}};
        loan.borrower_count = 10;
        loan.instrument = LoanInstrument::programme;
        loan.commitment.value = Money::parse("3亿美元");
        loan.commitment.bound = Bound::more_than;
        loan.inception = ReportedDate::month(2020, 1);
        loan.maturity = ReportedDate::year(2023);
        loan.interest_rate = Decimal<6>::parse("0.0435");
        loan.guarantee = GuaranteeType::pledge;
        loan.purpose = "流动资金";
        LoanSnapshot s1;
        s1.as_of = make_date(2020, 3, 31);
        s1.outstanding = Money::parse("1亿美元");
        s1.undrawn = Money::parse("2亿美元");
        LoanSnapshot s2;
        s2.as_of = make_date(2020, 6, 30);
        s2.outstanding = Money::parse("2.5亿美元");
        loan.snapshots = {s1, s2};
        loan.sources = {cite(2)};
        b.loans = {loan};
    }
    {
        WasteFacility f;
        f.id = WasteFacilityId{1};
        f.name.zh = "危险废物集中暂存库";
        f.park = ParkId{2};
        f.operator_enterprise = EnterpriseId{2};
        f.kind = WasteFacilityKind::collection;
        ReportedAmount investment;
        investment.value = Money::parse("800万");
        f.investment = investment;
        f.floor_area = Area::parse("103.77平方米");
        f.storage_capacity = Mass::parse("291吨");
        f.max_annual_throughput = AnnualThroughput::parse("5000吨/年");
        WasteLicence licence;
        licence.number = "京危经第001号";
        licence.type = LicenceType::collection;
        licence.modes = {OperatingMode::collection, OperatingMode::storage};
        LicensedCategory hw08;
        hw08.category = HwCategory(8);
        hw08.approved = AnnualThroughput::parse("3000吨/年");
        LicensedCategory hw49;
        hw49.category = HwCategory(49);
        licence.categories = {hw08, hw49};
        licence.approved_total = AnnualThroughput::parse("4000吨/年");
        licence.issued = make_date(2019, 12, 1);
        licence.expires = make_date(2024, 11, 30);
        f.licence = licence;
        f.commissioned = ReportedDate::month(2020, 6);
        f.served_enterprises = {EnterpriseId{1}};
        YearlyThroughput y;
        y.year = 2020;
        y.handled = Mass::parse("1200.5吨");
        f.yearly_throughput = {y};
        b.waste_facilities = {f};
    }
    {
        const auto stat = [&](std::uint64_t id, Indicator indicator, std::optional<StatisticValue> value) {
            ReportedStatistic s;
            s.id = StatisticId{id};
            s.scope = ParkId{id % 2 == 0 ? 2u : 1u};
            s.indicator = indicator;
            s.label = "统计" + std::to_string(id);
            s.period = Period::half_year(2020, 1);
            s.value = std::move(value);
            s.sources = {cite(1)};
            return s;
        };
        auto signed_projects = stat(1, Indicator::signed_projects, StatisticValue{std::int64_t{39}});
        signed_projects.unit = "个";
        auto investment = stat(2, Indicator::contract_investment, StatisticValue{Money::parse("605.6亿")});
        investment.period = Period::year_to_date(2020, 6);
        Comparison yoy;
        yoy.change = Percent(Ratio(49, 1000));
        investment.comparison = yoy;
        auto share = stat(3, Indicator::industry_share, StatisticValue{Percent(Ratio(1, 3))});
        share.bound = Bound::more_than;
        share.period = Period::quarter(2020, 2);
        auto area = stat(4, Indicator::other, StatisticValue{Area::of(225, AreaKind::Unit::square_kilometre)});
        area.period = Period::as_of(make_date(2020, 7, 6));
        auto mass = stat(5, Indicator::other, StatisticValue{Mass::parse("291吨")});
        mass.period = Period::month(2020, 6);
        auto flow = stat(6, Indicator::other, StatisticValue{AnnualThroughput::parse("5000吨/年")});
        flow.period = Period::year(2020);
        auto date = stat(7, Indicator::awards, StatisticValue{ReportedDate::day(2019, 4, 30)});
        date.period = Period::range(make_date(2019, 1, 1), make_date(2020, 7, 31));
        auto only_change = stat(8, Indicator::fixed_asset_investment, std::nullopt);
        Comparison down;
        down.kind = ComparisonKind::vs_previous_year_end;
        down.change = Percent(Ratio(-25, 1000));
        down.bound = Bound::about;
        only_change.comparison = down;
        b.statistics = {signed_projects, investment, share, area, mass, flow, date, only_change};
    }
    Dataset d;
    d.insert(std::move(b));
    return d;
}

// ---------------------------------------------------------------------------------------------
// Small random datasets from the synthetic generator: 0-2 parks, 0-1 enterprises, 0-2 projects,
// 0-1 loans with 0-2 snapshots, 0-1 facilities, some statistics of one year. The generator always
// adds an industry scheme, 10 banks and 6 sources per year; keeping a random part of those
// (closed under the references that stay) makes datasets of 0 to about 20 records, 5 on average.

inline Dataset random_dataset(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const auto pick = [&](std::uint64_t n) { return static_cast<std::size_t>(rng() % (n + 1)); };
    samples::SyntheticOptions o;
    o.seed = rng();
    o.parks = pick(1);
    o.sub_parks_per_park = pick(1);
    o.enterprises = pick(1);
    o.projects = o.parks == 0 ? 0 : pick(2);
    o.loans = o.parks == 0 ? 0 : pick(1);
    o.snapshots_per_loan = pick(2);
    o.waste_facilities = o.parks == 0 || pick(3) != 0 ? 0 : 1;
    o.first_year = 2018 + static_cast<int>(pick(2));
    o.last_year = o.first_year;
    Batch b = samples::synthetic_batch(o);

    const auto keep = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
    std::set<std::uint64_t> industries;
    for (const Industry& i : b.industries)
        if (keep(3)) industries.insert(i.id.value());
    // Close under parents (parents come before children in the generator's order).
    for (auto it = b.industries.rbegin(); it != b.industries.rend(); ++it)
        if (industries.count(it->id.value()) != 0 && it->parent) industries.insert(it->parent->value());
    std::erase_if(b.industries, [&](const Industry& i) { return industries.count(i.id.value()) == 0; });
    const auto filter_industries = [&](std::vector<IndustryId>& ids) {
        std::erase_if(ids, [&](IndustryId id) { return industries.count(id.value()) == 0; });
    };
    std::set<std::uint64_t> banks;
    for (const Loan& l : b.loans) banks.insert(l.lender.value());
    for (const Bank& bank : b.banks)
        if (keep(3)) banks.insert(bank.id.value());
    std::erase_if(b.banks, [&](const Bank& bank) { return banks.count(bank.id.value()) == 0; });
    std::set<std::uint64_t> sources;
    for (const Source& s : b.sources)
        if (keep(10)) sources.insert(s.id.value());
    std::erase_if(b.sources, [&](const Source& s) { return sources.count(s.id.value()) == 0; });
    const auto filter_sources = [&](std::vector<Citation>& cs) {
        std::erase_if(cs, [&](const Citation& c) { return sources.count(c.source.value()) == 0; });
    };
    std::erase_if(b.statistics, [&](const ReportedStatistic&) { return !keep(20); });

    for (Industry& r : b.industries) filter_sources(r.sources);
    for (Park& r : b.parks) {
        filter_industries(r.leading_industries);
        filter_sources(r.sources);
    }
    for (Enterprise& r : b.enterprises) {
        filter_industries(r.industries);
        filter_sources(r.sources);
    }
    for (Bank& r : b.banks) filter_sources(r.sources);
    for (Project& r : b.projects) {
        filter_industries(r.industries);
        filter_sources(r.sources);
    }
    for (Loan& r : b.loans) filter_sources(r.sources);
    for (WasteFacility& r : b.waste_facilities) filter_sources(r.sources);
    for (ReportedStatistic& r : b.statistics) filter_sources(r.sources);
    Dataset d;
    d.insert(std::move(b));
    return d;
}

// ---------------------------------------------------------------------------------------------
// Binary archives by hand (little endian, as on every machine these tests run on; checked in
// the tests that use them).

inline void put_u8(std::string& b, std::uint8_t v) { b += static_cast<char>(v); }
inline void put_u32(std::string& b, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b += static_cast<char>((v >> (8 * i)) & 0xFF);
}
inline void put_u64(std::string& b, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) b += static_cast<char>((v >> (8 * i)) & 0xFF);
}
inline void put_string(std::string& b, std::string_view s) {
    put_u64(b, s.size());
    b += s;
}

/// The start of a binary dataset archive: the Dataset class version (1) and the format marker.
/// 4 + 8 + 18 = 30 bytes; the size of the sources list follows.
inline std::string binary_dataset_header() {
    std::string b;
    put_u32(b, 1);
    put_string(b, "parkinvest.dataset");
    return b;
}

}  // namespace parkinvest::test
