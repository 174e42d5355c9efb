// RuntimeStats: a RunMetadata's step statistics joined with a graph's
// hierarchy, for the explorer's colour by compute time and memory, joined as
// TensorBoard's graph explorer joins them:
//  * each NodeExecStats names an op of the graph (node_name); stats naming no
//    op are counted, not fatal;
//  * an op's memory is the sum of its allocators' positive total_bytes, the
//    largest such sum when the op ran several times; its compute time spans
//    from the earliest all_start_micros to the latest all_start_micros +
//    all_end_rel_micros (only executions with all_end_rel_micros > 0 count);
//    its device is the DeviceStepStats' device;
//  * a group (scope or series) sums its ops' memory, and its compute time spans
//    its ops' executions (first start to last end, not the sum).
// The colour scales run from 0 to the largest value among the root's
// children. Sums and spans saturate at int64's range. Immutable once built: any
// number of threads may read one.
#ifndef TBX_PLUGINS_GRAPHS_STEP_STATS_H_
#define TBX_PLUGINS_GRAPHS_STEP_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "plugins/graphs/hierarchy.h"
#include "proto/run_metadata.pb.h"

namespace tbx::plugins::graphs {

struct ItemRuntime {
  bool present = false;  // some op of the item has stats
  bool timed = false;    // some op of the item has a positive run time
  int64_t start_micros = 0;
  int64_t end_micros = 0;
  int64_t bytes = 0;
  // Ops only.
  std::string device;                      // from the DeviceStepStats
  std::vector<std::string> output_shapes;  // from NodeOutput descriptions
  int64_t executions = 0;                  // NodeExecStats naming the op

  // The span, clamped to int64's range.
  int64_t micros() const;
};

class RuntimeStats {
 public:
  static RuntimeStats Join(const GraphHierarchy& hierarchy,
                           const tensorboard::StepStats& step_stats);

  // The stats of item `id`, or nullptr when no op under it has any.
  const ItemRuntime* Find(int32_t id) const;
  // The colour scales' upper ends (largest among the root's children).
  int64_t max_micros() const { return max_micros_; }
  int64_t max_bytes() const { return max_bytes_; }
  // NodeExecStats that named an op of the graph, and those that did not.
  int64_t matched() const { return matched_; }
  int64_t unmatched() const { return unmatched_; }
  // Devices of the step stats, in their order.
  const std::vector<std::string>& devices() const { return devices_; }

 private:
  std::vector<ItemRuntime> items_;  // by item id
  int64_t max_micros_ = 0;
  int64_t max_bytes_ = 0;
  int64_t matched_ = 0;
  int64_t unmatched_ = 0;
  std::vector<std::string> devices_;
};

}  // namespace tbx::plugins::graphs

#endif  // TBX_PLUGINS_GRAPHS_STEP_STATS_H_
