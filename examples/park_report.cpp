// SPDX-License-Identifier: MIT
// park_report: the built-in 2020 sample dataset, park by park — published figures, projects,
// loans and waste facilities — in Chinese (default) or English.
// Usage: park_report [--lang zh|en]
#include <parkinvest/parkinvest.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

using namespace parkinvest;

namespace {

/// Terminal columns of UTF-8 text: CJK and full-width characters take two.
std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
        char32_t cp = len == 1 ? b : (b & (0x7F >> len));
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                          (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6);
        width += wide ? 2 : 1;
        i += len;
    }
    return width;
}

std::string pad(std::string_view s, std::size_t width) {
    std::string out(s);
    for (std::size_t w = display_width(s); w < width; ++w) out += ' ';
    return out;
}

struct Report {
    const Dataset& ds;
    Language lang;
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

    void park(const Park& p, int depth) const {
        const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
        std::cout << indent << (depth == 0 ? "■ " : "□ ") << name(p.name);
        if (zh() && p.name.en) std::cout << " (" << *p.name.en << ")";
        std::cout << " · " << label(p.kind, lang) << " · " << p.province;
        if (p.city != p.province) std::cout << p.city;
        std::cout << '\n';
        if (p.established) std::cout << indent << "  " << t("设立/启动: ", "established: ") << p.established->format(lang) << '\n';
        if (!p.leading_industries.empty()) {
            std::cout << indent << "  " << t("主导产业: ", "leading industries: ");
            for (std::size_t i = 0; i < p.leading_industries.size(); ++i)
                std::cout << (i ? t("、", ", ") : "") << ds.get(p.leading_industries[i]).name.zh;
            std::cout << '\n';
        }
        statistics(p.id, indent);
        projects(p.id, indent);
        loans(p.id, indent);
        facilities(p.id, indent);
        for (ParkId sub : ds.sub_parks_of(p.id)) park(ds.get(sub), depth + 1);
    }

    void statistics(ParkId id, const std::string& indent) const {
        if (ds.statistics_in(id).empty()) return;
        std::cout << indent << "  " << t("发布数据", "Published figures") << '\n';
        std::size_t period_width = 0;
        std::size_t label_width = 0;
        for (StatisticId sid : ds.statistics_in(id)) {
            period_width = std::max(period_width, display_width(ds.get(sid).period.label(lang)));
            label_width = std::max(label_width, display_width(ds.get(sid).label));
        }
        for (StatisticId sid : ds.statistics_in(id)) {
            const ReportedStatistic& s = ds.get(sid);
            std::string value = s.value ? format_value(*s.value, s.unit, s.bound, lang) : "";
            if (s.comparison) {
                const std::string change = s.comparison->change.format_signed(1, RoundingMode::half_up);
                value += (value.empty() ? "" : t(", ", ", ")) + std::string(label(s.comparison->kind, lang)) +
                         (zh() ? "" : " ") + change;
            }
            std::cout << indent << "    " << pad(s.period.label(lang), period_width + 2) << pad(s.label, label_width + 2)
                      << value << '\n';
        }
    }

    void projects(ParkId id, const std::string& indent) const {
        if (ds.projects_in(id).empty()) return;
        const Date as_of = make_date(2020, 7, 31);
        std::cout << indent << "  " << t("项目(截至2020年7月底)", "Projects (as of 2020-07-31)") << '\n';
        std::size_t name_width = 0;
        for (ProjectId pid : ds.projects_in(id)) name_width = std::max(name_width, display_width(ds.get(pid).name.zh));
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
            std::cout << indent << "    " << pad(p.name.zh, name_width + 2) << pad(stage, 14) << amounts << '\n';
        }
    }

    void loans(ParkId id, const std::string& indent) const {
        if (ds.loans_in(id).empty()) return;
        std::cout << indent << "  " << t("贷款与授信", "Loans and credit lines") << '\n';
        for (LoanId lid : ds.loans_in(id)) {
            const Loan& l = ds.get(lid);
            const Bank& bank = ds.get(l.lender);
            std::string borrowers;
            for (EnterpriseId e : l.borrowers) borrowers += (borrowers.empty() ? "" : t("、", ", ")) + ds.get(e).name.zh;
            if (l.borrower_count && *l.borrower_count > static_cast<std::int64_t>(l.borrowers.size()))
                borrowers += t("等" + std::to_string(*l.borrower_count) + "家", " and others, " + std::to_string(*l.borrower_count) + " in all");
            std::cout << indent << "    " << pad(name(bank.name) + bank.branch, 24) << " → " << pad(borrowers, 40)
                      << pad(std::string(label(l.instrument, lang)), 16) << money(l.commitment);
            if (l.inception) std::cout << "  (" << l.inception->format(lang) << ")";
            std::cout << '\n';
        }
    }

    void facilities(ParkId id, const std::string& indent) const {
        if (ds.waste_facilities_in(id).empty()) return;
        std::cout << indent << "  " << t("危险废物设施", "Hazardous-waste facilities") << '\n';
        for (WasteFacilityId wid : ds.waste_facilities_in(id)) {
            const WasteFacility& w = ds.get(wid);
            std::cout << indent << "    " << name(w.name) << " · " << label(w.kind, lang);
            if (w.investment) std::cout << t(" · 投资 ", " · investment ") << money(*w.investment);
            if (w.floor_area) std::cout << t(" · 面积 ", " · floor area ") << w.floor_area->format(AreaKind::Unit::square_metre, lang);
            if (w.max_annual_throughput)
                std::cout << t(" · 年最大中转 ", " · max throughput ")
                          << w.max_annual_throughput->format(AnnualThroughputKind::Unit::tonne_per_year, lang);
            if (w.commissioned) std::cout << t(" · 启用 ", " · in use from ") << w.commissioned->format(lang);
            std::cout << '\n';
        }
    }
};

}  // namespace

int main(int argc, char** argv) {
    Language lang = Language::chinese;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--lang" && i + 1 < argc) {
            const std::string_view value = argv[++i];
            if (value == "en") lang = Language::english;
            else if (value != "zh") {
                std::cerr << "park_report: --lang takes zh or en, not '" << value << "'\n";
                return 2;
            }
        } else if (arg == "--help" || arg == "-h") {
            std::cout << "usage: park_report [--lang zh|en]\n"
                         "Prints the built-in 2020 sample dataset park by park.\n";
            return 0;
        } else {
            std::cerr << "park_report: unknown argument '" << arg << "' (try --help)\n";
            return 2;
        }
    }
    try {
        const Dataset ds = samples::high_tech_zones_2020();
        const Report r{ds, lang};
        std::cout << r.t("parkinvest 园区投资报告 · 内置样例数据(2020年7月报道)",
                         "parkinvest park investment report · built-in sample data (reports of July 2020)")
                  << '\n'
                  << std::string(72, '=') << '\n';
        for (const Park& p : ds.parks()) {
            if (p.parent) continue;  // printed under its parent
            r.park(p, 0);
            std::cout << '\n';
        }
        std::cout << r.t("来源: ", "Sources: ");
        for (const Source& s : ds.sources()) std::cout << "\n  [" << s.id.value() << "] " << s.publication << " · " << s.section << " · " << s.note;
        std::cout << '\n';
    } catch (const Error& e) {
        std::cerr << "park_report: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
