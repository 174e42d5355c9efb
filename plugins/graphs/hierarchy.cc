// Building a GraphHierarchy; see hierarchy.h. One pass creates the scopes and
// ops (parents always before children, so a reverse pass over ids is a
// post-order), a second resolves inputs, then series are gathered and every
// op-level edge is folded into the group that is its endpoints' lowest common
// ancestor.
#include "plugins/graphs/hierarchy.h"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/params.h"

namespace tbx::plugins::graphs {
namespace {

// The system abseil's string_view is its own type.
absl::string_view Av(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace

std::string ShapeText(const tensorboard::TensorShapeProto& shape) {
  if (shape.unknown_rank()) return "*";
  if (shape.dim_size() == 0) return "scalar";
  std::string text;
  for (int i = 0; i < shape.dim_size(); ++i) {
    if (i > 0) text += "\xC3\x97";  // ×
    const int64_t size = shape.dim(i).size();
    if (size < 0) {
      text += "?";
    } else {
      absl::StrAppend(&text, size);
    }
  }
  return text;
}

int64_t ShapeElements(const tensorboard::TensorShapeProto& shape) {
  if (shape.unknown_rank()) return -1;
  int64_t elements = 1;
  for (const auto& dim : shape.dim()) {
    if (dim.size() < 0) return -1;
    if (dim.size() > 0 && elements > INT64_MAX / dim.size()) return -1;
    elements *= dim.size();
  }
  return elements;
}

int32_t GraphHierarchy::FindOp(std::string_view name) const {
  auto it = op_by_name_.find(std::string(name));
  return it == op_by_name_.end() ? -1 : it->second;
}

std::vector<int32_t> GraphHierarchy::Ancestors(int32_t id) const {
  std::vector<int32_t> chain;
  for (int32_t p = item(id).parent; p >= 0; p = item(p).parent) {
    chain.push_back(p);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

class HierarchyBuilder {
 public:
  explicit HierarchyBuilder(const HierarchyOptions& options)
      : options_(options) {}

  absl::StatusOr<GraphHierarchy> Build(const tensorboard::GraphDef& graph) {
    if (graph.node_size() > options_.max_nodes) {
      return absl::ResourceExhaustedError(
          absl::StrCat("graph has ", graph.node_size(),
                       " nodes; tbx lays out at most ", options_.max_nodes));
    }
    // Ops, about one scope per six ops, and series.
    h_.items_.reserve(static_cast<size_t>(graph.node_size()) * 6 / 5 + 16);
    Item root;
    root.kind = ItemKind::kScope;
    h_.items_.push_back(std::move(root));
    AddOps(graph);
    ResolveInputs(graph);
    CountOps();
    GatherAllSeries();
    ComputeDepths();
    FoldEdges();
    FindCycles();
    Finish();
    return std::move(h_);
  }

 private:
  int32_t NewItem(ItemKind kind, std::string name, std::string label,
                  int32_t parent) {
    const int32_t id = h_.size();
    Item item;
    item.kind = kind;
    item.name = std::move(name);
    item.label = std::move(label);
    item.parent = parent;
    h_.items_.push_back(std::move(item));
    h_.items_[static_cast<size_t>(parent)].children.push_back(id);
    return id;
  }

  Item& At(int32_t id) { return h_.items_[static_cast<size_t>(id)]; }

  // The scope item for `path` (a prefix of some node name), created with its
  // ancestors when new.
  int32_t ScopeFor(std::string_view path) {
    if (path.empty()) return GraphHierarchy::kRoot;
    auto it = scope_by_path_.find(std::string(path));
    if (it != scope_by_path_.end()) return it->second;
    const size_t slash = path.rfind('/');
    const int32_t parent = slash == std::string_view::npos
                               ? GraphHierarchy::kRoot
                               : ScopeFor(path.substr(0, slash));
    const std::string_view label =
        slash == std::string_view::npos ? path : path.substr(slash + 1);
    const int32_t id = NewItem(ItemKind::kScope, std::string(path),
                               std::string(label), parent);
    scope_by_path_.emplace(std::string(path), id);
    return id;
  }

  void AddOps(const tensorboard::GraphDef& graph) {
    std::unordered_set<std::string_view> scope_paths;
    for (const auto& node : graph.node()) {
      std::string_view name = node.name();
      for (size_t slash = name.find('/'); slash != std::string_view::npos;
           slash = name.find('/', slash + 1)) {
        scope_paths.insert(name.substr(0, slash));
      }
    }
    int64_t duplicates = 0;
    std::string first_duplicate;
    for (int i = 0; i < graph.node_size(); ++i) {
      const tensorboard::NodeDef& node = graph.node(i);
      const std::string_view name = node.name();
      const size_t slash = name.rfind('/');
      const std::string_view last =
          slash == std::string_view::npos ? name : name.substr(slash + 1);
      int32_t parent;
      std::string label;
      if (scope_paths.count(name) > 0) {
        parent = ScopeFor(name);
        label = absl::StrCat("(", Av(last), ")");
      } else {
        parent = slash == std::string_view::npos
                     ? GraphHierarchy::kRoot
                     : ScopeFor(name.substr(0, slash));
        label = std::string(last);
      }
      const int32_t id =
          NewItem(ItemKind::kOp, std::string(name), std::move(label), parent);
      Item& item = At(id);
      item.node_index = i;
      item.op = node.op();
      item.device = node.device();
      item.op_count = 1;
      auto attr = node.attr().find("_output_shapes");
      if (attr != node.attr().end()) {
        for (const auto& shape : attr->second.list().shape()) {
          item.out_shapes.push_back(ShapeText(shape));
          item.out_elements.push_back(ShapeElements(shape));
        }
      }
      if (!h_.op_by_name_.emplace(std::string(name), id).second) {
        if (duplicates++ == 0) first_duplicate = std::string(name);
      }
    }
    if (duplicates > 0) {
      h_.problems_.push_back(absl::StrCat(
          duplicates, " node name(s) used more than once (first: ",
          PyRepr(first_duplicate), "); inputs use the first node"));
    }
  }

  void ResolveInputs(const tensorboard::GraphDef& graph) {
    int64_t missing = 0;
    std::string first_missing;
    for (int32_t id = 0; id < h_.size(); ++id) {
      Item& item = At(id);
      if (item.kind != ItemKind::kOp) continue;
      const tensorboard::NodeDef& node = graph.node(item.node_index);
      for (const std::string& input : node.input()) {
        OpInput resolved;
        resolved.name = input;
        std::string_view source = input;
        if (!source.empty() && source.front() == '^') {
          resolved.control = true;
          source.remove_prefix(1);
        }
        const size_t colon = source.rfind(':');
        const size_t slash = source.rfind('/');
        int32_t slot = 0;
        if (colon != std::string_view::npos &&
            (slash == std::string_view::npos || colon > slash) &&
            absl::SimpleAtoi(Av(source.substr(colon + 1)), &slot) &&
            slot >= 0) {
          source = source.substr(0, colon);
        } else {
          slot = 0;
        }
        resolved.slot = slot;
        resolved.item = h_.FindOp(source);
        if (resolved.item < 0) {
          if (missing++ == 0) {
            first_missing = absl::StrCat(PyRepr(source), " (input of ",
                                         PyRepr(node.name()), ")");
          }
        } else if (resolved.item != id) {
          At(resolved.item).consumers.push_back(id);
        }
        item.inputs.push_back(std::move(resolved));
      }
    }
    if (missing > 0) {
      h_.problems_.push_back(absl::StrCat(missing,
                                          " input(s) name missing nodes "
                                          "(first: ",
                                          first_missing,
                                          "); they are not drawn"));
    }
  }

  // Op counts and histograms, children before parents.
  void CountOps() {
    std::vector<absl::flat_hash_map<std::string, int64_t>> histograms(
        static_cast<size_t>(h_.size()));
    for (int32_t id = h_.size() - 1; id > 0; --id) {
      Item& item = At(id);
      auto& mine = histograms[static_cast<size_t>(id)];
      if (item.kind == ItemKind::kOp) mine[item.op] += 1;
      auto& parent = histograms[static_cast<size_t>(item.parent)];
      for (const auto& [op, count] : mine) parent[op] += count;
      At(item.parent).op_count += item.op_count;
      if (item.kind != ItemKind::kOp) item.op_histogram = Sorted(mine);
      mine.clear();
    }
    At(GraphHierarchy::kRoot).op_histogram = Sorted(histograms[0]);
  }

  static std::vector<std::pair<std::string, int64_t>> Sorted(
      const absl::flat_hash_map<std::string, int64_t>& histogram) {
    std::vector<std::pair<std::string, int64_t>> sorted(histogram.begin(),
                                                        histogram.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return sorted;
  }

  // Splits "layer_12" into ("layer_", 12, ""), "Linear[3]" into ("Linear[",
  // 3, "]"): the last run of digits and what surrounds it.
  static bool SplitNumbered(std::string_view label, std::string_view* prefix,
                            int64_t* number, std::string_view* suffix) {
    size_t end = label.size();
    while (end > 0 &&
           !std::isdigit(static_cast<unsigned char>(label[end - 1]))) {
      --end;
    }
    if (end == 0) return false;
    size_t begin = end;
    while (begin > 0 &&
           std::isdigit(static_cast<unsigned char>(label[begin - 1]))) {
      --begin;
    }
    if (end - begin > 18) return false;
    if (!absl::SimpleAtoi(Av(label.substr(begin, end - begin)), number)) {
      return false;
    }
    *prefix = label.substr(0, begin);
    *suffix = label.substr(end);
    return true;
  }

  // What makes two siblings alike enough to share a series.
  std::string Signature(const Item& item) const {
    if (item.kind == ItemKind::kOp) return absl::StrCat("op:", item.op);
    std::string signature = absl::StrCat("group:", item.op_count);
    for (const auto& [op, count] : item.op_histogram) {
      absl::StrAppend(&signature, ",", op, "=", count);
    }
    return signature;
  }

  void GatherAllSeries() {
    const int32_t original = h_.size();
    for (int32_t id = 0; id < original; ++id) {
      if (At(id).kind == ItemKind::kScope &&
          At(id).children.size() >=
              static_cast<size_t>(options_.series_min_size)) {
        GatherSeries(id);
      }
    }
  }

  void GatherSeries(int32_t group) {
    struct Member {
      int64_t number;
      int32_t id;
    };
    struct Candidate {
      std::string prefix, suffix;
      std::vector<Member> members;
    };
    std::vector<Candidate> candidates;
    absl::flat_hash_map<std::string, size_t> by_key;
    for (int32_t child : At(group).children) {
      const Item& item = At(child);
      std::string_view prefix, suffix;
      int64_t number;
      if (!SplitNumbered(item.label, &prefix, &number, &suffix)) continue;
      std::string key =
          absl::StrCat(Av(prefix), "\x01", Av(suffix), "\x01", Signature(item));
      auto [it, inserted] = by_key.emplace(std::move(key), candidates.size());
      if (inserted) {
        candidates.push_back({std::string(prefix), std::string(suffix), {}});
      }
      candidates[it->second].members.push_back({number, child});
    }
    absl::flat_hash_map<int32_t, int32_t> series_of_first;
    absl::flat_hash_set<int32_t> absorbed;
    for (Candidate& candidate : candidates) {
      if (candidate.members.size() <
          static_cast<size_t>(options_.series_min_size)) {
        continue;
      }
      std::sort(
          candidate.members.begin(), candidate.members.end(),
          [](const Member& a, const Member& b) { return a.number < b.number; });
      const int64_t first = candidate.members.front().number;
      const int64_t last = candidate.members.back().number;
      const std::string label = absl::StrCat(candidate.prefix, "[", first, "-",
                                             last, "]", candidate.suffix);
      const std::string& parent_name = At(group).name;
      const int32_t id = h_.size();
      Item series;
      series.kind = ItemKind::kSeries;
      series.name =
          parent_name.empty() ? label : absl::StrCat(parent_name, "/", label);
      series.label = label;
      series.parent = group;
      series.series_first = first;
      series.series_last = last;
      absl::flat_hash_map<std::string, int64_t> histogram;
      for (const Member& member : candidate.members) {
        series.children.push_back(member.id);
        const Item& item = At(member.id);
        series.op_count += item.op_count;
        if (item.kind == ItemKind::kOp) {
          histogram[item.op] += 1;
        } else {
          for (const auto& [op, count] : item.op_histogram) {
            histogram[op] += count;
          }
        }
        absorbed.insert(member.id);
      }
      series.op_histogram = Sorted(histogram);
      h_.items_.push_back(std::move(series));
      for (const Member& member : candidate.members) At(member.id).parent = id;
      // The series takes the place of its member that comes first in the
      // group.
      int32_t first_in_group = -1;
      for (int32_t child : At(group).children) {
        if (At(child).parent == id) {
          first_in_group = child;
          break;
        }
      }
      series_of_first[first_in_group] = id;
    }
    if (absorbed.empty()) return;
    std::vector<int32_t> children;
    for (int32_t child : At(group).children) {
      auto it = series_of_first.find(child);
      if (it != series_of_first.end()) {
        children.push_back(it->second);
      } else if (!absorbed.contains(child)) {
        children.push_back(child);
      }
    }
    At(group).children = std::move(children);
  }

  void ComputeDepths() {
    std::vector<int32_t> stack = {GraphHierarchy::kRoot};
    while (!stack.empty()) {
      const int32_t id = stack.back();
      stack.pop_back();
      Item& item = At(id);
      if (item.kind == ItemKind::kScope && id != GraphHierarchy::kRoot) {
        ++h_.stats_.groups;
      } else if (item.kind == ItemKind::kSeries) {
        ++h_.stats_.series;
      }
      h_.stats_.max_depth = std::max(h_.stats_.max_depth, item.depth);
      for (int32_t child : item.children) {
        At(child).depth = item.depth + 1;
        stack.push_back(child);
      }
    }
  }

  void FoldEdges() {
    // (a, b) children of one group → index in that group's edges.
    absl::flat_hash_map<uint64_t, size_t> edge_index;
    for (int32_t target = 0; target < h_.size(); ++target) {
      if (At(target).kind != ItemKind::kOp) continue;
      ++h_.stats_.nodes;
      for (const OpInput& input : At(target).inputs) {
        const int32_t source = input.item;
        if (source < 0 || source == target) continue;
        ++h_.stats_.edges;
        if (input.control) ++h_.stats_.control_edges;
        int32_t a = source;
        int32_t b = target;
        while (At(a).depth > At(b).depth) a = At(a).parent;
        while (At(b).depth > At(a).depth) b = At(b).parent;
        while (At(a).parent != At(b).parent) {
          a = At(a).parent;
          b = At(b).parent;
        }
        if (a == b) continue;  // cannot happen for distinct ops
        for (int32_t x = source; x != a; x = At(x).parent) {
          ++At(x).external_out;
        }
        for (int32_t x = target; x != b; x = At(x).parent) {
          ++At(x).external_in;
        }
        const int32_t group = At(a).parent;
        const uint64_t key =
            (static_cast<uint64_t>(a) << 32) | static_cast<uint32_t>(b);
        auto [it, inserted] = edge_index.emplace(key, At(group).edges.size());
        if (inserted) {
          GroupEdge edge;
          edge.source = a;
          edge.target = b;
          At(group).edges.push_back(std::move(edge));
        }
        GroupEdge& edge = At(group).edges[it->second];
        ++edge.count;
        if (input.control) {
          ++edge.control_count;
          continue;
        }
        const Item& producer = At(source);
        const size_t slot = static_cast<size_t>(input.slot);
        if (slot < producer.out_shapes.size()) {
          if (producer.out_elements[slot] > 0) {
            edge.elements += producer.out_elements[slot];
          }
          const std::string& shape = producer.out_shapes[slot];
          if (edge.shapes.size() < kMaxEdgeShapes &&
              std::find(edge.shapes.begin(), edge.shapes.end(), shape) ==
                  edge.shapes.end()) {
            edge.shapes.push_back(shape);
          }
        }
      }
    }
  }

  // Kahn's algorithm over op-level edges: what is left lies on a cycle.
  void FindCycles() {
    std::vector<int32_t> indegree(static_cast<size_t>(h_.size()), 0);
    int64_t ops = 0;
    for (int32_t id = 0; id < h_.size(); ++id) {
      const Item& item = At(id);
      if (item.kind != ItemKind::kOp) continue;
      ++ops;
      for (const OpInput& input : item.inputs) {
        if (input.item >= 0 && input.item != id) {
          ++indegree[static_cast<size_t>(id)];
        }
      }
    }
    std::deque<int32_t> ready;
    for (int32_t id = 0; id < h_.size(); ++id) {
      if (At(id).kind == ItemKind::kOp &&
          indegree[static_cast<size_t>(id)] == 0) {
        ready.push_back(id);
      }
    }
    int64_t ordered = 0;
    while (!ready.empty()) {
      const int32_t id = ready.front();
      ready.pop_front();
      ++ordered;
      for (int32_t consumer : At(id).consumers) {
        // One decrement per input edge from `id` to `consumer`.
        if (--indegree[static_cast<size_t>(consumer)] == 0) {
          ready.push_back(consumer);
        }
      }
    }
    if (ordered < ops) {
      std::string example;
      for (int32_t id = 0; id < h_.size(); ++id) {
        if (At(id).kind == ItemKind::kOp &&
            indegree[static_cast<size_t>(id)] > 0) {
          example = At(id).name;
          break;
        }
      }
      h_.problems_.push_back(absl::StrCat(
          ops - ordered, " node(s) lie on or after a cycle (first: ",
          PyRepr(example), "); the layout breaks cycles to draw them"));
    }
  }

  void Finish() {
    absl::flat_hash_set<std::string> devices;
    for (const Item& item : h_.items_) {
      if (item.kind == ItemKind::kOp && !item.device.empty()) {
        devices.insert(item.device);
      }
    }
    h_.devices_.assign(devices.begin(), devices.end());
    std::sort(h_.devices_.begin(), h_.devices_.end());
  }

  HierarchyOptions options_;
  GraphHierarchy h_;
  absl::flat_hash_map<std::string, int32_t> scope_by_path_;
};

absl::StatusOr<GraphHierarchy> GraphHierarchy::Build(
    const tensorboard::GraphDef& graph, const HierarchyOptions& options) {
  return HierarchyBuilder(options).Build(graph);
}

}  // namespace tbx::plugins::graphs
