// Tests of the profile plugin's trace model: the streaming JSON reader (Kineto,
// legacy, gzip, damaged and unfinished files), the step-time breakdown, the
// operator / kernel / memory tables, the timeline's range queries and the
// XSpace reader. Traces are written by tools/trace_writer; every expected
// figure is worked out by hand from the events the test writes.
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "plugins/profile/overview.h"
#include "plugins/profile/tables.h"
#include "plugins/profile/timeline.h"
#include "plugins/profile/trace_json_reader.h"
#include "plugins/profile/xspace_reader.h"
#include "proto/xplane.pb.h"
#include "tools/trace_writer.h"

namespace tbx::plugins::profile {
namespace {

using ::tbx::tools::TraceWriter;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr int64_t kUs = 1000;  // ns

// Two steps on thread 1 with GPU work:
//  step 1 [0, 100): op "train" [0, 100); runtime [10, 20) -> kernel
//    [15, 45); runtime [30, 35) -> memcpy [40, 60); data loading [70, 80).
//  step 2 [100, 150) on the host: runtimes [110, 112) and [120, 122) ->
//    kernels [140, 170) and [170, 180), so the step ends at 180 on the device.
std::string TwoStepTrace() {
  TraceWriter w;
  w.Step(1, 1, 0, 100);
  w.Op("train", 1, 0, 100);
  w.Runtime("cudaLaunchKernel", 1, 10, 10, 1);
  w.Kernel("volta_sgemm_128x64_tn", 7, 15, 30, 1);
  w.Runtime("cudaMemcpyAsync", 1, 30, 5, 2);
  w.Memcpy(7, 40, 20, 2, 4096);
  w.Op("enumerate(DataLoader)#_SingleProcessDataLoaderIter.__next__", 1, 70,
       10);
  w.Step(2, 1, 100, 50);
  w.Runtime("cudaLaunchKernel", 1, 110, 2, 3);
  w.Kernel("volta_h884gemm_64x64_nn", 7, 140, 30, 3);
  w.Runtime("cudaLaunchKernel", 1, 120, 2, 4);
  w.Kernel("elementwise_kernel", 7, 170, 10, 4);
  return w.Finish();
}

std::filesystem::path TempFile(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         (std::to_string(::getpid()) + "_" + name);
}

void WriteGzip(const std::filesystem::path& path, const std::string& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(TraceReader, ReadsKinetoEventsIntoTracks) {
  TraceIndex index = ReadJsonTrace(TwoStepTrace());
  EXPECT_TRUE(index.complete);
  EXPECT_TRUE(index.notes.empty());
  EXPECT_EQ(index.format, "kineto");
  EXPECT_EQ(index.events.size(), 12u);
  EXPECT_EQ(index.flow_events, 7);     // 4 launches (s), 3 kernels (f)
  ASSERT_EQ(index.tracks.size(), 2u);  // thread 1, then stream 7
  EXPECT_FALSE(index.tracks[0].device);
  EXPECT_TRUE(index.tracks[1].device);
  EXPECT_EQ(index.tracks[1].tid, "7");
  // Step 1 contains "train", which contains the first runtime call.
  const Event& runtime = index.events[index.runtime_by_correlation.at(1)];
  ASSERT_NE(runtime.parent, kNone);
  EXPECT_EQ(index.Name(index.events[runtime.parent]), "train");
  EXPECT_EQ(runtime.depth, 2);
  const Event& kernel = index.events[index.device_by_correlation.at(1)];
  EXPECT_EQ(kernel.ts, 15 * kUs);
  EXPECT_EQ(kernel.dur, 30 * kUs);
  EXPECT_EQ(index.device_args[kernel.detail].grid[0], 80);
}

TEST(Overview, SplitsStepTimeByPriority) {
  TraceIndex index = ReadJsonTrace(TwoStepTrace());
  Overview overview = ComputeOverview(index);
  ASSERT_EQ(overview.steps.size(), 2u);
  const StepCost& one = overview.steps[0];
  EXPECT_EQ(one.name, "1");
  EXPECT_EQ(one.end - one.begin, 100 * kUs);
  EXPECT_EQ(one.cost[kRoleKernel], 30 * kUs);      // [15, 45)
  EXPECT_EQ(one.cost[kRoleMemcpy], 15 * kUs);      // [45, 60)
  EXPECT_EQ(one.cost[kRoleRuntime], 5 * kUs);      // [10, 15)
  EXPECT_EQ(one.cost[kRoleDataLoader], 10 * kUs);  // [70, 80)
  EXPECT_EQ(one.cost[kRoleCpuExec], 40 * kUs);     // [0,10) [60,70) [80,100)
  EXPECT_EQ(one.cost[kRoleOther], 0);
  const StepCost& two = overview.steps[1];
  EXPECT_EQ(two.begin, 100 * kUs);
  EXPECT_EQ(two.end, 180 * kUs);  // extended to its last kernel
  EXPECT_EQ(two.cost[kRoleKernel], 40 * kUs);
  EXPECT_EQ(two.cost[kRoleRuntime], 4 * kUs);
  EXPECT_EQ(two.cost[kRoleOther], 36 * kUs);
  ASSERT_EQ(overview.devices.size(), 1u);
  EXPECT_DOUBLE_EQ(overview.devices[0].utilization, 70.0 / 180.0);
}

TEST(Overview, DropsATrailingStepThatLaunchedTooLittle) {
  TraceWriter w;
  for (int s = 0; s < 2; ++s) {
    w.Step(s + 1, 1, s * 100, 100);
    int launches = s == 0 ? 5 : 2;  // 2 < 0.8 * 5: the last step is cut
    for (int k = 0; k < launches; ++k) {
      int64_t c = s * 10 + k + 1;
      w.Runtime("cudaLaunchKernel", 1, s * 100 + k * 10 + 1, 2, c);
      w.Kernel("k", 7, s * 100 + k * 10 + 5, 2, c);
    }
  }
  Overview overview = ComputeOverview(ReadJsonTrace(w.Finish()));
  EXPECT_EQ(overview.steps.size(), 1u);
  EXPECT_EQ(overview.removed_tail_steps, 1);
}

TEST(Overview, TraceWithoutStepsIsOneStep) {
  TraceWriter w;
  w.Op("a", 1, 10, 5);
  w.Op("b", 1, 30, 10);
  Overview overview = ComputeOverview(ReadJsonTrace(w.Finish()));
  ASSERT_EQ(overview.steps.size(), 1u);
  EXPECT_EQ(overview.steps[0].name, "0");
  EXPECT_EQ(overview.steps[0].end - overview.steps[0].begin, 30 * kUs);
  EXPECT_EQ(overview.steps[0].cost[kRoleCpuExec], 15 * kUs);
  EXPECT_EQ(overview.steps[0].cost[kRoleOther], 15 * kUs);
}

TEST(Operators, HostSelfTimeAndDeviceTimeFollowNesting) {
  TraceWriter w;
  w.Op("aten::linear", 1, 0, 100, "[[8, 16], [32, 16], [32]]", "model.py(3)");
  w.Op("aten::addmm", 1, 10, 30, "[[32], [8, 16], [16, 32]]");
  w.Runtime("cudaLaunchKernel", 1, 20, 5, 7);
  w.Kernel("volta_h884gemm_64x64_nn", 7, 50, 30, 7);
  w.Op("aten::addmm", 1, 60, 10, "[[64], [8, 16], [16, 64]]");
  TraceIndex index = ReadJsonTrace(w.Finish());
  Json ops = Json::parse(OperatorsJson(index, /*by_shape=*/false));
  ASSERT_EQ(ops["rows"].size(), 2u);
  // Sorted by device self time: addmm first.
  EXPECT_EQ(ops["rows"][0], Json::parse(R"(["aten::addmm", null, 2, 40000,
      40000, 30000, 30000, true, 1.0, null])"));
  EXPECT_EQ(ops["rows"][1], Json::parse(R"js(["aten::linear", null, 1, 60000,
      100000, 0, 30000, true, 0.0, "model.py(3)"])js"));
  Json by_shape = Json::parse(OperatorsJson(index, /*by_shape=*/true));
  ASSERT_EQ(by_shape["rows"].size(), 3u);
  EXPECT_EQ(by_shape["rows"][0][1], "[[32],[8,16],[16,32]]");
  EXPECT_EQ(by_shape["rows"][0][2], 1);
}

TEST(Kernels, AggregatesByName) {
  TraceIndex index = ReadJsonTrace(TwoStepTrace());
  Json kernels = Json::parse(KernelsJson(index));
  ASSERT_EQ(kernels["rows"].size(), 3u);
  // volta_sgemm and h884gemm both ran 30 us; names break the tie.
  EXPECT_EQ(kernels["rows"][0][0], "volta_h884gemm_64x64_nn");
  EXPECT_EQ(kernels["rows"][0][1], 1);
  EXPECT_EQ(kernels["rows"][0][2], 30000);
  EXPECT_EQ(kernels["rows"][0][6], Json::parse("[80, 1, 1]"));
  EXPECT_EQ(kernels["rows"][0][12], true);   // tensor cores (h884)
  EXPECT_EQ(kernels["rows"][1][12], false);  // volta_sgemm
}

TEST(Memory, MatchesAllocationsWithFreesAndMarksThePeak) {
  TraceWriter w;
  w.Op("aten::empty", 1, 0, 10);
  w.Memory(1, 1, 1000, 0xa0, 1000);
  w.Op("aten::mul", 1, 20, 10);
  w.Memory(1, 21, 500, 0xb0, 1500);
  w.Memory(1, 40, -1000, 0xa0, 500);
  w.Memory(1, 50, 2000, 0xa0, 2500);  // the address is reused
  Json memory = Json::parse(MemoryJson(ReadJsonTrace(w.Finish()), 100, 100));
  const Json& gpu = memory["devices"]["GPU0"];
  EXPECT_EQ(gpu["peak_allocated"], 2500);
  EXPECT_EQ(gpu["peak_ts_ns"], 50 * kUs);
  EXPECT_EQ(gpu["points"].size(), 4u);
  EXPECT_EQ(memory["allocations_total"], 3);
  EXPECT_EQ(memory["rows"][0],
            Json::parse(R"(["GPU0", "aten::empty", "0xa0", 1000, 1000, 40000,
                            39000])"));
  EXPECT_EQ(memory["rows"][1][1], "aten::mul");
  EXPECT_TRUE(memory["rows"][1][5].is_null());  // never freed
  EXPECT_TRUE(memory["rows"][2][1] == "");      // outside any operator
}

TEST(TraceReader, ReadsTheLegacyArrayFormat) {
  TraceWriter w(/*legacy=*/true);
  w.Step(1, 1, 0, 50);
  w.Op("aten::conv2d", 1, 5, 20);
  w.Op("aten::relu", 1, 30, 5);
  TraceIndex index = ReadJsonTrace(w.Finish());
  EXPECT_EQ(index.format, "legacy");
  EXPECT_TRUE(index.complete);
  EXPECT_EQ(index.events.size(), 3u);
  EXPECT_EQ(index.events[0].kind, EventKind::kProfilerStep);
  EXPECT_EQ(index.events[1].kind, EventKind::kCpuOp);
}

TEST(TraceReader, PairsBeginAndEndAndNotesMissingDurations) {
  std::string text = R"({"traceEvents": [
    {"ph": "B", "name": "outer", "pid": 1, "tid": 1, "ts": 10},
    {"ph": "X", "name": "inner", "cat": "cpu_op", "pid": 1, "tid": 1, "ts": 12},
    {"ph": "E", "pid": 1, "tid": 1, "ts": 30},
    {"ph": "E", "pid": 1, "tid": 1, "ts": 40},
    {"ph": "X", "name": "no time", "pid": 1, "tid": 1},
    {"ph": "X", "name": "x", "cat": "surprise", "pid": 1, "tid": 1, "ts": 50,
     "dur": 1}]})";
  TraceIndex index = ReadJsonTrace(text);
  ASSERT_EQ(index.events.size(), 3u);
  EXPECT_EQ(index.Name(index.events[0]), "outer");
  EXPECT_EQ(index.events[0].dur, 20 * kUs);
  EXPECT_EQ(index.events[1].dur, 0);
  EXPECT_EQ(index.events[2].kind, EventKind::kOther);
  EXPECT_THAT(index.notes, ::testing::Contains(
                               HasSubstr("1 complete events had no duration")));
  EXPECT_THAT(index.notes,
              ::testing::Contains(HasSubstr("1 end events had no begin")));
  EXPECT_THAT(index.notes,
              ::testing::Contains(HasSubstr("without a phase or time")));
}

