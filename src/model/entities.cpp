// SPDX-License-Identifier: MIT
// Behaviour of the entities, and their Chinese and English labels.
#include <parkinvest/model/common.hpp>
#include <parkinvest/model/enterprise.hpp>
#include <parkinvest/model/loan.hpp>
#include <parkinvest/model/park.hpp>
#include <parkinvest/model/project.hpp>
#include <parkinvest/model/statistic.hpp>
#include <parkinvest/model/waste_facility.hpp>
#include <parkinvest/core/text_out.hpp>

#include "../core/text.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace parkinvest {

std::string label(const Bank& bank, Language lang) {
    if (lang == Language::chinese) return bank.name.zh + bank.branch;
    std::string text = bank.name.en.value_or(bank.name.zh);
    if (bank.branch_en) text += " " + *bank.branch_en;
    else text += bank.branch;
    return text;
}

std::string with_bound(std::string_view value_text, Bound b, Language lang) {
    std::string v(value_text);
    if (lang == Language::english) {
        const std::string_view words = label(b, lang);
        return words.empty() ? v : std::string(words) + " " + v;
    }
    switch (b) {
    case Bound::exact: return v;
    case Bound::at_least: return v + "以上";
    case Bound::more_than: return "超过" + v;
    case Bound::about: return "约" + v;
    case Bound::nearly: return "近" + v;
    case Bound::at_most: return "不超过" + v;
    case Bound::less_than: return "不足" + v;
    }
    return v;
}

namespace {

struct BoundWord {
    std::string_view word;
    Bound bound;
};
/// Before the figure (the English ones are the Bound labels, see parse_reported_amount). No word
/// is the beginning of another, so the order does not matter.
constexpr BoundWord leading_bound_words[] = {
    {"超过", Bound::more_than}, {"逾", Bound::more_than},  {"约", Bound::about},
    {"接近", Bound::nearly},    {"近", Bound::nearly},     {"不超过", Bound::at_most},
    {"不足", Bound::less_than}, {"不到", Bound::less_than}, {"低于", Bound::less_than},
};
/// After the figure.
constexpr BoundWord trailing_bound_words[] = {
    {"以上", Bound::at_least}, {"以下", Bound::at_most}, {"以内", Bound::at_most}, {"左右", Bound::about}};
/// After the number or after its unit word: 30多亿元, 300余万元, 5亿余元, 5亿多元.
constexpr BoundWord inner_bound_words[] = {{"余", Bound::more_than}, {"多", Bound::more_than}};

/// A bound word found in the text: its byte range and meaning.
struct FoundWord {
    std::size_t at;
    std::size_t length;
    std::string_view word;
    Bound bound;
};

/// The leading word at the cursor, consumed; nullopt when none is there.
std::optional<FoundWord> leading_word(detail::Cursor& c) {
    const std::size_t at = c.position();
    for (const BoundWord& w : leading_bound_words)
        if (c.consume_word(w.word)) return FoundWord{at, w.word.size(), w.word, w.bound};
    for (const Bound b : enum_values<Bound>()) {
        const std::string_view english = label(b, Language::english);
        if (!english.empty() && c.consume_word(english)) return FoundWord{at, c.position() - at, english, b};
    }
    return std::nullopt;
}

/// End of text[begin, end) without the spaces Money::parse skips (space, tab, U+00A0, U+3000);
/// `text` is valid UTF-8.
std::size_t without_trailing_spaces(std::string_view text, std::size_t begin, std::size_t end) {
    for (;;) {
        const std::string_view part = text.substr(begin, end - begin);
        if (part.ends_with(' ') || part.ends_with('\t')) end -= 1;
        else if (part.ends_with("\u00A0")) end -= 2;
        else if (part.ends_with("\u3000")) end -= 3;
        else return end;
    }
}

/// The Chinese unit words 余 and 多 may follow: 十 百 千 万 亿.
bool is_unit_character(char32_t c) {
    return c == U'十' || c == U'百' || c == U'千' || c == U'万' || c == U'亿';
}

}  // namespace

