// The mesh plugin's routes; see mesh_plugin.h.
#include "plugins/mesh/mesh_plugin.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"
#include "plugins/mesh/mesh_arrays.h"
#include "plugins/mesh/mesh_preview.h"
#include "proto/mesh_plugin_data.pb.h"

namespace tbx::plugins {
namespace {

using ::tensorboard::mesh::MeshPluginData;

constexpr char kPluginName[] = "mesh";
constexpr char kRoutePrefix[] = "/data/plugin/mesh";
// TensorBoard skips metadata newer than the version it knows.
constexpr int kLatestKnownVersion = 0;

// One component tag of a mesh and its parsed metadata.
struct Component {
  std::string instance_tag;
  MeshPluginData metadata;
};

std::optional<MeshPluginData> ParseMetadata(const TagMetadata& tag) {
  MeshPluginData data;
  if (!data.ParseFromString(tag.plugin_content)) return std::nullopt;
  if (data.version() > kLatestKnownVersion) return std::nullopt;
  return data;
}

// The component tags of mesh `name` in `run`, in the provider's order.
std::vector<Component> ComponentsOf(const DataProvider& provider,
                                    const std::string& run,
                                    const std::string& name) {
  std::vector<Component> components;
  for (const RunTags<TagMetadata>& entry :
       TagsOf(provider, kPluginName, DataClass::kTensor)) {
    if (entry.run != run) continue;
    for (const auto& [tag, metadata] : entry.tags) {
      std::optional<MeshPluginData> data = ParseMetadata(metadata);
      if (data.has_value() && data->name() == name)
        components.push_back({tag, std::move(*data)});
    }
  }
  return components;
}

// One kept step of a component, without its tensor (for listings).
struct ComponentStep {
  const MeshPluginData* metadata;
  TensorStep step;
};

absl::StatusOr<std::vector<ComponentStep>> ReadComponentSteps(
    const DataProvider& provider, const std::string& run,
    const std::vector<Component>& components) {
  std::vector<ComponentStep> out;
  for (const Component& component : components) {
    absl::StatusOr<std::vector<TensorStep>> steps =
        provider.ReadTensorSteps(run, component.instance_tag);
    if (absl::IsNotFound(steps.status())) continue;  // went away
    if (!steps.ok()) return steps.status();
    for (const TensorStep& step : *steps)
      out.push_back({&component.metadata, step});
  }
  return out;
}

// Python's float() of a step parameter, for the common decimal spellings.
std::optional<double> ParseStep(const std::string& text) {
  double value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

std::vector<Route> MeshPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/meshes"),
       [this](const Request& r) { return Meshes(r); }},
      {absl::StrCat(kRoutePrefix, "/data"),
       [this](const Request& r) { return Data(r); }},
      {absl::StrCat(kRoutePrefix, "/preview"),
       [this](const Request& r) { return Preview(r); }},
  };
}

FrontendMetadata MeshPlugin::Frontend() const {
  return FrontendMetadata::CustomElement("mesh", "mesh-dashboard");
}

Response MeshPlugin::Tags(const Request& request) const {
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  for (const RunTags<TagMetadata>& run :
       TagsOf(*provider_, kPluginName, DataClass::kTensor)) {
    // Mesh name -> samples, in first-seen order; a later component of the
    // same mesh replaces the count in place, as a Python dict does.
    std::vector<std::pair<std::string, int64_t>> meshes;
    for (const auto& [tag, metadata] : run.tags) {
      std::optional<MeshPluginData> data = ParseMetadata(metadata);
      if (!data.has_value() || data->shape_size() == 0) continue;
      auto it = std::find_if(meshes.begin(), meshes.end(), [&](const auto& m) {
        return m.first == data->name();
      });
      if (it == meshes.end()) {
        meshes.emplace_back(data->name(), data->shape(0));
      } else {
        it->second = data->shape(0);
      }
    }
    writer.Key(run.run);
    writer.BeginObject();
    for (const auto& [name, samples] : meshes) {
      writer.Key(name);
      writer.BeginObject();
      writer.Key("samples");
      writer.Int(samples);
      writer.EndObject();
    }
    writer.EndObject();
  }
  writer.EndObject();
  return Response::Json(std::move(json));
}

