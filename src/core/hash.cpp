// SPDX-License-Identifier: MIT
#include <parkinvest/core/hash.hpp>

#include <atomic>
#include <chrono>
#include <cstring>

#include <sys/random.h>

namespace parkinvest::detail {

namespace {

std::uint64_t load_le64(const char* p) noexcept {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

HashKey draw_key() noexcept {
    HashKey key;
    unsigned char bytes[16];
    std::size_t got = 0;
    while (got < sizeof bytes) {
        const ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n <= 0) break;  // not available (an old kernel, a seccomp filter): see below
        got += static_cast<std::size_t>(n);
    }
    if (got == sizeof bytes) {
        key.k0 = load_le64(reinterpret_cast<const char*>(bytes));
        key.k1 = load_le64(reinterpret_cast<const char*>(bytes) + 8);
        return key;
    }
    // Without the operating system's randomness: the clock and addresses (ASLR), mixed. Weaker,
    // yet still unknown to whoever wrote the input.
    const auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    const auto wall = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
    const auto here = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&key));
    const auto code = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&draw_key));
    key.k0 = siphash_word<1, 3>(HashKey{now, here}, wall);
    key.k1 = siphash_word<1, 3>(HashKey{wall, code}, now);
    return key;
}

}  // namespace

template <int C, int D>
std::uint64_t siphash_bytes(HashKey key, std::string_view bytes) noexcept {
    SipHash<C, D> h(key);
    const std::size_t n = bytes.size();
    const char* p = bytes.data();
    const std::size_t whole = n - n % 8;
    for (std::size_t i = 0; i < whole; i += 8) h.compress(load_le64(p + i));
    std::uint64_t last = static_cast<std::uint64_t>(n & 0xff) << 56;
    for (std::size_t i = whole; i < n; ++i)
        last |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * (i - whole));
    h.compress(last);
    return h.finish();
}

template std::uint64_t siphash_bytes<1, 3>(HashKey, std::string_view) noexcept;
template std::uint64_t siphash_bytes<2, 4>(HashKey, std::string_view) noexcept;

HashKey process_hash_key() noexcept {
    static const HashKey key = draw_key();
    return key;
}

HashKey new_hash_key() noexcept {
    static std::atomic<std::uint64_t> counter{0};
    const HashKey base = process_hash_key();
    const std::uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
    return HashKey{siphash_word<1, 3>(base, 2 * n), siphash_word<1, 3>(base, 2 * n + 1)};
}

std::size_t keyed_hash(std::uint64_t value) noexcept {
    static const HashKey key = process_hash_key();
    return static_cast<std::size_t>(siphash_word<1, 3>(key, value));
}

std::size_t keyed_hash(std::string_view bytes) noexcept {
    static const HashKey key = process_hash_key();
    return static_cast<std::size_t>(siphash_bytes<1, 3>(key, bytes));
}

}  // namespace parkinvest::detail
