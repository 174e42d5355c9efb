// The listing routes at 5,000 runs × 20 scalar tags (100,000 run/tag pairs):
// the store's tag listing, the scalars plugin's /tags route, /data/runs'
// listing, and /series for one run and tag among them (which looks the tag up
// in that listing). Each series holds one point: these costs depend on the
// number of runs and tags, not on the points. Filled in-process.
// BM_SeriesFirstScreen* reads a page's first screen (4 tags of every run,
// first_tags, 40 points a run as the dashboard asks at 5,000 runs) from a
// second store whose series hold `--steps` points (default 1,000).
//
// Usage: bench_scalar_tags [--runs N] [--tags N] [--steps N]
//        [Google Benchmark flags]
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "bench/scalar_bench_store.h"
#include "benchmark/benchmark.h"
#include "plugins/scalars/scalars_plugin.h"
#include "plugins/scalars/series_route.h"

namespace {

int g_runs = 5000;
int g_tags = 20;
int g_steps = 1000;

tbx::Store& ManyRuns() {
  static tbx::Store* store = [] {
    return tbx::bench::FilledStore(
        tbx::bench::RunNames(g_runs, "sweep/run_"),
        [](tbx::StagedBatch* batch) {
          batch->start_time = 1.7e9;
          for (int t = 0; t < g_tags; ++t) {
            tbx::StagedTag tag =
                tbx::bench::ScalarTag(absl::StrCat("metrics/tag_", t));
            tag.scalars.push_back({1, 1.7e9, 0.5});
            batch->tags.push_back(std::move(tag));
          }
        });
  }();
  return *store;
}

void BM_StoreListTags(benchmark::State& state) {
  const tbx::Store& store = ManyRuns();
  for (auto _ : state) benchmark::DoNotOptimize(store.ListTags("scalars"));
}
BENCHMARK(BM_StoreListTags)->Unit(benchmark::kMillisecond);

void BM_StoreListRuns(benchmark::State& state) {
  const tbx::Store& store = ManyRuns();
  for (auto _ : state) benchmark::DoNotOptimize(store.ListRuns());
}
BENCHMARK(BM_StoreListRuns)->Unit(benchmark::kMillisecond);

// A listing route of the scalars plugin: `route` is Tags or TagList.
void ListingRoute(benchmark::State& state,
                  tbx::Response (tbx::plugins::ScalarsPlugin::*route)(
                      const tbx::Request&) const) {
  tbx::plugins::ScalarsPlugin plugin(&ManyRuns());
  const tbx::Request request = tbx::bench::Get("/data/plugin/scalars/tags", {});
  size_t bytes = 0;
  for (auto _ : state) {
    tbx::Response response = (plugin.*route)(request);
    bytes = response.body.size();
    benchmark::DoNotOptimize(response);
  }
  state.counters["body_bytes"] = static_cast<double>(bytes);
}

void BM_ScalarsTagsRoute(benchmark::State& state) {
  ListingRoute(state, &tbx::plugins::ScalarsPlugin::Tags);
}
BENCHMARK(BM_ScalarsTagsRoute)->Unit(benchmark::kMillisecond);

// tbx's compact listing of the same tags (tag_list.h).
void BM_ScalarsTagListRoute(benchmark::State& state) {
  ListingRoute(state, &tbx::plugins::ScalarsPlugin::TagList);
}
BENCHMARK(BM_ScalarsTagListRoute)->Unit(benchmark::kMillisecond);

void BM_ScalarsOneRunAndTag(benchmark::State& state) {
  tbx::plugins::ScalarsPlugin plugin(&ManyRuns());
  const tbx::Request request =
      tbx::bench::Get("/data/plugin/scalars/scalars",
                      {{"run", absl::StrCat("sweep/run_", g_runs / 2)},
                       {"tag", "metrics/tag_3"}});
  for (auto _ : state) {
    tbx::Response response = plugin.Scalars(request);
    if (response.status != 200) state.SkipWithError("not 200");
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_ScalarsOneRunAndTag)->Unit(benchmark::kMillisecond);

void BM_SeriesOneRunAndTag(benchmark::State& state) {
  const tbx::Store& store = ManyRuns();
  const tbx::Request request =
      tbx::bench::Get("/data/plugin/scalars/series",
                      {{"run", absl::StrCat("sweep/run_", g_runs / 2)},
                       {"tag", "metrics/tag_3"},
                       {"points", "1000"}});
  // As the plugin does: the runs of each tag are kept while the data holds.
  tbx::plugins::GenerationCache<tbx::plugins::ScalarRunsByTag> runs_of_tags;
  for (auto _ : state) {
    tbx::Response response =
        tbx::plugins::ServeScalarSeries(store, runs_of_tags, nullptr, request);
    if (response.status != 200) state.SkipWithError("not 200");
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_SeriesOneRunAndTag)->Unit(benchmark::kMillisecond);

// g_runs runs × 4 tags × g_steps points of a noisy decaying curve.
tbx::Store& ManyRunsWithPoints() {
  static tbx::Store* store = [] {
    return tbx::bench::FilledStore(
        tbx::bench::RunNames(g_runs, "sweep/run_"),
        [](tbx::StagedBatch* batch) {
          batch->start_time = 1.7e9;
          for (int t = 0; t < 4; ++t) {
            tbx::StagedTag tag =
                tbx::bench::ScalarTag(absl::StrCat("metrics/tag_", t));
            for (int64_t i = 0; i < g_steps; ++i) {
              const double x = static_cast<double>(i + t);
              tag.scalars.push_back(
                  {i, 1.7e9 + x * 0.37,
                   static_cast<float>(std::exp(-x / 300) +
                                      std::sin(x * 12.99) * 0.05)});
            }
            batch->tags.push_back(std::move(tag));
          }
        });
  }();
  return *store;
}

// No answer cache: every iteration reads the store, as a page's first request
// after new data does.
void FirstScreen(benchmark::State& state, const char* format) {
  tbx::bench::ServeSeries(state, ManyRunsWithPoints(),
                          tbx::bench::Get("/data/plugin/scalars/series",
                                          {{"first_tags", "4"},
                                           {"points", "600"},
                                           {"point_budget", "200000"},
                                           {"format", format}}));
}

void BM_SeriesFirstScreenBinary(benchmark::State& state) {
  FirstScreen(state, "binary");
}
BENCHMARK(BM_SeriesFirstScreenBinary)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  return tbx::bench::RunBenchmarks(
      argc, argv,
      {{"--runs", &g_runs}, {"--tags", &g_tags}, {"--steps", &g_steps}}, [] {
        // As tbx does (Ingestion::Start): no lock-order graph on every lock.
        absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
        ManyRuns();
        ManyRunsWithPoints();
      });
}
