// SPDX-License-Identifier: MIT
// parkinvest (installed name of parkinvest_cli): the library's files and queries from the shell.
//
//   parkinvest sample OUT                       the built-in 2020 sample dataset, in OUT's format
//   parkinvest validate FILE...                 every problem of every file; exit 1 if any
//   parkinvest convert IN OUT                   any format to any format
//   parkinvest report FILE [--lang zh|en] [--as-of DATE] [--svg CHART]
//   parkinvest query FILE --entity projects --where park=ID --group-by industry
//                         --agg count --agg sum:contract_investment --format table|csv|json
//   parkinvest query FILE --entity projects --list --columns id,name,contract_investment
//                         --order-by contract_investment:desc --limit 10
//
// Formats come from the extension (.json .xml .bin .pbin .jsonl, .csv or a folder for CSV
// tables) unless --format / --from / --to name one. Errors go to stderr with exit status 1 (bad
// data) or 2 (bad command line); there is no floating point anywhere.
#include <parkinvest/io/io.hpp>
#include <parkinvest/io/snapshot.hpp>
#include <parkinvest/model/describe.hpp>
#include <parkinvest/parkinvest.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include "report.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <functional>
#include <iostream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using namespace parkinvest;
namespace q = parkinvest::query;

namespace {

constexpr std::string_view usage_text = R"(usage: parkinvest COMMAND [ARGS]

Commands:
  sample OUT [--format F]        write the built-in sample dataset (six parks, July 2020)
  validate FILE... [--format F]  load each file and list every problem; exit 1 if any
  convert IN OUT [--from F] [--to F]
                                 read IN and write OUT (any format to any format)
  report FILE [--lang zh|en] [--as-of DATE] [--svg CHART] [--format F]
                                 the park investment report for the dataset in FILE
  formats                        print the file-format reference (docs/formats.md)
  --version                      print "parkinvest X.Y.Z", the version of the tool and its library
  query FILE --entity E [--where COND]... [--group-by KEY]... --agg AGG... [--format table|csv|json]
        [--lang zh|en] [--from F] [--rate FROM/TO=RATE]... [--rates RATES.csv] [--rate-date DATE]
                                 an aggregation query; one row per group
  query FILE --entity E --list [--where COND]... [--columns C,...] [--order-by C[:DIRECTION]]
        [--limit N] [--format table|csv|json] [--lang zh|en] [--from F]
                                 a list query; one row per record

Formats (F): json, xml, binary (.bin), portable_binary (.pbin), csv (a folder of tables),
json_lines (.jsonl), snapshot (.pks). Without --format the file's extension decides.
A query over the projects of a snapshot answers from the columns it uses, without building the
project records, when every --where, --group-by and --agg has a column form; the records are then
not read (validate FILE.pks reads and checks everything).

Query:
  --entity   projects | loans | waste_facilities
  --where    park=ID (with its sub-parks)   industry=ID (projects; with sub-industries)
             reached=STAGE@DATE   stage=STAGE@DATE   entered=STAGE@PERIOD   (projects)
             FIELD>=AMOUNT   FIELD<AMOUNT   (amount thresholds, e.g. contract_investment>=10亿)
             currency=CODE   (records whose amounts are in CODE: CNY, USD, EUR ...)
             Several --where must all hold.
  --group-by park | zone | parent_park | industry[:DEPTH] | stage@DATE | period:STAGE:BUCKET
             | band:FIELD:AMOUNT,AMOUNT,... | lender | waste_category      (at most two)
  --agg      count | share_of_count | sum:FIELD | share:FIELD | min:FIELD | max:FIELD
             | average:FIELD[:MODE] | outstanding@DATE (loans) | funnel:STAGE@DATE (projects)
             | total:max_annual_throughput | total:floor_area (waste_facilities)
  FIELD      projects: {project_amounts}
             loans: {loan_amounts}    waste_facilities: {facility_amounts}
  STAGE      {stage_names}
             (or {stage_labels})
  DATE       2020-06-30, 2020年6月30日;  PERIOD  2020, 2020H1, 2020年上半年, 2020-Q2, 2020-06 ...
  BUCKET     year | half | quarter | month
  MODE       {rounding_modes} (default half_up)
  --rate     FROM/TO=RATE converts FROM amounts into TO before aggregating (e.g. USD/CNY=7.0795);
             several --rate must share one TO. Without one, amounts of two currencies in one
             column are an error.
  --rates    a CSV table of dated rates (header date,from,to,rate): each record's amounts at the
             rate in force on its own date (a project's first stage event, a loan's inception),
             or on --rate-date DATE for every record
  --list     one row per record instead of one per group (takes no --group-by, --agg or rates)
  --columns  id | name | park | FIELD | stage@DATE (projects) | outstanding@DATE (loans)
             (comma-separated and in order; without it id, name, park and the --order-by
             column; e.g. id,name,contract_investment)
  --order-by FIELD[:DIRECTION] | outstanding@DATE[:DIRECTION] (loans)
  DIRECTION  asc | desc      (default asc; at one figure the bound decides, 10亿以上 after 10亿
             ascending; then the record id; empty cells last)
  --limit    N, the first N rows after ordering

Examples:
  parkinvest sample parks.json
  parkinvest query parks.json --entity projects --group-by zone --agg count --agg sum:contract_investment
  parkinvest convert parks.json tables.csv && parkinvest validate tables.csv
  parkinvest query parks.json --entity loans --where currency=CNY --agg sum:commitment --rate USD/CNY=7.0795
  parkinvest query parks.json --entity projects --list --order-by contract_investment:desc --limit 3
)";

