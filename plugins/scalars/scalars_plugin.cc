// The scalars plugin's TensorBoard routes; see scalars_plugin.h.
#include "plugins/scalars/scalars_plugin.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/csv.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"
#include "plugins/scalars/scalar_reads.h"
#include "plugins/scalars/series_route.h"
#include "plugins/scalars/tag_list.h"

namespace tbx::plugins {
namespace {

constexpr char kRoutePrefix[] = "/data/plugin/scalars";
// Bytes reserved per point of JSON or CSV output, enough for typical values.
constexpr size_t kBytesPerPoint = 48;

void WritePoints(const ScalarSeries& series, JsonWriter& writer) {
  writer.BeginArray();
  for (size_t i = 0; i < series.size(); ++i) {
    writer.BeginArray();
    writer.Double(series.wall_times[i]);
    writer.Int(series.steps[i]);
    writer.Double(series.values[i]);
    writer.EndArray();
  }
  writer.EndArray();
}

std::string PointsCsv(const ScalarSeries& series) {
  std::string csv;
  csv.reserve(32 + series.size() * kBytesPerPoint);
  csv.append("Wall time,Step,Value").append(kCsvRowEnd);
  for (size_t i = 0; i < series.size(); ++i) {
    AppendCsvDouble(series.wall_times[i], &csv);
    csv.push_back(',');
    AppendCsvInt(series.steps[i], &csv);
    csv.push_back(',');
    AppendCsvDouble(series.values[i], &csv);
    csv.append(kCsvRowEnd);
  }
  return csv;
}

}  // namespace

std::vector<Route> ScalarsPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/tag_list"),
       [this](const Request& r) { return TagList(r); }},
      {absl::StrCat(kRoutePrefix, "/scalars"),
       [this](const Request& r) { return Scalars(r); }},
      {absl::StrCat(kRoutePrefix, "/scalars_multirun"),
       [this](const Request& r) { return ScalarsMultirun(r); }},
      {absl::StrCat(kRoutePrefix, "/series"),
       [this](const Request& r) {
         return ServeScalarSeries(*provider_, runs_of_tags_, &series_answers_,
                                  r);
       }},
  };
}

FrontendMetadata ScalarsPlugin::Frontend() const {
  return FrontendMetadata::CustomElement(kScalarsPluginName,
                                         "tf-scalar-dashboard");
}

Response ScalarsPlugin::Tags(const Request& request) const {
  return Response::Json(*tags_json_.Get(
      *provider_, [this] { return TagIndexJson(ScalarTags(*provider_)); }));
}

Response ScalarsPlugin::TagList(const Request& request) const {
  return Response::Json(*tag_list_json_.Get(
      *provider_, [this] { return TagListJson(ScalarTags(*provider_)); }));
}

Response ScalarsPlugin::Scalars(const Request& request) const {
  absl::StatusOr<RunAndTag> names = RequiredRunAndTag(request);
  if (!names.ok()) return ErrorResponse(names.status());
  const std::string& run = names->run;
  const std::string& tag = names->tag;
  const std::string not_found = absl::StrCat(
      "No scalar data for run=", PyRepr(run), ", tag=", PyRepr(tag));
  if (FindTag(ScalarTagsOfRuns(*provider_, std::vector<std::string>{run}), run,
              tag) == nullptr) {
    return Response::NotFound(not_found);
  }
  absl::StatusOr<ScalarSeries> series = provider_->ReadScalars(run, tag);
  if (absl::IsNotFound(series.status())) return Response::NotFound(not_found);
  if (!series.ok()) return ErrorResponse(series.status());
  if (request.Param("format") == "csv") {
    return Response::Bytes("text/csv; charset=utf-8", PointsCsv(*series));
  }
  std::string json;
  json.reserve(2 + series->size() * kBytesPerPoint);
  JsonWriter writer(&json);
  WritePoints(*series, writer);
  return Response::Json(std::move(json));
}

Response ScalarsPlugin::ScalarsMultirun(const Request& request) const {
  const std::vector<std::string> tags = request.Params("tag");
  if (tags.size() != 1)
    return Response::BadRequest("tag must be specified exactly once");
  const std::string& tag = tags.front();
  const std::vector<std::string> runs = request.Params("runs");
  // Runs in the provider's order, as TensorBoard gives them; unknown runs are
  // left out.
  absl::StatusOr<std::vector<RunScalarSeries>> found = ReadScalarsOfRuns(
      *provider_, ScalarTagsOfRuns(*provider_, runs), tag, runs);
  if (!found.ok()) return ErrorResponse(found.status());
  size_t points = 0;
  for (const RunScalarSeries& entry : *found) points += entry.series.size();
  std::string json;
  json.reserve(2 + points * kBytesPerPoint);
  JsonWriter writer(&json);
  writer.BeginObject();
  for (const RunScalarSeries& entry : *found) {
    writer.Key(entry.run);
    WritePoints(entry.series, writer);
  }
  writer.EndObject();
  return Response::Json(std::move(json));
}

}  // namespace tbx::plugins
