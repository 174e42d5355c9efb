// tbx: serves TensorBoard's dashboards and HTTP API for a logdir from one
// process.
//
// `tbx export ...` is a subcommand of its own (src/export/export_command.h).
//
// Start-up order: parse flags, bind the port (so "port in use" fails before any
// loading; without --port, the next free port after 6006 as TensorBoard), start
// ingestion, create the plugins, validate the route table, serve, print the
// URL, write TensorBoard's instance file (for notebook launchers). The main
// thread then waits for SIGINT/SIGTERM (blocked in every thread,
// received with sigwait) and shuts down: long-polls answered, the server
// stopped once the responses in flight are written (at most 2 s), then the
// change watcher, then ingestion; the instance file is removed last. Every
// start-up failure is one line on stderr
// and a non-zero exit.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "src/data/ingestion.h"
#include "src/export/export_command.h"
#include "src/main/flags.h"
#include "src/main/instance_info.h"
#include "src/server/access_policy.h"
#include "src/server/change_watcher.h"
#include "src/server/core_routes.h"
#include "src/server/embedded_asset.h"
#include "src/server/http_handler.h"
#include "src/server/plugin_warm_up.h"
#include "src/server/router.h"
#include "src/server/server.h"
#include "src/server/static_assets.h"
#include "tbx/plugin.h"
#if __has_include("src/server/plugin_registry.h")
#include "src/server/plugin_registry.h"
#define TBX_HAVE_PLUGIN_REGISTRY 1
#endif

