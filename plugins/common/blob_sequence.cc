// Blob sequence helpers; see blob_sequence.h.
#include "plugins/common/blob_sequence.h"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "absl/status/status.h"
#include "plugins/common/blob_key.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/tag_index.h"

namespace tbx::plugins {

std::vector<BlobSequenceDatum> OneDatumPerStep(
    std::vector<BlobSequenceDatum> data) {
  std::unordered_set<int64_t> seen;
  std::vector<BlobSequenceDatum> kept;
  kept.reserve(data.size());
  for (BlobSequenceDatum& datum : data) {
    if (seen.insert(datum.step).second) kept.push_back(std::move(datum));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.step < b.step;
  });
  return kept;
}

int64_t MaxBlobs(const std::vector<BlobSequenceDatum>& data) {
  int64_t most = 0;
  for (const BlobSequenceDatum& datum : data)
    most = std::max(most, datum.num_blobs);
  return most;
}

std::string SamplesTagIndexJson(const DataProvider& provider,
                                std::string_view plugin_name,
                                int64_t first_sample_index) {
  return TagIndexJson(
      TagsOf(provider, plugin_name, DataClass::kBlobSequence),
      [&](const std::string& run, const std::string& tag, JsonWriter& writer) {
        absl::StatusOr<std::vector<BlobSequenceDatum>> data =
            provider.ReadBlobSequence(run, tag);
        const int64_t most = data.ok() ? MaxBlobs(*data) : 0;
        writer.Key("samples");
        writer.Int(std::max<int64_t>(0, most - first_sample_index));
      });
}

absl::StatusOr<std::string> ReadBlobByKey(const DataProvider& provider,
                                          std::string_view encoded) {
  absl::StatusOr<BlobKey> key = DecodeBlobKey(encoded);
  // TensorBoard answers a key that does not decode with 500, and clients (and
  // the conformance goldens) see that status; keep it, with our JSON error body
  // naming the problem.
  if (!key.ok()) return absl::InternalError(key.status().message());
  return provider.ReadBlob(key->run, key->tag, key->step, key->index);
}

absl::StatusOr<std::string> ReadBlobForRequest(const DataProvider& provider,
                                               const Request& request) {
  const std::optional<std::string> encoded = request.Param("blob_key");
  if (!encoded.has_value())
    return absl::InvalidArgumentError("Parameter blob_key is required");
  return ReadBlobByKey(provider, *encoded);
}

}  // namespace tbx::plugins
