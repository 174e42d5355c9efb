// Tests of the server-side histogram re-binning and its route
// /data/plugin/histograms/rebinned: counts shared in proportion to overlap,
// zero-width buckets, the value range, the binary form, bad parameters, the
// by-position form (card=K) and the answers kept until the data changes (with
// the AnswerCache that keeps them). Expected counts are worked out by hand.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "plugins/common/answer_cache.h"
#include "plugins/histograms/histograms_plugin.h"
#include "plugins/histograms/rebin.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;

TensorDatum Histogram(int64_t step, std::vector<double> buckets) {
  TensorDatum datum;
  datum.step = step;
  datum.wall_time = 100.0 + step;
  datum.tensor.dtype = DType::kDouble;
  datum.tensor.shape = {static_cast<int64_t>(buckets.size() / 3), 3};
  datum.tensor.numbers = std::move(buckets);
  return datum;
}

TEST(RebinTest, SharesCountsInProportionToOverlap) {
  // Range [0, 3] in 3 bins of width 1: [0, 1) holds 2; [1, 3) spreads 4 as 2
  // + 2. The empty bucket [-9, 0) does not widen the range.
  const RebinnedHistograms r = Rebin(
      {Histogram(0, {-9, 0, 0, 0, 1, 2, 1, 3, 4}), Histogram(5, {0, 1.5, 3})},
      3);
  EXPECT_EQ(r.x0, 0);
  EXPECT_EQ(r.x1, 3);
  EXPECT_EQ(r.bins, 3);
  EXPECT_EQ(r.steps, (std::vector<int64_t>{0, 5}));
  EXPECT_EQ(r.wall_times, (std::vector<double>{100, 105}));
  EXPECT_EQ(r.counts, (std::vector<double>{2, 2, 2, 2, 1, 0}));
}

TEST(RebinTest, ConstantInputAndNoData) {
  // A single value 5 is widened to [4.5, 5.5]; its count lands in the bin
  // holding 5.
  const RebinnedHistograms constant = Rebin({Histogram(1, {5, 5, 7})}, 2);
  EXPECT_EQ(constant.x0, 4.5);
  EXPECT_EQ(constant.x1, 5.5);
  EXPECT_EQ(constant.counts, (std::vector<double>{0, 7}));
  const RebinnedHistograms none = Rebin({}, 4);
  EXPECT_EQ(none.x0, -0.5);
  EXPECT_EQ(none.x1, 0.5);
  EXPECT_TRUE(none.counts.empty());
  // A malformed tensor counts as an empty step.
  TensorDatum bad = Histogram(2, {1, 2});
  bad.tensor.shape = {1, 3};
  EXPECT_EQ(Rebin({bad}, 2).counts, (std::vector<double>{0, 0}));
}

TEST(RebinnedRouteTest, AnswersColumnsAndRejectsBadParameters) {
  FakeDataProvider provider;
  Tensor tensor = Histogram(0, {0, 1, 2, 1, 3, 4}).tensor;
  provider.AddTensor("run", "w", "histograms", 3, 7.0, tensor);
  HistogramsPlugin plugin(&provider);
  const std::string route = "/data/plugin/histograms/rebinned";
  const Response ok =
      Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"bins", "3"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(JsonBody(ok), nlohmann::json::parse(
                              R"({"x0": 0.0, "x1": 3.0, "bins": 3, "step": [3],
                                  "wall_time": [7.0], "counts": [2, 2, 2]})"));
  EXPECT_EQ(Call(plugin, route, {{"run", "run"}, {"tag", "w"}}).status, 400);
  EXPECT_EQ(
      Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"bins", "0"}}).status,
      400);
  EXPECT_EQ(
      Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"bins", "99999"}})
          .status,
      400);
  EXPECT_EQ(Call(plugin, route, {{"run", "run"}, {"bins", "3"}}).status, 400);
  EXPECT_EQ(
      Call(plugin, route, {{"run", "run"}, {"tag", "x"}, {"bins", "3"}}).status,
      404);
}

