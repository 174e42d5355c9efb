// Tests of the graphs plugin: TensorBoard's info flags, the GraphDef and
// RunMetadata text format (Python's float spelling), large-attribute dropping
// and its parameter errors, function-graph merging, the Keras conceptual graph,
// and tbx's explorer routes (hierarchy, node, search, trace) with their errors
// and their cache following a changed graph, and the step stats they carry
// with a `stats` tag. Expected texts are written by hand
// from protobuf's text format rules and TensorBoard's behaviour.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "plugins/graphs/graph_transform.h"
#include "plugins/graphs/graphs_plugin.h"
#include "plugins/graphs/keras_graph.h"
#include "plugins/graphs/pbtxt.h"
#include "proto/graph.pb.h"
#include "proto/run_metadata.pb.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;
using tensorboard::GraphDef;

constexpr char kPrefix[] = "/data/plugin/graphs";

std::string Path(const std::string& route) { return kPrefix + route; }

GraphDef TwoNodeGraph() {
  GraphDef graph;
  auto* x = graph.add_node();
  x->set_name("scope/x");
  x->set_op("Const");
  (*x->mutable_attr())["value"].set_f(1.0f);
  auto* y = graph.add_node();
  y->set_name("y");
  y->set_op("Relu");
  y->add_input("scope/x");
  (*y->mutable_attr())["T"].set_type(tensorboard::DT_FLOAT);
  graph.mutable_versions()->set_producer(22);
  return graph;
}

constexpr char kTwoNodeText[] =
    "node {\n"
    "  name: \"scope/x\"\n"
    "  op: \"Const\"\n"
    "  attr {\n"
    "    key: \"value\"\n"
    "    value {\n"
    "      f: 1.0\n"
    "    }\n"
    "  }\n"
    "}\n"
    "node {\n"
    "  name: \"y\"\n"
    "  op: \"Relu\"\n"
    "  input: \"scope/x\"\n"
    "  attr {\n"
    "    key: \"T\"\n"
    "    value {\n"
    "      type: DT_FLOAT\n"
    "    }\n"
    "  }\n"
    "}\n"
    "versions {\n"
    "  producer: 22\n"
    "}\n";

TEST(PbtxtTest, FloatsAreSpelledAsPythonSpellsThem) {
  EXPECT_EQ(graphs::PythonFloat32(1.0f), "1.0");
  EXPECT_EQ(graphs::PythonFloat32(0.1f), "0.1");
  EXPECT_EQ(graphs::PythonFloat32(1e-5f), "1e-05");
  EXPECT_EQ(graphs::PythonFloat32(0.123456789f), "0.12345679");
  EXPECT_EQ(graphs::PythonFloat32(1e20f), "1e+20");
  tensorboard::AttrValue value;
  value.set_s("caf\xC3\xA9 \"q\"\n");
  EXPECT_EQ(graphs::ToPbtxt(value), "s: \"caf\\303\\251 \\\"q\\\"\\n\"\n");
  EXPECT_EQ(graphs::ToPbtxt(TwoNodeGraph()), kTwoNodeText);
}

TEST(GraphTransformTest, DropsAttributesOverTheLimit) {
  GraphDef graph;
  auto* node = graph.add_node();
  node->set_name("n");
  (*node->mutable_attr())["small"].set_s("x");                      // 3 bytes
  (*node->mutable_attr())["big"].set_s(std::string(100, 'a'));      // 102 bytes
  (*node->mutable_attr())["also_big"].set_s(std::string(60, 'b'));  // 62
  graphs::DropLargeAttrs({50, "_too_large_attrs"}, &graph);
  const auto& attr = graph.node(0).attr();
  EXPECT_EQ(attr.size(), 2u);
  EXPECT_TRUE(attr.contains("small"));
  const auto& listed = attr.at("_too_large_attrs").list().s();
  EXPECT_EQ(std::vector<std::string>(listed.begin(), listed.end()),
            (std::vector<std::string>{"also_big", "big"}));
  // 3 bytes is not over a limit of 3.
  graphs::DropLargeAttrs({3, "k"}, &graph);
  EXPECT_TRUE(graph.node(0).attr().contains("small"));
}

