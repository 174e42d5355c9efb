// The compact scalar tag listing; see tag_list.h.
#include "plugins/scalars/tag_list.h"

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/markdown.h"

namespace tbx::plugins {
namespace {

struct TagEntry {
  const std::string* name;
  const TagMetadata* metadata;  // of the first run holding the tag
  std::vector<uint32_t> runs;   // indices of the runs holding it
};

}  // namespace

std::string TagListJson(const RunTagMap<TagMetadata>& tags) {
  std::vector<TagEntry> entries;
  absl::flat_hash_map<std::string_view, size_t> index;
  for (size_t r = 0; r < tags.size(); ++r) {
    for (const auto& [tag, metadata] : tags[r].tags) {
      auto [it, inserted] = index.try_emplace(tag, entries.size());
      if (inserted) entries.push_back({&tag, &metadata, {}});
      std::vector<uint32_t>& runs = entries[it->second].runs;
      // A run listing a tag twice counts once.
      if (runs.empty() || runs.back() != r)
        runs.push_back(static_cast<uint32_t>(r));
    }
  }
  std::string json;
  json.reserve(64 + tags.size() * 16 + entries.size() * 64);
  JsonWriter writer(&json);
  writer.BeginObject();
  writer.Key("runs");
  writer.BeginArray();
  for (const RunTags<TagMetadata>& run : tags) writer.String(run.run);
  writer.EndArray();
  writer.Key("tags");
  writer.BeginArray();
  for (const TagEntry& entry : entries) {
    writer.BeginObject();
    writer.Key("tag");
    writer.String(*entry.name);
    writer.Key("displayName");
    writer.String(entry.metadata->display_name);
    writer.Key("description");
    writer.String(MarkdownToSafeHtml(entry.metadata->description));
    writer.Key("runs");
    if (entry.runs.size() == tags.size()) {
      writer.Null();
    } else {
      writer.BeginArray();
      for (uint32_t r : entry.runs) writer.Int(r);
      writer.EndArray();
    }
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return json;
}

}  // namespace tbx::plugins
