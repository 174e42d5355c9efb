// The distributions plugin's routes; see distributions_plugin.h.
#include "plugins/distributions/distributions_plugin.h"

#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/distributions/compressor.h"
#include "plugins/histograms/histograms_plugin.h"

namespace tbx::plugins {
namespace {

constexpr char kRoutePrefix[] = "/data/plugin/distributions";
// Bytes reserved per step of output: nine "[bp, value]" pairs and the step's
// header.
constexpr size_t kBytesPerStep = 320;

}  // namespace

std::vector<Route> DistributionsPlugin::Routes() {
  return {
      {absl::StrCat(kRoutePrefix, "/tags"),
       [this](const Request& r) { return Tags(r); }},
      {absl::StrCat(kRoutePrefix, "/distributions"),
       [this](const Request& r) { return Distributions(r); }},
  };
}

FrontendMetadata DistributionsPlugin::Frontend() const {
  return FrontendMetadata::CustomElement("distributions",
                                         "tf-distribution-dashboard");
}

Response DistributionsPlugin::Tags(const Request& request) const {
  return HistogramTagsResponse(*provider_);
}

Response DistributionsPlugin::Distributions(const Request& request) const {
  absl::StatusOr<std::vector<TensorDatum>> data =
      ReadHistogramsForRequest(*provider_, request);
  if (!data.ok()) return ErrorResponse(data.status());
  std::string json;
  json.reserve(2 + data->size() * kBytesPerStep);
  JsonWriter writer(&json);
  writer.BeginArray();
  for (const TensorDatum& datum : *data) {
    writer.BeginArray();
    writer.Double(datum.wall_time);
    writer.Int(datum.step);
    writer.BeginArray();
    for (const CompressedValue& v :
         CompressHistogram(BucketsOf(datum.tensor))) {
      writer.BeginArray();
      writer.Int(v.basis_point);
      writer.Double(v.value);
      writer.EndArray();
    }
    writer.EndArray();
    writer.EndArray();
  }
  writer.EndArray();
  return Response::Json(std::move(json));
}

}  // namespace tbx::plugins
