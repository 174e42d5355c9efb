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
#include "plugins/common/dashboard_order.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/scalars/point_budget.h"
#include "plugins/scalars/scalar_reads.h"
#include "plugins/scalars/series_binary.h"

namespace tbx::plugins {
namespace {

// The most points a binary answer's buffer is sized for up front (64 MB).
constexpr size_t kMostReservedPoints = (64 << 20) / 24;

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

// A cached answer, handed over uncopied: the server keeps its compressed form
// with it.
Response Kept(const std::string& content_type,
              std::shared_ptr<const std::string> body) {
  Response response = Response::Bytes(content_type, std::string());
  response.kept_body = std::move(body);
  return response;
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
      return Kept(content_type, std::move(body));
    }
  }
  auto answer = [&](std::string body) {
    if (answers != nullptr) {
      auto shared = std::make_shared<const std::string>(std::move(body));
      answers->Store(generation, key, shared);
      return Kept(content_type, std::move(shared));
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
  // Each series is written out as soon as it is read and then dropped: at
  // thousands of runs, keeping them all until the end meant tens of MB of
  // short-lived vectors, their allocation and first-touch page faults.
  const bool binary_format = format == "binary";
  size_t series_estimate = 0;
  for (const std::string& tag : tags) {
    auto holding = runs_by_tag->find(tag);
    if (holding != runs_by_tag->end())
      series_estimate += wanted ? wanted->size() : holding->second.size();
  }
  std::string body;
  std::optional<SeriesBinaryWriter> binary;
  std::optional<JsonWriter> json;
  if (binary_format) {
    // Room for every series at its most points (up to 64 MB): reserving is
    // cheap, pages are touched only as they are written.
    const size_t most = series_estimate * query.max_points * 5 / 4;
    binary.emplace(&body, series_estimate,
                   std::min<size_t>(most, kMostReservedPoints));
  } else {
    json.emplace(&body);
    json->BeginObject();
    json->Key("series");
    json->BeginArray();
  }
  size_t series_count = 0;
  std::vector<RunScalarSeries> of_run;
  for (const std::string& tag : tags) {
    auto holding = runs_by_tag->find(tag);
    if (holding == runs_by_tag->end()) continue;
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
      of_run.clear();
      absl::Status status =
          AppendRunScalars(provider, run, tag, of_tag, &of_run);
      if (!status.ok()) return ErrorResponse(status);
      for (const RunScalarSeries& entry : of_run) {
        ++series_count;
        if (binary_format) {
          binary->AddSeries(entry.run, tag, entry.series);
        } else {
          WriteSeries(entry.run, tag, entry.series, *json);
        }
      }
    }
  }
  if (binary_format) {
    binary->SetSeriesCount(series_count);
    return answer(std::move(body));
  }
  json->EndArray();
  json->EndObject();
  json.reset();
  return answer(std::move(body));
}

}  // namespace tbx::plugins
