// SPDX-License-Identifier: MIT
// Deterministic synthetic data. Integer arithmetic only: std::mt19937_64 is the bit source (its
// output sequence is fixed by the standard); every distribution below is hand-written, because
// the std:: distributions differ between standard libraries.
#include <parkinvest/samples/synthetic.hpp>

#include <parkinvest/core/errors.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parkinvest::samples {

namespace {

// ============================================================================ random source

constexpr std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// One independent stream per entity type; integer-only, portable distributions.
class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t stream) : gen_(splitmix(seed ^ splitmix(stream * 0x100000001B3ULL))) {}

    /// Uniform in [0, n), n > 0, unbiased (rejection of the 2^64 mod n lowest values).
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n;
        for (;;) {
            const std::uint64_t x = gen_();
            if (x >= threshold) return x % n;
        }
    }
    std::size_t index(std::size_t n) { return static_cast<std::size_t>(below(n)); }
    /// Uniform in [lo, hi] (lo <= hi).
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    int between(int lo, int hi) {
        return static_cast<int>(between(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)));
    }
    /// True with probability p / 100.
    bool percent(unsigned p) { return below(100) < p; }
    /// Index drawn with probability weights[i] / sum(weights).
    std::size_t weighted(std::span<const unsigned> weights) {
        std::uint64_t total = 0;
        for (unsigned w : weights) total += w;
        std::uint64_t x = below(total);
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }
    template <class T>
    const T& pick(std::span<const T> items) {
        return items[index(items.size())];
    }
    /// k distinct indices of [0, n) (k <= n), in drawing order (partial Fisher-Yates).
    std::vector<std::size_t> distinct(std::size_t n, std::size_t k) {
        std::vector<std::size_t> all(n);
        for (std::size_t i = 0; i < n; ++i) all[i] = i;
        for (std::size_t i = 0; i < k; ++i) std::swap(all[i], all[i + index(n - i)]);
        all.resize(k);
        return all;
    }

private:
    std::mt19937_64 gen_;
};

// Stream numbers: changing one entity count leaves the other types' streams untouched.
enum Stream : std::uint64_t { s_sources = 1, s_parks, s_enterprises, s_projects, s_loans, s_facilities, s_statistics };

// ============================================================================ amounts

constexpr std::int64_t pow10(int n) {
    std::int64_t r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}
constexpr std::int64_t min_yuan = 10'000;          // 1万元
constexpr std::int64_t max_yuan = 20'000'000'000;  // 200亿元

int digits(std::int64_t v) {
    int d = 1;
    while (v >= 10) v /= 10, ++d;
    return d;
}
/// Truncated to `keep` significant digits (reported amounts are round: 2140万, 95.9亿).
std::int64_t round_significant(std::int64_t v, int keep) {
    const int drop = digits(v) - keep;
    if (drop <= 0) return v;
    const std::int64_t step = pow10(drop);
    return v / step * step;
}
std::int64_t clamp_yuan(std::int64_t v) { return std::clamp(v, min_yuan, max_yuan); }

/// Weights of the decades 10^4 .. 10^10 yuan: a log-normal-like shape peaking at 1亿.
constexpr std::array<unsigned, 7> decade_weights = {3, 7, 13, 22, 28, 19, 8};

/// An amount in yuan in [max(1万, 10^lo_decade), 200亿]: a decade in [lo_decade, hi_decade]
/// (4..10) by the weight table, a uniform mantissa, 1-4 significant digits.
std::int64_t draw_yuan(Rng& rng, int lo_decade = 4, int hi_decade = 10) {
    const std::span<const unsigned> w(decade_weights.data() + (lo_decade - 4),
                                      static_cast<std::size_t>(hi_decade - lo_decade + 1));
    const int d = lo_decade + static_cast<int>(rng.weighted(w));
    const std::int64_t first = pow10(d);
    const std::int64_t last = d == 10 ? max_yuan : pow10(d + 1) - 1;
    const std::int64_t mantissa = rng.between(first, last);  // one draw per statement: the
    const int significant = rng.between(1, 4);                // order of arguments is unspecified
    return clamp_yuan(round_significant(mantissa, significant));
}
/// v × percent / 100, rounded to 3 significant digits, kept within [1万, 200亿].
std::int64_t scaled_yuan(std::int64_t v, std::int64_t pct) { return clamp_yuan(round_significant(v * pct / 100, 3)); }

ReportedAmount reported(Rng& rng, std::int64_t yuan, unsigned estimated_percent = 0) {
    Bound b = Bound::exact;
    if (rng.percent(10)) b = rng.percent(60) ? Bound::at_least : Bound::about;
    const bool estimated = estimated_percent != 0 && rng.percent(estimated_percent);
    return ReportedAmount{Money::of(yuan), b, estimated};
}

// ============================================================================ dates

Date day_between(Rng& rng, Date first, Date last) {
    const auto span = static_cast<std::int64_t>((last - first).days());
    return first + boost::gregorian::days(static_cast<long>(rng.between(std::int64_t{0}, span)));
}
/// A month-precision date in a random month of [first_year, last_year].
ReportedDate random_month(Rng& rng, int first_year, int last_year) {
    const int year = rng.between(first_year, last_year);  // separate statements: argument
    const int month = rng.between(1, 12);                 // evaluation order is unspecified
    return ReportedDate::month(year, month);
}
Date month_end(int year, int month) {
    while (month > 12) month -= 12, ++year;
    return make_date(year, month, days_in_month(year, month));
}
/// The same day `years` later (29 February becomes 28 February).
Date years_later(Date d, int years) {
    const int y = d.year() + years;
    const int m = d.month();
    return make_date(y, m, std::min(static_cast<int>(d.day()), days_in_month(y, m)));
}

