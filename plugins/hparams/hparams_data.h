// HParamsData: everything the hparams routes answer from, read once per
// provider generation: every session (a run holding a
// "_hparams_/session_start_info" summary), the experiment (every experiment
// summary merged, or inferred from the sessions and their scalar tags), and
// each session's last value of each experiment metric. A snapshot is immutable
// once built; HParamsDataCache hands the same snapshot to every request until
// the provider's generation moves on. The cache is thread-safe.
#ifndef TBX_PLUGINS_HPARAMS_HPARAMS_DATA_H_
#define TBX_PLUGINS_HPARAMS_HPARAMS_DATA_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "plugins/hparams/param_value.h"
#include "proto/hparams_api.pb.h"
#include "tbx/data_provider.h"

namespace tbx::plugins::hparams {

inline constexpr char kPluginName[] = "hparams";
inline constexpr char kExperimentTag[] = "_hparams_/experiment";
inline constexpr char kSessionStartTag[] = "_hparams_/session_start_info";
inline constexpr char kSessionEndTag[] = "_hparams_/session_end_info";

// One metric's last point in one session.
struct MetricPoint {
  double value = 0;
  int64_t step = 0;
  double wall_time = 0;
};

struct SessionRecord {
  std::string name;        // the run
  std::string group_name;  // as written; empty means "a group of its own"
  // Sorted by name. NaN numbers are left out (TensorBoard drops them too).
  std::vector<std::pair<std::string, ParamValue>> hparams;
  std::string model_uri;
  std::string monitor_url;
  double start_time_secs = 0;
  // From the session_end_info summary; STATUS_UNKNOWN and 0 without one.
  tensorboard::hparams::Status status = tensorboard::hparams::STATUS_UNKNOWN;
  double end_time_secs = 0;
  // One entry per experiment metric (HParamsData::experiment.metric_infos).
  std::vector<std::optional<MetricPoint>> metrics;
};

struct HParamsData {
  // Whether any run holds an hparams summary.
  bool has_data = false;
  // With metric_infos (as includeMetrics=true asks). Default (empty) when
  // there is neither an experiment summary nor a session.
  tensorboard::hparams::Experiment experiment;
  // Sessions in the provider's run order.
  std::vector<SessionRecord> sessions;
};

// Builds a snapshot from `provider` (reads every hparams tag, and the last
// point of each metric of each session).
std::shared_ptr<const HParamsData> ReadHParamsData(
    const DataProvider& provider);

// The run of metric `name` of session `session`: os.path.normpath of
// "<session>/<group>", as TensorBoard computes it.
std::string MetricRun(std::string_view session, std::string_view group);

class HParamsDataCache {
 public:
  // `provider` must outlive the cache.
  explicit HParamsDataCache(const DataProvider* provider)
      : provider_(provider) {}
  HParamsDataCache(const HParamsDataCache&) = delete;
  HParamsDataCache& operator=(const HParamsDataCache&) = delete;

  // The snapshot for the provider's current generation (built on first use).
  std::shared_ptr<const HParamsData> Get() const;

 private:
  const DataProvider* provider_;
  mutable absl::Mutex mutex_;
  mutable std::shared_ptr<const HParamsData> data_ ABSL_GUARDED_BY(mutex_);
  mutable uint64_t generation_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace tbx::plugins::hparams

#endif  // TBX_PLUGINS_HPARAMS_HPARAMS_DATA_H_
