// SPDX-License-Identifier: MIT
// Memory needed to load hostile 1 MB archives and CSV folders: never more than 64 MB. Its own executable,
// because it replaces the global operator new to count bytes.
//
// Two measurements, so that one runs in every CI build:
//  * every build (gcc, clang with AddressSanitizer, the portable build): the peak of the bytes
//    held through operator new while loading, above what was held before. This counts the
//    records, the Dataset, cereal's stacks and RapidXML's node pools; it does not count
//    RapidJSON's document, which uses malloc;
//  * builds without AddressSanitizer (which reserves terabytes of address space for its shadow
//    memory): each file is also loaded in a child process whose address space may grow by at
//    most 64 MB (setrlimit(RLIMIT_AS)), which counts every allocation, malloc included.
#include <parkinvest/io/cereal.hpp>
#include <parkinvest/io/io.hpp>

#include <cereal/archives/binary.hpp>

#include <gtest/gtest.h>

#include "io/archive_support.hpp"

#include <atomic>
#include <filesystem>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define PARKINVEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PARKINVEST_ASAN 1
#endif
#endif
#ifndef PARKINVEST_ASAN
#define PARKINVEST_ASAN 0
#endif

#include <unistd.h>
#if !PARKINVEST_ASAN
#include <sys/resource.h>
#include <sys/wait.h>
#endif

// ------------------------------------------------------------------ counting operator new

namespace {
std::atomic<std::size_t> g_current{0};
std::atomic<std::size_t> g_peak{0};
constexpr std::size_t kHeader = alignof(std::max_align_t);

void* counted_new(std::size_t size) {
    void* raw = std::malloc(size + kHeader);
    if (raw == nullptr) throw std::bad_alloc();
    *static_cast<std::size_t*>(raw) = size;
    const std::size_t now = g_current.fetch_add(size) + size;
    std::size_t peak = g_peak.load();
    while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
    }
    return static_cast<char*>(raw) + kHeader;
}
void counted_delete(void* p) noexcept {
    if (p == nullptr) return;
    void* raw = static_cast<char*>(p) - kHeader;
    g_current.fetch_sub(*static_cast<std::size_t*>(raw));
    std::free(raw);
}
void* counted_new_aligned(std::size_t size, std::align_val_t align) {
    const auto a = static_cast<std::size_t>(align);
    const std::size_t header = a > kHeader ? a : kHeader;
    void* raw = std::aligned_alloc(a, (size + header + a - 1) / a * a);
    if (raw == nullptr) throw std::bad_alloc();
    void* p = static_cast<char*>(raw) + header;
    static_cast<std::size_t*>(p)[-1] = size;
    static_cast<void**>(p)[-2] = raw;
    const std::size_t now = g_current.fetch_add(size) + size;
    std::size_t peak = g_peak.load();
    while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
    }
    return p;
}
void counted_delete_aligned(void* p) noexcept {
    if (p == nullptr) return;
    g_current.fetch_sub(static_cast<std::size_t*>(p)[-1]);
    std::free(static_cast<void**>(p)[-2]);
}
}  // namespace

