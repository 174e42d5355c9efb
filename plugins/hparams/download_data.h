// The download_data route's body: the session groups of a session_groups
// answer as a table (one column per experiment hparam, then per metric; one
// row per group), as CSV, JSON ({"header", "rows"}) or a LaTeX tabular, the
// way TensorBoard writes them. `columns_visibility` keeps column i when entry
// i is true; as in TensorBoard the table is cut to the shorter of the two
// (an empty list gives an empty table). Pure function; any thread.
#ifndef TBX_PLUGINS_HPARAMS_DOWNLOAD_DATA_H_
#define TBX_PLUGINS_HPARAMS_DOWNLOAD_DATA_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/hparams/hparams_data.h"
#include "plugins/hparams/session_groups.h"
#include "tbx/http.h"

namespace tbx::plugins::hparams {

// InvalidArgument for a format other than "csv", "json" and "latex".
absl::StatusOr<Response> DownloadData(
    const HParamsData& data, const SessionGroupsResult& groups,
    std::string_view format, const std::vector<bool>& columns_visibility);

}  // namespace tbx::plugins::hparams

#endif  // TBX_PLUGINS_HPARAMS_DOWNLOAD_DATA_H_