namespace tbx {
namespace {

constexpr int kUsageError = 2;
constexpr int kStartError = 1;
// TensorBoard's port search without --port: 6006 and the 99 ports after it.
constexpr int kPortSearchAttempts = 100;

int Fail(int code, absl::string_view message) {
  std::cerr << "tbx: error: " << message << std::endl;
  return code;
}

// The host part of the printed URL.
std::string DisplayHost(const Flags& flags) {
  if (flags.bind_all) {
    char name[256] = {};
    if (gethostname(name, sizeof(name) - 1) == 0 && name[0] != '\0')
      return name;
    return "localhost";
  }
  if (flags.host.empty()) return "localhost";
  if (absl::StrContains(flags.host, ':'))
    return absl::StrCat("[", flags.host, "]");
  return flags.host;
}

// Binds --port, or without it the first free port from 6006 on.
absl::StatusOr<std::unique_ptr<Server>> BindServer(const Flags& flags) {
  ServerOptions options;
  options.host = flags.host.empty() ? "localhost" : flags.host;
  options.bind_all = flags.bind_all;
  const int attempts = flags.port_scan ? kPortSearchAttempts : 1;
  const int first = std::min(flags.port, 65536 - attempts);
  absl::StatusOr<std::unique_ptr<Server>> server;
  for (int port = first; port < first + attempts; ++port) {
    options.port = static_cast<uint16_t>(port);
    server = Server::Bind(options);
    // Only "in use" moves on to the next port; a bad --host does not.
    if (server.ok() || !absl::IsUnavailable(server.status())) return server;
  }
  if (attempts == 1) return server;
  return absl::UnavailableError(absl::StrCat(
      "no free port from ", first, " to ", first + attempts - 1, " (",
      server.status().message(), "); choose one with --port"));
}

std::vector<std::unique_ptr<Plugin>> MakePlugins(const PluginContext& context) {
#ifdef TBX_HAVE_PLUGIN_REGISTRY
  return CreatePlugins(context);
#else
  (void)context;
  return {};
#endif
}

int Run(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<Flags> flags = ParseFlags(args);
  if (!flags.ok()) return Fail(kUsageError, flags.status().message());
  if (flags->help) {
    std::cout << FlagsHelp();
    return 0;
  }
  if (flags->version) {
    std::cout << "tbx " << TBX_VERSION << std::endl;
    return 0;
  }
  absl::StatusOr<std::string> path_prefix =
      NormalizePathPrefix(flags->path_prefix);
  if (!path_prefix.ok())
    return Fail(kUsageError, path_prefix.status().message());
  absl::StatusOr<std::vector<LogdirSource>> sources =
      ParseLogdirFlags(flags->logdir, flags->logdir_spec);
  if (!sources.ok()) return Fail(kUsageError, sources.status().message());
  auto samples = ParseSamplesPerPlugin(flags->samples_per_plugin);
  if (!samples.ok()) return Fail(kUsageError, samples.status().message());

  absl::StatusOr<std::string> token =
      ResolveToken(*flags, std::getenv("TBX_TOKEN"));
  if (!token.ok()) return Fail(kUsageError, token.status().message());

  absl::StatusOr<std::unique_ptr<Server>> server = BindServer(*flags);
  if (!server.ok()) return Fail(kStartError, server.status().message());

  IngestionOptions ingestion_options;
  ingestion_options.sources = *std::move(sources);
  ingestion_options.reload_interval_secs = flags->reload_interval;
  ingestion_options.samples_per_plugin = *std::move(samples);
  ingestion_options.load_threads = flags->max_reload_threads;
  ingestion_options.loader.purge_orphaned_data = flags->purge_orphaned_data;
  if (flags->reload_multifile.value_or(false)) {
    ingestion_options.loader.multifile_inactive_secs =
        flags->reload_multifile_inactive_secs;
  }
  absl::StatusOr<std::unique_ptr<Ingestion>> ingestion =
      Ingestion::Start(std::move(ingestion_options));
  if (!ingestion.ok()) return Fail(kStartError, ingestion.status().message());
  const DataProvider& provider = (*ingestion)->provider();

  const std::string data_location =
      flags->logdir.empty() ? flags->logdir_spec : flags->logdir;
  PluginContext plugin_context{&provider, data_location, flags->window_title};
  const std::vector<std::unique_ptr<Plugin>> plugins =
      MakePlugins(plugin_context);

  std::vector<Route> routes =
      AppRoutes(&provider, &plugins,
                ServerInfo{TBX_VERSION, data_location, flags->window_title,
                           FlagsToJson(*flags)});
  auto watcher =
      std::make_unique<ChangeWatcher>(&provider, (*server)->io_context());
  absl::StatusOr<std::unique_ptr<Router>> router =
      Router::Create(*path_prefix, std::move(routes), {watcher->Route()});
  if (!router.ok()) return Fail(kStartError, router.status().message());
  const StaticAssets assets(EmbeddedFrontendAssets());
  AccessOptions access_options;
  // DNS rebinding protection where it costs nothing: on loopback only the
  // names this machine answers to reach tbx, unless the user names more.
  access_options.check_host =
      (*server)->loopback_only() || !flags->allowed_hosts.empty();
  access_options.allowed_hosts = flags->allowed_hosts;
  access_options.token = *token;
  access_options.port = (*server)->port();
  const AccessPolicy access(std::move(access_options));
  const HttpHandler handler(router->get(), &assets, &access);

  (*server)->Start(&handler);
  auto warm_up = std::make_unique<PluginWarmUp>(&provider, &plugins);
  std::error_code cwd_error;
  InstanceInfo info;
  info.version = TBX_VERSION;
  info.start_time = absl::ToUnixSeconds(absl::Now());
  info.pid = getpid();
  info.port = (*server)->port();
  info.path_prefix = *path_prefix;
  info.logdir = data_location;
  info.cache_key =
      CacheKey(args, std::filesystem::current_path(cwd_error).string());
  absl::StatusOr<std::unique_ptr<InstanceInfoFile>> info_file =
      InstanceInfoFile::Write(info);
  if (!info_file.ok()) {
    std::cerr << "tbx: warning: notebooks will not find this server: "
              << info_file.status().message() << std::endl;
  }

  std::cerr << "tbx " << TBX_VERSION << " at http://" << DisplayHost(*flags)
            << ":" << (*server)->port() << *path_prefix
            << "/ (Press CTRL+C to quit)" << std::endl;
  if (!(*server)->loopback_only() && token->empty()) {
    std::cerr << "tbx: warning: serving beyond this machine without a token: "
                 "anyone who can reach port "
              << (*server)->port()
              << " can read these logs; set TBX_TOKEN or --token_file"
              << std::endl;
  }

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  int received = 0;
  sigwait(&stop_signals, &received);
  std::cerr << "tbx: shutting down" << std::endl;
  // Long-polls are answered at once, so that stopping the server waits only
  // for real work in flight.
  watcher->AnswerAll();
  (*server)->Stop();
  warm_up.reset();
  watcher.reset();
  (*ingestion)->Stop();
  if (info_file.ok()) info_file->reset();
  return 0;
}

}  // namespace
}  // namespace tbx

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  // `tbx export` runs to completion, so CTRL+C simply ends it: it is
  // dispatched before the stop signals are blocked.
  if (argc > 1 && std::string_view(argv[1]) == "export")
    return tbx::RunExportCommand({argv + 2, argv + argc});
  // Block the stop signals before any thread exists, so every thread inherits
  // the mask and only the main thread's sigwait receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  return tbx::Run(argc, argv);
}
