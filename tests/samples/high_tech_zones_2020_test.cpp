// SPDX-License-Identifier: MIT
// The built-in sample dataset against tests/data/seed_figures.tsv: one row per figure on the seed
// page (figure, exact value, qualifier, period, sentence), written from the page independently
// of the dataset's code. Every row must be found in the dataset with the same value, bound and
// sentence; every statistic in the dataset must be accounted for by a row.
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace parkinvest;
namespace hz = samples::hz2020;

struct Row {
    std::string id, park, subject, kind, text, value, unit, qualifier, period, comparison, sentence;
};

std::vector<Row> load_rows() {
    std::ifstream in(PARKINVEST_TEST_DATA_DIR "/seed_figures.tsv");
    std::vector<Row> rows;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, '\t')) f.push_back(cell);
        f.resize(11);
        rows.push_back(Row{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]});
    }
    return rows;
}

/// What the dataset says about one figure, in the TSV's terms.
struct Figure {
    std::string value;      ///< as in the TSV's value column
    std::string qualifier;  ///< exact, at_least, more_than, about, nearly, at_most
    std::vector<Citation> citations;
    std::optional<Date> period_end;  ///< last day of the figure's period, when it has one
    std::string comparison;          ///< yoy, vs_prev_year_end or empty
    const ReportedStatistic* statistic = nullptr;  ///< when the figure is (part of) a statistic
};

std::string qualifier(Bound b) { return std::string(enum_name(b)); }

std::string yuan(const Money& m) {
    EXPECT_EQ(m.currency(), Currency::CNY);
    const std::string s = m.to_string();  // "60560000000.00 CNY"
    return s.substr(0, s.find(' '));
}

/// The exact percentage number: "44.2" for 44.2%, "80" for 80%.
std::string percent_number(const Percent& p) {
    for (int d = 0; d <= 6; ++d) {
        try {
            std::string s = p.format(d, RoundingMode::unnecessary);
            s.pop_back();  // '%'
            return s;
        } catch (const InexactRoundingError&) {
        }
    }
    return "inexact";
}

std::string strip_unit(std::string s) { return s.substr(0, s.find(' ')); }

class SampleDataset : public ::testing::Test {
protected:
    static void SetUpTestSuite() { ds_ = new Dataset(samples::high_tech_zones_2020()); }
    static void TearDownTestSuite() {
        delete ds_;
        ds_ = nullptr;
    }
    static const Dataset& ds() { return *ds_; }

    static const ReportedStatistic& stat(ParkId scope, const std::string& label) {
        for (StatisticId id : ds().statistics_in(scope))
            if (const auto& s = ds().get(id); s.label == label) return s;
        throw std::runtime_error("no statistic \"" + label + "\" in " + scope.to_string());
    }
    static const Project& project(const std::string& name) {
        for (const Project& p : ds().projects())
            if (p.name.zh == name) return p;
        throw std::runtime_error("no project " + name);
    }
    static const Enterprise& enterprise(const std::string& name) {
        for (const Enterprise& e : ds().enterprises())
            if (e.name.zh == name) return e;
        throw std::runtime_error("no enterprise " + name);
    }

