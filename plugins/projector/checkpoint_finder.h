// Finding a directory's latest TensorFlow checkpoint, as
// tf.train.latest_checkpoint does: the `checkpoint` file (a text-format
// CheckpointState) names model_checkpoint_path, relative to the directory or
// absolute; it counts when "<prefix>.index" exists (V2 format). The prefix must
// lie inside the directory. Pure function over the file system; any thread.
#ifndef TBX_PLUGINS_PROJECTOR_CHECKPOINT_FINDER_H_
#define TBX_PLUGINS_PROJECTOR_CHECKPOINT_FINDER_H_

#include <optional>
#include <string>

namespace tbx::plugins::projector {

// The absolute prefix of `dir`'s latest V2 checkpoint, if any.
std::optional<std::string> LatestCheckpoint(const std::string& dir);

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_CHECKPOINT_FINDER_H_
