// SPDX-License-Identifier: MIT
// The command-line tool run from a test: `Cli cli; CliRun r = cli({"query", "sample.json", ...});`
// in a scratch folder that holds the built-in sample dataset as sample.json.
#pragma once

#include "support/files.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PARKINVEST_CLI
#error "PARKINVEST_CLI must name the parkinvest command-line tool"
#endif

namespace parkinvest::test {

struct CliRun {
    int status = -1;
    std::string out;
    std::string err;
};

/// The tool, run in a scratch folder that holds the sample dataset as sample.json (parkinvest sample).
class Cli {
public:
    Cli() {
        const CliRun r = (*this)({"sample", "sample.json"});
        EXPECT_EQ(r.status, 0) << r.err;
    }

    /// The scratch folder the tool runs in.
    [[nodiscard]] const std::filesystem::path& folder() const { return work_.path(); }

    /// Runs `parkinvest args...` in the scratch folder; its exit status, stdout and stderr.
    CliRun operator()(const std::vector<std::string>& args) const {
        const std::string out = (io_.path() / "stdout").string();
        const std::string err = (io_.path() / "stderr").string();
        const std::string dir = work_.path().string();
        std::string cli = PARKINVEST_CLI;
        std::vector<std::string> copy = args;
        std::vector<char*> argv{cli.data()};
        for (std::string& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        const pid_t pid = ::fork();
        if (pid < 0) return {-1, {}, std::string("fork failed: ") + std::strerror(errno)};
        if (pid == 0) {  // only async-signal-safe calls in the child
            const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (o < 0 || e < 0 || ::chdir(dir.c_str()) != 0) ::_exit(127);
            ::dup2(o, STDOUT_FILENO);
            ::dup2(e, STDERR_FILENO);
            ::execv(cli.c_str(), argv.data());
            ::_exit(127);
        }
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, file_bytes(out), file_bytes(err)};
    }

private:
    TempDir work_{"parkinvest_cli"};
    TempDir io_{"parkinvest_cli_io"};
};

inline std::string shown(const std::vector<std::string>& args) {
    std::string s = "parkinvest";
    for (const std::string& a : args) s += " " + a;
    return s;
}

}  // namespace parkinvest::test
