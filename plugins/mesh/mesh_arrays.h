// The binary arrays the mesh /data route serves: one sample of a mesh
// component tensor ([samples, points, 3]) flattened to little-endian float32
// (VERTEX), int32 (FACE) or uint8 (COLOR), as numpy's astype and tobytes give
// them. Pure functions; any thread may call them.
#ifndef TBX_PLUGINS_MESH_MESH_ARRAYS_H_
#define TBX_PLUGINS_MESH_MESH_ARRAYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "tbx/types.h"

namespace tbx::plugins {

// MeshPluginData.ContentType values.
enum class MeshContent { kUndefined = 0, kVertex = 1, kFace = 2, kColor = 3 };

// The content type named `name` ("VERTEX", "FACE", "COLOR"), or nullopt.
std::optional<MeshContent> MeshContentFromName(std::string_view name);

// Appends sample `sample` (negative counts from the end, as in Python) of
// `tensor` to `*out` in `content`'s binary type. InvalidArgument when the
// tensor is not numeric or the sample is out of range.
absl::Status AppendMeshSample(const Tensor& tensor, int64_t sample,
                              MeshContent content, std::string* out);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_MESH_MESH_ARRAYS_H_
