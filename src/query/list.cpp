// SPDX-License-Identifier: MIT
#include <parkinvest/query/list.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace parkinvest::query::detail {

namespace {
/// A cell as the ordering sees it: its figure and, at one figure, the side its bound puts the
/// true value on (lower bounds +1, upper bounds -1), as Table::top ranks them.
struct SortKey {
    bool empty = true;
    Money::rep figure = 0;
    int side = 0;
};

int side_of(Bound b) {
    switch (b) {
    case Bound::at_least:
    case Bound::more_than: return 1;
    case Bound::at_most:
    case Bound::less_than: return -1;
    case Bound::exact:
    case Bound::about:
    case Bound::nearly: return 0;
    }
    return 0;
}
}  // namespace

std::vector<std::size_t> list_order(const std::vector<Cell>& cells, const std::vector<std::uint64_t>& ids,
                                    Direction direction, std::size_t limit, const std::string& column_en) {
    std::vector<SortKey> keys(cells.size());
    const Money* first_amount = nullptr;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Cell& c = cells[i];
        if (std::holds_alternative<std::monostate>(c)) continue;
        if (const auto* a = std::get_if<ReportedAmount>(&c)) {
            if (first_amount && first_amount->currency() != a->value.currency())
                throw QueryError("parkinvest: cannot order " + std::string(iso_code(first_amount->currency())) + " and " +
                                 std::string(iso_code(a->value.currency())) + " amounts of column \"" + column_en +
                                 "\"; filter by currency (in_currency) first");
            if (!first_amount) first_amount = &a->value;
            keys[i] = SortKey{false, a->value.units(), side_of(a->bound)};
        } else if (const auto* n = std::get_if<std::int64_t>(&c)) {
            keys[i] = SortKey{false, Money::rep(*n), 0};
        } else {
            throw QueryError("parkinvest: cannot order a list by \"" + column_en + "\": " +
                             Table::text(c, Language::english) + " is not an amount or a count");
        }
    }
    const bool descending = direction == Direction::descending;
    // Empty last; the figure (and at one figure the side) in the direction asked; then the
    // record id and the position, ascending: a total order, so the result is deterministic.
    const auto before = [&](std::size_t a, std::size_t b) {
        const SortKey& x = keys[a];
        const SortKey& y = keys[b];
        if (x.empty != y.empty) return y.empty;
        if (!x.empty) {
            if (x.figure != y.figure) return descending ? x.figure > y.figure : x.figure < y.figure;
            if (x.side != y.side) return descending ? x.side > y.side : x.side < y.side;
        }
        if (ids[a] != ids[b]) return ids[a] < ids[b];
        return a < b;
    };
    std::vector<std::size_t> order(cells.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (limit < order.size()) {
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(limit), order.end(), before);
        order.resize(limit);
    } else {
        std::sort(order.begin(), order.end(), before);
    }
    return order;
}

}  // namespace parkinvest::query::detail
