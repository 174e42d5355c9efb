// A small writer of TensorFlow V2 checkpoints (tensor bundles) for tests,
// fuzz seeds, benchmarks and demo logdirs: an `.index` sorted table of
// BundleEntryProtos behind the header entry, data shards of raw little-endian
// bytes with masked CRC-32Cs, an optional TF2 object graph under
// "_CHECKPOINTABLE_OBJECT_GRAPH", and the `checkpoint` state file. Written from
// the format's facts; not thread-safe per call's arguments, otherwise pure.
#ifndef TBX_TOOLS_CHECKPOINT_WRITER_H_
#define TBX_TOOLS_CHECKPOINT_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tbx::tools {

struct CheckpointTensor {
  std::string key;
  int dtype = 1;  // tensorboard::DataType (1 = DT_FLOAT)
  std::vector<int64_t> shape;
  std::string bytes;  // raw little-endian values; for DT_STRING, one string
  int shard = 0;
};

// An object-graph node for a variable: the variable's path from the root
// ("model/embedding") is stored as child edges, and its checkpoint key as the
// VARIABLE_VALUE attribute with `full_name`.
struct GraphVariable {
  std::string path;
  std::string checkpoint_key;
  std::string full_name;
};

struct BundleBytes {
  std::string index;
  std::vector<std::string> shards;
};

// The files of a bundle holding `tensors` (any key order) in `num_shards`
// shards, plus the object graph when `graph` is not empty.
BundleBytes MakeBundle(std::vector<CheckpointTensor> tensors,
                       int num_shards = 1,
                       const std::vector<GraphVariable>& graph = {});

// Serialized TrackableObjectGraph for `graph`.
std::string MakeObjectGraph(const std::vector<GraphVariable>& graph);

// Writes the bundle at `prefix` (prefix.index, prefix.data-…).
absl::Status WriteCheckpoint(const std::string& prefix,
                             std::vector<CheckpointTensor> tensors,
                             int num_shards = 1,
                             const std::vector<GraphVariable>& graph = {});

// Writes `dir`/checkpoint naming `relative_prefix` as the latest checkpoint.
absl::Status WriteCheckpointState(const std::string& dir,
                                  const std::string& relative_prefix);

// Raw bytes of float values as float32 / float64 / float16 / bfloat16.
std::string Float32Bytes(const std::vector<float>& values);
std::string Float64Bytes(const std::vector<double>& values);

}  // namespace tbx::tools

#endif  // TBX_TOOLS_CHECKPOINT_WRITER_H_
