// FakeDataProvider: an in-memory DataProvider for server tests. Tests set runs,
// tags, scalars and load status with small verbs and bump the generation; every
// method is thread-safe, so a test may change the data while server threads
// read it.
#ifndef TBX_TESTS_SERVER_FAKE_DATA_PROVIDER_H_
#define TBX_TESTS_SERVER_FAKE_DATA_PROVIDER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "tbx/data_provider.h"

namespace tbx {

class FakeDataProvider : public DataProvider {
 public:
  // Adds a run (discovery order = call order).
  void AddRun(const std::string& name, std::optional<double> start_time);
  // Adds a tag with the given plugin name to an existing or new run.
  void AddTag(const std::string& run, const std::string& tag,
              const std::string& plugin_name);
  void SetScalars(const std::string& run, const std::string& tag,
                  ScalarSeries series);
  void SetLoadStatus(LoadStatus status);
  // Increments the generation and wakes WaitForChange callers.
  void BumpGeneration();

  std::vector<RunInfo> ListRuns() const override;
  RunTagMap<TagMetadata> ListTags(std::string_view plugin_name) const override;
  std::vector<std::string> ListPlugins() const override;
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
  uint64_t Generation() const override;
  uint64_t WaitForChange(uint64_t since, absl::Duration timeout) const override;

 private:
  struct Run {
    std::optional<double> start_time;
    std::vector<std::pair<std::string, TagMetadata>> tags;
    std::map<std::string, ScalarSeries> scalars;
  };
  Run& RunNamed(const std::string& name) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::vector<std::pair<std::string, Run>> runs_ ABSL_GUARDED_BY(mu_);
  LoadStatus status_ ABSL_GUARDED_BY(mu_);
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tbx

#endif  // TBX_TESTS_SERVER_FAKE_DATA_PROVIDER_H_
