// Mesh component arrays; see mesh_arrays.h.
#include "plugins/mesh/mesh_arrays.h"

#include <bit>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace tbx::plugins {
namespace {

// Writes `bits` little-endian at `out`.
void StoreLittleEndian(uint32_t bits, char* out) {
  for (int i = 0; i < 4; ++i)
    out[i] = static_cast<char>((bits >> (8 * i)) & 0xff);
}

// C's conversion of a double to a 64-bit integer, defined for every input
// (non-finite and huge values become 0).
int64_t Truncate(double value) {
  if (!std::isfinite(value) || std::fabs(value) >= 9.2e18) return 0;
  return static_cast<int64_t>(value);
}

// A double as float32, with values beyond float's range becoming +-inf.
float ToFloat(double value) {
  if (std::isfinite(value) && std::fabs(value) > FLT_MAX)
    return value > 0 ? INFINITY : -INFINITY;
  return static_cast<float>(value);
}

}  // namespace

std::optional<MeshContent> MeshContentFromName(std::string_view name) {
  if (name == "VERTEX") return MeshContent::kVertex;
  if (name == "FACE") return MeshContent::kFace;
  if (name == "COLOR") return MeshContent::kColor;
  return std::nullopt;
}

absl::Status AppendMeshSample(const Tensor& tensor, int64_t sample,
                              MeshContent content, std::string* out) {
  if (tensor.dtype == DType::kString || tensor.shape.empty() ||
      static_cast<int64_t>(tensor.numbers.size()) != tensor.num_elements()) {
    return absl::InvalidArgumentError(
        "mesh tensor is not a numeric [samples, ...] tensor");
  }
  const int64_t samples = tensor.shape[0];
  if (sample < 0) sample += samples;
  if (sample < 0 || sample >= samples) {
    return absl::InvalidArgumentError(absl::StrCat(
        "sample ", sample, " is out of range for ", samples, " samples"));
  }
  const size_t per_sample =
      samples == 0 ? 0 : tensor.numbers.size() / static_cast<size_t>(samples);
  const double* begin = tensor.numbers.data() + sample * per_sample;
  if (content == MeshContent::kUndefined) {
    return absl::InvalidArgumentError("Bad content_type");
  }
  const size_t width = content == MeshContent::kColor ? 1 : 4;
  const size_t offset = out->size();
  out->resize(offset + per_sample * width);
  char* next = out->data() + offset;
  for (size_t i = 0; i < per_sample; ++i, next += width) {
    const double v = begin[i];
    if (content == MeshContent::kVertex) {
      StoreLittleEndian(std::bit_cast<uint32_t>(ToFloat(v)), next);
    } else if (content == MeshContent::kFace) {
      StoreLittleEndian(static_cast<uint32_t>(Truncate(v)), next);
    } else {
      *next = static_cast<char>(Truncate(v) & 0xff);
    }
  }
  return absl::OkStatus();
}

}  // namespace tbx::plugins
