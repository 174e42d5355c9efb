// GraphHierarchy: a GraphDef turned into what the graph explorer draws. Node
// names are split on "/" into nested name scopes (groups); an op whose name is
// also a scope sits inside that scope labelled "(name)". Runs of at least
// kSeriesMinSize sibling items named prefix<N>suffix with the same structure
// (same op for ops, same op histogram for scopes) are gathered into a series
// item ("layer_[1-48]"). Each group knows how many ops it holds, its op
// histogram, and the edges between its direct children, aggregated (count,
// control edges, tensor shapes from "_output_shapes", element counts), plus
// for each child how many edges cross the group's boundary into or out of it.
// Problems (inputs naming missing nodes, duplicate names, cycles) are listed,
// never fatal.
//
// Built once by Build() and immutable afterwards: any number of threads may
// read one hierarchy at once.
#ifndef TBX_PLUGINS_GRAPHS_HIERARCHY_H_
#define TBX_PLUGINS_GRAPHS_HIERARCHY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "proto/graph.pb.h"

namespace tbx::plugins::graphs {

inline constexpr int kSeriesMinSize = 5;

struct HierarchyOptions {
  // A graph with more nodes is refused (ResourceExhausted).
  int64_t max_nodes = 2'000'000;
  int series_min_size = kSeriesMinSize;
};

enum class ItemKind { kScope, kSeries, kOp };

// One input of an op, resolved.
struct OpInput {
  int32_t item = -1;  // the producing op's item id, -1 when missing
  int32_t slot = 0;   // output slot of the producer
  bool control = false;
  std::string name;  // as written in the NodeDef ("^a", "a:1")
};

// An aggregated edge between two children of a group.
struct GroupEdge {
  int32_t source = 0;  // item ids, both children of the group
  int32_t target = 0;
  int64_t count = 0;                // op-level edges folded into this one
  int64_t control_count = 0;        // of which control edges
  int64_t elements = 0;             // sum of known tensor sizes (elements)
  std::vector<std::string> shapes;  // up to kMaxEdgeShapes distinct shapes
};
inline constexpr size_t kMaxEdgeShapes = 3;

struct Item {
  ItemKind kind = ItemKind::kScope;
  std::string name;   // full name ("a/b/c"); a series' is its parent's + label
  std::string label;  // what the explorer shows ("c", "(c)", "layer_[1-48]")
  int32_t parent = -1;
  std::vector<int32_t> children;  // item ids, in graph order
  int64_t op_count = 0;           // ops in the subtree (1 for an op)
  int32_t depth = 0;              // root 0
  // Edges crossing the parent's boundary into / out of this item's subtree.
  int64_t external_in = 0;
  int64_t external_out = 0;
  // Groups: (op, count) in descending count; ops: empty.
  std::vector<std::pair<std::string, int64_t>> op_histogram;
  std::vector<GroupEdge> edges;  // groups only
  // Ops only.
  int32_t node_index = -1;  // index in the GraphDef
  std::string op;
  std::string device;
  std::vector<OpInput> inputs;
  std::vector<int32_t> consumers;       // item ids of ops reading this one
  std::vector<std::string> out_shapes;  // per output slot, "2×16", "?×3", "*"
  std::vector<int64_t> out_elements;    // per output slot, -1 unknown
  // Series only: the numeric range of the members.
  int64_t series_first = 0;
  int64_t series_last = 0;
};

struct HierarchyStats {
  int64_t nodes = 0;
  int64_t edges = 0;
  int64_t control_edges = 0;
  int64_t groups = 0;
  int64_t series = 0;
  int32_t max_depth = 0;
};

class GraphHierarchy {
 public:
  GraphHierarchy() = default;  // empty: no items at all
  // Builds the hierarchy of `graph`. ResourceExhausted when it has more than
  // options.max_nodes nodes.
  static absl::StatusOr<GraphHierarchy> Build(
      const tensorboard::GraphDef& graph, const HierarchyOptions& options = {});

  const Item& item(int32_t id) const { return items_[static_cast<size_t>(id)]; }
  int32_t size() const { return static_cast<int32_t>(items_.size()); }
  static constexpr int32_t kRoot = 0;
  // The item id of the op named `name`, or -1.
  int32_t FindOp(std::string_view name) const;
  // Ancestor ids of `id` from the root down to its parent.
  std::vector<int32_t> Ancestors(int32_t id) const;
  const HierarchyStats& stats() const { return stats_; }
  // Human-readable problems, e.g. "3 inputs name missing nodes (first:
  // 'a/b' of 'c')".
  const std::vector<std::string>& problems() const { return problems_; }
  // Distinct devices and op types, sorted by name.
  const std::vector<std::string>& devices() const { return devices_; }

 private:
  std::vector<Item> items_;
  absl::flat_hash_map<std::string, int32_t> op_by_name_;
  HierarchyStats stats_;
  std::vector<std::string> problems_;
  std::vector<std::string> devices_;

  friend class HierarchyBuilder;
};

// "2×16" style text of a TensorShapeProto ("?" for unknown dimensions, "*"
// for unknown rank, "scalar" for rank 0), and its element count (-1 when any
// dimension is unknown).
std::string ShapeText(const tensorboard::TensorShapeProto& shape);
int64_t ShapeElements(const tensorboard::TensorShapeProto& shape);

}  // namespace tbx::plugins::graphs

#endif  // TBX_PLUGINS_GRAPHS_HIERARCHY_H_
