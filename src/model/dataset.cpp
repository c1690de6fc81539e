// SPDX-License-Identifier: MIT
#include <parkinvest/model/dataset.hpp>

#include <parkinvest/core/utf8.hpp>
#include <parkinvest/model/describe.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace parkinvest {

namespace detail {
template <class IdT>
using ByPark = std::unordered_map<ParkId, std::vector<IdT>>;  // ids hash keyed (model/ids.hpp)

struct DatasetIndexes {
    ByPark<ProjectId> projects_by_park;
    ByPark<EnterpriseId> enterprises_by_park;
    ByPark<LoanId> loans_by_park;
    ByPark<WasteFacilityId> facilities_by_park;
    ByPark<StatisticId> statistics_by_park;
    ByPark<ParkId> sub_parks;
    /// industry_code_key(scheme, code) -> the industry.
    std::unordered_map<std::string, IndustryId, KeyedHash> industry_codes;
};

DatasetIndexHolder::DatasetIndexHolder() noexcept = default;
DatasetIndexHolder::DatasetIndexHolder(const DatasetIndexHolder& other)
    : indexes_(other.indexes_ ? std::make_unique<DatasetIndexes>(*other.indexes_) : nullptr) {}
DatasetIndexHolder::DatasetIndexHolder(DatasetIndexHolder&& other) noexcept = default;
DatasetIndexHolder& DatasetIndexHolder::operator=(const DatasetIndexHolder& other) {
    if (this != &other) indexes_ = other.indexes_ ? std::make_unique<DatasetIndexes>(*other.indexes_) : nullptr;
    return *this;
}
DatasetIndexHolder& DatasetIndexHolder::operator=(DatasetIndexHolder&& other) noexcept = default;
DatasetIndexHolder::~DatasetIndexHolder() = default;
DatasetIndexes& DatasetIndexHolder::make() {
    if (!indexes_) indexes_ = std::make_unique<DatasetIndexes>();
    return *indexes_;
}
}  // namespace detail

std::size_t Batch::size() const {
    return sources.size() + industries.size() + parks.size() + enterprises.size() + banks.size() + projects.size() +
           loans.size() + waste_facilities.size() + statistics.size();
}

std::size_t Dataset::size() const {
    return sources_.rows.size() + industries_.rows.size() + parks_.rows.size() + enterprises_.rows.size() +
           banks_.rows.size() + projects_.rows.size() + loans_.rows.size() + waste_facilities_.rows.size() +
           statistics_.rows.size();
}

bool operator==(const Dataset& a, const Dataset& b) {
    return a.sources_.rows == b.sources_.rows && a.industries_.rows == b.industries_.rows && a.parks_.rows == b.parks_.rows &&
           a.enterprises_.rows == b.enterprises_.rows && a.banks_.rows == b.banks_.rows && a.projects_.rows == b.projects_.rows &&
           a.loans_.rows == b.loans_.rows && a.waste_facilities_.rows == b.waste_facilities_.rows &&
           a.statistics_.rows == b.statistics_.rows;
}

namespace {
/// The key of an industry's (scheme, code) pair: the scheme's length first, so that no two
/// pairs share a key whatever bytes they hold.
std::string industry_code_key(std::string_view scheme, std::string_view code) {
    std::string key = std::to_string(scheme.size());
    key += ':';
    key += scheme;
    key += code;
    return key;
}
}  // namespace

const Industry* Dataset::find_industry(std::string_view scheme, std::string_view code) const {
    const detail::DatasetIndexes* ix = indexes_.get();
    if (ix == nullptr) return nullptr;
    const auto it = ix->industry_codes.find(industry_code_key(scheme, code));
    return it == ix->industry_codes.end() ? nullptr : find(it->second);
}

namespace {
template <class IdT>
std::span<const IdT> ids_in(const detail::DatasetIndexes* ix, detail::ByPark<IdT> detail::DatasetIndexes::*member, ParkId park) {
    if (ix == nullptr) return {};
    const detail::ByPark<IdT>& index = ix->*member;
    const auto it = index.find(park);
    return it == index.end() ? std::span<const IdT>{} : std::span<const IdT>(it->second);
}
}  // namespace

std::span<const ProjectId> Dataset::projects_in(ParkId park) const { return ids_in(indexes_.get(), &detail::DatasetIndexes::projects_by_park, park); }
std::span<const EnterpriseId> Dataset::enterprises_in(ParkId park) const { return ids_in(indexes_.get(), &detail::DatasetIndexes::enterprises_by_park, park); }
std::span<const LoanId> Dataset::loans_in(ParkId park) const { return ids_in(indexes_.get(), &detail::DatasetIndexes::loans_by_park, park); }
std::span<const WasteFacilityId> Dataset::waste_facilities_in(ParkId park) const { return ids_in(indexes_.get(), &detail::DatasetIndexes::facilities_by_park, park); }
std::span<const StatisticId> Dataset::statistics_in(ParkId park) const { return ids_in(indexes_.get(), &detail::DatasetIndexes::statistics_by_park, park); }
std::span<const ParkId> Dataset::sub_parks_of(ParkId park) const { return ids_in(indexes_.get(), &detail::DatasetIndexes::sub_parks, park); }

std::optional<ParkId> Dataset::park_of(const Loan& loan) const {
    if (loan.park) return loan.park;
    for (EnterpriseId b : loan.borrowers)
        if (const Enterprise* e = find(b); e != nullptr && e->park) return e->park;
    return std::nullopt;
}

/// Validation and the all-or-nothing commit of every mutation.
class DatasetEditor {
public:
    explicit DatasetEditor(Dataset& ds) : ds_(ds), ix_(ds.indexes_.make()) {}

    void insert(Batch& batch) {
        collect_pending(batch);
        for (const Industry& i : batch.industries) {
            CodeGroup& g = batch_codes_[industry_code_key(i.scheme, i.code)];
            g.ids.push_back(i.id);
            g.smallest = std::min(g.smallest, i.id);
        }
        for (const auto& r : batch.sources) check_record(r);
        for (const auto& r : batch.industries) check_record(r);
        for (const auto& r : batch.parks) check_record(r);
        for (const auto& r : batch.enterprises) check_record(r);
        for (const auto& r : batch.banks) check_record(r);
        for (const auto& r : batch.projects) check_record(r);
        for (const auto& r : batch.loans) check_record(r);
        for (const auto& r : batch.waste_facilities) check_record(r);
        for (const auto& r : batch.statistics) check_record(r);
        throw_if_problems();
        commit(batch);
    }

