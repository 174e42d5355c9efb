// The session_groups query: TensorBoard's ListSessionGroups on a snapshot
// (hparams_data.h). Sessions are kept by status, grouped by group name
// (a session without one is a group of its own), the groups' metrics
// aggregated (AVG by default; MEDIAN/MIN/MAX take a representative session by
// `aggregationMetric`), filtered and sorted by the column parameters, and
// sliced. Where TensorBoard answers 500, tbx answers as follows:
//  * MEDIAN/MIN/MAX on a group none of whose sessions has the aggregation
//    metric: the group has no representative session, so no metric values;
//  * an interval filter on a string value, or a regexp filter on a number or
//    bool: the value does not pass;
//  * sorting a column holding values of different kinds: see param_value.h;
//    NaN values sort after every number in either direction (before missing
//    values placed last) and pass no interval filter.
// Pure function of its inputs; any thread.
#ifndef TBX_PLUGINS_HPARAMS_SESSION_GROUPS_H_
#define TBX_PLUGINS_HPARAMS_SESSION_GROUPS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/hparams/hparams_data.h"
#include "proto/hparams_api.pb.h"

namespace tbx::plugins::hparams {

struct GroupResult {
  std::string name;
  // The group's sessions, sorted by name; the hparams and monitor URL are the
  // first-read session's (`first`).
  std::vector<const SessionRecord*> sessions;
  const SessionRecord* first = nullptr;
  // Aggregated metric values: (index into the experiment's metric_infos,
  // point), in TensorBoard's order.
  std::vector<std::pair<int, MetricPoint>> metrics;
};

struct SessionGroupsResult {
  // The requested slice.
  std::vector<GroupResult> groups;
  // Groups that passed the filters, before slicing.
  int64_t total_size = 0;
  // Whether sessions and groups carry metric values.
  bool include_metrics = true;
  // When set, only these hparams are written for each group (sorted).
  std::optional<std::vector<std::string>> hparams_to_include;
};

// Runs `request` on `data`. InvalidArgument for a column naming neither an
// hparam nor a metric, or for a regexp that does not compile.
absl::StatusOr<SessionGroupsResult> ListSessionGroups(
    const HParamsData& data,
    const tensorboard::hparams::ListSessionGroupsRequest& request);

}  // namespace tbx::plugins::hparams

#endif  // TBX_PLUGINS_HPARAMS_SESSION_GROUPS_H_
