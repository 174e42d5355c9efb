// Tests of the hparams plugin on hand-built sessions: the experiment (merged
// summaries, inferred hparams and metrics, hparamsLimit), session_groups
// (statuses, every filter kind, sorting with missing and NaN values,
// aggregation, paging, includeInResult), metric_evals, download_data, and bad
// requests. Every expected value below was worked out by hand from the
// fixture.
#include <cmath>
#include <limits>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "plugins/hparams/hparams_data.h"
#include "plugins/hparams/hparams_plugin.h"
#include "proto/hparams_api.pb.h"
#include "proto/hparams_plugin_data.pb.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

namespace hp = ::tensorboard::hparams;
using ::nlohmann::json;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;

constexpr char kNan[] = "NaN";

// Writes an hparams summary (tag `tag` in `run`) whose content is `data`.
void AddHParamsSummary(FakeDataProvider& provider, const std::string& run,
                       const std::string& tag,
                       const hp::HParamsPluginData& data) {
  provider.AddTensor(run, tag, "hparams", 0, 0, Tensor{});
  TagMetadata metadata;
  metadata.plugin_name = "hparams";
  metadata.plugin_content = data.SerializeAsString();
  metadata.data_class = DataClass::kTensor;
  provider.SetMetadata(run, tag, metadata);
}

struct SessionSpec {
  std::string run;
  std::string group;
  json hparams;                      // name -> number, string or bool
  std::optional<hp::Status> status;  // none: no session_end_info
};

void AddSession(FakeDataProvider& provider, const SessionSpec& spec) {
  hp::HParamsPluginData start;
  hp::SessionStartInfo* info = start.mutable_session_start_info();
  info->set_group_name(spec.group);
  info->set_start_time_secs(1000);
  for (const auto& [name, value] : spec.hparams.items()) {
    google::protobuf::Value& v = (*info->mutable_hparams())[name];
    if (value.is_boolean()) {
      v.set_bool_value(value.get<bool>());
    } else if (value.is_number()) {
      v.set_number_value(value.get<double>());
    } else if (value == kNan) {
      v.set_number_value(std::numeric_limits<double>::quiet_NaN());
    } else {
      v.set_string_value(value.get<std::string>());
    }
  }
  AddHParamsSummary(provider, spec.run, "_hparams_/session_start_info", start);
  if (spec.status.has_value()) {
    hp::HParamsPluginData end;
    end.mutable_session_end_info()->set_status(*spec.status);
    end.mutable_session_end_info()->set_end_time_secs(2000);
    AddHParamsSummary(provider, spec.run, "_hparams_/session_end_info", end);
  }
}

// Four sessions, no experiment summary:
//   a: lr 0.1,  opt adam, SUCCESS; acc 0.5 then 0.9 (step 10); eval/loss 0.3
//   b: lr 0.01, opt sgd,  FAILURE; acc 0.7 (step 5)
//   c: lr 1.0,  opt adam, no end info (UNKNOWN); acc 0.8; eval/loss 0.2
//   d: no lr,   opt sgd,  RUNNING; acc NaN
class HParamsPluginTest : public ::testing::Test {
 protected:
  HParamsPluginTest() {
    AddSession(provider_,
               {"a", "", {{"lr", 0.1}, {"opt", "adam"}}, hp::STATUS_SUCCESS});
    AddSession(provider_,
               {"b", "", {{"lr", 0.01}, {"opt", "sgd"}}, hp::STATUS_FAILURE});
    AddSession(provider_, {"c", "", {{"lr", 1.0}, {"opt", "adam"}}, {}});
    AddSession(provider_, {"d", "", {{"opt", "sgd"}}, hp::STATUS_RUNNING});
    provider_.AddScalar("a", "acc", 0, 100, 0.5);
    provider_.AddScalar("a", "acc", 10, 110, 0.9);
    provider_.AddScalar("a/eval", "loss", 10, 111, 0.3);
    provider_.AddScalar("b", "acc", 5, 205, 0.7);
    provider_.AddScalar("c", "acc", 7, 307, 0.8);
    provider_.AddScalar("c/eval", "loss", 7, 308, 0.2);
    provider_.AddScalar("d", "acc", 3, 403,
                        std::numeric_limits<double>::quiet_NaN());
    // A scalar outside every session is no metric.
    provider_.AddScalar("elsewhere", "other", 0, 1, 1);
  }

