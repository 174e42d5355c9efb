// The histograms plugin's routes; see histograms_plugin.h.
#include "plugins/histograms/histograms_plugin.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/dashboard_order.h"
#include "plugins/common/header_value.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"
#include "plugins/common/tensor_json.h"
#include "plugins/histograms/rebin.h"
#include "tbx/run_order.h"

namespace tbx::plugins {
namespace {

constexpr char kRoutePrefix[] = "/data/plugin/histograms";
// Bytes reserved per bucket of output ("[-1.0, 0.0, 2.0], " and longer digits).
constexpr size_t kBytesPerBucket = 64;
// The most bins a rebinned request may ask for (a very wide screen).
constexpr int64_t kMaxBins = 4096;

}  // namespace

absl::StatusOr<std::vector<TensorDatum>> ReadHistograms(
    const DataProvider& provider, const std::string& run,
    const std::string& tag) {
  const absl::Status not_found = absl::NotFoundError(
      absl::StrCat("No histogram tag ", PyRepr(tag), " for run ", PyRepr(run)));
  if (FindTag(TagsOf(provider, kHistogramsPluginName, DataClass::kTensor), run,
              tag) == nullptr) {
    return not_found;
  }
  absl::StatusOr<std::vector<TensorDatum>> data =
      provider.ReadTensors(run, tag);
  if (absl::IsNotFound(data.status())) return not_found;
  return data;
}

absl::StatusOr<std::vector<TensorDatum>> ReadHistogramsForRequest(
    const DataProvider& provider, const Request& request) {
  absl::StatusOr<RunAndTag> names = RequiredRunAndTag(request);
  if (!names.ok()) return names.status();
  return ReadHistograms(provider, names->run, names->tag);
}

Response HistogramTagsResponse(const DataProvider& provider) {
  return Response::Json(TagIndexJson(
      TagsOf(provider, kHistogramsPluginName, DataClass::kTensor)));
}

std::vector<Route> HistogramsPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/histograms"),
       [this](const Request& r) { return Histograms(r); }},
      {absl::StrCat(kRoutePrefix, "/rebinned"),
       [this](const Request& r) { return Rebinned(r); }},
      {absl::StrCat(kRoutePrefix, "/step"),
       [this](const Request& r) { return Step(r); }},
  };
}

FrontendMetadata HistogramsPlugin::Frontend() const {
  return FrontendMetadata::CustomElement(kHistogramsPluginName,
                                         "tf-histogram-dashboard");
}

Response HistogramsPlugin::Tags(const Request& request) const {
  return HistogramTagsResponse(*provider_);
}

Response HistogramsPlugin::Histograms(const Request& request) const {
  absl::StatusOr<std::vector<TensorDatum>> data =
      ReadHistogramsForRequest(*provider_, request);
  if (!data.ok()) return ErrorResponse(data.status());
  size_t values = 0;
  for (const TensorDatum& datum : *data) values += datum.tensor.numbers.size();
  std::string json;
  json.reserve(2 + data->size() * 32 + values / 3 * kBytesPerBucket);
  JsonWriter writer(&json);
  writer.BeginArray();
  for (const TensorDatum& datum : *data) {
    writer.BeginArray();
    writer.Double(datum.wall_time);
    writer.Int(datum.step);
    WriteTensor(datum.tensor, writer);
    writer.EndArray();
  }
  writer.EndArray();
  return Response::Json(std::move(json));
}

Response HistogramsPlugin::Step(const Request& request) const {
  if (!request.Param("step").has_value()) {
    return Response::BadRequest("Parameter step is required");
  }
  absl::StatusOr<int64_t> step = IntParam(request, "step", 0);
  if (!step.ok()) return ErrorResponse(step.status());
  absl::StatusOr<std::vector<TensorDatum>> data =
      ReadHistogramsForRequest(*provider_, request);
  if (!data.ok()) return ErrorResponse(data.status());
  // The last datum of the step, as the other routes show a re-written step.
  const TensorDatum* found = nullptr;
  for (const TensorDatum& datum : *data) {
    if (datum.step == *step) found = &datum;
  }
  if (found == nullptr) {
    return ErrorResponse(absl::NotFoundError(
        absl::StrCat("No histogram at step ", *step, " for this run and tag")));
  }
  std::string json;
  json.reserve(32 + found->tensor.numbers.size() / 3 * kBytesPerBucket);
  JsonWriter writer(&json);
  writer.BeginArray();
  writer.Double(found->wall_time);
  writer.Int(found->step);
  WriteTensor(found->tensor, writer);
  writer.EndArray();
  return Response::Json(std::move(json));
}

