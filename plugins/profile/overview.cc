// Step detection and the step-time breakdown; see overview.h.
#include "plugins/profile/overview.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/profile/time_ranges.h"

namespace tbx::plugins::profile {

const char* const kRoleNames[kRoleCount] = {
    "Kernel",  "Memcpy",     "Memset",   "Communication",
    "Runtime", "DataLoader", "CPU Exec", "Other"};

namespace {

bool IsCommunicationKernel(const std::string& name) {
  return absl::StrContains(absl::AsciiStrToLower(name), "nccl");
}

bool IsDataLoader(const std::string& name) {
  return absl::StartsWith(name, "enumerate(DataLoader)#") &&
         absl::EndsWith(name, ".__next__");
}

bool IsHost(EventKind kind) {
  return kind == EventKind::kCpuOp || kind == EventKind::kPythonFunction ||
         kind == EventKind::kProfilerStep;
}

struct Step {
  std::string name;
  int64_t begin, end;
};

// The ProfilerStep spans, or one span covering every host event.
std::vector<Step> HostSteps(const TraceIndex& index, bool* from_profiler) {
  std::vector<Step> steps;
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (const Event& e : index.events) {
    if (e.kind == EventKind::kProfilerStep) {
      const std::string& name = index.Name(e);
      steps.push_back({name.substr(name.find('#') + 1), e.ts, e.ts + e.dur});
    }
    if (IsHost(e.kind)) {
      lo = std::min(lo, e.ts);
      hi = std::max(hi, e.ts + e.dur);
    }
  }
  *from_profiler = !steps.empty();
  if (steps.empty()) {
    if (lo > hi) {
      lo = 0;
      hi = index.end_ns;
    }
    steps.push_back({"0", lo, hi});
  }
  std::stable_sort(
      steps.begin(), steps.end(),
      [](const Step& a, const Step& b) { return a.begin < b.begin; });
  return steps;
}

// Extends each step to the end of the device work launched inside it, as
// torch-tb-profiler does; drops trailing steps whose device work was not
// fully captured. Returns the number of steps removed.
int64_t ExtendToDevice(const TraceIndex& index, std::vector<Step>* steps) {
  std::vector<const Event*> runtimes;
  for (const Event& e : index.events)
    if (e.kind == EventKind::kRuntime && e.correlation >= 0)
      runtimes.push_back(&e);
  std::sort(runtimes.begin(), runtimes.end(),
            [](const Event* a, const Event* b) { return a->ts < b->ts; });
  const size_t n = steps->size();
  if (n == 0) return 0;
  // Per step: the last device end and how many device events it launched.
  struct DeviceWork {
    int64_t end = INT64_MIN;
    int64_t launched = 0;
  };
  std::vector<DeviceWork> work(n);
  size_t r = 0;
  for (size_t s = 0; s < n; ++s) {
    const Step& step = (*steps)[s];
    while (r < runtimes.size() && runtimes[r]->ts < step.begin) ++r;
    for (size_t k = r; k < runtimes.size() && runtimes[k]->ts < step.end; ++k) {
      const Event& rt = *runtimes[k];
      if (rt.ts + rt.dur > step.end) continue;
      auto it = index.device_by_correlation.find(rt.correlation);
      if (it == index.device_by_correlation.end()) continue;
      const Event& device = index.events[it->second];
      work[s].end = std::max(work[s].end, device.ts + device.dur);
      ++work[s].launched;
    }
  }
  bool use_gpu = false;
  for (const DeviceWork& d : work) use_gpu = use_gpu || d.launched > 0;
  if (!use_gpu) return 0;
  int64_t prev_end = (*steps)[0].begin;
  for (size_t s = 0; s < n; ++s) {
    Step& step = (*steps)[s];
    int64_t begin = std::max(prev_end, step.begin);
    int64_t end = std::max(step.end, work[s].end);
    end = std::max(end, begin);
    step.begin = begin;
    step.end = end;
    prev_end = end;
  }
  int64_t removed = 0;
  if (n > 1) {
    size_t last = n;
    while (last > 0 && work[last - 1].launched == 0) --last;
    if (last > 0) {
      size_t keep = last;
      if (last >= 2 && static_cast<double>(work[last - 2].launched) * 0.8 >
                           static_cast<double>(work[last - 1].launched))
        keep = last - 1;
      removed = static_cast<int64_t>(n - keep);
      steps->resize(keep);
    }
  }
  return removed;
}

}  // namespace

Overview ComputeOverview(const TraceIndex& index) {
  Overview overview;
  std::vector<Step> steps = HostSteps(index, &overview.profiler_steps);
  overview.removed_tail_steps = ExtendToDevice(index, &steps);

  std::vector<Range> role[kRoleOther];
  std::map<int32_t, std::vector<Range>> kernels_by_device;
  std::map<int32_t, DeviceUse> devices;
  std::map<int32_t, double> sm_weight, occ_weight, occ_time;
  for (const Event& e : index.events) {
    Range r{e.ts, e.ts + e.dur};
    switch (e.kind) {
      case EventKind::kKernel: {
        bool comm = IsCommunicationKernel(index.Name(e));
        role[comm ? kRoleCommunication : kRoleKernel].push_back(r);
        int32_t device = 0;
        if (e.detail != kNone) {
          const DeviceArgs& args = index.device_args[e.detail];
          device = std::max(0, args.device);
          DeviceUse& use = devices[device];
          if (args.blocks_per_sm >= 0) {
            sm_weight[device] +=
                static_cast<double>(e.dur) * std::min(args.blocks_per_sm, 1.0);
          }
          if (args.occupancy >= 0) {
            occ_weight[device] += static_cast<double>(e.dur) * args.occupancy;
            occ_time[device] += static_cast<double>(e.dur);
          }
          use.kernel_time += e.dur;
        }
        kernels_by_device[device].push_back(r);
        break;
      }
      case EventKind::kMemcpy:
        role[kRoleMemcpy].push_back(r);
        break;
      case EventKind::kMemset:
        role[kRoleMemset].push_back(r);
        break;
      case EventKind::kRuntime:
        role[kRoleRuntime].push_back(r);
        break;
      case EventKind::kCpuOp:
      case EventKind::kPythonFunction:
      case EventKind::kUserAnnotation:
        if (IsDataLoader(index.Name(e))) {
          role[kRoleDataLoader].push_back(r);
        } else if (e.kind != EventKind::kUserAnnotation) {
          role[kRoleCpuExec].push_back(r);
        }
        break;
      default:
        break;
    }
  }
  std::vector<Range> step_ranges;
  for (const Step& s : steps) step_ranges.emplace_back(s.begin, s.end);
  Ranges slots = MergeRanges(step_ranges);
  Ranges cost[kRoleCount];
  Ranges merged[kRoleOther];
  for (int i = 0; i < kRoleOther; ++i) {
    merged[i] = MergeRanges(std::move(role[i]));
    cost[i] = IntersectRanges(slots, merged[i]);
    slots = SubtractRanges(slots, cost[i]);
  }
  cost[kRoleOther] = slots;
  const Ranges& compute =
      merged[kRoleKernel].empty() ? merged[kRoleCpuExec] : merged[kRoleKernel];
  Ranges overlap = IntersectRanges(compute, merged[kRoleCommunication]);
  int64_t total_step_time = 0;
  for (const Step& s : steps) {
    StepCost sc;
    sc.name = s.name;
    sc.begin = s.begin;
    sc.end = s.end;
    for (int i = 0; i < kRoleCount; ++i)
      sc.cost[i] = LengthWithin(cost[i], s.begin, s.end);
    sc.computation = LengthWithin(compute, s.begin, s.end);
    sc.communication = LengthWithin(merged[kRoleCommunication], s.begin, s.end);
    sc.overlap = LengthWithin(overlap, s.begin, s.end);
    total_step_time += s.end - s.begin;
    overview.steps.push_back(std::move(sc));
  }
  for (auto& [device, ranges] : kernels_by_device) {
    DeviceUse& use = devices[device];
    use.device = device;
    Ranges busy = MergeRanges(std::move(ranges));
    int64_t in_steps = 0;
    for (const Step& s : steps) in_steps += LengthWithin(busy, s.begin, s.end);
    if (total_step_time > 0)
      use.utilization = static_cast<double>(in_steps) / total_step_time;
    if (sm_weight.count(device) && total_step_time > 0)
      use.sm_efficiency = sm_weight[device] / total_step_time;
    if (occ_time[device] > 0)
      use.occupancy = occ_weight[device] / occ_time[device];
    overview.devices.push_back(use);
  }
  return overview;
}

std::string OverviewJson(const TraceIndex& index, const Overview& overview) {
  std::string out;
  JsonWriter w(&out, /*compact=*/true);
  w.BeginObject();
  w.Key("format");
  w.String(index.format);
  w.Key("complete");
  w.Bool(index.complete);
  w.Key("notes");
  w.BeginArray();
  for (const std::string& note : index.notes) w.String(note);
  w.EndArray();
  w.Key("events");
  w.Int(static_cast<int64_t>(index.events.size()));
  w.Key("duration_ns");
  w.Int(index.end_ns);
  w.Key("profiler_steps");
  w.Bool(overview.profiler_steps);
  w.Key("removed_tail_steps");
  w.Int(overview.removed_tail_steps);
  w.Key("roles");
  w.BeginArray();
  for (const char* name : kRoleNames) w.String(name);
  w.EndArray();
  w.Key("steps");
  w.BeginArray();
  int64_t sum[kRoleCount] = {};
  int64_t total = 0;
  for (const StepCost& s : overview.steps) {
    w.BeginObject();
    w.Key("name");
    w.String(s.name);
    w.Key("begin_ns");
    w.Int(s.begin);
    w.Key("duration_ns");
    w.Int(s.end - s.begin);
    w.Key("costs_ns");
    w.BeginArray();
    for (int i = 0; i < kRoleCount; ++i) {
      w.Int(s.cost[i]);
      sum[i] += s.cost[i];
    }
    w.EndArray();
    w.Key("computation_ns");
    w.Int(s.computation);
    w.Key("communication_ns");
    w.Int(s.communication);
    w.Key("overlap_ns");
    w.Int(s.overlap);
    w.EndObject();
    total += s.end - s.begin;
  }
  w.EndArray();
  size_t n = std::max<size_t>(1, overview.steps.size());
  w.Key("average");
  w.BeginObject();
  w.Key("step_ns");
  w.Double(static_cast<double>(total) / n);
  w.Key("costs_ns");
  w.BeginArray();
  for (int i = 0; i < kRoleCount; ++i)
    w.Double(static_cast<double>(sum[i]) / n);
  w.EndArray();
  w.EndObject();
  w.Key("devices");
  w.BeginArray();
  for (const DeviceUse& d : overview.devices) {
    w.BeginObject();
    w.Key("device");
    w.Int(d.device);
    w.Key("gpu_utilization");
    w.Double(d.utilization);
    w.Key("sm_efficiency");
    if (d.sm_efficiency >= 0) {
      w.Double(d.sm_efficiency);
    } else {
      w.Null();
    }
    w.Key("achieved_occupancy");
    if (d.occupancy >= 0) {
      w.Double(d.occupancy);
    } else {
      w.Null();
    }
    w.Key("kernel_time_ns");
    w.Int(d.kernel_time);
    w.EndObject();
  }
  w.EndArray();
  w.Key("device_properties");
  w.Raw(index.device_properties_json);
  w.Key("distributed_info");
  if (index.distributed_info_json.empty()) {
    w.Null();
  } else {
    w.Raw(index.distributed_info_json);
  }
  // Short recommendations from the average breakdown.
  w.Key("recommendations");
  w.BeginArray();
  if (total > 0) {
    auto share = [&](Role r) { return static_cast<double>(sum[r]) / total; };
    if (share(kRoleDataLoader) > 0.05)
      w.String(absl::StrCat(
          "Data loading takes ", static_cast<int>(share(kRoleDataLoader) * 100),
          "% of step time: try more DataLoader workers (num_workers) or "
          "pinned memory."));
    if (!overview.devices.empty() && share(kRoleKernel) < 0.5)
      w.String(absl::StrCat(
          "GPU kernels run for only ",
          static_cast<int>(share(kRoleKernel) * 100),
          "% of step time: the GPU waits on the host; consider a larger "
          "batch or fewer host-side operations."));
    if (share(kRoleMemcpy) > 0.1)
      w.String(
          "Memory copies take over 10% of step time: keep tensors on "
          "the device and use pinned memory with non_blocking copies.");
    if (share(kRoleCommunication) > 0.1)
      w.String(
          "Communication takes over 10% of step time: overlap it with "
          "computation or use gradient bucketing.");
  }
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace tbx::plugins::profile
