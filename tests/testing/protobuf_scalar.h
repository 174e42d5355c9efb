// The value of a scalar Summary.Value as protobuf parsing gives it: the
// reference against which tests and the fuzzer check the scalar fast path
// (src/data/scalar_fast_path.h). Header-only; pure.
#ifndef TBX_TESTS_TESTING_PROTOBUF_SCALAR_H_
#define TBX_TESTS_TESTING_PROTOBUF_SCALAR_H_

#include <cstring>

#include "proto/summary.pb.h"

namespace tbx::testing {

// simple_value, or the first element of a float or double tensor
// (tensor_content when it holds exactly one element, else the repeated
// field; 0 when empty).
inline double ProtobufScalar(const tensorboard::Summary::Value& value) {
  if (value.has_simple_value()) return value.simple_value();
  const tensorboard::TensorProto& t = value.tensor();
  if (t.dtype() == tensorboard::DT_FLOAT) {
    float f = t.float_val_size() > 0 ? t.float_val(0) : 0;
    if (t.tensor_content().size() == 4) {
      std::memcpy(&f, t.tensor_content().data(), 4);
    }
    return f;
  }
  double d = t.double_val_size() > 0 ? t.double_val(0) : 0;
  if (t.tensor_content().size() == 8) {
    std::memcpy(&d, t.tensor_content().data(), 8);
  }
  return d;
}

}  // namespace tbx::testing

#endif  // TBX_TESTS_TESTING_PROTOBUF_SCALAR_H_
