// SPDX-License-Identifier: MIT
// io::csv::read_table on arbitrary bytes. The first byte picks the table, the rest is its CSV
// text, read into a batch that already holds a few parents (so that child tables can attach).
// The read either throws FormatError — with problems that point inside the input, and the
// batch unchanged — or succeeds; a batch the Dataset accepts must then survive write_table and
// read_table unchanged. Any other exception, a crash or a sanitizer report is a finding.
#include <parkinvest/io/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

namespace {

using namespace parkinvest;
using io::csv::TableId;

void require(bool ok) {
    if (!ok) std::abort();
}

/// Parents for the child tables: parks 1-2, an industry, an enterprise, a bank, projects 1-2,
/// a loan, facilities 1 (licensed) and 2, a statistic and a source.
Batch parents() {
    Batch b;
    b.sources.push_back(Source{SourceId(1), "来源", std::nullopt, "", ""});
    Industry industry;
    industry.id = IndustryId(1);
    industry.scheme = "GB/T 4754-2017";
    industry.code = "C";
    industry.name.zh = "制造业";
    b.industries.push_back(industry);
    for (std::uint64_t id = 1; id <= 2; ++id) {
        Park p;
        p.id = ParkId(id);
        p.name.zh = "园区";
        b.parks.push_back(p);
        Project project;
        project.id = ProjectId(id);
        project.name.zh = "项目";
        project.park = ParkId(1);
        b.projects.push_back(project);
        WasteFacility f;
        f.id = WasteFacilityId(id);
        f.name.zh = "暂存库";
        f.park = ParkId(1);
        if (id == 1) f.licence = WasteLicence{"HW-1", LicenceType::comprehensive, {}, {}, std::nullopt, std::nullopt, std::nullopt};
        b.waste_facilities.push_back(f);
    }
    Enterprise e;
    e.id = EnterpriseId(1);
    e.name.zh = "企业";
    e.park = ParkId(1);
    b.enterprises.push_back(e);
    Bank bank;
    bank.id = BankId(1);
    bank.name.zh = "银行";
    b.banks.push_back(bank);
    Loan loan;
    loan.id = LoanId(1);
    loan.lender = BankId(1);
    loan.park = ParkId(1);
    b.loans.push_back(loan);
    ReportedStatistic s;
    s.id = StatisticId(1);
    s.scope = ParkId(1);
    s.label = "签约项目";
    s.value = std::int64_t{1};
    s.unit = "个";
    b.statistics.push_back(s);
    return b;
}

/// The batch without the records of `table` (for reading that table's export back).
Batch parents_without(TableId table) {
    Batch b = parents();
    switch (table) {
    case TableId::sources: b.sources.clear(); break;
    case TableId::industries: b.industries.clear(); break;
    case TableId::parks: b.parks.clear(); break;
    case TableId::enterprises: b.enterprises.clear(); break;
    case TableId::banks: b.banks.clear(); break;
    case TableId::projects: b.projects.clear(); break;
    case TableId::loans: b.loans.clear(); break;
    case TableId::waste_facilities: b.waste_facilities.clear(); break;
    case TableId::statistics: b.statistics.clear(); break;
    default: break;  // child tables: the parents have no children yet
    }
    return b;
}

std::size_t children(const Batch& b) {
    std::size_t n = 0;
    for (const auto& p : b.projects) n += p.investors.size() + p.stages.size() + p.sources.size();
    for (const auto& l : b.loans) n += l.snapshots.size() + l.sources.size();
    for (const auto& f : b.waste_facilities)
        n += f.yearly_throughput.size() + f.sources.size() + (f.licence ? f.licence->categories.size() : 0);
    for (const auto& p : b.parks) n += p.sources.size();
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto tables = io::csv::tables();
    const TableId table = tables[data[0] % tables.size()];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    io::LoadOptions options;
    options.max_input_bytes = 1 << 20;
    options.max_records = 10'000;

    Batch batch = parents();
    const std::size_t before = batch.size();
    try {
        io::csv::read_table(text, table, batch, options, "fuzz");
    } catch (const FormatError& e) {
        require(!e.problems().empty());
        for (const FormatProblem& p : e.problems()) {
            require(p.input == "fuzz");
            require(!p.reason.empty());
            if (p.byte) require(*p.byte <= text.size());
            if (p.line) require(*p.line >= 1 && *p.line <= text.size() + 1);
            if (p.column) require(*p.column >= 1 && *p.column <= text.size() + 1);
        }
        require(batch.size() == before && children(batch) == 0);  // nothing was added
        return 0;
    }

    Dataset dataset;
    try {
        dataset.insert(std::move(batch));
    } catch (const ValidationError&) {
        return 0;  // read fine, inconsistent as a dataset: the folder loader reports it
    }
    std::string written;
    {
        std::ostringstream out;
        io::csv::write_table(dataset, table, out);
        written = out.str();
    }
    Batch again = parents_without(table);
    io::csv::read_table(written, table, again, options, "written");
    Dataset back;
    back.insert(std::move(again));
    require(back == dataset);
    return 0;
}
