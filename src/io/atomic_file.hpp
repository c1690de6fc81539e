// SPDX-License-Identifier: MIT
// Saves that cannot be torn or redirected (POSIX). Not installed.
//
// A save writes a complete new file (or folder) under a fresh random name next to its target,
// created exclusively and never through a symbolic link, syncs it to the disk and only then
// renames it over the target. A failed save removes what it wrote; a save killed midway leaves
// the target as it was, plus a temporary entry named
//     .<target's file name>.<16 hexadecimal digits>.parkinvest-tmp
// that is safe to delete.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <span>
#include <string_view>

namespace parkinvest::io::detail {

/// The end of the name of every temporary file or folder a save creates.
inline constexpr std::string_view temp_suffix = ".parkinvest-tmp";

/// An owned file descriptor, closed by the destructor.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) noexcept : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();
    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }
    int release() noexcept;
    /// Closes now; 0, or -1 with errno set.
    int close() noexcept;

private:
    int fd_ = -1;
};

/// Replaces the file `path` with one whose bytes `write` puts into the stream it is given.
/// A symbolic link at `path` is replaced, never followed. Throws std::filesystem::filesystem_error
/// naming the step, the path and the system's error (a full disk, a missing folder ...); what
/// `write` throws passes through. Either way `path` is left as it was.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

/// Replaces the folder `folder` with a new one holding the files `files`, whose bytes
/// write(index in files, stream) puts into the stream it is given. An existing `folder` may
/// hold only regular files named in `files` (they are replaced); anything else in it is named
/// in a std::filesystem::filesystem_error (directory_not_empty) before anything is written. A
/// `folder` that is a file is refused (not_a_directory); a symbolic link there is replaced,
/// never followed. Other failures as for write_file_atomically: `folder` is left as it was.
void write_folder_atomically(const std::filesystem::path& folder, std::span<const std::string_view> files,
                             const std::function<void(std::size_t, std::ostream&)>& write);

}  // namespace parkinvest::io::detail
