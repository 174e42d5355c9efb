// The projector plugin's routes; see projector_plugin.h.
#include "plugins/projector/projector_plugin.h"

#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "plugins/common/header_value.h"
#include "plugins/common/params.h"
#include "plugins/images/image_mime_type.h"
#include "plugins/projector/asset_path.h"
#include "plugins/projector/server_pca.h"
#include "plugins/projector/sprite_check.h"
#include "plugins/projector/tensor_file.h"

namespace tbx::plugins {
namespace {

using projector::RunProjector;
using ::tensorboard::projector::EmbeddingInfo;

constexpr char kRoutePrefix[] = "/data/plugin/projector";
constexpr uint64_t kMaxAssetBytes = 512ull << 20;

std::string Canonical(const std::string& name) {
  return name.find(':') != std::string::npos ? name : name + ":0";
}

const EmbeddingInfo* FindEmbedding(const RunProjector& p,
                                   const std::string& name) {
  for (const EmbeddingInfo& info : p.config.embeddings()) {
    if (Canonical(info.tensor_name()) == Canonical(name)) return &info;
  }
  return nullptr;
}

// The parsed num_rows parameter: -1 when absent, nullopt when not an integer
// > 0.
std::optional<int64_t> NumRows(const Request& request) {
  const std::string text = request.Param("num_rows").value_or("");
  if (text.empty()) return -1;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || value > (INT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value <= 0) return std::nullopt;
  return value;
}

// The request's run and, with `want_name`, tensor name, and the run's
// config; or the 400 response TensorBoard gives.
struct Target {
  std::optional<RunProjector> projector;
  std::string name;
  int64_t num_rows = -1;  // -1: every row
  std::optional<Response> error;
};

Target ParseTarget(const projector::ProjectorConfigs& configs,
                   const Request& request, bool want_name,
                   bool want_rows = false) {
  Target target;
  const std::optional<std::string> run = request.Param("run");
  if (!run.has_value() || run->empty()) {
    target.error = Response::BadRequest("query parameter \"run\" is required");
    return target;
  }
  if (want_name) {
    const std::optional<std::string> name = request.Param("name");
    if (!name.has_value()) {
      target.error =
          Response::BadRequest("query parameter \"name\" is required");
      return target;
    }
    target.name = *name;
  }
  if (want_rows) {
    const std::optional<int64_t> rows = NumRows(request);
    if (!rows.has_value()) {
      target.error =
          Response::BadRequest("query parameter num_rows must be integer > 0");
      return target;
    }
    target.num_rows = *rows;
  }
  target.projector = configs.ForRun(*run);
  if (!target.projector.has_value()) {
    target.error =
        Response::BadRequest(absl::StrCat("Unknown run: \"", *run, "\""));
  }
  return target;
}

// The bytes of a config-named file, confined to the config's directory.
absl::StatusOr<std::string> ReadAsset(const RunProjector& p,
                                      const std::string& path) {
  absl::StatusOr<std::string> resolved =
      projector::ResolveInside(p.config_dir, path);
  if (!resolved.ok()) return resolved.status();
  if (!projector::IsRegularFile(*resolved)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", *resolved, "\" not found, or is not a file"));
  }
  std::ifstream file(*resolved, std::ios::binary);
  std::string bytes;
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  if (size < 0 || static_cast<uint64_t>(size) > kMaxAssetBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", *resolved, "\" is too large to serve"));
  }
  bytes.resize(static_cast<size_t>(size));
  file.seekg(0);
  file.read(bytes.data(), size);
  return bytes;
}

Response Missing(std::string_view what, const std::string& name,
                 const RunProjector& p) {
  return Response::BadRequest(
      absl::StrCat("No ", std::string(what), " file found for tensor \"", name,
                   "\" in the config file \"", p.config_path, "\""));
}

}  // namespace

