// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/common.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parkinvest {

/// Where a project stands. The main path is ordered: negotiating → contracted → registered →
/// started → completed → in_production. suspended and cancelled leave it.
enum class Stage : std::uint8_t {
    negotiating,    ///< 在谈
    contracted,     ///< 签约
    registered,     ///< 注册
    started,        ///< 开工
    completed,      ///< 竣工 / 完工
    in_production,  ///< 投产
    suspended,      ///< 暂停 / 缓建
    cancelled,      ///< 取消 / 终止
};
inline constexpr Stage all_stages[] = {Stage::negotiating, Stage::contracted, Stage::registered, Stage::started,
                                       Stage::completed,   Stage::in_production, Stage::suspended, Stage::cancelled};
template <>
struct EnumTable<Stage> {
    static constexpr std::string_view type = "Stage";
    static constexpr std::array<EnumEntry, 8> entries{{
        {"negotiating", "在谈", "negotiating"},
        {"contracted", "签约", "signed"},
        {"registered", "注册", "registered"},
        {"started", "开工", "started"},
        {"completed", "竣工", "completed"},
        {"in_production", "投产", "in production"},
        {"suspended", "暂停", "suspended"},
        {"cancelled", "取消", "cancelled"},
    }};
};
/// Whether s is on the ordered main path (not suspended or cancelled).
[[nodiscard]] constexpr bool on_main_path(Stage s) noexcept { return s <= Stage::in_production; }

/// One step of a project's history: the stage it entered and when (with the source's precision).
struct StageEvent {
    Stage stage = Stage::negotiating;
    ReportedDate date;
    friend bool operator==(const StageEvent&, const StageEvent&) = default;
};

enum class ProjectNature : std::uint8_t {
    new_build,          ///< 新建
    expansion,          ///< 扩建
    technical_upgrade,  ///< 技术改造
    relocation,         ///< 迁建
};
template <>
struct EnumTable<ProjectNature> {
    static constexpr std::string_view type = "ProjectNature";
    static constexpr std::array<EnumEntry, 4> entries{{
        {"new_build", "新建", "new"},
        {"expansion", "扩建", "expansion"},
        {"technical_upgrade", "技术改造", "technical upgrade"},
        {"relocation", "迁建", "relocation"},
    }};
};

enum class InvestorRole : std::uint8_t {
    lead,        ///< 投资主体 / lead investor
    partner,     ///< 合作方
    operator_,   ///< 运营方 / operator
    financier,   ///< 出资方 / fund
};
template <>
struct EnumTable<InvestorRole> {
    static constexpr std::string_view type = "InvestorRole";
    static constexpr std::array<EnumEntry, 4> entries{{
        {"lead", "投资主体", "lead investor"},
        {"partner", "合作方", "partner"},
        {"operator", "运营方", "operator"},
        {"financier", "出资方", "financier"},
    }};
};

struct Investor {
    EnterpriseId enterprise;
    InvestorRole role = InvestorRole::lead;
    friend bool operator==(const Investor&, const Investor&) = default;
};

/// An investment project (招商引资项目 / 产业项目).
struct Project {
    ProjectId id;
    Name name;
    ParkId park;
    std::vector<Investor> investors;
    std::vector<IndustryId> industries;
    std::optional<ProjectNature> nature;
    std::optional<ReportedAmount> contract_investment;    ///< 合同(协议)投资额
    std::optional<ReportedAmount> planned_investment;     ///< 计划总投资
    std::optional<ReportedAmount> first_phase_investment; ///< 一期投资
    std::optional<ReportedAmount> funds_in_place;         ///< 到位资金 (到资)
    std::optional<ProjectId> parent;  ///< the programme this project is a phase of
    std::optional<int> phase;         ///< 第一期 = 1, 第二期 = 2
    /// In date order; the dataset rejects histories that go back in time or along the main path.
    std::vector<StageEvent> stages;
    std::vector<Citation> sources;

    /// The stage as of the end of day `d`: the last event known to have happened by then. An
    /// event reported only to the month (or year) counts once that whole month (year) has passed.
    [[nodiscard]] std::optional<Stage> stage_as_of(Date d) const;
    /// Whether the project had reached `s` (or gone past it on the main path) by the end of `d`.
    [[nodiscard]] bool reached(Stage s, Date d) const;
    friend bool operator==(const Project&, const Project&) = default;
};

}  // namespace parkinvest
