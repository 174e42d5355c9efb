// Comparisons and JSON of hparam values; see param_value.h.
#include "plugins/hparams/param_value.h"

#include <cmath>

#include "plugins/common/json_writer.h"

namespace tbx::plugins::hparams {

std::optional<ParamValue> FromProto(const google::protobuf::Value& value) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kNumberValue:
      return ParamValue::Number(value.number_value());
    case google::protobuf::Value::kStringValue:
      return ParamValue::String(value.string_value());
    case google::protobuf::Value::kBoolValue:
      return ParamValue::Bool(value.bool_value());
    default:
      return std::nullopt;
  }
}

int Compare(const ParamValue& a, const ParamValue& b) {
  if (a.is_numeric() != b.is_numeric()) return a.is_numeric() ? -1 : 1;
  if (!a.is_numeric()) {
    const int c = a.text.compare(b.text);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  const bool a_nan = std::isnan(a.number);
  const bool b_nan = std::isnan(b.number);
  if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
  if (a.number < b.number) return -1;
  return a.number > b.number ? 1 : 0;
}

bool Equals(const ParamValue& a, const ParamValue& b) {
  if (a.is_numeric() != b.is_numeric()) return false;
  if (!a.is_numeric()) return a.text == b.text;
  return a.number == b.number;
}

void WriteJson(const ParamValue& value, JsonWriter& writer) {
  switch (value.kind) {
    case ParamValue::Kind::kNumber:
      writer.Double(value.number);
      break;
    case ParamValue::Kind::kString:
      writer.String(value.text);
      break;
    case ParamValue::Kind::kBool:
      writer.Bool(value.boolean());
      break;
  }
}

}  // namespace tbx::plugins::hparams
