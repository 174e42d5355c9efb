#include "tests/browser/media_encoders.h"

#include <zlib.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx::testing {
namespace {

void AppendBigEndian32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void AppendLittleEndian(std::string& out, uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// Appends one PNG chunk: length, type, data, CRC-32 of type and data.
void AppendChunk(std::string& out, const char* type, const std::string& data) {
  AppendBigEndian32(out, static_cast<uint32_t>(data.size()));
  const std::string body = absl::StrCat(type, data);
  out += body;
  AppendBigEndian32(out, static_cast<uint32_t>(crc32(
                             0, reinterpret_cast<const Bytef*>(body.data()),
                             static_cast<uInt>(body.size()))));
}

}  // namespace

absl::StatusOr<std::string> EncodePng(int width, int height,
                                      const std::vector<uint8_t>& rgb) {
  if (width <= 0 || height <= 0 ||
      rgb.size() != static_cast<size_t>(width) * height * 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("EncodePng: got ", rgb.size(), " bytes for ", width, "x",
                     height, " RGB pixels"));
  }
  // Each row: filter type 0 (none), then its pixels.
  std::string raw;
  raw.reserve(static_cast<size_t>(height) * (width * 3 + 1));
  for (int y = 0; y < height; ++y) {
    raw.push_back('\0');
    raw.append(reinterpret_cast<const char*>(rgb.data()) +
                   static_cast<size_t>(y) * width * 3,
               width * 3);
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(packed_size, '\0');
  if (compress(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
               reinterpret_cast<const Bytef*>(raw.data()),
               static_cast<uLong>(raw.size())) != Z_OK) {
    return absl::InternalError("EncodePng: zlib compress failed");
  }
  packed.resize(packed_size);

  std::string header;
  AppendBigEndian32(header, static_cast<uint32_t>(width));
  AppendBigEndian32(header, static_cast<uint32_t>(height));
  header += std::string("\x08\x02\x00\x00\x00",
                        5);  // 8 bits, RGB, deflate, no filter, no interlace

  std::string png("\x89PNG\r\n\x1a\n", 8);
  AppendChunk(png, "IHDR", header);
  AppendChunk(png, "IDAT", packed);
  AppendChunk(png, "IEND", "");
  return png;
}

std::string EncodeWav(const std::vector<int16_t>& samples, int sample_rate) {
  const uint32_t data_bytes = static_cast<uint32_t>(samples.size() * 2);
  std::string wav = "RIFF";
  AppendLittleEndian(wav, 36 + data_bytes, 4);
  wav += "WAVEfmt ";
  AppendLittleEndian(wav, 16, 4);  // fmt chunk size
  AppendLittleEndian(wav, 1, 2);   // PCM
  AppendLittleEndian(wav, 1, 2);   // mono
  AppendLittleEndian(wav, static_cast<uint32_t>(sample_rate), 4);
  AppendLittleEndian(wav, static_cast<uint32_t>(sample_rate) * 2,
                     4);           // byte rate
  AppendLittleEndian(wav, 2, 2);   // block align
  AppendLittleEndian(wav, 16, 2);  // bits per sample
  wav += "data";
  AppendLittleEndian(wav, data_bytes, 4);
  for (int16_t sample : samples)
    AppendLittleEndian(wav, static_cast<uint16_t>(sample), 2);
  return wav;
}

}  // namespace tbx::testing
