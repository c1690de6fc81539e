// SPDX-License-Identifier: MIT
// The file-format reference (docs/formats.md), generated from the descriptions of the records
// (model/describe.hpp), the enum tables and the CSV and JSON Lines writers themselves.
#include <parkinvest/io/io.hpp>

#include "flat.hpp"
#include "internal.hpp"

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace parkinvest::io {

namespace {

/// Collects the enums the records use, each once, in the order first met.
class EnumCollector {
public:
    std::string md;

    template <described_enum E>
    void add() {
        const std::string_view type = EnumTable<E>::type;
        for (const std::string_view seen : seen_)
            if (seen == type) return;
        seen_.push_back(type);
        md += "\n### ";
        md += type;
        md += "\n\n| name | 中文 | English |\n|---|---|---|\n";
        for (const EnumEntry& e : EnumTable<E>::entries) {
            md += "| `";
            md += e.name;
            md += "` | ";
            md += e.zh;
            md += " | ";
            md += e.en;
            md += " |\n";
        }
        if constexpr (requires { EnumTable<E>::aliases; }) {
            for (const EnumAlias& a : EnumTable<E>::aliases) {
                md += "\nAlso read: `";
                md += a.name;
                md += "` for `";
                md += EnumTable<E>::entries[a.index].name;
                md += "` (written by 0.1.0).\n";
            }
        }
    }

    template <class T>
    void type() {
        using U = detail::optional_inner_t<T>;
        if constexpr (described_enum<U>) {
            add<U>();
        } else if constexpr (detail::is_enum_list<U>) {
            add<detail::list_element_t<U>>();
        } else if constexpr (std::is_same_v<U, Money>) {
            add<Currency>();
        } else if constexpr (std::is_same_v<U, ReportedDate>) {
            add<DatePrecision>();
        } else if constexpr (std::is_same_v<U, Period>) {
            add<PeriodKind>();
        } else if constexpr (std::is_same_v<U, StatisticValue>) {
            add<ValueKind>();
            add<Currency>();
            add<DatePrecision>();
        } else if constexpr (schema::described<U>) {
            schema::for_each_field<U>([&](const auto& f) { type<typename std::remove_cvref_t<decltype(f)>::value_type>(); });
        } else if constexpr (detail::is_struct_list<U>) {
            type<detail::list_element_t<U>>();
        }
    }

private:
    std::vector<std::string_view> seen_;
};

template <class R>
void record_reference(std::string& md) {
    using D = schema::Describe<R>;
    md += "\n### ";
    md += D::entity;
    md += " (class version ";
    md += std::to_string(D::version);
    md += ")\n\n";
    md += D::doc;
    md += ".\n\n| field | required | description |\n|---|---|---|\n";
    schema::for_each_field<R>([&](const auto& f) {
        using T = typename std::remove_cvref_t<decltype(f)>::value_type;
        md += "| `";
        md += f.info.name;
        md += "` | ";
        md += f.info.need == schema::Need::required || detail::required_by_type<T> ? "yes" : "no";
        md += " | ";
        md += f.info.doc;
        if (f.info.since > 1) md += " (since version " + std::to_string(f.info.since) + ")";
        md += " |\n";
    });
}

constexpr std::string_view intro = R"(# parkinvest file formats

<!-- Generated from include/parkinvest/model/describe.hpp and the enum tables by
     `parkinvest formats > docs/formats.md`; do not edit by hand. A test fails when this page
     differs from what the code generates. -->

A dataset is saved as a cereal archive (JSON, XML, binary, portable binary), as a folder of CSV
tables, as JSON Lines, or as a snapshot. Every format has the same records and fields, listed once in
`include/parkinvest/model/describe.hpp`; this page is generated from that description.

## Records

Archives (JSON, XML, binary) hold the records with these fields, nested as listed: a name is
`{"zh": ..., "en": ...}`, an optional value is cereal's `{"nullopt": false, "data": ...}`, money is
`{"amount": "60560000000.00", "currency": "CNY"}` (exact decimal text, never floating point), a
reported amount is `{"value": money, "bound": "at_least", "estimated": false}`, dates are
`"2020-07-28"`, reported dates carry their precision (`"2020-07"`, `"2020-Q1"`, `"2020-H1"`,
`"2020"`), percentages are exact fractions (`"221/500"`), quantities are integers of their base
unit (area: 1/30,000 m²; mass: grams; throughput: grams per year). Each record carries its class
version; a field added in a later version is absent from older files and loads as empty.
)";

constexpr std::string_view csv_intro = R"(
## CSV

One RFC 4180 file per table, UTF-8 (written with a byte order mark, read with or without), CRLF
line ends (read: CRLF, LF or CR), a header row naming the columns (any order; names are matched
exactly, table file names in any case). Rules for every table:

- A struct inside a record is a group of columns `<field>_<member>` (`name_zh`, `name_en`,
  `listing_market`); Enterprise's origin kind is the column `origin`. An optional group (a
  listing, a licence, a comparison) is present when any of its cells has a value; its required
  columns are then required.
- A list of records (stages, snapshots, investors, licence categories, yearly throughput,
  citations) is a child table whose rows name their parent in the first column and follow the
  parent's list order; citations of every entity are in `citations.csv`.
