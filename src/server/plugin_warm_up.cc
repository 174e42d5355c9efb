#include "src/server/plugin_warm_up.h"

namespace tbx {

PluginWarmUp::PluginWarmUp(const DataProvider* provider,
                           const std::vector<std::unique_ptr<Plugin>>* plugins,
                           absl::Duration poll)
    : provider_(provider), plugins_(plugins), poll_(poll) {
  thread_ = std::thread([this] { Run(); });
}

PluginWarmUp::~PluginWarmUp() {
  stop_.Notify();
  thread_.join();
}

void PluginWarmUp::Run() {
  while (!provider_->GetLoadStatus().first_load_done) {
    if (stop_.WaitForNotificationWithTimeout(poll_)) return;
  }
  for (const std::unique_ptr<Plugin>& plugin : *plugins_) {
    if (stop_.HasBeenNotified()) return;
    plugin->WarmUp();
  }
}

}  // namespace tbx
