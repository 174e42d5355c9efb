// StepStatsCache: the RuntimeStats of a (graph, run metadata tag) pair, joined
// on first use and kept until either the graph (a new BuiltGraph) or the
// RunMetadata (a new stored datum) changes, or the entry is evicted (least
// recently used, at most `capacity` pairs). Thread-safe: route handlers on any
// thread call Get; a join runs outside the lock.
#ifndef TBX_PLUGINS_GRAPHS_STEP_STATS_CACHE_H_
#define TBX_PLUGINS_GRAPHS_STEP_STATS_CACHE_H_

#include <list>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "plugins/graphs/hierarchy_cache.h"
#include "plugins/graphs/step_stats.h"
#include "tbx/data_provider.h"

namespace tbx::plugins::graphs {

class StepStatsCache {
 public:
  explicit StepStatsCache(const DataProvider* provider, size_t capacity = 4)
      : provider_(provider), capacity_(capacity) {}

  // The step stats of run/tag's RunMetadata joined with `graph`. NotFound when
  // the run has no run metadata under `tag`; DataLoss when it does not decode.
  absl::StatusOr<std::shared_ptr<const RuntimeStats>> Get(
      const std::shared_ptr<const BuiltGraph>& graph, const std::string& run,
      const std::string& tag);

 private:
  struct Entry {
    std::string key;
    std::weak_ptr<const BuiltGraph> graph;
    GraphVersion version;
    std::shared_ptr<const RuntimeStats> stats;
  };

  const DataProvider* provider_;
  const size_t capacity_;
  absl::Mutex mu_;
  std::list<Entry> entries_ ABSL_GUARDED_BY(mu_);  // most recently used first
};

}  // namespace tbx::plugins::graphs

#endif  // TBX_PLUGINS_GRAPHS_STEP_STATS_CACHE_H_
