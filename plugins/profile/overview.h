// The overview of a trace: its steps (ProfilerStep#N spans, extended to the
// device work they launched) and each step's time split by what ran, in
// torch-tb-profiler's order of priority: a moment covered by a kernel counts
// as Kernel even if a memcpy or the CPU was also busy, and so on down to
// Other (nothing recorded). Also GPU utilization, estimated SM efficiency and
// achieved occupancy. Pure functions of a finished TraceIndex.
#ifndef TBX_PLUGINS_PROFILE_OVERVIEW_H_
#define TBX_PLUGINS_PROFILE_OVERVIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "plugins/profile/trace_index.h"

namespace tbx::plugins::profile {

// Roles by priority (highest first).
enum Role {
  kRoleKernel = 0,
  kRoleMemcpy,
  kRoleMemset,
  kRoleCommunication,
  kRoleRuntime,
  kRoleDataLoader,
  kRoleCpuExec,
  kRoleOther,
  kRoleCount,
};
extern const char* const kRoleNames[kRoleCount];

struct StepCost {
  std::string name;   // "5" for ProfilerStep#5; "0" when the trace has
                      // no steps (the whole trace is one step)
  int64_t begin = 0;  // ns since the trace's start
  int64_t end = 0;
  int64_t cost[kRoleCount] = {};
  // Communication overlap (distributed view).
  int64_t computation = 0, communication = 0, overlap = 0;
};

struct DeviceUse {
  int32_t device = 0;
  double utilization = 0;     // busy fraction of step time, 0..1
  double sm_efficiency = -1;  // -1 when the trace has no "blocks per SM"
  double occupancy = -1;      // duration-weighted, percent; -1 when absent
  int64_t kernel_time = 0;
};

struct Overview {
  std::vector<StepCost> steps;
  bool profiler_steps = false;  // steps come from ProfilerStep#N events
  int64_t removed_tail_steps = 0;
  std::vector<DeviceUse> devices;
};

Overview ComputeOverview(const TraceIndex& index);
// {"steps": [...], "average": {...}, "roles": [...], "devices": [...], ...};
// see http_api.md.
std::string OverviewJson(const TraceIndex& index, const Overview& overview);

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_OVERVIEW_H_
