// The distributions plugin: TensorBoard's
// /data/plugin/distributions/{tags,distributions} routes, the histograms
// plugin's data compressed to nine basis points per step (compressor.h). It
// reads the "histograms" summary plugin's data. tbx compresses every stored
// histogram, not a 501-entry sample. Stateless apart from the provider pointer:
// handlers may run on any number of threads.
#ifndef TBX_PLUGINS_DISTRIBUTIONS_DISTRIBUTIONS_PLUGIN_H_
#define TBX_PLUGINS_DISTRIBUTIONS_DISTRIBUTIONS_PLUGIN_H_

#include <string>
#include <vector>

#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class DistributionsPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit DistributionsPlugin(const DataProvider* provider)
      : provider_(provider) {}

  std::string name() const override { return "distributions"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override {
    return {"histograms"};
  }

  // GET /tags -> {run: {tag: {"displayName", "description"}}} of histogram
  // tags.
  Response Tags(const Request& request) const;
  // GET /distributions?run=R&tag=T -> [[wall_time, step, [[basis_point, value]
  // x 9]], ...].
  Response Distributions(const Request& request) const;

 private:
  const DataProvider* provider_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_DISTRIBUTIONS_DISTRIBUTIONS_PLUGIN_H_
