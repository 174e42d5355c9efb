// Default behaviour of the plugin contract (include/tbx/plugin.h).
#include "tbx/plugin.h"

namespace tbx {

bool Plugin::IsActive(const DataProvider& provider) const {
  const std::vector<std::string> have = provider.ListPlugins();
  for (const std::string& mine : DataPluginNames()) {
    for (const std::string& name : have) {
      if (name == mine) return true;
    }
  }
  return false;
}

}  // namespace tbx
