// The latest checkpoint of a directory; see checkpoint_finder.h.
#include "plugins/projector/checkpoint_finder.h"

#include <fstream>
#include <sstream>

#include "google/protobuf/text_format.h"
#include "plugins/projector/asset_path.h"
#include "proto/tensor_bundle.pb.h"

namespace tbx::plugins::projector {

std::optional<std::string> LatestCheckpoint(const std::string& dir) {
  std::ifstream file(dir + "/checkpoint");
  if (!file) return std::nullopt;
  std::stringstream text;
  text << file.rdbuf();
  tensorboard::checkpoint::CheckpointState state;
  google::protobuf::TextFormat::Parser parser;
  parser.AllowUnknownField(true);
  if (!parser.ParseFromString(text.str(), &state) ||
      state.model_checkpoint_path().empty()) {
    return std::nullopt;
  }
  absl::StatusOr<std::string> prefix =
      ResolveInside(dir, state.model_checkpoint_path());
  if (!prefix.ok() || !IsRegularFile(*prefix + ".index")) return std::nullopt;
  return *prefix;
}

}  // namespace tbx::plugins::projector
