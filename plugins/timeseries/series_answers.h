// Answers to the Time Series plugin's timeSeries requests: one answer per
// request object, in TensorBoard's shape, with per-request errors ("Missing
// tag", "Invalid plugin", "Missing run", "Missing sample") instead of an HTTP
// error. One SeriesAnswerer serves one HTTP request on one thread; it caches
// the tag listings it reads so a batch of many requests lists tags once.
#ifndef TBX_PLUGINS_TIMESERIES_SERIES_ANSWERS_H_
#define TBX_PLUGINS_TIMESERIES_SERIES_ANSWERS_H_

#include <optional>
#include <string>

#include "nlohmann/json.hpp"
#include "plugins/common/json_writer.h"
#include "tbx/data_provider.h"
#include "tbx/types.h"

namespace tbx::plugins {

class SeriesAnswerer {
 public:
  // `provider` must outlive the answerer.
  explicit SeriesAnswerer(const DataProvider* provider) : provider_(provider) {}

  // Writes the answer to `request` (any JSON value; a non-object counts as an
  // empty request) as one JSON object:
  //   {"plugin", "tag", ["run",] ["sample",] "runToSeries": {R: [...]}}
  // or the same base fields with "error". Scalars without "run" cover every
  // run. tbx extension: scalars accept "points": N (N > 0) to receive about N
  // points per run, keeping each bucket's first, last, lowest and highest.
  void Answer(const nlohmann::json& request, JsonWriter& writer);

 private:
  // The reason `request` cannot be answered, in TensorBoard's words, if any.
  static std::optional<std::string> InvalidReason(
      const nlohmann::json& request);

  void WriteScalars(const std::string& tag, const nlohmann::json& request,
                    JsonWriter& writer);
  void WriteHistograms(const std::string& run, const std::string& tag,
                       JsonWriter& writer);
  void WriteImages(const std::string& run, const std::string& tag,
                   int64_t sample, JsonWriter& writer);

  const DataProvider* provider_;
  std::optional<RunTagMap<TagMetadata>> scalar_tags_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_TIMESERIES_SERIES_ANSWERS_H_
