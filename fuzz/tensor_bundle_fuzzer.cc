// libFuzzer target for the projector's checkpoint reader: the input is a
// 4-byte little-endian index length, the `.index` table bytes, then the bytes
// of data shard 0. Opens the bundle (sorted table, header, entries, object
// graph) and reads every tensor it lists. Nothing may crash, whatever the
// bytes.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "plugins/projector/tensor_bundle.h"

namespace {

class OneShard : public tbx::plugins::projector::ShardSource {
 public:
  explicit OneShard(std::string bytes) : bytes_(std::move(bytes)) {}
  absl::Status Read(int shard, uint64_t offset, size_t n,
                    char* out) const override {
    if (shard != 0) return absl::NotFoundError("no such shard");
    if (offset > bytes_.size() || n > bytes_.size() - offset)
      return absl::DataLossError("truncated");
    std::memcpy(out, bytes_.data() + offset, n);
    return absl::OkStatus();
  }

 private:
  std::string bytes_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  uint32_t index_size;
  std::memcpy(&index_size, data, 4);
  const std::string_view rest(reinterpret_cast<const char*>(data) + 4,
                              size - 4);
  const std::string_view index = rest.substr(0, index_size);
  const std::string_view shard =
      index_size < rest.size() ? rest.substr(index_size) : std::string_view();
  auto bundle = tbx::plugins::projector::TensorBundle::FromIndex(
      index, std::make_shared<OneShard>(std::string(shard)));
  if (!bundle.ok()) return 0;
  for (const auto& tensor : bundle->tensors()) {
    if (tensor.size > (1u << 20)) continue;  // bound the work per input
    std::string out;
    bundle->AppendFloat32(tensor, 64, &out).IgnoreError();
    bundle->ReadScalarString(tensor).IgnoreError();
  }
  return 0;
}