ReportedAmount parse_reported_amount(std::string_view text, Currency default_currency) {
    constexpr std::string_view what = "bounded amount";
    detail::Cursor c(text, what);
    // Plain digits and points (what the CSV writer writes: "60560000000.00") hold no bound
    // word: the amount is the whole text, as the steps below would find.
    if (!text.empty() && text.find_first_not_of("0123456789.") == std::string_view::npos) {
        ReportedAmount result;
        try {
            result.value = Money::parse(text, default_currency);
        } catch (const ParseError& e) {
            c.fail(e.offset(), e.kind());
        }
        return result;
    }
    while (!c.at_end()) c.advance(c.peek());  // invalid UTF-8 fails here, at its offset
    c.seek(0);
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);

    // The bound word; a second one, in the order of the text (leading, inner, trailing), fails.
    std::optional<FoundWord> found;
    const auto add = [&](const FoundWord& w) {
        if (!found) return void(found = w);
        std::string reason = "a second bound word, \"";
        reason += w.word;
        reason += "\", after \"";
        reason += found->word;
        reason += '"';
        c.fail(w.at, ParseErrorKind::invalid_value, reason);
    };
    while (const auto w = leading_word(c)) {
        add(*w);
        c.skip_spaces();
    }
    const std::size_t begin = c.position();

    // Trailing words, from the end backwards; the two leftmost are kept.
    std::optional<FoundWord> trailing[2];  // [0] leftmost, [1] the next
    std::size_t end = without_trailing_spaces(text, begin, text.size());
    for (bool more = true; more;) {
        more = false;
        for (const BoundWord& w : trailing_bound_words) {
            if (text.substr(begin, end - begin).ends_with(w.word)) {
                end -= w.word.size();
                trailing[1] = trailing[0];
                trailing[0] = FoundWord{end, w.word.size(), w.word, w.bound};
                end = without_trailing_spaces(text, begin, end);
                more = true;
                break;
            }
        }
    }

    // 余 and 多 count only between a digit or unit character and what is not a digit, '.' or
    // ','; elsewhere they are left to Money::parse, which refuses them. So removing one never
    // joins two numbers ("1余000").
    std::optional<FoundWord> inner_word;
    detail::Cursor inner(text.substr(0, end), what);
    inner.seek(begin);
    char32_t before = 0;  // the last code point other than a space
    while (!inner.at_end()) {
        const std::size_t at = inner.position();
        bool taken = false;
        for (const BoundWord& w : inner_bound_words) {
            if (!inner.consume_word(w.word)) continue;
            const std::size_t after = inner.position();
            inner.skip_spaces();
            const char32_t next = inner.peek().cp;
            inner.seek(after);
            taken = (detail::is_digit(before) || is_unit_character(before)) && !detail::is_digit(next) &&
                    next != '.' && next != ',';
            if (taken) {
                inner_word = FoundWord{at, w.word.size(), w.word, w.bound};
                add(*inner_word);
            } else {
                inner.seek(at);
            }
            break;
        }
        if (taken) continue;
        const detail::Cursor::CodePoint cp = inner.peek();
        if (cp.cp != ' ') before = cp.cp;
        inner.advance(cp);
    }
    for (const auto& w : trailing)
        if (w) add(*w);

    // The amount: text[begin, end) without the inner word, if any.
    std::string without;
    std::string_view amount = text.substr(begin, end - begin);
    if (inner_word) {
        without.assign(text.substr(begin, inner_word->at - begin));
        without.append(text.substr(inner_word->at + inner_word->length, end - inner_word->at - inner_word->length));
        amount = without;
    }
    ReportedAmount result;
    try {
        result.value = Money::parse(amount, default_currency);
    } catch (const ParseError& e) {
        if (e.kind() == ParseErrorKind::empty) c.fail(begin, ParseErrorKind::expected_number);
        std::size_t at = begin + e.offset();
        if (inner_word && at >= inner_word->at) at += inner_word->length;
        c.fail(at, e.kind());
    }
    if (found) result.bound = found->bound;
    return result;
}

std::string format(const ReportedAmount& amount, const MoneyFormat& options) {
    return with_bound(amount.value.format(options), amount.bound, options.language);
}