std::vector<Route> ProjectorPlugin::Routes() {
  auto route = [this](const char* path, Response (ProjectorPlugin::*method)(
                                            const Request&) const) {
    return Route{
        absl::StrCat(kRoutePrefix, path),
        [this, method](const Request& r) { return (this->*method)(r); }};
  };
  return {route("/runs", &ProjectorPlugin::Runs),
          route("/info", &ProjectorPlugin::Info),
          route("/tensor", &ProjectorPlugin::Tensor),
          route("/pca", &ProjectorPlugin::Pca),
          route("/metadata", &ProjectorPlugin::Metadata),
          route("/sprite_image", &ProjectorPlugin::SpriteImage),
          route("/bookmarks", &ProjectorPlugin::Bookmarks)};
}

bool ProjectorPlugin::IsActive(const DataProvider& /*provider*/) const {
  return active_.Get();
}

FrontendMetadata ProjectorPlugin::Frontend() const {
  FrontendMetadata metadata;
  metadata.tab_name = "projector";
  metadata.disable_reload = true;
  metadata.loading_mechanism = {
      {"type", "IFRAME"}, {"module_path", "/data/plugin/projector/index.js"}};
  return metadata;
}

Response ProjectorPlugin::Runs(const Request& /*request*/) const {
  std::string json = "[";
  bool first = true;
  for (const RunProjector& p : configs_.All()) {
    nlohmann::json name = p.run;
    absl::StrAppend(&json, first ? "" : ", ", name.dump());
    first = false;
  }
  json += "]";
  return Response::Json(std::move(json));
}

Response ProjectorPlugin::Info(const Request& request) const {
  Target target = ParseTarget(configs_, request, /*want_name=*/false);
  if (target.error.has_value()) return *target.error;
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  if (!google::protobuf::util::MessageToJsonString(target.projector->config,
                                                   &json, options)
           .ok()) {
    return Response::Error(500, "cannot print the projector config");
  }
  return Response::Json(std::move(json));
}

namespace {

// The float32 rows of tensor `name` of `p`, checked and opened for reading
// from the start; the error message (a 400) otherwise.
struct OpenedRows {
  uint64_t size = 0;  // bytes
  uint64_t cols = 0;
  projector::RowReader next;
};

absl::StatusOr<OpenedRows> OpenRows(const projector::ProjectorConfigs& configs,
                                    const RunProjector& p,
                                    const std::string& name, int64_t num_rows) {
  const EmbeddingInfo* info = FindEmbedding(p, name);
  if (info != nullptr && !info->tensor_path().empty()) {
    absl::StatusOr<std::string> path =
        projector::ResolveInside(p.config_dir, info->tensor_path());
    if (!path.ok()) return path.status();
    const std::vector<uint32_t> declared(info->tensor_shape().begin(),
                                         info->tensor_shape().end());
    absl::StatusOr<std::unique_ptr<projector::TensorFileStream>> stream =
        projector::StreamTensorFile(*path, declared, num_rows);
    if (!stream.ok()) return stream.status();
    std::shared_ptr<projector::TensorFileStream> rows = *std::move(stream);
    // The config is completed with every tensor file's shape.
    const uint64_t cols =
        info->tensor_shape_size() == 2 ? info->tensor_shape(1) : 0;
    return OpenedRows{rows->size(), cols, [rows](std::span<char> buffer) {
                        return rows->Next(buffer);
                      }};
  }
  const std::string missing =
      absl::StrCat("Tensor \"", name, "\" not found in checkpoint dir \"",
                   p.checkpoint_prefix, "\"");
  if (p.checkpoint_prefix.empty()) return absl::InvalidArgumentError(missing);
  absl::StatusOr<std::shared_ptr<const projector::TensorBundle>> bundle =
      configs.Bundle(p.checkpoint_prefix);
  if (!bundle.ok()) return bundle.status();
  const projector::BundleTensor* tensor = (*bundle)->Find(name);
  if (tensor == nullptr && name.ends_with(":0")) {
    tensor = (*bundle)->Find(name.substr(0, name.size() - 2));
  }
  if (tensor == nullptr) return absl::InvalidArgumentError(missing);
  absl::StatusOr<projector::Float32RowStream> stream =
      (*bundle)->StreamFloat32(*tensor, num_rows);
  if (!stream.ok()) return stream.status();
  auto rows = std::make_shared<projector::Float32RowStream>(*std::move(stream));
  const uint64_t cols =
      tensor->shape.size() == 2 ? static_cast<uint64_t>(tensor->shape[1]) : 0;
  return OpenedRows{rows->size(), cols, [rows](std::span<char> buffer) {
                      return rows->Next(buffer);
                    }};
}

}  // namespace

