// TensorBoard's graphs routes; see graphs_plugin.h. The explorer routes are in
// explorer_routes.cc.
#include "plugins/graphs/graphs_plugin.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"
#include "plugins/graphs/graph_transform.h"
#include "plugins/graphs/pbtxt.h"

namespace tbx::plugins {
namespace {

constexpr char kRoutePrefix[] = "/data/plugin/graphs";
constexpr char kPbtxtType[] = "text/x-protobuf; charset=utf-8";

}  // namespace

std::vector<Route> GraphsPlugin::Routes() {
  auto route = [this](const char* path, auto method) {
    return Route{
        absl::StrCat(kRoutePrefix, path),
        [this, method](const Request& r) { return (this->*method)(r); }};
  };
  return {
      route("/info", &GraphsPlugin::Info),
      route("/graph", &GraphsPlugin::Graph),
      route("/run_metadata", &GraphsPlugin::RunMetadata),
      route("/hierarchy", &GraphsPlugin::Hierarchy),
      route("/node", &GraphsPlugin::Node),
      route("/search", &GraphsPlugin::Search),
      route("/trace", &GraphsPlugin::Trace),
  };
}

FrontendMetadata GraphsPlugin::Frontend() const {
  FrontendMetadata metadata =
      FrontendMetadata::CustomElement("graphs", "tf-graph-dashboard");
  metadata.disable_reload = true;
  return metadata;
}

std::vector<std::string> GraphsPlugin::DataPluginNames() const {
  return {graphs::kPluginGraphs, graphs::kPluginRunMetadata,
          graphs::kPluginRunMetadataGraph, graphs::kPluginKerasModel,
          graphs::kPluginTaggedRunMetadata};
}

void GraphsPlugin::RecordProblems(const graphs::GraphSpec& spec,
                                  std::vector<std::string> problems) const {
  const std::string what =
      spec.tag.has_value()
          ? absl::StrCat(spec.conceptual ? "conceptual graph " : "graph ",
                         PyRepr(*spec.tag), ": ")
          : std::string("graph: ");
  for (std::string& problem : problems) problem.insert(0, what);
  absl::MutexLock lock(&problems_mu_);
  auto key = std::make_tuple(spec.run, spec.tag.value_or(""), spec.conceptual);
  if (problems.empty()) {
    problems_.erase(key);
  } else {
    problems_[key] = {spec.run, std::move(problems)};
  }
}

void GraphsPlugin::CheckNewGraphs() const {
  absl::MutexLock check_lock(&check_mu_);
  std::vector<graphs::GraphSpec> specs;
  auto add = [&](const char* plugin, bool conceptual, bool run_graph) {
    for (const RunTags<TagMetadata>& run :
         TagsOf(*provider_, plugin, DataClass::kBlobSequence)) {
      for (const auto& [tag, metadata] : run.tags) {
        if (run_graph) {
          if (tag == graphs::kRunGraphTag) specs.push_back({run.run, {}, false});
        } else if (!tag.empty()) {
          specs.push_back({run.run, tag, conceptual});
        }
      }
    }
  };
  add(graphs::kPluginGraphs, false, true);
  add(graphs::kPluginRunMetadataGraph, false, false);
  add(graphs::kPluginRunMetadata, false, false);
  add(graphs::kPluginKerasModel, true, false);
  for (const graphs::GraphSpec& spec : specs) {
    absl::StatusOr<graphs::GraphVersion> version =
        graphs::FindGraph(*provider_, spec);
    if (!version.ok()) continue;
    auto key = std::make_tuple(spec.run, spec.tag.value_or(""), spec.conceptual);
    auto it = checked_.find(key);
    if (it != checked_.end() && it->second == *version) continue;
    checked_[key] = *version;
    google::protobuf::Arena arena;
    absl::StatusOr<tensorboard::GraphDef*> graph =
        graphs::LoadGraphOnArena(*provider_, spec, &arena);
    if (graph.ok()) {
      // A new version that decodes: problems of an older one no longer hold
      // (the hierarchy's are recorded again when it is built).
      RecordProblems(spec, {});
    } else if (!absl::IsNotFound(graph.status())) {
      RecordProblems(spec, {std::string(graph.status().message())});
    }
  }
}

std::vector<std::pair<std::string, std::string>> GraphsPlugin::DataProblems()
    const {
  CheckNewGraphs();
  std::vector<std::pair<std::string, std::string>> result;
  absl::MutexLock lock(&problems_mu_);
  for (const auto& [key, entry] : problems_) {
    for (const std::string& problem : entry.second) {
      result.emplace_back(entry.first, problem);
    }
  }
  return result;
}

Response GraphsPlugin::Info(const Request& /*request*/) const {
  nlohmann::ordered_json result = nlohmann::ordered_json::object();
  auto run_item = [&](const std::string& run) -> nlohmann::ordered_json& {
    nlohmann::ordered_json& item = result[run];
    if (item.is_null()) {
      item = {{"run", run},
              {"tags", nlohmann::ordered_json::object()},
              {"run_graph", false}};
    }
    return item;
  };
  auto tag_item = [&](const std::string& run,
                      const std::string& tag) -> nlohmann::ordered_json& {
    nlohmann::ordered_json& item = run_item(run)["tags"][tag];
    if (item.is_null()) {
      item = {{"tag", tag},
              {"conceptual_graph", false},
              {"op_graph", false},
              {"profile", false}};
    }
    return item;
  };
  // In TensorBoard's order; summaries from TensorFlow's ops carry plugin
  // content "1", and others are ignored.
  auto each_tag = [&](const char* plugin, bool versioned, auto visit) {
    for (const RunTags<TagMetadata>& run :
         TagsOf(*provider_, plugin, DataClass::kBlobSequence)) {
      for (const auto& [tag, metadata] : run.tags) {
        if (versioned && metadata.plugin_content != "1") continue;
        visit(run.run, tag);
      }
    }
  };
  each_tag(graphs::kPluginRunMetadataGraph, true,
           [&](const std::string& run, const std::string& tag) {
             if (!tag.empty()) tag_item(run, tag)["op_graph"] = true;
           });
  each_tag(graphs::kPluginRunMetadata, true,
           [&](const std::string& run, const std::string& tag) {
             if (tag.empty()) return;
             auto& item = tag_item(run, tag);
             item["profile"] = true;
             item["op_graph"] = true;
           });
  each_tag(graphs::kPluginKerasModel, true,
           [&](const std::string& run, const std::string& tag) {
             if (!tag.empty()) tag_item(run, tag)["conceptual_graph"] = true;
           });
  each_tag(graphs::kPluginGraphs, false,
           [&](const std::string& run, const std::string& tag) {
             if (tag == graphs::kRunGraphTag) run_item(run)["run_graph"] = true;
           });
  each_tag(graphs::kPluginTaggedRunMetadata, false,
           [&](const std::string& run, const std::string& tag) {
             if (!tag.empty()) tag_item(run, tag)["profile"] = true;
           });
  return Response::Json(
      result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response GraphsPlugin::Graph(const Request& request) const {
  const std::optional<std::string> run = request.Param("run");
  if (!run.has_value()) {
    return Response::BadRequest("query parameter \"run\" is required");
  }
  absl::StatusOr<std::optional<graphs::AttrLimit>> limit =
      graphs::ParseAttrLimit(request.Param("limit_attr_size"),
                             request.Param("large_attrs_key"));
  if (!limit.ok()) return ErrorResponse(limit.status());
  graphs::GraphSpec spec{*run, request.Param("tag"),
                         request.Param("conceptual") == "true"};
  absl::StatusOr<tensorboard::GraphDef> graph =
      graphs::LoadGraph(*provider_, spec);
  if (!graph.ok()) {
    if (!absl::IsNotFound(graph.status())) {
      RecordProblems(spec, {std::string(graph.status().message())});
    }
    return ErrorResponse(graph.status());
  }
  if (limit->has_value()) graphs::DropLargeAttrs(**limit, &*graph);
  return Response::Bytes(kPbtxtType, graphs::ToPbtxt(*graph));
}

Response GraphsPlugin::RunMetadata(const Request& request) const {
  const std::optional<std::string> tag = request.Param("tag");
  if (!tag.has_value()) {
    return Response::BadRequest("query parameter \"tag\" is required");
  }
  const std::optional<std::string> run = request.Param("run");
  if (!run.has_value()) {
    return Response::BadRequest("query parameter \"run\" is required");
  }
  absl::StatusOr<tensorboard::RunMetadata> metadata =
      graphs::LoadRunMetadata(*provider_, *run, *tag);
  if (!metadata.ok()) return ErrorResponse(metadata.status());
  return Response::Bytes(kPbtxtType, graphs::ToPbtxt(*metadata));
}

}  // namespace tbx::plugins
