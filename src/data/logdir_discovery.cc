#include "src/data/logdir_discovery.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "src/data/string_compat.h"

namespace tbx {
namespace {

struct Entry {
  std::string name;
  bool is_dir = false;
  uint64_t size = 0;
  bool is_file = false;
};

std::vector<Entry> ListDirectory(const std::string& dir) {
  std::vector<Entry> entries;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return entries;
  while (struct dirent* e = readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    Entry entry;
    entry.name = std::string(name);
    std::string path = absl::StrCat(dir, "/", Sv(name));
    unsigned char type = e->d_type;
    if (type == DT_DIR) {
      entry.is_dir = true;
    } else if (type == DT_REG || type == DT_LNK || type == DT_UNKNOWN) {
      struct stat st;
      // Symlinked directories are not followed; symlinked files are read.
      if (type == DT_UNKNOWN ? lstat(path.c_str(), &st) == 0
                             : stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode) && type == DT_UNKNOWN) entry.is_dir = true;
        if (S_ISREG(st.st_mode)) {
          entry.is_file = true;
          entry.size = static_cast<uint64_t>(st.st_size);
        }
      }
    }
    if (entry.is_dir || entry.is_file) entries.push_back(std::move(entry));
  }
  closedir(d);
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return entries;
}

void Walk(const std::string& dir, const std::string& relative,
          const LogdirSource& source, absl::flat_hash_set<std::string>* names,
          Discovery* out, int depth) {
  if (depth > 64) return;
  out->directories.push_back(dir);
  std::vector<Entry> entries = ListDirectory(dir);
  bool is_run = false;
  std::vector<EventFileOnDisk> files;
  for (const Entry& e : entries) {
    if (!e.is_file || !IsEventFileName(e.name)) continue;
    is_run = true;
    if (IsReadableEventFile(e.name)) {
      files.push_back(
          EventFileOnDisk{e.name, absl::StrCat(dir, "/", e.name), e.size});
    }
  }
  if (is_run) {
    std::string name = source.name.empty()
                           ? relative
                           : absl::StrCat(source.name, "/", relative);
    if (names->insert(name).second) {
      out->runs.push_back(
          DiscoveredRun{std::move(name), dir, std::move(files)});
    }
  }
  for (const Entry& e : entries) {
    if (!e.is_dir) continue;
    std::string child_relative =
        relative == "." ? e.name : absl::StrCat(relative, "/", e.name);
    Walk(absl::StrCat(dir, "/", e.name), child_relative, source, names, out,
         depth + 1);
  }
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
  std::vector<EventFileOnDisk> files;
  for (const Entry& e : ListDirectory(directory)) {
    if (e.is_file && IsReadableEventFile(e.name)) {
      files.push_back(EventFileOnDisk{
          e.name, absl::StrCat(directory, "/", e.name), e.size});
    }
  }
  return files;
}

Discovery DiscoverRuns(const std::vector<LogdirSource>& sources) {
  Discovery out;
  absl::flat_hash_set<std::string> names;
  for (const LogdirSource& source : sources) {
    std::string root = source.path;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    Walk(root, ".", source, &names, &out, 0);
  }
  return out;
}

}  // namespace tbx
