// The images plugin's routes; see images_plugin.h.
#include "plugins/images/images_plugin.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "plugins/common/blob_key.h"
#include "plugins/common/blob_sequence.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"
#include "plugins/images/image_mime_type.h"

namespace tbx::plugins {
namespace {

constexpr char kPluginName[] = "images";
constexpr char kRoutePrefix[] = "/data/plugin/images";
// The stored tensor starts with width and height; images follow.
constexpr int64_t kFirstImageIndex = 2;

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
  return FrontendMetadata::CustomElement(kPluginName, "tf-image-dashboard");
}

Response ImagesPlugin::Tags(const Request& request) const {
  return Response::Json(
      SamplesTagIndexJson(*provider_, kPluginName, kFirstImageIndex));
}

Response ImagesPlugin::Images(const Request& request) const {
  absl::StatusOr<RunAndTag> names = RequiredRunAndTag(request);
  if (!names.ok()) return ErrorResponse(names.status());
  absl::StatusOr<int64_t> sample = IntParam(request, "sample", 0, 0);
  if (!sample.ok()) return ErrorResponse(sample.status());
  const std::string not_found =
      absl::StrCat("No image data for run=", PyRepr(names->run),
                   ", tag=", PyRepr(names->tag));
  if (FindTag(TagsOf(*provider_, kPluginName, DataClass::kBlobSequence),
              names->run, names->tag) == nullptr) {
    return Response::NotFound(not_found);
  }
  absl::StatusOr<std::vector<BlobSequenceDatum>> data =
      provider_->ReadBlobSequence(names->run, names->tag);
  if (absl::IsNotFound(data.status())) return Response::NotFound(not_found);
  if (!data.ok()) return ErrorResponse(data.status());

  const int64_t index = *sample + kFirstImageIndex;
  std::string json;
  JsonWriter writer(&json);
  writer.BeginArray();
  for (const BlobSequenceDatum& datum : OneDatumPerStep(std::move(*data))) {
    if (datum.num_blobs <= index) continue;
    writer.BeginObject();
    writer.Key("wall_time");
    writer.Double(datum.wall_time);
    writer.Key("step");
    writer.Int(datum.step);
    writer.Key("query");
    writer.String(absl::StrCat(
        "blob_key=", EncodeBlobKey({"", kPluginName, names->run, names->tag,
                                    datum.step, index})));
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
