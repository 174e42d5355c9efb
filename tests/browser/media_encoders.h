// Minimal encoders for the media the dashboards' browser tests write: an
// uncompressed-filter RGB PNG (zlib-deflated), a looping animated GIF89a with a
// 4-colour palette and a 16-bit mono PCM WAV. Pure functions; any thread may
// call them.
#ifndef TBX_TESTS_BROWSER_MEDIA_ENCODERS_H_
#define TBX_TESTS_BROWSER_MEDIA_ENCODERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx::testing {

// A PNG (colour type 2, 8 bits) of `width` × `height` pixels; `rgb` holds width
// * height * 3 bytes, row by row. Fails on a size mismatch or a zlib error.
absl::StatusOr<std::string> EncodePng(int width, int height,
                                      const std::vector<uint8_t>& rgb);

// One RGB colour of a GIF palette.
struct GifColor {
  uint8_t r = 0, g = 0, b = 0;
};

// An animated GIF89a of `width` × `height` pixels that loops forever
// (NETSCAPE2.0 extension), showing each frame for `delay_centiseconds`.
// `palette` holds 1 to 4 colours; each frame holds width * height palette
// indices, row by row. The LZW stream resets its table every two codes, so it
// stays uncompressed-sized. Fails on bad sizes, no frames, or an index outside
// the palette.
absl::StatusOr<std::string> EncodeGif(
    int width, int height, const std::vector<GifColor>& palette,
    const std::vector<std::vector<uint8_t>>& frames, int delay_centiseconds);

// A RIFF WAV file of 16-bit mono samples at `sample_rate` Hz.
std::string EncodeWav(const std::vector<int16_t>& samples, int sample_rate);

}  // namespace tbx::testing

#endif  // TBX_TESTS_BROWSER_MEDIA_ENCODERS_H_
