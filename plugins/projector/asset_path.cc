// Confining config paths to their directory; see asset_path.h.
#include "plugins/projector/asset_path.h"

#include <filesystem>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx::plugins::projector {

namespace fs = std::filesystem;

absl::StatusOr<std::string> ResolveInside(const std::string& base_dir,
                                          std::string_view path) {
  std::error_code error;
  const fs::path base = fs::weakly_canonical(fs::absolute(base_dir), error);
  if (error) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot resolve directory \"", base_dir, "\""));
  }
  fs::path target(path);
  if (target.is_relative()) target = base / target;
  const fs::path resolved = fs::weakly_canonical(target, error);
  if (error || path.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot resolve path \"", std::string(path), "\""));
  }
  // Inside means: every component of `base` is a leading component of
  // `resolved`.
  auto b = base.begin();
  auto r = resolved.begin();
  for (; b != base.end(); ++b, ++r) {
    if (b->empty()) continue;  // trailing separator
    if (r == resolved.end() || *b != *r) {
      return absl::InvalidArgumentError(
          absl::StrCat("path \"", std::string(path),
                       "\" in the projector config resolves outside \"",
                       base.string(), "\""));
    }
  }
  return resolved.string();
}

bool IsRegularFile(const std::string& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

}  // namespace tbx::plugins::projector
