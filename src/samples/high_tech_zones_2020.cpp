// SPDX-License-Identifier: MIT
// Every figure of the seed page, typed. The sentences are the page's own words (the PDF's line
// splits joined); tests/data/seed_figures.tsv lists the figures one per row and the tests check
// this dataset against it.
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace parkinvest::samples {

namespace {
using namespace hz2020;

// ---------------------------------------------------------------- the page's sentences
constexpr std::string_view s0 = "7月28日,重庆高新区加快数字经济发展融入主城区城市建设暨上半年经济形势分析会召开。";
constexpr std::string_view s1 = "会上,一份“亮眼”的成绩单引得众人瞩目——今年上半年,共签约项目39个,合同协议投资总额达605.6亿元。";
constexpr std::string_view s2 = "平安大健康产业园、中国电子·重庆软件产业园、浪潮集团西部运营总部等一批重大项目纷纷落户;华为、启迪、滴滴等头部企业相继落地;总投资200亿元的光大人工智能产业基地正式开工建设;重庆植恩药业和韩国百纳科思合作项目、亦度疫苗重庆研发中心等生物医药产业项目持续推进……";
constexpr std::string_view s3 = "“我们围绕带动性强、科技含量高的大项目、好项目精准开展招商‘百日攻坚’,成功签下平安建设大健康产业园、中国电子重庆信创产业示范基地2个百亿级项目,泰格医药临床研究西部(重庆)中心等9个10亿元以上项目。”";
constexpr std::string_view s4 = "重庆高新区招商公司相关负责人表示,科技研发类项目占科学城上半年签约项目的80%以上,特别是大数据产业合同投资额占科学城主导产业项目的44.2%。";
constexpr std::string_view s5 = "重庆高新区运用大数据智能分析,结合区域发展和未来产业发展方向,圈定大健康、新一代信息技术、先进制造、高技术服务业4大主导产业方向,以及数字经济、人工智能、生物医药、检验检测等13个细分领域,有针对性进行招商引资,从而使科学城主导产业集聚性、带动性不断增强。";
constexpr std::string_view s6 = "光大集团相关负责人表示,针对落户科学城的大型企业的相关需求,重庆高新区为每个企业配备了一名“店小二”,有任何问题,“店小二”便会协调市区两级相关部门迅速解决。";
constexpr std::string_view s7 = "截至6月底,益阳高新区共引进项目23个,推动43个产业项目新开工,固定资产投资同比增长4.9%。";
constexpr std::string_view s8 = "与此同时,益阳高新区大胆改革创新,于2018年完成益阳高新产业发展投资集团有限公司(简称益阳高发投)改制,改制后的益阳高发投以产业为载体、以项目为抓手,在筹融资、基础设施建设、文化旅游、产业投资等七个方面均取得了可喜成效。";
constexpr std::string_view s9 = "益阳高新区还注册10亿元成立全市首家产业发展基金——益阳高发和生股权投资基金,通过资本招商的方式成功引进信维通信、光智通信、贝孚德、泛普科技等项目。";
constexpr std::string_view s10 = "面对新冠肺炎疫情冲击,益阳高新区主动出击,对接客商180余批,目前储备重点在谈项目34个,意向投资达100亿元以上。";
constexpr std::string_view s11 = "5月18日,位于益阳高新区的湖南金博碳素股份有限公司在上海证券交易所科创板挂牌。";
constexpr std::string_view s12 = "为确保三一中阳把受疫情影响的损失降到最低,益阳高新区急企业所急,主动派出驻企联络员对接该企业近10家本地供应商,帮助其复工复产。";
constexpr std::string_view s13 = "疫情防控期间,益阳高新区共派出86名干部进驻企业,精准服务,累计为企业解决复工复产难题152个。";
constexpr std::string_view s14 = "截至7月6日,益阳高新区市场主体保有量已达2万户,较去年年底增长19.4%。";
constexpr std::string_view s15 = "目前,总投资约2亿元的第一期智慧清溪提质改造项目已经完工,第二期智慧清溪提质改造项目也已启动,投资近3.26亿元。";
constexpr std::string_view s16 = "在不久前举行的江苏省科学技术奖励大会上,南通高新区3个项目斩获殊荣,其中一等奖1项、三等奖2项,实现一等奖零突破。";
constexpr std::string_view s17 = "甬金金属公司先后获得江苏省科技成果转化专项资金资助700万元,获工信部工业转型升级——重点新材料产业链技术能力提升项目资助2000万元。";
constexpr std::string_view s18 = "通过邀请近百名企业家和40多家高校院所的200多名专家教授,共建校企合作交流群,实现了企业家和专家教授在线“零距离”沟通互动,提高了对接效率。";
constexpr std::string_view s19 = "今年5月,南通高新区因“推动‘双创’政策落地、扶持‘双创’支撑平台、构建‘双创’发展生态、打造‘双创’升级版等方面成效显著”受到江苏省政府表彰。";
constexpr std::string_view s20 = "7月28日,中日韩文化创意产业园启动仪式在烟台高新区举行。";
constexpr std::string_view s21 = "活动采取线上线下相结合,全程网络直播形式举行,来自韩国、日本的企业、商协会组织及机构代表等约50人参加现场活动,通过腾讯平台面向全网共邀海内外外客商及网友近10万人参与实时直播。";
constexpr std::string_view s22 = "烟台高新区工委副书记、管委副主任刘来英表示,近年来,烟台高新区以高质量发展为引领,以改革开放创新为动力,重点发展新一代信息技术、生物医药健康、航空航天三大特色产业。";
constexpr std::string_view s23 = "烟台高新区内拥有各类国家级平台13个、省级平台37个、国家级科技企业孵化器及众创空间5家。";
constexpr std::string_view s24 = "会上,香港亿一国际有限公司分别与迪拜星世界、奥飞乐园、环球数码儿童军事项目、国际儿童动漫博物馆、趣味动漫儿童幼教乐园5个项目运营商签订入驻协议。";
constexpr std::string_view s25 = "据了解,作为中韩(烟台)产业园三大片区之一,烟台高新区充分发挥建设山东半岛国家自主创新示范区、山东新旧动能转换综合试验区、济青烟国际招商产业园等国家、省级战略机遇优势,用好“中韩产业园”金字招牌,积极对标先进,努力探索创新,为更好建设中韩产业园、推动中韩经济文化交流合作贡献力量。";
constexpr std::string_view s26 = "宁波高新区内银行 为企业发放贷款近百亿元";
constexpr std::string_view s27 = "近日,浙江国林林业资源开发有限公司获得鄞州银行高新支行1亿元的授信额度,资金将用于企业经营发展,助力企业开拓市场。";
constexpr std::string_view s28 = "作为宁波高新区进口量前三的重点企业,国林公司也受到了不同程度的冲击。";
constexpr std::string_view s29 = "截至6月底,区内银行为园区企业发放贷款95.9亿元,同比增长2.5%。";
constexpr std::string_view s30 = "7月24日,总额度10亿元的宁波首单制造业资金合作计划签约成功,均胜电子等10家制造业企业受益。";
constexpr std::string_view s31 = "截至目前,共兑现市、区两级疫情期间补助约2140万元,惠及2980家次企业。";
constexpr std::string_view s32 = "7月22日,位于北京经济技术开发区的北京亦庄生物医药园危险废物集中收运体系正式启动,生物医药园危险废物暂存库揭牌并开始收贮危险废物。";
constexpr std::string_view s33 = "“暂存库投资80万元,面积103.77平方米,年最大中转各类危险废物291吨,投入使用后将解决园区内企业危险废物贮存空间有限的问题。";
constexpr std::string_view s34 = "“经初步统计,与单独委托进行危险废物处置相比,实行危险废物集中收运体系,可使区内企业的危险废物管理成本降低超过40%。”";
constexpr std::string_view s35 = "据了解,去年4月30日,北京经开区作为全国国家级开发区的唯一代表入选“无废城市”建设试点。";
constexpr std::string_view s_huagong = "位于益阳高新区东部产业园的湖南华工智能装备有限公司是我国最大摊铺机生产基地——湖南三一中阳机械有限公司的配套企业。";
constexpr std::string_view s_zhuolida = "一季度疫情期间,南通卓力达金属科技有限公司与中南大学雷震教授通过线上对接、线下电话联系与视频会议开展洽谈的方式,确立了产学研合作项目。";
constexpr std::string_view s_haoshi = "昊石新材料南通有限公司与上海硅酸盐研究所以产学研合作为基础,柔性引进中国工程院院士、上海硅酸盐研究所学术委员会主任董绍明团队,助力企业攻克泛半导体领域高性能碳化物陶瓷涂层制造技术“卡脖子”问题,丰富企业技术储备,提升了企业核心竞争力。";
constexpr std::string_view s_jiakesi = "生物医药园内企业加科思公司产生的危险废物,以前需要跨省转移到河北,公司需要设立一个危废间,转存是一个很大的难题,";
constexpr std::string_view s36 = "开展试点建设以来,北京经开区在225平方公里的“亦庄新城”范围内重点谋划,系统推动,以绿色生产方式和绿色生活方式的形成为抓手,探索形成兼顾经济发展与环境提升的工业园区绿色发展模式。";

// ---------------------------------------------------------------- sources: one per report
constexpr SourceId src_chongqing{1};
constexpr SourceId src_yiyang{2};
constexpr SourceId src_nantong{3};
constexpr SourceId src_yantai{4};
constexpr SourceId src_ningbo{5};
constexpr SourceId src_beijing{6};

Source article(SourceId id, std::string title, std::string byline) {
    Source s;
    s.id = id;
    s.publication = "高新技术产业周报(版面未载报名)";  // the page does not carry the paper's name
    s.date = ReportedDate::month(2020, 7);
    s.section = std::move(title);
    s.note = std::move(byline);
    return s;
}

std::vector<Citation> cite(SourceId source, std::initializer_list<std::string_view> sentences) {
    std::vector<Citation> out;
    for (std::string_view s : sentences) out.push_back(Citation{source, std::string(s)});
    return out;
}

Name zh(std::string name) { return Name{std::move(name), std::nullopt}; }
Name zh_en(std::string name, std::string english) { return Name{std::move(name), std::move(english)}; }

ReportedAmount yuan(std::string_view text, Bound bound = Bound::exact) { return ReportedAmount{Money::parse(text), bound, false}; }

const Period reporting_month = Period::month(2020, 7);  // figures given without a period
const Period first_half = Period::half_year(2020, 1);
const Period to_june = Period::year_to_date(2020, 6);

/// Builds the statistics of one park.
struct Stats {
    std::vector<ReportedStatistic>& out;
    ParkId scope;
    SourceId source;
    StatisticId::value_type next = 0;

    ReportedStatistic& add(Indicator indicator, std::string label, Period period, std::string_view sentence) {
        ReportedStatistic s;
        s.id = StatisticId{scope.value() * 100 + ++next};
        s.scope = scope;
        s.indicator = indicator;
        s.label = std::move(label);
        s.period = period;
        s.sources = cite(source, {sentence});
        out.push_back(std::move(s));
        return out.back();
    }
    void count(Indicator i, std::string label, Period p, std::int64_t n, std::string unit, std::string_view sentence,
               Bound b = Bound::exact) {
        ReportedStatistic& s = add(i, std::move(label), p, sentence);
        s.value = n;
        s.unit = std::move(unit);
        s.bound = b;
    }
    void money(Indicator i, std::string label, Period p, std::string_view amount, std::string_view sentence,
               Bound b = Bound::exact) {
        ReportedStatistic& s = add(i, std::move(label), p, sentence);
        s.value = Money::parse(amount);
        s.bound = b;
    }
    void percent(Indicator i, std::string label, Period p, std::string_view pct, std::string_view sentence,
                 Bound b = Bound::exact) {
        ReportedStatistic& s = add(i, std::move(label), p, sentence);
        s.value = Percent::parse(pct);
        s.bound = b;
    }
    void change(Indicator i, std::string label, Period p, ComparisonKind kind, std::string_view pct,
                std::string_view sentence) {
        ReportedStatistic& s = add(i, std::move(label), p, sentence);
        s.comparison = Comparison{kind, Percent::parse(pct), Bound::exact};
    }
    void event(std::string label, ReportedDate when, std::string_view sentence) {
        ReportedStatistic& s = add(Indicator::other, std::move(label), when.as_period(), sentence);
        s.value = when;
    }
};

Park park(ParkId id, Name name, ParkKind kind, std::string province, std::string city, SourceId src,
          std::initializer_list<std::string_view> sentences) {
    Park p;
    p.id = id;
    p.name = std::move(name);
    p.kind = kind;
    p.province = std::move(province);
    p.city = std::move(city);
    p.sources = cite(src, sentences);
    return p;
}

Enterprise enterprise(EnterpriseId::value_type id, std::string name, std::optional<ParkId> in, SourceId src,
                      std::string_view sentence) {
    Enterprise e;
    e.id = EnterpriseId{id};
    e.name = zh(std::move(name));
    e.park = in;
    e.sources = cite(src, {sentence});
    return e;
}

Project project(ProjectId::value_type id, std::string name, ParkId in, SourceId src, std::string_view sentence) {
    Project p;
    p.id = ProjectId{id};
    p.name = zh(std::move(name));
    p.park = in;
    p.sources = cite(src, {sentence});
    return p;
}

Industry industry(IndustryId::value_type id, std::string scheme, std::string name, SourceId src, std::string_view sentence) {
    Industry i;
    i.id = IndustryId{id};
    i.scheme = std::move(scheme);
    i.code = name;
    i.name = zh(std::move(name));
    i.sources = cite(src, {sentence});
    return i;
}
}  // namespace

Dataset high_tech_zones_2020() {
    Batch b;
    b.sources = {
        article(src_chongqing, "百亿级项目缘何纷纷落地 西部(重庆)科学城", "吴富强"),
        article(src_yiyang, "益阳高新区以产业项目建设推动高质量发展", "龙吉妮 刘诗洋"),
        article(src_nantong, "南通高新区:创新“江湖”引育科技“高人”", "施赛勤"),
        article(src_yantai, "中日韩文化创意产业园 在烟台高新区启动", "信召红"),
        article(src_ningbo, "宁波高新区内银行 为企业发放贷款近百亿元", "童云 严雷 王哲斌 顾晴"),
        article(src_beijing, "北京经开区破解 企业危险废物管理难题", "记者 刘琴"),
    };

    // ---- industries: the park-local schemes the page names
    const std::string cq_leading = "西部(重庆)科学城主导产业";
    const std::string cq_fields = "西部(重庆)科学城细分领域";
    const std::string yt_featured = "烟台高新区特色产业";
    b.industries = {
        industry(1, cq_leading, "大健康", src_chongqing, s5),
        industry(2, cq_leading, "新一代信息技术", src_chongqing, s5),
        industry(3, cq_leading, "先进制造", src_chongqing, s5),
        industry(4, cq_leading, "高技术服务业", src_chongqing, s5),
        // 4 of the 13 sub-fields are named; the page does not say which leading industry each
        // belongs to, so they have no parent.
        industry(5, cq_fields, "数字经济", src_chongqing, s5),
        industry(6, cq_fields, "人工智能", src_chongqing, s5),
        industry(7, cq_fields, "生物医药", src_chongqing, s5),
        industry(8, cq_fields, "检验检测", src_chongqing, s5),
        industry(9, yt_featured, "新一代信息技术", src_yantai, s22),
        industry(10, yt_featured, "生物医药健康", src_yantai, s22),
        industry(11, yt_featured, "航空航天", src_yantai, s22),
    };

    // ---- parks
    Park cq = park(chongqing, zh_en("重庆高新区", "Chongqing High-tech Zone"), ParkKind::national_high_tech_zone, "重庆市",
                   "重庆市", src_chongqing, {s0, s1});
    Park sc = park(science_city, zh_en("西部(重庆)科学城", "Western (Chongqing) Science City"), ParkKind::science_city,
                   "重庆市", "重庆市", src_chongqing, {s4, s5});
    sc.leading_industries = {IndustryId{1}, IndustryId{2}, IndustryId{3}, IndustryId{4}};
    Park yy = park(yiyang, zh_en("益阳高新区", "Yiyang High-tech Zone"), ParkKind::national_high_tech_zone, "湖南省",
                   "益阳市", src_yiyang, {s7});
    Park yy_east = park(yiyang_east, zh("益阳高新区东部产业园"), ParkKind::industrial_park, "湖南省", "益阳市", src_yiyang,
                        {s_huagong});
    yy_east.parent = yiyang;
    Park nt = park(nantong, zh_en("南通高新区", "Nantong High-tech Zone"), ParkKind::national_high_tech_zone, "江苏省",
                   "南通市", src_nantong, {s16});
    Park yt = park(yantai, zh_en("烟台高新区", "Yantai High-tech Zone"), ParkKind::national_high_tech_zone, "山东省",
                   "烟台市", src_yantai, {s22, s23});
    yt.leading_industries = {IndustryId{9}, IndustryId{10}, IndustryId{11}};
    Park yt_cjk = park(yantai_cjk_park, zh_en("中日韩文化创意产业园", "China-Japan-Korea Cultural and Creative Industry Park"),
                       ParkKind::industrial_park, "山东省", "烟台市", src_yantai, {s20});
    yt_cjk.parent = yantai;
    yt_cjk.established = ReportedDate::day(2020, 7, 28);  // 启动仪式
    Park nb = park(ningbo, zh_en("宁波高新区", "Ningbo High-tech Zone"), ParkKind::national_high_tech_zone, "浙江省",
                   "宁波市", src_ningbo, {s29});
    Park bj = park(beijing_etdz, zh_en("北京经济技术开发区", "Beijing Economic-Technological Development Area"),
                   ParkKind::national_etdz, "北京市", "北京市", src_beijing, {s32, s35});
    Park bj_bio = park(yizhuang_biomedical, zh_en("北京亦庄生物医药园", "Beijing Yizhuang Biomedical Park"),
                       ParkKind::industrial_park, "北京市", "北京市", src_beijing, {s32});
    bj_bio.parent = beijing_etdz;
    b.parks = {cq, yy, nt, yt, nb, bj, sc, yy_east, yt_cjk, bj_bio};

    // ---- enterprises
    b.enterprises = {
        enterprise(101, "平安", chongqing, src_chongqing, s3),
        enterprise(102, "中国电子", chongqing, src_chongqing, s3),
        enterprise(103, "浪潮集团", chongqing, src_chongqing, s2),
        enterprise(104, "华为", chongqing, src_chongqing, s2),
        enterprise(105, "启迪", chongqing, src_chongqing, s2),
        enterprise(106, "滴滴", chongqing, src_chongqing, s2),
        enterprise(107, "光大集团", chongqing, src_chongqing, s2),
        enterprise(108, "重庆植恩药业", chongqing, src_chongqing, s2),
        enterprise(109, "韩国百纳科思", std::nullopt, src_chongqing, s2),
        enterprise(110, "泰格医药", std::nullopt, src_chongqing, s3),
        enterprise(201, "益阳高新产业发展投资集团有限公司", yiyang, src_yiyang, s8),
        enterprise(202, "益阳高发和生股权投资基金", yiyang, src_yiyang, s9),
        enterprise(203, "信维通信", yiyang, src_yiyang, s9),
        enterprise(204, "光智通信", yiyang, src_yiyang, s9),
        enterprise(205, "贝孚德", yiyang, src_yiyang, s9),
        enterprise(206, "泛普科技", yiyang, src_yiyang, s9),
        enterprise(207, "湖南金博碳素股份有限公司", yiyang, src_yiyang, s11),
        enterprise(208, "湖南华工智能装备有限公司", yiyang_east, src_yiyang, s_huagong),
        enterprise(209, "湖南三一中阳机械有限公司", std::nullopt, src_yiyang, s12),
        enterprise(301, "江苏甬金金属科技有限公司", nantong, src_nantong, s17),
        enterprise(302, "南通卓力达金属科技有限公司", nantong, src_nantong, s_zhuolida),
        enterprise(303, "昊石新材料南通有限公司", nantong, src_nantong, s_haoshi),
        enterprise(401, "香港亿一国际有限公司", std::nullopt, src_yantai, s24),
        enterprise(501, "浙江国林林业资源开发有限公司", ningbo, src_ningbo, s27),
        enterprise(502, "均胜电子", ningbo, src_ningbo, s30),
        enterprise(601, "加科思公司", yizhuang_biomedical, src_beijing, s_jiakesi),
    };
    for (Enterprise& e : b.enterprises) {
        if (e.id == EnterpriseId{109}) e.origin = Origin{OriginKind::foreign, "KR"};
        if (e.id == EnterpriseId{401}) e.origin = Origin{OriginKind::hk_macao_taiwan, ""};
        if (e.id == EnterpriseId{207}) e.listing = Listing{"上海证券交易所科创板", ReportedDate::day(2020, 5, 18)};
    }

    // ---- banks
    Bank yinzhou;
    yinzhou.id = BankId{1};
    yinzhou.name = zh("鄞州银行");
    yinzhou.branch = "高新支行";
    yinzhou.sources = cite(src_ningbo, {s27});
    Bank cdb;
    cdb.id = BankId{2};
    cdb.name = zh_en("国家开发银行", "China Development Bank");
    cdb.kind = BankKind::policy;
    cdb.sources = cite(src_ningbo, {s30});
    b.banks = {yinzhou, cdb};

    // ---- projects
    const ReportedDate h1 = ReportedDate::half_year(2020, 1);
    const ReportedDate july = ReportedDate::month(2020, 7);
    // 平安建设大健康产业园 (signed, s3) and 平安大健康产业园 (落户, s2): one project.
    Project pingan = project(1, "平安大健康产业园", chongqing, src_chongqing, s3);
    pingan.sources.push_back(Citation{src_chongqing, std::string(s2)});
    pingan.investors = {{EnterpriseId{101}, InvestorRole::lead}};
    pingan.stages = {{Stage::contracted, h1}};  // 百亿级: a size class, not an amount
    Project cec_xinchuang = project(2, "中国电子重庆信创产业示范基地", chongqing, src_chongqing, s3);
    cec_xinchuang.investors = {{EnterpriseId{102}, InvestorRole::lead}};
    cec_xinchuang.stages = {{Stage::contracted, h1}};
    Project tigermed = project(3, "泰格医药临床研究西部(重庆)中心", chongqing, src_chongqing, s3);
    tigermed.investors = {{EnterpriseId{110}, InvestorRole::lead}};
    tigermed.contract_investment = yuan("10亿元", Bound::at_least);
    tigermed.stages = {{Stage::contracted, h1}};
    Project everbright = project(4, "光大人工智能产业基地", chongqing, src_chongqing, s2);
    everbright.investors = {{EnterpriseId{107}, InvestorRole::lead}};
    everbright.planned_investment = yuan("200亿元");
    everbright.stages = {{Stage::started, july}};  // 正式开工建设
    Project cec_software = project(5, "中国电子·重庆软件产业园", chongqing, src_chongqing, s2);
    cec_software.investors = {{EnterpriseId{102}, InvestorRole::lead}};
    Project inspur = project(7, "浪潮集团西部运营总部", chongqing, src_chongqing, s2);
    inspur.investors = {{EnterpriseId{103}, InvestorRole::lead}};
    Project zein = project(8, "重庆植恩药业和韩国百纳科思合作项目", chongqing, src_chongqing, s2);
    zein.investors = {{EnterpriseId{108}, InvestorRole::lead}, {EnterpriseId{109}, InvestorRole::partner}};
    Project yidu = project(9, "亦度疫苗重庆研发中心", chongqing, src_chongqing, s2);

    Project qingxi = project(20, "智慧清溪提质改造项目", yiyang, src_yiyang, s15);
    Project qingxi1 = project(21, "第一期智慧清溪提质改造项目", yiyang, src_yiyang, s15);
    qingxi1.parent = ProjectId{20};
    qingxi1.phase = 1;
    qingxi1.planned_investment = yuan("2亿元", Bound::about);
    qingxi1.stages = {{Stage::completed, july}};  // 已经完工
    Project qingxi2 = project(22, "第二期智慧清溪提质改造项目", yiyang, src_yiyang, s15);
    qingxi2.parent = ProjectId{20};
    qingxi2.phase = 2;
    qingxi2.planned_investment = yuan("3.26亿元", Bound::nearly);
    qingxi2.stages = {{Stage::started, july}};  // 也已启动
    std::vector<Project> projects = {pingan, cec_xinchuang, tigermed, everbright, cec_software,
                                     inspur, zein,          yidu,     qingxi,     qingxi1,      qingxi2};
    // Projects brought in by the industry fund (资本招商): named by their investors only.
    const char* fund_projects[] = {"信维通信", "光智通信", "贝孚德", "泛普科技"};  // enterprises 203-206
    for (EnterpriseId::value_type i = 0; i < 4; ++i) {
        Project p = project(30 + i, std::string(fund_projects[i]) + "项目", yiyang, src_yiyang, s9);
        p.investors = {{EnterpriseId{203 + i}, InvestorRole::lead}, {EnterpriseId{202}, InvestorRole::financier}};
        projects.push_back(std::move(p));
    }
    // The 卓力达 industry-university project agreed in the first quarter.
    Project zhuolida = project(40, "南通卓力达金属科技有限公司与中南大学产学研合作项目", nantong, src_nantong, s_zhuolida);
    zhuolida.investors = {{EnterpriseId{302}, InvestorRole::lead}};
    zhuolida.stages = {{Stage::contracted, ReportedDate::quarter(2020, 1)}};
    projects.push_back(std::move(zhuolida));
    // The five operators that signed entry agreements at the launch of the 中日韩 park.
    const char* operators[] = {"迪拜星世界", "奥飞乐园", "环球数码儿童军事项目", "国际儿童动漫博物馆", "趣味动漫儿童幼教乐园"};
    for (ProjectId::value_type i = 0; i < 5; ++i) {
        Project p = project(50 + i, operators[i], yantai_cjk_park, src_yantai, s24);
        p.investors = {{EnterpriseId{401}, InvestorRole::partner}};
        p.stages = {{Stage::contracted, ReportedDate::day(2020, 7, 28)}};  // 签订入驻协议
        projects.push_back(std::move(p));
    }
    b.projects = std::move(projects);

    // ---- loans
    Loan guolin;
    guolin.id = LoanId{1};
    guolin.name = zh("国林公司授信额度");
    guolin.lender = BankId{1};
    guolin.borrowers = {EnterpriseId{501}};
    guolin.instrument = LoanInstrument::credit_line;
    guolin.commitment = yuan("1亿元");
    guolin.inception = july;  // 近日
    guolin.purpose = "企业经营发展";
    guolin.sources = cite(src_ningbo, {s27});
    Loan programme;
    programme.id = LoanId{2};
    programme.name = zh("宁波首单制造业资金合作计划");
    programme.lender = BankId{2};
    programme.borrowers = {EnterpriseId{502}};
    programme.borrower_count = 10;
    programme.park = ningbo;
    programme.instrument = LoanInstrument::programme;
    programme.commitment = yuan("10亿元");
    programme.inception = ReportedDate::day(2020, 7, 24);
    programme.purpose = "制造业企业低成本融资";
    programme.sources = cite(src_ningbo, {s30});
    b.loans = {guolin, programme};

    // ---- the hazardous-waste temporary storage
    WasteFacility store;
    store.id = WasteFacilityId{1};
    store.name = zh("生物医药园危险废物暂存库");
    store.park = yizhuang_biomedical;
    store.kind = WasteFacilityKind::temporary_storage;
    store.investment = yuan("80万元");
    store.floor_area = Area::parse("103.77平方米");
    store.max_annual_throughput = AnnualThroughput::parse("291吨/年");  // 年最大中转各类危险废物291吨
    store.commissioned = ReportedDate::day(2020, 7, 22);                // 揭牌并开始收贮
    store.served_enterprises = {EnterpriseId{601}};
    store.sources = cite(src_beijing, {s32, s33});
    b.waste_facilities = {store};

    // ---- park-level figures
    auto& out = b.statistics;
    Stats cqs{out, chongqing, src_chongqing};
    cqs.event("上半年经济形势分析会召开", ReportedDate::day(2020, 7, 28), s0);
    cqs.count(Indicator::signed_projects, "上半年签约项目", first_half, 39, "个", s1);
    cqs.money(Indicator::contract_investment, "上半年签约项目合同协议投资总额", first_half, "605.6亿元", s1);
    // Counts of a size class of the signed projects, not of signings in a period.
    cqs.count(Indicator::other, "招商百日攻坚签下的百亿级项目", reporting_month, 2, "个", s3);
    cqs.count(Indicator::other, "招商百日攻坚签下的10亿元以上项目", reporting_month, 9, "个", s3);
    cqs.count(Indicator::other, "为每个落户企业配备的店小二", reporting_month, 1, "名", s6);
    Stats scs{out, science_city, src_chongqing};
    scs.percent(Indicator::industry_share, "科技研发类项目占上半年签约项目比重", first_half, "80%", s4, Bound::at_least);
    scs.percent(Indicator::industry_share, "大数据产业合同投资额占主导产业项目比重", first_half, "44.2%", s4);
    scs.count(Indicator::other, "主导产业方向", reporting_month, 4, "个", s5);
    scs.count(Indicator::other, "细分领域", reporting_month, 13, "个", s5);

    Stats yys{out, yiyang, src_yiyang};
    yys.count(Indicator::projects_introduced, "引进项目", to_june, 23, "个", s7);
    yys.count(Indicator::projects_started, "新开工产业项目", to_june, 43, "个", s7);
    yys.change(Indicator::fixed_asset_investment, "固定资产投资", to_june, ComparisonKind::year_on_year, "4.9%", s7);
    yys.event("益阳高发投完成改制", ReportedDate::year(2018), s8);
    yys.count(Indicator::other, "改制后益阳高发投取得成效的方面", reporting_month, 7, "个", s8);
    yys.money(Indicator::other, "注册成立产业发展基金(益阳高发和生股权投资基金)", reporting_month, "10亿元", s9);
    yys.count(Indicator::other, "疫情冲击下对接客商", reporting_month, 180, "批", s10, Bound::more_than);
    yys.count(Indicator::projects_under_negotiation, "储备重点在谈项目", reporting_month, 34, "个", s10);
    yys.money(Indicator::intended_investment, "在谈项目意向投资", reporting_month, "100亿元", s10, Bound::at_least);
    yys.count(Indicator::other, "驻企联络员对接的湖南华工智能装备本地供应商", reporting_month, 10, "家", s12, Bound::nearly);
    yys.count(Indicator::other, "疫情防控期间派出进驻企业的干部", reporting_month, 86, "名", s13);
    yys.count(Indicator::other, "疫情防控期间为企业解决的复工复产难题", reporting_month, 152, "个", s13);
    {
        ReportedStatistic& m = yys.add(Indicator::market_entities, "市场主体保有量", Period::as_of(make_date(2020, 7, 6)), s14);
        m.value = std::int64_t{20000};
        m.unit = "户";
        m.comparison = Comparison{ComparisonKind::vs_previous_year_end, Percent::parse("19.4%"), Bound::exact};
    }

    Stats nts{out, nantong, src_nantong};
    nts.count(Indicator::awards, "获江苏省科学技术奖的项目", reporting_month, 3, "个", s16);
    nts.count(Indicator::awards, "江苏省科学技术奖一等奖", reporting_month, 1, "项", s16);
    nts.count(Indicator::awards, "江苏省科学技术奖三等奖", reporting_month, 2, "项", s16);
    nts.money(Indicator::other, "甬金金属获江苏省科技成果转化专项资金资助", reporting_month, "700万元", s17);
    nts.money(Indicator::other, "甬金金属获工信部重点新材料产业链技术能力提升项目资助", reporting_month, "2000万元", s17);
    nts.count(Indicator::other, "受邀共建校企合作交流群的企业家", reporting_month, 100, "名", s18, Bound::nearly);
    nts.count(Indicator::other, "受邀共建校企合作交流群的高校院所", reporting_month, 40, "家", s18, Bound::more_than);
    nts.count(Indicator::other, "受邀共建校企合作交流群的专家教授", reporting_month, 200, "名", s18, Bound::more_than);
    nts.event("因双创成效显著受江苏省政府表彰", ReportedDate::month(2020, 5), s19);

    const Period launch_day = Period::range(make_date(2020, 7, 28), make_date(2020, 7, 28));
    Stats yts{out, yantai, src_yantai};
    yts.count(Indicator::other, "中日韩文化创意产业园启动仪式现场参加者", launch_day, 50, "人", s21, Bound::about);
    yts.count(Indicator::other, "启动仪式实时直播参与者", launch_day, 100000, "人", s21, Bound::nearly);
    yts.count(Indicator::other, "重点发展的特色产业", reporting_month, 3, "个", s22);
    yts.count(Indicator::platforms, "国家级平台", reporting_month, 13, "个", s23);
    yts.count(Indicator::platforms, "省级平台", reporting_month, 37, "个", s23);
    yts.count(Indicator::platforms, "国家级科技企业孵化器及众创空间", reporting_month, 5, "家", s23);
    yts.count(Indicator::signed_projects, "与香港亿一国际签订入驻协议的项目运营商", launch_day, 5, "个", s24);
    yts.count(Indicator::other, "中韩(烟台)产业园片区", reporting_month, 3, "个", s25);

    Stats nbs{out, ningbo, src_ningbo};
    nbs.money(Indicator::bank_loans_issued, "区内银行为企业发放贷款(标题)", reporting_month, "100亿元", s26, Bound::nearly);
    nbs.count(Indicator::other, "浙江国林林业资源开发有限公司进口量排名", reporting_month, 3, "位", s28, Bound::at_most);
    {
        ReportedStatistic& l = nbs.add(Indicator::bank_loans_issued, "区内银行为园区企业发放贷款", to_june, s29);
        l.value = Money::parse("95.9亿元");
        l.comparison = Comparison{ComparisonKind::year_on_year, Percent::parse("2.5%"), Bound::exact};
    }
    nbs.count(Indicator::other, "制造业资金合作计划受益企业", Period::range(make_date(2020, 7, 24), make_date(2020, 7, 24)),
              10, "家", s30);
    nbs.money(Indicator::subsidies_paid, "兑现市、区两级疫情期间补助", reporting_month, "2140万元", s31, Bound::about);
    nbs.count(Indicator::other, "疫情期间补助惠及企业", reporting_month, 2980, "家次", s31);

    Stats bjs{out, beijing_etdz, src_beijing};
    bjs.percent(Indicator::other, "集中收运后企业危险废物管理成本降低幅度", reporting_month, "40%", s34, Bound::more_than);
    bjs.event("入选无废城市建设试点", ReportedDate::day(2019, 4, 30), s35);
    {
        ReportedStatistic& a = bjs.add(Indicator::other, "亦庄新城范围(无废城市试点建设范围)", reporting_month, s36);
        a.value = Area::parse("225平方公里");
    }

    Dataset ds;
    ds.insert(std::move(b));
    return ds;
}

}  // namespace parkinvest::samples
