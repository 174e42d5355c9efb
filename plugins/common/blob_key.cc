// Blob key encoding and decoding; see blob_key.h.
#include "plugins/common/blob_key.h"

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/common/json_writer.h"

namespace tbx::plugins {
namespace {

// At most this many characters of a bad key are quoted back in an error.
constexpr size_t kQuotedKeyLength = 80;

absl::Status BadKey(std::string_view encoded, std::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(
      "Invalid blob_key '", std::string(encoded.substr(0, kQuotedKeyLength)),
      "': ", std::string(why)));
}

}  // namespace

std::string EncodeBlobKey(const BlobKey& key) {
  std::string json;
  JsonWriter writer(&json, /*compact=*/true);
  writer.BeginArray();
  writer.String(key.experiment_id);
  writer.String(key.plugin_name);
  writer.String(key.run);
  writer.String(key.tag);
  writer.Int(key.step);
  writer.Int(key.index);
  writer.EndArray();
  std::string encoded;
  absl::WebSafeBase64Escape(json, &encoded);
  return encoded;
}

absl::StatusOr<BlobKey> DecodeBlobKey(std::string_view encoded) {
  // Tolerate the padding TensorBoard leaves out but other clients may add.
  std::string_view unpadded = encoded;
  while (!unpadded.empty() && unpadded.back() == '=') unpadded.remove_suffix(1);
  std::string json;
  if (unpadded.empty() ||
      !absl::WebSafeBase64Unescape(
          absl::string_view(unpadded.data(), unpadded.size()), &json)) {
    return BadKey(encoded, "not URL-safe base64");
  }
  const nlohmann::json parsed =
      nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return BadKey(encoded, "does not decode to JSON");
  if (!parsed.is_array() || parsed.size() != 6) {
    return BadKey(encoded,
                  "want a JSON array of 6 items [experiment, plugin, run, tag, "
                  "step, index]");
  }
  for (int i = 0; i < 4; ++i) {
    if (!parsed[i].is_string()) {
      return BadKey(encoded, absl::StrCat("item ", i, " should be a string"));
    }
  }
  for (int i = 4; i < 6; ++i) {
    if (!parsed[i].is_number_integer()) {
      return BadKey(encoded, absl::StrCat("item ", i, " should be an integer"));
    }
  }
  BlobKey key;
  key.experiment_id = parsed[0].get<std::string>();
  key.plugin_name = parsed[1].get<std::string>();
  key.run = parsed[2].get<std::string>();
  key.tag = parsed[3].get<std::string>();
  key.step = parsed[4].get<int64_t>();
  key.index = parsed[5].get<int64_t>();
  return key;
}

}  // namespace tbx::plugins