TEST(GraphTransformTest, LimitParametersAreChecked) {
  using graphs::ParseAttrLimit;
  EXPECT_FALSE(ParseAttrLimit(std::nullopt, std::nullopt)->has_value());
  // The key alone is ignored, as in TensorBoard.
  EXPECT_FALSE(ParseAttrLimit(std::nullopt, "k")->has_value());
  auto limit = ParseAttrLimit("1024", "k");
  ASSERT_TRUE(limit.ok());
  EXPECT_EQ((*limit)->max_bytes, 1024);
  EXPECT_EQ(ParseAttrLimit("1024", std::nullopt).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseAttrLimit("0", "k").status().message(),
            "limit_attr_size must be > 0, but is 0");
  EXPECT_EQ(ParseAttrLimit("-5", "k").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseAttrLimit("ten", "k").status().message(),
            "query parameter `limit_attr_size` must be an integer");
}

TEST(GraphTransformTest, FunctionGraphsMergeUnderNumberedScopes) {
  tensorboard::RunMetadata metadata;
  for (int i = 0; i < 2; ++i) {
    GraphDef* graph =
        metadata.add_function_graphs()->mutable_pre_optimization_graph();
    graph->mutable_versions()->set_producer(7);
    auto* x = graph->add_node();
    x->set_name("x");
    auto* call = graph->add_node();
    call->set_name("call");
    call->set_op("PartitionedCall");
    call->add_input("x");
    call->add_input("^x");
    (*call->mutable_attr())["f"].mutable_func()->set_name("__inference_f_1");
    graph->mutable_library()->add_function()->mutable_signature()->set_name(
        "__inference_f_1");
    auto* gradient = graph->mutable_library()->add_gradient();
    gradient->set_function_name("f");
    gradient->set_gradient_func("g");
  }
  auto merged = graphs::MergeFunctionGraphs(metadata);
  ASSERT_TRUE(merged.ok()) << merged.status();
  ASSERT_EQ(merged->node_size(), 4);
  EXPECT_EQ(merged->node(2).name(), "graph_2/x");
  EXPECT_EQ(merged->node(3).name(), "graph_2/call");
  EXPECT_EQ(merged->node(3).input(0), "graph_2/x");
  EXPECT_EQ(merged->node(3).input(1), "graph_2/^x");  // as TensorBoard
  EXPECT_EQ(merged->node(3).attr().at("f").func().name(),
            "graph_2___inference_f_1");
  EXPECT_EQ(merged->library().function(0).signature().name(),
            "graph_1___inference_f_1");
  EXPECT_EQ(merged->library().gradient(1).function_name(), "graph_2_f");
  EXPECT_EQ(merged->library().gradient(1).gradient_func(), "graph_2_g");
  EXPECT_EQ(merged->versions().producer(), 7);

  // One graph is served unchanged; none gives an empty graph.
  tensorboard::RunMetadata one;
  *one.add_function_graphs()->mutable_pre_optimization_graph() = TwoNodeGraph();
  EXPECT_EQ(graphs::ToPbtxt(*graphs::MergeFunctionGraphs(one)), kTwoNodeText);
  EXPECT_EQ(graphs::MergeFunctionGraphs({})->node_size(), 0);

  metadata.mutable_function_graphs(1)
      ->mutable_pre_optimization_graph()
      ->mutable_versions()
      ->set_producer(8);
  EXPECT_EQ(graphs::MergeFunctionGraphs(metadata).status().message(),
            "Cannot combine GraphDefs of different versions.");
}

