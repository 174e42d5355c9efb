// Vertex-clustering decimation of a mesh; see mesh_preview.h.
#include "plugins/mesh/mesh_preview.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_set>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx::plugins {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the preview is written in the machine's byte order");

template <typename T>
T Load(std::string_view bytes, size_t index) {
  T value;
  std::memcpy(&value, bytes.data() + index * sizeof(T), sizeof(T));
  return value;
}

template <typename T>
void Append(std::string* out, const T* values, size_t count) {
  out->append(reinterpret_cast<const char*>(values), count * sizeof(T));
}

// Sums of the vertices of one cube.
struct Cluster {
  std::array<double, 3> position{};
  std::array<double, 3> color{};
  int64_t count = 0;
};

}  // namespace

absl::StatusOr<std::string> DecimateMesh(std::string_view vertices,
                                         std::string_view faces,
                                         std::string_view colors, int cells) {
  if (cells < kMinPreviewCells || cells > kMaxPreviewCells) {
    return absl::InvalidArgumentError(
        absl::StrCat("cells must be between ", kMinPreviewCells, " and ",
                     kMaxPreviewCells, ", got ", cells));
  }
  if (vertices.size() % 12 != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "vertex data of ", vertices.size(), " bytes is not x, y, z triples"));
  }
  if (faces.size() % 12 != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("face data of ", faces.size(), " bytes is not triangles"));
  }
  const size_t vertex_count = vertices.size() / 12;
  const bool has_colors = !colors.empty();
  if (has_colors && colors.size() != vertex_count * 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("there are ", colors.size() / 3.0, " colours for ",
                     vertex_count, " vertices"));
  }

  // The bounding box of the finite vertices; its longest side is cut into
  // `cells` cubes.
  std::array<float, 3> low{}, high{};
  low.fill(std::numeric_limits<float>::infinity());
  high.fill(-std::numeric_limits<float>::infinity());
  for (size_t i = 0; i < vertex_count * 3; ++i) {
    const float v = Load<float>(vertices, i);
    if (!std::isfinite(v)) continue;
    low[i % 3] = std::min(low[i % 3], v);
    high[i % 3] = std::max(high[i % 3], v);
  }
  float extent = 0;
  for (int axis = 0; axis < 3; ++axis) {
    if (low[axis] > high[axis]) low[axis] = high[axis] = 0;  // none finite
    extent = std::max(extent, high[axis] - low[axis]);
  }
  const double scale = extent > 0 ? cells / static_cast<double>(extent) : 0;
  auto cell_of = [&](float v, int axis) -> size_t {
    const double c = std::floor((v - low[axis]) * scale);
    // NaN fails both comparisons and lands in cube 0.
    if (!(c > 0)) return 0;
    return c >= cells ? static_cast<size_t>(cells - 1) : static_cast<size_t>(c);
  };

  // Cube -> cluster number (dense: at most 128^3 cubes).
  const size_t side = static_cast<size_t>(cells);
  std::vector<int32_t> cluster_of_cube(side * side * side, -1);
  std::vector<uint32_t> cluster_of_vertex(vertex_count);
  std::vector<Cluster> clusters;
  for (size_t i = 0; i < vertex_count; ++i) {
    std::array<float, 3> p{};
    for (int axis = 0; axis < 3; ++axis)
      p[axis] = Load<float>(vertices, i * 3 + axis);
    const size_t cube =
        (cell_of(p[0], 0) * side + cell_of(p[1], 1)) * side + cell_of(p[2], 2);
    int32_t& id = cluster_of_cube[cube];
    if (id < 0) {
      id = static_cast<int32_t>(clusters.size());
      clusters.emplace_back();
    }
    cluster_of_vertex[i] = static_cast<uint32_t>(id);
    Cluster& cluster = clusters[static_cast<size_t>(id)];
    for (int axis = 0; axis < 3; ++axis) {
      cluster.position[axis] += std::isfinite(p[axis]) ? p[axis] : 0.0;
      if (has_colors) {
        cluster.color[axis] += static_cast<unsigned char>(colors[i * 3 + axis]);
      }
    }
    ++cluster.count;
  }

  // Triangles between three different clusters, each set of three once.
  const size_t face_count = faces.size() / 12;
  std::vector<uint32_t> kept;
  std::unordered_set<uint64_t> seen;
  for (size_t f = 0; f < face_count; ++f) {
    std::array<uint32_t, 3> c{};
    for (int corner = 0; corner < 3; ++corner) {
      const int32_t index = Load<int32_t>(faces, f * 3 + corner);
      if (index < 0 || static_cast<size_t>(index) >= vertex_count) {
        return absl::InvalidArgumentError(
            absl::StrCat("face ", f, " refers to vertex ", index,
                         ", but the mesh has ", vertex_count, " vertices"));
      }
      c[corner] = cluster_of_vertex[static_cast<size_t>(index)];
    }
    if (c[0] == c[1] || c[1] == c[2] || c[0] == c[2]) continue;
    std::array<uint64_t, 3> sorted = {c[0], c[1], c[2]};
    std::sort(sorted.begin(), sorted.end());
    // Cluster numbers are below 2^21 (128^3 cubes).
    if (!seen.insert((sorted[0] << 42) | (sorted[1] << 21) | sorted[2]).second)
      continue;
    kept.insert(kept.end(), c.begin(), c.end());
  }

  std::vector<float> positions(clusters.size() * 3);
  std::vector<uint8_t> mean_colors(has_colors ? clusters.size() * 3 : 0);
  for (size_t k = 0; k < clusters.size(); ++k) {
    const Cluster& cluster = clusters[k];
    for (int axis = 0; axis < 3; ++axis) {
      positions[k * 3 + axis] =
          static_cast<float>(cluster.position[axis] / cluster.count);
      if (has_colors) {
        mean_colors[k * 3 + axis] = static_cast<uint8_t>(
            std::lround(cluster.color[axis] / cluster.count));
      }
    }
  }
  const std::array<uint32_t, 4> header = {
      static_cast<uint32_t>(clusters.size()),
      static_cast<uint32_t>(kept.size() / 3), has_colors ? 1u : 0u,
      static_cast<uint32_t>(face_count)};
  std::string out;
  out.reserve(16 + positions.size() * 4 + kept.size() * 4 + mean_colors.size());
  Append(&out, header.data(), header.size());
  Append(&out, positions.data(), positions.size());
  Append(&out, kept.data(), kept.size());
  Append(&out, mean_colors.data(), mean_colors.size());
  return out;
}

}  // namespace tbx::plugins
