// A coarse level of detail of a mesh, for a first frame drawn before the
// full arrays have arrived (the /preview route): vertex clustering on a grid
// of `cells` cubes along the longest side of the bounding box. The vertices
// in one cube become one vertex at their mean position (and mean colour); a
// triangle whose corners fall into three different cubes is kept (once per
// set of cubes, with the orientation of its first occurrence), the others
// vanish. A point cloud (no faces) comes back as its clustered points. Pure
// functions; any thread may call them.
#ifndef TBX_PLUGINS_MESH_MESH_PREVIEW_H_
#define TBX_PLUGINS_MESH_MESH_PREVIEW_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tbx::plugins {

// Grid resolutions accepted by DecimateMesh.
inline constexpr int kMinPreviewCells = 2;
inline constexpr int kMaxPreviewCells = 128;

// The preview of the mesh whose /data arrays (little-endian float32 x, y, z
// per vertex; int32 vertex indices, three per triangle, may be empty;
// uint8 r, g, b per vertex, may be empty) are given, as the bytes the
// /preview route answers:
//   uint32 vertices, uint32 triangles, uint32 flags (bit 0: colours),
//   uint32 triangles of the full mesh;
//   float32 x, y, z per vertex; uint32 indices, three per triangle;
//   uint8 r, g, b per vertex when bit 0 is set;
// all little-endian. InvalidArgument when the arrays are not whole triples,
// a face points outside the vertices, the colours do not match the vertices
// or `cells` is outside [kMinPreviewCells, kMaxPreviewCells].
absl::StatusOr<std::string> DecimateMesh(std::string_view vertices,
                                         std::string_view faces,
                                         std::string_view colors, int cells);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_MESH_MESH_PREVIEW_H_
