// Building a TraceIndex from raw events; see trace_builder.h.
#include "plugins/profile/trace_builder.h"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "plugins/profile/timeline.h"

namespace tbx::plugins::profile {
namespace {

EventKind KindOf(std::string_view category, std::string_view name, char phase,
                 std::string_view pid) {
  if (phase == 'i' || phase == 'I' || phase == 'R') {
    return name == "[memory]" ? EventKind::kMemory : EventKind::kInstant;
  }
  if (name.starts_with("ProfilerStep#")) return EventKind::kProfilerStep;
  if (category == "cpu_op" || category == "Operator" || category == "operator")
    return EventKind::kCpuOp;
  if (category == "kernel" || category == "Kernel") return EventKind::kKernel;
  if (category == "gpu_memcpy" || category == "Memcpy")
    return EventKind::kMemcpy;
  if (category == "gpu_memset" || category == "Memset")
    return EventKind::kMemset;
  if (category == "cuda_runtime" || category == "cuda_driver" ||
      category == "Runtime")
    return EventKind::kRuntime;
  if (category == "cuda_sync") return EventKind::kSync;
  if (category == "python_function" || category == "python")
    return EventKind::kPythonFunction;
  if (category == "user_annotation" || category == "gpu_user_annotation")
    return EventKind::kUserAnnotation;
  // The legacy export (PyTorch without Kineto) has no categories; every event
  // is a CPU function.
  if (category.empty() && pid == "CPU functions") return EventKind::kCpuOp;
  return EventKind::kOther;
}

// Numbers before text; numbers by value, text by bytes.
bool NaturalLess(const std::string& a, const std::string& b) {
  int64_t x = 0, y = 0;
  bool a_num =
      !a.empty() && std::from_chars(a.data(), a.data() + a.size(), x).ptr ==
                        a.data() + a.size();
  bool b_num =
      !b.empty() && std::from_chars(b.data(), b.data() + b.size(), y).ptr ==
                        b.data() + b.size();
  if (a_num != b_num) return a_num;
  if (a_num) return x < y;
  return a < b;
}

}  // namespace

const char* EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kCpuOp:
      return "cpu_op";
    case EventKind::kPythonFunction:
      return "python_function";
    case EventKind::kUserAnnotation:
      return "user_annotation";
    case EventKind::kProfilerStep:
      return "profiler_step";
    case EventKind::kKernel:
      return "kernel";
    case EventKind::kMemcpy:
      return "memcpy";
    case EventKind::kMemset:
      return "memset";
    case EventKind::kRuntime:
      return "runtime";
    case EventKind::kSync:
      return "sync";
    case EventKind::kMemory:
      return "memory";
    case EventKind::kInstant:
      return "instant";
    case EventKind::kOther:
      break;
  }
  return "other";
}

bool IsDeviceKind(EventKind kind) {
  return kind == EventKind::kKernel || kind == EventKind::kMemcpy ||
         kind == EventKind::kMemset;
}

size_t TraceIndex::MemoryUsage() const {
  size_t bytes =
      events.capacity() * sizeof(Event) +
      running_end.capacity() * sizeof(int64_t) +
      device_args.capacity() * sizeof(DeviceArgs) +
      memory_args.capacity() * sizeof(MemoryArgs) +
      (device_by_correlation.capacity() + runtime_by_correlation.capacity()) *
          16;
  for (const std::string& s : strings) bytes += s.capacity() + sizeof(s);
  return bytes;
}

TraceBuilder::TraceBuilder() {
  index_.strings.emplace_back();
  string_ids_.emplace("", 0);
  index_.device_properties_json = "[]";
}