    static Figure of(const ReportedStatistic& s) {
        Figure f;
        f.statistic = &s;
        f.qualifier = qualifier(s.bound);
        f.citations = s.sources;
        f.period_end = s.period.last();
        if (s.value) {
            std::visit(
                [&](const auto& v) {
                    using V = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, std::int64_t>) f.value = std::to_string(v);
                    else if constexpr (std::is_same_v<V, Money>) f.value = yuan(v);
                    else if constexpr (std::is_same_v<V, Percent>) f.value = percent_number(v);
                    else if constexpr (std::is_same_v<V, Area>) f.value = strip_unit(v.format(AreaKind::Unit::square_kilometre, Language::english));
                    else if constexpr (std::is_same_v<V, ReportedDate>) f.value = v.to_string();
                    else f.value = "unexpected value type";
                },
                *s.value);
        }
        return f;
    }
    /// The comparison of a statistic as its own figure (同比增长4.9%).
    static Figure change_of(const ReportedStatistic& s) {
        Figure f;
        f.statistic = &s;
        EXPECT_TRUE(s.comparison.has_value()) << s.label;
        if (!s.comparison) return f;
        f.value = percent_number(s.comparison->change);
        f.qualifier = qualifier(s.comparison->bound);
        f.citations = s.sources;
        f.period_end = s.period.last();
        f.comparison = s.comparison->kind == ComparisonKind::year_on_year ? "yoy" : "vs_prev_year_end";
        return f;
    }
    static Figure amount(const std::optional<ReportedAmount>& a, const std::vector<Citation>& cites) {
        Figure f;
        EXPECT_TRUE(a.has_value());
        if (a) {
            f.value = yuan(a->value);
            f.qualifier = qualifier(a->bound);
        }
        f.citations = cites;
        return f;
    }
    static Figure date(const std::optional<ReportedDate>& d, const std::vector<Citation>& cites) {
        Figure f;
        EXPECT_TRUE(d.has_value());
        if (d) f.value = d->to_string();
        f.qualifier = "exact";
        f.citations = cites;
        return f;
    }

    static std::map<std::string, std::function<Figure()>> accessors();

    static Dataset* ds_;
};
Dataset* SampleDataset::ds_ = nullptr;

