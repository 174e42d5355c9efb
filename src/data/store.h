// Store: the registry of runs (in discovery order) and the DataProvider over
// them. The reloader syncs the run list; run loaders publish into their
// RunData; readers go through the DataProvider methods. Every publish bumps the
// generation counter that WaitForChange() waits on.
//
// Thread-safety: every method may be called from any thread.
// Locks, in order: mu_ (level 1, the run list) → RunData::mu_ (level 2) →
// generation_mu_, plugins_mu_ and the BlobReader's cache lock (leaves). Readers
// copy the run list under mu_, release it, then read each run under its own
// lock.
#ifndef TBX_SRC_DATA_STORE_H_
#define TBX_SRC_DATA_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "src/data/blob_reader.h"
#include "src/data/run_data.h"
#include "src/data/string_compat.h"
#include "tbx/data_provider.h"

namespace tbx {

class Store : public DataProvider {
 public:
  struct RunLocation {
    std::string name;
    std::string directory;
  };

  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Makes the run list `runs`: runs already stored (same name and directory)
  // keep their data and position, new runs are added after them in the given
  // order, the others are dropped. Returns the RunData of every listed run, in
  // the given order.
  std::vector<std::shared_ptr<RunData>> SyncRuns(
      const std::vector<RunLocation>& runs) ABSL_LOCKS_EXCLUDED(mu_);
  void SetFirstLoadDone() ABSL_LOCKS_EXCLUDED(mu_);
  // Bumps the generation and wakes WaitForChange callers.
  void NotifyChanged() ABSL_LOCKS_EXCLUDED(generation_mu_);

  // DataProvider.
  std::vector<RunInfo> ListRuns() const override;
  RunTagMap<TagMetadata> ListTags(std::string_view plugin_name) const override;
  RunTagMap<TagMetadata> ListTagsOfRuns(
      std::string_view plugin_name,
      const std::vector<std::string>& runs) const override;
  std::vector<std::string> ListPlugins() const override;
  absl::StatusOr<ScalarSeries> ReadScalars(
      std::string_view run, std::string_view tag,
      const ScalarQuery& query = {}) const override;
  absl::StatusOr<std::vector<TensorDatum>> ReadTensors(
      std::string_view run, std::string_view tag) const override;
  absl::StatusOr<std::vector<TensorStep>> ReadTensorSteps(
      std::string_view run, std::string_view tag) const override;
  absl::StatusOr<std::vector<TensorDatum>> ReadTensorsAtStep(
      std::string_view run, std::string_view tag, int64_t step) const override;
  absl::Status VisitTensorsAtStep(
      std::string_view run, std::string_view tag, int64_t step,
      const std::function<void(const TensorDatum&)>& visit) const override;
  absl::StatusOr<std::vector<BlobSequenceDatum>> ReadBlobSequence(
      std::string_view run, std::string_view tag) const override;
  absl::StatusOr<std::string> ReadBlob(std::string_view run,
                                       std::string_view tag, int64_t step,
                                       int64_t index) const override;
  absl::StatusOr<std::string> RunDirectory(std::string_view run) const override;
  LoadStatus GetLoadStatus() const override;
  uint64_t Generation() const override;
  uint64_t WaitForChange(uint64_t since, absl::Duration timeout) const override;

  // GetLoadStatus().first_load_done without copying every run's status.
  bool first_load_done() const ABSL_LOCKS_EXCLUDED(mu_);
  // Bytes held by full scalar columns across runs (benchmarks).
  size_t ScalarMemoryBytes() const;

 private:
  std::vector<std::shared_ptr<RunData>> Runs() const ABSL_LOCKS_EXCLUDED(mu_);
  // The tags of `runs` whose plugin is `plugin_name`, runs without any left
  // out.
  static RunTagMap<TagMetadata> TagsOfRuns(
      const std::vector<std::shared_ptr<RunData>>& runs,
      std::string_view plugin_name);
  absl::StatusOr<std::shared_ptr<RunData>> FindRun(std::string_view run) const
      ABSL_LOCKS_EXCLUDED(mu_);

  mutable absl::Mutex mu_;  // level 1
  // Runs in discovery order, and the same runs by name.
  std::vector<std::shared_ptr<RunData>> runs_ ABSL_GUARDED_BY(mu_);
  StringMap<std::shared_ptr<RunData>> by_name_ ABSL_GUARDED_BY(mu_);
  bool first_load_done_ ABSL_GUARDED_BY(mu_) = false;

  mutable absl::Mutex generation_mu_;  // leaf
  uint64_t generation_ ABSL_GUARDED_BY(generation_mu_) = 0;

  // ListPlugins' answer at generation plugins_generation_ (every plugin asks
  // for it to answer the plugins listing: 100,000 series scanned each time
  // at 5,000 runs). Data published since bumps the generation, so it is
  // listed afresh.
  mutable absl::Mutex plugins_mu_;  // leaf
  mutable std::optional<uint64_t> plugins_generation_
      ABSL_GUARDED_BY(plugins_mu_);
  mutable std::vector<std::string> plugins_ ABSL_GUARDED_BY(plugins_mu_);

  mutable BlobReader blob_reader_;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_STORE_H_
