// Tests of the graph explorer's hierarchy builder: name scopes, ops named like
// a scope, series of repeated siblings, edges folded into the lowest common
// group with counts, control edges, shapes and element counts, the boundary
// counts, problems (missing inputs, duplicates, cycles) and the node limit;
// and step statistics joined with a hierarchy (RuntimeStats).
// Every expected value was worked out by hand from the small graphs below.
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/graphs/hierarchy.h"
#include "plugins/graphs/step_stats.h"
#include "proto/graph.pb.h"
#include "proto/run_metadata.pb.h"

namespace tbx::plugins::graphs {
namespace {

using tensorboard::GraphDef;
using tensorboard::NodeDef;

NodeDef* AddNode(GraphDef* graph, const std::string& name,
                 const std::string& op, std::vector<std::string> inputs = {},
                 std::vector<std::vector<int64_t>> shapes = {}) {
  NodeDef* node = graph->add_node();
  node->set_name(name);
  node->set_op(op);
  for (const std::string& input : inputs) node->add_input(input);
  if (!shapes.empty()) {
    auto* list = (*node->mutable_attr())["_output_shapes"].mutable_list();
    for (const auto& dims : shapes) {
      auto* shape = list->add_shape();
      for (int64_t d : dims) shape->add_dim()->set_size(d);
    }
  }
  return node;
}

// Child of `parent` labelled `label`, or -1.
int32_t Child(const GraphHierarchy& h, int32_t parent,
              const std::string& label) {
  for (int32_t child : h.item(parent).children) {
    if (h.item(child).label == label) return child;
  }
  return -1;
}

std::vector<std::string> Labels(const GraphHierarchy& h, int32_t parent) {
  std::vector<std::string> labels;
  for (int32_t child : h.item(parent).children) {
    labels.push_back(h.item(child).label);
  }
  return labels;
}

const GroupEdge* EdgeBetween(const GraphHierarchy& h, int32_t group,
                             int32_t source, int32_t target) {
  for (const GroupEdge& edge : h.item(group).edges) {
    if (edge.source == source && edge.target == target) return &edge;
  }
  return nullptr;
}

// input → enc/dense/MatMul ← enc/dense/kernel; MatMul → enc/relu →
// head/out; input -control-> head/out.
GraphDef SmallGraph() {
  GraphDef graph;
  AddNode(&graph, "input", "Placeholder", {}, {{2, 8}});
  AddNode(&graph, "enc/dense/MatMul", "MatMul", {"input", "enc/dense/kernel"},
          {{2, 16}});
  AddNode(&graph, "enc/dense/kernel", "VariableV2", {}, {{8, 16}});
  AddNode(&graph, "enc/relu", "Relu", {"enc/dense/MatMul:0"}, {{2, 16}});
  AddNode(&graph, "head/out", "Softmax", {"enc/relu", "^input"}, {{2, 16}});
  return graph;
}

TEST(GraphHierarchyTest, NameScopesBecomeNestedGroups) {
  auto h = GraphHierarchy::Build(SmallGraph());
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(Labels(*h, GraphHierarchy::kRoot),
            (std::vector<std::string>{"input", "enc", "head"}));
  const int32_t enc = Child(*h, GraphHierarchy::kRoot, "enc");
  EXPECT_EQ(h->item(enc).kind, ItemKind::kScope);
  EXPECT_EQ(h->item(enc).name, "enc");
  EXPECT_EQ(Labels(*h, enc), (std::vector<std::string>{"dense", "relu"}));
  const int32_t dense = Child(*h, enc, "dense");
  EXPECT_EQ(h->item(dense).name, "enc/dense");
  EXPECT_EQ(Labels(*h, dense), (std::vector<std::string>{"MatMul", "kernel"}));
  EXPECT_EQ(h->item(GraphHierarchy::kRoot).op_count, 5);
  EXPECT_EQ(h->item(enc).op_count, 3);
  EXPECT_EQ(h->item(dense).op_count, 2);
  // Histogram by descending count, then name.
  EXPECT_EQ(h->item(enc).op_histogram,
            (std::vector<std::pair<std::string, int64_t>>{
                {"MatMul", 1}, {"Relu", 1}, {"VariableV2", 1}}));
  const int32_t matmul = h->FindOp("enc/dense/MatMul");
  EXPECT_EQ(h->Ancestors(matmul),
            (std::vector<int32_t>{GraphHierarchy::kRoot, enc, dense}));
  EXPECT_EQ(h->stats().max_depth, 3);
  EXPECT_EQ(h->stats().groups, 3);
  EXPECT_TRUE(h->problems().empty());
}

TEST(GraphHierarchyTest, EdgesFoldIntoTheLowestCommonGroup) {
  auto h = GraphHierarchy::Build(SmallGraph());
  ASSERT_TRUE(h.ok()) << h.status();
  const int32_t root = GraphHierarchy::kRoot;
  const int32_t input = Child(*h, root, "input");
  const int32_t enc = Child(*h, root, "enc");
  const int32_t head = Child(*h, root, "head");
  const int32_t dense = Child(*h, enc, "dense");
  const int32_t relu = Child(*h, enc, "relu");
  ASSERT_EQ(h->item(root).edges.size(), 3u);
  const GroupEdge* in_enc = EdgeBetween(*h, root, input, enc);
  ASSERT_NE(in_enc, nullptr);
  EXPECT_EQ(in_enc->count, 1);
  EXPECT_EQ(in_enc->control_count, 0);
  EXPECT_EQ(in_enc->shapes, (std::vector<std::string>{"2×8"}));
  EXPECT_EQ(in_enc->elements, 16);
  const GroupEdge* enc_head = EdgeBetween(*h, root, enc, head);
  ASSERT_NE(enc_head, nullptr);
  EXPECT_EQ(enc_head->shapes, (std::vector<std::string>{"2×16"}));
  EXPECT_EQ(enc_head->elements, 32);
  const GroupEdge* control = EdgeBetween(*h, root, input, head);
  ASSERT_NE(control, nullptr);
  EXPECT_EQ(control->count, 1);
  EXPECT_EQ(control->control_count, 1);
  EXPECT_TRUE(control->shapes.empty());
  // Inside enc: dense → relu; inside dense: kernel → MatMul.
  ASSERT_EQ(h->item(enc).edges.size(), 1u);
  EXPECT_NE(EdgeBetween(*h, enc, dense, relu), nullptr);
  EXPECT_NE(EdgeBetween(*h, dense, Child(*h, dense, "kernel"),
                        Child(*h, dense, "MatMul")),
            nullptr);
  // Boundary counts: input → MatMul enters enc through dense and MatMul.
  EXPECT_EQ(h->item(dense).external_in, 1);
  EXPECT_EQ(h->item(Child(*h, dense, "MatMul")).external_in, 1);
  EXPECT_EQ(h->item(relu).external_out, 1);
  EXPECT_EQ(h->item(Child(*h, head, "out")).external_in, 2);
  EXPECT_EQ(h->stats().edges, 5);
  EXPECT_EQ(h->stats().control_edges, 1);
}

TEST(GraphHierarchyTest, OpNamedLikeAScopeSitsInsideIt) {
  GraphDef graph;
  AddNode(&graph, "a", "Identity");
  AddNode(&graph, "a/b", "Relu", {"a"});
  auto h = GraphHierarchy::Build(graph);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(Labels(*h, GraphHierarchy::kRoot), (std::vector<std::string>{"a"}));
  const int32_t a = Child(*h, GraphHierarchy::kRoot, "a");
  EXPECT_EQ(h->item(a).kind, ItemKind::kScope);
  EXPECT_EQ(Labels(*h, a), (std::vector<std::string>{"(a)", "b"}));
  EXPECT_EQ(h->item(h->FindOp("a")).label, "(a)");
  EXPECT_NE(EdgeBetween(*h, a, h->FindOp("a"), h->FindOp("a/b")), nullptr);
}

// layer_1 … layer_6 alike (MatMul then Relu, chained), layer_7 different,
// add_1 … add_5 ops, x_1 … x_4 too few for a series.
GraphDef RepeatedGraph() {
  GraphDef graph;
  AddNode(&graph, "input", "Placeholder");
  std::string previous = "input";
  for (int i = 1; i <= 6; ++i) {
    const std::string scope = "layer_" + std::to_string(i);
    AddNode(&graph, scope + "/MatMul", "MatMul", {previous});
    AddNode(&graph, scope + "/Relu", "Relu", {scope + "/MatMul"});
    previous = scope + "/Relu";
  }
  AddNode(&graph, "layer_7/MatMul", "MatMul", {previous});
  for (int i = 1; i <= 5; ++i) {
    AddNode(&graph, "add_" + std::to_string(i), "Add", {"layer_7/MatMul"});
  }
  for (int i = 1; i <= 4; ++i) AddNode(&graph, "x_" + std::to_string(i), "Mul");
  return graph;
}

TEST(GraphHierarchyTest, RepeatedSiblingsBecomeASeries) {
  auto h = GraphHierarchy::Build(RepeatedGraph());
  ASSERT_TRUE(h.ok()) << h.status();
  const int32_t root = GraphHierarchy::kRoot;
  EXPECT_EQ(Labels(*h, root), (std::vector<std::string>{
                                  "input", "layer_[1-6]", "layer_7",
                                  "add_[1-5]", "x_1", "x_2", "x_3", "x_4"}));
  const int32_t layers = Child(*h, root, "layer_[1-6]");
  EXPECT_EQ(h->item(layers).kind, ItemKind::kSeries);
  EXPECT_EQ(h->item(layers).series_first, 1);
  EXPECT_EQ(h->item(layers).series_last, 6);
  EXPECT_EQ(h->item(layers).op_count, 12);
  EXPECT_EQ(Labels(*h, layers),
            (std::vector<std::string>{"layer_1", "layer_2", "layer_3",
                                      "layer_4", "layer_5", "layer_6"}));
  // Members move under the series: layer_3/Relu is at depth 3.
  const int32_t relu3 = h->FindOp("layer_3/Relu");
  EXPECT_EQ(h->item(relu3).depth, 3);
  EXPECT_EQ(h->item(h->item(relu3).parent).parent, layers);
  // Inside the series, five edges layer_i → layer_{i+1}.
  EXPECT_EQ(h->item(layers).edges.size(), 5u);
  // At the root: input → series, series → layer_7, layer_7 → add series (5).
  const int32_t adds = Child(*h, root, "add_[1-5]");
  EXPECT_EQ(h->item(adds).kind, ItemKind::kSeries);
  EXPECT_EQ(h->item(adds).op_histogram,
            (std::vector<std::pair<std::string, int64_t>>{{"Add", 5}}));
  const GroupEdge* to_adds =
      EdgeBetween(*h, root, Child(*h, root, "layer_7"), adds);
  ASSERT_NE(to_adds, nullptr);
  EXPECT_EQ(to_adds->count, 5);
  EXPECT_NE(EdgeBetween(*h, root, Child(*h, root, "input"), layers), nullptr);
  EXPECT_NE(EdgeBetween(*h, root, layers, Child(*h, root, "layer_7")), nullptr);
  EXPECT_EQ(h->item(root).edges.size(), 3u);
  EXPECT_EQ(h->stats().series, 2);
}

TEST(GraphHierarchyTest, BracketedTorchNamesFormASeries) {
  GraphDef graph;
  for (int i = 0; i < 5; ++i) {
    AddNode(&graph, "Net/Linear[" + std::to_string(i) + "]/addmm",
            "aten::addmm");
  }
  auto h = GraphHierarchy::Build(graph);
  ASSERT_TRUE(h.ok()) << h.status();
  const int32_t net = Child(*h, GraphHierarchy::kRoot, "Net");
  EXPECT_EQ(Labels(*h, net), (std::vector<std::string>{"Linear[[0-4]]"}));
  EXPECT_EQ(h->item(Child(*h, net, "Linear[[0-4]]")).name, "Net/Linear[[0-4]]");
}

TEST(GraphHierarchyTest, SeriesMinimumSizeIsAnOption) {
  HierarchyOptions options;
  options.series_min_size = 4;
  auto h = GraphHierarchy::Build(RepeatedGraph(), options);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_NE(Child(*h, GraphHierarchy::kRoot, "x_[1-4]"), -1);
}

TEST(GraphHierarchyTest, ProblemsAreReportedNotFatal) {
  GraphDef graph;
  AddNode(&graph, "a", "Add", {"missing", "b"});
  AddNode(&graph, "b", "Add", {"a"});
  AddNode(&graph, "b", "Mul");
  auto h = GraphHierarchy::Build(graph);
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_EQ(h->problems().size(), 3u);
  EXPECT_EQ(h->problems()[0],
            "1 node name(s) used more than once (first: 'b'); inputs use the "
            "first node");
  EXPECT_EQ(h->problems()[1],
            "1 input(s) name missing nodes (first: 'missing' (input of 'a')); "
            "they are not drawn");
  EXPECT_EQ(h->problems()[2],
            "2 node(s) lie on or after a cycle (first: 'a'); the layout "
            "breaks cycles to draw them");
  // The a ⇄ b cycle is still drawn as two edges.
  EXPECT_EQ(h->stats().edges, 2);
}

TEST(GraphHierarchyTest, RefusesGraphsOverTheNodeLimit) {
  HierarchyOptions options;
  options.max_nodes = 4;
  auto h = GraphHierarchy::Build(SmallGraph(), options);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(h.status().message(), "graph has 5 nodes; tbx lays out at most 4");
  options.max_nodes = 5;
  EXPECT_TRUE(GraphHierarchy::Build(SmallGraph(), options).ok());
}

TEST(GraphHierarchyTest, EmptyGraphHasOnlyTheRoot) {
  auto h = GraphHierarchy::Build(GraphDef());
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->size(), 1);
  EXPECT_EQ(h->item(GraphHierarchy::kRoot).op_count, 0);
}

TEST(ShapeTextTest, WritesDimsUnknownsAndRank) {
  tensorboard::TensorShapeProto shape;
  EXPECT_EQ(ShapeText(shape), "scalar");
  EXPECT_EQ(ShapeElements(shape), 1);
  shape.add_dim()->set_size(-1);
  shape.add_dim()->set_size(3);
  EXPECT_EQ(ShapeText(shape), "?×3");
  EXPECT_EQ(ShapeElements(shape), -1);
  shape.set_unknown_rank(true);
  EXPECT_EQ(ShapeText(shape), "*");
}

tensorboard::NodeExecStats* AddExec(tensorboard::DeviceStepStats* device,
                                    const std::string& name, int64_t start,
                                    int64_t run_micros,
                                    std::vector<int64_t> allocations) {
  auto* stats = device->add_node_stats();
  stats->set_node_name(name);
  stats->set_all_start_micros(start);
  stats->set_all_end_rel_micros(run_micros);
  for (int64_t bytes : allocations) {
    stats->add_memory()->set_total_bytes(bytes);
  }
  return stats;
}

TEST(RuntimeStatsTest, JoinsStepStatsAsTensorBoard) {
  auto h = GraphHierarchy::Build(SmallGraph());
  ASSERT_TRUE(h.ok()) << h.status();
  tensorboard::StepStats step;
  auto* cpu = step.add_dev_stats();
  cpu->set_device("/cpu:0");
  // A negative allocation is ignored.
  AddExec(cpu, "input", 100, 10, {64, -5});
  // Two executions: the span covers both, memory is the larger sum.
  auto* first = AddExec(cpu, "enc/dense/MatMul", 120, 30, {128, 32});
  auto* dims =
      first->add_output()->mutable_tensor_description()->mutable_shape();
  dims->add_dim()->set_size(2);
  dims->add_dim()->set_size(16);
  AddExec(cpu, "enc/dense/MatMul", 200, 5, {100});
  auto* gpu = step.add_dev_stats();
  gpu->set_device("/gpu:0");
  // No run time: present (memory) but untimed.
  AddExec(gpu, "enc/relu", 150, 0, {40});
  AddExec(gpu, "missing/op", 1, 1, {1});
  const RuntimeStats stats = RuntimeStats::Join(*h, step);
  EXPECT_EQ(stats.matched(), 4);
  EXPECT_EQ(stats.unmatched(), 1);
  EXPECT_EQ(stats.devices(), (std::vector<std::string>{"/cpu:0", "/gpu:0"}));

  const ItemRuntime* input = stats.Find(h->FindOp("input"));
  ASSERT_NE(input, nullptr);
  EXPECT_EQ(input->micros(), 10);
  EXPECT_EQ(input->bytes, 64);
  const ItemRuntime* matmul = stats.Find(h->FindOp("enc/dense/MatMul"));
  ASSERT_NE(matmul, nullptr);
  EXPECT_EQ(matmul->micros(), 85);  // 120 .. 205
  EXPECT_EQ(matmul->bytes, 160);
  EXPECT_EQ(matmul->executions, 2);
  EXPECT_EQ(matmul->device, "/cpu:0");
  EXPECT_EQ(matmul->output_shapes, (std::vector<std::string>{"2×16"}));
  const ItemRuntime* relu = stats.Find(h->FindOp("enc/relu"));
  ASSERT_NE(relu, nullptr);
  EXPECT_FALSE(relu->timed);
  EXPECT_EQ(relu->micros(), 0);
  EXPECT_EQ(relu->bytes, 40);
  EXPECT_EQ(relu->device, "/gpu:0");
  EXPECT_EQ(stats.Find(h->FindOp("head/out")), nullptr);

  // Groups: memory summed, time spanned.
  const int32_t enc = Child(*h, GraphHierarchy::kRoot, "enc");
  const ItemRuntime* enc_stats = stats.Find(enc);
  ASSERT_NE(enc_stats, nullptr);
  EXPECT_EQ(enc_stats->micros(), 85);
  EXPECT_EQ(enc_stats->bytes, 200);
  EXPECT_EQ(stats.Find(Child(*h, GraphHierarchy::kRoot, "head")), nullptr);
  const ItemRuntime* root = stats.Find(GraphHierarchy::kRoot);
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->micros(), 105);  // 100 .. 205
  EXPECT_EQ(root->bytes, 264);
  // Scales: the largest among the root's children (input, enc, head).
  EXPECT_EQ(stats.max_micros(), 85);
  EXPECT_EQ(stats.max_bytes(), 200);
}

