// The Time Series plugin's listings, kept while the data does not change: the
// /tags answer, and the runs holding each scalar tag that every timeSeries
// request looks up. Building them walks every run/tag pair (50,000 at 1,000
// tags × 50 runs: tens of milliseconds to copy the listing, hundreds to render
// it as JSON), so each is built once per provider generation
// (DataProvider::Generation) and shared. Owned by the plugin; any server thread
// may call it (see GenerationCache).
#ifndef TBX_PLUGINS_TIMESERIES_LISTING_CACHE_H_
#define TBX_PLUGINS_TIMESERIES_LISTING_CACHE_H_

#include <memory>
#include <string>

#include "plugins/common/generation_cache.h"
#include "plugins/scalars/scalar_reads.h"
#include "tbx/data_provider.h"

namespace tbx::plugins {

class ListingCache {
 public:
  // `provider` must outlive the cache.
  explicit ListingCache(const DataProvider* provider) : provider_(provider) {}

  // TimeSeriesTagsJson of the provider's current data.
  std::shared_ptr<const std::string> TagsJson();
  // The runs of every scalar tag (ScalarTags) of the provider's current data.
  std::shared_ptr<const ScalarRunsByTag> ScalarRuns();

 private:
  const DataProvider* provider_;
  GenerationCache<std::string> tags_json_;
  GenerationCache<ScalarRunsByTag> scalar_runs_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_TIMESERIES_LISTING_CACHE_H_
