// Scalar reads across runs; see scalar_reads.h.
#include "plugins/scalars/scalar_reads.h"

#include <algorithm>
#include <utility>

#include "plugins/common/tag_index.h"

namespace tbx::plugins {

RunTagMap<TagMetadata> ScalarTags(const DataProvider& provider) {
  return TagsOf(provider, kScalarsPluginName, DataClass::kScalar);
}

absl::StatusOr<std::vector<RunScalarSeries>> ReadScalarsOfRuns(
    const DataProvider& provider, const RunTagMap<TagMetadata>& listing,
    const std::string& tag, const std::optional<std::vector<std::string>>& runs,
    const ScalarQuery& query) {
  std::vector<RunScalarSeries> found;
  for (const RunTags<TagMetadata>& entry : listing) {
    if (runs.has_value() &&
        std::find(runs->begin(), runs->end(), entry.run) == runs->end()) {
      continue;
    }
    if (!HasTag(entry, tag)) continue;
    absl::StatusOr<ScalarSeries> series =
        provider.ReadScalars(entry.run, tag, query);
    // NotFound: the run went away since it was listed.
    if (absl::IsNotFound(series.status())) continue;
    if (!series.ok()) return series.status();
    found.push_back({entry.run, std::move(*series)});
  }
  return found;
}

}  // namespace tbx::plugins
