// Per-generation Time Series listings; see listing_cache.h.
#include "plugins/timeseries/listing_cache.h"

#include <utility>

#include "plugins/scalars/scalar_reads.h"
#include "plugins/timeseries/tags_index.h"

namespace tbx::plugins {

template <typename T, typename Build>
std::shared_ptr<const T> ListingCache::Get(Slot<T>& slot, Build build) {
  // Read before building: data that arrives while building bumps the
  // generation, so the next call builds again rather than keeping stale data.
  const uint64_t generation = provider_->Generation();
  {
    absl::MutexLock lock(&mu_);
    if (slot.built && slot.generation == generation) return slot.value;
  }
  auto value = std::make_shared<const T>(build());
  absl::MutexLock lock(&mu_);
  if (!slot.built || slot.generation <= generation) {
    slot = {true, generation, value};
  }
  return value;
}

std::shared_ptr<const std::string> ListingCache::TagsJson() {
  return Get(tags_json_, [this] { return TimeSeriesTagsJson(*provider_); });
}

std::shared_ptr<const ScalarRunsByTag> ListingCache::ScalarRuns() {
  return Get(scalar_runs_, [this] {
    ScalarRunsByTag runs_by_tag;
    for (const RunTags<TagMetadata>& run : ScalarTags(*provider_)) {
      for (const auto& entry : run.tags) {
        runs_by_tag[entry.first].push_back(run.run);
      }
    }
    return runs_by_tag;
  });
}

}  // namespace tbx::plugins