/// A mistake on the command line: exit status 2, with a hint to --help.
struct UsageError {
    std::string message;
};

[[noreturn]] void usage(std::string message) { throw UsageError{std::move(message)}; }

std::optional<io::Format> parse_format(std::string_view name) {
    if (name == "json") return io::Format::json;
    if (name == "xml") return io::Format::xml;
    if (name == "binary" || name == "bin") return io::Format::binary;
    if (name == "portable_binary" || name == "pbin") return io::Format::portable_binary;
    if (name == "csv") return io::Format::csv;
    if (name == "json_lines" || name == "jsonl") return io::Format::json_lines;
    if (name == "snapshot" || name == "pks") return io::Format::snapshot;
    usage("unknown format '" + std::string(name) + "'");
}

Language parse_language(std::string_view name) {
    if (name == "zh") return Language::chinese;
    if (name == "en") return Language::english;
    usage("--lang takes zh or en, not '" + std::string(name) + "'");
}

Stage parse_stage(std::string_view text) {
    // The identifier, the Chinese or the English label (contracted, 签约, signed).
    if (const auto s = enum_from_text<Stage>(text)) return *s;
    usage("unknown stage '" + std::string(text) + "' (" + enum_choices<Stage>() + ")");
}

Date parse_day(std::string_view text) { return ReportedDate::parse(text).last(); }

RoundingMode parse_mode(std::string_view text) {
    if (const auto m = enum_from_text<RoundingMode>(text)) return *m;
    usage("unknown rounding mode '" + std::string(text) + "' (" + enum_choices<RoundingMode>() + ")");
}

/// "STAGE@DATE" → (stage, day).
std::pair<Stage, Date> stage_at(std::string_view text, std::string_view what) {
    const auto at = text.find('@');
    if (at == std::string_view::npos) usage(std::string(what) + " needs STAGE@DATE, e.g. contracted@2020-06-30");
    return {parse_stage(text.substr(0, at)), parse_day(text.substr(at + 1))};
}

