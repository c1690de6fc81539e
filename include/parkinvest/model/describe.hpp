// SPDX-License-Identifier: MIT
// The one description of every record and of the structs inside them: each field's name, its
// member, whether it is required, and from which class version on it exists. Every format
// follows it — the cereal archives (JSON, XML, binary, portable binary), the CSV tables and
// their headers, JSON Lines, the command line's field names and the generated file-format
// reference (docs/formats.md) — so a new field is one member in the struct and one line here.
//
// The kind of a field is its C++ type; the formats map types to their representation:
//   * a nested struct (Name, Origin, Listing, WasteLicence, Comparison ...) is an object in
//     archives and a group of columns "<field>_<member>" in flat formats (CSV, JSON Lines);
//     a member marked primary() is named "<field>" alone (Enterprise::origin's kind: "origin");
//   * a list of structs (stages, snapshots, sources ...) is a list in archives and JSON Lines
//     and a child table in CSV; a list of ids or enum values is one cell "3;7;12" in CSV;
//   * ReportedAmount, Money, quantities, dates, periods, percentages and enums are values
//     (docs/formats.md lists how each is written).
// Requiredness: a field marked required() must have a value (a text must be given, an enum must
// not be left to its default); fields whose type has no empty value (an id, a date, a period,
// an amount that is not optional) are required by their type.
//
// This header does not depend on cereal or on any format: io/ adapts it.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/common.hpp>
#include <parkinvest/model/enterprise.hpp>
#include <parkinvest/model/loan.hpp>
#include <parkinvest/model/park.hpp>
#include <parkinvest/model/project.hpp>
#include <parkinvest/model/statistic.hpp>
#include <parkinvest/model/waste_facility.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace parkinvest::schema {

enum class Need : std::uint8_t { optional, required };

/// What a description says about one field.
struct FieldInfo {
    std::string_view name;      ///< identifier in every format: "contract_investment"
    std::string_view doc;       ///< one line for the reference: "合同(协议)投资额, contract investment"
    Need need = Need::optional;
    bool primary = false;       ///< flat formats name it by its parent field's name alone
    std::uint32_t since = 1;    ///< the record's class version that added it (archives)
};

/// One field: its description and the member it describes.
template <class R, class T>
struct Field {
    using record_type = R;
    using value_type = T;
    FieldInfo info;
    T R::*member;

    [[nodiscard]] constexpr T& of(R& r) const { return r.*member; }
    [[nodiscard]] constexpr const T& of(const R& r) const { return r.*member; }
    [[nodiscard]] constexpr Field required() const {
        Field f = *this;
        f.info.need = Need::required;
        return f;
    }
    [[nodiscard]] constexpr Field primary() const {
        Field f = *this;
        f.info.primary = true;
        return f;
    }
    [[nodiscard]] constexpr Field since(std::uint32_t version) const {
        Field f = *this;
        f.info.since = version;
        return f;
    }
};

template <class R, class T>
constexpr Field<R, T> field(std::string_view name, T R::*member, std::string_view doc) {
    return Field<R, T>{FieldInfo{name, doc}, member};
}

/// The description of a type: specialised below for every record and nested struct with
///   static constexpr auto fields = std::tuple{field(...), ...};   // in format order
/// and, for records (the types with an id), `entity` ("park"), `version` (the class version
/// archives carry) and `doc`.
template <class T>
struct Describe;

template <class T>
concept described = requires { Describe<T>::fields; };

template <class T>
concept record = described<T> && requires {
    { Describe<T>::entity } -> std::convertible_to<std::string_view>;
    { Describe<T>::version } -> std::convertible_to<std::uint32_t>;
};

/// Calls f(field) for each field of T, in order.
template <described T, class F>
constexpr void for_each_field(F&& f) {
    std::apply([&](const auto&... fields) { (f(fields), ...); }, Describe<T>::fields);
}

/// The field of R named `name` (a runtime search over a handful of fields); calls
/// f(field) and returns true when found.
template <described R, class F>
constexpr bool with_field(std::string_view name, F&& f) {
    bool found = false;
    for_each_field<R>([&](const auto& fd) {
        if (!found && fd.info.name == name) {
            found = true;
            f(fd);
        }
    });
    return found;
}

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

// ---------------------------------------------------------------------------------------------
// Values inside records

template <>
struct Describe<Name> {
    static constexpr auto fields = std::tuple{
        field("zh", &Name::zh, "name in Chinese").required(),
        field("en", &Name::en, "name in English"),
    };
};

