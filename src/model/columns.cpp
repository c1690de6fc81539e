// SPDX-License-Identifier: MIT
#include <parkinvest/model/columns.hpp>

#include <parkinvest/core/errors.hpp>

#include <algorithm>

namespace parkinvest {

namespace {
constexpr std::optional<ReportedAmount> Project::*amount_fields_in_order[] = {
    &Project::contract_investment, &Project::planned_investment, &Project::first_phase_investment,
    &Project::funds_in_place};
static_assert(std::size(amount_fields_in_order) == ProjectColumns::amount_fields);
}  // namespace

std::size_t ProjectColumns::amount_index(std::optional<ReportedAmount> Project::*field) {
    for (std::size_t i = 0; i < amount_fields; ++i)
        if (amount_fields_in_order[i] == field) return i;
    throw ArgumentError("parkinvest: not an amount field of Project");
}

ProjectColumns::Row ProjectColumns::Row::of(const Project& p) {
    Row r;
    r.park = p.park.value();
    for (std::size_t i = 0; i < amount_fields; ++i) {
        if (const auto& a = p.*amount_fields_in_order[i]) {
            r.amount[i] = a->value;
            r.meta[i] = static_cast<std::uint8_t>(present_bit | (static_cast<unsigned>(a->bound) << 1) |
                                                  (a->estimated ? 16U : 0U));
        }
    }
    // The same rule as Project::reached: an event counts from the end of its last possible day;
    // a main-path stage is reached by any main-path event at or past it.
    // Each event's last day is computed once (a few events, eight stages).
    for (auto& day : r.reached_by) day = never;
    for (const StageEvent& e : p.stages) {
        const auto day = static_cast<std::int32_t>(e.date.last().day_number());
        for (const Stage s : all_stages) {
            const bool counts = on_main_path(s) ? (on_main_path(e.stage) && e.stage >= s) : e.stage == s;
            auto& reached = r.reached_by[static_cast<std::size_t>(s)];
            if (counts) reached = std::min(reached, day);
        }
    }
    return r;
}

void ProjectColumns::reserve_more(std::size_t n) {
    // Geometric growth: single inserts must not copy every column each time.
    const std::size_t want = size() + n <= park_.capacity() ? size() + n : std::max(size() + n, 2 * park_.capacity());
    park_.reserve(want);
    for (auto& v : amount_) v.reserve(want);
    for (auto& v : meta_) v.reserve(want);
    for (auto& v : reached_) v.reserve(want);
}

void ProjectColumns::push(const Row& r) noexcept {
    park_.push_back(r.park);
    for (std::size_t i = 0; i < amount_fields; ++i) {
        amount_[i].push_back(r.amount[i]);
        meta_[i].push_back(r.meta[i]);
    }
    for (std::size_t s = 0; s < reached_.size(); ++s) reached_[s].push_back(r.reached_by[s]);
}

void ProjectColumns::set(std::size_t row, const Row& r) noexcept {
    park_[row] = r.park;
    for (std::size_t i = 0; i < amount_fields; ++i) {
        amount_[i][row] = r.amount[i];
        meta_[i][row] = r.meta[i];
    }
    for (std::size_t s = 0; s < reached_.size(); ++s) reached_[s][row] = r.reached_by[s];
}

void ProjectColumns::move_last_to(std::size_t row) noexcept {
    const auto move = [row](auto& v) {
        v[row] = v.back();
        v.pop_back();
    };
    move(park_);
    for (auto& v : amount_) move(v);
    for (auto& v : meta_) move(v);
    for (auto& v : reached_) move(v);
}

void ProjectColumns::truncate(std::size_t n) noexcept {
    const auto cut = [n](auto& v) { v.resize(std::min(n, v.size())); };
    cut(park_);
    for (auto& v : amount_) cut(v);
    for (auto& v : meta_) cut(v);
    for (auto& v : reached_) cut(v);
}

}  // namespace parkinvest
