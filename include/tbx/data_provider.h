// DataProvider: the read-only view of everything ingestion has loaded. The only
// way plugins read data. Implementations are thread-safe: any thread may call
// any method at any time; calls copy what they return and never hold locks that
// block ingestion for longer than that copy.
#ifndef TBX_DATA_PROVIDER_H_
#define TBX_DATA_PROVIDER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tbx/types.h"

namespace tbx {

// Options for reading a scalar series.
struct ScalarQuery {
  // 0 = every point. Otherwise at most about this many points: the steps are
  // cut into buckets and each bucket keeps its first, last, minimum and maximum
  // point (so spikes survive).
  size_t max_points = 0;
  // Only points with min_step <= step <= max_step.
  int64_t min_step = INT64_MIN;
  int64_t max_step = INT64_MAX;
};

// Loading progress and problems of one run, for /data/status and the frontend.
struct RunStatus {
  std::string run;
  int64_t files = 0;
  int64_t bytes_read = 0;
  int64_t bytes_present = 0;  // total size of the run's event files on disk
  bool loaded = false;        // every byte present has been read at least once
  std::vector<std::string>
      errors;  // e.g. "events.out...: bad data CRC at offset 1234; 2 ..."
};

// One kept datum of a tensor series without its tensor.
struct TensorStep {
  int64_t step = 0;
  double wall_time = 0;
};

struct LoadStatus {
  bool first_load_done =
      false;  // the first full pass over every run has finished
  std::vector<RunStatus> runs;
};

class DataProvider {
 public:
  virtual ~DataProvider() = default;

  // Runs in discovery order, each with its start time.
  virtual std::vector<RunInfo> ListRuns() const = 0;

  // Every time series whose metadata has this plugin name, by run and tag, in
  // insertion order.
  virtual RunTagMap<TagMetadata> ListTags(
      std::string_view plugin_name) const = 0;

  // ListTags for the runs in `runs` only (unknown runs are left out), in the
  // same order as ListTags; costs what those runs hold, not the whole store.
  // The default filters ListTags; implementations override it.
  virtual RunTagMap<TagMetadata> ListTagsOfRuns(
      std::string_view plugin_name,
      const std::vector<std::string>& runs) const {
    RunTagMap<TagMetadata> all = ListTags(plugin_name);
    std::erase_if(all, [&runs](const RunTags<TagMetadata>& entry) {
      for (const std::string& run : runs) {
        if (run == entry.run) return false;
      }
      return true;
    });
    return all;
  }

  // Names of every plugin that has at least one time series.
  virtual std::vector<std::string> ListPlugins() const = 0;

  // A scalar series. NotFound names the run and tag when either is unknown.
  virtual absl::StatusOr<ScalarSeries> ReadScalars(
      std::string_view run, std::string_view tag,
      const ScalarQuery& query = {}) const = 0;

  // Every kept datum of a tensor series, in storage order.
  virtual absl::StatusOr<std::vector<TensorDatum>> ReadTensors(
      std::string_view run, std::string_view tag) const = 0;

  // The step and wall time of every kept datum of a tensor series, in storage
  // order, without copying any tensor (for listings of large tensors). The
  // default reads the tensors; implementations override it.
  virtual absl::StatusOr<std::vector<TensorStep>> ReadTensorSteps(
      std::string_view run, std::string_view tag) const {
    absl::StatusOr<std::vector<TensorDatum>> data = ReadTensors(run, tag);
    if (!data.ok()) return data.status();
    std::vector<TensorStep> steps;
    steps.reserve(data->size());
    for (const TensorDatum& d : *data) steps.push_back({d.step, d.wall_time});
    return steps;
  }

  // The kept data of a tensor series at `step` only (usually one), in storage
  // order; copies only those tensors. An empty vector when no datum has that
  // step. The default reads every tensor; implementations override it.
  virtual absl::StatusOr<std::vector<TensorDatum>> ReadTensorsAtStep(
      std::string_view run, std::string_view tag, int64_t step) const {
    absl::StatusOr<std::vector<TensorDatum>> data = ReadTensors(run, tag);
    if (!data.ok()) return data.status();
    std::erase_if(*data,
                  [step](const TensorDatum& d) { return d.step != step; });
    return data;
  }

  // Calls `visit` with each kept datum of a tensor series at `step`, in
  // storage order, without copying its tensor (for routes that convert a
  // large tensor into their answer). The datum is valid only during the call,
  // which may run under the provider's read lock: keep it short and make no
  // provider call from it. NotFound as ReadTensorsAtStep. The default visits
  // ReadTensorsAtStep's copies; implementations override it.
  virtual absl::Status VisitTensorsAtStep(
      std::string_view run, std::string_view tag, int64_t step,
      const std::function<void(const TensorDatum&)>& visit) const {
    absl::StatusOr<std::vector<TensorDatum>> data =
        ReadTensorsAtStep(run, tag, step);
    if (!data.ok()) return data.status();
    for (const TensorDatum& datum : *data) visit(datum);
    return absl::OkStatus();
  }

  // Every step of a blob sequence, in storage order.
  virtual absl::StatusOr<std::vector<BlobSequenceDatum>> ReadBlobSequence(
      std::string_view run, std::string_view tag) const = 0;

  // The bytes of blob `index` of the first stored datum at `step`. Reads the
  // event file on demand.
  virtual absl::StatusOr<std::string> ReadBlob(std::string_view run,
                                               std::string_view tag,
                                               int64_t step,
                                               int64_t index) const = 0;

  // The directory on disk that holds a run's event files (for plugins that read
  // side files).
  virtual absl::StatusOr<std::string> RunDirectory(
      std::string_view run) const = 0;

  // Loading progress of every run.
  virtual LoadStatus GetLoadStatus() const = 0;

  // A counter that increases whenever any data becomes visible. WaitForChange
  // blocks until the counter exceeds `since` or `timeout` passes, and returns
  // the current counter.
  virtual uint64_t Generation() const = 0;
  virtual uint64_t WaitForChange(uint64_t since,
                                 absl::Duration timeout) const = 0;
};

}  // namespace tbx

#endif  // TBX_DATA_PROVIDER_H_
