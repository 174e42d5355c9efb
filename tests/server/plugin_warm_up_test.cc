// PluginWarmUp: plugins are warmed once, only after the first load pass, and
// a server stopped before then warms none.
#include "src/server/plugin_warm_up.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx {
namespace {

class CountingPlugin : public Plugin {
 public:
  explicit CountingPlugin(std::atomic<int>* warmed) : warmed_(warmed) {}
  std::string name() const override { return "counting"; }
  std::vector<Route> Routes() override { return {}; }
  FrontendMetadata Frontend() const override { return {}; }
  std::vector<std::string> DataPluginNames() const override { return {}; }
  void WarmUp() override { ++*warmed_; }

 private:
  std::atomic<int>* warmed_;
};

LoadStatus Loading(bool done) {
  LoadStatus status;
  status.first_load_done = done;
  return status;
}

std::vector<std::unique_ptr<Plugin>> TwoPlugins(std::atomic<int>* warmed) {
  std::vector<std::unique_ptr<Plugin>> plugins;
  plugins.push_back(std::make_unique<CountingPlugin>(warmed));
  plugins.push_back(std::make_unique<CountingPlugin>(warmed));
  return plugins;
}

bool WaitFor(const std::atomic<int>& value, int want) {
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (value.load() != want) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(1));
  }
  return true;
}

TEST(PluginWarmUpTest, WarmsEveryPluginOnceAfterTheFirstLoadPass) {
  testing::FakeDataProvider provider;
  provider.SetLoadStatus(Loading(false));
  std::atomic<int> warmed{0};
  const std::vector<std::unique_ptr<Plugin>> plugins = TwoPlugins(&warmed);
  PluginWarmUp warm_up(&provider, &plugins, absl::Milliseconds(1));
  // Many polls while the first pass is under way warm nothing.
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(warmed.load(), 0);
  provider.SetLoadStatus(Loading(true));
  ASSERT_TRUE(WaitFor(warmed, 2)) << "warmed " << warmed.load();
  absl::SleepFor(absl::Milliseconds(20));
  EXPECT_EQ(warmed.load(), 2);
}

TEST(PluginWarmUpTest, StoppedBeforeTheFirstLoadPassWarmsNothing) {
  testing::FakeDataProvider provider;
  provider.SetLoadStatus(Loading(false));
  std::atomic<int> warmed{0};
  const std::vector<std::unique_ptr<Plugin>> plugins = TwoPlugins(&warmed);
  {
    // A long poll: the destructor must not wait for it to end.
    PluginWarmUp warm_up(&provider, &plugins, absl::Hours(1));
  }
  EXPECT_EQ(warmed.load(), 0);
}

}  // namespace
}  // namespace tbx
