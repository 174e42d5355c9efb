// The per-(graph, tag) step stats cache; see step_stats_cache.h.
#include "plugins/graphs/step_stats_cache.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "plugins/graphs/graph_source.h"

namespace tbx::plugins::graphs {

absl::StatusOr<std::shared_ptr<const RuntimeStats>> StepStatsCache::Get(
    const std::shared_ptr<const BuiltGraph>& graph, const std::string& run,
    const std::string& tag) {
  absl::StatusOr<GraphVersion> version = FindRunMetadata(*provider_, run, tag);
  if (!version.ok()) return version.status();
  const std::string key = absl::StrCat(run, "\x01", tag);
  {
    absl::MutexLock lock(&mu_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->key == key && it->version == *version &&
          it->graph.lock() == graph) {
        entries_.splice(entries_.begin(), entries_, it);
        return entries_.front().stats;
      }
    }
  }
  absl::StatusOr<tensorboard::RunMetadata> metadata =
      ReadRunMetadata(*provider_, run, tag, *version);
  if (!metadata.ok()) return metadata.status();
  auto stats = std::make_shared<const RuntimeStats>(
      RuntimeStats::Join(graph->hierarchy, metadata->step_stats()));
  absl::MutexLock lock(&mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    const std::shared_ptr<const BuiltGraph> held = it->graph.lock();
    const bool stale = held == nullptr || (it->key == key && held == graph);
    it = stale ? entries_.erase(it) : std::next(it);
  }
  entries_.push_front({key, graph, *version, stats});
  while (entries_.size() > capacity_) entries_.pop_back();
  return stats;
}

}  // namespace tbx::plugins::graphs
