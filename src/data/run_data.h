// RunData: everything stored for one run — its time series (one per tag, in
// first-seen order), start time, event files and loading status — shared
// between the run's loader (the only writer) and any number of readers.
//
// A series is one of: scalars (kept in full in a ScalarColumn, or in a
// reservoir when
// --samples_per_plugin bounds them), tensors (TensorBoard's reservoir) or blob
// sequences (a reference to the record of every step; bytes are re-read on
// demand).
//
// Thread-safety: every method may be called from any thread. The loader stages
// what it reads privately and calls Publish() once per batch; readers copy
// under a reader lock. Lock order: Store::mu_ (level 1) before RunData::mu_
// (level 2); RunData never calls out while holding mu_.
#ifndef TBX_SRC_DATA_RUN_DATA_H_
#define TBX_SRC_DATA_RUN_DATA_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "src/data/reservoir.h"
#include "src/data/scalar_column.h"
#include "src/data/string_compat.h"
#include "tbx/data_provider.h"
#include "tbx/types.h"

namespace tbx {

enum class SeriesKind { kScalars, kTensors, kBlobs };

// Where one step of a blob sequence lives on disk.
struct BlobRef {
  int64_t step = 0;
  double wall_time = 0;
  uint64_t record_offset = 0;  // offset of the record's header in its file
  uint32_t file_index = 0;     // index into the run's file list
  int32_t source_index = 0;    // MigratedValue::source_index
  int64_t stride = 1;          // MigratedValue::blob_stride
  int64_t num_blobs = 0;
};

// What ReadBlob needs to re-read a blob, copied out of the store.
struct BlobLocation {
  std::string path;
  uint64_t record_offset = 0;
  int32_t source_index = 0;
  int64_t stride = 1;
  int64_t element = 0;
};

// One tag's new data in a loader batch.
struct StagedTag {
  std::string tag;
  SeriesKind kind = SeriesKind::kTensors;  // used when the series is created
  int64_t capacity = 0;  // reservoir size when created, 0 = keep everything
  std::optional<TagMetadata>
      first_metadata;  // the tag's metadata, the first time it is known
  std::vector<ScalarPoint> scalars;
  std::vector<TensorDatum> tensors;
  std::vector<BlobRef> blobs;
  bool has_data() const {
    return !scalars.empty() || !tensors.empty() || !blobs.empty();
  }
};

struct StagedBatch {
  std::vector<StagedTag> tags;
  std::optional<double> start_time;
  std::vector<std::string>
      new_files;  // appended to the run's file list (BlobRef::file_index)
  // Entries Publish() has emptied, kept for their vectors' memory: the loader
  // stages the next batch into them instead of allocating (and page-faulting)
  // fresh vectors for every batch.
  std::vector<StagedTag> spare;
  bool empty() const {
    return tags.empty() && !start_time && new_files.empty();
  }
};

class RunData {
 public:
  RunData(std::string name, std::string directory);
  RunData(const RunData&) = delete;
  RunData& operator=(const RunData&) = delete;
  ~RunData();

  const std::string& name() const { return name_; }
  const std::string& directory() const { return directory_; }

  // --- The loader's side.
  // Moves the batch into the store (the batch is left empty, its entries
  // cleared into batch->spare).
  void Publish(StagedBatch* batch) ABSL_LOCKS_EXCLUDED(mu_);
  // Drops points at steps >= `step` in the listed tags (every tag when `tags`
  // is null), as TensorBoard's purge of orphaned data. Returns the number of
  // points removed.
  int64_t Purge(int64_t step, const std::vector<std::string>* tags)
      ABSL_LOCKS_EXCLUDED(mu_);
  void SetStatus(RunStatus status) ABSL_LOCKS_EXCLUDED(mu_);
  // Compresses the open block of every full scalar series (the loader calls
  // it when it has read to the end of the run's files).
  void SealScalars() ABSL_LOCKS_EXCLUDED(mu_);

  // --- Readers.
  std::optional<double> start_time() const ABSL_LOCKS_EXCLUDED(mu_);
  // Appends (tag, metadata) of every series whose plugin is `plugin_name`.
  void ListTags(std::string_view plugin_name,
                std::vector<std::pair<std::string, TagMetadata>>* out) const
      ABSL_LOCKS_EXCLUDED(mu_);
  void CollectPlugins(absl::btree_set<std::string>* out) const
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<ScalarSeries> ReadScalars(std::string_view tag,
                                           const ScalarQuery& query) const
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<std::vector<TensorDatum>> ReadTensors(
      std::string_view tag) const ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<std::vector<TensorStep>> ReadTensorSteps(
      std::string_view tag) const ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<std::vector<TensorDatum>> ReadTensorsAtStep(
      std::string_view tag, int64_t step) const ABSL_LOCKS_EXCLUDED(mu_);
  // Tensor series: `visit` runs under the read lock on the stored data.
  absl::Status VisitTensorsAtStep(
      std::string_view tag, int64_t step,
      const std::function<void(const TensorDatum&)>& visit) const
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<std::vector<BlobSequenceDatum>> ReadBlobSequence(
      std::string_view tag) const ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<BlobLocation> FindBlob(std::string_view tag, int64_t step,
                                        int64_t index) const
      ABSL_LOCKS_EXCLUDED(mu_);
  RunStatus status() const ABSL_LOCKS_EXCLUDED(mu_);
  // Bytes held by scalar columns (for benchmarks).
  size_t ScalarMemoryBytes() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Series;
  const Series* FindLocked(std::string_view tag) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::Status NotFound(std::string_view tag, std::string_view what) const;

  const std::string
      name_;  // run name, e.g. "train" or "." for the logdir itself
  const std::string
      directory_;  // absolute or as given: where the run's event files are

  mutable absl::Mutex mu_;  // level 2, after Store::mu_
  std::optional<double> start_time_ ABSL_GUARDED_BY(mu_);
  // Series in first-seen order; index_ maps a tag to its series in series_.
  std::vector<std::unique_ptr<Series>> series_ ABSL_GUARDED_BY(mu_);
  StringMap<Series*> index_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> files_
      ABSL_GUARDED_BY(mu_);  // event files in read order
  RunStatus status_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_RUN_DATA_H_
