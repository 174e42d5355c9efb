// Image steps of a run and tag; see image_steps.h.
#include "plugins/images/image_steps.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/blob_key.h"
#include "plugins/common/blob_sequence.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"

namespace tbx::plugins {

absl::StatusOr<std::vector<ImageStep>> ReadImageSteps(
    const DataProvider& provider, const std::string& run,
    const std::string& tag, int64_t sample) {
  const absl::Status not_found = absl::NotFoundError(absl::StrCat(
      "No image data for run=", PyRepr(run), ", tag=", PyRepr(tag)));
  if (FindTag(TagsOf(provider, kImagesPluginName, DataClass::kBlobSequence),
              run, tag) == nullptr) {
    return not_found;
  }
  absl::StatusOr<std::vector<BlobSequenceDatum>> data =
      provider.ReadBlobSequence(run, tag);
  if (absl::IsNotFound(data.status())) return not_found;
  if (!data.ok()) return data.status();
  const int64_t index = sample + kFirstImageIndex;
  std::vector<ImageStep> steps;
  for (const BlobSequenceDatum& datum : OneDatumPerStep(std::move(*data))) {
    if (datum.num_blobs <= index) continue;
    steps.push_back(
        {datum.step, datum.wall_time,
         EncodeBlobKey({"", kImagesPluginName, run, tag, datum.step, index})});
  }
  return steps;
}

}  // namespace tbx::plugins
