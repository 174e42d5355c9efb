// TFRecord framing for writers: u64 length, u32 masked CRC-32C of the length,
// the data, u32 masked CRC-32C of the data, all little-endian. The inverse of
// RecordReader.
//
// Free functions with no state; any thread may call them. WriteRecord does not
// own the stream.
#ifndef TBX_SRC_DATA_RECORD_WRITER_H_
#define TBX_SRC_DATA_RECORD_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tbx {

// Bytes a record of `data_size` bytes takes in a file.
constexpr uint64_t FramedRecordSize(uint64_t data_size) {
  return data_size + 16;
}

// Appends `data` framed as one record to *out.
void AppendRecord(std::string_view data, std::string* out);

// Returns `data` framed as one record.
std::string FrameRecord(std::string_view data);

// Writes `data` framed as one record to `file` (buffered by stdio: Flush it to
// publish).
absl::Status WriteRecord(std::FILE* file, std::string_view data);

}  // namespace tbx

#endif  // TBX_SRC_DATA_RECORD_WRITER_H_
