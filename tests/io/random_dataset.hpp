// SPDX-License-Identifier: MIT
// Random datasets that use every field of every entity — every optional set or not, every enum
// value, every currency, amounts finer than a fen, huge and negative amounts, percentages that
// are no finite decimal, areas in 亩 that are no whole number of m², dates of every precision
// from 1400 to 9999, periods of every kind, and texts with commas, quotes, line breaks, tabs,
// NUL bytes, a byte order mark and non-BMP characters. Every batch passes the Dataset's
// validation. Deterministic per seed (std::mt19937_64 only; no floating point).
#pragma once

#include <parkinvest/model/dataset.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace parkinvest::test {

class RandomDataset {
public:
    explicit RandomDataset(std::uint64_t seed) : rng_(seed) {}

    /// A valid batch with about `n` records of each main type (at least one).
    Batch batch(std::size_t n) {
        Batch b;
        const std::size_t sources = 1 + below(n + 1);
        for (std::size_t i = 0; i < sources; ++i) {
            Source s;
            s.id = SourceId(id_for(i));
            s.publication = nonempty_text();
            if (chance(2)) s.date = reported_date();
            s.section = text();
            s.note = text();
            b.sources.push_back(s);
        }
        for (const Source& s : b.sources) source_ids_.push_back(s.id);

        const std::size_t industries = 1 + below(n + 1);
        for (std::size_t i = 0; i < industries; ++i) {
            Industry r;
            r.id = IndustryId(id_for(i));
            r.scheme = chance(2) ? "GB/T 4754-2017" : "园区主导产业";
            r.code = "C" + std::to_string(i) + (chance(3) ? ",\"x\"" : "");
            r.name = name();
            // Parents: an earlier industry of the same scheme (no cycles).
            for (std::size_t j = 0; j < i; ++j)
                if (b.industries[j].scheme == r.scheme && chance(3)) r.parent = b.industries[j].id;
            r.sources = citations();
            b.industries.push_back(r);
        }

        const std::size_t parks = 1 + below(n + 1);
        for (std::size_t i = 0; i < parks; ++i) {
            Park p;
            p.id = ParkId(id_for(i));
            p.name = name();
            p.kind = pick_enum<ParkKind>(6);
            p.province = text();
            p.city = text();
            if (chance(2)) p.admin_code = static_cast<std::uint32_t>(110000 + below(719'999 + 1));
            if (i > 0 && chance(2)) p.parent = b.parks[below(i)].id;
            if (chance(2)) p.established = reported_date();
            if (chance(2)) p.area = positive_area();
            p.leading_industries = distinct_ids(b.industries);
            p.sources = citations();
            b.parks.push_back(p);
        }

        const std::size_t enterprises = 1 + below(n + 1);
        for (std::size_t i = 0; i < enterprises; ++i) {
            Enterprise e;
            e.id = EnterpriseId(id_for(i));
            e.name = name();
            if (chance(2)) e.credit_code = credit_code();
            if (chance(4) != 0 || i == 0) e.park = b.parks[below(b.parks.size())].id;  // the first has a park
            e.industries = distinct_ids(b.industries);
            e.origin.kind = pick_enum<OriginKind>(3);
            if (e.origin.kind == OriginKind::foreign) e.origin.country = chance(2) ? "KR" : "DE";
            if (e.origin.kind == OriginKind::hk_macao_taiwan && chance(2)) e.origin.country = "HK";
            if (chance(3)) {
                Listing l;
                l.market = nonempty_text();
                if (chance(2)) l.date = reported_date();
                e.listing = l;
            }
            e.high_tech = chance(2) != 0;
            e.sources = citations();
            b.enterprises.push_back(e);
        }

        const std::size_t banks = 1 + below(n + 1);
        for (std::size_t i = 0; i < banks; ++i) {
            Bank k;
            k.id = BankId(id_for(i));
            k.name = name();
            k.branch = text();
            k.kind = pick_enum<BankKind>(7);
            k.sources = citations();
            b.banks.push_back(k);
        }

        const std::size_t projects = 1 + below(n + 1);
        for (std::size_t i = 0; i < projects; ++i) {
            Project p;
            p.id = ProjectId(id_for(i));
            p.name = name();
            p.park = b.parks[below(b.parks.size())].id;
            for (const Enterprise& e : b.enterprises)
                if (chance(4) == 0) p.investors.push_back(Investor{e.id, pick_enum<InvestorRole>(4)});
            p.industries = distinct_ids(b.industries);
            if (chance(2)) p.nature = pick_enum<ProjectNature>(4);
            const Currency c = currency();
            if (chance(2)) p.contract_investment = amount(c);
            if (chance(2)) p.planned_investment = amount(c);
            if (chance(3)) p.first_phase_investment = amount(c);
            if (chance(3)) p.funds_in_place = amount(c);
            if (i > 0 && chance(3)) p.parent = b.projects[below(i)].id;
            if (chance(3)) p.phase = 1 + static_cast<int>(below(5));
            p.stages = stages();
            p.sources = citations();
            b.projects.push_back(p);
        }

        const std::size_t loans = 1 + below(n + 1);
        for (std::size_t i = 0; i < loans; ++i) {
            Loan l;
            l.id = LoanId(id_for(i));
            if (chance(2)) l.name.zh = text();
            const int en = static_cast<int>(below(3));
            if (en == 1) l.name.en = std::string();  // present but empty: allowed for loans
            if (en == 2) l.name.en = nonempty_text();
            l.lender = b.banks[below(b.banks.size())].id;
            l.instrument = pick_enum<LoanInstrument>(4);
            if (l.instrument == LoanInstrument::programme) {
                l.borrowers = distinct_ids(b.enterprises);
            } else if (chance(2)) {
                l.borrowers.push_back(b.enterprises[below(b.enterprises.size())].id);
            }
            if (chance(2)) l.borrower_count = static_cast<std::int64_t>(l.borrowers.size() + below(20));
            l.park = b.parks[below(b.parks.size())].id;  // always given: valid whatever the borrowers
            const Currency c = currency();
            l.commitment = amount(c);
            if (chance(2)) l.inception = ReportedDate::day(2019, 1 + static_cast<int>(below(12)), 1);
            if (chance(2)) l.maturity = ReportedDate::year(2030 + static_cast<int>(below(10)));
            if (chance(2)) l.interest_rate = Decimal<6>::from_units(static_cast<std::int64_t>(below(200'000)));
            if (chance(2)) l.guarantee = pick_enum<GuaranteeType>(4);
            l.purpose = text();
            Date d(2018, 1, 31);
            const std::size_t snapshots = below(4);
            for (std::size_t k = 0; k < snapshots; ++k) {
                d = d + boost::gregorian::days(1 + static_cast<long>(below(400)));
                LoanSnapshot s;
                s.as_of = d;
                s.outstanding = money(c, false);
                if (chance(2)) s.undrawn = money(c, false);
                l.snapshots.push_back(s);
            }
            l.sources = citations();
            b.loans.push_back(l);
        }

        const std::size_t facilities = 1 + below(n + 1);
        for (std::size_t i = 0; i < facilities; ++i) {
            WasteFacility f;
            f.id = WasteFacilityId(id_for(i));
            f.name = name();
            f.park = b.parks[below(b.parks.size())].id;
            if (chance(2)) f.operator_enterprise = b.enterprises[below(b.enterprises.size())].id;
            f.kind = pick_enum<WasteFacilityKind>(5);
            if (chance(2)) f.investment = amount(currency());
            if (chance(2)) f.floor_area = positive_area();
            if (chance(2)) f.storage_capacity = Mass::from_base(1 + static_cast<std::int64_t>(below(1'000'000'000)));
            if (chance(2)) f.max_annual_throughput = AnnualThroughput::from_base(1 + static_cast<std::int64_t>(below(1'000'000'000)));
            if (chance(2)) {
                WasteLicence lic;
                lic.number = nonempty_text();
                lic.type = pick_enum<LicenceType>(2);
                for (int m = 0; m < 4; ++m)
                    if (chance(2)) lic.modes.push_back(static_cast<OperatingMode>(m));
                for (int cat = 1; cat <= 50; ++cat) {
                    if (chance(12) != 0) continue;
                    LicensedCategory lc;
                    lc.category = HwCategory(cat);
                    if (chance(2)) lc.approved = AnnualThroughput::from_base(1 + static_cast<std::int64_t>(below(1'000'000'000)));
                    lic.categories.push_back(lc);
                }
                if (chance(2)) lic.approved_total = AnnualThroughput::from_base(1 + static_cast<std::int64_t>(below(1'000'000'000)));
                if (chance(2)) lic.issued = Date(2019, 3, 1);
                if (chance(2)) lic.expires = Date(2024, 2, 29);
                f.licence = lic;
            }
            if (chance(2)) f.commissioned = reported_date();
            f.served_enterprises = distinct_ids(b.enterprises);
            int year = 2015 + static_cast<int>(below(3));
            const std::size_t years = below(4);
            for (std::size_t k = 0; k < years; ++k) {
                year += 1 + static_cast<int>(below(2));
                f.yearly_throughput.push_back(YearlyThroughput{year, Mass::from_base(static_cast<std::int64_t>(below(1'000'000'000)))});
            }
            f.sources = citations();
            b.waste_facilities.push_back(f);
        }

        const std::size_t statistics = 1 + below(n + 1);
        for (std::size_t i = 0; i < statistics; ++i) {
            ReportedStatistic s;
            s.id = StatisticId(id_for(i));
            s.scope = b.parks[below(b.parks.size())].id;
            s.indicator = pick_enum<Indicator>(14);
            s.label = nonempty_text();
            s.period = period();
            s.bound = pick_enum<Bound>(7);
            if (chance(2)) s.unit = nonempty_text();
            const bool with_comparison = chance(2) != 0;
            if (!with_comparison || chance(2)) {
                switch (below(7)) {
                case 0:
                    s.value = static_cast<std::int64_t>(below(1'000'000));
                    if (s.unit.empty()) s.unit = "个";
                    break;
                case 1: s.value = money(currency(), true); break;
                case 2: s.value = percent(); break;
                case 3: s.value = positive_area(); break;
                case 4: s.value = Mass::from_base(static_cast<std::int64_t>(below(1'000'000'000))); break;
                case 5: s.value = AnnualThroughput::from_base(static_cast<std::int64_t>(below(1'000'000'000))); break;
                default: s.value = reported_date(); break;
                }
            }
            if (with_comparison) s.comparison = Comparison{pick_enum<ComparisonKind>(3), percent(), pick_enum<Bound>(7)};
            s.sources = citations();
            b.statistics.push_back(s);
        }
        return b;
    }

private:
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }
    std::uint64_t chance(std::uint64_t n) { return below(n) == 0 ? 1 : 0; }
    template <class E>
    E pick_enum(std::uint64_t n) {
        return static_cast<E>(below(n));
    }
    /// Ids: small, shuffled-looking, some huge (but never 2^64 - 1, which is reserved).
    std::uint64_t id_for(std::size_t i) {
        static constexpr std::uint64_t big = 18'446'744'073'709'551'000ULL;
        return (i % 3 == 2 ? big : 1 + 1000 * (rng_() % 5)) + i;
    }

    std::string text() {
        static constexpr std::array<std::string_view, 16> pool = {
            "", "plain", "with,comma", "with \"quotes\"", "line\nbreak", "crlf\r\nbreak", "lone\rcr",
            " spaces around ", "中关村科技园区", "emoji 😀 and 𠀋", "tab\there", "\xEF\xBB\xBF" "bom first",
            "=SUM(A1)", "a;b；c", "\\back\\slash", "trailing quote\""};
        std::string s(pool[below(pool.size())]);
        if (chance(8)) s += std::string("nul\0inside", 10);
        return s;
    }
    std::string nonempty_text() {
        std::string s = text();
        return s.empty() ? "非空" : s;
    }
    Name name() {
        Name n;
        n.zh = nonempty_text();
        if (chance(2)) n.en = nonempty_text();
        return n;
    }
    std::vector<Citation> citations() {
        std::vector<Citation> cs;
        const std::size_t k = below(3);
        for (std::size_t i = 0; i < k; ++i) cs.push_back(Citation{source_ids_[below(source_ids_.size())], text()});
        return cs;
    }
    template <class Record>
    std::vector<decltype(Record::id)> distinct_ids(const std::vector<Record>& records) {
        std::vector<decltype(Record::id)> ids;
        for (const Record& r : records)
            if (chance(3)) ids.push_back(r.id);
        return ids;
    }
    Currency currency() {
        static constexpr std::array<Currency, 7> all = {Currency::CNY, Currency::USD, Currency::EUR, Currency::JPY,
                                                        Currency::KRW, Currency::HKD, Currency::GBP};
        return chance(2) ? Currency::CNY : all[below(all.size())];
    }
    Money money(Currency c, bool may_be_negative) {
        detail::i128 units = 0;
        switch (below(5)) {
        case 0: units = static_cast<detail::i128>(below(1000)); break;                      // below a fen
        case 1: units = static_cast<detail::i128>(below(100'000)) * 100; break;             // whole fen
        case 2: units = static_cast<detail::i128>(below(1'000'000)) * 10'000 * 10'000; break;  // 万
        case 3: units = Money::max_units() - static_cast<detail::i128>(below(1000)); break;   // huge
        default: units = static_cast<detail::i128>(rng_()) * static_cast<detail::i128>(rng_() % 1'000'000); break;
        }
        if (units < 0) units = -units;
        if (may_be_negative && chance(3)) units = -units;
        return Money::from_units(units, c);
    }
    ReportedAmount amount(Currency c) {
        ReportedAmount a;
        a.value = money(c, false);
        a.bound = pick_enum<Bound>(7);
        a.estimated = chance(3) != 0;
        return a;
    }
    Area positive_area() {
        switch (below(3)) {
        case 0: return Area::of(static_cast<std::int64_t>(1 + below(1000)), AreaKind::Unit::mu);  // often no whole m²
        case 1: return Area::from_base(1 + static_cast<std::int64_t>(below(1'000'000'000)));
        default: return Area::of(Decimal<2>::from_units(1 + static_cast<std::int64_t>(below(100'000))), AreaKind::Unit::square_kilometre);
        }
    }
    Percent percent() {
        switch (below(3)) {
        case 0: return Percent(Ratio(static_cast<std::int64_t>(below(2001)) - 1000, 1000));
        case 1: return Percent(Ratio(static_cast<std::int64_t>(below(100)) + 1, static_cast<std::int64_t>(below(99)) + 1));  // 1/3 ...
        default: return Percent(Ratio(static_cast<std::int64_t>(rng_() % 1'000'000'007), std::int64_t{1} << 40));
        }
    }
    CreditCode credit_code() {
        static constexpr std::string_view set = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        std::string s;
        for (int i = 0; i < 17; ++i) s += set[below(set.size())];
        s += CreditCode::check_character(s);
        return CreditCode::parse(s);
    }
    int year() {
        switch (below(4)) {
        case 0: return 1400;
        case 1: return 9999;
        default: return 1950 + static_cast<int>(below(150));
        }
    }
    ReportedDate reported_date() {
        const int y = year();
        switch (below(5)) {
        case 0: return ReportedDate::day(y, 1 + static_cast<int>(below(12)), 1 + static_cast<int>(below(28)));
        case 1: return ReportedDate::month(y, 1 + static_cast<int>(below(12)));
        case 2: return ReportedDate::quarter(y, 1 + static_cast<int>(below(4)));
        case 3: return ReportedDate::half_year(y, 1 + static_cast<int>(below(2)));
        default: return ReportedDate::year(y);
        }
    }
    Period period() {
        const int y = year();
        const int m = 1 + static_cast<int>(below(12));
        switch (below(8)) {
        case 0: return Period::year(y);
        case 1: return Period::half_year(y, 1 + static_cast<int>(below(2)));
        case 2: return Period::quarter(y, 1 + static_cast<int>(below(4)));
        case 3: return Period::month(y, m);
        case 4: return Period::year_to_date(y, m);
        case 5: return Period::as_of(make_date(y, m, 1 + static_cast<int>(below(28))));
        case 6: return Period::as_of_month_end(y, m);
        default: return Period::range(make_date(y, m, 1), make_date(y, 12, 31));
        }
    }
    std::vector<StageEvent> stages() {
        std::vector<StageEvent> events;
        const std::size_t k = below(5);
        int stage = 0;
        Date d(2019, 1, 1);
        for (std::size_t i = 0; i < k; ++i) {
            stage += static_cast<int>(below(2));
            if (stage > 5) break;
            d = d + boost::gregorian::days(static_cast<long>(below(200)));
            ReportedDate rd = chance(2) ? ReportedDate(d) : ReportedDate::day(d.year(), d.month(), d.day());
            events.push_back(StageEvent{static_cast<Stage>(stage), rd});
        }
        if (chance(4)) {
            d = d + boost::gregorian::days(1);
            events.push_back(StageEvent{chance(2) ? Stage::suspended : Stage::cancelled, ReportedDate(d)});
        }
        return events;
    }

    std::mt19937_64 rng_;
    std::vector<SourceId> source_ids_;
};

}  // namespace parkinvest::test
