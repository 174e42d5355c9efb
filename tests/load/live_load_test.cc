// Whole-process load test: a writer appends to 20 runs (a scalar every tick,
// a histogram every 5th, an image every 10th) while 64 clients poll the
// scalars, histograms and images routes of random runs over keep-alive
// connections, for --seconds (40 in CI; the 10-minute version is in the
// README). Passes when no request failed, no client ever saw a series shrink,
// every written scalar point is served at the end (and the newest histogram
// and image steps), and tbx's resident memory after warm-up stays flat.
//
// Every scalar point is kept (scalars=0), so while the writer runs the stored
// data and the responses grow without bound and so does memory. To tell that
// growth from a leak, --write_seconds W stops the writer after W seconds while
// the clients keep polling until --seconds: memory must then stay flat (the
// check judges only that phase), and the growth while writing is reported per
// stored scalar point.
//
// Usage: live_load_test [--seconds 40] [--write_seconds S] [--runs 20]
// [--clients 64] (TBX_BINARY: the tbx executable). Prints its measurements
// on stdout.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "tbx/event_writer.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/subprocess.h"
#include "tools/media_encoders.h"

namespace tbx {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Args {
  int seconds = 40;
  int write_seconds = -1;  // -1: as long as --seconds
  int runs = 20;
  int clients = 64;
};

constexpr int kTickMs = 100;
constexpr int kHistogramEvery = 5;
constexpr int kImageEvery = 10;
constexpr int kHistogramReservoir = 500;  // TensorBoard's default

std::string RunName(int run) { return absl::StrCat("run_", run); }
double ScalarValue(int run, int64_t step) { return run * 100000.0 + step; }

long RssKib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::atol(line.c_str() + 6);
  }
  return -1;
}

// Failures, counted by all threads; the first few are kept for the report.
class Errors {
 public:
  void Add(const std::string& what) {
    ++count_;
    std::lock_guard<std::mutex> lock(mutex_);
    if (first_.size() < 10) first_.push_back(what);
  }
  int count() const { return count_; }
  void Print() {
    for (const std::string& what : first_)
      std::cout << "  error: " << what << "\n";
  }

 private:
  std::atomic<int> count_{0};
  std::mutex mutex_;
  std::vector<std::string> first_;
};

// A client's keep-alive connection; reconnects once when the server closed it.
class Client {
 public:
  explicit Client(uint16_t port) : port_(port) {}
  std::optional<HttpResponse> Get(const std::string& target, Errors* errors) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!connection_) connection_ = std::make_unique<HttpConnection>(port_);
        HttpResponse response = connection_->Send("GET", target);
        if (!response.keep_alive()) connection_.reset();
        if (response.result_int() != 200) {
          errors->Add(absl::StrCat(response.result_int(), " for ", target));
          return std::nullopt;
        }
        return response;
      } catch (const std::exception& e) {
        connection_.reset();
        if (attempt == 1) errors->Add(absl::StrCat(target, ": ", e.what()));
      }
    }
    return std::nullopt;
  }

 private:
  uint16_t port_;
  std::unique_ptr<HttpConnection> connection_;
};

