// The images plugin's routes; see images_plugin.h.
#include "plugins/images/images_plugin.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "plugins/common/blob_sequence.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/images/image_mime_type.h"
#include "plugins/images/image_steps.h"

namespace tbx::plugins {
namespace {

constexpr char kRoutePrefix[] = "/data/plugin/images";

}  // namespace

std::vector<Route> ImagesPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/images"),
       [this](const Request& r) { return Images(r); }},
      {absl::StrCat(kRoutePrefix, "/individualImage"),
       [this](const Request& r) { return IndividualImage(r); }},
  };
}

FrontendMetadata ImagesPlugin::Frontend() const {
  return FrontendMetadata::CustomElement(kImagesPluginName,
                                         "tf-image-dashboard");
}

Response ImagesPlugin::Tags(const Request& request) const {
  return Response::Json(
      SamplesTagIndexJson(*provider_, kImagesPluginName, kFirstImageIndex));
}

Response ImagesPlugin::Images(const Request& request) const {
  absl::StatusOr<RunAndTag> names = RequiredRunAndTag(request);
  if (!names.ok()) return ErrorResponse(names.status());
  absl::StatusOr<int64_t> sample = IntParam(request, "sample", 0, 0);
  if (!sample.ok()) return ErrorResponse(sample.status());
  absl::StatusOr<std::vector<ImageStep>> steps =
      ReadImageSteps(*provider_, names->run, names->tag, *sample);
  if (!steps.ok()) return ErrorResponse(steps.status());
  std::string json;
  JsonWriter writer(&json);
  writer.BeginArray();
  for (const ImageStep& step : *steps) {
    writer.BeginObject();
    writer.Key("wall_time");
    writer.Double(step.wall_time);
    writer.Key("step");
    writer.Int(step.step);
    writer.Key("query");
    writer.String(absl::StrCat("blob_key=", step.blob_key));
    writer.EndObject();
  }
  writer.EndArray();
  return Response::Json(std::move(json));
}

Response ImagesPlugin::IndividualImage(const Request& request) const {
  absl::StatusOr<std::string> bytes = ReadBlobForRequest(*provider_, request);
  if (!bytes.ok()) return ErrorResponse(bytes.status());
  const std::string content_type(ImageMimeType(*bytes));
  return Response::Bytes(content_type, std::move(*bytes));
}

}  // namespace tbx::plugins