// The value of header `name` of `response`, or "" when it has none.
std::string HeaderOf(const Response& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST(RebinnedRouteTest, CardTakesTheDashboardsCardAtThatPosition) {
  FakeDataProvider provider;
  const Tensor tensor = Histogram(0, {0, 1, 2}).tensor;
  // Runs in /data/runs order: "late" started after "early"; the dashboard
  // orders groups ("g2" before "g10") and tags in a group by name.
  provider.AddRun("late run", 20.0).AddRun("early", 10.0);
  provider.AddTensor("late run", "g10/w", "histograms", 1, 21.0, tensor);
  provider.AddTensor("late run", "g2/b/é", "histograms", 1, 21.0, tensor);
  provider.AddTensor("early", "g2/b/é", "histograms", 1, 11.0, tensor);
  provider.AddTensor("early", "g2/a", "histograms", 1, 11.0, tensor);
  provider.AddScalar("early", "g1/loss", 1, 11.0, 0.5);  // not a card here
  HistogramsPlugin plugin(&provider);
  const std::string route = "/data/plugin/histograms/rebinned";
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"early", "g2%2Fa"},
      {"early", "g2%2Fb%2F%C3%A9"},
      {"late%20run", "g2%2Fb%2F%C3%A9"},
      {"late%20run", "g10%2Fw"}};
  for (size_t k = 0; k < expected.size(); ++k) {
    const Response r = Call(
        plugin, route,
        {{"card", std::to_string(k)}, {"bins", "2"}, {"format", "binary"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(HeaderOf(r, "X-Tbx-Run"), expected[k].first) << "card " << k;
    EXPECT_EQ(HeaderOf(r, "X-Tbx-Tag"), expected[k].second) << "card " << k;
    EXPECT_EQ(r.body.substr(0, 4), "TBXH");
  }
  // The same answer as asked by name, which carries no such headers.
  const Response by_name = Call(
      plugin, route, {{"run", "late run"}, {"tag", "g10/w"}, {"bins", "2"}});
  const Response by_card = Call(plugin, route, {{"card", "3"}, {"bins", "2"}});
  EXPECT_EQ(by_card.body, by_name.body);
  EXPECT_EQ(HeaderOf(by_name, "X-Tbx-Run"), "");

  const auto error = [&](std::vector<std::pair<std::string, std::string>> p) {
    const Response r = Call(plugin, route, p);
    return std::make_pair(r.status, JsonBody(r)["error"].get<std::string>());
  };
  // Past the last card: nothing there, which is no error (a page asks for a
  // row of cards before it knows how many there are), and how many there are.
  for (const std::string k : {"4", "99"}) {
    const Response past = Call(plugin, route, {{"card", k}, {"bins", "2"}});
    EXPECT_EQ(past.status, 204) << "card " << k;
    EXPECT_EQ(past.body, "");
    EXPECT_EQ(HeaderOf(past, "X-Tbx-Cards"), "4");
    EXPECT_EQ(HeaderOf(past, "X-Tbx-Run"), "");
  }
  EXPECT_EQ(error({{"card", "0"}, {"run", "early"}, {"bins", "2"}}),
            std::make_pair(400, std::string("Parameter card cannot be given "
                                            "with run or tag")));
  EXPECT_EQ(error({{"card", "0"}, {"tag", "g2/a"}, {"bins", "2"}}).first, 400);
  EXPECT_EQ(error({{"card", "-1"}, {"bins", "2"}}),
            std::make_pair(400, std::string("Parameter card must be in [0, "
                                            "9223372036854775807], got -1")));
  EXPECT_EQ(error({{"card", "first"}, {"bins", "2"}}),
            std::make_pair(400, std::string("Parameter card must be an "
                                            "integer, got 'first'")));
  EXPECT_EQ(error({{"card", ""}, {"bins", "2"}}).first, 400);
  EXPECT_EQ(error({{"card", "0"}}).first, 400);  // bins still required

  // The cards follow the data: a new run's card once the generation moves.
  provider.AddRun("earliest", 1.0);
  provider.AddTensor("earliest", "g2/a", "histograms", 1, 2.0, tensor);
  EXPECT_EQ(HeaderOf(Call(plugin, route, {{"card", "0"}, {"bins", "2"}}),
                     "X-Tbx-Run"),
            "early");
  provider.BumpGeneration();
  EXPECT_EQ(HeaderOf(Call(plugin, route, {{"card", "0"}, {"bins", "2"}}),
                     "X-Tbx-Run"),
            "earliest");
}

// Reads a little-endian T at `offset` of `body`.
template <typename T>
T At(const std::string& body, size_t offset) {
  T value;
  std::memcpy(&value, body.data() + offset, sizeof(T));
  return value;
}

TEST(RebinnedRouteTest, AnswersBinaryColumnsAndRejectsBadFormat) {
  FakeDataProvider provider;
  provider.AddTensor("run", "w", "histograms", 3, 7.0,
                     Histogram(0, {0, 1, 2, 1, 3, 4}).tensor);
  provider.AddTensor("run", "w", "histograms", 5, 9.5,
                     Histogram(0, {0, 3, 0.75}).tensor);
  HistogramsPlugin plugin(&provider);
  const std::string route = "/data/plugin/histograms/rebinned";
  const Response ok =
      Call(plugin, route,
           {{"run", "run"}, {"tag", "w"}, {"bins", "3"}, {"format", "binary"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.content_type, "application/vnd.tbx.histograms");
  // 32-byte header, 2 steps and 2 wall times as float64, 2 x 3 float32 counts.
  ASSERT_EQ(ok.body.size(), 32u + 2 * 8 + 2 * 8 + 6 * 4);
  EXPECT_EQ(ok.body.substr(0, 4), "TBXH");
  EXPECT_EQ(At<uint32_t>(ok.body, 4), 1u);
  EXPECT_EQ(At<uint32_t>(ok.body, 8), 2u);
  EXPECT_EQ(At<uint32_t>(ok.body, 12), 3u);
  EXPECT_EQ(At<double>(ok.body, 16), 0.0);
  EXPECT_EQ(At<double>(ok.body, 24), 3.0);
  EXPECT_EQ(At<double>(ok.body, 32), 3.0);
  EXPECT_EQ(At<double>(ok.body, 40), 5.0);
  EXPECT_EQ(At<double>(ok.body, 48), 7.0);
  EXPECT_EQ(At<double>(ok.body, 56), 9.5);
  // Step 3: 2 in [0, 1), 4 spread over [1, 3); step 5: 0.75 over [0, 3).
  const float expected[] = {2, 2, 2, 0.25f, 0.25f, 0.25f};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(At<float>(ok.body, 64 + 4 * i), expected[i]) << "count " << i;
  }
  const Response bad =
      Call(plugin, route,
           {{"run", "run"}, {"tag", "w"}, {"bins", "3"}, {"format", "xml"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(JsonBody(bad)["error"],
            "Parameter format must be json or binary, got 'xml'");
  // Bad names are reported as for JSON.
  EXPECT_EQ(
      Call(plugin, route,
           {{"run", "run"}, {"tag", "x"}, {"bins", "3"}, {"format", "binary"}})
          .status,
      404);
  EXPECT_EQ(
      Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"format", "binary"}})
          .status,
      400);
}

TEST(RebinnedRouteTest, KeepsAnswersUntilTheDataChanges) {
  FakeDataProvider provider;
  provider.AddTensor("run", "w", "histograms", 3, 7.0,
                     Histogram(0, {0, 1, 2, 1, 3, 4}).tensor);
  HistogramsPlugin plugin(&provider);
  const std::string route = "/data/plugin/histograms/rebinned";
  const auto steps = [&](const std::string& bins) {
    const Response r =
        Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"bins", bins}});
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonBody(r)["step"];
  };
  EXPECT_EQ(steps("3"), nlohmann::json::parse("[3]"));
  // A step written without the generation moving: the kept answer is served.
  provider.AddTensor("run", "w", "histograms", 5, 9.0,
                     Histogram(0, {0, 3, 1}).tensor);
  EXPECT_EQ(steps("3"), nlohmann::json::parse("[3]"));
  // Another width is another answer, built from the data as it is now.
  EXPECT_EQ(steps("2"), nlohmann::json::parse("[3, 5]"));
  // The generation moves: every kept answer is rebuilt.
  provider.BumpGeneration();
  EXPECT_EQ(steps("3"), nlohmann::json::parse("[3, 5]"));
  // The binary form is kept apart from the JSON one.
  const Response binary =
      Call(plugin, route,
           {{"run", "run"}, {"tag", "w"}, {"bins", "3"}, {"format", "binary"}});
  EXPECT_EQ(binary.content_type, "application/vnd.tbx.histograms");
  EXPECT_EQ(binary.body.substr(0, 4), "TBXH");
  // A tag written after a 404 is found once the generation moves (no failure
  // is kept).
  EXPECT_EQ(
      Call(plugin, route, {{"run", "run"}, {"tag", "v"}, {"bins", "3"}}).status,
      404);
  provider.AddTensor("run", "v", "histograms", 1, 2.0,
                     Histogram(0, {0, 1, 1}).tensor);
  provider.BumpGeneration();
  EXPECT_EQ(
      Call(plugin, route, {{"run", "run"}, {"tag", "v"}, {"bins", "3"}}).status,
      200);
}

