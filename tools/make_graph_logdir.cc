// Writes a logdir holding one synthetic transformer graph (synthetic_graph.h)
// as PyTorch's add_graph writes it: Event.graph_def, then a tagged RunMetadata
// ("step1") with step statistics for every op, as TensorFlow's profiler
// records them: the embedding's ops on "/device:CPU:0", the rest on
// "/device:GPU:0", one after the other; each runs for a time that depends on
// its op type and its output size (matmuls and softmaxes longest) and
// allocates its outputs (4 bytes per element, from "_output_shapes"). The
// number of attention heads per block is chosen so the graph has about
// --nodes nodes.
//
//   make_graph_logdir <logdir> [--nodes=10000] [--blocks=48] [--run=model]
//
// Single-threaded command-line tool.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "proto/event.pb.h"
#include "proto/run_metadata.pb.h"
#include "tbx/event_writer.h"
#include "tools/synthetic_graph.h"

namespace {

// The elements of a node's first output shape (1 when unknown).
int64_t OutputElements(const tensorboard::NodeDef& node) {
  auto attr = node.attr().find("_output_shapes");
  if (attr == node.attr().end() || attr->second.list().shape_size() == 0) {
    return 1;
  }
  int64_t elements = 1;
  for (const auto& dim : attr->second.list().shape(0).dim()) {
    if (dim.size() > 0) elements *= dim.size();
  }
  return elements;
}

// Microseconds an op of `node`'s type runs for: a per-type cost per thousand
// output elements, plus a fixed launch cost.
int64_t RunMicros(const tensorboard::NodeDef& node, int64_t elements) {
  int64_t per_k = 1;
  if (node.op() == "aten::matmul" || node.op() == "aten::linear") per_k = 8;
  if (node.op() == "aten::softmax") per_k = 5;
  if (node.op() == "aten::gelu" || node.op() == "aten::layer_norm") per_k = 3;
  return 2 + per_k * elements / 1000;
}

tensorboard::RunMetadata StepStatsFor(const tensorboard::GraphDef& graph) {
  tensorboard::RunMetadata metadata;
  auto* cpu = metadata.mutable_step_stats()->add_dev_stats();
  cpu->set_device("/device:CPU:0");
  auto* gpu = metadata.mutable_step_stats()->add_dev_stats();
  gpu->set_device("/device:GPU:0");
  int64_t clock = 1'000'000;
  for (const tensorboard::NodeDef& node : graph.node()) {
    const bool on_cpu = node.name().find("Embedding[") != std::string::npos;
    auto* stats = (on_cpu ? cpu : gpu)->add_node_stats();
    stats->set_node_name(node.name());
    const int64_t elements = OutputElements(node);
    const int64_t micros = RunMicros(node, elements);
    stats->set_all_start_micros(clock);
    stats->set_op_start_rel_micros(1);
    stats->set_op_end_rel_micros(micros);
    stats->set_all_end_rel_micros(micros);
    clock += micros + 1;
    auto* memory = stats->add_memory();
    memory->set_allocator_name(on_cpu ? "cpu" : "GPU_0_bfc");
    memory->set_total_bytes(elements * 4);
    memory->set_peak_bytes(elements * 4);
    auto* output = stats->add_output();
    output->set_slot(0);
    auto attr = node.attr().find("_output_shapes");
    if (attr != node.attr().end() && attr->second.list().shape_size() > 0) {
      *output->mutable_tensor_description()->mutable_shape() =
          attr->second.list().shape(0);
    }
    output->mutable_tensor_description()->set_dtype(tensorboard::DT_FLOAT);
  }
  return metadata;
}

int Usage() {
  std::fprintf(stderr,
               "usage: make_graph_logdir <logdir> [--nodes=N] [--blocks=N] "
               "[--run=NAME]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  const std::string logdir = argv[1];
  int64_t nodes = 10000;
  int64_t blocks = 48;
  std::string run = "model";
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--nodes=", 0) == 0) {
      if (!absl::SimpleAtoi(arg.substr(8), &nodes)) return Usage();
    } else if (arg.rfind("--blocks=", 0) == 0) {
      if (!absl::SimpleAtoi(arg.substr(9), &blocks) || blocks < 1) {
        return Usage();
      }
    } else if (arg.rfind("--run=", 0) == 0) {
      run = arg.substr(6);
    } else {
      return Usage();
    }
  }
  const int heads = tbx::tools::HeadsForNodes(nodes, static_cast<int>(blocks));
  const tensorboard::GraphDef graph =
      tbx::tools::TransformerGraph(static_cast<int>(blocks), heads);

  auto writer = tbx::EventWriter::Create(logdir + "/" + run);
  if (!writer.ok()) {
    std::fprintf(stderr, "%s\n", writer.status().ToString().c_str());
    return 1;
  }
  tensorboard::Event event;
  event.set_wall_time(1700000000.0);
  event.set_graph_def(graph.SerializeAsString());
  absl::Status status =
      (*writer)->WriteSerializedEvent(event.SerializeAsString());
  const tensorboard::RunMetadata metadata = StepStatsFor(graph);
  tensorboard::Event tagged;
  tagged.set_wall_time(1700000001.0);
  tagged.mutable_tagged_run_metadata()->set_tag("step1");
  tagged.mutable_tagged_run_metadata()->set_run_metadata(
      metadata.SerializeAsString());
  if (status.ok())
    status = (*writer)->WriteSerializedEvent(tagged.SerializeAsString());
  if (status.ok()) status = (*writer)->Flush();
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  std::printf("%s: %d nodes (%lld blocks of %d heads)\n",
              (*writer)->path().c_str(), graph.node_size(),
              static_cast<long long>(blocks), heads);
  return 0;
}