Response ProjectorPlugin::Tensor(const Request& request) const {
  Target target = ParseTarget(configs_, request, /*want_name=*/true,
                              /*want_rows=*/true);
  if (target.error.has_value()) return *target.error;
  absl::StatusOr<OpenedRows> rows =
      OpenRows(configs_, *target.projector, target.name, target.num_rows);
  if (!rows.ok())
    return Response::BadRequest(std::string(rows.status().message()));
  return Response::Stream("application/octet-stream", rows->size,
                          std::move(rows->next));
}

namespace {

// The `pca` route's tensor: `run` and `name`, or with `first=true` (and
// neither) the first run's first embedding, the one the dashboard opens on.
Target PcaTarget(const projector::ProjectorConfigs& configs,
                 const Request& request) {
  const std::optional<std::string> first = request.Param("first");
  if (!first.has_value()) {
    return ParseTarget(configs, request, /*want_name=*/true,
                       /*want_rows=*/true);
  }
  Target target;
  if (*first != "true") {
    target.error = Response::BadRequest("query parameter first must be true");
  } else if (request.Param("run").has_value() ||
             request.Param("name").has_value()) {
    target.error = Response::BadRequest(
        "query parameter first takes no run or name (it chooses them)");
  } else if (const std::optional<int64_t> rows = NumRows(request);
             !rows.has_value()) {
    target.error =
        Response::BadRequest("query parameter num_rows must be integer > 0");
  } else {
    target.num_rows = *rows;
    for (RunProjector& p : configs.All()) {
      if (p.config.embeddings_size() == 0) continue;
      target.name = p.config.embeddings(0).tensor_name();
      target.projector = std::move(p);
      break;
    }
    if (!target.projector.has_value()) {
      target.error = Response::BadRequest("no run has embeddings");
    }
  }
  return target;
}

}  // namespace

Response ProjectorPlugin::Pca(const Request& request) const {
  Target target = PcaTarget(configs_, request);
  if (target.error.has_value()) return *target.error;
  const absl::StatusOr<int64_t> components =
      IntParam(request, "components", 10, 1, projector::kMaxPcaComponents);
  if (!components.ok()) return ErrorResponse(components.status());
  const absl::StatusOr<int64_t> project =
      IntParam(request, "project", 3, 1, projector::kMaxPcaComponents);
  if (!project.ok()) return ErrorResponse(project.status());
  if (*project > *components) {
    return Response::BadRequest(
        "query parameter project must be an integer in [1, components]");
  }
  const std::string coords = request.Param("coords").value_or("float32");
  if (coords != "float32" && coords != "float16") {
    return Response::BadRequest(
        "query parameter coords must be float32 or float16");
  }
  absl::StatusOr<OpenedRows> first =
      OpenRows(configs_, *target.projector, target.name, target.num_rows);
  if (!first.ok())
    return Response::BadRequest(std::string(first.status().message()));
  const uint64_t cols = first->cols;
  if (cols == 0 || first->size % (4 * cols) != 0) {
    return Response::BadRequest(absl::StrCat(
        "tensor \"", target.name, "\" has no row width to decompose"));
  }
  if (cols > projector::kMaxPcaDims) {
    return Response::BadRequest(absl::StrCat(
        "tensor \"", target.name, "\" has ", cols,
        " dimensions; the server decomposes at most ", projector::kMaxPcaDims,
        " (download the tensor and decompose it in the browser)"));
  }
  const uint64_t rows = first->size / (4 * cols);
  const uint32_t dims = static_cast<uint32_t>(cols);
  absl::StatusOr<projector::PcaBasis> basis = projector::ComputePcaBasis(
      first->next, rows, dims,
      std::min(static_cast<uint32_t>(*components), dims));
  if (!basis.ok())
    return Response::BadRequest(std::string(basis.status().message()));
  absl::StatusOr<OpenedRows> second =
      OpenRows(configs_, *target.projector, target.name, target.num_rows);
  if (!second.ok() || second->size != first->size) {
    return Response::BadRequest(absl::StrCat(
        "tensor \"", target.name, "\" changed while it was decomposed"));
  }
  auto answer = std::make_shared<projector::PcaAnswerStream>(
      *std::move(basis), static_cast<uint32_t>(*project),
      std::move(second->next),
      coords == "float16" ? projector::CoordEncoding::kFloat16
                          : projector::CoordEncoding::kFloat32);
  const uint64_t size = answer->size();
  Response response = Response::Stream(
      "application/octet-stream", size,
      [answer](std::span<char> buffer) { return answer->Next(buffer); });
  response.headers.emplace_back("X-Tbx-Run",
                                PercentEncoded(target.projector->run));
  response.headers.emplace_back("X-Tbx-Tensor", PercentEncoded(target.name));
  return response;
}