// ============================================================================ fixed tables

constexpr std::string_view gbt_scheme = "GB/T 4754-2017";

struct IndustrySpec {
    std::string_view code, zh, en;
    int parent;               // index in industry_table, -1 for a 门类
    std::string_view short_zh;  // for sub-park names (大类 only)
    std::string_view company;   // the word in an enterprise name (大类 only)
    std::array<std::string_view, 4> products;  // project products (大类 only)
};
// 门类 first, then 大类 (the leading-industry candidates), then 中类.
constexpr std::array<IndustrySpec, 23> industry_table{{
    {"C", "制造业", "Manufacturing", -1, {}, {}, {}},
    {"D", "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water supply", -1, {}, {}, {}},
    {"I", "信息传输、软件和信息技术服务业", "Information transmission, software and IT services", -1, {}, {}, {}},
    {"M", "科学研究和技术服务业", "Scientific research and technical services", -1, {}, {}, {}},
    {"C26", "化学原料和化学制品制造业", "Manufacture of chemical raw materials and products", 0, "新材料", "新材料",
     {"电子化学品", "高性能树脂", "锂电池电解液", "新型涂料"}},
    {"C27", "医药制造业", "Manufacture of medicines", 0, "生物医药", "生物医药", {"创新药", "生物制剂", "原料药", "疫苗"}},
    {"C34", "通用设备制造业", "Manufacture of general-purpose machinery", 0, "智能装备", "机械",
     {"工业机器人", "精密轴承", "数控机床", "液压件"}},
    {"C35", "专用设备制造业", "Manufacture of special-purpose machinery", 0, "高端装备", "装备",
     {"半导体设备", "医疗设备", "工程机械", "环保装备"}},
    {"C36", "汽车制造业", "Manufacture of automobiles", 0, "新能源汽车", "汽车科技",
     {"新能源汽车", "汽车零部件", "动力总成", "智能座舱"}},
    {"C38", "电气机械和器材制造业", "Manufacture of electrical machinery and equipment", 0, "新能源", "新能源",
     {"锂电池", "光伏组件", "储能系统", "智能电网设备"}},
    {"C39", "计算机、通信和其他电子设备制造业", "Manufacture of computers, communication and other electronic equipment", 0,
     "电子信息", "电子科技", {"集成电路", "显示面板", "智能终端", "传感器"}},
    {"C40", "仪器仪表制造业", "Manufacture of measuring instruments", 0, "智能仪器", "仪器",
     {"智能仪表", "检测仪器", "光学仪器", "分析仪器"}},
    {"D44", "电力、热力生产和供应业", "Production and supply of electricity and heat", 1, "绿色能源", "能源",
     {"分布式光伏", "热电联产", "综合能源站", "储能电站"}},
    {"I64", "互联网和相关服务", "Internet and related services", 2, "数字经济", "网络科技",
     {"工业互联网平台", "数据中心", "云计算中心", "跨境电商平台"}},
    {"I65", "软件和信息技术服务业", "Software and information technology services", 2, "软件信息", "软件",
     {"工业软件", "人工智能", "信息技术服务", "软件研发"}},
    {"M73", "研究和试验发展", "Research and experimental development", 3, "科技研发", "科技研究",
     {"研发中心", "中试基地", "新型研发机构", "检测认证中心"}},
    {"C271", "化学药品原料药制造", "Manufacture of chemical APIs", 5, {}, {}, {}},
    {"C276", "生物药品制品制造", "Manufacture of biological medicines", 5, {}, {}, {}},
    {"C367", "汽车零部件及配件制造", "Manufacture of automobile parts", 8, {}, {}, {}},
    {"C384", "电池制造", "Manufacture of batteries", 9, {}, {}, {}},
    {"C397", "电子器件制造", "Manufacture of electronic devices", 10, {}, {}, {}},
    {"C398", "电子元件及电子专用材料制造", "Manufacture of electronic components and materials", 10, {}, {}, {}},
    {"I651", "软件开发", "Software development", 14, {}, {}, {}},
}};
constexpr std::size_t first_major = 4, end_major = 16;  // the 大类 rows

