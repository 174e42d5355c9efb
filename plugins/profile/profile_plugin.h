// The profile plugin: PyTorch profiler traces and TensorFlow / JAX XSpaces
// under /data/plugin/profile/ with TensorBoard's profile plugin's route names
// (runs, run_tools, hosts, data) and tbx's own JSON (http_api.md). Data comes
// from the file system under the logdirs (profile files are not event files),
// through a ProfileCatalog that indexes each trace once. Handlers may run on
// any number of server threads at once.
#ifndef TBX_PLUGINS_PROFILE_PROFILE_PLUGIN_H_
#define TBX_PLUGINS_PROFILE_PROFILE_PLUGIN_H_

#include <memory>
#include <string>
#include <vector>

#include "plugins/profile/profile_catalog.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class ProfilePlugin : public Plugin {
 public:
  // `logdir` is the --logdir or --logdir_spec value.
  explicit ProfilePlugin(const std::string& logdir);

  std::string name() const override { return "profile"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override { return {}; }
  bool IsActive(const DataProvider& provider) const override;

  // GET /runs -> ["run", ...].
  Response Runs(const Request& request) const;
  // GET /run_tools?run=R -> ["overview_page", ...].
  Response RunTools(const Request& request) const;
  // GET /hosts?run=R[&tag=T] -> [{"hostname", "worker", "span", "format"}].
  Response Hosts(const Request& request) const;
  // GET /data?run=R&tag=TOOL&host=H[&...] -> the tool's JSON.
  Response Data(const Request& request) const;

 private:
  std::unique_ptr<profile::ProfileCatalog> catalog_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_PROFILE_PROFILE_PLUGIN_H_
