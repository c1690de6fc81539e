// SPDX-License-Identifier: MIT
// Saves that cannot be torn or redirected: see atomic_file.hpp.
#include "atomic_file.hpp"

#include <parkinvest/core/errors.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>  // renameat2, RENAME_EXCHANGE (glibc 2.28 or later)
#include <cstring>
#include <ostream>
#include <random>
#include <streambuf>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace parkinvest::io::detail {

namespace fs = std::filesystem;

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() { close(); }

int UniqueFd::release() noexcept { return std::exchange(fd_, -1); }

int UniqueFd::close() noexcept {
    if (fd_ < 0) return 0;
    // Linux closes the descriptor even when close() reports EINTR: never retry.
    const int result = ::close(std::exchange(fd_, -1));
    return result != 0 && errno == EINTR ? 0 : result;
}

namespace {

/// Built with += of pieces: gcc 12 at -O2 and above warns falsely (-Wrestrict) on
/// "literal" + std::string.
std::string quoted(const fs::path& p) {
    std::string q = "\"";
    q += p.string();
    q += '"';
    return q;
}

/// "parkinvest: cannot save "<target>": <step>" with the system's error `error`.
[[noreturn]] void fail(const fs::path& target, const std::string& step, int error, const fs::path& path1,
                       const fs::path& path2 = {}) {
    const std::string what = "parkinvest: cannot save " + quoted(target) + ": " + step;
    const std::error_code ec(error, std::system_category());
    if (path2.empty()) throw fs::filesystem_error(what, path1, ec);
    throw fs::filesystem_error(what, path1, path2, ec);
}

/// The folder that holds `path` ("." for a bare file name).
fs::path folder_of(const fs::path& path) {
    fs::path parent = path.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

void check_names_an_entry(const fs::path& path) {
    const fs::path name = path.filename();
    if (name.empty() || name == "." || name == "..")
        throw ArgumentError("parkinvest: cannot save to " + quoted(path) + ": the path names no file or folder");
}

/// A fresh name next to `target`: ".<target's name>.<16 random hexadecimal digits>.parkinvest-tmp".
fs::path temp_path_for(const fs::path& target) {
    std::random_device random;
    const std::uint64_t bits = (std::uint64_t{random()} << 32) ^ std::uint64_t{random()};
    std::array<char, 17> hex{};
    std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(bits));
    // At most 200 bytes of the target's name, so that the temporary name stays within NAME_MAX (255).
    const std::string name = target.filename().string().substr(0, 200);
    return target.parent_path() / ("." + name + "." + hex.data() + std::string(temp_suffix));
}

/// Creates a temporary entry next to `target` with `create(path)` (an exclusive creation that
/// returns false with errno set on failure), trying new names while the name is taken.
template <class Create>
fs::path create_temp(const fs::path& target, const std::string& what, Create create) {
    for (int attempt = 0;; ++attempt) {
        fs::path tmp = temp_path_for(target);
        if (create(tmp)) return tmp;
        const int error = errno;
        if (error != EEXIST || attempt == 9)
            fail(target, "cannot create a temporary " + what + " in " + quoted(folder_of(target)), error, folder_of(target));
    }
}

/// An output stream buffer over a file descriptor that notes the first error of write(2).
class FdStreamBuf final : public std::streambuf {
public:
    explicit FdStreamBuf(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
    /// The errno of the first write that failed; 0 when none did.
    [[nodiscard]] int error() const noexcept { return error_; }

protected:
    int_type overflow(int_type ch) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        const auto size = static_cast<std::size_t>(n);
        if (size == 0) return 0;
        if (size > static_cast<std::size_t>(epptr() - pptr())) {
            if (!drain()) return 0;
            if (size >= buffer_.size()) return write_all(s, size) ? n : 0;
        }
        std::memcpy(pptr(), s, size);
        pbump(static_cast<int>(size));
        return n;
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        const auto size = static_cast<std::size_t>(pptr() - pbase());
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return write_all(buffer_.data(), size);
    }
    bool write_all(const char* p, std::size_t size) {
        if (error_ != 0) return false;
        while (size > 0) {
            const ssize_t written = ::write(fd_, p, size);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) {
                error_ = written < 0 ? errno : EIO;
                return false;
            }
            p += written;
            size -= static_cast<std::size_t>(written);
        }
        return true;
    }

    int fd_;
    int error_ = 0;
    std::array<char, 1 << 16> buffer_{};
};

/// Writes the file `file` (open as `fd`) with `write`, syncs it to the disk and closes it.
void fill(UniqueFd& fd, const fs::path& file, const fs::path& target, const std::function<void(std::ostream&)>& write) {
    FdStreamBuf buf(fd.get());
    std::ostream out(&buf);
    const auto check = [&] {
        if (buf.error() != 0) fail(target, "cannot write " + quoted(file), buf.error(), file);
    };
    try {
        write(out);
    } catch (...) {
        check();  // a failed write(2) is the cause of what the writer threw about the stream
        throw;
    }
    out.flush();
    check();
    if (!out) fail(target, "cannot write " + quoted(file), EIO, file);
    if (::fsync(fd.get()) != 0 || fd.close() != 0) {
        const int error = errno;
        fail(target, "cannot write " + quoted(file), error, file);
    }
}

