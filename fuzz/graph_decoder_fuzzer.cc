// Fuzzes the graphs plugin's decoders on arbitrary bytes: a GraphDef (parsed,
// turned into the explorer's hierarchy, printed as text format with large
// attributes dropped), a RunMetadata (function graphs merged, step stats
// joined with them) and a Keras model configuration. Nothing may crash; errors
// are statuses.
#include <cstdint>
#include <string>

#include "google/protobuf/stubs/logging.h"
#include "plugins/graphs/graph_source.h"
#include "plugins/graphs/graph_transform.h"
#include "plugins/graphs/hierarchy.h"
#include "plugins/graphs/keras_graph.h"
#include "plugins/graphs/pbtxt.h"
#include "plugins/graphs/step_stats.h"
#include "proto/run_metadata.pb.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);  // parse errors are expected here
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string input(reinterpret_cast<const char*>(bytes), size);
  namespace graphs = tbx::plugins::graphs;
  absl::StatusOr<tensorboard::GraphDef> graph =
      graphs::ParseGraphDef(input, "fuzz input");
  if (graph.ok()) {
    graphs::HierarchyOptions options;
    options.max_nodes = 20'000;
    (void)graphs::GraphHierarchy::Build(*graph, options);
    graphs::DropLargeAttrs({16, "_too_large_attrs"}, &*graph);
    (void)graphs::ToPbtxt(*graph);
  }
  tensorboard::RunMetadata run_metadata;
  if (run_metadata.ParseFromString(input)) {
    absl::StatusOr<tensorboard::GraphDef> merged =
        graphs::MergeFunctionGraphs(run_metadata);
    if (merged.ok()) {
      absl::StatusOr<graphs::GraphHierarchy> h =
          graphs::GraphHierarchy::Build(*merged);
      if (h.ok()) {
        (void)graphs::RuntimeStats::Join(*h, run_metadata.step_stats());
      }
    }
  }
  absl::StatusOr<tensorboard::GraphDef> keras =
      graphs::KerasModelToGraph(input);
  if (keras.ok()) (void)graphs::GraphHierarchy::Build(*keras);
  return 0;
}