Response MeshPlugin::Meshes(const Request& request) const {
  const std::string run = request.Param("run").value_or("");
  const std::string tag = request.Param("tag").value_or("");
  const std::vector<Component> components = ComponentsOf(*provider_, run, tag);
  absl::StatusOr<std::vector<ComponentStep>> data =
      ReadComponentSteps(*provider_, run, components);
  if (!data.ok()) return ErrorResponse(data.status());
  std::stable_sort(data->begin(), data->end(),
                   [](const ComponentStep& a, const ComponentStep& b) {
                     return a.step.step < b.step.step;
                   });
  std::string json;
  JsonWriter writer(&json);
  writer.BeginArray();
  for (const ComponentStep& item : *data) {
    writer.BeginObject();
    writer.Key("wall_time");
    writer.Double(item.step.wall_time);
    writer.Key("step");
    writer.Int(item.step.step);
    writer.Key("content_type");
    writer.Int(item.metadata->content_type());
    writer.Key("components");
    writer.Int(item.metadata->components());
    writer.Key("config");
    writer.String(item.metadata->json_config());
    writer.Key("data_shape");
    writer.BeginArray();
    for (int32_t d : item.metadata->shape()) writer.Int(d);
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  return Response::Json(std::move(json));
}

namespace {

// The request's step parameter (default 0), or a 400 answer.
std::variant<double, Response> StepParam(const Request& request) {
  const std::optional<double> step =
      ParseStep(request.Param("step").value_or("0"));
  if (!step.has_value()) {
    return Response::BadRequest(
        absl::StrCat("Parameter step must be a number, got ",
                     PyRepr(request.Param("step").value_or(""))));
  }
  return *step;
}

}  // namespace

std::optional<Response> MeshPlugin::ReadComponent(const std::string& run,
                                                  const std::string& tag,
                                                  double step, int64_t sample,
                                                  MeshContent content,
                                                  std::string* body) const {
  std::vector<Component> components = ComponentsOf(*provider_, run, tag);
  std::erase_if(components, [&](const Component& c) {
    return c.metadata.content_type() != static_cast<int>(content);
  });
  // Only a whole step within int64 can match a stored step; anything else
  // matches none, and the answer is empty.
  if (step != std::trunc(step) || !(std::abs(step) < 0x1p63))
    return std::nullopt;
  // The stored tensors are converted where they lie (no copy of the
  // double-valued tensor), component by component.
  std::optional<Response> error;
  for (const Component& component : components) {
    absl::Status read = provider_->VisitTensorsAtStep(
        run, component.instance_tag, static_cast<int64_t>(step),
        [&](const TensorDatum& datum) {
          if (error.has_value()) return;
          absl::Status appended =
              AppendMeshSample(datum.tensor, sample, content, body);
          if (!appended.ok()) {
            error = Response::BadRequest(absl::StrCat(
                "Mesh ", PyRepr(tag), " of run ", PyRepr(run), " at step ",
                datum.step, ": ", appended.message()));
          }
        });
    if (absl::IsNotFound(read)) continue;  // went away
    if (!read.ok()) return ErrorResponse(read);
    if (error.has_value()) return error;
  }
  return std::nullopt;
}

Response MeshPlugin::Data(const Request& request) const {
  std::variant<double, Response> step = StepParam(request);
  if (auto* bad = std::get_if<Response>(&step)) return std::move(*bad);
  const std::optional<MeshContent> content =
      MeshContentFromName(request.Param("content_type").value_or(""));
  if (!content.has_value()) return Response::BadRequest("Bad content_type");
  absl::StatusOr<int64_t> sample = IntParam(request, "sample", 0);
  if (!sample.ok()) return ErrorResponse(sample.status());
  std::string body;
  std::optional<Response> error = ReadComponent(
      request.Param("run").value_or(""), request.Param("tag").value_or(""),
      std::get<double>(step), *sample, *content, &body);
  if (error.has_value()) return *std::move(error);
  return Response::Bytes("arraybuffer", std::move(body));
}

Response MeshPlugin::Preview(const Request& request) const {
  std::variant<double, Response> step = StepParam(request);
  if (auto* bad = std::get_if<Response>(&step)) return std::move(*bad);
  absl::StatusOr<int64_t> sample = IntParam(request, "sample", 0);
  if (!sample.ok()) return ErrorResponse(sample.status());
  absl::StatusOr<int64_t> cells = IntParam(request, "cells", 64);
  if (!cells.ok()) return ErrorResponse(cells.status());
  if (*cells < kMinPreviewCells || *cells > kMaxPreviewCells) {
    return Response::BadRequest(absl::StrCat("Parameter cells must be between ",
                                             kMinPreviewCells, " and ",
                                             kMaxPreviewCells));
  }
  const std::string run = request.Param("run").value_or("");
  const std::string tag = request.Param("tag").value_or("");
  // A bad sample is answered as /data answers it; the cache keeps only
  // previews.
  std::optional<Response> error;
  // Run and tag are separated by a byte no URL parameter holds here.
  std::string key = run;
  key.push_back('\0');
  key += tag;
  key += absl::StrCat("/", std::get<double>(step), "/", *sample, "/", *cells);
  absl::StatusOr<std::shared_ptr<const std::string>> preview =
      previews_.Get(*provider_, key, [&]() -> absl::StatusOr<std::string> {
        std::string vertices, faces, colors;
        for (const auto& [content, body] :
             {std::pair{MeshContent::kVertex, &vertices},
              std::pair{MeshContent::kFace, &faces},
              std::pair{MeshContent::kColor, &colors}}) {
          error = ReadComponent(run, tag, std::get<double>(step), *sample,
                                content, body);
          if (error.has_value()) return absl::CancelledError();
        }
        if (vertices.empty()) {
          return absl::NotFoundError(
              absl::StrCat("No vertices of mesh ", PyRepr(tag), " of run ",
                           PyRepr(run), " at that step"));
        }
        absl::StatusOr<std::string> built =
            DecimateMesh(vertices, faces, colors, static_cast<int>(*cells));
        if (!built.ok()) {
          return absl::InvalidArgumentError(
              absl::StrCat("Mesh ", PyRepr(tag), " of run ", PyRepr(run), ": ",
                           built.status().message()));
        }
        return built;
      });
  if (error.has_value()) return *std::move(error);
  if (!preview.ok()) return ErrorResponse(preview.status());
  return Response::Bytes("arraybuffer", std::string(**preview));
}

}  // namespace tbx::plugins
