// See output_dir.h.
#include "src/export/output_dir.h"

#include <fstream>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace tbx {
namespace fs = std::filesystem;

absl::Status CheckOutputDir(const fs::path& out) {
  if (out.empty()) return absl::InvalidArgumentError("--out is required");
  std::error_code error;
  const fs::file_status status = fs::status(out, error);
  if (!fs::exists(status)) return absl::OkStatus();
  if (!fs::is_directory(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--out ", out.string(), " is a file, not a folder"));
  }
  if (fs::exists(out / kExportMarker)) return absl::OkStatus();
  if (!fs::is_empty(out, error) || error) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--out ", out.string(),
        " is a folder that is not empty and holds no tbx export; choose a new "
        "or empty folder"));
  }
  return absl::OkStatus();
}

absl::Status PrepareOutputDir(const fs::path& out) {
  std::error_code error;
  fs::create_directories(out, error);
  if (error) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot create --out ", out.string(), ": ", error.message()));
  }
  std::ifstream marker(out / kExportMarker);
  if (!marker) return absl::OkStatus();
  std::string line;
  while (std::getline(marker, line)) {
    // Only plain names inside `out`: a marker edited to name "../x" or "/x"
    // must not make tbx delete outside the folder.
    if (line.empty() || line == "." || line == ".." ||
        line.find('/') != std::string::npos)
      continue;
    fs::remove_all(out / line, error);
    if (error) {
      return absl::InternalError(absl::StrCat(
          "cannot remove ", (out / line).string(), ": ", error.message()));
    }
  }
  marker.close();
  fs::remove(out / kExportMarker, error);
  return absl::OkStatus();
}

absl::Status WriteExportMarker(const fs::path& out,
                               const std::vector<std::string>& entries) {
  std::ofstream marker(out / kExportMarker, std::ios::trunc);
  for (const std::string& entry : entries) marker << entry << "\n";
  marker.close();
  if (!marker) {
    return absl::InternalError(
        absl::StrCat("cannot write ", (out / kExportMarker).string()));
  }
  return absl::OkStatus();
}

}  // namespace tbx
