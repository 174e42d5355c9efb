// Tests of the Time Series plugin: the tags index (sorted run tags, combined
// descriptions, image sample counts), timeSeries answers for every plugin in
// TensorBoard's shapes, the three ways a browser sends `requests` (urlencoded,
// multipart, JSON), per-request errors, and imageData. Expected bodies are
// written out by hand from TensorBoard's observed answers.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "plugins/common/form_fields.h"
#include "plugins/timeseries/timeseries_plugin.h"
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
using Json = nlohmann::json;

constexpr char kTags[] = "/data/plugin/timeseries/tags";
constexpr char kTimeSeries[] = "/data/plugin/timeseries/timeSeries";
constexpr char kImageData[] = "/data/plugin/timeseries/imageData";
const std::string kPng("\x89PNG\r\n\x1a\n....", 12);

Tensor Buckets(std::vector<double> numbers) {
  Tensor tensor;
  tensor.dtype = DType::kDouble;
  tensor.shape = {static_cast<int64_t>(numbers.size() / 3), 3};
  tensor.numbers = std::move(numbers);
  return tensor;
}

// Calls `route` as a POST with `body` of `content_type`.
Response Post(Plugin& plugin, const std::string& content_type,
              const std::string& body) {
  for (Route& route : plugin.Routes()) {
    if (route.path != kTimeSeries) continue;
    Request request;
    request.method = "POST";
    request.path = kTimeSeries;
    request.content_type = content_type;
    request.body = body;
    return route.handler(request);
  }
  ADD_FAILURE() << "no timeSeries route";
  return Response::NotFound("");
}

class TimeSeriesPluginTest : public ::testing::Test {
 protected:
  TimeSeriesPluginTest() {
    provider_.AddScalar("train", "loss", 0, 10.0, 1.5, "Training *loss*")
        .AddScalar("train", "loss", 1, 11.0, 0.5)
        .AddScalar("train", "acc", 1, 11.0, 0.25)
        .AddScalar("eval", "loss", 4, 14.0, 2.0, "Eval loss")
        .AddTensor("train", "weights", "histograms", 3, 13.0,
                   Buckets({-1.0, 0.0, 2.0, 0.0, 1.0, 5.0}))
        // "mixed" is scalars in train and images in eval.
        .AddScalar("train", "mixed", 0, 10.0, 7.0)
        .AddBlobs("eval", "mixed", "images", 5, 15.0, {"2", "2", kPng})
        .AddBlobs("eval", "pics", "images", 2, 12.0, {"4", "4", kPng, kPng})
        .AddBlobs("eval", "pics", "images", 3, 13.0, {"4", "4", kPng});
  }

  Json Ask(const std::string& requests) {
    Response response =
        Call(plugin_, kTimeSeries, {{"requests", requests}}, "POST");
    EXPECT_EQ(response.status, 200) << response.body;
    return JsonBody(response);
  }

  FakeDataProvider provider_;
  TimeSeriesPlugin plugin_{&provider_};
};

TEST_F(TimeSeriesPluginTest, ListedFirstAsAnAngularTab) {
  EXPECT_EQ(plugin_.name(), "timeseries");
  EXPECT_EQ(plugin_.Frontend().tab_name, "Time Series");
  EXPECT_EQ(plugin_.Frontend().loading_mechanism,
            nlohmann::ordered_json({{"type", "NG_COMPONENT"}}));
  EXPECT_TRUE(plugin_.IsActive(provider_));
  FakeDataProvider audio_only;
  audio_only.AddBlobs("run", "clip", "audio", 0, 1.0, {"RIFF"});
  EXPECT_FALSE(TimeSeriesPlugin(&audio_only).IsActive(audio_only));
}

TEST_F(TimeSeriesPluginTest, TagsListEachKindWithDescriptions) {
  const Json tags = JsonBody(Call(plugin_, kTags));
  EXPECT_EQ(
      tags["scalars"]["runTagInfo"],
      Json::parse(R"({"train": ["acc", "loss", "mixed"], "eval": ["loss"]})"));
  // Runs disagree on loss's description: both are kept, each with its run.
  const std::string loss = tags["scalars"]["tagDescriptions"]["loss"];
  EXPECT_NE(loss.find("<h1>Multiple descriptions</h1>"), std::string::npos)
      << loss;
  EXPECT_NE(loss.find("<h2>For run: eval</h2>"), std::string::npos) << loss;
  EXPECT_NE(loss.find("<em>loss</em>"), std::string::npos) << loss;
  EXPECT_EQ(tags["scalars"]["tagDescriptions"].size(), 1u);
  EXPECT_EQ(tags["histograms"],
            Json::parse(R"({"runTagInfo": {"train": ["weights"]},
                            "tagDescriptions": {}})"));
  EXPECT_EQ(tags["images"],
            Json::parse(R"({"tagDescriptions": {}, "tagRunSampledInfo": {
                "mixed": {"eval": {"maxSamplesPerStep": 1}},
                "pics": {"eval": {"maxSamplesPerStep": 2}}}})"));
}

