// SPDX-License-Identifier: MIT
// The out-of-line parts of the group keys (query/keys.hpp): what a key computes once per query
// and the labels of its codes. Here rather than in the header, they are compiled once instead of
// in every program that includes <parkinvest/query/query.hpp>.
#include <parkinvest/query/keys.hpp>

#include <parkinvest/core/money.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace parkinvest::query::detail {
namespace {

template <class Record>
auto ancestors_of(const Dataset& ds, std::span<const Record> records, std::size_t level, std::size_t* steps) {
    using IdT = std::remove_cvref_t<decltype(Record::id)>;
    struct Resolved {
        std::size_t depth;
        IdT ancestor;
    };
    std::unordered_map<IdT, Resolved> done;
    done.reserve(records.size());
    std::vector<IdT> path;  // from a record up to (not including) the first resolved one or a root
    for (const Record& r : records) {
        path.clear();
        std::optional<Resolved> above;
        for (IdT x = r.id;;) {
            if (const auto it = done.find(x); it != done.end()) {
                above = it->second;
                break;
            }
            path.push_back(x);
            if (path.size() > records.size()) throw QueryError("parkinvest: the parent links above " + r.id.to_string() + " form a cycle");
            const auto& parent = ds.get(x).parent;
            if (!parent) break;
            if (steps != nullptr) ++*steps;
            x = *parent;
        }
        for (auto it = path.rbegin(); it != path.rend(); ++it) {  // from the top down
            const std::size_t depth = above ? above->depth + 1 : 0;
            above = Resolved{depth, depth <= level ? *it : above->ancestor};
            done.emplace(*it, *above);
        }
    }
    std::unordered_map<IdT, IdT> out;
    out.reserve(done.size());
    for (const auto& [id, resolved] : done) out.emplace(id, resolved.ancestor);
    return out;
}

/// A CodeMap of every record of `records`: the code of its group, `group(record)`.
template <class Record, class Group>
std::shared_ptr<const CodeMap> code_map(std::span<const Record> records, const Group& group) {
    std::vector<std::pair<std::uint64_t, BoundKey::Code>> codes;
    codes.reserve(records.size());
    for (const Record& r : records) codes.emplace_back(r.id.value(), group(r).value());
    return std::make_shared<const CodeMap>(codes);
}

}  // namespace

std::unordered_map<ParkId, ParkId> ancestors_at(const Dataset& ds, std::span<const Park> records, std::size_t level,
                                                std::size_t* steps) {
    return ancestors_of(ds, records, level, steps);
}
std::unordered_map<IndustryId, IndustryId> ancestors_at(const Dataset& ds, std::span<const Industry> records,
                                                        std::size_t level, std::size_t* steps) {
    return ancestors_of(ds, records, level, steps);
}

CodeMap::CodeMap(const std::vector<std::pair<std::uint64_t, BoundKey::Code>>& codes) {
    // A table by id when the largest id is small against the number of ids (at most 4 slots per
    // id, plus 1,024), else the hash map.
    std::uint64_t top = 0;
    for (const auto& [id, code] : codes) top = std::max(top, id);
    if (codes.empty()) return;
    if (top < 4 * static_cast<std::uint64_t>(codes.size()) + 1024) {
        dense_.assign(static_cast<std::size_t>(top) + 1, BoundKey::none);
        for (const auto& [id, code] : codes) dense_[static_cast<std::size_t>(id)] = code;
    } else {
        sparse_.reserve(codes.size());
        for (const auto& [id, code] : codes) sparse_.insert(ParkId{id}, code);
    }
}

BoundKey::Code CodeMap::sparse(std::uint64_t id) const {
    const BoundKey::Code* code = sparse_.find(ParkId{id});
    return code == nullptr ? BoundKey::none : *code;
}

std::shared_ptr<const CodeMap> zone_codes(const Dataset& ds) {
    const auto zones = ancestors_at(ds, ds.parks(), 0);
    return code_map(ds.parks(), [&zones](const Park& p) { return zones.at(p.id); });
}

std::shared_ptr<const CodeMap> parent_park_codes(const Dataset& ds) {
    return code_map(ds.parks(), [](const Park& p) { return p.parent ? *p.parent : p.id; });
}

std::shared_ptr<const CodeMap> industry_codes(const Dataset& ds, std::size_t depth) {
    const auto ancestors = ancestors_at(ds, ds.industries(), depth);
    return code_map(ds.industries(), [&ancestors](const Industry& i) { return ancestors.at(i.id); });
}

struct LabelCodes::Codes {
    std::unordered_map<std::string, BoundKey::Code, parkinvest::detail::KeyedHash> by_key;
};

LabelCodes::LabelCodes() : codes_(std::make_unique<Codes>()) {}
LabelCodes::~LabelCodes() = default;

