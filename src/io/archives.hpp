// SPDX-License-Identifier: MIT
// Internal archives of the io module. Not installed.
//  * BoundedBinaryInputArchive reads cereal's binary and portable binary formats from memory and
//    always knows how many bytes remain, so every size prefix is checked before anything is
//    allocated, and every error has a byte offset.
//  * SaveCheckArchive runs the serialization functions without writing anything: io::save uses
//    it to find a value that cannot be saved before the real archive starts its document.
#pragma once

#include <parkinvest/core/hash.hpp>
#include <parkinvest/io/cereal.hpp>
#include <parkinvest/io/io.hpp>

#include <cereal/archives/binary.hpp>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace parkinvest::io::detail {

class BoundedBinaryInputArchive
    : public cereal::InputArchive<BoundedBinaryInputArchive, cereal::AllowEmptyClassElision> {
public:
    /// `portable`: the input starts with cereal's portable-binary endianness byte (1 = little
    /// endian, 0 = big endian) and values are converted to this machine's byte order.
    BoundedBinaryInputArchive(std::string_view bytes, bool portable, std::uint64_t max_records)
        : InputArchive(this), bytes_(bytes), max_records_(max_records) {
        if (portable) {
            std::uint8_t little = 0;
            read<1>(&little, 1);
            if (little > 1) {
                pos_ = 0;
                fail_here("not a portable binary archive: the first byte must be 1 (little endian) or 0 (big endian), "
                          "not " + std::to_string(little));
            }
            swap_ = (little == 1) != (std::endian::native == std::endian::little);
        }
    }

    /// Reads `size` bytes of elements of `ElementSize` bytes each.
    template <std::size_t ElementSize>
    void read(void* out, std::size_t size) {
        if (size > bytes_.size() - pos_) fail_short(size);
        if (size == 0) return;
        std::memcpy(out, bytes_.data() + pos_, size);
        pos_ += size;
        if constexpr (ElementSize > 1) {
            if (swap_) {
                auto* p = static_cast<unsigned char*>(out);
                for (std::size_t i = 0; i + ElementSize <= size; i += ElementSize)
                    for (std::size_t j = 0; j < ElementSize / 2; ++j) std::swap(p[i + j], p[i + ElementSize - 1 - j]);
            }
        }
    }

    /// Reads one number (the common case, kept small enough to inline).
    template <class T>
    void read_value(T& t) {
        if (sizeof(T) > bytes_.size() - pos_) fail_short(sizeof(T));
        std::memcpy(std::addressof(t), bytes_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        if constexpr (sizeof(T) > 1) {
            if (swap_) {
                unsigned char b[sizeof(T)];
                std::memcpy(b, std::addressof(t), sizeof(T));
                for (std::size_t j = 0; j < sizeof(T) / 2; ++j) std::swap(b[j], b[sizeof(T) - 1 - j]);
                std::memcpy(std::addressof(t), b, sizeof(T));
            }
        }
    }

    [[nodiscard]] std::uint64_t parkinvest_position() const { return pos_; }
    [[nodiscard]] std::uint64_t parkinvest_remaining() const { return bytes_.size() - pos_; }
    [[nodiscard]] std::uint64_t parkinvest_max_records() const { return max_records_; }

private:
    [[noreturn]] void fail_short(std::size_t size) const {
        fail_here("unexpected end of input: " + std::to_string(size) + " more bytes needed, " +
                  std::to_string(bytes_.size() - pos_) + " left");
    }
    [[noreturn]] void fail_here(std::string reason) const {
        FormatProblem p;
        p.byte = pos_;
        p.reason = std::move(reason);
        throw FormatError(std::move(p));
    }

    std::string_view bytes_;
    std::size_t pos_ = 0;
    std::uint64_t max_records_;
    bool swap_ = false;
};

template <class T>
std::enable_if_t<std::is_arithmetic_v<T>> CEREAL_LOAD_FUNCTION_NAME(BoundedBinaryInputArchive& ar, T& t) {
    static_assert(!std::is_same_v<T, bool>, "read booleans as a byte and check it (cereal_detail::bool_value)");
    ar.read_value(t);
}
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(BoundedBinaryInputArchive& ar, cereal::NameValuePair<T>& t) {
    ar(t.value);
}
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(BoundedBinaryInputArchive& ar, cereal::SizeTag<T>& t) {
    ar(t.size);
}
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(BoundedBinaryInputArchive& ar, cereal::BinaryData<T>& bd) {
    using Element = std::remove_pointer_t<T>;
    ar.read<sizeof(Element)>(bd.data, static_cast<std::size_t>(bd.size));
}

/// Walks a dataset through the serialization functions, writing nothing; throws what saving
/// would throw. A text archive (JSON, XML) when Rules is not utf8, like the archive it stands for.
struct NotTextArchive {};
template <cereal_detail::TextRules Rules>
class SaveCheckArchive
    : public cereal::OutputArchive<SaveCheckArchive<Rules>, cereal::AllowEmptyClassElision>,
      public std::conditional_t<Rules == cereal_detail::TextRules::utf8, NotTextArchive, cereal::traits::TextArchive> {
public:
    static constexpr cereal_detail::TextRules parkinvest_text_rules = Rules;
    SaveCheckArchive() : cereal::OutputArchive<SaveCheckArchive<Rules>, cereal::AllowEmptyClassElision>(this) {}
};

template <cereal_detail::TextRules R, class T>
std::enable_if_t<std::is_arithmetic_v<T>> CEREAL_SAVE_FUNCTION_NAME(SaveCheckArchive<R>&, const T&) {}
template <cereal_detail::TextRules R, class T>
void CEREAL_SAVE_FUNCTION_NAME(SaveCheckArchive<R>& ar, const cereal::NameValuePair<T>& t) {
    ar(t.value);
}
template <cereal_detail::TextRules R, class T>
void CEREAL_SAVE_FUNCTION_NAME(SaveCheckArchive<R>& ar, const cereal::SizeTag<T>& t) {
    ar(t.size);
}
template <cereal_detail::TextRules R, class T>
void CEREAL_SAVE_FUNCTION_NAME(SaveCheckArchive<R>&, const cereal::BinaryData<T>&) {}
template <cereal_detail::TextRules R>
void CEREAL_SAVE_FUNCTION_NAME(SaveCheckArchive<R>&, const std::string&) {}

/// A read-only stream over bytes held elsewhere (no copy).
class ViewBuf : public std::streambuf {
public:
    explicit ViewBuf(std::string_view bytes) {
        char* p = const_cast<char*>(bytes.data());  // never written: no put area, no putback
        setg(p, p, p + bytes.size());
    }
};

// ---- text checks before cereal's parsers see the input (json_check.cpp, xml_check.cpp)

/// The member names of one JSON object or the attribute names of one XML element, to find a
/// name given twice in linear time. The names come from the input: a short list scanned while
/// there are few, then an open-addressing table of keyed hashes (SipHash-1-3 under the process
/// key) over the names kept in one string, compact enough that a million names stay in cache.
class NameSet {
public:
    /// False when `name` was inserted before.
    bool insert(std::string_view name) {
        constexpr std::size_t few = 16;
        if (slots_.empty()) {
            for (const Entry& e : entries_)
                if (text(e) == name) return false;
            add(name, 0);
            if (entries_.size() > few) {
                for (Entry& e : entries_) e.hash = hash(text(e));
                rehash(64);
            }
            return true;
        }
        const std::uint64_t h = hash(name);
        const std::size_t mask = slots_.size() - 1;
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        std::size_t i = static_cast<std::size_t>(h) & mask;
        for (; slots_[i].entry != empty; i = (i + 1) & mask)
            if (slots_[i].tag == tag && text(entries_[slots_[i].entry]) == name) return false;
        slots_[i] = Slot{static_cast<std::uint32_t>(entries_.size()), tag};
        add(name, h);
        if (entries_.size() * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
        return true;
    }
    /// Empty, keeping the memory for the next object.
    void clear() noexcept {
        names_.clear();
        entries_.clear();
        slots_.clear();
    }

private:
    struct Entry {
        std::uint64_t hash;
        std::size_t offset;
        std::size_t length;
    };
    /// An entry and the top half of its hash: a probe reads the names only when that matches.
    struct Slot {
        std::uint32_t entry;
        std::uint32_t tag;
    };
    static constexpr std::uint32_t empty = UINT32_MAX;
    [[nodiscard]] std::string_view text(const Entry& e) const { return std::string_view(names_).substr(e.offset, e.length); }
    [[nodiscard]] std::uint64_t hash(std::string_view name) const {
        return parkinvest::detail::siphash_bytes<1, 3>(key_, name);
    }
    void add(std::string_view name, std::uint64_t h) {
        if (entries_.size() >= empty) throw std::length_error("parkinvest: too many names in one object");
        entries_.push_back(Entry{h, names_.size(), name.size()});
        names_ += name;
    }
    void rehash(std::size_t slots) {
        slots_.assign(slots, Slot{empty, 0});
        const std::size_t mask = slots - 1;
        for (std::size_t k = 0; k < entries_.size(); ++k) {
            const std::uint64_t h = entries_[k].hash;
            std::size_t i = static_cast<std::size_t>(h) & mask;
            while (slots_[i].entry != empty) i = (i + 1) & mask;
            slots_[i] = Slot{static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(h >> 32)};
        }
    }

    std::string names_;            // every name, one after another
    std::vector<Entry> entries_;   // in insertion order
    std::vector<Slot> slots_;      // none while few
    parkinvest::detail::HashKey key_ = parkinvest::detail::process_hash_key();
};

/// Well-formed JSON (RFC 8259, parsed iteratively), valid UTF-8 without NUL in every string,
/// nesting <= max_depth, <= max_records members or elements in any object or array.
/// FormatError with byte, line and column otherwise.
void check_json(std::string_view bytes, const LoadOptions& options);
/// Well-formed XML 1.0 in the subset cereal writes: an optional declaration, elements,
/// attributes, character and the five predefined entity references, comments; no DOCTYPE,
/// CDATA or processing instructions. Valid UTF-8 of XML characters, nesting <= max_depth,
/// <= max_records children per element. FormatError with byte, line and column otherwise.
void check_xml(std::string_view bytes, const LoadOptions& options);

/// Where the member or element at `path` ("dataset.projects[3].name") starts in a document that
/// passed the check: the deepest part of the path found. Empty when not even the first step is.
[[nodiscard]] std::optional<std::uint64_t> json_offset_of(std::string_view bytes, std::string_view path);
[[nodiscard]] std::optional<std::uint64_t> xml_offset_of(std::string_view bytes, std::string_view path);

/// 1-based line and column (in bytes) of `offset`.
struct LineColumn {
    std::uint64_t line;
    std::uint64_t column;
};
[[nodiscard]] LineColumn line_column(std::string_view bytes, std::uint64_t offset);

/// "dataset.projects[3].name" → {"dataset", "projects", "[3]", "name"}.
[[nodiscard]] std::vector<std::string> path_steps(std::string_view path);

}  // namespace parkinvest::io::detail

namespace cereal::traits::detail {
template <>
struct get_output_from_input<parkinvest::io::detail::BoundedBinaryInputArchive> {
    using type = cereal::BinaryOutputArchive;
};
}  // namespace cereal::traits::detail
