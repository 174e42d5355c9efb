// Tests of the plugin registry: TensorBoard's tab order, and a route table
// every plugin keeps under its own /data/plugin/<name>/ prefix without
// duplicates.
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/server/plugin_registry.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx {
namespace {

TEST(PluginRegistryTest, PluginsInTensorBoardsTabOrder) {
  testing::FakeDataProvider provider;
  PluginContext context;
  context.provider = &provider;
  std::vector<std::string> names;
  for (const auto& plugin : CreatePlugins(context))
    names.push_back(plugin->name());
  EXPECT_EQ(names,
            (std::vector<std::string>{"timeseries", "scalars", "custom_scalars",
                                      "images", "audio", "graphs",
                                      "distributions", "histograms", "text",
                                      "pr_curves", "hparams", "mesh",
                                      "projector", "profile"}));
}

TEST(PluginRegistryTest, RoutesAreUniqueAndUnderThePluginsPrefix) {
  testing::FakeDataProvider provider;
  PluginContext context;
  context.provider = &provider;
  std::set<std::string> paths;
  for (const auto& plugin : CreatePlugins(context)) {
    const std::string prefix = "/data/plugin/" + plugin->name() + "/";
    EXPECT_FALSE(plugin->Frontend().tab_name.empty()) << plugin->name();
    // Time Series is TensorBoard's Angular tab, the projector its iframe;
    // the others are custom elements.
    const char* type = plugin->name() == "timeseries"  ? "NG_COMPONENT"
                       : plugin->name() == "projector" ? "IFRAME"
                                                       : "CUSTOM_ELEMENT";
    EXPECT_EQ(plugin->Frontend().loading_mechanism["type"], type)
        << plugin->name();
    for (const Route& route : plugin->Routes()) {
      EXPECT_EQ(route.path.rfind(prefix, 0), 0u) << route.path;
      EXPECT_TRUE(paths.insert(route.path).second)
          << "duplicate " << route.path;
      EXPECT_TRUE(route.handler) << route.path;
    }
  }
  EXPECT_TRUE(paths.count("/data/plugin/scalars/series"));
  EXPECT_TRUE(paths.count("/data/plugin/images/individualImage"));
}

TEST(PluginRegistryTest, NothingIsActiveWithoutData) {
  testing::FakeDataProvider provider;
  PluginContext context;
  context.provider = &provider;
  for (const auto& plugin : CreatePlugins(context)) {
    EXPECT_FALSE(plugin->IsActive(provider)) << plugin->name();
  }
}

}  // namespace
}  // namespace tbx