Response HistogramsPlugin::Rebinned(const Request& request) const {
  absl::StatusOr<int64_t> bins = IntParam(request, "bins", 0, 1, kMaxBins);
  if (!bins.ok()) return ErrorResponse(bins.status());
  if (*bins == 0 || !request.Param("bins").has_value()) {
    return Response::BadRequest("Parameter bins is required");
  }
  const std::string format = request.Param("format").value_or("json");
  if (format != "json" && format != "binary") {
    return Response::BadRequest(absl::StrCat(
        "Parameter format must be json or binary, got '", format, "'"));
  }
  const bool by_position = request.Param("card").has_value();
  RunAndTag names;
  if (by_position) {
    absl::StatusOr<std::optional<RunAndTag>> card = CardAt(request);
    if (!card.ok()) return ErrorResponse(card.status());
    if (!card->has_value()) return NoCardThere(Cards()->size());
    names = **std::move(card);
  } else {
    absl::StatusOr<RunAndTag> named = RequiredRunAndTag(request);
    if (!named.ok()) return ErrorResponse(named.status());
    names = *std::move(named);
  }
  // Lengths first, so no run or tag name can make another request's key.
  const std::string key =
      absl::StrCat(names.run.size(), ":", names.run, names.tag.size(), ":",
                   names.tag, "/", *bins, "/", format);
  absl::StatusOr<std::shared_ptr<const std::string>> body =
      rebinned_bodies_.Get(
          *provider_, key, [&]() -> absl::StatusOr<std::string> {
            absl::StatusOr<std::vector<TensorDatum>> data =
                ReadHistograms(*provider_, names.run, names.tag);
            if (!data.ok()) return data.status();
            const RebinnedHistograms rebinned =
                Rebin(*data, static_cast<int>(*bins));
            return format == "binary" ? RebinnedBinary(rebinned)
                                      : RebinnedJson(rebinned);
          });
  if (!body.ok()) return ErrorResponse(body.status());
  Response response =
      format == "binary"
          ? Response::Bytes(std::string(kRebinnedBinaryContentType), **body)
          : Response::Json(**body);
  if (by_position) {
    response.headers.emplace_back("X-Tbx-Run", PercentEncoded(names.run));
    response.headers.emplace_back("X-Tbx-Tag", PercentEncoded(names.tag));
  }
  return response;
}

absl::StatusOr<std::optional<RunAndTag>> HistogramsPlugin::CardAt(
    const Request& request) const {
  if (request.Param("run").has_value() || request.Param("tag").has_value()) {
    return absl::InvalidArgumentError(
        "Parameter card cannot be given with run or tag");
  }
  absl::StatusOr<int64_t> card = IntParam(request, "card", 0, 0);
  if (!card.ok()) return card.status();
  const std::shared_ptr<const std::vector<RunAndTag>> cards = Cards();
  if (static_cast<uint64_t>(*card) >= cards->size()) return std::nullopt;
  return (*cards)[*card];
}

std::shared_ptr<const std::vector<RunAndTag>> HistogramsPlugin::Cards() const {
  return cards_.Get(*provider_, [&] {
    return DashboardCards(
        TagsOf(*provider_, kHistogramsPluginName, DataClass::kTensor),
        RunsInStartOrder(provider_->ListRuns()));
  });
}

Response HistogramsPlugin::NoCardThere(size_t count) {
  // A page asks for as many cards as fit its first row before it knows how
  // many there are: past the last one is not an error (no failed request in
  // the browser's console), just no content, with the number of cards.
  Response response;
  response.status = 204;
  response.content_type.clear();
  response.headers.emplace_back("X-Tbx-Cards", std::to_string(count));
  return response;
}

}  // namespace tbx::plugins
