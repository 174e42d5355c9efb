// The steps of one image tag in one run that hold a given sample, each with the
// blob key of that image: what the images plugin's /images route and the Time
// Series plugin's timeSeries route list. Stateless; any thread may call it.
#ifndef TBX_PLUGINS_IMAGES_IMAGE_STEPS_H_
#define TBX_PLUGINS_IMAGES_IMAGE_STEPS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tbx/data_provider.h"

namespace tbx::plugins {

// The summary plugin name of image data.
inline constexpr char kImagesPluginName[] = "images";
// The stored tensor starts with width and height; images follow.
inline constexpr int64_t kFirstImageIndex = 2;

struct ImageStep {
  int64_t step = 0;
  double wall_time = 0;
  std::string blob_key;  // TensorBoard's encoding (plugins/common/blob_key.h)
};

// One entry per step (the first datum stored for it, in step order) that holds
// image number `sample`. NotFound ("No image data for run='R', tag='T'") when
// run/tag is not image data.
absl::StatusOr<std::vector<ImageStep>> ReadImageSteps(
    const DataProvider& provider, const std::string& run,
    const std::string& tag, int64_t sample);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_IMAGES_IMAGE_STEPS_H_
