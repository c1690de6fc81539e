// SPDX-License-Identifier: MIT
// parkinvest money demo: the money figures of the July 2020 newspaper page on six parks
// (../shared/seed in the project notes), parsed, summed, divided, allocated and formatted
// exactly. Usage: money_demo [--lang zh|en]
#include <parkinvest/parkinvest.hpp>

#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

using namespace parkinvest;

namespace {
struct Figure {
    std::string_view park;
    std::string_view what_zh;
    std::string_view what_en;
    std::string_view text;  // as printed on the page
};

constexpr Figure figures[] = {
    {"重庆高新区", "上半年合同协议投资总额", "H1 contract investment", "605.6亿元"},
    {"重庆高新区", "光大人工智能产业基地总投资", "Everbright AI base, total investment", "200亿元"},
    {"益阳高新区", "产业发展基金注册资本", "industry fund, registered", "10亿元"},
    {"益阳高新区", "在谈项目意向投资(以上)", "projects under negotiation (at least)", "100亿元"},
    {"益阳高新区", "智慧清溪一期总投资(约)", "Smart Qingxi phase 1 (about)", "2亿元"},
    {"益阳高新区", "智慧清溪二期投资(近)", "Smart Qingxi phase 2 (nearly)", "3.26亿元"},
    {"南通高新区", "甬金金属 省成果转化资助", "Yongjin: provincial transfer grant", "700万元"},
    {"南通高新区", "甬金金属 工信部项目资助", "Yongjin: MIIT project grant", "2000万元"},
    {"宁波高新区", "国林公司授信额度", "Guolin credit line", "1亿元"},
    {"宁波高新区", "截至6月底发放贷款", "loans issued to end of June", "95.9亿元"},
    {"宁波高新区", "制造业资金合作计划总额度", "manufacturing loan programme", "10亿元"},
    {"宁波高新区", "兑现疫情补助(约)", "epidemic subsidies paid (about)", "2140万元"},
    {"北京经开区", "危险废物暂存库投资", "hazardous-waste store, investment", "80万元"},
};
}  // namespace

int main(int argc, char** argv) {
    bool english = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--lang" && i + 1 < argc) {
            english = std::strcmp(argv[++i], "en") == 0;
        } else if (arg == "--help" || arg == "-h") {
            std::cout << "usage: money_demo [--lang zh|en]\n";
            return 0;
        } else {
            std::cerr << "money_demo: unknown argument '" << arg << "' (try --help)\n";
            return 2;
        }
    }
    MoneyFormat fmt;
    fmt.language = english ? Language::english : Language::chinese;
    const auto show = [&](const Money& m) { return m.format(fmt); };

    try {
        std::cout << (english ? "Money figures on the page (exact)\n" : "版面金额(精确值)\n");
        for (const Figure& f : figures) {
            const Money m = Money::parse(f.text);
            std::cout << "  " << f.park << "  " << (english ? f.what_en : f.what_zh) << ": " << show(m) << "  = "
                      << m.to_string() << '\n';
        }

        // Sums: the two grants to one firm; the two phases of one project.
        const Money grants = Money::parse("700万元") + Money::parse("2000万元");
        const Money phases = Money::parse("2亿元") + Money::parse("3.26亿元");
        std::cout << (english ? "Grants to Yongjin, total: " : "甬金金属获资助合计: ") << show(grants) << '\n';
        std::cout << (english ? "Smart Qingxi, both phases (about): " : "智慧清溪两期合计(约): ") << show(phases) << '\n';

        // Growth: 95.9亿元 is +2.5% on a year earlier, so last year's figure was 95.9亿 / 1.025.
        const Money loans = Money::parse("95.9亿元");
        const Money last_year = loans.mul(Decimal<6>(1).div(Decimal<6>::parse("1.025"), RoundingMode::half_even),
                                          RoundingMode::half_even)
                                    .rounded(MoneyUnit::yi, 2, RoundingMode::half_up);
        std::cout << (english ? "Ningbo loans a year earlier (derived, 2 decimals of 亿): "
                              : "宁波上年同期贷款(推算, 保留两位): ")
                  << show(last_year) << "  ("
                  << Percent::growth(loans, last_year).format_signed(1, RoundingMode::half_up) << ")\n";

        // Division with explicit rounding: investment per tonne of annual throughput.
        const Money store = Money::parse("80万元");
        const AnnualThroughput throughput = AnnualThroughput::parse("291吨/年");
        const Language lang = english ? Language::english : Language::chinese;
        std::cout << (english ? "Waste store: " : "暂存库: ") << show(store) << " ÷ "
                  << throughput.format(AnnualThroughputKind::Unit::tonne_per_year, lang) << " = "
                  << store.div(291, RoundingMode::half_up).rounded(RoundingMode::half_up).format_grouped()
                  << (english ? " yuan per t/a" : " 元/(吨/年)") << '\n';

        // Allocation: 2140万元 of subsidies over 2980 enterprise-visits, to the 分, summing exactly.
        const Money subsidies = Money::parse("2140万元");
        const auto parts = subsidies.split(2980);
        Money check;
        for (const Money& p : parts) check += p;
        std::cout << (english ? "Subsidies split over 2980 visits: first " : "补助按2980家次均分: 首份 ")
                  << parts.front().format_grouped() << (english ? ", last " : ", 末份 ")
                  << parts.back().format_grouped() << (english ? ", sum " : ", 合计 ") << show(check)
                  << (check == subsidies ? (english ? " (exact)" : " (无差额)") : " (MISMATCH)") << '\n';

        // Shares and percentage points.
        const Percent big_data = Percent::parse("44.2%");
        std::cout << (english ? "Big data share of leading-industry contract investment: "
                              : "大数据占主导产业合同投资额: ")
                  << big_data.format(1, RoundingMode::half_up) << '\n';
        std::cout << (english ? "Fixed-asset investment growth (Yiyang) vs loan growth (Ningbo): "
                              : "益阳固投增速与宁波贷款增速之差: ")
                  << (Percent::parse("4.9%") - Percent::parse("2.5%"))
                         .format(1, RoundingMode::half_up, lang)
                  << '\n';
    } catch (const Error& e) {
        std::cerr << "money_demo: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
