// The custom scalars plugin's routes; see custom_scalars_plugin.h.
#include "plugins/custom_scalars/custom_scalars_plugin.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"
#include "plugins/custom_scalars/layout.h"
#include "plugins/custom_scalars/python_regex.h"

namespace tbx::plugins {
namespace {

constexpr char kPluginName[] = "custom_scalars";
constexpr char kRoutePrefix[] = "/data/plugin/custom_scalars";
constexpr char kConfigTag[] = "custom_scalars__config__";

// The layout a run stores: the serialized proto in its last datum, which must
// hold exactly one string.
absl::StatusOr<tensorboard::Layout> RunLayout(const DataProvider& provider,
                                              const std::string& run) {
  absl::StatusOr<std::vector<TensorDatum>> data =
      provider.ReadTensors(run, kConfigTag);
  if (!data.ok()) return data.status();
  if (data->empty()) return absl::NotFoundError("no layout datum");
  const Tensor& tensor = data->back().tensor;
  if (tensor.dtype != DType::kString || tensor.strings.size() != 1) {
    return absl::InvalidArgumentError(
        "the custom scalars layout tensor is not a single string");
  }
  return ParseLayout(tensor.strings.front());
}

}  // namespace

std::vector<Route> CustomScalarsPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/layout"),
       [this](const Request& r) { return Layout(r); }},
      {absl::StrCat(kRoutePrefix, "/scalars"),
       [this](const Request& r) { return Scalars(r); }},
      {absl::StrCat(kRoutePrefix, "/download_data"),
       [this](const Request& r) { return DownloadData(r); }},
  };
}

FrontendMetadata CustomScalarsPlugin::Frontend() const {
  return FrontendMetadata::CustomElement("Custom Scalars",
                                         "tf-custom-scalar-dashboard");
}

Response CustomScalarsPlugin::Layout(const Request& request) const {
  std::vector<std::string> runs;
  for (const RunTags<TagMetadata>& run :
       TagsOf(*provider_, kPluginName, DataClass::kTensor)) {
    if (HasTag(run, kConfigTag)) runs.push_back(run.run);
  }
  std::sort(runs.begin(), runs.end());
  std::vector<tensorboard::Layout> layouts;
  std::vector<std::string> errors;
  for (const std::string& run : runs) {
    absl::StatusOr<tensorboard::Layout> layout = RunLayout(*provider_, run);
    if (absl::IsNotFound(layout.status())) continue;  // run went away
    if (!layout.ok()) {
      errors.push_back(
          absl::StrCat("run ", PyRepr(run), ": ", layout.status().message()));
      continue;
    }
    layouts.push_back(std::move(*layout));
  }
  if (layouts.empty() && errors.empty()) return Response::Json("{}");
  std::string json =
      layouts.empty() ? "{}" : LayoutJson(MergeLayouts(std::move(layouts)));
  if (!errors.empty()) {
    nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(json);
    parsed["errors"] = errors;
    json = parsed.dump(2, ' ', false,
                       nlohmann::ordered_json::error_handler_t::replace);
  }
  return Response::Json(std::move(json));
}

Response CustomScalarsPlugin::Scalars(const Request& request) const {
  constexpr char kInvalid[] = R"({"regex_valid": false, "tag_to_events": {}})";
  const std::optional<std::string> pattern = request.Param("tag");
  if (!pattern.has_value() || pattern->empty()) return Response::Json(kInvalid);
  absl::StatusOr<PythonRegex> regex = PythonRegex::Compile(*pattern);
  if (!regex.ok()) return Response::Json(kInvalid);
  const std::string run = request.Param("run").value_or("");
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  writer.Key("regex_valid");
  writer.Bool(true);
  writer.Key("tag_to_events");
  writer.BeginObject();
  for (const RunTags<TagMetadata>& entry :
       TagsOf(*provider_, "scalars", DataClass::kScalar)) {
    if (entry.run != run) continue;
    for (const auto& [tag, metadata] : entry.tags) {
      if (!regex->MatchesPrefix(tag)) continue;
      absl::StatusOr<ScalarSeries> series = provider_->ReadScalars(run, tag);
      if (absl::IsNotFound(series.status())) continue;  // went away
      if (!series.ok()) return ErrorResponse(series.status());
      writer.Key(tag);
      writer.BeginArray();
      for (size_t i = 0; i < series->size(); ++i) {
        writer.BeginArray();
        writer.Double(series->wall_times[i]);
        writer.Int(series->steps[i]);
        writer.Double(series->values[i]);
        writer.EndArray();
      }
      writer.EndArray();
    }
  }
  writer.EndObject();
  writer.EndObject();
  return Response::Json(std::move(json));
}

Response CustomScalarsPlugin::DownloadData(const Request& request) const {
  return scalars_.Scalars(request);
}

}  // namespace tbx::plugins
