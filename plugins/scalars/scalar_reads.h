// Reading one scalar tag across runs, shared by the scalars plugin's routes
// (scalars_multirun, series) and the Time Series plugin's timeSeries route:
// the tag listing of scalar data, the runs of each tag, and the series of
// every listed run that holds a tag. Stateless; any thread may call these.
#ifndef TBX_PLUGINS_SCALARS_SCALAR_READS_H_
#define TBX_PLUGINS_SCALARS_SCALAR_READS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tbx/data_provider.h"
#include "tbx/types.h"

namespace tbx::plugins {

// The summary plugin name of scalar data.
inline constexpr char kScalarsPluginName[] = "scalars";

// Every scalar time series (plugin "scalars", data class scalar), by run.
RunTagMap<TagMetadata> ScalarTags(const DataProvider& provider);

// ScalarTags for the runs in `runs` only (nullopt = every run), in the
// provider's order; costs what those runs hold, not the whole listing.
RunTagMap<TagMetadata> ScalarTagsOfRuns(
    const DataProvider& provider,
    const std::optional<std::vector<std::string>>& runs);

// Scalar tag → the runs holding it as scalars, in the provider's run order.
using ScalarRunsByTag =
    absl::flat_hash_map<std::string, std::vector<std::string>>;

// The runs of every scalar tag (ScalarTags, turned around). Walks every
// run/tag pair: callers keep it per data generation (GenerationCache).
ScalarRunsByTag ScalarRunsOfTags(const DataProvider& provider);

struct RunScalarSeries {
  std::string run;
  ScalarSeries series;
};

// Appends run/tag's series to `found`; a run that vanished since it was listed
// adds nothing, other provider errors are returned.
absl::Status AppendRunScalars(const DataProvider& provider,
                              const std::string& run, const std::string& tag,
                              const ScalarQuery& query,
                              std::vector<RunScalarSeries>* found);

// The series of `tag` in every run of `listing` (from ScalarTags) that holds
// it, in the listing's order. `runs` limits the runs read (nullopt = every
// run). A run that vanished since it was listed is left out; other provider
// errors are returned.
absl::StatusOr<std::vector<RunScalarSeries>> ReadScalarsOfRuns(
    const DataProvider& provider, const RunTagMap<TagMetadata>& listing,
    const std::string& tag, const std::optional<std::vector<std::string>>& runs,
    const ScalarQuery& query = {});

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_SCALARS_SCALAR_READS_H_
