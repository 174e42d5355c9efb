// Nested-list JSON of tensors; see tensor_json.h.
#include "plugins/common/tensor_json.h"

#include <cstddef>
#include <cstdint>

namespace tbx::plugins {
namespace {

bool IsIntegral(DType dtype) {
  switch (dtype) {
    case DType::kInt32:
    case DType::kUInt8:
    case DType::kInt16:
    case DType::kInt8:
    case DType::kInt64:
    case DType::kUInt16:
    case DType::kUInt32:
    case DType::kUInt64:
      return true;
    default:
      return false;
  }
}

}  // namespace

void WriteTensorElement(const Tensor& tensor, size_t i, JsonWriter& writer) {
  if (tensor.dtype == DType::kString) {
    writer.String(tensor.strings[i]);
  } else if (tensor.dtype == DType::kBool) {
    writer.Bool(tensor.numbers[i] != 0);
  } else if (IsIntegral(tensor.dtype)) {
    writer.Int(static_cast<int64_t>(tensor.numbers[i]));
  } else {
    writer.Double(tensor.numbers[i]);
  }
}

namespace {

// Writes the sub-array of dimension `dim` starting at flat element `*next`.
void WriteDimension(const Tensor& tensor, size_t dim, size_t* next,
                    JsonWriter& writer) {
  if (dim == tensor.shape.size()) {
    WriteTensorElement(tensor, (*next)++, writer);
    return;
  }
  writer.BeginArray();
  for (int64_t i = 0; i < tensor.shape[dim]; ++i)
    WriteDimension(tensor, dim + 1, next, writer);
  writer.EndArray();
}

}  // namespace

void WriteTensor(const Tensor& tensor, JsonWriter& writer) {
  const size_t stored = tensor.dtype == DType::kString ? tensor.strings.size()
                                                       : tensor.numbers.size();
  for (int64_t d : tensor.shape) {
    if (d < 0) {
      writer.Null();
      return;
    }
  }
  if (static_cast<int64_t>(stored) != tensor.num_elements()) {
    writer.Null();
    return;
  }
  size_t next = 0;
  WriteDimension(tensor, 0, &next, writer);
}

}  // namespace tbx::plugins