TEST_F(TimeSeriesPluginTest, ScalarsOfEveryRunOrOneRun) {
  EXPECT_EQ(Ask(R"([{"plugin": "scalars", "tag": "loss"}])"), Json::parse(R"([
      {"plugin": "scalars", "tag": "loss", "runToSeries": {
        "train": [{"wallTime": 10.0, "step": 0, "value": 1.5},
                  {"wallTime": 11.0, "step": 1, "value": 0.5}],
        "eval": [{"wallTime": 14.0, "step": 4, "value": 2.0}]}}])"));
  EXPECT_EQ(Ask(R"([{"plugin": "scalars", "tag": "loss", "run": "eval"}])"),
            Json::parse(R"([{"plugin": "scalars", "tag": "loss", "run": "eval",
                "runToSeries": {"eval": [{"wallTime": 14.0, "step": 4, "value": 2.0}]}}])"));
  EXPECT_EQ(Ask(R"([{"plugin": "scalars", "tag": "loss", "run": "nope"}])"),
            Json::parse(R"([{"plugin": "scalars", "tag": "loss", "run": "nope",
                             "runToSeries": {}}])"));
}

TEST_F(TimeSeriesPluginTest, PointsExtensionAsksForFewerScalars) {
  Ask(R"([{"plugin": "scalars", "tag": "loss", "points": 50}])");
  ASSERT_TRUE(provider_.last_scalar_query().has_value());
  EXPECT_EQ(provider_.last_scalar_query()->max_points, 50u);
  Ask(R"([{"plugin": "scalars", "tag": "loss"}])");
  EXPECT_EQ(provider_.last_scalar_query()->max_points, 0u);
}

TEST_F(TimeSeriesPluginTest, BinaryFormatAnswersScalarsAsColumns) {
  const Response response =
      Call(plugin_, kTimeSeries,
           {{"requests", R"([{"plugin": "scalars", "tag": "loss", "points": 50},
                        {"plugin": "scalars", "tag": "acc", "run": "train"},
                        {"plugin": "scalars", "tag": "nope"}])"},
            {"format", "binary"}},
           "POST");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/vnd.tbx.series");
  const std::vector<BinarySeries> series = DecodeBinary(response.body);
  // Request order, then run order; the unknown tag adds nothing.
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0].run, "train");
  EXPECT_EQ(series[0].tag, "loss");
  EXPECT_EQ(series[0].step, (std::vector<double>{0, 1}));
  EXPECT_EQ(series[0].wall_time, (std::vector<double>{10.0, 11.0}));
  EXPECT_EQ(series[0].value, (std::vector<double>{1.5, 0.5}));
  EXPECT_EQ(series[1].run, "eval");
  EXPECT_EQ(series[1].value, (std::vector<double>{2.0}));
  EXPECT_EQ(series[2].run, "train");
  EXPECT_EQ(series[2].tag, "acc");
  EXPECT_EQ(series[2].step, (std::vector<double>{1}));
  EXPECT_EQ(series[2].value, (std::vector<double>{0.25}));
  EXPECT_EQ(provider_.last_scalar_query()->max_points, 0u);
}

TEST_F(TimeSeriesPluginTest, BinaryFormatRefusesOtherRequests) {
  auto ask = [&](const std::string& requests, const std::string& format) {
    return Call(plugin_, kTimeSeries,
                {{"requests", requests}, {"format", format}}, "POST");
  };
  Response response = ask(
      R"([{"plugin": "scalars", "tag": "loss"},
          {"plugin": "images", "tag": "pics", "run": "eval", "sample": 0}])",
      "binary");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(JsonBody(response)["error"],
            "Request 1: format=binary answers scalars requests only");
  response = ask(R"([{"plugin": "scalars"}])", "binary");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(JsonBody(response)["error"], "Request 0: Missing tag");
  response = ask(R"([{"plugin": "scalars", "tag": "loss"}])", "xml");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(JsonBody(response)["error"],
            "Parameter format must be json or binary, got 'xml'");
}

