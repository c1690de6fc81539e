// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/errors.hpp>
#include <parkinvest/model/columns.hpp>
#include <parkinvest/model/enterprise.hpp>
#include <parkinvest/model/id_map.hpp>
#include <parkinvest/model/ids.hpp>
#include <parkinvest/model/loan.hpp>
#include <parkinvest/model/park.hpp>
#include <parkinvest/model/project.hpp>
#include <parkinvest/model/statistic.hpp>
#include <parkinvest/model/waste_facility.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest {

/// Records to insert together, all or nothing. Records may refer to each other.
struct Batch {
    std::vector<Source> sources;
    std::vector<Industry> industries;
    std::vector<Park> parks;
    std::vector<Enterprise> enterprises;
    std::vector<Bank> banks;
    std::vector<Project> projects;
    std::vector<Loan> loans;
    std::vector<WasteFacility> waste_facilities;
    std::vector<ReportedStatistic> statistics;
    [[nodiscard]] std::size_t size() const;
};

namespace detail {
/// The key of every record store's index: an id's value (one IdMap type for the nine stores, so
/// that programs including this header compile one, not nine).
struct RowTag {
    static constexpr std::string_view entity = "row";
};
using RowKey = Id<RowTag>;
template <class Tag>
[[nodiscard]] constexpr RowKey row_key(Id<Tag> id) noexcept {
    return RowKey{id.value()};
}

/// Rows of one entity type in insertion order, with an id → row index.
template <class T, class IdT>
struct RecordStore {
    std::vector<T> rows;
    IdMap<RowKey, std::uint32_t> index;
    [[nodiscard]] const T* find(IdT id) const {
        // Ids are often dense from 1 in insertion order: row id - 1 is tried before the index
        // (a compare; the index answers every other case).
        const std::uint64_t guess = id.value() - 1;
        if (guess < rows.size() && rows[static_cast<std::size_t>(guess)].id == id) return &rows[static_cast<std::size_t>(guess)];
        const std::uint32_t* row = index.find(row_key(id));
        return row == nullptr ? nullptr : &rows[*row];
    }
};

/// The Dataset's indexes by park and by industry code: hash maps defined in dataset.cpp, so that
/// they are compiled there and not in every program that includes this header.
struct DatasetIndexes;
/// Owns the indexes: copied with the Dataset; none until the first change (a default-made or
/// moved-from Dataset has none, which reads as empty).
class DatasetIndexHolder {
public:
    DatasetIndexHolder() noexcept;
    DatasetIndexHolder(const DatasetIndexHolder& other);
    DatasetIndexHolder(DatasetIndexHolder&& other) noexcept;
    DatasetIndexHolder& operator=(const DatasetIndexHolder& other);
    DatasetIndexHolder& operator=(DatasetIndexHolder&& other) noexcept;
    ~DatasetIndexHolder();
    /// The indexes, or nullptr when there are none yet.
    [[nodiscard]] const DatasetIndexes* get() const noexcept { return indexes_.get(); }
    /// The indexes, made empty when there are none (may throw std::bad_alloc).
    DatasetIndexes& make();

private:
    std::unique_ptr<DatasetIndexes> indexes_;
};
}  // namespace detail

/// Owns every entity and keeps them consistent.
///
/// * Lookup by id is O(1) (hash index); iteration is by type, in insertion order (a removal
///   moves the last record of that type into the gap).
/// * Every mutation validates: unique ids; references resolve; amounts non-negative where the
///   domain requires; dates in order; one currency per record; capacities positive. A
///   ValidationError lists every problem found (entity, id, field, reason).
/// * Mutations are all-or-nothing: after any exception the Dataset is exactly as before.
/// * Removing a record that others still reference is refused, naming the referrers.
class Dataset {
public:
    // ---- reading (spans made from pointer and size: the range constructor's concept checks,
    // nine record types over, cost every program that includes this header)
    [[nodiscard]] std::span<const Source> sources() const { return {sources_.rows.data(), sources_.rows.size()}; }
    [[nodiscard]] std::span<const Industry> industries() const { return {industries_.rows.data(), industries_.rows.size()}; }
    [[nodiscard]] std::span<const Park> parks() const { return {parks_.rows.data(), parks_.rows.size()}; }
    [[nodiscard]] std::span<const Enterprise> enterprises() const { return {enterprises_.rows.data(), enterprises_.rows.size()}; }
    [[nodiscard]] std::span<const Bank> banks() const { return {banks_.rows.data(), banks_.rows.size()}; }
    [[nodiscard]] std::span<const Project> projects() const { return {projects_.rows.data(), projects_.rows.size()}; }
    [[nodiscard]] std::span<const Loan> loans() const { return {loans_.rows.data(), loans_.rows.size()}; }
    [[nodiscard]] std::span<const WasteFacility> waste_facilities() const { return {waste_facilities_.rows.data(), waste_facilities_.rows.size()}; }
    [[nodiscard]] std::span<const ReportedStatistic> statistics() const { return {statistics_.rows.data(), statistics_.rows.size()}; }

