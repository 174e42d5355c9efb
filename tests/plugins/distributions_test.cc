// Tests of the histograms and distributions plugins, and of TensorBoard's
// histogram compression with values worked by hand (each interpolation is y0 +
// (bp - w0) * (y1 - y0) / (w1 - w0)).
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/distributions/compressor.h"
#include "plugins/distributions/distributions_plugin.h"
#include "plugins/histograms/histograms_plugin.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;
using ::tbx::testing::NumberTensor;

std::vector<double> Values(const std::array<CompressedValue, 9>& compressed) {
  std::vector<double> values;
  for (const CompressedValue& v : compressed) values.push_back(v.value);
  return values;
}

TEST(CompressorTest, BasisPointsAreTensorBoards) {
  const std::array<CompressedValue, 9> compressed = CompressHistogram({});
  const int want[] = {0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000};
  for (size_t i = 0; i < 9; ++i) EXPECT_EQ(compressed[i].basis_point, want[i]);
}

TEST(CompressorTest, InterpolatesInsideTheBucketThatPassesEachBasisPoint) {
  // Counts 2, 3, 4, 1 of 10: cumulative weights 2000, 5000, 9000, 10000 basis
  // points.
  //   bp 0, 668, 1587 fall in bucket 0 [-1, 0]:  -1 + bp / 2000
  //   bp 3085 in bucket 1 [0, 1]:                 0 + 1085 / 3000
  //   bp 5000 (== weight of bucket 1, so the next bucket), 6915, 8413 in [1,
  //   2]: 1 + (bp-5000)/4000 bp 9332 in bucket 3 [2, 3]:                 2 +
  //   332 / 1000 bp 10000 is passed by no bucket: the last right edge, 3.
  const std::vector<HistogramBucket> buckets = {
      {-1, 0, 2}, {0, 1, 3}, {1, 2, 4}, {2, 3, 1}};
  EXPECT_EQ(Values(CompressHistogram(buckets)),
            (std::vector<double>{-1.0, -0.6659999999999999,
                                 -0.20650000000000002, 0.3616666666666667, 1.0,
                                 1.47875, 1.85325, 2.332, 3.0}));
}

TEST(CompressorTest,
     EmptyBucketsAreSkippedAndTheLeftEdgeIsThePreviousRightEdge) {
  // Weights 5000, 5000, 10000: bp 5000 lands in bucket 2 [2, 3], whose left
  // edge is taken from bucket 1's right edge (2), not from bucket 2's own left
  // edge.
  const std::vector<HistogramBucket> buckets = {
      {0, 1, 1}, {1, 2, 0}, {2, 3, 1}};
  EXPECT_EQ(Values(CompressHistogram(buckets)),
            (std::vector<double>{0.0, 0.1336, 0.3174, 0.617, 2.0, 2.383, 2.6826,
                                 2.8664, 3.0}));
}

TEST(CompressorTest, NoBucketsGiveZeros) {
  EXPECT_EQ(Values(CompressHistogram({})), std::vector<double>(9, 0.0));
}

TEST(CompressorTest, AllZeroCountsGiveTheLastRightEdge) {
  // TensorBoard's empty-input histogram is 30 rows of [0, 0, 0]: every value
  // 0.0.
  EXPECT_EQ(
      Values(CompressHistogram(std::vector<HistogramBucket>(30, {0, 0, 0}))),
      std::vector<double>(9, 0.0));
  EXPECT_EQ(Values(CompressHistogram({{0, 1, 0}, {1, 2, 0}})),
            std::vector<double>(9, 2.0));
}

TEST(CompressorTest, ConstantInputGivesTheConstant) {
  // TensorBoard's histogram of 50 values of 2.5: 29 rows [2.5, 2.5, 0] and
  // [2.5, 2.5, 50].
  std::vector<HistogramBucket> buckets(29, {2.5, 2.5, 0});
  buckets.push_back({2.5, 2.5, 50});
  EXPECT_EQ(Values(CompressHistogram(buckets)), std::vector<double>(9, 2.5));
}

TEST(CompressorTest, BucketsOfNeedsAKBy3Tensor) {
  EXPECT_EQ(BucketsOf(NumberTensor({0, 1, 2, 1, 2, 3}, {2, 3})).size(), 2u);
  EXPECT_TRUE(BucketsOf(NumberTensor({}, {0, 3})).empty());
  EXPECT_TRUE(BucketsOf(NumberTensor({0, 1, 2, 3}, {2, 2})).empty());
  EXPECT_TRUE(BucketsOf(NumberTensor({0, 1, 2}, {2, 3})).empty());
}

