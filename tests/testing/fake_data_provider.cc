// In-memory DataProvider for plugin, server and end-to-end tests; see
// fake_data_provider.h.
#include "tests/testing/fake_data_provider.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx::testing {
namespace {

absl::Status SeriesNotFound(std::string_view run, std::string_view tag) {
  return absl::NotFoundError(absl::StrCat("no series run=", std::string(run),
                                          " tag=", std::string(tag)));
}

}  // namespace

FakeDataProvider::Run& FakeDataProvider::RunNamed(std::string_view run) {
  for (Run& r : runs_) {
    if (r.name == run) return r;
  }
  runs_.push_back(Run{std::string(run), std::nullopt, {}});
  return runs_.back();
}

FakeDataProvider::Series& FakeDataProvider::SeriesNamed(
    std::string_view run, std::string_view tag, const TagMetadata& metadata) {
  Run& r = RunNamed(run);
  for (Series& s : r.series) {
    if (s.tag == tag) return s;
  }
  r.series.push_back(Series{std::string(tag), metadata, {}, {}, {}});
  return r.series.back();
}

FakeDataProvider::Series& FakeDataProvider::SeriesWithDatumAt(
    std::string_view run, std::string_view tag, const TagMetadata& metadata,
    double wall_time) {
  Run& r = RunNamed(run);
  if (!r.start_time.has_value()) r.start_time = wall_time;
  return SeriesNamed(run, tag, metadata);
}

const FakeDataProvider::Series* FakeDataProvider::Find(
    std::string_view run, std::string_view tag, DataClass data_class) const {
  for (const Run& r : runs_) {
    if (r.name != run) continue;
    for (const Series& s : r.series) {
      if (s.tag == tag && s.metadata.data_class == data_class) return &s;
    }
  }
  return nullptr;
}

FakeDataProvider& FakeDataProvider::AddRun(std::string_view run,
                                           std::optional<double> start_time) {
  absl::MutexLock lock(&mu_);
  Run& r = RunNamed(run);
  if (start_time.has_value()) r.start_time = start_time;
  return *this;
}

FakeDataProvider& FakeDataProvider::AddTag(std::string_view run,
                                           std::string_view tag,
                                           std::string_view plugin_name) {
  absl::MutexLock lock(&mu_);
  TagMetadata metadata;
  metadata.plugin_name = std::string(plugin_name);
  SeriesNamed(run, tag, metadata);
  return *this;
}

FakeDataProvider& FakeDataProvider::AddScalar(
    std::string_view run, std::string_view tag, int64_t step, double wall_time,
    double value, std::string_view description, std::string_view display_name) {
  absl::MutexLock lock(&mu_);
  TagMetadata metadata{"scalars", "", std::string(display_name),
                       std::string(description), DataClass::kScalar};
  Series& s = SeriesWithDatumAt(run, tag, metadata, wall_time);
  s.scalars.steps.push_back(step);
  s.scalars.wall_times.push_back(wall_time);
  s.scalars.values.push_back(value);
  return *this;
}

FakeDataProvider& FakeDataProvider::AddTensor(std::string_view run,
                                              std::string_view tag,
                                              std::string_view plugin_name,
                                              int64_t step, double wall_time,
                                              Tensor tensor) {
  absl::MutexLock lock(&mu_);
  TagMetadata metadata{std::string(plugin_name), "", "", "",
                       DataClass::kTensor};
  SeriesWithDatumAt(run, tag, metadata, wall_time)
      .tensors.push_back(TensorDatum{step, wall_time, std::move(tensor)});
  return *this;
}

FakeDataProvider& FakeDataProvider::AddBlobs(std::string_view run,
                                             std::string_view tag,
                                             std::string_view plugin_name,
                                             int64_t step, double wall_time,
                                             std::vector<std::string> blobs) {
  absl::MutexLock lock(&mu_);
  TagMetadata metadata{std::string(plugin_name), "", "", "",
                       DataClass::kBlobSequence};
  SeriesWithDatumAt(run, tag, metadata, wall_time)
      .blob_steps.push_back(
          Series::BlobStep{step, wall_time, std::move(blobs)});
  return *this;
}

FakeDataProvider& FakeDataProvider::SetMetadata(std::string_view run,
                                                std::string_view tag,
                                                TagMetadata metadata) {
  absl::MutexLock lock(&mu_);
  for (Run& r : runs_) {
    if (r.name != run) continue;
    for (Series& s : r.series) {
      if (s.tag == tag) s.metadata = std::move(metadata);
    }
  }
  return *this;
}

FakeDataProvider& FakeDataProvider::SetLoadStatus(LoadStatus status) {
  absl::MutexLock lock(&mu_);
  load_status_ = std::move(status);
  return *this;
}

void FakeDataProvider::BumpGeneration() {
  absl::MutexLock lock(&mu_);
  ++generation_;
}

std::optional<ScalarQuery> FakeDataProvider::last_scalar_query() const {
  absl::MutexLock lock(&mu_);
  return last_scalar_query_;
}

std::vector<RunInfo> FakeDataProvider::ListRuns() const {
  absl::MutexLock lock(&mu_);
  std::vector<RunInfo> runs;
  for (const Run& r : runs_) runs.push_back(RunInfo{r.name, r.start_time});
  return runs;
}

