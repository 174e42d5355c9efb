#include "src/data/store.h"

#include <algorithm>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "src/data/string_compat.h"

namespace tbx {

std::vector<std::shared_ptr<RunData>> Store::SyncRuns(
    const std::vector<RunLocation>& runs) {
  std::vector<std::shared_ptr<RunData>> result;
  result.reserve(runs.size());
  {
    absl::MutexLock lock(&mu_);
    StringMap<std::shared_ptr<RunData>> wanted;
    StringMap<std::shared_ptr<RunData>> existing;
    for (const auto& run : runs_) existing[run->name()] = run;
    std::vector<std::shared_ptr<RunData>> added;
    for (const RunLocation& location : runs) {
      auto it = existing.find(location.name);
      std::shared_ptr<RunData> run;
      if (it != existing.end() &&
          it->second->directory() == location.directory) {
        run = it->second;
      } else {
        run = std::make_shared<RunData>(location.name, location.directory);
        added.push_back(run);
      }
      wanted.emplace(run->name(), run);
      result.push_back(run);
    }
    std::vector<std::shared_ptr<RunData>> next;
    next.reserve(result.size());
    for (const auto& run : runs_) {
      auto it = wanted.find(run->name());
      if (it != wanted.end() && it->second == run) next.push_back(run);
    }
    for (auto& run : added) next.push_back(std::move(run));
    bool changed = next != runs_;
    runs_ = std::move(next);
    by_name_.clear();
    for (const auto& run : runs_) by_name_.emplace(run->name(), run);
    if (!changed) return result;
  }
  NotifyChanged();
  return result;
}

void Store::SetFirstLoadDone() {
  {
    absl::MutexLock lock(&mu_);
    if (first_load_done_) return;
    first_load_done_ = true;
  }
  NotifyChanged();
}

void Store::NotifyChanged() {
  absl::MutexLock lock(&generation_mu_);
  ++generation_;
}

uint64_t Store::Generation() const {
  absl::MutexLock lock(&generation_mu_);
  return generation_;
}

uint64_t Store::WaitForChange(uint64_t since, absl::Duration timeout) const {
  absl::MutexLock lock(&generation_mu_);
  auto changed = [this, since]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(generation_mu_) {
    return generation_ > since;
  };
  generation_mu_.AwaitWithTimeout(absl::Condition(&changed), timeout);
  return generation_;
}

std::vector<std::shared_ptr<RunData>> Store::Runs() const {
  absl::ReaderMutexLock lock(&mu_);
  return runs_;
}

absl::StatusOr<std::shared_ptr<RunData>> Store::FindRun(
    std::string_view run) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = by_name_.find(run);
  if (it != by_name_.end()) return it->second;
  return absl::NotFoundError(absl::StrCat("Unknown run: '", Sv(run), "'"));
}

std::vector<RunInfo> Store::ListRuns() const {
  std::vector<RunInfo> out;
  for (const auto& run : Runs())
    out.push_back(RunInfo{run->name(), run->start_time()});
  return out;
}

RunTagMap<TagMetadata> Store::TagsOfRuns(
    const std::vector<std::shared_ptr<RunData>>& runs,
    std::string_view plugin_name) {
  RunTagMap<TagMetadata> out;
  for (const auto& run : runs) {
    RunTags<TagMetadata> entry;
    run->ListTags(plugin_name, &entry.tags);
    if (entry.tags.empty()) continue;
    entry.run = run->name();
    out.push_back(std::move(entry));
  }
  return out;
}

RunTagMap<TagMetadata> Store::ListTags(std::string_view plugin_name) const {
  return TagsOfRuns(Runs(), plugin_name);
}

RunTagMap<TagMetadata> Store::ListTagsOfRuns(
    std::string_view plugin_name, const std::vector<std::string>& runs) const {
  // The asked-for runs in the store's order.
  std::vector<std::shared_ptr<RunData>> found;
  {
    absl::ReaderMutexLock lock(&mu_);
    absl::flat_hash_set<const RunData*> seen;
    for (const std::string& name : runs) {
      auto it = by_name_.find(name);
      if (it != by_name_.end() && seen.insert(it->second.get()).second)
        found.push_back(it->second);
    }
    if (found.size() > 1) {
      absl::flat_hash_map<const RunData*, size_t> position;
      for (size_t i = 0; i < runs_.size(); ++i) position[runs_[i].get()] = i;
      std::sort(found.begin(), found.end(),
                [&position](const auto& a, const auto& b) {
                  return position[a.get()] < position[b.get()];
                });
    }
  }
  return TagsOfRuns(found, plugin_name);
}

