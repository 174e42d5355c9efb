// The mesh plugin: TensorBoard's /data/plugin/mesh/{tags,meshes,data} routes.
// A mesh named N is stored as up to three tensor tags ("N_VERTEX", "N_FACE",
// "N_COLOR"), each with MeshPluginData metadata naming N and its component;
// the routes address meshes by N. Unlike TensorBoard (100 sampled steps) tbx
// serves every stored step. Stateless apart from the provider pointer:
// handlers may run on any number of server threads at once.
#ifndef TBX_PLUGINS_MESH_MESH_PLUGIN_H_
#define TBX_PLUGINS_MESH_MESH_PLUGIN_H_

#include <string>
#include <vector>

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

 private:
  const DataProvider* provider_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_MESH_MESH_PLUGIN_H_
