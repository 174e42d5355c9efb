#include "src/data/run_loader.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "src/data/file_systems.h"
#include "src/data/readable_file.h"
#include "src/data/record_reader.h"
#include "src/data/scalar_fast_path.h"
#include "src/data/store.h"
#include "src/data/tensor_decode.h"

namespace tbx {
namespace {

constexpr size_t kMaxErrors = 100;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

SeriesKind KindOf(const TagMetadata* metadata) {
  if (metadata == nullptr) return SeriesKind::kTensors;
  switch (metadata->data_class) {
    case DataClass::kScalar:
      return SeriesKind::kScalars;
    case DataClass::kBlobSequence:
      return SeriesKind::kBlobs;
    default:
      return SeriesKind::kTensors;
  }
}

TagMetadata ToTagMetadata(const tensorboard::SummaryMetadata& proto) {
  TagMetadata m;
  m.plugin_name = proto.plugin_data().plugin_name();
  m.plugin_content = proto.plugin_data().content();
  m.display_name = proto.display_name();
  m.description = proto.summary_description();
  switch (proto.data_class()) {
    case tensorboard::DATA_CLASS_SCALAR:
      m.data_class = DataClass::kScalar;
      break;
    case tensorboard::DATA_CLASS_TENSOR:
      m.data_class = DataClass::kTensor;
      break;
    case tensorboard::DATA_CLASS_BLOB_SEQUENCE:
      m.data_class = DataClass::kBlobSequence;
      break;
    default:
      m.data_class = DataClass::kUnknown;
  }
  return m;
}

// TensorBoard's ParseFileVersion: the number after "brain.Event:", -1 when it
// is not one.
double ParseFileVersion(const std::string& version) {
  std::string_view v = version;
  size_t at = v.rfind("brain.Event:");
  if (at != std::string_view::npos) v.remove_prefix(at + 12);
  double parsed = 0;
  return absl::SimpleAtod(Sv(v), &parsed) ? parsed : -1;
}

int64_t NumElements(const tensorboard::TensorProto& tensor) {
  int64_t n = 1;
  for (const auto& dim : tensor.tensor_shape().dim())
    n *= std::max<int64_t>(dim.size(), 0);
  return n;
}

}  // namespace

int64_t SizeGuidance::Capacity(SeriesKind kind,
                               const std::string& plugin) const {
  auto it = samples_per_plugin_.find(plugin);
  if (it != samples_per_plugin_.end()) return it->second;
  if (kind != SeriesKind::kTensors) return 0;
  if (plugin == "histograms") return 500;
  // Every PR curve step is served (TensorBoard samples 100).
  if (plugin == "pr_curves") return 0;
  if (plugin == "scalars") return 1000;
  return 10;
}

RunLoader::RunLoader(std::shared_ptr<RunData> run, const SizeGuidance* sizes,
                     const LoaderOptions* options, Store* store)
    : run_(std::move(run)), sizes_(sizes), options_(options), store_(store) {}

bool RunLoader::NeedsLoad(const std::vector<EventFileOnDisk>& files) const {
  if (files_.empty()) return !files.empty();
  const FileState& newest = files_.back();
  for (const EventFileOnDisk& f : files) {
    if (f.name > newest.name) return true;
    if (f.name == newest.name && f.size > newest.offset) return true;
  }
  for (size_t i = 0; i + 1 < files_.size(); ++i) {
    if (EarlierFileGrew(i, files)) return true;
  }
  return false;
}

bool RunLoader::EarlierFileGrew(
    size_t index, const std::vector<EventFileOnDisk>& files) const {
  const int64_t inactive_secs = options_->multifile_inactive_secs;
  if (inactive_secs == 0) return false;
  const FileState& file = files_[index];
  if (inactive_secs > 0 && file.newest_wall_time > -kInfinity &&
      file.newest_wall_time <
          absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch()) -
              static_cast<double>(inactive_secs)) {
    return false;
  }
  for (const EventFileOnDisk& f : files) {
    if (f.name == file.name) return f.size > file.offset;
  }
  return false;
}

