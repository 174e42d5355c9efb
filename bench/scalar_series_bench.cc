// /data/plugin/scalars/series on a 1M-point tag at 1,000 px: the whole range
// and a 1 % zoom, answered from the multi-resolution summaries, next to the
// full scan it replaced. The store holds `--runs` runs of one 1M-point tag
// each (default 1; 100 makes 100M points), filled in-process.
//
// Usage: bench_scalar_series [--runs N] [Google Benchmark flags]
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/scalar_bench_store.h"
#include "benchmark/benchmark.h"
#include "plugins/scalars/series_route.h"
#include "src/data/downsample.h"

namespace {

constexpr int64_t kPoints = 1000000;
int g_runs = 1;

tbx::Store& BigStore() {
  static tbx::Store* store = [] {
    return tbx::bench::FilledStore(
        tbx::bench::RunNames(g_runs, "run_"), [](tbx::StagedBatch* batch) {
          tbx::StagedTag tag = tbx::bench::ScalarTag("loss");
          tag.scalars.reserve(kPoints);
          for (int64_t i = 0; i < kPoints; ++i) {
            const double noise =
                std::sin(static_cast<double>(i) * 12.9898) * 0.05;
            tag.scalars.push_back(
                {i, 1.7e9 + static_cast<double>(i) * 0.1,
                 static_cast<float>(std::exp(-static_cast<double>(i) / 2e5) +
                                    noise)});
          }
          batch->tags.push_back(std::move(tag));
        });
  }();
  return *store;
}

tbx::Request SeriesRequest(int64_t min_step, int64_t max_step) {
  tbx::Request request =
      tbx::bench::Get("/data/plugin/scalars/series",
                      {{"tag", "loss"}, {"run", "run_0"}, {"points", "1000"}});
  if (min_step >= 0) {
    request.params.emplace_back("min_step", absl::StrCat(min_step));
    request.params.emplace_back("max_step", absl::StrCat(max_step));
  }
  return request;
}

void Serve(benchmark::State& state, const tbx::Request& request) {
  tbx::bench::ServeSeries(state, BigStore(), request);
}

void BM_Series1000pxWhole(benchmark::State& state) {
  Serve(state, SeriesRequest(-1, -1));
}
BENCHMARK(BM_Series1000pxWhole)->Unit(benchmark::kMillisecond);

void BM_Series1000pxZoom1Percent(benchmark::State& state) {
  Serve(state, SeriesRequest(kPoints / 2, kPoints / 2 + kPoints / 100 - 1));
}
BENCHMARK(BM_Series1000pxZoom1Percent)->Unit(benchmark::kMillisecond);

// What /series did before the summaries: copy every point, then downsample.
void BM_FullScanThenDownsample(benchmark::State& state) {
  tbx::Store& store = BigStore();
  for (auto _ : state) {
    auto all = store.ReadScalars("run_0", "loss");
    benchmark::DoNotOptimize(tbx::Downsample(std::move(*all), 1000));
  }
}
BENCHMARK(BM_FullScanThenDownsample)->Unit(benchmark::kMillisecond);

// The Scalars page's first request on the browser benchmark's logdir
// (tests/browser/make_browser_logdir: 50 runs, steps 0..9,999, float32 values
// of a decaying curve plus a ripple): 4 tags of 50 runs at 600 points, in the
// binary form, computed afresh (the server caches answers; a page opened
// after tbx starts, or after new data, gets this path).
tbx::Store& FirstScreenStore() {
  static tbx::Store* store = [] {
    constexpr int kRuns = 50, kTags = 4, kSteps = 10000;
    int run = 0;
    return tbx::bench::FilledStore(
        tbx::bench::RunNames(kRuns, "run_"), [&run](tbx::StagedBatch* batch) {
          for (int t = 0; t < kTags; ++t) {
            tbx::StagedTag tag = tbx::bench::ScalarTag(
                absl::StrCat("group_", t % 4, "/metric_", t));
            for (int step = 0; step < kSteps; ++step) {
              const double value =
                  std::exp(-step / (kSteps / 4.0)) * (1.0 + 0.02 * run) +
                  0.05 * std::sin(step * 0.37 + run + t);
              tag.scalars.push_back(
                  {step, 1.7e9 + step + run, static_cast<float>(value)});
            }
            batch->tags.push_back(std::move(tag));
          }
          ++run;
        });
  }();
  return *store;
}

void BM_FirstScreen50Runs(benchmark::State& state) {
  tbx::bench::ServeSeries(state, FirstScreenStore(),
                          tbx::bench::Get("/data/plugin/scalars/series",
                                          {{"first_tags", "4"},
                                           {"tag_offset", "0"},
                                           {"points", "600"},
                                           {"point_budget", "200000"},
                                           {"format", "binary"}}));
}
BENCHMARK(BM_FirstScreen50Runs)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  return tbx::bench::RunBenchmarks(argc, argv, {{"--runs", &g_runs}}, [] {
    BigStore();
    FirstScreenStore();
  });
}
