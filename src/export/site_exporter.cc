// See site_exporter.h.
#include "src/export/site_exporter.h"

#include <algorithm>
#include <array>
#include <deque>
#include <fstream>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "src/export/export_manifest.h"
#include "src/export/output_dir.h"
#include "src/server/url_codec.h"

namespace tbx {
namespace {

// A route's body, wherever the route put it (Response::Body): a kept /series
// answer or an embedded asset is not in `body`.
absl::string_view BodyOf(const Response& response) {
  const std::string_view body = response.Body();
  return absl::string_view(body.data(), body.size());
}

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr absl::string_view kAppPrefix = "/export/";
// The page's icon, shared with the served app.
constexpr absl::string_view kFavicon = "/favicon.svg";
constexpr std::array<absl::string_view, 6> kDashboards = {
    "scalars", "histograms", "distributions", "images", "audio", "text"};
constexpr size_t kMaxFailures = 10;
// Points per series of a tag's overview: every run of the tag downsampled in
// one file, which answers unzoomed charts up to this many points (the page
// asks about one point per pixel) without loading every full series. Must
// match OVERVIEW_POINTS in frontend/src/api/export_series.ts.
constexpr int kOverviewPoints = 2000;
constexpr absl::string_view kOverviewPath = "tbx-export/scalars-overview";

// Where the export writes an app file: "favicon.svg" for the icon, the path
// under "/export/" for the single-script build (its index.html aside: the
// exporter writes its own), or nullopt for a file the export leaves out.
std::optional<absl::string_view> ExportedAppPath(const EmbeddedAsset& asset) {
  const absl::string_view path(asset.path.data(), asset.path.size());
  if (path == kFavicon) return kFavicon.substr(1);
  if (!absl::StartsWith(path, kAppPrefix)) return std::nullopt;
  const absl::string_view relative = path.substr(kAppPrefix.size());
  if (relative.empty() || relative == "index.html") return std::nullopt;
  return relative;
}

// How an answer is stored.
enum class Kind {
  kJson,    // data/<stem>.js calling back with the JSON
  kBinary,  // data/<stem>.js calling back with base64
  kBlob,    // blobs/<stem>.<ext>, the bytes as they are
};

struct Job {
  std::string path;
  QueryParams params;
  Kind kind;
  // The manifest key when it is not the request's own (the scalar overview).
  std::string key = {};
};

class Writer {
 public:
  Writer(const ApiFetcher& fetch, const ExportOptions& options,
         ProgressBar* progress)
      : fetch_(fetch), options_(options), progress_(progress) {}

  absl::StatusOr<ExportSummary> Run(std::span<const EmbeddedAsset> app_files);

 private:
  bool KeepRun(absl::string_view run) const {
    return !options_.keep_run || options_.keep_run(run);
  }
  bool KeepTag(absl::string_view tag) const {
    return !options_.keep_tag || options_.keep_tag(tag);
  }

  absl::Status WriteFile(absl::string_view relative, absl::string_view bytes);
  absl::Status WriteApp(std::span<const EmbeddedAsset> app_files);
  // Fetches a JSON answer and parses it; nullopt (failure recorded) when the
  // route answered an error or sent something that is not JSON.
  std::optional<Json> FetchJson(absl::string_view path,
                                const QueryParams& params);
  // Records `key` in the manifest and writes `body` as a file of `kind`
  // (`content_type` names a blob's extension).
  absl::Status Store(absl::string_view key, Kind kind, absl::string_view body,
                     absl::string_view content_type = "");
  absl::Status StoreJson(absl::string_view path, const QueryParams& params,
                         absl::string_view json) {
    return Store(CanonicalKey(path, params), Kind::kJson, json);
  }
  absl::Status ExportCore(std::vector<std::string>* dashboards);
  absl::Status ExportTags(absl::string_view dashboard);
  void PlanRunTag(absl::string_view dashboard, absl::string_view run,
                  absl::string_view tag, const Json& info);
  absl::Status RunJob(const Job& job);
  void Fail(absl::string_view what, const Response& response);

