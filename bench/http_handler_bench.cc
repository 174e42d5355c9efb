// Benchmarks of HttpHandler: routing, header rules and gzip on responses of
// TensorBoard-like sizes (a small JSON list and a 10,000-point scalar series of
// about 400 KB).
//   ninja -C build bench_http_handler && build/bench/bench_http_handler
#include <string>

#include "benchmark/benchmark.h"
#include "src/server/http_handler.h"

namespace tbx {
namespace {

namespace http = boost::beast::http;

std::string ScalarSeriesJson(int points) {
  std::string json = "[";
  for (int i = 0; i < points; ++i) {
    if (i > 0) json += ", ";
    json += "[1700000000." + std::to_string(i % 1000) + ", " +
            std::to_string(i) + ", " + std::to_string(0.5 + i * 1e-5) + "]";
  }
  return json + "]";
}

void RunHandler(benchmark::State& state, std::string body, bool gzip) {
  std::vector<Route> routes;
  routes.push_back({"/data/plugin/scalars/scalars",
                    [body](const Request&) { return Response::Json(body); }});
  auto router = Router::Create("", std::move(routes), {});
  HttpHandler handler(router->get(), nullptr);
  HttpRequest request{http::verb::get,
                      "/data/plugin/scalars/scalars?run=train&tag=loss%2Ftrain",
                      11};
  if (gzip) request.set(http::field::accept_encoding, "gzip, deflate");
  size_t bytes = 0;
  for (auto _ : state) {
    handler.Handle(request, [&bytes](HttpReply reply) {
      bytes += reply.message.body().size();
    });
  }
  state.SetBytesProcessed(
      static_cast<int64_t>(body.size() * state.iterations()));
  state.counters["wire_bytes"] =
      static_cast<double>(bytes) / state.iterations();
}

void BM_SmallJson(benchmark::State& state) {
  RunHandler(state, "[\"train\", \"eval\"]", false);
}
void BM_SmallJsonGzip(benchmark::State& state) {
  RunHandler(state, "[\"train\", \"eval\"]", true);
}
void BM_ScalarSeries10k(benchmark::State& state) {
  RunHandler(state, ScalarSeriesJson(10000), false);
}
void BM_ScalarSeries10kGzip(benchmark::State& state) {
  RunHandler(state, ScalarSeriesJson(10000), true);
}

BENCHMARK(BM_SmallJson);
BENCHMARK(BM_SmallJsonGzip);
BENCHMARK(BM_ScalarSeries10k);
BENCHMARK(BM_ScalarSeries10kGzip);

}  // namespace
}  // namespace tbx

BENCHMARK_MAIN();
