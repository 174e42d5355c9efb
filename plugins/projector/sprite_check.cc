// Sprite sheet size checks; see sprite_check.h.
#include "plugins/projector/sprite_check.h"

#include "absl/strings/str_cat.h"

namespace tbx::plugins::projector {
namespace {

uint32_t BigEndian32(std::string_view bytes, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i)
    v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

}  // namespace

absl::Status CheckSpriteSheet(std::string_view image,
                              const std::vector<uint32_t>& single_image_dim,
                              uint64_t rows) {
  constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  if (image.size() < 24 || image.substr(0, 8) != kPng ||
      image.substr(12, 4) != "IHDR") {
    return absl::OkStatus();
  }
  if (single_image_dim.size() != 2 || single_image_dim[0] == 0 ||
      single_image_dim[1] == 0) {
    return absl::InvalidArgumentError(
        "the sprite's single_image_dim must be [width, height], both > 0");
  }
  const uint64_t width = BigEndian32(image, 16);
  const uint64_t height = BigEndian32(image, 20);
  const uint64_t fits =
      (width / single_image_dim[0]) * (height / single_image_dim[1]);
  if (fits < rows) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the sprite sheet is ", width, "x", height, " pixels, room for ", fits,
        " images of ", single_image_dim[0], "x", single_image_dim[1],
        ", but the tensor has ", rows, " rows"));
  }
  return absl::OkStatus();
}

}  // namespace tbx::plugins::projector
