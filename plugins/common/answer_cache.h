// Answers of one route (response bodies) kept by request while the data does
// not change: a repeated request (the same charts opened again, in another
// tab, or by another user) is answered without reading the store. Every entry
// belongs to one data generation (DataProvider::Generation); storing or
// looking up at a newer generation drops the older entries. At most
// `max_bytes` of bodies are kept: the oldest entries go first, and a body
// larger than that is not kept.
//
// The route owns its cache; any server thread may call it at once (`mu_`
// guards the entries). Bodies are immutable and shared, so a reader keeps its
// copy after the entry is dropped.
#ifndef TBX_PLUGINS_COMMON_ANSWER_CACHE_H_
#define TBX_PLUGINS_COMMON_ANSWER_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "tbx/data_provider.h"

namespace tbx::plugins {

class AnswerCache {
 public:
  explicit AnswerCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  AnswerCache(const AnswerCache&) = delete;
  AnswerCache& operator=(const AnswerCache&) = delete;

  // The body stored for `key` at `generation`, else null.
  std::shared_ptr<const std::string> Find(uint64_t generation,
                                          const std::string& key);
  // Stores `body` for `key`, built from the data of `generation` (read before
  // building it). Ignored when a newer generation is cached already.
  void Store(uint64_t generation, const std::string& key,
             std::shared_ptr<const std::string> body);

  // The body kept for `key` at `provider`'s current generation, else the one
  // `build()` (returning absl::StatusOr<std::string>) makes, kept when it
  // succeeds. Built outside the lock: two threads may build one key at once.
  template <typename Build>
  absl::StatusOr<std::shared_ptr<const std::string>> Get(
      const DataProvider& provider, const std::string& key, Build build) {
    // Read before building: data arriving meanwhile moves the generation, so
    // the body built now is not kept past it.
    const uint64_t generation = provider.Generation();
    if (auto found = Find(generation, key)) return found;
    absl::StatusOr<std::string> built = build();
    if (!built.ok()) return built.status();
    auto body = std::make_shared<const std::string>(*std::move(built));
    Store(generation, key, body);
    return body;
  }

  // Bytes of the bodies kept (for tests).
  size_t bytes() const;

 private:
  // Drops every entry when `generation` is newer than theirs.
  void MoveToLocked(uint64_t generation) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_bytes_;
  mutable absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, std::shared_ptr<const std::string>> bodies_
      ABSL_GUARDED_BY(mu_);
  // Keys of bodies_, oldest first.
  std::deque<std::string> order_ ABSL_GUARDED_BY(mu_);
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_ANSWER_CACHE_H_
