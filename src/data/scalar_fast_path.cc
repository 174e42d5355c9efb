// DecodeScalarEvent: a hand-written walk over the protobuf wire format of
// Event{wall_time=1, step=2, summary=5{value=1{tag=1, simple_value=2, tensor=8,
// metadata=9}}}: first a straight pass over the layout writers produce, then,
// if that does not fit, a walk that takes fields in any order.
#include "src/data/scalar_fast_path.h"

#include <bit>
#include <cstring>

namespace tbx {
namespace {

enum WireType : uint32_t {
  kVarint = 0,
  kFixed64 = 1,
  kLengthDelimited = 2,
  kFixed32 = 5
};

// Reads protobuf wire primitives from a byte range; every read checks the
// bounds and returns false on malformed or truncated input.
class WireCursor {
 public:
  explicit WireCursor(std::string_view bytes)
      : p_(reinterpret_cast<const uint8_t*>(bytes.data())),
        end_(p_ + bytes.size()) {}

  bool done() const { return p_ == end_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }

  // Consumes the next byte if it is `byte` (a one-byte field key).
  bool TakeByte(uint8_t byte) {
    if (p_ == end_ || *p_ != byte) return false;
    ++p_;
    return true;
  }

  // Reads a varint of at most `max_bytes` bytes: 10 for values, 5 for keys and
  // lengths (the 32-bit varints protobuf also limits to 5 bytes).
  bool ReadVarint(uint64_t* value, int max_bytes = 10) {
    if (p_ < end_ && *p_ < 0x80) {
      *value = *p_++;
      return true;
    }
    uint64_t result = 0;
    for (int i = 0; i < max_bytes && p_ < end_; ++i) {
      const uint8_t byte = *p_++;
      result |= uint64_t{byte & 0x7fu} << (7 * i);
      if (byte < 0x80) {
        *value = result;
        return true;
      }
    }
    return false;  // truncated, or too long
  }

  // Reads a field key; field number 0 is invalid.
  bool ReadKey(uint32_t* field, uint32_t* wire_type) {
    uint64_t key;
    if (!ReadVarint(&key, 5) || key > 0xffffffffu) return false;
    *field = static_cast<uint32_t>(key >> 3);
    *wire_type = static_cast<uint32_t>(key & 7);
    return *field != 0;
  }

  bool ReadFixed64(uint64_t* value) {
    if (end_ - p_ < 8) return false;
    // Protobuf's fixed fields are little-endian, as is every host we build for.
    std::memcpy(value, p_, 8);
    p_ += 8;
    return true;
  }

  bool ReadFixed32(uint32_t* value) {
    if (end_ - p_ < 4) return false;
    std::memcpy(value, p_, 4);
    p_ += 4;
    return true;
  }

  bool ReadBytes(std::string_view* bytes) {
    uint64_t length;
    if (!ReadVarint(&length, 5) || length > static_cast<uint64_t>(end_ - p_))
      return false;
    *bytes = std::string_view(reinterpret_cast<const char*>(p_), length);
    p_ += length;
    return true;
  }

  // Skips a field's value. Groups (wire types 3 and 4) are not accepted.
  bool Skip(uint32_t wire_type) {
    uint64_t ignored;
    std::string_view ignored_bytes;
    switch (wire_type) {
      case kVarint:
        return ReadVarint(&ignored);
      case kFixed64:
        return ReadFixed64(&ignored);
      case kLengthDelimited:
        return ReadBytes(&ignored_bytes);
      case kFixed32: {
        uint32_t ignored32;
        return ReadFixed32(&ignored32);
      }
      default:
        return false;
    }
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

// Protobuf rejects proto3 string fields that are not UTF-8; so must we, to
// agree with it.
bool IsUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* end = p + s.size();
  // The common case, an ASCII tag of 8 bytes or more: whole words, the last
  // one overlapping the one before.
  if (s.size() >= 8) {
    uint64_t high_bits = 0;
    for (const uint8_t* q = p; q + 8 <= end; q += 8) {
      uint64_t word;
      std::memcpy(&word, q, 8);
      high_bits |= word;
    }
    uint64_t last;
    std::memcpy(&last, end - 8, 8);
    if (((high_bits | last) & 0x8080808080808080u) == 0) return true;
  }
  while (p < end) {
    // Tags are almost always ASCII: skip eight such bytes at a time.
    if (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & 0x8080808080808080u) == 0) {
        p += 8;
        continue;
      }
    }
    if (*p < 0x80) {
      ++p;
      continue;
    }
    int continuation;
    uint32_t code_point;
    if ((*p & 0xe0) == 0xc0) {
      continuation = 1;
      code_point = *p & 0x1f;
    } else if ((*p & 0xf0) == 0xe0) {
      continuation = 2;
      code_point = *p & 0x0f;
    } else if ((*p & 0xf8) == 0xf0) {
      continuation = 3;
      code_point = *p & 0x07;
    } else {
      return false;
    }
    if (end - p <= continuation) return false;
    for (int i = 1; i <= continuation; ++i) {
      if ((p[i] & 0xc0) != 0x80) return false;
      code_point = (code_point << 6) | (p[i] & 0x3f);
    }
    static constexpr uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[continuation] || code_point > 0x10ffff ||
        (code_point >= 0xd800 && code_point <= 0xdfff)) {
      return false;  // overlong, beyond Unicode, or a surrogate
    }
    p += continuation + 1;
  }
  return true;
}

