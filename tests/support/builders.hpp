// SPDX-License-Identifier: MIT
// Builders of model records for tests: the smallest records a test starts from, which it then
// changes where it needs to.
#pragma once

#include <parkinvest/core/money.hpp>
#include <parkinvest/core/quantity.hpp>
#include <parkinvest/model/common.hpp>
#include <parkinvest/model/enterprise.hpp>
#include <parkinvest/model/loan.hpp>
#include <parkinvest/model/park.hpp>
#include <parkinvest/model/project.hpp>
#include <parkinvest/model/waste_facility.hpp>
#include <parkinvest/time/period.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace parkinvest::test {

// ------------------------------------------------------------------ names and amounts

inline Name zh_name(std::string zh) {
    Name n;
    n.zh = std::move(zh);
    return n;
}

/// `record` (a Park, a Project, a Bank …) under the name `zh` (and `en`).
template <class Record>
Record named(Record record, std::string zh, std::optional<std::string> en = std::nullopt) {
    record.name.zh = std::move(zh);
    record.name.en = std::move(en);
    return record;
}

inline ReportedAmount amount(Money value, Bound bound = Bound::exact) {
    ReportedAmount a;
    a.value = value;
    a.bound = bound;
    return a;
}

// ------------------------------------------------------------------ records

/// park#`id` "园区<id>" in 重庆市: a national high-tech zone, or with a parent an industrial park.
inline Park make_park(std::uint64_t id, std::optional<std::uint64_t> parent = std::nullopt) {
    Park p;
    p.id = ParkId{id};
    p.name = zh_name("园区" + std::to_string(id));
    p.kind = parent ? ParkKind::industrial_park : ParkKind::national_high_tech_zone;
    p.province = "重庆市";
    p.city = "重庆市";
    p.admin_code = 500107u;
    if (parent) p.parent = ParkId{*parent};
    return p;
}

/// industry#`id` `code` in `scheme`, named "产业<code>" / "industry <code>".
inline Industry make_industry(std::uint64_t id, std::string scheme, std::string code,
                              std::optional<std::uint64_t> parent = std::nullopt) {
    Industry i;
    i.id = IndustryId{id};
    i.scheme = std::move(scheme);
    i.name.zh = "产业" + code;
    i.name.en = "industry " + code;
    i.code = std::move(code);
    if (parent) i.parent = IndustryId{*parent};
    return i;
}

/// bank#`id`, a rural bank: 鄞州银行 `branch`.
inline Bank make_bank(std::uint64_t id, std::string branch = "高新支行") {
    Bank b;
    b.id = BankId{id};
    b.name = zh_name("鄞州银行");
    b.branch = std::move(branch);
    b.kind = BankKind::rural;
    return b;
}

inline Investor investor(std::uint64_t enterprise, InvestorRole role = InvestorRole::lead) {
    Investor i;
    i.enterprise = EnterpriseId{enterprise};
    i.role = role;
    return i;
}

/// project#`id` "项目<id>" in park#`park`, with enterprise#`lead` as its lead investor when given.
inline Project make_project(std::uint64_t id, std::uint64_t park, std::optional<std::uint64_t> lead = std::nullopt) {
    Project p;
    p.id = ProjectId{id};
    p.name = zh_name("项目" + std::to_string(id));
    p.park = ParkId{park};
    if (lead) p.investors.push_back(investor(*lead));
    return p;
}

// ------------------------------------------------------------------ child rows

inline StageEvent event(Stage s, ReportedDate d) {
    StageEvent e;
    e.stage = s;
    e.date = d;
    return e;
}

inline LoanSnapshot snapshot(Date d, Money outstanding, std::optional<Money> undrawn = std::nullopt) {
    LoanSnapshot s;
    s.as_of = d;
    s.outstanding = outstanding;
    s.undrawn = undrawn;
    return s;
}

/// `tonnes` handled in `year`.
inline YearlyThroughput year_handled(int year, std::int64_t tonnes) {
    YearlyThroughput y;
    y.year = year;
    y.handled = Mass::of(tonnes, Mass::Unit::tonne);
    return y;
}

}  // namespace parkinvest::test
