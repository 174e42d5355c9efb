// Building the one Experiment the hparams routes describe. TensorBoard serves
// the first experiment summary its directory walk finds; tbx merges them all
// (hparams and metrics united, domains widened), so the answer does not depend
// on directory order. Without any experiment summary the hparams are inferred
// from the sessions' start infos, as TensorBoard does. Pure functions; any
// thread.
#ifndef TBX_PLUGINS_HPARAMS_EXPERIMENT_MERGE_H_
#define TBX_PLUGINS_HPARAMS_EXPERIMENT_MERGE_H_

#include <vector>

#include "plugins/hparams/hparams_data.h"
#include "proto/hparams_api.pb.h"

namespace tbx::plugins::hparams {

// The first experiment's name, description, user and creation time; every
// hparam (by name) and metric (by group and tag) of all of them in first-seen
// order. An hparam met again keeps its first type and texts; two discrete
// domains are united (first-seen order), two intervals widened to cover both,
// and a domain is added where the first had none. `experiments` is non-empty.
tensorboard::hparams::Experiment MergeExperiments(
    const std::vector<tensorboard::hparams::Experiment>& experiments);

// TensorBoard's inference from session start infos: the type every value
// shares (DATA_TYPE_STRING when they differ); strings and bools get a
// discrete domain of their distinct values (sorted), numbers an interval;
// `differs` when more than one distinct value was seen.
std::vector<tensorboard::hparams::HParamInfo> InferHParamInfos(
    const std::vector<SessionRecord>& sessions);

// Orders hparam infos with `differs` first, then by name (TensorBoard's order
// before it applies hparamsLimit).
void SortHParamInfos(tensorboard::hparams::Experiment& experiment);

}  // namespace tbx::plugins::hparams

#endif  // TBX_PLUGINS_HPARAMS_EXPERIMENT_MERGE_H_