// Reads a proto3 string field: bytes that must be UTF-8.
bool ReadString(WireCursor* in, uint32_t wire_type, std::string_view* out) {
  return wire_type == kLengthDelimited && in->ReadBytes(out) && IsUtf8(*out);
}

// True when `message` is well-formed wire data whose fields listed in
// `string_fields` (a bit per field number below 32) are UTF-8: what protobuf
// checks when it parses a message made of strings, bytes and scalars.
bool IsWellFormed(std::string_view message, uint32_t string_fields,
                  bool (*nested)(uint32_t field, std::string_view) = nullptr) {
  WireCursor in(message);
  while (!in.done()) {
    uint32_t field, wire_type;
    if (!in.ReadKey(&field, &wire_type)) return false;
    if (field < 32 && (string_fields >> field & 1) != 0) {
      std::string_view ignored;
      if (!ReadString(&in, wire_type, &ignored)) return false;
    } else if (nested != nullptr && wire_type == kLengthDelimited) {
      std::string_view bytes;
      if (!in.ReadBytes(&bytes) || !nested(field, bytes)) return false;
    } else if (!in.Skip(wire_type)) {
      return false;
    }
  }
  return true;
}

// SummaryMetadata{plugin_data=1{plugin_name=1, content=2}, display_name=2,
// summary_description=3, data_class=4}.
bool IsWellFormedSummaryMetadata(std::string_view metadata) {
  return IsWellFormed(metadata, 1u << 2 | 1u << 3,
                      [](uint32_t field, std::string_view bytes) {
                        return field != 1 || IsWellFormed(bytes, 1u << 1);
                      });
}

// True when a TensorShapeProto has no dimensions and a known rank: rank 0.
bool IsRankZero(std::string_view shape) {
  WireCursor in(shape);
  while (!in.done()) {
    uint32_t field, wire_type;
    if (!in.ReadKey(&field, &wire_type)) return false;
    if (field == 2) return false;  // a dim
    if (field == 3) {              // unknown_rank
      uint64_t unknown_rank;
      if (wire_type != kVarint || !in.ReadVarint(&unknown_rank) ||
          unknown_rank != 0)
        return false;
      continue;
    }
    if (!in.Skip(wire_type)) return false;
  }
  return true;
}

