// The JSON bodies of the experiment and session_groups routes, in protobuf's
// JSON mapping (camelCase names, enum names, default values written) as
// TensorBoard sends them, written straight into a string (no message is
// built, so 10,000 session groups stay cheap). Pure functions; any thread.
#ifndef TBX_PLUGINS_HPARAMS_JSON_OUTPUT_H_
#define TBX_PLUGINS_HPARAMS_JSON_OUTPUT_H_

#include <string>

#include "plugins/hparams/hparams_data.h"
#include "plugins/hparams/session_groups.h"
#include "proto/hparams_api.pb.h"

namespace tbx::plugins::hparams {

// The experiment; `metric_infos` only when `include_metrics`, and the first
// `hparams_limit` hparam infos when it is positive.
std::string ExperimentJson(const tensorboard::hparams::Experiment& experiment,
                           bool include_metrics, int hparams_limit);

// A ListSessionGroupsResponse.
std::string SessionGroupsJson(const HParamsData& data,
                              const SessionGroupsResult& result);

}  // namespace tbx::plugins::hparams

#endif  // TBX_PLUGINS_HPARAMS_JSON_OUTPUT_H_