TEST(TraceReader, TruncatedTraceKeepsWhatWasReadWithANote) {
  std::string text = TwoStepTrace();
  std::string cut = text.substr(0, text.size() * 2 / 3);
  TraceIndex index = ReadJsonTrace(cut);
  EXPECT_FALSE(index.complete);
  EXPECT_GT(index.events.size(), 3u);
  EXPECT_LT(index.events.size(), 12u);
  ASSERT_EQ(index.notes.size(), 1u);
  EXPECT_THAT(index.notes[0], HasSubstr("ends early"));
  EXPECT_THAT(index.notes[0], HasSubstr("still being written"));
}

TEST(TraceReader, DamagedGzipKeepsWhatWasReadWithANote) {
  std::string text;
  TraceWriter w;
  for (int i = 0; i < 20000; ++i) w.Op("aten::add", 1, i * 10, 5);
  text = w.Finish();
  std::filesystem::path path = TempFile("damaged.pt.trace.json.gz");
  WriteGzip(path, text);
  std::string bytes = ReadAll(path);
  for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i)
    bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  std::ofstream(path, std::ios::binary) << bytes;
  absl::StatusOr<TraceIndex> index = ReadJsonTraceFile(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(index.ok());
  EXPECT_FALSE(index->complete);
  EXPECT_GT(index->events.size(), 1000u);
  EXPECT_LT(index->events.size(), 20000u);
  ASSERT_FALSE(index->notes.empty());
  EXPECT_THAT(index->notes[0], ::testing::AnyOf(HasSubstr("damaged"),
                                                HasSubstr("not valid JSON")));
}

