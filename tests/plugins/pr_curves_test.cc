// Tests of the PR curves plugin: trimming of trailing thresholds with no
// positive predictions, thresholds, integer counts, request-order runs, and
// bad input (wrong tensor shape, missing run or tag). Expected values are
// worked by hand from the tensors below.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/pr_curves/pr_curve_entry.h"
#include "plugins/pr_curves/pr_curves_plugin.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;
using ::tbx::testing::NumberTensor;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kTags[] = "/data/plugin/pr_curves/tags";
constexpr char kCurves[] = "/data/plugin/pr_curves/pr_curves";

// 4 thresholds; the last has TP + FP == 0 and is trimmed.
Tensor FourThresholds() {
  return NumberTensor({10,  6,    2,   0,     // true positives
                       10,  3,    0,   0,     // false positives
                       0,   7,    10,  10,    // true negatives
                       0,   4,    8,   10,    // false negatives
                       0.5, 0.75, 1.0, 0.0,   // precision
                       1.0, 0.6,  0.2, 0.0},  // recall
                      {6, 4});
}

TEST(PrCurveEntryTest, TrimsTrailingThresholdsWithoutPositives) {
  absl::StatusOr<PrCurveEntry> entry =
      MakePrCurveEntry({3, 1700000003.0, FourThresholds()});
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(entry->step, 3);
  EXPECT_THAT(entry->true_positives, ElementsAre(10, 6, 2));
  EXPECT_THAT(entry->false_positives, ElementsAre(10, 3, 0));
  EXPECT_THAT(entry->true_negatives, ElementsAre(0, 7, 10));
  EXPECT_THAT(entry->false_negatives, ElementsAre(0, 4, 8));
  EXPECT_THAT(entry->precision, ElementsAre(0.5, 0.75, 1.0));
  EXPECT_THAT(entry->recall, ElementsAre(1.0, 0.6, 0.2));
  // i / 3 for the untrimmed 4 columns.
  EXPECT_THAT(entry->thresholds,
              ElementsAre(0.0, 0.3333333333333333, 0.6666666666666666));
}

TEST(PrCurveEntryTest, KeepsTheFirstThresholdWhenNothingIsPredicted) {
  absl::StatusOr<PrCurveEntry> entry = MakePrCurveEntry(
      {0, 0.0,
       NumberTensor({0, 0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0},
                    {6, 3})});
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_THAT(entry->true_positives, ElementsAre(0));
  EXPECT_THAT(entry->false_negatives, ElementsAre(5));
  EXPECT_THAT(entry->thresholds, ElementsAre(0.0));
}

TEST(PrCurveEntryTest, KeepsAPositiveLastThresholdAndEndsAtOne) {
  absl::StatusOr<PrCurveEntry> entry = MakePrCurveEntry(
      {0, 0.0,
       NumberTensor({4, 1, 2, 1, 0, 0, 0, 3, 1, 0.5, 1, 0.25}, {6, 2})});
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_THAT(entry->true_positives, ElementsAre(4, 1));
  EXPECT_THAT(entry->thresholds, ElementsAre(0.0, 1.0));
}

TEST(PrCurveEntryTest, CountsTruncateTowardZero) {
  absl::StatusOr<PrCurveEntry> entry =
      MakePrCurveEntry({0, 0.0, NumberTensor({2.9, 1.2, 0, 0, 0, 0}, {6, 1})});
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_THAT(entry->true_positives, ElementsAre(2));
  EXPECT_THAT(entry->false_positives, ElementsAre(1));
}

TEST(PrCurveEntryTest, RejectsTensorsOfTheWrongShape) {
  absl::StatusOr<PrCurveEntry> entry = MakePrCurveEntry(
      {7, 0.0, NumberTensor(std::vector<double>(15, 1.0), {5, 3})});
  ASSERT_FALSE(entry.ok());
  EXPECT_THAT(entry.status().message(), HasSubstr("step 7"));
  EXPECT_THAT(entry.status().message(), HasSubstr("[5, 3]"));
  EXPECT_FALSE(
      MakePrCurveEntry({0, 0.0, NumberTensor({1, 2, 3, 4, 5, 6}, {6})}).ok());
  EXPECT_FALSE(
      MakePrCurveEntry({0, 0.0, ::tbx::testing::StringTensor({"a"}, {})}).ok());
}

