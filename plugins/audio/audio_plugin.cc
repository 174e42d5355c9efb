// The audio plugin's routes; see audio_plugin.h.
#include "plugins/audio/audio_plugin.h"

#include <cctype>
#include <optional>

#include "absl/strings/str_cat.h"
#include "plugins/common/blob_key.h"
#include "plugins/common/blob_sequence.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/plugin_content.h"
#include "plugins/common/tag_index.h"

namespace tbx::plugins {
namespace {

constexpr char kPluginName[] = "audio";
constexpr char kRoutePrefix[] = "/data/plugin/audio";
constexpr char kWavMimeType[] = "audio/wav";
constexpr char kDefaultMimeType[] = "application/octet-stream";
// AudioPluginData: `Encoding encoding = 2`, where WAV = 11.
constexpr int kEncodingField = 2;
constexpr uint64_t kEncodingWav = 11;

// URL query encoding of a MIME type ("audio/wav" -> "audio%2Fwav").
std::string QueryEscape(std::string_view value) {
  std::string out;
  constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : value) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

}  // namespace

std::string_view AudioMimeType(std::string_view plugin_content) {
  return VarintField(plugin_content, kEncodingField) == kEncodingWav
             ? kWavMimeType
             : kDefaultMimeType;
}

std::vector<Route> AudioPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/audio"),
       [this](const Request& r) { return Audio(r); }},
      {absl::StrCat(kRoutePrefix, "/individualAudio"),
       [this](const Request& r) { return IndividualAudio(r); }},
  };
}

FrontendMetadata AudioPlugin::Frontend() const {
  return FrontendMetadata::CustomElement(kPluginName, "tf-audio-dashboard");
}

Response AudioPlugin::Tags(const Request& request) const {
  return Response::Json(SamplesTagIndexJson(*provider_, kPluginName, 0));
}

Response AudioPlugin::Audio(const Request& request) const {
  absl::StatusOr<RunAndTag> names = RequiredRunAndTag(request);
  if (!names.ok()) return ErrorResponse(names.status());
  absl::StatusOr<int64_t> sample = IntParam(request, "sample", 0, 0);
  if (!sample.ok()) return ErrorResponse(sample.status());
  const std::string not_found =
      absl::StrCat("No audio data for run=", PyRepr(names->run),
                   ", tag=", PyRepr(names->tag));
  const TagMetadata* metadata =
      FindTag(TagsOf(*provider_, kPluginName, DataClass::kBlobSequence),
              names->run, names->tag);
  if (metadata == nullptr) return Response::NotFound(not_found);
  const std::string mime_type(AudioMimeType(metadata->plugin_content));
  absl::StatusOr<std::vector<BlobSequenceDatum>> data =
      provider_->ReadBlobSequence(names->run, names->tag);
  if (absl::IsNotFound(data.status())) return Response::NotFound(not_found);
  if (!data.ok()) return ErrorResponse(data.status());

  const std::string content_type_query =
      absl::StrCat("&content_type=", QueryEscape(mime_type));
  std::string json;
  JsonWriter writer(&json);
  writer.BeginArray();
  for (const BlobSequenceDatum& datum : OneDatumPerStep(std::move(*data))) {
    if (datum.num_blobs <= *sample) continue;
    writer.BeginObject();
    writer.Key("wall_time");
    writer.Double(datum.wall_time);
    writer.Key("label");
    writer.String("");
    writer.Key("step");
    writer.Int(datum.step);
    writer.Key("contentType");
    writer.String(mime_type);
    writer.Key("query");
    writer.String(absl::StrCat("blob_key=",
                               EncodeBlobKey({"", kPluginName, names->run,
                                              names->tag, datum.step, *sample}),
                               content_type_query));
    writer.EndObject();
  }
  writer.EndArray();
  return Response::Json(std::move(json));
}

Response AudioPlugin::IndividualAudio(const Request& request) const {
  const std::optional<std::string> mime_type = request.Param("content_type");
  if (!mime_type.has_value())
    return Response::BadRequest("Parameter content_type is required");
  if (*mime_type != kWavMimeType && *mime_type != kDefaultMimeType) {
    return Response::BadRequest(
        absl::StrCat("Illegal mime type ", PyRepr(*mime_type)));
  }
  absl::StatusOr<std::string> bytes = ReadBlobForRequest(*provider_, request);
  if (!bytes.ok()) return ErrorResponse(bytes.status());
  return Response::Bytes(*mime_type, std::move(*bytes));
}

}  // namespace tbx::plugins
