// SPDX-License-Identifier: MIT
// The command-line tool does what its help says. The help is read from the built tool
// (`parkinvest --help` and `parkinvest COMMAND --help`), and every example, every query form
// (--entity, --where, --group-by, --agg with each value of FIELD, STAGE, DATE, PERIOD, BUCKET,
// MODE), every file format and every listed option value is run: an example added to the help
// that does not work fails here. A few outputs are checked against values computed here from the
// built-in sample dataset.
#include <parkinvest/io/io.hpp>
#include <parkinvest/parkinvest.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>

#include <gtest/gtest.h>

#include "support/cli_run.hpp"
#include "support/files.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest {
namespace {

namespace fs = std::filesystem;
using test::Cli;
using test::CliRun;
using test::shown;

// ---------------------------------------------------------------------------- reading the help

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(' ');
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(' ') - b + 1));
}

std::vector<std::string> words(std::string_view s) {
    std::istringstream in{std::string(s)};
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

/// `s` split at `sep` outside parentheses and brackets, each part trimmed, empty parts dropped.
std::vector<std::string> split_top(std::string_view s, char sep) {
    std::vector<std::string> out;
    int depth = 0;
    std::string part;
    const auto flush = [&] {
        if (std::string t = trim(part); !t.empty()) out.push_back(std::move(t));
        part.clear();
    };
    for (const char c : s) {
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
        if (c == sep && depth == 0) flush();
        else part += c;
    }
    flush();
    return out;
}

/// `s` without its parenthesised comments; the "e.g. X" inside them are appended to `examples`.
std::string without_comments(std::string_view s, std::vector<std::string>* examples = nullptr) {
    std::string out;
    int depth = 0;
    std::string comment;
    for (const char c : s) {
        if (c == '(' && depth++ == 0) continue;
        if (c == ')' && --depth == 0) {
            if (const auto eg = comment.find("e.g. "); eg != std::string::npos && examples != nullptr)
                examples->push_back(words(comment.substr(eg + 5)).at(0));
            comment.clear();
            continue;
        }
        (depth > 0 ? comment : out) += c;
    }
    return out;
}

/// One entry of a help section: a line indented by two spaces and its deeper-indented continuations.
struct Entry {
    std::string key;   ///< the first word
    std::string text;  ///< the whole entry, lines joined by a space
};

/// The help's sections ("Commands", "Formats (F)", "Query", "Examples": a line at column 0 with
/// a colon starts one, a blank line ends it) and their entries.
std::map<std::string, std::vector<Entry>> sections(const std::string& help) {
    std::map<std::string, std::vector<Entry>> out;
    std::string section;
    std::istringstream in(help);
    for (std::string line; std::getline(in, line);) {
        if (trim(line).empty()) {
            section.clear();
            continue;
        }
        const std::size_t indent = line.find_first_not_of(' ');
        if (indent == 0 && line.find(':') != std::string::npos) {
            const auto colon = line.find(':');
            section = line.substr(0, colon);
            if (const std::string rest = trim(line.substr(colon + 1)); !rest.empty()) out[section].push_back({"", rest});
            continue;
        }
        if (section.empty()) continue;
        auto& entries = out[section];
        if (indent == 2 || entries.empty()) entries.push_back({"", trim(line)});
        else entries.back().text += " " + trim(line);
    }
    for (auto& [name, entries] : out)
        for (Entry& e : entries) e.key = words(e.text).at(0);
    return out;
}

const Entry* find_entry(const std::vector<Entry>& entries, std::string_view key) {
    for (const Entry& e : entries)
        if (e.key == key) return &e;
    return nullptr;
}

/// Both forms of each optional part: "average:FIELD[:MODE]" → "average:FIELD", "average:FIELD:MODE";
/// a trailing ",..." (more of the same) is dropped.
std::vector<std::string> expand(std::string form) {
    if (const auto etc = form.find(",..."); etc != std::string::npos) form.erase(etc, 4);
    const auto open = form.find('[');
    if (open == std::string::npos) return {form};
    const auto close = form.find(']', open);
    std::vector<std::string> out = expand(form.substr(0, open) + form.substr(close + 1));
    for (std::string& f : expand(form.substr(0, open) + form.substr(open + 1, close - open - 1) + form.substr(close + 1)))
        out.push_back(std::move(f));
    return out;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

/// The placeholders (all-capital words: FIELD, STAGE, DATE …) of a form, in order, with repeats.
std::vector<std::string> placeholders(std::string_view form) {
    std::vector<std::string> out;
    std::size_t i = 0;
    const auto word = word_char;
    while (i < form.size()) {
        if (!word(form[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < form.size() && word(form[j])) ++j;
        const std::string_view w = form.substr(i, j - i);
        if (w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) out.emplace_back(w);
        i = j;
    }
    return out;
}

using Values = std::map<std::string, std::vector<std::string>>;

/// The values the help lists for its placeholders; FIELD per entity.
struct Vocabulary {
    std::vector<std::string> entities;
    std::map<std::string, Values> per_entity;  ///< entity → {"FIELD": its amount fields}
    Values common;
};

Vocabulary vocabulary(const std::vector<Entry>& query) {
    Vocabulary v;
    // Values the help leaves to the reader: an id (park 1 and industry 1 are in the sample), an
    // amount, an industry depth.
    v.common["ID"] = {"1"};
    v.common["AMOUNT"] = {"1亿", "10亿", "100亿"};
    v.common["DEPTH"] = {"0", "1"};
    v.common["CODE"] = {"CNY"};  // a currency the sample's amounts are in
    for (const Entry& e : query) {
        const std::string rest = trim(std::string_view(e.text).substr(e.key.size()));
        if (e.key == "--entity") v.entities = split_top(rest, '|');
        if (e.key == "FIELD") {
            std::string entity;
            for (const std::string& w : words(rest)) {
                if (w.back() == ':') entity = w.substr(0, w.size() - 1);
                else v.per_entity[entity]["FIELD"].push_back(w);
            }
        }
        if (e.key == "STAGE") {
            for (const std::string& w : words(rest)) {
                std::string s;
                std::copy_if(w.begin(), w.end(), std::back_inserter(s), [](char c) { return c != '(' && c != ')'; });
                if (!s.empty() && s != "or") v.common["STAGE"].push_back(s);
            }
        }
        if (e.key == "DATE") {  // "DATE 2020-06-30, ...;  PERIOD 2020, 2020H1, ... ..."
            for (const std::string& segment : split_top(e.text, ';')) {
                const std::string name = words(segment).at(0);
                for (std::string value : split_top(std::string_view(segment).substr(name.size()), ',')) {
                    if (value.ends_with("...")) value = trim(value.substr(0, value.size() - 3));
                    if (!value.empty()) v.common[name].push_back(value);
                }
            }
        }
        if (e.key == "BUCKET") v.common["BUCKET"] = split_top(rest, '|');
        if (e.key == "DIRECTION") v.common["DIRECTION"] = split_top(without_comments(rest), '|');
        if (e.key == "MODE") v.common["MODE"] = words(without_comments(rest));
    }
    return v;
}

/// The query forms of an option: "--where" conditions, "--group-by" keys, "--agg" aggregates.
std::vector<std::string> forms(const std::vector<Entry>& query, std::string_view option) {
    const Entry* e = find_entry(query, option);
    if (e == nullptr) return {};
    std::vector<std::string> examples;
    const std::string text = without_comments(std::string_view(e->text).substr(e->key.size()), &examples);
    std::vector<std::string> raw;
    if (option == "--where") {
        // Conditions are the words with an operator; the sentence after them is prose.
        for (const std::string& w : words(text))
            if (w.find_first_of("=<>") != std::string::npos) raw.push_back(w);
    } else {
        raw = split_top(text, '|');
    }
    for (std::string& x : examples) raw.push_back(std::move(x));
    std::vector<std::string> out;
    for (const std::string& r : raw)
        for (std::string& f : expand(r)) out.push_back(std::move(f));
    return out;
}

/// `form` with its placeholders replaced: the k-th placeholder of a name takes value (i + k) mod n.
std::optional<std::string> instantiate(const std::string& form, const Values& values, std::size_t i) {
    std::string out;
    std::map<std::string, std::size_t> seen;
    std::size_t pos = 0;
    for (const std::string& p : placeholders(form)) {
        const auto it = values.find(p);
        if (it == values.end() || it->second.empty()) return std::nullopt;
        std::size_t at = pos;
        for (;;) {  // the next occurrence of p as a whole word
            at = form.find(p, at);
            const bool left = at == 0 || !word_char(form[at - 1]);
            const std::size_t end = at + p.size();
            const bool right = end == form.size() || !word_char(form[end]);
            if (left && right) break;
            ++at;
        }
        out += form.substr(pos, at - pos);
        out += it->second[(i + seen[p]++) % it->second.size()];
        pos = at + p.size();
    }
    return out + form.substr(pos);
}

std::size_t runs_needed(const std::string& form, const Values& values) {
    std::size_t n = 1;
    for (const std::string& p : placeholders(form))
        if (const auto it = values.find(p); it != values.end()) n = std::max(n, it->second.size());
    return n;
}

// ---------------------------------------------------------------------------- the checks

/// Every example of the help runs and succeeds ("a && b" runs a, then b).
void check_examples(const Cli& cli, const std::vector<Entry>& examples) {
    ASSERT_FALSE(examples.empty()) << "the help shows no examples";
    for (const Entry& e : examples) {
        std::string line = e.text;
        for (std::size_t at; (at = line.find("&&")) != std::string::npos;) line.replace(at, 2, "\n");
        std::istringstream commands(line);
        for (std::string command; std::getline(commands, command);) {
            std::vector<std::string> args = words(command);
            ASSERT_EQ(args.at(0), "parkinvest") << e.text;
            args.erase(args.begin());
            const CliRun r = cli(args);
            EXPECT_EQ(r.status, 0) << "example: " << e.text << "\n" << r.err;
        }
    }
}

/// Each format of "Formats (F)": `sample --format F`, `convert --to F`, the extension it names,
/// and unless it is write only `validate --format F` and `convert --from F`.
void check_formats(const Cli& cli, const std::vector<Entry>& formats) {
    ASSERT_EQ(formats.size(), 1U);
    const std::string& text = formats[0].text;
    std::size_t checked = 0;
    for (const std::string& item : split_top(text.substr(0, text.find(". ")), ',')) {
        const std::string name = words(item).at(0);
        std::vector<std::string> notes;
        const auto open = item.find('(');
        if (open != std::string::npos) notes = split_top(item.substr(open + 1, item.find(')') - open - 1), ',');
        const bool write_only = std::find(notes.begin(), notes.end(), "write only") != notes.end();
        const std::string out = "by_format_" + name;
        CliRun r = cli({"sample", out, "--format", name});
        EXPECT_EQ(r.status, 0) << "sample --format " << name << "\n" << r.err;
        r = cli({"convert", "sample.json", out + "_converted", "--to", name});
        EXPECT_EQ(r.status, 0) << "convert --to " << name << "\n" << r.err;
        for (const std::string& note : notes) {
            if (!note.starts_with(".")) continue;
            r = cli({"sample", "by_extension" + note});
            EXPECT_EQ(r.status, 0) << "sample by_extension" << note << "\n" << r.err;
        }
        if (!write_only) {
            r = cli({"validate", out, "--format", name});
            EXPECT_EQ(r.status, 0) << "validate --format " << name << "\n" << r.err;
            EXPECT_NE(r.out.find("ok (10 parks"), std::string::npos) << r.out;
            r = cli({"convert", out, out + ".json", "--from", name});
            EXPECT_EQ(r.status, 0) << "convert --from " << name << "\n" << r.err;
        }
        ++checked;
    }
    EXPECT_GE(checked, 6U) << text;
}

/// Every form of --where, --group-by and --agg, with every value of its placeholders, works for
/// at least one entity (for each value: no entity is named by the form itself).
void check_query_forms(const Cli& cli, const std::vector<Entry>& query) {
    const Vocabulary v = vocabulary(query);
    ASSERT_EQ(v.entities.size(), 3U);
    for (const char* name : {"STAGE", "DATE", "PERIOD", "BUCKET", "MODE", "DIRECTION"})
        EXPECT_FALSE(v.common.count(name) == 0 || v.common.at(name).empty()) << name << " lists no values";
    std::size_t runs = 0;
    for (const std::string_view option : {"--where", "--group-by", "--agg", "--columns", "--order-by"}) {
        const bool list_form = option == "--columns" || option == "--order-by";
        const std::vector<std::string> fs = forms(query, option);
        EXPECT_GE(fs.size(), 4U) << option;
        for (const std::string& form : fs) {
            std::string failures;
            bool works = false;
            for (const std::string& entity : v.entities) {
                Values values = v.common;
                if (const auto it = v.per_entity.find(entity); it != v.per_entity.end())
                    for (const auto& [k, list] : it->second) values[k] = list;
                bool all = true;
                const std::size_t n = runs_needed(form, values);
                for (std::size_t i = 0; all && i < n; ++i) {
                    const auto arg = instantiate(form, values, i);
                    if (!arg) {
                        all = false;
                        failures += "  " + entity + ": no values for a placeholder of " + form + "\n";
                        break;
                    }
                    std::vector<std::string> args = {"query", "sample.json", "--entity", entity, std::string(option), *arg};
                    if (list_form) args.emplace_back("--list");
                    else if (option != "--agg") args.insert(args.end(), {"--agg", "count"});
                    const CliRun r = cli(args);
                    ++runs;
                    if (r.status != 0) {
                        all = false;
                        failures += "  " + shown(args) + ": " + r.err;
                    }
                }
                if (all) {
                    works = true;
                    break;
                }
            }
            EXPECT_TRUE(works) << option << " " << form << " works for no entity:\n" << failures;
        }
    }
    EXPECT_GE(runs, 40U);
}

/// Each "[--OPTION a|b|c]" of a command's synopsis, with each value.
void check_option_values(const Cli& cli, const std::vector<Entry>& commands) {
    // The shortest working command line of each command with such options.
    const std::map<std::string, std::vector<std::string>> minimal = {
        {"report", {"report", "sample.json"}},
        {"query", {"query", "sample.json", "--entity", "projects", "--agg", "count"}},
    };
    const std::regex alternatives(R"(\[(--[a-z-]+) ([a-z_]+(\|[a-z_]+)+)\])");
    std::size_t checked = 0;
    for (const Entry& e : commands) {
        for (std::sregex_iterator m(e.text.begin(), e.text.end(), alternatives), end; m != end; ++m) {
            const auto base = minimal.find(e.key);
            ASSERT_NE(base, minimal.end()) << "no minimal command line for " << e.key << " in this test";
            for (const std::string& value : split_top((*m)[2].str(), '|')) {
                std::vector<std::string> args = base->second;
                args.insert(args.end(), {(*m)[1].str(), value});
                const CliRun r = cli(args);
                EXPECT_EQ(r.status, 0) << shown(args) << "\n" << r.err;
                ++checked;
            }
        }
    }
    EXPECT_GE(checked, 7U);  // report --lang zh|en; query --format table|csv|json, --lang zh|en
}

/// The distinct help texts: `parkinvest --help` and `parkinvest COMMAND --help` for each command.
std::set<std::string> help_texts(const Cli& cli) {
    const CliRun top = cli({"--help"});
    EXPECT_EQ(top.status, 0);
    EXPECT_TRUE(top.out.starts_with("usage: parkinvest")) << top.out;
    std::set<std::string> helps{top.out};
    const auto s = sections(top.out);
    EXPECT_GE(s.count("Commands"), 1U);
    for (const Entry& e : s.count("Commands") != 0 ? s.at("Commands") : std::vector<Entry>{}) {
        const CliRun r = cli({e.key, "--help"});
        EXPECT_EQ(r.status, 0) << e.key << " --help";
        EXPECT_TRUE(r.out.starts_with("usage: parkinvest")) << e.key << " --help:\n" << r.out;
        helps.insert(r.out);
    }
    return helps;
}

TEST(CliHelp, EveryExampleFormFormatAndOptionValueOfEveryHelpWorks) {
    const Cli cli;
    for (const std::string& help : help_texts(cli)) {
        const auto s = sections(help);
        for (const char* name : {"Commands", "Formats (F)", "Query", "Examples"})
            ASSERT_EQ(s.count(name), 1U) << "no section '" << name << "' in\n" << help;
        check_examples(cli, s.at("Examples"));
        check_formats(cli, s.at("Formats (F)"));
        check_query_forms(cli, s.at("Query"));
        check_option_values(cli, s.at("Commands"));
    }
}

TEST(CliHelp, TheReaderOfTheHelpFindsWhatItLists) {
    // The test above is only as good as its reading of the help: on a help written here, it finds
    // each form, value and example.
    const std::string help = "usage: parkinvest COMMAND\n\n"
                             "Query:\n"
                             "  --entity   projects | loans\n"
                             "  --where    park=ID (with its sub-parks)   a=STAGE@DATE   (projects)\n"
                             "             FIELD>=AMOUNT   (thresholds, e.g. x>=10亿)\n"
                             "             Several --where must all hold.\n"
                             "  --group-by park | industry[:DEPTH] | period:STAGE:BUCKET\n"
                             "             | band:FIELD:AMOUNT,AMOUNT,...      (at most two)\n"
                             "  FIELD      projects: p1 p2\n"
                             "             loans: l1\n"
                             "  STAGE      s1 s2\n"
                             "             (or 签约 开工)\n"
                             "  DATE       2020-06-30, 2020年6月30日;  PERIOD  2020, 2020H1 ...\n"
                             "  BUCKET     year | half\n"
                             "  MODE       up down (default up)\n\n"
                             "Examples:\n"
                             "  parkinvest sample a.json\n";
    const auto s = sections(help);
    ASSERT_EQ(s.count("Query"), 1U);
    const auto& q = s.at("Query");
    EXPECT_EQ(forms(q, "--where"), (std::vector<std::string>{"park=ID", "a=STAGE@DATE", "FIELD>=AMOUNT", "x>=10亿"}));
    EXPECT_EQ(forms(q, "--group-by"), (std::vector<std::string>{"park", "industry", "industry:DEPTH", "period:STAGE:BUCKET",
                                                                "band:FIELD:AMOUNT,AMOUNT"}));
    const Vocabulary v = vocabulary(q);
    EXPECT_EQ(v.entities, (std::vector<std::string>{"projects", "loans"}));
    EXPECT_EQ(v.per_entity.at("projects").at("FIELD"), (std::vector<std::string>{"p1", "p2"}));
    EXPECT_EQ(v.per_entity.at("loans").at("FIELD"), (std::vector<std::string>{"l1"}));
    EXPECT_EQ(v.common.at("STAGE"), (std::vector<std::string>{"s1", "s2", "签约", "开工"}));
    EXPECT_EQ(v.common.at("DATE"), (std::vector<std::string>{"2020-06-30", "2020年6月30日"}));
    EXPECT_EQ(v.common.at("PERIOD"), (std::vector<std::string>{"2020", "2020H1"}));
    EXPECT_EQ(v.common.at("BUCKET"), (std::vector<std::string>{"year", "half"}));
    EXPECT_EQ(v.common.at("MODE"), (std::vector<std::string>{"up", "down"}));
    // Each value at least once; repeated placeholders take successive values.
    Values values = v.common;
    values["FIELD"] = {"p1", "p2"};
    EXPECT_EQ(runs_needed("band:FIELD:AMOUNT,AMOUNT", values), 3U);
    EXPECT_EQ(instantiate("band:FIELD:AMOUNT,AMOUNT", values, 0), "band:p1:1亿,10亿");
    EXPECT_EQ(instantiate("band:FIELD:AMOUNT,AMOUNT", values, 2), "band:p1:100亿,1亿");
    EXPECT_EQ(instantiate("a=STAGE@DATE", values, 3), "a=开工@2020年6月30日");
    EXPECT_EQ(instantiate("x=UNKNOWN", values, 0), std::nullopt);
    ASSERT_EQ(s.at("Examples").size(), 1U);
    EXPECT_EQ(s.at("Examples")[0].text, "parkinvest sample a.json");
}

// ---------------------------------------------------------------------------- values

/// The park's root (its zone), walking parent links in the sample.
ParkId zone_of(const Dataset& ds, ParkId p) {
    for (const Park* park = ds.find(p); park != nullptr && park->parent; park = ds.find(*park->parent)) p = *park->parent;
    return p;
}

/// The number on the CSV row after the header of `parkinvest query ... --format csv` (one group).
std::string single_count(const CliRun& r) {
    EXPECT_EQ(r.status, 0) << r.err;
    const auto nl = r.out.find('\n');
    if (nl == std::string::npos) return {};
    std::string row = r.out.substr(nl + 1, r.out.find('\n', nl + 1) - nl - 1);
    if (row.ends_with('\r')) row.pop_back();  // CSV rows end in CRLF
    return row;
}

TEST(CliHelp, TheZoneExampleCountsEachZonesProjectsOfTheSample) {
    // The help's example grouping projects by zone, run as written: each zone's row shows the
    // number of sample projects in the zone or any park below it, counted here.
    const Cli cli;
    const auto s = sections(cli({"--help"}).out);
    ASSERT_EQ(s.count("Examples"), 1U);
    const Entry* example = nullptr;
    for (const Entry& e : s.at("Examples"))
        if (e.text.find("--group-by zone") != std::string::npos && e.text.find("--agg count") != std::string::npos) example = &e;
    ASSERT_NE(example, nullptr) << "the help no longer shows a query by zone";
    for (const Entry& e : s.at("Examples")) {  // the examples before it write the file it reads
        std::vector<std::string> args = words(e.text.substr(0, e.text.find("&&")));
        args.erase(args.begin());
        const CliRun r = cli(args);
        ASSERT_EQ(r.status, 0) << e.text << "\n" << r.err;
        if (&e == example) {
            const Dataset ds = samples::high_tech_zones_2020();
            std::map<ParkId, int> count;
            for (const Project& p : ds.projects()) ++count[zone_of(ds, p.park)];
            ASSERT_GE(count.size(), 2U);
            std::size_t rows = 0;
            std::istringstream lines(r.out);
            for (std::string line; std::getline(lines, line);) {
                for (const auto& [zone, n] : count) {
                    const std::string& name = ds.find(zone)->name.zh;
                    if (!line.starts_with(name + " ")) continue;
                    ++rows;
                    EXPECT_EQ(words(line.substr(name.size())).at(0), std::to_string(n)) << line;
                }
            }
            EXPECT_EQ(rows, count.size()) << r.out;
        }
    }
}

TEST(CliHelp, EachPeriodFormOfTheHelpSelectsTheProjectsSignedInIt) {
    // entered=contracted@PERIOD for each PERIOD the help lists counts the sample projects with a
    // 签约 event whose reported date lies in the period, whose days are written out here by hand.
    const std::map<std::string, std::pair<Date, Date>> meaning = {
        {"2020", {Date(2020, 1, 1), Date(2020, 12, 31)}},    {"2020H1", {Date(2020, 1, 1), Date(2020, 6, 30)}},
        {"2020年上半年", {Date(2020, 1, 1), Date(2020, 6, 30)}}, {"2020-Q2", {Date(2020, 4, 1), Date(2020, 6, 30)}},
        {"2020-06", {Date(2020, 6, 1), Date(2020, 6, 30)}},
    };
    const Cli cli;
    const auto s = sections(cli({"--help"}).out);
    const Vocabulary v = vocabulary(s.at("Query"));
    ASSERT_EQ(v.common.count("PERIOD"), 1U);
    const Dataset ds = samples::high_tech_zones_2020();
    std::set<std::string> counts;
    for (const std::string& period : v.common.at("PERIOD")) {
        const auto it = meaning.find(period);
        ASSERT_NE(it, meaning.end()) << "the help lists the period " << period << "; add its days to this test";
        const Date first = it->second.first;
        const Date last = it->second.second;
        int expected = 0;
        for (const Project& p : ds.projects()) {
            expected += std::any_of(p.stages.begin(), p.stages.end(), [&](const StageEvent& e) {
                return e.stage == Stage::contracted && first <= e.date.first() && e.date.last() <= last;
            });
        }
        const std::string got = single_count(cli({"query", "sample.json", "--entity", "projects", "--where",
                                                  "entered=contracted@" + period, "--agg", "count", "--format", "csv"}));
        EXPECT_EQ(got, std::to_string(expected)) << period;
        counts.insert(got);
    }
    EXPECT_GE(counts.size(), 2U) << "the periods should not all select the same projects";
}

TEST(CliHelp, ParkAndIndustryIdsSelectWhatTheSampleHoldsBelowThem) {
    // --where park=ID counts the projects of the park and of every park below it; industry=ID
    // those classified under the industry or below it; both walked here through parent links,
    // for every park and industry of the sample.
    const Cli cli;
    const Dataset ds = samples::high_tech_zones_2020();
    const auto count = [&](const std::string& where) {
        return single_count(cli({"query", "sample.json", "--entity", "projects", "--where", where, "--agg", "count", "--format", "csv"}));
    };
    std::set<int> seen;
    for (const Park& park : ds.parks()) {
        int n = 0;
        for (const Project& p : ds.projects())
            for (const Park* x = ds.find(p.park); x != nullptr; x = x->parent ? ds.find(*x->parent) : nullptr)
                if (x->id == park.id) ++n;
        EXPECT_EQ(count("park=" + std::to_string(park.id.value())), std::to_string(n)) << park.name.zh;
        seen.insert(n);
    }
    for (const Industry& industry : ds.industries()) {
        int n = 0;
        for (const Project& p : ds.projects()) {
            n += std::any_of(p.industries.begin(), p.industries.end(), [&](IndustryId i) {
                for (const Industry* x = ds.find(i); x != nullptr; x = x->parent ? ds.find(*x->parent) : nullptr)
                    if (x->id == industry.id) return true;
                return false;
            });
        }
        EXPECT_EQ(count("industry=" + std::to_string(industry.id.value())), std::to_string(n)) << industry.name.zh;
        seen.insert(n);
    }
    EXPECT_GE(seen.size(), 3U) << "the counts should not all be the same";
}

TEST(CliChainDepth, ZoneAndIndustryDepthRollUpAChainDeeperThanSixtyFourLevels) {
    // 70 parks in one chain (park 1 the zone) and 70 industries in one chain, project k in park k
    // and industry k: --group-by zone is one row of 70 (was six rows: the walk stopped after 64
    // links), industry:70 keeps each industry apart (was industry:6: the depth was taken mod 64)
    // and industry:65 groups industries 66-70 under industry 66.
    const Cli cli;
    Batch b;
    for (std::uint64_t id = 1; id <= 70; ++id) {
        Park park;
        park.id = ParkId{id};
        park.name.zh = "园区" + std::to_string(id);
        park.kind = id == 1 ? ParkKind::national_high_tech_zone : ParkKind::industrial_park;
        park.province = "重庆市";
        park.city = "重庆市";
        if (id > 1) park.parent = ParkId{id - 1};
        b.parks.push_back(park);
        Industry industry;
        industry.id = IndustryId{id};
        industry.scheme = "链";
        industry.code = "c" + std::to_string(id);
        industry.name.zh = "产业" + std::to_string(id);
        if (id > 1) industry.parent = IndustryId{id - 1};
        b.industries.push_back(industry);
        Project p;
        p.id = ProjectId{id};
        p.name.zh = "项目" + std::to_string(id);
        p.park = ParkId{id};
        p.industries = {IndustryId{id}};
        b.projects.push_back(p);
    }
    Dataset ds;
    ds.insert(std::move(b));
    io::save(ds, cli.folder() / "chain.json");
    const auto rows = [&](const std::string& key) {
        const CliRun r = cli({"query", "chain.json", "--entity", "projects", "--group-by", key, "--agg", "count", "--format", "csv"});
        EXPECT_EQ(r.status, 0) << r.err;
        std::vector<std::string> out;
        std::istringstream lines(r.out);
        std::string line;
        std::getline(lines, line);  // the header
        while (std::getline(lines, line)) {
            if (line.ends_with('\r')) line.pop_back();
            out.push_back(line);
        }
        return out;
    };
    EXPECT_EQ(rows("zone"), std::vector<std::string>{"园区1,70"});
    EXPECT_EQ(rows("industry:70").size(), 70U);
    std::vector<std::string> at65;
    for (int k = 1; k <= 65; ++k) at65.push_back("产业" + std::to_string(k) + ",1");
    at65.push_back("产业66,5");
    EXPECT_EQ(rows("industry:65"), at65);
}

TEST(CliCurrencies, RatesConvertAndCurrencyFiltersSelect) {
    // Park 1 with three projects signed in 2020: 3亿 CNY (March), 1000万 USD (March), 2000万 USD
    // (August).
    const Cli cli;
    Batch b;
    Park park;
    park.id = ParkId{1};
    park.name.zh = "园区";
    park.kind = ParkKind::national_high_tech_zone;
    park.province = "重庆市";
    park.city = "重庆市";
    b.parks = {park};
    const auto add = [&](std::uint64_t id, Money m, int month) {
        Project p;
        p.id = ProjectId{id};
        p.name.zh = "项目" + std::to_string(id);
        p.park = ParkId{1};
        p.contract_investment = ReportedAmount{m, Bound::exact, false};
        p.stages = {StageEvent{Stage::contracted, ReportedDate::day(2020, month, 1)}};
        b.projects.push_back(p);
    };
    add(1, Money::parse("3亿"), 3);
    add(2, Money::of(10'000'000, Currency::USD), 3);
    add(3, Money::of(20'000'000, Currency::USD), 8);
    Dataset ds;
    ds.insert(std::move(b));
    io::save(ds, cli.folder() / "usd.json");
    const auto sum = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"query", "usd.json", "--entity", "projects", "--agg", "sum:contract_investment", "--format", "csv", "--lang", "en"};
        args.insert(args.end(), extra.begin(), extra.end());
        return cli(args);
    };
    // Without a rate: an error that names both currencies and the option that helps.
    const CliRun mixed = sum({});
    EXPECT_EQ(mixed.status, 1);
    EXPECT_NE(mixed.err.find("cannot aggregate CNY and USD"), std::string::npos) << mixed.err;
    // --rate: 3亿 + 3000万 × 7.0795 = 5.12385亿.
    const CliRun rated = sum({"--rate", "USD/CNY=7.0795"});
    EXPECT_EQ(rated.status, 0) << rated.err;
    EXPECT_EQ(rated.out, "sum,sum bound,sum currency\r\n512385000.00,exact,CNY\r\n");
    // --rates: 7.0 from 2020-01-01, 7.1 from 2020-07-01, each project at its signing date:
    // 3亿 + 1000万 × 7 + 2000万 × 7.1 = 5.12亿; with --rate-date 2020-12-31 all at 7.1: 5.13亿.
    {
        std::ofstream rates(cli.folder() / "rates.csv");
        rates << "date,from,to,rate\n2020-01-01,USD,CNY,7.0\n2020-07-01,USD,CNY,7.1\n";
    }
    const CliRun dated = sum({"--rates", "rates.csv"});
    EXPECT_EQ(dated.status, 0) << dated.err;
    EXPECT_EQ(dated.out, "sum,sum bound,sum currency\r\n512000000.00,exact,CNY\r\n");
    const CliRun fixed = sum({"--rates", "rates.csv", "--rate-date", "2020-12-31"});
    EXPECT_EQ(fixed.out, "sum,sum bound,sum currency\r\n513000000.00,exact,CNY\r\n");
    // --where currency=USD: 3000万 USD.
    const CliRun usd = sum({"--where", "currency=USD"});
    EXPECT_EQ(usd.out, "sum,sum bound,sum currency\r\n30000000.00,exact,USD\r\n");
    // Mistakes: a malformed rate (usage, exit 2), a bad rate table row (exit 1, where it is).
    EXPECT_EQ(sum({"--rate", "USD=7"}).status, 2);
    EXPECT_EQ(sum({"--where", "currency=XYZ"}).status, 2);
    {
        std::ofstream bad(cli.folder() / "bad.csv");
        bad << "date,from,to,rate\n2020-01-01,USD,CNY,-7\n";
    }
    const CliRun bad = sum({"--rates", "bad.csv"});
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.err.find("bad.csv:2:4"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace parkinvest
