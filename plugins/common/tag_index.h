// The run/tag listings every plugin serves from its /tags route, and tag
// lookups for its data routes. A plugin's tags are the time series whose
// metadata names its summary plugin and has its data class (TensorBoard's
// list_scalars / list_tensors / list_blob_sequences). Stateless; any thread may
// call these.
#ifndef TBX_PLUGINS_COMMON_TAG_INDEX_H_
#define TBX_PLUGINS_COMMON_TAG_INDEX_H_

#include <functional>
#include <string>
#include <string_view>

#include "plugins/common/json_writer.h"
#include "tbx/data_provider.h"
#include "tbx/types.h"

namespace tbx::plugins {

// Tags of `plugin_name` with `data_class`, in the provider's order; runs left
// with no tag are left out.
RunTagMap<TagMetadata> TagsOf(const DataProvider& provider,
                              std::string_view plugin_name,
                              DataClass data_class);

// Keeps, of `listed`, the tags of `plugin_name` with `data_class`; runs left
// with no tag are dropped. What TagsOf does to the provider's whole listing,
// for a listing of some runs (DataProvider::ListTagsOfRuns).
RunTagMap<TagMetadata> KeepTagsOf(RunTagMap<TagMetadata> listed,
                                  std::string_view plugin_name,
                                  DataClass data_class);

// The metadata of `run`/`tag` in `tags`, or nullptr.
const TagMetadata* FindTag(const RunTagMap<TagMetadata>& tags,
                           std::string_view run, std::string_view tag);

// Whether `run` holds `tag`.
bool HasTag(const RunTags<TagMetadata>& run, std::string_view tag);

// Writes extra fields of one tag's entry (after displayName and description).
using TagFieldWriter = std::function<void(
    const std::string& run, const std::string& tag, JsonWriter& writer)>;

// {run: {tag: {"displayName": ..., "description": <safe HTML of the Markdown>,
// ...}}}.
std::string TagIndexJson(const RunTagMap<TagMetadata>& tags,
                         const TagFieldWriter& extra = {});

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_TAG_INDEX_H_
