// The plugin registry: the one explicit, ordered list of tbx's plugins. The
// order is the order of /data/plugins_listing and of the frontend's tabs
// (TensorBoard's order). Called once by the server at start-up, from one
// thread; the plugins it returns are owned by the caller.
#ifndef TBX_SERVER_PLUGIN_REGISTRY_H_
#define TBX_SERVER_PLUGIN_REGISTRY_H_

#include <memory>
#include <vector>

#include "tbx/plugin.h"

namespace tbx {

// Creates every plugin, in tab order. `context` (and its provider) must outlive
// them.
std::vector<std::unique_ptr<Plugin>> CreatePlugins(
    const PluginContext& context);

}  // namespace tbx

#endif  // TBX_SERVER_PLUGIN_REGISTRY_H_