// The one value of a rank-0 DT_FLOAT (dtype 1) or DT_DOUBLE (dtype 2)
// TensorProto.
bool DecodeScalarTensor(std::string_view tensor, double* value,
                        bool* is_double) {
  WireCursor in(tensor);
  uint64_t dtype = 0;
  std::string_view content;
  int content_fields = 0, float_count = 0, double_count = 0;
  float float_value = 0;
  double double_value = 0;
  while (!in.done()) {
    uint32_t field, wire_type;
    if (!in.ReadKey(&field, &wire_type)) return false;
    switch (field) {
      case 1:  // dtype
        if (wire_type != kVarint || !in.ReadVarint(&dtype)) return false;
        break;
      case 2: {  // tensor_shape
        std::string_view shape;
        if (wire_type != kLengthDelimited || !in.ReadBytes(&shape) ||
            !IsRankZero(shape)) {
          return false;
        }
        break;
      }
      case 4:  // tensor_content
        if (wire_type != kLengthDelimited || !in.ReadBytes(&content))
          return false;
        ++content_fields;
        break;
      case 5:  // float_val, packed or not
        if (wire_type == kLengthDelimited) {
          std::string_view packed;
          if (!in.ReadBytes(&packed) || packed.size() % 4 != 0) return false;
          if (!packed.empty())
            std::memcpy(&float_value, packed.data() + packed.size() - 4, 4);
          float_count += static_cast<int>(packed.size() / 4);
        } else if (wire_type == kFixed32) {
          uint32_t bits;
          if (!in.ReadFixed32(&bits)) return false;
          float_value = std::bit_cast<float>(bits);
          ++float_count;
        } else {
          return false;
        }
        break;
      case 6:  // double_val, packed or not
        if (wire_type == kLengthDelimited) {
          std::string_view packed;
          if (!in.ReadBytes(&packed) || packed.size() % 8 != 0) return false;
          if (!packed.empty())
            std::memcpy(&double_value, packed.data() + packed.size() - 8, 8);
          double_count += static_cast<int>(packed.size() / 8);
        } else if (wire_type == kFixed64) {
          uint64_t bits;
          if (!in.ReadFixed64(&bits)) return false;
          double_value = std::bit_cast<double>(bits);
          ++double_count;
        } else {
          return false;
        }
        break;
      case 3:  // version_number
        if (!in.Skip(wire_type)) return false;
        break;
      default:
        if (field <= 17)
          return false;  // values of another dtype (int_val, string_val, ...)
        if (!in.Skip(wire_type)) return false;
    }
  }
  if (content_fields > 1 || float_count > 1 || double_count > 1) return false;
  if (dtype == 1) {  // DT_FLOAT
    if (double_count != 0) return false;
    if (!content.empty()) {
      if (content.size() != 4 || float_count != 0) return false;
      std::memcpy(&float_value, content.data(), 4);
    } else if (float_count != 1) {
      return false;
    }
    *value = float_value;
    *is_double = false;
    return true;
  }
  if (dtype == 2) {  // DT_DOUBLE
    if (float_count != 0) return false;
    if (!content.empty()) {
      if (content.size() != 8 || double_count != 0) return false;
      std::memcpy(&double_value, content.data(), 8);
    } else if (double_count != 1) {
      return false;
    }
    *value = double_value;
    *is_double = true;
    return true;
  }
  return false;
}

// A Summary.Value holding simple_value or a scalar tensor.
bool DecodeScalarValue(std::string_view value, ScalarEvent* out) {
  WireCursor in(value);
  bool have_value = false, have_metadata = false;
  while (!in.done()) {
    uint32_t field, wire_type;
    if (!in.ReadKey(&field, &wire_type)) return false;
    switch (field) {
      case 1:  // tag
        if (!ReadString(&in, wire_type, &out->tag)) return false;
        break;
      case 2: {  // simple_value
        uint32_t bits;
        if (have_value || wire_type != kFixed32 || !in.ReadFixed32(&bits))
          return false;
        out->value = std::bit_cast<float>(bits);
        out->is_double = false;
        out->legacy_simple_value = true;
        have_value = true;
        break;
      }
      case 8: {  // tensor
        std::string_view tensor;
        if (have_value || wire_type != kLengthDelimited ||
            !in.ReadBytes(&tensor) ||
            !DecodeScalarTensor(tensor, &out->value, &out->is_double)) {
          return false;
        }
        out->legacy_simple_value = false;
        have_value = true;
        break;
      }
      case 9:  // metadata; a second occurrence would be merged by protobuf: not
               // ours to do
        if (have_metadata || wire_type != kLengthDelimited ||
            !in.ReadBytes(&out->metadata) ||
            !IsWellFormedSummaryMetadata(out->metadata)) {
          return false;
        }
        have_metadata = true;
        break;
      case 3:  // obsolete_old_style_histogram
      case 4:  // image
      case 5:  // histo
      case 6:  // audio
        return false;
      case 7: {  // node_name
        std::string_view node_name;
        if (!ReadString(&in, wire_type, &node_name)) return false;
        break;
      }
      default:  // unknown fields
        if (!in.Skip(wire_type)) return false;
    }
  }
  return have_value;
}

bool DecodeSummary(std::string_view summary, ScalarEvent* out) {
  WireCursor in(summary);
  std::string_view value;
  int values = 0;
  while (!in.done()) {
    uint32_t field, wire_type;
    if (!in.ReadKey(&field, &wire_type)) return false;
    if (field == 1) {
      if (wire_type != kLengthDelimited || !in.ReadBytes(&value) ||
          ++values > 1)
        return false;
    } else if (!in.Skip(wire_type)) {
      return false;
    }
  }
  return values == 1 && DecodeScalarValue(value, out);
}