TEST(AnswerCacheTest, GetBuildsOnceDropsTheOldestAndKeepsNoFailure) {
  FakeDataProvider provider;
  AnswerCache cache(10);
  int builds = 0;
  const auto get = [&](const std::string& key, const std::string& body) {
    absl::StatusOr<std::shared_ptr<const std::string>> got =
        cache.Get(provider, key, [&]() -> absl::StatusOr<std::string> {
          ++builds;
          return body;
        });
    EXPECT_TRUE(got.ok());
    return **got;
  };
  EXPECT_EQ(get("a", "1234"), "1234");
  EXPECT_EQ(get("b", "5678"), "5678");
  EXPECT_EQ(get("a", "other"), "1234");
  EXPECT_EQ(builds, 2);
  // "c" does not fit beside both: the oldest, "a", goes.
  EXPECT_EQ(get("c", "901"), "901");
  EXPECT_EQ(cache.bytes(), 7u);  // "5678" and "901"
  EXPECT_EQ(get("b", "other"), "5678");
  EXPECT_EQ(get("a", "new a"), "new a");
  // Larger than the whole budget: answered, not kept.
  EXPECT_EQ(get("big", "0123456789ab"), "0123456789ab");
  EXPECT_EQ(get("big", "again"), "again");
  // A failure is answered and not kept.
  int failures = 0;
  const auto fail = [&]() -> absl::StatusOr<std::string> {
    ++failures;
    return absl::NotFoundError("no");
  };
  EXPECT_FALSE(cache.Get(provider, "f", fail).ok());
  EXPECT_FALSE(cache.Get(provider, "f", fail).ok());
  EXPECT_EQ(failures, 2);
}

