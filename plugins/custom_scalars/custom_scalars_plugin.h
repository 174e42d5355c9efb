// The custom scalars plugin: TensorBoard's /data/plugin/custom_scalars/
// {layout,scalars,download_data} routes. The layout is the tensorboard.Layout
// each run may store under tag "custom_scalars__config__", merged across runs
// (layout.h); /scalars answers every scalar tag of a run matching a Python
// regex (python_regex.h); /download_data is the scalars plugin's exact-tag
// route. Stateless apart from the provider pointer: handlers may run on any
// number of server threads at once.
#ifndef TBX_PLUGINS_CUSTOM_SCALARS_CUSTOM_SCALARS_PLUGIN_H_
#define TBX_PLUGINS_CUSTOM_SCALARS_CUSTOM_SCALARS_PLUGIN_H_

#include <string>
#include <vector>

#include "plugins/scalars/scalars_plugin.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class CustomScalarsPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit CustomScalarsPlugin(const DataProvider* provider)
      : provider_(provider), scalars_(provider) {}

  std::string name() const override { return "custom_scalars"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override {
    return {"custom_scalars"};
  }

  // GET /layout -> the merged Layout as pretty JSON, or {} when no run has one.
  // A run whose layout does not parse is left out and named in an extra
  // "errors" list (TensorBoard fails the whole route instead).
  Response Layout(const Request& request) const;
  // GET /scalars?run=R&tag=REGEX -> {"regex_valid": bool, "tag_to_events":
  // {tag: [[wall_time, step, value], ...]}}; regex_valid is false (and the map
  // empty) for an empty or invalid pattern.
  Response Scalars(const Request& request) const;
  // GET /download_data?run=R&tag=T&format=json|csv: the scalars plugin's
  // /scalars for the exact tag T.
  Response DownloadData(const Request& request) const;

 private:
  const DataProvider* provider_;
  ScalarsPlugin scalars_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_CUSTOM_SCALARS_CUSTOM_SCALARS_PLUGIN_H_
