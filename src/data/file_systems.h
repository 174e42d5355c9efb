// FileSystemFor: the FileSystem that serves a path — the object store client
// for s3:// and gs:// URLs (one per scheme, configured from the environment on
// first use), the local file system for anything else.
//
// Thread-safe.
#ifndef TBX_SRC_DATA_FILE_SYSTEMS_H_
#define TBX_SRC_DATA_FILE_SYSTEMS_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "src/data/file_system.h"

namespace tbx {

// Fails only when an object-store path's configuration is bad (an unparsable
// endpoint, a named credentials file that cannot be read).
absl::StatusOr<FileSystem*> FileSystemFor(std::string_view path);

}  // namespace tbx

#endif  // TBX_SRC_DATA_FILE_SYSTEMS_H_
