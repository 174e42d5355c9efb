// Graph changes before serving; see graph_transform.h.
#include "plugins/graphs/graph_transform.h"

#include <algorithm>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tbx::plugins::graphs {

using tensorboard::GraphDef;

absl::StatusOr<std::optional<AttrLimit>> ParseAttrLimit(
    const std::optional<std::string>& limit_attr_size,
    const std::optional<std::string>& large_attrs_key) {
  if (!limit_attr_size.has_value()) return std::optional<AttrLimit>();
  AttrLimit limit;
  if (!absl::SimpleAtoi(*limit_attr_size, &limit.max_bytes)) {
    return absl::InvalidArgumentError(
        "query parameter `limit_attr_size` must be an integer");
  }
  if (!large_attrs_key.has_value()) {
    return absl::InvalidArgumentError(
        "large_attrs_key is required when limit_attr_size is given");
  }
  if (limit.max_bytes <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("limit_attr_size must be > 0, but is ", limit.max_bytes));
  }
  limit.large_attrs_key = *large_attrs_key;
  return std::optional<AttrLimit>(std::move(limit));
}

void DropLargeAttrs(const AttrLimit& limit, GraphDef* graph) {
  for (tensorboard::NodeDef& node : *graph->mutable_node()) {
    std::vector<std::string> large;
    for (const auto& [key, value] : node.attr()) {
      if (static_cast<int64_t>(value.ByteSizeLong()) > limit.max_bytes) {
        large.push_back(key);
      }
    }
    if (large.empty()) continue;
    std::sort(large.begin(), large.end());
    for (const std::string& key : large) {
      node.mutable_attr()->erase(key);
      (*node.mutable_attr())[limit.large_attrs_key].mutable_list()->add_s(key);
    }
  }
}

namespace {

void AddWithPrefix(int index, const GraphDef& from, GraphDef* to) {
  const std::string scope = absl::StrCat("graph_", index, "/");
  const std::string func_prefix = absl::StrCat("graph_", index, "_");
  for (const tensorboard::NodeDef& node : from.node()) {
    tensorboard::NodeDef* copy = to->add_node();
    *copy = node;
    copy->set_name(scope + node.name());
    for (std::string& input : *copy->mutable_input()) input.insert(0, scope);
    if (copy->op() == "PartitionedCall") {
      // TensorBoard reads attr["f"] through a map lookup that inserts it, and
      // a message is always true in Python, so the name is always prefixed.
      tensorboard::AttrValue& f = (*copy->mutable_attr())["f"];
      f.mutable_func()->set_name(func_prefix + f.func().name());
    }
  }
  for (const tensorboard::FunctionDef& function : from.library().function()) {
    tensorboard::FunctionDef* copy = to->mutable_library()->add_function();
    *copy = function;
    copy->mutable_signature()->set_name(func_prefix +
                                        function.signature().name());
  }
  for (const tensorboard::GradientDef& gradient : from.library().gradient()) {
    tensorboard::GradientDef* copy = to->mutable_library()->add_gradient();
    copy->set_function_name(func_prefix + gradient.function_name());
    copy->set_gradient_func(func_prefix + gradient.gradient_func());
  }
}

}  // namespace

absl::StatusOr<GraphDef> MergeFunctionGraphs(
    const tensorboard::RunMetadata& run_metadata) {
  const auto& functions = run_metadata.function_graphs();
  if (functions.empty()) return GraphDef();
  if (functions.size() == 1) return functions[0].pre_optimization_graph();
  GraphDef merged;
  const GraphDef& first = functions[0].pre_optimization_graph();
  if (first.versions().producer() != 0) {
    *merged.mutable_versions() = first.versions();
  }
  for (int i = 0; i < functions.size(); ++i) {
    const GraphDef& graph = functions[i].pre_optimization_graph();
    if (graph.versions().producer() != merged.versions().producer()) {
      return absl::InvalidArgumentError(
          "Cannot combine GraphDefs of different versions.");
    }
    AddWithPrefix(i + 1, graph, &merged);
  }
  return merged;
}

}  // namespace tbx::plugins::graphs
