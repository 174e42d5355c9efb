// The Time Series plugin's listings, kept while the data does not change: the
// /tags answer, and the runs holding each scalar tag that every timeSeries
// request looks up. Building them walks every run/tag pair (50,000 at 1,000
// tags × 50 runs: tens of milliseconds to copy the listing, hundreds to render
// it as JSON), so each is built once per provider generation
// (DataProvider::Generation) and shared. Owned by the plugin; any server thread
// may call it; `mu_` guards the cache slots, and the values they hold are
// immutable once built.
#ifndef TBX_PLUGINS_TIMESERIES_LISTING_CACHE_H_
#define TBX_PLUGINS_TIMESERIES_LISTING_CACHE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "tbx/data_provider.h"

namespace tbx::plugins {

// Scalar tag → the runs holding it as scalars, in the provider's run order.
using ScalarRunsByTag =
    absl::flat_hash_map<std::string, std::vector<std::string>>;

class ListingCache {
 public:
  // `provider` must outlive the cache.
  explicit ListingCache(const DataProvider* provider) : provider_(provider) {}

  // TimeSeriesTagsJson of the provider's current data.
  std::shared_ptr<const std::string> TagsJson();
  // The runs of every scalar tag (ScalarTags) of the provider's current data.
  std::shared_ptr<const ScalarRunsByTag> ScalarRuns();

 private:
  template <typename T>
  struct Slot {
    bool built = false;
    uint64_t generation = 0;
    std::shared_ptr<const T> value;
  };

  // The value of `slot` when it was built at the current generation, else a
  // new one from `build`, made outside the lock (two threads may both build
  // it; the newer generation is kept).
  template <typename T, typename Build>
  std::shared_ptr<const T> Get(Slot<T>& slot, Build build);

  const DataProvider* provider_;
  absl::Mutex mu_;
  // Guarded by mu_ (passed to Get by reference, so not annotated).
  Slot<std::string> tags_json_;
  Slot<ScalarRunsByTag> scalar_runs_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_TIMESERIES_LISTING_CACHE_H_
