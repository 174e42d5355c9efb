// FakeDataProvider: an in-memory DataProvider that tests fill with a few calls,
// so plugin routes can be exercised without event files. Runs and tags keep the
// order in which they are first added, as the real store keeps discovery order.
//
// Build it on one thread, then read it from any number: the const DataProvider
// methods only read. The last ScalarQuery passed to ReadScalars is recorded
// (under a mutex) for tests to inspect.
#ifndef TBX_TESTS_TESTING_FAKE_DATA_PROVIDER_H_
#define TBX_TESTS_TESTING_FAKE_DATA_PROVIDER_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tbx/data_provider.h"

namespace tbx::testing {

class FakeDataProvider : public DataProvider {
 public:
  FakeDataProvider() = default;
  FakeDataProvider(const FakeDataProvider&) = delete;
  FakeDataProvider& operator=(const FakeDataProvider&) = delete;

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
  // Adds a run with no data.
  FakeDataProvider& AddRun(std::string_view run);

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
  absl::StatusOr<std::string> RunDirectory(std::string_view run) const override;
  LoadStatus GetLoadStatus() const override;
  uint64_t Generation() const override { return 1; }
  uint64_t WaitForChange(uint64_t since,
                         absl::Duration timeout) const override {
    return 1;
  }

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

  // The series run/tag, created with `metadata` when new.
  Series& GetOrAdd(std::string_view run, std::string_view tag,
                   const TagMetadata& metadata, double wall_time);
  const Series* Find(std::string_view run, std::string_view tag) const;
  absl::Status NotFound(std::string_view run, std::string_view tag) const;

  std::vector<Run> runs_;
  mutable std::mutex mu_;
  mutable std::optional<ScalarQuery> last_scalar_query_;  // guarded by mu_
};

// A DT_STRING tensor of the given shape.
Tensor StringTensor(std::vector<std::string> strings,
                    std::vector<int64_t> shape);
// A DT_FLOAT/DT_DOUBLE tensor of the given shape.
Tensor NumberTensor(std::vector<double> numbers, std::vector<int64_t> shape,
                    DType dtype = DType::kFloat);

}  // namespace tbx::testing

#endif  // TBX_TESTS_TESTING_FAKE_DATA_PROVIDER_H_
