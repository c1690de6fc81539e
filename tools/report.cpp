// SPDX-License-Identifier: MIT
// The park investment report (see report.hpp). Everything is exact: amounts are Money, shares are
// Percent, and the chart's bars are scaled in 128-bit integers — no floating point anywhere.
#include "report.hpp"

#include "text_support.hpp"

#include <parkinvest/io/io.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace parkinvest::tools {

namespace q = parkinvest::query;

std::string zh_day(Date d) {
    return std::to_string(static_cast<int>(d.year())) + "年" + std::to_string(static_cast<int>(d.month())) + "月" +
           std::to_string(static_cast<int>(d.day())) + "日";
}

namespace {




std::string pad(std::string_view s, std::size_t width) {
    std::string out(s);
    for (std::size_t w = query::display_width(s); w < width; ++w) out += ' ';
    return out;
}

/// The amount bands of the report: 1亿, 10亿 and 100亿 yuan.
std::vector<Money> amount_bands() { return {Money::parse("1亿元"), Money::parse("10亿元"), Money::parse("100亿元")}; }

/// Number of records a query matches (a query without group_by has no row when nothing matches).
template <class Query>
std::int64_t count_of(const Query& query) {
    const q::Table t = query.aggregate(q::count());
    return t.size() == 0 ? 0 : std::get<std::int64_t>(t.at(0, 0));
}

/// Itemized project investment by a group key: project count, contract and planned investment.
template <class Key>
q::Table investment_by(const Dataset& ds, Key key) {
    return q::from(ds, ds.projects())
        .group_by(key)
        .aggregate(q::named(q::count(), "项目数", "projects"),
                   q::named(q::sum(&Project::contract_investment), "合同投资", "contract investment"),
                   q::named(q::sum(&Project::planned_investment), "计划总投资", "planned investment"));
}

/// The table with the "(none)" group relabelled: projects that record no industry.
q::Table relabel_none(const q::Table& t, const q::Label& label) {
    std::vector<std::vector<q::Cell>> rows = t.rows();
    const q::Label none{"(无)", "(none)"};
    for (auto& row : rows)
        if (const auto* l = std::get_if<q::Label>(&row.at(0)); l != nullptr && *l == none) row[0] = label;
    return q::Table(t.columns(), std::move(rows));
}

// ------------------------------------------------------------------ the SVG chart

std::string xml_escape(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

/// Length of a bar in pixels: value × max_px / max, rounded half up, in 128-bit integers (no
/// floating point). A non-zero value gets at least one pixel.
int bar_length(const Money& value, const Money& max, int max_px) {
    using rep = decltype(value.units());
    rep v = value.units();
    rep m = max.units();
    if (v <= 0 || m <= 0 || max_px <= 0) return 0;
    // v <= m; keep 2 × v × max_px (max_px < 2^12) far inside 128 bits for absurdly large amounts.
    while (m > (rep(1) << 110)) {
        v /= 2;
        m /= 2;
    }
    const rep px = (v * rep(max_px) * 2 + m) / (m * 2);
    return std::max(1, static_cast<int>(px));
}

struct ChartRow {
    std::string label;
    std::optional<ReportedAmount> contract;
    std::optional<ReportedAmount> planned;
};

std::vector<ChartRow> chart_rows(const q::Table& t, Language lang) {
    std::vector<ChartRow> out;
    const std::size_t contract = t.column("contract investment");
    const std::size_t planned = t.column("planned investment");
    for (std::size_t r = 0; r < t.size(); ++r) {
        ChartRow row{q::Table::text(t.at(r, 0), lang), std::nullopt, std::nullopt};
        if (const auto* a = std::get_if<ReportedAmount>(&t.at(r, contract))) row.contract = *a;
        if (const auto* a = std::get_if<ReportedAmount>(&t.at(r, planned))) row.planned = *a;
        out.push_back(std::move(row));
    }
    return out;
}

/// A horizontal bar chart of itemized investment by park and by industry, as SVG text.
std::string investment_svg(const std::vector<ChartRow>& by_park, const std::vector<ChartRow>& by_industry, Language lang,
                           Date as_of, std::string_view source_zh, std::string_view source_en) {
    const bool zh = lang == Language::chinese;
    const auto t = [zh](std::string_view a, std::string_view b) { return std::string(zh ? a : b); };
    constexpr int width = 1000;
    constexpr int label_x = 20;
    constexpr int bar_x = 380;
    constexpr int max_px = 420;
    constexpr int bar_h = 16;
    constexpr int row_h = 20;
    const char* contract_colour = "#2f6db5";
    const char* planned_colour = "#e08a2c";

    // One scale for the whole chart: the largest amount shown.
    std::optional<Money> max;
    for (const auto* rows : {&by_park, &by_industry})
        for (const ChartRow& r : *rows)
            for (const auto& a : {r.contract, r.planned})
                if (a && a->value.currency() == Currency::CNY && (!max || a->value > *max)) max = a->value;

    std::ostringstream body;
    int y = 110;
    const auto section = [&](std::string_view title, const std::vector<ChartRow>& rows) {
        body << "  <text x=\"" << label_x << "\" y=\"" << y << "\" font-size=\"16\" font-weight=\"bold\">" << xml_escape(title)
             << "</text>\n";
        y += 14;
        for (const ChartRow& r : rows) {
            body << "  <text x=\"" << label_x << "\" y=\"" << y + row_h + 4 << "\">" << xml_escape(r.label) << "</text>\n";
            int series = 0;
            for (const auto& [amount, colour] : {std::pair{r.contract, contract_colour}, std::pair{r.planned, planned_colour}}) {
                const int top = y + series * row_h + (row_h - bar_h) / 2;
                std::string value_text = t("未披露", "not reported");
                int len = 0;
                if (amount) {
                    MoneyFormat f;
                    f.language = lang;
                    value_text = with_bound(amount->value.format(f), amount->bound, lang);
                    if (max) len = bar_length(amount->value, *max, max_px);
                    body << "  <rect x=\"" << bar_x << "\" y=\"" << top << "\" width=\"" << len << "\" height=\"" << bar_h
                         << "\" fill=\"" << colour << "\"><title>" << xml_escape(r.label) << ": " << xml_escape(value_text)
                         << "</title></rect>\n";
                }
                body << "  <text x=\"" << bar_x + len + 6 << "\" y=\"" << top + bar_h - 3 << "\" fill=\"" << (amount ? "#222" : "#999")
                     << "\">" << xml_escape(value_text) << "</text>\n";
                ++series;
            }
            y += 2 * row_h + 10;
        }
        y += 20;
    };
    section(t("按园区(含下属园区)", "By park (sub-parks included)"), by_park);
    section(t("按产业", "By industry"), by_industry);
    body << "  <text x=\"" << label_x << "\" y=\"" << y << "\" font-size=\"12\" fill=\"#555\">"
         << xml_escape(zh ? "条形长度与金额成比例(整数运算, 取整到像素);“以上”“约”“近”等界限见标注。来源: " + std::string(source_zh) + "。"
                          : "Bar lengths are proportional to the amounts (integer arithmetic, to the pixel); bounds (at least, "
                            "about, nearly) are in the labels. Source: " + std::string(source_en) + ".")
         << "</text>\n";
    const int height = y + 20;

    std::ostringstream svg;
    svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width
        << " " << height << "\" font-family=\"'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif\" "
        << "font-size=\"13\">\n"
        << "  <title>" << xml_escape(t("园区项目投资(明细)", "Itemized project investment")) << "</title>\n"
        << "  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        << "  <text x=\"" << label_x << "\" y=\"36\" font-size=\"20\" font-weight=\"bold\">"
        << xml_escape(zh ? "园区项目投资(明细项目,截至" + zh_day(as_of) + ")" : "Itemized project investment (as of " + iso_date(as_of) + ")")
        << "</text>\n"
        << "  <rect x=\"" << label_x << "\" y=\"58\" width=\"14\" height=\"14\" fill=\"" << contract_colour << "\"/>\n"
        << "  <text x=\"" << label_x + 20 << "\" y=\"70\">" << xml_escape(t("合同投资", "contract investment")) << "</text>\n"
        << "  <rect x=\"" << label_x + 180 << "\" y=\"58\" width=\"14\" height=\"14\" fill=\"" << planned_colour << "\"/>\n"
        << "  <text x=\"" << label_x + 200 << "\" y=\"70\">" << xml_escape(t("计划总投资", "planned investment")) << "</text>\n"
        << body.str() << "</svg>\n";
    return svg.str();
}


struct Report {
    const Dataset& ds;
    Language lang;
    Date report_day;
    std::ostream& out;
    bool zh() const { return lang == Language::chinese; }
    std::string t(std::string_view chinese, std::string_view english) const {
        return std::string(zh() ? chinese : english);
    }
    std::string name(const Name& n) const { return zh() || !n.en ? n.zh : *n.en + " (" + n.zh + ")"; }
    std::string money(const ReportedAmount& a) const {
        MoneyFormat f;
        f.language = lang;
        return with_bound(a.value.format(f), a.bound, lang);
    }

    /// A zone and its sub-parks (一区多园), depth first. Iterative, and indented by at most
    /// max_indent levels (deeper ones are labelled with their level): a chain of 10,000 sub-parks
    /// in a file prints 10,000 short lines, not 100 MB of spaces, and cannot exhaust the stack.
    void zone(const Park& z) const {
        std::vector<std::pair<ParkId, std::size_t>> todo{{z.id, 0}};
        while (!todo.empty()) {
            const auto [id, depth] = todo.back();
            todo.pop_back();
            park(ds.get(id), depth);
            const auto subs = ds.sub_parks_of(id);
            for (auto it = subs.rbegin(); it != subs.rend(); ++it) todo.emplace_back(*it, depth + 1);
        }
        summary(z);
    }

    void park(const Park& p, std::size_t depth) const {
        constexpr std::size_t max_indent = 8;
        const std::string indent(std::min(depth, max_indent) * 2, ' ');
        out << indent << (depth == 0 ? "■ " : "□ ");
        if (depth > max_indent) out << t("[第" + std::to_string(depth) + "层] ", "[level " + std::to_string(depth) + "] ");
        out << name(p.name);
        if (zh() && p.name.en) out << " (" << *p.name.en << ")";
        out << " · " << label(p.kind, lang) << " · " << p.province;
        if (p.city != p.province) out << p.city;
        out << '\n';
        if (p.established) out << indent << "  " << t("设立/启动: ", "established: ") << p.established->format(lang) << '\n';
        if (!p.leading_industries.empty()) {
            out << indent << "  " << t("主导产业: ", "leading industries: ");
            for (std::size_t i = 0; i < p.leading_industries.size(); ++i)
                out << (i ? t("、", ", ") : "") << ds.get(p.leading_industries[i]).name.zh;
            out << '\n';
        }
        statistics(p.id, indent);
        projects(p.id, indent);
        loans(p.id, indent);
        facilities(p.id, indent);
    }

    /// The zone's itemized records, sub-parks included, through the query API.
    void summary(const Park& zone) const {
        const auto projects = q::from(ds, ds.projects()).where(q::in_park(zone.id));
        const auto loans = q::from(ds, ds.loans()).where(q::in_park(zone.id));
        const auto facilities = q::from(ds, ds.waste_facilities()).where(q::in_park(zone.id));
        const bool any_projects = count_of(projects) > 0;
        const bool any_loans = count_of(loans) > 0;
        const bool any_facilities = count_of(facilities) > 0;
        if (!any_projects && !any_loans && !any_facilities) return;
        out << "  ▶ " << (zh() ? "汇总(含下属园区, 截至" + zh_day(report_day) + ")" : "Summary (sub-parks included, as of " + iso_date(report_day) + ")") << '\n';
        if (any_projects) {
            out << "    " << t("项目按阶段", "Projects by stage") << '\n';
            const q::Table by_stage =
                relabel_none(projects.group_by(q::by_stage(report_day))
                                 .aggregate(q::named(q::count(), "项目数", "projects"),
                                            q::named(q::sum(&Project::contract_investment), "合同投资", "contract"),
                                            q::named(q::sum(&Project::planned_investment), "计划总投资", "planned")),
                             q::Label{"未报阶段", "no stage reported"});
            out << indented(by_stage.to_text(lang), "      ");
            bands(projects, &Project::contract_investment, "按合同投资额区间", "By contract investment band");
            bands(projects, &Project::planned_investment, "按计划总投资区间", "By planned investment band");
        }
        if (any_loans) {
            out << "    " << t("贷款与资金合作计划按银行", "Loans and loan programmes by lender") << '\n';
            const auto instrument = [](const Loan& loan) {
                return q::Label{std::string(label(loan.instrument, Language::chinese)),
                                std::string(label(loan.instrument, Language::english))};
            };
            const q::Table by_lender =
                loans.group_by(q::by_lender(), q::by("品种", "instrument", instrument))
                    .aggregate(q::named(q::count(), "笔数", "loans"), q::named(q::sum(&Loan::commitment), "承诺金额合计", "commitment"),
                               q::named(q::distinct_count([](const Loan& loan) {
                                            std::vector<std::int64_t> ids;
                                            for (EnterpriseId e : loan.borrowers) ids.push_back(static_cast<std::int64_t>(e.value()));
                                            return ids;
                                        }),
                                        "具名借款企业", "named borrowers"));
            out << indented(by_lender.to_text(lang), "      ");
        }
        if (any_facilities) {
            out << "    " << t("危险废物设施能力", "Hazardous-waste capacity") << '\n';
            const q::Table capacity =
                facilities.group_by(q::by_park())
                    .aggregate(q::named(q::count(), "设施数", "facilities"),
                               q::named(q::quantity_sum(&WasteFacility::max_annual_throughput), "年最大中转/处置能力", "max throughput"),
                               q::named(q::quantity_sum(&WasteFacility::floor_area), "面积", "floor area"),
                               q::named(q::sum(&WasteFacility::investment), "投资", "investment"));
            out << indented(capacity.to_text(lang), "      ");
        }
    }

    /// Projects with an amount in `field`, by band: under 1亿, 1亿 to 10亿, 10亿 to 100亿, 100亿 and over.
    template <class Projects>
    void bands(const Projects& projects, std::optional<ReportedAmount> Project::*field, std::string_view title_zh,
               std::string_view title_en) const {
        const auto with_amount = projects.where(q::matching([field](const Project& p) { return (p.*field).has_value(); }));
        const q::Table table = with_amount.group_by(q::by_amount_band(field, amount_bands()))
                                   .aggregate(q::named(q::count(), "项目数", "projects"), q::named(q::sum(field), "金额合计", "sum"));
        if (table.size() == 0) return;
        out << "    " << t(title_zh, title_en) << '\n' << indented(table.to_text(lang), "      ");
        const q::Label undetermined{"无法确定", "undetermined"};
        for (const auto& row : table.rows())
            if (const auto* l = std::get_if<q::Label>(&row.at(0)); l != nullptr && *l == undetermined)
                out << "      " << t("(无法确定: 金额的界限跨过区间边界, 如“10亿元以上”也可能达到100亿元)",
                                           "(undetermined: the amount's bound straddles a band limit; \"at least 1 billion\" may reach 10 billion)")
                          << '\n';
    }

    void statistics(ParkId id, const std::string& indent) const {
        if (ds.statistics_in(id).empty()) return;
        out << indent << "  " << t("发布数据", "Published figures") << '\n';
        std::size_t period_width = 0;
        std::size_t label_width = 0;
        for (StatisticId sid : ds.statistics_in(id)) {
            period_width = std::max(period_width, query::display_width(ds.get(sid).period.label(lang)));
            label_width = std::max(label_width, query::display_width(ds.get(sid).label));
        }
        for (StatisticId sid : ds.statistics_in(id)) {
            const ReportedStatistic& s = ds.get(sid);
            std::string value = s.value ? format_value(*s.value, s.unit, s.bound, lang) : "";
            if (s.comparison) {
                const std::string change = s.comparison->change.format_signed(1, RoundingMode::half_up);
                value += (value.empty() ? "" : t(", ", ", ")) + std::string(label(s.comparison->kind, lang)) +
                         (zh() ? "" : " ") + change;
            }
            out << indent << "    " << pad(s.period.label(lang), period_width + 2) << pad(s.label, label_width + 2)
                      << value << '\n';
        }
    }

    void projects(ParkId id, const std::string& indent) const {
        if (ds.projects_in(id).empty()) return;
        const Date as_of = report_day;
        out << indent << "  " << (zh() ? "项目(截至" + zh_day(as_of) + ")" : "Projects (as of " + iso_date(as_of) + ")") << '\n';
        std::size_t name_width = 0;
        for (ProjectId pid : ds.projects_in(id)) name_width = std::max(name_width, query::display_width(ds.get(pid).name.zh));
        for (ProjectId pid : ds.projects_in(id)) {
            const Project& p = ds.get(pid);
            std::string stage = "—";
            if (const auto st = p.stage_as_of(as_of)) stage = std::string(label(*st, lang));
            std::string amounts;
            const auto add = [&](std::string_view what_zh, std::string_view what_en, const std::optional<ReportedAmount>& a) {
                if (!a) return;
                amounts += (amounts.empty() ? "" : "; ") + t(what_zh, what_en) + " " + money(*a);
            };
            add("合同投资", "contract", p.contract_investment);
            add("计划总投资", "planned", p.planned_investment);
            add("到位资金", "in place", p.funds_in_place);
            out << indent << "    " << pad(p.name.zh, name_width + 2) << pad(stage, 14) << amounts << '\n';
        }
    }

    void loans(ParkId id, const std::string& indent) const {
        if (ds.loans_in(id).empty()) return;
        out << indent << "  " << t("贷款与授信", "Loans and credit lines") << '\n';
        for (LoanId lid : ds.loans_in(id)) {
            const Loan& l = ds.get(lid);
            const Bank& bank = ds.get(l.lender);
            std::string borrowers;
            for (EnterpriseId e : l.borrowers) borrowers += (borrowers.empty() ? "" : t("、", ", ")) + ds.get(e).name.zh;
            if (l.borrower_count && *l.borrower_count > static_cast<std::int64_t>(l.borrowers.size()))
                borrowers += t("等" + std::to_string(*l.borrower_count) + "家", " and others, " + std::to_string(*l.borrower_count) + " in all");
            out << indent << "    " << pad(label(bank, lang), 24) << " → " << pad(borrowers, 40)
                      << pad(std::string(label(l.instrument, lang)), 16) << money(l.commitment);
            if (l.inception) out << "  (" << l.inception->format(lang) << ")";
            out << '\n';
        }
    }

    void facilities(ParkId id, const std::string& indent) const {
        if (ds.waste_facilities_in(id).empty()) return;
        out << indent << "  " << t("危险废物设施", "Hazardous-waste facilities") << '\n';
        for (WasteFacilityId wid : ds.waste_facilities_in(id)) {
            const WasteFacility& w = ds.get(wid);
            out << indent << "    " << name(w.name) << " · " << label(w.kind, lang);
            if (w.investment) out << t(" · 投资 ", " · investment ") << money(*w.investment);
            if (w.floor_area) out << t(" · 面积 ", " · floor area ") << w.floor_area->format(AreaKind::Unit::square_metre, lang);
            if (w.max_annual_throughput)
                out << t(" · 年最大中转 ", " · max throughput ")
                          << w.max_annual_throughput->format(AnnualThroughputKind::Unit::tonne_per_year, lang);
            if (w.commissioned) out << t(" · 启用 ", " · in use from ") << w.commissioned->format(lang);
            out << '\n';
        }
    }
};


}  // namespace

std::optional<std::string> write_file(const std::string& path, const std::string& text) {
    try {
        io::write_file(path, text);  // atomic, never through a symbolic link
    } catch (const std::filesystem::filesystem_error& e) {
        return e.what();
    }
    return std::nullopt;
}

std::optional<Date> latest_day(const Dataset& ds) {
    std::optional<Date> latest;
    const auto see = [&latest](Date d) {
        if (!d.is_special() && (!latest || d > *latest)) latest = d;
    };
    for (const Project& p : ds.projects())
        for (const StageEvent& e : p.stages) see(e.date.last());
    for (const Loan& l : ds.loans()) {
        if (l.inception) see(l.inception->last());
        for (const LoanSnapshot& s : l.snapshots) see(s.as_of);
    }
    for (const ReportedStatistic& s : ds.statistics()) see(s.period.last());
    return latest;
}

namespace {
std::string write_report(std::ostream& out, const Dataset& ds, const ReportOptions& options) {
    const Language lang = options.lang;
    const Report r{ds, lang, options.as_of, out};
    out << r.t(options.title_zh, options.title_en) << '\n' << std::string(72, '=') << '\n';
    for (const Park& p : ds.parks()) {
        if (p.parent) continue;  // printed under its parent
        r.zone(p);
        out << '\n';
    }
    out << r.t("■ 全部园区", "■ All parks") << '\n';
    const q::Table by_park = investment_by(ds, q::by_zone());
    const q::Table by_industry =
        relabel_none(investment_by(ds, q::by_industry()), q::Label{"未标注产业", "industry not recorded"});
    out << "  " << r.t("明细项目投资按园区(含下属园区)", "Itemized project investment by park (sub-parks included)") << '\n'
        << indented(by_park.to_text(lang), "    ");
    out << "  " << r.t("明细项目投资按产业", "Itemized project investment by industry") << '\n'
        << indented(by_industry.to_text(lang), "    ");
    out << "  "
        << r.t("核对: 发布总数与明细项目(覆盖率 = 明细 ÷ 发布)",
               "Reconciliation: published totals against itemized records (coverage = itemized ÷ published)")
        << '\n'
        << indented(q::reconcile(ds).to_text(lang), "    ") << '\n';
    out << r.t("来源: ", "Sources: ");
    for (const Source& s : ds.sources()) out << "\n  [" << s.id.value() << "] " << s.publication << " · " << s.section << " · " << s.note;
    out << '\n';
    return investment_svg(chart_rows(by_park, lang), chart_rows(by_industry, lang), lang, options.as_of, options.source_zh,
                          options.source_en);
}
}  // namespace

std::string print_report(std::ostream& terminal, const Dataset& ds, const ReportOptions& options) {
    // Written to a buffer first, then line by line through printable(): names and labels come
    // from files, and a control character in one (ESC ] 0 ; ... BEL) must not reach a terminal.
    std::ostringstream out;
    std::string svg = write_report(out, ds, options);
    const std::string text = std::move(out).str();
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        terminal << printable(std::string_view(text).substr(start, end - start), std::string::npos);
        if (end < text.size()) terminal << '\n';
        start = end + 1;
    }
    return svg;
}

}  // namespace parkinvest::tools