template <>
struct Describe<Citation> {
    static constexpr auto fields = std::tuple{
        field("source", &Citation::source, "the source (sources.csv id)"),
        field("note", &Citation::note, "what the record takes from it, usually the sentence"),
    };
};

template <class T>
struct Describe<Reported<T>> {
    static constexpr auto fields = std::tuple{
        field("value", &Reported<T>::value, "the figure"),
        field("bound", &Reported<T>::bound, "how the figure bounds the true value (以上, 超过, 约, 近 ...)"),
        field("estimated", &Reported<T>::estimated, "the source's estimate (预计) rather than an outcome"),
    };
};

template <>
struct Describe<Origin> {
    static constexpr auto fields = std::tuple{
        field("kind", &Origin::kind, "内资 / 港澳台资 / 外资").primary(),
        field("country", &Origin::country, "ISO 3166-1 alpha-2 country of a foreign enterprise (KR)"),
    };
};

template <>
struct Describe<Listing> {
    static constexpr auto fields = std::tuple{
        field("market", &Listing::market, "stock market, e.g. 上海证券交易所科创板"),
        field("date", &Listing::date, "listing date"),
    };
};

template <>
struct Describe<Investor> {
    static constexpr auto fields = std::tuple{
        field("enterprise", &Investor::enterprise, "the investing enterprise"),
        field("role", &Investor::role, "投资主体 / 合作方 / 运营方 / 出资方"),
    };
};

template <>
struct Describe<StageEvent> {
    static constexpr auto fields = std::tuple{
        field("stage", &StageEvent::stage, "the stage entered (在谈, 签约, 注册, 开工, 竣工, 投产, 暂停, 取消)").required(),
        field("date", &StageEvent::date, "when, at the source's precision"),
    };
};

template <>
struct Describe<LoanSnapshot> {
    static constexpr auto fields = std::tuple{
        field("as_of", &LoanSnapshot::as_of, "the day the state is for"),
        field("outstanding", &LoanSnapshot::outstanding, "outstanding principal at the end of that day"),
        field("undrawn", &LoanSnapshot::undrawn, "undrawn part of the commitment"),
    };
};

template <>
struct Describe<LicensedCategory> {
    static constexpr auto fields = std::tuple{
        field("category", &LicensedCategory::category, "国家危险废物名录 category HW01-HW50"),
        field("approved", &LicensedCategory::approved, "approved annual scale for the category"),
    };
};

template <>
struct Describe<WasteLicence> {
    static constexpr auto fields = std::tuple{
        field("number", &WasteLicence::number, "危险废物经营许可证 number"),
        field("type", &WasteLicence::type, "综合经营许可证 / 收集经营许可证"),
        field("modes", &WasteLicence::modes, "licensed operations (收集, 贮存, 利用, 处置)"),
        field("categories", &WasteLicence::categories, "approved categories"),
        field("approved_total", &WasteLicence::approved_total, "核准经营规模, approved total scale"),
        field("issued", &WasteLicence::issued, "issue date"),
        field("expires", &WasteLicence::expires, "expiry date"),
    };
};

template <>
struct Describe<YearlyThroughput> {
    static constexpr auto fields = std::tuple{
        field("year", &YearlyThroughput::year, "calendar year").required(),
        field("handled", &YearlyThroughput::handled, "quantity actually handled that year"),
    };
};

template <>
struct Describe<Comparison> {
    static constexpr auto fields = std::tuple{
        field("kind", &Comparison::kind, "同比 / 较去年年底 / 环比"),
        field("change", &Comparison::change, "the published change, e.g. 4.9% for 同比增长4.9%"),
        field("bound", &Comparison::bound, "how the change bounds the true value"),
    };
};

// ---------------------------------------------------------------------------------------------
// Records

template <>
struct Describe<Source> {
    static constexpr std::string_view entity = "source";
    static constexpr std::string_view doc = "where figures come from: one publication (a newspaper page, a bulletin, a register)";
    static constexpr std::uint32_t version = 1;
    static constexpr auto fields = std::tuple{
        field("id", &Source::id, "id of the source"),
        field("publication", &Source::publication, "e.g. 中国高新技术产业导报").required(),
        field("date", &Source::date, "publication date"),
        field("section", &Source::section, "page, section or article title"),
        field("note", &Source::note, "free note"),
    };
};

