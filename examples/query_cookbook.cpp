// SPDX-License-Identifier: MIT
// query_cookbook: one query per question, on the built-in 2020 sample dataset and on a small
// synthetic dataset (fixed seed). Each answer is printed under its question (Chinese and
// English), with the query that gives it. Tables in Chinese (default) or English.
// Usage: query_cookbook [--lang zh|en]
//
// Every number is exact: sums are Money, shares and growth rates are exact Percent values that
// are rounded (to one decimal, half up) only when printed.

#include <parkinvest/parkinvest.hpp>

#include "text_support.hpp"
#include <parkinvest/samples/high_tech_zones_2020.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

using namespace parkinvest;
using namespace parkinvest::query;

namespace {

using parkinvest::tools::indented;

Language lang = Language::chinese;

std::string tr(std::string_view zh, std::string_view en) { return std::string(lang == Language::chinese ? zh : en); }

int question_number = 0;

/// A question in both languages, then the query that answers it.
void question(std::string_view zh, std::string_view en, std::string_view query_text) {
    std::cout << "\n【" << ++question_number << "】" << zh << "\n    " << en << "\n"
              << indented(query_text, "    » ");
}
void table(const Table& t) { std::cout << indented(t.to_text(lang), "    "); }
void note(std::string_view zh, std::string_view en) { std::cout << indented(tr(zh, en), "    ※ "); }

/// Number of rows a query without group_by gives as its count (no row when nothing matches).
std::int64_t first_count(const Table& t) { return t.size() == 0 ? 0 : std::get<std::int64_t>(t.at(0, 0)); }

Money yi(std::int64_t n) { return Money::parse(std::to_string(n) + "亿元"); }

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--lang" && i + 1 < argc) {
            const std::string_view value = argv[++i];
            if (value == "en") lang = Language::english;
            else if (value != "zh") {
                std::cerr << "query_cookbook: --lang takes zh or en, not '" << value << "'\n";
                return 2;
            }
        } else if (arg == "--help" || arg == "-h") {
            std::cout << "usage: query_cookbook [--lang zh|en]\n"
                         "One query per question on the built-in 2020 sample and a small synthetic dataset.\n";
            return 0;
        } else {
            std::cerr << "query_cookbook: unknown argument '" << arg << "' (try --help)\n";
            return 2;
        }
    }
    try {
        const Dataset ds = samples::high_tech_zones_2020();
        samples::SyntheticOptions options;
        options.seed = 2020;
        options.parks = 3;
        options.sub_parks_per_park = 1;
        options.enterprises = 60;
        options.projects = 400;
        options.loans = 24;
        options.snapshots_per_loan = 12;
        options.waste_facilities = 2;
        options.first_year = 2019;
        options.last_year = 2020;
        const Dataset syn = samples::synthetic_dataset(options);
        const Date day = make_date(2020, 7, 31);

        std::cout << "parkinvest 查询手册 · Query cookbook\n" << std::string(72, '=') << '\n'
                  << tr("数据: 内置样例 samples::high_tech_zones_2020() (2020年7月报道); 合成数据 samples::synthetic_dataset("
                        "seed 2020, 3个园区各1个下属园区, 400个项目, 24笔贷款, 2019-2020年)",
                        "Data: the built-in sample samples::high_tech_zones_2020() (reports of July 2020); synthetic data "
                        "samples::synthetic_dataset(seed 2020, 3 zones with 1 sub-park each, 400 projects, 24 loans, 2019-2020)")
                  << '\n';

        // ------------------------------------------------------------ 1. totals and counts
        question("各园区、各阶段分别有多少项目、多少投资? (截至2020年7月31日, 下属园区计入所属园区)",
                 "How many projects, and how much investment, per park and stage? (as of 2020-07-31, sub-parks in their zone)",
                 "from(ds, ds.projects()).group_by(by_zone(), by_stage(2020-07-31))\n"
                 "    .aggregate(count(), sum(&Project::contract_investment), sum(&Project::planned_investment))");
        table(from(ds, ds.projects())
                  .group_by(by_zone(), by_stage(day))
                  .aggregate(count(), named(sum(&Project::contract_investment), "合同投资", "contract investment"),
                             named(sum(&Project::planned_investment), "计划总投资", "planned investment")));
        note("阶段“(无)”: 报道只提到项目落户, 未说签约或开工。“10亿元以上”之和仍是下限; “约”与“近”之和是约数。",
             "Stage \"(none)\": the report names the project but no signing or start. A sum including \"at least\" stays a "
             "lower bound; sums of \"about\" and \"nearly\" are approximate.");

        // ------------------------------------------------------------ 2. threshold buckets
        question("亿元以上、10亿元以上、百亿级项目各有多少?",
                 "How many projects of 100 million yuan and over, 1 billion and over, 10 billion and over?",
                 "from(ds, ds.projects()).group_by(by_amount_band(&Project::contract_investment, {1亿, 10亿, 100亿}),\n"
                 "                                 by_amount_band(&Project::planned_investment, {1亿, 10亿, 100亿}))\n"
                 "    .aggregate(count())\n"
                 "from(ds, ds.projects()).where(amount_at_least(&Project::contract_investment, t)\n"
                 "                           || amount_at_least(&Project::planned_investment, t)).aggregate(count())");
        const std::vector<Money> thresholds{yi(1), yi(10), yi(100)};
        table(from(ds, ds.projects())
                  .group_by(named(by_amount_band(&Project::contract_investment, thresholds), "合同投资区间", "contract band"),
                            named(by_amount_band(&Project::planned_investment, thresholds), "计划总投资区间", "planned band"))
                  .aggregate(named(count(), "项目数", "projects")));
        {
            // Cumulative buckets ("以上"): a project counts once, by either amount. The published
            // Chongqing counts are statistics 招商百日攻坚签下的…项目.
            std::vector<Column> columns{{"门槛", "threshold", true, ColumnKind::label},
                                        {"明细项目数", "itemized projects", false, ColumnKind::count},
                                        {"其中重庆高新区", "of which Chongqing", false, ColumnKind::count},
                                        {"重庆高新区发布数", "Chongqing published", false, ColumnKind::count}};
            std::vector<std::vector<Cell>> rows;
            const Label names[] = {{"亿元以上", "100 million yuan and over"},
                                   {"10亿元以上", "1 billion yuan and over"},
                                   {"百亿级(100亿元以上)", "10 billion yuan and over"}};
            const Cell published[] = {Cell{}, Cell{std::int64_t{9}}, Cell{std::int64_t{2}}};
            for (std::size_t i = 0; i < thresholds.size(); ++i) {
                const auto big = from(ds, ds.projects())
                                     .where(amount_at_least(&Project::contract_investment, thresholds[i]) ||
                                            amount_at_least(&Project::planned_investment, thresholds[i]));
                rows.push_back({names[i], first_count(big.aggregate(count())),
                                first_count(big.where(in_park(samples::hz2020::chongqing)).aggregate(count())), published[i]});
            }
            table(Table(std::move(columns), std::move(rows)));
        }
        note("“10亿元以上”可能达到或超过100亿元, 所以在三档区间里“无法确定”, 但确实计入“10亿元以上”。\n"
             "重庆高新区发布了百亿级项目2个、10亿元以上项目9个; 报道只给出其中少数项目的金额 (平安大健康产业园为百亿级, 但没有金额)。",
             "\"At least 1 billion\" may reach 10 billion, so its band is undetermined, but it does count as 1 billion and over.\n"
             "Chongqing published 2 projects of 10 billion and over and 9 of 1 billion and over; the reports give the amounts "
             "of only a few of them (the Ping An park is 10-billion class, but without an amount).");

        // ------------------------------------------------------------ 3. shares
        question("各园区的项目数和计划总投资各占多少?",
                 "What share of the projects, and of the planned investment, does each park hold?",
                 "from(ds, ds.projects()).group_by(by_zone())\n"
                 "    .aggregate(count(), share_of_count(), sum(&Project::planned_investment), share(&Project::planned_investment))");
        table(from(ds, ds.projects())
                  .group_by(by_zone())
                  .aggregate(count(), share_of_count(), named(sum(&Project::planned_investment), "计划总投资", "planned investment"),
                             named(share(&Project::planned_investment), "计划总投资占比", "share of planned")));
        note("占比是精确的比值 (Percent), 只在打印时保留一位小数; 约数和下限按其数值计算。",
             "Shares are exact ratios (Percent), rounded to one decimal only when printed; approximate and bounded amounts "
             "count at their value.");

        // ------------------------------------------------------------ 4. year-on-year growth
        const Period h1 = Period::half_year(2020, 1);
        question("2020年上半年签约项目的合同投资同比增长多少?",
                 "By how much did the contract investment of projects signed in the first half of 2020 grow year on year?",
                 "from(ds, ds.projects()).where(entered(Stage::contracted, 2019-01-01..2020-12-31))\n"
                 "    .group_by(by_zone(), by_period(Stage::contracted, Bucket::half_year)).aggregate(count(), sum(&Project::contract_investment))\n"
                 "from(ds, ds.projects()).group_by(by_zone())\n"
                 "    .aggregate(growth(&Project::contract_investment, Stage::contracted, Period::half_year(2020, 1)))");
        const Period two_years = Period::range(make_date(2019, 1, 1), make_date(2020, 12, 31));
        table(from(ds, ds.projects())
                  .where(entered(Stage::contracted, two_years))
                  .group_by(by_zone(), by_period(Stage::contracted, Bucket::half_year))
                  .aggregate(count(), named(sum(&Project::contract_investment), "合同投资", "contract investment")));
        table(from(ds, ds.projects()).group_by(by_zone()).aggregate(growth(&Project::contract_investment, Stage::contracted, h1)));
        note("样例数据没有2019年签约的明细项目, 同比无法由明细算出 (空白)。报道发布的增长数据 (同比、较去年年底) 如下:",
             "The sample has no itemized projects signed in 2019, so the growth cannot be computed from records (blank). "
             "The published changes (year on year, vs the previous year end) are:");
        for (const ReportedStatistic& s : ds.statistics()) {
            if (!s.comparison) continue;
            const Park& p = ds.get(s.scope);
            std::string value = s.value ? format_value(*s.value, s.unit, s.bound, lang) + " " : "";
            std::cout << "      " << (lang == Language::chinese || !p.name.en ? p.name.zh : *p.name.en) << " · "
                      << s.period.label(lang) << " · "
                      << (lang == Language::chinese ? s.label : std::string(label(s.indicator, lang)) + " (" + s.label + ")") << " " << value << label(s.comparison->kind, lang)
                      << (lang == Language::chinese ? "" : " ") << s.comparison->change.format_signed(1, RoundingMode::half_up)
                      << '\n';
        }
        note("合成数据 (2019-2020年) 有两年的明细, 同比可以算出:", "The synthetic data (2019-2020) has both years, so the growth is computed:");
        const Period year2020 = Period::year(2020);
        std::cout << "    » from(syn, syn.projects()).where(entered(Stage::contracted, 2019-01-01..2020-12-31))\n"
                     "    »     .group_by(by_zone(), by_period(Stage::contracted, Bucket::year)).aggregate(count(), sum(&Project::contract_investment))\n"
                     "    » from(syn, syn.projects()).group_by(by_zone())\n"
                     "    »     .aggregate(growth(&Project::contract_investment, Stage::contracted, Period::year(2020)))\n";
        table(from(syn, syn.projects())
                  .where(entered(Stage::contracted, two_years))
                  .group_by(by_zone(), by_period(Stage::contracted, Bucket::year))
                  .aggregate(count(), named(sum(&Project::contract_investment), "合同投资", "contract investment")));
        table(from(syn, syn.projects())
                  .group_by(by_zone())
                  .aggregate(growth(&Project::contract_investment, Stage::contracted, year2020)));
        note("同比按两期合计的数值计算; 合计带“以上”或“约”时, 增长率同样只是下限或约数 (增长率一栏不带界限)。",
             "The growth compares the two sums at their values; where a sum is \"at least\" or \"about\", so is the growth "
             "(the growth column carries no bound).");

        // ------------------------------------------------------------ 5. stocks as of a date
        question("2020年7月31日各银行的贷款余额是多少?", "What did each bank have outstanding on 31 July 2020?",
                 "from(ds, ds.loans()).group_by(by_lender())\n"
                 "    .aggregate(count(), sum(&Loan::commitment), outstanding_as_of(2020-07-31))");
        table(from(ds, ds.loans())
                  .group_by(by_lender())
                  .aggregate(count(), named(sum(&Loan::commitment), "授信/承诺金额", "commitment"), outstanding_as_of(day)));
        note("样例中的授信额度(1亿元)和资金合作计划(10亿元)只报道了承诺金额, 没有提款或余额快照, 所以余额为空白——"
             "余额不能用承诺金额代替。",
             "The sample's credit line (100 million yuan) and loan programme (1 billion yuan) are reported as commitments "
             "only, with no drawdown or balance snapshots, so the outstanding column is blank: a commitment is not a balance.");
        note("合成数据的贷款有月末快照:", "The synthetic loans carry month-end snapshots:");
        std::cout << "    » from(syn, syn.loans()).group_by(by_lender())\n"
                     "    »     .aggregate(count(), sum(&Loan::commitment), outstanding_as_of(2020-12-31))\n";
        table(from(syn, syn.loans())
                  .group_by(by_lender())
                  .aggregate(count(), named(sum(&Loan::commitment), "授信/承诺金额", "commitment"),
                             outstanding_as_of(make_date(2020, 12, 31))));

        // ------------------------------------------------------------ 6. funnel
        question("已签约的项目中, 到2020年7月31日有多少已经开工?",
                 "Of the signed projects, what share had started work by 31 July 2020?",
                 "from(ds, ds.projects()).where(reached(Stage::contracted, 2020-07-31)).group_by(by_zone())\n"
                 "    .aggregate(count(), funnel(Stage::started, 2020-07-31))");
        const auto signed_projects = from(ds, ds.projects()).where(reached(Stage::contracted, day));
        table(signed_projects.group_by(by_zone()).aggregate(named(count(), "已签约", "signed"), named(funnel(Stage::started, day), "开工率", "started")));
        table(signed_projects.aggregate(named(count(), "已签约(合计)", "signed (all parks)"),
                                        named(funnel(Stage::started, day), "开工率", "started")));
        note("“已签约”包括已越过签约阶段的项目 (光大人工智能产业基地直接报道为开工)。7月份的事件按整月计, 7月31日之后才算发生。",
             "\"Signed\" includes projects past signing (the Everbright AI base is reported as started). An event dated only to "
             "July counts once the whole month has passed.");

        // ------------------------------------------------------------ 7. top-N
        question("计划总投资最大的3个项目是哪些?", "Which 3 projects have the largest planned investment?",
                 "from(ds, ds.projects()).group_by(by(\"项目\", \"project\", name))\n"
                 "    .aggregate(sum(&Project::planned_investment)).top(3, \"计划总投资\")");
        table(from(ds, ds.projects())
                  .group_by(by("项目", "project", [](const Project& p) { return p.name.zh; }))
                  .aggregate(named(sum(&Project::planned_investment), "计划总投资", "planned investment"))
                  .top(3, "计划总投资"));
        note("合成数据: 2020年签约合同投资最多的3个园区", "Synthetic data: the 3 parks with the most contract investment signed in 2020");
        std::cout << "    » from(syn, syn.projects()).where(entered(Stage::contracted, Period::year(2020))).group_by(by_park())\n"
                     "    »     .aggregate(count(), sum(&Project::contract_investment)).top(3, \"contract investment\")\n";
        table(from(syn, syn.projects())
                  .where(entered(Stage::contracted, year2020))
                  .group_by(by_park())
                  .aggregate(count(), named(sum(&Project::contract_investment), "合同投资", "contract investment"))
                  .top(3, "contract investment"));

        // ------------------------------------------------------------ 8. reconciliation
        question("发布的总数与明细项目对得上吗?", "Do the published totals agree with the itemized records?", "reconcile(ds)");
        table(reconcile(ds));
        note("覆盖率 = 明细 ÷ 发布。报道只点名了重庆高新区39个签约项目中的3个; 烟台5个入驻协议全部有明细。"
             "明细超过精确的发布数时“冲突”为“是”。",
             "Coverage = itemized ÷ published. The reports name only 3 of Chongqing's 39 signed projects; all 5 of Yantai's "
             "entry agreements are itemized. \"Conflict\" is \"yes\" where the itemized figure exceeds an exact published one.");
        note("合成数据的发布数与明细是分别生成的, 互不约束:", "In the synthetic data, the published figures and the records are generated independently:");
        std::cout << "    » reconcile(syn).top(4, \"itemized count\")\n";
        table(reconcile(syn).top(4, "itemized count"));

        // ------------------------------------------------------------ 9. export
        question("如何导出结果? (CSV 与 JSON, 金额为精确字符串)", "How do I export a result? (CSV and JSON, amounts as exact strings)",
                 "from(ds, ds.loans()).group_by(by_lender()).aggregate(count(), sum(&Loan::commitment)).to_csv() / .to_json()");
        const Table loans = from(ds, ds.loans()).group_by(by_lender()).aggregate(count(), sum(&Loan::commitment));
        std::cout << indented(loans.to_csv(lang), "    ") << indented(loans.to_json(), "    ");
    } catch (const Error& e) {
        std::cerr << "query_cookbook: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
