// The Time Series plugin (TensorBoard's "metrics" plugin, its default tab):
// /data/plugin/timeseries/{tags,timeSeries,imageData}, reading scalars,
// histograms and images through the same helpers as those plugins (see
// http_api.md beside this file). Its only state is the listing cache (built
// once per data generation, internally locked): handlers may run on any number
// of server threads at once.
#ifndef TBX_PLUGINS_TIMESERIES_TIMESERIES_PLUGIN_H_
#define TBX_PLUGINS_TIMESERIES_TIMESERIES_PLUGIN_H_

#include <string>
#include <vector>

#include "nlohmann/json_fwd.hpp"
#include "plugins/timeseries/listing_cache.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class TimeSeriesPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit TimeSeriesPlugin(const DataProvider* provider)
      : provider_(provider), listings_(provider) {}

  std::string name() const override { return "timeseries"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  // Active whenever scalars, histograms or images are.
  std::vector<std::string> DataPluginNames() const override {
    return {"scalars", "histograms", "images"};
  }

  // GET /tags -> see tags_index.h.
  Response Tags(const Request& request) const;
  // POST /timeSeries with the form field `requests` (urlencoded or multipart),
  // a JSON body (a list, or {"requests": list}), or GET ?requests= -> one
  // answer per request (series_answers.h). 400 when `requests` is missing, not
  // JSON or not a list. tbx extension: the form field `format=binary` answers a
  // list of scalars requests with the scalars plugin's binary columns.
  Response TimeSeries(const Request& request) const;
  // GET /imageData?imageId=K -> the image bytes, typed from their signature.
  Response ImageData(const Request& request) const;

 private:
  // The binary answer to a list of scalars requests; 400 for any other.
  Response ScalarColumns(const nlohmann::json& requests) const;

  const DataProvider* provider_;
  mutable ListingCache listings_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_TIMESERIES_TIMESERIES_PLUGIN_H_