template <>
struct Describe<Industry> {
    static constexpr std::string_view entity = "industry";
    static constexpr std::string_view doc = "one node of an industry classification (GB/T 4754-2017 or a park's own scheme)";
    static constexpr std::uint32_t version = 1;
    static constexpr auto fields = std::tuple{
        field("id", &Industry::id, "id of the industry"),
        field("scheme", &Industry::scheme, "classification, e.g. GB/T 4754-2017, 重庆高新区主导产业").required(),
        field("code", &Industry::code, "code, unique in its scheme: C27, C2710, 大健康").required(),
        field("name", &Industry::name, "name").required(),
        field("parent", &Industry::parent, "the node above, in the same scheme"),
        field("sources", &Industry::sources, "citations"),
    };
};

template <>
struct Describe<Park> {
    static constexpr std::string_view entity = "park";
    static constexpr std::string_view doc = "a development zone (国家高新区, 经开区 ...) or a sub-park of one";
    static constexpr std::uint32_t version = 1;
    static constexpr auto fields = std::tuple{
        field("id", &Park::id, "id of the park"),
        field("name", &Park::name, "name").required(),
        field("kind", &Park::kind, "国家高新区, 国家级经济技术开发区, 省级开发区, 科学城, 产业园 ..."),
        field("province", &Park::province, "省级行政区, e.g. 重庆市"),
        field("city", &Park::city, "city, e.g. 益阳市"),
        field("admin_code", &Park::admin_code, "GB/T 2260 six-digit code of the city or district"),
        field("parent", &Park::parent, "the zone a sub-park belongs to (一区多园)"),
        field("established", &Park::established, "when it was established"),
        field("area", &Park::area, "planned area"),
        field("leading_industries", &Park::leading_industries, "主导产业 (industry ids)"),
        field("sources", &Park::sources, "citations"),
    };
};

template <>
struct Describe<Enterprise> {
    static constexpr std::string_view entity = "enterprise";
    static constexpr std::string_view doc = "an enterprise: investor, borrower or facility operator";
    static constexpr std::uint32_t version = 1;
    static constexpr auto fields = std::tuple{
        field("id", &Enterprise::id, "id of the enterprise"),
        field("name", &Enterprise::name, "name").required(),
        field("credit_code", &Enterprise::credit_code, "统一社会信用代码 (18 characters, check digit verified)"),
        field("park", &Enterprise::park, "the park it is located in"),
        field("industries", &Enterprise::industries, "industry ids"),
        field("origin", &Enterprise::origin, "ownership origin"),
        field("listing", &Enterprise::listing, "stock-market listing"),
        field("high_tech", &Enterprise::high_tech, "高新技术企业 certification"),
        field("sources", &Enterprise::sources, "citations"),
    };
};

template <>
struct Describe<Bank> {
    static constexpr std::string_view entity = "bank";
    static constexpr std::string_view doc = "a lender; a branch is a separate bank with the head office's name and the branch name";
    static constexpr std::uint32_t version = 2;
    static constexpr auto fields = std::tuple{
        field("id", &Bank::id, "id of the bank"),
        field("name", &Bank::name, "name of the institution, e.g. 鄞州银行").required(),
        field("branch", &Bank::branch, "branch, e.g. 高新支行; empty for the institution itself"),
        field("branch_en", &Bank::branch_en, "the branch in English, e.g. Hi-tech Sub-branch").since(2),
        field("kind", &Bank::kind, "政策性银行, 国有大型商业银行, 股份制商业银行, 城市商业银行 ..."),
        field("sources", &Bank::sources, "citations"),
    };
};

template <>
struct Describe<Project> {
    static constexpr std::string_view entity = "project";
    static constexpr std::string_view doc = "an investment project (招商引资项目 / 产业项目)";
    static constexpr std::uint32_t version = 1;
    static constexpr auto fields = std::tuple{
        field("id", &Project::id, "id of the project"),
        field("name", &Project::name, "name").required(),
        field("park", &Project::park, "the park it is in"),
        field("investors", &Project::investors, "investing enterprises and their roles"),
        field("industries", &Project::industries, "industry ids"),
        field("nature", &Project::nature, "新建 / 扩建 / 技术改造 / 迁建"),
        field("contract_investment", &Project::contract_investment, "合同(协议)投资额"),
        field("planned_investment", &Project::planned_investment, "计划总投资"),
        field("first_phase_investment", &Project::first_phase_investment, "一期投资"),
        field("funds_in_place", &Project::funds_in_place, "到位资金"),
        field("parent", &Project::parent, "the programme this project is a phase of"),
        field("phase", &Project::phase, "第一期 = 1, 第二期 = 2"),
        field("stages", &Project::stages, "stage history, in date order"),
        field("sources", &Project::sources, "citations"),
    };
};