/// A decimal number of 0 to 2^64 - 1 (an id, a depth, a limit); `noun` says what it is.
std::uint64_t parse_id(std::string_view text, std::string_view what, std::string_view noun = "a numeric id") {
    std::uint64_t v = 0;
    if (text.empty()) usage(std::string(what) + " needs " + std::string(noun));
    for (const char c : text) {
        if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10)
            usage(std::string(what) + " needs " + std::string(noun) + ", not '" + std::string(text) + "'");
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const auto end = text.find(sep, start);
        out.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

// ---------------------------------------------------------------------------- query plumbing

template <class T>
constexpr bool is_amount = std::is_same_v<T, ReportedAmount> || std::is_same_v<T, std::optional<ReportedAmount>>;

/// The amount fields of R a query can name: those of R's description (model/describe.hpp).
template <class R>
std::string amount_fields(std::string_view separator = " ") {
    std::string names;
    schema::for_each_field<R>([&](const auto& f) {
        if constexpr (is_amount<typename std::remove_cvref_t<decltype(f)>::value_type>) {
            if (!names.empty()) names += separator;
            names += f.info.name;
        }
    });
    return names;
}

/// f(member) for R's amount field `name`.
template <class Result, class R, class F>
Result with_amount_field(std::string_view name, F f) {
    std::optional<Result> out;
    schema::for_each_field<R>([&](const auto& field) {
        if constexpr (is_amount<typename std::remove_cvref_t<decltype(field)>::value_type>) {
            if (!out && field.info.name == name) out.emplace(f(field.member));
        }
    });
    if (!out)
        usage(std::string(schema::Describe<R>::entity) + " has no amount field '" + std::string(name) + "' (" +
              amount_fields<R>(", ") + ")");
    return std::move(*out);
}

/// The usage text with the field and stage lists filled in from the descriptions.
std::string usage_message() {
    std::string text(usage_text);
    const auto fill = [&](std::string_view slot, const std::string& value) {
        const auto at = text.find(slot);
        if (at != std::string::npos) text.replace(at, slot.size(), value);
    };
    std::string names, labels;
    for (const Stage s : enum_values<Stage>()) {
        if (!names.empty()) names += ' ', labels += ' ';
        names += enum_name(s);
        labels += label(s, Language::chinese);
    }
    fill("{project_amounts}", amount_fields<Project>());
    fill("{loan_amounts}", amount_fields<Loan>());
    fill("{facility_amounts}", amount_fields<WasteFacility>());
    fill("{stage_names}", names);
    fill("{stage_labels}", labels);
    std::string modes;
    for (const RoundingMode m : enum_values<RoundingMode>()) {
        if (!modes.empty()) modes += ' ';
        modes += enum_name(m);
    }
    fill("{rounding_modes}", modes);
    return text;
}

template <class R>
using Pred = std::function<bool(const R&)>;
using RowPred = std::function<bool(std::size_t)>;
using FilterCols = std::function<RowPred(const Dataset&, const ProjectColumns&)>;
/// A filter of any type, with its column form for projects (from the records when it has none:
/// then a query over a snapshot's columns alone throws q::RecordsNeededError).
template <class R>
using AnyFilter = q::Filter<std::function<Pred<R>(const Dataset&)>, FilterCols>;
template <class R, class B, class C>
AnyFilter<R> erase(const q::Filter<B, C>& f) {
    FilterCols cols;  // the engine's column form: the filter's own, or its record form on the row's record
    if constexpr (std::is_same_v<R, Project>)
        cols = [f](const Dataset& ds, const ProjectColumns& pc) { return RowPred(q::detail::row_predicate(f, ds, pc)); };
    return AnyFilter<R>(std::function<Pred<R>(const Dataset&)>([f](const Dataset& ds) { return Pred<R>(f.bind(ds)); }), cols);
}

using Code = std::remove_const_t<decltype(q::BoundKey::none)>;
template <class R>
using CodeFn = std::function<Code(const R&)>;
using RowCode = std::function<Code(std::size_t)>;
using KeyCols = std::function<RowCode(const Dataset&, const ProjectColumns&)>;
/// A key of any type, with its column form for projects (as AnyFilter).
template <class R>
using AnyKey = q::Key<std::function<std::pair<CodeFn<R>, q::BoundKey>(const Dataset&)>, KeyCols>;
template <class R, class B, class C>
AnyKey<R> erase_key(const q::Key<B, C>& k) {
    KeyCols cols;
    if constexpr (std::is_same_v<R, Project>) {
        if constexpr (q::has_columns<C>) {
            cols = [c = k.columns](const Dataset& ds, const ProjectColumns& pc) { return RowCode(c(ds, pc)); };
        } else {
            cols = [b = k.bind](const Dataset& ds, const ProjectColumns& pc) {
                return RowCode([code = b(ds).first, rows = q::detail::records_of_rows(ds, pc, "a --group-by key")](std::size_t i) {
                    return code(rows[i]);
                });
            };
        }
    }
    return AnyKey<R>(k.name_zh, k.name_en, [b = k.bind](const Dataset& ds) {
        auto bound = b(ds);
        return std::pair<CodeFn<R>, q::BoundKey>(CodeFn<R>(bound.first), bound.second);
    }, cols);
}

template <class R>
constexpr bool is_project = std::is_same_v<R, Project>;

/// Whether the record has an amount and its amounts are in `c` (a record has one currency).
template <class R>
bool amounts_in(const R& r, Currency c) {
    bool any = false, all = true;
    schema::for_each_field<R>([&](const auto& f) {
        if constexpr (is_amount<typename std::remove_cvref_t<decltype(f)>::value_type>) {
            if (const ReportedAmount* a = q::amount_of(r, f.member)) {
                any = true;
                all = all && a->value.currency() == c;
            }
        }
    });
    return any && all;
}

template <class R>
AnyFilter<R> filter_of(std::string_view cond) {
    const auto eq = cond.find('=');
    const auto ge = cond.find(">=");
    const auto lt = cond.find('<');
    if (ge != std::string_view::npos) {
        const Money threshold = Money::parse(cond.substr(ge + 2));
        return with_amount_field<AnyFilter<R>, R>(cond.substr(0, ge), [&](auto field) { return erase<R>(q::amount_at_least(field, threshold)); });
    }
    if (lt != std::string_view::npos) {
        const Money threshold = Money::parse(cond.substr(lt + 1));
        return with_amount_field<AnyFilter<R>, R>(cond.substr(0, lt), [&](auto field) { return erase<R>(q::amount_below(field, threshold)); });
    }
    if (eq == std::string_view::npos) usage("--where needs NAME=VALUE or FIELD>=AMOUNT or FIELD<AMOUNT, not '" + std::string(cond) + "'");
    const std::string_view name = cond.substr(0, eq);
    const std::string_view value = cond.substr(eq + 1);
    if (name == "park") return erase<R>(q::in_park(ParkId{parse_id(value, "park=")}));
    if (name == "currency") {
        const auto code = currency_from_code(value);
        if (!code) usage("currency= needs an ISO 4217 code (CNY, USD, EUR ...), not '" + std::string(value) + "'");
        return erase<R>(q::matching([c = *code](const R& r) { return amounts_in(r, c); }));
    }
    if constexpr (is_project<R>) {
        if (name == "industry") return erase<R>(q::in_industry(IndustryId{parse_id(value, "industry=")}));
        if (name == "reached") {
            const auto [s, d] = stage_at(value, "reached=");
            return erase<R>(q::reached(s, d));
        }
        if (name == "stage") {
            const auto [s, d] = stage_at(value, "stage=");
            return erase<R>(q::stage_as_of(s, d));
        }
        if (name == "entered") {
            const auto at = value.find('@');
            if (at == std::string_view::npos) usage("entered= needs STAGE@PERIOD, e.g. contracted@2020H1");
            return erase<R>(q::entered(parse_stage(value.substr(0, at)), Period::parse(value.substr(at + 1))));
        }
    }
    usage("unknown or unsupported --where '" + std::string(cond) + "' for this entity");
}

/// The filter of `--where cond`; an error binding it (a park or industry the dataset does not
/// have) names the condition as typed.
template <class R>
AnyFilter<R> where_filter(const std::string& cond) {
    const AnyFilter<R> f = filter_of<R>(cond);
    const auto renamed = [&cond](const auto& bind) {
        return [bind, cond](const auto&... args) {
            try {
                return bind(args...);
            } catch (const q::RecordsNeededError&) {
                throw;
            } catch (const QueryError& e) {
                std::string_view what = e.what();
                if (what.starts_with("parkinvest: ")) what.remove_prefix(12);
                throw QueryError("parkinvest: --where " + cond + ": " + std::string(what));
            }
        };
    };
    FilterCols cols;
    if (f.columns) cols = renamed(f.columns);
    return AnyFilter<R>(std::function<Pred<R>(const Dataset&)>(renamed(f.bind)), cols);
}

template <class R>
AnyKey<R> key_of(std::string_view spec) {
    if (spec == "park") return erase_key<R>(q::by_park());
    if (spec == "zone") return erase_key<R>(q::by_zone());
    if (spec == "parent_park") return erase_key<R>(q::by_parent_park());
    const auto parts = split(spec, ':');
    if (parts[0] == "band") {
        if (parts.size() != 3) usage("band needs band:FIELD:AMOUNT,AMOUNT,...");
        std::vector<Money> thresholds;
        for (const std::string_view t : split(parts[2], ',')) thresholds.push_back(Money::parse(t));
        return with_amount_field<AnyKey<R>, R>(parts[1], [&](auto field) { return erase_key<R>(q::by_amount_band(field, thresholds)); });
    }
    if constexpr (is_project<R>) {
        if (parts[0] == "industry") {
            // A depth beyond an industry's own is the industry itself: clamping changes nothing.
            int depth = 0;
            if (parts.size() == 2) depth = static_cast<int>(std::min<std::uint64_t>(parse_id(parts[1], "industry:DEPTH"), INT_MAX));
            return erase_key<R>(q::by_industry(depth));
        }
        if (spec.starts_with("stage@")) return erase_key<R>(q::by_stage(parse_day(spec.substr(6))));
        if (parts[0] == "period") {
            if (parts.size() != 3) usage("period needs period:STAGE:year|half|quarter|month");
            const Stage s = parse_stage(parts[1]);
            if (parts[2] == "year") return erase_key<R>(q::by_period(s, q::Bucket::year));
            if (parts[2] == "half") return erase_key<R>(q::by_period(s, q::Bucket::half_year));
            if (parts[2] == "quarter") return erase_key<R>(q::by_period(s, q::Bucket::quarter));
            if (parts[2] == "month") return erase_key<R>(q::by_period(s, q::Bucket::month));
            usage("period buckets are year, half, quarter and month, not '" + std::string(parts[2]) + "'");
        }
    }
    if constexpr (std::is_same_v<R, Loan>) {
        if (spec == "lender") return erase_key<R>(q::by_lender());
    }
    if constexpr (std::is_same_v<R, WasteFacility>) {
        if (spec == "waste_category") return erase_key<R>(q::by_waste_category());
    }
    usage("unknown or unsupported --group-by '" + std::string(spec) + "' for this entity");
}

/// Runs `query` with the one aggregate `spec` names.
template <class R, class Query>
q::Table run_aggregate(const Query& query, std::string_view spec, const std::optional<q::Conversion>& conversion) {
    const auto conv = [&](auto aggregate) { return conversion ? aggregate.converted(*conversion) : aggregate; };
    const auto parts = split(spec, ':');
    const std::string_view kind = parts[0];
    if (spec == "count") return query.aggregate(q::count());
    if (spec == "share_of_count") return query.aggregate(q::share_of_count());
    if (kind == "sum" || kind == "share" || kind == "min" || kind == "max" || kind == "average") {
        if (parts.size() < 2) usage(std::string(kind) + " needs a field: " + std::string(kind) + ":FIELD");
        const RoundingMode mode = parts.size() > 2 ? parse_mode(parts[2]) : RoundingMode::half_up;
        return with_amount_field<q::Table, R>(parts[1], [&](auto field) {
            if (kind == "sum") return query.aggregate(conv(q::sum(field)));
            if (kind == "share") return query.aggregate(conv(q::share(field)));
            if (kind == "min") return query.aggregate(conv(q::min(field)));
            if (kind == "max") return query.aggregate(conv(q::max(field)));
            return query.aggregate(conv(q::average(field, mode)));
        });
    }
    if constexpr (std::is_same_v<R, Loan>) {
        if (spec.starts_with("outstanding@")) return query.aggregate(conv(q::outstanding_as_of(parse_day(spec.substr(12)))));
    }
    if constexpr (is_project<R>) {
        if (spec.starts_with("funnel:")) {
            const auto [s, d] = stage_at(spec.substr(7), "funnel:");
            return query.aggregate(q::funnel(s, d));
        }
    }
    if constexpr (std::is_same_v<R, WasteFacility>) {
        if (spec == "total:max_annual_throughput") return query.aggregate(q::quantity_sum(&WasteFacility::max_annual_throughput));
        if (spec == "total:floor_area") return query.aggregate(q::quantity_sum(&WasteFacility::floor_area));
    }
    usage("unknown or unsupported --agg '" + std::string(spec) + "' for this entity");
}

/// One query per aggregate (the API fixes the aggregates at compile time), joined column-wise:
/// the filter and keys are the same, so the groups are too.
/// `start`: q::from(ds, records), or q::from(others, columns) for a snapshot's projects.
template <class R, class Start>
q::Table run_query(const Start& start, const std::vector<std::string>& where,
                   const std::vector<std::string>& group_by, const std::vector<std::string>& aggs,
                   const std::optional<q::Conversion>& conversion) {
    if (aggs.empty()) usage("query needs at least one --agg");
    if (group_by.size() > 2) usage("query takes at most two --group-by keys");
    std::optional<AnyFilter<R>> filter;
    for (const std::string& w : where) filter = filter ? erase<R>(*filter && where_filter<R>(w)) : where_filter<R>(w);
    if (!filter) filter = erase<R>(q::detail::pass_all<R>());
    const auto base = start.where(*filter);
    std::vector<AnyKey<R>> keys;
    for (const std::string& k : group_by) keys.push_back(key_of<R>(k));

    std::vector<q::Table> parts;
    for (const std::string& a : aggs) {
        if (keys.empty()) parts.push_back(run_aggregate<R>(base, a, conversion));
        else if (keys.size() == 1) parts.push_back(run_aggregate<R>(base.group_by(keys[0]), a, conversion));
        else parts.push_back(run_aggregate<R>(base.group_by(keys[0], keys[1]), a, conversion));
    }
    const std::size_t nkeys = keys.size();
    std::vector<q::Column> columns(parts[0].columns().begin(), parts[0].columns().begin() + static_cast<std::ptrdiff_t>(nkeys));
    std::vector<std::vector<q::Cell>> rows(parts[0].size());
    for (std::size_t r = 0; r < rows.size(); ++r)
        rows[r].assign(parts[0].rows()[r].begin(), parts[0].rows()[r].begin() + static_cast<std::ptrdiff_t>(nkeys));
    for (const q::Table& t : parts) {
        if (t.size() != rows.size()) throw QueryError("parkinvest: aggregates gave different groups");
        columns.push_back(t.columns()[nkeys]);
        for (std::size_t r = 0; r < rows.size(); ++r) rows[r].push_back(t.rows()[r][nkeys]);
    }
    return q::Table(std::move(columns), std::move(rows));
}

/// The list column `spec` names (id, name, park, an amount FIELD, stage@DATE, outstanding@DATE).
template <class R>
q::AnyListColumn<R> list_column_of(std::string_view spec) {
    if (spec == "id") return q::erased<R>(q::col::id());
    if (spec == "name") return q::erased<R>(q::col::name());
    if (spec == "park") return q::erased<R>(q::col::park());
    if constexpr (is_project<R>) {
        if (spec.starts_with("stage@")) return q::erased<R>(q::col::stage(parse_day(spec.substr(6))));
    }
    if constexpr (std::is_same_v<R, Loan>) {
        if (spec.starts_with("outstanding@")) return q::erased<R>(q::col::outstanding(parse_day(spec.substr(12))));
    }
    bool is_field = false;
    const std::string fields = amount_fields<R>();
    for (const std::string_view f : split(fields, ' ')) is_field = is_field || f == spec;
    if (!is_field) {
        std::string choices = "id, name, park, " + amount_fields<R>(", ");
        if constexpr (is_project<R>) choices += ", stage@DATE";
        if constexpr (std::is_same_v<R, Loan>) choices += ", outstanding@DATE";
        usage("unknown list column '" + std::string(spec) + "' for " + std::string(schema::Describe<R>::entity) + " (" +
              choices + ")");
    }
    return with_amount_field<q::AnyListColumn<R>, R>(spec, [](auto field) { return q::erased<R>(q::col::amount(field)); });
}

/// `query --list`: one row per matching record.
template <class R>
q::Table run_list(const Dataset& ds, std::span<const R> records, const std::vector<std::string>& where,
                  const std::optional<std::string>& columns, const std::optional<std::string>& order_by,
                  const std::optional<std::string>& limit) {
    const auto all = [](const R&) { return true; };
    AnyFilter<R> filter = erase<R>(q::matching(all));
    for (const std::string& w : where) filter = erase<R>(filter && where_filter<R>(w));
    const auto base = q::list(ds, records).where(filter);
    std::vector<std::string_view> specs = {"id", "name", "park"};
    if (columns) {
        specs = split(*columns, ',');
        for (const std::string_view c : specs)
            if (c.empty()) usage("--columns needs names separated by single commas, not '" + *columns + "'");
    }
    std::string_view order_column;
    q::Direction direction = q::Direction::ascending;
    if (order_by) {
        order_column = *order_by;
        if (const auto colon = order_column.rfind(':'); colon != std::string_view::npos) {
            const std::string_view d = order_column.substr(colon + 1);
            if (d == "desc") direction = q::Direction::descending;
            else if (d != "asc") usage("--order-by takes COLUMN[:asc|:desc], not '" + *order_by + "'");
            order_column = order_column.substr(0, colon);
        }
        if (!columns && std::find(specs.begin(), specs.end(), order_column) == specs.end()) specs.push_back(order_column);
    }
    const std::optional<std::uint64_t> n =
        limit ? std::optional<std::uint64_t>(parse_id(*limit, "--limit", "a whole number of rows")) : std::nullopt;
    std::vector<q::AnyListColumn<R>> cols;
    for (const std::string_view c : specs) cols.push_back(list_column_of<R>(c));
    const auto run = [&](const auto& query) { return n ? query.limit(static_cast<std::size_t>(*n)).select(cols) : query.select(cols); };
    if (!order_by) return run(base);
    const q::AnyListColumn<R> order = list_column_of<R>(order_column);
    if (order.kind == q::ColumnKind::label)
        usage("--order-by takes a column of figures (an amount FIELD or outstanding@DATE), not '" + std::string(order_column) + "'");
    return run(base.order_by(order, direction));
}

// ---------------------------------------------------------------------------- commands

struct Args {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> options;  ///< in order (--where may repeat)
    [[nodiscard]] std::optional<std::string> last(std::string_view name) const {
        std::optional<std::string> v;
        for (const auto& [n, value] : options)
            if (n == name) v = value;
        return v;
    }
    [[nodiscard]] std::vector<std::string> all(std::string_view name) const {
        std::vector<std::string> v;
        for (const auto& [n, value] : options)
            if (n == name) v.push_back(value);
        return v;
    }
};

/// The arguments: `known` options take a value, `flags` take none (their value is "").
Args parse_args(std::span<char* const> argv, std::initializer_list<std::string_view> known,
                std::initializer_list<std::string_view> flags = {}) {
    Args a;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with("--")) {
            const std::string_view name = arg.substr(2);
            if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
                a.options.emplace_back(std::string(name), std::string());
                continue;
            }
            if (std::find(known.begin(), known.end(), name) == known.end()) usage("unknown option '" + std::string(arg) + "'");
            if (i + 1 >= argv.size()) usage("option '" + std::string(arg) + "' needs a value");
            a.options.emplace_back(std::string(name), std::string(argv[++i]));
        } else {
            a.positional.emplace_back(arg);
        }
    }
    return a;
}

