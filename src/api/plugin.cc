// Default behaviour of the plugin contract (include/tbx/plugin.h).
#include "tbx/plugin.h"

namespace tbx {

FrontendMetadata FrontendMetadata::CustomElement(std::string tab_name,
                                                 std::string element_name) {
  FrontendMetadata metadata;
  metadata.tab_name = std::move(tab_name);
  metadata.loading_mechanism = {{"type", "CUSTOM_ELEMENT"},
                                {"element_name", std::move(element_name)}};
  return metadata;
}

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
