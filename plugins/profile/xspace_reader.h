// Reading a TensorFlow / JAX XSpace (`<host>.xplane.pb`) into the same
// TraceIndex columns as PyTorch traces: each plane becomes a process (host
// planes "/host:..." hold CPU activity, device planes "/device:..." kernels),
// each line a thread or stream; events on a line named "Steps" become
// profiler steps. The "correlation_id" stat links launches to kernels.
// The message is decoded whole (XSpace files are written per host and per
// session). Thread-safe: no shared state.
#ifndef TBX_PLUGINS_PROFILE_XSPACE_READER_H_
#define TBX_PLUGINS_PROFILE_XSPACE_READER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "plugins/profile/trace_index.h"

namespace tbx::plugins::profile {

// NotFound when the file cannot be read; a message that does not decode
// gives an empty index with a note.
absl::StatusOr<TraceIndex> ReadXSpaceFile(const std::string& path);
TraceIndex ReadXSpace(std::string_view bytes);

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_XSPACE_READER_H_