template <>
struct Describe<Loan> {
    static constexpr std::string_view entity = "loan";
    static constexpr std::string_view doc = "a loan, a credit line, or a programme facility shared by several borrowers";
    static constexpr std::uint32_t version = 1;
    static constexpr auto fields = std::tuple{
        field("id", &Loan::id, "id of the loan"),
        field("name", &Loan::name, "optional description, e.g. 宁波首单制造业资金合作计划"),
        field("lender", &Loan::lender, "the lending bank"),
        field("borrowers", &Loan::borrowers, "named borrowers (enterprise ids)"),
        field("borrower_count", &Loan::borrower_count, "reported number of borrowers (均胜电子等10家: 10)"),
        field("park", &Loan::park, "the park the loan counts for (required when no borrower is in a park)"),
        field("instrument", &Loan::instrument, "贷款 / 授信额度 / 循环贷款 / 资金合作计划"),
        field("commitment", &Loan::commitment, "授信额度 / 合同金额"),
        field("inception", &Loan::inception, "start"),
        field("maturity", &Loan::maturity, "maturity"),
        field("interest_rate", &Loan::interest_rate, "annual rate as a fraction (0.0435) or a percentage (4.35%)"),
        field("guarantee", &Loan::guarantee, "信用 / 保证 / 抵押 / 质押"),
        field("purpose", &Loan::purpose, "purpose"),
        field("snapshots", &Loan::snapshots, "outstanding amounts over time, in date order"),
        field("sources", &Loan::sources, "citations"),
    };
};

template <>
struct Describe<WasteFacility> {
    static constexpr std::string_view entity = "waste_facility";
    static constexpr std::string_view doc = "a hazardous-waste facility in a park";
    static constexpr std::uint32_t version = 1;
    static constexpr auto fields = std::tuple{
        field("id", &WasteFacility::id, "id of the facility"),
        field("name", &WasteFacility::name, "name").required(),
        field("park", &WasteFacility::park, "the park it is in"),
        field("operator_enterprise", &WasteFacility::operator_enterprise, "licensed third party running it"),
        field("kind", &WasteFacility::kind, "暂存库 / 收集 / 贮存 / 利用 / 处置"),
        field("investment", &WasteFacility::investment, "investment"),
        field("floor_area", &WasteFacility::floor_area, "floor area"),
        field("storage_capacity", &WasteFacility::storage_capacity, "storage capacity"),
        field("max_annual_throughput", &WasteFacility::max_annual_throughput, "年最大中转/处置能力"),
        field("licence", &WasteFacility::licence, "危险废物经营许可证"),
        field("commissioned", &WasteFacility::commissioned, "投入使用 / 揭牌"),
        field("served_enterprises", &WasteFacility::served_enterprises, "enterprises it serves"),
        field("yearly_throughput", &WasteFacility::yearly_throughput, "quantity handled per year, ascending years"),
        field("sources", &WasteFacility::sources, "citations"),
    };
};

template <>
struct Describe<ReportedStatistic> {
    static constexpr std::string_view entity = "statistic";
    static constexpr std::string_view doc = "a published aggregate that cannot be recomputed from itemized records";
    static constexpr std::uint32_t version = 1;
    static constexpr auto fields = std::tuple{
        field("id", &ReportedStatistic::id, "id of the statistic"),
        field("scope", &ReportedStatistic::scope, "the park it is about"),
        field("indicator", &ReportedStatistic::indicator, "what it measures (签约项目, 合同投资额 ...)"),
        field("label", &ReportedStatistic::label, "what exactly is counted, in the source's words").required(),
        field("period", &ReportedStatistic::period, "the flow period, or the as-of day for stocks"),
        field("value", &ReportedStatistic::value, "the value: a count, money, a percentage, a quantity or a date"),
        field("bound", &ReportedStatistic::bound, "how the value bounds the true value"),
        field("unit", &ReportedStatistic::unit, "unit word of a count: 个, 户, 家, 家次, 项, 名"),
        field("comparison", &ReportedStatistic::comparison, "a published change (同比增长4.9%)"),
        field("sources", &ReportedStatistic::sources, "citations"),
    };
};

/// The records, in the order a dataset holds and writes them.
using Records = std::tuple<Source, Industry, Park, Enterprise, Bank, Project, Loan, WasteFacility, ReportedStatistic>;

}  // namespace parkinvest::schema