std::map<std::string, std::function<Figure()>> SampleDataset::accessors() {
    const auto st = [](ParkId p, std::string label) { return [p, label] { return of(stat(p, label)); }; };
    const auto ch = [](ParkId p, std::string label) { return [p, label] { return change_of(stat(p, label)); }; };
    return {
        {"cq-meeting-date", st(hz::chongqing, "上半年经济形势分析会召开")},
        {"cq-signed-projects", st(hz::chongqing, "上半年签约项目")},
        {"cq-contract-investment", st(hz::chongqing, "上半年签约项目合同协议投资总额")},
        {"cq-guangda-ai-base-investment",
         [] { return amount(project("光大人工智能产业基地").planned_investment, project("光大人工智能产业基地").sources); }},
        {"cq-100bn-projects-signed", st(hz::chongqing, "招商百日攻坚签下的百亿级项目")},
        {"cq-1bn-plus-projects-signed", st(hz::chongqing, "招商百日攻坚签下的10亿元以上项目")},
        {"cq-1bn-plus-project-investment",
         [] {
             const Project& p = project("泰格医药临床研究西部(重庆)中心");
             return amount(p.contract_investment, p.sources);
         }},
        {"cq-rd-projects-share", st(hz::science_city, "科技研发类项目占上半年签约项目比重")},
        {"cq-bigdata-investment-share", st(hz::science_city, "大数据产业合同投资额占主导产业项目比重")},
        {"cq-leading-industries", st(hz::science_city, "主导产业方向")},
        {"cq-sub-sectors", st(hz::science_city, "细分领域")},
        {"cq-dianxiaoer-per-enterprise", st(hz::chongqing, "为每个落户企业配备的店小二")},
        {"yy-projects-introduced", st(hz::yiyang, "引进项目")},
        {"yy-projects-started", st(hz::yiyang, "新开工产业项目")},
        {"yy-fai-growth", ch(hz::yiyang, "固定资产投资")},
        {"yy-gaofatou-restructuring", st(hz::yiyang, "益阳高发投完成改制")},
        {"yy-gaofatou-result-areas", st(hz::yiyang, "改制后益阳高发投取得成效的方面")},
        {"yy-industry-fund-registered", st(hz::yiyang, "注册成立产业发展基金(益阳高发和生股权投资基金)")},
        {"yy-investor-contacts", st(hz::yiyang, "疫情冲击下对接客商")},
        {"yy-projects-negotiating", st(hz::yiyang, "储备重点在谈项目")},
        {"yy-intended-investment", st(hz::yiyang, "在谈项目意向投资")},
        {"yy-jinbo-listing-date",
         [] {
             const Enterprise& e = enterprise("湖南金博碳素股份有限公司");
             EXPECT_TRUE(e.listing.has_value());
             return date(e.listing ? e.listing->date : std::nullopt, e.sources);
         }},
        {"yy-huagong-local-suppliers", st(hz::yiyang, "驻企联络员对接的湖南华工智能装备本地供应商")},
        {"yy-cadres-in-enterprises", st(hz::yiyang, "疫情防控期间派出进驻企业的干部")},
        {"yy-problems-solved", st(hz::yiyang, "疫情防控期间为企业解决的复工复产难题")},
        {"yy-market-entities", st(hz::yiyang, "市场主体保有量")},
        {"yy-market-entities-growth", ch(hz::yiyang, "市场主体保有量")},
        {"yy-qingxi-phase1-investment",
         [] { return amount(project("第一期智慧清溪提质改造项目").planned_investment, project("第一期智慧清溪提质改造项目").sources); }},
        {"yy-qingxi-phase2-investment",
         [] { return amount(project("第二期智慧清溪提质改造项目").planned_investment, project("第二期智慧清溪提质改造项目").sources); }},
        {"nt-award-projects", st(hz::nantong, "获江苏省科学技术奖的项目")},
        {"nt-award-first-prize", st(hz::nantong, "江苏省科学技术奖一等奖")},
        {"nt-award-third-prize", st(hz::nantong, "江苏省科学技术奖三等奖")},
        {"nt-yongjin-provincial-grant", st(hz::nantong, "甬金金属获江苏省科技成果转化专项资金资助")},
        {"nt-yongjin-miit-grant", st(hz::nantong, "甬金金属获工信部重点新材料产业链技术能力提升项目资助")},
        {"nt-group-entrepreneurs", st(hz::nantong, "受邀共建校企合作交流群的企业家")},
        {"nt-group-institutions", st(hz::nantong, "受邀共建校企合作交流群的高校院所")},
        {"nt-group-experts", st(hz::nantong, "受邀共建校企合作交流群的专家教授")},
        {"nt-provincial-commendation", st(hz::nantong, "因双创成效显著受江苏省政府表彰")},
        {"yt-launch-date", [] { return date(ds().get(hz::yantai_cjk_park).established, ds().get(hz::yantai_cjk_park).sources); }},
        {"yt-onsite-participants", st(hz::yantai, "中日韩文化创意产业园启动仪式现场参加者")},
        {"yt-livestream-viewers", st(hz::yantai, "启动仪式实时直播参与者")},
        {"yt-featured-industries", st(hz::yantai, "重点发展的特色产业")},
        {"yt-national-platforms", st(hz::yantai, "国家级平台")},
        {"yt-provincial-platforms", st(hz::yantai, "省级平台")},
        {"yt-national-incubators", st(hz::yantai, "国家级科技企业孵化器及众创空间")},
        {"yt-operators-signed", st(hz::yantai, "与香港亿一国际签订入驻协议的项目运营商")},
        {"yt-china-korea-park-zones", st(hz::yantai, "中韩(烟台)产业园片区")},
        {"nb-headline-loans", st(hz::ningbo, "区内银行为企业发放贷款(标题)")},
        {"nb-guolin-credit-line",
         [] {
             const Loan& l = ds().get(LoanId{1});
             return amount(l.commitment, l.sources);
         }},
        {"nb-guolin-import-rank", st(hz::ningbo, "浙江国林林业资源开发有限公司进口量排名")},
        {"nb-bank-loans", st(hz::ningbo, "区内银行为园区企业发放贷款")},
        {"nb-bank-loans-growth", ch(hz::ningbo, "区内银行为园区企业发放贷款")},
        {"nb-cdb-programme-date", [] { return date(ds().get(LoanId{2}).inception, ds().get(LoanId{2}).sources); }},
        {"nb-cdb-programme-amount",
         [] {
             const Loan& l = ds().get(LoanId{2});
             return amount(l.commitment, l.sources);
         }},
        {"nb-cdb-programme-beneficiaries", st(hz::ningbo, "制造业资金合作计划受益企业")},
        {"nb-epidemic-subsidies-paid", st(hz::ningbo, "兑现市、区两级疫情期间补助")},
        {"nb-subsidy-beneficiaries", st(hz::ningbo, "疫情期间补助惠及企业")},
        {"bj-collection-system-launch",
         [] { return date(ds().get(WasteFacilityId{1}).commissioned, ds().get(WasteFacilityId{1}).sources); }},
        {"bj-storage-investment",
         [] { return amount(ds().get(WasteFacilityId{1}).investment, ds().get(WasteFacilityId{1}).sources); }},
        {"bj-storage-floor-area",
         [] {
             const WasteFacility& w = ds().get(WasteFacilityId{1});
             Figure f;
             f.value = strip_unit(w.floor_area->format(AreaKind::Unit::square_metre, Language::english));
             f.qualifier = "exact";
             f.citations = w.sources;
             return f;
         }},
        {"bj-storage-max-throughput",
         [] {
             const WasteFacility& w = ds().get(WasteFacilityId{1});
             Figure f;
             f.value = strip_unit(w.max_annual_throughput->format(AnnualThroughputKind::Unit::tonne_per_year, Language::english));
             f.qualifier = "exact";
             f.citations = w.sources;
             return f;
         }},
        {"bj-waste-cost-reduction", st(hz::beijing_etdz, "集中收运后企业危险废物管理成本降低幅度")},
        {"bj-zero-waste-pilot-selection", st(hz::beijing_etdz, "入选无废城市建设试点")},
        {"bj-yizhuang-new-town-area", st(hz::beijing_etdz, "亦庄新城范围(无废城市试点建设范围)")},
    };
}

