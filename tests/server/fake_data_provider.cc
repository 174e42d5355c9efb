// Implementation of fake_data_provider.h.
#include "tests/server/fake_data_provider.h"

#include "absl/status/status.h"

namespace tbx {

FakeDataProvider::Run& FakeDataProvider::RunNamed(const std::string& name) {
  for (auto& [run_name, run] : runs_) {
    if (run_name == name) return run;
  }
  runs_.emplace_back(name, Run{});
  return runs_.back().second;
}

void FakeDataProvider::AddRun(const std::string& name,
                              std::optional<double> start_time) {
  absl::MutexLock lock(&mu_);
  RunNamed(name).start_time = start_time;
}

void FakeDataProvider::AddTag(const std::string& run, const std::string& tag,
                              const std::string& plugin_name) {
  absl::MutexLock lock(&mu_);
  TagMetadata metadata;
  metadata.plugin_name = plugin_name;
  RunNamed(run).tags.emplace_back(tag, metadata);
}

void FakeDataProvider::SetScalars(const std::string& run,
                                  const std::string& tag, ScalarSeries series) {
  absl::MutexLock lock(&mu_);
  RunNamed(run).scalars[tag] = std::move(series);
}

void FakeDataProvider::SetLoadStatus(LoadStatus status) {
  absl::MutexLock lock(&mu_);
  status_ = std::move(status);
}

void FakeDataProvider::BumpGeneration() {
  absl::MutexLock lock(&mu_);
  ++generation_;
}

std::vector<RunInfo> FakeDataProvider::ListRuns() const {
  absl::MutexLock lock(&mu_);
  std::vector<RunInfo> runs;
  for (const auto& [name, run] : runs_)
    runs.push_back(RunInfo{name, run.start_time});
  return runs;
}

RunTagMap<TagMetadata> FakeDataProvider::ListTags(
    std::string_view plugin_name) const {
  absl::MutexLock lock(&mu_);
  RunTagMap<TagMetadata> result;
  for (const auto& [name, run] : runs_) {
    RunTags<TagMetadata> entry{name, {}};
    for (const auto& [tag, metadata] : run.tags) {
      if (metadata.plugin_name == plugin_name)
        entry.tags.emplace_back(tag, metadata);
    }
    if (!entry.tags.empty()) result.push_back(std::move(entry));
  }
  return result;
}

std::vector<std::string> FakeDataProvider::ListPlugins() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> plugins;
  for (const auto& [name, run] : runs_) {
    for (const auto& [tag, metadata] : run.tags) {
      bool seen = false;
      for (const std::string& p : plugins) seen |= p == metadata.plugin_name;
      if (!seen) plugins.push_back(metadata.plugin_name);
    }
  }
  return plugins;
}

absl::StatusOr<ScalarSeries> FakeDataProvider::ReadScalars(
    std::string_view run, std::string_view tag, const ScalarQuery&) const {
  absl::MutexLock lock(&mu_);
  for (const auto& [name, entry] : runs_) {
    if (name != run) continue;
    auto it = entry.scalars.find(std::string(tag));
    if (it != entry.scalars.end()) return it->second;
  }
  return absl::NotFoundError("no such scalar series");
}

absl::StatusOr<std::vector<TensorDatum>> FakeDataProvider::ReadTensors(
    std::string_view, std::string_view) const {
  return absl::NotFoundError("the fake holds no tensors");
}

absl::StatusOr<std::vector<BlobSequenceDatum>>
FakeDataProvider::ReadBlobSequence(std::string_view, std::string_view) const {
  return absl::NotFoundError("the fake holds no blob sequences");
}

absl::StatusOr<std::string> FakeDataProvider::ReadBlob(std::string_view,
                                                       std::string_view,
                                                       int64_t, int64_t) const {
  return absl::NotFoundError("the fake holds no blobs");
}

absl::StatusOr<std::string> FakeDataProvider::RunDirectory(
    std::string_view) const {
  return absl::NotFoundError("the fake has no directories");
}

LoadStatus FakeDataProvider::GetLoadStatus() const {
  absl::MutexLock lock(&mu_);
  return status_;
}

uint64_t FakeDataProvider::Generation() const {
  absl::MutexLock lock(&mu_);
  return generation_;
}

uint64_t FakeDataProvider::WaitForChange(uint64_t since,
                                         absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto changed = [this, since]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return generation_ > since;
  };
  mu_.AwaitWithTimeout(absl::Condition(&changed), timeout);
  return generation_;
}

}  // namespace tbx
