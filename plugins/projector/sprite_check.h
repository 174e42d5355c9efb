// Checking that a sprite sheet can hold an embedding's images: for a PNG, the
// sheet's width and height (from its IHDR chunk) must fit at least `rows`
// images of single_image_dim [width, height] in a grid. Other formats are not
// measured. Pure function; any thread.
#ifndef TBX_PLUGINS_PROJECTOR_SPRITE_CHECK_H_
#define TBX_PLUGINS_PROJECTOR_SPRITE_CHECK_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tbx::plugins::projector {

// InvalidArgument describing the mismatch when a PNG sheet is too small.
absl::Status CheckSpriteSheet(std::string_view image,
                              const std::vector<uint32_t>& single_image_dim,
                              uint64_t rows);

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_SPRITE_CHECK_H_
