// FakeDataProvider: an in-memory DataProvider that tests fill with a few calls,
// so plugin routes, server routes and the change watcher can be exercised
// without event files. Runs and tags keep the order in which they are first
// added, as the real store keeps discovery order. The generation starts at 0
// and moves only when a test calls BumpGeneration, so the test decides when
// readers see a change.
//
// The fake owns copies of everything it is given and every read returns a
// copy. Every method is thread-safe (one mutex): a test may add data or bump
// the generation while server threads read it or block in WaitForChange.
#ifndef TBX_TESTS_TESTING_FAKE_DATA_PROVIDER_H_
#define TBX_TESTS_TESTING_FAKE_DATA_PROVIDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "tbx/data_provider.h"

namespace tbx::testing {

class FakeDataProvider : public DataProvider {
 public:
  FakeDataProvider() = default;
  FakeDataProvider(const FakeDataProvider&) = delete;
  FakeDataProvider& operator=(const FakeDataProvider&) = delete;

  // Adds a run with no data if it is new. A given `start_time` replaces the
  // run's start time; otherwise the run starts at the wall time of its first
  // datum, as the real store takes it from the first event.
  FakeDataProvider& AddRun(std::string_view run,
                           std::optional<double> start_time = std::nullopt);
  // Adds a series with no data whose metadata names only its plugin
  // (DataClass kUnknown), for tests that list tags and plugins.
  FakeDataProvider& AddTag(std::string_view run, std::string_view tag,
                           std::string_view plugin_name);
  // Appends one point to scalar series run/tag (plugin "scalars", DataClass
  // kScalar). The metadata comes from the first call for the tag, as the real
  // store takes it from the first event.
  FakeDataProvider& AddScalar(std::string_view run, std::string_view tag,
                              int64_t step, double wall_time, double value,
                              std::string_view description = "",
                              std::string_view display_name = "");
  // Appends one tensor datum to run/tag (DataClass kTensor) with plugin
  // `plugin_name`.
  FakeDataProvider& AddTensor(std::string_view run, std::string_view tag,
                              std::string_view plugin_name, int64_t step,
                              double wall_time, Tensor tensor);
  // Appends one step of blobs to run/tag (DataClass kBlobSequence) with plugin
  // `plugin_name`.
  FakeDataProvider& AddBlobs(std::string_view run, std::string_view tag,
                             std::string_view plugin_name, int64_t step,
                             double wall_time, std::vector<std::string> blobs);
  // Replaces the metadata of an existing series (e.g. to set plugin_content or
  // a description).
  FakeDataProvider& SetMetadata(std::string_view run, std::string_view tag,
                                TagMetadata metadata);
  // Makes GetLoadStatus return `status`. Until this is called it reports the
  // first load done and every run loaded from one file without errors.
  FakeDataProvider& SetLoadStatus(LoadStatus status);
  // Increments the generation and wakes WaitForChange callers.
  void BumpGeneration();

  // The query of the most recent ReadScalars call.
  std::optional<ScalarQuery> last_scalar_query() const;

  std::vector<RunInfo> ListRuns() const override;
  RunTagMap<TagMetadata> ListTags(std::string_view plugin_name) const override;
  std::vector<std::string> ListPlugins() const override;
  // Honours min_step/max_step. With max_points > 0 it keeps every k-th point
  // and the last one (a stand-in for the real bucket downsampling, enough to
  // see that the query arrived).
  absl::StatusOr<ScalarSeries> ReadScalars(
      std::string_view run, std::string_view tag,
      const ScalarQuery& query) const override;
  absl::StatusOr<std::vector<TensorDatum>> ReadTensors(
      std::string_view run, std::string_view tag) const override;
  absl::StatusOr<std::vector<BlobSequenceDatum>> ReadBlobSequence(
      std::string_view run, std::string_view tag) const override;
  absl::StatusOr<std::string> ReadBlob(std::string_view run,
                                       std::string_view tag, int64_t step,
                                       int64_t index) const override;
  // "/fake/<run>" for every known run.
  absl::StatusOr<std::string> RunDirectory(std::string_view run) const override;
  LoadStatus GetLoadStatus() const override;
  uint64_t Generation() const override;
  uint64_t WaitForChange(uint64_t since, absl::Duration timeout) const override;

 private:
  struct Series {
    std::string tag;
    TagMetadata metadata;
    ScalarSeries scalars;
    std::vector<TensorDatum> tensors;
    struct BlobStep {
      int64_t step;
      double wall_time;
      std::vector<std::string> blobs;
    };
    std::vector<BlobStep> blob_steps;
  };
  struct Run {
    std::string name;
    std::optional<double> start_time;
    std::vector<Series> series;
  };

  // The run named `run`, appended when new.
  Run& RunNamed(std::string_view run) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The series run/tag, created with `metadata` when new.
  Series& SeriesNamed(std::string_view run, std::string_view tag,
                      const TagMetadata& metadata)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // SeriesNamed, and the run starts at `wall_time` unless it has started.
  Series& SeriesWithDatumAt(std::string_view run, std::string_view tag,
                            const TagMetadata& metadata, double wall_time)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The series run/tag if it exists and holds `data_class`.
  const Series* Find(std::string_view run, std::string_view tag,
                     DataClass data_class) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::vector<Run> runs_ ABSL_GUARDED_BY(mu_);
  std::optional<LoadStatus> load_status_ ABSL_GUARDED_BY(mu_);
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  mutable std::optional<ScalarQuery> last_scalar_query_ ABSL_GUARDED_BY(mu_);
};

// A DT_STRING tensor of the given shape.
Tensor StringTensor(std::vector<std::string> strings,
                    std::vector<int64_t> shape);
// A DT_FLOAT/DT_DOUBLE tensor of the given shape.
Tensor NumberTensor(std::vector<double> numbers, std::vector<int64_t> shape,
                    DType dtype = DType::kFloat);

}  // namespace tbx::testing

#endif  // TBX_TESTS_TESTING_FAKE_DATA_PROVIDER_H_