TEST_F(SampleDataset, FigureTableIsComplete) {
    const auto rows = load_rows();
    ASSERT_GE(rows.size(), 60u) << "tests/data/seed_figures.tsv missing or truncated";
    std::set<std::string> ids;
    for (const Row& r : rows) EXPECT_TRUE(ids.insert(r.id).second) << "duplicate row id " << r.id;
    const auto acc = accessors();
    for (const Row& r : rows) EXPECT_TRUE(acc.contains(r.id)) << "no check for figure " << r.id;
    for (const auto& [id, _] : acc) EXPECT_TRUE(ids.contains(id)) << "check for a figure not in the table: " << id;
}

TEST_F(SampleDataset, EveryFigureOnThePageIsInTheDataset) {
    const auto acc = accessors();
    for (const Row& r : load_rows()) {
        SCOPED_TRACE(r.id + " (" + r.text + "): " + r.sentence);
        const auto it = acc.find(r.id);
        if (it == acc.end()) continue;  // reported by FigureTableIsComplete
        Figure f;
        try {
            f = it->second();
        } catch (const std::exception& e) {
            ADD_FAILURE() << e.what();
            continue;
        }
        EXPECT_EQ(f.value, r.value);
        EXPECT_EQ(f.qualifier, r.qualifier);
        EXPECT_EQ(f.comparison, r.comparison);
        const bool cited = std::any_of(f.citations.begin(), f.citations.end(),
                                       [&](const Citation& c) { return c.note == r.sentence; });
        EXPECT_TRUE(cited) << "the record does not cite the figure's sentence";
        // Where the table gives a period the parser understands, the figure's period ends on the
        // same day (2020年上半年 and 截至6月底 both end on 2020-06-30).
        try {
            const Period p = Period::parse(r.period);
            if (f.period_end) {
                EXPECT_EQ(iso_date(*f.period_end), iso_date(p.last()));
            }
        } catch (const ParseError&) {
            // 目前, 截至目前, 近日, 疫情防控期间 or empty: no period to compare
        }
    }
}

TEST_F(SampleDataset, EveryStatisticIsAFigureOfThePage) {
    // The other direction: every statistic in the dataset is one of the table's figures (a
    // statistic with a value and a comparison is two), so nothing was added that the page does
    // not say.
    const auto acc = accessors();
    std::size_t figures_from_statistics = 0;
    for (const ReportedStatistic& s : ds().statistics()) {
        figures_from_statistics += (s.value ? 1u : 0u) + (s.comparison ? 1u : 0u);
    }
    std::size_t statistic_rows = 0;
    std::set<const ReportedStatistic*> used;
    for (const Row& r : load_rows()) {
        const auto it = acc.find(r.id);
        if (it == acc.end()) continue;
        const Figure f = it->second();
        if (f.statistic != nullptr) {
            ++statistic_rows;
            used.insert(f.statistic);
        }
    }
    EXPECT_EQ(used.size(), ds().statistics().size()) << "a statistic that no figure of the page accounts for";
    EXPECT_EQ(figures_from_statistics, statistic_rows);
}

