// DecodeTensor: a TensorProto (tensor_content or the typed *_val fields) as a
// tbx::Tensor, with TensorFlow's rules: tensor_content holds the little-endian
// row-major bytes of a numeric tensor; otherwise the *_val field of the dtype
// is used, an empty one meaning all zeros and a short one padded with its last
// value ("edge" padding, as tensor_util.make_ndarray does).
//
// Pure functions; any thread.
#ifndef TBX_SRC_DATA_TENSOR_DECODE_H_
#define TBX_SRC_DATA_TENSOR_DECODE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "proto/tensor.pb.h"
#include "tbx/types.h"

namespace tbx {

// Largest element count a decoded tensor may have; a shape beyond it is
// rejected rather than allocated (a small record can claim a huge shape).
inline constexpr int64_t kMaxTensorElements = int64_t{1} << 28;

// InvalidArgument for unsupported dtypes (complex, quantized, bfloat16,
// resource, variant), negative or unknown dimensions, and tensor_content of the
// wrong size.
absl::StatusOr<Tensor> DecodeTensor(const tensorboard::TensorProto& proto);

// IEEE 754 binary16 bits to a double (exact).
double HalfToDouble(uint16_t bits);

}  // namespace tbx

#endif  // TBX_SRC_DATA_TENSOR_DECODE_H_