TEST_F(TimeSeriesPluginTest, ListingsFollowNewData) {
  EXPECT_EQ(JsonBody(Call(plugin_, kTags))["scalars"]["runTagInfo"]["eval"],
            Json::parse(R"(["loss"])"));
  EXPECT_EQ(Ask(R"([{"plugin": "scalars", "tag": "lr"}])")[0]["runToSeries"],
            Json::object());
  provider_.AddScalar("eval", "lr", 7, 17.0, 0.125);
  provider_.BumpGeneration();
  EXPECT_EQ(JsonBody(Call(plugin_, kTags))["scalars"]["runTagInfo"]["eval"],
            Json::parse(R"(["loss", "lr"])"));
  EXPECT_EQ(
      Ask(R"([{"plugin": "scalars", "tag": "lr"}])")[0]["runToSeries"],
      Json::parse(
          R"({"eval": [{"wallTime": 17.0, "step": 7, "value": 0.125}]})"));
}

TEST_F(TimeSeriesPluginTest, HistogramsAsMinMaxCountBins) {
  EXPECT_EQ(Ask(R"([{"plugin": "histograms", "tag": "weights", "run": "train"},
                    {"plugin": "histograms", "tag": "weights", "run": "eval"}])"),
            Json::parse(R"([
      {"plugin": "histograms", "tag": "weights", "run": "train", "runToSeries": {
        "train": [{"wallTime": 13.0, "step": 3, "bins": [
            {"min": -1.0, "max": 0.0, "count": 2.0},
            {"min": 0.0, "max": 1.0, "count": 5.0}]}]}},
      {"plugin": "histograms", "tag": "weights", "run": "eval", "runToSeries": {}}])"));
}

TEST_F(TimeSeriesPluginTest, ImagesWithBlobKeysPerSample) {
  // ["","images","eval","pics",2,3] and ["","images","eval","pics",2,2],
  // ["","images","eval","pics",3,2], encoded as TensorBoard does.
  EXPECT_EQ(
      Ask(R"([{"plugin": "images", "tag": "pics", "run": "eval", "sample": 1},
                    {"plugin": "images", "tag": "pics", "run": "eval", "sample": 0},
                    {"plugin": "images", "tag": "pics", "run": "eval", "sample": 7}])"),
      Json::parse(R"([
      {"plugin": "images", "tag": "pics", "run": "eval", "sample": 1, "runToSeries": {
        "eval": [{"step": 2, "wallTime": 12.0,
                  "imageId": "WyIiLCJpbWFnZXMiLCJldmFsIiwicGljcyIsMiwzXQ"}]}},
      {"plugin": "images", "tag": "pics", "run": "eval", "sample": 0, "runToSeries": {
        "eval": [{"step": 2, "wallTime": 12.0,
                  "imageId": "WyIiLCJpbWFnZXMiLCJldmFsIiwicGljcyIsMiwyXQ"},
                 {"step": 3, "wallTime": 13.0,
                  "imageId": "WyIiLCJpbWFnZXMiLCJldmFsIiwicGljcyIsMywyXQ"}]}},
      {"plugin": "images", "tag": "pics", "run": "eval", "sample": 7,
       "runToSeries": {}}])"));
}

TEST_F(TimeSeriesPluginTest, TagOfTwoKindsIsServedAsEachKindAsked) {
  const Json answers = Ask(R"([{"plugin": "scalars", "tag": "mixed"},
              {"plugin": "images", "tag": "mixed", "run": "eval", "sample": 0},
              {"plugin": "images", "tag": "mixed", "run": "train", "sample": 0},
              {"plugin": "histograms", "tag": "mixed", "run": "train"}])");
  ASSERT_EQ(answers.size(), 4u);
  EXPECT_EQ(answers[0]["runToSeries"].size(), 1u);
  EXPECT_TRUE(answers[0]["runToSeries"].contains("train"));
  EXPECT_EQ(answers[1]["runToSeries"]["eval"][0]["step"], 5);
  EXPECT_EQ(answers[2]["runToSeries"], Json::object());
  EXPECT_EQ(answers[3]["runToSeries"], Json::object());
}