TEST(TraceReader, GzipAndPlainFilesReadAlike) {
  std::string text = TwoStepTrace();
  std::filesystem::path gz = TempFile("a.pt.trace.json.gz");
  std::filesystem::path plain = TempFile("a.pt.trace.json");
  WriteGzip(gz, text);
  std::ofstream(plain, std::ios::binary) << text;
  absl::StatusOr<TraceIndex> a = ReadJsonTraceFile(gz.string());
  absl::StatusOr<TraceIndex> b = ReadJsonTraceFile(plain.string());
  std::filesystem::remove(gz);
  std::filesystem::remove(plain);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->complete);
  EXPECT_EQ(KernelsJson(*a), KernelsJson(*b));
  EXPECT_EQ(a->events.size(), b->events.size());
  EXPECT_FALSE(ReadJsonTraceFile("/nonexistent/x.pt.trace.json").ok());
}

TEST(TraceReader, NonTracesGiveAnEmptyIndexWithANote) {
  for (const char* text : {"", "42", "\"text\"", "{", "[1, 2", "nul",
                           "{\"traceEvents\": 5}", "[[1], {\"ph\": 3}]"}) {
    TraceIndex index = ReadJsonTrace(text);
    EXPECT_TRUE(index.events.empty()) << text;
    if (std::string(text) != "{\"traceEvents\": 5}" &&
        std::string(text) != "[[1], {\"ph\": 3}]") {
      EXPECT_FALSE(index.complete) << text;
      EXPECT_FALSE(index.notes.empty()) << text;
    }
  }
}

