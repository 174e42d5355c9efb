#include "src/data/tensor_decode.h"

#include <cmath>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"

namespace tbx {
namespace {

using tensorboard::TensorProto;

// Element size of a numeric dtype in tensor_content, 0 if not numeric.
size_t ElementSize(DType dtype) {
  switch (dtype) {
    case DType::kFloat:
    case DType::kInt32:
    case DType::kUInt32:
      return 4;
    case DType::kDouble:
    case DType::kInt64:
    case DType::kUInt64:
      return 8;
    case DType::kInt16:
    case DType::kUInt16:
    case DType::kHalf:
      return 2;
    case DType::kUInt8:
    case DType::kInt8:
    case DType::kBool:
      return 1;
    default:
      return 0;
  }
}

template <typename T>
T LoadLittleEndian(const char* p) {
  T value;
  std::memcpy(&value, p,
              sizeof(T));  // the supported platforms are little-endian
  return value;
}

double ContentElement(DType dtype, const char* p) {
  switch (dtype) {
    case DType::kFloat:
      return LoadLittleEndian<float>(p);
    case DType::kDouble:
      return LoadLittleEndian<double>(p);
    case DType::kInt32:
      return LoadLittleEndian<int32_t>(p);
    case DType::kUInt32:
      return LoadLittleEndian<uint32_t>(p);
    case DType::kInt64:
      return static_cast<double>(LoadLittleEndian<int64_t>(p));
    case DType::kUInt64:
      return static_cast<double>(LoadLittleEndian<uint64_t>(p));
    case DType::kInt16:
      return LoadLittleEndian<int16_t>(p);
    case DType::kUInt16:
      return LoadLittleEndian<uint16_t>(p);
    case DType::kHalf:
      return HalfToDouble(LoadLittleEndian<uint16_t>(p));
    case DType::kUInt8:
      return static_cast<uint8_t>(*p);
    case DType::kInt8:
      return static_cast<int8_t>(*p);
    case DType::kBool:
      return *p != 0 ? 1.0 : 0.0;
    default:
      return 0;
  }
}

// Fills `out` with n values from a repeated field, converted by `convert`,
// edge-padded.
template <typename Field, typename Convert>
void FromValues(const Field& field, int64_t n, Convert convert,
                std::vector<double>* out) {
  out->resize(n);
  if (field.empty()) return;  // zeros
  int64_t have = field.size();
  for (int64_t i = 0; i < n; ++i)
    (*out)[i] = convert(field.Get(i < have ? i : have - 1));
}

bool IsSupported(int dtype) {
  switch (static_cast<DType>(dtype)) {
    case DType::kFloat:
    case DType::kDouble:
    case DType::kInt32:
    case DType::kUInt8:
    case DType::kInt16:
    case DType::kInt8:
    case DType::kString:
    case DType::kInt64:
    case DType::kBool:
    case DType::kUInt16:
    case DType::kHalf:
    case DType::kUInt32:
    case DType::kUInt64:
      return true;
    default:
      return false;
  }
}

}  // namespace

double HalfToDouble(uint16_t bits) {
  int sign = (bits >> 15) & 1;
  int exponent = (bits >> 10) & 0x1f;
  int mantissa = bits & 0x3ff;
  double magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(static_cast<double>(mantissa), -24);  // subnormal
  } else if (exponent == 0x1f) {
    magnitude = mantissa == 0 ? INFINITY : NAN;
  } else {
    magnitude = std::ldexp(static_cast<double>(mantissa + 1024), exponent - 25);
  }
  return sign ? -magnitude : magnitude;
}

absl::StatusOr<Tensor> DecodeTensor(const TensorProto& proto) {
  if (!IsSupported(proto.dtype())) {
    return absl::InvalidArgumentError(
        absl::StrCat("unsupported tensor dtype ", proto.dtype()));
  }
  Tensor tensor;
  tensor.dtype = static_cast<DType>(proto.dtype());
  if (proto.tensor_shape().unknown_rank()) {
    return absl::InvalidArgumentError("tensor shape has unknown rank");
  }
  int64_t n = 1;
  for (const auto& dim : proto.tensor_shape().dim()) {
    if (dim.size() < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("tensor dimension ", dim.size(), " < 0"));
    }
    tensor.shape.push_back(dim.size());
    if (dim.size() > 0 && n > kMaxTensorElements / dim.size()) {
      return absl::InvalidArgumentError("tensor has too many elements");
    }
    n *= dim.size();
  }
  if (n > kMaxTensorElements)
    return absl::InvalidArgumentError("tensor has too many elements");

  if (tensor.dtype == DType::kString) {
    const auto& values = proto.string_val();
    tensor.strings.reserve(n);
    int64_t have = values.size();
    for (int64_t i = 0; i < n; ++i) {
      tensor.strings.push_back(have == 0 ? std::string()
                                         : values.Get(i < have ? i : have - 1));
    }
    return tensor;
  }

  if (!proto.tensor_content().empty()) {
    size_t size = ElementSize(tensor.dtype);
    const std::string& content = proto.tensor_content();
    if (content.size() != static_cast<size_t>(n) * size) {
      return absl::InvalidArgumentError(absl::StrCat(
          "tensor_content holds ", content.size(), " bytes, want ", n * size));
    }
    tensor.numbers.resize(n);
    for (int64_t i = 0; i < n; ++i) {
      tensor.numbers[i] =
          ContentElement(tensor.dtype, content.data() + i * size);
    }
    return tensor;
  }

  auto identity = [](auto v) { return static_cast<double>(v); };
  switch (tensor.dtype) {
    case DType::kFloat:
      FromValues(proto.float_val(), n, identity, &tensor.numbers);
      break;
    case DType::kDouble:
      FromValues(proto.double_val(), n, identity, &tensor.numbers);
      break;
    case DType::kInt32:
    case DType::kInt16:
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kUInt16:
      FromValues(proto.int_val(), n, identity, &tensor.numbers);
      break;
    case DType::kHalf:
      FromValues(
          proto.half_val(), n,
          [](int32_t bits) {
            return HalfToDouble(static_cast<uint16_t>(bits));
          },
          &tensor.numbers);
      break;
    case DType::kInt64:
      FromValues(proto.int64_val(), n, identity, &tensor.numbers);
      break;
    case DType::kUInt32:
      FromValues(proto.uint32_val(), n, identity, &tensor.numbers);
      break;
    case DType::kUInt64:
      FromValues(proto.uint64_val(), n, identity, &tensor.numbers);
      break;
    case DType::kBool:
      FromValues(
          proto.bool_val(), n, [](bool b) { return b ? 1.0 : 0.0; },
          &tensor.numbers);
      break;
    default:
      break;
  }
  return tensor;
}

}  // namespace tbx
