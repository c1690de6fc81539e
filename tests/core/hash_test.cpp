// SPDX-License-Identifier: MIT
// Keyed hashing (core/hash.hpp): SipHash against the reference vectors of its authors, keys that
// differ per process and per table, and ids chosen to collide under an unkeyed hash spreading
// out under the keyed one.
#include <parkinvest/core/hash.hpp>
#include <parkinvest/model/id_map.hpp>

#include <gtest/gtest.h>

#include "support/attacks.hpp"

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace parkinvest;
using parkinvest::detail::HashKey;

// SipHash-2-4, key 00 01 .. 0f, message 00 01 .. (n-1): the first 16 outputs of vectors.h in
// the reference implementation (github.com/veorq/SipHash), as little-endian 64-bit numbers.
constexpr std::array<std::uint64_t, 16> reference_vectors{
    0x726fdb47dd0e0e31ULL, 0x74f839c593dc67fdULL, 0x0d6c8009d9a94f5aULL, 0x85676696d7fb7e2dULL,
    0xcf2794e0277187b7ULL, 0x18765564cd99a68dULL, 0xcbc9466e58fee3ceULL, 0xab0200f58b01d137ULL,
    0x93f5f5799a932462ULL, 0x9e0082df0ba9e4b0ULL, 0x7a5dbbc594ddb9f3ULL, 0xf4b32f46226bada7ULL,
    0x751e8fbc860ee5fbULL, 0x14ea5627c0843d90ULL, 0xf723ca908e7af2eeULL, 0xa129ca6149be45e5ULL};
constexpr HashKey reference_key{0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};

TEST(KeyedHash, SipHash24MatchesTheReferenceVectors) {
    std::string message;
    for (std::size_t n = 0; n < reference_vectors.size(); ++n) {
        EXPECT_EQ((detail::siphash_bytes<2, 4>(reference_key, message)), reference_vectors[n]) << "length " << n;
        message += static_cast<char>(n);
    }
}

TEST(KeyedHash, OneWordIsTheHashOfItsEightLittleEndianBytes) {
    // 00 01 .. 07 as a word: the reference vector of length 8.
    EXPECT_EQ((detail::siphash_word<2, 4>(reference_key, 0x0706050403020100ULL)), reference_vectors[8]);
    for (const std::uint64_t w : {0ULL, 1ULL, 0x0123456789abcdefULL, ~0ULL}) {
        std::string bytes;
        for (int i = 0; i < 8; ++i) bytes += static_cast<char>((w >> (8 * i)) & 0xff);
        EXPECT_EQ((detail::siphash_word<1, 3>(reference_key, w)), (detail::siphash_bytes<1, 3>(reference_key, bytes)));
    }
}

TEST(KeyedHash, KeysAreRandomAndFreshKeysDiffer) {
    const HashKey p = detail::process_hash_key();
    EXPECT_FALSE(p.k0 == 0 && p.k1 == 0);
    EXPECT_EQ(detail::process_hash_key().k0, p.k0);  // one per process
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 1000; ++i) {
        const HashKey k = detail::new_hash_key();
        EXPECT_TRUE(seen.insert(k.k0).second);
    }
    // The process key is used: not the hash under a zero key.
    EXPECT_NE(detail::keyed_hash(std::uint64_t{42}), (detail::siphash_word<1, 3>(HashKey{}, 42)));
    EXPECT_EQ(detail::keyed_hash(std::uint64_t{42}), (detail::siphash_word<1, 3>(p, 42)));
    EXPECT_EQ(detail::keyed_hash(std::string_view("园区")), (detail::siphash_bytes<1, 3>(p, "园区")));
}

TEST(KeyedHash, IdsThatShareTheLowBitsOfTheOldHashSpreadOut) {
    // 4096 ids whose unkeyed splitmix64 hashes all end in 20 zero bits (the attack of issue 11):
    // under the old hash they shared one slot of any table of up to 2^20 slots.
    const std::vector<std::uint64_t> ids = test::ids_colliding_under_splitmix(4096, 20);
    for (const std::uint64_t id : ids) ASSERT_EQ(test::splitmix64(id) & 0xFFFFF, 0u);
    std::set<std::uint64_t> low_bits;
    for (const std::uint64_t id : ids) low_bits.insert(detail::keyed_hash(id) & 0xFFF);
    // 4096 values into 4096 buckets: about 1 - 1/e of them are hit by a random function.
    EXPECT_GT(low_bits.size(), 2300u);
    // And through the Dataset's index: each lookup finds its own id.
    detail::IdMap<ProjectId, std::uint32_t> map;
    for (std::uint32_t i = 0; i < ids.size(); ++i) ASSERT_TRUE(map.insert(ProjectId{ids[i]}, i));
    for (std::uint32_t i = 0; i < ids.size(); ++i) ASSERT_EQ(*map.find(ProjectId{ids[i]}), i);
}

}  // namespace
