// A decoder for the one shape of Event that dominates real logs: a single
// scalar summary value. It walks the protobuf wire format by hand (no protobuf
// objects, no allocation), so scalar ingestion costs a few tens of nanoseconds
// per event. Anything it does not recognise is left to the general protobuf
// decoder. What it accepts, protobuf parses to the same values: like protobuf,
// it checks strings for UTF-8 and the metadata for well-formedness.
//
// Stateless; any thread may call it. Views in ScalarEvent point into the
// caller's record.
#ifndef TBX_SRC_DATA_SCALAR_FAST_PATH_H_
#define TBX_SRC_DATA_SCALAR_FAST_PATH_H_

#include <cstdint>
#include <string_view>

namespace tbx {

struct ScalarEvent {
  double wall_time = 0;
  int64_t step = 0;
  std::string_view tag;    // views into the record
  double value = 0;        // float32 widened exactly, or the double
  bool is_double = false;  // DT_DOUBLE tensor
  // Summary.Value.simple_value rather than a tensor.
  bool legacy_simple_value = false;
  // The serialized SummaryMetadata of the value, empty if absent.
  std::string_view metadata;
};

// True and fills *out when `record` is an Event whose payload is a Summary with
// exactly one Value holding either simple_value or a rank-0 DT_FLOAT/DT_DOUBLE
// tensor (float_val/double_val or tensor_content). False for anything else (the
// caller then uses the general decoder; *out is then unspecified). Never reads
// outside `record`; tolerant of field order and unknown fields. Note: a rank-0
// float tensor is not necessarily a scalar-plugin value; the caller still
// routes it by its tag's metadata (plugin_name).
bool DecodeScalarEvent(std::string_view record, ScalarEvent* out);

// The two halves of DecodeScalarEvent, exposed for tests and fuzzing.
// DecodeCanonicalScalarEvent accepts only the layout every writer we know
// produces — each field once, in field-number order: wall_time, step (absent
// when 0), then the summary holding one value {tag, simple_value | tensor
// [, metadata]} — and reads it in one straight pass (half the
// instructions of the general walk). Whatever it accepts,
// DecodeScalarEventAnyLayout, the general walk (any field order, unknown
// fields, repeated fields as protobuf merges them), decodes to the same values.
bool DecodeCanonicalScalarEvent(std::string_view record, ScalarEvent* out);
bool DecodeScalarEventAnyLayout(std::string_view record, ScalarEvent* out);

}  // namespace tbx

#endif  // TBX_SRC_DATA_SCALAR_FAST_PATH_H_