TEST_F(TimeSeriesPluginTest, InvalidRequestsGetTheirOwnErrors) {
  EXPECT_EQ(
      Ask(R"([{"plugin": "bogus", "tag": "x"}, {"plugin": "images", "tag": "x"},
              {"plugin": "scalars"}, {"plugin": "images", "tag": "x", "run": "r"},
              {"plugin": "images", "tag": "x", "run": "r", "sample": -1},
              {"plugin": "histograms", "tag": 3}, 7,
              {"plugin": "scalars", "tag": "acc"}])"),
      Json::parse(R"([
        {"plugin": "bogus", "tag": "x", "error": "Invalid plugin"},
        {"plugin": "images", "tag": "x", "error": "Missing run"},
        {"plugin": "scalars", "tag": null, "error": "Missing tag"},
        {"plugin": "images", "tag": "x", "run": "r", "error": "Missing sample"},
        {"plugin": "images", "tag": "x", "run": "r", "sample": -1,
         "error": "Invalid sample"},
        {"plugin": "histograms", "tag": 3, "error": "Missing tag"},
        {"plugin": null, "tag": null, "error": "Missing tag"},
        {"plugin": "scalars", "tag": "acc", "runToSeries": {
          "train": [{"wallTime": 11.0, "step": 1, "value": 0.25}]}}])"));
}

TEST_F(TimeSeriesPluginTest, BadRequestListsAre400) {
  EXPECT_EQ(Call(plugin_, kTimeSeries, {}, "POST").status, 400);
  EXPECT_EQ(Call(plugin_, kTimeSeries, {{"requests", ""}}, "POST").status, 400);
  EXPECT_EQ(Call(plugin_, kTimeSeries, {{"requests", "[{"}}, "POST").status,
            400);
  EXPECT_EQ(
      Call(plugin_, kTimeSeries, {{"requests", R"({"plugin": "x"})"}}, "POST")
          .status,
      400);
  EXPECT_EQ(Post(plugin_, "application/json", R"({"plugin": "x"})").status,
            400);
  EXPECT_EQ(Post(plugin_, "application/json", "not json").status, 400);
  EXPECT_EQ(Post(plugin_, "multipart/form-data", "garbage").status, 400);
}

TEST_F(TimeSeriesPluginTest, AcceptsMultipartAndJsonBodies) {
  const std::string multipart =
      "------WebKitFormBoundaryX1\r\n"
      "Content-Disposition: form-data; name=\"other\"\r\n\r\n"
      "ignored\r\n"
      "------WebKitFormBoundaryX1\r\n"
      "Content-Disposition: form-data; name=\"requests\"\r\n\r\n"
      "[{\"plugin\": \"scalars\", \"tag\": \"acc\"}]\r\n"
      "------WebKitFormBoundaryX1--\r\n";
  const Json expected = Json::parse(R"([{"plugin": "scalars", "tag": "acc",
      "runToSeries": {"train": [{"wallTime": 11.0, "step": 1, "value": 0.25}]}}])");
  Response response = Post(plugin_, "Multipart/Form-Data", multipart);
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(JsonBody(response), expected);
  EXPECT_EQ(JsonBody(Post(plugin_, "application/json",
                          R"([{"plugin": "scalars", "tag": "acc"}])")),
            expected);
  EXPECT_EQ(
      JsonBody(Post(plugin_, "application/json",
                    R"({"requests": [{"plugin": "scalars", "tag": "acc"}]})")),
      expected);
}

TEST(MultipartFieldTest, FindsNamedPartsOnly) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; "
      "filename=\"requests\"\r\n\r\nno\r\n"
      "--b\r\ncontent-disposition: form-data; name=\"requests\"\r\n"
      "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--b--\r\n";
  EXPECT_EQ(MultipartField(body, "requests"), "line1\r\nline2");
  EXPECT_EQ(MultipartField(body, "missing"), std::nullopt);
  EXPECT_EQ(MultipartField("--b\r\nContent-Disposition: form-data; "
                           "name=\"requests\"\r\n\r\nunterminated",
                           "requests"),
            std::nullopt);
  EXPECT_EQ(MultipartField("", "requests"), std::nullopt);
}

TEST_F(TimeSeriesPluginTest, ImageDataServesTheBytes) {
  Response image =
      Call(plugin_, kImageData,
           {{"imageId", "WyIiLCJpbWFnZXMiLCJldmFsIiwicGljcyIsMiwzXQ"}});
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.content_type, "image/png");
  EXPECT_EQ(image.body, kPng);
  EXPECT_EQ(Call(plugin_, kImageData).status, 400);
  EXPECT_EQ(Call(plugin_, kImageData, {{"imageId", "%%%"}}).status, 500);
  // ["","images","eval","pics",9,2]: no such step.
  EXPECT_EQ(Call(plugin_, kImageData,
                 {{"imageId", "WyIiLCJpbWFnZXMiLCJldmFsIiwicGljcyIsOSwyXQ"}})
                .status,
            404);
}

}  // namespace
}  // namespace tbx::plugins
