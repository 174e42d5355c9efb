// RecordReader: reads TFRecord framing (u64 length, u32 masked CRC-32C of the length, data,
// u32 masked CRC-32C of the data; little-endian) from a file that may still be growing.
//
// A record cut off at the end of the file is "not written yet": Next() returns kEndOfData and
// leaves offset() at that record, so a later call (after the file grew) resumes there.
// Corruption (bad length CRC, bad data CRC, an impossible length) is reported once through the
// corruption callback with the byte offset, and the reader resynchronises on the next offset that
// holds a valid header and data, so every intact record after the damage is still returned.
// No allocation is ever sized by a length that has not passed its CRC check.
//
// Not thread-safe: one thread owns a reader. The reader owns its ReadableFile.
#ifndef TBX_SRC_DATA_RECORD_READER_H_
#define TBX_SRC_DATA_RECORD_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "src/data/readable_file.h"

namespace tbx {

struct CorruptionReport {
  uint64_t offset = 0;         // where the damaged record started
  uint64_t bytes_skipped = 0;  // bytes passed over before the next intact record
  std::string what;            // e.g. "bad data CRC"
};

class RecordReader {
 public:
  enum class Result { kRecord, kEndOfData, kIoError };

  RecordReader(std::unique_ptr<ReadableFile> file, uint64_t start_offset = 0);
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // On kRecord, *data views the record's payload, valid until the next call, and
  // *record_offset is the offset of its header. kEndOfData: nothing complete is left yet.
  Result Next(std::string_view* data, uint64_t* record_offset);

  // Where the next record starts: the resume point.
  uint64_t offset() const { return offset_; }

  void set_corruption_callback(std::function<void(const CorruptionReport&)> cb) {
    on_corruption_ = std::move(cb);
  }

 private:
  std::unique_ptr<ReadableFile> file_;
  uint64_t offset_;
  std::function<void(const CorruptionReport&)> on_corruption_;
  std::string buffer_;
  uint64_t buffer_start_ = 0;  // file offset of buffer_[0]
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_RECORD_READER_H_
