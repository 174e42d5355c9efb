// Reads integer fields of a plugin's serialized metadata proto
// (SummaryMetadata.PluginData .content) without its generated class, e.g.
// AudioPluginData.encoding (field 2). Pure functions; any thread may call them.
#ifndef TBX_PLUGINS_COMMON_PLUGIN_CONTENT_H_
#define TBX_PLUGINS_COMMON_PLUGIN_CONTENT_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace tbx::plugins {

// The last value of varint field `field_number` in `content` (proto3 "last one
// wins"), or nullopt when absent or when `content` is not a valid serialized
// message.
std::optional<uint64_t> VarintField(std::string_view content, int field_number);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_PLUGIN_CONTENT_H_
