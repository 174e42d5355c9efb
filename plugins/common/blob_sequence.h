// Helpers for plugins that serve blob sequences (images, audio): TensorBoard's
// view of a sequence (one datum per step, the first one stored, in step order),
// the largest number of blobs at one step, and reading the blob a request's
// blob_key names. Stateless; any thread may call these.
#ifndef TBX_PLUGINS_COMMON_BLOB_SEQUENCE_H_
#define TBX_PLUGINS_COMMON_BLOB_SEQUENCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"

namespace tbx::plugins {

// The first datum stored for each step, sorted by step (TensorBoard's
// read_blob_sequences).
std::vector<BlobSequenceDatum> OneDatumPerStep(
    std::vector<BlobSequenceDatum> data);

// The largest num_blobs of `data`, 0 when empty.
int64_t MaxBlobs(const std::vector<BlobSequenceDatum>& data);

// The tags route of a blob-sequence plugin: {run: {tag: {displayName,
// description, samples}}}, where samples is the largest number of blobs at one
// step less `first_sample_index` (the blobs stored before the samples, e.g. an
// image's width and height).
std::string SamplesTagIndexJson(const DataProvider& provider,
                                std::string_view plugin_name,
                                int64_t first_sample_index);

// The bytes of the blob that `encoded` (a blob key) names. Internal
// (TensorBoard answers 500) when it is not a blob key; the provider's error
// (NotFound, OutOfRange) when there is no such blob.
absl::StatusOr<std::string> ReadBlobByKey(const DataProvider& provider,
                                          std::string_view encoded);

// The bytes named by the request's blob_key parameter. InvalidArgument when the
// parameter is missing; Internal (TensorBoard answers 500) when it is not a
// blob key; the provider's error (NotFound, OutOfRange) when there is no such
// blob.
absl::StatusOr<std::string> ReadBlobForRequest(const DataProvider& provider,
                                               const Request& request);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_BLOB_SEQUENCE_H_