// Keys (field number << 3 | wire type) of the canonical layout.
constexpr uint8_t kWallTimeKey = 1 << 3 | kFixed64;
constexpr uint8_t kStepKey = 2 << 3 | kVarint;
constexpr uint8_t kSummaryKey = 5 << 3 | kLengthDelimited;
constexpr uint8_t kValueKey = 1 << 3 | kLengthDelimited;
constexpr uint8_t kTagKey = 1 << 3 | kLengthDelimited;
constexpr uint8_t kSimpleValueKey = 2 << 3 | kFixed32;
constexpr uint8_t kTensorKey = 8 << 3 | kLengthDelimited;
constexpr uint8_t kMetadataKey = 9 << 3 | kLengthDelimited;

// A length-delimited field whose value runs to the end of `in`: the last field
// of its message.
bool ReadLengthToEnd(WireCursor* in) {
  uint64_t length;
  return in->ReadVarint(&length, 5) && length == in->remaining();
}

}  // namespace

bool DecodeCanonicalScalarEvent(std::string_view record, ScalarEvent* out) {
  ScalarEvent& event = *out;
  event = ScalarEvent{};
  WireCursor in(record);
  uint64_t bits;
  if (!in.TakeByte(kWallTimeKey) || !in.ReadFixed64(&bits)) return false;
  event.wall_time = std::bit_cast<double>(bits);
  if (in.TakeByte(kStepKey)) {  // absent when 0
    uint64_t step;
    if (!in.ReadVarint(&step)) return false;
    event.step = static_cast<int64_t>(step);
  }
  if (!in.TakeByte(kSummaryKey) || !ReadLengthToEnd(&in) ||
      !in.TakeByte(kValueKey) || !ReadLengthToEnd(&in) ||
      !in.TakeByte(kTagKey) || !in.ReadBytes(&event.tag) ||
      !IsUtf8(event.tag)) {
    return false;
  }
  if (in.TakeByte(kSimpleValueKey)) {
    uint32_t value_bits;
    if (!in.ReadFixed32(&value_bits) || !in.done()) return false;
    event.value = std::bit_cast<float>(value_bits);
    event.legacy_simple_value = true;
    return true;
  }
  std::string_view tensor;
  if (!in.TakeByte(kTensorKey) || !in.ReadBytes(&tensor) ||
      !DecodeScalarTensor(tensor, &event.value, &event.is_double)) {
    return false;
  }
  if (in.done()) return true;
  return in.TakeByte(kMetadataKey) && in.ReadBytes(&event.metadata) &&
         in.done() && IsWellFormedSummaryMetadata(event.metadata);
}

bool DecodeScalarEvent(std::string_view record, ScalarEvent* out) {
  return DecodeCanonicalScalarEvent(record, out) ||
         DecodeScalarEventAnyLayout(record, out);
}

bool DecodeScalarEventAnyLayout(std::string_view record, ScalarEvent* out) {
  // Filled in place: building a local and copying it out costs a
  // store-forwarding stall per event (field-wise stores read back as vectors).
  ScalarEvent& event = *out;
  event = ScalarEvent{};
  std::string_view summary;
  bool have_summary = false;
  WireCursor in(record);
  while (!in.done()) {
    uint32_t field, wire_type;
    if (!in.ReadKey(&field, &wire_type)) return false;
    switch (field) {
      case 1: {  // wall_time
        uint64_t bits;
        if (wire_type != kFixed64 || !in.ReadFixed64(&bits)) return false;
        event.wall_time = std::bit_cast<double>(bits);
        break;
      }
      case 2: {  // step
        uint64_t step;
        if (wire_type != kVarint || !in.ReadVarint(&step)) return false;
        event.step = static_cast<int64_t>(step);
        break;
      }
      case 5:  // summary; a second one would be merged by protobuf
        if (have_summary || wire_type != kLengthDelimited ||
            !in.ReadBytes(&summary))
          return false;
        have_summary = true;
        break;
      case 3:  // file_version
      case 4:  // graph_def
      case 6:  // log_message
      case 7:  // session_log
      case 8:  // tagged_run_metadata
      case 9:  // meta_graph_def
        return false;
      case 10: {  // source_metadata{writer=1}
        std::string_view source;
        if (wire_type != kLengthDelimited || !in.ReadBytes(&source) ||
            !IsWellFormed(source, 1u << 1)) {
          return false;
        }
        break;
      }
      default:  // unknown fields
        if (!in.Skip(wire_type)) return false;
    }
  }
  return have_summary && DecodeSummary(summary, &event);
}

}  // namespace tbx