- An unquoted empty cell is "no value"; a quoted empty cell (`""`) is an empty text.
- Amounts are plain decimals in the row's `currency` (default CNY); reading also takes every form
  `Money::parse` accepts (`605.6亿元`, `2,140万`). `<amount>_bound` is empty for an exact figure,
  else one of the Bound names; `<amount>_estimated` is `true` for an estimate (预计).
- Reading, an amount may carry its bound words as reports write them (`parse_reported_amount`):
  `10亿元以上` (at_least), `超过5亿元`, `逾5亿元`, `5亿余元`, `30多亿元` (more_than), `约2亿元`,
  `2亿元左右` (about), `近3.26亿元`, `接近3亿元` (nearly), `不超过1亿元`, `1亿元以下`, `1亿元以内`
  (at_most), `不足1亿元`, `不到1亿元`, `低于1亿元` (less_than), or the English labels (`about 5
  billion yuan`). Then `<amount>_bound` may be empty or absent; when it is given it must name the
  same bound, else the row is refused.
- Lists of ids or enum values are one cell separated by `;` (or `；`): `3;7;12`.
- Dates: `2020-06-30`, `2020-07`, `2020-Q3`, `2020-H1`, `2020`, or the Chinese forms
  (`2020年7月28日`). Enums: the name, or the Chinese or English label. Yes/no: `true`/`false`,
  `1`/`0`, `yes`/`no`, `是`/`否`.
)";

constexpr std::string_view json_lines_intro = R"(
## JSON Lines

One record per line (`.jsonl`, `.ndjson`), the line an object whose first member `entity` names its type.
Each line of one entity has the same members (null for a missing value), those of the CSV table
with lists of records as arrays of objects. Typed companions: amounts also in minor units
(`<amount>_minor`, an integer of 分 for CNY; null when not a whole number of minor units or beyond
64 bits), areas in m² (`_m2`, a decimal; null when it does not terminate: 1亩 = 2000/3 m²) and
always as an integer of their exact base unit, 1/30,000 m² (`_m2_x30000`: the area in m² times
30,000, so `sum(floor_area_m2_x30000) / 30000` is the exact total in m²; null only beyond 64 bits),
masses in t (`_t`), throughputs in t/a (`_t_per_year`), a statistic's count as an integer
(`value_count`) and its area in 1/30,000 m² (`value_m2_x30000`); dates with a precision are objects
`{"text": "2020-07", "precision": "month", "first": "2020-07-01", "last": "2020-07-31"}` and periods
`{"text", "kind", "first", "last"}`.

Reading takes what the writer writes and lines written by hand: lines in any order, blank lines,
CRLF and a byte order mark. A member that is a CSV column is read exactly as that CSV cell (amounts
with their bound words, `"2020年6月"`, enum labels); a date or period is its object or its text; a
list of ids or enum names is an array; numbers are read from their text, never as floating
point. Companions (`_minor`, `_m2`, `_m2_x30000`, `_t`, `_t_per_year`, `value_count`, a date's
`precision`, `first`, `last` ...) may be left out or null; when given they must equal what the
writer derives from the value, else the line is refused. Unknown and repeated members are errors.
A line nests at most 4 levels (record, list, element, date).
)";

constexpr std::string_view snapshot_section = R"(
## Snapshots (.pks)

A snapshot holds a dataset so that a query over its projects can answer before any project record
is built (`io::Snapshot`, `parkinvest query FILE.pks`). Integers are little-endian:

| offset | bytes | content |
| --- | --- | --- |
| 0 | 8 | `PKVSNAP` and a line feed (0x0A) |
| 8 | 4 | version, 1 |
| 12 | 4 | reserved, 0 |
| 16 | 8 | the number of projects, n |
| 24 | 8 | length of section 1 |
| 32 | 8 | length of section 2: 112 × n |
| 40 | 8 | length of section 3 |
| 48 | | section 1, then 2, then 3, ending at the end of the file |

1. Every record but the projects: a portable binary archive of a dataset (as `.pbin`).
2. The projects' query columns, n entries each, in this order: the park ids (8 bytes each); for
   each amount field (contract_investment, planned_investment, first_phase_investment,
   funds_in_place) the meta bytes (bit 0 present, bits 1–3 the Bound's position in its enum, bit 4
   estimated), the currency bytes (the position in the Currency enum) and the amounts in
   1/10,000 of the currency's unit (16 bytes each, never negative; an absent amount is 0 with meta
   0 and currency 0); for each stage in enum order the day by whose end the project had reached it
   (4 bytes, signed, Julian day number; 2147483647 for never).
3. The project records: a portable binary archive of the list of projects, in the columns' order.

Opening checks the header, every length against the file, section 1 like a `.pbin` file, and each
column row on its own (its park among section 1's parks, amounts in range and in one currency,
known bounds, stages in order). Decoding the records checks them with the rest of the dataset and
that they give exactly the columns of section 2.
)";

}  // namespace

std::string format_reference() {
    std::string md(intro);
    std::apply([&](auto... blank) { (record_reference<decltype(blank)>(md), ...); }, schema::Records{});
    md += csv_intro;
    detail::csv_reference(md);
    md += json_lines_intro;
    detail::json_lines_reference(md);
    md += snapshot_section;
    md += "\n## Enums\n\nThe names files and the command line use, and the labels of reports.\n";
    EnumCollector enums;
    std::apply([&](auto... blank) { (enums.type<decltype(blank)>(), ...); }, schema::Records{});
    md += enums.md;
    return md;
}

}  // namespace parkinvest::io
