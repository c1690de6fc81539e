// SPDX-License-Identifier: MIT
// io::Snapshot of arbitrary bytes: open() gives a FormatError or a snapshot whose columns answer
// a query (count, sum and group by park and by amount band) or refuse a bad column with a
// FormatError, which dataset() must then give too; dataset() gives a FormatError
// or a dataset whose columns are the snapshot's and whose own queries give the same answers, and
// which round-trips through the snapshot and portable binary formats (archive_fuzz_support.hpp).
#include "archive_fuzz_support.hpp"

#include <parkinvest/io/snapshot.hpp>
#include <parkinvest/query/query.hpp>

namespace {

using namespace parkinvest;
namespace q = parkinvest::query;

void require_named(const FormatError& e, std::size_t size) {
    fuzz::require(!e.problems().empty());
    for (const FormatProblem& p : e.problems()) {
        fuzz::require(p.input == "fuzz");
        fuzz::require(!p.reason.empty());
        fuzz::require(!p.byte || *p.byte <= size);
    }
}

template <class Query>
std::vector<q::Table> answers(const Query& query) {
    const auto field = &Project::contract_investment;
    return {query.group_by(q::by_park()).aggregate(q::count(), q::sum(field)),
            query.where(q::amount_at_least(field, Money::from_units(1'000'000))).aggregate(q::count()),
            query.group_by(q::by_amount_band(field, {Money::from_units(10'000), Money::from_units(100'000'000)})).aggregate(q::count())};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    std::optional<io::Snapshot> snap;
    try {
        snap.emplace(io::Snapshot::from_bytes(bytes, io::LoadOptions{}, "fuzz"));
    } catch (const FormatError& e) {
        require_named(e, size);
        return 0;
    }
    std::vector<q::Table> from_columns;
    bool bad_column = false;
    try {
        from_columns = answers(q::from(snap->others(), snap->project_columns()));
    } catch (const QueryError&) {  // mixed currencies in one sum: the records' query says the same
    } catch (const FormatError& e) {  // a column the query read is bad: dataset() must refuse the file too
        require_named(e, size);
        bad_column = true;
    }
    Dataset ds;
    try {
        ds = snap->dataset();
    } catch (const FormatError& e) {
        require_named(e, size);
        return 0;
    }
    fuzz::require(!bad_column);
    std::vector<q::Table> from_records;
    try {
        from_records = answers(q::from(ds, ds.projects()));
    } catch (const QueryError&) {
    }
    fuzz::require(from_columns == from_records);
    parkinvest::fuzz::load_and_round_trip(data, size, io::Format::snapshot);
    return 0;
}
