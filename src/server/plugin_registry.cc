// The ordered list of tbx's plugins; see plugin_registry.h.
#include "src/server/plugin_registry.h"

#include "plugins/scalars/scalars_plugin.h"

namespace tbx {

std::vector<std::unique_ptr<Plugin>> CreatePlugins(
    const PluginContext& context) {
  std::vector<std::unique_ptr<Plugin>> plugins;
  plugins.push_back(std::make_unique<plugins::ScalarsPlugin>(context.provider));
  return plugins;
}

}  // namespace tbx