std::vector<std::string> Store::ListPlugins() const {
  // Read before listing: data published meanwhile moves the generation, and
  // the next call lists again.
  const uint64_t generation = Generation();
  {
    absl::MutexLock lock(&plugins_mu_);
    if (plugins_generation_ == generation) return plugins_;
  }
  absl::btree_set<std::string> plugins;
  for (const auto& run : Runs()) run->CollectPlugins(&plugins);
  std::vector<std::string> listed(plugins.begin(), plugins.end());
  absl::MutexLock lock(&plugins_mu_);
  if (!plugins_generation_.has_value() || *plugins_generation_ <= generation) {
    plugins_generation_ = generation;
    plugins_ = listed;
  }
  return listed;
}

absl::StatusOr<ScalarSeries> Store::ReadScalars(
    std::string_view run, std::string_view tag,
    const ScalarQuery& query) const {
  auto r = FindRun(run);
  if (!r.ok()) return r.status();
  return (*r)->ReadScalars(tag, query);
}

absl::StatusOr<std::vector<TensorDatum>> Store::ReadTensors(
    std::string_view run, std::string_view tag) const {
  auto r = FindRun(run);
  if (!r.ok()) return r.status();
  return (*r)->ReadTensors(tag);
}

absl::StatusOr<std::vector<TensorStep>> Store::ReadTensorSteps(
    std::string_view run, std::string_view tag) const {
  auto r = FindRun(run);
  if (!r.ok()) return r.status();
  return (*r)->ReadTensorSteps(tag);
}

absl::StatusOr<std::vector<TensorDatum>> Store::ReadTensorsAtStep(
    std::string_view run, std::string_view tag, int64_t step) const {
  auto r = FindRun(run);
  if (!r.ok()) return r.status();
  return (*r)->ReadTensorsAtStep(tag, step);
}

absl::Status Store::VisitTensorsAtStep(
    std::string_view run, std::string_view tag, int64_t step,
    const std::function<void(const TensorDatum&)>& visit) const {
  auto r = FindRun(run);
  if (!r.ok()) return r.status();
  return (*r)->VisitTensorsAtStep(tag, step, visit);
}

absl::StatusOr<std::vector<BlobSequenceDatum>> Store::ReadBlobSequence(
    std::string_view run, std::string_view tag) const {
  auto r = FindRun(run);
  if (!r.ok()) return r.status();
  return (*r)->ReadBlobSequence(tag);
}

absl::StatusOr<std::string> Store::ReadBlob(std::string_view run,
                                            std::string_view tag, int64_t step,
                                            int64_t index) const {
  auto r = FindRun(run);
  if (!r.ok()) return r.status();
  absl::StatusOr<BlobLocation> location = (*r)->FindBlob(tag, step, index);
  if (!location.ok()) return location.status();
  return blob_reader_.Read(*location);
}

absl::StatusOr<std::string> Store::RunDirectory(std::string_view run) const {
  auto r = FindRun(run);
  if (!r.ok()) return r.status();
  return (*r)->directory();
}

LoadStatus Store::GetLoadStatus() const {
  LoadStatus status;
  std::vector<std::shared_ptr<RunData>> runs;
  {
    absl::ReaderMutexLock lock(&mu_);
    status.first_load_done = first_load_done_;
    runs = runs_;
  }
  for (const auto& run : runs) status.runs.push_back(run->status());
  return status;
}

bool Store::first_load_done() const {
  absl::ReaderMutexLock lock(&mu_);
  return first_load_done_;
}

size_t Store::ScalarMemoryBytes() const {
  size_t bytes = 0;
  for (const auto& run : Runs()) bytes += run->ScalarMemoryBytes();
  return bytes;
}

}  // namespace tbx