struct CitySpec {
    std::string_view province, city, short_zh, en, plate;
    std::uint32_t admin_code;
};
constexpr std::array<CitySpec, 32> city_table{{
    {"湖南省", "益阳市", "益阳", "Yiyang", "湘", 430900},   {"浙江省", "宁波市", "宁波", "Ningbo", "浙", 330200},
    {"重庆市", "重庆市", "重庆", "Chongqing", "渝", 500000}, {"四川省", "成都市", "成都", "Chengdu", "川", 510100},
    {"湖北省", "武汉市", "武汉", "Wuhan", "鄂", 420100},    {"江苏省", "苏州市", "苏州", "Suzhou", "苏", 320500},
    {"安徽省", "合肥市", "合肥", "Hefei", "皖", 340100},    {"陕西省", "西安市", "西安", "Xi'an", "陕", 610100},
    {"湖南省", "长沙市", "长沙", "Changsha", "湘", 430100}, {"江苏省", "南京市", "南京", "Nanjing", "苏", 320100},
    {"浙江省", "杭州市", "杭州", "Hangzhou", "浙", 330100}, {"山东省", "青岛市", "青岛", "Qingdao", "鲁", 370200},
    {"河南省", "郑州市", "郑州", "Zhengzhou", "豫", 410100}, {"福建省", "厦门市", "厦门", "Xiamen", "闽", 350200},
    {"广东省", "深圳市", "深圳", "Shenzhen", "粤", 440300}, {"广东省", "广州市", "广州", "Guangzhou", "粤", 440100},
    {"天津市", "天津市", "天津", "Tianjin", "津", 120000},  {"江西省", "南昌市", "南昌", "Nanchang", "赣", 360100},
    {"贵州省", "贵阳市", "贵阳", "Guiyang", "黔", 520100},  {"辽宁省", "沈阳市", "沈阳", "Shenyang", "辽", 210100},
    {"吉林省", "长春市", "长春", "Changchun", "吉", 220100}, {"山东省", "济南市", "济南", "Jinan", "鲁", 370100},
    {"福建省", "福州市", "福州", "Fuzhou", "闽", 350100},   {"河北省", "石家庄市", "石家庄", "Shijiazhuang", "冀", 130100},
    {"山西省", "太原市", "太原", "Taiyuan", "晋", 140100},  {"甘肃省", "兰州市", "兰州", "Lanzhou", "甘", 620100},
    {"湖南省", "株洲市", "株洲", "Zhuzhou", "湘", 430200}, {"安徽省", "芜湖市", "芜湖", "Wuhu", "皖", 340200},
    {"江苏省", "无锡市", "无锡", "Wuxi", "苏", 320200},    {"四川省", "绵阳市", "绵阳", "Mianyang", "川", 510700},
    {"湖北省", "襄阳市", "襄阳", "Xiangyang", "鄂", 420600}, {"云南省", "昆明市", "昆明", "Kunming", "滇", 530100},
}};

constexpr std::array<std::string_view, 6> publications = {"中国高新技术产业导报", "经济日报", "科技日报",
                                                          "人民日报",             "中国证券报", "21世纪经济报道"};

struct BankSpec {
    std::string_view name, en, branch;
    BankKind kind;
};
constexpr std::array<BankSpec, 10> bank_table{{
    {"国家开发银行", "China Development Bank", "", BankKind::policy},
    {"中国工商银行", "Industrial and Commercial Bank of China", "", BankKind::large_state_owned},
    {"中国建设银行", "China Construction Bank", "", BankKind::large_state_owned},
    {"中国农业银行", "Agricultural Bank of China", "", BankKind::large_state_owned},
    {"中国银行", "Bank of China", "", BankKind::large_state_owned},
    {"招商银行", "China Merchants Bank", "", BankKind::joint_stock},
    {"兴业银行", "Industrial Bank", "", BankKind::joint_stock},
    {"上海浦东发展银行", "Shanghai Pudong Development Bank", "", BankKind::joint_stock},
    {"宁波银行", "Bank of Ningbo", "高新区支行", BankKind::city_commercial},
    {"鄞州银行", "Ningbo Yinzhou Rural Commercial Bank", "高新支行", BankKind::rural},
}};

constexpr std::array<std::string_view, 30> brand_syllables = {"华", "中", "科", "鑫", "瑞", "博", "泰", "恒", "源", "达",
                                                              "宏", "创", "芯", "智", "联", "德", "诚", "信", "威", "天",
                                                              "海", "明", "星", "光", "晶", "盛", "通", "长", "东", "新"};
constexpr std::array<std::string_view, 6> countries = {"KR", "JP", "US", "DE", "SG", "FR"};
constexpr std::array<std::string_view, 5> markets = {"上海证券交易所科创板", "深圳证券交易所创业板", "上海证券交易所主板",
                                                     "深圳证券交易所主板", "香港联合交易所主板"};
constexpr std::array<std::string_view, 5> purposes = {"流动资金", "项目建设", "设备购置", "技术改造", "厂房建设"};
constexpr std::array<std::string_view, 9> phase_words = {"", "", "二期", "三期", "四期", "五期", "六期", "七期", "八期"};
constexpr std::string_view credit_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 20> common_hw = {8, 49, 17, 12, 6, 11, 18, 50, 22, 34, 35, 13, 29, 31, 9, 21, 36, 48, 2, 3};

std::string brand(Rng& rng) {
    std::string b(rng.pick(std::span<const std::string_view>(brand_syllables)));
    b += rng.pick(std::span<const std::string_view>(brand_syllables));
    return b;
}

// ============================================================================ the generator

struct ParkInfo {
    std::size_t city;
    std::size_t top;                      // index of the zone (itself for a zone)
    std::vector<std::size_t> majors;      // industry_table indices of the leading industries
    std::vector<std::size_t> enterprises; // indices into Batch::enterprises
};

class Generator {
public:
    explicit Generator(const SyntheticOptions& o) : o_(o) {}

    Batch run() {
        sources();
        industries();
        parks();
        enterprises();
        banks();
        projects();
        loans();
        facilities();
        statistics();
        return std::move(b_);
    }

private:
    // ------------------------------------------------------------------ helpers
    int years() const { return o_.last_year - o_.first_year + 1; }
    Date first_day() const { return make_date(o_.first_year, 1, 1); }
    Date last_day() const { return make_date(o_.last_year, 12, 31); }

    /// A citation of a random publication of `year` (clamped to the generated years).
    Citation cite(Rng& rng, int year) const {
        year = std::clamp(year, o_.first_year, o_.last_year);
        const auto y = static_cast<std::size_t>(year - o_.first_year);
        const std::size_t p = rng.index(publications.size());
        return Citation{SourceId(static_cast<std::uint64_t>(y * publications.size() + p + 1)), std::string()};
    }
    static ParkId park_id(std::size_t i) { return ParkId(i + 1); }
    static IndustryId industry_id(std::size_t i) { return IndustryId(i + 1); }
    static EnterpriseId enterprise_id(std::size_t i) { return EnterpriseId(i + 1); }
    const CitySpec& city_of(std::size_t park) const { return city_table[parks_[park].city]; }