TEST(Timeline, MergesEventsBelowAPixelAndShowsThemWholeWhenZoomed) {
  TraceWriter w;
  for (int i = 0; i < 1000; ++i) w.Op("tiny", 1, i * 2, 1);  // [0, 2000) us
  TraceIndex index = ReadJsonTrace(w.Finish());
  Json all = Json::parse(TimelineJson(index, {0, 2000 * kUs, 10}));
  EXPECT_EQ(all["resolution_ns"], 200 * kUs);
  const Json& events = all["tracks"][0]["events"];
  EXPECT_EQ(events.size(), 1u);  // gaps of 1 us < one 200 us pixel
  EXPECT_EQ(events[0][0], -1000);
  EXPECT_EQ(events[0][1], 0);
  EXPECT_EQ(events[0][2], 1999 * kUs);
  Json zoom = Json::parse(TimelineJson(index, {100 * kUs, 120 * kUs, 1000}));
  const Json& shown = zoom["tracks"][0]["events"];
  ASSERT_EQ(shown.size(), 10u);  // starts 100, 102, ..., 118
  EXPECT_EQ(shown[0][1], 100 * kUs);
  EXPECT_GE(shown[0][0], 0);
  EXPECT_EQ(zoom["names"][shown[0][4].get<int>()], "tiny");
}