std::optional<io::Format> format_option(const Args& a, std::string_view name) {
    const auto v = a.last(name);
    return v ? parse_format(*v) : std::nullopt;
}

int cmd_sample(const Args& a) {
    if (a.positional.size() != 1) usage("sample takes one output file");
    io::save(samples::high_tech_zones_2020(), a.positional[0], format_option(a, "format"));
    std::cout << "wrote the sample dataset to " << a.positional[0] << '\n';
    return 0;
}

int cmd_validate(const Args& a) {
    if (a.positional.empty()) usage("validate takes one or more files");
    int bad = 0;
    for (const std::string& file : a.positional) {
        try {
            const Dataset ds = io::load(file, format_option(a, "format"));
            std::cout << file << ": ok (" << ds.parks().size() << " parks, " << ds.enterprises().size() << " enterprises, "
                      << ds.projects().size() << " projects, " << ds.loans().size() << " loans, "
                      << ds.waste_facilities().size() << " waste facilities, " << ds.statistics().size()
                      << " statistics)\n";
        } catch (const FormatError& e) {
            ++bad;
            std::cerr << file << ": " << e.problems().size() << (e.problems().size() == 1 ? " problem\n" : " problems\n");
            for (const FormatProblem& p : e.problems()) std::cerr << "  " << FormatError::describe(p) << '\n';
        }
    }
    return bad == 0 ? 0 : 1;
}