    // ------------------------------------------------------------------ sources
    void sources() {
        Rng rng(o_.seed, s_sources);
        for (int y = o_.first_year; y <= o_.last_year; ++y) {
            for (std::string_view pub : publications) {
                Source s;
                s.id = SourceId(b_.sources.size() + 1);
                s.publication = std::string(pub);
                s.date = ReportedDate(day_between(rng, make_date(y, 1, 1), make_date(y, 12, 31)));
                s.section = "第" + std::to_string(rng.between(1, 12)) + "版";
                b_.sources.push_back(std::move(s));
            }
        }
    }

    // ------------------------------------------------------------------ industries
    void industries() {
        for (std::size_t i = 0; i < industry_table.size(); ++i) {
            const IndustrySpec& spec = industry_table[i];
            Industry ind;
            ind.id = industry_id(i);
            ind.scheme = std::string(gbt_scheme);
            ind.code = std::string(spec.code);
            ind.name = Name{std::string(spec.zh), std::string(spec.en)};
            if (spec.parent >= 0) ind.parent = industry_id(static_cast<std::size_t>(spec.parent));
            b_.industries.push_back(std::move(ind));
        }
        for (std::size_t i = end_major; i < industry_table.size(); ++i)
            children_[static_cast<std::size_t>(industry_table[i].parent)].push_back(i);
    }

    // ------------------------------------------------------------------ parks
    void parks() {
        Rng rng(o_.seed, s_parks);
        static constexpr std::array<std::string_view, 8> areas = {"东部", "西部", "南部", "北部",
                                                                  "临港", "滨江", "城北", "空港"};
        for (std::size_t z = 0; z < o_.parks; ++z) {
            const std::size_t c = z % city_table.size();
            const std::size_t use = z / city_table.size();
            const CitySpec& city = city_table[c];
            Park p;
            p.id = park_id(b_.parks.size());
            std::string en;
            switch (use % 3) {
            case 0:
                p.kind = ParkKind::national_high_tech_zone;
                p.name.zh = std::string(city.short_zh) + "高新技术产业开发区";
                en = std::string(city.en) + " High-tech Industrial Development Zone";
                p.established = random_month(rng, 1988, 2015);
                break;
            case 1:
                p.kind = ParkKind::national_etdz;
                p.name.zh = std::string(city.short_zh) + "经济技术开发区";
                en = std::string(city.en) + " Economic and Technological Development Zone";
                p.established = random_month(rng, 1984, 2015);
                break;
            default:
                p.kind = ParkKind::provincial_zone;
                p.name.zh = std::string(city.short_zh) + std::string(areas[(use / 3) % areas.size()]) + "工业园区";
                en = std::string(city.en) + " Industrial Park";
                p.established = ReportedDate::year(rng.between(1992, 2016));
                break;
            }
            if (use >= 3 * areas.size()) p.name.zh += "（" + std::to_string(use / (3 * areas.size()) + 1) + "）";
            if (rng.percent(70)) p.name.en = std::move(en);
            p.province = std::string(city.province);
            p.city = std::string(city.city);
            p.admin_code = city.admin_code;
            p.area = Area::of(Decimal<2>::from_units(rng.between(std::int64_t{2000}, std::int64_t{30000})),
                              AreaKind::Unit::square_kilometre);
            ParkInfo info{c, parks_.size(), {}, {}};
            for (std::size_t k : rng.distinct(end_major - first_major, rng.index(3) + 2)) {
                info.majors.push_back(first_major + k);
                p.leading_industries.push_back(industry_id(first_major + k));
            }
            p.sources.push_back(cite(rng, o_.first_year + rng.between(0, years() - 1)));
            const ParkId zone = p.id;
            const std::string zone_name = p.name.zh;
            const std::vector<std::size_t> majors = info.majors;
            const Date established = p.established->first();
            b_.parks.push_back(std::move(p));
            const std::size_t zone_index = parks_.size();
            parks_.push_back(std::move(info));

            for (std::size_t s = 0; s < o_.sub_parks_per_park; ++s) {
                Park sp;
                sp.id = park_id(b_.parks.size());
                const std::size_t major = majors[s % majors.size()];
                sp.name.zh = zone_name + std::string(industry_table[major].short_zh) + "产业园";
                if (s >= majors.size()) sp.name.zh += "（" + std::to_string(s / majors.size() + 1) + "区）";
                sp.kind = ParkKind::industrial_park;
                sp.province = std::string(city.province);
                sp.city = std::string(city.city);
                sp.admin_code = city.admin_code;
                sp.parent = zone;
                const int from = std::max(established.year() + 1, 2000);
                sp.established = random_month(rng, from, std::max(from, o_.last_year));
                sp.area = Area::of(Decimal<2>::from_units(rng.between(std::int64_t{100}, std::int64_t{3000})),
                                   AreaKind::Unit::square_kilometre);
                ParkInfo si{c, zone_index, {major}, {}};
                sp.leading_industries.push_back(industry_id(major));
                if (majors.size() > 1 && rng.percent(40)) {
                    const std::size_t other = majors[(s + 1) % majors.size()];
                    si.majors.push_back(other);
                    sp.leading_industries.push_back(industry_id(other));
                }
                sp.sources.push_back(cite(rng, o_.first_year + rng.between(0, years() - 1)));
                b_.parks.push_back(std::move(sp));
                parks_.push_back(std::move(si));
            }
        }
    }