RunTagMap<TagMetadata> FakeDataProvider::ListTags(
    std::string_view plugin_name) const {
  absl::MutexLock lock(&mu_);
  RunTagMap<TagMetadata> result;
  for (const Run& r : runs_) {
    RunTags<TagMetadata> entry{r.name, {}};
    for (const Series& s : r.series) {
      if (s.metadata.plugin_name == plugin_name)
        entry.tags.emplace_back(s.tag, s.metadata);
    }
    if (!entry.tags.empty()) result.push_back(std::move(entry));
  }
  return result;
}

std::vector<std::string> FakeDataProvider::ListPlugins() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> names;
  for (const Run& r : runs_) {
    for (const Series& s : r.series) {
      if (std::find(names.begin(), names.end(), s.metadata.plugin_name) ==
          names.end()) {
        names.push_back(s.metadata.plugin_name);
      }
    }
  }
  return names;
}

absl::StatusOr<ScalarSeries> FakeDataProvider::ReadScalars(
    std::string_view run, std::string_view tag,
    const ScalarQuery& query) const {
  absl::MutexLock lock(&mu_);
  last_scalar_query_ = query;
  const Series* s = Find(run, tag, DataClass::kScalar);
  if (s == nullptr) return SeriesNotFound(run, tag);
  ScalarSeries in_range;
  for (size_t i = 0; i < s->scalars.size(); ++i) {
    const int64_t step = s->scalars.steps[i];
    if (step < query.min_step || step > query.max_step) continue;
    in_range.steps.push_back(step);
    in_range.wall_times.push_back(s->scalars.wall_times[i]);
    in_range.values.push_back(s->scalars.values[i]);
  }
  if (query.max_points == 0 || in_range.size() <= query.max_points)
    return in_range;
  const size_t stride =
      (in_range.size() + query.max_points - 1) / query.max_points;
  ScalarSeries kept;
  for (size_t i = 0; i < in_range.size(); ++i) {
    if (i % stride != 0 && i + 1 != in_range.size()) continue;
    kept.steps.push_back(in_range.steps[i]);
    kept.wall_times.push_back(in_range.wall_times[i]);
    kept.values.push_back(in_range.values[i]);
  }
  return kept;
}

absl::StatusOr<std::vector<TensorDatum>> FakeDataProvider::ReadTensors(
    std::string_view run, std::string_view tag) const {
  absl::MutexLock lock(&mu_);
  const Series* s = Find(run, tag, DataClass::kTensor);
  if (s == nullptr) return SeriesNotFound(run, tag);
  return s->tensors;
}

absl::StatusOr<std::vector<BlobSequenceDatum>>
FakeDataProvider::ReadBlobSequence(std::string_view run,
                                   std::string_view tag) const {
  absl::MutexLock lock(&mu_);
  const Series* s = Find(run, tag, DataClass::kBlobSequence);
  if (s == nullptr) return SeriesNotFound(run, tag);
  std::vector<BlobSequenceDatum> data;
  for (const Series::BlobStep& b : s->blob_steps) {
    data.push_back(BlobSequenceDatum{b.step, b.wall_time,
                                     static_cast<int64_t>(b.blobs.size())});
  }
  return data;
}

absl::StatusOr<std::string> FakeDataProvider::ReadBlob(std::string_view run,
                                                       std::string_view tag,
                                                       int64_t step,
                                                       int64_t index) const {
  absl::MutexLock lock(&mu_);
  const Series* s = Find(run, tag, DataClass::kBlobSequence);
  if (s == nullptr) return SeriesNotFound(run, tag);
  for (const Series::BlobStep& b : s->blob_steps) {
    if (b.step != step) continue;
    if (index < 0 || index >= static_cast<int64_t>(b.blobs.size())) {
      return absl::OutOfRangeError(
          absl::StrCat("no blob ", index, " at step ", step));
    }
    return b.blobs[index];
  }
  return absl::NotFoundError(absl::StrCat("no step ", step));
}

absl::StatusOr<std::string> FakeDataProvider::RunDirectory(
    std::string_view run) const {
  absl::MutexLock lock(&mu_);
  for (const Run& r : runs_) {
    if (r.name == run) return absl::StrCat("/fake/", std::string(run));
  }
  return absl::NotFoundError(absl::StrCat("no run ", std::string(run)));
}

LoadStatus FakeDataProvider::GetLoadStatus() const {
  absl::MutexLock lock(&mu_);
  if (load_status_.has_value()) return *load_status_;
  LoadStatus status;
  status.first_load_done = true;
  for (const Run& r : runs_)
    status.runs.push_back(RunStatus{r.name, 1, 0, 0, true, {}});
  return status;
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

Tensor StringTensor(std::vector<std::string> strings,
                    std::vector<int64_t> shape) {
  Tensor t;
  t.dtype = DType::kString;
  t.shape = std::move(shape);
  t.strings = std::move(strings);
  return t;
}

Tensor NumberTensor(std::vector<double> numbers, std::vector<int64_t> shape,
                    DType dtype) {
  Tensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.numbers = std::move(numbers);
  return t;
}

}  // namespace tbx::testing
