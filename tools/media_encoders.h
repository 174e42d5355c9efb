// Tiny encoders for demo and benchmark data: 8-bit RGB PNG (zlib-compressed, no
// filtering) and 16-bit mono PCM WAV. Pure functions; any thread.
#ifndef TBX_TOOLS_MEDIA_ENCODERS_H_
#define TBX_TOOLS_MEDIA_ENCODERS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace tbx {

// `rgb` holds width*height*3 bytes, row-major. Returns the PNG file bytes.
std::string EncodePng(int width, int height, const std::vector<uint8_t>& rgb);

// `samples` in [-1, 1]; returns the WAV file bytes.
std::string EncodeWav(int sample_rate, const std::vector<float>& samples);

}  // namespace tbx

#endif  // TBX_TOOLS_MEDIA_ENCODERS_H_
