// The local FileSystem: readdir/stat for listings, pread for reads.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "src/data/file_system.h"

namespace tbx {
namespace {

struct Entry {
  std::string name;
  bool is_dir = false;
  bool is_file = false;
  uint64_t size = 0;
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
    std::string path = absl::StrCat(dir, "/", entry.name);
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

void Walk(const std::string& dir, const std::string& relative, int depth,
          std::vector<DirectoryListing>* out) {
  if (depth > 64) return;
  std::vector<Entry> entries = ListDirectory(dir);
  DirectoryListing listing;
  listing.path = dir;
  listing.relative = relative;
  for (Entry& e : entries) {
    if (e.is_file) listing.files.push_back(FileEntry{e.name, e.size});
  }
  out->push_back(std::move(listing));
  for (const Entry& e : entries) {
    if (!e.is_dir) continue;
    Walk(absl::StrCat(dir, "/", e.name),
         relative == "." ? e.name : absl::StrCat(relative, "/", e.name),
         depth + 1, out);
  }
}

class Local final : public FileSystem {
 public:
  absl::Status CheckDirectory(const std::string& path) override {
    struct stat st;
    if (stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      return absl::NotFoundError(
          absl::StrCat("logdir '", path, "' does not exist"));
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<DirectoryListing>> ListTree(
      const std::string& root) override {
    std::vector<DirectoryListing> out;
    Walk(root, ".", 0, &out);
    return out;
  }
  absl::StatusOr<std::vector<FileEntry>> ListFiles(
      const std::string& directory) override {
    std::vector<FileEntry> files;
    for (Entry& e : ListDirectory(directory)) {
      if (e.is_file) files.push_back(FileEntry{std::move(e.name), e.size});
    }
    return files;
  }
  absl::StatusOr<std::unique_ptr<ReadableFile>> Open(
      const std::string& path) override {
    return OpenReadableFile(path);
  }
  bool Watchable() const override { return true; }
};

}  // namespace

FileSystem& LocalFileSystem() {
  static Local* local = new Local();
  return *local;
}

}  // namespace tbx
