#include "src/data/file_systems.h"

#include "absl/synchronization/mutex.h"
#include "src/s3/s3_file_system.h"

namespace tbx {

absl::StatusOr<FileSystem*> FileSystemFor(std::string_view path) {
  const bool s3 = path.starts_with("s3://");
  const bool gs = path.starts_with("gs://");
  if (!s3 && !gs) return &LocalFileSystem();
  static absl::Mutex* mu = new absl::Mutex();
  // Created once per scheme and kept for the life of the process.
  static absl::StatusOr<FileSystem*>* stores[2] = {nullptr, nullptr};
  absl::MutexLock lock(mu);
  absl::StatusOr<FileSystem*>*& slot = stores[gs ? 1 : 0];
  if (slot == nullptr) {
    absl::StatusOr<std::unique_ptr<FileSystem>> created =
        s3::CreateS3FileSystem(gs ? "gs" : "s3");
    slot = created.ok() ? new absl::StatusOr<FileSystem*>(created->release())
                        : new absl::StatusOr<FileSystem*>(created.status());
  }
  return *slot;
}

}  // namespace tbx
