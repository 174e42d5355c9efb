// Whole-process load benchmark: time from Ingestion::Start() until the first
// full load is done, and the peak resident memory it added, on a scalar logdir
// in PyTorch's layout (one events file per run, file_version first, then one
// Event{wall_time, step, summary{value{tag, simple_value}}} per add_scalar
// call). The logdir is generated once (in a child process, so its memory does
// not count) and cached.
//
// Usage: bench_load [--logdir DIR] [--runs 50] [--tags 20] [--steps 10000]
// [--threads 0] [--copies 1]
//
// --copies K (K > 1) loads K times the points without K times the disk: it
// builds DIR_xK beside the logdir, holding K run directories per run, each
// with a symlink to that run's events file (symlinked files are read;
// symlinked directories are not followed), and loads that. The reads then
// come from the page cache once the files are in it, so this measures the
// store and the parsing at that size, not the disk.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "proto/event.pb.h"
#include "src/data/ingestion.h"
#include "src/data/record_writer.h"
#include "src/data/store.h"

namespace {

struct Args {
  std::string logdir;
  int runs = 50;
  int tags = 20;
  int steps = 10000;
  int threads = 0;
  int copies = 1;
};

// Open file descriptors of this process.
int OpenFds() {
  int n = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator("/proc/self/fd")) {
    ++n;
  }
  return n;
}

// CPU seconds this process has used so far: {user, system}.
std::pair<double, double> CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

// VmHWM (peak resident set) of this process, in KiB.
long PeakRssKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

void Generate(const Args& args) {
  std::filesystem::create_directories(args.logdir);
  for (int r = 0; r < args.runs; ++r) {
    std::string dir = absl::StrCat(args.logdir, "/run_", r);
    std::filesystem::create_directories(dir);
    std::string path =
        absl::StrCat(dir, "/events.out.tfevents.1700000000.bench.", r, ".0");
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) std::exit(1);
    tensorboard::Event event;
    event.set_wall_time(1700000000.0);
    event.set_file_version("brain.Event:2");
    if (!tbx::WriteRecord(f, event.SerializeAsString()).ok()) std::exit(1);
    for (int s = 0; s < args.steps; ++s) {
      for (int t = 0; t < args.tags; ++t) {
        event.Clear();
        event.set_wall_time(1700000000.0 + s * 0.1 + t * 0.001);
        event.set_step(s);
        auto* value = event.mutable_summary()->add_value();
        value->set_tag(absl::StrCat("metrics/tag_", t));
        value->set_simple_value(static_cast<float>(std::sin(s * 0.01 + t)));
        if (!tbx::WriteRecord(f, event.SerializeAsString()).ok()) std::exit(1);
      }
    }
    std::fclose(f);
  }
  std::ofstream(args.logdir + "/.complete") << "ok\n";
}

