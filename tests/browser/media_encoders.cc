#include "tests/browser/media_encoders.h"

#include <zlib.h>

#include <algorithm>
#include <utility>

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

// Packs variable-width codes least significant bit first, as GIF's LZW does.
class GifCodePacker {
 public:
  void Add(uint32_t code, int bits) {
    pending_ |= code << pending_bits_;
    pending_bits_ += bits;
    while (pending_bits_ >= 8) {
      bytes_.push_back(static_cast<char>(pending_ & 0xff));
      pending_ >>= 8;
      pending_bits_ -= 8;
    }
  }
  std::string Finish() {
    if (pending_bits_ > 0) bytes_.push_back(static_cast<char>(pending_ & 0xff));
    pending_ = 0;
    pending_bits_ = 0;
    return std::move(bytes_);
  }

 private:
  std::string bytes_;
  uint32_t pending_ = 0;
  int pending_bits_ = 0;
};

// The image data of one frame: the minimum code size, the LZW codes in
// sub-blocks of at most 255 bytes, and the empty block that ends them.
std::string GifImageData(const std::vector<uint8_t>& indices) {
  // Minimum code size 2 (4 colours): codes are 3 bits wide, 4 clears the
  // table, 5 ends the data. A clear before every second pixel keeps the
  // decoder's table below 8 entries, so the width never grows.
  constexpr uint32_t kClear = 4, kEnd = 5;
  constexpr int kBits = 3;
  GifCodePacker packer;
  for (size_t i = 0; i < indices.size(); ++i) {
    if (i % 2 == 0) packer.Add(kClear, kBits);
    packer.Add(indices[i], kBits);
  }
  packer.Add(kEnd, kBits);
  const std::string codes = packer.Finish();
  std::string data(1, '\x02');
  for (size_t at = 0; at < codes.size(); at += 255) {
    const size_t size = std::min<size_t>(255, codes.size() - at);
    data.push_back(static_cast<char>(size));
    data.append(codes, at, size);
  }
  data.push_back('\0');
  return data;
}

}  // namespace

absl::StatusOr<std::string> EncodeGif(
    int width, int height, const std::vector<GifColor>& palette,
    const std::vector<std::vector<uint8_t>>& frames, int delay_centiseconds) {
  if (width <= 0 || height <= 0 || width > 0xffff || height > 0xffff ||
      palette.empty() || palette.size() > 4 || frames.empty() ||
      delay_centiseconds < 0 || delay_centiseconds > 0xffff) {
    return absl::InvalidArgumentError(absl::StrCat(
        "EncodeGif: bad arguments: ", width, "x", height, ", ", palette.size(),
        " colours, ", frames.size(), " frames, delay ", delay_centiseconds));
  }
  const size_t pixels = static_cast<size_t>(width) * height;
  for (size_t f = 0; f < frames.size(); ++f) {
    if (frames[f].size() != pixels) {
      return absl::InvalidArgumentError(
          absl::StrCat("EncodeGif: frame ", f, " has ", frames[f].size(),
                       " indices for ", width, "x", height, " pixels"));
    }
    for (uint8_t index : frames[f]) {
      if (index >= palette.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("EncodeGif: frame ", f, " uses colour ", index,
                         " of a ", palette.size(), "-colour palette"));
      }
    }
  }

  std::string gif = "GIF89a";
  AppendLittleEndian(gif, static_cast<uint32_t>(width), 2);
  AppendLittleEndian(gif, static_cast<uint32_t>(height), 2);
  // Global colour table of 4 entries, 2 bits of colour resolution.
  gif += std::string("\x91\x00\x00", 3);
  for (size_t i = 0; i < 4; ++i) {
    const GifColor c = i < palette.size() ? palette[i] : GifColor{};
    gif.push_back(static_cast<char>(c.r));
    gif.push_back(static_cast<char>(c.g));
    gif.push_back(static_cast<char>(c.b));
  }
  // NETSCAPE2.0 application extension: loop forever (count 0).
  gif += std::string("\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00", 19);
  for (const std::vector<uint8_t>& frame : frames) {
    // Graphic control extension: dispose to background, the delay, no
    // transparency.
    gif += std::string("\x21\xf9\x04\x08", 4);
    AppendLittleEndian(gif, static_cast<uint32_t>(delay_centiseconds), 2);
    gif += std::string("\x00\x00", 2);
    // Image descriptor: the whole screen, no local colour table.
    gif.push_back('\x2c');
    AppendLittleEndian(gif, 0, 4);
    AppendLittleEndian(gif, static_cast<uint32_t>(width), 2);
    AppendLittleEndian(gif, static_cast<uint32_t>(height), 2);
    gif.push_back('\0');
    gif += GifImageData(frame);
  }
  gif.push_back('\x3b');
  return gif;
}

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
