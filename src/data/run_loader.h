// RunLoader: reads one run's event files and publishes what they hold into its
// RunData, with TensorBoard's accumulator rules: files in name order, never
// going back to an earlier file (unless multifile polling is on: then earlier
// files still being written are read on too, each with its own migration
// state); every record migrated (data_compat,
// dataclass_compat); the first metadata of a tag wins; a series' storage chosen
// from that metadata (scalars in full, tensors in a reservoir sized by plugin,
// blob sequences by reference); orphaned data purged on restarts (a second or
// later SessionLog.START with file_version >= 2, else an out-of-order step per
// tag). Scalar records of a tag already seen in the current file take the fast
// path (no protobuf parsing); everything else the general path.
//
// What it reads is staged privately and published in batches, each in one short
// write lock. A file is open only while it is being read. Corruption is
// reported in the run's status; an I/O error (a file that cannot be opened or
// read: permissions, an object store out of reach) is shown there while it
// lasts and the read is tried again from the same offset on the next cycle.
//
// Thread-compatible: one thread at a time calls NeedsLoad()/Load() (the
// reloader, or a pool worker it hands the loader to).
#ifndef TBX_SRC_DATA_RUN_LOADER_H_
#define TBX_SRC_DATA_RUN_LOADER_H_

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "proto/event.pb.h"
#include "src/data/data_compat.h"
#include "src/data/loader_options.h"
#include "src/data/run_data.h"
#include "src/data/string_compat.h"

namespace tbx {

class Store;

// An event file of a run as found on disk.
struct EventFileOnDisk {
  std::string name;  // basename; files are read in this order
  std::string path;
  uint64_t size = 0;
};

// Reservoir sizes: TensorBoard's defaults, overridden by --samples_per_plugin.
class SizeGuidance {
 public:
  explicit SizeGuidance(
      absl::flat_hash_map<std::string, int64_t> samples_per_plugin = {})
      : samples_per_plugin_(std::move(samples_per_plugin)) {}
  // Reservoir size of a new series of `kind` whose plugin is `plugin` (0 = keep
  // everything). Scalars and blob sequences are kept in full unless the flag
  // names their plugin, nor are PR curves; other tensors use TensorBoard's
  // sizes (histograms 500, anything else 10).
  int64_t Capacity(SeriesKind kind, const std::string& plugin) const;

 private:
  absl::flat_hash_map<std::string, int64_t> samples_per_plugin_;
};

class RunLoader {
 public:
  // Publishes after this many staged points. Bounds the staging memory, and
  // small enough for the staged points to be still in cache when they are
  // published (the staging vectors are reused from batch to batch).
  static constexpr int64_t kBatchPoints = 1 << 12;

  // `sizes` and `options` must outlive the loader.
  RunLoader(std::shared_ptr<RunData> run, const SizeGuidance* sizes,
            const LoaderOptions* options, Store* store);
  RunLoader(const RunLoader&) = delete;
  RunLoader& operator=(const RunLoader&) = delete;

  const std::shared_ptr<RunData>& run() const { return run_; }

  // True when `files` (sorted by name, as on disk now) hold bytes this loader
  // has not read.
  bool NeedsLoad(const std::vector<EventFileOnDisk>& files) const;
  // Reads everything new in `files` (sorted by name) and publishes it; updates
  // the run status. Returns early, with what was read so far published, once
  // *cancel becomes true.
  void Load(const std::vector<EventFileOnDisk>& files,
            const std::atomic<bool>* cancel = nullptr);
  // Why the run's directory could not be listed on the last cycle (empty when
  // it could); shown in the run's status until it clears.
  void SetListingError(std::string error);