int cmd_convert(const Args& a) {
    if (a.positional.size() != 2) usage("convert takes an input and an output");
    const Dataset ds = io::load(a.positional[0], format_option(a, "from"));
    io::save(ds, a.positional[1], format_option(a, "to"));
    std::cout << "converted " << a.positional[0] << " to " << a.positional[1] << " (" << ds.size() << " records)\n";
    return 0;
}

int cmd_report(const Args& a) {
    if (a.positional.size() != 1) usage("report takes one dataset file");
    const std::string& file = a.positional[0];
    const Dataset ds = io::load(file, format_option(a, "format"));
    tools::ReportOptions o;
    o.lang = a.last("lang") ? parse_language(*a.last("lang")) : Language::chinese;
    if (const auto d = a.last("as-of")) o.as_of = parse_day(*d);
    else if (const auto latest = tools::latest_day(ds)) o.as_of = *latest;
    else o.as_of = make_date(2020, 7, 31);
    o.title_zh = "parkinvest 园区投资报告 · " + file;
    o.title_en = "parkinvest park investment report · " + file;
    o.source_zh = file;
    o.source_en = file;
    const std::string svg = tools::print_report(std::cout, ds, o);
    if (const auto chart = a.last("svg")) {
        if (const auto error = tools::write_file(*chart, svg)) {
            std::cerr << "parkinvest: cannot write the chart: " << *error << '\n';
            return 1;
        }
    }
    return 0;
}

