// Server time for the graph explorer: parsing a serialized synthetic
// transformer GraphDef (48 blocks, tools/synthetic_graph.h) and building its
// hierarchy, at about 10,000 and 50,000 nodes.
//   build/bench/bench_graph_hierarchy
#include <string>

#include "benchmark/benchmark.h"
#include "google/protobuf/arena.h"
#include "plugins/graphs/graph_source.h"
#include "plugins/graphs/hierarchy.h"
#include "tools/synthetic_graph.h"

namespace {

std::string SerializedGraph(int64_t nodes) {
  return tbx::tools::TransformerGraph(48, tbx::tools::HeadsForNodes(nodes, 48))
      .SerializeAsString();
}

void BM_ParseAndBuildHierarchy(benchmark::State& state) {
  const std::string bytes = SerializedGraph(state.range(0));
  int64_t nodes = 0;
  for (auto _ : state) {
    auto graph = tbx::plugins::graphs::ParseGraphDef(bytes, "bench");
    auto hierarchy = tbx::plugins::graphs::GraphHierarchy::Build(*graph);
    nodes = hierarchy->stats().nodes;
    benchmark::DoNotOptimize(hierarchy);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}
BENCHMARK(BM_ParseAndBuildHierarchy)
    ->Arg(10'000)
    ->Arg(50'000)
    ->Unit(benchmark::kMillisecond);

void BM_ParseOnArena(benchmark::State& state) {
  const std::string bytes = SerializedGraph(state.range(0));
  for (auto _ : state) {
    google::protobuf::Arena arena;
    auto* graph =
        google::protobuf::Arena::CreateMessage<tensorboard::GraphDef>(&arena);
    benchmark::DoNotOptimize(graph->ParseFromString(bytes));
  }
}
BENCHMARK(BM_ParseOnArena)->Arg(50'000)->Unit(benchmark::kMillisecond);

void BM_ParseOnHeap(benchmark::State& state) {
  const std::string bytes = SerializedGraph(state.range(0));
  for (auto _ : state) {
    tensorboard::GraphDef graph;
    benchmark::DoNotOptimize(graph.ParseFromString(bytes));
  }
}
BENCHMARK(BM_ParseOnHeap)->Arg(50'000)->Unit(benchmark::kMillisecond);

void BM_BuildHierarchyOnly(benchmark::State& state) {
  const auto graph = tbx::tools::TransformerGraph(
      48, tbx::tools::HeadsForNodes(state.range(0), 48));
  for (auto _ : state) {
    auto hierarchy = tbx::plugins::graphs::GraphHierarchy::Build(graph);
    benchmark::DoNotOptimize(hierarchy);
  }
}
BENCHMARK(BM_BuildHierarchyOnly)
    ->Arg(10'000)
    ->Arg(50'000)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