  Response Post(const std::string& route, const std::string& body) {
    for (Route& r : plugin_.Routes()) {
      if (r.path == "/data/plugin/hparams/" + route) {
        Request request;
        request.method = "POST";
        request.path = r.path;
        request.body = body;
        request.content_type = "application/json";
        return r.handler(request);
      }
    }
    ADD_FAILURE() << "no route " << route;
    return Response::NotFound("");
  }

  json Groups(json request) {
    if (!request.contains("allowedStatuses")) {
      request["allowedStatuses"] = {"STATUS_UNKNOWN", "STATUS_SUCCESS",
                                    "STATUS_FAILURE", "STATUS_RUNNING"};
    }
    if (!request.contains("sliceSize")) request["sliceSize"] = 100;
    const Response response = Post("session_groups", request.dump());
    EXPECT_EQ(response.status, 200) << response.body;
    return JsonBody(response);
  }

  // The group names of a session_groups answer, in order.
  static std::vector<std::string> NamesOf(const json& answer) {
    std::vector<std::string> names;
    for (const json& g : answer["sessionGroups"]) names.push_back(g["name"]);
    return names;
  }

  FakeDataProvider provider_;
  HParamsPlugin plugin_{&provider_};
};

using Names = std::vector<std::string>;  // expected group names

TEST_F(HParamsPluginTest, ExperimentIsInferredFromSessionsAndScalars) {
  const json e = JsonBody(Post("experiment", R"({"experimentName": ""})"));
  ASSERT_EQ(e["hparamInfos"].size(), 2u);
  EXPECT_EQ(e["hparamInfos"][0]["name"], "lr");
  EXPECT_EQ(e["hparamInfos"][0]["type"], "DATA_TYPE_FLOAT64");
  EXPECT_EQ(e["hparamInfos"][0]["domainInterval"],
            json({{"minValue", 0.01}, {"maxValue", 1.0}}));
  EXPECT_EQ(e["hparamInfos"][0]["differs"], true);
  EXPECT_EQ(e["hparamInfos"][1]["name"], "opt");
  EXPECT_EQ(e["hparamInfos"][1]["type"], "DATA_TYPE_STRING");
  EXPECT_EQ(e["hparamInfos"][1]["domainDiscrete"], json({"adam", "sgd"}));
  // Sorted by (tag, group); "elsewhere" is under no session.
  ASSERT_EQ(e["metricInfos"].size(), 2u);
  EXPECT_EQ(e["metricInfos"][0]["name"], json({{"group", ""}, {"tag", "acc"}}));
  EXPECT_EQ(e["metricInfos"][1]["name"],
            json({{"group", "eval"}, {"tag", "loss"}}));
}

TEST_F(HParamsPluginTest, ExperimentOptions) {
  const json without =
      JsonBody(Post("experiment", R"({"includeMetrics": false})"));
  EXPECT_EQ(without["metricInfos"], json::array());
  const json limited = JsonBody(Post("experiment", R"({"hparamsLimit": 1})"));
  ASSERT_EQ(limited["hparamInfos"].size(), 1u);
  EXPECT_EQ(limited["hparamInfos"][0]["name"], "lr");
  // 0 is no limit; a negative one drops that many from the end, as the
  // Python slice TensorBoard applies; past the size, nothing is left.
  EXPECT_EQ(
      JsonBody(Post("experiment", R"({"hparamsLimit": 0})"))["hparamInfos"]
          .size(),
      2u);
  const json negative = JsonBody(Post("experiment", R"({"hparamsLimit": -1})"));
  ASSERT_EQ(negative["hparamInfos"].size(), 1u);
  EXPECT_EQ(negative["hparamInfos"][0]["name"], "lr");
  EXPECT_EQ(
      JsonBody(Post("experiment", R"({"hparamsLimit": -5})"))["hparamInfos"]
          .size(),
      0u);
}

