// The plugin contract: a named owner of one kind of data, its HTTP routes and
// its frontend metadata. Plugins are created once at start-up from the explicit
// list in src/server/plugin_registry.cc and live until the server stops. Route
// handlers run on server I/O threads concurrently; plugins read data only
// through the DataProvider they were given.
#ifndef TBX_PLUGIN_H_
#define TBX_PLUGIN_H_

#include <string>
#include <utility>
#include <vector>

#include "nlohmann/json.hpp"
#include "tbx/data_provider.h"
#include "tbx/http.h"

namespace tbx {

// What /data/plugins_listing says about a plugin, besides `enabled`.
struct FrontendMetadata {
  std::string tab_name;
  bool disable_reload = false;
  bool remove_dom = false;
  // TensorBoard's loading_mechanism object, e.g.
  // {"type": "CUSTOM_ELEMENT", "element_name": "tf-scalar-dashboard"}.
  nlohmann::ordered_json loading_mechanism;

  // A tab loaded as TensorBoard's custom element `element_name` (what every
  // built-in dashboard reports in /data/plugins_listing).
  static FrontendMetadata CustomElement(std::string tab_name,
                                        std::string element_name);
};

// Everything a plugin may use, owned by the server and valid for the plugin's
// lifetime.
struct PluginContext {
  const DataProvider* provider = nullptr;
  std::string logdir;        // the --logdir (or --logdir_spec) string as given
  std::string window_title;  // --window_title
};

class Plugin {
 public:
  virtual ~Plugin() = default;

  // The name used in /data/plugin/<name>/ and in /data/plugins_listing, e.g.
  // "scalars".
  virtual std::string name() const = 0;
  // Every route, with absolute paths under /data/plugin/<name>/.
  virtual std::vector<Route> Routes() = 0;
  virtual FrontendMetadata Frontend() const = 0;
  // The summary plugin names whose data this plugin reads (e.g. {"scalars"}).
  virtual std::vector<std::string> DataPluginNames() const = 0;
  // Whether the plugin has data: by default, any tag for one of
  // DataPluginNames().
  virtual bool IsActive(const DataProvider& provider) const;
  // Problems the plugin met in runs' data (e.g. a graph that does not decode),
  // as (run, message) pairs, listed with the run's errors in /data/status.
  // Thread-safe; none by default.
  virtual std::vector<std::pair<std::string, std::string>> DataProblems()
      const {
    return {};
  }
  // Called once by the server (server/plugin_warm_up.h), on a thread of its
  // own, when the first load pass over the logdir has finished: a plugin
  // starts here work that the first page would otherwise wait for inside a
  // request (IsActive's directory scans). Must not block for long; does
  // nothing by default.
  virtual void WarmUp() {}
};

}  // namespace tbx

#endif  // TBX_PLUGIN_H_
