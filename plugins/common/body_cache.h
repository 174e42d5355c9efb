// Response bodies of one route keyed by the request's parameters, kept while
// the provider's data does not change (DataProvider::Generation): a route whose
// answer costs real work (the histograms re-binned to a card's width: every
// bucket of every step read and spread) answers a repeated request — the page
// opened again, a second tab, a card scrolled back into view — without
// redoing it. Every body is dropped when the generation moves; past
// `max_bytes` the oldest bodies are dropped first. Failures are not kept.
//
// A plugin owns one per route; any server thread may call Get at once (`mu_`
// guards the map). Bodies are immutable and shared, so a reader keeps its copy
// even after they are dropped.
#ifndef TBX_PLUGINS_COMMON_BODY_CACHE_H_
#define TBX_PLUGINS_COMMON_BODY_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "tbx/data_provider.h"

namespace tbx::plugins {

class BodyCache {
 public:
  explicit BodyCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The body kept for `key` at `provider`'s current generation, else the one
  // `build()` (returning absl::StatusOr<std::string>) makes, kept when it
  // succeeds and fits. Built outside the lock: two threads may build one key
  // at once.
  template <typename Build>
  absl::StatusOr<std::shared_ptr<const std::string>> Get(
      const DataProvider& provider, const std::string& key, Build build) {
    // Read before building: data arriving meanwhile moves the generation, so
    // the body built now is not kept past it.
    const uint64_t generation = provider.Generation();
    {
      absl::MutexLock lock(&mu_);
      if (generation == generation_) {
        auto found = bodies_.find(key);
        if (found != bodies_.end()) return found->second;
      }
    }
    absl::StatusOr<std::string> built = build();
    if (!built.ok()) return built.status();
    auto body = std::make_shared<const std::string>(*std::move(built));
    absl::MutexLock lock(&mu_);
    if (generation < generation_) return body;
    if (generation > generation_) {
      Clear();
      generation_ = generation;
    }
    if (body->size() > max_bytes_ || bodies_.contains(key)) return body;
    while (bytes_ + body->size() > max_bytes_) {
      const std::string& oldest = order_.front();
      bytes_ -= bodies_[oldest]->size();
      bodies_.erase(oldest);
      order_.pop_front();
    }
    bodies_.emplace(key, body);
    order_.push_back(key);
    bytes_ += body->size();
    return body;
  }

  // Bodies kept now (for tests).
  size_t size() const {
    absl::MutexLock lock(&mu_);
    return bodies_.size();
  }

 private:
  void Clear() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    bodies_.clear();
    order_.clear();
    bytes_ = 0;
  }

  const size_t max_bytes_;
  mutable absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, std::shared_ptr<const std::string>> bodies_
      ABSL_GUARDED_BY(mu_);
  // Keys in the order they were kept, oldest first.
  std::deque<std::string> order_ ABSL_GUARDED_BY(mu_);
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_BODY_CACHE_H_
