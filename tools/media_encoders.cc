// Implementation of media_encoders.h.
#include "tools/media_encoders.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>

namespace tbx {
namespace {

void AppendBigEndian32(uint32_t value, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out->push_back(static_cast<char>(value >> shift));
}

void AppendLittleEndian(uint32_t value, int bytes, std::string* out) {
  for (int i = 0; i < bytes; ++i)
    out->push_back(static_cast<char>(value >> (8 * i)));
}

// One PNG chunk: length, type, data, CRC-32 of type and data.
void AppendChunk(const char* type, const std::string& data, std::string* out) {
  AppendBigEndian32(static_cast<uint32_t>(data.size()), out);
  const std::string typed = std::string(type, 4) + data;
  out->append(typed);
  AppendBigEndian32(
      static_cast<uint32_t>(
          crc32(0, reinterpret_cast<const Bytef*>(typed.data()), typed.size())),
      out);
}

}  // namespace

std::string EncodePng(int width, int height, const std::vector<uint8_t>& rgb) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string header;
  AppendBigEndian32(width, &header);
  AppendBigEndian32(height, &header);
  header += std::string("\x08\x02\x00\x00\x00",
                        5);  // 8-bit RGB, deflate, no filter, no interlace
  AppendChunk("IHDR", header, &png);

  std::string raw;  // each row: filter type 0, then its pixels
  for (int y = 0; y < height; ++y) {
    raw.push_back('\0');
    raw.append(reinterpret_cast<const char*>(rgb.data()) +
                   static_cast<size_t>(y) * width * 3,
               static_cast<size_t>(width) * 3);
  }
  uLongf size = compressBound(raw.size());
  std::string compressed(size, '\0');
  compress2(reinterpret_cast<Bytef*>(compressed.data()), &size,
            reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 9);
  compressed.resize(size);
  AppendChunk("IDAT", compressed, &png);
  AppendChunk("IEND", "", &png);
  return png;
}

std::string EncodeWav(int sample_rate, const std::vector<float>& samples) {
  const uint32_t data_bytes = static_cast<uint32_t>(samples.size() * 2);
  std::string wav = "RIFF";
  AppendLittleEndian(36 + data_bytes, 4, &wav);
  wav += "WAVEfmt ";
  AppendLittleEndian(16, 4, &wav);               // fmt chunk size
  AppendLittleEndian(1, 2, &wav);                // PCM
  AppendLittleEndian(1, 2, &wav);                // mono
  AppendLittleEndian(sample_rate, 4, &wav);      // sample rate
  AppendLittleEndian(sample_rate * 2, 4, &wav);  // byte rate
  AppendLittleEndian(2, 2, &wav);                // block align
  AppendLittleEndian(16, 2, &wav);               // bits per sample
  wav += "data";
  AppendLittleEndian(data_bytes, 4, &wav);
  for (float sample : samples) {
    const float clamped = std::clamp(sample, -1.0f, 1.0f);
    const auto value = static_cast<int16_t>(std::lround(clamped * 32767.0f));
    AppendLittleEndian(static_cast<uint16_t>(value), 2, &wav);
  }
  return wav;
}

}  // namespace tbx
