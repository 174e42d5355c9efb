// The hparams plugin: TensorBoard's /data/plugin/hparams/{experiment,
// session_groups,metric_evals,download_data} routes (see http_api.md beside
// this file). Requests are protobuf-JSON messages, as a POST body or as
// `?request=`. Answers come from a snapshot of the hparams summaries rebuilt
// when the provider's generation changes (hparams_data.h), so repeated
// queries over thousands of sessions only filter, sort and write JSON.
// Handlers may run on any number of server threads at once.
#ifndef TBX_PLUGINS_HPARAMS_HPARAMS_PLUGIN_H_
#define TBX_PLUGINS_HPARAMS_HPARAMS_PLUGIN_H_

#include <string>
#include <vector>

#include "plugins/hparams/hparams_data.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class HParamsPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit HParamsPlugin(const DataProvider* provider)
      : provider_(provider), cache_(provider) {}

  std::string name() const override { return "hparams"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override {
    return {"hparams"};
  }

  // GetExperimentRequest -> Experiment.
  Response Experiment(const Request& request) const;
  // ListSessionGroupsRequest -> ListSessionGroupsResponse.
  Response SessionGroups(const Request& request) const;
  // ListMetricEvalsRequest -> [[wall_time, step, value], ...].
  Response MetricEvals(const Request& request) const;
  // ?format=csv|json|latex&columnsVisibility=[...]&request=<ListSessionGroups
  // request> -> the table of session groups.
  Response DownloadData(const Request& request) const;

 private:
  const DataProvider* provider_;
  hparams::HParamsDataCache cache_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_HPARAMS_HPARAMS_PLUGIN_H_