    // ------------------------------------------------------------------ enterprises
    void enterprises() {
        Rng rng(o_.seed, s_enterprises);
        static constexpr std::array<unsigned, 3> origin_weights = {85, 7, 8};
        for (std::size_t i = 0; i < o_.enterprises; ++i) {
            Enterprise e;
            e.id = enterprise_id(i);
            std::size_t major = first_major + rng.index(end_major - first_major);
            std::size_t city = rng.index(city_table.size());
            if (!parks_.empty()) {
                const std::size_t p = rng.index(parks_.size());
                e.park = park_id(p);
                major = parks_[p].majors[rng.index(parks_[p].majors.size())];
                city = parks_[p].city;
                parks_[p].enterprises.push_back(i);
            }
            const IndustrySpec& ind = industry_table[major];
            const bool joint_stock = rng.percent(15);
            e.name.zh = std::string(city_table[city].short_zh) + brand(rng) + std::string(ind.company) +
                        (joint_stock ? "股份有限公司" : "有限公司");
            std::size_t industry = major;
            if (!children_[major].empty() && rng.percent(40)) industry = children_[major][rng.index(children_[major].size())];
            e.industries.push_back(industry_id(industry));
            if (rng.percent(70)) {
                std::string code = "91" + std::to_string(city_table[city].admin_code);
                for (int k = 0; k < 9; ++k) code += credit_chars[rng.index(credit_chars.size())];
                code += CreditCode::check_character(code);
                e.credit_code = CreditCode::parse(code);
            }
            switch (rng.weighted(origin_weights)) {
            case 0: e.origin = Origin{OriginKind::domestic, std::string()}; break;
            case 1: e.origin = Origin{OriginKind::hk_macao_taiwan, std::string()}; break;
            default: e.origin = Origin{OriginKind::foreign, std::string(rng.pick(std::span<const std::string_view>(countries)))};
            }
            if (joint_stock && rng.percent(30))
                e.listing = Listing{std::string(rng.pick(std::span<const std::string_view>(markets))),
                                    ReportedDate(day_between(rng, make_date(2010, 1, 1), last_day()))};
            e.high_tech = rng.percent(35);
            e.sources.push_back(cite(rng, o_.first_year + rng.between(0, years() - 1)));
            b_.enterprises.push_back(std::move(e));
        }
    }

    // ------------------------------------------------------------------ banks
    void banks() {
        for (const BankSpec& spec : bank_table) {
            Bank bank;
            bank.id = BankId(b_.banks.size() + 1);
            bank.name = Name{std::string(spec.name), std::string(spec.en)};
            bank.branch = std::string(spec.branch);
            bank.kind = spec.kind;
            b_.banks.push_back(std::move(bank));
        }
    }

    // ------------------------------------------------------------------ projects
    std::vector<StageEvent> stage_history(Rng& rng) const {
        static constexpr std::array<Stage, 6> main = {Stage::negotiating, Stage::contracted, Stage::registered,
                                                     Stage::started,     Stage::completed,  Stage::in_production};
        std::vector<Stage> path;
        const bool skip_registration = rng.percent(50);
        for (std::size_t i = rng.percent(35) ? 0 : 1; i < main.size(); ++i)
            if (!(skip_registration && main[i] == Stage::registered)) path.push_back(main[i]);
        // 1..path.size() main-path events, fewer more likely (most projects are young).
        std::size_t n = 1;
        while (n < path.size() && rng.percent(60)) ++n;
        path.resize(n);
        if (n < 6 && rng.percent(8)) path.push_back(rng.percent(60) ? Stage::suspended : Stage::cancelled);

        std::vector<StageEvent> events;
        const Date end = last_day();
        // Start early enough that a few steps fit before the end.
        Date d = day_between(rng, first_day(), std::max(first_day(), end - boost::gregorian::days(90)));
        for (std::size_t i = 0; i < path.size(); ++i) {
            if (i > 0) {
                d = d + boost::gregorian::days(static_cast<long>(rng.between(std::int64_t{5}, std::int64_t{360})));
                if (d > end) break;
            }
            ReportedDate rd(d);
            if (rng.percent(25)) {
                const ReportedDate m = ReportedDate::month(d.year(), d.month());
                if (events.empty() || !(m.first() < events.back().date.first())) rd = m;
            }
            events.push_back(StageEvent{path[i], rd});
        }
        return events;
    }

