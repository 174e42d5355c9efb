// The hparams session_groups route over synthetic sweeps shaped like PyTorch's
// add_hparams output (4 hparams: a float, a discrete float, a string and a
// bool; 2 metrics, one scalar each; every session with an end info), asking
// for every column as TensorBoard's dashboard does (sliceSize 1,000,000).
//  * BM_SessionGroups/N: the snapshot is already built (the usual case: the
//    data has not changed since the previous request);
//  * BM_SessionGroupsAfterChange/N: the provider's generation moves before
//    every request, so the snapshot is rebuilt from the summaries each time
//    (the worst case, while a sweep is still writing).
// Times are the handler's (parse request, query, write JSON); run
// build/bench/bench_hparams.
#include <string>

#include "benchmark/benchmark.h"
#include "plugins/hparams/hparams_plugin.h"
#include "proto/hparams_plugin_data.pb.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx {
namespace {

namespace hp = ::tensorboard::hparams;

void AddSummary(testing::FakeDataProvider& provider, const std::string& run,
                const std::string& tag, const hp::HParamsPluginData& data) {
  provider.AddTensor(run, tag, "hparams", 0, 0, Tensor{});
  TagMetadata metadata;
  metadata.plugin_name = "hparams";
  metadata.plugin_content = data.SerializeAsString();
  metadata.data_class = DataClass::kTensor;
  provider.SetMetadata(run, tag, metadata);
}

void FillSweep(testing::FakeDataProvider& provider, int sessions) {
  const char* optimizers[] = {"adam", "sgd", "rmsprop"};
  for (int i = 0; i < sessions; ++i) {
    const std::string run = "trial_" + std::to_string(i) + "/hparams";
    hp::HParamsPluginData start;
    auto& hparams = *start.mutable_session_start_info()->mutable_hparams();
    hparams["lr"].set_number_value(1e-4 * (1 + (i * 7919) % 1000));
    hparams["batch_size"].set_number_value(16 << (i % 4));
    hparams["optimizer"].set_string_value(optimizers[i % 3]);
    hparams["use_bn"].set_bool_value(i % 2 == 0);
    AddSummary(provider, run, "_hparams_/session_start_info", start);
    hp::HParamsPluginData end;
    end.mutable_session_end_info()->set_status(hp::STATUS_SUCCESS);
    AddSummary(provider, run, "_hparams_/session_end_info", end);
    const double accuracy = ((i * 104729) % 1000) / 1000.0;
    provider.AddScalar(run, "hparam/accuracy", 0, 1.7e9 + i, accuracy);
    provider.AddScalar(run, "hparam/loss", 0, 1.7e9 + i, 1 - accuracy);
  }
}

Request AllColumnsRequest() {
  Request request;
  request.method = "POST";
  request.path = "/data/plugin/hparams/session_groups";
  request.body =
      R"({"experimentName": "", "allowedStatuses": ["STATUS_FAILURE",
      "STATUS_RUNNING", "STATUS_SUCCESS", "STATUS_UNKNOWN"], "colParams": [
      {"hparam": "batch_size", "includeInResult": true},
      {"hparam": "lr", "includeInResult": true},
      {"hparam": "optimizer", "includeInResult": true},
      {"hparam": "use_bn", "includeInResult": true},
      {"metric": {"tag": "hparam/accuracy", "group": ""}, "includeInResult": true,
       "order": "ORDER_DESC"},
      {"metric": {"tag": "hparam/loss", "group": ""}, "includeInResult": true}],
      "startIndex": 0, "sliceSize": 1000000})";
  return request;
}

void Run(benchmark::State& state, bool change_before_each) {
  testing::FakeDataProvider provider;
  FillSweep(provider, static_cast<int>(state.range(0)));
  plugins::HParamsPlugin plugin(&provider);
  Handler handler;
  for (Route& route : plugin.Routes()) {
    if (route.path == "/data/plugin/hparams/session_groups") {
      handler = route.handler;
    }
  }
  const Request request = AllColumnsRequest();
  size_t bytes = handler(request).body.size();  // builds the first snapshot
  for (auto _ : state) {
    if (change_before_each) provider.BumpGeneration();
    Response response = handler(request);
    bytes = response.body.size();
    benchmark::DoNotOptimize(response);
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}

void BM_SessionGroups(benchmark::State& state) { Run(state, false); }
void BM_SessionGroupsAfterChange(benchmark::State& state) { Run(state, true); }

BENCHMARK(BM_SessionGroups)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SessionGroupsAfterChange)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tbx

BENCHMARK_MAIN();
