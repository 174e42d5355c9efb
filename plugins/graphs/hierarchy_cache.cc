// The per-graph hierarchy cache; see hierarchy_cache.h.
#include "plugins/graphs/hierarchy_cache.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace tbx::plugins::graphs {

absl::StatusOr<std::shared_ptr<const BuiltGraph>> HierarchyCache::Get(
    const GraphSpec& spec) {
  absl::StatusOr<GraphVersion> version = FindGraph(*provider_, spec);
  if (!version.ok()) return version.status();
  const std::string key = absl::StrCat(spec.run, "\x01", spec.tag.value_or(""),
                                       "\x01", spec.tag.has_value() ? "t" : "-",
                                       spec.conceptual ? "c" : "o");
  {
    absl::MutexLock lock(&mu_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->key != key) continue;
      if (it->built->version == *version) {
        entries_.splice(entries_.begin(), entries_, it);
        return entries_.front().built;
      }
      entries_.erase(it);
      break;
    }
  }
  const absl::Time start = absl::Now();
  auto built = std::make_shared<BuiltGraph>();
  built->arena = std::make_unique<google::protobuf::Arena>();
  absl::StatusOr<tensorboard::GraphDef*> graph =
      LoadGraphOnArena(*provider_, spec, built->arena.get(), &built->version);
  if (!graph.ok()) return graph.status();
  built->graph = *graph;
  absl::StatusOr<GraphHierarchy> hierarchy =
      GraphHierarchy::Build(*built->graph, options_);
  if (!hierarchy.ok()) return hierarchy.status();
  built->hierarchy = std::move(*hierarchy);
  built->build_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::shared_ptr<const BuiltGraph> result = std::move(built);
  absl::MutexLock lock(&mu_);
  ++builds_;
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key == key) {
      entries_.erase(it);
      break;
    }
  }
  entries_.push_front({key, result});
  while (entries_.size() > capacity_) entries_.pop_back();
  return result;
}

int64_t HierarchyCache::builds() const {
  absl::MutexLock lock(&mu_);
  return builds_;
}

}  // namespace tbx::plugins::graphs
