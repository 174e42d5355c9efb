// ProjectorConfigs: which runs have embeddings and what they are, as
// TensorBoard's projector works it out. For each run, the config is
// `projector_config.pbtxt` in the run's directory, or in its
// `plugins/org_tensorflow_tensorboard_projector/` asset directory (which wins);
// with no runs at all the logdir itself is run ".". Each config is completed:
// tensor names lose a ":0" suffix, tensor files without a name are named by
// their file name, missing shapes are read from the tensor files, and every
// 2-D variable of the run's checkpoint (the config's model_checkpoint_path /
// model_checkpoint_dir, else the latest checkpoint of the run directory or its
// parent) becomes an embedding. A first embedding without a tensor name lends
// its metadata and bookmarks paths to the checkpoint's variables. Runs left
// without embeddings are dropped.
//
// Configs are re-read on every call (they are small); tensor-file shapes and
// opened checkpoints are cached by file size and modification time.
// Thread-safe.
#ifndef TBX_PLUGINS_PROJECTOR_PROJECTOR_CONFIGS_H_
#define TBX_PLUGINS_PROJECTOR_PROJECTOR_CONFIGS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "plugins/projector/tensor_bundle.h"
#include "plugins/projector/tensor_file.h"
#include "proto/projector_config.pb.h"
#include "tbx/data_provider.h"

namespace tbx::plugins::projector {

// One run's completed config.
struct RunProjector {
  std::string run;
  std::string
      config_path;  // the config file (may not exist for a bare checkpoint)
  std::string config_dir;  // every asset path resolves inside this directory
  ::tensorboard::projector::ProjectorConfig config;
  std::string checkpoint_prefix;  // absolute, or empty when there is none
};

class ProjectorConfigs {
 public:
  // `provider` must outlive this object; `logdir` is the --logdir string.
  ProjectorConfigs(const DataProvider* provider, std::string logdir)
      : provider_(provider), logdir_(std::move(logdir)) {}
  ProjectorConfigs(const ProjectorConfigs&) = delete;
  ProjectorConfigs& operator=(const ProjectorConfigs&) = delete;

  // Every run with embeddings, in the provider's run order.
  std::vector<RunProjector> All() const;
  // The run's config; nullopt when the run has no embeddings.
  std::optional<RunProjector> ForRun(const std::string& run) const;

  // The opened checkpoint at `prefix` (cached while its index is unchanged).
  absl::StatusOr<std::shared_ptr<const TensorBundle>> Bundle(
      const std::string& prefix) const;

  // Problems met reading configs and checkpoints, as (run, message).
  std::vector<std::pair<std::string, std::string>> Problems() const;

 private:
  std::optional<RunProjector> Load(const std::string& run,
                                   const std::string& run_dir) const;
  void Complete(RunProjector* projector) const;
  std::optional<Shape2D> TensorFileShape(
      const std::string& path, const std::vector<uint32_t>& declared) const;
  void Report(const std::string& run, std::string message) const;

  const DataProvider* provider_;
  const std::string logdir_;

  struct Stamp {
    uint64_t size = 0;
    int64_t mtime = 0;
    bool operator==(const Stamp&) const = default;
  };
  static std::optional<Stamp> StampOf(const std::string& path);

  mutable absl::Mutex mu_;
  mutable std::map<std::string, std::pair<Stamp, Shape2D>> shapes_
      ABSL_GUARDED_BY(mu_);
  mutable std::map<std::string,
                   std::pair<Stamp, std::shared_ptr<const TensorBundle>>>
      bundles_ ABSL_GUARDED_BY(mu_);
  mutable std::map<std::string, std::string> problems_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_PROJECTOR_CONFIGS_H_
