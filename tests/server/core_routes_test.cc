#include "src/server/core_routes.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx {
namespace {

using ::tbx::testing::FakeDataProvider;
using Json = nlohmann::json;
using ::testing::ElementsAre;

// A plugin with fixed metadata that reads one data plugin name.
class NamedPlugin : public Plugin {
 public:
  NamedPlugin(std::string name, std::string data_name)
      : name_(std::move(name)), data_name_(std::move(data_name)) {}
  std::string name() const override { return name_; }
  std::vector<Route> Routes() override { return {}; }
  FrontendMetadata Frontend() const override {
    FrontendMetadata metadata;
    metadata.tab_name = name_ + " tab";
    metadata.loading_mechanism = {{"type", "CUSTOM_ELEMENT"},
                                  {"element_name", "tf-" + name_}};
    return metadata;
  }
  std::vector<std::string> DataPluginNames() const override {
    return {data_name_};
  }

 private:
  std::string name_;
  std::string data_name_;
};

class CoreRoutesTest : public ::testing::Test {
 protected:
  CoreRoutesTest() {
    plugins_.push_back(std::make_unique<NamedPlugin>("scalars", "scalars"));
    plugins_.push_back(std::make_unique<NamedPlugin>("images", "images"));
    ServerInfo info{"9.9.9", "/logs/exp", "My title", {{"port", 6006}}};
    for (Route& route : CoreRoutes(&provider_, &plugins_, info)) {
      routes_.emplace(route.path, std::move(route.handler));
    }
  }

  Json Get(const std::string& path) {
    auto it = routes_.find(path);
    EXPECT_NE(it, routes_.end()) << path;
    Response response = it->second(Request{"GET", path, {}, "", ""});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, "application/json");
    return Json::parse(response.body);
  }

  FakeDataProvider provider_;
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::map<std::string, Handler> routes_;
};

TEST_F(CoreRoutesTest, EnvironmentDescribesTheServer) {
  Json environment = Get("/data/environment");
  EXPECT_EQ(environment["version"], "9.9.9");
  EXPECT_EQ(environment["data_location"], "/logs/exp");
  EXPECT_EQ(environment["window_title"], "My title");
  EXPECT_EQ(environment["experiment_name"], "");
  EXPECT_EQ(environment["creation_time"], 0);
  EXPECT_EQ(environment["debug"]["flags"]["port"], 6006);
  EXPECT_EQ(Get("/data/logdir"), Json({{"logdir", "/logs/exp"}}));
  EXPECT_EQ(Get("/data/window_properties"),
            Json({{"window_title", "My title"}}));
  EXPECT_EQ(Get("/data/experiments"), Json::array());
  EXPECT_EQ(Get("/data/experiment_runs"), Json::array());
}

TEST_F(CoreRoutesTest, RunsAreOrderedByStartTimeThenNameWithUnstartedLast) {
  provider_.AddRun("late", 30.0);
  provider_.AddRun("empty_b", std::nullopt);
  provider_.AddRun("tie_b", 10.0);
  provider_.AddRun("empty_a", std::nullopt);
  provider_.AddRun("tie_a", 10.0);
  provider_.AddRun("early", 5.0);
  EXPECT_EQ(Get("/data/runs"),
            Json({"early", "tie_a", "tie_b", "late", "empty_a", "empty_b"}));
}

TEST_F(CoreRoutesTest, RunNamesAreEscapedAsAscii) {
  provider_.AddRun(
      "spaces and \xc3\xbc"
      "n\xc3\xaf"
      "code",
      1.0);
  auto it = routes_.find("/data/runs");
  EXPECT_EQ(it->second(Request{}).body, R"(["spaces and \u00fcn\u00efcode"])");
}

TEST_F(CoreRoutesTest, PluginsListingFollowsRegistryOrderAndData) {
  provider_.AddTag("run", "loss", "scalars");
  Json listing = Get("/data/plugins_listing");
  std::vector<std::string> names;
  for (auto& [name, entry] : listing.items()) names.push_back(name);
  // nlohmann::json sorts keys; the raw body keeps registry order.
  const std::string body =
      routes_.find("/data/plugins_listing")->second(Request{}).body;
  EXPECT_LT(body.find("\"scalars\""), body.find("\"images\""));
  EXPECT_EQ(listing["scalars"]["enabled"], true);
  EXPECT_EQ(listing["images"]["enabled"], false);
  EXPECT_EQ(listing["scalars"]["tab_name"], "scalars tab");
  EXPECT_EQ(listing["scalars"]["disable_reload"], false);
  EXPECT_EQ(listing["scalars"]["remove_dom"], false);
  EXPECT_EQ(listing["images"]["loading_mechanism"]["element_name"],
            "tf-images");
  EXPECT_THAT(names, ElementsAre("images", "scalars"));
}

TEST_F(CoreRoutesTest, StatusReportsGenerationAndRuns) {
  LoadStatus status;
  status.first_load_done = true;
  status.runs.push_back(
      RunStatus{"train", 2, 100, 150, false, {"bad data CRC at offset 12"}});
  provider_.SetLoadStatus(status);
  provider_.BumpGeneration();
  provider_.BumpGeneration();
  Json got = Get("/data/status");
  EXPECT_EQ(got["generation"], 2);
  EXPECT_EQ(got["first_load_done"], true);
  EXPECT_EQ(got["runs"],
            Json::parse(R"([{"run": "train", "files": 2, "bytes_read": 100,
      "bytes_present": 150, "loaded": false, "errors": ["bad data CRC at offset 12"]}])"));
}

}  // namespace
}  // namespace tbx
