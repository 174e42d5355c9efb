// Tests of the scalars plugin's routes on an in-memory provider.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/scalars/point_budget.h"
#include "plugins/scalars/scalars_plugin.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/plugins/series_binary_decode.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::BinarySeries;
using ::tbx::testing::Call;
using ::tbx::testing::DecodeBinary;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;

constexpr char kTags[] = "/data/plugin/scalars/tags";
constexpr char kScalars[] = "/data/plugin/scalars/scalars";
constexpr char kMultirun[] = "/data/plugin/scalars/scalars_multirun";
constexpr char kSeries[] = "/data/plugin/scalars/series";
constexpr char kTagList[] = "/data/plugin/scalars/tag_list";
constexpr double kInf = std::numeric_limits<double>::infinity();

class ScalarsPluginTest : public ::testing::Test {
 protected:
  ScalarsPluginTest() {
    provider_
        .AddScalar("train", "loss", 0, 1700000000.0, 0.1f, "Loss **per step**",
                   "Loss")
        .AddScalar("train", "loss", 1, 1700000001.0, 1e-05)
        .AddScalar("train", "loss", 2, 1700000002.5, 1e16)
        .AddScalar("train", "loss", 3, 1700000003.0, -0.0)
        .AddScalar("train", "loss", 4, 1700000004.0, std::nan(""))
        .AddScalar("train", "loss", 5, 1700000005.0, kInf)
        .AddScalar("train", "loss", 6, 1700000006.0, -kInf)
        .AddScalar("train", "acc", 0, 1700000000.0, 0.5)
        .AddScalar("eval", "loss", 0, 1700000100.0, 2.0)
        .AddTensor("train", "weights", "histograms", 0, 1700000000.0,
                   ::tbx::testing::NumberTensor({0, 1, 2}, {1, 3}));
  }

  FakeDataProvider provider_;
  ScalarsPlugin plugin_{&provider_};
};

TEST_F(ScalarsPluginTest, FrontendMetadataMatchesTensorBoard) {
  EXPECT_EQ(plugin_.name(), "scalars");
  const FrontendMetadata metadata = plugin_.Frontend();
  EXPECT_EQ(metadata.tab_name, "scalars");
  EXPECT_FALSE(metadata.disable_reload);
  EXPECT_FALSE(metadata.remove_dom);
  EXPECT_EQ(
      metadata.loading_mechanism.dump(),
      R"({"type":"CUSTOM_ELEMENT","element_name":"tf-scalar-dashboard"})");
  EXPECT_EQ(plugin_.DataPluginNames(), std::vector<std::string>{"scalars"});
  EXPECT_TRUE(plugin_.IsActive(provider_));
  EXPECT_FALSE(plugin_.IsActive(FakeDataProvider()));
}

TEST_F(ScalarsPluginTest, TagsInProviderOrderWithRenderedDescriptions) {
  const Response response = Call(plugin_, kTags);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body,
            R"({"train": {"loss": {"displayName": "Loss", "description": )"
            R"("<p>Loss <strong>per step</strong></p>"}, )"
            R"("acc": {"displayName": "", "description": ""}}, )"
            R"("eval": {"loss": {"displayName": "", "description": ""}}})");
}

TEST_F(ScalarsPluginTest, TagsEmptyWithoutScalars) {
  FakeDataProvider empty;
  ScalarsPlugin plugin(&empty);
  EXPECT_EQ(Call(plugin, kTags).body, "{}");
}

