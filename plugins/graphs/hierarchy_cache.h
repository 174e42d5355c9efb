// HierarchyCache: the explorer's view of each graph, built on first use and
// kept per (run, tag, conceptual) until the stored graph changes (a new datum
// replaces it) or the entry is evicted (least recently used, at most
// `capacity` graphs). Thread-safe: route handlers on any thread call Get; a
// build runs outside the lock, so two first requests for one graph may both
// build it (the later result replaces the earlier).
#ifndef TBX_PLUGINS_GRAPHS_HIERARCHY_CACHE_H_
#define TBX_PLUGINS_GRAPHS_HIERARCHY_CACHE_H_

#include <cstdint>
#include <list>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/arena.h"
#include "plugins/graphs/graph_source.h"
#include "plugins/graphs/hierarchy.h"
#include "proto/graph.pb.h"
#include "tbx/data_provider.h"

namespace tbx::plugins::graphs {

// One built graph: the GraphDef (for node details) and its hierarchy.
struct BuiltGraph {
  GraphVersion version;
  std::unique_ptr<google::protobuf::Arena> arena;
  const tensorboard::GraphDef* graph = nullptr;  // on `arena`
  GraphHierarchy hierarchy;
  double build_seconds = 0;  // decode + hierarchy
};

class HierarchyCache {
 public:
  HierarchyCache(const DataProvider* provider, size_t capacity = 8,
                 HierarchyOptions options = {})
      : provider_(provider), capacity_(capacity), options_(options) {}

  // The built graph `spec` names, current with the stored data. The errors of
  // LoadGraph and GraphHierarchy::Build.
  absl::StatusOr<std::shared_ptr<const BuiltGraph>> Get(const GraphSpec& spec);

  // How many builds have run (for tests of the caching).
  int64_t builds() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const BuiltGraph> built;
  };

  const DataProvider* provider_;
  const size_t capacity_;
  const HierarchyOptions options_;
  mutable absl::Mutex mu_;
  std::list<Entry> entries_ ABSL_GUARDED_BY(mu_);  // most recently used first
  int64_t builds_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tbx::plugins::graphs

#endif  // TBX_PLUGINS_GRAPHS_HIERARCHY_CACHE_H_