TEST(RuntimeStatsTest, SeriesSumTheirMembers) {
  GraphDef graph;
  for (int i = 1; i <= kSeriesMinSize; ++i) {
    AddNode(&graph, "layer_" + std::to_string(i) + "/w", "Const");
  }
  auto h = GraphHierarchy::Build(graph);
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_EQ(h->item(GraphHierarchy::kRoot).children.size(), 1u);
  const int32_t series = h->item(GraphHierarchy::kRoot).children[0];
  ASSERT_EQ(h->item(series).kind, ItemKind::kSeries);
  tensorboard::StepStats step;
  auto* device = step.add_dev_stats();
  AddExec(device, "layer_2/w", 10, 5, {8});
  AddExec(device, "layer_4/w", 30, 5, {16});
  const RuntimeStats stats = RuntimeStats::Join(*h, step);
  const ItemRuntime* found = stats.Find(series);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->micros(), 25);  // 10 .. 35
  EXPECT_EQ(found->bytes, 24);
}

TEST(RuntimeStatsTest, HugeValuesSaturateInsteadOfOverflowing) {
  auto h = GraphHierarchy::Build(SmallGraph());
  ASSERT_TRUE(h.ok()) << h.status();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  tensorboard::StepStats step;
  auto* device = step.add_dev_stats();
  AddExec(device, "input", kMax - 1, kMax, {kMax, kMax});
  AddExec(device, "enc/relu", std::numeric_limits<int64_t>::min(), 1, {kMax});
  const RuntimeStats stats = RuntimeStats::Join(*h, step);
  const ItemRuntime* input = stats.Find(h->FindOp("input"));
  ASSERT_NE(input, nullptr);
  EXPECT_EQ(input->bytes, kMax);
  EXPECT_EQ(input->micros(), 1);  // end clamped to kMax
  // The root spans INT64_MIN .. INT64_MAX: clamped, and memory saturates.
  const ItemRuntime* root = stats.Find(GraphHierarchy::kRoot);
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->micros(), kMax);
  EXPECT_EQ(root->bytes, kMax);
}

}  // namespace
}  // namespace tbx::plugins::graphs
