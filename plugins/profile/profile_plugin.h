// The profile plugin: PyTorch profiler traces and TensorFlow / JAX XSpaces
// under /data/plugin/profile/ with TensorBoard's profile plugin's route names
// (runs, run_tools, hosts, data) and tbx's own JSON (http_api.md). Data comes
// from the file system under the logdirs (profile files are not event files),
// through a ProfileCatalog that indexes each trace once. Handlers may run on
// any number of server threads at once.
#ifndef TBX_PLUGINS_PROFILE_PROFILE_PLUGIN_H_
#define TBX_PLUGINS_PROFILE_PROFILE_PLUGIN_H_

#include <functional>
#include <list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "plugins/common/sticky_activity.h"
#include "plugins/profile/profile_catalog.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class ProfilePlugin : public Plugin {
 public:
  // `logdir` is the --logdir or --logdir_spec value.
  // IsActive walks the logdir for trace files (ProfileCatalog::Runs) the
  // first time; later calls answer from the last walk and walk again in the
  // background `active_recheck` after it (common/sticky_activity.h).
  explicit ProfilePlugin(const std::string& logdir,
                         absl::Duration active_recheck = absl::Seconds(10));

  std::string name() const override { return "profile"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override { return {}; }
  bool IsActive(const DataProvider& provider) const override;
  // Starts IsActive's first scan in the background (it reads the runs the
  // first load pass found); the first listing waits for it, if still under way.
  void WarmUp() override { active_.Prime(); }

  // GET /runs -> ["run", ...].
  Response Runs(const Request& request) const;
  // GET /run_tools?run=R -> ["overview_page", ...].
  Response RunTools(const Request& request) const;
  // GET /hosts?run=R[&tag=T] -> [{"hostname", "worker", "span", "format"}].
  Response Hosts(const Request& request) const;
  // GET /data?run=R&tag=TOOL&host=H[&...] -> the tool's JSON.
  Response Data(const Request& request) const;

 private:
  // The answer for `key` (tool and parameters) on `index`, computed by
  // `make` once and kept while the index is current.
  std::string Cached(const std::shared_ptr<const profile::TraceIndex>& index,
                     const std::string& key,
                     const std::function<std::string()>& make) const;

  std::unique_ptr<profile::ProfileCatalog> catalog_;
  mutable StickyActivity active_;
  // Whole-trace answers (overview, tables) of recently used indexes: they
  // take seconds on gigabyte traces. Most recently used first; an entry holds
  // its index alive only through a weak pointer.
  struct CachedAnswer {
    std::weak_ptr<const profile::TraceIndex> index;
    std::string key;
    std::shared_ptr<const std::string> body;
  };
  mutable absl::Mutex cache_mu_;
  mutable std::list<CachedAnswer> cache_ ABSL_GUARDED_BY(cache_mu_);
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_PROFILE_PROFILE_PLUGIN_H_
