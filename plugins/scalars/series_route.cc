// The columnar multi-run scalar route; see series_route.h.
#include "plugins/scalars/series_route.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/scalars/scalar_reads.h"
#include "plugins/scalars/series_binary.h"

namespace tbx::plugins {
namespace {

// Bytes reserved per point: a step, a wall time and a value with separators.
constexpr size_t kBytesPerPoint = 48;

bool Contains(const std::vector<std::string>& values,
              const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

void WriteSeries(const std::string& run, const std::string& tag,
                 const ScalarSeries& series, JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("run");
  writer.String(run);
  writer.Key("tag");
  writer.String(tag);
  writer.Key("step");
  writer.BeginArray();
  for (int64_t step : series.steps) writer.Int(step);
  writer.EndArray();
  writer.Key("wall_time");
  writer.BeginArray();
  for (double wall_time : series.wall_times) writer.Double(wall_time);
  writer.EndArray();
  writer.Key("value");
  writer.BeginArray();
  for (double value : series.values) writer.Double(value);
  writer.EndArray();
  writer.EndObject();
}

}  // namespace

Response ServeScalarSeries(const DataProvider& provider,
                           const Request& request) {
  std::vector<std::string> tags;
  for (std::string& tag : request.Params("tag")) {
    if (!Contains(tags, tag)) tags.push_back(std::move(tag));
  }
  if (tags.empty()) {
    return Response::BadRequest(
        "Parameter tag is required (repeat it for several tags)");
  }
  const std::string format = request.Param("format").value_or("json");
  if (format != "json" && format != "binary") {
    return Response::BadRequest(absl::StrCat(
        "Parameter format must be json or binary, got '", format, "'"));
  }
  const std::vector<std::string> runs = request.Params("run");
  ScalarQuery query;
  absl::StatusOr<int64_t> points = IntParam(request, "points", 0, 0);
  absl::StatusOr<int64_t> min_step = IntParam(request, "min_step", INT64_MIN);
  absl::StatusOr<int64_t> max_step = IntParam(request, "max_step", INT64_MAX);
  for (const auto* status : {&points, &min_step, &max_step}) {
    if (!status->ok()) return ErrorResponse(status->status());
  }
  if (*min_step > *max_step) {
    return Response::BadRequest(absl::StrCat("min_step (", *min_step,
                                             ") is greater than max_step (",
                                             *max_step, ")"));
  }
  query.max_points = static_cast<size_t>(*points);
  query.min_step = *min_step;
  query.max_step = *max_step;

  std::optional<std::vector<std::string>> run_filter;
  if (!runs.empty()) run_filter = runs;
  const RunTagMap<TagMetadata> listing = ScalarTagsOfRuns(provider, run_filter);
  struct Found {
    const std::string* tag;
    RunScalarSeries run_series;
  };
  std::vector<Found> found;
  size_t total_points = 0;
  for (const std::string& tag : tags) {
    absl::StatusOr<std::vector<RunScalarSeries>> of_runs =
        ReadScalarsOfRuns(provider, listing, tag, run_filter, query);
    if (!of_runs.ok()) return ErrorResponse(of_runs.status());
    for (RunScalarSeries& entry : *of_runs) {
      total_points += entry.series.size();
      found.push_back({&tag, std::move(entry)});
    }
  }
  if (format == "binary") {
    std::string body;
    SeriesBinaryWriter binary(&body, found.size(), total_points);
    for (const Found& f : found) {
      binary.AddSeries(f.run_series.run, *f.tag, f.run_series.series);
    }
    return Response::Bytes(std::string(kSeriesBinaryContentType),
                           std::move(body));
  }
  std::string json;
  json.reserve(16 + found.size() * 64 + total_points * kBytesPerPoint);
  JsonWriter writer(&json);
  writer.BeginObject();
  writer.Key("series");
  writer.BeginArray();
  for (const Found& f : found) {
    WriteSeries(f.run_series.run, *f.tag, f.run_series.series, writer);
  }
  writer.EndArray();
  writer.EndObject();
  return Response::Json(std::move(json));
}

}  // namespace tbx::plugins
