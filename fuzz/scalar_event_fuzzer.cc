// Fuzzes DecodeScalarEvent beside tensorboard::Event::ParseFromArray: whatever
// the fast path accepts, protobuf must parse to the same step, wall time, tag
// and value; and whatever its canonical-layout pass accepts, its general walk
// must decode to the very same fields.
#include <bit>
#include <cstdlib>
#include <string_view>

#include "google/protobuf/stubs/logging.h"
#include "proto/event.pb.h"
#include "src/data/scalar_fast_path.h"
#include "tests/testing/protobuf_scalar.h"

namespace {

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
  tbx::ScalarEvent canonical, general;
  if (tbx::DecodeCanonicalScalarEvent(record, &canonical)) {
    if (!tbx::DecodeScalarEventAnyLayout(record, &general) ||
        !SameBits(canonical.wall_time, general.wall_time) ||
        canonical.step != general.step || canonical.tag != general.tag ||
        !SameBits(canonical.value, general.value) ||
        canonical.is_double != general.is_double ||
        canonical.legacy_simple_value != general.legacy_simple_value ||
        canonical.metadata != general.metadata) {
      std::abort();
    }
  }
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
      !SameBits(fast.value, tbx::testing::ProtobufScalar(value)) ||
      fast.legacy_simple_value != value.has_simple_value() ||
      (!fast.metadata.empty() && !value.has_metadata())) {
    std::abort();
  }
  return 0;
}
