// SPDX-License-Identifier: MIT
// detail::IdMap (the Dataset's id index) against std::unordered_map as the reference.
#include <parkinvest/model/id_map.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace parkinvest {
namespace {

using Map = detail::IdMap<ProjectId, std::uint32_t>;

void expect_same(const Map& m, const std::unordered_map<std::uint64_t, std::uint32_t>& ref, std::uint64_t key_limit) {
    ASSERT_EQ(m.size(), ref.size());
    for (std::uint64_t k = 0; k < key_limit; ++k) {
        const auto it = ref.find(k);
        const std::uint32_t* v = m.find(ProjectId{k});
        if (it == ref.end()) {
            EXPECT_EQ(v, nullptr) << "key " << k;
        } else {
            ASSERT_NE(v, nullptr) << "key " << k;
            EXPECT_EQ(*v, it->second) << "key " << k;
        }
    }
}

TEST(IdMap, EmptyFindsNothing) {
    const Map m;
    EXPECT_TRUE(m.empty());
    EXPECT_EQ(m.find(ProjectId{0}), nullptr);
    EXPECT_FALSE(m.contains(ProjectId{UINT64_MAX}));
}

TEST(IdMap, InsertFindEraseByHand) {
    Map m;
    EXPECT_TRUE(m.insert(ProjectId{7}, 70));
    EXPECT_TRUE(m.insert(ProjectId{0}, 0));
    EXPECT_FALSE(m.insert(ProjectId{7}, 71));  // present: unchanged
    ASSERT_NE(m.find(ProjectId{7}), nullptr);
    EXPECT_EQ(*m.find(ProjectId{7}), 70U);
    *m.find(ProjectId{7}) = 72;
    EXPECT_EQ(*m.find(ProjectId{7}), 72U);
    EXPECT_EQ(m.size(), 2U);
    m.erase(ProjectId{7});
    m.erase(ProjectId{8});  // absent: nothing happens
    EXPECT_EQ(m.size(), 1U);
    EXPECT_FALSE(m.contains(ProjectId{7}));
    EXPECT_TRUE(m.contains(ProjectId{0}));
}

TEST(IdMap, ReservedIdIsNeverIndexed) {
    Map m;
    EXPECT_THROW(m.insert(ProjectId{UINT64_MAX}, 1), std::invalid_argument);
    EXPECT_TRUE(m.empty());
    m.insert(ProjectId{1}, 1);
    EXPECT_EQ(m.find(ProjectId{UINT64_MAX}), nullptr);
    m.erase(ProjectId{UINT64_MAX});
    EXPECT_EQ(m.size(), 1U);
}

// Random inserts, overwrites and erasures over a small key range, so that probe runs are long,
// wrap around the end of the table and are broken up by erasures; checked against
// std::unordered_map after every step of growth and at the end.
TEST(IdMap, RandomOperationsMatchUnorderedMap) {
    for (const std::uint64_t key_limit : {5ULL, 40ULL, 300ULL, 3000ULL}) {
        std::mt19937_64 rng(key_limit);
        Map m;
        std::unordered_map<std::uint64_t, std::uint32_t> ref;
        for (int step = 0; step < 20'000; ++step) {
            const std::uint64_t k = rng() % key_limit;
            const auto v = static_cast<std::uint32_t>(rng());
            switch (rng() % 4) {
            case 0:
            case 1: EXPECT_EQ(m.insert(ProjectId{k}, v), ref.emplace(k, v).second); break;
            case 2:
                m.erase(ProjectId{k});
                ref.erase(k);
                break;
            default:
                if (std::uint32_t* p = m.find(ProjectId{k})) {
                    *p = v;
                    ref.at(k) = v;
                } else {
                    EXPECT_EQ(ref.count(k), 0U);
                }
            }
            if (step % 997 == 0) expect_same(m, ref, key_limit);
        }
        expect_same(m, ref, key_limit);
        // Erase everything in random order: each erasure keeps the rest findable.
        std::vector<std::uint64_t> keys;
        for (const auto& [k, v] : ref) keys.push_back(k);
        std::shuffle(keys.begin(), keys.end(), rng);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            m.erase(ProjectId{keys[i]});
            ref.erase(keys[i]);
            if (i % 37 == 0) expect_same(m, ref, key_limit);
        }
        EXPECT_TRUE(m.empty());
    }
}

TEST(IdMap, ReserveKeepsEntries) {
    Map m;
    for (std::uint32_t i = 0; i < 100; ++i) m.insert(ProjectId{i * 1'000'003ULL}, i);
    m.reserve(100'000);
    for (std::uint32_t i = 0; i < 100; ++i) {
        const std::uint32_t* v = m.find(ProjectId{i * 1'000'003ULL});
        ASSERT_NE(v, nullptr);
        EXPECT_EQ(*v, i);
    }
    EXPECT_EQ(m.size(), 100U);
}

TEST(IdMap, CopiesAreIndependentAndMovedFromIsEmpty) {
    Map a;
    a.insert(ProjectId{1}, 10);
    Map b = a;
    b.insert(ProjectId{2}, 20);
    EXPECT_EQ(a.size(), 1U);
    EXPECT_FALSE(a.contains(ProjectId{2}));
    Map c = std::move(b);
    EXPECT_EQ(c.size(), 2U);
    EXPECT_EQ(*c.find(ProjectId{2}), 20U);
    EXPECT_EQ(b.size(), 0U);  // NOLINT(bugprone-use-after-move): the moved-from state is specified
    EXPECT_FALSE(b.contains(ProjectId{1}));
    b.insert(ProjectId{3}, 30);  // usable again
    EXPECT_EQ(*b.find(ProjectId{3}), 30U);
}

}  // namespace
}  // namespace parkinvest
