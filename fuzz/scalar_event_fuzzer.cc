// Fuzzes DecodeScalarEvent beside tensorboard::Event::ParseFromArray: whatever
// the fast path accepts, protobuf must parse to the same step, wall time, tag
// and value.
#include <bit>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "google/protobuf/stubs/logging.h"
#include "proto/event.pb.h"
#include "src/data/scalar_fast_path.h"

namespace {

double ProtobufScalar(const tensorboard::Summary::Value& value) {
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

bool SameBits(double a, double b) {
  return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);  // parse errors are expected here
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view record(reinterpret_cast<const char*>(bytes), size);
  tbx::ScalarEvent fast;
  const bool accepted = tbx::DecodeScalarEvent(record, &fast);
  tensorboard::Event event;
  const bool parsed = event.ParseFromArray(bytes, static_cast<int>(size));
  if (!accepted) return 0;
  if (!parsed || !event.has_summary() || event.summary().value_size() != 1) {
    std::abort();
  }
  const tensorboard::Summary::Value& value = event.summary().value(0);
  if (fast.step != event.step() ||
      !SameBits(fast.wall_time, event.wall_time()) || fast.tag != value.tag() ||
      !SameBits(fast.value, ProtobufScalar(value)) ||
      fast.legacy_simple_value != value.has_simple_value() ||
      (!fast.metadata.empty() && !value.has_metadata())) {
    std::abort();
  }
  return 0;
}
