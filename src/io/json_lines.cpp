// SPDX-License-Identifier: MIT
// JSON Lines export: one record per line, every line an object whose first key "entity" names
// its type ("park", "project" ...). Each line of one entity type has the same keys (null for a
// missing value), so DuckDB's read_json and Spark infer one stable schema per type.
//
// Money: "contract_investment": "60560000000.00" (exact, never rounded), the same amount as an
// integer of minor units in "contract_investment_minor" (null when it is not a whole number of
// minor units or does not fit 64 bits), and the record's "currency". Dates with a precision are
// objects {"text": "2020-07", "precision": "month", "first": "2020-07-01", "last": "2020-07-31"};
// quantities are exact text with a unit ("225000000平方米") plus a decimal in m², t or t/a.
#include <parkinvest/core/text_out.hpp>

#include "internal.hpp"
#include "values.hpp"

#include <initializer_list>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <variant>

namespace parkinvest::io::detail {

namespace {

/// Builds one JSON object; members are written in call order.
class Object {
public:
    explicit Object(std::string& out) : out_(out) { out_ += '{'; }
    void close() { out_ += '}'; }

    Object& str(std::string_view k, std::string_view v) {
        key(k);
        text_out::append_json_string(out_, v);
        return *this;
    }
    Object& opt_str(std::string_view k, const std::optional<std::string>& v) {
        return v ? str(k, *v) : null(k);
    }
    template <class I>
    Object& num(std::string_view k, I v) {
        key(k);
        out_ += std::to_string(v);
        return *this;
    }
    template <class I>
    Object& opt_num(std::string_view k, const std::optional<I>& v) {
        return v ? num(k, *v) : null(k);
    }
    Object& boolean(std::string_view k, bool v) {
        key(k);
        out_ += v ? "true" : "false";
        return *this;
    }
    Object& null(std::string_view k) {
        key(k);
        out_ += "null";
        return *this;
    }
    template <class IdT>
    Object& id(std::string_view k, IdT v) {
        return num(k, v.value());
    }
    template <class IdT>
    Object& opt_id(std::string_view k, const std::optional<IdT>& v) {
        return v ? num(k, v->value()) : null(k);
    }
    template <class E>
    Object& enumeration(std::string_view k, E v) {
        return str(k, enum_name(v));
    }
    template <class E>
    Object& opt_enum(std::string_view k, const std::optional<E>& v) {
        return v ? enumeration(k, *v) : null(k);
    }
    template <class IdT>
    Object& ids(std::string_view k, const std::vector<IdT>& v) {
        key(k);
        out_ += '[';
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out_ += ',';
            out_ += std::to_string(v[i].value());
        }
        out_ += ']';
        return *this;
    }
    template <class E>
    Object& enum_array(std::string_view k, const std::vector<E>& v) {
        key(k);
        out_ += '[';
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out_ += ',';
            text_out::append_json_string(out_, enum_name(v[i]));
        }
        out_ += ']';
        return *this;
    }
    /// An array of objects: `each(element, object)` fills one object per element.
    template <class T, class F>
    Object& array(std::string_view k, const std::vector<T>& v, F each) {
        key(k);
        out_ += '[';
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out_ += ',';
            Object o(out_);
            each(v[i], o);
            o.close();
        }
        out_ += ']';
        return *this;
    }
    template <class F>
    Object& object(std::string_view k, F fill) {
        key(k);
        Object o(out_);
        fill(o);
        o.close();
        return *this;
    }
    Object& date(std::string_view k, const std::optional<ReportedDate>& d) {
        if (!d) return null(k);
        return object(k, [&](Object& o) {
            o.str("text", d->to_string())
                .enumeration("precision", d->precision())
                .str("first", iso_date(d->first()))
                .str("last", iso_date(d->last()));
        });
    }
    Object& day(std::string_view k, const std::optional<Date>& d) { return d ? str(k, iso_date(*d)) : null(k); }
    Object& period(std::string_view k, const Period& p) {
        return object(k, [&](Object& o) {
            o.str("text", period_text(p))
                .enumeration("kind", p.kind())
                .str("first", iso_date(p.first()))
                .str("last", iso_date(p.last()));
        });
    }
    Object& currency(std::optional<Currency> c) { return c ? str("currency", iso_code(*c)) : null("currency"); }
    /// "k": exact string, "k_minor": integer minor units.
    Object& money(std::string_view k, const std::optional<Money>& m) {
        if (!m) return null(k).null(std::string(k) + "_minor");
        str(k, text_out::money_text(*m));
        return opt_num(std::string(k) + "_minor", text_out::minor_units(*m));
    }
    /// money() plus "k_bound" and "k_estimated".
    Object& amount(std::string_view k, const std::optional<ReportedAmount>& a) {
        money(k, a ? std::optional<Money>(a->value) : std::nullopt);
        if (!a) return null(std::string(k) + "_bound").null(std::string(k) + "_estimated");
        return enumeration(std::string(k) + "_bound", a->bound).boolean(std::string(k) + "_estimated", a->estimated);
    }
    Object& quantity(std::string_view k, const std::optional<Area>& q) {
        if (!q) return null(k).null(std::string(k) + "_m2");
        str(k, text_out::quantity_text(*q));
        return opt_str(std::string(k) + "_m2", text_out::quantity_decimal(*q));
    }
    Object& quantity(std::string_view k, const std::optional<Mass>& q) {
        if (!q) return null(k).null(std::string(k) + "_t");
        return str(k, text_out::quantity_text(*q)).str(std::string(k) + "_t", text_out::quantity_decimal(*q));
    }
    Object& quantity(std::string_view k, const std::optional<AnnualThroughput>& q) {
        if (!q) return null(k).null(std::string(k) + "_t_per_year");
        return str(k, text_out::quantity_text(*q)).str(std::string(k) + "_t_per_year", text_out::quantity_decimal(*q));
    }
    Object& name(const Name& n) { return str("name_zh", n.zh).opt_str("name_en", n.en); }
    Object& sources(const std::vector<Citation>& cs) {
        return array("sources", cs, [](const Citation& c, Object& o) { o.id("source", c.source).str("note", c.note); });
    }

