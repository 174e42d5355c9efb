// Image format signatures; see image_mime_type.h.
#include "plugins/images/image_mime_type.h"

namespace tbx::plugins {

std::string_view ImageMimeType(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.starts_with("\x89PNG\r\n\x1a\n"sv)) return "image/png";
  if (bytes.starts_with("\xff\xd8\xff"sv)) return "image/jpeg";
  if (bytes.starts_with("GIF87a"sv) || bytes.starts_with("GIF89a"sv))
    return "image/gif";
  if (bytes.starts_with("BM"sv)) return "image/bmp";
  return "application/octet-stream";
}

}  // namespace tbx::plugins
