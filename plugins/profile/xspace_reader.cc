// XSpace to TraceIndex; see xspace_reader.h.
#include "plugins/profile/xspace_reader.h"

#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "plugins/profile/trace_builder.h"
#include "proto/xplane.pb.h"

namespace tbx::plugins::profile {
namespace {

using ::tensorflow::profiler::XEvent;
using ::tensorflow::profiler::XEventMetadata;
using ::tensorflow::profiler::XLine;
using ::tensorflow::profiler::XPlane;
using ::tensorflow::profiler::XSpace;
using ::tensorflow::profiler::XStat;

// The stats of one event: its own, then those of its metadata (TensorFlow
// puts per-kernel constants such as "kernel_details" there). Looked up by the
// stat's name in the plane's stat_metadata.
class Stats {
 public:
  Stats(const XPlane& plane, const XEvent& event, const XEventMetadata* meta)
      : plane_(plane), event_(event), meta_(meta) {}

  std::optional<int64_t> Int(std::string_view name) const {
    const XStat* stat = Find(name);
    if (stat == nullptr) return std::nullopt;
    switch (stat->value_case()) {
      case XStat::kInt64Value:
        return stat->int64_value();
      case XStat::kUint64Value:
        return static_cast<int64_t>(stat->uint64_value());
      case XStat::kDoubleValue:
        return static_cast<int64_t>(stat->double_value());
      default:
        return std::nullopt;
    }
  }
  std::optional<uint64_t> Unsigned(std::string_view name) const {
    const XStat* stat = Find(name);
    if (stat == nullptr) return std::nullopt;
    if (stat->value_case() == XStat::kUint64Value) return stat->uint64_value();
    if (stat->value_case() == XStat::kInt64Value)
      return static_cast<uint64_t>(stat->int64_value());
    return std::nullopt;
  }
  // String values, inline or by reference to a stat_metadata's name.
  std::optional<std::string_view> Text(std::string_view name) const {
    const XStat* stat = Find(name);
    if (stat == nullptr) return std::nullopt;
    if (stat->value_case() == XStat::kStrValue) return stat->str_value();
    if (stat->value_case() == XStat::kRefValue) {
      auto it =
          plane_.stat_metadata().find(static_cast<int64_t>(stat->ref_value()));
      if (it != plane_.stat_metadata().end()) return it->second.name();
    }
    return std::nullopt;
  }

 private:
  const XStat* Find(std::string_view name) const {
    auto matches = [&](const XStat& stat) {
      auto it = plane_.stat_metadata().find(stat.metadata_id());
      return it != plane_.stat_metadata().end() && it->second.name() == name;
    };
    for (const XStat& stat : event_.stats())
      if (matches(stat)) return &stat;
    if (meta_ != nullptr)
      for (const XStat& stat : meta_->stats())
        if (matches(stat)) return &stat;
    return nullptr;
  }