private:
    void key(std::string_view k) {
        if (!first_) out_ += ',';
        first_ = false;
        text_out::append_json_string(out_, k);
        out_ += ':';
    }
    std::string& out_;
    bool first_ = true;
};

std::optional<Currency> currency_of(std::initializer_list<const std::optional<ReportedAmount>*> amounts) {
    for (const auto* a : amounts)
        if (*a) return (*a)->value.currency();
    return std::nullopt;
}

void line(Object& o, const Source& r) {
    o.str("entity", "source").id("id", r.id).str("publication", r.publication).date("date", r.date);
    o.str("section", r.section).str("note", r.note);
}

void line(Object& o, const Industry& r) {
    o.str("entity", "industry").id("id", r.id).str("scheme", r.scheme).str("code", r.code).name(r.name);
    o.opt_id("parent", r.parent).sources(r.sources);
}

void line(Object& o, const Park& r) {
    o.str("entity", "park").id("id", r.id).name(r.name).enumeration("kind", r.kind).str("province", r.province);
    o.str("city", r.city).opt_num("admin_code", r.admin_code).opt_id("parent", r.parent).date("established", r.established);
    o.quantity("area", r.area).ids("leading_industries", r.leading_industries).sources(r.sources);
}

void line(Object& o, const Enterprise& r) {
    o.str("entity", "enterprise").id("id", r.id).name(r.name);
    if (r.credit_code) o.str("credit_code", r.credit_code->str());
    else o.null("credit_code");
    o.opt_id("park", r.park).ids("industries", r.industries).enumeration("origin", r.origin.kind);
    o.str("origin_country", r.origin.country);
    if (r.listing) o.str("listing_market", r.listing->market).date("listing_date", r.listing->date);
    else o.null("listing_market").null("listing_date");
    o.boolean("high_tech", r.high_tech).sources(r.sources);
}

void line(Object& o, const Bank& r) {
    o.str("entity", "bank").id("id", r.id).name(r.name).str("branch", r.branch).enumeration("kind", r.kind);
    o.sources(r.sources);
}