// Builds (once) `logdir`_x`copies`: `copies` run directories per run of
// `logdir`, each holding a symlink to that run's files. Sets *linked to it.
bool LinkCopies(const std::string& logdir, int copies, std::string* linked) {
  namespace fs = std::filesystem;
  *linked = absl::StrCat(logdir, "_x", copies);
  if (fs::exists(*linked + "/.complete")) return true;
  std::printf("linking %s ...\n", linked->c_str());
  std::fflush(stdout);
  std::error_code error;
  for (const auto& run : fs::directory_iterator(logdir, error)) {
    if (!run.is_directory()) continue;
    for (int c = 0; c < copies; ++c) {
      const fs::path dir =
          fs::path(*linked) /
          absl::StrCat("copy", c, "_", run.path().filename().string());
      fs::create_directories(dir, error);
      for (const auto& file : fs::directory_iterator(run.path(), error)) {
        const fs::path link = dir / file.path().filename();
        if (!fs::is_symlink(link)) {
          fs::create_symlink(fs::absolute(file.path()), link, error);
        }
        if (error) break;
      }
      if (error) break;
    }
    if (error) break;
  }
  if (error) {
    std::fprintf(stderr, "linking %s: %s\n", linked->c_str(),
                 error.message().c_str());
    return false;
  }
  std::ofstream(*linked + "/.complete") << "ok\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  args.logdir = TBX_BENCH_DATA_DIR;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--logdir") args.logdir = value;
    if (flag == "--runs") args.runs = std::atoi(value.c_str());
    if (flag == "--tags") args.tags = std::atoi(value.c_str());
    if (flag == "--steps") args.steps = std::atoi(value.c_str());
    if (flag == "--threads") args.threads = std::atoi(value.c_str());
    if (flag == "--copies") args.copies = std::atoi(value.c_str());
  }
  if (args.logdir == TBX_BENCH_DATA_DIR) {
    args.logdir = absl::StrCat(args.logdir, "/scalars_", args.runs, "x",
                               args.tags, "x", args.steps);
  }
  if (!std::filesystem::exists(args.logdir + "/.complete")) {
    std::printf("generating %s ...\n", args.logdir.c_str());
    std::fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
      Generate(args);
      std::_Exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  }

  if (args.copies > 1) {
    std::string linked;
    if (!LinkCopies(args.logdir, args.copies, &linked)) return 1;
    args.logdir = linked;
    args.runs *= args.copies;
  }

  const long rss_before = PeakRssKib();
  const auto cpu_before = CpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  tbx::IngestionOptions options;
  options.sources.push_back(tbx::LogdirSource{"", args.logdir});
  options.reload_interval_secs = 0;
  options.load_threads = args.threads;
  auto ingestion = tbx::Ingestion::Start(std::move(options));
  if (!ingestion.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(ingestion.status().message()).c_str());
    return 1;
  }
  const tbx::DataProvider& provider = (*ingestion)->provider();
  const auto* store = dynamic_cast<const tbx::Store*>(&provider);
  // Sampled every 10 ms, not on every publish: GetLoadStatus copies every
  // run's status, which at thousands of runs would make this loop the cost.
  int peak_fds = OpenFds();
  while (!(store != nullptr ? store->first_load_done()
                            : provider.GetLoadStatus().first_load_done)) {
    absl::SleepFor(absl::Milliseconds(10));
    peak_fds = std::max(peak_fds, OpenFds());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const long rss_after = PeakRssKib();
  const auto cpu_after = CpuSeconds();

  // What /data/runs and the scalars tags route read from the store.
  auto time_ms = [](auto fn) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now() - t0)
        .count();
  };
  size_t listed_runs = 0, listed_tags = 0;
  const double runs_ms =
      time_ms([&] { listed_runs = provider.ListRuns().size(); });
  const double tags_ms = time_ms([&] {
    for (const auto& run : provider.ListTags("scalars"))
      listed_tags += run.tags.size();
  });

  int64_t points = 0;
  for (const auto& run : provider.ListTags("scalars")) {
    for (const auto& [tag, metadata] : run.tags) {
      points +=
          static_cast<int64_t>(provider.ReadScalars(run.run, tag)->size());
    }
  }
  // A reload that finds nothing new: the steady cost of live tailing this
  // logdir.
  const auto rescan_start = std::chrono::steady_clock::now();
  (*ingestion)->ReloadNow();
  const double rescan_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                    rescan_start)
          .count();
  const double rss_delta_mb = (rss_after - rss_before) / 1024.0;
  std::printf("logdir            %s\n", args.logdir.c_str());
  std::printf("points loaded     %lld (expected %lld)\n",
              static_cast<long long>(points),
              static_cast<long long>(args.runs) * args.tags * args.steps);
  std::printf("load wall time    %.3f s\n", seconds);
  // CPU time is what the load costs whatever else shares the cores; the wall
  // time depends on it.
  std::printf("load CPU          %.2f s user, %.2f s system\n",
              cpu_after.first - cpu_before.first,
              cpu_after.second - cpu_before.second);
  std::printf("throughput        %.1f M points/s\n", points / seconds / 1e6);
  std::printf("peak RSS added    %.1f MB (%.1f bytes/point)\n", rss_delta_mb,
              (rss_after - rss_before) * 1024.0 / static_cast<double>(points));
  std::printf("no-change reload  %.1f ms\n", rescan_seconds * 1e3);
  std::printf("peak open fds     %d (sampled every 10 ms while loading)\n",
              peak_fds);
  std::printf("ListRuns          %.2f ms (%zu runs)\n", runs_ms, listed_runs);
  std::printf("ListTags scalars  %.2f ms (%zu run/tag pairs)\n", tags_ms,
              listed_tags);
  if (store != nullptr) {
    std::printf("scalar columns    %.1f MB (%.2f bytes/point)\n",
                store->ScalarMemoryBytes() / 1048576.0,
                store->ScalarMemoryBytes() / static_cast<double>(points));
  }
  return points == static_cast<int64_t>(args.runs) * args.tags * args.steps ? 0
                                                                            : 1;
}