TEST_F(ScalarsPluginTest, ScalarsJsonUsesPythonFloatsAndStringsForNonFinite) {
  const Response response =
      Call(plugin_, kScalars, {{"run", "train"}, {"tag", "loss"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(
      response.body,
      "[[1700000000.0, 0, 0.10000000149011612], [1700000001.0, 1, 1e-05], "
      "[1700000002.5, 2, 1e+16], [1700000003.0, 3, -0.0], [1700000004.0, 4, "
      "\"NaN\"], "
      "[1700000005.0, 5, \"Infinity\"], [1700000006.0, 6, \"-Infinity\"]]");
}

TEST_F(ScalarsPluginTest, ScalarsCsvHasCrlfAndPythonStr) {
  const Response response =
      Call(plugin_, kScalars,
           {{"run", "train"}, {"tag", "loss"}, {"format", "csv"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(
      response.body,
      "Wall time,Step,Value\r\n1700000000.0,0,0.10000000149011612\r\n"
      "1700000001.0,1,1e-05\r\n1700000002.5,2,1e+16\r\n1700000003.0,3,-0.0\r\n"
      "1700000004.0,4,nan\r\n1700000005.0,5,inf\r\n1700000006.0,6,-inf\r\n");
}

TEST_F(ScalarsPluginTest, EveryPointIsServed) {
  FakeDataProvider big;
  for (int step = 0; step < 1500; ++step)
    big.AddScalar("r", "t", step, step, step * 0.5);
  ScalarsPlugin plugin(&big);
  const nlohmann::json points =
      JsonBody(Call(plugin, kScalars, {{"run", "r"}, {"tag", "t"}}));
  ASSERT_EQ(points.size(), 1500u);
  EXPECT_EQ(points[0][1], 0);
  EXPECT_EQ(points[1499][1], 1499);
  EXPECT_EQ(points[1499][2], 749.5);
}

TEST_F(ScalarsPluginTest, ScalarsErrors) {
  Response response = Call(plugin_, kScalars, {{"run", "train"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(JsonBody(response)["error"],
            "Both run and tag must be specified: tag=None, run='train'");
  EXPECT_EQ(Call(plugin_, kScalars, {{"tag", "loss"}}).status, 400);

  response = Call(plugin_, kScalars, {{"run", "nope"}, {"tag", "loss"}});
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(JsonBody(response)["error"],
            "No scalar data for run='nope', tag='loss'");
  EXPECT_EQ(Call(plugin_, kScalars, {{"run", "train"}, {"tag", "nope"}}).status,
            404);
  // A tag of another plugin is not scalar data.
  EXPECT_EQ(
      Call(plugin_, kScalars, {{"run", "train"}, {"tag", "weights"}}).status,
      404);
}

TEST_F(ScalarsPluginTest, MultirunLeavesOutRunsWithoutTheTag) {
  const Response response =
      Call(plugin_, kMultirun,
           {{"tag", "loss"}, {"runs", "eval"}, {"runs", "missing"}}, "POST");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"eval": [[1700000100.0, 0, 2.0]]})");

  const nlohmann::json both =
      JsonBody(Call(plugin_, kMultirun,
                    {{"tag", "acc"}, {"runs", "train"}, {"runs", "eval"}}));
  EXPECT_EQ(both,
            nlohmann::json::parse(R"({"train": [[1700000000.0, 0, 0.5]]})"));
  EXPECT_EQ(Call(plugin_, kMultirun, {{"tag", "loss"}}, "POST").body, "{}");
}

TEST_F(ScalarsPluginTest, MultirunNeedsExactlyOneTag) {
  Response response = Call(plugin_, kMultirun, {{"runs", "train"}}, "POST");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(JsonBody(response)["error"], "tag must be specified exactly once");
  EXPECT_EQ(Call(plugin_, kMultirun,
                 {{"tag", "a"}, {"tag", "b"}, {"runs", "train"}}, "POST")
                .status,
            400);
}

TEST_F(ScalarsPluginTest, SeriesIsColumnarForEveryRunWithTheTag) {
  const Response response = Call(plugin_, kSeries, {{"tag", "loss"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(
      response.body,
      R"({"series": [{"run": "train", "tag": "loss", "step": [0, 1, 2, 3, 4, 5, 6], )"
      R"("wall_time": [1700000000.0, 1700000001.0, 1700000002.5, 1700000003.0, )"
      R"(1700000004.0, 1700000005.0, 1700000006.0], "value": [0.10000000149011612, )"
      R"(1e-05, 1e+16, -0.0, "NaN", "Infinity", "-Infinity"]}, )"
      R"({"run": "eval", "tag": "loss", "step": [0], "wall_time": [1700000100.0], )"
      R"("value": [2.0]}]})");
  const ScalarQuery query = *provider_.last_scalar_query();
  EXPECT_EQ(query.max_points, 0u);
  EXPECT_EQ(query.min_step, INT64_MIN);
  EXPECT_EQ(query.max_step, INT64_MAX);
}

TEST_F(ScalarsPluginTest, SeriesSeveralTagsInRequestOrderAndChosenRuns) {
  const nlohmann::json body = JsonBody(Call(
      plugin_, kSeries,
      {{"tag", "acc"}, {"tag", "loss"}, {"tag", "acc"}, {"run", "train"}}));
  ASSERT_EQ(body["series"].size(), 2u);
  EXPECT_EQ(body["series"][0]["tag"], "acc");
  EXPECT_EQ(body["series"][1]["tag"], "loss");
  EXPECT_EQ(body["series"][1]["run"], "train");
  EXPECT_EQ(
      JsonBody(Call(plugin_, kSeries, {{"tag", "loss"}, {"run", "nope"}})),
      nlohmann::json::parse(R"({"series": []})"));
}

// The plugin keeps /tags and the runs of each tag per data generation: data
// added without a new generation is not listed yet, and a new generation lists
// it (the store bumps the generation whenever it takes new data).
TEST_F(ScalarsPluginTest, TagsAndSeriesRunsFollowTheDataGeneration) {
  auto series_runs = [&] {
    const nlohmann::json body =
        JsonBody(Call(plugin_, kSeries, {{"tag", "loss"}, {"points", "0"}}));
    std::vector<std::string> runs;
    for (const auto& entry : body["series"]) runs.push_back(entry["run"]);
    return runs;
  };
  EXPECT_EQ(series_runs(), (std::vector<std::string>{"train", "eval"}));
  EXPECT_FALSE(JsonBody(Call(plugin_, kTags)).contains("test"));

  provider_.AddScalar("test", "loss", 0, 1700000200.0, 3.0);
  EXPECT_EQ(series_runs(), (std::vector<std::string>{"train", "eval"}));
  EXPECT_FALSE(JsonBody(Call(plugin_, kTags)).contains("test"));

  provider_.BumpGeneration();
  EXPECT_EQ(series_runs(), (std::vector<std::string>{"train", "eval", "test"}));
  EXPECT_TRUE(JsonBody(Call(plugin_, kTags)).contains("test"));
  // A run filter still picks among the listed runs, unknown ones left out.
  const nlohmann::json chosen = JsonBody(Call(
      plugin_, kSeries, {{"tag", "loss"}, {"run", "test"}, {"run", "nope"}}));
  ASSERT_EQ(chosen["series"].size(), 1u);
  EXPECT_EQ(chosen["series"][0]["run"], "test");
}

// /series answers are kept per data generation: the same query is answered
// from the kept answer (here, without the point added since), a different query
// is read afresh, and a new generation reads the store again.
TEST_F(ScalarsPluginTest, SeriesAnswersAreKeptUntilTheDataGenerationMoves) {
  auto steps = [&](const char* points, const char* format) {
    const Response response = Call(plugin_, kSeries,
                                   {{"tag", "loss"},
                                    {"run", "train"},
                                    {"points", points},
                                    {"format", format}});
    EXPECT_EQ(response.status, 200);
    if (std::string(format) == "binary") {
      return DecodeBinary(response.body).at(0).step;
    }
    const nlohmann::json body = JsonBody(response);
    std::vector<double> out;
    for (const auto& step : body["series"][0]["step"]) out.push_back(step);
    return out;
  };
  const std::vector<double> all{0, 1, 2, 3, 4, 5, 6};
  EXPECT_EQ(steps("0", "json"), all);
  EXPECT_EQ(steps("0", "binary"), all);

  provider_.AddScalar("train", "loss", 7, 1700000007.0, 7.0);
  // Same queries, same generation: the kept answers.
  EXPECT_EQ(steps("0", "json"), all);
  EXPECT_EQ(steps("0", "binary"), all);
  // Another query is read from the store, which already holds step 7 (the
  // fake keeps every 4th of the 8 points, and the last, for 2 points).
  EXPECT_EQ(steps("2", "json"), (std::vector<double>{0, 4, 7}));

  provider_.BumpGeneration();
  const std::vector<double> with_new{0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(steps("0", "json"), with_new);
  EXPECT_EQ(steps("0", "binary"), with_new);
}

// A kept answer is handed to the server as such (Response::kept_body), not
// copied into `body`: the server then compresses it once, not on every page
// load, and sends it from where it is.
TEST_F(ScalarsPluginTest, SeriesAnswersAreHandedOverAsKeptBodies) {
  const std::vector<std::pair<std::string, std::string>> query = {
      {"tag", "loss"}, {"format", "binary"}};
  const Response first = Call(plugin_, kSeries, query, "GET", false);
  const Response again = Call(plugin_, kSeries, query, "GET", false);
  ASSERT_NE(first.kept_body, nullptr);
  EXPECT_TRUE(first.body.empty());
  EXPECT_EQ(DecodeBinary(*first.kept_body).at(0).tag, "loss");
  EXPECT_EQ(again.kept_body, first.kept_body);
  EXPECT_EQ(first.Body(), *first.kept_body);
}

TEST_F(ScalarsPluginTest, SeriesForwardsDownsamplingAndStepRange) {
  const nlohmann::json body = JsonBody(Call(plugin_, kSeries,
                                            {{"tag", "loss"},
                                             {"run", "train"},
                                             {"points", "2"},
                                             {"min_step", "1"},
                                             {"max_step", "5"}}));
  const ScalarQuery query = *provider_.last_scalar_query();
  EXPECT_EQ(query.max_points, 2u);
  EXPECT_EQ(query.min_step, 1);
  EXPECT_EQ(query.max_step, 5);
  // The fake keeps every 3rd of steps 1..5 and the last one.
  EXPECT_EQ(body["series"][0]["step"], nlohmann::json::parse("[1, 4, 5]"));
}

TEST_F(ScalarsPluginTest, SeriesBadParameters) {
  EXPECT_EQ(Call(plugin_, kSeries, {}).status, 400);
  EXPECT_EQ(
      Call(plugin_, kSeries, {{"tag", "loss"}, {"points", "many"}}).status,
      400);
  EXPECT_EQ(Call(plugin_, kSeries, {{"tag", "loss"}, {"points", "-1"}}).status,
            400);
  EXPECT_EQ(
      Call(plugin_, kSeries, {{"tag", "loss"}, {"min_step", "1.5"}}).status,
      400);
  const Response inverted =
      Call(plugin_, kSeries,
           {{"tag", "loss"}, {"min_step", "9"}, {"max_step", "2"}});
  EXPECT_EQ(inverted.status, 400);
  EXPECT_EQ(JsonBody(inverted)["error"],
            "min_step (9) is greater than max_step (2)");
}

TEST_F(ScalarsPluginTest, TagListNamesEachTagOnceWithItsRuns) {
  const Response response = Call(plugin_, kTagList);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  // loss: every run (null); acc: run 0 (train) only.
  EXPECT_EQ(response.body,
            R"({"runs": ["train", "eval"], "tags": [)"
            R"({"tag": "loss", "displayName": "Loss", "description": )"
            R"("<p>Loss <strong>per step</strong></p>", "runs": null}, )"
            R"({"tag": "acc", "displayName": "", "description": "", )"
            R"("runs": [0]}]})");
  FakeDataProvider empty;
  ScalarsPlugin plugin(&empty);
  EXPECT_EQ(Call(plugin, kTagList).body, R"({"runs": [], "tags": []})");
}

std::vector<std::string> SeriesTags(const Response& response) {
  const nlohmann::json body = JsonBody(response);
  std::vector<std::string> tags;
  for (const auto& entry : body["series"]) {
    if (tags.empty() || tags.back() != entry["tag"])
      tags.push_back(entry["tag"]);
  }
  return tags;
}

TEST_F(ScalarsPluginTest, SeriesFirstTagsTakesTagsInDashboardOrder) {
  // Dashboard order: acc before loss (first-seen order is loss, acc).
  EXPECT_EQ(SeriesTags(Call(plugin_, kSeries, {{"first_tags", "1"}})),
            std::vector<std::string>{"acc"});
  const Response second =
      Call(plugin_, kSeries, {{"first_tags", "4"}, {"tag_offset", "1"}});
  EXPECT_EQ(SeriesTags(second), std::vector<std::string>{"loss"});
  EXPECT_EQ(JsonBody(second)["series"].size(), 2u);  // train and eval
  EXPECT_EQ(SeriesTags(Call(plugin_, kSeries, {{"first_tags", "9"}})),
            (std::vector<std::string>{"acc", "loss"}));
  EXPECT_EQ(JsonBody(Call(plugin_, kSeries,
                          {{"first_tags", "2"}, {"tag_offset", "2"}}))["series"]
                .size(),
            0u);
}

TEST_F(ScalarsPluginTest, SeriesPointBudgetSharesPointsAmongRuns) {
  // loss: 2 runs × 100 points > 100 → 50 points a run.
  ASSERT_EQ(Call(plugin_, kSeries,
                 {{"first_tags", "1"},
                  {"tag_offset", "1"},
                  {"points", "100"},
                  {"point_budget", "100"}})
                .status,
            200);
  EXPECT_EQ(provider_.last_scalar_query()->max_points, 50u);
  // Within the budget: the points asked for.
  ASSERT_EQ(Call(plugin_, kSeries,
                 {{"first_tags", "1"},
                  {"tag_offset", "1"},
                  {"points", "100"},
                  {"point_budget", "200"}})
                .status,
            200);
  EXPECT_EQ(provider_.last_scalar_query()->max_points, 100u);
}

TEST_F(ScalarsPluginTest, SeriesFirstTagsBadParameters) {
  auto error = [&](std::vector<std::pair<std::string, std::string>> params) {
    const Response response = Call(plugin_, kSeries, params);
    EXPECT_EQ(response.status, 400);
    return JsonBody(response)["error"].get<std::string>();
  };
  EXPECT_EQ(error({{"first_tags", "1"}, {"tag", "loss"}}),
            "Parameters tag and first_tags cannot be given together");
  EXPECT_EQ(error({{"tag", "loss"}, {"tag_offset", "1"}}),
            "Parameters tag_offset and point_budget need first_tags");
  EXPECT_EQ(error({{"tag", "loss"}, {"point_budget", "10"}}),
            "Parameters tag_offset and point_budget need first_tags");
  EXPECT_NE(error({{"first_tags", "0"}}).find("first_tags"), std::string::npos);
  EXPECT_NE(error({{"first_tags", "two"}}).find("first_tags"),
            std::string::npos);
  EXPECT_NE(
      error({{"first_tags", "1"}, {"tag_offset", "-1"}}).find("tag_offset"),
      std::string::npos);
  EXPECT_NE(
      error({{"first_tags", "1"}, {"point_budget", "-5"}}).find("point_budget"),
      std::string::npos);
}

TEST(PointBudgetTest, PointsPerRunFollowsTheBudget) {
  EXPECT_EQ(PointsPerRun(600, 200000, 50), 600u);    // 30,000 points
  EXPECT_EQ(PointsPerRun(600, 200000, 5000), 40u);   // 200000/5000 = 40
  EXPECT_EQ(PointsPerRun(600, 200000, 1000), 200u);  // 200
  EXPECT_EQ(PointsPerRun(600, 200000, 30000), 40u);  // at least 40
  EXPECT_EQ(PointsPerRun(600, 200000, 999), 200u);   // 200.2 → 200
  EXPECT_EQ(PointsPerRun(600, 200000, 700), 280u);   // 285.7 → 280
  EXPECT_EQ(PointsPerRun(600, 0, 5000), 600u);       // no budget
}

TEST_F(ScalarsPluginTest, SeriesBinaryHasTheSameColumnsBitForBit) {
  const Response response =
      Call(plugin_, kSeries, {{"tag", "loss"}, {"format", "binary"}});
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/vnd.tbx.series");
  const std::vector<BinarySeries> series = DecodeBinary(response.body);
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].run, "train");
  EXPECT_EQ(series[0].tag, "loss");
  EXPECT_EQ(series[0].step, (std::vector<double>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(series[0].wall_time[2], 1700000002.5);
  const std::vector<double>& v = series[0].value;
  ASSERT_EQ(v.size(), 7u);
  EXPECT_EQ(v[0], static_cast<double>(0.1f));
  EXPECT_EQ(v[1], 1e-05);
  EXPECT_EQ(v[2], 1e16);
  EXPECT_TRUE(v[3] == 0.0 && std::signbit(v[3]));
  EXPECT_TRUE(std::isnan(v[4]));
  EXPECT_EQ(v[5], kInf);
  EXPECT_EQ(v[6], -kInf);
  EXPECT_EQ(series[1].run, "eval");
  EXPECT_EQ(series[1].value, std::vector<double>{2.0});
  // An odd-length name still leaves the columns 8-byte aligned.
  EXPECT_EQ(DecodeBinary(
                Call(plugin_, kSeries, {{"tag", "acc"}, {"format", "binary"}})
                    .body)[0]
                .value,
            std::vector<double>{0.5});
}

TEST_F(ScalarsPluginTest, SeriesUnknownFormatIsABadRequest) {
  const Response response =
      Call(plugin_, kSeries, {{"tag", "loss"}, {"format", "xml"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(JsonBody(response)["error"],
            "Parameter format must be json or binary, got 'xml'");
}

TEST_F(ScalarsPluginTest, NamesAreEscapedInJson) {
  FakeDataProvider provider;
  provider.AddScalar("<script>alert(1)</script>", "t\xc3\xbc\"", 0, 1.0, 1.0);
  ScalarsPlugin plugin(&provider);
  EXPECT_EQ(Call(plugin, kTags).body,
            R"({"<script>alert(1)</script>": {"t\u00fc\"": )"
            R"({"displayName": "", "description": ""}}})");
}

}  // namespace
}  // namespace tbx::plugins
