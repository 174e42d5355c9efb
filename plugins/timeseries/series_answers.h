// Answers to the Time Series plugin's timeSeries requests: one answer per
// request object, in TensorBoard's shape, with per-request errors ("Missing
// tag", "Invalid plugin", "Missing run", "Missing sample") instead of an HTTP
// error. One SeriesAnswerer serves one HTTP request on one thread; the scalar
// tag listing comes from the plugin's ListingCache (built once per data
// generation), fetched once per answerer.
#ifndef TBX_PLUGINS_TIMESERIES_SERIES_ANSWERS_H_
#define TBX_PLUGINS_TIMESERIES_SERIES_ANSWERS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "plugins/common/json_writer.h"
#include "plugins/scalars/scalar_reads.h"
#include "plugins/timeseries/listing_cache.h"
#include "tbx/data_provider.h"
#include "tbx/types.h"

namespace tbx::plugins {

class SeriesAnswerer {
 public:
  // `provider` and `listings` (the provider's) must outlive the answerer.
  SeriesAnswerer(const DataProvider* provider, ListingCache* listings)
      : provider_(provider), listings_(listings) {}

  // Writes the answer to `request` (any JSON value; a non-object counts as an
  // empty request) as one JSON object:
  //   {"plugin", "tag", ["run",] ["sample",] "runToSeries": {R: [...]}}
  // or the same base fields with "error". Scalars without "run" cover every
  // run. tbx extension: scalars accept "points": N (N > 0) to receive about N
  // points per run, keeping each bucket's first, last, lowest and highest.
  void Answer(const nlohmann::json& request, JsonWriter& writer);

  // The reason `request` cannot be answered, in TensorBoard's words, if any.
  static std::optional<std::string> InvalidReason(
      const nlohmann::json& request);

  // The series of a scalars request that InvalidReason accepts: every run
  // holding the tag as scalars (or the request's "run" only), in the
  // provider's run order, downsampled to "points" when given.
  absl::StatusOr<std::vector<RunScalarSeries>> ReadScalars(
      const nlohmann::json& request);

 private:
  void WriteScalars(const nlohmann::json& request, JsonWriter& writer);
  void WriteHistograms(const std::string& run, const std::string& tag,
                       JsonWriter& writer);
  void WriteImages(const std::string& run, const std::string& tag,
                   int64_t sample, JsonWriter& writer);

  const DataProvider* provider_;
  ListingCache* listings_;
  std::shared_ptr<const ScalarRunsByTag> scalar_runs_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_TIMESERIES_SERIES_ANSWERS_H_