TEST(Timeline, FindsLongEventsStartingBeforeTheRangeAndFlows) {
  TraceIndex index = ReadJsonTrace(TwoStepTrace());
  Json range = Json::parse(TimelineJson(index, {16 * kUs, 18 * kUs, 100}));
  // Thread 1: step 1, train, the first runtime call; stream 7: the kernel.
  EXPECT_EQ(range["tracks"][0]["events"].size(), 3u);
  EXPECT_EQ(range["tracks"][1]["events"].size(), 1u);
  ASSERT_EQ(range["flows"].size(), 1u);
  uint32_t runtime = index.runtime_by_correlation.at(1);
  uint32_t kernel = index.device_by_correlation.at(1);
  EXPECT_EQ(range["flows"][0][0], runtime);
  EXPECT_EQ(range["flows"][0][4], kernel);
  Json details = Json::parse(EventJson(index, kernel));
  EXPECT_EQ(details["name"], "volta_sgemm_128x64_tn");
  EXPECT_EQ(details["flow_partner"]["event"], runtime);
  EXPECT_EQ(details["grid"], Json::parse("[80, 1, 1]"));
}

TEST(Timeline, ZoomedOutQueriesUseTheCoarseLevelAndLoseNoEvent) {
  TraceIndex index = ReadJsonTrace(TwoStepTrace());
  // 180 us of trace: the coarse level merges below 180000 / 8192 = 21 ns.
  EXPECT_EQ(index.coarse_resolution, 21);
  // 10 pixels of 18 us: answered from the coarse level.
  Json all = Json::parse(TimelineJson(index, {0, 180 * kUs, 10}));
  int64_t events = 0;
  std::vector<std::string> whole;
  for (const Json& track : all["tracks"]) {
    for (const Json& e : track["events"]) {
      int64_t id = e[0].get<int64_t>();
      events += id < 0 ? -id : 1;
      if (id >= 0) whole.push_back(all["names"][e[4].get<int>()]);
    }
  }
  EXPECT_EQ(events, 12);
  // Events of 18 us or more are whole (both steps, "train", the two 30 us
  // kernels, the 20 us memcpy), and so is a short event with no neighbour
  // at its depth within a pixel (the data loading, 35 us after the last
  // runtime call; the last kernel, after a whole one). The runtime calls
  // merge in pairs.
  EXPECT_THAT(
      whole,
      ::testing::UnorderedElementsAre(
          "ProfilerStep#1", "ProfilerStep#2", "train", "volta_sgemm_128x64_tn",
          "volta_h884gemm_64x64_nn", "Memcpy HtoD (Pageable -> Device)",
          "elementwise_kernel",
          "enumerate(DataLoader)#_SingleProcessDataLoaderIter.__next__"));
}