 private:
  // What the loader knows of a tag (the authoritative copy; RunData gets it on
  // publish).
  struct TagState {
    bool has_metadata = false;
    TagMetadata metadata;
    bool metadata_published = false;  // staged along with data of the tag
    // Storage chosen at the tag's first value with a tensor (TensorBoard
    // sizes its reservoir then).
    bool has_series = false;
    SeriesKind kind = SeriesKind::kTensors;
    int64_t capacity = 0;  // reservoir size, 0 = keep all
    // A datum was staged, so the series exists once that batch is published.
    bool has_data = false;
    // file_counter_ when the general path last saw the tag.
    uint64_t seen_in_file = 0;
    int staged = -1;  // index in batch_.tags, -1 if not staged
    // The tag's name (the key in tags_, which never moves) and the tag the
    // fast path met right after it last time (see FindTag).
    std::string_view name;
    TagState* next = nullptr;
  };
  struct FileState {
    std::string name;
    std::string path;
    uint64_t id = 0;      // unique per file started (TagState::seen_in_file)
    uint64_t offset = 0;  // resume point
    InitialMetadataMap initial;  // dataclass_compat state of this file
    // The newest event wall time read from the file (multifile activity).
    double newest_wall_time = -std::numeric_limits<double>::infinity();
    // The reader stopped inside damage it has already reported: the next
    // reader resumes skipping it without a second report.
    bool in_damage = false;
  };

  // Starts reading `file` after the files started so far.
  void StartFile(const EventFileOnDisk& file);
  // Whether files_[index], an earlier file, is to be read again: multifile
  // polling is on, the file is active and it has grown on disk.
  bool EarlierFileGrew(size_t index,
                       const std::vector<EventFileOnDisk>& files) const;
  // Reads files_[index] from its offset; returns false when cancelled.
  bool ReadFile(size_t index, const std::atomic<bool>* cancel);
  void ProcessRecord(std::string_view record, uint64_t offset);
  bool TryFastPath(std::string_view record);
  void ProcessEvent(uint64_t offset);
  void ObserveSummaryStep(int64_t step, const std::vector<std::string>* tags);
  TagState* GetTag(std::string_view tag);
  // The known tag `tag` for the fast path, null if unknown. Writers log a
  // run's tags in the same order at every step, so the tag that followed the
  // previous one last time is tried first, without hashing.
  TagState* FindTag(std::string_view tag);
  StagedTag* Stage(std::string_view tag, TagState* state);
  void StageValue(const MigratedValue& value, TagState* state, int64_t step,
                  double wall_time, uint64_t offset);
  void SeeMetadata(std::string_view tag, TagState* state,
                   const tensorboard::SummaryMetadata& metadata);
  void Purge(int64_t step, const std::vector<std::string>* tags);
  void Flush();
  void AddError(std::string error);
  void PublishStatus(bool loaded);

  const std::shared_ptr<RunData> run_;
  const SizeGuidance* const sizes_;
  const LoaderOptions* const options_;
  Store* const store_;

  // Files started, in name order; the last is the newest. Earlier ones are
  // read again only with multifile polling.
  std::vector<FileState> files_;
  size_t current_file_ = 0;    // index in files_ of the file being read
  uint64_t file_counter_ = 0;  // the last FileState::id given
  std::vector<EventFileOnDisk> disk_files_;  // as given to the last Load()

  // Accumulator state (TensorBoard's EventAccumulator).
  bool started_ = false;
  double file_version_ = -1;  // parsed "brain.Event:N"; -1 if absent or invalid
  bool seen_session_start_ = false;
  int64_t most_recent_step_ = -1;
  StableStringMap<TagState> tags_;
  TagState* last_fast_tag_ = nullptr;  // the fast path's last tag

  StagedBatch batch_;
  std::vector<TagState*> staged_states_;
  int64_t staged_points_ = 0;
  tensorboard::Event event_;             // reused by the general path
  std::vector<MigratedValue> migrated_;  // reused by the general path
  std::vector<std::string> errors_;
  int64_t dropped_errors_ = 0;
  std::string read_error_;     // the last Load()'s I/O error, if any
  std::string listing_error_;  // see SetListingError()
  bool loaded_ = false;        // as last published
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_RUN_LOADER_H_
