// Ingestion end to end: event files written by EventWriter in a temporary
// logdir, loaded by a real Ingestion, read back through its DataProvider.
#include "src/data/ingestion.h"

#include <sys/resource.h>

#include <filesystem>
#include <memory>

#include "gtest/gtest.h"
#include "tbx/event_writer.h"
#include "tests/data/temp_logdir.h"

namespace tbx {
namespace {

using testing::TempLogdir;

std::unique_ptr<Ingestion> StartOn(const std::string& logdir,
                                   double interval = 3600) {
  IngestionOptions options;
  options.sources.push_back(LogdirSource{"", logdir});
  options.reload_interval_secs = interval;
  options.load_threads = 2;
  auto started = Ingestion::Start(std::move(options));
  EXPECT_TRUE(started.ok()) << started.status();
  return started.ok() ? std::move(*started) : nullptr;
}

std::vector<std::string> RunNames(const DataProvider& provider) {
  std::vector<std::string> names;
  for (const RunInfo& run : provider.ListRuns()) names.push_back(run.name);
  return names;
}

TEST(IngestionTest, StartFailsForMissingLogdirNamingIt) {
  IngestionOptions options;
  options.sources.push_back(LogdirSource{"", "/no/such/logdir"});
  auto started = Ingestion::Start(std::move(options));
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(started.status().message().find("/no/such/logdir"),
            std::string::npos);
}

TEST(IngestionTest, ServesScalarsOfARun) {
  TempLogdir logdir;
  {
    auto writer = EventWriter::Create(logdir.Dir("train"));
    ASSERT_TRUE(writer.ok());
    for (int step = 0; step < 5; ++step) {
      ASSERT_TRUE((*writer)
                      ->AddScalar("loss", 1.0 / (step + 1), step, 100.0 + step)
                      .ok());
    }
  }
  auto ingestion = StartOn(logdir.path());
  ingestion->ReloadNow();
  const DataProvider& provider = ingestion->provider();
  EXPECT_EQ(RunNames(provider), std::vector<std::string>{"train"});
  auto series = provider.ReadScalars("train", "loss");
  ASSERT_TRUE(series.ok()) << series.status();
  ASSERT_EQ(series->size(), 5u);
  EXPECT_EQ(series->steps[4], 4);
  EXPECT_EQ(series->wall_times[4], 104.0);
  EXPECT_FLOAT_EQ(series->values[1], 0.5f);
  RunTagMap<TagMetadata> tags = provider.ListTags("scalars");
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].tags[0].first, "loss");
  EXPECT_EQ(tags[0].tags[0].second.data_class, DataClass::kScalar);
  EXPECT_EQ(provider.ListPlugins(), std::vector<std::string>{"scalars"});
  LoadStatus status = provider.GetLoadStatus();
  EXPECT_TRUE(status.first_load_done);
  ASSERT_EQ(status.runs.size(), 1u);
  EXPECT_TRUE(status.runs[0].loaded);
  EXPECT_EQ(status.runs[0].bytes_read, status.runs[0].bytes_present);
  EXPECT_GT(status.runs[0].bytes_read, 0);
  auto directory = provider.RunDirectory("train");
  ASSERT_TRUE(directory.ok());
  EXPECT_EQ(*directory, logdir.path() + "/train");
}

TEST(IngestionTest, TagsOfSomeRunsComeInTheStoresOrder) {
  TempLogdir logdir;
  for (const char* run : {"a", "b", "c"}) {
    auto writer = EventWriter::Create(logdir.Dir(run));
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->AddScalar("loss", 1.0, 0, 100.0).ok());
    ASSERT_TRUE(
        (*writer)->AddScalar(std::string("acc_") + run, 1, 0, 100).ok());
  }
  auto ingestion = StartOn(logdir.path());
  ingestion->ReloadNow();
  const DataProvider& provider = ingestion->provider();
  ASSERT_EQ(RunNames(provider), (std::vector<std::string>{"a", "b", "c"}));
  // Asked for out of order, with an unknown run and a repeat.
  RunTagMap<TagMetadata> some =
      provider.ListTagsOfRuns("scalars", {"c", "nope", "a", "c"});
  ASSERT_EQ(some.size(), 2u);
  EXPECT_EQ(some[0].run, "a");
  EXPECT_EQ(some[1].run, "c");
  ASSERT_EQ(some[1].tags.size(), 2u);
  EXPECT_EQ(some[1].tags[0].first, "loss");
  EXPECT_EQ(some[1].tags[1].first, "acc_c");
  EXPECT_TRUE(provider.ListTagsOfRuns("images", {"a"}).empty());
  EXPECT_TRUE(provider.ListTagsOfRuns("scalars", {}).empty());
}

