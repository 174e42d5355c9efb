#include "src/data/run_data.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "src/data/downsample.h"
#include "src/data/string_compat.h"

namespace tbx {

struct RunData::Series {
  std::string tag;
  SeriesKind kind = SeriesKind::kTensors;
  bool has_metadata = false;
  TagMetadata metadata;
  ScalarColumn column;  // kScalars kept in full
  std::unique_ptr<ReservoirBucket<ScalarPoint>>
      sampled;  // kScalars under a reservoir
  std::unique_ptr<ReservoirBucket<TensorDatum>> tensors;  // kTensors
  std::unique_ptr<ReservoirBucket<BlobRef>>
      blobs;  // kBlobs (capacity 0 = every step)
};

RunData::RunData(std::string name, std::string directory)
    : name_(std::move(name)), directory_(std::move(directory)) {
  status_.run = name_;
}

RunData::~RunData() = default;

void RunData::Publish(StagedBatch* batch) {
  absl::MutexLock lock(&mu_);
  if (batch->start_time && !start_time_) start_time_ = batch->start_time;
  for (std::string& file : batch->new_files) files_.push_back(std::move(file));
  for (StagedTag& staged : batch->tags) {
    auto it = index_.find(staged.tag);
    Series* series = it == index_.end() ? nullptr : it->second;
    if (series == nullptr) {
      if (!staged.has_data()) continue;  // metadata alone makes no series
      auto created = std::make_unique<Series>();
      created->tag = staged.tag;
      created->kind = staged.kind;
      switch (staged.kind) {
        case SeriesKind::kScalars:
          if (staged.capacity > 0) {
            created->sampled =
                std::make_unique<ReservoirBucket<ScalarPoint>>(staged.capacity);
          }
          break;
        case SeriesKind::kTensors:
          created->tensors =
              std::make_unique<ReservoirBucket<TensorDatum>>(staged.capacity);
          break;
        case SeriesKind::kBlobs:
          created->blobs =
              std::make_unique<ReservoirBucket<BlobRef>>(staged.capacity);
          break;
      }
      series = created.get();
      index_.emplace(series->tag, series);
      series_.push_back(std::move(created));
    }
    if (staged.first_metadata && !series->has_metadata) {
      series->metadata = std::move(*staged.first_metadata);
      series->has_metadata = true;
    }
    if (series->sampled) {
      for (const ScalarPoint& p : staged.scalars) series->sampled->Add(p);
    } else if (series->kind == SeriesKind::kScalars) {
      for (const ScalarPoint& p : staged.scalars) series->column.Append(p);
    }
    if (series->tensors) {
      for (TensorDatum& d : staged.tensors) series->tensors->Add(std::move(d));
    }
    if (series->blobs) {
      for (const BlobRef& b : staged.blobs) series->blobs->Add(b);
    }
  }
  for (StagedTag& staged : batch->tags) {
    staged.scalars.clear();
    staged.tensors.clear();
    staged.blobs.clear();
    staged.first_metadata.reset();
    batch->spare.push_back(std::move(staged));
  }
  batch->tags.clear();
  batch->new_files.clear();
  batch->start_time.reset();
}

int64_t RunData::Purge(int64_t step, const std::vector<std::string>* tags) {
  absl::MutexLock lock(&mu_);
  auto purge = [step](Series* s) -> int64_t {
    auto expired = [step](const auto& item) { return item.step < step; };
    if (s->sampled) return s->sampled->Filter(expired);
    if (s->tensors) return s->tensors->Filter(expired);
    if (s->blobs) return s->blobs->Filter(expired);
    return s->column.RemoveStepsAtOrAbove(step);
  };
  int64_t removed = 0;
  if (tags == nullptr) {
    for (auto& s : series_) removed += purge(s.get());
  } else {
    for (const std::string& tag : *tags) {
      auto it = index_.find(tag);
      if (it != index_.end()) removed += purge(it->second);
    }
  }
  return removed;
}

void RunData::SealScalars() {
  absl::MutexLock lock(&mu_);
  for (auto& s : series_) {
    if (s->kind == SeriesKind::kScalars && !s->sampled) s->column.Seal();
  }
}

void RunData::SetStatus(RunStatus status) {
  absl::MutexLock lock(&mu_);
  status_ = std::move(status);
  status_.run = name_;
}

std::optional<double> RunData::start_time() const {
  absl::ReaderMutexLock lock(&mu_);
  return start_time_;
}

void RunData::ListTags(
    std::string_view plugin_name,
    std::vector<std::pair<std::string, TagMetadata>>* out) const {
  absl::ReaderMutexLock lock(&mu_);
  out->reserve(out->size() + series_.size());
  for (const auto& s : series_) {
    if (s->has_metadata && s->metadata.plugin_name == plugin_name) {
      out->emplace_back(s->tag, s->metadata);
    }
  }
}

void RunData::CollectPlugins(absl::btree_set<std::string>* out) const {
  absl::ReaderMutexLock lock(&mu_);
  // A run's series mostly share a few plugins: skip the set's lookup while the
  // name repeats.
  const std::string* last = nullptr;
  for (const auto& s : series_) {
    if (!s->has_metadata || s->metadata.plugin_name.empty()) continue;
    if (last != nullptr && *last == s->metadata.plugin_name) continue;
    last = &s->metadata.plugin_name;
    out->insert(*last);
  }
}

const RunData::Series* RunData::FindLocked(std::string_view tag) const {
  auto it = index_.find(tag);
  return it == index_.end() ? nullptr : it->second;
}

absl::Status RunData::NotFound(std::string_view tag,
                               std::string_view what) const {
  return absl::NotFoundError(absl::StrCat("No ", Sv(what), " for run '", name_,
                                          "', tag '", Sv(tag), "'"));
}

absl::StatusOr<ScalarSeries> RunData::ReadScalars(
    std::string_view tag, const ScalarQuery& query) const {
  ScalarSeries out;
  {
    absl::ReaderMutexLock lock(&mu_);
    const Series* s = FindLocked(tag);
    if (s == nullptr) return NotFound(tag, "scalar data");
    auto add = [&](int64_t step, double wall_time, double value) {
      if (step < query.min_step || step > query.max_step) return;
      out.steps.push_back(step);
      out.wall_times.push_back(wall_time);
      out.values.push_back(value);
    };
    if (s->kind == SeriesKind::kScalars && !s->sampled) {
      // Kept in full: the column answers ranges and downsampling from its
      // summaries.
      s->column.ReadRange(query, &out);
      return out;
    }
    if (s->kind == SeriesKind::kScalars) {
      size_t n = s->sampled ? s->sampled->items().size() : s->column.size();
      out.steps.reserve(n);
      out.wall_times.reserve(n);
      out.values.reserve(n);
      if (s->sampled) {
        for (const ScalarPoint& p : s->sampled->items())
          add(p.step, p.wall_time, p.value);
      } else {
        s->column.ForEach(
            [&](const ScalarPoint& p) { add(p.step, p.wall_time, p.value); });
      }
    } else if (s->kind == SeriesKind::kTensors) {
      // A scalar tag whose first value carried no metadata lives in a tensor
      // reservoir.
      for (const TensorDatum& d : s->tensors->items()) {
        if (d.tensor.numbers.size() == 1)
          add(d.step, d.wall_time, d.tensor.numbers[0]);
      }
    } else {
      return NotFound(tag, "scalar data (the tag holds blob sequences)");
    }
  }
  return Downsample(std::move(out), query.max_points);
}

absl::StatusOr<std::vector<TensorDatum>> RunData::ReadTensors(
    std::string_view tag) const {
  absl::ReaderMutexLock lock(&mu_);
  const Series* s = FindLocked(tag);
  if (s == nullptr) return NotFound(tag, "tensor data");
  if (s->kind == SeriesKind::kTensors) return s->tensors->items();
  if (s->kind == SeriesKind::kBlobs) {
    return NotFound(tag, "tensor data (the tag holds blob sequences)");
  }
  std::vector<TensorDatum> out;
  auto add = [&](const ScalarPoint& p) {
    TensorDatum d;
    d.step = p.step;
    d.wall_time = p.wall_time;
    d.tensor.dtype = DType::kDouble;
    d.tensor.numbers.push_back(p.value);
    out.push_back(std::move(d));
  };
  if (s->sampled) {
    for (const ScalarPoint& p : s->sampled->items()) add(p);
  } else {
    s->column.ForEach(add);
  }
  return out;
}

absl::StatusOr<std::vector<TensorStep>> RunData::ReadTensorSteps(
    std::string_view tag) const {
  absl::ReaderMutexLock lock(&mu_);
  const Series* s = FindLocked(tag);
  if (s == nullptr) return NotFound(tag, "tensor data");
  std::vector<TensorStep> out;
  if (s->kind == SeriesKind::kTensors) {
    out.reserve(s->tensors->items().size());
    for (const TensorDatum& d : s->tensors->items())
      out.push_back({d.step, d.wall_time});
  } else if (s->kind == SeriesKind::kBlobs) {
    return NotFound(tag, "tensor data (the tag holds blob sequences)");
  } else if (s->sampled) {
    for (const ScalarPoint& p : s->sampled->items())
      out.push_back({p.step, p.wall_time});
  } else {
    s->column.ForEach([&](const ScalarPoint& p) {
      out.push_back({p.step, p.wall_time});
    });
  }
  return out;
}

absl::StatusOr<std::vector<TensorDatum>> RunData::ReadTensorsAtStep(
    std::string_view tag, int64_t step) const {
  {
    absl::ReaderMutexLock lock(&mu_);
    const Series* s = FindLocked(tag);
    if (s == nullptr) return NotFound(tag, "tensor data");
    if (s->kind == SeriesKind::kTensors) {
      std::vector<TensorDatum> out;
      for (const TensorDatum& d : s->tensors->items())
        if (d.step == step) out.push_back(d);
      return out;
    }
  }
  // Scalars and blob sequences: small, or an error; as ReadTensors.
  absl::StatusOr<std::vector<TensorDatum>> all = ReadTensors(tag);
  if (!all.ok()) return all.status();
  std::erase_if(*all, [step](const TensorDatum& d) { return d.step != step; });
  return all;
}

absl::Status RunData::VisitTensorsAtStep(
    std::string_view tag, int64_t step,
    const std::function<void(const TensorDatum&)>& visit) const {
  {
    absl::ReaderMutexLock lock(&mu_);
    const Series* s = FindLocked(tag);
    if (s == nullptr) return NotFound(tag, "tensor data");
    if (s->kind == SeriesKind::kTensors) {
      for (const TensorDatum& d : s->tensors->items())
        if (d.step == step) visit(d);
      return absl::OkStatus();
    }
  }
  // Scalars and blob sequences: small, or an error; as ReadTensorsAtStep.
  absl::StatusOr<std::vector<TensorDatum>> data = ReadTensorsAtStep(tag, step);
  if (!data.ok()) return data.status();
  for (const TensorDatum& d : *data) visit(d);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<BlobSequenceDatum>> RunData::ReadBlobSequence(
    std::string_view tag) const {
  absl::ReaderMutexLock lock(&mu_);
  const Series* s = FindLocked(tag);
  if (s == nullptr || s->kind != SeriesKind::kBlobs)
    return NotFound(tag, "blob sequence data");
  std::vector<BlobSequenceDatum> out;
  out.reserve(s->blobs->items().size());
  for (const BlobRef& b : s->blobs->items()) {
    out.push_back(BlobSequenceDatum{b.step, b.wall_time, b.num_blobs});
  }
  return out;
}

absl::StatusOr<BlobLocation> RunData::FindBlob(std::string_view tag,
                                               int64_t step,
                                               int64_t index) const {
  absl::ReaderMutexLock lock(&mu_);
  const Series* s = FindLocked(tag);
  if (s == nullptr || s->kind != SeriesKind::kBlobs)
    return NotFound(tag, "blob sequence data");
  for (const BlobRef& b : s->blobs->items()) {
    if (b.step != step) continue;
    if (index < 0 || index >= b.num_blobs) {
      return absl::NotFoundError(absl::StrCat(
          "No blob ", index, " at step ", step, " for run '", name_, "', tag '",
          Sv(tag), "' (it has ", b.num_blobs, ")"));
    }
    if (b.file_index >= files_.size())
      return absl::InternalError("blob file index out of range");
    return BlobLocation{files_[b.file_index], b.record_offset, b.source_index,
                        b.stride, index};
  }
  return absl::NotFoundError(absl::StrCat("No step ", step, " for run '", name_,
                                          "', tag '", Sv(tag), "'"));
}

RunStatus RunData::status() const {
  absl::ReaderMutexLock lock(&mu_);
  return status_;
}

size_t RunData::ScalarMemoryBytes() const {
  absl::ReaderMutexLock lock(&mu_);
  size_t bytes = 0;
  for (const auto& s : series_) {
    if (s->kind == SeriesKind::kScalars && !s->sampled)
      bytes += s->column.MemoryBytes();
  }
  return bytes;
}

}  // namespace tbx
