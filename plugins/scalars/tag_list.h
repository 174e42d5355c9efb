// tbx's compact scalar tag listing for its frontend,
// /data/plugin/scalars/tag_list (http_api.md): each distinct tag once, with
// the runs holding it as indices into one run list, or null when every listed
// run holds it. At 5,000 runs × 20 tags it is about 1 KB where TensorBoard's
// /tags form is 7 MB. Stateless; any thread may call it.
#ifndef TBX_PLUGINS_SCALARS_TAG_LIST_H_
#define TBX_PLUGINS_SCALARS_TAG_LIST_H_

#include <string>

#include "tbx/types.h"

namespace tbx::plugins {

// {"runs": [run, ...], "tags": [{"tag", "displayName", "description",
// "runs": null | [index, ...]}, ...]}: runs in `tags`' order, tags in
// first-seen order, each tag's metadata that of the first run holding it.
std::string TagListJson(const RunTagMap<TagMetadata>& tags);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_SCALARS_TAG_LIST_H_
