// The text plugin's routes; see text_plugin.h.
#include "plugins/text/text_plugin.h"

#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"
#include "plugins/text/text_html.h"

namespace tbx::plugins {
namespace {

constexpr char kPluginName[] = "text";
constexpr char kRoutePrefix[] = "/data/plugin/text";

}  // namespace

std::vector<Route> TextPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/text"),
       [this](const Request& r) { return Text(r); }},
  };
}

FrontendMetadata TextPlugin::Frontend() const {
  return FrontendMetadata::CustomElement(kPluginName, "tf-text-dashboard");
}

Response TextPlugin::Tags(const Request& request) const {
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  for (const RunTags<TagMetadata>& run :
       TagsOf(*provider_, kPluginName, DataClass::kTensor)) {
    writer.Key(run.run);
    writer.BeginArray();
    for (const auto& [tag, metadata] : run.tags) writer.String(tag);
    writer.EndArray();
  }
  writer.EndObject();
  return Response::Json(std::move(json));
}

Response TextPlugin::Text(const Request& request) const {
  absl::StatusOr<RunAndTag> names = RequiredRunAndTag(request);
  if (!names.ok()) return ErrorResponse(names.status());
  const bool markdown = request.Param("markdown") != "false";
  if (FindTag(TagsOf(*provider_, kPluginName, DataClass::kTensor), names->run,
              names->tag) == nullptr) {
    return Response::Json("[]");
  }
  absl::StatusOr<std::vector<TensorDatum>> data =
      provider_->ReadTensors(names->run, names->tag);
  if (absl::IsNotFound(data.status())) return Response::Json("[]");
  if (!data.ok()) return ErrorResponse(data.status());
  std::string json;
  JsonWriter writer(&json);
  writer.BeginArray();
  for (const TensorDatum& datum : *data) {
    writer.BeginObject();
    writer.Key("wall_time");
    writer.Double(datum.wall_time);
    writer.Key("step");
    writer.Int(datum.step);
    writer.Key("text");
    writer.String(TextTensorToHtml(datum.tensor, markdown));
    writer.EndObject();
  }
  writer.EndArray();
  return Response::Json(std::move(json));
}

}  // namespace tbx::plugins
