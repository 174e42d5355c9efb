// Joining step statistics with a graph hierarchy; see step_stats.h.
#include "plugins/graphs/step_stats.h"

#include <algorithm>
#include <limits>

namespace tbx::plugins::graphs {
namespace {

// a + b, clamped to int64's range (step stats are untrusted input).
int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<int64_t>::max()
               : std::numeric_limits<int64_t>::min();
}

// Widens `into`'s time span to cover [start, end).
void Widen(int64_t start, int64_t end, ItemRuntime& into) {
  if (!into.timed) {
    into.timed = true;
    into.start_micros = start;
    into.end_micros = end;
    return;
  }
  into.start_micros = std::min(into.start_micros, start);
  into.end_micros = std::max(into.end_micros, end);
}

// Widens `into`'s time span and memory as a group over one op's stats.
void Combine(const ItemRuntime& op, ItemRuntime& into) {
  into.present = true;
  into.bytes = SaturatingAdd(into.bytes, op.bytes);
  if (op.timed) Widen(op.start_micros, op.end_micros, into);
}

}  // namespace

int64_t ItemRuntime::micros() const {
  if (!timed) return 0;
  int64_t span = 0;
  if (__builtin_sub_overflow(end_micros, start_micros, &span)) {
    return std::numeric_limits<int64_t>::max();
  }
  return span;
}

RuntimeStats RuntimeStats::Join(const GraphHierarchy& hierarchy,
                                const tensorboard::StepStats& step_stats) {
  RuntimeStats stats;
  stats.items_.resize(static_cast<size_t>(hierarchy.size()));
  std::vector<int32_t> ops_with_stats;
  for (const tensorboard::DeviceStepStats& device : step_stats.dev_stats()) {
    if (std::find(stats.devices_.begin(), stats.devices_.end(),
                  device.device()) == stats.devices_.end()) {
      stats.devices_.push_back(device.device());
    }
    for (const tensorboard::NodeExecStats& node : device.node_stats()) {
      const int32_t id = hierarchy.FindOp(node.node_name());
      if (id < 0) {
        ++stats.unmatched_;
        continue;
      }
      ++stats.matched_;
      ItemRuntime& op = stats.items_[static_cast<size_t>(id)];
      if (!op.present) ops_with_stats.push_back(id);
      op.present = true;
      ++op.executions;
      op.device = device.device();
      int64_t bytes = 0;
      for (const tensorboard::AllocatorMemoryUsed& memory : node.memory()) {
        if (memory.total_bytes() > 0) {
          bytes = SaturatingAdd(bytes, memory.total_bytes());
        }
      }
      op.bytes = std::max(op.bytes, bytes);
      if (node.output_size() > 0) {
        op.output_shapes.clear();
        for (const tensorboard::NodeOutput& output : node.output()) {
          op.output_shapes.push_back(
              ShapeText(output.tensor_description().shape()));
        }
      }
      if (node.all_end_rel_micros() > 0) {
        const int64_t start = node.all_start_micros();
        Widen(start, SaturatingAdd(start, node.all_end_rel_micros()), op);
      }
    }
  }
  // Fold each op into every group above it.
  for (int32_t id : ops_with_stats) {
    const ItemRuntime& op = stats.items_[static_cast<size_t>(id)];
    for (int32_t group = hierarchy.item(id).parent; group >= 0;
         group = hierarchy.item(group).parent) {
      Combine(op, stats.items_[static_cast<size_t>(group)]);
    }
  }
  if (hierarchy.size() > 0) {
    for (int32_t child : hierarchy.item(GraphHierarchy::kRoot).children) {
      const ItemRuntime& item = stats.items_[static_cast<size_t>(child)];
      stats.max_micros_ = std::max(stats.max_micros_, item.micros());
      stats.max_bytes_ = std::max(stats.max_bytes_, item.bytes);
    }
  }
  return stats;
}

const ItemRuntime* RuntimeStats::Find(int32_t id) const {
  if (id < 0 || static_cast<size_t>(id) >= items_.size()) return nullptr;
  const ItemRuntime& item = items_[static_cast<size_t>(id)];
  return item.present ? &item : nullptr;
}

}  // namespace tbx::plugins::graphs