BoundKey::Code LabelCodes::code(Label label) {
    // The Chinese label's length first, so that no two pairs give one key.
    std::string key = std::to_string(label.zh.size()) + ':' + label.zh + label.en;
    const auto [it, fresh] = codes_->by_key.emplace(std::move(key), static_cast<BoundKey::Code>(labels_.size()));
    if (fresh) labels_.push_back(std::move(label));
    return it->second;
}

BoundKey::Code LabelCodes::code(std::string text) {
    // Text keys carry no length prefix; they cannot meet Label keys (one key has one kind).
    const auto [it, fresh] = codes_->by_key.emplace(text, static_cast<BoundKey::Code>(labels_.size()));
    if (fresh) labels_.push_back(Label{text, text});
    return it->second;
}

BoundKey LabelCodes::labels(const std::shared_ptr<const LabelCodes>& self) {
    return BoundKey{[self](BoundKey::Code c, Language lang) {
        const Label& l = self->labels_[static_cast<std::size_t>(c)];
        return lang == Language::english ? l.en : l.zh;
    }};
}

BoundKey park_labels(const Dataset& ds) {
    return BoundKey{[&ds](BoundKey::Code c, Language lang) {
        const Park& p = ds.get(ParkId{c});
        return lang == Language::chinese || !p.name.en ? p.name.zh : *p.name.en;
    }};
}

BoundKey industry_labels(const Dataset& ds) {
    return BoundKey{[&ds](BoundKey::Code c, Language lang) {
        const Industry& i = ds.get(IndustryId{c});
        return lang == Language::chinese || !i.name.en ? i.name.zh : *i.name.en;
    }};
}

BoundKey stage_labels() {
    return BoundKey{[](BoundKey::Code c, Language lang) { return std::string(label(static_cast<Stage>(c), lang)); }};
}

BoundKey amount_band_labels(std::vector<Money> thresholds, BoundKey::Code undetermined) {
    return BoundKey{[thresholds = std::move(thresholds), undetermined](BoundKey::Code c, Language lang) {
        const bool zh = lang == Language::chinese;
        if (c == undetermined) return std::string(zh ? "无法确定" : "undetermined");
        MoneyFormat f;
        f.language = lang;
        const auto i = static_cast<std::size_t>(c);
        if (thresholds.empty()) return std::string(zh ? "全部" : "all");
        if (i == 0) return (zh ? "不足" : "under ") + thresholds[0].format(f);
        if (i == thresholds.size()) return zh ? thresholds[i - 1].format(f) + "以上" : thresholds[i - 1].format(f) + " and over";
        return thresholds[i - 1].format(f) + (zh ? "至" : " to under ") + thresholds[i].format(f);
    }};
}

BoundKey period_labels(Bucket bucket) {
    return BoundKey{[bucket](BoundKey::Code c, Language lang) {
        const int y = static_cast<int>(c / 100);
        const int n = static_cast<int>(c % 100);
        switch (bucket) {
        case Bucket::year: return Period::year(y).label(lang);
        case Bucket::half_year: return Period::half_year(y, n).label(lang);
        case Bucket::quarter: return Period::quarter(y, n).label(lang);
        case Bucket::month: return Period::month(y, n).label(lang);
        }
        return std::to_string(c);
    }};
}

BoundKey waste_category_labels() {
    return BoundKey{[](BoundKey::Code c, Language) { return HwCategory(static_cast<int>(c)).to_string(); }};
}

BoundKey lender_labels(const Dataset& ds) {
    return BoundKey{[&ds](BoundKey::Code c, Language lang) { return label(ds.get(BankId{c}), lang); }};
}

BoundKey::Code period_code(const Project& p, Stage s, Bucket bucket) {
    for (const StageEvent& e : p.stages) {
        if (e.stage != s) continue;
        const Date a = e.date.first();
        const Date b = e.date.last();
        const BoundKey::Code y = a.year();
        const auto in = [&](int m1, int m2) { return a.month() >= m1 && b.month() <= m2 && b.year() == a.year(); };
        switch (bucket) {
        case Bucket::year: return b.year() == a.year() ? y * 100 : BoundKey::none;
        case Bucket::half_year: return in(1, 6) ? y * 100 + 1 : in(7, 12) ? y * 100 + 2 : BoundKey::none;
        case Bucket::quarter: {
            const int q = (a.month() + 2) / 3;
            return in(3 * q - 2, 3 * q) ? y * 100 + static_cast<BoundKey::Code>(q) : BoundKey::none;
        }
        case Bucket::month: return in(a.month(), a.month()) ? y * 100 + static_cast<BoundKey::Code>(a.month()) : BoundKey::none;
        }
    }
    return BoundKey::none;
}

}  // namespace parkinvest::query::detail