std::string format_value(const StatisticValue& value, std::string_view unit, Bound bound, Language lang) {
    std::string text = std::visit(
        [&](const auto& v) -> std::string {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::int64_t>) {
                if (lang == Language::english) return std::to_string(v);
                // 2万户, 10万人: whole multiples of 万 the way Chinese sources write them
                const bool wan = v >= 10000 && v % 10000 == 0;
                return (wan ? std::to_string(v / 10000) + "万" : std::to_string(v)) + std::string(unit);
            } else if constexpr (std::is_same_v<V, Money>) {
                MoneyFormat f;
                f.language = lang;
                return v.format(f);
            } else if constexpr (std::is_same_v<V, Percent>) {
                return text_out::percent_number(v, 6, RoundingMode::half_up) + "%";  // "44.2%"
            } else if constexpr (std::is_same_v<V, Area>) {
                const bool large = v >= Area::of(1, AreaKind::Unit::square_kilometre);
                return v.format(large ? AreaKind::Unit::square_kilometre : AreaKind::Unit::square_metre, lang);
            } else if constexpr (std::is_same_v<V, Mass>) {
                return v.format(MassKind::Unit::tonne, lang);
            } else if constexpr (std::is_same_v<V, AnnualThroughput>) {
                return v.format(AnnualThroughputKind::Unit::tonne_per_year, lang);
            } else {
                return v.format(lang);
            }
        },
        value);
    if (std::holds_alternative<ReportedDate>(value)) return text;
    return with_bound(text, bound, lang);
}

// ---------------------------------------------------------------- Project

std::optional<Stage> Project::stage_as_of(Date d) const {
    std::optional<Stage> stage;
    for (const StageEvent& e : stages) {
        if (e.date.last() <= d) stage = e.stage;
    }
    return stage;
}

bool Project::reached(Stage s, Date d) const {
    return std::any_of(stages.begin(), stages.end(), [&](const StageEvent& e) {
        if (!(e.date.last() <= d)) return false;
        if (on_main_path(s)) return on_main_path(e.stage) && e.stage >= s;
        return e.stage == s;
    });
}

// ---------------------------------------------------------------- Loan

std::optional<Money> Loan::outstanding_as_of(Date d) const {
    // Snapshots ascend by date: the last one on or before d.
    const auto it = std::upper_bound(snapshots.begin(), snapshots.end(), d,
                                     [](Date day, const LoanSnapshot& s) { return day < s.as_of; });
    if (it == snapshots.begin()) return std::nullopt;
    return std::prev(it)->outstanding;
}

// ---------------------------------------------------------------- Waste

HwCategory::HwCategory(int number) : number_(number) {
    if (number < 1 || number > 50)
        throw ArgumentError("parkinvest: hazardous-waste categories are HW01 to HW50, not " + std::to_string(number));
}

HwCategory HwCategory::parse(std::string_view text) {
    detail::Cursor c(text, "hazardous-waste category");
    c.skip_spaces();
    if (c.at_end()) c.fail(0, ParseErrorKind::empty);
    if (!c.consume_word("HW")) {
        // consume_word refuses "HW" followed by a letter; digits follow here
        c.fail(c.position(), ParseErrorKind::unknown_unit, "expected HW");
    }
    const std::size_t at = c.position();
    int n = 0;
    int digits = 0;
    for (auto cp = c.peek(); detail::is_digit(cp.cp) && digits < 3; cp = c.peek(), ++digits) {
        n = n * 10 + static_cast<int>(cp.cp - '0');
        c.advance(cp);
    }
    if (digits == 0) c.fail(at, ParseErrorKind::expected_number);
    c.skip_spaces();
    if (!c.at_end()) c.fail_leftover();
    if (n < 1 || n > 50) c.fail(at, ParseErrorKind::invalid_value, "categories are HW01 to HW50");
    return HwCategory(n);
}

std::string HwCategory::to_string() const { return std::string(number_ < 10 ? "HW0" : "HW") + std::to_string(number_); }

std::vector<int> WasteFacility::years_over_capacity() const {
    std::optional<AnnualThroughput> limit = max_annual_throughput;
    if (licence && licence->approved_total && (!limit || *licence->approved_total < *limit)) limit = licence->approved_total;
    std::vector<int> years;
    if (!limit) return years;
    for (const YearlyThroughput& y : yearly_throughput)
        if (y.handled.base_count() > limit->base_count()) years.push_back(y.year);  // both count grams
    return years;
}

}  // namespace parkinvest