  const ApiFetcher& fetch_;
  const ExportOptions& options_;
  ProgressBar* progress_;
  ExportManifest manifest_;
  std::deque<Job> jobs_;
  // Scalar tag -> its exported runs, in listing order, for the overviews
  // (tags in first-seen order; scalar_index_ finds a tag's entry).
  std::vector<std::pair<std::string, std::vector<std::string>>> scalar_runs_;
  absl::flat_hash_map<std::string, size_t> scalar_index_;
  int64_t jobs_done_ = 0;
  std::set<std::string> top_level_;
  ExportSummary summary_;
};

absl::Status Writer::WriteFile(absl::string_view relative,
                               absl::string_view bytes) {
  const fs::path path = options_.out / fs::path(std::string(relative));
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file || error) {
    return absl::InternalError(
        absl::StrCat("cannot write ", path.string(),
                     error ? absl::StrCat(": ", error.message()) : ""));
  }
  top_level_.insert(std::string(relative.substr(0, relative.find('/'))));
  ++summary_.files;
  summary_.bytes += static_cast<int64_t>(bytes.size());
  return absl::OkStatus();
}

absl::Status Writer::WriteApp(std::span<const EmbeddedAsset> app_files) {
  for (const EmbeddedAsset& asset : app_files) {
    const std::optional<absl::string_view> relative = ExportedAppPath(asset);
    if (!relative) continue;
    if (absl::Status s = WriteFile(
            *relative, absl::string_view(asset.raw.data(), asset.raw.size()));
        !s.ok())
      return s;
  }
  return absl::OkStatus();
}

void Writer::Fail(absl::string_view what, const Response& response) {
  ++summary_.failed;
  if (summary_.failures.size() < kMaxFailures) {
    std::string message(BodyOf(response));
    if (Json body = Json::parse(BodyOf(response), nullptr, false);
        body.is_object() && body.contains("error") &&
        body["error"].is_string()) {
      message = body["error"].get<std::string>();
    }
    summary_.failures.push_back(
        absl::StrCat(what, ": ", response.status, " ", message));
  }
}

std::optional<Json> Writer::FetchJson(absl::string_view path,
                                      const QueryParams& params) {
  const Response response = fetch_(path, params);
  if (response.status != 200) {
    Fail(CanonicalKey(path, params), response);
    return std::nullopt;
  }
  Json json = Json::parse(BodyOf(response), nullptr, false);
  if (json.is_discarded()) {
    Fail(CanonicalKey(path, params),
         Response::Error(500, "the answer is not JSON"));
    return std::nullopt;
  }
  return json;
}

absl::Status Writer::Store(absl::string_view key, Kind kind,
                           absl::string_view body,
                           absl::string_view content_type) {
  if (kind == Kind::kBlob)
    return WriteFile(manifest_.Add(key, "blobs", BlobExtension(content_type)),
                     body);
  const std::string file = manifest_.Add(key, "data", "js");
  const std::string id = fs::path(file).stem().string();
  return WriteFile(file, kind == Kind::kBinary ? BinaryDataScript(id, body)
                                               : JsonDataScript(id, body));
}

absl::Status Writer::ExportCore(std::vector<std::string>* dashboards) {
  std::optional<Json> runs = FetchJson("/data/runs", {});
  if (!runs || !runs->is_array())
    return absl::InternalError("/data/runs did not answer a list");
  Json kept = Json::array();
  for (const Json& run : *runs) {
    if (run.is_string() && KeepRun(run.get<std::string>())) kept.push_back(run);
  }
  summary_.runs = static_cast<int64_t>(kept.size());
  if (absl::Status s = StoreJson("/data/runs", {}, kept.dump()); !s.ok())
    return s;

  std::optional<Json> listing = FetchJson("/data/plugins_listing", {});
  if (!listing || !listing->is_object())
    return absl::InternalError(
        "/data/plugins_listing did not answer an object");
  Json exported = Json::object();
  for (const auto& [name, entry] : listing->items()) {
    for (absl::string_view dashboard : kDashboards) {
      if (name != dashboard) continue;
      exported[name] = entry;
      if (!entry.is_object() || entry.value("enabled", true))
        dashboards->push_back(name);
    }
  }
  if (absl::Status s = StoreJson("/data/plugins_listing", {}, exported.dump());
      !s.ok())
    return s;

  if (std::optional<Json> status = FetchJson("/data/status", {})) {
    if (status->contains("runs") && (*status)["runs"].is_array()) {
      Json runs_kept = Json::array();
      for (const Json& run : (*status)["runs"]) {
        if (run.is_object() && KeepRun(run.value("run", "")))
          runs_kept.push_back(run);
      }
      (*status)["runs"] = std::move(runs_kept);
    }
    if (absl::Status s = StoreJson("/data/status", {}, status->dump()); !s.ok())
      return s;
  }
  for (absl::string_view path :
       {"/data/window_properties", "/data/environment"}) {
    const Response response = fetch_(path, {});
    if (response.status != 200) {
      Fail(path, response);
      continue;
    }
    if (absl::Status s = StoreJson(path, {}, BodyOf(response)); !s.ok())
      return s;
  }
  return absl::OkStatus();
}

void Writer::PlanRunTag(absl::string_view dashboard, absl::string_view run,
                        absl::string_view tag, const Json& info) {
  const std::string base = absl::StrCat("/data/plugin/", dashboard, "/");
  const std::string r(run), t(tag);
  if (dashboard == "scalars") {
    auto [it, added] = scalar_index_.try_emplace(t, scalar_runs_.size());
    if (added) scalar_runs_.push_back({t, {}});
    scalar_runs_[it->second].second.push_back(r);
    jobs_.push_back(
        {base + "series",
         {{"tag", t}, {"run", r}, {"points", "0"}, {"format", "binary"}},
         Kind::kBinary});
  } else if (dashboard == "histograms" || dashboard == "distributions") {
    jobs_.push_back(
        {base + std::string(dashboard), {{"run", r}, {"tag", t}}, Kind::kJson});
  } else if (dashboard == "images" || dashboard == "audio") {
    int64_t samples = 1;
    if (info.is_object() && info.contains("samples") &&
        info["samples"].is_number_integer())
      samples = std::max<int64_t>(1, info["samples"].get<int64_t>());
    // Listings first: the blobs they name then count in the progress total
    // early.
    for (int64_t k = 0; k < samples; ++k) {
      jobs_.push_front({base + std::string(dashboard),
                        {{"run", r}, {"tag", t}, {"sample", absl::StrCat(k)}},
                        Kind::kJson});
    }
  } else if (dashboard == "text") {
    jobs_.push_back({base + "text", {{"run", r}, {"tag", t}}, Kind::kJson});
    jobs_.push_back({base + "text",
                     {{"run", r}, {"tag", t}, {"markdown", "false"}},
                     Kind::kJson});
  }
}

absl::Status Writer::ExportTags(absl::string_view dashboard) {
  const std::string path = absl::StrCat("/data/plugin/", dashboard, "/tags");
  std::optional<Json> tags = FetchJson(path, {});
  if (!tags || !tags->is_object()) return absl::OkStatus();
  Json kept = Json::object();
  for (const auto& [run, run_tags] : tags->items()) {
    if (!KeepRun(run)) continue;
    // Text lists tags; the other dashboards map tag -> info.
    if (run_tags.is_array()) {
      Json list = Json::array();
      for (const Json& tag : run_tags) {
        if (!tag.is_string() || !KeepTag(tag.get<std::string>())) continue;
        list.push_back(tag);
        PlanRunTag(dashboard, run, tag.get<std::string>(), Json());
      }
      kept[run] = std::move(list);
    } else if (run_tags.is_object()) {
      Json map = Json::object();
      for (const auto& [tag, info] : run_tags.items()) {
        if (!KeepTag(tag)) continue;
        map[tag] = info;
        PlanRunTag(dashboard, run, tag, info);
      }
      kept[run] = std::move(map);
    }
  }
  return StoreJson(path, {}, kept.dump());
}

absl::Status Writer::RunJob(const Job& job) {
  const Response response = fetch_(job.path, job.params);
  const std::string key =
      job.key.empty() ? CanonicalKey(job.path, job.params) : job.key;
  if (response.status != 200) {
    Fail(key, response);
    return absl::OkStatus();
  }
  if (absl::Status s =
          Store(key, job.kind, BodyOf(response), response.content_type);
      !s.ok() || job.kind != Kind::kJson)
    return s;
  // Image and audio listings name their blobs by query string.
  const bool images = absl::EndsWith(job.path, "/images/images");
  const bool audio = absl::EndsWith(job.path, "/audio/audio");
  if (!images && !audio) return absl::OkStatus();
  const Json entries = Json::parse(BodyOf(response), nullptr, false);
  if (!entries.is_array()) return absl::OkStatus();
  const std::string blob_path = images ? "/data/plugin/images/individualImage"
                                       : "/data/plugin/audio/individualAudio";
  for (const Json& entry : entries) {
    if (!entry.is_object() || !entry.contains("query") ||
        !entry["query"].is_string())
      continue;
    auto params = ParseUrlEncoded(entry["query"].get<std::string>());
    if (!params.ok()) continue;
    jobs_.push_back({blob_path, *std::move(params), Kind::kBlob});
  }
  return absl::OkStatus();
}

absl::StatusOr<ExportSummary> Writer::Run(
    std::span<const EmbeddedAsset> app_files) {
  const bool has_app = std::any_of(
      app_files.begin(), app_files.end(), [](const EmbeddedAsset& asset) {
        return asset.path == "/export/tbx-export.js";
      });
  if (!has_app) {
    return absl::FailedPreconditionError(
        "this tbx was built without its dashboards (TBX_BUILD_FRONTEND=OFF), "
        "so it cannot export them");
  }
  // Marked as an export before anything is written, so that a folder left
  // half-written (CTRL+C, a full disk) can be exported into again.
  std::vector<std::string> planned = {"data", "blobs", "index.html"};
  for (const EmbeddedAsset& asset : app_files) {
    if (const std::optional<absl::string_view> relative =
            ExportedAppPath(asset))
      planned.emplace_back(relative->substr(0, relative->find('/')));
  }
  if (absl::Status s = WriteExportMarker(options_.out, planned); !s.ok())
    return s;
  if (absl::Status s = WriteApp(app_files); !s.ok()) return s;
  std::vector<std::string> dashboards;
  if (absl::Status s = ExportCore(&dashboards); !s.ok()) return s;
  for (const std::string& dashboard : dashboards) {
    if (absl::Status s = ExportTags(dashboard); !s.ok()) return s;
  }
  // The runs are named, so runs the filters left out are not in the overview.
  for (const auto& [tag, runs] : scalar_runs_) {
    QueryParams params = {{"tag", tag},
                          {"points", absl::StrCat(kOverviewPoints)},
                          {"format", "binary"}};
    for (const std::string& run : runs) params.push_back({"run", run});
    jobs_.push_back({"/data/plugin/scalars/series", std::move(params),
                     Kind::kBinary,
                     CanonicalKey(kOverviewPath, {{"tag", tag}})});
  }
  while (!jobs_.empty()) {
    const Job job = std::move(jobs_.front());
    jobs_.pop_front();
    if (absl::Status s = RunJob(job); !s.ok()) return s;
    ++jobs_done_;
    if (progress_) {
      progress_->Update("exporting", jobs_done_,
                        jobs_done_ + static_cast<int64_t>(jobs_.size()),
                        "requests");
    }
  }
  if (progress_) progress_->Finish();
  if (absl::Status s = WriteFile("data/manifest.js", manifest_.Script());
      !s.ok())
    return s;
  const std::string html = absl::StrCat(
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"tbx export\">\n"
      "<title>tbx</title>\n"
      "<link rel=\"icon\" type=\"image/svg+xml\" href=\"favicon.svg\">\n"
      "<link rel=\"stylesheet\" href=\"tbx-export.css\">\n</head>\n<body>\n"
      "<div id=\"app\"></div>\n"
      "<script src=\"data/manifest.js\"></script>\n"
      "<script src=\"tbx-export.js\"></script>\n</body>\n</html>\n");
  if (absl::Status s = WriteFile("index.html", html); !s.ok()) return s;
  if (absl::Status s = WriteExportMarker(
          options_.out,
          std::vector<std::string>(top_level_.begin(), top_level_.end()));
      !s.ok())
    return s;
  return summary_;
}

}  // namespace

std::span<const absl::string_view> ExportedDashboards() { return kDashboards; }

absl::StatusOr<ExportSummary> WriteExport(
    const ApiFetcher& fetch, std::span<const EmbeddedAsset> app_files,
    const ExportOptions& options, ProgressBar* progress) {
  Writer writer(fetch, options, progress);
  return writer.Run(app_files);
}

}  // namespace tbx
