// SPDX-License-Identifier: MIT
// Saves killed at random moments. `parkinvest convert IN OUT` (PARKINVEST_CLI) is started and
// killed with SIGKILL after a random delay between zero and the time one whole convert takes,
// for every output format (a file in each archive format and JSON Lines, and a CSV folder),
// first with no destination and then with one holding an older, different dataset. After each
// run the destination holds either exactly what it held before or the complete new dataset,
// never a mix; the input is untouched; what a killed save leaves behind is named as documented
// (.<name>.<16 hex digits>.parkinvest-tmp) and is deleted before the next run. Runs that were not
// killed must have succeeded.
#include <parkinvest/io/io.hpp>
#include <parkinvest/samples/synthetic.hpp>

#include <gtest/gtest.h>

#include "io/archive_support.hpp"
#include "support/files.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PARKINVEST_CLI
#error "PARKINVEST_CLI must name the parkinvest command-line tool"
#endif

namespace parkinvest {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using test::entries;
using test::file_bytes;
using test::folder_bytes;
using test::TempDir;

/// Starts `parkinvest convert in out` with its output going to /dev/null.
pid_t start_convert(const fs::path& in, const fs::path& out) {
    std::string cli = PARKINVEST_CLI;
    std::string program = "parkinvest", command = "convert", from = in.string(), to = out.string();
    std::array<char*, 5> argv{program.data(), command.data(), from.data(), to.data(), nullptr};
    const pid_t pid = ::fork();
    if (pid == 0) {  // only async-signal-safe calls in the child
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, STDOUT_FILENO);
            ::dup2(null, STDERR_FILENO);
        }
        ::execv(cli.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

/// Waits for the child `pid`; its wait status.
int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

bool succeeded(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }
bool killed(int status) { return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL; }

/// A destination as it is on disk: nothing, a file's bytes (under the name ""), or a folder's files.
using Snapshot = std::optional<std::map<std::string, std::string>>;

Snapshot snapshot(const fs::path& path) {
    const fs::file_status st = fs::symlink_status(path);
    if (!fs::exists(st)) return std::nullopt;
    if (fs::is_directory(st)) return folder_bytes(path);
    return std::map<std::string, std::string>{{"", file_bytes(path)}};
}

void restore(const fs::path& path, const Snapshot& s) {
    fs::remove_all(path);
    if (!s) return;
    if (s->size() == 1 && s->begin()->first.empty()) {
        test::write_file(path, s->begin()->second);
        return;
    }
    fs::create_directory(path);
    for (const auto& [name, bytes] : *s) test::write_file(path / name, bytes);
}

/// ".<name>.<16 lower-case hex digits>.parkinvest-tmp", the documented name of a leftover.
bool is_temporary_name(std::string_view entry, std::string_view name) {
    const std::string head = "." + std::string(name) + ".";
    constexpr std::string_view tail = ".parkinvest-tmp";
    if (entry.size() != head.size() + 16 + tail.size() || !entry.starts_with(head) || !entry.ends_with(tail)) return false;
    const std::string_view hex = entry.substr(head.size(), 16);
    return std::all_of(hex.begin(), hex.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

struct Case {
    const char* name;
    io::Format format;
};

TEST(IoSaveKill, AKilledConvertLeavesTheOldOrTheCompleteNewDestination) {
    TempDir dir("parkinvest_kill_test");
    const fs::path input = dir.path() / "input.bin";
    samples::SyntheticOptions options;
    options.projects = 2000;
    options.enterprises = 400;
    options.loans = 200;
    options.parks = 20;
    const Dataset expected = samples::synthetic_dataset(options);
    io::save(expected, input);
    const std::string input_bytes = file_bytes(input);
    samples::SyntheticOptions old_options;
    old_options.seed = 2;
    old_options.projects = 300;
    old_options.parks = 5;
    const Dataset old_data = samples::synthetic_dataset(old_options);
    ASSERT_NE(old_data, expected);

    const fs::path out_dir = dir.path() / "out";
    fs::create_directory(out_dir);
    const int seed = ::testing::UnitTest::GetInstance()->random_seed();
    SCOPED_TRACE("random seed " + std::to_string(seed) + " (--gtest_random_seed)");
    std::mt19937_64 random(static_cast<std::uint64_t>(seed));
    constexpr int runs_per_destination = 15;

    for (const Case c : {Case{"out.json", io::Format::json}, Case{"out.xml", io::Format::xml},
                         Case{"out.bin", io::Format::binary}, Case{"out.pbin", io::Format::portable_binary},
                         Case{"out.jsonl", io::Format::json_lines}, Case{"out.csv", io::Format::csv}}) {
        SCOPED_TRACE(c.name);
        const fs::path dest = out_dir / c.name;
        const std::string reference = c.format == io::Format::json_lines ? test::save_bytes(expected, c.format) : "";
        const auto complete = [&] {
            if (c.format == io::Format::json_lines) return file_bytes(dest) == reference;
            try {
                return io::load(dest) == expected;
            } catch (const FormatError&) {
                return false;
            }
        };
        io::save(old_data, dest);
        const Snapshot old_snapshot = snapshot(dest);
        fs::remove_all(dest);

        // One whole convert: it succeeds, and its duration bounds the random delays.
        const auto start = Clock::now();
        const int status = wait_for(start_convert(input, dest));
        const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
        ASSERT_TRUE(succeeded(status)) << "status " << status;
        ASSERT_TRUE(complete());
        ASSERT_EQ(entries(out_dir), std::set<std::string>{c.name});

        int killed_runs = 0, old_or_absent = 0, leftovers = 0;
        for (const bool has_old : {false, true}) {
            for (int run = 0; run < runs_per_destination; ++run) {
                restore(dest, has_old ? old_snapshot : std::nullopt);
                std::uniform_int_distribution<std::int64_t> delay(0, duration.count());
                const pid_t pid = start_convert(input, dest);
                std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
                ::kill(pid, SIGKILL);
                const int run_status = wait_for(pid);
                if (killed(run_status)) ++killed_runs;
                else EXPECT_TRUE(succeeded(run_status)) << "run " << run << ": status " << run_status;

                const Snapshot now = snapshot(dest);
                if (now == (has_old ? old_snapshot : std::nullopt)) {
                    ++old_or_absent;
                    EXPECT_TRUE(killed(run_status)) << "run " << run << ": a convert that was not killed wrote nothing";
                } else {
                    EXPECT_TRUE(complete()) << "run " << run << (has_old ? " over the old dataset" : "")
                                            << ": the destination is neither as before nor complete";
                }
                EXPECT_EQ(file_bytes(input), input_bytes) << "run " << run;
                for (const std::string& e : entries(out_dir)) {
                    if (e == c.name) continue;
                    ++leftovers;
                    EXPECT_TRUE(is_temporary_name(e, c.name)) << "run " << run << " left " << e;
                    fs::remove_all(out_dir / e);
                }
            }
        }
        fs::remove_all(dest);
        std::cout << "[          ] " << c.name << ": one convert " << duration.count() / 1000 << " ms; " << killed_runs
                  << " of " << 2 * runs_per_destination << " runs killed, " << old_or_absent
                  << " left the destination as before, " << leftovers << " temporary entries deleted\n";
    }
}

}  // namespace
}  // namespace parkinvest
