// Scalar reads across runs; see scalar_reads.h.
#include "plugins/scalars/scalar_reads.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "plugins/common/tag_index.h"

namespace tbx::plugins {

RunTagMap<TagMetadata> ScalarTags(const DataProvider& provider) {
  return TagsOf(provider, kScalarsPluginName, DataClass::kScalar);
}

RunTagMap<TagMetadata> ScalarTagsOfRuns(
    const DataProvider& provider,
    const std::optional<std::vector<std::string>>& runs) {
  if (!runs.has_value()) return ScalarTags(provider);
  return KeepTagsOf(provider.ListTagsOfRuns(kScalarsPluginName, *runs),
                    kScalarsPluginName, DataClass::kScalar);
}

ScalarRunsByTag ScalarRunsOfTags(const DataProvider& provider) {
  ScalarRunsByTag runs_by_tag;
  for (const RunTags<TagMetadata>& run : ScalarTags(provider)) {
    for (const auto& entry : run.tags) {
      runs_by_tag[entry.first].push_back(run.run);
    }
  }
  return runs_by_tag;
}

absl::Status AppendRunScalars(const DataProvider& provider,
                              const std::string& run, const std::string& tag,
                              const ScalarQuery& query,
                              std::vector<RunScalarSeries>* found) {
  absl::StatusOr<ScalarSeries> series = provider.ReadScalars(run, tag, query);
  // NotFound: the run went away since it was listed.
  if (absl::IsNotFound(series.status())) return absl::OkStatus();
  if (!series.ok()) return series.status();
  found->push_back({run, std::move(*series)});
  return absl::OkStatus();
}

absl::StatusOr<std::vector<RunScalarSeries>> ReadScalarsOfRuns(
    const DataProvider& provider, const RunTagMap<TagMetadata>& listing,
    const std::string& tag, const std::optional<std::vector<std::string>>& runs,
    const ScalarQuery& query) {
  std::optional<absl::flat_hash_set<std::string_view>> wanted;
  if (runs.has_value()) wanted.emplace(runs->begin(), runs->end());
  std::vector<RunScalarSeries> found;
  for (const RunTags<TagMetadata>& entry : listing) {
    if (wanted.has_value() && !wanted->contains(entry.run)) continue;
    if (!HasTag(entry, tag)) continue;
    absl::Status status =
        AppendRunScalars(provider, entry.run, tag, query, &found);
    if (!status.ok()) return status;
  }
  return found;
}

}  // namespace tbx::plugins
