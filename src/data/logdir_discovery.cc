#include "src/data/logdir_discovery.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "src/data/file_systems.h"
#include "src/data/string_compat.h"

namespace tbx {
namespace {

std::vector<EventFileOnDisk> EventFiles(const std::string& dir,
                                        const std::vector<FileEntry>& files) {
  std::vector<EventFileOnDisk> out;
  for (const FileEntry& e : files) {
    if (IsReadableEventFile(e.name)) {
      out.push_back(
          EventFileOnDisk{e.name, absl::StrCat(dir, "/", e.name), e.size});
    }
  }
  return out;
}

}  // namespace

bool IsEventFileName(std::string_view basename) {
  return absl::StrContains(Sv(basename), "tfevents");
}

bool IsReadableEventFile(std::string_view basename) {
  return IsEventFileName(basename) &&
         !absl::EndsWith(Sv(basename), ".profile-empty");
}

std::vector<EventFileOnDisk> ListRunFiles(const std::string& directory) {
  absl::StatusOr<FileSystem*> fs = FileSystemFor(directory);
  if (!fs.ok()) return {};
  absl::StatusOr<std::vector<FileEntry>> files = (*fs)->ListFiles(directory);
  if (!files.ok()) return {};
  return EventFiles(directory, *files);
}

Discovery DiscoverRuns(const std::vector<LogdirSource>& sources) {
  Discovery out;
  absl::flat_hash_set<std::string> names;
  for (size_t index = 0; index < sources.size(); ++index) {
    const LogdirSource& source = sources[index];
    std::string root = source.path;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    absl::StatusOr<FileSystem*> fs = FileSystemFor(root);
    absl::StatusOr<std::vector<DirectoryListing>> tree =
        fs.ok() ? (*fs)->ListTree(root)
                : absl::StatusOr<std::vector<DirectoryListing>>(fs.status());
    if (!tree.ok()) {
      out.failed_sources.push_back(
          Discovery::Failure{index, std::string(tree.status().message())});
      continue;
    }
    const bool watchable = (*fs)->Watchable();
    for (DirectoryListing& dir : *tree) {
      if (watchable) out.directories.push_back(dir.path);
      bool is_run = false;
      for (const FileEntry& e : dir.files) is_run |= IsEventFileName(e.name);
      if (!is_run) continue;
      std::string name = source.name.empty()
                             ? dir.relative
                             : absl::StrCat(source.name, "/", dir.relative);
      if (names.insert(name).second) {
        out.runs.push_back(DiscoveredRun{index, std::move(name), dir.path,
                                         EventFiles(dir.path, dir.files)});
      }
    }
  }
  return out;
}

}  // namespace tbx