void RunLoader::StartFile(const EventFileOnDisk& file) {
  FileState state;
  state.name = file.name;
  state.path = file.path;
  state.id = ++file_counter_;
  files_.push_back(std::move(state));
  batch_.new_files.push_back(file.path);
}

void RunLoader::Load(const std::vector<EventFileOnDisk>& files,
                     const std::atomic<bool>* cancel) {
  disk_files_ = files;
  read_error_.clear();
  if (files_.empty()) {
    if (files.empty()) {
      PublishStatus(true);
      return;
    }
    StartFile(files.front());
  }
  // With multifile polling, earlier files first (TensorBoard reads every
  // active file in name order on each poll).
  for (size_t i = 0; i + 1 < files_.size(); ++i) {
    if (EarlierFileGrew(i, files) && !ReadFile(i, cancel)) {
      Flush();
      PublishStatus(false);
      return;
    }
  }
  while (true) {
    if (!ReadFile(files_.size() - 1, cancel)) {
      Flush();
      PublishStatus(false);
      return;
    }
    // Move on to the next file by name, if there is one; never back to an
    // earlier one.
    const EventFileOnDisk* next = nullptr;
    for (const EventFileOnDisk& f : files) {
      if (f.name > files_.back().name) {
        next = &f;
        break;
      }
    }
    if (next == nullptr) break;
    StartFile(*next);
  }
  Flush();
  // An idle loader holds no staging memory (thousands of runs each have one).
  batch_ = StagedBatch{};
  run_->SealScalars();
  PublishStatus(true);
}

bool RunLoader::ReadFile(size_t index, const std::atomic<bool>* cancel) {
  current_file_ = index;
  FileState* file = &files_[index];
  absl::StatusOr<FileSystem*> fs = FileSystemFor(file->path);
  absl::StatusOr<std::unique_ptr<ReadableFile>> opened =
      fs.ok() ? (*fs)->Open(file->path)
              : absl::StatusOr<std::unique_ptr<ReadableFile>>(fs.status());
  if (!opened.ok()) {
    read_error_ = absl::StrCat(file->name, ": ", opened.status().message());
    return true;
  }
  RecordReader reader(std::move(*opened), file->offset);
  if (file->in_damage) reader.ResumeInDamage();
  reader.set_corruption_callback([this, file](const CorruptionReport& report) {
    AddError(absl::StrCat(file->name, ": ", report.what, " at offset ",
                          report.offset, " (", report.bytes_skipped,
                          " bytes skipped)"));
  });
  std::string_view record;
  uint64_t offset = 0;
  while (true) {
    RecordReader::Result result = reader.Next(&record, &offset);
    if (result == RecordReader::Result::kEndOfData) break;
    if (result == RecordReader::Result::kIoError) {
      read_error_ =
          absl::StrCat(file->name, ": read error at offset ", reader.offset(),
                       ": ", reader.last_error().message());
      break;
    }
    ProcessRecord(record, offset);
    if (staged_points_ >= kBatchPoints) {
      file->offset = reader.offset();
      Flush();
      PublishStatus(false);
      if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
        return false;
    }
  }
  file->offset = reader.offset();
  file->in_damage = reader.resynchronising();
  return true;
}

void RunLoader::ProcessRecord(std::string_view record, uint64_t offset) {
  if (TryFastPath(record)) return;
  if (!event_.ParseFromArray(record.data(), static_cast<int>(record.size()))) {
    AddError(absl::StrCat(files_[current_file_].name,
                          ": unparsable event at offset ", offset));
    return;
  }
  ProcessEvent(offset);
}

