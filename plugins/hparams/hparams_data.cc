// Reading the hparams summaries into a snapshot; see hparams_data.h.
#include "plugins/hparams/hparams_data.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "plugins/common/python_float.h"
#include "plugins/common/tag_index.h"
#include "plugins/hparams/experiment_merge.h"
#include "proto/hparams_plugin_data.pb.h"

namespace tbx::plugins::hparams {
namespace {

namespace hp = ::tensorboard::hparams;

// The longest of `sessions` that is `run` or a parent directory of it, or
// nullptr (TensorBoard's _find_longest_parent_path).
const std::string* LongestSessionPrefix(const std::set<std::string>& sessions,
                                        std::string_view run) {
  std::string_view path = run;
  while (true) {
    auto it = sessions.find(std::string(path));
    if (it != sessions.end()) return &*it;
    if (path.empty()) return nullptr;
    const size_t slash = path.rfind('/');
    path = slash == std::string_view::npos ? std::string_view()
                                           : path.substr(0, slash);
  }
}

// Metric infos inferred from the scalar tags of the session runs and of the
// runs below them, sorted by (tag, group).
std::vector<hp::MetricInfo> InferMetricInfos(
    const DataProvider& provider, const std::vector<SessionRecord>& sessions) {
  std::set<std::string> session_runs;
  for (const SessionRecord& s : sessions) session_runs.insert(s.name);
  std::set<std::pair<std::string, std::string>> names;  // (tag, group)
  for (const RunTags<TagMetadata>& run :
       TagsOf(provider, "scalars", DataClass::kScalar)) {
    const std::string* session = LongestSessionPrefix(session_runs, run.run);
    if (session == nullptr) continue;
    const std::string group = run.run.size() > session->size()
                                  ? run.run.substr(session->size() + 1)
                                  : std::string();
    for (const auto& [tag, metadata] : run.tags) names.emplace(tag, group);
  }
  std::vector<hp::MetricInfo> infos;
  for (const auto& [tag, group] : names) {
    hp::MetricInfo info;
    info.mutable_name()->set_tag(tag);
    info.mutable_name()->set_group(group);
    infos.push_back(std::move(info));
  }
  return infos;
}

SessionRecord ToSession(const std::string& run,
                        const hp::SessionStartInfo& start) {
  SessionRecord session;
  session.name = run;
  session.group_name = start.group_name();
  session.model_uri = start.model_uri();
  session.monitor_url = start.monitor_url();
  session.start_time_secs = start.start_time_secs();
  for (const auto& [name, value] : start.hparams()) {
    std::optional<ParamValue> v = FromProto(value);
    if (!v.has_value()) continue;
    if (v->kind == ParamValue::Kind::kNumber && std::isnan(v->number)) continue;
    session.hparams.emplace_back(name, std::move(*v));
  }
  std::sort(session.hparams.begin(), session.hparams.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return session;
}

std::optional<MetricPoint> LastPoint(const DataProvider& provider,
                                     const std::string& run,
                                     const std::string& tag) {
  absl::StatusOr<ScalarSeries> series = provider.ReadScalars(run, tag);
  if (!series.ok() || series->size() == 0) return std::nullopt;
  const size_t last = series->size() - 1;
  return MetricPoint{series->values[last], series->steps[last],
                     series->wall_times[last]};
}

}  // namespace

std::string MetricRun(std::string_view session, std::string_view group) {
  std::string joined;
  if (!group.empty() && group.front() == '/') {
    joined = std::string(group);
  } else if (session.empty()) {
    joined = std::string(group);
  } else {
    joined = absl::StrCat(std::string(session), "/", std::string(group));
  }
  const bool absolute = !joined.empty() && joined.front() == '/';
  std::vector<absl::string_view> parts;
  for (absl::string_view part : absl::StrSplit(joined, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
        continue;
      }
      if (absolute) continue;
    }
    parts.push_back(part);
  }
  std::string result = absl::StrJoin(parts, "/");
  if (absolute) return absl::StrCat("/", result);
  return result.empty() ? "." : result;
}

std::shared_ptr<const HParamsData> ReadHParamsData(
    const DataProvider& provider) {
  auto data = std::make_shared<HParamsData>();
  std::vector<hp::Experiment> experiments;
  for (const RunTags<TagMetadata>& run : provider.ListTags(kPluginName)) {
    const TagMetadata* start = nullptr;
    const TagMetadata* end = nullptr;
    for (const auto& [tag, metadata] : run.tags) {
      data->has_data = true;
      if (tag == kSessionStartTag) start = &metadata;
      if (tag == kSessionEndTag) end = &metadata;
      if (tag == kExperimentTag) {
        hp::HParamsPluginData plugin_data;
        if (plugin_data.ParseFromString(metadata.plugin_content) &&
            plugin_data.has_experiment()) {
          experiments.push_back(plugin_data.experiment());
        }
      }
    }
    if (start == nullptr) continue;
    hp::HParamsPluginData start_data;
    // An unparsable start info still makes the run a session, with no
    // hparams (TensorBoard would fail the whole request).
    start_data.ParseFromString(start->plugin_content);
    SessionRecord session = ToSession(run.run, start_data.session_start_info());
    if (end != nullptr) {
      hp::HParamsPluginData end_data;
      if (end_data.ParseFromString(end->plugin_content)) {
        session.status = end_data.session_end_info().status();
        session.end_time_secs = end_data.session_end_info().end_time_secs();
      }
    }
    data->sessions.push_back(std::move(session));
  }

  if (!experiments.empty()) {
    data->experiment = MergeExperiments(experiments);
  } else {
    *data->experiment.mutable_hparam_infos() = {};
    for (hp::HParamInfo& info : InferHParamInfos(data->sessions)) {
      *data->experiment.add_hparam_infos() = std::move(info);
    }
    if (data->experiment.hparam_infos_size() > 0) {
      for (hp::MetricInfo& info : InferMetricInfos(provider, data->sessions)) {
        *data->experiment.add_metric_infos() = std::move(info);
      }
    }
  }
  SortHParamInfos(data->experiment);

  for (SessionRecord& session : data->sessions) {
    session.metrics.reserve(data->experiment.metric_infos_size());
    for (const hp::MetricInfo& info : data->experiment.metric_infos()) {
      session.metrics.push_back(
          LastPoint(provider, MetricRun(session.name, info.name().group()),
                    info.name().tag()));
    }
  }
  return data;
}

std::shared_ptr<const HParamsData> HParamsDataCache::Get() const {
  const uint64_t generation = provider_->Generation();
  {
    absl::MutexLock lock(&mutex_);
    if (data_ != nullptr && generation_ == generation) return data_;
  }
  std::shared_ptr<const HParamsData> fresh = ReadHParamsData(*provider_);
  absl::MutexLock lock(&mutex_);
  data_ = fresh;
  generation_ = generation;
  return fresh;
}

}  // namespace tbx::plugins::hparams
