// BlobReader: reads the bytes of one blob of a blob sequence on demand —
// re-reads its record from the event file, migrates it as at load time and
// picks the element — through a small LRU cache of whole records bounded in
// bytes, so memory does not grow with image sizes.
//
// Thread-safe: any thread may call Read(); the cache has its own leaf lock
// (held only for cache bookkeeping, never during file reads).
#ifndef TBX_SRC_DATA_BLOB_READER_H_
#define TBX_SRC_DATA_BLOB_READER_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "src/data/run_data.h"

namespace tbx {

// The payload of the intact record whose header is at `offset` in `path`.
absl::StatusOr<std::string> ReadRecordAt(const std::string& path,
                                         uint64_t offset);

class BlobReader {
 public:
  explicit BlobReader(size_t cache_bytes = 32 << 20)
      : cache_bytes_(cache_bytes) {}
  BlobReader(const BlobReader&) = delete;
  BlobReader& operator=(const BlobReader&) = delete;

  absl::StatusOr<std::string> Read(const BlobLocation& location)
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  using Record = std::shared_ptr<const std::string>;
  Record Lookup(const std::string& key) ABSL_LOCKS_EXCLUDED(mu_);
  void Insert(const std::string& key, Record record) ABSL_LOCKS_EXCLUDED(mu_);

  const size_t cache_bytes_;
  absl::Mutex mu_;  // leaf lock
  // Most recently used first.
  std::list<std::pair<std::string, Record>> lru_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string,
                      std::list<std::pair<std::string, Record>>::iterator>
      map_ ABSL_GUARDED_BY(mu_);
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_BLOB_READER_H_
