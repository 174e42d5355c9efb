// The columnar multi-run scalar route; see series_route.h.
#include "plugins/scalars/series_route.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/scalars/dashboard_order.h"
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

// The first_tags form's parameters (count 0: tags are named).
struct FirstTags {
  int64_t count = 0;
  int64_t offset = 0;
  int64_t point_budget = 0;
};

// A query's parameters as one string; each name is prefixed with its length,
// so no two queries share a key whatever their names hold.
std::string QueryKey(const std::string& format,
                     const std::vector<std::string>& tags,
                     const std::vector<std::string>& runs,
                     const ScalarQuery& query, const FirstTags& first) {
  std::string key =
      absl::StrCat(format, " ", query.max_points, " ", query.min_step, " ",
                   query.max_step, " ", first.count, " ", first.offset, " ",
                   first.point_budget, " ", tags.size(), " ");
  for (const auto* names : {&tags, &runs}) {
    for (const std::string& name : *names)
      absl::StrAppend(&key, name.size(), ":", name);
  }
  return key;
}

}  // namespace

Response ServeScalarSeries(const DataProvider& provider,
                           GenerationCache<ScalarRunsByTag>& runs_of_tags,
                           AnswerCache* answers, const Request& request) {
  std::vector<std::string> tags;
  for (std::string& tag : request.Params("tag")) {
    if (!Contains(tags, tag)) tags.push_back(std::move(tag));
  }
  FirstTags first;
  {
    absl::StatusOr<int64_t> count = IntParam(request, "first_tags", 0, 1);
    absl::StatusOr<int64_t> offset = IntParam(request, "tag_offset", 0, 0);
    absl::StatusOr<int64_t> budget = IntParam(request, "point_budget", 0, 0);
    for (const auto* status : {&count, &offset, &budget}) {
      if (!status->ok()) return ErrorResponse(status->status());
    }
    first = {*count, *offset, *budget};
  }
  if (first.count > 0 && !tags.empty()) {
    return Response::BadRequest(
        "Parameters tag and first_tags cannot be given together");
  }
  if (first.count == 0 && (request.Param("tag_offset").has_value() ||
                           request.Param("point_budget").has_value())) {
    return Response::BadRequest(
        "Parameters tag_offset and point_budget need first_tags");
  }
  if (first.count == 0 && tags.empty()) {
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

  // The same query at the same data generation has the same answer. The
  // generation is read before the store, so data arriving meanwhile makes the
  // next request read again.
  const uint64_t generation = provider.Generation();
  const std::string key = answers == nullptr
                              ? std::string()
                              : QueryKey(format, tags, runs, query, first);
  const std::string content_type = format == "binary"
                                       ? std::string(kSeriesBinaryContentType)
                                       : Response().content_type;
  if (answers != nullptr) {
    if (std::shared_ptr<const std::string> body =
            answers->Find(generation, key)) {
      return Response::Bytes(content_type, *body);
    }
  }
  auto answer = [&](std::string body) {
    if (answers != nullptr) {
      auto shared = std::make_shared<const std::string>(std::move(body));
      answers->Store(generation, key, shared);
      return Response::Bytes(content_type, *shared);
    }
    return Response::Bytes(content_type, std::move(body));
  };

  // The runs of each tag come from an index kept per data generation: at
  // thousands of runs, listing every run/tag pair on each request cost more
  // than reading the series.
  std::optional<absl::flat_hash_set<std::string_view>> wanted;
  if (!runs.empty()) wanted.emplace(runs.begin(), runs.end());
  const std::shared_ptr<const ScalarRunsByTag> runs_by_tag =
      runs_of_tags.Get(provider, [&] { return ScalarRunsOfTags(provider); });
  if (first.count > 0) {
    std::vector<std::string> all;
    all.reserve(runs_by_tag->size());
    for (const auto& entry : *runs_by_tag) all.push_back(entry.first);
    all = DashboardOrder(std::move(all));
    const size_t from = std::min<size_t>(all.size(), first.offset);
    const size_t to =
        std::min<size_t>(all.size(), from + static_cast<size_t>(first.count));
    tags.assign(all.begin() + from, all.begin() + to);
  }
  struct Found {
    const std::string* tag;
    RunScalarSeries run_series;
  };
  std::vector<Found> found;
  size_t total_points = 0;
  std::vector<RunScalarSeries> of_runs;
  for (const std::string& tag : tags) {
    auto holding = runs_by_tag->find(tag);
    if (holding == runs_by_tag->end()) continue;
    of_runs.clear();
    ScalarQuery of_tag = query;
    if (first.count > 0) {
      size_t runs_with_tag = holding->second.size();
      if (wanted.has_value()) {
        runs_with_tag = 0;
        for (const std::string& run : holding->second)
          runs_with_tag += wanted->contains(run) ? 1 : 0;
      }
      of_tag.max_points =
          PointsPerRun(query.max_points,
                       static_cast<size_t>(first.point_budget), runs_with_tag);
    }
    for (const std::string& run : holding->second) {
      if (wanted.has_value() && !wanted->contains(run)) continue;
      absl::Status status =
          AppendRunScalars(provider, run, tag, of_tag, &of_runs);
      if (!status.ok()) return ErrorResponse(status);
    }
    for (RunScalarSeries& entry : of_runs) {
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
    return answer(std::move(body));
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
  return answer(std::move(json));
}

}  // namespace tbx::plugins
