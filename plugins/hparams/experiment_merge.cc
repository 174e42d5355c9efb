// Merging and inferring the experiment; see experiment_merge.h.
#include "plugins/hparams/experiment_merge.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "plugins/common/python_float.h"

namespace tbx::plugins::hparams {
namespace {

namespace hp = ::tensorboard::hparams;
using ::google::protobuf::ListValue;
using ::google::protobuf::Value;

bool SameValue(const Value& a, const Value& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

void WidenDomain(const hp::HParamInfo& more, hp::HParamInfo& into) {
  if (into.domain_case() == hp::HParamInfo::DOMAIN_NOT_SET) {
    if (more.has_domain_discrete()) {
      *into.mutable_domain_discrete() = more.domain_discrete();
    } else if (more.has_domain_interval()) {
      *into.mutable_domain_interval() = more.domain_interval();
    }
    return;
  }
  if (into.has_domain_discrete() && more.has_domain_discrete()) {
    ListValue* values = into.mutable_domain_discrete();
    for (const Value& v : more.domain_discrete().values()) {
      const bool seen =
          std::any_of(values->values().begin(), values->values().end(),
                      [&](const Value& w) { return SameValue(v, w); });
      if (!seen) *values->add_values() = v;
    }
  } else if (into.has_domain_interval() && more.has_domain_interval()) {
    hp::Interval* interval = into.mutable_domain_interval();
    interval->set_min_value(
        std::min(interval->min_value(), more.domain_interval().min_value()));
    interval->set_max_value(
        std::max(interval->max_value(), more.domain_interval().max_value()));
  }
}

bool SameMetric(const hp::MetricName& a, const hp::MetricName& b) {
  return a.group() == b.group() && a.tag() == b.tag();
}

}  // namespace

hp::Experiment MergeExperiments(
    const std::vector<hp::Experiment>& experiments) {
  hp::Experiment merged = experiments.front();
  for (size_t i = 1; i < experiments.size(); ++i) {
    for (const hp::HParamInfo& info : experiments[i].hparam_infos()) {
      auto it = std::find_if(
          merged.mutable_hparam_infos()->begin(),
          merged.mutable_hparam_infos()->end(),
          [&](const hp::HParamInfo& m) { return m.name() == info.name(); });
      if (it == merged.mutable_hparam_infos()->end()) {
        *merged.add_hparam_infos() = info;
      } else {
        WidenDomain(info, *it);
      }
    }
    for (const hp::MetricInfo& info : experiments[i].metric_infos()) {
      const bool seen = std::any_of(merged.metric_infos().begin(),
                                    merged.metric_infos().end(),
                                    [&](const hp::MetricInfo& m) {
                                      return SameMetric(m.name(), info.name());
                                    });
      if (!seen) *merged.add_metric_infos() = info;
    }
  }
  return merged;
}

std::vector<hp::HParamInfo> InferHParamInfos(
    const std::vector<SessionRecord>& sessions) {
  // name -> values in session order.
  std::map<std::string, std::vector<const ParamValue*>> by_name;
  for (const SessionRecord& session : sessions) {
    for (const auto& [name, value] : session.hparams) {
      by_name[name].push_back(&value);
    }
  }
  std::vector<hp::HParamInfo> infos;
  for (const auto& [name, values] : by_name) {
    hp::HParamInfo info;
    info.set_name(name);
    hp::DataType type = hp::DATA_TYPE_UNSET;
    for (const ParamValue* v : values) {
      const hp::DataType t =
          v->kind == ParamValue::Kind::kNumber
              ? hp::DATA_TYPE_FLOAT64
              : (v->kind == ParamValue::Kind::kBool ? hp::DATA_TYPE_BOOL
                                                    : hp::DATA_TYPE_STRING);
      if (type == hp::DATA_TYPE_UNSET) type = t;
      if (type != t) type = hp::DATA_TYPE_STRING;
    }
    info.set_type(type);
    if (type == hp::DATA_TYPE_STRING) {
      std::set<std::string> distinct;
      for (const ParamValue* v : values) {
        switch (v->kind) {
          case ParamValue::Kind::kString:
            distinct.insert(v->text);
            break;
          case ParamValue::Kind::kBool:
            distinct.insert(v->boolean() ? "true" : "false");
            break;
          case ParamValue::Kind::kNumber:
            if (std::isfinite(v->number))
              distinct.insert(PythonFloat(v->number));
            break;
        }
      }
      for (const std::string& s : distinct) {
        info.mutable_domain_discrete()->add_values()->set_string_value(s);
      }
      info.set_differs(distinct.size() > 1);
    } else if (type == hp::DATA_TYPE_BOOL) {
      std::set<bool> distinct;
      for (const ParamValue* v : values) distinct.insert(v->boolean());
      for (bool b : distinct) {
        info.mutable_domain_discrete()->add_values()->set_bool_value(b);
      }
      info.set_differs(distinct.size() > 1);
    } else {
      std::set<double> distinct;
      for (const ParamValue* v : values) distinct.insert(v->number);
      if (!distinct.empty()) {
        info.mutable_domain_interval()->set_min_value(*distinct.begin());
        info.mutable_domain_interval()->set_max_value(*distinct.rbegin());
      }
      info.set_differs(distinct.size() > 1);
    }
    infos.push_back(std::move(info));
  }
  return infos;
}

void SortHParamInfos(hp::Experiment& experiment) {
  std::stable_sort(experiment.mutable_hparam_infos()->begin(),
                   experiment.mutable_hparam_infos()->end(),
                   [](const hp::HParamInfo& a, const hp::HParamInfo& b) {
                     if (a.differs() != b.differs()) return a.differs();
                     return a.name() < b.name();
                   });
}

}  // namespace tbx::plugins::hparams