uint32_t TraceBuilder::Intern(std::string_view text) {
  auto it = string_ids_.find(text);
  if (it != string_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(index_.strings.size());
  index_.strings.emplace_back(text);
  string_ids_.emplace(std::string(text), id);
  return id;
}

uint32_t TraceBuilder::TrackOf(std::string_view pid, std::string_view tid) {
  std::string key(pid);
  key.push_back('\0');
  key.append(tid);
  auto it = track_ids_.find(key);
  if (it != track_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(index_.tracks.size());
  Track track;
  track.pid = std::string(pid);
  track.tid = std::string(tid);
  index_.tracks.push_back(std::move(track));
  track_ids_.emplace(std::move(key), id);
  return id;
}

void TraceBuilder::SetProcessName(std::string_view pid, std::string_view name) {
  // Applied to every track of the process at Finish.
  uint32_t track = TrackOf(pid, "");
  index_.tracks[track].process_name = std::string(name);
}

void TraceBuilder::SetThreadName(std::string_view pid, std::string_view tid,
                                 std::string_view name) {
  index_.tracks[TrackOf(pid, tid)].thread_name = std::string(name);
}

void TraceBuilder::SetSortIndex(std::string_view pid, std::string_view tid,
                                int64_t sort_index) {
  index_.tracks[TrackOf(pid, tid)].sort_index = sort_index;
}

void TraceBuilder::AddNote(std::string note) {
  index_.notes.push_back(std::move(note));
}

void TraceBuilder::AddEvent(const RawEvent& raw) {
  char phase = raw.phase;
  if (phase == 's' || phase == 'f' || phase == 't') {
    ++index_.flow_events;
    return;
  }
  uint32_t track = TrackOf(raw.pid, raw.tid);
  if (phase == 'E') {
    auto it = open_.find(track);
    if (it == open_.end() || it->second.empty()) {
      ++unmatched_end_;
      return;
    }
    Event& begin = events_[it->second.back()];
    begin.dur = std::max<int64_t>(0, raw.ts_ns - begin.ts);
    it->second.pop_back();
    return;
  }
  if (phase != 'X' && phase != 'B' && phase != 'i' && phase != 'I' &&
      phase != 'R')
    return;  // counters, object events, async begin/end: not shown
  Event event;
  event.kind = KindOf(raw.category, raw.name, phase, raw.pid);
  event.ts = raw.ts_ns;
  if (phase == 'X') {
    if (raw.dur_ns < 0) ++missing_duration_;
    event.dur = std::max<int64_t>(0, raw.dur_ns);
  }
  event.name = Intern(raw.name);
  uint32_t category = Intern(raw.category);
  event.category = category > 0xffff ? 0 : static_cast<uint16_t>(category);
  event.track = track;
  event.correlation = raw.correlation;
  event.external_id = raw.external_id;
  if (!raw.shapes.empty()) event.shapes = Intern(raw.shapes);
  if (!raw.stack.empty()) event.stack = Intern(raw.stack);
  if (raw.has_device_args && IsDeviceKind(event.kind)) {
    event.detail = static_cast<uint32_t>(index_.device_args.size());
    index_.device_args.push_back(raw.device_args);
    index_.tracks[track].device = true;
  } else if (raw.has_memory_args && event.kind == EventKind::kMemory) {
    event.detail = static_cast<uint32_t>(index_.memory_args.size());
    index_.memory_args.push_back(raw.memory_args);
  }
  if (IsDeviceKind(event.kind)) index_.tracks[track].device = true;
  if (phase == 'B')
    open_[track].push_back(static_cast<uint32_t>(events_.size()));
  events_.push_back(event);
}

TraceIndex TraceBuilder::Finish() {
  if (missing_duration_ > 0)
    AddNote(absl::StrCat(missing_duration_,
                         " complete events had no duration; shown as 0"));
  if (unmatched_end_ > 0)
    AddNote(absl::StrCat(unmatched_end_, " end events had no begin"));
  int64_t open_count = 0;
  for (auto& [track, stack] : open_) open_count += stack.size();
  if (open_count > 0)
    AddNote(absl::StrCat(open_count, " begin events were never ended"));

  // Process names were recorded on the (pid, "") track; spread them.
  absl::flat_hash_map<std::string, std::string> process_names;
  for (const Track& t : index_.tracks)
    if (t.tid.empty() && !t.process_name.empty())
      process_names[t.pid] = t.process_name;
  std::vector<uint32_t> used(index_.tracks.size(), 0);
  for (const Event& e : events_) used[e.track] = 1;
  // Order tracks: host before device, then by pid, sort index, tid.
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < index_.tracks.size(); ++i)
    if (used[i]) order.push_back(i);
  const std::vector<Track>& tracks = index_.tracks;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Track& x = tracks[a];
    const Track& y = tracks[b];
    if (x.device != y.device) return !x.device;
    if (x.pid != y.pid) return NaturalLess(x.pid, y.pid);
    if (x.sort_index != y.sort_index) return x.sort_index < y.sort_index;
    return NaturalLess(x.tid, y.tid);
  });
  std::vector<uint32_t> new_id(index_.tracks.size(), kNone);
  std::vector<Track> sorted_tracks;
  for (uint32_t old : order) {
    new_id[old] = static_cast<uint32_t>(sorted_tracks.size());
    Track t = std::move(index_.tracks[old]);
    auto name = process_names.find(t.pid);
    if (name != process_names.end()) t.process_name = name->second;
    sorted_tracks.push_back(std::move(t));
  }
  index_.tracks = std::move(sorted_tracks);

  int64_t base = INT64_MAX;
  for (Event& e : events_) {
    e.track = new_id[e.track];
    base = std::min(base, e.ts);
  }
  if (events_.empty()) base = 0;
  index_.base_ns = base;
  for (Event& e : events_) e.ts -= base;
  std::stable_sort(events_.begin(), events_.end(),
                   [](const Event& a, const Event& b) {
                     if (a.track != b.track) return a.track < b.track;
                     if (a.ts != b.ts) return a.ts < b.ts;
                     return a.dur > b.dur;
                   });
  index_.events = std::move(events_);
  std::vector<Event>& events = index_.events;
  index_.running_end.resize(events.size());
  std::vector<uint32_t> stack;
  int64_t end_max = 0;
  for (uint32_t i = 0; i < events.size(); ++i) {
    Event& e = events[i];
    Track& track = index_.tracks[e.track];
    int64_t end = e.ts + e.dur;
    if (i == 0 || events[i - 1].track != e.track) {
      track.begin = i;
      stack.clear();
      index_.running_end[i] = end;
    } else {
      index_.running_end[i] = std::max(index_.running_end[i - 1], end);
    }
    track.end = i + 1;
    end_max = std::max(end_max, end);
    // The innermost open event that started at or before e and has not
    // ended when e starts is its parent.
    while (!stack.empty()) {
      const Event& top = events[stack.back()];
      if (e.ts < top.ts + top.dur || e.ts == top.ts) break;
      stack.pop_back();
    }
    e.parent = stack.empty() ? kNone : stack.back();
    e.depth = static_cast<uint8_t>(std::min<size_t>(stack.size(), 255));
    track.max_depth = std::max(track.max_depth, e.depth);
    if (e.dur > 0) stack.push_back(i);
    if (e.correlation >= 0) {
      if (IsDeviceKind(e.kind))
        index_.device_by_correlation.emplace(e.correlation, i);
      else if (e.kind == EventKind::kRuntime)
        index_.runtime_by_correlation.emplace(e.correlation, i);
    }
  }
  index_.end_ns = end_max;
  BuildCoarseLevel(&index_);
  return std::move(index_);
}

}  // namespace tbx::plugins::profile
