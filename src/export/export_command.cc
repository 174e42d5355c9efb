// See export_command.h.
#include "src/export/export_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/data/ingestion.h"
#include "src/export/output_dir.h"
#include "src/export/progress_bar.h"
#include "src/export/site_exporter.h"
#include "src/server/core_routes.h"
#include "src/server/embedded_asset.h"
#include "src/server/plugin_registry.h"
#include "src/server/router.h"
#include "tbx/plugin.h"

namespace tbx {
namespace {

constexpr int kUsageError = 2;
constexpr int kRunError = 1;

constexpr char kHelp[] =
    "usage: tbx export --logdir PATH --out FOLDER [--runs REGEX] [--tags "
    "REGEX]\n"
    "\n"
    "Writes a static folder (index.html, scripts, data files) that shows the\n"
    "Scalars, Histograms, Distributions, Images, Audio and Text dashboards\n"
    "with no server: open FOLDER/index.html from disk or put FOLDER on any\n"
    "static host.\n"
    "\n"
    "  --logdir PATH       event files to export (a folder, "
    "s3://bucket/prefix\n"
    "                      or gs://bucket/prefix)\n"
    "  --logdir_spec SPEC  name1:path1,name2:path2 instead of --logdir\n"
    "  --out FOLDER        where to write; new, empty, or a previous export\n"
    "                      (whose files are replaced)\n"
    "  --runs REGEX        only runs whose name contains a match\n"
    "  --tags REGEX        only tags that contain a match\n";

int Fail(int code, absl::string_view message) {
  std::cerr << "tbx export: error: " << message << std::endl;
  return code;
}

struct ExportFlags {
  std::string logdir;
  std::string logdir_spec;
  std::string out;
  std::optional<std::string> runs;
  std::optional<std::string> tags;
  bool help = false;
};

absl::StatusOr<ExportFlags> ParseExportFlags(
    const std::vector<std::string>& args) {
  ExportFlags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      flags.help = true;
      continue;
    }
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unexpected argument '", arg, "' (see tbx export --help)"));
    }
    std::string name(arg.substr(2));
    std::optional<std::string> value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    std::string* target = nullptr;
    if (name == "logdir") target = &flags.logdir;
    if (name == "logdir_spec") target = &flags.logdir_spec;
    if (name == "out") target = &flags.out;
    std::optional<std::string>* optional_target = nullptr;
    if (name == "runs") optional_target = &flags.runs;
    if (name == "tags") optional_target = &flags.tags;
    if (!target && !optional_target) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag --", name, " (see tbx export --help)"));
    }
    if (!value) {
      if (i + 1 >= args.size())
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " needs a value"));
      value = args[++i];
    }
    if (target) *target = *value;
    if (optional_target) *optional_target = *value;
  }
  return flags;
}

// A filter that keeps names containing a match of `pattern` (ECMAScript
// syntax, as the dashboards' own filters), or null for no pattern.
absl::StatusOr<std::function<bool(absl::string_view)>> MakeFilter(
    absl::string_view flag, const std::optional<std::string>& pattern) {
  if (!pattern) return std::function<bool(absl::string_view)>();
  try {
    auto regex = std::make_shared<const std::regex>(*pattern);
    return std::function<bool(absl::string_view)>([regex](absl::string_view s) {
      return std::regex_search(s.begin(), s.end(), *regex);
    });
  } catch (const std::regex_error& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, " '", *pattern,
                     "' is not a valid regular expression: ", e.what()));
  }
}

// Blocks until the first load has read every run, showing its progress.
void WaitForFirstLoad(const DataProvider& provider, ProgressBar* progress) {
  for (;;) {
    const LoadStatus status = provider.GetLoadStatus();
    int64_t read = 0, present = 0;
    for (const RunStatus& run : status.runs) {
      read += run.bytes_read;
      present += run.bytes_present;
    }
    if (present > 0)
      progress->Update("loading  ", read, std::max(present, read), "bytes");
    if (status.first_load_done) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  progress->Finish();
}

}  // namespace

