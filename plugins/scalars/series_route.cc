// The columnar multi-run scalar route; see series_route.h.
#include "plugins/scalars/series_route.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"

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

  const RunTagMap<TagMetadata> listing =
      TagsOf(provider, "scalars", DataClass::kScalar);
  struct Found {
    const std::string* run;
    const std::string* tag;
    ScalarSeries series;
  };
  std::vector<Found> found;
  size_t total_points = 0;
  for (const std::string& tag : tags) {
    for (const RunTags<TagMetadata>& entry : listing) {
      if (!runs.empty() && !Contains(runs, entry.run)) continue;
      if (!HasTag(entry, tag)) continue;
      absl::StatusOr<ScalarSeries> series =
          provider.ReadScalars(entry.run, tag, query);
      // NotFound: the run went away since it was listed.
      if (absl::IsNotFound(series.status())) continue;
      if (!series.ok()) return ErrorResponse(series.status());
      total_points += series->size();
      found.push_back({&entry.run, &tag, std::move(*series)});
    }
  }
  std::string json;
  json.reserve(16 + found.size() * 64 + total_points * kBytesPerPoint);
  JsonWriter writer(&json);
  writer.BeginObject();
  writer.Key("series");
  writer.BeginArray();
  for (const Found& f : found) WriteSeries(*f.run, *f.tag, f.series, writer);
  writer.EndArray();
  writer.EndObject();
  return Response::Json(std::move(json));
}

}  // namespace tbx::plugins