TEST_F(SampleDataset, ParksAndStructure) {
    EXPECT_EQ(ds().parks().size(), 10u);
    EXPECT_EQ(ds().get(hz::chongqing).kind, ParkKind::national_high_tech_zone);
    EXPECT_EQ(ds().get(hz::beijing_etdz).kind, ParkKind::national_etdz);
    EXPECT_EQ(ds().get(hz::science_city).kind, ParkKind::science_city);
    // Sub-parks the page places inside a zone.
    ASSERT_EQ(ds().sub_parks_of(hz::yiyang).size(), 1u);
    EXPECT_EQ(ds().sub_parks_of(hz::yiyang)[0], hz::yiyang_east);
    EXPECT_EQ(ds().sub_parks_of(hz::yantai)[0], hz::yantai_cjk_park);
    EXPECT_EQ(ds().sub_parks_of(hz::beijing_etdz)[0], hz::yizhuang_biomedical);
    // Every record cites at least one source, and every citation resolves.
    const auto cited = [](const auto& records) {
        for (const auto& r : records) {
            EXPECT_FALSE(r.sources.empty()) << r.id.to_string();
            for (const Citation& c : r.sources) EXPECT_FALSE(c.note.empty()) << r.id.to_string();
        }
    };
    cited(ds().parks());
    cited(ds().enterprises());
    cited(ds().banks());
    cited(ds().projects());
    cited(ds().loans());
    cited(ds().waste_facilities());
    cited(ds().statistics());
    cited(ds().industries());
}

TEST_F(SampleDataset, ItemizedRecords) {
    // The two-phase project: phases point at the programme.
    const Project& phase2 = project("第二期智慧清溪提质改造项目");
    EXPECT_EQ(phase2.phase, 2);
    ASSERT_TRUE(phase2.parent.has_value());
    EXPECT_EQ(ds().get(*phase2.parent).name.zh, "智慧清溪提质改造项目");
    // Stages as of the end of July 2020.
    const Date end_of_july = make_date(2020, 7, 31);
    EXPECT_EQ(project("光大人工智能产业基地").stage_as_of(end_of_july), Stage::started);
    EXPECT_EQ(project("第一期智慧清溪提质改造项目").stage_as_of(end_of_july), Stage::completed);
    EXPECT_EQ(project("平安大健康产业园").stage_as_of(make_date(2020, 6, 30)), Stage::contracted);
    // The loan programme: 10 beneficiaries, one named.
    const Loan& programme = ds().get(LoanId{2});
    EXPECT_EQ(programme.instrument, LoanInstrument::programme);
    EXPECT_EQ(programme.borrower_count, 10);
    EXPECT_EQ(programme.borrowers.size(), 1u);
    EXPECT_EQ(ds().get(programme.lender).name.zh, "国家开发银行");
    EXPECT_EQ(ds().loans_in(hz::ningbo).size(), 2u);
    // The waste store: 暂存库 in the biomedical park.
    const WasteFacility& store = ds().get(WasteFacilityId{1});
    EXPECT_EQ(store.kind, WasteFacilityKind::temporary_storage);
    EXPECT_EQ(store.park, hz::yizhuang_biomedical);
    // 103.77 m² = 103.77 × 30000 counts.
    EXPECT_EQ(store.floor_area->base_count(), detail::i128(3'113'100));
    // Foreign and Hong Kong origins as the page says them.
    EXPECT_EQ(enterprise("韩国百纳科思").origin.kind, OriginKind::foreign);
    EXPECT_EQ(enterprise("韩国百纳科思").origin.country, "KR");
    EXPECT_EQ(enterprise("香港亿一国际有限公司").origin.kind, OriginKind::hk_macao_taiwan);
}

TEST_F(SampleDataset, IsDeterministic) { EXPECT_EQ(samples::high_tech_zones_2020(), ds()); }

}  // namespace
