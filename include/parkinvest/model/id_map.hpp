// SPDX-License-Identifier: MIT
// detail::IdMap: the Dataset's id -> value hash table. Not part of the public API.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/core/hash.hpp>
#include <parkinvest/model/ids.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace parkinvest::detail {

/// A hash map from an Id to a small trivially copyable value (a row number, a pointer), kept in
/// one array (open addressing, linear probing, at most 3/4 full): inserting a million ids makes
/// one allocation instead of a million nodes, and a lookup reads one or two adjacent slots.
/// Each map hashes with SipHash-1-3 under its own random key (detail::new_hash_key), so ids
/// chosen by a file cannot pile up in one probe run; no result depends on the key.
///
/// The id 2^64 - 1 marks an empty slot; a Dataset refuses that id, and here it is never found
/// and cannot be inserted (insert throws std::invalid_argument). Erasing moves later entries of
/// the same probe run back (no tombstones), so lookups stay short after any mix of operations.
/// insert and reserve may throw std::bad_alloc and then change nothing; erase never throws.
template <class IdT, class V>
class IdMap {
    static_assert(std::is_trivially_copyable_v<V>);

public:
    IdMap() = default;
    IdMap(const IdMap&) = default;
    IdMap& operator=(const IdMap&) = default;
    /// A moved-from map is empty.
    IdMap(IdMap&& other) noexcept
        : key_(other.key_), slots_(std::move(other.slots_)), size_(std::exchange(other.size_, 0)) {
        other.slots_.clear();
    }
    IdMap& operator=(IdMap&& other) noexcept {
        key_ = other.key_;
        slots_ = std::move(other.slots_);
        size_ = std::exchange(other.size_, 0);
        other.slots_.clear();
        return *this;
    }
    ~IdMap() = default;

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    /// The value of `id`, or nullptr.
    [[nodiscard]] const V* find(IdT id) const noexcept {
        if (slots_.empty() || id.value() == empty_key) return nullptr;
        for (std::size_t i = home(id.value());; i = next(i)) {
            const Slot& s = slots_[i];
            if (s.key == id.value()) return &s.value;
            if (s.key == empty_key) return nullptr;
        }
    }
    [[nodiscard]] V* find(IdT id) noexcept { return const_cast<V*>(std::as_const(*this).find(id)); }
    [[nodiscard]] bool contains(IdT id) const noexcept { return find(id) != nullptr; }

    /// Adds id -> value; false (and no change) when `id` is already there.
    bool insert(IdT id, V value) {
        if (id.value() == empty_key) throw std::invalid_argument("parkinvest: the id 2^64 - 1 cannot be indexed");
        reserve(size_ + 1);  // first, so that the probe below stays valid
        // One hash and one probe run: the id's slot, or the first empty slot after it.
        std::size_t i = home(id.value());
        for (; slots_[i].key != empty_key; i = next(i))
            if (slots_[i].key == id.value()) return false;
        slots_[i] = Slot{id.value(), value};
        ++size_;
        return true;
    }

    /// Removes `id` if present.
    void erase(IdT id) noexcept {
        if (slots_.empty() || id.value() == empty_key) return;
        std::size_t hole = home(id.value());
        while (slots_[hole].key != id.value()) {
            if (slots_[hole].key == empty_key) return;
            hole = next(hole);
        }
        // Backward shift: an entry after the hole moves into it unless its home lies in
        // (hole, entry], cyclically (it would then no longer be found from its home).
        for (std::size_t j = next(hole); slots_[j].key != empty_key; j = next(j)) {
            const std::size_t h = home(slots_[j].key);
            const bool stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (stays) continue;
            slots_[hole] = slots_[j];
            hole = j;
        }
        slots_[hole].key = empty_key;
        --size_;
    }

    /// Room for `n` entries without growing.
    void reserve(std::size_t n) {
        if (n <= capacity_for(slots_.size())) return;
        std::size_t cap = slots_.empty() ? 16 : slots_.size();
        while (capacity_for(cap) < n) {
            if (cap > max_slots / 2) throw std::length_error("parkinvest: IdMap too large");
            cap *= 2;
        }
        std::vector<Slot> grown(cap, Slot{empty_key, V{}});
        const std::size_t mask = cap - 1;
        for (const Slot& s : slots_) {
            if (s.key == empty_key) continue;
            std::size_t i = hash(s.key) & mask;
            while (grown[i].key != empty_key) i = (i + 1) & mask;
            grown[i] = s;
        }
        slots_.swap(grown);
    }

private:
    static constexpr std::uint64_t empty_key = UINT64_MAX;
    struct Slot {
        std::uint64_t key;
        V value;
    };
    static constexpr std::size_t max_slots = std::size_t{1} << (sizeof(std::size_t) * 8 - 2);

    static std::size_t capacity_for(std::size_t slots) noexcept { return slots / 4 * 3; }
    [[nodiscard]] std::size_t hash(std::uint64_t key) const noexcept {
        return static_cast<std::size_t>(siphash_word<1, 3>(key_, key));
    }
    [[nodiscard]] std::size_t home(std::uint64_t key) const noexcept { return hash(key) & (slots_.size() - 1); }
    [[nodiscard]] std::size_t next(std::size_t i) const noexcept { return (i + 1) & (slots_.size() - 1); }

    HashKey key_ = new_hash_key();
    std::vector<Slot> slots_;  // empty, or a power of two >= 16 slots
    std::size_t size_ = 0;
};

}  // namespace parkinvest::detail
