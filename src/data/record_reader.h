// RecordReader: reads TFRecord framing (u64 length, u32 masked CRC-32C of the
// length, data, u32 masked CRC-32C of the data; little-endian) from a file that
// may still be growing.
//
// A record cut off at the end of the file is "not written yet": Next() returns
// kEndOfData and leaves offset() at that record, so a later call (after the
// file grew) resumes there. Corruption (bad length CRC, bad data CRC, an
// impossible length) is reported once through the corruption callback with the
// byte offset, and the reader resynchronises on the next offset that holds a
// valid header and data, so every intact record after the damage is still
// returned. The report is made when the next intact record is found or, if the
// damage runs to the end of the data written so far, when that end is reached
// (bytes_skipped then counts up to it); a damaged region is reported once
// however many calls it spans. No allocation is ever sized by a length that has
// not passed its CRC check.
//
// Not thread-safe: one thread owns a reader. The reader owns its ReadableFile.
#ifndef TBX_SRC_DATA_RECORD_READER_H_
#define TBX_SRC_DATA_RECORD_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "src/data/crc32c.h"
#include "src/data/readable_file.h"

namespace tbx {

struct CorruptionReport {
  // Where the damaged record started.
  uint64_t offset = 0;
  // Bytes passed over before the next intact record (or, when the damage runs
  // to the end of the data written so far, before that end).
  uint64_t bytes_skipped = 0;
  // "bad length CRC", "bad data CRC" or "impossible length" (over 1 GiB).
  std::string what;
};

class RecordReader {
 public:
  enum class Result { kRecord, kEndOfData, kIoError };

  RecordReader(std::unique_ptr<ReadableFile> file, uint64_t start_offset = 0);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // On kRecord, *data views the record's payload, valid until the next call,
  // and *record_offset is the offset of its header. kEndOfData: nothing
  // complete is left yet.
  Result Next(std::string_view* data, uint64_t* record_offset);

  // Where the next record starts: the resume point. While damage is being
  // skipped, the first position not yet ruled out as the next record.
  uint64_t offset() const { return offset_; }

  // True while damage is being skipped (no intact record found after it yet).
  bool resynchronising() const { return resyncing_; }

  // For a reader created at the offset() of an earlier reader that was
  // resynchronising: go on skipping that damage without reporting it again.
  // Call before the first Next().
  void ResumeInDamage() {
    resyncing_ = true;
    damage_reported_ = true;
    damage_offset_ = offset_;
  }

  // Why the last Next() returned kIoError (OK otherwise).
  const absl::Status& last_error() const { return last_error_; }

  void set_corruption_callback(
      std::function<void(const CorruptionReport&)> cb) {
    on_corruption_ = std::move(cb);
  }

 private:
  // Makes the file's bytes [pos, pos + want) available in the buffer as far as
  // the file holds them; returns how many bytes from pos are buffered (fewer
  // than `want` only at end of file). Moves the buffer: invalidates pointers
  // into it. REQUIRES: pos >= buffer_start_.
  absl::StatusOr<size_t> Fill(uint64_t pos, size_t want) {
    if (pos + want <= buffer_start_ + buffer_len_) return want;
    return Refill(pos, want);
  }
  // Fill(offset_, want) as Next() and Resynchronise() need it: nullopt when
  // the bytes are buffered, else the Result to stop with: kIoError (with
  // last_error_ set), or kEndOfData when the file does not hold them yet (the
  // buffer is then released when idle).
  std::optional<Result> Need(size_t want) {
    if (offset_ + want <= buffer_start_ + buffer_len_) return std::nullopt;
    return NeedMore(want);
  }
  // Need's slow path: refills the buffer.
  std::optional<Result> NeedMore(size_t want);
  // Called when Next() runs out of data: frees the buffer unless it holds a
  // large part of a record still being written, so that the many idle readers
  // of a big logdir hold no memory. The bytes dropped are read again later.
  void ReleaseBufferWhenIdle();
  // Fill's slow path: moves what is kept to the front and reads more.
  absl::StatusOr<size_t> Refill(uint64_t pos, size_t want);
  // Drops the buffer, leaving it to the next reader on this thread when it is
  // of the streaming size (see the thread's spare buffer in the .cc).
  void ReleaseBuffer();
  const char* At(uint64_t pos) const {
    return buffer_.get() + (pos - buffer_start_);
  }
  // Enters the resynchronising state for damage found at offset_.
  void BeginResync(const char* what);
  // Scans forward from offset_ for the next record whose length CRC and data
  // CRC both hold. kRecord: offset_ is at it and the damage has been reported.
  // kEndOfData: the buffered bytes hold none yet; offset_ is the first position
  // not yet ruled out.
  Result Resynchronise();
  // Reports the current damage through the callback, once.
  void ReportDamage();

  std::unique_ptr<ReadableFile> file_;
  const crc32c::ExtendFunction crc_;  // looked up once, used per record
  // The next record starts here; while resynchronising, the next candidate
  // position.
  uint64_t offset_;
  std::function<void(const CorruptionReport&)> on_corruption_;
  absl::Status last_error_;

  // buffer_[0, buffer_len_) holds the file's bytes [buffer_start_,
  // buffer_start_ + buffer_len_).
  std::unique_ptr<char[]> buffer_;
  size_t buffer_capacity_ = 0;
  size_t read_size_ = 0;  // the buffer size for the next refill
  size_t buffer_len_ = 0;
  uint64_t buffer_start_ = 0;  // file offset of buffer_[0]

  // Damage being skipped: set from the moment a record fails its checks until
  // the next intact record is found. Reported once (damage_reported_), when
  // that record is found or the data available so far is exhausted, whichever
  // comes first.
  bool resyncing_ = false;
  bool damage_reported_ = false;
  uint64_t damage_offset_ = 0;
  const char* damage_what_ = "";
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_RECORD_READER_H_