TEST(XSpace, ConvertsPlanesLinesAndSteps) {
  tensorflow::profiler::XSpace space;
  auto* host = space.add_planes();
  host->set_name("/host:CPU");
  (*host->mutable_event_metadata())[1].set_name("train_step");
  (*host->mutable_event_metadata())[2].set_name("MatMul");
  auto* line = host->add_lines();
  line->set_name("python");
  line->set_timestamp_ns(1000000);
  auto* e = line->add_events();
  e->set_metadata_id(1);
  e->set_offset_ps(0);
  e->set_duration_ps(50000000);  // 50 us
  e = line->add_events();
  e->set_metadata_id(2);
  e->set_offset_ps(10000000);
  e->set_duration_ps(5000000);
  auto* aggregated = line->add_events();
  aggregated->set_metadata_id(2);
  aggregated->set_num_occurrences(7);
  auto* gpu = space.add_planes();
  gpu->set_name("/device:GPU:0");
  (*gpu->mutable_event_metadata())[1].set_name("volta_sgemm");
  (*gpu->mutable_event_metadata())[2].set_name("3");
  (*gpu->mutable_stat_metadata())[9].set_name("correlation_id");
  auto* stream = gpu->add_lines();
  stream->set_name("Stream #7");
  stream->set_timestamp_ns(1000000);
  auto* k = stream->add_events();
  k->set_metadata_id(1);
  k->set_offset_ps(20000000);
  k->set_duration_ps(20000000);
  auto* stat = k->add_stats();
  stat->set_metadata_id(9);
  stat->set_int64_value(42);
  auto* steps = gpu->add_lines();
  steps->set_name("Steps");
  steps->set_timestamp_ns(1000000);
  auto* s = steps->add_events();
  s->set_metadata_id(2);
  s->set_offset_ps(0);
  s->set_duration_ps(60000000);
  TraceIndex index = ReadXSpace(space.SerializeAsString());
  EXPECT_EQ(index.format, "xspace");
  EXPECT_EQ(index.events.size(), 4u);
  EXPECT_THAT(index.notes, ::testing::Contains(HasSubstr("1 aggregated")));
  EXPECT_EQ(index.device_by_correlation.count(42), 1u);
  Overview overview = ComputeOverview(index);
  ASSERT_EQ(overview.steps.size(), 1u);
  EXPECT_EQ(overview.steps[0].name, "3");
  EXPECT_EQ(overview.steps[0].cost[kRoleKernel], 20 * kUs);
  Json ops = Json::parse(OperatorsJson(index, false));
  EXPECT_EQ(ops["rows"].size(), 2u);
  Json kernels = Json::parse(KernelsJson(index));
  EXPECT_EQ(kernels["rows"][0][0], "volta_sgemm");

  TraceIndex damaged = ReadXSpace("\x0a\xff\xff\xff");
  EXPECT_FALSE(damaged.complete);
  EXPECT_THAT(damaged.notes[0], HasSubstr("does not decode"));
}

