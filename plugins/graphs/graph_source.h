// Finding and decoding the graphs a request names, as TensorBoard's graphs
// plugin reads them through its data provider: the run graph (plugin "graphs",
// tag "__run_graph__"), the op graph of a tag's RunMetadata (plugins
// "graph_run_metadata" then "graph_run_metadata_graph"; function graphs
// merged), the conceptual graph of a Keras model ("graph_keras_model"), and
// RunMetadata for profiles ("graph_tagged_run_metadata" then
// "graph_run_metadata"). Each reads the last stored datum of the series, blob
// 0. Stateless; any thread.
#ifndef TBX_PLUGINS_GRAPHS_GRAPH_SOURCE_H_
#define TBX_PLUGINS_GRAPHS_GRAPH_SOURCE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/arena.h"
#include "proto/graph.pb.h"
#include "proto/run_metadata.pb.h"
#include "tbx/data_provider.h"

namespace tbx::plugins::graphs {

inline constexpr char kPluginGraphs[] = "graphs";
inline constexpr char kPluginRunMetadata[] = "graph_run_metadata";
inline constexpr char kPluginRunMetadataGraph[] = "graph_run_metadata_graph";
inline constexpr char kPluginKerasModel[] = "graph_keras_model";
inline constexpr char kPluginTaggedRunMetadata[] = "graph_tagged_run_metadata";
inline constexpr char kRunGraphTag[] = "__run_graph__";

// Which graph: the run graph (no tag), a tag's op graph, or (conceptual) a
// tag's Keras model.
struct GraphSpec {
  std::string run;
  std::optional<std::string> tag;
  bool conceptual = false;
};

// Identifies the stored datum a graph comes from, so caches can tell when it
// changed.
struct GraphVersion {
  std::string plugin;
  int64_t step = 0;
  double wall_time = 0;
  size_t data = 0;  // number of stored data in the series
  bool operator==(const GraphVersion&) const = default;
};

// The bytes of blob 0 of the last datum of run/tag, from the first of
// `plugins` that holds that blob sequence. NotFound when none does.
absl::StatusOr<std::string> ReadLastBlob(
    const DataProvider& provider, const std::vector<std::string>& plugins,
    const std::string& run, const std::string& tag,
    GraphVersion* version = nullptr);

// The stored datum a spec names (NotFound as ReadLastBlob), without reading it.
absl::StatusOr<GraphVersion> FindGraph(const DataProvider& provider,
                                       const GraphSpec& spec);

// The GraphDef a spec names. NotFound when there is none; DataLoss when the
// stored bytes do not decode (a clear message naming run and tag);
// InvalidArgument for a Keras configuration that cannot be converted.
absl::StatusOr<tensorboard::GraphDef> LoadGraph(
    const DataProvider& provider, const GraphSpec& spec,
    GraphVersion* version = nullptr);

// As LoadGraph, with the GraphDef allocated on `arena` (a large run graph
// decodes about twice as fast there). The result lives as long as the arena.
absl::StatusOr<tensorboard::GraphDef*> LoadGraphOnArena(
    const DataProvider& provider, const GraphSpec& spec,
    google::protobuf::Arena* arena, GraphVersion* version = nullptr);

// The RunMetadata of run/tag for the profile view: FindRunMetadata, then
// ReadRunMetadata.
absl::StatusOr<tensorboard::RunMetadata> LoadRunMetadata(
    const DataProvider& provider, const std::string& run,
    const std::string& tag);

// The stored datum LoadRunMetadata reads (NotFound as ReadLastBlob), without
// reading it.
absl::StatusOr<GraphVersion> FindRunMetadata(const DataProvider& provider,
                                             const std::string& run,
                                             const std::string& tag);

// The RunMetadata stored as `version` (from FindRunMetadata) of run/tag;
// DataLoss when it does not decode.
absl::StatusOr<tensorboard::RunMetadata> ReadRunMetadata(
    const DataProvider& provider, const std::string& run,
    const std::string& tag, const GraphVersion& version);

// Parses a serialized GraphDef; DataLoss naming `what` when it does not decode.
absl::StatusOr<tensorboard::GraphDef> ParseGraphDef(const std::string& bytes,
                                                    const std::string& what);
absl::Status ParseGraphDefInto(const std::string& bytes,
                               const std::string& what,
                               tensorboard::GraphDef* graph);

}  // namespace tbx::plugins::graphs

#endif  // TBX_PLUGINS_GRAPHS_GRAPH_SOURCE_H_