bool RunLoader::TryFastPath(std::string_view record) {
  ScalarEvent scalar;
  if (!DecodeScalarEvent(record, &scalar)) return false;
  TagState* found = FindTag(scalar.tag);
  if (found == nullptr) return false;
  TagState& state = *found;
  // Only a tag whose storage and metadata are settled and that dataclass_compat
  // has already seen in this file: then the general path would do exactly this.
  FileState& file = files_[current_file_];
  if (!state.has_series || state.kind != SeriesKind::kScalars ||
      !state.has_metadata || state.seen_in_file != file.id) {
    return false;
  }
  file.newest_wall_time = std::max(file.newest_wall_time, scalar.wall_time);
  if (!started_) {
    started_ = true;
    batch_.start_time = scalar.wall_time;
  }
  if (file_version_ >= 2) {
    // Not a SessionLog: nothing to purge.
  } else if (scalar.step < most_recent_step_) {
    std::vector<std::string> tags = {std::string(scalar.tag)};
    Purge(scalar.step, &tags);
  }
  most_recent_step_ = scalar.step;
  StagedTag* staged = Stage(scalar.tag, &state);
  staged->scalars.push_back(
      ScalarPoint{scalar.step, scalar.wall_time, scalar.value});
  ++staged_points_;
  return true;
}

void RunLoader::ProcessEvent(uint64_t offset) {
  if (!started_) {
    started_ = true;
    batch_.start_time = event_.wall_time();
  }
  if (event_.has_file_version())
    file_version_ = ParseFileVersion(event_.file_version());
  const bool session_start =
      event_.has_session_log() &&
      event_.session_log().status() == tensorboard::SessionLog::START;
  const int64_t step = event_.step();
  const double wall_time = event_.wall_time();
  FileState& file = files_[current_file_];
  file.newest_wall_time = std::max(file.newest_wall_time, wall_time);
  const bool is_summary = MigrateEvent(&event_, &file.initial, &migrated_);

  if (file_version_ >= 2) {
    if (session_start) {
      if (seen_session_start_) {
        Purge(step, nullptr);
      } else {
        seen_session_start_ = true;
      }
    }
  } else if (is_summary && step < most_recent_step_) {
    std::vector<std::string> tags;
    for (const MigratedValue& v : migrated_) tags.push_back(v.value.tag());
    Purge(step, &tags);
  }
  if (is_summary) most_recent_step_ = step;

  for (const MigratedValue& value : migrated_) {
    TagState* state = GetTag(value.value.tag());
    state->seen_in_file = file.id;
    if (value.value.has_metadata())
      SeeMetadata(value.value.tag(), state, value.value.metadata());
    if (value.has_tensor) StageValue(value, state, step, wall_time, offset);
  }
}

RunLoader::TagState* RunLoader::GetTag(std::string_view tag) {
  auto it = tags_.find(tag);
  if (it != tags_.end()) return &it->second;
  auto added = tags_.emplace(std::string(tag), TagState{}).first;
  added->second.name = added->first;
  return &added->second;
}

RunLoader::TagState* RunLoader::FindTag(std::string_view tag) {
  TagState* guess = last_fast_tag_ != nullptr ? last_fast_tag_->next : nullptr;
  if (guess == nullptr || guess->name != tag) {
    auto it = tags_.find(tag);
    if (it == tags_.end()) return nullptr;
    guess = &it->second;
    if (last_fast_tag_ != nullptr) last_fast_tag_->next = guess;
  }
  last_fast_tag_ = guess;
  return guess;
}

StagedTag* RunLoader::Stage(std::string_view tag, TagState* state) {
  if (state->staged < 0) {
    state->staged = static_cast<int>(batch_.tags.size());
    if (batch_.spare.empty()) {
      batch_.tags.emplace_back();
    } else {
      batch_.tags.push_back(std::move(batch_.spare.back()));
      batch_.spare.pop_back();
    }
    StagedTag& entry = batch_.tags.back();
    entry.tag = std::string(tag);
    // How to create the series, should this batch be the first to hold data
    // of it (StageValue sets it too).
    entry.kind = state->has_series ? state->kind : SeriesKind::kTensors;
    entry.capacity = state->has_series ? state->capacity : 0;
    staged_states_.push_back(state);
  }
  return &batch_.tags[state->staged];
}

void RunLoader::SeeMetadata(std::string_view tag, TagState* state,
                            const tensorboard::SummaryMetadata& metadata) {
  if (state->has_metadata) return;  // the first metadata of a tag wins
  state->has_metadata = true;
  state->metadata = ToTagMetadata(metadata);
  if (state->has_data) {
    // The series exists without metadata: publish the metadata on its own.
    Stage(tag, state)->first_metadata = state->metadata;
    state->metadata_published = true;
  }
}

