// SPDX-License-Identifier: MIT
// Saves that cannot be torn or redirected, and loads that name their input: the temporary
// file next to the target and its rename; symbolic links planted at old and guessed temporary
// names; CSV folders replaced as a whole, or refused when they hold other files; real system
// errors (EFBIG from RLIMIT_FSIZE in a child process, ENOENT, ENOTDIR) in the messages; the
// input size limit at the byte, from files, streams and a FIFO; paths that do not exist. The
// same saves killed at random moments are in save_kill_test.cpp.
#include <parkinvest/io/csv.hpp>
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/high_tech_zones_2020.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <gtest/gtest.h>

#include "io/archive_support.hpp"
#include "support/files.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <ios>
#include <map>
#include <set>
#include <sstream>
#include <streambuf>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace parkinvest {
namespace {

namespace fs = std::filesystem;
using test::entries;
using test::file_bytes;
using test::folder_bytes;
using test::save_bytes;
using test::TempDir;
using test::write_file;

constexpr io::Format kFileFormats[] = {io::Format::json, io::Format::xml, io::Format::binary,
                                       io::Format::portable_binary, io::Format::json_lines};

Dataset small_dataset(std::uint64_t seed, std::size_t projects) {
    samples::SyntheticOptions o;
    o.seed = seed;
    o.parks = 2;
    o.enterprises = 10;
    o.projects = projects;
    o.loans = 3;
    o.waste_facilities = 1;
    return samples::synthetic_dataset(o);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The filesystem_error `save` throws (a failed expectation when it throws none).
fs::filesystem_error save_error(const std::function<void()>& save) {
    try {
        save();
    } catch (const fs::filesystem_error& e) {
        return e;
    }
    ADD_FAILURE() << "expected a filesystem_error";
    return fs::filesystem_error("none", std::error_code());
}

// ------------------------------------------------------------------ the temporary file

TEST(IoSaveAtomic, EveryFormatReplacesTheFileAndLeavesNothingElse) {
    const Dataset old_data = small_dataset(1, 5);
    const Dataset new_data = small_dataset(2, 7);
    ASSERT_NE(old_data, new_data);
    for (const io::Format f : kFileFormats) {
        TempDir dir;
        const fs::path file = dir.path() / "out";
        io::save(old_data, file, f);
        ASSERT_EQ(file_bytes(file), save_bytes(old_data, f));
        io::save(new_data, file, f);
        EXPECT_EQ(file_bytes(file), save_bytes(new_data, f)) << io::to_string(f);
        EXPECT_EQ(entries(dir.path()), std::set<std::string>{"out"}) << io::to_string(f);
    }
}

TEST(IoSaveAtomic, ABareFileNameSavesInTheWorkingFolder) {
    TempDir dir;
    const Dataset d = small_dataset(1, 3);
    {
        struct InFolder {
            fs::path before = fs::current_path();
            ~InFolder() { fs::current_path(before); }
        } in_folder;
        fs::current_path(dir.path());
        io::save(d, "bare.json");
    }
    EXPECT_EQ(file_bytes(dir.path() / "bare.json"), save_bytes(d, io::Format::json));
    EXPECT_EQ(entries(dir.path()), std::set<std::string>{"bare.json"});
}

TEST(IoSaveAtomic, ASymbolicLinkAtTheOldPartialNameIsNotFollowed) {
    TempDir dir;
    const fs::path victim = dir.path() / "victim";
    write_file(victim, "precious");
    fs::create_symlink(victim, dir.path() / "out.json.partial");
    const Dataset d = small_dataset(3, 4);
    io::save(d, dir.path() / "out.json");
    EXPECT_EQ(file_bytes(victim), "precious");
    EXPECT_EQ(io::load(dir.path() / "out.json"), d);
    EXPECT_TRUE(fs::is_symlink(dir.path() / "out.json.partial"));
}

TEST(IoSaveAtomic, SymbolicLinksAtGuessedTemporaryNamesAreNotFollowed) {
    TempDir dir;
    const fs::path victim = dir.path() / "victim";
    write_file(victim, "precious");
    std::set<std::string> planted;
    for (const char* hex : {"0000000000000000", "ffffffffffffffff", "0123456789abcdef", "deadbeefdeadbeef"}) {
        const std::string name = std::string(".out.json.") + hex + ".parkinvest-tmp";
        fs::create_symlink(victim, dir.path() / name);
        planted.insert(name);
    }
    const Dataset d = small_dataset(4, 4);
    io::save(d, dir.path() / "out.json");
    EXPECT_EQ(file_bytes(victim), "precious");
    EXPECT_EQ(io::load(dir.path() / "out.json"), d);
    planted.insert({"victim", "out.json"});
    EXPECT_EQ(entries(dir.path()), planted);
}

TEST(IoSaveAtomic, ASymbolicLinkAtThePathIsReplacedNotFollowed) {
    TempDir dir;
    const fs::path victim = dir.path() / "victim";
    write_file(victim, "precious");
    const fs::path link = dir.path() / "out.bin";
    fs::create_symlink(victim, link);
    const Dataset d = small_dataset(5, 4);
    io::save(d, link);
    EXPECT_EQ(file_bytes(victim), "precious");
    EXPECT_FALSE(fs::is_symlink(link));
    EXPECT_EQ(file_bytes(link), save_bytes(d, io::Format::binary));
}

TEST(IoSaveAtomic, LeftoversOfKilledSavesDisturbNeitherSavesNorLoads) {
    TempDir dir;
    const std::string file_leftover = ".out.json.0123456789abcdef.parkinvest-tmp";
    const std::string folder_leftover = ".tables.csv.fedcba9876543210.parkinvest-tmp";
    write_file(dir.path() / file_leftover, "{\"half");
    fs::create_directory(dir.path() / folder_leftover);
    write_file(dir.path() / folder_leftover / "parks.csv", "id,na");
    const Dataset d = small_dataset(6, 4);
    io::save(d, dir.path() / "out.json");
    io::save(d, dir.path() / "tables.csv");
    EXPECT_EQ(io::load(dir.path() / "out.json"), d);
    EXPECT_EQ(io::load(dir.path() / "tables.csv"), d);
    EXPECT_EQ(entries(dir.path()), (std::set<std::string>{"out.json", "tables.csv", file_leftover, folder_leftover}));
    EXPECT_EQ(file_bytes(dir.path() / file_leftover), "{\"half");
}

// ------------------------------------------------------------------ CSV folders

std::set<std::string> table_files() {
    std::set<std::string> names;
    for (const io::csv::TableId t : io::csv::tables()) names.insert(std::string(io::csv::file_name(t)));
    return names;
}

TEST(IoSaveCsv, AFolderOfTablesIsReplacedAsAWhole) {
    TempDir dir;
    const fs::path folder = dir.path() / "tables.csv";
    const Dataset old_data = small_dataset(1, 5);
    const Dataset new_data = small_dataset(2, 9);
    io::save(old_data, folder);
    EXPECT_EQ(entries(folder), table_files());
    io::save(new_data, folder);
    EXPECT_EQ(io::load(folder), new_data);
    EXPECT_EQ(entries(folder), table_files());
    EXPECT_EQ(entries(dir.path()), std::set<std::string>{"tables.csv"});
    // An existing empty folder (no extension: the format is named) is filled.
    const fs::path empty = dir.path() / "empty";
    fs::create_directory(empty);
    io::save(new_data, empty, io::Format::csv);
    EXPECT_EQ(io::load(empty), new_data);
}

TEST(IoSaveCsv, AFolderHoldingOtherFilesIsRefusedBeforeAnythingIsWritten) {
    TempDir dir;
    const fs::path folder = dir.path() / "tables.csv";
    io::save(small_dataset(1, 5), folder);
    write_file(folder / "notes.txt", "mine");
    fs::create_directory(folder / "a_folder");
    const auto before = folder_bytes(folder);
    const fs::filesystem_error e = save_error([&] { io::save(small_dataset(2, 9), folder); });
    EXPECT_EQ(e.code(), std::errc::directory_not_empty);
    // The first one in alphabetical order is named, and the others counted.
    EXPECT_TRUE(contains(e.what(), (folder / "a_folder").string() + "\", which is not a table of a dataset (and 1 more)"))
        << e.what();
    EXPECT_EQ(e.path1(), folder / "a_folder");
    EXPECT_EQ(folder_bytes(folder), before);
    EXPECT_EQ(entries(dir.path()), std::set<std::string>{"tables.csv"});
}

TEST(IoSaveCsv, AFileAtThePathIsRefused) {
    TempDir dir;
    const fs::path file = dir.path() / "tables.csv";
    write_file(file, "id,name\r\n1,a\r\n");
    const fs::filesystem_error e = save_error([&] { io::save(small_dataset(1, 3), file); });
    EXPECT_EQ(e.code(), std::errc::not_a_directory);
    EXPECT_TRUE(contains(e.what(), "is a file, not a folder of tables")) << e.what();
    EXPECT_EQ(file_bytes(file), "id,name\r\n1,a\r\n");
    EXPECT_EQ(entries(dir.path()), std::set<std::string>{"tables.csv"});
}

TEST(IoSaveCsv, ASymbolicLinkAtThePathIsReplacedNotFollowed) {
    TempDir dir;
    const fs::path elsewhere = dir.path() / "elsewhere";
    fs::create_directory(elsewhere);
    write_file(elsewhere / "notes.txt", "mine");
    const fs::path link = dir.path() / "tables.csv";
    fs::create_directory_symlink(elsewhere, link);
    const Dataset d = small_dataset(7, 4);
    io::save(d, link);
    EXPECT_FALSE(fs::is_symlink(link));
    EXPECT_EQ(io::load(link), d);
    EXPECT_EQ(entries(elsewhere), std::set<std::string>{"notes.txt"});
    EXPECT_EQ(entries(dir.path()), (std::set<std::string>{"elsewhere", "tables.csv"}));
}

// ------------------------------------------------------------------ system errors

struct ChildResult {
    int exit_code = -1;
    std::string message;
};

/// Runs `save` in a child process whose files cannot grow past `limit` bytes (RLIMIT_FSIZE, with
/// SIGXFSZ ignored, so that write(2) fails with EFBIG). Exit code 0: it threw a filesystem_error
/// with code EFBIG; 1: it threw nothing; 2: another exception. `message` is the what().
ChildResult save_with_file_size_limit(rlim_t limit, const std::function<void()>& save) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return {};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(pipe_fds[0]);
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit small{limit, limit};
        int code = 1;
        std::string message;
        if (::setrlimit(RLIMIT_FSIZE, &small) != 0) {
            code = 3;
        } else {
            try {
                save();
            } catch (const fs::filesystem_error& e) {
                code = e.code().value() == EFBIG ? 0 : 2;
                message = e.what();
            } catch (const std::exception& e) {
                code = 2;
                message = e.what();
            }
        }
        for (std::size_t done = 0; done < message.size();) {
            const ssize_t n = ::write(pipe_fds[1], message.data() + done, message.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::_exit(code);
    }
    ::close(pipe_fds[1]);
    ChildResult result;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
        result.message.append(buffer, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    int status = 0;
    if (pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    return result;
}

TEST(IoSaveErrors, AFullFileNamesThePathAndTheSystemsErrorAndChangesNothing) {
    constexpr rlim_t limit = 4096;
    const Dataset old_data = small_dataset(1, 2);
    const Dataset new_data = small_dataset(2, 200);
    for (const io::Format f : kFileFormats) {
        ASSERT_GT(save_bytes(new_data, f).size(), limit) << io::to_string(f);
        TempDir dir;
        const fs::path file = dir.path() / "out.data";
        io::save(old_data, file, f);
        const std::string before = file_bytes(file);
        const ChildResult r = save_with_file_size_limit(limit, [&] { io::save(new_data, file, f); });
        EXPECT_EQ(r.exit_code, 0) << io::to_string(f) << ": " << r.message;
        EXPECT_TRUE(contains(r.message, "parkinvest: cannot save \"" + file.string() + "\": cannot write \"" +
                                            (dir.path() / ".out.data.").string()))
            << r.message;
        EXPECT_TRUE(contains(r.message, std::strerror(EFBIG))) << r.message;
        EXPECT_FALSE(contains(r.message, "load")) << r.message;
        EXPECT_EQ(file_bytes(file), before) << io::to_string(f);
        EXPECT_EQ(entries(dir.path()), std::set<std::string>{"out.data"}) << io::to_string(f);
    }
}

TEST(IoSaveErrors, AFullTableFileNamesThePathAndLeavesTheFolderAsItWas) {
    constexpr rlim_t limit = 4096;
    const Dataset new_data = small_dataset(2, 200);
    std::ostringstream projects;
    io::csv::write_table(new_data, io::csv::TableId::projects, projects);
    ASSERT_GT(projects.str().size(), limit);
    TempDir dir;
    const fs::path folder = dir.path() / "tables.csv";
    io::save(small_dataset(1, 2), folder);
    const auto before = folder_bytes(folder);
    const ChildResult r = save_with_file_size_limit(limit, [&] { io::save(new_data, folder); });
    EXPECT_EQ(r.exit_code, 0) << r.message;
    EXPECT_TRUE(contains(r.message, "parkinvest: cannot save \"" + folder.string() + "\": cannot write \"" +
                                        (dir.path() / ".tables.csv.").string()))
        << r.message;
    EXPECT_TRUE(contains(r.message, ".parkinvest-tmp/")) << r.message;
    EXPECT_TRUE(contains(r.message, std::strerror(EFBIG))) << r.message;
    EXPECT_EQ(folder_bytes(folder), before);
    EXPECT_EQ(entries(dir.path()), std::set<std::string>{"tables.csv"});
}

TEST(IoSaveErrors, AMissingFolderAndAFileInPlaceOfAFolder) {
    TempDir dir;
    write_file(dir.path() / "plain", "a file");
    const Dataset d = small_dataset(1, 2);
    const struct {
        fs::path folder;
        std::errc code;
    } cases[] = {{dir.path() / "missing", std::errc::no_such_file_or_directory},
                 {dir.path() / "plain", std::errc::not_a_directory}};
    for (const auto& c : cases) {
        for (const char* name : {"out.json", "out.csv"}) {
            const fs::path target = c.folder / name;
            const fs::filesystem_error e = save_error([&] { io::save(d, target); });
            EXPECT_EQ(e.code(), c.code) << e.what();
            EXPECT_TRUE(contains(e.what(), "parkinvest: cannot save \"" + target.string() +
                                               "\": cannot create a temporary " +
                                               (std::string(name) == "out.csv" ? "folder" : "file") + " in \"" +
                                               c.folder.string() + "\""))
                << e.what();
            EXPECT_TRUE(contains(e.what(), std::strerror(static_cast<int>(c.code)))) << e.what();
        }
    }
    EXPECT_EQ(entries(dir.path()), std::set<std::string>{"plain"});
    EXPECT_EQ(file_bytes(dir.path() / "plain"), "a file");
}

TEST(IoSaveErrors, AFailingStreamSaysItCannotSave) {
    const Dataset d = small_dataset(1, 2);
    for (const io::Format f : kFileFormats) {
        std::ostream out(nullptr);  // bad from the start
        try {
            io::save(d, out, f);
            ADD_FAILURE() << io::to_string(f);
        } catch (const std::ios_base::failure& e) {
            EXPECT_TRUE(contains(e.what(), "parkinvest: cannot save: cannot write to the stream")) << e.what();
        }
    }
}

// ------------------------------------------------------------------ input limits

/// A stream buffer that hands out its text a few bytes at a time and never tells how many it has.
class TrickleBuf : public std::streambuf {
public:
    explicit TrickleBuf(std::string text) : text_(std::move(text)) {}

protected:
    int_type underflow() override {
        if (next_ == text_.size()) return traits_type::eof();
        const std::size_t n = std::min<std::size_t>(7, text_.size() - next_);
        char* p = text_.data() + next_;
        setg(p, p, p + n);
        next_ += n;
        return traits_type::to_int_type(*p);
    }

private:
    std::string text_;
    std::size_t next_ = 0;
};

TEST(IoLoadLimits, InputAtTheLimitLoadsOneByteMoreIsRefused) {
    TempDir dir;
    const Dataset d = samples::high_tech_zones_2020();
    const std::string bytes = save_bytes(d, io::Format::json);
    const fs::path file = dir.path() / "d.json";
    write_file(file, bytes);
    io::LoadOptions at;
    at.max_input_bytes = bytes.size();
    io::LoadOptions below;
    below.max_input_bytes = bytes.size() - 1;
    const std::string reason = "input larger than the limit of " + std::to_string(bytes.size() - 1) +
                               " bytes (LoadOptions::max_input_bytes)";

    EXPECT_EQ(io::load(file, {}, at), d);
    try {
        (void)io::load(file, {}, below);
        ADD_FAILURE();
    } catch (const FormatError& e) {
        EXPECT_EQ(e.first().input, file.string());
        EXPECT_EQ(e.first().reason, reason);
    }

    // Streams: one that tells its size, and one that does not.
    for (const bool trickle : {false, true}) {
        const auto load = [&](const io::LoadOptions& options) {
            TrickleBuf buf(bytes);
            std::istringstream whole(bytes);
            std::istream slow(&buf);
            return io::load(trickle ? slow : whole, io::Format::json, options, "the stream");
        };
        EXPECT_EQ(load(at), d) << trickle;
        try {
            (void)load(below);
            ADD_FAILURE() << trickle;
        } catch (const FormatError& e) {
            EXPECT_EQ(e.first().input, "the stream");
            EXPECT_EQ(e.first().reason, reason);
        }
    }
}

/// Loads `fifo` with `load` while a thread writes 8 MiB into it: the load must refuse the
/// input at its limit of 1 MiB, and the writer must then see EPIPE.
void expect_fifo_refused(const fs::path& fifo, const std::function<void(const io::LoadOptions&)>& load) {
    constexpr std::size_t limit = std::size_t{1} << 20;
    constexpr std::size_t total = std::size_t{8} << 20;
    std::atomic<std::size_t> written{0};
    std::atomic<int> write_error{0};
    std::thread writer([&] {
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            write_error = errno;
            return;
        }
        const std::string chunk(std::size_t{1} << 16, ' ');  // white space: refused for its size only
        while (written < total) {
            const ssize_t n = ::write(fd, chunk.data(), chunk.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                write_error = errno;
                break;
            }
            written += static_cast<std::size_t>(n);
        }
        ::close(fd);
    });
    io::LoadOptions options;
    options.max_input_bytes = limit;
    try {
        load(options);
        ADD_FAILURE() << "loaded";
    } catch (const FormatError& e) {
        EXPECT_EQ(e.first().input, fifo.string());
        EXPECT_EQ(e.first().reason, "input larger than the limit of 1048576 bytes (LoadOptions::max_input_bytes)");
    }
    // Should the load have failed before opening the FIFO, a reader that comes and goes
    // releases the writer (its writes then fail with EPIPE): the test never hangs.
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (reader >= 0) ::close(reader);
    writer.join();
    EXPECT_EQ(write_error.load(), EPIPE);
    EXPECT_GT(written.load(), limit);
    EXPECT_LT(written.load(), total);
}

TEST(IoLoadLimits, AFifoBeyondTheLimitIsRefusedAsSoonAsSeen) {
    TempDir dir;
    const fs::path fifo = dir.path() / "big.json";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0) << std::strerror(errno);
    const auto previous = std::signal(SIGPIPE, SIG_IGN);
    expect_fifo_refused(fifo, [&](const io::LoadOptions& options) { (void)io::load(fifo, {}, options); });
    expect_fifo_refused(fifo, [&](const io::LoadOptions& options) {
        std::ifstream in(fifo, std::ios::binary);
        (void)io::load(in, io::Format::json, options, fifo.string());
    });
    std::signal(SIGPIPE, previous);
}

// ------------------------------------------------------------------ paths

TEST(IoLoadPaths, APathThatDoesNotExistIsReportedAsMissing) {
    TempDir dir;
    for (const char* name : {"no_such_folder", "missing.json", "missing.csv"}) {
        const fs::path path = dir.path() / name;
        try {
            (void)io::load(path);
            ADD_FAILURE() << name;
        } catch (const FormatError& e) {
            EXPECT_EQ(e.first().input, path.string());
            EXPECT_EQ(e.first().reason, "does not exist");
            EXPECT_EQ(std::string(e.what()), "parkinvest: cannot load " + path.string() + ": does not exist");
        }
    }
}

TEST(IoLoadPaths, AFolderNamedLikeAFileGivesTheSystemsReason) {
    TempDir dir;
    const fs::path folder = dir.path() / "d.json";
    fs::create_directory(folder);
    try {
        (void)io::load(folder, io::Format::json);
        ADD_FAILURE();
    } catch (const FormatError& e) {
        EXPECT_EQ(e.first().input, folder.string());
        EXPECT_EQ(e.first().reason, std::string("cannot read the file: ") + std::strerror(EISDIR));
    }
}

}  // namespace
}  // namespace parkinvest