int Main(const Args& args) {
  const char* binary = std::getenv("TBX_BINARY");
  if (binary == nullptr) {
    std::cerr << "TBX_BINARY is not set\n";
    return 1;
  }
  const fs::path logdir =
      fs::temp_directory_path() / ("tbx_live_load_" + std::to_string(getpid()));
  fs::remove_all(logdir);
  std::vector<std::unique_ptr<EventWriter>> writers;
  std::vector<uint8_t> pixels(16 * 16 * 3);
  for (int run = 0; run < args.runs; ++run) {
    auto writer = EventWriter::Create((logdir / RunName(run)).string());
    if (!writer.ok()) {
      std::cerr << writer.status() << "\n";
      return 1;
    }
    writers.push_back(*std::move(writer));
  }
  std::atomic<int64_t> steps_written{0};  // steps 0..n-1 written in every run
  auto write_step = [&](int64_t step) {
    for (int run = 0; run < args.runs; ++run) {
      EventWriter& writer = *writers[run];
      (void)writer.AddScalar("loss", ScalarValue(run, step), step);
      if (step % kHistogramEvery == 0) {
        (void)writer.AddHistogram("weights", {double(step), double(run), 1.0},
                                  step);
      }
      if (step % kImageEvery == 0) {
        std::fill(pixels.begin(), pixels.end(), uint8_t(step * 7 + run));
        (void)writer.AddImages("sample", 16, 16, {EncodePng(16, 16, pixels)},
                               step);
      }
      (void)writer.Flush();
    }
    steps_written = step + 1;
  };
  write_step(0);

  Subprocess tbx({binary, "--logdir", logdir.string(), "--host", "127.0.0.1",
                  "--port", "0", "--reload_interval", "1",
                  "--samples_per_plugin", "scalars=0"});
  const std::regex banner("tbx \\S+ at http://127\\.0\\.0\\.1:(\\d+)/ .*");
  std::smatch match;
  std::optional<std::string> line = tbx.ReadErrLine(20000);
  if (!line || !std::regex_match(*line, match, banner)) {
    std::cerr << "tbx did not start: " << line.value_or("(no output)") << "\n";
    return 1;
  }
  const auto port = static_cast<uint16_t>(std::stoi(match[1]));
  // Polling starts once every run's step 0 (scalars, histogram and image) is
  // served: before, a run or tag not yet read is rightly a 404. Listing the
  // runs is not enough, as a run is listed when found, before it is read.
  const auto every_run_has = [&](const std::string& plugin,
                                 const std::string& tag) {
    HttpResponse tags = Fetch(port, "GET", "/data/plugin/" + plugin + "/tags");
    if (tags.result_int() != 200) return false;
    const nlohmann::json by_run = nlohmann::json::parse(tags.body());
    for (int run = 0; run < args.runs; ++run) {
      auto it = by_run.find(RunName(run));
      if (it == by_run.end() || !it->contains(tag)) return false;
    }
    return true;
  };
  for (int wait = 0;; ++wait) {
    if (every_run_has("scalars", "loss") &&
        every_run_has("histograms", "weights") &&
        every_run_has("images", "sample"))
      break;
    if (wait == 300) {
      std::cerr << "tbx did not serve every run's first step within 30 s\n";
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  Errors errors;
  std::atomic<bool> stop{false};
  std::atomic<int64_t> requests{0};
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(args.seconds);
  const int write_seconds =
      args.write_seconds < 0 ? args.seconds : args.write_seconds;
  const auto write_end = start + std::chrono::seconds(write_seconds);

  std::thread writer_thread([&] {
    int64_t step = 1;
    while (Clock::now() < write_end) {
      write_step(step++);
      std::this_thread::sleep_for(std::chrono::milliseconds(kTickMs));
    }
  });

  std::vector<std::thread> clients;
  for (int c = 0; c < args.clients; ++c) {
    clients.emplace_back([&, c] {
      Client client(port);
      std::mt19937 random(c);
      std::vector<size_t> seen(args.runs, 0);  // scalar points seen per run
      while (!stop) {
        const int run = static_cast<int>(random() % args.runs);
        const std::string query = "?run=" + RunName(run);
        if (auto scalars =
                client.Get("/data/plugin/scalars/scalars" + query + "&tag=loss",
                           &errors)) {
          const size_t points = nlohmann::json::parse(scalars->body()).size();
          if (points < seen[run]) {
            errors.Add(absl::StrCat(RunName(run), " shrank from ", seen[run],
                                    " to ", points, " scalar points"));
          }
          seen[run] = std::max(seen[run], points);
        }
        client.Get(
            "/data/plugin/histograms/histograms" + query + "&tag=weights",
            &errors);
        if (auto images =
                client.Get("/data/plugin/images/images" + query + "&tag=sample",
                           &errors)) {
          const nlohmann::json list = nlohmann::json::parse(images->body());
          if (!list.empty()) {
            auto png = client.Get("/data/plugin/images/individualImage?" +
                                      list.back()["query"].get<std::string>(),
                                  &errors);
            if (png && !png->body().starts_with("\x89PNG")) {
              errors.Add("individualImage is not a PNG");
            }
          }
        }
        requests += 4;
      }
    });
  }

  // Resident memory once a second.
  std::vector<std::pair<double, long>> rss;  // seconds since start, KiB
  while (Clock::now() < end) {
    rss.emplace_back(
        std::chrono::duration<double>(Clock::now() - start).count(),
        RssKib(tbx.pid()));
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  writer_thread.join();
  stop = true;
  for (std::thread& client : clients) client.join();
  const double elapsed =
      std::chrono::duration<double>(Clock::now() - start).count();

  // Every written point is served once tbx has read the last writes.
  const int64_t steps = steps_written;
  Client checker(port);
  int missing_runs = 0;
  for (int run = 0; run < args.runs; ++run) {
    const std::string query = "?run=" + RunName(run);
    bool complete = false;
    for (int wait = 0; wait < 100 && !complete; ++wait) {
      auto scalars = checker.Get(
          "/data/plugin/scalars/scalars" + query + "&tag=loss", &errors);
      auto histograms = checker.Get(
          "/data/plugin/histograms/histograms" + query + "&tag=weights",
          &errors);
      auto images = checker.Get(
          "/data/plugin/images/images" + query + "&tag=sample", &errors);
      if (!scalars || !histograms || !images) break;
      const nlohmann::json points = nlohmann::json::parse(scalars->body());
      bool exact = static_cast<int64_t>(points.size()) == steps;
      for (int64_t i = 0; exact && i < steps; ++i) {
        exact = points[i][1] == i && points[i][2] == ScalarValue(run, i);
      }
      const nlohmann::json hist = nlohmann::json::parse(histograms->body());
      const int64_t hist_written = (steps - 1) / kHistogramEvery + 1;
      const nlohmann::json imgs = nlohmann::json::parse(images->body());
      complete =
          exact &&
          static_cast<int64_t>(hist.size()) ==
              std::min<int64_t>(hist_written, kHistogramReservoir) &&
          hist.back()[1] == (hist_written - 1) * kHistogramEvery &&
          !imgs.empty() &&
          imgs.back()["step"] == ((steps - 1) / kImageEvery) * kImageEvery;
      if (!complete)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    missing_runs += !complete;
  }

  // Flat memory: the peak of the last quarter of the judged span against the
  // level reached after its warm-up (the median of the samples from 25% to
  // 40% of it). The judged span is the whole run, or only the polling after
  // the writer stopped when --write_seconds is shorter.
  const double judged_from = write_seconds < args.seconds ? write_seconds : 0;
  const double judged = args.seconds - judged_from;
  std::vector<long> warm, last;
  long at_write_end = -1, at_start = rss.empty() ? -1 : rss.front().second;
  for (const auto& [t, kib] : rss) {
    if (t <= write_seconds) at_write_end = kib;
    const double u = t - judged_from;
    if (u >= 0.25 * judged && u <= 0.4 * judged) warm.push_back(kib);
    if (u >= 0.75 * judged) last.push_back(kib);
  }
  std::sort(warm.begin(), warm.end());
  const long warm_kib = warm.empty() ? -1 : warm[warm.size() / 2];
  const long last_peak_kib =
      last.empty() ? -1 : *std::max_element(last.begin(), last.end());
  const bool flat = warm_kib > 0 && last_peak_kib > 0 &&
                    last_peak_kib <= warm_kib * 6 / 5 + 16 * 1024;

  std::cout << "runs " << args.runs << ", clients " << args.clients << ", "
            << elapsed << " s (writing " << write_seconds
            << " s), steps written per run " << steps << "\n"
            << "requests " << requests << " ("
            << static_cast<long>(requests / elapsed) << "/s), errors "
            << errors.count() << "\n"
            << "runs missing written points " << missing_runs << "\n"
            << "RSS at start " << at_start / 1024 << " MiB, when writing "
            << "stopped " << at_write_end / 1024 << " MiB ("
            << (at_write_end - at_start) * 1024.0 / (args.runs * steps)
            << " bytes per stored scalar point)\n"
            << "RSS every minute (MiB):";
  int minute = -1;
  for (const auto& [t, kib] : rss) {
    if (static_cast<int>(t) / 60 > minute) {
      minute = static_cast<int>(t) / 60;
      std::cout << " " << kib / 1024;
    }
  }
  std::cout << "\n"
            << (judged_from > 0 ? "polling only, " : "") << "RSS after warm-up "
            << warm_kib / 1024 << " MiB, peak of last "
            << "quarter " << last_peak_kib / 1024 << " MiB ("
            << (flat ? "flat" : "GROWING") << ")\n";
  errors.Print();
  const int stopped = tbx.Stop(SIGTERM);
  fs::remove_all(logdir);
  const bool ok =
      errors.count() == 0 && missing_runs == 0 && flat && stopped == 0;
  std::cout << (ok ? "PASS" : "FAIL") << std::endl;
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace tbx

int main(int argc, char** argv) {
  tbx::Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--seconds") {
      args.seconds = value;
    } else if (flag == "--write_seconds") {
      args.write_seconds = value;
    } else if (flag == "--runs") {
      args.runs = value;
    } else if (flag == "--clients") {
      args.clients = value;
    } else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  if (args.seconds < 4 || args.runs < 1 || args.clients < 1 ||
      args.write_seconds == 0 || args.write_seconds > args.seconds ||
      (args.write_seconds > 0 && args.seconds - args.write_seconds < 4)) {
    std::cerr << "usage: live_load_test [--seconds N>=4] [--write_seconds "
                 "1..N-4] [--runs N] [--clients N]\n";
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  return tbx::Main(args);
}
