// TraceIndex: one profiler trace (a PyTorch Kineto / legacy JSON trace or a
// converted XSpace) held as compact columns: every duration or instant event
// in one vector sorted by track then start time, names and long strings
// interned, kernel and memory arguments in side tables. Built once by a
// TraceBuilder (trace_builder.h), then immutable: any number of threads may
// read a finished index at once.
#ifndef TBX_PLUGINS_PROFILE_TRACE_INDEX_H_
#define TBX_PLUGINS_PROFILE_TRACE_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace tbx::plugins::profile {

// What an event is, from its category (both the current Kineto names and the
// 2021 ones) and name.
enum class EventKind : uint8_t {
  kOther = 0,
  kCpuOp,           // cpu_op, Operator, legacy CPU functions
  kPythonFunction,  // python_function
  kUserAnnotation,  // user_annotation, gpu_user_annotation
  kProfilerStep,    // ProfilerStep#N (any host category)
  kKernel,          // kernel, Kernel
  kMemcpy,          // gpu_memcpy, Memcpy
  kMemset,          // gpu_memset, Memset
  kRuntime,         // cuda_runtime, cuda_driver, Runtime
  kSync,            // cuda_sync
  kMemory,          // [memory] instant event
  kInstant,         // any other instant event
};
const char* EventKindName(EventKind kind);
bool IsDeviceKind(EventKind kind);  // kernel, memcpy or memset

inline constexpr uint32_t kNone = 0xffffffffu;

// One event. Times are nanoseconds since the trace's first event.
struct Event {
  int64_t ts = 0;
  int64_t dur = 0;           // 0 for instants
  int64_t correlation = -1;  // launch <-> device correlation id, -1 if none
  int64_t external_id = -1;  // "External id", -1 if none
  uint32_t name = 0;         // index into TraceIndex::strings
  uint32_t track = 0;        // index into TraceIndex::tracks
  uint32_t shapes = kNone;   // interned "Input Dims" JSON text
  uint32_t stack = kNone;    // interned "Call stack"
  uint32_t detail = kNone;   // index into kernels or memory, by kind
  uint32_t parent = kNone;   // enclosing event on the same track
  EventKind kind = EventKind::kOther;
  uint8_t depth = 0;      // nesting depth on its track (capped at 255)
  uint16_t category = 0;  // index into TraceIndex::strings (0 = none)
};

// Arguments of a kernel, memcpy or memset.
struct DeviceArgs {
  int32_t device = -1;
  int32_t stream = -1;
  int32_t grid[3] = {0, 0, 0};
  int32_t block[3] = {0, 0, 0};
  int32_t registers = -1;      // registers per thread
  int64_t shared_memory = -1;  // bytes
  double blocks_per_sm = -1;
  double warps_per_sm = -1;
  double occupancy = -1;  // est. achieved occupancy %
  int64_t bytes = -1;     // memcpy / memset size
};

// A [memory] instant event.
struct MemoryArgs {
  int32_t device_type = 0;  // 0 CPU, 1 CUDA
  int32_t device_id = -1;
  int64_t bytes = 0;  // > 0 allocation, < 0 free
  uint64_t addr = 0;
  int64_t total_allocated = -1;
  int64_t total_reserved = -1;
};

// An item of the timeline's coarse level: one event (count 1, `event` set)
// or `count` events merged into [ts, end) at one depth.
struct CoarseItem {
  int64_t ts = 0;
  int64_t end = 0;
  int64_t count = 0;
  uint32_t event = kNone;
  uint8_t depth = 0;
};

// A thread of a process (CPU) or a stream of a device (GPU).
struct Track {
  std::string pid;  // as written, numbers in decimal
  std::string tid;
  std::string process_name;  // from "M" process_name events, may be empty
  std::string thread_name;   // from "M" thread_name events, may be empty
  int64_t sort_index = 0;
  bool device = false;  // holds kernels, memcpys or memsets
  uint32_t begin = 0;   // events [begin, end) of TraceIndex::events
  uint32_t end = 0;
  uint8_t max_depth = 0;
  uint32_t coarse_begin = 0;  // items [coarse_begin, coarse_end) of coarse
  uint32_t coarse_end = 0;
};

struct TraceIndex {
  std::vector<Event> events;  // sorted by (track, ts, -dur)
  // Per event: the largest end time of events [track.begin, i], for range
  // search.
  std::vector<int64_t> running_end;
  std::vector<Track> tracks;         // by process then sort index
  std::vector<std::string> strings;  // interned; strings[0] = ""
  // The timeline merged below coarse_resolution, per track in time order,
  // answering zoomed-out range queries without visiting every event.
  std::vector<CoarseItem> coarse;
  std::vector<int64_t> coarse_running_end;
  int64_t coarse_resolution = 0;
  std::vector<DeviceArgs> device_args;
  std::vector<MemoryArgs> memory_args;
  // Device event index by correlation id, and runtime event by correlation.
  absl::flat_hash_map<int64_t, uint32_t> device_by_correlation;
  absl::flat_hash_map<int64_t, uint32_t> runtime_by_correlation;

  int64_t base_ns = 0;  // absolute time of ts 0 (trace's own clock), ns
  int64_t end_ns = 0;   // largest event end, relative
  std::string format;   // "kineto", "legacy" or "xspace"
  std::string device_properties_json;  // "[]" when absent
  std::string distributed_info_json;   // "" when absent
  int64_t flow_events = 0;         // s/f/t events seen (flows are matched by
                                   // correlation instead)
  int64_t bytes_read = 0;          // uncompressed bytes parsed
  std::vector<std::string> notes;  // problems met: truncation, bad events
  bool complete = true;  // false when the input ended early or was damaged

  const std::string& Name(const Event& e) const { return strings[e.name]; }
  // Approximate bytes held.
  size_t MemoryUsage() const;
};

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_TRACE_INDEX_H_
