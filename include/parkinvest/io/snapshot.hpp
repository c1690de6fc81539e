// SPDX-License-Identifier: MIT
// Snapshots (.pks): a dataset file a query can answer from before, or without, building every
// project record. This header does not include cereal.
#pragma once

#include <parkinvest/config.hpp>

#include <parkinvest/io/io.hpp>
#include <parkinvest/model/columns.hpp>
#include <parkinvest/model/dataset.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace parkinvest::io {

/// A dataset file in three sections (io::save to a .pks path, or Format::snapshot, writes one):
///
///  1. every record but the projects (a portable binary archive, as in .pbin);
///  2. the projects' query columns — ds.project_columns() as little-endian arrays;
///  3. the project records (portable binary).
///
/// open() reads the header and section 1; a query over all projects then reads, from section 2,
/// only the columns it uses, the first time it uses them:
///
///     const io::Snapshot snap = io::Snapshot::open("parks.pks");
///     query::from(snap.others(), snap.project_columns()).group_by(query::by_park()).aggregate(query::count());
///
/// dataset() decodes section 3, when a caller needs the records.
///
/// What is checked, and when (every offset and length is checked against the file before use):
///  * open(): the header, the section bounds, and section 1 as fully as io::load checks a file
///    (it is a Dataset of its own). Any problem: FormatError, nothing opened.
///  * a column, when first read (by a query, or any project_columns() accessor): each row's
///    value on its own — park ids among section 1's parks; amounts in range and not negative,
///    with a known Bound, absent ones zero; days in range — and against the columns read before
///    it: one currency per row, stages in main-path order. Any problem: FormatError (from the
///    query), and the column is not kept.
///  * dataset(): every column as above, the project records as io::load checks them, together
///    with section 1 (ids, references, every rule of the Dataset), and that they give exactly the
///    columns of section 2, row by row. Any problem: FormatError, nothing returned.
/// A file written by save() always passes every check. A file made by other means can have
/// columns that pass and records that do not agree with them, or are damaged: queries over the
/// columns then answer from the columns, and dataset() refuses the file. Call dataset() first
/// when every answer must come from a file that passes every check (io::load does).
class Snapshot {
public:
    /// Opens a snapshot file; the file stays open while the Snapshot or its columns live (columns
    /// and records are read from it when needed: a file replaced by io::save meanwhile is not
    /// seen). A FIFO or device is read into memory, up to LoadOptions::max_input_bytes.
    [[nodiscard]] static Snapshot open(const std::filesystem::path& path, const LoadOptions& options = {});
    /// A snapshot held in memory (`name` is what errors call it).
    [[nodiscard]] static Snapshot from_bytes(std::string bytes, const LoadOptions& options = {},
                                             std::string_view name = "<bytes>");

    Snapshot(Snapshot&&) noexcept;
    Snapshot& operator=(Snapshot&&) noexcept;
    ~Snapshot();

    /// Every record but the projects: parks, industries, enterprises, banks, loans, waste
    /// facilities, statistics, sources.
    [[nodiscard]] const Dataset& others() const noexcept;
    /// The projects as columns: row i is the i-th project of dataset(). Each column is read
    /// from the file when first asked for (its accessors may throw FormatError); thread-safe.
    [[nodiscard]] const ProjectColumns& project_columns() const noexcept;
    /// Decodes the project records and returns the whole dataset (see the class comment for the
    /// checks). Each call decodes again.
    [[nodiscard]] Dataset dataset() const;

private:
    struct Impl;
    explicit Snapshot(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace parkinvest::io