// A TensorFlow-style XSpace with a CUPTI launch, kernel details on the
// kernel's metadata, a memcpy and allocator events inside an op. Times in us
// from the line start: op "MatMul" [0, 50) holding an allocation at 5 and a
// free at 40; cuLaunchKernel [10, 12) -> kernel [20, 30); memcpy [31, 33).
TEST(XSpace, LinksLaunchesToKernelsAndReadsDetailsAndMemory) {
  tensorflow::profiler::XSpace space;
  auto stat_id = [](tensorflow::profiler::XPlane* plane,
                    const std::string& name) {
    int64_t id = static_cast<int64_t>(plane->stat_metadata().size()) + 1;
    for (const auto& [key, meta] : plane->stat_metadata())
      if (meta.name() == name) return key;
    (*plane->mutable_stat_metadata())[id].set_name(name);
    return id;
  };
  auto add_event = [](tensorflow::profiler::XLine* line, int64_t meta,
                      int64_t start_us, int64_t dur_us) {
    auto* e = line->add_events();
    e->set_metadata_id(meta);
    e->set_offset_ps(start_us * 1000000);
    e->set_duration_ps(dur_us * 1000000);
    return e;
  };

  auto* cpu = space.add_planes();
  cpu->set_name("/host:CPU");
  (*cpu->mutable_event_metadata())[1].set_name("MatMul");
  (*cpu->mutable_event_metadata())[2].set_name("MemoryAllocation");
  (*cpu->mutable_event_metadata())[3].set_name("MemoryDeallocation");
  auto* thread = cpu->add_lines();
  thread->set_name("tf_Compute");
  thread->set_timestamp_ns(1000000);
  add_event(thread, 1, 0, 50);
  for (auto [meta, at] : {std::pair{2, 5}, std::pair{3, 40}}) {
    auto* e = add_event(thread, meta, at, 1);
    auto* s = e->add_stats();
    s->set_metadata_id(stat_id(cpu, "allocator_name"));
    s->set_str_value("GPU_0_bfc");
    s = e->add_stats();
    s->set_metadata_id(stat_id(cpu, "allocation_bytes"));
    s->set_int64_value(4096);
    s = e->add_stats();
    s->set_metadata_id(stat_id(cpu, "addr"));
    s->set_uint64_value(0xa0);
    s = e->add_stats();
    s->set_metadata_id(stat_id(cpu, "bytes_allocated"));
    s->set_int64_value(meta == 2 ? 4096 : 0);
    s = e->add_stats();
    s->set_metadata_id(stat_id(cpu, "bytes_reserved"));
    s->set_int64_value(8192);
  }

  auto* cupti = space.add_planes();
  cupti->set_name("/host:CUPTI");
  (*cupti->mutable_event_metadata())[1].set_name("cuLaunchKernel");
  auto* api = cupti->add_lines();
  api->set_name("CUPTI thread");
  api->set_timestamp_ns(1000000);
  auto* launch = add_event(api, 1, 10, 2);
  auto* corr = launch->add_stats();
  corr->set_metadata_id(stat_id(cupti, "correlation_id"));
  corr->set_uint64_value(42);

  auto* gpu = space.add_planes();
  gpu->set_name("/device:GPU:1");
  auto& kernel_meta = (*gpu->mutable_event_metadata())[1];
  kernel_meta.set_name("volta_sgemm");
  auto* details = kernel_meta.add_stats();
  details->set_metadata_id(stat_id(gpu, "kernel_details"));
  details->set_str_value(
      "regs:64 static_shared:1024 dynamic_shared:512 grid:8,4,1 "
      "block:256,1,1 occ_pct:37.5");
  (*gpu->mutable_event_metadata())[2].set_name("MemcpyH2D");
  auto* stream = gpu->add_lines();
  stream->set_id(7);
  stream->set_name("Stream #7");
  stream->set_timestamp_ns(1000000);
  auto* kernel = add_event(stream, 1, 20, 10);
  corr = kernel->add_stats();
  corr->set_metadata_id(stat_id(gpu, "correlation_id"));
  corr->set_int64_value(42);
  auto* memcpy = add_event(stream, 2, 31, 2);
  auto* memcpy_details = memcpy->add_stats();
  memcpy_details->set_metadata_id(stat_id(gpu, "memcpy_details"));
  memcpy_details->set_str_value("kind:HtoD size:1024 dest:1 src:0 async:1");

  TraceIndex index = ReadXSpace(space.SerializeAsString());
  ASSERT_EQ(index.runtime_by_correlation.count(42), 1u);
  ASSERT_EQ(index.device_by_correlation.count(42), 1u);
  EXPECT_EQ(index.Name(index.events[index.runtime_by_correlation[42]]),
            "cuLaunchKernel");
  EXPECT_EQ(index.Name(index.events[index.device_by_correlation[42]]),
            "volta_sgemm");
  Json timeline = Json::parse(
      TimelineJson(index, TimelineQuery{0, index.end_ns + 1, 1000}));
  ASSERT_EQ(timeline["flows"].size(), 1u);
  EXPECT_EQ(timeline["flows"][0][2], 10 * kUs);  // from the launch
  EXPECT_EQ(timeline["flows"][0][6], 20 * kUs);  // to the kernel

  Json kernels = Json::parse(KernelsJson(index));
  ASSERT_EQ(kernels["rows"].size(), 1u);  // the memcpy is not a kernel
  const Json& row = kernels["rows"][0];
  EXPECT_EQ(row[0], "volta_sgemm");
  EXPECT_EQ(row[6], Json::parse("[8, 4, 1]"));
  EXPECT_EQ(row[7], Json::parse("[256, 1, 1]"));
  EXPECT_EQ(row[8], 64);
  EXPECT_EQ(row[9], 1536);
  EXPECT_DOUBLE_EQ(row[11].get<double>(), 37.5);

  Overview overview = ComputeOverview(index);
  ASSERT_EQ(overview.steps.size(), 1u);
  EXPECT_EQ(overview.steps[0].cost[kRoleKernel], 10 * kUs);
  EXPECT_EQ(overview.steps[0].cost[kRoleMemcpy], 2 * kUs);

  Json memory = Json::parse(MemoryJson(index, 100, 100));
  const Json& gpu0 = memory["devices"]["GPU0"];
  EXPECT_EQ(gpu0["peak_allocated"], 4096);
  EXPECT_EQ(gpu0["peak_ts_ns"], 5 * kUs);
  ASSERT_EQ(memory["rows"].size(), 1u);
  // [device, operator, address, bytes, allocated at, freed at, lifetime]
  EXPECT_EQ(memory["rows"][0],
            Json::parse(R"(["GPU0", "MatMul", "0xa0", 4096, 5000, 40000,
                            35000])"));
  Json ops = Json::parse(OperatorsJson(index, false));
  for (const Json& op : ops["rows"])
    EXPECT_NE(op[0], "MemoryAllocation");  // allocator events are no ops
}

}  // namespace
}  // namespace tbx::plugins::profile