TEST_F(HParamsPluginTest, EveryGroupWithItsSessionAndMetrics) {
  const json answer = Groups({});
  EXPECT_EQ(answer["totalSize"], 4);
  EXPECT_EQ(NamesOf(answer), Names({"a", "b", "c", "d"}));
  const json& a = answer["sessionGroups"][0];
  EXPECT_EQ(a["hparams"], json({{"lr", 0.1}, {"opt", "adam"}}));
  ASSERT_EQ(a["metricValues"].size(), 2u);
  EXPECT_EQ(a["metricValues"][0]["value"], 0.9);
  EXPECT_EQ(a["metricValues"][0]["trainingStep"], 10);
  EXPECT_EQ(a["metricValues"][0]["wallTimeSecs"], 110.0);
  EXPECT_EQ(a["metricValues"][1]["name"]["group"], "eval");
  EXPECT_EQ(a["metricValues"][1]["value"], 0.3);
  EXPECT_EQ(a["sessions"][0]["status"], "STATUS_SUCCESS");
  EXPECT_EQ(a["sessions"][0]["endTimeSecs"], 2000.0);
  // c wrote no end info: unknown status, end time 0.
  EXPECT_EQ(answer["sessionGroups"][2]["sessions"][0]["status"],
            "STATUS_UNKNOWN");
  EXPECT_EQ(answer["sessionGroups"][2]["sessions"][0]["endTimeSecs"], 0.0);
  // d's metric is NaN, written as the string.
  EXPECT_EQ(answer["sessionGroups"][3]["metricValues"][0]["value"], kNan);
  // includeMetrics false: no metric values anywhere.
  const json bare = Groups({{"includeMetrics", false}});
  EXPECT_EQ(bare["sessionGroups"][0]["metricValues"], json::array());
  EXPECT_EQ(bare["sessionGroups"][0]["sessions"][0]["metricValues"],
            json::array());
}

TEST_F(HParamsPluginTest, AllowedStatuses) {
  EXPECT_EQ(
      NamesOf(Groups({{"allowedStatuses", json::array({"STATUS_SUCCESS"})}})),
      Names({"a"}));
  EXPECT_EQ(NamesOf(Groups(
                {{"allowedStatuses", {"STATUS_UNKNOWN", "STATUS_RUNNING"}}})),
            Names({"c", "d"}));
  EXPECT_EQ(Groups({{"allowedStatuses", json::array()}})["totalSize"], 0);
}

TEST_F(HParamsPluginTest, SortByHParamWithMissingValues) {
  EXPECT_EQ(NamesOf(Groups(
                {{"colParams", {{{"hparam", "lr"}, {"order", "ORDER_ASC"}}}}})),
            Names({"b", "a", "c", "d"}));
  EXPECT_EQ(NamesOf(Groups({{"colParams",
                             {{{"hparam", "lr"},
                               {"order", "ORDER_ASC"},
                               {"missingValuesFirst", true}}}}})),
            Names({"d", "b", "a", "c"}));
  EXPECT_EQ(NamesOf(Groups({{"colParams",
                             {{{"hparam", "lr"}, {"order", "ORDER_DESC"}}}}})),
            Names({"c", "a", "b", "d"}));
}

TEST_F(HParamsPluginTest, SortBySeveralColumnsAndByMetric) {
  // opt descending first (sgd: b, d; adam: a, c), then lr ascending (d's
  // missing lr last).
  EXPECT_EQ(NamesOf(Groups({{"colParams",
                             {{{"hparam", "opt"}, {"order", "ORDER_DESC"}},
                              {{"hparam", "lr"}, {"order", "ORDER_ASC"}}}}})),
            Names({"b", "d", "a", "c"}));
  // acc descending: 0.9, 0.8, 0.7, then d's NaN.
  EXPECT_EQ(NamesOf(Groups(
                {{"colParams",
                  {{{"metric", {{"tag", "acc"}}}, {"order", "ORDER_DESC"}}}}})),
            Names({"a", "c", "b", "d"}));
  EXPECT_EQ(NamesOf(Groups(
                {{"colParams",
                  {{{"metric", {{"tag", "acc"}}}, {"order", "ORDER_ASC"}}}}})),
            Names({"b", "c", "a", "d"}));
}

