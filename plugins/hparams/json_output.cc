// JSON bodies of the hparams routes; see json_output.h.
#include "plugins/hparams/json_output.h"

#include <algorithm>

#include "google/protobuf/util/json_util.h"
#include "plugins/common/json_writer.h"

namespace tbx::plugins::hparams {
namespace {

namespace hp = ::tensorboard::hparams;

void WriteValue(const google::protobuf::Value& value, JsonWriter& writer) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kNumberValue:
      writer.Double(value.number_value());
      return;
    case google::protobuf::Value::kStringValue:
      writer.String(value.string_value());
      return;
    case google::protobuf::Value::kBoolValue:
      writer.Bool(value.bool_value());
      return;
    case google::protobuf::Value::kListValue:
    case google::protobuf::Value::kStructValue: {
      std::string json;
      if (google::protobuf::util::MessageToJsonString(value, &json).ok()) {
        writer.Raw(json);
      } else {
        writer.Null();
      }
      return;
    }
    default:
      writer.Null();
      return;
  }
}

void WriteMetricName(const hp::MetricName& name, JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("group");
  writer.String(name.group());
  writer.Key("tag");
  writer.String(name.tag());
  writer.EndObject();
}

void WriteHParamInfo(const hp::HParamInfo& info, JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("name");
  writer.String(info.name());
  writer.Key("displayName");
  writer.String(info.display_name());
  writer.Key("description");
  writer.String(info.description());
  writer.Key("type");
  writer.String(hp::DataType_Name(info.type()));
  if (info.has_domain_discrete()) {
    writer.Key("domainDiscrete");
    writer.BeginArray();
    for (const google::protobuf::Value& v : info.domain_discrete().values()) {
      WriteValue(v, writer);
    }
    writer.EndArray();
  } else if (info.has_domain_interval()) {
    writer.Key("domainInterval");
    writer.BeginObject();
    writer.Key("minValue");
    writer.Double(info.domain_interval().min_value());
    writer.Key("maxValue");
    writer.Double(info.domain_interval().max_value());
    writer.EndObject();
  }
  writer.Key("differs");
  writer.Bool(info.differs());
  writer.EndObject();
}

void WriteMetricValue(const hp::MetricName& name, const MetricPoint& point,
                      JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("name");
  WriteMetricName(name, writer);
  writer.Key("value");
  writer.Double(point.value);
  writer.Key("trainingStep");
  writer.Int(point.step);
  writer.Key("wallTimeSecs");
  writer.Double(point.wall_time);
  writer.EndObject();
}

void WriteSession(const HParamsData& data, const SessionRecord& session,
                  bool include_metrics, JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("name");
  writer.String(session.name);
  writer.Key("startTimeSecs");
  writer.Double(session.start_time_secs);
  writer.Key("endTimeSecs");
  writer.Double(session.end_time_secs);
  writer.Key("status");
  writer.String(hp::Status_Name(session.status));
  writer.Key("modelUri");
  writer.String(session.model_uri);
  writer.Key("metricValues");
  writer.BeginArray();
  if (include_metrics) {
    for (size_t i = 0; i < session.metrics.size(); ++i) {
      if (!session.metrics[i].has_value()) continue;
      WriteMetricValue(data.experiment.metric_infos(static_cast<int>(i)).name(),
                       *session.metrics[i], writer);
    }
  }
  writer.EndArray();
  writer.Key("monitorUrl");
  writer.String(session.monitor_url);
  writer.EndObject();
}

}  // namespace

std::string ExperimentJson(const hp::Experiment& experiment,
                           bool include_metrics, int hparams_limit) {
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  writer.Key("name");
  writer.String(experiment.name());
  writer.Key("description");
  writer.String(experiment.description());
  writer.Key("user");
  writer.String(experiment.user());
  writer.Key("timeCreatedSecs");
  writer.Double(experiment.time_created_secs());
  writer.Key("hparamInfos");
  writer.BeginArray();
  // As a Python slice [:hparams_limit] of the sorted infos, where 0 means no
  // limit: a negative limit leaves out that many from the end.
  const int size = experiment.hparam_infos_size();
  const int limit = hparams_limit == 0  ? size
                    : hparams_limit > 0 ? std::min(hparams_limit, size)
                                        : std::max(0, size + hparams_limit);
  for (int i = 0; i < limit; ++i) {
    WriteHParamInfo(experiment.hparam_infos(i), writer);
  }
  writer.EndArray();
  writer.Key("metricInfos");
  writer.BeginArray();
  if (include_metrics) {
    for (const hp::MetricInfo& info : experiment.metric_infos()) {
      writer.BeginObject();
      writer.Key("name");
      WriteMetricName(info.name(), writer);
      writer.Key("displayName");
      writer.String(info.display_name());
      writer.Key("description");
      writer.String(info.description());
      writer.Key("datasetType");
      writer.String(hp::DatasetType_Name(info.dataset_type()));
      writer.EndObject();
    }
  }
  writer.EndArray();
  writer.EndObject();
  return json;
}

std::string SessionGroupsJson(const HParamsData& data,
                              const SessionGroupsResult& result) {
  std::string json;
  json.reserve(512 * (result.groups.size() + 1));
  JsonWriter writer(&json);
  writer.BeginObject();
  writer.Key("sessionGroups");
  writer.BeginArray();
  for (const GroupResult& group : result.groups) {
    writer.BeginObject();
    writer.Key("name");
    writer.String(group.name);
    writer.Key("hparams");
    writer.BeginObject();
    for (const auto& [name, value] : group.first->hparams) {
      if (result.hparams_to_include.has_value() &&
          !std::binary_search(result.hparams_to_include->begin(),
                              result.hparams_to_include->end(), name)) {
        continue;
      }
      writer.Key(name);
      WriteJson(value, writer);
    }
    writer.EndObject();
    writer.Key("metricValues");
    writer.BeginArray();
    for (const auto& [index, point] : group.metrics) {
      WriteMetricValue(data.experiment.metric_infos(index).name(), point,
                       writer);
    }
    writer.EndArray();
    writer.Key("sessions");
    writer.BeginArray();
    for (const SessionRecord* session : group.sessions) {
      WriteSession(data, *session, result.include_metrics, writer);
    }
    writer.EndArray();
    writer.Key("monitorUrl");
    writer.String(group.first->monitor_url);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("totalSize");
  writer.Int(result.total_size);
  writer.EndObject();
  return json;
}

}  // namespace tbx::plugins::hparams
