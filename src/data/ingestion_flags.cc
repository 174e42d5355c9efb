// ParseLogdirFlags and ParseSamplesPerPlugin (declared in ingestion.h):
// TensorBoard's rules for
// --logdir, --logdir_spec and --samples_per_plugin.
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "src/data/ingestion.h"
#include "src/data/string_compat.h"

namespace tbx {
namespace {

std::string ExpandUser(std::string_view path) {
  if (path == "~" || absl::StartsWith(Sv(path), "~/")) {
    const char* home = std::getenv("HOME");
    if (home != nullptr) return absl::StrCat(home, Sv(path.substr(1)));
  }
  return std::string(path);
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// os.path.realpath: the canonical path when it exists, else an absolute path.
std::string RealPath(const std::string& path) {
  char buffer[PATH_MAX];
  if (realpath(path.c_str(), buffer) != nullptr) return buffer;
  if (absl::StartsWith(path, "/")) return path;
  if (getcwd(buffer, sizeof(buffer)) == nullptr) return path;
  return absl::StrCat(buffer, "/", path);
}

// "[a-zA-Z][0-9a-zA-Z.]*://.*"
bool HasUriScheme(std::string_view s) {
  if (s.empty() || !absl::ascii_isalpha(static_cast<unsigned char>(s[0])))
    return false;
  size_t i = 1;
  while (
      i < s.size() &&
      (absl::ascii_isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
    ++i;
  }
  return s.substr(i, 3) == "://";
}

}  // namespace

absl::StatusOr<std::vector<LogdirSource>> ParseLogdirFlags(
    std::string_view logdir, std::string_view logdir_spec) {
  if (!logdir.empty() && !logdir_spec.empty()) {
    return absl::InvalidArgumentError(
        "--logdir and --logdir_spec may not both be given");
  }
  if (logdir.empty() && logdir_spec.empty()) {
    return absl::InvalidArgumentError(
        "one of --logdir or --logdir_spec is required");
  }
  std::vector<LogdirSource> sources;
  if (!logdir.empty()) {
    std::string whole = ExpandUser(logdir);
    if (IsDirectory(whole) || !absl::StrContains(Sv(logdir), ",")) {
      sources.push_back(LogdirSource{"", whole});
      return sources;
    }
    for (absl::string_view part :
         absl::StrSplit(Sv(logdir), ',', absl::SkipEmpty())) {
      sources.push_back(LogdirSource{
          "", ExpandUser(std::string_view(part.data(), part.size()))});
    }
    return sources;
  }
  for (absl::string_view spec_piece :
       absl::StrSplit(Sv(logdir_spec), ',', absl::SkipEmpty())) {
    std::string_view spec(spec_piece.data(), spec_piece.size());
    LogdirSource source;
    std::string_view path = spec;
    if (!HasUriScheme(spec) && absl::StrContains(Sv(spec), ":") &&
        spec[0] != '/') {
      size_t colon = spec.find(':');
      source.name = std::string(spec.substr(0, colon));
      path = spec.substr(colon + 1);
    }
    if (path.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--logdir_spec entry '", Sv(spec), "' has no path"));
    }
    source.path =
        HasUriScheme(path) ? std::string(path) : RealPath(ExpandUser(path));
    // TensorBoard keys the spec by path: a path given twice keeps its last
    // name.
    bool replaced = false;
    for (LogdirSource& existing : sources) {
      if (existing.path == source.path) {
        existing.name = source.name;
        replaced = true;
      }
    }
    if (!replaced) sources.push_back(std::move(source));
  }
  return sources;
}

absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> ParseSamplesPerPlugin(
    std::string_view flag) {
  absl::flat_hash_map<std::string, int64_t> result;
  for (absl::string_view token :
       absl::StrSplit(Sv(flag), ',', absl::SkipEmpty())) {
    token = absl::StripAsciiWhitespace(token);
    if (token.empty()) continue;
    std::vector<absl::string_view> parts = absl::StrSplit(token, '=');
    int64_t n = 0;
    if (parts.size() != 2 || parts[0].empty() ||
        !absl::SimpleAtoi(absl::StripAsciiWhitespace(parts[1]), &n) || n < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--samples_per_plugin: got '", token,
                       "', want plugin=N with N >= 0 (0 = keep all)"));
    }
    result[std::string(absl::StripAsciiWhitespace(parts[0]))] = n;
  }
  return result;
}

}  // namespace tbx