void* operator new(std::size_t size) { return counted_new(size); }
void* operator new[](std::size_t size) { return counted_new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return counted_new(size);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return counted_new(size);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept { counted_delete(p); }
void operator delete[](void* p) noexcept { counted_delete(p); }
void operator delete(void* p, std::size_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_delete(p); }
void* operator new(std::size_t size, std::align_val_t a) { return counted_new_aligned(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return counted_new_aligned(size, a); }
void operator delete(void* p, std::align_val_t) noexcept { counted_delete_aligned(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_delete_aligned(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counted_delete_aligned(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counted_delete_aligned(p); }

namespace {

using namespace parkinvest;
using namespace parkinvest::test;

constexpr std::size_t kMB = 1024 * 1024;
constexpr std::size_t kLimit = 64 * kMB;

struct CsvFile {
    std::string name;  ///< "projects.csv" ...
    std::string text;
};

/// A hostile archive (`bytes`) or, for Format::csv, a hostile folder of tables (`files`).
struct Hostile {
    Hostile(std::string n, io::Format f, std::string b) : name(std::move(n)), format(f), bytes(std::move(b)) {}
    Hostile(std::string n, std::vector<CsvFile> fs, bool load)
        : name(std::move(n)), format(io::Format::csv), files(std::move(fs)), loads(load) {}

    std::string name;
    io::Format format;
    std::string bytes;
    std::vector<CsvFile> files;
    bool loads = false;  ///< loads (a well-formed folder within the limits), else FormatError
};

/// Where a hostile CSV folder is written before it is loaded (outside the measurement).
class Folder {
public:
    explicit Folder(const Hostile& h) {
        if (h.format != io::Format::csv) return;
        static int serial = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("parkinvest_memory_" + std::to_string(getpid()) + "_" + std::to_string(++serial));
        std::filesystem::create_directories(path_);
        for (const CsvFile& f : h.files) {
            std::ofstream out(path_ / f.name, std::ios::binary);
            out << f.text;
        }
    }
    Folder(const Folder&) = delete;
    Folder& operator=(const Folder&) = delete;
    ~Folder() {
        std::error_code ignored;
        if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
    }
    /// Loads the archive or the folder.
    void load(const Hostile& h) const {
        if (h.format == io::Format::csv)
            (void)io::load(path_, io::Format::csv);
        else
            (void)load_bytes(h.bytes, h.format);
    }

private:
    std::filesystem::path path_;
};

std::size_t total_size(const Hostile& h) {
    std::size_t n = h.bytes.size();
    for (const CsvFile& f : h.files) n += f.text.size();
    return n;
}

/// A binary dataset archive whose lists are all empty but one, `list` (0 = sources ... 8 =
/// statistics), written by `write` (which writes the size and the elements).
template <class Write>
std::string binary_with_list(int list, Write write) {
    std::ostringstream out;
    {
        cereal::BinaryOutputArchive ar(out);
        ar(std::uint32_t{1});
        ar(cereal::make_size_tag(std::uint64_t{18}));
        ar(cereal::binary_data("parkinvest.dataset", 18));
        for (int i = 0; i < 9; ++i) {
            if (i == list) write(ar);
            else ar(cereal::make_size_tag(std::uint64_t{0}));
        }
    }
    return out.str();
}

/// `row(i)` for i = 0, 1 ... appended to `header` while the text is under 1 MB.
template <class Row>
std::string rows_to_a_megabyte(std::string text, Row row) {
    for (std::size_t i = 0; text.size() < kMB; ++i) text += row(i);
    return text;
}

const CsvFile one_park{"parks.csv", "id,name_zh\n1,园\n"};

#ifdef PARKINVEST_NO_INT128
constexpr bool portable_build = true;  // Money holds Boost's 128-bit class: larger records
#else
constexpr bool portable_build = false;
#endif
const CsvFile one_project{"projects.csv", "id,name_zh,park\n1,项目,1\n"};

/// Hostile CSV folders of about 1 MB: the most records per byte of each kind, huge cells, and
/// rows that are nearly all commas.
std::vector<Hostile> hostile_csv_folders() {
    std::vector<Hostile> folders;
    const auto folder = [&](std::string name, std::vector<CsvFile> files, bool loads) {
        folders.emplace_back(std::move(name), std::move(files), loads);
    };
    const auto numbered = [](std::string_view rest) {
        return [rest = std::string(rest)](std::size_t i) { return std::to_string(i + 1) + rest; };
    };
    // Minimal rows of about 10 bytes, each a record of hundreds of bytes (well-formed, with their
    // park): the records of those that need more than LoadOptions::max_memory_per_input_byte
    // (48) bytes per byte are refused before they are built; the others load.
    folder("csv 105k minimal projects",
           {one_park, {"projects.csv", rows_to_a_megabyte("id,name_zh,park\n", numbered(",a,1\n"))}}, false);
    folder("csv 105k minimal projects in PROJECTS.CSV",
           {one_park, {"PROJECTS.CSV", rows_to_a_megabyte("id,name_zh,park\n", numbered(",a,1\n"))}}, false);
    folder("csv 175k projects with one id",
           {one_park, {"projects.csv", rows_to_a_megabyte("id,name_zh,park\n", [](std::size_t) { return "1,a,1\n"; })}},
           false);
    folder("csv 105k minimal waste facilities",
           {one_park, {"waste_facilities.csv", rows_to_a_megabyte("id,name_zh,park\n", numbered(",a,1\n"))}}, false);
    folder("csv 129k minimal enterprises", {{"enterprises.csv", rows_to_a_megabyte("id,name_zh\n", numbered(",a\n"))}},
           true);
    folder("csv 260k parks with one id",
           {{"parks.csv", rows_to_a_megabyte("id,name_zh\n", [](std::size_t) { return "1,a\n"; })}}, false);
    folder("csv 129k minimal parks", {{"parks.csv", rows_to_a_megabyte("id,name_zh\n", numbered(",a\n"))}}, true);
    folder("csv 129k minimal sources", {{"sources.csv", rows_to_a_megabyte("id,publication\n", numbered(",a\n"))}},
           true);
    folder("csv 129k minimal banks", {{"banks.csv", rows_to_a_megabyte("id,name_zh\n", numbered(",a\n"))}}, true);
    folder("csv 67k minimal industries",
           {{"industries.csv",
             rows_to_a_megabyte("id,scheme,code,name_zh\n", [](std::size_t i) {
                 return std::to_string(i + 1) + ",s," + std::to_string(i) + ",a\n";
             })}},
           true);
    folder("csv 39k minimal statistics",
           {one_park,
            {"statistics.csv",
             rows_to_a_megabyte("id,scope,label,period,value_kind,value,unit\n", numbered(",1,a,2020,count,1,个\n"))}},
           true);
    folder("csv 88k minimal loans",
           {one_park,
            {"banks.csv", "id,name_zh\n1,行\n"},
            {"loans.csv", rows_to_a_megabyte("id,lender,commitment,park\n", numbered(",1,1,1\n"))}},
           true);
    // The limit is for the folder: the bytes of a table of stages pay for the records of
    // minimal projects, which alone would not fit.
    {
        std::string projects = "id,name_zh,park\n";
        for (std::size_t i = 1; projects.size() < kMB / 2; ++i) projects += std::to_string(i) + ",a,1\n";
        std::string stages = "project,stage,date\n";
        while (projects.size() + stages.size() < kMB) stages += "1,signed,2020\n";
        folder("csv 54k minimal projects paid for by 37k stages",
               {one_park, {"projects.csv", projects}, {"project_stages.csv", stages}}, true);
    }
    // Rows padded until they load, then a little more, so that records a few bytes larger still
    // load: the largest datasets a 1 MB folder can make. The padding leaves room for the
    // portable build's larger records (PARKINVEST_NO_INT128: Money holds Boost's 128-bit class,
    // a project takes 40% more).
    const auto padded = [&](std::size_t pad) { return numbered(std::string(",") + std::string(pad, 'a') + ",1\n"); };
    folder("csv projects at the memory limit",
           {one_park, {"projects.csv", rows_to_a_megabyte("id,name_zh,park\n", padded(8))}}, true);
    // Nearer the limit: loads where records have their native sizes, not in the portable build.
    folder("csv 88k projects at the native memory limit",
           {one_park, {"projects.csv", rows_to_a_megabyte("id,name_zh,park\n", padded(3))}}, !portable_build);
    folder("csv 62k projects with one id at the memory limit",
           {one_park,
            {"projects.csv",
             rows_to_a_megabyte("id,name_zh,park\n", [](std::size_t) { return std::string("1,aaaaaaaaaaaa,1\n"); })}},
           false);
    folder("csv waste facilities at the memory limit",
           {one_park, {"waste_facilities.csv", rows_to_a_megabyte("id,name_zh,park\n", padded(5))}}, true);
    // One huge quoted cell, with doubled quotes and line breaks in it.
    {
        std::string name = "id,name_zh,park\n1,\"";
        while (name.size() < kMB) name += "名称\"\"\r\n,";
        name += "\",1\n";
        folder("csv one quoted cell of 1 MB", {one_park, {"projects.csv", name}}, true);
        folder("csv unclosed quoted cell of 1 MB", {one_park, {"projects.csv", name.substr(0, name.size() - 4)}},
               false);
    }
    // A list cell of 500 000 ids.
    {
        std::string park = "id,name_zh,leading_industries\n1,园,";
        while (park.size() < kMB) park += "1;";
        park += "1\n";
        folder("csv park with 500k industry ids", {{"parks.csv", park}}, false);
    }
    // Child rows, all of one parent.
    folder("csv 75k stages of one project",
           {one_park,
            one_project,
            {"project_stages.csv",
             rows_to_a_megabyte("project,stage,date\n", [](std::size_t) { return "1,signed,2020\n"; })}},
           true);
    // Snapshots of a loan need dates one after another: 28 days a month from 1900.
    const auto snapshot = [](std::size_t i) {
        const auto two = [](std::size_t n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
        std::string row = "1,";
        row += std::to_string(1900 + i / 336) + "-" + two(i / 28 % 12 + 1) + "-" + two(i % 28 + 1) + ",1\n";
        return row;
    };
    folder("csv 70k snapshots of one loan",
           {one_park,
            {"banks.csv", "id,name_zh\n1,行\n"},
            {"loans.csv", "id,lender,commitment,park\n1,1,1,1\n"},
            {"loan_snapshots.csv", rows_to_a_megabyte("loan,as_of,outstanding\n", snapshot)}},
           true);
    folder("csv 117k citations of one park",
           {one_park,
            {"sources.csv", "id,publication\n1,报\n"},
            {"citations.csv", rows_to_a_megabyte("entity,id,source\n", [](std::size_t) { return "park,1,1\n"; })}},
           true);
    // Commas: a header of 1 MB of commas, and a row of 1 MB of commas.
    folder("csv header of 1 MB of commas", {{"projects.csv", std::string(kMB, ',') + "\n"}}, false);
    folder("csv row of 1 MB of commas", {{"projects.csv", std::string("id,name_zh,park\n") + std::string(kMB, ',') + "\n"}}, false);
    return folders;
}

/// Hostile files of about 1 MB, each aimed at making the loader allocate much per input byte.
std::vector<Hostile> hostile_files() {
    std::vector<Hostile> files;
    // Binary: size prefixes that promise far more than the input holds.
    {
        std::string b = binary_dataset_header();
        put_u64(b, std::uint64_t{1} << 60);
        b += std::string(kMB, '\x01');
        files.push_back({"binary list of 2^60", io::Format::binary, b});
        b = binary_dataset_header();
        put_u64(b, 1);
        put_u32(b, 1);
        put_u64(b, 1);
        put_u64(b, std::uint64_t{1} << 40);  // a publication of 1 TiB
        b += std::string(kMB, 'a');
        files.push_back({"binary string of 2^40 bytes", io::Format::binary, b});
    }
    // Binary: as many of the smallest possible records as 1 MB holds (16 000 default projects,
    // each referring to park#0, which does not exist: all are built, then validation fails).
    files.push_back({"binary 16k projects", io::Format::binary, binary_with_list(5, [](auto& ar) {
                         const std::size_t n = kMB / io::cereal_detail::min_binary_size<Project>;
                         ar(cereal::make_size_tag(static_cast<std::uint64_t>(n)));
                         for (std::size_t i = 0; i < n; ++i) {
                             Project p;
                             p.id = ProjectId{i + 1};
                             ar(p);
                         }
                     })});
    // Binary: one park with 130 000 leading industries, and a licence with 500 000 categories
    // (lists whose validation was quadratic).
    files.push_back({"binary park with 130k industry ids", io::Format::binary, binary_with_list(2, [](auto& ar) {
                         Park p;
                         p.id = ParkId{1};
                         p.name.zh = "园";
                         for (std::uint64_t i = 0; i < kMB / 8; ++i) p.leading_industries.push_back(IndustryId{i % 1000});
                         ar(cereal::make_size_tag(std::uint64_t{1}));
                         ar(p);
                     })});
    files.push_back({"binary licence with 500k categories", io::Format::binary, binary_with_list(7, [](auto& ar) {
                         WasteFacility f;
                         f.id = WasteFacilityId{1};
                         f.name.zh = "库";
                         WasteLicence l;
                         l.number = "1";
                         l.categories.resize(kMB / 2);
                         f.licence = l;
                         ar(cereal::make_size_tag(std::uint64_t{1}));
                         ar(f);
                     })});
    // JSON: the largest documents per byte: tiny values in one array, and empty objects.
    {
        std::string j = "{\"dataset\":{\"cereal_class_version\":1,\"format\":\"parkinvest.dataset\",\"sources\":[";
        while (j.size() < kMB) j += "0,";
        j += "0]}}";
        files.push_back({"json 500k numbers", io::Format::json, j});
        // 13 000 sources that all load, all with id 1: 13 000 duplicate ids for the validation.
        j = "{\"dataset\":{\"cereal_class_version\":1,\"format\":\"parkinvest.dataset\",\"sources\":[{\"cereal_class_version\":1,";
        const std::string source = "\"id\":1,\"publication\":\"x\",\"date\":{\"nullopt\":true},\"section\":\"\",\"note\":\"\"}";
        j += source;
        while (j.size() < kMB) j += ",{" + source;
        j += "],\"industries\":[],\"parks\":[],\"enterprises\":[],\"banks\":[],\"projects\":[],\"loans\":[],"
             "\"waste_facilities\":[],\"statistics\":[]}}";
        files.push_back({"json 13k sources with one id", io::Format::json, j});
        j = "{\"dataset\":" + std::string(kMB / 2, '[') + std::string(kMB / 2, ']') + "}";
        files.push_back({"json nested 500k deep", io::Format::json, j});
    }
    // XML: the most elements per byte, and deep nesting.
    {
        std::string x = "<cereal><dataset><cereal_class_version>1</cereal_class_version><format>parkinvest.dataset</format><sources>";
        while (x.size() < kMB) x += "<a/>";
        x += "</sources></dataset></cereal>";
        files.push_back({"xml 260k empty elements", io::Format::xml, x});
        x = "<cereal>";
        while (x.size() < kMB) x += "<a b=\"\" c=\"\" d=\"\"/>";
        x += "</cereal>";
        files.push_back({"xml 55k elements with attributes", io::Format::xml, x});
        x = "<cereal>";
        for (std::size_t i = 0; i < kMB / 7; ++i) x += "<a>";
        for (std::size_t i = 0; i < kMB / 7; ++i) x += "</a>";
        x += "</cereal>";
        files.push_back({"xml nested 150k deep", io::Format::xml, x});
    }
    return files;
}

/// Loads each file and expects the peak of the bytes held through operator new to grow by at
/// most 64 MB.
void expect_at_most_64mb_through_operator_new(const std::vector<Hostile>& files) {
    for (const Hostile& h : files) {
        SCOPED_TRACE(h.name);
        EXPECT_LE(total_size(h), kMB + kMB / 8);
        const Folder folder(h);
        const std::size_t before = g_current.load();
        g_peak.store(before);
        bool refused = false;
        try {
            folder.load(h);
        } catch (const FormatError&) {
            refused = true;
        }
        const std::size_t used = g_peak.load() - before;
        EXPECT_EQ(refused, !h.loads);
        EXPECT_LE(used, kLimit) << used / kMB << " MB";
        ::testing::Test::RecordProperty(h.name, static_cast<int>(used / 1024));  // KiB, in the test report
        std::cout << "[ memory   ] " << h.name << ": " << used / 1024 << " KiB through operator new\n";
    }
}

TEST(IoArchiveMemory, HostileMegabyteFilesNeedAtMost64MBThroughOperatorNew) {
    expect_at_most_64mb_through_operator_new(hostile_files());
}

TEST(IoCsvMemory, HostileMegabyteFoldersNeedAtMost64MBThroughOperatorNew) {
    expect_at_most_64mb_through_operator_new(hostile_csv_folders());
}

#if !PARKINVEST_ASAN
/// Bytes of address space of this process (/proc/self/statm, first field in pages).
std::size_t address_space() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    statm >> pages;
    return pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

/// Loads each file in a child process whose address space may grow by at most 64 MB.
void expect_loads_in_a_child_limited_to_64mb_more(const std::vector<Hostile>& files) {
    for (const Hostile& h : files) {
        SCOPED_TRACE(h.name);
        const Folder folder(h);
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            // Exit codes: 0 refused with FormatError, or loaded where it should; 1 loaded where
            // it should not; 2 out of memory; 3 anything else; 4 refused where it should load.
            const std::size_t limit = address_space() + kLimit;
            rlimit rl{limit, limit};
            if (setrlimit(RLIMIT_AS, &rl) != 0) _exit(3);
            int code = 3;
            try {
                folder.load(h);
                code = h.loads ? 0 : 1;
            } catch (const FormatError&) {
                code = h.loads ? 4 : 0;
            } catch (const std::bad_alloc&) {
                code = 2;
            } catch (...) {
                code = 3;
            }
            _exit(code);
        }
        int status = 0;
        ASSERT_EQ(waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFEXITED(status)) << "the child died of signal " << WTERMSIG(status);
        EXPECT_EQ(WEXITSTATUS(status), 0) << "1: loaded, 2: out of memory, 3: another failure, 4: refused";
    }
}

TEST(IoArchiveMemory, HostileMegabyteFilesLoadInAChildLimitedTo64MBMore) {
    expect_loads_in_a_child_limited_to_64mb_more(hostile_files());
}

TEST(IoCsvMemory, HostileMegabyteFoldersLoadInAChildLimitedTo64MBMore) {
    expect_loads_in_a_child_limited_to_64mb_more(hostile_csv_folders());
}
#endif

}  // namespace
