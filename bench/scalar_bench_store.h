// Shared by the scalar benchmarks: a Store filled in-process (no event files),
// run names, a GET request, a /series benchmark loop, and a main() that takes
// integer flags before Google Benchmark's own. Header-only; the store is built
// on the main thread before the benchmarks run and is never freed.
#ifndef TBX_BENCH_SCALAR_BENCH_STORE_H_
#define TBX_BENCH_SCALAR_BENCH_STORE_H_

#include <cstdlib>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "plugins/scalars/series_route.h"
#include "src/data/run_data.h"
#include "src/data/store.h"
#include "tbx/http.h"

namespace tbx::bench {

// A scalar series `name` (plugin "scalars", data class scalar), no points yet.
inline StagedTag ScalarTag(std::string name) {
  StagedTag tag;
  tag.tag = std::move(name);
  tag.kind = SeriesKind::kScalars;
  TagMetadata metadata;
  metadata.plugin_name = "scalars";
  metadata.data_class = DataClass::kScalar;
  tag.first_metadata = metadata;
  return tag;
}

// A new store holding one run per name, each published with the batch
// `fill(&batch)` stages.
inline Store* FilledStore(const std::vector<std::string>& run_names,
                          const std::function<void(StagedBatch*)>& fill) {
  auto* store = new Store;
  std::vector<Store::RunLocation> locations;
  for (const std::string& name : run_names)
    locations.push_back({name, "/nonexistent"});
  for (const auto& run : store->SyncRuns(locations)) {
    StagedBatch batch;
    fill(&batch);
    run->Publish(&batch);
  }
  return store;
}

// `count` run names: prefix + index.
inline std::vector<std::string> RunNames(int count, const std::string& prefix) {
  std::vector<std::string> names;
  for (int r = 0; r < count; ++r) names.push_back(absl::StrCat(prefix, r));
  return names;
}

// Times /series answering `request` from `store`, without the answer cache
// (every iteration reads the store); reports the body's bytes.
inline void ServeSeries(benchmark::State& state, const Store& store,
                        const Request& request) {
  size_t bytes = 0;
  // As the plugin does: the runs of each tag are kept while the data holds.
  plugins::GenerationCache<plugins::ScalarRunsByTag> runs_of_tags;
  for (auto _ : state) {
    Response response =
        plugins::ServeScalarSeries(store, runs_of_tags, nullptr, request);
    if (response.status != 200) state.SkipWithError("not 200");
    bytes = response.body.size();
    benchmark::DoNotOptimize(response);
  }
  state.counters["body_bytes"] = static_cast<double>(bytes);
}

// A GET of `path` with `params`.
inline Request Get(std::string path,
                   std::vector<std::pair<std::string, std::string>> params) {
  Request request;
  request.method = "GET";
  request.path = std::move(path);
  request.params = std::move(params);
  return request;
}

// Sets each `--name N` flag of `flags` from argv, passes the other arguments
// to Google Benchmark, calls `setup` and runs the benchmarks.
inline int RunBenchmarks(
    int argc, char** argv,
    std::initializer_list<std::pair<const char*, int*>> flags,
    const std::function<void()>& setup) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    bool taken = false;
    for (const auto& [name, value] : flags) {
      if (std::strcmp(argv[i], name) == 0 && i + 1 < argc) {
        *value = std::atoi(argv[++i]);
        taken = true;
        break;
      }
    }
    if (!taken) rest.push_back(argv[i]);
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  setup();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace tbx::bench

#endif  // TBX_BENCH_SCALAR_BENCH_STORE_H_