TEST_F(HParamsPluginTest, Filters) {
  auto names = [&](const char* col_params) {
    return NamesOf(Groups({{"colParams", json::parse(col_params)}}));
  };
  EXPECT_EQ(names(R"([{"hparam": "opt", "filterRegexp": "^s"}])"),
            Names({"b", "d"}));
  // d has no lr: kept unless excludeMissingValues.
  EXPECT_EQ(names(R"([{"hparam": "lr",
                       "filterInterval": {"minValue": 0.05, "maxValue": 2}}])"),
            Names({"a", "c", "d"}));
  EXPECT_EQ(names(R"([{"hparam": "lr", "excludeMissingValues": true,
                       "filterInterval": {"minValue": 0.05, "maxValue": 2}}])"),
            Names({"a", "c"}));
  EXPECT_EQ(names(R"([{"hparam": "opt", "filterDiscrete": ["adam"]}])"),
            Names({"a", "c"}));
  EXPECT_EQ(names(R"([{"hparam": "lr", "filterDiscrete": [0.01, 1]}])"),
            Names({"b", "c", "d"}));
  // Metric interval: d's NaN does not pass; the total counts filtered groups.
  const json metric =
      Groups({{"colParams", json::parse(R"([{"metric": {"tag": "acc"},
          "filterInterval": {"minValue": 0.75, "maxValue": 1}}])")}});
  EXPECT_EQ(NamesOf(metric), Names({"a", "c"}));
  EXPECT_EQ(metric["totalSize"], 2);
  // Wrong kinds do not pass: a regexp on numbers, an interval on strings.
  EXPECT_EQ(names(R"([{"hparam": "lr", "filterRegexp": "1",
                       "excludeMissingValues": true}])"),
            Names({}));
  EXPECT_EQ(names(R"([{"hparam": "opt",
                       "filterInterval": {"minValue": 0, "maxValue": 2}}])"),
            Names({}));
}

TEST_F(HParamsPluginTest, Paging) {
  const json sort = {{{"hparam", "lr"}, {"order", "ORDER_ASC"}}};
  const json page =
      Groups({{"colParams", sort}, {"startIndex", 1}, {"sliceSize", 2}});
  EXPECT_EQ(NamesOf(page), Names({"a", "c"}));
  EXPECT_EQ(page["totalSize"], 4);
  EXPECT_EQ(NamesOf(Groups({{"colParams", sort}, {"startIndex", 3}})),
            Names({"d"}));
  EXPECT_EQ(Groups({{"startIndex", 10}})["sessionGroups"], json::array());
  EXPECT_EQ(Groups({{"sliceSize", 0}})["sessionGroups"], json::array());
}

TEST_F(HParamsPluginTest, IncludeInResultTrimsHParams) {
  const json answer =
      Groups({{"colParams",
               {{{"hparam", "lr"}, {"includeInResult", true}},
                {{"hparam", "opt"}, {"includeInResult", false}}}}});
  EXPECT_EQ(answer["sessionGroups"][0]["hparams"], json({{"lr", 0.1}}));
}

TEST_F(HParamsPluginTest, MetricEvalsServesTheWholeSeries) {
  const Response response = Post(
      "metric_evals",
      R"({"sessionName": "a", "metricName": {"tag": "loss", "group": "eval"}})");
  EXPECT_EQ(JsonBody(response), json::parse("[[111.0, 10, 0.3]]"));
  EXPECT_EQ(
      JsonBody(Post("metric_evals",
                    R"({"sessionName": "a", "metricName": {"tag": "acc"}})")),
      json::parse("[[100.0, 0, 0.5], [110.0, 10, 0.9]]"));
  EXPECT_EQ(Post("metric_evals",
                 R"({"sessionName": "zz", "metricName": {"tag": "acc"}})")
                .status,
            404);
}

TEST_F(HParamsPluginTest, GetWithRequestParameter) {
  const Response response =
      ::tbx::testing::Call(plugin_, "/data/plugin/hparams/session_groups",
                           {{"request",
                             R"({"allowedStatuses": ["STATUS_SUCCESS"],
                                 "sliceSize": 5})"}});
  EXPECT_EQ(NamesOf(JsonBody(response)), Names({"a"}));
}

TEST_F(HParamsPluginTest, DownloadCsvJsonLatex) {
  const std::string request =
      R"({"allowedStatuses": ["STATUS_SUCCESS", "STATUS_FAILURE"],
          "colParams": [{"hparam": "lr", "order": "ORDER_ASC"}],
          "sliceSize": 10})";
  const Response csv =
      ::tbx::testing::Call(plugin_, "/data/plugin/hparams/download_data",
                           {{"format", "csv"},
                            {"columnsVisibility", "[true, true, true, true]"},
                            {"request", request}});
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body,
            "lr,opt,acc,loss\r\n0.01,sgd,0.7,\r\n0.1,adam,0.9,0.3\r\n");
  const Response json_body =
      ::tbx::testing::Call(plugin_, "/data/plugin/hparams/download_data",
                           {{"format", "json"},
                            {"columnsVisibility", "[false, true, true]"},
                            {"request", request}});
  EXPECT_EQ(JsonBody(json_body), json::parse(R"({"header": ["opt", "acc"],
                            "rows": [["sgd", 0.7], ["adam", 0.9]]})"));
  const Response latex =
      ::tbx::testing::Call(plugin_, "/data/plugin/hparams/download_data",
                           {{"format", "latex"},
                            {"columnsVisibility", "[true, true, false, true]"},
                            {"request", request}});
  EXPECT_EQ(latex.body,
            "\\begin{table}[tbp]\n\\begin{tabular}{lll}\n"
            "lr & opt & loss \\\\ \\hline\n"
            "$0.01$ & sgd & - \\\\\n"
            "$0.1$ & adam & $0.3$ \\\\\n"
            "\\hline\n\\end{tabular}\n\\end{table}\n");
}

