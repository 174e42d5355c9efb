// Tests of the profile plugin's routes on a logdir written by the test: run
// and host discovery (PyTorch traces and XSpace sessions), each tool's
// answer, the cache (a file is indexed once, again when it grows), and every
// bad request (400 for a bad or missing parameter, 404 for an unknown run,
// tool, host or event).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "plugins/profile/profile_plugin.h"
#include "proto/xplane.pb.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"
#include "tools/trace_writer.h"

namespace tbx::plugins {
namespace {

namespace fs = std::filesystem;
using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;
using ::tbx::tools::TraceWriter;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr char kRuns[] = "/data/plugin/profile/runs";
constexpr char kTools[] = "/data/plugin/profile/run_tools";
constexpr char kHosts[] = "/data/plugin/profile/hosts";
constexpr char kData[] = "/data/plugin/profile/data";

std::string SmallTrace(int steps) {
  TraceWriter w;
  for (int s = 0; s < steps; ++s) {
    w.Step(s + 1, 1, s * 100, 100);
    w.Op("aten::mm", 1, s * 100 + 10, 50);
    w.Runtime("cudaLaunchKernel", 1, s * 100 + 20, 5, s + 1);
    w.Kernel("volta_sgemm", 7, s * 100 + 30, 40, s + 1);
    w.Memory(1, s * 100 + 15, 256, 0x100 + s, 256);
  }
  return w.Finish();
}

class ProfileRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    logdir_ = fs::temp_directory_path() /
              ("tbx_profile_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(logdir_);
    fs::create_directories(logdir_ / "a");
    fs::create_directories(logdir_ / "b");
    Write("a/worker0.1700000000000.pt.trace.json", SmallTrace(3));
    Write("b/w0.1.pt.trace.json", SmallTrace(1));
    Write("b/w1.2.pt.trace.json", SmallTrace(2));
    fs::path session = logdir_ / "tf/plugins/profile/2024_01_01";
    fs::create_directories(session);
    tensorflow::profiler::XSpace space;
    auto* plane = space.add_planes();
    plane->set_name("/host:CPU");
    (*plane->mutable_event_metadata())[1].set_name("op");
    auto* event = plane->add_lines()->add_events();
    event->set_metadata_id(1);
    event->set_offset_ps(0);
    event->set_duration_ps(1000000);
    std::ofstream(session / "host1.xplane.pb", std::ios::binary)
        << space.SerializeAsString();
    plugin_ = std::make_unique<ProfilePlugin>(logdir_.string());
  }
  void TearDown() override { fs::remove_all(logdir_); }

  void Write(const std::string& relative, const std::string& text) {
    std::ofstream(logdir_ / relative, std::ios::binary) << text;
  }

  Response Get(const char* route, ::tbx::testing::Params params = {}) {
    return Call(*plugin_, route, std::move(params));
  }