/// The Conversion of --rate FROM/TO=RATE (undated), --rates FILE (dated) and --rate-date DATE;
/// empty without any. All rates must convert into one currency.
std::optional<q::Conversion> conversion_option(const Args& a) {
    const auto rates = a.all("rate");
    const auto file = a.last("rates");
    if (rates.empty() && !file) {
        if (a.last("rate-date")) usage("--rate-date needs --rates FILE");
        return std::nullopt;
    }
    q::Conversion c;
    std::optional<Currency> target;
    const auto set_target = [&](Currency to, std::string_view where) {
        if (target && *target != to)
            usage("all rates must convert into one currency: " + std::string(iso_code(*target)) + " and " +
                  std::string(iso_code(to)) + " (" + std::string(where) + ")");
        target = to;
    };
    for (const std::string& r : rates) {
        const auto slash = r.find('/');
        const auto eq = r.find('=');
        if (slash == std::string::npos || eq == std::string::npos || eq < slash)
            usage("--rate needs FROM/TO=RATE, e.g. USD/CNY=7.0795, not '" + r + "'");
        const auto from = currency_from_code(std::string_view(r).substr(0, slash));
        const auto to = currency_from_code(std::string_view(r).substr(slash + 1, eq - slash - 1));
        if (!from || !to || *from == *to) usage("--rate needs two different ISO 4217 codes, not '" + r + "'");
        Decimal<ExchangeRate::scale> value;
        try {
            value = Decimal<ExchangeRate::scale>::parse(std::string_view(r).substr(eq + 1));
        } catch (const Error& e) {
            usage("--rate " + r + ": " + e.what());
        }
        if (value.signum() <= 0) usage("--rate " + r + ": a rate must be positive");
        set_target(*to, r);
        c.rates.emplace_back(*from, *to, value);
    }
    if (file) {
        constexpr std::uintmax_t max_bytes = 64u << 20;  // a rate table, not a dataset
        if (std::filesystem::file_size(*file) > max_bytes) throw std::runtime_error("the rate table " + *file + " is over 64 MiB");
        std::ifstream in(*file, std::ios::binary);
        if (!in) throw std::runtime_error("cannot read the rate table " + *file);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::vector<q::DatedRate> dated = q::parse_rates_csv(text, *file);
        for (const q::DatedRate& d : dated) set_target(d.rate.to(), *file);
        c.set_dated(std::move(dated));
    }
    if (const auto d = a.last("rate-date")) c.as_of = parse_day(*d);
    c.target = target.value_or(Currency::CNY);
    return c;
}

