// SPDX-License-Identifier: MIT
// Files for tests: a fresh temporary folder, the bytes of a file, the entries of a folder.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <system_error>

#include <unistd.h>

namespace parkinvest::test {

/// A fresh folder under the system's temporary directory, removed at the end of the test.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "parkinvest_test") {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                (prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    /// Writes `text` to the file `file` in the folder.
    void write(const std::string& file, const std::string& text) const {
        std::ofstream out(path_ / file, std::ios::binary);
        out << text;
    }

private:
    std::filesystem::path path_;
};

/// The bytes of a file ("" when it cannot be read; compare with existence where that matters).
inline std::string file_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
    ASSERT_TRUE(out.flush()) << file;
}

/// The names in a folder.
inline std::set<std::string> entries(const std::filesystem::path& folder) {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder)) names.insert(e.path().filename().string());
    return names;
}

/// Every entry of a folder (not recursive) with its bytes; "<folder>" for a folder.
inline std::map<std::string, std::string> folder_bytes(const std::filesystem::path& folder) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(folder))
        files[e.path().filename().string()] = e.is_directory() ? "<folder>" : file_bytes(e.path());
    return files;
}

}  // namespace parkinvest::test