/// Syncs a folder's entries (a rename in it) to the disk. After the rename, the save has
/// happened and cannot be undone, so this is best effort: its errors are ignored.
void sync_folder(const fs::path& folder) noexcept {
    const UniqueFd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd) static_cast<void>(::fsync(fd.get()));
}

/// Refuses (filesystem_error, directory_not_empty) a folder holding anything but regular files
/// named in `files`, naming the first such entry in alphabetical order.
void check_only_files(const fs::path& folder, std::span<const std::string_view> files) {
    std::vector<fs::path> others;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const bool listed = std::find(files.begin(), files.end(), name) != files.end();
        std::error_code type_ec;
        if (!listed || !it->is_regular_file(type_ec) || it->is_symlink(type_ec)) others.push_back(it->path());
    }
    if (ec) fail(folder, "cannot list the folder " + quoted(folder), ec.value(), folder);
    if (others.empty()) return;
    std::sort(others.begin(), others.end());
    std::string step = "the folder holds " + quoted(others.front()) + ", which is not a table of a dataset";
    if (others.size() > 1) step += " (and " + std::to_string(others.size() - 1) + " more)";
    step += "; a save replaces the whole folder: move such entries away or save to another folder";
    fail(folder, step, static_cast<int>(std::errc::directory_not_empty), others.front());
}

/// Removes the replaced folder (or symbolic link) `old`: the files named in `files`, then the
/// folder if that leaves it empty. Best effort, as the save has happened.
void remove_replaced(const fs::path& old, std::span<const std::string_view> files) noexcept {
    if (::unlink(old.c_str()) == 0) return;  // a symbolic link (unlink refuses folders)
    for (const std::string_view name : files) static_cast<void>(::unlink((old / name).c_str()));
    static_cast<void>(::rmdir(old.c_str()));
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
    check_names_an_entry(path);
    UniqueFd fd;
    const fs::path tmp = create_temp(path, "file", [&](const fs::path& p) {
        // O_EXCL with O_CREAT never opens an existing file nor follows a symbolic link.
        fd = UniqueFd(::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
        return static_cast<bool>(fd);
    });
    try {
        fill(fd, tmp, path, write);
        if (::rename(tmp.c_str(), path.c_str()) != 0) {
            const int error = errno;
            fail(path, "cannot rename " + quoted(tmp) + " to " + quoted(path), error, tmp, path);
        }
    } catch (...) {
        fd.close();
        static_cast<void>(::unlink(tmp.c_str()));
        throw;
    }
    sync_folder(folder_of(path));
}

void write_folder_atomically(const fs::path& folder, std::span<const std::string_view> files,
                             const std::function<void(std::size_t, std::ostream&)>& write) {
    check_names_an_entry(folder);
    struct stat st {};
    bool exists = true;
    if (::lstat(folder.c_str(), &st) != 0) {
        const int error = errno;
        if (error != ENOENT && error != ENOTDIR) fail(folder, "cannot inspect " + quoted(folder), error, folder);
        exists = false;  // a missing parent folder is reported when the temporary folder cannot be made
    } else if (S_ISDIR(st.st_mode)) {
        check_only_files(folder, files);
    } else if (!S_ISLNK(st.st_mode)) {
        fail(folder, quoted(folder) + " is a file, not a folder of tables", ENOTDIR, folder);
    }

    const fs::path tmp = create_temp(folder, "folder", [](const fs::path& p) { return ::mkdir(p.c_str(), 0777) == 0; });
    try {
        const UniqueFd dir(::open(tmp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir) {
            const int error = errno;
            fail(folder, "cannot open " + quoted(tmp), error, tmp);
        }
        for (std::size_t i = 0; i < files.size(); ++i) {
            const std::string name(files[i]);
            const fs::path file = tmp / name;
            UniqueFd fd(::openat(dir.get(), name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
            if (!fd) {
                const int error = errno;
                fail(folder, "cannot create " + quoted(file), error, file);
            }
            fill(fd, file, folder, [&](std::ostream& out) { write(i, out); });
        }
        if (::fsync(dir.get()) != 0) {
            const int error = errno;
            fail(folder, "cannot write " + quoted(tmp), error, tmp);
        }
        // The swap: a rename, or an exchange of the two names in one step, so that `folder`
        // always names either the old or the new folder.
        const bool swapped = exists ? ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, folder.c_str(), RENAME_EXCHANGE) == 0
                                    : ::rename(tmp.c_str(), folder.c_str()) == 0;
        if (!swapped) {
            const int error = errno;
            fail(folder, std::string(exists ? "cannot exchange " : "cannot rename ") + quoted(tmp) +
                             (exists ? " with " : " to ") + quoted(folder), error, tmp, folder);
        }
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(tmp, ignored);
        throw;
    }
    if (exists) remove_replaced(tmp, files);  // the old folder, now under the temporary name
    sync_folder(folder_of(folder));
}

}  // namespace parkinvest::io::detail
