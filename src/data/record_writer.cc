// TFRecord framing (see record_writer.h).
#include "src/data/record_writer.h"

#include <cerrno>
#include <cstring>

#include "src/data/crc32c.h"

namespace tbx {
namespace {

void AppendLittleEndian(uint64_t value, int bytes, std::string* out) {
  for (int i = 0; i < bytes; ++i)
    out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

}  // namespace

void AppendRecord(std::string_view data, std::string* out) {
  out->reserve(out->size() + FramedRecordSize(data.size()));
  const size_t header_start = out->size();
  AppendLittleEndian(data.size(), 8, out);
  AppendLittleEndian(crc32c::Mask(crc32c::Value(out->data() + header_start, 8)),
                     4, out);
  out->append(data);
  AppendLittleEndian(crc32c::Mask(crc32c::Value(data)), 4, out);
}

std::string FrameRecord(std::string_view data) {
  std::string out;
  AppendRecord(data, &out);
  return out;
}

absl::Status WriteRecord(std::FILE* file, std::string_view data) {
  std::string header;
  AppendLittleEndian(data.size(), 8, &header);
  AppendLittleEndian(crc32c::Mask(crc32c::Value(header)), 4, &header);
  std::string footer;
  AppendLittleEndian(crc32c::Mask(crc32c::Value(data)), 4, &footer);
  errno = 0;
  if (std::fwrite(header.data(), 1, header.size(), file) != header.size() ||
      std::fwrite(data.data(), 1, data.size(), file) != data.size() ||
      std::fwrite(footer.data(), 1, footer.size(), file) != footer.size()) {
    // A short write without errno set still is a failure, never OK.
    return errno != 0 ? absl::ErrnoToStatus(errno, "writing a record")
                      : absl::DataLossError("short write of a record");
  }
  return absl::OkStatus();
}

}  // namespace tbx