  const XPlane& plane_;
  const XEvent& event_;
  const XEventMetadata* meta_;
};

// The number after `key` in text such as "regs:32 grid:4,1,1": up to
// `count` comma-separated integers. False when the key is absent.
bool ParseField(std::string_view text, std::string_view key, int64_t* out,
                int count) {
  size_t at = text.find(key);
  while (at != std::string_view::npos && at != 0 && text[at - 1] != ' ')
    at = text.find(key, at + 1);
  if (at == std::string_view::npos) return false;
  const char* p = text.data() + at + key.size();
  const char* end = text.data() + text.size();
  for (int i = 0; i < count; ++i) {
    auto [next, ec] = std::from_chars(p, end, out[i]);
    if (ec != std::errc()) return i > 0;
    p = next;
    if (i + 1 < count) {
      if (p == end || *p != ',') return true;
      ++p;
    }
  }
  return true;
}

// "kernel_details" as TensorFlow's GPU tracer writes it: "regs:R
// static_shared:S dynamic_shared:D grid:X,Y,Z block:X,Y,Z occ_pct:P".
void ParseKernelDetails(std::string_view text, DeviceArgs* args) {
  int64_t v[3] = {0, 0, 0};
  if (ParseField(text, "regs:", v, 1))
    args->registers = static_cast<int32_t>(v[0]);
  int64_t shared = 0;
  bool any_shared = false;
  if (ParseField(text, "static_shared:", v, 1)) {
    shared += v[0];
    any_shared = true;
  }
  if (ParseField(text, "dynamic_shared:", v, 1)) {
    shared += v[0];
    any_shared = true;
  }
  if (any_shared) args->shared_memory = shared;
  v[0] = v[1] = v[2] = 0;
  if (ParseField(text, "grid:", v, 3))
    for (int i = 0; i < 3; ++i) args->grid[i] = static_cast<int32_t>(v[i]);
  v[0] = v[1] = v[2] = 0;
  if (ParseField(text, "block:", v, 3))
    for (int i = 0; i < 3; ++i) args->block[i] = static_cast<int32_t>(v[i]);
  size_t occ = text.find("occ_pct:");
  if (occ != std::string_view::npos) {
    const char* p = text.data() + occ + 8;
    double value = 0;
    auto [next, ec] = std::from_chars(p, text.data() + text.size(), value);
    if (ec == std::errc()) args->occupancy = value;
  }
}

// The device ordinal at the end of a plane name such as "/device:GPU:3".
int32_t DeviceOrdinal(std::string_view plane_name) {
  size_t colon = plane_name.rfind(':');
  int32_t ordinal = -1;
  if (colon == std::string_view::npos) return ordinal;
  std::from_chars(plane_name.data() + colon + 1,
                  plane_name.data() + plane_name.size(), ordinal);
  return ordinal;
}

// An allocator such as "GPU_0_bfc" belongs to GPU 0; others ("cpu",
// "mklcpu", "cuda_host_bfc") to the host.
void AllocatorDevice(std::string_view allocator, MemoryArgs* args) {
  if (allocator.starts_with("GPU_") || allocator.starts_with("gpu_")) {
    args->device_type = 1;
    int32_t id = 0;
    std::from_chars(allocator.data() + 4, allocator.data() + allocator.size(),
                    id);
    args->device_id = id;
  } else {
    args->device_type = 0;
    args->device_id = -1;
  }
}

// The category under which the JSON reader would have filed a device event.
std::string_view DeviceCategory(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = absl::ascii_tolower(static_cast<unsigned char>(c));
  if (lower.find("memcpy") != std::string::npos) return "gpu_memcpy";
  if (lower.find("memset") != std::string::npos) return "gpu_memset";
  return "kernel";
}

// Adds the events of `plane`; counts in *skipped the aggregated events, which
// have no time.
void AddPlane(const XPlane& plane, TraceBuilder* builder, int64_t* skipped) {
  bool device = std::string_view(plane.name()).starts_with("/device:");
  int32_t ordinal = device ? DeviceOrdinal(plane.name()) : -1;
  std::string pid =
      plane.name().empty() ? absl::StrCat("plane ", plane.id()) : plane.name();
  builder->SetProcessName(pid, pid);
  for (const XLine& line : plane.lines()) {
    std::string tid = !line.display_name().empty() ? line.display_name()
                      : !line.name().empty()       ? line.name()
                                                   : absl::StrCat(line.id());
    builder->SetThreadName(pid, tid, tid);
    bool steps = line.name() == "Steps";
    for (const XEvent& event : line.events()) {
      if (event.has_num_occurrences()) {
        ++*skipped;
        continue;
      }
      auto meta_it = plane.event_metadata().find(event.metadata_id());
      const XEventMetadata* meta =
          meta_it == plane.event_metadata().end() ? nullptr : &meta_it->second;
      std::string name = meta == nullptr
                             ? absl::StrCat("event ", event.metadata_id())
                         : !meta->display_name().empty() ? meta->display_name()
                                                         : meta->name();
      if (steps) name = absl::StrCat("ProfilerStep#", name);
      Stats event_stats(plane, event, meta);
      int64_t correlation = event_stats.Int("correlation_id").value_or(-1);

      RawEvent raw;
      raw.phase = 'X';
      raw.name = name;
      raw.pid = pid;
      raw.tid = tid;
      raw.ts_ns = line.timestamp_ns() + event.offset_ps() / 1000;
      raw.dur_ns = event.duration_ps() / 1000;
      if (steps) {
        raw.category = "";
      } else if (device) {
        raw.category = DeviceCategory(name);
        raw.correlation = correlation;
        raw.has_device_args = true;
        raw.device_args.device = ordinal;
        raw.device_args.stream =
            static_cast<int32_t>(event_stats.Int("stream").value_or(line.id()));
        if (std::optional<std::string_view> details =
                event_stats.Text("kernel_details"))
          ParseKernelDetails(*details, &raw.device_args);
        for (std::string_view key : {"memcpy_details", "Memset_details"}) {
          std::optional<std::string_view> details = event_stats.Text(key);
          int64_t size = 0;
          if (details && ParseField(*details, "size:", &size, 1))
            raw.device_args.bytes = size;
        }
      } else if (correlation >= 0) {
        // A CUDA API call (cuLaunchKernel, cuMemcpyAsync…) recorded on a host
        // thread or the "/host:CUPTI" plane: the launch end of a flow.
        raw.category = "cuda_runtime";
        raw.correlation = correlation;
      } else if (name == "MemoryAllocation" || name == "MemoryDeallocation") {
        raw.category = "";  // not an operator; the [memory] instant follows
      } else {
        raw.category = "cpu_op";
      }
      builder->AddEvent(raw);

      // TensorFlow's allocator events become [memory] instants, as PyTorch
      // writes them: + bytes on allocation, - on free, with the totals.
      bool allocation = name == "MemoryAllocation";
      if (!device && (allocation || name == "MemoryDeallocation")) {
        RawEvent memory;
        memory.phase = 'i';
        memory.name = "[memory]";
        memory.pid = pid;
        memory.tid = tid;
        memory.ts_ns = raw.ts_ns;
        memory.has_memory_args = true;
        AllocatorDevice(event_stats.Text("allocator_name").value_or(""),
                        &memory.memory_args);
        int64_t bytes =
            event_stats.Int("allocation_bytes")
                .value_or(event_stats.Int("requested_bytes").value_or(0));
        memory.memory_args.bytes = allocation ? bytes : -bytes;
        memory.memory_args.addr = event_stats.Unsigned("addr").value_or(0);
        memory.memory_args.total_allocated =
            event_stats.Int("bytes_allocated").value_or(-1);
        memory.memory_args.total_reserved =
            event_stats.Int("bytes_reserved").value_or(-1);
        builder->AddEvent(memory);
      }
    }
  }
}

}  // namespace

TraceIndex ReadXSpace(std::string_view bytes) {
  TraceBuilder builder;
  builder.SetFormat("xspace");
  builder.SetBytesRead(static_cast<int64_t>(bytes.size()));
  XSpace space;
  if (!space.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    builder.MarkIncomplete();
    builder.AddNote(absl::StrCat("the XSpace does not decode (", bytes.size(),
                                 " bytes; damaged or cut off)"));
    return builder.Finish();
  }
  int64_t skipped = 0;
  for (const XPlane& plane : space.planes())
    AddPlane(plane, &builder, &skipped);
  if (skipped > 0)
    builder.AddNote(
        absl::StrCat(skipped, " aggregated events without a time skipped"));
  for (const std::string& error : space.errors())
    builder.AddNote(absl::StrCat("profiler error: ", error));
  return builder.Finish();
}

absl::StatusOr<TraceIndex> ReadXSpaceFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return ReadXSpace(bytes.str());
}

}  // namespace tbx::plugins::profile
