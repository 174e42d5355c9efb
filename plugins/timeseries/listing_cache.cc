// Per-generation Time Series listings; see listing_cache.h.
#include "plugins/timeseries/listing_cache.h"

#include "plugins/timeseries/tags_index.h"

namespace tbx::plugins {

std::shared_ptr<const std::string> ListingCache::TagsJson() {
  return tags_json_.Get(*provider_,
                        [this] { return TimeSeriesTagsJson(*provider_); });
}

std::shared_ptr<const ScalarRunsByTag> ListingCache::ScalarRuns() {
  return scalar_runs_.Get(*provider_,
                          [this] { return ScalarRunsOfTags(*provider_); });
}

}  // namespace tbx::plugins