TEST(StepRouteTest, AnswersOneStepsOriginalBuckets) {
  FakeDataProvider provider;
  provider.AddTensor("run", "w", "histograms", 3, 7.0,
                     Histogram(0, {0, 1, 2, 1, 3, 4}).tensor);
  provider.AddTensor("run", "w", "histograms", 4, 8.0,
                     Histogram(0, {-1, 0.5, 6}).tensor);
  HistogramsPlugin plugin(&provider);
  const std::string route = "/data/plugin/histograms/step";
  const Response ok =
      Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"step", "3"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(JsonBody(ok), nlohmann::json::parse(
                              "[7.0, 3, [[0.0, 1.0, 2.0], [1.0, 3.0, 4.0]]]"));
  const Response other =
      Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"step", "4"}});
  EXPECT_EQ(JsonBody(other),
            nlohmann::json::parse("[8.0, 4, [[-1.0, 0.5, 6.0]]]"));
  const Response missing =
      Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"step", "5"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(JsonBody(missing)["error"],
            "No histogram at step 5 for this run and tag");
  EXPECT_EQ(Call(plugin, route, {{"run", "run"}, {"tag", "w"}}).status, 400);
  EXPECT_EQ(
      Call(plugin, route, {{"run", "run"}, {"tag", "w"}, {"step", "x"}}).status,
      400);
  EXPECT_EQ(Call(plugin, route, {{"run", "run"}, {"step", "3"}}).status, 400);
  EXPECT_EQ(
      Call(plugin, route, {{"run", "run"}, {"tag", "x"}, {"step", "3"}}).status,
      404);
}

}  // namespace
}  // namespace tbx::plugins
