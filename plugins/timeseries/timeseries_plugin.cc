// The Time Series plugin's routes; see timeseries_plugin.h.
#include "plugins/timeseries/timeseries_plugin.h"

#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/common/blob_sequence.h"
#include "plugins/common/form_fields.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/images/image_mime_type.h"
#include "plugins/scalars/series_binary.h"
#include "plugins/timeseries/series_answers.h"

namespace tbx::plugins {
namespace {

constexpr char kRoutePrefix[] = "/data/plugin/timeseries";
// Bytes reserved per requested series before the answer is written.
constexpr size_t kBytesPerAnswer = 4096;

// The request list of a JSON body: the body itself when it is a list, else its
// "requests" member (a list, or a string holding one). Discarded JSON when the
// body holds neither.
nlohmann::json JsonBodyRequests(const std::string& body) {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_array()) return parsed;
  if (parsed.is_object()) {
    auto it = parsed.find("requests");
    if (it != parsed.end() && it->is_array()) return std::move(*it);
    if (it != parsed.end() && it->is_string()) {
      return nlohmann::json::parse(it->get<std::string>(), nullptr, false);
    }
  }
  return nlohmann::json(nlohmann::json::value_t::discarded);
}

}  // namespace

std::vector<Route> TimeSeriesPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/timeSeries"),
       [this](const Request& r) { return TimeSeries(r); }},
      {absl::StrCat(kRoutePrefix, "/imageData"),
       [this](const Request& r) { return ImageData(r); }},
  };
}

FrontendMetadata TimeSeriesPlugin::Frontend() const {
  FrontendMetadata metadata;
  metadata.tab_name = "Time Series";
  metadata.loading_mechanism = {{"type", "NG_COMPONENT"}};
  return metadata;
}

Response TimeSeriesPlugin::Tags(const Request& request) const {
  return Response::Json(*listings_.TagsJson());
}

Response TimeSeriesPlugin::TimeSeries(const Request& request) const {
  nlohmann::json requests;
  if (std::optional<std::string> field = FormField(request, "requests")) {
    if (field->empty()) {
      return Response::BadRequest("Missing 'requests' field");
    }
    requests = nlohmann::json::parse(*field, nullptr, false);
    if (requests.is_discarded()) {
      return Response::BadRequest("Unable to parse 'requests' as JSON");
    }
  } else if (absl::EqualsIgnoreCase(request.content_type, "application/json") &&
             !request.body.empty()) {
    requests = JsonBodyRequests(request.body);
    if (requests.is_discarded()) {
      return Response::BadRequest(
          "A JSON body must be a list of requests or {\"requests\": [...]}");
    }
  } else {
    return Response::BadRequest("Missing 'requests' field");
  }
  if (!requests.is_array()) {
    return Response::BadRequest("'requests' must be a JSON list");
  }
  const std::string format = FormField(request, "format").value_or("json");
  if (format == "binary") return ScalarColumns(requests);
  if (format != "json") {
    return Response::BadRequest(absl::StrCat(
        "Parameter format must be json or binary, got '", format, "'"));
  }
  std::string json;
  json.reserve(2 + requests.size() * kBytesPerAnswer);
  JsonWriter writer(&json);
  SeriesAnswerer answerer(provider_, &listings_);
  writer.BeginArray();
  for (const nlohmann::json& series_request : requests) {
    answerer.Answer(series_request, writer);
  }
  writer.EndArray();
  return Response::Json(std::move(json));
}

Response TimeSeriesPlugin::ScalarColumns(const nlohmann::json& requests) const {
  SeriesAnswerer answerer(provider_, &listings_);
  struct Found {
    const std::string* tag;
    std::vector<RunScalarSeries> runs;
  };
  std::vector<Found> found;
  size_t series_count = 0;
  size_t total_points = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    const nlohmann::json& series_request = requests[i];
    if (std::optional<std::string> reason =
            SeriesAnswerer::InvalidReason(series_request)) {
      return Response::BadRequest(absl::StrCat("Request ", i, ": ", *reason));
    }
    if (series_request.at("plugin") != kScalarsPluginName) {
      return Response::BadRequest(absl::StrCat(
          "Request ", i, ": format=binary answers scalars requests only"));
    }
    absl::StatusOr<std::vector<RunScalarSeries>> runs =
        answerer.ReadScalars(series_request);
    if (!runs.ok()) return ErrorResponse(runs.status());
    for (const RunScalarSeries& entry : *runs) {
      total_points += entry.series.size();
    }
    series_count += runs->size();
    found.push_back({&series_request.at("tag").get_ref<const std::string&>(),
                     std::move(*runs)});
  }
  std::string body;
  SeriesBinaryWriter writer(&body, series_count, total_points);
  for (const Found& f : found) {
    for (const RunScalarSeries& entry : f.runs) {
      writer.AddSeries(entry.run, *f.tag, entry.series);
    }
  }
  return Response::Bytes(std::string(kSeriesBinaryContentType),
                         std::move(body));
}

Response TimeSeriesPlugin::ImageData(const Request& request) const {
  const std::optional<std::string> image_id = request.Param("imageId");
  if (!image_id.has_value() || image_id->empty()) {
    return Response::BadRequest("Missing 'imageId' field");
  }
  absl::StatusOr<std::string> bytes = ReadBlobByKey(*provider_, *image_id);
  if (!bytes.ok()) return ErrorResponse(bytes.status());
  const std::string content_type(ImageMimeType(*bytes));
  return Response::Bytes(content_type, std::move(*bytes));
}

}  // namespace tbx::plugins
