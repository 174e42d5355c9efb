// TraceBuilder: collects raw events from a trace reader (JSON or XSpace) and
// turns them into a TraceIndex: interns names, assigns tracks, sorts each
// track by time, computes nesting (depth, parent) and the correlation maps.
// One builder per trace, used by one thread.
#ifndef TBX_PLUGINS_PROFILE_TRACE_BUILDER_H_
#define TBX_PLUGINS_PROFILE_TRACE_BUILDER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "plugins/profile/trace_index.h"

namespace tbx::plugins::profile {

// std::string keys searchable by std::string_view (the system abseil's
// string_view is its own type).
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
struct ViewEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    return a == b;
  }
};
template <typename V>
using ViewMap = absl::flat_hash_map<std::string, V, ViewHash, ViewEq>;

// One event as a reader saw it. Views are valid only during AddEvent.
struct RawEvent {
  char phase = 'X';  // X, B, E, i, I, s, f, t, ...
  std::string_view category;
  std::string_view name;
  std::string_view pid;
  std::string_view tid;
  int64_t ts_ns = 0;    // absolute
  int64_t dur_ns = -1;  // -1: none given
  int64_t correlation = -1;
  int64_t external_id = -1;
  std::string_view shapes;  // "Input Dims" as compact JSON, or empty
  std::string_view stack;   // "Call stack", or empty
  bool has_device_args = false;
  DeviceArgs device_args;
  bool has_memory_args = false;
  MemoryArgs memory_args;
};

class TraceBuilder {
 public:
  TraceBuilder();
  TraceBuilder(const TraceBuilder&) = delete;
  TraceBuilder& operator=(const TraceBuilder&) = delete;

  void AddEvent(const RawEvent& raw);
  void SetProcessName(std::string_view pid, std::string_view name);
  void SetThreadName(std::string_view pid, std::string_view tid,
                     std::string_view name);
  void SetSortIndex(std::string_view pid, std::string_view tid, int64_t index);
  void AddNote(std::string note);
  void SetFormat(std::string format) { index_.format = std::move(format); }
  void SetDeviceProperties(std::string json) {
    index_.device_properties_json = std::move(json);
  }
  void SetDistributedInfo(std::string json) {
    index_.distributed_info_json = std::move(json);
  }
  void SetBytesRead(int64_t bytes) { index_.bytes_read = bytes; }
  void MarkIncomplete() { index_.complete = false; }
  int64_t events_added() const { return static_cast<int64_t>(events_.size()); }

  // Finishes the index; the builder is spent.
  TraceIndex Finish();

 private:
  uint32_t Intern(std::string_view text);
  uint32_t TrackOf(std::string_view pid, std::string_view tid);

  TraceIndex index_;
  std::vector<Event> events_;
  ViewMap<uint32_t> string_ids_;
  ViewMap<uint32_t> track_ids_;  // pid + '\0' + tid
  // Open "B" events per track, closed by "E".
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> open_;
  int64_t unmatched_end_ = 0;
  int64_t missing_duration_ = 0;
};

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_TRACE_BUILDER_H_
