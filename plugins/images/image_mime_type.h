// The Content-Type of encoded image bytes, guessed from their signature as
// TensorBoard does (it asks PIL for the format and knows png, jpeg, gif and
// bmp); anything else is application/octet-stream. Pure function; any thread
// may call it.
#ifndef TBX_PLUGINS_IMAGES_IMAGE_MIME_TYPE_H_
#define TBX_PLUGINS_IMAGES_IMAGE_MIME_TYPE_H_

#include <string_view>

namespace tbx::plugins {

std::string_view ImageMimeType(std::string_view bytes);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_IMAGES_IMAGE_MIME_TYPE_H_
