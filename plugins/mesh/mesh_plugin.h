// The mesh plugin: TensorBoard's /data/plugin/mesh/{tags,meshes,data} routes,
// and tbx's /preview (a coarse level of detail for a fast first frame).
// A mesh named N is stored as up to three tensor tags ("N_VERTEX", "N_FACE",
// "N_COLOR"), each with MeshPluginData metadata naming N and its component;
// the routes address meshes by N. Unlike TensorBoard (100 sampled steps) tbx
// serves every stored step. Holds the provider pointer and a thread-safe
// cache of previews: handlers may run on any number of server threads at
// once.
#ifndef TBX_PLUGINS_MESH_MESH_PLUGIN_H_
#define TBX_PLUGINS_MESH_MESH_PLUGIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugins/common/answer_cache.h"
#include "plugins/mesh/mesh_arrays.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class MeshPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit MeshPlugin(const DataProvider* provider) : provider_(provider) {}

  std::string name() const override { return "mesh"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override { return {"mesh"}; }

  // GET /tags -> {run: {mesh_name: {"samples": batch size}}}.
  Response Tags(const Request& request) const;
  // GET /meshes?run=R&tag=N -> [{"wall_time", "step", "content_type",
  // "components", "config", "data_shape"}, ...], one per component per step,
  // ordered by step (stable). Unknown run or mesh: [].
  Response Meshes(const Request& request) const;
  // GET /data?run=R&tag=N&content_type=VERTEX|FACE|COLOR[&sample=0][&step=0]
  // -> the component's sample at that step (every datum at the step, in
  // order), Content-Type "arraybuffer". 400 for a bad content_type, step or
  // sample.
  Response Data(const Request& request) const;
  // GET /preview?run=R&tag=N[&sample=0][&step=0][&cells=64] -> a coarse
  // level of detail of the mesh at that step (tbx's own route, not
  // TensorBoard's; format in mesh_preview.h and http_api.md), for a first
  // frame drawn before the full arrays have arrived; kept in `previews_`
  // while the data does not change. 400 for bad parameters or a damaged mesh,
  // 404 when the step has no vertices.
  Response Preview(const Request& request) const;

 private:
  // Appends component `content` of sample `sample` at `step` to `*body`
  // (nothing when none is stored there); an error answer for a bad sample.
  std::optional<Response> ReadComponent(const std::string& run,
                                        const std::string& tag, double step,
                                        int64_t sample, MeshContent content,
                                        std::string* body) const;

  const DataProvider* provider_;
  // Preview bodies (a few hundred kB each at the default grid).
  mutable AnswerCache previews_{8 << 20};
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_MESH_MESH_PLUGIN_H_
