// Ingestion benchmarks: reading 2M-event scalar files (CRCs checked, each
// event decoded by the scalar fast path) in PyTorch's layout (legacy
// simple_value) and tf.summary's (rank-0 tensors), the same with protobuf
// decoding for comparison, and CRC-32C throughput per implementation.
//
//   ninja -C build bench_ingest && build/bench/bench_ingest
//
// The events files are written once per process under $TMPDIR (or /tmp) and
// read from the page cache, so the numbers measure the reader and decoder
// rather than the disk. items_per_second is events per CPU second on one
// thread.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "benchmark/benchmark.h"
#include "proto/event.pb.h"
#include "src/data/crc32c.h"
#include "src/data/record_reader.h"
#include "src/data/record_writer.h"
#include "src/data/scalar_fast_path.h"
#include "tbx/event_writer.h"

namespace tbx {
namespace {

constexpr int64_t kEvents = 2'000'000;
const char* const kTags[] = {"loss/train", "loss/val", "accuracy/train",
                             "learning_rate"};

std::string TempPath(const std::string& name) {
  const char* tmp = std::getenv("TMPDIR");
  return (std::filesystem::path(tmp != nullptr ? tmp : "/tmp") /
          ("tbx_bench_ingest." + std::to_string(getpid()) + "." + name))
      .string();
}

// Writes Event{wall_time, step, summary{value{tag, simple_value}}} per
// add_scalar call, after the file_version event, as torch.utils.tensorboard
// does; four tags take turns.
std::string WritePyTorchFile() {
  const std::string path = TempPath("pytorch.tfevents");
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) std::abort();
  tensorboard::Event event;
  event.set_wall_time(1700000000.0);
  event.set_file_version("brain.Event:2");
  std::string bytes = event.SerializeAsString();
  if (!WriteRecord(file, bytes).ok()) std::abort();
  std::mt19937 random(1);
  std::uniform_real_distribution<float> value(0, 1);
  for (int64_t i = 0; i < kEvents; ++i) {
    event.Clear();
    event.set_wall_time(1700000000.0 + static_cast<double>(i) * 0.013);
    event.set_step(i / 4);
    auto* v = event.mutable_summary()->add_value();
    v->set_tag(kTags[i % 4]);
    v->set_simple_value(value(random));
    event.SerializeToString(&bytes);
    if (!WriteRecord(file, bytes).ok()) std::abort();
  }
  if (std::fclose(file) != 0) std::abort();
  return path;
}

// The same series as tf.summary.scalar writes them (rank-0 float tensors,
// metadata on each tag's first value), through EventWriter.
std::string WriteTfSummaryFile() {
  const std::string path = TempPath("tf_summary.tfevents");
  absl::StatusOr<std::unique_ptr<EventWriter>> writer =
      EventWriter::CreateAtPath(path);
  if (!writer.ok()) std::abort();
  std::mt19937 random(1);
  std::uniform_real_distribution<float> value(0, 1);
  for (int64_t i = 0; i < kEvents; ++i) {
    if (!(*writer)
             ->AddScalar(kTags[i % 4], value(random), i / 4,
                         1700000000.0 + static_cast<double>(i) * 0.013)
             .ok()) {
      std::abort();
    }
  }
  return path;
}

// 16 MiB of damage, half random bytes and half zeros (what a crash can leave
// in a preallocated file): the worst case for resynchronisation, which must
// try every offset.
std::string WriteJunkFile() {
  const std::string path = TempPath("junk.tfevents");
  std::string junk(size_t{16} << 20, '\0');
  std::mt19937_64 random(1);
  for (size_t i = 0; i < junk.size() / 2; i += 8) {
    const uint64_t word = random();
    std::memcpy(&junk[i], &word, 8);
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr ||
      std::fwrite(junk.data(), 1, junk.size(), file) != junk.size() ||
      std::fclose(file) != 0) {
    std::abort();
  }
  return path;
}

}  // namespace

// The benchmark files, written once before anything is timed and removed at
// exit.
struct BenchFiles {
  std::string pytorch = WritePyTorchFile();
  std::string tf_summary = WriteTfSummaryFile();
  std::string junk = WriteJunkFile();
  ~BenchFiles() {
    std::filesystem::remove(pytorch);
    std::filesystem::remove(tf_summary);
    std::filesystem::remove(junk);
  }
};

const BenchFiles& Files() {
  static const BenchFiles files;
  return files;
}