int cmd_query(const Args& a) {
    if (a.positional.size() != 1) usage("query takes one dataset file");
    const auto entity = a.last("entity");
    if (!entity) usage("query needs --entity projects|loans|waste_facilities");
    if (*entity != "projects" && *entity != "loans" && *entity != "waste_facilities")
        usage("--entity takes projects, loans or waste_facilities, not '" + *entity + "'");
    const auto where = a.all("where");
    const auto group_by = a.all("group-by");
    const auto aggs = a.all("agg");
    const bool list = a.last("list").has_value();
    if (list) {
        if (!group_by.empty() || !aggs.empty()) usage("--list takes no --group-by or --agg: it lists records, not groups");
        if (a.last("rate") || a.last("rates") || a.last("rate-date")) usage("--list shows amounts as reported; rates are for aggregates");
    } else {
        for (const char* option : {"columns", "order-by", "limit"})
            if (a.last(option)) usage("--" + std::string(option) + " belongs to a list query: add --list");
    }
    const std::optional<q::Conversion> conversion = list ? std::nullopt : conversion_option(a);
    const std::string& file = a.positional[0];
    const std::optional<io::Format> from = format_option(a, "from");
    q::Table t;
    std::optional<Dataset> loaded;
    std::error_code there;  // a missing file is reported by io::load, as for every format
    if (std::filesystem::exists(file, there) && (from ? *from : io::format_of(file)) == io::Format::snapshot) {
        // A snapshot answers an aggregate over projects from its columns, without building the
        // records, when every condition, key and aggregate has a column form.
        const io::Snapshot snap = io::Snapshot::open(file);
        if (*entity == "projects" && !list && !conversion) {
            try {
                t = run_query<Project>(q::from(snap.others(), snap.project_columns()), where, group_by, aggs, conversion);
            } catch (const q::RecordsNeededError&) {
                loaded = snap.dataset();
            }
        } else {
            loaded = snap.dataset();
        }
    } else {
        loaded = io::load(file, from);
    }
    if (loaded) {
        const Dataset& ds = *loaded;
        if (list) {
            const auto columns = a.last("columns");
            const auto order_by = a.last("order-by");
            const auto limit = a.last("limit");
            if (*entity == "projects") t = run_list<Project>(ds, ds.projects(), where, columns, order_by, limit);
            else if (*entity == "loans") t = run_list<Loan>(ds, ds.loans(), where, columns, order_by, limit);
            else t = run_list<WasteFacility>(ds, ds.waste_facilities(), where, columns, order_by, limit);
        } else {
            if (*entity == "projects") t = run_query<Project>(q::from(ds, ds.projects()), where, group_by, aggs, conversion);
            else if (*entity == "loans") t = run_query<Loan>(q::from(ds, ds.loans()), where, group_by, aggs, conversion);
            else t = run_query<WasteFacility>(q::from(ds, ds.waste_facilities()), where, group_by, aggs, conversion);
        }
    }
    const Language lang = a.last("lang") ? parse_language(*a.last("lang")) : Language::chinese;
    const std::string format = a.last("format").value_or("table");
    if (format == "table") std::cout << t.to_text(lang);
    else if (format == "csv") std::cout << t.to_csv(lang);
    else if (format == "json") std::cout << t.to_json() << '\n';
    else usage("--format takes table, csv or json, not '" + format + "'");
    return 0;
}

