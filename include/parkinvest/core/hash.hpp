// SPDX-License-Identifier: MIT
// Keyed hashing for every hash table whose keys come from input (ids, codes, names).
//
// An unkeyed hash lets whoever writes a file choose keys that all land in one bucket (hash
// flooding): each insert and lookup then scans every key so far, and loading a few hundred
// thousand records takes minutes. Every table of parkinvest whose keys may come from a file
// hashes them with SipHash-1-3 (the keyed hash of Rust's HashMap and of CPython's str) under a
// random key drawn once per process from the operating system; nothing here is ever iterated in
// hash order, so no result depends on the key.
#pragma once

#include <parkinvest/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace parkinvest::detail {

struct HashKey {
    std::uint64_t k0 = 0;
    std::uint64_t k1 = 0;
};

/// SipHash-c-d (Aumasson and Bernstein, 2012): its state, c compression rounds per 8-byte
/// block, d finalisation rounds.
template <int C, int D>
struct SipHash {
    std::uint64_t v0, v1, v2, v3;
    constexpr explicit SipHash(HashKey key) noexcept
        : v0(key.k0 ^ 0x736f6d6570736575ULL), v1(key.k1 ^ 0x646f72616e646f6dULL),
          v2(key.k0 ^ 0x6c7967656e657261ULL), v3(key.k1 ^ 0x7465646279746573ULL) {}
    static constexpr std::uint64_t rotl(std::uint64_t x, int b) noexcept { return (x << b) | (x >> (64 - b)); }
    constexpr void round() noexcept {
        v0 += v1, v1 = rotl(v1, 13), v1 ^= v0, v0 = rotl(v0, 32);
        v2 += v3, v3 = rotl(v3, 16), v3 ^= v2;
        v0 += v3, v3 = rotl(v3, 21), v3 ^= v0;
        v2 += v1, v1 = rotl(v1, 17), v1 ^= v2, v2 = rotl(v2, 32);
    }
    /// One little-endian 8-byte block of the message.
    constexpr void compress(std::uint64_t m) noexcept {
        v3 ^= m;
        for (int i = 0; i < C; ++i) round();
        v0 ^= m;
    }
    /// After the last block (which holds the message length in its top byte).
    constexpr std::uint64_t finish() noexcept {
        v2 ^= 0xff;
        for (int i = 0; i < D; ++i) round();
        return v0 ^ v1 ^ v2 ^ v3;
    }
};

/// SipHash-c-d of one 64-bit word, the message of its 8 little-endian bytes.
template <int C, int D>
[[nodiscard]] constexpr std::uint64_t siphash_word(HashKey key, std::uint64_t word) noexcept {
    SipHash<C, D> h(key);
    h.compress(word);
    h.compress(std::uint64_t{8} << 56);
    return h.finish();
}

/// SipHash-c-d of any bytes. Defined in the library for c-d = 1-3 (used) and 2-4 (tested
/// against the reference vectors).
template <int C, int D>
[[nodiscard]] std::uint64_t siphash_bytes(HashKey key, std::string_view bytes) noexcept;

/// The process's random key, drawn from the operating system on first use (getrandom; the
/// clock and addresses only if that fails).
[[nodiscard]] HashKey process_hash_key() noexcept;
/// A fresh random key, different for every call (derived from the process key and a counter):
/// for a table that keeps its own key, such as the Dataset's id index.
[[nodiscard]] HashKey new_hash_key() noexcept;

/// SipHash-1-3 under the process key.
[[nodiscard]] std::size_t keyed_hash(std::uint64_t value) noexcept;
[[nodiscard]] std::size_t keyed_hash(std::string_view bytes) noexcept;

/// The hasher for std::unordered_map / std::unordered_set of integers and strings built from
/// input: `std::unordered_map<std::string, V, detail::KeyedHash>`.
struct KeyedHash {
    using is_transparent = void;
    std::size_t operator()(std::uint64_t v) const noexcept { return keyed_hash(v); }
    std::size_t operator()(std::int64_t v) const noexcept { return keyed_hash(static_cast<std::uint64_t>(v)); }
    std::size_t operator()(std::string_view s) const noexcept { return keyed_hash(s); }
    std::size_t operator()(const std::string& s) const noexcept { return keyed_hash(std::string_view(s)); }
};

}  // namespace parkinvest::detail
