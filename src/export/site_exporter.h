// SiteExporter: writes a static folder that shows tbx's dashboards with no
// server (`tbx export`). Every answer comes from tbx's own route handlers,
// called in-process through an ApiFetcher; the exporter only decides which
// requests the dashboards will make, stores each answer as a file, and
// records it in the manifest (export_manifest.h).
//
// What is exported: the core answers (runs, plugins_listing — reduced to the
// exported dashboards —, window_properties, status, environment) and, for
// Scalars, Histograms, Distributions, Images, Audio and Text, their tags and
// every (run, tag)'s data: scalars as the full-resolution binary `series`
// (zoom and point budgets are answered in the page, export_series.ts) plus,
// per tag, an overview of every run at 2,000 points (key
// "tbx-export/scalars-overview?tag=T") for the unzoomed charts,
// histograms and distributions whole, every image/audio sample listing and
// each blob as a file, text with and without Markdown. Runs and tags the
// filters reject are left out of every answer.
//
// Runs on the calling thread; `fetch` must be callable from it.
#ifndef TBX_EXPORT_SITE_EXPORTER_H_
#define TBX_EXPORT_SITE_EXPORTER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "src/export/export_paths.h"
#include "src/export/progress_bar.h"
#include "src/server/embedded_asset.h"
#include "tbx/http.h"

namespace tbx {

// Answers one GET of `route_path` ("/data/runs") with decoded `params`.
using ApiFetcher =
    std::function<Response(absl::string_view route_path, const QueryParams&)>;

struct ExportOptions {
  std::filesystem::path out;
  // Which runs and tags go in; null keeps every one.
  std::function<bool(absl::string_view run)> keep_run;
  std::function<bool(absl::string_view tag)> keep_tag;
};

struct ExportSummary {
  int64_t files = 0;
  int64_t bytes = 0;  // every file written, the app included
  int64_t runs = 0;
  // Requests whose answer was an error (a run that could not be read): their
  // cards show the error in the page. At most the first ten, as messages.
  int64_t failed = 0;
  std::vector<std::string> failures;
};

// The dashboards an export holds, in tab order.
std::span<const absl::string_view> ExportedDashboards();

// Writes the export into options.out, which CheckOutputDir accepted.
// `app_files` are the frontend's files; those under "/export/" (the
// single-script build) and the icon "/favicon.svg" are written.
// FailedPrecondition when there are none (a tbx built without its dashboards);
// Internal when a file cannot be written.
absl::StatusOr<ExportSummary> WriteExport(
    const ApiFetcher& fetch, std::span<const EmbeddedAsset> app_files,
    const ExportOptions& options, ProgressBar* progress);

}  // namespace tbx

#endif  // TBX_EXPORT_SITE_EXPORTER_H_
