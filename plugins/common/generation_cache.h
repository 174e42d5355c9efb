// One value derived from a provider's whole data (a listing, an index, a
// rendered JSON answer), kept while the data does not change: rebuilt only when
// DataProvider::Generation has moved since it was built. A plugin owns one per
// derived value; any server thread may call Get at once. `mu_` guards the slot;
// the value it hands out is immutable and shared, so a reader keeps its copy
// even after a newer generation replaces it.
#ifndef TBX_PLUGINS_COMMON_GENERATION_CACHE_H_
#define TBX_PLUGINS_COMMON_GENERATION_CACHE_H_

#include <cstdint>
#include <memory>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "tbx/data_provider.h"

namespace tbx::plugins {

template <typename T>
class GenerationCache {
 public:
  // The value built at `provider`'s current generation, else a new one from
  // `build()` (returning a T), made outside the lock: two threads may both
  // build it, and the newer generation is kept.
  template <typename Build>
  std::shared_ptr<const T> Get(const DataProvider& provider, Build build) {
    // Read before building: data that arrives while building bumps the
    // generation, so the next call builds again rather than keeping stale data.
    const uint64_t generation = provider.Generation();
    {
      absl::MutexLock lock(&mu_);
      if (value_ != nullptr && generation_ == generation) return value_;
    }
    auto value = std::make_shared<const T>(build());
    absl::MutexLock lock(&mu_);
    if (value_ == nullptr || generation_ <= generation) {
      generation_ = generation;
      value_ = value;
    }
    return value;
  }

 private:
  absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  std::shared_ptr<const T> value_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_GENERATION_CACHE_H_
