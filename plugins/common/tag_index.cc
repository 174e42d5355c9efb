// Plugin tag listings; see tag_index.h.
#include "plugins/common/tag_index.h"

#include <unordered_map>
#include <utility>
#include <vector>

#include "plugins/common/markdown.h"

namespace tbx::plugins {

RunTagMap<TagMetadata> TagsOf(const DataProvider& provider,
                              std::string_view plugin_name,
                              DataClass data_class) {
  return KeepTagsOf(provider.ListTags(plugin_name), plugin_name, data_class);
}

RunTagMap<TagMetadata> KeepTagsOf(RunTagMap<TagMetadata> listed,
                                  std::string_view plugin_name,
                                  DataClass data_class) {
  RunTagMap<TagMetadata> kept;
  for (RunTags<TagMetadata>& run : listed) {
    std::erase_if(run.tags, [&](const auto& entry) {
      return entry.second.plugin_name != plugin_name ||
             entry.second.data_class != data_class;
    });
    if (!run.tags.empty()) kept.push_back(std::move(run));
  }
  return kept;
}

const TagMetadata* FindTag(const RunTagMap<TagMetadata>& tags,
                           std::string_view run, std::string_view tag) {
  for (const RunTags<TagMetadata>& entry : tags) {
    if (entry.run != run) continue;
    for (const auto& [name, metadata] : entry.tags) {
      if (name == tag) return &metadata;
    }
  }
  return nullptr;
}

bool HasTag(const RunTags<TagMetadata>& run, std::string_view tag) {
  for (const auto& entry : run.tags) {
    if (entry.first == tag) return true;
  }
  return false;
}

std::string TagIndexJson(const RunTagMap<TagMetadata>& tags,
                         const TagFieldWriter& extra) {
  // Runs usually share descriptions tag by tag: render each distinct one once.
  std::unordered_map<std::string, std::string> rendered;
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  for (const RunTags<TagMetadata>& run : tags) {
    writer.Key(run.run);
    writer.BeginObject();
    for (const auto& [tag, metadata] : run.tags) {
      writer.Key(tag);
      writer.BeginObject();
      writer.Key("displayName");
      writer.String(metadata.display_name);
      writer.Key("description");
      auto [it, inserted] = rendered.try_emplace(metadata.description);
      if (inserted) it->second = MarkdownToSafeHtml(metadata.description);
      writer.String(it->second);
      if (extra) extra(run.run, tag, writer);
      writer.EndObject();
    }
    writer.EndObject();
  }
  writer.EndObject();
  return json;
}

}  // namespace tbx::plugins
