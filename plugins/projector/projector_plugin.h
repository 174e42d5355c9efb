// The projector plugin: TensorBoard's /data/plugin/projector/{runs, info,
// tensor, metadata, sprite_image, bookmarks} routes over the configs and
// checkpoints ProjectorConfigs finds (see projector_configs.h). Tensors are
// served as row-major little-endian float32 streamed from the file or
// checkpoint shard a buffer at a time (Response::stream), after the whole
// file or tensor has been checked, so a request holds no copy of the tensor;
// every file read resolves inside its config's directory. Handlers may run on
// any number of server threads at once.
#ifndef TBX_PLUGINS_PROJECTOR_PROJECTOR_PLUGIN_H_
#define TBX_PLUGINS_PROJECTOR_PROJECTOR_PLUGIN_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "plugins/common/sticky_activity.h"
#include "plugins/projector/projector_configs.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class ProjectorPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin; `logdir` is the --logdir string (read
  // as run "." when there are no runs).
  ProjectorPlugin(const DataProvider* provider, std::string logdir,
                  absl::Duration active_recheck = absl::Seconds(10))
      : configs_(provider, std::move(logdir)),
        active_(active_recheck, [this] { return !configs_.All().empty(); }) {}

  std::string name() const override { return "projector"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override { return {}; }
  // Whether any run has embeddings. (TensorBoard works this out on a
  // background thread, so its first listing after start-up says false; tbx
  // answers at once, the first time.) Finding out probes several files in
  // every run's directory, so later calls answer from the last scan and look
  // again in the background `active_recheck` after it
  // (common/sticky_activity.h).
  bool IsActive(const DataProvider& provider) const override;
  // Starts IsActive's first scan in the background (it reads the runs the
  // first load pass found); the first listing waits for it, if still under way.
  void WarmUp() override { active_.Prime(); }
  std::vector<std::pair<std::string, std::string>> DataProblems()
      const override {
    return configs_.Problems();
  }

  // GET /runs -> ["run", ...]: the runs with embeddings.
  Response Runs(const Request& request) const;
  // GET /info?run=R -> the completed ProjectorConfig as protobuf JSON.
  Response Info(const Request& request) const;
  // GET /tensor?run=R&name=N[&num_rows=K] -> float32 rows.
  Response Tensor(const Request& request) const;
  // GET /pca?run=R&name=N[&num_rows=K][&components=C][&project=P] -> the
  // tensor's principal components and every row projected onto the first P
  // (server_pca.h; layout in http_api.md).
  Response Pca(const Request& request) const;
  // GET /metadata?run=R&name=N[&num_rows=K] -> the TSV, cut after K rows (plus
  // the header line, when the first line holds a tab).
  Response Metadata(const Request& request) const;
  // GET /sprite_image?run=R&name=N -> the sprite sheet.
  Response SpriteImage(const Request& request) const;
  // GET /bookmarks?run=R&name=N -> the bookmarks JSON file.
  Response Bookmarks(const Request& request) const;

 private:
  projector::ProjectorConfigs configs_;
  mutable StickyActivity active_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_PROJECTOR_PROJECTOR_PLUGIN_H_