    void projects() {
        if (o_.projects == 0) return;
        Rng rng(o_.seed, s_projects);
        static constexpr std::array<unsigned, 4> nature_weights = {70, 15, 12, 3};
        static constexpr std::array<std::string_view, 4> units = {"套", "台", "吨", "件"};
        std::vector<std::optional<std::size_t>> last_in_park(parks_.size());
        h1_count_.assign(o_.parks * static_cast<std::size_t>(years()), 0);
        h1_amount_.assign(o_.parks * static_cast<std::size_t>(years()), 0);
        b_.projects.reserve(o_.projects);
        for (std::size_t i = 0; i < o_.projects; ++i) {
            Project p;
            p.id = ProjectId(i + 1);
            std::size_t park = 0;
            std::size_t industry = 0;
            if (!b_.enterprises.empty() && b_.enterprises.front().park) {
                const std::size_t lead = rng.index(b_.enterprises.size());
                park = static_cast<std::size_t>(b_.enterprises[lead].park->value() - 1);
                industry = static_cast<std::size_t>(b_.enterprises[lead].industries.front().value() - 1);
                p.investors.push_back(Investor{enterprise_id(lead), InvestorRole::lead});
                const auto& local = parks_[park].enterprises;
                if (local.size() > 1 && rng.percent(15)) {
                    const std::size_t partner = local[rng.index(local.size())];
                    if (partner != lead)
                        p.investors.push_back(Investor{enterprise_id(partner),
                                                       rng.percent(70) ? InvestorRole::partner : InvestorRole::financier});
                }
            } else {
                park = rng.index(parks_.size());
                industry = parks_[park].majors[rng.index(parks_[park].majors.size())];
            }
            p.park = park_id(park);
            p.industries.push_back(industry_id(industry));
            const std::size_t major = industry < end_major ? industry : static_cast<std::size_t>(industry_table[industry].parent);
            const std::string_view product = industry_table[major].products[rng.index(4)];

            if (rng.percent(90)) p.nature = static_cast<ProjectNature>(rng.weighted(nature_weights));
            if (last_in_park[park] && rng.percent(4)) {
                Project& parent = b_.projects[*last_in_park[park]];
                if (!parent.phase) parent.phase = 1;
                p.parent = parent.id;
                p.phase = *parent.phase + 1;
                std::string base = parent.name.zh;
                const std::string_view suffix = "项目";
                if (base.size() > suffix.size() && base.ends_with(suffix)) base.resize(base.size() - suffix.size());
                for (std::string_view w : phase_words)
                    if (!w.empty() && base.ends_with(w)) base.resize(base.size() - w.size());
                const auto ph = static_cast<std::size_t>(*p.phase);
                p.name.zh = base + (ph < phase_words.size() ? std::string(phase_words[ph]) : "第" + std::to_string(ph) + "期") + "项目";
            } else {
                const ProjectNature nature = p.nature.value_or(ProjectNature::new_build);
                switch (nature == ProjectNature::new_build ? rng.index(4) : 4 + static_cast<std::size_t>(nature)) {
                case 0: {
                    // One draw per statement: the order of evaluation of operands is unspecified.
                    p.name.zh = "年产" + std::to_string(rng.between(1, 100) * 5) + "万";
                    p.name.zh += rng.pick(std::span<const std::string_view>(units));
                    p.name.zh += std::string(product) + "项目";
                    break;
                }
                case 1: p.name.zh = brand(rng) + std::string(product) + "生产基地项目"; break;
                case 2: p.name.zh = std::string(product) + "产业化项目"; break;
                case 3: p.name.zh = brand(rng) + std::string(product) + "研发中心项目"; break;
                case 5: p.name.zh = brand(rng) + std::string(product) + "扩建项目"; break;
                case 6: p.name.zh = std::string(product) + "技术改造项目"; break;
                default: p.name.zh = brand(rng) + std::string(product) + "搬迁项目"; break;
                }
            }

            p.stages = stage_history(rng);
            const bool started = std::any_of(p.stages.begin(), p.stages.end(), [](const StageEvent& e) {
                return on_main_path(e.stage) && e.stage >= Stage::started;
            });
            std::optional<std::int64_t> contract, planned;
            if (rng.percent(95)) contract = draw_yuan(rng);
            if (rng.percent(80)) planned = contract ? scaled_yuan(*contract, rng.between(std::int64_t{80}, std::int64_t{150})) : draw_yuan(rng);
            if (contract) p.contract_investment = reported(rng, *contract);
            if (planned) p.planned_investment = reported(rng, *planned, 10);
            const std::int64_t total = planned.value_or(contract.value_or(0));
            if (total != 0 && rng.percent(10))
                p.first_phase_investment = reported(rng, scaled_yuan(total, rng.between(std::int64_t{30}, std::int64_t{60})));
            if (contract && started && rng.percent(40))
                p.funds_in_place = reported(rng, scaled_yuan(*contract, rng.between(std::int64_t{10}, std::int64_t{100})));
            p.sources.push_back(cite(rng, p.stages.back().date.first().year()));

            // Itemised H1 signings, for the zone statistics.
            for (const StageEvent& e : p.stages) {
                if (e.stage != Stage::contracted) continue;
                const int y = e.date.first().year();
                if (y >= o_.first_year && y <= o_.last_year && e.date.last() <= make_date(y, 6, 30)) {
                    const std::size_t zone = parks_[park].top / (1 + o_.sub_parks_per_park);
                    const std::size_t k = zone * static_cast<std::size_t>(years()) +
                                          static_cast<std::size_t>(y - o_.first_year);
                    ++h1_count_[k];
                    h1_amount_[k] += contract.value_or(0);
                }
            }
            last_in_park[park] = i;
            b_.projects.push_back(std::move(p));
        }
    }