int RunExportCommand(const std::vector<std::string>& args) {
  absl::StatusOr<ExportFlags> flags = ParseExportFlags(args);
  if (!flags.ok()) return Fail(kUsageError, flags.status().message());
  if (flags->help) {
    std::cout << kHelp;
    return 0;
  }
  if (flags->logdir.empty() && flags->logdir_spec.empty())
    return Fail(kUsageError, "--logdir is required (see tbx export --help)");
  auto keep_run = MakeFilter("runs", flags->runs);
  if (!keep_run.ok()) return Fail(kUsageError, keep_run.status().message());
  auto keep_tag = MakeFilter("tags", flags->tags);
  if (!keep_tag.ok()) return Fail(kUsageError, keep_tag.status().message());
  const std::filesystem::path out(flags->out);
  if (absl::Status s = CheckOutputDir(out); !s.ok())
    return Fail(kUsageError, s.message());
  absl::StatusOr<std::vector<LogdirSource>> sources =
      ParseLogdirFlags(flags->logdir, flags->logdir_spec);
  if (!sources.ok()) return Fail(kUsageError, sources.status().message());

  const auto started = std::chrono::steady_clock::now();
  IngestionOptions ingestion_options;
  ingestion_options.sources = *std::move(sources);
  ingestion_options.reload_interval_secs = 0;  // load once
  absl::StatusOr<std::unique_ptr<Ingestion>> ingestion =
      Ingestion::Start(std::move(ingestion_options));
  if (!ingestion.ok()) return Fail(kRunError, ingestion.status().message());
  const DataProvider& provider = (*ingestion)->provider();
  const std::string data_location =
      flags->logdir.empty() ? flags->logdir_spec : flags->logdir;
  const PluginContext context{&provider, data_location, ""};
  const std::vector<std::unique_ptr<Plugin>> plugins = CreatePlugins(context);
  std::vector<Route> routes = AppRoutes(
      &provider, &plugins, ServerInfo{TBX_VERSION, data_location, "", {}});
  absl::StatusOr<std::unique_ptr<Router>> router =
      Router::Create("", std::move(routes), {});
  if (!router.ok()) return Fail(kRunError, router.status().message());

  ProgressBar progress(stderr, isatty(STDERR_FILENO) != 0);
  WaitForFirstLoad(provider, &progress);

  const ApiFetcher fetch = [&router](absl::string_view path,
                                     const QueryParams& params) {
    const Handler* handler =
        (*router)->FindHandler(std::string_view(path.data(), path.size()));
    if (!handler) return Response::NotFound(absl::StrCat("no route ", path));
    Request request;
    request.method = "GET";
    request.path = std::string(path);
    request.params = params;
    return (*handler)(request);
  };
  if (absl::Status s = PrepareOutputDir(out); !s.ok())
    return Fail(kRunError, s.message());
  ExportOptions options;
  options.out = out;
  options.keep_run = *keep_run;
  options.keep_tag = *keep_tag;
  absl::StatusOr<ExportSummary> summary =
      WriteExport(fetch, EmbeddedFrontendAssets(), options, &progress);
  (*ingestion)->Stop();
  if (!summary.ok()) return Fail(kRunError, summary.status().message());
  for (const std::string& failure : summary->failures)
    std::cerr << "tbx export: warning: " << failure << std::endl;
  if (summary->failed > static_cast<int64_t>(summary->failures.size())) {
    std::cerr << "tbx export: warning: "
              << summary->failed - summary->failures.size()
              << " more requests failed" << std::endl;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  std::cerr << absl::StrFormat(
                   "tbx export: wrote %s (%d files, %d runs) to %s in %.1f s; "
                   "open %s",
                   FormatBytes(summary->bytes), summary->files, summary->runs,
                   out.string(), seconds, (out / "index.html").string())
            << std::endl;
  return 0;
}

}  // namespace tbx