    template <class T>
    void replace(T record) {
        auto& table = table_of<T>();
        const std::uint32_t* found = table.index.find(detail::row_key(record.id));
        if (found == nullptr) throw NotFoundError(record.id.to_string());
        const std::uint32_t row = *found;
        // Lookups during the checks see the new version, so records that depend on it are
        // judged against what the dataset will hold.
        if constexpr (std::is_same_v<T, Industry>) batch_industries_.insert(record.id, &record);
        if constexpr (std::is_same_v<T, Park>) batch_parks_.insert(record.id, &record);
        if constexpr (std::is_same_v<T, Enterprise>) batch_enterprises_.insert(record.id, &record);
        if constexpr (std::is_same_v<T, Project>) batch_projects_.insert(record.id, &record);
        check_record(record);
        check_dependents(record);
        throw_if_problems();
        T& slot = table.rows[row];
        [[maybe_unused]] ProjectColumns::Row columns;
        if constexpr (std::is_same_v<T, Project>) columns = ProjectColumns::Row::of(record);
        // The only steps that may throw, before anything changed (and undone if the second does).
        const Recode recode = recode_industry(slot, record);
        try {
            move_in_park_index(slot, record);
        } catch (...) {
            recode.undo();
            throw;
        }
        recode.done();
        slot = std::move(record);
        if constexpr (std::is_same_v<T, Project>) ds_.project_columns_.set(row, columns);
    }

    template <class IdT>
    void remove(IdT id) {
        using T = std::remove_cvref_t<decltype(ds_.get(id))>;
        auto& table = table_of<T>();
        const std::uint32_t* found = table.index.find(detail::row_key(id));
        if (found == nullptr) throw NotFoundError(id.to_string());
        referrers(id);
        throw_if_problems();
        const std::uint32_t row = *found;
        erase_from_park_index(table.rows[row]);
        if constexpr (std::is_same_v<T, Industry>)
            ix_.industry_codes.erase(industry_code_key(table.rows[row].scheme, table.rows[row].code));
        const std::uint32_t last = static_cast<std::uint32_t>(table.rows.size() - 1);
        if (row != last) {
            table.rows[row] = std::move(table.rows[last]);
            *table.index.find(detail::row_key(table.rows[row].id)) = row;
        }
        table.rows.pop_back();
        table.index.erase(detail::row_key(id));
        if constexpr (std::is_same_v<T, Project>) ds_.project_columns_.move_last_to(row);
    }

private:
    // ------------------------------------------------------------------ plumbing
    template <class T>
    auto& table_of() {
        if constexpr (std::is_same_v<T, Source>) return ds_.sources_;
        else if constexpr (std::is_same_v<T, Industry>) return ds_.industries_;
        else if constexpr (std::is_same_v<T, Park>) return ds_.parks_;
        else if constexpr (std::is_same_v<T, Enterprise>) return ds_.enterprises_;
        else if constexpr (std::is_same_v<T, Bank>) return ds_.banks_;
        else if constexpr (std::is_same_v<T, Project>) return ds_.projects_;
        else if constexpr (std::is_same_v<T, Loan>) return ds_.loans_;
        else if constexpr (std::is_same_v<T, WasteFacility>) return ds_.waste_facilities_;
        else return ds_.statistics_;
    }

    /// Problems beyond the first max_listed_problems are counted, not kept: a hostile file or a
    /// huge batch with a problem in every element must not need memory in proportion.
    static constexpr std::size_t max_listed_problems = 1000;
    void problem(const std::string& entity, const std::string& id, std::string field, std::string reason) {
        if (problems_.size() < max_listed_problems)
            problems_.push_back(Problem{entity, id, std::move(field), std::move(reason)});
        else
            ++unlisted_problems_;
    }
    void throw_if_problems() {
        if (problems_.empty()) return;
        if (unlisted_problems_ > 0) {
            problems_.push_back(Problem{"", "", "", "... and " + std::to_string(unlisted_problems_) +
                                                        " more problems (only the first " +
                                                        std::to_string(max_listed_problems) + " are listed)"});
        }
        throw ValidationError(std::move(problems_));
    }

