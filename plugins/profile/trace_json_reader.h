// Reading PyTorch profiler traces written as JSON: the Kineto format (an
// object with "traceEvents", "deviceProperties", "distributedInfo", ...) and
// the legacy bare array of events that PyTorch builds without Kineto write.
// The text is parsed as a stream of SAX events (never a document of the whole
// file) straight into a TraceBuilder, from plain or gzip files alike. Damaged
// input is not an error: whatever was read before the damage is kept and the
// index carries a note saying where and why reading stopped. Thread-safe: no
// shared state.
#ifndef TBX_PLUGINS_PROFILE_TRACE_JSON_READER_H_
#define TBX_PLUGINS_PROFILE_TRACE_JSON_READER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "plugins/profile/trace_index.h"

namespace tbx::plugins::profile {

// Reads `path` (gzip-compressed or not; told apart by its bytes). NotFound
// when the file cannot be opened.
absl::StatusOr<TraceIndex> ReadJsonTraceFile(const std::string& path);

// Reads an uncompressed trace held in memory.
TraceIndex ReadJsonTrace(std::string_view text);

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_TRACE_JSON_READER_H_
