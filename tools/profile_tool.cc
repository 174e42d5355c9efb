// profile_tool: the profile plugin's parser from the command line.
//   profile_tool summary FILE      one JSON object: the overview, operator and
//                                  kernel tables and counts (for the sample
//                                  tests, which check it against figures
//                                  computed from the raw JSON by Python)
//   profile_tool bench FILE        parse + index time, peak RSS, overview and
//                                  timeline range-query times
//   profile_tool generate OUT MB   a synthetic Kineto trace of about MB
//                                  megabytes (ResNet-like steps: operators,
//                                  launches, kernels, memcpys, memory events)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "plugins/profile/overview.h"
#include "plugins/profile/tables.h"
#include "plugins/profile/timeline.h"
#include "plugins/profile/trace_json_reader.h"
#include "tools/trace_writer.h"

namespace {

using namespace tbx::plugins::profile;  // NOLINT: a tool's main file

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int Summary(const std::string& path) {
  absl::StatusOr<TraceIndex> index = ReadJsonTraceFile(path);
  if (!index.ok()) {
    std::cerr << index.status() << "\n";
    return 1;
  }
  std::string memory = MemoryJson(*index, 100, 1000000000);
  std::cout << "{\"overview\": "
            << OverviewJson(*index, ComputeOverview(*index))
            << ", \"operators\": " << OperatorsJson(*index, false)
            << ", \"operators_by_shape\": " << OperatorsJson(*index, true)
            << ", \"kernels\": " << KernelsJson(*index)
            << ", \"memory\": " << memory << "}\n";
  return 0;
}

int Bench(const std::string& path) {
  auto t0 = std::chrono::steady_clock::now();
  absl::StatusOr<TraceIndex> index = ReadJsonTraceFile(path);
  if (!index.ok()) {
    std::cerr << index.status() << "\n";
    return 1;
  }
  double parse = Seconds(t0);
  std::printf("events %zu, uncompressed bytes %lld, index memory %.1f MB\n",
              index->events.size(), static_cast<long long>(index->bytes_read),
              index->MemoryUsage() / 1e6);
  std::printf("parse+index %.3f s (%.1f MB/s), peak RSS %.1f MB\n", parse,
              index->bytes_read / 1e6 / parse, PeakRssKb() / 1024.0);
  t0 = std::chrono::steady_clock::now();
  std::string overview = OverviewJson(*index, ComputeOverview(*index));
  std::printf("overview %.3f s (%zu bytes)\n", Seconds(t0), overview.size());
  t0 = std::chrono::steady_clock::now();
  std::string ops = OperatorsJson(*index, false);
  std::printf("operators %.3f s (%zu bytes)\n", Seconds(t0), ops.size());
  TimelineQuery all{0, std::max<int64_t>(1, index->end_ns), 1500};
  const int kRepeats = 5;
  t0 = std::chrono::steady_clock::now();
  size_t bytes = 0;
  for (int i = 0; i < kRepeats; ++i) bytes = TimelineJson(*index, all).size();
  std::printf("timeline full range: %.1f ms per query (%zu bytes)\n",
              Seconds(t0) * 1000 / kRepeats, bytes);
  int64_t mid = index->end_ns / 2;
  int64_t span = std::max<int64_t>(1000, index->end_ns / 1000);
  TimelineQuery zoom{mid, mid + span, 1500};
  t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kRepeats; ++i) bytes = TimelineJson(*index, zoom).size();
  std::printf("timeline 1/1000 of the range: %.1f ms per query (%zu bytes)\n",
              Seconds(t0) * 1000 / kRepeats, bytes);
  std::printf("peak RSS %.1f MB\n", PeakRssKb() / 1024.0);
  return 0;
}

int Generate(const std::string& out_path, double megabytes) {
  std::ofstream out(out_path, std::ios::binary);
  if (!out) {
    std::cerr << "cannot write " << out_path << "\n";
    return 1;
  }
  tbx::tools::TraceWriter writer;
  writer.SetDeviceProperties(
      "[{\"id\": 0, \"name\": \"Synthetic GPU\", \"totalGlobalMem\": "
      "34084028416, \"computeMajor\": 7, \"computeMinor\": 0, \"numSms\": "
      "80}]");
  const double target = megabytes * 1e6;
  double written = 0;
  double ts = 1000;
  int64_t correlation = 1;
  uint64_t addr = 0x7f0000000000;
  int64_t allocated = 0;
  const char* const kOps[] = {"aten::conv2d", "aten::batch_norm", "aten::relu",
                              "aten::add_", "aten::addmm"};
  const char* const kKernels[] = {
      "volta_scudnn_128x64_relu_interior_nn_v1",
      "void cudnn::bn_fw_tr_1C11_kernel_NCHW<float, float, int, 512, true, 1>",
      ("void at::native::vectorized_elementwise_kernel<4, "
       "at::native::(anonymous namespace)::launch_clamp_scalar>"),
      "volta_sgemm_128x64_tn"};
  for (int step = 1; written < target; ++step) {
    double step_begin = ts;
    double t = ts + 5;
    double gpu = ts + 20;
    writer.Memcpy(7, gpu, 30, correlation++, 1 << 20);
    gpu += 35;
    for (int op = 0; op < 400; ++op) {
      const char* name = kOps[op % 5];
      writer.Op(name, 1, t, 18, "[[32, 64, 56, 56], [64, 64, 3, 3]]",
                "model.py(12): forward;train.py(40): step");
      writer.Op("aten::empty", 1, t + 1, 2, "[[], [], [], [], [], []]");
      writer.Runtime("cudaLaunchKernel", 1, t + 4, 6, correlation);
      gpu = std::max(gpu, t + 8);
      writer.Kernel(kKernels[op % 4], 7, gpu, 14, correlation++, 0.8, 45);
      writer.Memory(1, t + 2, 4096, addr + 4096 * (op % 64), allocated += 4096);
      writer.Memory(1, t + 16, -4096, addr + 4096 * (op % 64),
                    allocated -= 4096);
      gpu += 15;
      t += 20;
    }
    double end = std::max(t, gpu) + 5;
    writer.Step(step, 1, step_begin, t + 2 - step_begin);
    ts = end + 10;
    std::string chunk = writer.Flush();
    written += static_cast<double>(chunk.size());
    out << chunk;
  }
  out << writer.Finish();
  std::printf("wrote %.1f MB to %s\n", written / 1e6, out_path.c_str());
  return out.good() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  if (command == "summary" && argc == 3) return Summary(argv[2]);
  if (command == "bench" && argc == 3) return Bench(argv[2]);
  if (command == "generate" && argc == 4)
    return Generate(argv[2], std::atof(argv[3]));
  std::cerr
      << "usage: profile_tool summary FILE | bench FILE | generate OUT MB\n";
  return 2;
}