    // ------------------------------------------------------------------ loans
    void loans() {
        if (o_.loans == 0) return;
        Rng rng(o_.seed, s_loans);
        static constexpr std::array<unsigned, 4> instrument_weights = {60, 20, 12, 8};
        b_.loans.reserve(o_.loans);
        for (std::size_t i = 0; i < o_.loans; ++i) {
            Loan l;
            l.id = LoanId(i + 1);
            l.lender = BankId(rng.index(bank_table.size()) + 1);
            l.instrument = static_cast<LoanInstrument>(rng.weighted(instrument_weights));
            if (b_.enterprises.empty() || !b_.enterprises.front().park) {
                l.park = park_id(rng.index(parks_.size()));
                if (l.instrument == LoanInstrument::programme) l.borrower_count = rng.between(std::int64_t{2}, std::int64_t{20});
            } else {
                const std::size_t first = rng.index(b_.enterprises.size());
                const std::size_t park = static_cast<std::size_t>(b_.enterprises[first].park->value() - 1);
                l.borrowers.push_back(enterprise_id(first));
                if (l.instrument == LoanInstrument::programme) {
                    l.park = park_id(park);
                    const auto& local = parks_[park].enterprises;
                    const std::size_t want = static_cast<std::size_t>(rng.between(2, 6));
                    for (std::size_t k = 0; k < 3 * want && l.borrowers.size() < want; ++k) {
                        const EnterpriseId e = enterprise_id(local[rng.index(local.size())]);
                        if (std::find(l.borrowers.begin(), l.borrowers.end(), e) == l.borrowers.end()) l.borrowers.push_back(e);
                    }
                    // A park with a single enterprise still gets a programme: 1 named of several.
                    l.borrower_count = std::max<std::int64_t>(
                        2, static_cast<std::int64_t>(l.borrowers.size()) + rng.between(std::int64_t{0}, std::int64_t{8}));
                }
            }
            if (l.instrument == LoanInstrument::programme) {
                const std::size_t park = static_cast<std::size_t>(l.park->value() - 1);
                l.name.zh = std::string(city_of(park).short_zh) + "制造业资金合作计划";
            }
            const std::int64_t commitment = draw_yuan(rng, 5, 10);
            l.commitment = ReportedAmount{Money::of(commitment), Bound::exact, false};
            const Date inception = day_between(rng, first_day(), last_day());
            l.inception = ReportedDate(inception);
            l.maturity = ReportedDate(years_later(inception, rng.between(1, 5)));
            l.interest_rate = Decimal<6>::from_units(rng.between(std::int64_t{600}, std::int64_t{1300}) * 50);  // 3.00%-6.50%
            l.guarantee = static_cast<GuaranteeType>(rng.index(4));
            l.purpose = std::string(rng.pick(std::span<const std::string_view>(purposes)));
            // Drawn share in per mille: drawn down early, then drawn further or repaid.
            std::int64_t drawn = rng.between(std::int64_t{300}, std::int64_t{1000});
            for (std::size_t k = 0; k < o_.snapshots_per_loan; ++k) {
                if (k > 0) {
                    if (rng.percent(30)) drawn = std::min<std::int64_t>(1000, drawn + rng.between(std::int64_t{0}, std::int64_t{300}));
                    else drawn = std::max<std::int64_t>(0, drawn - rng.between(std::int64_t{0}, std::int64_t{60}));
                }
                const std::int64_t outstanding = commitment / 1000 * drawn + commitment % 1000 * drawn / 1000;
                const int month = static_cast<int>(inception.month()) + static_cast<int>(k);
                l.snapshots.push_back(LoanSnapshot{month_end(inception.year() + (month - 1) / 12, (month - 1) % 12 + 1),
                                                   Money::of(outstanding), Money::of(commitment - outstanding)});
            }
            l.sources.push_back(cite(rng, inception.year()));
            b_.loans.push_back(std::move(l));
        }
    }

