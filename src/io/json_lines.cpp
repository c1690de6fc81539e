// SPDX-License-Identifier: MIT
// JSON Lines export: one record per line, every line an object whose first key "entity" names
// its type ("park", "project" ...). Each line of one entity type has the same keys (null for a
// missing value), so DuckDB's read_json and Spark infer one stable schema per type.
//
// Money: "contract_investment": "60560000000.00" (exact, never rounded), the same amount as an
// integer of minor units in "contract_investment_minor" (null when it is not a whole number of
// minor units or does not fit 64 bits), and the record's "currency". Dates with a precision are
// objects {"text": "2020-07", "precision": "month", "first": "2020-07-01", "last": "2020-07-31"};
// quantities are exact text with a unit ("225000000平方米") plus a decimal in m², t or t/a; an
// area, whose decimal in m² may not terminate (1亩 = 2000/3 m²), also as the integer of its exact
// base unit, "<area>_m2_x30000" (the area in m² times 30,000), which sums exactly. The import is
// json_lines_read.cpp.
#include "internal.hpp"
#include "json_lines_write.hpp"

#include <ostream>
#include <span>
#include <string>

namespace parkinvest::io::detail {

namespace {

template <class Record>
void reference_of(std::string& md) {
    md += "\n- **";
    md += schema::Describe<Record>::entity;
    md += "**: ";
    std::string members = "`entity`";
    KeyLister rest(members);
    const Record blank{};
    walk_record(rest, blank);
    md += members;
    md += '\n';
}

template <class Record>
void lines(std::ostream& out, std::string& buffer, std::span<const Record> records) {
    for (const Record& r : records) {
        const std::size_t mark = buffer.size();
        try {
            LineWriter o(buffer);
            o.entity(schema::Describe<Record>::entity);
            walk_record(o, r);
            o.close();
        } catch (const ArgumentError& e) {
            buffer.resize(mark);
            throw ArgumentError("parkinvest: cannot write " + r.id.to_string() + " as JSON Lines: " + e.what());
        }
        buffer += '\n';
        if (buffer.size() >= (1u << 16)) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    }
}

}  // namespace

void json_lines_reference(std::string& md) {
    std::apply([&](auto... blank) { (reference_of<decltype(blank)>(md), ...); }, schema::Records{});
}

void save_json_lines(const Dataset& ds, std::ostream& out) {
    std::string buffer;
    lines(out, buffer, ds.sources());
    lines(out, buffer, ds.industries());
    lines(out, buffer, ds.parks());
    lines(out, buffer, ds.enterprises());
    lines(out, buffer, ds.banks());
    lines(out, buffer, ds.projects());
    lines(out, buffer, ds.loans());
    lines(out, buffer, ds.waste_facilities());
    lines(out, buffer, ds.statistics());
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace parkinvest::io::detail
