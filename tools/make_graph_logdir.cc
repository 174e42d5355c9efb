// Writes a logdir holding one synthetic transformer graph (synthetic_graph.h)
// as PyTorch's add_graph writes it: Event.graph_def, then a tagged RunMetadata
// ("step1") with step statistics. The number of attention heads per block is
// chosen so the graph has about --nodes nodes.
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
  tensorboard::RunMetadata metadata;
  auto* device = metadata.mutable_step_stats()->add_dev_stats();
  device->set_device("/device:CPU:0");
  for (int i = 0; i < graph.node_size() && i < 200; ++i) {
    auto* stats = device->add_node_stats();
    stats->set_node_name(graph.node(i).name());
    stats->set_all_start_micros(1000 + i * 10);
    stats->set_all_end_rel_micros(5 + i % 7);
  }
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
