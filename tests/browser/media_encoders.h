// Minimal encoders for the media the dashboards' browser tests write: an
// uncompressed-filter RGB PNG (zlib-deflated) and a 16-bit mono PCM WAV. Pure
// functions; any thread may call them.
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

// A RIFF WAV file of 16-bit mono samples at `sample_rate` Hz.
std::string EncodeWav(const std::vector<int16_t>& samples, int sample_rate);

}  // namespace tbx::testing

#endif  // TBX_TESTS_BROWSER_MEDIA_ENCODERS_H_