  fs::path logdir_;
  std::unique_ptr<ProfilePlugin> plugin_;
};

TEST_F(ProfileRoutesTest, ListsRunsToolsAndHosts) {
  EXPECT_EQ(JsonBody(Get(kRuns)),
            Json::parse(R"(["a", "b", "tf/2024_01_01"])"));
  Json tools = JsonBody(Get(kTools, {{"run", "a"}}));
  EXPECT_THAT(
      tools.get<std::vector<std::string>>(),
      ::testing::ElementsAre("overview_page", "op_profile", "kernel_stats",
                             "memory_profile", "trace_viewer"));
  Json hosts = JsonBody(Get(kHosts, {{"run", "b"}, {"tag", "overview_page"}}));
  ASSERT_EQ(hosts.size(), 2u);
  EXPECT_EQ(hosts[0]["hostname"], "w0.1");
  EXPECT_EQ(hosts[0]["worker"], "w0");
  EXPECT_EQ(hosts[0]["span"], "1");
  Json tf = JsonBody(Get(kHosts, {{"run", "tf/2024_01_01"}}));
  EXPECT_EQ(tf[0]["hostname"], "host1");
  EXPECT_EQ(tf[0]["format"], "xspace");
  FakeDataProvider provider;
  EXPECT_TRUE(plugin_->IsActive(provider));
  EXPECT_EQ(plugin_->Frontend().tab_name, "profile");
}

TEST_F(ProfileRoutesTest, AnswersEachTool) {
  Json overview = JsonBody(
      Get(kData, {{"run", "a"}, {"tag", "overview_page"}}));  // one host
  EXPECT_EQ(overview["steps"].size(), 3u);
  EXPECT_EQ(overview["roles"][0], "Kernel");
  Json ops = JsonBody(Get(kData, {{"run", "a"},
                                  {"tag", "op_profile"},
                                  {"host", "worker0.1700000000000"},
                                  {"group_by", "name_and_shape"}}));
  EXPECT_EQ(ops["group_by"], "name_and_shape");
  EXPECT_EQ(ops["rows"][0][0], "aten::mm");
  EXPECT_EQ(ops["rows"][0][2], 3);
  Json kernels = JsonBody(Get(kData, {{"run", "a"}, {"tag", "kernel_stats"}}));
  EXPECT_EQ(kernels["rows"][0][1], 3);
  Json memory = JsonBody(Get(kData, {{"run", "a"}, {"tag", "memory_profile"}}));
  EXPECT_EQ(memory["allocations_total"], 3);
  Json trace = JsonBody(Get(kData, {{"run", "a"},
                                    {"tag", "trace_viewer"},
                                    {"start_ns", "0"},
                                    {"end_ns", "100000"},
                                    {"width", "500"}}));
  EXPECT_EQ(trace["tracks"].size(), 2u);
  EXPECT_EQ(trace["flows"].size(), 1u);
  Json event = JsonBody(
      Get(kData, {{"run", "a"}, {"tag", "trace_viewer"}, {"event", "0"}}));
  EXPECT_EQ(event["event"], 0);
  Json tf = JsonBody(Get(
      kData,
      {{"run", "tf/2024_01_01"}, {"tag", "op_profile"}, {"host", "host1"}}));
  EXPECT_EQ(tf["rows"][0][0], "op");
}

TEST_F(ProfileRoutesTest, ReindexesWhenTheFileChanges) {
  Json one = JsonBody(Get(kData, {{"run", "a"}, {"tag", "overview_page"}}));
  Json again = JsonBody(Get(kData, {{"run", "a"}, {"tag", "kernel_stats"}}));
  EXPECT_EQ(one["steps"].size(), 3u);
  Write("a/worker0.1700000000000.pt.trace.json", SmallTrace(4) + "\n\n");
  Json grown = JsonBody(Get(kData, {{"run", "a"}, {"tag", "overview_page"}}));
  EXPECT_EQ(grown["steps"].size(), 4u);
}

TEST_F(ProfileRoutesTest, PartialTraceIsServedWithItsNote) {
  std::string text = SmallTrace(3);
  Write("a/worker0.1700000000000.pt.trace.json",
        text.substr(0, text.size() / 2));
  Json overview =
      JsonBody(Get(kData, {{"run", "a"}, {"tag", "overview_page"}}));
  EXPECT_EQ(overview["complete"], false);
  EXPECT_THAT(overview["notes"][0].get<std::string>(), HasSubstr("ends early"));
}

TEST_F(ProfileRoutesTest, BadRequestsGetClearErrors) {
  struct Case {
    const char* route;
    ::tbx::testing::Params params;
    int status;
    const char* message;
  };
  const Case cases[] = {
      {kTools, {}, 400, "run must be specified"},
      {kTools, {{"run", "zz"}}, 404, "No profile data for run='zz'"},
      {kHosts, {}, 400, "run must be specified"},
      {kHosts, {{"run", "zz"}}, 404, "No profile data"},
      {kData, {{"run", "a"}}, 400, "run and tag must be specified"},
      {kData, {{"tag", "op_profile"}}, 400, "run and tag must be specified"},
      {kData, {{"run", "a"}, {"tag", "nope"}}, 404, "Unknown tool 'nope'"},
      {kData, {{"run", "zz"}, {"tag", "op_profile"}}, 404, "No profile data"},
      {kData,
       {{"run", "a"}, {"tag", "op_profile"}, {"host", "h9"}},
       404,
       "No host 'h9' in run 'a'"},
      {kData,
       {{"run", "b"}, {"tag", "op_profile"}},
       400,
       "host must be specified: run 'b' has 2 hosts"},
      {kData,
       {{"run", "a"}, {"tag", "trace_viewer"}, {"width", "0"}},
       400,
       "width"},
      {kData,
       {{"run", "a"}, {"tag", "trace_viewer"}, {"start_ns", "x"}},
       400,
       "start_ns"},
      {kData,
       {{"run", "a"},
        {"tag", "trace_viewer"},
        {"start_ns", "50"},
        {"end_ns", "50"}},
       400,
       "end_ns must be greater than start_ns"},
      {kData,
       {{"run", "a"}, {"tag", "trace_viewer"}, {"event", "99999"}},
       404,
       "No event 99999"},
      {kData,
       {{"run", "a"}, {"tag", "op_profile"}, {"group_by", "x"}},
       400,
       "group_by must be name or name_and_shape"},
  };
  for (const Case& c : cases) {
    Response r = Get(c.route, c.params);
    EXPECT_EQ(r.status, c.status) << c.route << " " << c.message;
    EXPECT_THAT(JsonBody(r)["error"].get<std::string>(), HasSubstr(c.message));
  }
}

TEST(ProfilePluginTest, InactiveWithoutProfileData) {
  fs::path empty = fs::temp_directory_path() /
                   ("tbx_profile_empty_" + std::to_string(::getpid()));
  fs::create_directories(empty);
  ProfilePlugin plugin(empty.string());
  FakeDataProvider provider;
  EXPECT_FALSE(plugin.IsActive(provider));
  EXPECT_EQ(JsonBody(Call(plugin, kRuns)), Json::array());
  fs::remove_all(empty);
}

TEST(ProfilePluginTest, ActivityIsRecheckedInTheBackgroundAndStaysOn) {
  fs::path logdir = fs::temp_directory_path() /
                    ("tbx_profile_sticky_" + std::to_string(::getpid()));
  fs::remove_all(logdir);
  fs::create_directories(logdir / "a");
  ProfilePlugin cached(logdir.string(), absl::Hours(1));
  ProfilePlugin rechecking(logdir.string(), absl::ZeroDuration());
  FakeDataProvider provider;
  EXPECT_FALSE(cached.IsActive(provider));
  EXPECT_FALSE(rechecking.IsActive(provider));
  std::ofstream(logdir / "a/w0.1.pt.trace.json") << SmallTrace(1);
  // The first answer is kept for the interval; with none, calls answer from
  // the last walk and start another, which finds the trace (the catalog
  // itself walks the logdir again 2 s after its last walk).
  EXPECT_FALSE(cached.IsActive(provider));
  bool found = false;
  for (int i = 0; i < 500 && !found; ++i) {
    found = rechecking.IsActive(provider);
    if (!found) absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_TRUE(found);
  // Once found, the plugin stays active when the trace goes away.
  fs::remove(logdir / "a/w0.1.pt.trace.json");
  absl::SleepFor(absl::Milliseconds(2100));
  EXPECT_TRUE(rechecking.IsActive(provider));
  EXPECT_FALSE(cached.IsActive(provider));
  fs::remove_all(logdir);
}

}  // namespace
}  // namespace tbx::plugins
