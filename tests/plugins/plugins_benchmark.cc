// Benchmarks of the plugin routes that carry the most data, on an in-memory
// provider: the scalars JSON and CSV of a million-point series, the frontend's
// columnar /series route with and without downsampling, the tags listing of
// 1000 run/tag pairs, and float formatting alone. Not a test; run
// build/tests/plugins/plugins_benchmark.
#include <cmath>
#include <string>

#include "benchmark/benchmark.h"
#include "plugins/common/python_float.h"
#include "plugins/scalars/scalars_plugin.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::FakeDataProvider;

constexpr int kPoints = 1'000'000;

// One run with a kPoints-point series of float32-like values; built once.
const FakeDataProvider& MillionPoints() {
  static const FakeDataProvider* provider = [] {
    auto* p = new FakeDataProvider();
    for (int step = 0; step < kPoints; ++step) {
      const double value =
          static_cast<float>(std::exp(-step / 2e5) + 0.01 * std::sin(step));
      p->AddScalar("run", "loss", step, 1700000000.0 + step * 0.25, value);
    }
    return p;
  }();
  return *provider;
}

Response CallRoute(Plugin& plugin, const std::string& path, Request request) {
  request.path = path;
  for (tbx::Route& route : plugin.Routes()) {
    if (route.path == path) return route.handler(request);
  }
  return Response::NotFound(path);
}

void BM_ScalarsJson(benchmark::State& state) {
  ScalarsPlugin plugin(&MillionPoints());
  Request request;
  request.params = {{"run", "run"}, {"tag", "loss"}};
  size_t bytes = 0;
  for (auto _ : state) {
    Response response =
        CallRoute(plugin, "/data/plugin/scalars/scalars", request);
    bytes = response.body.size();
    benchmark::DoNotOptimize(response);
  }
  state.counters["points/s"] = benchmark::Counter(
      kPoints, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["body_MB"] = bytes / 1e6;
}
BENCHMARK(BM_ScalarsJson)->Unit(benchmark::kMillisecond);

void BM_ScalarsCsv(benchmark::State& state) {
  ScalarsPlugin plugin(&MillionPoints());
  Request request;
  request.params = {{"run", "run"}, {"tag", "loss"}, {"format", "csv"}};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        CallRoute(plugin, "/data/plugin/scalars/scalars", request));
  }
  state.counters["points/s"] = benchmark::Counter(
      kPoints, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ScalarsCsv)->Unit(benchmark::kMillisecond);

// /series with points=0 (everything) and with the chart-sized points=2000 (the
// fake's simple stride downsampling stands in for the data layer's).
void BM_Series(benchmark::State& state) {
  ScalarsPlugin plugin(&MillionPoints());
  Request request;
  request.params = {{"tag", "loss"},
                    {"points", std::to_string(state.range(0))}};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        CallRoute(plugin, "/data/plugin/scalars/series", request));
  }
}
BENCHMARK(BM_Series)->Arg(0)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_TagsOf1000Series(benchmark::State& state) {
  static const FakeDataProvider* provider = [] {
    auto* p = new FakeDataProvider();
    for (int run = 0; run < 50; ++run) {
      for (int tag = 0; tag < 20; ++tag) {
        p->AddScalar("run_" + std::to_string(run),
                     "metric/" + std::to_string(tag), 0, 1.0, 1.0,
                     tag % 2 ? "A **described** metric" : "");
      }
    }
    return p;
  }();
  ScalarsPlugin plugin(provider);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        CallRoute(plugin, "/data/plugin/scalars/tags", Request()));
  }
}
BENCHMARK(BM_TagsOf1000Series)->Unit(benchmark::kMicrosecond);

void BM_PythonFloat(benchmark::State& state) {
  std::string out;
  double value = 0.10000000149011612;
  for (auto _ : state) {
    out.clear();
    AppendPythonFloat(value, &out);
    value += 1e-9;
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_PythonFloat);

}  // namespace
}  // namespace tbx::plugins

BENCHMARK_MAIN();