namespace {

std::unique_ptr<RecordReader> OpenScalarFile(benchmark::State& state,
                                             const std::string& path) {
  absl::StatusOr<std::unique_ptr<ReadableFile>> file = OpenReadableFile(path);
  if (!file.ok()) {
    state.SkipWithError("cannot open the events file");
    return nullptr;
  }
  auto reader = std::make_unique<RecordReader>(*std::move(file));
  reader->set_corruption_callback(
      [](const CorruptionReport&) { std::abort(); });
  return reader;
}

// The ingestion hot path: records with both CRCs checked, each decoded by the
// fast path.
void BM_ReadScalarFile(benchmark::State& state,
                       std::string BenchFiles::*layout) {
  int64_t events = 0, bytes = 0;
  for (auto _ : state) {
    std::unique_ptr<RecordReader> reader =
        OpenScalarFile(state, Files().*layout);
    if (reader == nullptr) return;
    std::string_view data;
    uint64_t offset;
    double sum = 0;
    int64_t decoded = 0;
    while (reader->Next(&data, &offset) == RecordReader::Result::kRecord) {
      ScalarEvent event;
      if (DecodeScalarEvent(data, &event)) {
        sum += event.value;
        ++decoded;
      }
    }
    if (decoded != kEvents) state.SkipWithError("not every event decoded");
    benchmark::DoNotOptimize(sum);
    events += decoded;
    bytes += static_cast<int64_t>(reader->offset());
  }
  state.SetItemsProcessed(events);
  state.SetBytesProcessed(bytes);
}
BENCHMARK_CAPTURE(BM_ReadScalarFile, pytorch, &BenchFiles::pytorch)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadScalarFile, tf_summary, &BenchFiles::tf_summary)
    ->Unit(benchmark::kMillisecond);

// Framing and CRCs alone, without decoding.
void BM_ReadRecordsOnly(benchmark::State& state) {
  int64_t records = 0;
  for (auto _ : state) {
    std::unique_ptr<RecordReader> reader =
        OpenScalarFile(state, Files().pytorch);
    if (reader == nullptr) return;
    std::string_view data;
    uint64_t offset;
    while (reader->Next(&data, &offset) == RecordReader::Result::kRecord)
      ++records;
  }
  state.SetItemsProcessed(records);
}
BENCHMARK(BM_ReadRecordsOnly)->Unit(benchmark::kMillisecond);

// The general decoder for comparison: tensorboard::Event::ParseFromArray on
// every record.
void BM_ReadScalarFileWithProtobuf(benchmark::State& state) {
  int64_t events = 0;
  for (auto _ : state) {
    std::unique_ptr<RecordReader> reader =
        OpenScalarFile(state, Files().pytorch);
    if (reader == nullptr) return;
    std::string_view data;
    uint64_t offset;
    tensorboard::Event event;
    double sum = 0;
    while (reader->Next(&data, &offset) == RecordReader::Result::kRecord) {
      if (event.ParseFromArray(data.data(), static_cast<int>(data.size())) &&
          event.has_summary()) {
        sum += event.summary().value(0).simple_value();
        ++events;
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(events);
}
BENCHMARK(BM_ReadScalarFileWithProtobuf)->Unit(benchmark::kMillisecond);

// Scanning a damaged region for the next intact record, byte by byte.
void BM_ResynchroniseThroughJunk(benchmark::State& state) {
  int64_t bytes = 0;
  for (auto _ : state) {
    absl::StatusOr<std::unique_ptr<ReadableFile>> file =
        OpenReadableFile(Files().junk);
    if (!file.ok()) {
      state.SkipWithError("cannot open the junk file");
      return;
    }
    RecordReader reader(*std::move(file));
    int reports = 0;
    reader.set_corruption_callback([&](const CorruptionReport&) { ++reports; });
    std::string_view data;
    uint64_t offset;
    while (reader.Next(&data, &offset) == RecordReader::Result::kRecord) {
    }
    if (reports != 1) state.SkipWithError("expected one corruption report");
    bytes += static_cast<int64_t>(reader.offset());
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ResynchroniseThroughJunk)->Unit(benchmark::kMillisecond);

template <uint32_t (*kExtend)(uint32_t, const char*, size_t)>
void BM_Crc32c(benchmark::State& state) {
  if (kExtend == &crc32c::ExtendHardware && !crc32c::HardwareAvailable()) {
    state.SkipWithError("no SSE4.2");
    return;
  }
  std::string data(static_cast<size_t>(state.range(0)), '\0');
  std::mt19937 random(1);
  for (char& c : data) c = static_cast<char>(random());
  uint32_t crc = 0;
  for (auto _ : state) {
    crc = kExtend(crc, data.data(), data.size());
    benchmark::DoNotOptimize(crc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          state.range(0));
}
BENCHMARK(BM_Crc32c<crc32c::ExtendHardware>)
    ->Name("BM_Crc32cHardware")
    ->Arg(48)
    ->Arg(64 << 10);
BENCHMARK(BM_Crc32c<crc32c::ExtendPortable>)
    ->Name("BM_Crc32cTable")
    ->Arg(48)
    ->Arg(64 << 10);

}  // namespace
}  // namespace tbx

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  tbx::Files();  // write the events files before anything is timed
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