TEST(KerasGraphTest, SequentialLayersChainInOrder) {
  auto graph = graphs::KerasModelToGraph(R"({
    "class_name": "Sequential",
    "config": {"name": "seq", "layers": [
      {"class_name": "InputLayer", "config": {"name": "in", "dtype": "float32"}},
      {"class_name": "Dense", "config": {"name": "d1",
        "dtype": {"class_name": "DTypePolicy", "config": {"name": "float64"}}}},
      {"class_name": "Dropout", "config": {"name": "drop"}}]}})");
  ASSERT_TRUE(graph.ok()) << graph.status();
  EXPECT_EQ(graphs::ToPbtxt(*graph),
            "node {\n  name: \"seq/in\"\n  attr {\n    key: \"dtype\"\n"
            "    value {\n      type: DT_FLOAT\n    }\n  }\n"
            "  attr {\n    key: \"keras_class\"\n    value {\n"
            "      s: \"InputLayer\"\n    }\n  }\n}\n"
            "node {\n  name: \"seq/d1\"\n  input: \"seq/in\"\n"
            "  attr {\n    key: \"dtype\"\n    value {\n      type: DT_DOUBLE\n"
            "    }\n  }\n  attr {\n    key: \"keras_class\"\n    value {\n"
            "      s: \"Dense\"\n    }\n  }\n}\n"
            "node {\n  name: \"seq/drop\"\n  input: \"seq/d1\"\n"
            "  attr {\n    key: \"keras_class\"\n    value {\n"
            "      s: \"Dropout\"\n    }\n  }\n}\n");
}

TEST(KerasGraphTest, FunctionalInboundNodesAndNestedModels) {
  // A functional model whose second layer is a nested Sequential model; the
  // last layer reads the nested model's output through its name.
  auto graph = graphs::KerasModelToGraph(R"({
    "class_name": "Functional",
    "config": {"name": "m", "input_layers": [["x", 0, 0]],
      "output_layers": [["out", 0, 0]],
      "layers": [
        {"class_name": "InputLayer", "config": {"name": "x"}, "inbound_nodes": []},
        {"class_name": "Sequential", "config": {"name": "inner", "layers": [
            {"class_name": "Dense", "config": {"name": "a"}},
            {"class_name": "Dense", "config": {"name": "b"}}]},
         "inbound_nodes": [{"args": [{"config": {"keras_history": ["x", 0, 0]}}]}]},
        {"class_name": "Dense", "config": {"name": "out"},
         "inbound_nodes": [{"args": [{"config": {"keras_history": ["inner", 0, 0]}}]}]}]}})");
  ASSERT_TRUE(graph.ok()) << graph.status();
  ASSERT_EQ(graph->node_size(), 4);
  EXPECT_EQ(graph->node(0).name(), "m/x");
  EXPECT_EQ(graph->node(0).input_size(), 0);
  EXPECT_EQ(graph->node(1).name(), "m/inner/a");
  ASSERT_EQ(graph->node(1).input_size(), 1);
  EXPECT_EQ(graph->node(1).input(0), "m/x");
  EXPECT_EQ(graph->node(2).name(), "m/inner/b");
  EXPECT_EQ(graph->node(2).input(0), "m/inner/a");
  EXPECT_EQ(graph->node(3).name(), "m/out");
  EXPECT_EQ(graph->node(3).input(0), "m/inner/b");
}

TEST(KerasGraphTest, BadConfigurationsAreErrors) {
  EXPECT_EQ(graphs::KerasModelToGraph("{not json").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(graphs::KerasModelToGraph("[1, 2]").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(graphs::KerasModelToGraph(
                R"({"class_name": "Dense", "config": {"name": "d",
                    "dtype": "float99"}})")
                .status()
                .message(),
            "Cannot convert value 'float99' to a TensorFlow DType.");
}

class GraphsPluginTest : public ::testing::Test {
 protected:
  void AddRunGraph(const std::string& run, const GraphDef& graph,
                   int64_t step = 0) {
    provider_.AddBlobs(run, "__run_graph__", "graphs", step, 100.0 + step,
                       {graph.SerializeAsString()});
  }

  FakeDataProvider provider_;
  GraphsPlugin plugin_{&provider_};
};

