// tbx's explorer routes of the graphs plugin (hierarchy, node, search, trace);
// see graphs_plugin.h and http_api.md. Every route names its graph with run,
// tag and conceptual like /graph, and items by the ids of GraphHierarchy.
#include <deque>
#include <regex>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/common/params.h"
#include "plugins/graphs/graphs_plugin.h"
#include "plugins/graphs/pbtxt.h"

namespace tbx::plugins {
namespace {

using Json = nlohmann::ordered_json;
using graphs::GraphHierarchy;
using graphs::Item;
using graphs::ItemKind;

// Attribute values larger than this are flagged and shortened in /node.
constexpr size_t kLargeAttrBytes = 1024;
constexpr size_t kLargeAttrPreview = 160;
constexpr int64_t kMaxTraceOps = 100'000;

Response JsonBody(const Json& json) {
  return Response::Json(
      json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

const char* KindName(ItemKind kind) {
  switch (kind) {
    case ItemKind::kScope:
      return "scope";
    case ItemKind::kSeries:
      return "series";
    case ItemKind::kOp:
      return "op";
  }
  return "scope";
}

Json Histogram(const Item& item, size_t limit) {
  Json ops = Json::array();
  for (size_t i = 0; i < item.op_histogram.size() && i < limit; ++i) {
    ops.push_back(
        Json::array({item.op_histogram[i].first, item.op_histogram[i].second}));
  }
  return ops;
}

Json ItemSummary(const GraphHierarchy& h, int32_t id) {
  const Item& item = h.item(id);
  Json json = {{"id", id},
               {"name", item.name},
               {"label", item.label},
               {"kind", KindName(item.kind)},
               {"op_count", item.op_count},
               {"ext_in", item.external_in},
               {"ext_out", item.external_out}};
  if (item.kind == ItemKind::kOp) {
    json["op"] = item.op;
    json["device"] = item.device;
    json["shapes"] = item.out_shapes;
  } else {
    json["child_count"] = item.children.size();
    json["ops"] = Histogram(item, 5);
    if (item.kind == ItemKind::kSeries) {
      json["series"] = Json::array({item.series_first, item.series_last});
    }
  }
  return json;
}

// The `stats` member of an item under step stats: compute time (µs), memory
// (bytes) and, for ops, the device the stats name. Returns the item's stats,
// or nullptr when it has none.
const graphs::ItemRuntime* AddStats(const graphs::RuntimeStats* stats,
                                    int32_t id, Json& json) {
  if (stats == nullptr) return nullptr;
  const graphs::ItemRuntime* item = stats->Find(id);
  if (item == nullptr) return nullptr;
  json["stats"] = {{"micros", item->micros()}, {"bytes", item->bytes}};
  if (!item->device.empty()) json["stats"]["device"] = item->device;
  return item;
}

Json AncestorList(const GraphHierarchy& h, int32_t id) {
  Json list = Json::array();
  for (int32_t ancestor : h.Ancestors(id)) list.push_back(ancestor);
  return list;
}

absl::StatusOr<int32_t> ItemParam(const Request& request,
                                  const GraphHierarchy& h, const char* name) {
  absl::StatusOr<int64_t> id = IntParam(request, name, 0, 0, h.size() - 1);
  if (!id.ok()) {
    return absl::NotFoundError(
        absl::StrCat("no item ", PyReprOrNone(request.Param(name)),
                     " in this graph (it has ", h.size(), " items)"));
  }
  return static_cast<int32_t>(*id);
}

}  // namespace

absl::StatusOr<std::shared_ptr<const graphs::BuiltGraph>>
GraphsPlugin::BuiltFor(const Request& request) {
  const std::optional<std::string> run = request.Param("run");
  if (!run.has_value()) {
    return absl::InvalidArgumentError("query parameter \"run\" is required");
  }
  graphs::GraphSpec spec{*run, request.Param("tag"),
                         request.Param("conceptual") == "true"};
  auto built = cache_.Get(spec);
  if (built.ok()) {
    RecordProblems(spec, (*built)->hierarchy.problems());
  } else if (!absl::IsNotFound(built.status())) {
    RecordProblems(spec, {std::string(built.status().message())});
  }
  return built;
}

absl::StatusOr<std::shared_ptr<const graphs::RuntimeStats>>
GraphsPlugin::StatsFor(const Request& request,
                       const std::shared_ptr<const graphs::BuiltGraph>& built) {
  const std::optional<std::string> tag = request.Param("stats");
  if (!tag.has_value()) return nullptr;
  auto stats = stats_cache_.Get(built, *request.Param("run"), *tag);
  if (absl::IsNotFound(stats.status())) {
    return absl::NotFoundError(
        absl::StrCat("run ", PyRepr(*request.Param("run")),
                     " has no run metadata tagged ", PyRepr(*tag)));
  }
  return stats;
}

Response GraphsPlugin::Hierarchy(const Request& request) {
  auto built = BuiltFor(request);
  if (!built.ok()) return ErrorResponse(built.status());
  const GraphHierarchy& h = (*built)->hierarchy;
  absl::StatusOr<int32_t> id = ItemParam(request, h, "group");
  if (!id.ok()) return ErrorResponse(id.status());
  const Item& group = h.item(*id);
  if (group.kind == ItemKind::kOp) {
    return Response::BadRequest(
        absl::StrCat("item ", *id, " is an op, not a group"));
  }
  auto stats = StatsFor(request, *built);
  if (!stats.ok()) return ErrorResponse(stats.status());
  const graphs::RuntimeStats* runtime = stats->get();
  Json json;
  json["group"] = ItemSummary(h, *id);
  json["group"]["ancestors"] = AncestorList(h, *id);
  AddStats(runtime, *id, json["group"]);
  Json children = Json::array();
  for (int32_t child : group.children) {
    children.push_back(ItemSummary(h, child));
    AddStats(runtime, child, children.back());
  }
  json["children"] = std::move(children);
  Json edges = Json::array();
  for (const graphs::GroupEdge& edge : group.edges) {
    edges.push_back({{"source", edge.source},
                     {"target", edge.target},
                     {"count", edge.count},
                     {"control", edge.control_count},
                     {"elements", edge.elements},
                     {"shapes", edge.shapes}});
  }
  json["edges"] = std::move(edges);
  if (*id == GraphHierarchy::kRoot) {
    const graphs::HierarchyStats& stats = h.stats();
    json["graph"] = {{"nodes", stats.nodes},
                     {"edges", stats.edges},
                     {"control_edges", stats.control_edges},
                     {"groups", stats.groups},
                     {"series", stats.series},
                     {"max_depth", stats.max_depth},
                     {"build_ms", (*built)->build_seconds * 1000},
                     {"devices", h.devices()},
                     {"ops", Histogram(group, SIZE_MAX)},
                     {"problems", h.problems()}};
  }
  if (runtime != nullptr) {
    json["stats"] = {{"max_micros", runtime->max_micros()},
                     {"max_bytes", runtime->max_bytes()},
                     {"matched", runtime->matched()},
                     {"unmatched", runtime->unmatched()},
                     {"devices", runtime->devices()}};
  }
  return JsonBody(json);
}

Response GraphsPlugin::Node(const Request& request) {
  auto built = BuiltFor(request);
  if (!built.ok()) return ErrorResponse(built.status());
  const GraphHierarchy& h = (*built)->hierarchy;
  int32_t id;
  if (std::optional<std::string> name = request.Param("name")) {
    id = h.FindOp(*name);
    if (id < 0) {
      return Response::NotFound(
          absl::StrCat("no node named ", PyRepr(*name), " in this graph"));
    }
  } else {
    absl::StatusOr<int32_t> found = ItemParam(request, h, "id");
    if (!found.ok()) return ErrorResponse(found.status());
    id = *found;
  }
  auto stats = StatsFor(request, *built);
  if (!stats.ok()) return ErrorResponse(stats.status());
  const Item& item = h.item(id);
  Json json = ItemSummary(h, id);
  json["ancestors"] = AncestorList(h, id);
  if (const graphs::ItemRuntime* runtime = AddStats(stats->get(), id, json);
      runtime != nullptr && item.kind == ItemKind::kOp) {
    json["stats"]["device"] = runtime->device;
    json["stats"]["output_shapes"] = runtime->output_shapes;
    json["stats"]["executions"] = runtime->executions;
  }
  if (item.kind != ItemKind::kOp) {
    json["op_histogram"] = Histogram(item, SIZE_MAX);
    return JsonBody(json);
  }
  const tensorboard::NodeDef& node = (*built)->graph->node(item.node_index);
  std::vector<std::string> keys;
  for (const auto& [key, value] : node.attr()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  Json attrs = Json::array();
  for (const std::string& key : keys) {
    const tensorboard::AttrValue& value = node.attr().at(key);
    const size_t bytes = value.ByteSizeLong();
    std::string text = graphs::ToPbtxtOneLine(value);
    const bool large = bytes > kLargeAttrBytes;
    if (large && text.size() > kLargeAttrPreview) {
      text.resize(kLargeAttrPreview);
      text += "…";
    }
    attrs.push_back(
        {{"key", key}, {"value", text}, {"bytes", bytes}, {"large", large}});
  }
  json["attrs"] = std::move(attrs);
  Json inputs = Json::array();
  for (const graphs::OpInput& input : item.inputs) {
    Json entry = {
        {"name", input.name}, {"id", input.item}, {"control", input.control}};
    if (input.item >= 0) {
      const Item& producer = h.item(input.item);
      const size_t slot = static_cast<size_t>(input.slot);
      if (slot < producer.out_shapes.size()) {
        entry["shape"] = producer.out_shapes[slot];
      }
    }
    inputs.push_back(std::move(entry));
  }
  json["inputs"] = std::move(inputs);
  Json outputs = Json::array();
  absl::flat_hash_set<int32_t> seen;
  for (int32_t consumer : item.consumers) {
    if (!seen.insert(consumer).second) continue;
    bool control = true;
    for (const graphs::OpInput& input : h.item(consumer).inputs) {
      if (input.item == id && !input.control) control = false;
    }
    outputs.push_back({{"name", h.item(consumer).name},
                       {"id", consumer},
                       {"control", control}});
  }
  json["outputs"] = std::move(outputs);
  return JsonBody(json);
}

Response GraphsPlugin::Search(const Request& request) {
  auto built = BuiltFor(request);
  if (!built.ok()) return ErrorResponse(built.status());
  const GraphHierarchy& h = (*built)->hierarchy;
  const std::string query = request.Param("q").value_or("");
  if (query.empty()) return Response::BadRequest("query parameter q is empty");
  absl::StatusOr<int64_t> limit = IntParam(request, "limit", 50, 1, 1000);
  if (!limit.ok()) return ErrorResponse(limit.status());
  std::regex pattern;
  try {
    pattern = std::regex(query, std::regex::ECMAScript | std::regex::icase |
                                    std::regex::optimize);
  } catch (const std::regex_error& error) {
    return Response::BadRequest(
        absl::StrCat("q is not a valid regular expression: ", PyRepr(query)));
  }
  Json matches = Json::array();
  int64_t total = 0;
  for (int32_t id = 0; id < h.size(); ++id) {
    const Item& item = h.item(id);
    if (item.kind != ItemKind::kOp) continue;
    if (!std::regex_search(item.name, pattern) &&
        !std::regex_search(item.op, pattern)) {
      continue;
    }
    if (total++ < *limit) {
      matches.push_back({{"id", id},
                         {"name", item.name},
                         {"op", item.op},
                         {"ancestors", AncestorList(h, id)}});
    }
  }
  return JsonBody({{"matches", std::move(matches)}, {"total", total}});
}

Response GraphsPlugin::Trace(const Request& request) {
  auto built = BuiltFor(request);
  if (!built.ok()) return ErrorResponse(built.status());
  const GraphHierarchy& h = (*built)->hierarchy;
  absl::StatusOr<int32_t> id = ItemParam(request, h, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  if (h.item(*id).kind != ItemKind::kOp) {
    return Response::BadRequest(absl::StrCat("item ", *id, " is not an op"));
  }
  // Every op the node depends on, through data and control inputs, and every
  // group holding one.
  absl::flat_hash_set<int32_t> ops = {*id};
  std::deque<int32_t> queue = {*id};
  bool truncated = false;
  while (!queue.empty()) {
    const int32_t current = queue.front();
    queue.pop_front();
    for (const graphs::OpInput& input : h.item(current).inputs) {
      if (input.item < 0 || ops.contains(input.item)) continue;
      if (static_cast<int64_t>(ops.size()) >= kMaxTraceOps) {
        truncated = true;
        break;
      }
      ops.insert(input.item);
      queue.push_back(input.item);
    }
  }
  absl::flat_hash_set<int32_t> items;
  for (int32_t op : ops) {
    for (int32_t x = op; x >= 0 && items.insert(x).second;
         x = h.item(x).parent) {
    }
  }
  std::vector<int32_t> sorted(items.begin(), items.end());
  std::sort(sorted.begin(), sorted.end());
  return JsonBody({{"ops", static_cast<int64_t>(ops.size())},
                   {"items", sorted},
                   {"truncated", truncated}});
}

}  // namespace tbx::plugins
