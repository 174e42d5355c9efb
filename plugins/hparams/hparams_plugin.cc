// The hparams plugin's routes; see hparams_plugin.h.
#include "plugins/hparams/hparams_plugin.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/hparams/download_data.h"
#include "plugins/hparams/json_output.h"
#include "plugins/hparams/request_json.h"
#include "plugins/hparams/session_groups.h"
#include "proto/hparams_api.pb.h"

namespace tbx::plugins {
namespace {

namespace hp = ::tensorboard::hparams;
constexpr char kRoutePrefix[] = "/data/plugin/hparams";

// The columnsVisibility parameter: a JSON list of booleans; absent means
// every column.
absl::StatusOr<std::vector<bool>> ColumnsVisibility(const Request& request,
                                                    size_t columns) {
  const std::optional<std::string> raw = request.Param("columnsVisibility");
  if (!raw.has_value()) return std::vector<bool>(columns, true);
  const nlohmann::json parsed = nlohmann::json::parse(*raw, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array()) {
    return absl::InvalidArgumentError(
        absl::StrCat("columnsVisibility must be a JSON list of booleans; got ",
                     PyRepr(*raw)));
  }
  std::vector<bool> visibility;
  for (const nlohmann::json& v : parsed) {
    if (!v.is_boolean()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "columnsVisibility must be a JSON list of booleans; got ",
          PyRepr(*raw)));
    }
    visibility.push_back(v.get<bool>());
  }
  return visibility;
}

}  // namespace

std::vector<Route> HParamsPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/experiment"),
       [this](const Request& r) { return Experiment(r); }},
      {absl::StrCat(kRoutePrefix, "/session_groups"),
       [this](const Request& r) { return SessionGroups(r); }},
      {absl::StrCat(kRoutePrefix, "/metric_evals"),
       [this](const Request& r) { return MetricEvals(r); }},
      {absl::StrCat(kRoutePrefix, "/download_data"),
       [this](const Request& r) { return DownloadData(r); }},
  };
}

FrontendMetadata HParamsPlugin::Frontend() const {
  return FrontendMetadata::CustomElement("hparams", "tf-hparams-dashboard");
}

Response HParamsPlugin::Experiment(const Request& request) const {
  hp::GetExperimentRequest message;
  absl::Status parsed = hparams::ParseRequestMessage(request, &message);
  if (!parsed.ok()) return ErrorResponse(parsed);
  std::shared_ptr<const hparams::HParamsData> data = cache_.Get();
  const bool include_metrics =
      !message.has_include_metrics() || message.include_metrics();
  return Response::Json(hparams::ExperimentJson(
      data->experiment, include_metrics, message.hparams_limit()));
}

Response HParamsPlugin::SessionGroups(const Request& request) const {
  hp::ListSessionGroupsRequest message;
  absl::Status parsed = hparams::ParseRequestMessage(request, &message);
  if (!parsed.ok()) return ErrorResponse(parsed);
  std::shared_ptr<const hparams::HParamsData> data = cache_.Get();
  absl::StatusOr<hparams::SessionGroupsResult> result =
      hparams::ListSessionGroups(*data, message);
  if (!result.ok()) return ErrorResponse(result.status());
  return Response::Json(hparams::SessionGroupsJson(*data, *result));
}

Response HParamsPlugin::MetricEvals(const Request& request) const {
  hp::ListMetricEvalsRequest message;
  absl::Status parsed = hparams::ParseRequestMessage(request, &message);
  if (!parsed.ok()) return ErrorResponse(parsed);
  const std::string run =
      hparams::MetricRun(message.session_name(), message.metric_name().group());
  const std::string& tag = message.metric_name().tag();
  absl::StatusOr<ScalarSeries> series = provider_->ReadScalars(run, tag);
  if (!series.ok()) {
    return Response::NotFound(absl::StrCat(
        "No scalar data for run=", PyRepr(run), ", tag=", PyRepr(tag)));
  }
  std::string json;
  json.reserve(2 + series->size() * 48);
  JsonWriter writer(&json);
  writer.BeginArray();
  for (size_t i = 0; i < series->size(); ++i) {
    writer.BeginArray();
    writer.Double(series->wall_times[i]);
    writer.Int(series->steps[i]);
    writer.Double(series->values[i]);
    writer.EndArray();
  }
  writer.EndArray();
  return Response::Json(std::move(json));
}

Response HParamsPlugin::DownloadData(const Request& request) const {
  // The session groups request is always the `request` parameter here, also
  // for a POST (its body, if any, is ignored).
  Request query = request;
  query.method = "GET";
  hp::ListSessionGroupsRequest message;
  absl::Status parsed = hparams::ParseRequestMessage(query, &message);
  if (!parsed.ok()) return ErrorResponse(parsed);
  std::shared_ptr<const hparams::HParamsData> data = cache_.Get();
  absl::StatusOr<std::vector<bool>> visibility = ColumnsVisibility(
      request, static_cast<size_t>(data->experiment.hparam_infos_size() +
                                   data->experiment.metric_infos_size()));
  if (!visibility.ok()) return ErrorResponse(visibility.status());
  absl::StatusOr<hparams::SessionGroupsResult> result =
      hparams::ListSessionGroups(*data, message);
  if (!result.ok()) return ErrorResponse(result.status());
  absl::StatusOr<Response> response = hparams::DownloadData(
      *data, *result, request.Param("format").value_or(""), *visibility);
  if (!response.ok()) return ErrorResponse(response.status());
  return *std::move(response);
}

}  // namespace tbx::plugins