TEST(IngestionTest, UnknownRunAndTagAreNotFoundByName) {
  TempLogdir logdir;
  {
    auto writer = EventWriter::Create(logdir.Dir("a"));
    ASSERT_TRUE((*writer)->AddScalar("x", 1, 0).ok());
  }
  auto ingestion = StartOn(logdir.path());
  ingestion->ReloadNow();
  auto no_run = ingestion->provider().ReadScalars("nope", "x");
  EXPECT_EQ(no_run.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(no_run.status().message().find("nope"), std::string::npos);
  auto no_tag = ingestion->provider().ReadTensors("a", "missing_tag");
  EXPECT_EQ(no_tag.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(no_tag.status().message().find("missing_tag"), std::string::npos);
}

TEST(IngestionTest, GrowingFileShowsNewPointsAfterReload) {
  TempLogdir logdir;
  auto writer = EventWriter::Create(logdir.Dir("run"));
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AddScalar("acc", 0.1, 0, 1).ok());
  ASSERT_TRUE((*writer)->Flush().ok());
  auto ingestion = StartOn(logdir.path());
  ingestion->ReloadNow();
  EXPECT_EQ(ingestion->provider().ReadScalars("run", "acc")->size(), 1u);
  ASSERT_TRUE((*writer)->AddScalar("acc", 0.2, 1, 2).ok());
  ASSERT_TRUE((*writer)->AddScalar("acc", 0.3, 2, 3).ok());
  ASSERT_TRUE((*writer)->Flush().ok());
  uint64_t before = ingestion->provider().Generation();
  ingestion->ReloadNow();
  auto series = ingestion->provider().ReadScalars("run", "acc");
  ASSERT_EQ(series->size(), 3u);
  EXPECT_EQ(series->steps, (std::vector<int64_t>{0, 1, 2}));
  EXPECT_GT(ingestion->provider().Generation(), before);
}

TEST(IngestionTest, FileNotificationWakesTheReloader) {
  TempLogdir logdir;
  auto writer = EventWriter::Create(logdir.Dir("live"));
  ASSERT_TRUE((*writer)->AddScalar("v", 1, 0).ok());
  ASSERT_TRUE((*writer)->Flush().ok());
  auto ingestion = StartOn(logdir.path(), /*interval=*/3600);
  ingestion->ReloadNow();
  ASSERT_TRUE((*writer)->AddScalar("v", 2, 1).ok());
  ASSERT_TRUE((*writer)->Flush().ok());
  // No ReloadNow(): only a notification can make the point visible before the
  // hour is over.
  uint64_t generation = ingestion->provider().Generation();
  for (int i = 0; i < 100; ++i) {
    auto series = ingestion->provider().ReadScalars("live", "v");
    if (series.ok() && series->size() == 2) break;
    generation = ingestion->provider().WaitForChange(generation,
                                                     absl::Milliseconds(100));
  }
  EXPECT_EQ(ingestion->provider().ReadScalars("live", "v")->size(), 2u);
}

TEST(IngestionTest, NotificationOfANewRunRediscoversTheLogdir) {
  TempLogdir logdir;
  {
    auto writer = EventWriter::Create(logdir.Dir("first"));
    ASSERT_TRUE((*writer)->AddScalar("v", 1, 0).ok());
  }
  auto ingestion = StartOn(logdir.path(), /*interval=*/3600);
  ingestion->ReloadNow();
  {
    auto writer = EventWriter::Create(logdir.Dir("second/nested"));
    ASSERT_TRUE((*writer)->AddScalar("v", 2, 0).ok());
  }
  uint64_t generation = ingestion->provider().Generation();
  for (int i = 0; i < 100; ++i) {
    if (ingestion->provider().ReadScalars("second/nested", "v").ok()) break;
    generation = ingestion->provider().WaitForChange(generation,
                                                     absl::Milliseconds(100));
  }
  auto series = ingestion->provider().ReadScalars("second/nested", "v");
  ASSERT_TRUE(series.ok()) << series.status();
  EXPECT_EQ(series->values[0], 2);
}

TEST(IngestionTest, WaitForChangeTimesOutWithoutChanges) {
  TempLogdir logdir;
  auto ingestion = StartOn(logdir.path());
  ingestion->ReloadNow();
  uint64_t now = ingestion->provider().Generation();
  EXPECT_EQ(ingestion->provider().WaitForChange(now, absl::Milliseconds(20)),
            now);
  EXPECT_LT(ingestion->provider().WaitForChange(now + 5, absl::Milliseconds(1)),
            now + 5);
}

TEST(IngestionTest, ImagesAreBlobSequencesReadOnDemand) {
  TempLogdir logdir;
  {
    auto writer = EventWriter::Create(logdir.Dir("img"));
    ASSERT_TRUE(
        (*writer)->AddImages("pics", 4, 3, {"PNG-A", "PNG-B"}, 7, 1.5).ok());
    ASSERT_TRUE((*writer)->AddImages("pics", 4, 3, {"PNG-C"}, 8, 2.5).ok());
  }
  auto ingestion = StartOn(logdir.path());
  ingestion->ReloadNow();
  const DataProvider& provider = ingestion->provider();
  auto sequence = provider.ReadBlobSequence("img", "pics");
  ASSERT_TRUE(sequence.ok()) << sequence.status();
  ASSERT_EQ(sequence->size(), 2u);
  EXPECT_EQ((*sequence)[0].step, 7);
  EXPECT_EQ((*sequence)[0].num_blobs, 4);  // width, height, 2 images
  EXPECT_EQ((*sequence)[1].num_blobs, 3);
  EXPECT_EQ(*provider.ReadBlob("img", "pics", 7, 0), "4");
  EXPECT_EQ(*provider.ReadBlob("img", "pics", 7, 3), "PNG-B");
  EXPECT_EQ(*provider.ReadBlob("img", "pics", 8, 2), "PNG-C");
  EXPECT_EQ(provider.ReadBlob("img", "pics", 8, 3).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(provider.ReadBlob("img", "pics", 9, 0).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(IngestionTest, HistogramsAreTensorsInAReservoirOf500) {
  TempLogdir logdir;
  {
    auto writer = EventWriter::Create(logdir.Dir("h"));
    for (int step = 0; step < 600; ++step) {
      ASSERT_TRUE(
          (*writer)
              ->AddHistogram("w", {1.0, 2.0, double(step)}, step, step, 5)
              .ok());
    }
  }
  auto ingestion = StartOn(logdir.path());
  ingestion->ReloadNow();
  auto tensors = ingestion->provider().ReadTensors("h", "w");
  ASSERT_TRUE(tensors.ok()) << tensors.status();
  ASSERT_EQ(tensors->size(), 500u);
  EXPECT_EQ(tensors->back().step, 599);  // the last point is always kept
  EXPECT_EQ(tensors->back().tensor.shape, (std::vector<int64_t>{5, 3}));
}

TEST(IngestionTest, TensorStepsAndOneStepWithoutTheWholeSeries) {
  TempLogdir logdir;
  {
    auto writer = EventWriter::Create(logdir.Dir("h"));
    for (int step = 0; step < 4; ++step) {
      ASSERT_TRUE(
          (*writer)
              ->AddHistogram("w", {double(step)}, step * 10, 100.0 + step, 2)
              .ok());
    }
    ASSERT_TRUE((*writer)->AddScalar("s", 1.5, 3).ok());
  }
  auto ingestion = StartOn(logdir.path());
  ingestion->ReloadNow();
  const DataProvider& provider = ingestion->provider();
  auto steps = provider.ReadTensorSteps("h", "w");
  ASSERT_TRUE(steps.ok()) << steps.status();
  ASSERT_EQ(steps->size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ((*steps)[i].step, i * 10);
    EXPECT_EQ((*steps)[i].wall_time, 100.0 + i);
  }
  auto at = provider.ReadTensorsAtStep("h", "w", 20);
  ASSERT_TRUE(at.ok()) << at.status();
  ASSERT_EQ(at->size(), 1u);
  EXPECT_EQ((*at)[0].step, 20);
  EXPECT_EQ((*at)[0].wall_time, 102.0);
  EXPECT_EQ((*at)[0].tensor.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_TRUE(provider.ReadTensorsAtStep("h", "w", 21)->empty());
  // A scalar tag reads as one-element tensors, as ReadTensors.
  auto scalar_steps = provider.ReadTensorSteps("h", "s");
  ASSERT_TRUE(scalar_steps.ok()) << scalar_steps.status();
  ASSERT_EQ(scalar_steps->size(), 1u);
  EXPECT_EQ((*scalar_steps)[0].step, 3);
  auto scalar_at = provider.ReadTensorsAtStep("h", "s", 3);
  ASSERT_EQ(scalar_at->size(), 1u);
  EXPECT_EQ((*scalar_at)[0].tensor.numbers, std::vector<double>{1.5});
  EXPECT_EQ(provider.ReadTensorSteps("h", "nope").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(provider.ReadTensorsAtStep("nope", "w", 0).status().code(),
            absl::StatusCode::kNotFound);
  // Visiting sees the same datum in place, and only at its step.
  std::vector<std::pair<int64_t, std::vector<int64_t>>> visited;
  auto record = [&](const TensorDatum& d) {
    visited.emplace_back(d.step, d.tensor.shape);
  };
  ASSERT_TRUE(provider.VisitTensorsAtStep("h", "w", 20, record).ok());
  ASSERT_TRUE(provider.VisitTensorsAtStep("h", "w", 21, record).ok());
  ASSERT_TRUE(provider.VisitTensorsAtStep("h", "s", 3, record).ok());
  ASSERT_EQ(visited.size(), 2u);
  EXPECT_EQ(visited[0].first, 20);
  EXPECT_EQ(visited[0].second, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(visited[1].first, 3);
  EXPECT_EQ(provider.VisitTensorsAtStep("h", "nope", 0, record).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(provider.VisitTensorsAtStep("nope", "w", 0, record).code(),
            absl::StatusCode::kNotFound);
}

TEST(IngestionTest, SamplesPerPluginBoundsScalars) {
  TempLogdir logdir;
  {
    auto writer = EventWriter::Create(logdir.Dir("s"));
    for (int step = 0; step < 50; ++step)
      ASSERT_TRUE((*writer)->AddScalar("x", step, step).ok());
  }
  IngestionOptions options;
  options.sources.push_back(LogdirSource{"", logdir.path()});
  options.reload_interval_secs = 0;
  options.samples_per_plugin["scalars"] = 7;
  auto ingestion = Ingestion::Start(std::move(options));
  ASSERT_TRUE(ingestion.ok());
  (*ingestion)->ReloadNow();
  auto series = (*ingestion)->provider().ReadScalars("s", "x");
  ASSERT_EQ(series->size(), 7u);
  EXPECT_EQ(series->steps.back(), 49);
}

TEST(IngestionTest, LoadsMoreRunsThanFileDescriptors) {
  TempLogdir logdir;
  constexpr int kRuns = 300;
  for (int r = 0; r < kRuns; ++r) {
    auto writer = EventWriter::Create(logdir.Dir("run_" + std::to_string(r)));
    ASSERT_TRUE((*writer)->AddScalar("x", r, 0).ok());
  }
  struct rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  struct rlimit low = saved;
  low.rlim_cur =
      64;  // far fewer descriptors than runs: files are open only while read
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  {
    auto ingestion = StartOn(logdir.path());
    ingestion->ReloadNow();
    EXPECT_EQ(ingestion->provider().ListRuns().size(),
              static_cast<size_t>(kRuns));
    for (const RunStatus& run : ingestion->provider().GetLoadStatus().runs) {
      EXPECT_TRUE(run.errors.empty()) << run.run << ": " << run.errors[0];
    }
    EXPECT_EQ(ingestion->provider().ReadScalars("run_299", "x")->values[0],
              299);
  }
  setrlimit(RLIMIT_NOFILE, &saved);
}

TEST(IngestionTest, StopIsIdempotent) {
  TempLogdir logdir;
  auto ingestion = StartOn(logdir.path(), 0.05);
  ingestion->Stop();
  ingestion->Stop();
}

}  // namespace
}  // namespace tbx