void RunLoader::StageValue(const MigratedValue& value, TagState* state,
                           int64_t step, double wall_time, uint64_t offset) {
  const std::string& tag = value.value.tag();
  StagedTag* staged = Stage(tag, state);
  if (!state->has_series) {
    state->has_series = true;
    state->kind = KindOf(state->has_metadata ? &state->metadata : nullptr);
    state->capacity = sizes_->Capacity(
        state->kind, state->has_metadata ? state->metadata.plugin_name : "");
  }
  // Every batch says how to create the series: an earlier one may have staged
  // nothing storable for it.
  staged->kind = state->kind;
  staged->capacity = state->capacity;
  const tensorboard::TensorProto& proto = value.value.tensor();
  switch (state->kind) {
    case SeriesKind::kScalars: {
      absl::StatusOr<Tensor> tensor = DecodeTensor(proto);
      if (!tensor.ok() || tensor->numbers.size() != 1) {
        AddError(absl::StrCat(files_[current_file_].name, ": scalar '", tag,
                              "' at step ", step, " is not a single number"));
        return;
      }
      staged->scalars.push_back(
          ScalarPoint{step, wall_time, tensor->numbers[0]});
      break;
    }
    case SeriesKind::kTensors: {
      absl::StatusOr<Tensor> tensor = DecodeTensor(proto);
      if (!tensor.ok()) {
        AddError(absl::StrCat(files_[current_file_].name, ": tensor '", tag,
                              "' at step ", step, ": ",
                              tensor.status().message()));
        return;
      }
      staged->tensors.push_back(
          TensorDatum{step, wall_time, std::move(*tensor)});
      break;
    }
    case SeriesKind::kBlobs: {
      BlobRef ref;
      ref.step = step;
      ref.wall_time = wall_time;
      ref.record_offset = offset;
      ref.file_index = static_cast<uint32_t>(current_file_);
      ref.source_index = value.source_index;
      ref.stride = value.blob_stride;
      ref.num_blobs = NumElements(proto);
      staged->blobs.push_back(ref);
      break;
    }
  }
  // Only now that the batch holds data for the tag: a batch with metadata alone
  // creates no series, so the metadata would be lost.
  if (state->has_metadata && !state->metadata_published) {
    staged->first_metadata = state->metadata;
    state->metadata_published = true;
  }
  state->has_data = true;
  ++staged_points_;
}

void RunLoader::Purge(int64_t step, const std::vector<std::string>* tags) {
  if (!options_->purge_orphaned_data) return;
  Flush();
  if (run_->Purge(step, tags) > 0) store_->NotifyChanged();
}

void RunLoader::Flush() {
  if (batch_.empty()) return;
  run_->Publish(&batch_);
  for (TagState* state : staged_states_) state->staged = -1;
  staged_states_.clear();
  staged_points_ = 0;
  store_->NotifyChanged();
}

void RunLoader::AddError(std::string error) {
  // A problem met again on a later reload (an unreadable file) is reported
  // once.
  if (std::find(errors_.begin(), errors_.end(), error) != errors_.end()) return;
  if (errors_.size() < kMaxErrors) {
    errors_.push_back(std::move(error));
  } else {
    ++dropped_errors_;
  }
}

void RunLoader::SetListingError(std::string error) {
  if (error == listing_error_) return;
  listing_error_ = std::move(error);
  PublishStatus(loaded_);
}

void RunLoader::PublishStatus(bool loaded) {
  loaded_ = loaded;
  RunStatus status;
  status.files = static_cast<int64_t>(disk_files_.size());
  for (const EventFileOnDisk& f : disk_files_) status.bytes_present += f.size;
  for (const FileState& file : files_) status.bytes_read += file.offset;
  status.loaded = loaded;
  status.errors = errors_;
  if (dropped_errors_ > 0) {
    status.errors.push_back(
        absl::StrCat(dropped_errors_, " more errors not shown"));
  }
  if (!listing_error_.empty()) status.errors.push_back(listing_error_);
  if (!read_error_.empty()) status.errors.push_back(read_error_);
  run_->SetStatus(std::move(status));
}

}  // namespace tbx
