// RecordReader: buffered, resumable TFRecord reading with CRC checks and
// resynchronisation.
#include "src/data/record_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "src/data/crc32c.h"

namespace tbx {
namespace {

constexpr size_t kHeaderSize = 12;  // u64 length, u32 masked CRC of the length
constexpr size_t kFooterSize = 4;   // u32 masked CRC of the data
// Larger lengths are taken for corruption even when their CRC holds.
constexpr uint64_t kMaxRecordLength = uint64_t{1} << 30;
// Bytes asked of the file per read: a fresh reader starts small (one record
// read at an offset costs little) and doubles up to the streaming size.
constexpr size_t kFirstReadSize = size_t{64} << 10;
constexpr size_t kReadSize = size_t{1} << 20;
// At the end of the data, a pending partial record at least this long keeps
// the buffer; anything shorter is cheaper to read again than to keep.
constexpr size_t kKeepPendingBytes = size_t{64} << 10;

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;  // TFRecord is little-endian, as are the targets we build for
}

inline uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline bool LengthCrcHolds(const char* header) {
  return crc32c::Mask(crc32c::Value(header, 8)) == Load32(header + 8);
}

inline bool DataCrcHolds(const char* record, uint64_t length) {
  const char* data = record + kHeaderSize;
  return crc32c::Mask(crc32c::Value(data, length)) == Load32(data + length);
}

}  // namespace

RecordReader::RecordReader(std::unique_ptr<ReadableFile> file,
                           uint64_t start_offset)
    : file_(std::move(file)),
      offset_(start_offset),
      buffer_start_(start_offset) {}

absl::StatusOr<size_t> RecordReader::Refill(uint64_t pos, size_t want) {
  const uint64_t end = buffer_start_ + buffer_len_;
  // Keep the buffered bytes from pos on, at the front of the buffer.
  const size_t keep = pos < end ? static_cast<size_t>(end - pos) : 0;
  read_size_ =
      read_size_ == 0 ? kFirstReadSize : std::min(2 * read_size_, kReadSize);
  const size_t capacity = std::max(read_size_, want);
  const bool oversized =
      buffer_capacity_ > 2 * kReadSize && capacity <= kReadSize;
  if (buffer_capacity_ < capacity || oversized) {
    std::unique_ptr<char[]> fresh(new char[capacity]);
    if (keep > 0) std::memcpy(fresh.get(), At(pos), keep);
    buffer_ = std::move(fresh);
    buffer_capacity_ = capacity;
  } else if (keep > 0 && pos != buffer_start_) {
    std::memmove(buffer_.get(), At(pos), keep);
  }
  buffer_start_ = pos;
  buffer_len_ = keep;
  while (buffer_len_ < want) {
    absl::StatusOr<size_t> got =
        file_->ReadAt(buffer_start_ + buffer_len_, buffer_.get() + buffer_len_,
                      buffer_capacity_ - buffer_len_);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    buffer_len_ += *got;
  }
  return std::min(buffer_len_, want);
}

RecordReader::Result RecordReader::Next(std::string_view* data,
                                        uint64_t* record_offset) {
  last_error_ = absl::OkStatus();
  if (resyncing_) {
    Result found = Resynchronise();
    if (found != Result::kRecord) return found;
  }
  for (;;) {
    if (std::optional<Result> stop = Need(kHeaderSize)) return *stop;
    const char* header = At(offset_);
    const uint64_t length = Load64(header);
    const char* damage;
    if (!LengthCrcHolds(header)) {
      damage = "bad length CRC";
    } else if (length > kMaxRecordLength) {
      damage = "impossible length";
    } else {
      const size_t total =
          kHeaderSize + static_cast<size_t>(length) + kFooterSize;
      if (std::optional<Result> stop = Need(total)) return *stop;
      const char* record = At(offset_);
      if (DataCrcHolds(record, length)) {
        *data =
            std::string_view(record + kHeaderSize, static_cast<size_t>(length));
        *record_offset = offset_;
        offset_ += total;
        return Result::kRecord;
      }
      damage = "bad data CRC";
    }
    BeginResync(damage);
    Result found = Resynchronise();
    if (found != Result::kRecord) return found;
  }
}

std::optional<RecordReader::Result> RecordReader::NeedMore(size_t want) {
  absl::StatusOr<size_t> got = Fill(offset_, want);
  if (!got.ok()) {
    last_error_ = got.status();
    return Result::kIoError;
  }
  if (*got < want) {  // not written yet
    ReleaseBufferWhenIdle();
    return Result::kEndOfData;
  }
  return std::nullopt;
}

void RecordReader::ReleaseBufferWhenIdle() {
  const uint64_t end = buffer_start_ + buffer_len_;
  if (offset_ < end && end - offset_ >= kKeepPendingBytes) return;
  buffer_.reset();
  buffer_capacity_ = 0;
  buffer_len_ = 0;
  buffer_start_ = offset_;
}

void RecordReader::BeginResync(const char* what) {
  resyncing_ = true;
  damage_reported_ = false;
  damage_offset_ = offset_;
  damage_what_ = what;
  ++offset_;
}

RecordReader::Result RecordReader::Resynchronise() {
  // At the end of the data the damage so far is reported: a reload resumes
  // the scan without a second report.
  auto stop_with = [this](Result stop) {
    if (stop == Result::kEndOfData) ReportDamage();
    return stop;
  };
  for (;;) {
    if (std::optional<Result> stop = Need(kHeaderSize)) return stop_with(*stop);
    // Try every buffered position that holds a whole header.
    uint64_t end = buffer_start_ + buffer_len_;
    while (offset_ + kHeaderSize <= end) {
      const char* header = At(offset_);
      const uint64_t length = Load64(header);
      if (length <= kMaxRecordLength && LengthCrcHolds(header)) {
        const size_t total =
            kHeaderSize + static_cast<size_t>(length) + kFooterSize;
        // A candidate whose data is not all written yet cannot be ruled out:
        // wait for it.
        if (std::optional<Result> stop = Need(total)) return stop_with(*stop);
        if (DataCrcHolds(At(offset_), length)) {
          ReportDamage();
          resyncing_ = false;
          return Result::kRecord;
        }
        end = buffer_start_ + buffer_len_;
      }
      ++offset_;
    }
  }
}

void RecordReader::ReportDamage() {
  if (damage_reported_) return;
  damage_reported_ = true;
  if (on_corruption_) {
    on_corruption_(CorruptionReport{.offset = damage_offset_,
                                    .bytes_skipped = offset_ - damage_offset_,
                                    .what = damage_what_});
  }
}

}  // namespace tbx