    // ------------------------------------------------------------------ waste facilities
    void facilities() {
        if (o_.waste_facilities == 0) return;
        Rng rng(o_.seed, s_facilities);
        static constexpr std::array<unsigned, 5> kind_weights = {20, 30, 15, 20, 15};
        static constexpr std::array<std::string_view, 5> suffix = {"危险废物暂存库", "危险废物集中收集中心",
                                                                  "危险废物贮存中心", "危险废物综合利用中心",
                                                                  "危险废物处置中心"};
        for (std::size_t i = 0; i < o_.waste_facilities; ++i) {
            WasteFacility f;
            f.id = WasteFacilityId(i + 1);
            const std::size_t park = rng.index(parks_.size());
            f.park = park_id(park);
            const auto kind_index = rng.weighted(kind_weights);
            f.kind = static_cast<WasteFacilityKind>(kind_index);
            f.name.zh = b_.parks[park].name.zh + std::string(suffix[kind_index]);
            const auto& local = parks_[park].enterprises;
            if (f.kind != WasteFacilityKind::temporary_storage && !local.empty())
                f.operator_enterprise = enterprise_id(local[rng.index(local.size())]);
            if (rng.percent(90)) f.investment = ReportedAmount{Money::of(draw_yuan(rng, 5, 9)), Bound::exact, false};
            f.floor_area = Area::of(Decimal<2>::from_units(rng.between(std::int64_t{20'000}, std::int64_t{2'000'000})),
                                    AreaKind::Unit::square_metre);
            f.storage_capacity = Mass::of(rng.between(20, 3000), MassKind::Unit::tonne);
            const std::int64_t capacity_t = rng.between(std::int64_t{5}, std::int64_t{1000}) * 100;
            f.max_annual_throughput = AnnualThroughput::of(capacity_t, AnnualThroughputKind::Unit::tonne_per_year);
            const Date commissioned = day_between(rng, first_day(), last_day());
            f.commissioned = rng.percent(50) ? ReportedDate(commissioned)
                                             : ReportedDate::month(commissioned.year(), commissioned.month());
            if (f.kind != WasteFacilityKind::temporary_storage) {
                WasteLicence lic;
                const CitySpec& city = city_of(park);
                lic.number = std::string(city.plate) + "危废经第" + std::to_string(city.admin_code) +
                             std::to_string(rng.between(100, 999)) + "号";
                lic.type = f.kind == WasteFacilityKind::collection ? LicenceType::collection : LicenceType::comprehensive;
                lic.modes = {OperatingMode::collection, OperatingMode::storage};
                if (f.kind == WasteFacilityKind::utilisation) lic.modes.push_back(OperatingMode::utilisation);
                if (f.kind == WasteFacilityKind::disposal) lic.modes.push_back(OperatingMode::disposal);
                std::vector<int> hw;
                for (std::size_t k : rng.distinct(common_hw.size(), rng.index(8) + 3)) hw.push_back(common_hw[k]);
                std::sort(hw.begin(), hw.end());
                for (int n : hw) {
                    LicensedCategory cat{HwCategory(n), std::nullopt};
                    if (rng.percent(70))
                        cat.approved = AnnualThroughput::of(rng.between(std::int64_t{5}, std::int64_t{500}) * 10,
                                                            AnnualThroughputKind::Unit::tonne_per_year);
                    lic.categories.push_back(std::move(cat));
                }
                lic.approved_total = f.max_annual_throughput;
                lic.issued = commissioned;
                lic.expires = years_later(commissioned, lic.type == LicenceType::collection ? rng.between(1, 3) : 5);
                f.licence = std::move(lic);
            }
            for (std::size_t k : rng.distinct(local.size(), std::min<std::size_t>(local.size(), rng.index(6))))
                f.served_enterprises.push_back(enterprise_id(local[k]));
            for (int y = commissioned.year(); y <= o_.last_year; ++y) {
                // 40%-115% of capacity, to the kilogram: some years run over capacity.
                const std::int64_t grams = capacity_t * 1'000'000 / 1000 * rng.between(std::int64_t{400}, std::int64_t{1150});
                f.yearly_throughput.push_back(YearlyThroughput{y, Mass::from_base(grams / 1000 * 1000)});
            }
            f.sources.push_back(cite(rng, commissioned.year()));
            b_.waste_facilities.push_back(std::move(f));
        }
    }

    // ------------------------------------------------------------------ statistics
    void statistics() {
        Rng rng(o_.seed, s_statistics);
        std::size_t zone = 0;
        for (std::size_t p = 0; p < parks_.size(); ++p) {
            if (parks_[p].top != p) continue;
            std::optional<Money> previous;
            for (int y = o_.first_year; y <= o_.last_year; ++y) {
                const std::size_t k = zone * static_cast<std::size_t>(years()) + static_cast<std::size_t>(y - o_.first_year);
                const std::int64_t count = (h1_count_.empty() ? 0 : h1_count_[k]) + rng.between(std::int64_t{5}, std::int64_t{40});
                const std::int64_t itemised = h1_amount_.empty() ? 0 : h1_amount_[k];
                const Money amount = Money::of(clamp_yuan(round_significant(itemised + draw_yuan(rng, 8, 10), 4)));

                ReportedStatistic signed_projects;
                signed_projects.id = StatisticId(b_.statistics.size() + 1);
                signed_projects.scope = park_id(p);
                signed_projects.indicator = Indicator::signed_projects;
                signed_projects.label = "上半年签约项目";
                signed_projects.period = Period::half_year(y, 1);
                signed_projects.value = count;
                signed_projects.unit = "个";
                signed_projects.sources.push_back(cite(rng, y));
                b_.statistics.push_back(std::move(signed_projects));

                ReportedStatistic investment;
                investment.id = StatisticId(b_.statistics.size() + 1);
                investment.scope = park_id(p);
                investment.indicator = Indicator::contract_investment;
                investment.label = "上半年签约项目合同投资总额";
                investment.period = Period::half_year(y, 1);
                investment.value = amount;
                if (rng.percent(10)) investment.bound = Bound::more_than;
                if (previous)
                    investment.comparison = Comparison{ComparisonKind::year_on_year,
                                                       Percent::growth(amount, *previous).rounded(1, RoundingMode::half_up),
                                                       Bound::exact};
                investment.sources.push_back(cite(rng, y));
                b_.statistics.push_back(std::move(investment));
                previous = amount;

                ReportedStatistic fixed_assets;
                fixed_assets.id = StatisticId(b_.statistics.size() + 1);
                fixed_assets.scope = park_id(p);
                fixed_assets.indicator = Indicator::fixed_asset_investment;
                fixed_assets.label = "固定资产投资";
                fixed_assets.period = Period::year(y);
                fixed_assets.comparison = Comparison{
                    ComparisonKind::year_on_year,
                    Percent(Ratio(Ratio::rep(rng.between(std::int64_t{-50}, std::int64_t{250})), Ratio::rep(1000))),
                    Bound::exact};
                fixed_assets.sources.push_back(cite(rng, y));
                b_.statistics.push_back(std::move(fixed_assets));
            }
            ++zone;
        }
    }

    const SyntheticOptions& o_;
    Batch b_;
    std::vector<ParkInfo> parks_;
    std::array<std::vector<std::size_t>, industry_table.size()> children_{};
    std::vector<std::int64_t> h1_count_;
    std::vector<std::int64_t> h1_amount_;
};

}  // namespace

Batch synthetic_batch(const SyntheticOptions& options) {
    if (options.first_year > options.last_year)
        throw ArgumentError("parkinvest: synthetic data needs first_year <= last_year");
    if (options.first_year < 1950 || options.last_year > 2100)
        throw ArgumentError("parkinvest: synthetic data years must lie within 1950..2100");
    if (options.parks == 0 && (options.projects != 0 || options.loans != 0 || options.waste_facilities != 0))
        throw ArgumentError("parkinvest: synthetic projects, loans and waste facilities need parks > 0");
    return Generator(options).run();
}

Dataset synthetic_dataset(const SyntheticOptions& options) {
    Dataset ds;
    ds.insert(synthetic_batch(options));
    return ds;
}

}  // namespace parkinvest::samples