Response ProjectorPlugin::Metadata(const Request& request) const {
  Target target = ParseTarget(configs_, request, /*want_name=*/true,
                              /*want_rows=*/true);
  if (target.error.has_value()) return *target.error;
  const RunProjector& p = *target.projector;
  const EmbeddingInfo* info = FindEmbedding(p, target.name);
  if (info == nullptr || info->metadata_path().empty())
    return Missing("metadata", target.name, p);
  absl::StatusOr<std::string> bytes = ReadAsset(p, info->metadata_path());
  if (!bytes.ok())
    return Response::BadRequest(std::string(bytes.status().message()));
  if (target.num_rows > 0) {
    // Keep num_rows lines, plus one for a header (a first line with a tab).
    const size_t first_end = bytes->find('\n');
    const bool header =
        bytes->substr(0, first_end).find('\t') != std::string::npos;
    int64_t keep = target.num_rows + (header ? 1 : 0);
    size_t pos = 0;
    while (keep > 0 && pos < bytes->size()) {
      const size_t end = bytes->find('\n', pos);
      pos = end == std::string::npos ? bytes->size() : end + 1;
      --keep;
    }
    bytes->resize(pos);
  }
  return Response::Bytes("text/plain; charset=utf-8", std::move(*bytes));
}

Response ProjectorPlugin::SpriteImage(const Request& request) const {
  Target target = ParseTarget(configs_, request, /*want_name=*/true);
  if (target.error.has_value()) return *target.error;
  const RunProjector& p = *target.projector;
  const EmbeddingInfo* info = FindEmbedding(p, target.name);
  if (info == nullptr || info->sprite().image_path().empty())
    return Missing("sprite image", target.name, p);
  absl::StatusOr<std::string> bytes = ReadAsset(p, info->sprite().image_path());
  if (!bytes.ok())
    return Response::BadRequest(std::string(bytes.status().message()));
  if (info->tensor_shape_size() > 0) {
    const std::vector<uint32_t> dim(info->sprite().single_image_dim().begin(),
                                    info->sprite().single_image_dim().end());
    if (absl::Status s =
            projector::CheckSpriteSheet(*bytes, dim, info->tensor_shape(0));
        !s.ok()) {
      return Response::BadRequest(std::string(s.message()));
    }
  }
  const std::string type(ImageMimeType(*bytes));
  return Response::Bytes(type, std::move(*bytes));
}

Response ProjectorPlugin::Bookmarks(const Request& request) const {
  Target target = ParseTarget(configs_, request, /*want_name=*/true);
  if (target.error.has_value()) return *target.error;
  const RunProjector& p = *target.projector;
  const EmbeddingInfo* info = FindEmbedding(p, target.name);
  if (info == nullptr || info->bookmarks_path().empty())
    return Missing("bookmarks", target.name, p);
  absl::StatusOr<std::string> bytes = ReadAsset(p, info->bookmarks_path());
  if (!bytes.ok())
    return Response::BadRequest(std::string(bytes.status().message()));
  return Response::Bytes("application/json", std::move(*bytes));
}

}  // namespace tbx::plugins
