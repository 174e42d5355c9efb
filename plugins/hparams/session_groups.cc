// The session_groups query; see session_groups.h.
#include "plugins/hparams/session_groups.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <regex>
#include <string_view>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx::plugins::hparams {
namespace {

namespace hp = ::tensorboard::hparams;

// One request column, resolved against the snapshot.
struct Column {
  const hp::ColParams* param = nullptr;
  bool is_metric = false;
  std::string hparam;
  int metric_index = -1;  // -1: a metric the experiment does not have
  std::unique_ptr<std::regex> regex;
  std::vector<ParamValue> discrete;
};

const ParamValue* FindHParam(const SessionRecord& session,
                             std::string_view name) {
  auto it = std::lower_bound(
      session.hparams.begin(), session.hparams.end(), name,
      [](const auto& entry, std::string_view n) { return entry.first < n; });
  if (it == session.hparams.end() || it->first != name) return nullptr;
  return &it->second;
}

// The column's value for a group: a pointer into the snapshot for hparams,
// or `scratch` filled with the metric value; nullptr when missing.
const ParamValue* Extract(const Column& column, const GroupResult& group,
                          ParamValue& scratch) {
  if (!column.is_metric) return FindHParam(*group.first, column.hparam);
  for (const auto& [index, point] : group.metrics) {
    if (index == column.metric_index) {
      scratch = ParamValue::Number(point.value);
      return &scratch;
    }
  }
  return nullptr;
}

bool PassesFilter(const Column& column, const ParamValue* value) {
  const hp::ColParams& p = *column.param;
  if (value == nullptr) return !p.exclude_missing_values();
  switch (p.filter_case()) {
    case hp::ColParams::kFilterRegexp:
      return value->kind == ParamValue::Kind::kString &&
             std::regex_search(value->text, *column.regex);
    case hp::ColParams::kFilterInterval:
      return value->is_numeric() &&
             p.filter_interval().min_value() <= value->number &&
             value->number <= p.filter_interval().max_value();
    case hp::ColParams::kFilterDiscrete:
      return std::any_of(
          column.discrete.begin(), column.discrete.end(),
          [&](const ParamValue& d) { return Equals(*value, d); });
    case hp::ColParams::FILTER_NOT_SET:
      return true;
  }
  return true;
}

bool HasFilter(const hp::ColParams& p) {
  return p.filter_case() != hp::ColParams::FILTER_NOT_SET ||
         p.exclude_missing_values();
}

// Orders NaN after every number, so sorting stays a strict weak order.
bool ValueLess(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a < b;
}

void AggregateAverage(const std::vector<const SessionRecord*>& sessions,
                      GroupResult& group) {
  struct Sum {
    int index;
    double value = 0;
    int64_t steps = 0;
    double wall_time = 0;
    int64_t count = 0;
  };
  std::vector<Sum> sums;
  for (const SessionRecord* session : sessions) {
    for (size_t i = 0; i < session->metrics.size(); ++i) {
      if (!session->metrics[i].has_value()) continue;
      const int index = static_cast<int>(i);
      auto it = std::find_if(sums.begin(), sums.end(),
                             [&](const Sum& s) { return s.index == index; });
      if (it == sums.end()) it = sums.insert(sums.end(), Sum{index});
      it->value += session->metrics[i]->value;
      it->steps += session->metrics[i]->step;
      it->wall_time += session->metrics[i]->wall_time;
      ++it->count;
    }
  }
  for (const Sum& s : sums) {
    // Python's floor division of the step sum.
    int64_t step = s.steps / s.count;
    if ((s.steps % s.count != 0) && ((s.steps < 0) != (s.count < 0))) --step;
    group.metrics.emplace_back(
        s.index, MetricPoint{s.value / static_cast<double>(s.count), step,
                             s.wall_time / static_cast<double>(s.count)});
  }
}

void CopySessionMetrics(const SessionRecord& session, GroupResult& group) {
  for (size_t i = 0; i < session.metrics.size(); ++i) {
    if (session.metrics[i].has_value()) {
      group.metrics.emplace_back(static_cast<int>(i), *session.metrics[i]);
    }
  }
}

// MEDIAN, MIN or MAX: the metrics of the representative session.
void AggregateBySession(const std::vector<const SessionRecord*>& sessions,
                        hp::AggregationType type, int metric_index,
                        GroupResult& group) {
  if (metric_index < 0) return;
  std::vector<const SessionRecord*> measured;
  for (const SessionRecord* session : sessions) {
    if (session->metrics[metric_index].has_value()) measured.push_back(session);
  }
  if (measured.empty()) return;
  auto value = [&](const SessionRecord* s) {
    return s->metrics[metric_index]->value;
  };
  const SessionRecord* chosen = nullptr;
  if (type == hp::AGGREGATION_MEDIAN) {
    std::stable_sort(measured.begin(), measured.end(),
                     [&](const SessionRecord* a, const SessionRecord* b) {
                       return ValueLess(value(a), value(b));
                     });
    chosen = measured[(measured.size() - 1) / 2];
  } else {
    // The first session with the extreme value; NaN only when all are NaN.
    for (const SessionRecord* s : measured) {
      if (chosen == nullptr || std::isnan(value(chosen))) {
        chosen = s;
        continue;
      }
      if (std::isnan(value(s))) continue;
      if (type == hp::AGGREGATION_MIN ? value(s) < value(chosen)
                                      : value(s) > value(chosen)) {
        chosen = s;
      }
    }
  }
  CopySessionMetrics(*chosen, group);
}

int MetricIndex(const HParamsData& data, const hp::MetricName& name) {
  const auto& infos = data.experiment.metric_infos();
  for (int i = 0; i < infos.size(); ++i) {
    if (infos[i].name().group() == name.group() &&
        infos[i].name().tag() == name.tag()) {
      return i;
    }
  }
  return -1;
}

absl::StatusOr<std::vector<Column>> ResolveColumns(
    const HParamsData& data, const hp::ListSessionGroupsRequest& request) {
  std::vector<Column> columns;
  for (const hp::ColParams& p : request.col_params()) {
    Column column;
    column.param = &p;
    if (p.has_metric()) {
      column.is_metric = true;
      column.metric_index = MetricIndex(data, p.metric());
    } else if (p.name_case() == hp::ColParams::kHparam) {
      column.hparam = p.hparam();
    } else {
      return absl::InvalidArgumentError(
          "colParams: every entry needs \"hparam\" or \"metric\"");
    }
    if (p.filter_case() == hp::ColParams::kFilterRegexp) {
      try {
        column.regex = std::make_unique<std::regex>(p.filter_regexp());
      } catch (const std::regex_error& e) {
        return absl::InvalidArgumentError(
            absl::StrCat("colParams: bad filterRegexp '", p.filter_regexp(),
                         "': ", e.what()));
      }
    }
    if (p.filter_case() == hp::ColParams::kFilterDiscrete) {
      for (const google::protobuf::Value& v : p.filter_discrete().values()) {
        std::optional<ParamValue> value = FromProto(v);
        if (value.has_value()) column.discrete.push_back(std::move(*value));
      }
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

// Python's slice bounds [begin, end) of `start:start+size` on `n` items.
std::pair<int64_t, int64_t> PythonSlice(int64_t start, int64_t size,
                                        int64_t n) {
  auto clamp = [n](int64_t i) {
    if (i < 0) i += n;
    return std::clamp<int64_t>(i, 0, n);
  };
  const int64_t begin = clamp(start);
  const int64_t end = clamp(start + size);
  return {begin, std::max(begin, end)};
}

}  // namespace

absl::StatusOr<SessionGroupsResult> ListSessionGroups(
    const HParamsData& data, const hp::ListSessionGroupsRequest& request) {
  absl::StatusOr<std::vector<Column>> columns = ResolveColumns(data, request);
  if (!columns.ok()) return columns.status();

  SessionGroupsResult result;
  result.include_metrics =
      !request.has_include_metrics() || request.include_metrics();

  // Group the sessions whose status is allowed, groups in first-seen order.
  std::vector<GroupResult> groups;
  std::unordered_map<std::string_view, size_t> by_name;
  for (const SessionRecord& session : data.sessions) {
    const bool allowed =
        std::find(request.allowed_statuses().begin(),
                  request.allowed_statuses().end(),
                  session.status) != request.allowed_statuses().end();
    if (!allowed) continue;
    const std::string& name =
        session.group_name.empty() ? session.name : session.group_name;
    auto [it, inserted] = by_name.emplace(name, groups.size());
    if (inserted) {
      GroupResult group;
      group.name = name;
      group.first = &session;
      groups.push_back(std::move(group));
    }
    groups[it->second].sessions.push_back(&session);
  }

  const int aggregation_index = MetricIndex(data, request.aggregation_metric());
  for (GroupResult& group : groups) {
    std::sort(group.sessions.begin(), group.sessions.end(),
              [](const SessionRecord* a, const SessionRecord* b) {
                return a->name < b->name;
              });
    if (!result.include_metrics) continue;
    switch (request.aggregation_type()) {
      case hp::AGGREGATION_MEDIAN:
      case hp::AGGREGATION_MIN:
      case hp::AGGREGATION_MAX:
        AggregateBySession(group.sessions, request.aggregation_type(),
                           aggregation_index, group);
        break;
      default:
        AggregateAverage(group.sessions, group);
        break;
    }
  }

  // Filter.
  std::vector<const Column*> filters;
  for (const Column& c : *columns) {
    if (HasFilter(*c.param)) filters.push_back(&c);
  }
  std::vector<size_t> kept;
  kept.reserve(groups.size());
  ParamValue scratch;
  for (size_t i = 0; i < groups.size(); ++i) {
    const bool passes =
        std::all_of(filters.begin(), filters.end(), [&](const Column* c) {
          return PassesFilter(*c, Extract(*c, groups[i], scratch));
        });
    if (passes) kept.push_back(i);
  }

  // Sort: the ordered columns in request order, then the group name.
  std::vector<const Column*> order;
  for (const Column& c : *columns) {
    if (c.param->order() == hp::ORDER_ASC || c.param->order() == hp::ORDER_DESC)
      order.push_back(&c);
  }
  // keys[k][i]: the value of ordered column k for group i (copied, so metric
  // values need no scratch).
  std::vector<std::vector<std::optional<ParamValue>>> keys(order.size());
  for (size_t k = 0; k < order.size(); ++k) {
    keys[k].resize(groups.size());
    for (size_t i : kept) {
      const ParamValue* v = Extract(*order[k], groups[i], scratch);
      if (v != nullptr) keys[k][i] = *v;
    }
  }
  std::sort(kept.begin(), kept.end(), [&](size_t a, size_t b) {
    for (size_t k = 0; k < order.size(); ++k) {
      const std::optional<ParamValue>& va = keys[k][a];
      const std::optional<ParamValue>& vb = keys[k][b];
      if (va.has_value() != vb.has_value()) {
        // Exactly one is missing.
        const bool missing_first = order[k]->param->missing_values_first();
        return va.has_value() ? !missing_first : missing_first;
      }
      if (!va.has_value()) continue;
      // NaN goes after every number whichever the direction.
      const bool a_nan = va->is_numeric() && std::isnan(va->number);
      const bool b_nan = vb->is_numeric() && std::isnan(vb->number);
      if (a_nan != b_nan) return b_nan;
      const int c = Compare(*va, *vb);
      if (c == 0) continue;
      return order[k]->param->order() == hp::ORDER_ASC ? c < 0 : c > 0;
    }
    return groups[a].name < groups[b].name;
  });

  result.total_size = static_cast<int64_t>(kept.size());
  const auto [begin, end] =
      PythonSlice(request.start_index(), request.slice_size(),
                  static_cast<int64_t>(kept.size()));
  result.groups.reserve(end - begin);
  for (int64_t i = begin; i < end; ++i) {
    result.groups.push_back(std::move(groups[kept[i]]));
  }

  const bool specifies_include = std::any_of(
      request.col_params().begin(), request.col_params().end(),
      [](const hp::ColParams& p) { return p.has_include_in_result(); });
  if (specifies_include) {
    std::vector<std::string> include;
    for (const hp::ColParams& p : request.col_params()) {
      if (p.has_include_in_result() && !p.include_in_result()) continue;
      if (p.name_case() == hp::ColParams::kHparam)
        include.push_back(p.hparam());
    }
    std::sort(include.begin(), include.end());
    result.hparams_to_include = std::move(include);
  }
  return result;
}

}  // namespace tbx::plugins::hparams