class HistogramPluginsTest : public ::testing::Test {
 protected:
  HistogramPluginsTest() {
    provider_
        .AddTensor("run", "weights", "histograms", 0, 1700000000.0,
                   NumberTensor({-1, 0, 2, 0, 1, 3, 1, 2, 4, 2, 3, 1}, {4, 3}))
        .AddTensor("run", "weights", "histograms", 1, 1700000001.0,
                   NumberTensor({}, {0, 3}))
        .AddTensor("run", "text", "text", 0, 1700000000.0,
                   ::tbx::testing::StringTensor({"x"}, {}));
  }

  FakeDataProvider provider_;
  HistogramsPlugin histograms_{&provider_};
  DistributionsPlugin distributions_{&provider_};
};

TEST_F(HistogramPluginsTest, Metadata) {
  EXPECT_EQ(
      histograms_.Frontend().loading_mechanism.dump(),
      R"({"type":"CUSTOM_ELEMENT","element_name":"tf-histogram-dashboard"})");
  EXPECT_EQ(
      distributions_.Frontend().loading_mechanism.dump(),
      R"({"type":"CUSTOM_ELEMENT","element_name":"tf-distribution-dashboard"})");
  EXPECT_EQ(distributions_.Frontend().tab_name, "distributions");
  EXPECT_EQ(distributions_.DataPluginNames(),
            std::vector<std::string>{"histograms"});
  EXPECT_TRUE(distributions_.IsActive(provider_));
}

TEST_F(HistogramPluginsTest, TagsOfBothPluginsListHistogramTags) {
  const std::string want =
      R"({"run": {"weights": {"displayName": "", "description": ""}}})";
  EXPECT_EQ(Call(histograms_, "/data/plugin/histograms/tags").body, want);
  EXPECT_EQ(Call(distributions_, "/data/plugin/distributions/tags").body, want);
}

TEST_F(HistogramPluginsTest, HistogramsAreBucketRows) {
  const Response response =
      Call(histograms_, "/data/plugin/histograms/histograms",
           {{"run", "run"}, {"tag", "weights"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(
      response.body,
      "[[1700000000.0, 0, [[-1.0, 0.0, 2.0], [0.0, 1.0, 3.0], [1.0, 2.0, 4.0], "
      "[2.0, 3.0, 1.0]]], [1700000001.0, 1, []]]");
}

TEST_F(HistogramPluginsTest, DistributionsAreCompressedHistograms) {
  const Response response =
      Call(distributions_, "/data/plugin/distributions/distributions",
           {{"run", "run"}, {"tag", "weights"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(
      response.body,
      "[[1700000000.0, 0, [[0, -1.0], [668, -0.6659999999999999], "
      "[1587, -0.20650000000000002], [3085, 0.3616666666666667], [5000, 1.0], "
      "[6915, 1.47875], [8413, 1.85325], [9332, 2.332], [10000, 3.0]]], "
      "[1700000001.0, 1, [[0, 0.0], [668, 0.0], [1587, 0.0], [3085, 0.0], "
      "[5000, 0.0], "
      "[6915, 0.0], [8413, 0.0], [9332, 0.0], [10000, 0.0]]]]");
}

TEST_F(HistogramPluginsTest, Errors) {
  for (Plugin* plugin : std::vector<Plugin*>{&histograms_, &distributions_}) {
    const std::string route = plugin == &histograms_
                                  ? "/data/plugin/histograms/histograms"
                                  : "/data/plugin/distributions/distributions";
    Response response =
        Call(*plugin, route, {{"run", "nope"}, {"tag", "weights"}});
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(JsonBody(response)["error"],
              "No histogram tag 'weights' for run 'nope'");
    EXPECT_EQ(Call(*plugin, route, {{"run", "run"}, {"tag", "nope"}}).status,
              404);
    EXPECT_EQ(Call(*plugin, route, {{"run", "run"}, {"tag", "text"}}).status,
              404);
    EXPECT_EQ(Call(*plugin, route, {{"run", "run"}}).status, 400);
  }
}

}  // namespace
}  // namespace tbx::plugins
