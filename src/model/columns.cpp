// SPDX-License-Identifier: MIT
#include <parkinvest/model/columns.hpp>

#include <parkinvest/core/errors.hpp>

#include <algorithm>
#include <limits>
#include <string>

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

ProjectColumns::ProjectColumns(Arrays a) {
    const std::size_t n = a.park.size();
    const auto bad = [](std::size_t row, const auto& column, const std::string& why) {
        throw ArgumentError("parkinvest: project columns: row " + std::to_string(row) + ", " + column() + ": " + why);
    };
    for (std::size_t f = 0; f < amount_fields; ++f) {
        if (a.amount[f].size() != n || a.meta[f].size() != n)
            throw ArgumentError("parkinvest: project columns: the amount arrays differ in length from the park array");
    }
    for (const auto& r : a.reached_by)
        if (r.size() != n) throw ArgumentError("parkinvest: project columns: the stage arrays differ in length from the park array");
    const auto first_day = static_cast<std::int32_t>(Date(1400, 1, 1).day_number());
    const auto last_day = static_cast<std::int32_t>(Date(9999, 12, 31).day_number());
    constexpr auto last_bound = static_cast<unsigned>(Bound::less_than);
    // A fast pass, column by column, says whether every row is good; only when one is not does
    // the row-by-row pass below find the first bad row and say what is wrong with it.
    bool good = true;
    {
        constexpr std::uint8_t none = 0xFF;
        std::vector<std::uint8_t> currency(n, none);
        for (std::size_t f = 0; f < amount_fields; ++f) {
            const std::uint8_t* meta = a.meta[f].data();
            const Money* value = a.amount[f].data();
            for (std::size_t i = 0; i < n; ++i) {
                const unsigned m = meta[i];
                good &= (m & ~0x1FU) == 0 && ((m >> 1) & 7U) <= last_bound;
                if (present(static_cast<std::uint8_t>(m))) {
                    const auto c = static_cast<std::uint8_t>(value[i].currency());
                    good &= value[i].signum() >= 0 && (currency[i] == none || currency[i] == c);
                    currency[i] = c;
                } else {
                    good &= m == 0 && value[i].is_zero() && value[i].currency() == Currency::CNY;
                }
            }
        }
        const std::int32_t* before = nullptr;
        for (const Stage s : all_stages) {
            const std::int32_t* day = a.reached_by[static_cast<std::size_t>(s)].data();
            for (std::size_t i = 0; i < n; ++i) good &= (day[i] == never || (day[i] >= first_day && day[i] <= last_day));
            if (on_main_path(s)) {
                if (before != nullptr)
                    for (std::size_t i = 0; i < n; ++i) good &= day[i] >= before[i];
                before = day;
            }
        }
    }
    for (std::size_t i = 0; !good && i < n; ++i) {
        std::optional<Currency> currency;
        for (std::size_t f = 0; f < amount_fields; ++f) {
            const std::uint8_t m = a.meta[f][i];
            const Money& v = a.amount[f][i];
            const auto column = [f] { return "amount " + std::to_string(f); };
            if ((m & ~0x1FU) != 0 || ((m >> 1) & 7U) > last_bound) bad(i, column, "meta byte " + std::to_string(m) + " is not one a project gives");
            if (!present(m)) {
                if (m != 0 || !v.is_zero() || v.currency() != Currency::CNY) bad(i, column, "an absent amount must have meta 0 and amount 0");
                continue;
            }
            if (v.signum() < 0) bad(i, column, "must not be negative (" + v.to_string() + ")");
            if (currency && *currency != v.currency()) bad(i, column, "currency differs from the row's other amounts");
            currency = v.currency();
        }
        std::int32_t main_path = std::numeric_limits<std::int32_t>::min();
        for (const Stage s : all_stages) {
            const std::int32_t day = a.reached_by[static_cast<std::size_t>(s)][i];
            const auto column = [s] { return "reached_by " + std::string(enum_name(s)); };
            if (day != never && (day < first_day || day > last_day)) bad(i, column, "day " + std::to_string(day) + " is out of range");
            if (on_main_path(s)) {
                if (day < main_path) bad(i, column, "a stage of the main path is reached before the one before it");
                main_path = day;
            }
        }
    }
    if (!good) throw ArgumentError("parkinvest: project columns: a row is not one a project gives");  // not reached: the row pass names it
    park_ = std::move(a.park);
    amount_ = std::move(a.amount);
    meta_ = std::move(a.meta);
    reached_ = std::move(a.reached_by);
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
