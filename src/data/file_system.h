// FileSystem: what ingestion needs from where logs live — list a logdir's
// tree, list one directory's files, open a file for positional reads — behind
// an interface with a local (POSIX) implementation here and an object-store
// one (src/s3/s3_file_system.h) for s3:// and gs:// logdirs. FileSystemFor()
// (src/data/file_systems.h) picks one by a path's scheme.
//
// Implementations are thread-safe: the reloader, the loading pool and server
// threads (blob reads) call them at once.
#ifndef TBX_SRC_DATA_FILE_SYSTEM_H_
#define TBX_SRC_DATA_FILE_SYSTEM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "src/data/readable_file.h"

namespace tbx {

struct FileEntry {
  std::string name;  // basename
  uint64_t size = 0;
};

// One directory of a tree listing and the regular files directly in it.
struct DirectoryListing {
  std::string path;              // as given to Open(), joined with "/" + name
  std::string relative;          // to the root: "." for the root, else "a/b"
  std::vector<FileEntry> files;  // sorted by name
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // OK when `path` names a directory (for object stores: a reachable bucket);
  // else an error naming it.
  virtual absl::Status CheckDirectory(const std::string& path) = 0;
  // Every directory under `root` (itself first), depth first, subdirectories
  // in name order; symlinked directories are not followed. An error means
  // nothing could be listed (the caller keeps what it knew).
  virtual absl::StatusOr<std::vector<DirectoryListing>> ListTree(
      const std::string& root) = 0;
  // The regular files directly in `directory`, sorted by name.
  virtual absl::StatusOr<std::vector<FileEntry>> ListFiles(
      const std::string& directory) = 0;
  virtual absl::StatusOr<std::unique_ptr<ReadableFile>> Open(
      const std::string& path) = 0;
  // Whether changes can be watched with inotify (local directories).
  virtual bool Watchable() const = 0;
};

// The local file system (a process-wide instance).
FileSystem& LocalFileSystem();

}  // namespace tbx

#endif  // TBX_SRC_DATA_FILE_SYSTEM_H_
