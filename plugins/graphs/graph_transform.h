// The changes TensorBoard makes to a graph before serving it: dropping
// attributes larger than a limit (listing their keys under a chosen attribute
// so the UI can say they were dropped), and merging the function graphs of a
// RunMetadata into one GraphDef, each under a "graph_<i>/" scope. Pure
// functions over caller-owned messages; any thread.
#ifndef TBX_PLUGINS_GRAPHS_GRAPH_TRANSFORM_H_
#define TBX_PLUGINS_GRAPHS_GRAPH_TRANSFORM_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "proto/graph.pb.h"
#include "proto/run_metadata.pb.h"

namespace tbx::plugins::graphs {

// The attribute-size limit of a /graph request: none when limit_attr_size is
// absent (large_attrs_key alone is ignored, as in TensorBoard).
struct AttrLimit {
  int64_t max_bytes = 0;
  std::string large_attrs_key;
};

// Reads limit_attr_size and large_attrs_key. InvalidArgument when the limit is
// not an integer, is <= 0, or comes without a key.
absl::StatusOr<std::optional<AttrLimit>> ParseAttrLimit(
    const std::optional<std::string>& limit_attr_size,
    const std::optional<std::string>& large_attrs_key);

// Removes every attribute whose serialized size exceeds the limit and appends
// its key to attr[large_attrs_key].list.s (keys in sorted order per node).
void DropLargeAttrs(const AttrLimit& limit, tensorboard::GraphDef* graph);

// The pre-optimization graphs of `run_metadata`'s function graphs as one
// GraphDef: the only one unchanged; several with node names prefixed
// "graph_<i>/" (from 1), their inputs likewise, PartitionedCall functions and
// library functions/gradients prefixed "graph_<i>_". InvalidArgument when the
// graphs' producer versions differ.
absl::StatusOr<tensorboard::GraphDef> MergeFunctionGraphs(
    const tensorboard::RunMetadata& run_metadata);

}  // namespace tbx::plugins::graphs

#endif  // TBX_PLUGINS_GRAPHS_GRAPH_TRANSFORM_H_
