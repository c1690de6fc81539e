// SPDX-License-Identifier: MIT
// Declarations of parkinvest's main types without their definitions, for headers of your own that
// only name them (a function taking `const parkinvest::Dataset&` or returning a
// `parkinvest::Money`): including this costs almost nothing, while the defining headers bring
// Boost and the standard library. Each class is declared here as its defining header defines it
// (tests/core/fwd_test.cpp checks); the aliases (ParkId, Area, ReportedAmount ...) are declared
// here only, and the defining headers include this one. Dates (boost::gregorian::date) are not
// declared here: include <parkinvest/time/period.hpp>.
#pragma once

#include <parkinvest/config.hpp>

#include <cstdint>

namespace parkinvest {

// core: values, units and errors (<parkinvest/core.hpp>)
enum class Currency : std::uint8_t;
enum class Language;
enum class RoundingMode;
enum class MoneyUnit : int;
template <int Scale>
class Decimal;
class Money;
struct MoneyFormat;
class ExchangeRate;
class Ratio;
class Percent;
class PercentagePoints;
template <class Kind>
class Quantity;
struct AreaKind;
struct MassKind;
struct AnnualThroughputKind;
using Area = Quantity<AreaKind>;
using Mass = Quantity<MassKind>;
using AnnualThroughput = Quantity<AnnualThroughputKind>;
class Error;
class ArgumentError;
class ArithmeticError;
class OverflowError;
class DivisionByZeroError;
class InexactRoundingError;
class CurrencyMismatchError;
class ParseError;
struct Problem;
class ValidationError;
class QueryError;
struct FormatProblem;
class FormatError;
class NotFoundError;

// time (<parkinvest/time/period.hpp>)
class Period;
class ReportedDate;

// model (<parkinvest/model/dataset.hpp>)
template <class Tag>
class Id;
struct SourceTag;
struct IndustryTag;
struct ParkTag;
struct EnterpriseTag;
struct BankTag;
struct ProjectTag;
struct LoanTag;
struct WasteFacilityTag;
struct StatisticTag;
using SourceId = Id<SourceTag>;
using IndustryId = Id<IndustryTag>;
using ParkId = Id<ParkTag>;
using EnterpriseId = Id<EnterpriseTag>;
using BankId = Id<BankTag>;
using ProjectId = Id<ProjectTag>;
using LoanId = Id<LoanTag>;
using WasteFacilityId = Id<WasteFacilityTag>;
using StatisticId = Id<StatisticTag>;
enum class Bound : std::uint8_t;
template <class T>
struct Reported;
using ReportedAmount = Reported<Money>;
using ReportedCount = Reported<std::int64_t>;
struct Name;
struct Source;
struct Citation;
class CreditCode;
struct Industry;
struct Park;
struct Enterprise;
struct Bank;
enum class Stage : std::uint8_t;
struct Project;
struct Loan;
class HwCategory;
struct WasteFacility;
enum class Indicator : std::uint8_t;
struct ReportedStatistic;
struct Batch;
class ProjectColumns;
class Dataset;

namespace query {  // <parkinvest/query/query.hpp>
struct Label;
struct Undetermined;
enum class ColumnKind : std::uint8_t;
struct Column;
class Table;
class Conversion;
}  // namespace query

namespace io {  // <parkinvest/io/io.hpp>, <parkinvest/io/snapshot.hpp>
enum class Format : std::uint8_t;
struct LoadOptions;
class Snapshot;
}  // namespace io

}  // namespace parkinvest
