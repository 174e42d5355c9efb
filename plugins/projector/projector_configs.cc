// Discovering and completing projector configs; see projector_configs.h.
#include "plugins/projector/projector_configs.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "plugins/projector/asset_path.h"
#include "plugins/projector/checkpoint_finder.h"

namespace tbx::plugins::projector {
namespace {

namespace fs = std::filesystem;
using ::tensorboard::projector::EmbeddingInfo;
using ::tensorboard::projector::ProjectorConfig;

constexpr char kConfigFile[] = "projector_config.pbtxt";
constexpr char kAssetsDir[] = "plugins/org_tensorflow_tensorboard_projector";

std::string Canonical(const std::string& name) {
  return absl::StrContains(name, ':') ? name : name + ":0";
}

EmbeddingInfo* FindEmbedding(ProjectorConfig* config, const std::string& name) {
  for (EmbeddingInfo& info : *config->mutable_embeddings()) {
    if (Canonical(info.tensor_name()) == Canonical(name)) return &info;
  }
  return nullptr;
}

}  // namespace

std::optional<ProjectorConfigs::Stamp> ProjectorConfigs::StampOf(
    const std::string& path) {
  std::error_code error;
  const uint64_t size = fs::file_size(path, error);
  if (error) return std::nullopt;
  const auto time = fs::last_write_time(path, error);
  if (error) return std::nullopt;
  return Stamp{size, time.time_since_epoch().count()};
}

void ProjectorConfigs::Report(const std::string& run,
                              std::string message) const {
  absl::MutexLock lock(&mu_);
  problems_[run] = std::move(message);
}

std::vector<std::pair<std::string, std::string>> ProjectorConfigs::Problems()
    const {
  absl::MutexLock lock(&mu_);
  return {problems_.begin(), problems_.end()};
}

std::vector<RunProjector> ProjectorConfigs::All() const {
  std::vector<RunProjector> out;
  const std::vector<RunInfo> runs = provider_->ListRuns();
  if (runs.empty()) {
    if (!logdir_.empty() && fs::is_directory(logdir_)) {
      if (auto p = Load(".", logdir_)) out.push_back(std::move(*p));
    }
    return out;
  }
  for (const RunInfo& info : runs) {
    absl::StatusOr<std::string> dir = provider_->RunDirectory(info.name);
    if (!dir.ok()) continue;
    if (auto p = Load(info.name, *dir)) out.push_back(std::move(*p));
  }
  return out;
}

std::optional<RunProjector> ProjectorConfigs::ForRun(
    const std::string& run) const {
  if (provider_->ListRuns().empty()) {
    if (run == "." && !logdir_.empty()) return Load(".", logdir_);
    return std::nullopt;
  }
  absl::StatusOr<std::string> dir = provider_->RunDirectory(run);
  if (!dir.ok()) return std::nullopt;
  return Load(run, *dir);
}

std::optional<RunProjector> ProjectorConfigs::Load(
    const std::string& run, const std::string& run_dir) const {
  RunProjector p;
  p.run = run;
  p.config_dir = run_dir;
  const std::string assets = absl::StrCat(run_dir, "/", kAssetsDir);
  if (IsRegularFile(absl::StrCat(assets, "/", kConfigFile)))
    p.config_dir = assets;
  p.config_path = absl::StrCat(p.config_dir, "/", kConfigFile);
  if (IsRegularFile(p.config_path)) {
    std::ifstream file(p.config_path);
    std::stringstream text;
    text << file.rdbuf();
    if (!google::protobuf::TextFormat::ParseFromString(text.str(), &p.config)) {
      Report(run, absl::StrCat(p.config_path,
                               " does not parse as a ProjectorConfig"));
      return std::nullopt;
    }
  }
  bool has_tensor_files = false;
  for (EmbeddingInfo& info : *p.config.mutable_embeddings()) {
    if (info.tensor_path().empty()) continue;
    if (info.tensor_name().empty())
      info.set_tensor_name(fs::path(info.tensor_path()).filename().string());
    has_tensor_files = true;
  }
  // The checkpoint: named by the config, else the latest one beside the run.
  if (!p.config.model_checkpoint_path().empty()) {
    absl::StatusOr<std::string> prefix =
        ResolveInside(p.config_dir, p.config.model_checkpoint_path());
    if (prefix.ok() && IsRegularFile(*prefix + ".index")) {
      p.checkpoint_prefix = *prefix;
    } else {
      Report(run, prefix.ok()
                      ? absl::StrCat("checkpoint \"", *prefix, "\" not found")
                      : std::string(prefix.status().message()));
    }
  } else {
    std::optional<std::string> found;
    if (!p.config.model_checkpoint_dir().empty()) {
      absl::StatusOr<std::string> dir =
          ResolveInside(p.config_dir, p.config.model_checkpoint_dir());
      if (dir.ok()) found = LatestCheckpoint(*dir);
    } else {
      found = LatestCheckpoint(run_dir);
      if (!found.has_value()) {
        found = LatestCheckpoint(fs::path(run_dir).parent_path().string());
      }
    }
    if (!found.has_value() && !has_tensor_files) return std::nullopt;
    if (found.has_value()) {
      p.checkpoint_prefix = *found;
      p.config.set_model_checkpoint_path(*found);
    }
  }
  Complete(&p);
  if (p.config.embeddings_size() == 0) return std::nullopt;
  return p;
}

void ProjectorConfigs::Complete(RunProjector* p) const {
  for (EmbeddingInfo& info : *p->config.mutable_embeddings()) {
    if (absl::EndsWith(info.tensor_name(), ":0"))
      info.set_tensor_name(
          info.tensor_name().substr(0, info.tensor_name().size() - 2));
    if (info.tensor_path().empty() || info.tensor_shape_size() > 0) continue;
    absl::StatusOr<std::string> path =
        ResolveInside(p->config_dir, info.tensor_path());
    if (!path.ok()) continue;
    const std::vector<uint32_t> declared(info.tensor_shape().begin(),
                                         info.tensor_shape().end());
    if (std::optional<Shape2D> shape = TensorFileShape(*path, declared)) {
      info.add_tensor_shape(static_cast<uint32_t>(shape->rows));
      info.add_tensor_shape(static_cast<uint32_t>(shape->cols));
    }
  }
  if (p->checkpoint_prefix.empty()) return;
  absl::StatusOr<std::shared_ptr<const TensorBundle>> bundle =
      Bundle(p->checkpoint_prefix);
  if (!bundle.ok()) {
    Report(p->run, std::string(bundle.status().message()));
    return;
  }
  std::optional<EmbeddingInfo> special;
  if (p->config.embeddings_size() > 0 &&
      p->config.embeddings(0).tensor_name().empty()) {
    special = p->config.embeddings(0);
    p->config.mutable_embeddings()->erase(
        p->config.mutable_embeddings()->begin());
  }
  for (const BundleTensor& tensor : (*bundle)->tensors()) {
    if (tensor.shape.size() != 2) continue;
    EmbeddingInfo* info = FindEmbedding(&p->config, tensor.name);
    if (info == nullptr) info = FindEmbedding(&p->config, tensor.key);
    if (info == nullptr) {
      info = p->config.add_embeddings();
      info->set_tensor_name(tensor.name);
      if (special.has_value()) {
        info->set_metadata_path(special->metadata_path());
        info->set_bookmarks_path(special->bookmarks_path());
      }
    }
    if (info->tensor_shape_size() == 0) {
      info->add_tensor_shape(static_cast<uint32_t>(tensor.shape[0]));
      info->add_tensor_shape(static_cast<uint32_t>(tensor.shape[1]));
    }
  }
}

std::optional<Shape2D> ProjectorConfigs::TensorFileShape(
    const std::string& path, const std::vector<uint32_t>& declared) const {
  const std::optional<Stamp> stamp = StampOf(path);
  if (!stamp.has_value()) return std::nullopt;
  {
    absl::MutexLock lock(&mu_);
    auto it = shapes_.find(path);
    if (it != shapes_.end() && it->second.first == *stamp)
      return it->second.second;
  }
  absl::StatusOr<Shape2D> shape = ReadTensorFile(path, declared, -1, nullptr);
  if (!shape.ok()) return std::nullopt;
  absl::MutexLock lock(&mu_);
  shapes_[path] = {*stamp, *shape};
  return *shape;
}

absl::StatusOr<std::shared_ptr<const TensorBundle>> ProjectorConfigs::Bundle(
    const std::string& prefix) const {
  const std::optional<Stamp> stamp = StampOf(prefix + ".index");
  if (!stamp.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("checkpoint \"", prefix, "\" not found"));
  }
  {
    absl::MutexLock lock(&mu_);
    auto it = bundles_.find(prefix);
    if (it != bundles_.end() && it->second.first == *stamp)
      return it->second.second;
  }
  absl::StatusOr<TensorBundle> bundle = TensorBundle::Open(prefix);
  if (!bundle.ok()) return bundle.status();
  auto shared = std::make_shared<const TensorBundle>(std::move(*bundle));
  absl::MutexLock lock(&mu_);
  bundles_[prefix] = {*stamp, shared};
  return shared;
}

}  // namespace tbx::plugins::projector
