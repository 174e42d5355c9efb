// Integer fields of serialized plugin metadata; see plugin_content.h.
#include "plugins/common/plugin_content.h"

#include <string>

#include "google/protobuf/unknown_field_set.h"

namespace tbx::plugins {

std::optional<uint64_t> VarintField(std::string_view content,
                                    int field_number) {
  google::protobuf::UnknownFieldSet fields;
  if (!fields.ParseFromArray(content.data(),
                             static_cast<int>(content.size()))) {
    return std::nullopt;
  }
  std::optional<uint64_t> value;
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& field = fields.field(i);
    if (field.number() == field_number &&
        field.type() == google::protobuf::UnknownField::TYPE_VARINT) {
      value = field.varint();
    }
  }
  return value;
}

}  // namespace tbx::plugins