void line(Object& o, const Project& r) {
    o.str("entity", "project").id("id", r.id).name(r.name).id("park", r.park);
    o.array("investors", r.investors, [](const Investor& i, Object& x) {
        x.id("enterprise", i.enterprise).enumeration("role", i.role);
    });
    o.ids("industries", r.industries).opt_enum("nature", r.nature);
    o.currency(currency_of({&r.contract_investment, &r.planned_investment, &r.first_phase_investment, &r.funds_in_place}));
    o.amount("contract_investment", r.contract_investment).amount("planned_investment", r.planned_investment);
    o.amount("first_phase_investment", r.first_phase_investment).amount("funds_in_place", r.funds_in_place);
    o.opt_id("parent", r.parent).opt_num("phase", r.phase);
    o.array("stages", r.stages, [](const StageEvent& e, Object& x) {
        x.enumeration("stage", e.stage).date("date", e.date);
    });
    o.sources(r.sources);
}

void line(Object& o, const Loan& r) {
    o.str("entity", "loan").id("id", r.id).name(r.name).id("lender", r.lender).ids("borrowers", r.borrowers);
    o.opt_num("borrower_count", r.borrower_count).opt_id("park", r.park).enumeration("instrument", r.instrument);
    o.currency(r.commitment.value.currency()).amount("commitment", r.commitment);
    o.date("inception", r.inception).date("maturity", r.maturity);
    if (r.interest_rate) o.str("interest_rate", r.interest_rate->to_string());
    else o.null("interest_rate");
    o.opt_enum("guarantee", r.guarantee).str("purpose", r.purpose);
    o.array("snapshots", r.snapshots, [](const LoanSnapshot& s, Object& x) {
        x.str("as_of", iso_date(s.as_of)).money("outstanding", s.outstanding).money("undrawn", s.undrawn);
    });
    o.sources(r.sources);
}

void line(Object& o, const WasteFacility& r) {
    o.str("entity", "waste_facility").id("id", r.id).name(r.name).id("park", r.park);
    o.opt_id("operator_enterprise", r.operator_enterprise).enumeration("kind", r.kind);
    o.currency(currency_of({&r.investment})).amount("investment", r.investment);
    o.quantity("floor_area", r.floor_area).quantity("storage_capacity", r.storage_capacity);
    o.quantity("max_annual_throughput", r.max_annual_throughput);
    if (r.licence) {
        const WasteLicence& l = *r.licence;
        o.object("licence", [&](Object& x) {
            x.str("number", l.number).enumeration("type", l.type);
            x.enum_array("modes", l.modes);
            x.array("categories", l.categories, [](const LicensedCategory& c, Object& y) {
                y.str("category", c.category.to_string()).quantity("approved", c.approved);
            });
            x.quantity("approved_total", l.approved_total).day("issued", l.issued).day("expires", l.expires);
        });
    } else {
        o.null("licence");
    }
    o.date("commissioned", r.commissioned).ids("served_enterprises", r.served_enterprises);
    o.array("yearly_throughput", r.yearly_throughput, [](const YearlyThroughput& y, Object& x) {
        x.num("year", y.year).quantity("handled", std::optional<Mass>(y.handled));
    });
    o.sources(r.sources);
}

void line(Object& o, const ReportedStatistic& r) {
    o.str("entity", "statistic").id("id", r.id).id("scope", r.scope).enumeration("indicator", r.indicator);
    o.str("label", r.label).period("period", r.period);
    if (r.value) {
        const StatisticValue& v = *r.value;
        o.enumeration("value_kind", value_kind(v)).str("value", statistic_value_text(v));
        if (const auto* n = std::get_if<std::int64_t>(&v)) o.num("value_count", *n);
        else o.null("value_count");
        if (const auto* m = std::get_if<Money>(&v)) o.opt_num("value_minor", text_out::minor_units(*m)).currency(m->currency());
        else o.null("value_minor").null("currency");
    } else {
        o.null("value_kind").null("value").null("value_count").null("value_minor").null("currency");
    }
    o.enumeration("bound", r.bound).str("unit", r.unit);
    if (r.comparison) {
        o.object("comparison", [&](Object& x) {
            x.enumeration("kind", r.comparison->kind)
                .str("change", text_out::percent_text(r.comparison->change))
                .enumeration("bound", r.comparison->bound);
        });
    } else {
        o.null("comparison");
    }
    o.sources(r.sources);
}

template <class Record>
void lines(std::ostream& out, std::string& buffer, std::span<const Record> records) {
    for (const Record& r : records) {
        const std::size_t mark = buffer.size();
        try {
            Object o(buffer);
            line(o, r);
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
