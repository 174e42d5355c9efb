// ReadableFile: positional reads from a file that may grow, behind an interface
// so that tests can use a scripted, growing fake. Not thread-safe; owned by one
// reader.
#ifndef TBX_SRC_DATA_READABLE_FILE_H_
#define TBX_SRC_DATA_READABLE_FILE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace tbx {

class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  // Reads up to n bytes at offset into buf; returns how many were read (0 at
  // end of file).
  virtual absl::StatusOr<size_t> ReadAt(uint64_t offset, char* buf,
                                        size_t n) = 0;
};

// Opens a file on disk for reading. The descriptor is closed when the object is
// destroyed.
absl::StatusOr<std::unique_ptr<ReadableFile>> OpenReadableFile(
    const std::string& path);

}  // namespace tbx

#endif  // TBX_SRC_DATA_READABLE_FILE_H_
