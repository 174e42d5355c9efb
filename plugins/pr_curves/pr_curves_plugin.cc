// The PR curves plugin's routes; see pr_curves_plugin.h.
#include "plugins/pr_curves/pr_curves_plugin.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/plugin_content.h"
#include "plugins/common/tag_index.h"
#include "plugins/pr_curves/pr_curve_entry.h"

namespace tbx::plugins {
namespace {

constexpr char kPluginName[] = "pr_curves";
constexpr char kRoutePrefix[] = "/data/plugin/pr_curves";
// PrCurvePluginData.version (field 1); TensorBoard knows version 0 only.
constexpr int kVersionField = 1;
constexpr uint64_t kLatestKnownVersion = 0;

}  // namespace

std::vector<Route> PrCurvesPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/pr_curves"),
       [this](const Request& r) { return PrCurves(r); }},
  };
}

FrontendMetadata PrCurvesPlugin::Frontend() const {
  return FrontendMetadata::CustomElement("PR Curves", "tf-pr-curve-dashboard");
}

Response PrCurvesPlugin::Tags(const Request& request) const {
  RunTagMap<TagMetadata> tags =
      TagsOf(*provider_, kPluginName, DataClass::kTensor);
  for (RunTags<TagMetadata>& run : tags) {
    std::erase_if(run.tags, [](const auto& entry) {
      return VarintField(entry.second.plugin_content, kVersionField)
                 .value_or(0) > kLatestKnownVersion;
    });
  }
  return Response::Json(TagIndexJson(tags));
}

Response PrCurvesPlugin::PrCurves(const Request& request) const {
  std::vector<std::string> runs = request.Params("run");
  if (runs.empty()) {
    return Response::BadRequest("No runs provided when fetching PR curve data");
  }
  const std::optional<std::string> tag = request.Param("tag");
  if (!tag.has_value() || tag->empty()) {
    return Response::BadRequest("No tag provided when fetching PR curve data");
  }
  // A run asked for twice is answered once, at its first place.
  std::vector<std::string> unique;
  for (std::string& run : runs) {
    if (std::find(unique.begin(), unique.end(), run) == unique.end())
      unique.push_back(std::move(run));
  }
  const RunTagMap<TagMetadata> tags =
      TagsOf(*provider_, kPluginName, DataClass::kTensor);
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  for (const std::string& run : unique) {
    const std::string missing =
        absl::StrCat("No PR curves could be found for run ", PyRepr(run),
                     " and tag ", PyRepr(*tag));
    if (FindTag(tags, run, *tag) == nullptr)
      return Response::BadRequest(missing);
    absl::StatusOr<std::vector<TensorDatum>> data =
        provider_->ReadTensors(run, *tag);
    if (absl::IsNotFound(data.status())) return Response::BadRequest(missing);
    if (!data.ok()) return ErrorResponse(data.status());
    // Room for this run's answer up front (about 10 bytes a number: Python
    // reprs of float32 values and counts), so the tens of megabytes of a
    // large answer are not copied again each time the string grows.
    size_t numbers = 0;
    for (const TensorDatum& datum : *data)
      numbers += datum.tensor.numbers.size();
    json.reserve(json.size() + numbers * 10 + data->size() * 160);
    writer.Key(run);
    writer.BeginArray();
    for (const TensorDatum& datum : *data) {
      absl::StatusOr<PrCurveEntry> entry = MakePrCurveEntry(datum);
      if (!entry.ok()) {
        return Response::BadRequest(absl::StrCat("Run ", PyRepr(run), ", tag ",
                                                 PyRepr(*tag), ": ",
                                                 entry.status().message()));
      }
      WritePrCurveEntry(*entry, writer);
    }
    writer.EndArray();
  }
  writer.EndObject();
  return Response::Json(std::move(json));
}

}  // namespace tbx::plugins
