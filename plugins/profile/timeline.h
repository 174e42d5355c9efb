// The trace timeline for a time range at a resolution: per track, the events
// overlapping [start, end); events shorter than one pixel ((end - start) /
// width) are merged with their neighbours at the same depth into one block,
// so an answer holds at most about width blocks per depth per track however
// large the trace. Also launch -> device flows among the events shown, and
// one event's details. Pure functions of a finished TraceIndex.
#ifndef TBX_PLUGINS_PROFILE_TIMELINE_H_
#define TBX_PLUGINS_PROFILE_TIMELINE_H_

#include <cstdint>
#include <string>

#include "plugins/profile/trace_index.h"

namespace tbx::plugins::profile {

struct TimelineQuery {
  int64_t start = 0;     // ns since the trace's start
  int64_t end = 0;       // > start
  int64_t width = 1000;  // pixels, >= 1
};

// Fills index->coarse (each track merged below 1/8192 of the trace's
// length). Called once when an index is built.
void BuildCoarseLevel(TraceIndex* index);

std::string TimelineJson(const TraceIndex& index, const TimelineQuery& query);
// Every field of event `event` (an index from a timeline answer), its parent
// chain and its flow partner. Requires event < index.events.size().
std::string EventJson(const TraceIndex& index, uint32_t event);

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_TIMELINE_H_