    /// Calls on_repeat(i) for each i where key(items[i]) equals the key of an earlier item. Linear
    /// time: lists in files can be long.
    template <class T, class Key, class OnRepeat>
    static void repeats(const std::vector<T>& items, Key key, OnRepeat on_repeat) {
        if (items.size() <= 16) {
            for (std::size_t i = 1; i < items.size(); ++i)
                for (std::size_t j = 0; j < i; ++j)
                    if (key(items[j]) == key(items[i])) {
                        on_repeat(i);
                        break;
                    }
            return;
        }
        std::unordered_set<std::remove_cvref_t<decltype(key(items.front()))>> seen;
        seen.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i)
            if (!seen.insert(key(items[i])).second) on_repeat(i);
    }

    template <class Record>
    static std::string_view entity_name() {
        using IdT = decltype(Record::id);
        return tag_of<IdT>::entity;
    }
    template <class IdT>
    struct tag_of;
    template <class Tag>
    struct tag_of<Id<Tag>> : Tag {};

    /// The batch's records by id, to resolve references inside the batch and to find duplicate
    /// ids (flat keyed tables: a batch of a million records stays compact).
    template <class Record, class IdT>
    void collect(const std::vector<Record>& records, detail::IdMap<IdT, const Record*>& batch, const auto& table) {
        batch.reserve(batch.size() + records.size());
        for (const Record& r : records) {
            if (r.id.value() == UINT64_MAX)
                problem(std::string(entity_name<Record>()), r.id.to_string(), "id", "2^64 - 1 is reserved (queries use it for \"no value\")");
            else if (table.index.contains(detail::row_key(r.id)) || !batch.insert(r.id, &r))
                problem(std::string(entity_name<Record>()), r.id.to_string(), "id", "duplicate id");
        }
    }
    void collect_pending(const Batch& b) {
        collect(b.sources, batch_sources_, ds_.sources_);
        collect(b.industries, batch_industries_, ds_.industries_);
        collect(b.parks, batch_parks_, ds_.parks_);
        collect(b.enterprises, batch_enterprises_, ds_.enterprises_);
        collect(b.banks, batch_banks_, ds_.banks_);
        collect(b.projects, batch_projects_, ds_.projects_);
        collect(b.loans, batch_loans_, ds_.loans_);
        collect(b.waste_facilities, batch_facilities_, ds_.waste_facilities_);
        collect(b.statistics, batch_statistics_, ds_.statistics_);
    }

    bool exists(SourceId id) const { return ds_.contains(id) || batch_sources_.contains(id); }
    bool exists(IndustryId id) const { return ds_.contains(id) || batch_industries_.contains(id); }
    bool exists(ParkId id) const { return ds_.contains(id) || batch_parks_.contains(id); }
    bool exists(EnterpriseId id) const { return ds_.contains(id) || batch_enterprises_.contains(id); }
    bool exists(BankId id) const { return ds_.contains(id) || batch_banks_.contains(id); }
    bool exists(ProjectId id) const { return ds_.contains(id) || batch_projects_.contains(id); }

    const Industry* industry(IndustryId id) const {
        if (const Industry* const* i = batch_industries_.find(id)) return *i;
        return ds_.find(id);
    }
    const Enterprise* enterprise(EnterpriseId id) const {
        if (const Enterprise* const* e = batch_enterprises_.find(id)) return *e;
        return ds_.find(id);
    }
    const Project* project(ProjectId id) const {
        if (const Project* const* p = batch_projects_.find(id)) return *p;
        return ds_.find(id);
    }
    const Park* park(ParkId id) const {
        if (const Park* const* p = batch_parks_.find(id)) return *p;
        return ds_.find(id);
    }

    // ------------------------------------------------------------------ field checks
    /// A field name, built into a string only when a problem is reported: "park",
    /// "stages[2].date".
    struct Field {
        Field(const char* n) : name(n) {}  // NOLINT: plain names convert implicitly
        Field(const std::string& n) : name(n) {}  // NOLINT: views `n`, which must outlive it
        Field(std::string_view n, std::size_t i, std::string_view s = {}) : name(n), index(i), suffix(s) {}
        [[nodiscard]] Field sub(std::string_view s) const { return Field(name, index, s); }
        [[nodiscard]] std::string str() const {
            std::string f(name);
            if (index != none) f += "[" + std::to_string(index) + "]";
            f += suffix;
            return f;
        }
        static constexpr std::size_t none = static_cast<std::size_t>(-1);
        std::string_view name;
        std::size_t index = none;
        std::string_view suffix;
    };

    /// Reports problems of one record; strings are built only when there is a problem.
    struct Context {
        DatasetEditor& ed;
        std::string_view entity;
        std::string (*id_text)(const void*);
        const void* id;
        void operator()(const Field& field, std::string reason) const {
            ed.problem(std::string(entity), id_text(id), field.str(), std::move(reason));
        }
    };
    template <class Record>
    Context context(const Record& r) {
        using IdT = decltype(Record::id);
        return Context{*this, entity_name<Record>(), [](const void* id) { return static_cast<const IdT*>(id)->to_string(); },
                       &r.id};
    }

    template <class IdT>
    void reference(const Context& fail, const Field& field, IdT id) {
        if (!exists(id)) fail(field, "refers to " + id.to_string() + ", which does not exist");
    }
    /// Each id resolves and none is listed twice.
    template <class IdT>
    void references(const Context& fail, std::string_view field, const std::vector<IdT>& ids) {
        for (std::size_t i = 0; i < ids.size(); ++i) reference(fail, Field(field, i), ids[i]);
        repeats(ids, [](IdT id) { return id; },
                [&](std::size_t i) { fail(Field(field, i), ids[i].to_string() + " is listed twice"); });
    }
    /// The checks of a record: its own rules (check), then every text field UTF-8.
    template <class R>
    void check_record(const R& r) {
        check(r);
        texts(context(r), r, [](std::string_view member) { return std::string(member); });
    }
    /// Every text field is UTF-8 (core/utf8.hpp): JSON, XML and CSV writers need it, and
    /// messages and terminals get text. (Control characters are allowed: a binary archive holds
    /// them, JSON escapes them, and whatever prints them escapes them with printable().) The
    /// fields come from the record's description (model/describe.hpp); `path(member)` builds a
    /// field's path ("licence.number", "sources[2].note") only when it has a problem.
    /// Whether a value of type T holds text (a string, or a struct or list with one).
    template <class T>
    static constexpr bool holds_text() {
        if constexpr (std::is_same_v<T, std::string>) return true;
        else if constexpr (schema::is_optional<T>::value || schema::is_vector<T>::value)
            return holds_text<typename T::value_type>();
        else if constexpr (schema::described<T>)
            return std::apply([](const auto&... f) { return (holds_text<typename std::remove_cvref_t<decltype(f)>::value_type>() || ...); },
                              schema::Describe<T>::fields);
        else return false;
    }
    template <class S, class Path>
    static void texts(const Context& fail, const S& s, const Path& path) {
        schema::for_each_field<S>([&](const auto& f) {
            using T = typename std::remove_cvref_t<decltype(f)>::value_type;
            if constexpr (holds_text<T>()) {
                const T& v = f.of(s);
                const auto here = [&] { return path(f.info.name); };
                // `prefix()` builds the path of a nested struct only when it has a problem.
                const auto nested = [&](const auto& member_of, const auto& prefix) {
                    texts(fail, member_of, [&](std::string_view member) { return prefix() + "." + std::string(member); });
                };
                if constexpr (std::is_same_v<T, std::string>) {
                    if (const auto at = invalid_utf8_at(v)) fail(here(), "invalid UTF-8 at byte " + std::to_string(*at));
                } else if constexpr (schema::is_optional<T>::value) {
                    if (v) {
                        if constexpr (std::is_same_v<typename T::value_type, std::string>) {
                            if (const auto at = invalid_utf8_at(*v)) fail(here(), "invalid UTF-8 at byte " + std::to_string(*at));
                        } else {
                            nested(*v, here);
                        }
                    }
                } else if constexpr (schema::is_vector<T>::value) {
                    for (std::size_t i = 0; i < v.size(); ++i)
                        nested(v[i], [&] { return here() + "[" + std::to_string(i) + "]"; });
                } else {
                    nested(v, here);
                }
            }
        });
    }
    void name(const Context& fail, const Name& n) {
        if (n.zh.empty()) fail("name.zh", "must not be empty");
        if (n.en && n.en->empty()) fail("name.en", "must be absent or not empty");
    }
    void citations(const Context& fail, const std::vector<Citation>& cs) {
        for (std::size_t i = 0; i < cs.size(); ++i) {
            reference(fail, Field("sources", i, ".source"), cs[i].source);
        }
    }
    void amount(const Context& fail, const Field& field, const std::optional<ReportedAmount>& a,
                std::optional<Currency>& currency) {
        if (a) amount(fail, field, *a, currency);
    }
    void amount(const Context& fail, const Field& field, const ReportedAmount& a,
                std::optional<Currency>& currency) {
        if (a.value.signum() < 0) fail(field, "must not be negative (" + a.value.to_string() + ")");
        if (static_cast<unsigned>(a.bound) > static_cast<unsigned>(Bound::less_than))
            fail(field.sub(".bound"), "is not a known bound (" + std::to_string(static_cast<unsigned>(a.bound)) + ")");
        if (currency && *currency != a.value.currency())
            fail(field, "currency " + std::string(iso_code(a.value.currency())) + " differs from " +
                            std::string(iso_code(*currency)) + " used elsewhere in the record");
        currency = currency.value_or(a.value.currency());
    }
    template <class Q>
    void positive(const Context& fail, const Field& field, const std::optional<Q>& q) {
        if (q && q->signum() <= 0) fail(field, "must be positive");
    }

    // ------------------------------------------------------------------ record checks
    void check(const Source& r) {
        const Context fail = context(r);
        if (r.publication.empty()) fail("publication", "must not be empty");
    }

    void check(const Industry& r) {
        const Context fail = context(r);
        if (r.scheme.empty()) fail("scheme", "must not be empty");
        if (r.code.empty()) fail("code", "must not be empty");
        name(fail, r.name);
        citations(fail, r.sources);
        // (scheme, code) unique: against the dataset, and within a batch (one problem per code,
        // on the smallest id, naming a few of the others). Linear: one lookup per record.
        const std::string key = industry_code_key(r.scheme, r.code);
        if (const auto it = ix_.industry_codes.find(key); it != ix_.industry_codes.end() && it->second != r.id)
            fail("code", "\"" + printable(r.code) + "\" is already used in scheme \"" + printable(r.scheme) + "\" by " + it->second.to_string());
        if (const auto it = batch_codes_.find(key); it != batch_codes_.end() && it->second.ids.size() > 1) {
            const std::vector<IndustryId>& ids = it->second.ids;
            if (it->second.smallest == r.id) {
                constexpr std::size_t named = 3;
                std::string also;
                std::size_t listed = 0;
                for (const IndustryId other : ids) {
                    if (other == r.id || listed == named) continue;
                    also += (listed++ == 0 ? "" : ", ") + other.to_string();
                }
                if (ids.size() - 1 > named) also += " and " + std::to_string(ids.size() - 1 - named) + " more";
                fail("code", "\"" + printable(r.code) + "\" is used " + (ids.size() == 2 ? std::string("twice") : std::to_string(ids.size()) + " times") +
                                 " in scheme \"" + printable(r.scheme) + "\" (also " + also + ")");
            }
        }
        if (r.parent) {
            const Industry* p = industry(*r.parent);
            if (*r.parent == r.id) {
                fail("parent", "is the industry itself");
            } else if (p == nullptr) {
                fail("parent", "refers to " + r.parent->to_string() + ", which does not exist");
            } else if (p->scheme != r.scheme) {
                fail("parent", "is in scheme \"" + printable(p->scheme) + "\", not \"" + printable(r.scheme) + "\"");
            } else if (auto why = chain_problem<Industry>(r.id, [this](IndustryId i) { return industry(i); }, industry_ancestors_)) {
                fail("parent", std::move(*why));
            }
        }
    }

    /// What is wrong with following parents from `self`, if anything: it comes back to it or
    /// leads into another cycle, or it runs longer than any sane hierarchy (more than
    /// max_ancestors ancestors).
    template <class Record, class IdT, class Lookup>
    static std::optional<std::string> chain_problem(IdT self, Lookup lookup, detail::IdMap<IdT, std::uint32_t>& memo) {
        if (self.value() == UINT64_MAX) return std::nullopt;  // reported as a reserved id; no index holds it
        const std::uint32_t n = ancestors<Record>(self, lookup, memo);
        if (n == endless) return "forms a cycle";
        if (n > max_ancestors)
            return "is more than " + std::to_string(max_ancestors) + " levels deep (the depth limit of a hierarchy)";
        return std::nullopt;
    }
    static constexpr std::uint32_t max_ancestors = 10'000;
    static constexpr std::uint32_t endless = UINT32_MAX;       // leads into a cycle
    static constexpr std::uint32_t counting = UINT32_MAX - 1;  // on the walk in progress

    /// The number of ancestors of the existing record `id` (saturating above max_ancestors), or
    /// `endless`. Each record is walked once per validation: `memo` keeps the counts, so that
    /// checking n records of one long chain is linear, not n × the chain's length.
    template <class Record, class IdT, class Lookup>
    static std::uint32_t ancestors(IdT id, Lookup lookup, detail::IdMap<IdT, std::uint32_t>& memo) {
        std::vector<IdT> path;  // id, its parent, grand-parent ... not counted yet
        std::uint32_t above = 0;  // ancestors of the record after the end of path
        for (IdT x = id;;) {
            if (const std::uint32_t* known = memo.find(x)) {
                // Counted before; or on this walk, which therefore runs around a cycle.
                above = *known == counting ? endless : *known;
                break;
            }
            path.push_back(x);
            memo.insert(x, counting);
            const Record* r = lookup(x);
            if (r == nullptr || !r->parent || lookup(*r->parent) == nullptr) {
                *memo.find(x) = 0;  // a root
                path.pop_back();
                above = 0;
                break;
            }
            x = *r->parent;
        }
        // path.back()'s parent has `above` ancestors; fill in down to id.
        for (auto it = path.rbegin(); it != path.rend(); ++it) {
            above = above == endless ? endless : std::min(above + 1, max_ancestors + 1);
            *memo.find(*it) = above;
        }
        return *memo.find(id);
    }

    void check(const Park& r) {
        const Context fail = context(r);
        name(fail, r.name);
        citations(fail, r.sources);
        references(fail, "leading_industries", r.leading_industries);
        if (r.admin_code && (*r.admin_code < 110000 || *r.admin_code > 829999))
            fail("admin_code", "is not a six-digit GB/T 2260 code");
        positive(fail, "area", r.area);
        if (r.parent) {
            if (*r.parent == r.id) fail("parent", "is the park itself");
            else if (park(*r.parent) == nullptr) fail("parent", "refers to " + r.parent->to_string() + ", which does not exist");
            else if (auto why = chain_problem<Park>(r.id, [this](ParkId i) { return park(i); }, park_ancestors_)) fail("parent", std::move(*why));
        }
    }

    void check(const Enterprise& r) {
        const Context fail = context(r);
        name(fail, r.name);
        citations(fail, r.sources);
        if (r.park) reference(fail, "park", *r.park);
        references(fail, "industries", r.industries);
        const std::string& c = r.origin.country;
        if (r.origin.kind == OriginKind::foreign) {
            if (c.size() != 2 || !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
                fail("origin.country", "must be an ISO 3166-1 alpha-2 code for foreign origin, not \"" + printable(c, 16) + "\"");
        } else if (r.origin.kind == OriginKind::hk_macao_taiwan) {
            if (!c.empty() && c != "HK" && c != "MO" && c != "TW")
                fail("origin.country", "must be empty, HK, MO or TW for Hong Kong, Macao or Taiwan origin, not \"" + printable(c, 16) + "\"");
        } else if (!c.empty()) {
            fail("origin.country", "is only given for foreign, Hong Kong, Macao or Taiwan origin");
        }
        if (r.listing && r.listing->market.empty()) fail("listing.market", "must not be empty");
    }

    void check(const Bank& r) {
        const Context fail = context(r);
        name(fail, r.name);
        citations(fail, r.sources);
    }

    void check(const Project& r) {
        const Context fail = context(r);
        name(fail, r.name);
        citations(fail, r.sources);
        reference(fail, "park", r.park);
        references(fail, "industries", r.industries);
        for (std::size_t i = 0; i < r.investors.size(); ++i)
            reference(fail, Field("investors", i, ".enterprise"), r.investors[i].enterprise);
        repeats(r.investors, [](const Investor& v) { return v.enterprise; },
                [&](std::size_t i) { fail(Field("investors", i, ".enterprise"), "is listed twice"); });
        std::optional<Currency> currency;
        amount(fail, "contract_investment", r.contract_investment, currency);
        amount(fail, "planned_investment", r.planned_investment, currency);
        amount(fail, "first_phase_investment", r.first_phase_investment, currency);
        amount(fail, "funds_in_place", r.funds_in_place, currency);
        if (r.parent) {
            if (*r.parent == r.id) fail("parent", "is the project itself");
            else if (project(*r.parent) == nullptr) fail("parent", "refers to " + r.parent->to_string() + ", which does not exist");
            else if (auto why = chain_problem<Project>(r.id, [this](ProjectId i) { return project(i); }, project_ancestors_)) fail("parent", std::move(*why));
        }
        if (r.phase && *r.phase < 1) fail("phase", "must be 1 or more");
        std::optional<Stage> furthest;
        bool cancelled = false;
        for (std::size_t i = 0; i < r.stages.size(); ++i) {
            const StageEvent& e = r.stages[i];
            const Field f("stages", i);
            if (i > 0) {
                // Refused only when certainly earlier: "started in 2020-07" may follow "signed
                // on 2020-07-15".
                const StageEvent& prev = r.stages[i - 1];
                if (e.date.last() < prev.date.first())
                    fail(f.sub(".date"), e.date.to_string() + " is before the previous stage's " + prev.date.to_string());
            }
            if (static_cast<std::size_t>(e.stage) >= std::size(all_stages)) {
                fail(f.sub(".stage"), "is not a known stage (" + std::to_string(static_cast<unsigned>(e.stage)) + ")");
                continue;
            }
            if (cancelled) fail(f.sub(".stage"), "follows a cancellation");
            cancelled = cancelled || e.stage == Stage::cancelled;
            if (on_main_path(e.stage)) {
                if (furthest && e.stage < *furthest)
                    fail(f.sub(".stage"), std::string(label(e.stage, Language::english)) + " comes after " +
                                           std::string(label(*furthest, Language::english)));
                furthest = std::max(furthest.value_or(e.stage), e.stage);
            }
        }
    }

    void check(const Loan& r) {
        const Context fail = context(r);
        citations(fail, r.sources);
        reference(fail, "lender", r.lender);
        references(fail, "borrowers", r.borrowers);
        if (r.borrower_count && *r.borrower_count < static_cast<std::int64_t>(r.borrowers.size()))
            fail("borrower_count", std::to_string(*r.borrower_count) + " is fewer than the " +
                                       std::to_string(r.borrowers.size()) + " named borrowers");
        if (r.park) {
            reference(fail, "park", *r.park);
        } else {
            bool has_park = false;
            for (EnterpriseId b : r.borrowers)
                if (const Enterprise* e = enterprise(b); e != nullptr && e->park) has_park = true;
            if (r.borrowers.empty()) fail("park", "is required when no borrower is named");
            else if (!has_park) fail("park", "is required: no borrower is located in a park");
        }
        if (r.instrument != LoanInstrument::programme && r.borrowers.size() > 1)
            fail("borrowers", "several borrowers need the programme instrument");
        std::optional<Currency> currency;
        amount(fail, "commitment", r.commitment, currency);
        if (r.inception && r.maturity && !(r.maturity->last() > r.inception->first()))
            fail("maturity", r.maturity->to_string() + " is not after the inception " + r.inception->to_string());
        if (r.interest_rate && r.interest_rate->signum() < 0) fail("interest_rate", "must not be negative");
        for (std::size_t i = 0; i < r.snapshots.size(); ++i) {
            const LoanSnapshot& s = r.snapshots[i];
            const Field f("snapshots", i);
            if (s.as_of.is_special()) fail(f.sub(".as_of"), "must be a real date");
            else if (i > 0 && !(r.snapshots[i - 1].as_of < s.as_of))
                fail(f.sub(".as_of"), iso_date(s.as_of) + " is not after the previous snapshot");
            amount(fail, f.sub(".outstanding"), ReportedAmount{s.outstanding}, currency);
            if (s.undrawn) amount(fail, f.sub(".undrawn"), ReportedAmount{*s.undrawn}, currency);
        }
    }

    void check(const WasteFacility& r) {
        const Context fail = context(r);
        name(fail, r.name);
        citations(fail, r.sources);
        reference(fail, "park", r.park);
        if (r.operator_enterprise) reference(fail, "operator_enterprise", *r.operator_enterprise);
        references(fail, "served_enterprises", r.served_enterprises);
        std::optional<Currency> currency;
        amount(fail, "investment", r.investment, currency);
        positive(fail, "floor_area", r.floor_area);
        positive(fail, "storage_capacity", r.storage_capacity);
        positive(fail, "max_annual_throughput", r.max_annual_throughput);
        if (r.licence) {
            const WasteLicence& l = *r.licence;
            if (l.number.empty()) fail("licence.number", "must not be empty");
            positive(fail, "licence.approved_total", l.approved_total);
            std::array<bool, 51> seen{};  // HW01 .. HW50
            for (std::size_t i = 0; i < l.categories.size(); ++i) {
                const Field f("licence.categories", i);
                const auto number = static_cast<std::size_t>(l.categories[i].category.number());
                if (seen[number]) fail(f, l.categories[i].category.to_string() + " is listed twice");
                seen[number] = true;
                positive(fail, f.sub(".approved"), l.categories[i].approved);
            }
            const bool issued_real = l.issued && !l.issued->is_special();
            const bool expires_real = l.expires && !l.expires->is_special();
            if (l.issued && !issued_real) fail("licence.issued", "must be a real date");
            if (l.expires && !expires_real) fail("licence.expires", "must be a real date");
            if (issued_real && expires_real && !(*l.issued < *l.expires))
                fail("licence.expires", iso_date(*l.expires) + " is not after the issue date " + iso_date(*l.issued));
        }
        for (std::size_t i = 0; i < r.yearly_throughput.size(); ++i) {
            const Field f("yearly_throughput", i);
            if (i > 0 && r.yearly_throughput[i].year <= r.yearly_throughput[i - 1].year)
                fail(f.sub(".year"), "years must ascend");
            if (r.yearly_throughput[i].handled.signum() < 0) fail(f.sub(".handled"), "must not be negative");
        }
    }

    void check(const ReportedStatistic& r) {
        const Context fail = context(r);
        citations(fail, r.sources);
        reference(fail, "scope", r.scope);
        if (r.label.empty()) fail("label", "must not be empty");
        if (!r.value && !r.comparison) fail("value", "a statistic needs a value, a comparison, or both");
        if (r.value) {
            if (const auto* n = std::get_if<std::int64_t>(&*r.value); n != nullptr && *n < 0)
                fail("value", "a count must not be negative");
            if (std::holds_alternative<std::int64_t>(*r.value) && r.unit.empty())
                fail("unit", "a count needs its unit word (个, 户, 家 ...)");
        }
    }

    // ------------------------------------------------------------------ dependents of a replaced record
    template <class Record>
    void check_dependents(const Record&) {}
    /// Loans that take their park from this enterprise still need one.
    void check_dependents(const Enterprise& e) {
        for (const Loan& l : ds_.loans()) {
            if (l.park || !has(l.borrowers, e.id)) continue;
            const bool has_park = std::any_of(l.borrowers.begin(), l.borrowers.end(), [this](EnterpriseId b) {
                const Enterprise* x = enterprise(b);
                return x != nullptr && x->park;
            });
            if (!has_park)
                problem("loan", l.id.to_string(), "park", "is required: no borrower is located in a park once " +
                                                              e.id.to_string() + " changes");
        }
    }
    /// Children stay in their parent's scheme.
    void check_dependents(const Industry& i) {
        for (const Industry& child : ds_.industries())
            if (child.parent == i.id && child.scheme != i.scheme)
                problem("industry", child.id.to_string(), "parent",
                        "is in scheme \"" + printable(i.scheme) + "\", not \"" + printable(child.scheme) + "\"");
    }

    // ------------------------------------------------------------------ commit
    template <class Record, class IdT>
    void append(std::vector<Record>& records, detail::RecordStore<Record, IdT>& table) {
        table.index.reserve(table.index.size() + records.size());
        if (table.rows.empty()) {  // a first load: take the whole vector, no record is moved
            table.rows = std::move(records);
            for (std::size_t i = 0; i < table.rows.size(); ++i)
                table.index.insert(detail::row_key(table.rows[i].id), static_cast<std::uint32_t>(i));
            return;
        }
        // Room grows geometrically: reserving exactly one more row per single insert would copy
        // the whole table each time.
        if (const std::size_t need = table.rows.size() + records.size(); need > table.rows.capacity())
            table.rows.reserve(std::max(need, 2 * table.rows.capacity()));
        for (Record& r : records) {
            table.index.insert(detail::row_key(r.id), static_cast<std::uint32_t>(table.rows.size()));
            table.rows.push_back(std::move(r));
        }
    }

    template <class Record, class IdT>
    struct Mark {
        detail::RecordStore<Record, IdT>* table;
        std::size_t rows;
        void rollback() noexcept {
            for (std::size_t i = rows; i < table->rows.size(); ++i) table->index.erase(detail::row_key(table->rows[i].id));
            table->rows.erase(table->rows.begin() + static_cast<std::ptrdiff_t>(rows), table->rows.end());
        }
    };

    void commit(Batch& b) {
        // Marks first: if anything below throws (only allocation can), everything is undone.
        Mark<Source, SourceId> m0{&ds_.sources_, ds_.sources_.rows.size()};
        Mark<Industry, IndustryId> m1{&ds_.industries_, ds_.industries_.rows.size()};
        Mark<Park, ParkId> m2{&ds_.parks_, ds_.parks_.rows.size()};
        Mark<Enterprise, EnterpriseId> m3{&ds_.enterprises_, ds_.enterprises_.rows.size()};
        Mark<Bank, BankId> m4{&ds_.banks_, ds_.banks_.rows.size()};
        Mark<Project, ProjectId> m5{&ds_.projects_, ds_.projects_.rows.size()};
        Mark<Loan, LoanId> m6{&ds_.loans_, ds_.loans_.rows.size()};
        Mark<WasteFacility, WasteFacilityId> m7{&ds_.waste_facilities_, ds_.waste_facilities_.rows.size()};
        Mark<ReportedStatistic, StatisticId> m8{&ds_.statistics_, ds_.statistics_.rows.size()};
        const auto rollback = [&]() noexcept {
            for (std::size_t i = m1.rows; i < ds_.industries_.rows.size(); ++i) {
                const Industry& r = ds_.industries_.rows[i];
                const auto it = ix_.industry_codes.find(industry_code_key(r.scheme, r.code));
                if (it != ix_.industry_codes.end() && it->second == r.id) ix_.industry_codes.erase(it);
            }
            unindex_from(m2), unindex_from(m3), unindex_from(m5), unindex_from(m6), unindex_from(m7), unindex_from(m8);
            m8.rollback(), m7.rollback(), m6.rollback(), m5.rollback(), m4.rollback();
            m3.rollback(), m2.rollback(), m1.rollback(), m0.rollback();
            ds_.project_columns_.truncate(ds_.projects_.rows.size());
        };
        try {
            append(b.sources, ds_.sources_);
            append(b.industries, ds_.industries_);
            for (std::size_t i = m1.rows; i < ds_.industries_.rows.size(); ++i) {
                const Industry& r = ds_.industries_.rows[i];
                ix_.industry_codes.emplace(industry_code_key(r.scheme, r.code), r.id);
            }
            append(b.parks, ds_.parks_);
            append(b.enterprises, ds_.enterprises_);
            append(b.banks, ds_.banks_);
            ds_.project_columns_.reserve_more(b.projects.size());
            append(b.projects, ds_.projects_);
            for (std::size_t i = m5.rows; i < ds_.projects_.rows.size(); ++i)
                ds_.project_columns_.push(ProjectColumns::Row::of(ds_.projects_.rows[i]));
            append(b.loans, ds_.loans_);
            append(b.waste_facilities, ds_.waste_facilities_);
            append(b.statistics, ds_.statistics_);
            // Park indexes: built from the appended rows.
            for (std::size_t i = m2.rows; i < ds_.parks_.rows.size(); ++i)
                if (const auto& p = ds_.parks_.rows[i]; p.parent) ix_.sub_parks[*p.parent].push_back(p.id);
            for (std::size_t i = m3.rows; i < ds_.enterprises_.rows.size(); ++i)
                if (const auto& e = ds_.enterprises_.rows[i]; e.park) ix_.enterprises_by_park[*e.park].push_back(e.id);
            for (std::size_t i = m5.rows; i < ds_.projects_.rows.size(); ++i)
                ix_.projects_by_park[ds_.projects_.rows[i].park].push_back(ds_.projects_.rows[i].id);
            for (std::size_t i = m6.rows; i < ds_.loans_.rows.size(); ++i)
                if (const auto p = ds_.park_of(ds_.loans_.rows[i])) ix_.loans_by_park[*p].push_back(ds_.loans_.rows[i].id);
            for (std::size_t i = m7.rows; i < ds_.waste_facilities_.rows.size(); ++i)
                ix_.facilities_by_park[ds_.waste_facilities_.rows[i].park].push_back(ds_.waste_facilities_.rows[i].id);
            for (std::size_t i = m8.rows; i < ds_.statistics_.rows.size(); ++i)
                ix_.statistics_by_park[ds_.statistics_.rows[i].scope].push_back(ds_.statistics_.rows[i].id);
        } catch (...) {
            rollback();
            throw;
        }
    }

    /// Newest first: each id is then the last of its park's list (erase_id pops it), so undoing
    /// a batch is linear in the batch.
    template <class Mark>
    void unindex_from(const Mark& m) noexcept {
        for (std::size_t i = m.table->rows.size(); i > m.rows; --i) erase_from_park_index(m.table->rows[i - 1]);
    }

    template <class IdT>
    static void erase_id(std::unordered_map<ParkId, std::vector<IdT>>& index, ParkId park, IdT id) noexcept {
        const auto it = index.find(park);
        if (it == index.end()) return;
        auto& v = it->second;
        if (!v.empty() && v.back() == id) v.pop_back();
        else v.erase(std::remove(v.begin(), v.end(), id), v.end());
        if (v.empty()) index.erase(it);
    }

    template <class Record>
    void erase_from_park_index(const Record& r) noexcept {
        if constexpr (std::is_same_v<Record, Park>) {
            if (r.parent) erase_id(ix_.sub_parks, *r.parent, r.id);
        } else if constexpr (std::is_same_v<Record, Enterprise>) {
            if (r.park) erase_id(ix_.enterprises_by_park, *r.park, r.id);
        } else if constexpr (std::is_same_v<Record, Project>) {
            erase_id(ix_.projects_by_park, r.park, r.id);
        } else if constexpr (std::is_same_v<Record, Loan>) {
            if (const auto p = ds_.park_of(r)) erase_id(ix_.loans_by_park, *p, r.id);
        } else if constexpr (std::is_same_v<Record, WasteFacility>) {
            erase_id(ix_.facilities_by_park, r.park, r.id);
        } else if constexpr (std::is_same_v<Record, ReportedStatistic>) {
            erase_id(ix_.statistics_by_park, r.scope, r.id);
        }
    }

    /// The park a record is indexed under, if any.
    template <class Record>
    std::optional<ParkId> indexed_park(const Record& r) const {
        if constexpr (std::is_same_v<Record, Park>) return r.parent;
        else if constexpr (std::is_same_v<Record, Enterprise>) return r.park;
        else if constexpr (std::is_same_v<Record, Project> || std::is_same_v<Record, WasteFacility>) return r.park;
        else if constexpr (std::is_same_v<Record, Loan>) return ds_.park_of(r);
        else if constexpr (std::is_same_v<Record, ReportedStatistic>) return r.scope;
        else return std::nullopt;
    }
    template <class Record>
    auto* park_index() {
        if constexpr (std::is_same_v<Record, Park>) return &ix_.sub_parks;
        else if constexpr (std::is_same_v<Record, Enterprise>) return &ix_.enterprises_by_park;
        else if constexpr (std::is_same_v<Record, Project>) return &ix_.projects_by_park;
        else if constexpr (std::is_same_v<Record, Loan>) return &ix_.loans_by_park;
        else if constexpr (std::is_same_v<Record, WasteFacility>) return &ix_.facilities_by_park;
        else if constexpr (std::is_same_v<Record, ReportedStatistic>) return &ix_.statistics_by_park;
        else return static_cast<std::unordered_map<ParkId, std::vector<decltype(Record::id)>>*>(nullptr);
    }

    /// Moves a replaced record between park index entries. Allocates first, then only does
    /// what cannot throw, so a failure leaves the indexes as they were.
    template <class Record>
    void move_in_park_index(const Record& old_version, const Record& new_version) {
        auto* index = park_index<Record>();
        if (index == nullptr) return;
        const auto from = indexed_park(old_version);
        const auto to = indexed_park(new_version);
        // Loans without a park of their own follow their borrowers: find those that move.
        std::vector<std::pair<const Loan*, std::pair<std::optional<ParkId>, std::optional<ParkId>>>> moved_loans;
        if constexpr (std::is_same_v<Record, Enterprise>) {
            if (from != to) {
                for (const Loan& l : ds_.loans()) {
                    if (l.park || !has(l.borrowers, new_version.id)) continue;
                    const auto park_with = [&](const Enterprise& version) -> std::optional<ParkId> {
                        for (EnterpriseId b : l.borrowers) {
                            const Enterprise* x = b == version.id ? &version : ds_.find(b);
                            if (x != nullptr && x->park) return x->park;
                        }
                        return std::nullopt;
                    };
                    const auto before = park_with(old_version);
                    const auto after = park_with(new_version);
                    if (before != after) moved_loans.push_back({&l, {before, after}});
                }
            }
        }
        // Allocations first (push_back, undone if one fails), then the erasures, which cannot throw.
        try {
            if (from != to && to) (*index)[*to].push_back(new_version.id);
            for (const auto& [loan, parks] : moved_loans)
                if (parks.second) ix_.loans_by_park[*parks.second].push_back(loan->id);
        } catch (...) {
            if (from != to && to) erase_id(*index, *to, new_version.id);
            for (const auto& [loan, parks] : moved_loans)
                if (parks.second && parks.second != parks.first) erase_id(ix_.loans_by_park, *parks.second, loan->id);
            throw;
        }
        if (from != to && from) erase_id(*index, *from, old_version.id);
        for (const auto& [loan, parks] : moved_loans)
            if (parks.first) erase_id(ix_.loans_by_park, *parks.first, loan->id);
    }

    // ------------------------------------------------------------------ the industry code index
    using CodeIndex = decltype(detail::DatasetIndexes::industry_codes);
    /// A replaced industry's move in the code index: the new key added, the old one still there.
    struct Recode {
        CodeIndex* index = nullptr;  // null: nothing to do
        std::string old_key, new_key;
        void undo() const noexcept {
            if (index != nullptr) index->erase(new_key);
        }
        void done() const noexcept {
            if (index != nullptr) index->erase(old_key);
        }
    };
    template <class T>
    Recode recode_industry(const T& old_version, const T& new_version) {
        if constexpr (std::is_same_v<T, Industry>) {
            Recode r{nullptr, industry_code_key(old_version.scheme, old_version.code),
                     industry_code_key(new_version.scheme, new_version.code)};
            if (r.old_key != r.new_key) {
                ix_.industry_codes.emplace(r.new_key, new_version.id);  // validated: the key is free
                r.index = &ix_.industry_codes;
            }
            return r;
        } else {
            return Recode{};
        }
    }

    // ------------------------------------------------------------------ referrers
    void referred(const std::string& target, const std::string& entity, const std::string& id, const std::string& field) {
        problem(entity, id, field, "still refers to " + target);
    }
    template <class Record, class Pred>
    void scan(std::span<const Record> rows, const std::string& target, const std::string& field, Pred refers) {
        for (const Record& r : rows)
            if (refers(r)) referred(target, std::string(entity_name<Record>()), r.id.to_string(), field);
    }
    template <class Record>
    static bool cites(const Record& r, SourceId id) {
        return std::any_of(r.sources.begin(), r.sources.end(), [&](const Citation& c) { return c.source == id; });
    }
    template <class V, class T>
    static bool has(const std::vector<V>& v, const T& x) {
        return std::find(v.begin(), v.end(), x) != v.end();
    }

    void referrers(SourceId id) {
        const std::string t = id.to_string();
        const auto c = [id](const auto& r) { return cites(r, id); };
        scan(ds_.industries(), t, "sources", c);
        scan(ds_.parks(), t, "sources", c);
        scan(ds_.enterprises(), t, "sources", c);
        scan(ds_.banks(), t, "sources", c);
        scan(ds_.projects(), t, "sources", c);
        scan(ds_.loans(), t, "sources", c);
        scan(ds_.waste_facilities(), t, "sources", c);
        scan(ds_.statistics(), t, "sources", c);
    }
    void referrers(IndustryId id) {
        const std::string t = id.to_string();
        scan(ds_.industries(), t, "parent", [id](const Industry& r) { return r.parent == id; });
        scan(ds_.parks(), t, "leading_industries", [id](const Park& r) { return has(r.leading_industries, id); });
        scan(ds_.enterprises(), t, "industries", [id](const Enterprise& r) { return has(r.industries, id); });
        scan(ds_.projects(), t, "industries", [id](const Project& r) { return has(r.industries, id); });
    }
    void referrers(ParkId id) {
        const std::string t = id.to_string();
        scan(ds_.parks(), t, "parent", [id](const Park& r) { return r.parent == id; });
        scan(ds_.enterprises(), t, "park", [id](const Enterprise& r) { return r.park == id; });
        scan(ds_.projects(), t, "park", [id](const Project& r) { return r.park == id; });
        scan(ds_.loans(), t, "park", [id](const Loan& r) { return r.park == id; });
        scan(ds_.waste_facilities(), t, "park", [id](const WasteFacility& r) { return r.park == id; });
        scan(ds_.statistics(), t, "scope", [id](const ReportedStatistic& r) { return r.scope == id; });
    }
    void referrers(EnterpriseId id) {
        const std::string t = id.to_string();
        scan(ds_.projects(), t, "investors", [id](const Project& r) {
            return std::any_of(r.investors.begin(), r.investors.end(), [id](const Investor& i) { return i.enterprise == id; });
        });
        scan(ds_.loans(), t, "borrowers", [id](const Loan& r) { return has(r.borrowers, id); });
        scan(ds_.waste_facilities(), t, "operator_enterprise",
             [id](const WasteFacility& r) { return r.operator_enterprise == id; });
        scan(ds_.waste_facilities(), t, "served_enterprises",
             [id](const WasteFacility& r) { return has(r.served_enterprises, id); });
    }
    void referrers(BankId id) {
        scan(ds_.loans(), id.to_string(), "lender", [id](const Loan& r) { return r.lender == id; });
    }
    void referrers(ProjectId id) {
        scan(ds_.projects(), id.to_string(), "parent", [id](const Project& r) { return r.parent == id; });
    }
    void referrers(LoanId) {}
    void referrers(WasteFacilityId) {}
    void referrers(StatisticId) {}

    Dataset& ds_;
    detail::DatasetIndexes& ix_;  // ds_.indexes_, made when the editor starts
    std::vector<Problem> problems_;
    std::size_t unlisted_problems_ = 0;
    detail::IdMap<IndustryId, std::uint32_t> industry_ancestors_;  // see ancestors()
    detail::IdMap<ParkId, std::uint32_t> park_ancestors_;
    detail::IdMap<ProjectId, std::uint32_t> project_ancestors_;
    // The batch's records by id (for replace: the new version).
    detail::IdMap<SourceId, const Source*> batch_sources_;
    detail::IdMap<IndustryId, const Industry*> batch_industries_;
    detail::IdMap<ParkId, const Park*> batch_parks_;
    detail::IdMap<EnterpriseId, const Enterprise*> batch_enterprises_;
    detail::IdMap<BankId, const Bank*> batch_banks_;
    detail::IdMap<ProjectId, const Project*> batch_projects_;
    detail::IdMap<LoanId, const Loan*> batch_loans_;
    detail::IdMap<WasteFacilityId, const WasteFacility*> batch_facilities_;
    detail::IdMap<StatisticId, const ReportedStatistic*> batch_statistics_;
    /// The batch's industries with one (scheme, code), in batch order.
    struct CodeGroup {
        std::vector<IndustryId> ids;
        IndustryId smallest{UINT64_MAX};
    };
    std::unordered_map<std::string, CodeGroup, detail::KeyedHash> batch_codes_;  // by industry_code_key
};

void Dataset::insert(Batch batch) { DatasetEditor(*this).insert(batch); }

#define PARKINVEST_DATASET_RECORD(Record, Field)     \
    void Dataset::insert(Record r) {                 \
        Batch b;                                     \
        b.Field.push_back(std::move(r));             \
        insert(std::move(b));                        \
    }                                                \
    void Dataset::replace(Record r) { DatasetEditor(*this).replace(std::move(r)); } \
    void Dataset::remove(decltype(Record::id) id) { DatasetEditor(*this).remove(id); }

PARKINVEST_DATASET_RECORD(Source, sources)
PARKINVEST_DATASET_RECORD(Industry, industries)
PARKINVEST_DATASET_RECORD(Park, parks)
PARKINVEST_DATASET_RECORD(Enterprise, enterprises)
PARKINVEST_DATASET_RECORD(Bank, banks)
PARKINVEST_DATASET_RECORD(Project, projects)
PARKINVEST_DATASET_RECORD(Loan, loans)
PARKINVEST_DATASET_RECORD(WasteFacility, waste_facilities)
PARKINVEST_DATASET_RECORD(ReportedStatistic, statistics)
#undef PARKINVEST_DATASET_RECORD

}  // namespace parkinvest
