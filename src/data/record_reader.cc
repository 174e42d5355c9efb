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
// read at an offset costs little) and doubles up to the streaming size, which
// is small enough for the buffer to stay in a core's L2 cache between the copy
// out of the page cache and the parsing of the records.
constexpr size_t kFirstReadSize = size_t{64} << 10;
constexpr size_t kReadSize = size_t{256} << 10;
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

inline bool LengthCrcHolds(crc32c::ExtendFunction crc, const char* header) {
  return crc32c::Mask(crc(0, header, 8)) == Load32(header + 8);
}

inline bool DataCrcHolds(crc32c::ExtendFunction crc, const char* record,
                         uint64_t length) {
  const char* data = record + kHeaderSize;
  return crc32c::Mask(crc(0, data, length)) == Load32(data + length);
}

// A buffer of the streaming size left by the last reader of this thread that
// was done with one. Loader threads read thousands of files one after the
// other; handing the buffer on saves allocating, page-faulting and zeroing a
// fresh one for every file (a large share of the load's system time).
struct SpareBuffer {
  std::unique_ptr<char[]> data;
  size_t capacity = 0;
};
thread_local SpareBuffer spare_buffer;

}  // namespace

RecordReader::RecordReader(std::unique_ptr<ReadableFile> file,
                           uint64_t start_offset)
    : file_(std::move(file)),
      crc_(crc32c::Implementation()),
      offset_(start_offset),
      buffer_start_(start_offset) {}

RecordReader::~RecordReader() { ReleaseBuffer(); }

void RecordReader::ReleaseBuffer() {
  if (buffer_capacity_ == kReadSize && spare_buffer.data == nullptr) {
    spare_buffer.data = std::move(buffer_);
    spare_buffer.capacity = buffer_capacity_;
  }
  buffer_.reset();
  buffer_capacity_ = 0;
}

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
    std::unique_ptr<char[]> fresh;
    size_t fresh_capacity = capacity;
    if (spare_buffer.data != nullptr && spare_buffer.capacity >= capacity) {
      fresh = std::move(spare_buffer.data);
      fresh_capacity = spare_buffer.capacity;
    } else {
      fresh.reset(new char[capacity]);
    }
    if (keep > 0) std::memcpy(fresh.get(), At(pos), keep);
    ReleaseBuffer();
    buffer_ = std::move(fresh);
    buffer_capacity_ = fresh_capacity;
  } else if (keep > 0 && pos != buffer_start_) {
    std::memmove(buffer_.get(), At(pos), keep);
  }
  buffer_start_ = pos;
  buffer_len_ = keep;
  // No more than read_size_ (or `want`) even into a larger spare buffer: a
  // fresh reader's first read stays small.
  const size_t fill_to = std::min(buffer_capacity_, capacity);
  while (buffer_len_ < want) {
    absl::StatusOr<size_t> got =
        file_->ReadAt(buffer_start_ + buffer_len_, buffer_.get() + buffer_len_,
                      fill_to - buffer_len_);
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
    if (!LengthCrcHolds(crc_, header)) {
      damage = "bad length CRC";
    } else if (length > kMaxRecordLength) {
      damage = "impossible length";
    } else {
      const size_t total =
          kHeaderSize + static_cast<size_t>(length) + kFooterSize;
      if (std::optional<Result> stop = Need(total)) return *stop;
      const char* record = At(offset_);
      if (DataCrcHolds(crc_, record, length)) {
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
  ReleaseBuffer();
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
      if (length <= kMaxRecordLength && LengthCrcHolds(crc_, header)) {
        const size_t total =
            kHeaderSize + static_cast<size_t>(length) + kFooterSize;
        // A candidate whose data is not all written yet cannot be ruled out:
        // wait for it.
        if (std::optional<Result> stop = Need(total)) return stop_with(*stop);
        if (DataCrcHolds(crc_, At(offset_), length)) {
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
