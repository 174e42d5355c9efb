// CompressedBodies: the compressed forms of the bodies that routes keep to
// answer again (Response::kept_body, e.g. a /series answer in the scalars
// plugin's AnswerCache), so that an answer given again is sent without
// compressing it again (zstd of a first screen's 2.7 MB took 25 ms a request
// on the 2-core benchmark machine, on every page load).
//
// An entry is found by the kept body's address and the coding, and is valid
// only while that body lives: it holds the body weakly, so a body dropped by
// its route's cache is never confused with a new one at the same address. At
// most `max_bytes` of compressed bytes are kept; the oldest entries go first,
// and entries of bodies that are gone are dropped as new ones come.
//
// Owned by the HttpHandler; any server thread may call Get at once (`mu_`
// guards the entries; compression runs outside the lock, so two threads may
// compress one body at once, and the first stored is kept).
#ifndef TBX_SERVER_COMPRESSED_BODIES_H_
#define TBX_SERVER_COMPRESSED_BODIES_H_

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace tbx {

class CompressedBodies {
 public:
  explicit CompressedBodies(size_t max_bytes) : max_bytes_(max_bytes) {}
  CompressedBodies(const CompressedBodies&) = delete;
  CompressedBodies& operator=(const CompressedBodies&) = delete;

  // `body` as `coding` ("zstd", "gzip") compresses it: the form kept for this
  // body and coding, else the one `compress` makes now (kept when it fits).
  absl::StatusOr<std::shared_ptr<const std::string>> Get(
      const std::shared_ptr<const std::string>& body, std::string_view coding,
      absl::FunctionRef<absl::StatusOr<std::string>()> compress);

  // Compressed bytes kept (for tests).
  size_t bytes() const;

 private:
  using Key = std::pair<const std::string*, std::string>;
  struct Entry {
    std::weak_ptr<const std::string> body;
    std::shared_ptr<const std::string> compressed;
  };

  // `body`'s kept form under `key`, or null; drops an entry whose body is
  // gone (another body now at that address).
  std::shared_ptr<const std::string> FindLocked(
      const Key& key, const std::shared_ptr<const std::string>& body)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Drops `key`'s entry, if any.
  void EraseLocked(const Key& key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_bytes_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<Key, Entry> entries_ ABSL_GUARDED_BY(mu_);
  std::deque<Key> order_ ABSL_GUARDED_BY(mu_);  // oldest first
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tbx

#endif  // TBX_SERVER_COMPRESSED_BODIES_H_
