// The custom scalars layout: parsing the serialized tensorboard.Layout a run
// stores, merging the layouts of several runs the way TensorBoard does, and
// its JSON (protobuf's json_format with default values, 2-space indent). Pure
// functions; any thread may call them.
#ifndef TBX_PLUGINS_CUSTOM_SCALARS_LAYOUT_H_
#define TBX_PLUGINS_CUSTOM_SCALARS_LAYOUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/custom_scalars_layout.pb.h"

namespace tbx::plugins {

// The layout in `serialized`; InvalidArgument when it does not parse.
absl::StatusOr<tensorboard::Layout> ParseLayout(std::string_view serialized);

// Merges `layouts` (in run-name order) as TensorBoard does: the first layout is
// kept whole; a later category whose title was seen before adds its charts not
// already in that category, and a new title is appended. TensorBoard keeps
// merging later charts into the category object of the layout that introduced
// the title, so charts a third layout adds to a category first brought by the
// second are dropped; tbx does the same to serve the same layout.
tensorboard::Layout MergeLayouts(std::vector<tensorboard::Layout> layouts);

// json_format.MessageToJson(layout, including_default_value_fields=True):
// fields that are set first, then the defaults, each group in field-number
// order; 2-space indent; non-ASCII text as UTF-8.
std::string LayoutJson(const tensorboard::Layout& layout);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_CUSTOM_SCALARS_LAYOUT_H_
