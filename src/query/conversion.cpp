// SPDX-License-Identifier: MIT
// Conversion: undated and dated exchange rates, and the rate table reader.
#include <parkinvest/query/query.hpp>

#include "../io/csv_text.hpp"

#include <algorithm>
#include <string>
#include <tuple>

namespace parkinvest::query {

namespace {
auto pair_key(const DatedRate& r) { return std::tuple{r.rate.from(), r.rate.to(), r.from}; }

std::string pair_text(Currency from, Currency to) {
    return std::string(iso_code(from)) + " to " + std::string(iso_code(to));
}
}  // namespace

std::optional<Date> record_date(const Project& p) {
    std::optional<Date> first;
    for (const StageEvent& e : p.stages)
        if (!first || e.date.first() < *first) first = e.date.first();
    return first;
}

std::optional<Date> record_date(const Loan& l) {
    if (l.inception) return l.inception->first();
    return std::nullopt;
}

void Conversion::set_dated(std::vector<DatedRate> dated) {
    std::stable_sort(dated.begin(), dated.end(), [](const DatedRate& a, const DatedRate& b) { return pair_key(a) < pair_key(b); });
    for (std::size_t i = 1; i < dated.size(); ++i) {
        const DatedRate& a = dated[i - 1];
        const DatedRate& b = dated[i];
        if (pair_key(a) == pair_key(b) && a.rate.rate() != b.rate.rate())
            throw ArgumentError("parkinvest: two rates from " + pair_text(a.rate.from(), a.rate.to()) + " on " +
                                iso_date(a.from) + ": " + a.rate.rate().to_string() + " and " +
                                b.rate.rate().to_string());
    }
    dated_ = std::move(dated);
}

Money Conversion::apply_to(const Money& m, Currency to, std::optional<Date> date) const {
    if (m.currency() == to) return m;
    // Dated rates of the pair: the last one from on or before the date.
    const auto pair_begin = std::lower_bound(dated_.begin(), dated_.end(), std::pair{m.currency(), to},
                                             [](const DatedRate& r, const std::pair<Currency, Currency>& p) {
                                                 return std::pair{r.rate.from(), r.rate.to()} < p;
                                             });
    if (pair_begin != dated_.end() && pair_begin->rate.from() == m.currency() && pair_begin->rate.to() == to) {
        const std::optional<Date> day = as_of ? as_of : date;
        if (!day)
            throw QueryError("parkinvest: no date to pick the rate from " + pair_text(m.currency(), to) +
                             ": the record has none; set Conversion::as_of");
        const auto after = std::upper_bound(pair_begin, dated_.end(), std::tuple{m.currency(), to, *day},
                                            [](const std::tuple<Currency, Currency, Date>& k, const DatedRate& r) {
                                                return k < pair_key(r);
                                            });
        if (after == pair_begin)
            throw QueryError("parkinvest: no rate from " + pair_text(m.currency(), to) + " on or before " +
                             iso_date(*day) + " (the first is from " +
                             iso_date(pair_begin->from) + ")");
        return std::prev(after)->rate.convert(m, mode);
    }
    for (const ExchangeRate& r : rates)
        if (r.from() == m.currency() && r.to() == to) return r.convert(m, mode);
    throw QueryError("parkinvest: no exchange rate from " + pair_text(m.currency(), to) +
                     " in the conversion; add one (rates, set_dated, or --rate " + std::string(iso_code(m.currency())) + "/" +
                     std::string(iso_code(to)) + "=RATE on the command line)");
}

std::vector<DatedRate> parse_rates_csv(std::string_view text, std::string_view input) {
    io::detail::CsvReader reader(text);
    io::detail::CsvRecord rec;
    io::detail::CsvSyntaxError syntax;
    std::vector<FormatProblem> problems;
    constexpr std::size_t max_problems = 100;
    const auto problem = [&](const io::detail::CsvField* f, std::uint64_t line, std::uint64_t column, std::string field,
                             std::string reason) {
        if (problems.size() >= max_problems) return;
        FormatProblem p;
        p.input = std::string(input);
        p.line = line;
        p.column = column;
        if (f) p.byte = f->byte, p.value = f->text.substr(0, 64);
        p.field = std::move(field);
        p.reason = std::move(reason);
        problems.push_back(std::move(p));
    };
    static constexpr std::string_view header[] = {"date", "from", "to", "rate"};
    std::vector<DatedRate> out;
    bool first = true;
    for (;;) {
        const auto status = reader.next(rec, 4, syntax);
        if (status == io::detail::CsvReader::Status::end) break;
        if (status == io::detail::CsvReader::Status::error) {
            problem(nullptr, syntax.line, syntax.column, "", syntax.reason);
            if (first) break;
            continue;
        }
        if (first) {
            first = false;
            bool ok = rec.size == 4;
            for (std::size_t i = 0; ok && i < 4; ++i) ok = rec.fields[i].text == header[i];
            if (!ok) {
                problem(nullptr, rec.line, 1, "", "the header must be date,from,to,rate");
                break;
            }
            continue;
        }
        if (rec.size != 4) {
            problem(nullptr, rec.line, rec.size + 1, "", "expected 4 fields (date,from,to,rate), found " + std::to_string(rec.size));
            continue;
        }
        std::optional<Date> day;
        try {
            const ReportedDate d = ReportedDate::parse(rec.fields[0].text);
            if (d.precision() != DatePrecision::day) problem(&rec.fields[0], rec.line, 1, "date", "a rate takes effect on a day");
            else day = d.first();
        } catch (const ParseError& e) {
            problem(&rec.fields[0], rec.line, 1, "date", e.what());
        }
        std::optional<Currency> cur[2];
        for (std::size_t i = 1; i <= 2; ++i) {
            cur[i - 1] = currency_from_code(rec.fields[i].text);
            if (!cur[i - 1]) problem(&rec.fields[i], rec.line, i + 1, std::string(header[i]), "not an ISO 4217 code this library knows");
        }
        Decimal<ExchangeRate::scale> rate;
        bool rate_ok = false;
        try {
            rate = Decimal<ExchangeRate::scale>::parse(rec.fields[3].text);
            rate_ok = rate.signum() > 0;
            if (!rate_ok) problem(&rec.fields[3], rec.line, 4, "rate", "a rate must be positive");
        } catch (const Error& e) {
            problem(&rec.fields[3], rec.line, 4, "rate", e.what());
        }
        if (day && cur[0] && cur[1] && rate_ok) {
            if (*cur[0] == *cur[1]) problem(&rec.fields[1], rec.line, 2, "from", "a rate converts between two currencies");
            else out.push_back(DatedRate{*day, ExchangeRate(*cur[0], *cur[1], rate)});
        }
    }
    if (first && problems.empty()) problem(nullptr, 1, 1, "", "empty rate table: the header must be date,from,to,rate");
    if (!problems.empty()) throw FormatError(std::move(problems));
    return out;
}

}  // namespace parkinvest::query
