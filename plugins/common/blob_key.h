// Blob keys: the opaque `blob_key` URL parameter that names one blob (an image,
// an audio clip) in TensorBoard's own format, so links made by TensorBoard keep
// working: URL-safe base64 without padding of the compact, ASCII-only JSON
// array
//   [experiment_id, plugin_name, run, tag, step, index]
// e.g. ["","images","run_a","images/chw_float",0,2] ->
// WyIiLCJpbWFnZXMiLCJydW5fYSIsImltYWdlcy9jaHdfZmxvYXQiLDAsMl0 Pure functions;
// any thread may call them.
#ifndef TBX_PLUGINS_COMMON_BLOB_KEY_H_
#define TBX_PLUGINS_COMMON_BLOB_KEY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tbx::plugins {

struct BlobKey {
  std::string experiment_id;
  std::string plugin_name;
  std::string run;
  std::string tag;
  int64_t step = 0;
  int64_t index = 0;  // position in the stored datum (images: sample + 2)

  bool operator==(const BlobKey&) const = default;
};

std::string EncodeBlobKey(const BlobKey& key);

// InvalidArgument, saying what is wrong, when `encoded` is not base64, not
// JSON, or not an array of four strings and two integers.
absl::StatusOr<BlobKey> DecodeBlobKey(std::string_view encoded);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_BLOB_KEY_H_