class PrCurvesPluginTest : public ::testing::Test {
 protected:
  PrCurvesPluginTest() {
    provider_
        .AddTensor("run_a", "pr/c0", "pr_curves", 0, 100.0, FourThresholds())
        .AddTensor("run_a", "pr/c0", "pr_curves", 1, 101.0, FourThresholds())
        .AddTensor("run_b", "pr/c0", "pr_curves", 5, 200.0, FourThresholds())
        .AddTensor("run_b", "pr/bad", "pr_curves", 2, 200.0,
                   NumberTensor({1, 2, 3}, {3}))
        .AddTensor("run_b", "pr/future", "pr_curves", 0, 200.0,
                   FourThresholds());
    TagMetadata future;
    future.plugin_name = "pr_curves";
    future.plugin_content = std::string("\x08\x01", 2);  // version: 1
    future.data_class = DataClass::kTensor;
    provider_.SetMetadata("run_b", "pr/future", future);
  }
  FakeDataProvider provider_;
  PrCurvesPlugin plugin_{&provider_};
};

TEST_F(PrCurvesPluginTest, TagsListEveryKnownVersionTag) {
  const nlohmann::json body = JsonBody(Call(plugin_, kTags));
  EXPECT_EQ(body, nlohmann::json::parse(R"({
    "run_a": {"pr/c0": {"displayName": "", "description": ""}},
    "run_b": {"pr/c0": {"displayName": "", "description": ""},
              "pr/bad": {"displayName": "", "description": ""}}})"));
}

TEST_F(PrCurvesPluginTest, CurvesKeepEveryStepAndRequestOrder) {
  const Response response = Call(
      plugin_, kCurves,
      {{"run", "run_b"}, {"run", "run_a"}, {"run", "run_b"}, {"tag", "pr/c0"}});
  ASSERT_EQ(response.status, 200) << response.body;
  const nlohmann::ordered_json body =
      nlohmann::ordered_json::parse(response.body);
  std::vector<std::string> runs;
  for (const auto& [run, entries] : body.items()) runs.push_back(run);
  EXPECT_THAT(runs, ElementsAre("run_b", "run_a"));
  ASSERT_EQ(body["run_a"].size(), 2u);
  EXPECT_EQ(body["run_a"][1]["step"], 1);
  EXPECT_EQ(body["run_a"][1]["wall_time"], 101.0);
  EXPECT_EQ(body["run_a"][1]["true_positives"],
            nlohmann::ordered_json::parse("[10, 6, 2]"));
  EXPECT_TRUE(body["run_a"][1]["true_positives"][0].is_number_integer());
  EXPECT_EQ(body["run_b"][0]["thresholds"].size(), 3u);
}

TEST_F(PrCurvesPluginTest, MissingRunOrTagIsABadRequest) {
  Response response = Call(
      plugin_, kCurves, {{"run", "run_a"}, {"run", "nope"}, {"tag", "pr/c0"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("run 'nope' and tag 'pr/c0'"));
  EXPECT_EQ(Call(plugin_, kCurves, {{"tag", "pr/c0"}}).status, 400);
  EXPECT_EQ(Call(plugin_, kCurves, {{"run", "run_a"}}).status, 400);
  EXPECT_EQ(
      Call(plugin_, kCurves, {{"run", "run_a"}, {"tag", "pr/bad"}}).status,
      400);
}

TEST_F(PrCurvesPluginTest, WrongShapeIsABadRequestNamingTheStep) {
  const Response response =
      Call(plugin_, kCurves, {{"run", "run_b"}, {"tag", "pr/bad"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("step 2"));
  EXPECT_THAT(response.body, HasSubstr("[3]"));
}

}  // namespace
}  // namespace tbx::plugins