TEST_F(GraphsPluginTest, InfoSetsTensorBoardsFlags) {
  AddRunGraph("a", TwoNodeGraph());
  provider_.AddBlobs("a", "step1", "graph_tagged_run_metadata", 0, 1, {""});
  provider_.AddBlobs("b", "keras", "graph_keras_model", 0, 1, {"{}"});
  provider_.SetMetadata(
      "b", "keras",
      {"graph_keras_model", "1", "", "", DataClass::kBlobSequence});
  provider_.AddBlobs("b", "trace", "graph_run_metadata", 0, 1, {""});
  provider_.SetMetadata(
      "b", "trace",
      {"graph_run_metadata", "1", "", "", DataClass::kBlobSequence});
  // Without plugin content "1" a run-metadata summary is ignored.
  provider_.AddBlobs("b", "old", "graph_run_metadata_graph", 0, 1, {""});
  const nlohmann::json info = JsonBody(Call(plugin_, Path("/info")));
  EXPECT_EQ(info, nlohmann::json::parse(R"({
    "a": {"run": "a", "run_graph": true, "tags": {
      "step1": {"tag": "step1", "conceptual_graph": false, "op_graph": false, "profile": true}}},
    "b": {"run": "b", "run_graph": false, "tags": {
      "keras": {"tag": "keras", "conceptual_graph": true, "op_graph": false, "profile": false},
      "trace": {"tag": "trace", "conceptual_graph": false, "op_graph": true, "profile": true}}}})"));
}

TEST_F(GraphsPluginTest, GraphIsTextFormat) {
  AddRunGraph("a", TwoNodeGraph());
  Response response = Call(plugin_, Path("/graph"), {{"run", "a"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/x-protobuf; charset=utf-8");
  EXPECT_EQ(response.body, kTwoNodeText);
  // The float attribute is 5 bytes as an AttrValue (tag and fixed32), over a
  // limit of 4; the type attribute (2 bytes) stays.
  response = Call(
      plugin_, Path("/graph"),
      {{"run", "a"}, {"limit_attr_size", "4"}, {"large_attrs_key", "_big"}});
  EXPECT_NE(response.body.find("key: \"_big\"\n    value {\n      list {\n"
                               "        s: \"value\"\n"),
            std::string::npos)
      << response.body;
}

// What the plugin says of a run graph stored as the three bytes ff ff ff.
constexpr char kBadGraphError[] =
    "the graph of run 'bad' is not a valid GraphDef (3 bytes that do not "
    "decode as a protobuf message; the file may be truncated or damaged)";

TEST_F(GraphsPluginTest, GraphErrors) {
  AddRunGraph("a", TwoNodeGraph());
  EXPECT_EQ(Call(plugin_, Path("/graph")).status, 400);
  EXPECT_EQ(Call(plugin_, Path("/graph"), {{"run", "nope"}}).status, 404);
  EXPECT_EQ(Call(plugin_, Path("/graph"), {{"run", "a"}, {"tag", "t"}}).status,
            404);
  EXPECT_EQ(
      Call(plugin_, Path("/graph"), {{"run", "a"}, {"limit_attr_size", "5"}})
          .status,
      400);
  EXPECT_EQ(
      Call(plugin_, Path("/graph"),
           {{"run", "a"}, {"limit_attr_size", "0"}, {"large_attrs_key", "k"}})
          .status,
      400);
  provider_.AddBlobs("bad", "__run_graph__", "graphs", 0, 1, {"\xff\xff\xff"});
  Response bad = Call(plugin_, Path("/graph"), {{"run", "bad"}});
  EXPECT_EQ(bad.status, 500);
  EXPECT_EQ(JsonBody(bad)["error"], kBadGraphError);
  Response hierarchy = Call(plugin_, Path("/hierarchy"), {{"run", "bad"}});
  EXPECT_EQ(hierarchy.status, 500);
  // The failure is listed for /data/status under its run.
  const auto problems = plugin_.DataProblems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].first, "bad");
  EXPECT_EQ(problems[0].second, absl::StrCat("graph: ", kBadGraphError));
}

TEST_F(GraphsPluginTest, UndecodableGraphsAreListedBeforeAnyRequest) {
  AddRunGraph("good", TwoNodeGraph());
  provider_.AddBlobs("bad", "__run_graph__", "graphs", 0, 1, {"\xff\xff\xff"});
  provider_.AddBlobs("k", "keras", "graph_keras_model", 0, 1, {"not json"});
  const auto problems = plugin_.DataProblems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].first, "bad");
  EXPECT_EQ(problems[0].second, absl::StrCat("graph: ", kBadGraphError));
  EXPECT_EQ(problems[1].first, "k");
  EXPECT_TRUE(
      absl::StartsWith(problems[1].second, "conceptual graph 'keras': "))
      << problems[1].second;
  // A later step that decodes replaces the bad one.
  provider_.AddBlobs("bad", "__run_graph__", "graphs", 1, 2,
                     {TwoNodeGraph().SerializeAsString()});
  const auto after = plugin_.DataProblems();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].first, "k");
}