TEST_F(HParamsPluginTest, BadRequestsAre400) {
  EXPECT_EQ(Post("experiment", "{not json").status, 400);
  EXPECT_EQ(Post("experiment", R"({"bogusField": 1})").status, 400);
  EXPECT_EQ(Post("experiment", "").status, 400);
  EXPECT_EQ(Post("session_groups", R"({"startIndex": "x"})").status, 400);
  EXPECT_EQ(Post("session_groups", R"({"colParams": [{"order": "ORDER_ASC"}]})")
                .status,
            400);
  EXPECT_EQ(Post("session_groups",
                 R"({"colParams": [{"hparam": "opt", "filterRegexp": "("}]})")
                .status,
            400);
  EXPECT_EQ(
      Post("session_groups", R"({"allowedStatuses": ["STATUS_BOGUS"]})").status,
      400);
  const Response error = Post("session_groups", R"({"nope": 1})");
  EXPECT_NE(error.body.find("error"), std::string::npos);
  EXPECT_EQ(::tbx::testing::Call(plugin_, "/data/plugin/hparams/session_groups")
                .status,
            400);
  EXPECT_EQ(::tbx::testing::Call(plugin_, "/data/plugin/hparams/download_data",
                                 {{"format", "xml"}, {"request", "{}"}})
                .status,
            400);
  EXPECT_EQ(::tbx::testing::Call(plugin_, "/data/plugin/hparams/download_data",
                                 {{"format", "csv"},
                                  {"columnsVisibility", "[1, 2]"},
                                  {"request", "{}"}})
                .status,
            400);
}

// Three seeds of one configuration in group "g" (acc 0.2 / 0.6 / 0.4 at
// steps 10 / 20 / 31), and group "h" whose only session has no acc.
class AggregationTest : public ::testing::Test {
 protected:
  AggregationTest() {
    AddSession(provider_, {"s2", "g", {{"lr", 0.5}}, hp::STATUS_SUCCESS});
    AddSession(provider_, {"s1", "g", {{"lr", 0.5}}, hp::STATUS_SUCCESS});
    AddSession(provider_, {"s3", "g", {{"lr", 0.5}}, hp::STATUS_SUCCESS});
    AddSession(provider_, {"t1", "h", {{"lr", 0.7}}, hp::STATUS_SUCCESS});
    provider_.AddScalar("s1", "acc", 10, 100, 0.2);
    provider_.AddScalar("s2", "acc", 20, 200, 0.6);
    provider_.AddScalar("s3", "acc", 31, 300, 0.4);
    provider_.AddScalar("t1", "loss", 4, 50, 1.5);
  }

  json Groups(const std::string& aggregation) {
    json request = {{"allowedStatuses", json::array({"STATUS_SUCCESS"})},
                    {"sliceSize", 10},
                    {"aggregationType", aggregation},
                    {"aggregationMetric", {{"tag", "acc"}}}};
    for (Route& r : plugin_.Routes()) {
      if (r.path != "/data/plugin/hparams/session_groups") continue;
      Request http;
      http.method = "POST";
      http.body = request.dump();
      return JsonBody(r.handler(http));
    }
    return json();
  }

  FakeDataProvider provider_;
  HParamsPlugin plugin_{&provider_};
};

TEST_F(AggregationTest, AverageOfEveryMetric) {
  const json answer = Groups("AGGREGATION_AVG");
  const json& g = answer["sessionGroups"][0];
  EXPECT_EQ(g["name"], "g");
  ASSERT_EQ(g["sessions"].size(), 3u);
  EXPECT_EQ(g["sessions"][0]["name"], "s1");
  EXPECT_EQ(g["sessions"][2]["name"], "s3");
  ASSERT_EQ(g["metricValues"].size(), 1u);
  EXPECT_NEAR(g["metricValues"][0]["value"].get<double>(), 0.4, 1e-12);
  EXPECT_EQ(g["metricValues"][0]["trainingStep"], 20);  // 61 // 3
  EXPECT_EQ(g["metricValues"][0]["wallTimeSecs"], 200.0);
  // h: only its loss.
  const json& h = answer["sessionGroups"][1];
  ASSERT_EQ(h["metricValues"].size(), 1u);
  EXPECT_EQ(h["metricValues"][0]["name"]["tag"], "loss");
  EXPECT_EQ(h["metricValues"][0]["value"], 1.5);
}

TEST_F(AggregationTest, RepresentativeSession) {
  const json median = Groups("AGGREGATION_MEDIAN")["sessionGroups"][0];
  EXPECT_EQ(median["metricValues"][0]["value"], 0.4);
  EXPECT_EQ(median["metricValues"][0]["trainingStep"], 31);
  const json min = Groups("AGGREGATION_MIN")["sessionGroups"][0];
  EXPECT_EQ(min["metricValues"][0]["value"], 0.2);
  EXPECT_EQ(min["metricValues"][0]["trainingStep"], 10);
  const json max = Groups("AGGREGATION_MAX")["sessionGroups"][0];
  EXPECT_EQ(max["metricValues"][0]["value"], 0.6);
  EXPECT_EQ(max["metricValues"][0]["trainingStep"], 20);
  // h has no acc: no representative session, no metric values (TensorBoard
  // answers 500 here).
  EXPECT_EQ(Groups("AGGREGATION_MEDIAN")["sessionGroups"][1]["metricValues"],
            json::array());
}

// The request fields whose numbers and presence were checked against
// TensorBoard's api.proto (the numbers below are copied from it by hand).
TEST(HParamsProtoTest, FieldNumbersAndPresenceAreTensorBoards) {
  struct Expected {
    const google::protobuf::Descriptor* message;
    const char* field;
    int number;
    // `optional`, a message or a oneof member in TensorBoard's proto3 file.
    bool explicit_presence;
  };
  const Expected fields[] = {
      {hp::GetExperimentRequest::descriptor(), "experiment_name", 1, false},
      {hp::GetExperimentRequest::descriptor(), "include_metrics", 2, true},
      {hp::GetExperimentRequest::descriptor(), "hparams_limit", 3, true},
      {hp::ListSessionGroupsRequest::descriptor(), "col_params", 1, false},
      {hp::ListSessionGroupsRequest::descriptor(), "aggregation_type", 2,
       false},
      {hp::ListSessionGroupsRequest::descriptor(), "aggregation_metric", 3,
       true},
      {hp::ListSessionGroupsRequest::descriptor(), "start_index", 4, false},
      {hp::ListSessionGroupsRequest::descriptor(), "slice_size", 5, false},
      {hp::ListSessionGroupsRequest::descriptor(), "experiment_name", 6, false},
      {hp::ListSessionGroupsRequest::descriptor(), "allowed_statuses", 7,
       false},
      {hp::ListSessionGroupsRequest::descriptor(), "include_metrics", 8, true},
      {hp::ColParams::descriptor(), "metric", 1, true},
      {hp::ColParams::descriptor(), "hparam", 2, true},
      {hp::ColParams::descriptor(), "order", 3, false},
      {hp::ColParams::descriptor(), "missing_values_first", 4, false},
      {hp::ColParams::descriptor(), "filter_regexp", 5, true},
      {hp::ColParams::descriptor(), "filter_interval", 6, true},
      {hp::ColParams::descriptor(), "filter_discrete", 7, true},
      {hp::ColParams::descriptor(), "exclude_missing_values", 8, false},
      {hp::ColParams::descriptor(), "include_in_result", 9, true},
      {hp::HParamInfo::descriptor(), "differs", 7, false},
      {hp::ListSessionGroupsResponse::descriptor(), "total_size", 3, false},
      {hp::ListMetricEvalsRequest::descriptor(), "experiment_name", 3, false},
      {hp::ListMetricEvalsRequest::descriptor(), "session_name", 1, false},
      {hp::ListMetricEvalsRequest::descriptor(), "metric_name", 2, true},
  };
  for (const Expected& e : fields) {
    const google::protobuf::FieldDescriptor* field =
        e.message->FindFieldByName(e.field);
    ASSERT_NE(field, nullptr) << e.message->name() << "." << e.field;
    EXPECT_EQ(field->number(), e.number) << e.message->name() << "." << e.field;
    EXPECT_EQ(field->has_presence(), e.explicit_presence)
        << e.message->name() << "." << e.field;
  }
}

TEST(HParamsExperimentTest, EverySummaryIsMerged) {
  FakeDataProvider provider;
  hp::HParamsPluginData first;
  hp::Experiment* e1 = first.mutable_experiment();
  e1->set_time_created_secs(7);
  hp::HParamInfo* batch = e1->add_hparam_infos();
  batch->set_name("batch");
  batch->set_type(hp::DATA_TYPE_FLOAT64);
  batch->mutable_domain_discrete()->add_values()->set_number_value(16);
  batch->mutable_domain_discrete()->add_values()->set_number_value(32);
  hp::HParamInfo* lr = e1->add_hparam_infos();
  lr->set_name("lr");
  lr->mutable_domain_interval()->set_min_value(0.1);
  lr->mutable_domain_interval()->set_max_value(0.5);
  e1->add_metric_infos()->mutable_name()->set_tag("acc");
  hp::HParamsPluginData second = first;
  hp::Experiment* e2 = second.mutable_experiment();
  e2->set_time_created_secs(9);
  e2->mutable_hparam_infos(0)->mutable_domain_discrete()->Clear();
  e2->mutable_hparam_infos(0)
      ->mutable_domain_discrete()
      ->add_values()
      ->set_number_value(64);
  e2->mutable_hparam_infos(1)->mutable_domain_interval()->set_min_value(0.01);
  e2->add_hparam_infos()->set_name("dropout");
  e2->add_metric_infos()->mutable_name()->set_tag("loss");
  AddHParamsSummary(provider, "x", "_hparams_/experiment", first);
  AddHParamsSummary(provider, "y", "_hparams_/experiment", second);
  HParamsPlugin plugin(&provider);
  const json e = JsonBody(::tbx::testing::Call(
      plugin, "/data/plugin/hparams/experiment", {{"request", "{}"}}));
  EXPECT_EQ(e["timeCreatedSecs"], 7.0);
  ASSERT_EQ(e["hparamInfos"].size(), 3u);
  EXPECT_EQ(e["hparamInfos"][0]["name"], "batch");
  EXPECT_EQ(e["hparamInfos"][0]["domainDiscrete"], json({16.0, 32.0, 64.0}));
  EXPECT_EQ(e["hparamInfos"][1]["name"], "dropout");
  EXPECT_EQ(e["hparamInfos"][2]["domainInterval"],
            json({{"minValue", 0.01}, {"maxValue", 0.5}}));
  ASSERT_EQ(e["metricInfos"].size(), 2u);
  EXPECT_EQ(e["metricInfos"][1]["name"]["tag"], "loss");
}

TEST(HParamsExperimentTest, NoDataGivesTheDefaultExperiment) {
  FakeDataProvider provider;
  provider.AddScalar("run", "loss", 0, 1, 1);
  HParamsPlugin plugin(&provider);
  EXPECT_FALSE(plugin.IsActive(provider));
  EXPECT_EQ(
      JsonBody(::tbx::testing::Call(plugin, "/data/plugin/hparams/experiment",
                                    {{"request", "{}"}})),
      json::parse(R"({"name": "", "description": "", "user": "",
                            "timeCreatedSecs": 0.0, "hparamInfos": [],
                            "metricInfos": []})"));
}

TEST(HParamsMetricRunTest, JoinsAndNormalizesLikeOsPath) {
  EXPECT_EQ(hparams::MetricRun("a", ""), "a");
  EXPECT_EQ(hparams::MetricRun("a/b", "eval"), "a/b/eval");
  EXPECT_EQ(hparams::MetricRun(".", "eval"), "eval");
  EXPECT_EQ(hparams::MetricRun(".", ""), ".");
  EXPECT_EQ(hparams::MetricRun("a", "../b"), "b");
}

}  // namespace
}  // namespace tbx::plugins
