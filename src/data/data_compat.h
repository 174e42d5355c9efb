// Legacy-to-tensor migration, as TensorBoard applies it to every event it
// reads:
//   1. data_compat: old Summary.Value payloads (simple_value, histo, image,
//   audio) become tensors
//      with plugin metadata (scalars, histograms, images, audio);
//   2. dataclass_compat: keyed by the metadata of a tag's first value *in the
//   file*, sets the
//      data_class by plugin name and reshapes what needs it (audio keeps only
//      its clips, hparams values without a tensor get an empty one, graph
//      sub-plugins get rank 1);
//   3. a graph_def event also yields the blob sequence "__run_graph__" (plugin
//   "graphs"), and a
//      tagged_run_metadata event becomes a tensor under its tag (plugin
//      "graph_tagged_run_metadata").
//
// Pure functions over caller-owned state; any thread, one InitialMetadataMap
// per file reader.
#ifndef TBX_SRC_DATA_DATA_COMPAT_H_
#define TBX_SRC_DATA_DATA_COMPAT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "proto/event.pb.h"

namespace tbx {

inline constexpr char kRunGraphTag[] = "__run_graph__";

// What dataclass_compat remembers of a tag's first value in a file.
struct InitialMetadata {
  std::string plugin_name;
  tensorboard::DataClass data_class = tensorboard::DATA_CLASS_UNKNOWN;
};
// One per event file: tag -> metadata of the tag's first value in that file.
using InitialMetadataMap = absl::flat_hash_map<std::string, InitialMetadata>;

struct MigratedValue {
  tensorboard::Summary::Value
      value;  // tag (node_name when the tag is empty), metadata, tensor
  bool has_tensor =
      false;  // false: nothing to store (e.g. a value with no payload)
  int source_index =
      0;  // index in the record's Summary.value (0 for graph events)
  int64_t blob_stride =
      1;  // blob i of the stored tensor is string i * stride on disk
};

// Migrates `event` (its payload is moved out). Returns true when the result is
// a summary event (TensorBoard's purge bookkeeping counts only those); `out`
// gets its values in order.
bool MigrateEvent(tensorboard::Event* event, InitialMetadataMap* initial,
                  std::vector<MigratedValue>* out);

// data_compat alone, for one value (exposed for tests and blob re-reads).
tensorboard::Summary::Value MigrateLegacyValue(
    const tensorboard::Summary::Value& value);

// Re-extracts blob `element` of the value at `source_index` of a stored record
// (graph_def and tagged_run_metadata events hold one blob). `stride` is the
// MigratedValue's blob_stride.
absl::StatusOr<std::string> ExtractBlob(const tensorboard::Event& event,
                                        int source_index, int64_t stride,
                                        int64_t element);

}  // namespace tbx

#endif  // TBX_SRC_DATA_DATA_COMPAT_H_
