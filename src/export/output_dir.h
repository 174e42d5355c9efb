// The --out folder of `tbx export`: checked before any loading, and emptied of
// a previous export's files. A folder tbx exported into holds a marker file,
// `.tbx-export`, listing the top-level entries the export wrote; only those
// are removed, so files added beside them (a CNAME for GitHub Pages) stay.
// Called from the exporting thread only.
#ifndef TBX_EXPORT_OUTPUT_DIR_H_
#define TBX_EXPORT_OUTPUT_DIR_H_

#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tbx {

inline constexpr char kExportMarker[] = ".tbx-export";

// OK when `out` does not exist (it is created later), is an empty folder, or
// holds a previous export. InvalidArgument with a one-line message for an
// empty path, a path that is a file, or a non-empty folder without the
// marker.
absl::Status CheckOutputDir(const std::filesystem::path& out);

// Creates `out` (and its parents), or removes the entries a previous export's
// marker lists. Call after CheckOutputDir.
absl::Status PrepareOutputDir(const std::filesystem::path& out);

// Writes the marker naming `entries` (top-level names, one a line).
absl::Status WriteExportMarker(const std::filesystem::path& out,
                               const std::vector<std::string>& entries);

}  // namespace tbx

#endif  // TBX_EXPORT_OUTPUT_DIR_H_
