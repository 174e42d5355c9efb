// The core routes under /data/ that belong to no plugin: environment, runs,
// plugins_listing, logdir, window_properties, experiments, experiment_runs (as
// TensorBoard serves them) and our /data/status (see http_api.md). Handlers run
// on I/O threads concurrently; they only read the provider and the immutable
// plugin list.
#ifndef TBX_SERVER_CORE_ROUTES_H_
#define TBX_SERVER_CORE_ROUTES_H_

#include <memory>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx {

// What /data/environment reports besides the data.
struct ServerInfo {
  std::string version;        // tbx's version
  std::string data_location;  // the --logdir (or --logdir_spec) string as given
  std::string window_title;
  nlohmann::ordered_json flags =
      nlohmann::ordered_json::object();  // every flag by name
};

// `provider` and `plugins` must outlive the routes.
std::vector<Route> CoreRoutes(
    const DataProvider* provider,
    const std::vector<std::unique_ptr<Plugin>>* plugins, ServerInfo info);

// CoreRoutes followed by every plugin's routes, in plugin order: the whole
// table of synchronous routes (the server's and `tbx export`'s).
std::vector<Route> AppRoutes(
    const DataProvider* provider,
    const std::vector<std::unique_ptr<Plugin>>* plugins, ServerInfo info);

}  // namespace tbx

#endif  // TBX_SERVER_CORE_ROUTES_H_