TEST_F(GraphsPluginTest, HierarchyProblemsAreListedForStatus) {
  GraphDef graph;
  auto* node = graph.add_node();
  node->set_name("a");
  node->add_input("gone");
  AddRunGraph("r", graph);
  EXPECT_TRUE(plugin_.DataProblems().empty());  // not built yet
  EXPECT_EQ(Call(plugin_, Path("/hierarchy"), {{"run", "r"}}).status, 200);
  const auto problems = plugin_.DataProblems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].first, "r");
  EXPECT_EQ(problems[0].second,
            "graph: 1 input(s) name missing nodes (first: 'gone' (input of "
            "'a')); they are not drawn");
}

TEST_F(GraphsPluginTest, RunMetadataAndOpGraphOfATag) {
  tensorboard::RunMetadata metadata;
  metadata.mutable_step_stats()->add_dev_stats()->set_device("/device:CPU:0");
  *metadata.add_function_graphs()->mutable_pre_optimization_graph() =
      TwoNodeGraph();
  provider_.AddBlobs("a", "step1", "graph_tagged_run_metadata", 0, 1,
                     {metadata.SerializeAsString()});
  Response response =
      Call(plugin_, Path("/run_metadata"), {{"run", "a"}, {"tag", "step1"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.starts_with(
      "step_stats {\n  dev_stats {\n    device: \"/device:CPU:0\"\n  }\n}\n"))
      << response.body;
  EXPECT_EQ(Call(plugin_, Path("/run_metadata"), {{"run", "a"}}).status, 400);
  EXPECT_EQ(Call(plugin_, Path("/run_metadata"), {{"tag", "step1"}}).status,
            400);
  EXPECT_EQ(
      Call(plugin_, Path("/run_metadata"), {{"run", "a"}, {"tag", "x"}}).status,
      404);
  // The op graph of a tag comes from graph_run_metadata(_graph) only.
  EXPECT_EQ(
      Call(plugin_, Path("/graph"), {{"run", "a"}, {"tag", "step1"}}).status,
      404);
  provider_.AddBlobs("a", "trace", "graph_run_metadata_graph", 0, 1,
                     {metadata.SerializeAsString()});
  response = Call(plugin_, Path("/graph"), {{"run", "a"}, {"tag", "trace"}});
  EXPECT_EQ(response.body, kTwoNodeText);
}

TEST_F(GraphsPluginTest, ConceptualGraphFromKeras) {
  provider_.AddBlobs("k", "keras", "graph_keras_model", 0, 1,
                     {R"({"class_name": "Dense", "config": {"name": "d"}})"});
  Response response =
      Call(plugin_, Path("/graph"),
           {{"run", "k"}, {"tag", "keras"}, {"conceptual", "true"}});
  EXPECT_EQ(response.body,
            "node {\n  name: \"d\"\n  attr {\n    key: \"keras_class\"\n"
            "    value {\n      s: \"Dense\"\n    }\n  }\n}\n");
  EXPECT_EQ(
      Call(plugin_, Path("/graph"), {{"run", "k"}, {"conceptual", "true"}})
          .status,
      404);
}

TEST_F(GraphsPluginTest, HierarchyServesOneGroupAtATime) {
  AddRunGraph("a", TwoNodeGraph());
  nlohmann::json root =
      JsonBody(Call(plugin_, Path("/hierarchy"), {{"run", "a"}}));
  EXPECT_EQ(root["graph"]["nodes"], 2);
  EXPECT_EQ(root["graph"]["edges"], 1);
  EXPECT_EQ(root["group"]["id"], 0);
  ASSERT_EQ(root["children"].size(), 2u);
  EXPECT_EQ(root["children"][0]["label"], "scope");
  EXPECT_EQ(root["children"][0]["kind"], "scope");
  EXPECT_EQ(root["children"][1]["label"], "y");
  EXPECT_EQ(root["children"][1]["op"], "Relu");
  ASSERT_EQ(root["edges"].size(), 1u);
  EXPECT_EQ(root["edges"][0]["source"], root["children"][0]["id"]);
  EXPECT_EQ(root["edges"][0]["target"], root["children"][1]["id"]);
  const int scope = root["children"][0]["id"];
  nlohmann::json group =
      JsonBody(Call(plugin_, Path("/hierarchy"),
                    {{"run", "a"}, {"group", std::to_string(scope)}}));
  ASSERT_EQ(group["children"].size(), 1u);
  EXPECT_EQ(group["children"][0]["name"], "scope/x");
  EXPECT_EQ(group["children"][0]["ext_out"], 1);
  EXPECT_EQ(group["group"]["ancestors"], nlohmann::json::array({0}));
  EXPECT_FALSE(group.contains("graph"));
  EXPECT_EQ(
      Call(plugin_, Path("/hierarchy"), {{"run", "a"}, {"group", "99"}}).status,
      404);
  const int op = root["children"][1]["id"];
  EXPECT_EQ(Call(plugin_, Path("/hierarchy"),
                 {{"run", "a"}, {"group", std::to_string(op)}})
                .status,
            400);
  EXPECT_EQ(Call(plugin_, Path("/hierarchy"), {{"run", "zz"}}).status, 404);
}

TEST_F(GraphsPluginTest, HierarchyFollowsANewGraph) {
  AddRunGraph("a", TwoNodeGraph());
  EXPECT_EQ(JsonBody(Call(plugin_, Path("/hierarchy"),
                          {{"run", "a"}}))["graph"]["nodes"],
            2);
  GraphDef bigger = TwoNodeGraph();
  bigger.add_node()->set_name("z");
  AddRunGraph("a", bigger, 1);
  EXPECT_EQ(JsonBody(Call(plugin_, Path("/hierarchy"),
                          {{"run", "a"}}))["graph"]["nodes"],
            3);
}

TEST_F(GraphsPluginTest, NodeSearchAndTrace) {
  AddRunGraph("a", TwoNodeGraph());
  nlohmann::json node =
      JsonBody(Call(plugin_, Path("/node"), {{"run", "a"}, {"name", "y"}}));
  EXPECT_EQ(node["op"], "Relu");
  EXPECT_EQ(node["attrs"], nlohmann::json::parse(
                               R"([{"key": "T", "value": "type: DT_FLOAT",
                                    "bytes": 2, "large": false}])"));
  ASSERT_EQ(node["inputs"].size(), 1u);
  EXPECT_EQ(node["inputs"][0]["name"], "scope/x");
  nlohmann::json x = JsonBody(
      Call(plugin_, Path("/node"),
           {{"run", "a"},
            {"id", std::to_string(node["inputs"][0]["id"].get<int>())}}));
  EXPECT_EQ(x["name"], "scope/x");
  EXPECT_EQ(x["outputs"][0]["name"], "y");
  EXPECT_EQ(Call(plugin_, Path("/node"), {{"run", "a"}, {"name", "q"}}).status,
            404);

  nlohmann::json found = JsonBody(
      Call(plugin_, Path("/search"), {{"run", "a"}, {"q", "^sc.*X$"}}));
  EXPECT_EQ(found["total"], 1);
  EXPECT_EQ(found["matches"][0]["name"], "scope/x");
  EXPECT_EQ(found["matches"][0]["ancestors"].size(), 2u);
  found =
      JsonBody(Call(plugin_, Path("/search"), {{"run", "a"}, {"q", "relu"}}));
  EXPECT_EQ(found["matches"][0]["name"], "y");  // by op type
  EXPECT_EQ(Call(plugin_, Path("/search"), {{"run", "a"}, {"q", "("}}).status,
            400);

  nlohmann::json trace = JsonBody(
      Call(plugin_, Path("/trace"),
           {{"run", "a"}, {"id", std::to_string(node["id"].get<int>())}}));
  EXPECT_EQ(trace["ops"], 2);
  // root, scope, scope/x, y.
  EXPECT_EQ(trace["items"].size(), 4u);
}

TEST_F(GraphsPluginTest, HierarchyAndNodeCarryStepStats) {
  AddRunGraph("a", TwoNodeGraph());
  auto add_stats = [&](int64_t step, int64_t x_micros) {
    tensorboard::RunMetadata metadata;
    auto* device = metadata.mutable_step_stats()->add_dev_stats();
    device->set_device("/device:GPU:0");
    auto* x = device->add_node_stats();
    x->set_node_name("scope/x");
    x->set_all_start_micros(10);
    x->set_all_end_rel_micros(x_micros);
    x->add_memory()->set_total_bytes(256);
    auto* y = device->add_node_stats();
    y->set_node_name("y");
    y->set_all_start_micros(20);
    y->set_all_end_rel_micros(6);
    y->add_memory()->set_total_bytes(64);
    provider_.AddBlobs("a", "step1", "graph_tagged_run_metadata", step,
                       1.0 + step, {metadata.SerializeAsString()});
  };
  add_stats(0, 4);
  nlohmann::json root = JsonBody(
      Call(plugin_, Path("/hierarchy"), {{"run", "a"}, {"stats", "step1"}}));
  ASSERT_EQ(root["children"].size(), 2u);
  EXPECT_EQ(
      root["children"][0]["stats"],
      nlohmann::json::parse(R"({"micros": 4, "bytes": 256})"));  // a scope
  EXPECT_EQ(root["children"][1]["stats"],
            nlohmann::json::parse(
                R"({"micros": 6, "bytes": 64, "device": "/device:GPU:0"})"));
  EXPECT_EQ(root["group"]["stats"],
            nlohmann::json::parse(R"({"micros": 16, "bytes": 320})"));
  EXPECT_EQ(root["stats"], nlohmann::json::parse(R"({
    "max_micros": 6, "max_bytes": 256, "matched": 2, "unmatched": 0,
    "devices": ["/device:GPU:0"]})"));
  // Without the parameter: no stats at all.
  nlohmann::json plain =
      JsonBody(Call(plugin_, Path("/hierarchy"), {{"run", "a"}}));
  EXPECT_FALSE(plain.contains("stats"));
  EXPECT_FALSE(plain["children"][0].contains("stats"));

  const int y = root["children"][1]["id"];
  nlohmann::json node = JsonBody(
      Call(plugin_, Path("/node"),
           {{"run", "a"}, {"id", std::to_string(y)}, {"stats", "step1"}}));
  EXPECT_EQ(node["stats"], nlohmann::json::parse(R"({
    "micros": 6, "bytes": 64, "device": "/device:GPU:0",
    "output_shapes": [], "executions": 1})"));

  // A new RunMetadata under the tag replaces the cached join.
  add_stats(1, 9);
  root = JsonBody(
      Call(plugin_, Path("/hierarchy"), {{"run", "a"}, {"stats", "step1"}}));
  EXPECT_EQ(root["children"][0]["stats"]["micros"], 9);

  Response missing =
      Call(plugin_, Path("/hierarchy"), {{"run", "a"}, {"stats", "nope"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(JsonBody(missing)["error"],
            "run 'a' has no run metadata tagged 'nope'");
  provider_.AddBlobs("a", "bad", "graph_tagged_run_metadata", 0, 1,
                     {std::string("\xff\xff\xff", 3)});
  EXPECT_EQ(Call(plugin_, Path("/node"),
                 {{"run", "a"}, {"id", "0"}, {"stats", "bad"}})
                .status,
            500);
}

}  // namespace
}  // namespace tbx::plugins
