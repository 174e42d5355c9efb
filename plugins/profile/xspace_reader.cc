// XSpace to TraceIndex; see xspace_reader.h.
#include "plugins/profile/xspace_reader.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "plugins/profile/trace_builder.h"
#include "proto/xplane.pb.h"

namespace tbx::plugins::profile {
namespace {

using ::tensorflow::profiler::XEvent;
using ::tensorflow::profiler::XLine;
using ::tensorflow::profiler::XPlane;
using ::tensorflow::profiler::XSpace;
using ::tensorflow::profiler::XStat;

// The correlation id among an event's stats, or -1.
int64_t Correlation(const XPlane& plane, const XEvent& event) {
  for (const XStat& stat : event.stats()) {
    auto it = plane.stat_metadata().find(stat.metadata_id());
    if (it == plane.stat_metadata().end() ||
        it->second.name() != "correlation_id")
      continue;
    if (stat.has_int64_value()) return stat.int64_value();
    if (stat.has_uint64_value())
      return static_cast<int64_t>(stat.uint64_value());
  }
  return -1;
}

void AddPlane(const XPlane& plane, TraceBuilder* builder, int64_t* skipped) {
  bool device = absl::StartsWith(plane.name(), "/device:");
  std::string pid = plane.name().empty() ? absl::StrCat("plane ", plane.id())
                                         : plane.name();
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
      auto meta = plane.event_metadata().find(event.metadata_id());
      std::string name =
          meta == plane.event_metadata().end()
              ? absl::StrCat("event ", event.metadata_id())
          : !meta->second.display_name().empty() ? meta->second.display_name()
                                                  : meta->second.name();
      if (steps) name = absl::StrCat("ProfilerStep#", name);
      RawEvent raw;
      raw.phase = 'X';
      raw.category = steps ? "" : device ? "kernel" : "cpu_op";
      raw.name = name;
      raw.pid = pid;
      raw.tid = tid;
      raw.ts_ns = line.timestamp_ns() + event.offset_ps() / 1000;
      raw.dur_ns = event.duration_ps() / 1000;
      raw.correlation = device ? Correlation(plane, event) : -1;
      builder->AddEvent(raw);
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
  for (const XPlane& plane : space.planes()) AddPlane(plane, &builder, &skipped);
  if (skipped > 0)
    builder.AddNote(absl::StrCat(skipped,
                                 " aggregated events without a time skipped"));
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