    /// nullptr when absent.
    [[nodiscard]] const Source* find(SourceId id) const { return sources_.find(id); }
    [[nodiscard]] const Industry* find(IndustryId id) const { return industries_.find(id); }
    [[nodiscard]] const Park* find(ParkId id) const { return parks_.find(id); }
    [[nodiscard]] const Enterprise* find(EnterpriseId id) const { return enterprises_.find(id); }
    [[nodiscard]] const Bank* find(BankId id) const { return banks_.find(id); }
    [[nodiscard]] const Project* find(ProjectId id) const { return projects_.find(id); }
    [[nodiscard]] const Loan* find(LoanId id) const { return loans_.find(id); }
    [[nodiscard]] const WasteFacility* find(WasteFacilityId id) const { return waste_facilities_.find(id); }
    [[nodiscard]] const ReportedStatistic* find(StatisticId id) const { return statistics_.find(id); }

    /// Throws NotFoundError when absent.
    template <class IdT>
    [[nodiscard]] const auto& get(IdT id) const {
        const auto* p = find(id);
        if (p == nullptr) throw NotFoundError(id.to_string());
        return *p;
    }
    template <class IdT>
    [[nodiscard]] bool contains(IdT id) const {
        return find(id) != nullptr;
    }

    /// The industry with this code in this classification scheme (the pair is unique), or nullptr.
    [[nodiscard]] const Industry* find_industry(std::string_view scheme, std::string_view code) const;

    /// Records located in a park (not in its sub-parks), in insertion order.
    [[nodiscard]] std::span<const ProjectId> projects_in(ParkId park) const;
    [[nodiscard]] std::span<const EnterpriseId> enterprises_in(ParkId park) const;
    [[nodiscard]] std::span<const LoanId> loans_in(ParkId park) const;
    [[nodiscard]] std::span<const WasteFacilityId> waste_facilities_in(ParkId park) const;
    [[nodiscard]] std::span<const StatisticId> statistics_in(ParkId park) const;
    /// Direct sub-parks (一区多园).
    [[nodiscard]] std::span<const ParkId> sub_parks_of(ParkId park) const;
    /// The park a loan counts for: its own park, else its first borrower's park.
    [[nodiscard]] std::optional<ParkId> park_of(const Loan& loan) const;

    /// The projects as columns (row i is projects()[i]), kept in step with every change.
    [[nodiscard]] const ProjectColumns& project_columns() const noexcept { return project_columns_; }

    /// Total number of records of every type.
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] bool empty() const { return size() == 0; }

    // ---- changing (each call validates and is all-or-nothing)
    void insert(Batch batch);
    void insert(Source r);
    void insert(Industry r);
    void insert(Park r);
    void insert(Enterprise r);
    void insert(Bank r);
    void insert(Project r);
    void insert(Loan r);
    void insert(WasteFacility r);
    void insert(ReportedStatistic r);

    /// Replaces the record with the same id (NotFoundError if there is none); the new version
    /// is validated like an insert.
    void replace(Source r);
    void replace(Industry r);
    void replace(Park r);
    void replace(Enterprise r);
    void replace(Bank r);
    void replace(Project r);
    void replace(Loan r);
    void replace(WasteFacility r);
    void replace(ReportedStatistic r);

    /// Removes a record. Throws NotFoundError when absent and ValidationError (one problem per
    /// referrer) when other records still refer to it.
    void remove(SourceId id);
    void remove(IndustryId id);
    void remove(ParkId id);
    void remove(EnterpriseId id);
    void remove(BankId id);
    void remove(ProjectId id);
    void remove(LoanId id);
    void remove(WasteFacilityId id);
    void remove(StatisticId id);

    /// Same records of every type in the same order.
    friend bool operator==(const Dataset& a, const Dataset& b);

private:
    friend class DatasetEditor;

    detail::RecordStore<Source, SourceId> sources_;
    detail::RecordStore<Industry, IndustryId> industries_;
    detail::RecordStore<Park, ParkId> parks_;
    detail::RecordStore<Enterprise, EnterpriseId> enterprises_;
    detail::RecordStore<Bank, BankId> banks_;
    detail::RecordStore<Project, ProjectId> projects_;
    detail::RecordStore<Loan, LoanId> loans_;
    detail::RecordStore<WasteFacility, WasteFacilityId> waste_facilities_;
    detail::RecordStore<ReportedStatistic, StatisticId> statistics_;

    ProjectColumns project_columns_;
    /// Records by park, sub-parks by parent, industries by (scheme, code); kept in step with
    /// every mutation.
    detail::DatasetIndexHolder indexes_;
};

}  // namespace parkinvest
