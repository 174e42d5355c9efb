// Calls every plugin's WarmUp once the first load pass over the logdir has
// finished (DataProvider::GetLoadStatus().first_load_done), so that scans the
// first page would wait for run while the user is still opening the browser.
// Owns one thread, which polls the load status every `poll` until then, calls
// each WarmUp in turn and ends. The plugins and the provider must outlive this
// object; the destructor stops the wait and joins the thread.
#ifndef TBX_SERVER_PLUGIN_WARM_UP_H_
#define TBX_SERVER_PLUGIN_WARM_UP_H_

#include <memory>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "tbx/data_provider.h"
#include "tbx/plugin.h"

namespace tbx {

class PluginWarmUp {
 public:
  PluginWarmUp(const DataProvider* provider,
               const std::vector<std::unique_ptr<Plugin>>* plugins,
               absl::Duration poll = absl::Milliseconds(100));
  PluginWarmUp(const PluginWarmUp&) = delete;
  PluginWarmUp& operator=(const PluginWarmUp&) = delete;
  ~PluginWarmUp();

 private:
  void Run();

  const DataProvider* const provider_;
  const std::vector<std::unique_ptr<Plugin>>* const plugins_;
  const absl::Duration poll_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace tbx

#endif  // TBX_SERVER_PLUGIN_WARM_UP_H_