int run(int argc, char** argv) {
    if (argc < 2) usage("no command given");
    const std::string_view command = argv[1];
    const std::span<char* const> rest(argv + 2, static_cast<std::size_t>(argc - 2));
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << usage_message();
        return 0;
    }
    for (const char* arg : rest) {
        if (std::string_view(arg) == "--help" || std::string_view(arg) == "-h") {
            std::cout << usage_message();
            return 0;
        }
    }
    if (command == "--version") {
        if (!rest.empty()) usage("--version takes no arguments");
        std::cout << "parkinvest " << version_string << '\n';
        return 0;
    }
    if (command == "formats") {
        std::cout << io::format_reference();
        return 0;
    }
    if (command == "sample") return cmd_sample(parse_args(rest, {"format"}));
    if (command == "validate") return cmd_validate(parse_args(rest, {"format"}));
    if (command == "convert") return cmd_convert(parse_args(rest, {"from", "to"}));
    if (command == "report") return cmd_report(parse_args(rest, {"lang", "as-of", "svg", "format"}));
    if (command == "query")
        return cmd_query(
            parse_args(rest, {"entity", "where", "group-by", "agg", "format", "lang", "from", "rate", "rates", "rate-date",
                              "columns", "order-by", "limit"},
                       {"list"}));
    usage("unknown command '" + std::string(command) + "'");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "parkinvest: " << e.message << " (try parkinvest --help)\n";
        return 2;
    } catch (const FormatError& e) {
        std::cerr << e.what() << '\n';
        return 1;
    } catch (const Error& e) {
        std::cerr << e.what() << '\n';
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        // what() is "filesystem error: <message>: <system error> [<path>]"; the library's own
        // messages start with "parkinvest: ".
        const std::string_view what = e.what();
        const auto own = what.find("parkinvest: ");
        if (own == std::string_view::npos) std::cerr << "parkinvest: " << what << '\n';
        else std::cerr << what.substr(own) << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "parkinvest: " << e.what() << '\n';
        return 1;
    }
}
