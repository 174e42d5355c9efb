// ParamValue: one hparam value (google.protobuf.Value restricted to what
// hparams use: a number, a string or a bool), with the comparisons the
// session_groups route sorts and filters by. Values of different kinds are
// ordered, not refused as TensorBoard's Python does (it answers 500): numbers
// and bools compare as numbers (true == 1.0, as in Python), and every string
// sorts after every number; NaN sorts after every other number. Plain value
// type; any thread.
#ifndef TBX_PLUGINS_HPARAMS_PARAM_VALUE_H_
#define TBX_PLUGINS_HPARAMS_PARAM_VALUE_H_

#include <optional>
#include <string>

#include "google/protobuf/struct.pb.h"

namespace tbx::plugins {
class JsonWriter;
}  // namespace tbx::plugins

namespace tbx::plugins::hparams {

struct ParamValue {
  enum class Kind { kNumber, kString, kBool };
  Kind kind = Kind::kNumber;
  double number = 0;  // kNumber; for kBool 1.0 or 0.0
  std::string text;   // kString

  static ParamValue Number(double v) { return {Kind::kNumber, v, {}}; }
  static ParamValue String(std::string v) {
    return {Kind::kString, 0, std::move(v)};
  }
  static ParamValue Bool(bool v) { return {Kind::kBool, v ? 1.0 : 0.0, {}}; }

  bool is_numeric() const { return kind != Kind::kString; }
  bool boolean() const { return number != 0; }
};

// The value of a google.protobuf.Value, or nullopt for null, lists and structs
// (which hparams do not use).
std::optional<ParamValue> FromProto(const google::protobuf::Value& value);

// Total order used for sorting (see the file comment). Returns <0, 0, >0.
int Compare(const ParamValue& a, const ParamValue& b);

// Python's `a == b` for these values (numbers and bools numerically; NaN equal
// to nothing).
bool Equals(const ParamValue& a, const ParamValue& b);

// Writes the value as JSON (number, string or true/false).
void WriteJson(const ParamValue& value, JsonWriter& writer);

}  // namespace tbx::plugins::hparams

#endif  // TBX_PLUGINS_HPARAMS_PARAM_VALUE_H_
