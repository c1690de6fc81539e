// SPDX-License-Identifier: MIT
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/model/project.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace parkinvest {

/// The projects of a Dataset as columns, row i describing ds.projects()[i]. The Dataset keeps
/// them in step with every change; queries over ds.projects() scan these few dense arrays
/// instead of the records (see query.hpp). Read-only for users.
class ProjectColumns {
public:
    /// The four amount fields of Project, in this order.
    static constexpr std::size_t amount_fields = 4;
    /// The column of an amount field of Project (0 contract, 1 planned, 2 first phase, 3 funds in place).
    [[nodiscard]] static std::size_t amount_index(std::optional<ReportedAmount> Project::*field);
    /// A day no stage is reached by.
    static constexpr std::int32_t never = std::numeric_limits<std::int32_t>::max();

    /// One row's values.
    struct Row {
        std::uint64_t park = 0;
        std::array<Money, amount_fields> amount{};
        std::array<std::uint8_t, amount_fields> meta{};  ///< bit 0 present, bits 1–3 Bound, bit 4 estimated
        std::array<std::int32_t, std::size(all_stages)> reached_by{};
        [[nodiscard]] static Row of(const Project& p);
    };

    /// Where columns read on demand come from: io::Snapshot reads each column from its file, and
    /// checks it, when a query first asks for it. Each function returns the whole column (of
    /// size() rows), reading it first if needed, and may throw what reading throws (FormatError);
    /// safe to call from several threads at once.
    class Source {
    public:
        virtual ~Source() = default;
        [[nodiscard]] virtual std::size_t size() const noexcept = 0;
        [[nodiscard]] virtual const std::vector<std::uint64_t>& park() const = 0;
        [[nodiscard]] virtual const std::vector<Money>& amount(std::size_t field) const = 0;
        [[nodiscard]] virtual const std::vector<std::uint8_t>& amount_meta(std::size_t field) const = 0;
        [[nodiscard]] virtual const std::vector<std::int32_t>& reached_by(Stage s) const = 0;
    };
    ProjectColumns() = default;
    /// Columns read on demand from `source` (read-only; the accessors may throw what it throws).
    explicit ProjectColumns(std::shared_ptr<const Source> source) : source_(std::move(source)) {}

    [[nodiscard]] std::size_t size() const noexcept { return source_ ? source_->size() : park_.size(); }
    /// Park id values.
    [[nodiscard]] const std::vector<std::uint64_t>& park() const { return source_ ? source_->park() : park_; }
    [[nodiscard]] const std::vector<Money>& amount(std::size_t field) const {
        return source_ ? source_->amount(field) : amount_[field];
    }
    [[nodiscard]] const std::vector<std::uint8_t>& amount_meta(std::size_t field) const {
        return source_ ? source_->amount_meta(field) : meta_[field];
    }
    /// Per row, the day number (Date::day_number()) by whose end the project had reached stage
    /// `s` as Project::reached defines it, or `never`: reached(s, d) ⇔ reached_by(s)[i] <= d.day_number().
    [[nodiscard]] const std::vector<std::int32_t>& reached_by(Stage s) const {
        return source_ ? source_->reached_by(s) : reached_[static_cast<std::size_t>(s)];
    }

    static constexpr std::uint8_t present_bit = 1;
    [[nodiscard]] static constexpr bool present(std::uint8_t meta) noexcept { return (meta & present_bit) != 0; }
    [[nodiscard]] static constexpr Bound bound(std::uint8_t meta) noexcept { return static_cast<Bound>((meta >> 1) & 7); }
    [[nodiscard]] static constexpr bool estimated(std::uint8_t meta) noexcept { return (meta & 16) != 0; }

private:
    friend class DatasetEditor;  // keeps them in step with the records
    /// Makes room for `n` more rows; after it, push() cannot throw.
    void reserve_more(std::size_t n);
    void push(const Row& r) noexcept;
    void set(std::size_t i, const Row& r) noexcept;
    /// Moves the last row into row i and drops the last (a removal).
    void move_last_to(std::size_t i) noexcept;
    void truncate(std::size_t n) noexcept;

    std::vector<std::uint64_t> park_;
    std::array<std::vector<Money>, amount_fields> amount_;
    std::array<std::vector<std::uint8_t>, amount_fields> meta_;
    std::array<std::vector<std::int32_t>, std::size(all_stages)> reached_;
    std::shared_ptr<const Source> source_;  ///< columns read on demand, or null (the arrays above)
};

}  // namespace parkinvest
