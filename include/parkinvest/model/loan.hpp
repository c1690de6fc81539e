// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/decimal.hpp>
#include <parkinvest/model/common.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parkinvest {

enum class LoanInstrument : std::uint8_t {
    term_loan,    ///< 流动资金/项目贷款
    credit_line,  ///< 授信额度
    revolving,    ///< 循环贷款
    programme,    ///< a facility for many borrowers (制造业资金合作计划 ...)
};
template <>
struct EnumTable<LoanInstrument> {
    static constexpr std::string_view type = "LoanInstrument";
    static constexpr std::array<EnumEntry, 4> entries{{
        {"term_loan", "贷款", "term loan"},
        {"credit_line", "授信额度", "credit line"},
        {"revolving", "循环贷款", "revolving credit"},
        {"programme", "资金合作计划", "loan programme"},
    }};
};

enum class GuaranteeType : std::uint8_t {
    credit,      ///< 信用 (unsecured)
    guarantee,   ///< 保证
    mortgage,    ///< 抵押
    pledge,      ///< 质押
};
template <>
struct EnumTable<GuaranteeType> {
    static constexpr std::string_view type = "GuaranteeType";
    static constexpr std::array<EnumEntry, 4> entries{{
        {"credit", "信用", "unsecured"},
        {"guarantee", "保证", "guaranteed"},
        {"mortgage", "抵押", "mortgage"},
        {"pledge", "质押", "pledge"},
    }};
};

/// The state of a loan at the end of a day (AnaCredit / FIRE style): drawn, outstanding principal
/// and the undrawn part of the commitment.
struct LoanSnapshot {
    Date as_of;
    Money outstanding;
    std::optional<Money> undrawn;
    friend bool operator==(const LoanSnapshot&, const LoanSnapshot&) = default;
};

/// A loan, a credit line, or a programme facility shared by several borrowers.
struct Loan {
    LoanId id;
    Name name;  ///< optional description, e.g. 宁波首单制造业资金合作计划
    BankId lender;
    std::vector<EnterpriseId> borrowers;         ///< named borrowers (one for a bilateral loan)
    std::optional<std::int64_t> borrower_count;  ///< reported number, may exceed the named ones ("均胜电子等10家")
    /// The park the loan counts for. Required when no borrower is located in a park; when given,
    /// it is used as stated (a programme may be a park's even if its borrowers are elsewhere).
    std::optional<ParkId> park;
    LoanInstrument instrument = LoanInstrument::term_loan;
    ReportedAmount commitment;  ///< 授信额度 / 合同金额
    std::optional<ReportedDate> inception;
    std::optional<ReportedDate> maturity;
    std::optional<Decimal<6>> interest_rate;  ///< annual, as a fraction: 0.0435 is 4.35%
    std::optional<GuaranteeType> guarantee;
    std::string purpose;
    std::vector<LoanSnapshot> snapshots;  ///< in date order
    std::vector<Citation> sources;

    /// Outstanding amount at the end of `d`: from the last snapshot on or before `d`; empty when
    /// there is none.
    [[nodiscard]] std::optional<Money> outstanding_as_of(Date d) const;
    friend bool operator==(const Loan&, const Loan&) = default;
};

}  // namespace parkinvest
