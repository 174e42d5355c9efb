// The accumulator rules of RunLoader, exercised through Ingestion on files
// written record by record: restarts and purging (both rules),
// first-metadata-wins, file order, corruption.
#include <filesystem>
#include <memory>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "src/data/ingestion.h"
#include "tbx/event_writer.h"
#include "tests/data/temp_logdir.h"

namespace tbx {
namespace {

using tensorboard::Event;
using testing::AppendBytes;
using testing::AppendEvents;
using testing::FileVersionEvent;
using testing::FramedEvent;
using testing::LegacyScalarEvent;
using testing::SessionStartEvent;
using testing::TempLogdir;

class RunLoaderTest : public ::testing::Test {
 protected:
  // Loads the logdir (once, synchronously) and returns the provider.
  // `loader` applies to the first call.
  const DataProvider& Load(LoaderOptions loader = {}) {
    if (ingestion_ == nullptr) {
      IngestionOptions options;
      options.sources.push_back(LogdirSource{"", logdir_.path()});
      options.reload_interval_secs = 3600;
      options.loader = loader;
      auto started = Ingestion::Start(std::move(options));
      EXPECT_TRUE(started.ok());
      ingestion_ = std::move(*started);
    }
    ingestion_->ReloadNow();
    return ingestion_->provider();
  }
  std::string File(std::string_view run, std::string_view name) {
    return logdir_.Dir(run) + "/" + std::string(name);
  }
  std::vector<int64_t> Steps(std::string_view run, std::string_view tag) {
    auto series = ingestion_->provider().ReadScalars(run, tag);
    EXPECT_TRUE(series.ok()) << series.status();
    return series.ok() ? series->steps : std::vector<int64_t>{};
  }

  TempLogdir logdir_;
  std::unique_ptr<Ingestion> ingestion_;
};

std::vector<Event> Scalars(std::string_view tag, int from, int to,
                           float value = 1) {
  std::vector<Event> events;
  for (int s = from; s < to; ++s)
    events.push_back(LegacyScalarEvent(tag, value, s, 10.0 + s));
  return events;
}

double Now() { return absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch()); }

std::vector<Event> RecentScalars(std::string_view tag, int from, int to) {
  std::vector<Event> events;
  for (int s = from; s < to; ++s)
    events.push_back(LegacyScalarEvent(tag, 1, s, Now()));
  return events;
}

std::vector<int64_t> Range(int from, int to) {
  std::vector<int64_t> v;
  for (int i = from; i < to; ++i) v.push_back(i);
  return v;
}

std::vector<int64_t> Concat(std::vector<int64_t> a,
                            const std::vector<int64_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(RunLoaderTest, SecondSessionStartPurgesLaterStepsInEveryTag) {
  std::string f1 = File("r", "events.out.tfevents.1.host");
  std::string f2 = File("r", "events.out.tfevents.2.host");
  AppendEvents(f1, {FileVersionEvent(), SessionStartEvent(0)});
  AppendEvents(f1, Scalars("loss", 0, 100));
  AppendEvents(f1, Scalars("acc", 0, 100));
  AppendEvents(f2, {FileVersionEvent(), SessionStartEvent(50)});
  AppendEvents(f2, Scalars("loss", 50, 150, 2));
  Load();
  EXPECT_EQ(Steps("r", "loss"), Range(0, 150));
  EXPECT_EQ(Steps("r", "acc"),
            Range(0, 50));  // purged although it has no new points
  auto loss = ingestion_->provider().ReadScalars("r", "loss");
  EXPECT_EQ(loss->values[60], 2.0);  // from file 2
}

TEST_F(RunLoaderTest, NoPurgeKeepsWhatARestartWroteOver) {
  std::string f1 = File("r", "events.out.tfevents.1.host");
  std::string f2 = File("r", "events.out.tfevents.2.host");
  AppendEvents(f1, {FileVersionEvent(), SessionStartEvent(0)});
  AppendEvents(f1, Scalars("loss", 0, 100));
  AppendEvents(f2, {FileVersionEvent(), SessionStartEvent(50)});
  AppendEvents(f2, Scalars("loss", 50, 150, 2));
  std::string legacy = File("old", "events.out.tfevents.1.host");
  AppendEvents(legacy, Scalars("x", 0, 10, 1));
  AppendEvents(legacy, Scalars("x", 5, 10, 2));
  Load(LoaderOptions{.purge_orphaned_data = false});
  EXPECT_EQ(Steps("r", "loss"), Concat(Range(0, 100), Range(50, 150)));
  EXPECT_EQ(Steps("old", "x"), Concat(Range(0, 10), Range(5, 10)));
}

TEST_F(RunLoaderTest, AnEarlierFileIsNotReadAgainByDefault) {
  std::string f1 = File("r", "events.out.tfevents.1.host");
  std::string f2 = File("r", "events.out.tfevents.2.host");
  AppendEvents(f1, RecentScalars("loss", 0, 10));
  AppendEvents(f2, RecentScalars("loss", 10, 20));
  Load();
  AppendEvents(f1, RecentScalars("loss", 100, 105));
  Load();
  EXPECT_EQ(Steps("r", "loss"), Range(0, 20));
}

TEST_F(RunLoaderTest, MultifileReadsWhatIsAppendedToEarlierFiles) {
  std::string f1 = File("r", "events.out.tfevents.1.host");
  std::string f2 = File("r", "events.out.tfevents.2.host");
  // With file_version 2 an out-of-order step purges nothing (see above).
  AppendEvents(f1, {FileVersionEvent()});
  AppendEvents(f1, RecentScalars("loss", 0, 10));
  AppendEvents(f2, {FileVersionEvent()});
  AppendEvents(f2, RecentScalars("loss", 10, 20));
  Load(LoaderOptions{.multifile_inactive_secs = -1});
  AppendEvents(f1, RecentScalars("loss", 100, 105));
  AppendEvents(f2, RecentScalars("loss", 20, 22));
  Load();
  // Each poll reads the files in name order: f1's new points, then f2's.
  EXPECT_EQ(Steps("r", "loss"),
            Concat(Concat(Range(0, 20), Range(100, 105)), Range(20, 22)));
}

TEST_F(RunLoaderTest, MultifileLeavesInactiveFilesAlone) {
  // Files whose newest event is older than the threshold are not polled.
  std::string old1 = File("old", "events.out.tfevents.1.host");
  std::string old2 = File("old", "events.out.tfevents.2.host");
  AppendEvents(old1, Scalars("loss", 0, 10));  // wall times in 1970
  AppendEvents(old2, Scalars("loss", 10, 20));
  std::string fresh1 = File("fresh", "events.out.tfevents.1.host");
  std::string fresh2 = File("fresh", "events.out.tfevents.2.host");
  AppendEvents(fresh1, RecentScalars("loss", 0, 10));
  AppendEvents(fresh2, RecentScalars("loss", 10, 20));
  Load(LoaderOptions{.multifile_inactive_secs = 86400});
  AppendEvents(old1, RecentScalars("loss", 100, 105));
  AppendEvents(fresh1, RecentScalars("loss", 100, 105));
  Load();
  EXPECT_EQ(Steps("old", "loss"), Range(0, 20));
  EXPECT_EQ(Steps("fresh", "loss"), Concat(Range(0, 20), Range(100, 105)));
}

TEST_F(RunLoaderTest, MultifileBlobsOfAnEarlierFileAreReadFromThatFile) {
  auto first = EventWriter::CreateAtPath(File("m", "events.out.tfevents.1.a"));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->AddAudio("clip", {"WAV0"}, {"a"}, 0).ok());
  ASSERT_TRUE((*first)->Flush().ok());
  {
    auto second =
        EventWriter::CreateAtPath(File("m", "events.out.tfevents.2.b"));
    ASSERT_TRUE((*second)->AddAudio("clip", {"WAV5"}, {"b"}, 5).ok());
  }
  const DataProvider& provider =
      Load(LoaderOptions{.multifile_inactive_secs = -1});
  ASSERT_TRUE((*first)->AddAudio("clip", {"WAV1"}, {"c"}, 1).ok());
  ASSERT_TRUE((*first)->Flush().ok());
  Load();
  auto clips = provider.ReadBlobSequence("m", "clip");
  ASSERT_TRUE(clips.ok()) << clips.status();
  ASSERT_EQ(clips->size(), 3u);
  EXPECT_EQ(*provider.ReadBlob("m", "clip", 0, 0), "WAV0");
  EXPECT_EQ(*provider.ReadBlob("m", "clip", 5, 0), "WAV5");
  EXPECT_EQ(*provider.ReadBlob("m", "clip", 1, 0), "WAV1");
}

TEST_F(RunLoaderTest, FirstSessionStartDoesNotPurge) {
  std::string f1 = File("r", "events.out.tfevents.1.host");
  std::string f2 = File("r", "events.out.tfevents.2.host");
  AppendEvents(f1, {FileVersionEvent()});
  AppendEvents(f1, Scalars("loss", 0, 100));
  AppendEvents(f2, {FileVersionEvent(), SessionStartEvent(50)});
  AppendEvents(f2, Scalars("loss", 50, 150));
  Load();
  EXPECT_EQ(Steps("r", "loss"), Concat(Range(0, 100), Range(50, 150)));
}

TEST_F(RunLoaderTest, RestartWithoutSessionLogKeepsStorageOrder) {
  std::string f1 = File("r", "events.out.tfevents.1.host");
  std::string f2 = File("r", "events.out.tfevents.2.host");
  AppendEvents(f1, {FileVersionEvent()});
  AppendEvents(f1, Scalars("loss", 0, 100));
  AppendEvents(f2, {FileVersionEvent()});
  AppendEvents(f2, Scalars("loss", 50, 150));
  Load();
  EXPECT_EQ(Steps("r", "loss"), Concat(Range(0, 100), Range(50, 150)));
}

TEST_F(RunLoaderTest, DuplicateStepsInOneFileAreAllKept) {
  std::string f = File("r", "events.out.tfevents.1.host");
  AppendEvents(f, {FileVersionEvent()});
  AppendEvents(f, Scalars("x", 0, 10));
  AppendEvents(f, Scalars("x", 5, 10));
  Load();
  EXPECT_EQ(Steps("r", "x"), Concat(Range(0, 10), Range(5, 10)));
}

TEST_F(RunLoaderTest, WithoutFileVersionAnOutOfOrderStepPurgesItsOwnTags) {
  std::string f = File("r", "events.out.tfevents.1.host");
  AppendEvents(f, Scalars("x", 0, 10, 1));
  AppendEvents(f, Scalars("y", 0, 10, 1));
  AppendEvents(f, Scalars("x", 5, 10, 2));
  Load();
  // "y" ended at step 9; x's step 5 is out of order and purges x's steps >= 5
  // only.
  EXPECT_EQ(Steps("r", "x"), Range(0, 10));
  EXPECT_EQ(ingestion_->provider().ReadScalars("r", "x")->values[7], 2.0);
  EXPECT_EQ(Steps("r", "y"), Range(0, 10));
}

TEST_F(RunLoaderTest, FirstMetadataOfATagWinsAcrossFiles) {
  {
    auto w = EventWriter::CreateAtPath(File("r", "events.out.tfevents.1.a"));
    ASSERT_TRUE((*w)->AddScalar("acc", 1, 0, 1, "first description").ok());
  }
  {
    auto w = EventWriter::CreateAtPath(File("r", "events.out.tfevents.2.a"));
    ASSERT_TRUE((*w)->AddScalar("acc", 2, 1, 2, "second description").ok());
  }
  const DataProvider& provider = Load();
  auto tags = provider.ListTags("scalars");
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].tags[0].second.description, "first description");
  EXPECT_EQ(tags[0].tags[0].second.display_name,
            "");  // tensor-style scalar: no display name
  EXPECT_EQ(Steps("r", "acc"), (std::vector<int64_t>{0, 1}));
}

TEST_F(RunLoaderTest, LegacyScalarsGetTheirTagAsDisplayNameAndStartTime) {
  std::string f = File("r", "events.out.tfevents.1.host");
  AppendEvents(f, {FileVersionEvent(123.5)});
  AppendEvents(f, Scalars("loss", 0, 3));
  const DataProvider& provider = Load();
  EXPECT_EQ(provider.ListTags("scalars")[0].tags[0].second.display_name,
            "loss");
  ASSERT_TRUE(provider.ListRuns()[0].start_time.has_value());
  EXPECT_EQ(*provider.ListRuns()[0].start_time, 123.5);
}

TEST_F(RunLoaderTest, NeverGoesBackToAnEarlierFile) {
  std::string f1 = File("r", "events.out.tfevents.1.host");
  std::string f2 = File("r", "events.out.tfevents.2.host");
  AppendEvents(f1, Scalars("x", 0, 3));
  AppendEvents(f2, Scalars("x", 3, 6));
  Load();
  AppendEvents(
      f1, Scalars("x", 100, 101));  // written to a file already left behind
  AppendEvents(f2, Scalars("x", 6, 7));
  Load();
  EXPECT_EQ(Steps("r", "x"), Range(0, 7));
}

TEST_F(RunLoaderTest, BadCrcInTheMiddleKeepsEveryIntactRecordAndReportsIt) {
  std::string f = File("r", "events.out.tfevents.1.host");
  std::string bytes = FramedEvent(FileVersionEvent());
  uint64_t damaged_offset = 0;
  for (int s = 0; s < 100; ++s) {
    if (s == 50) damaged_offset = bytes.size();
    bytes += FramedEvent(LegacyScalarEvent("x", 1, s, s));
  }
  bytes[damaged_offset + 14] ^= 0x40;  // a payload byte of step 50's record
  AppendBytes(f, bytes);
  const DataProvider& provider = Load();
  EXPECT_EQ(Steps("r", "x"), Concat(Range(0, 50), Range(51, 100)));
  LoadStatus status = provider.GetLoadStatus();
  ASSERT_EQ(status.runs.size(), 1u);
  ASSERT_FALSE(status.runs[0].errors.empty());
  const std::string& error = status.runs[0].errors[0];
  EXPECT_NE(error.find("events.out.tfevents.1.host"), std::string::npos)
      << error;
  EXPECT_NE(error.find(std::to_string(damaged_offset)), std::string::npos)
      << error;
}

TEST_F(RunLoaderTest, DamageAtTheEndOfALiveFileIsReportedOnceAcrossReloads) {
  std::string f = File("r", "events.out.tfevents.1.host");
  AppendEvents(f, {FileVersionEvent()});
  AppendEvents(f, Scalars("x", 0, 5));
  std::string damaged = FramedEvent(LegacyScalarEvent("x", 1, 5, 5));
  damaged[14] ^= 0x40;  // a payload byte: bad data CRC
  AppendBytes(f, damaged);
  Load();
  Load();  // a reload with nothing new: the damage is not reported again
  AppendEvents(f, Scalars("x", 6, 8));
  const DataProvider& provider = Load();
  EXPECT_EQ(Steps("r", "x"), Concat(Range(0, 5), Range(6, 8)));
  EXPECT_EQ(provider.GetLoadStatus().runs[0].errors.size(), 1u);
}

TEST_F(RunLoaderTest, TruncatedRecordAppearsOnceComplete) {
  std::string f = File("r", "events.out.tfevents.1.host");
  AppendEvents(f, {FileVersionEvent()});
  AppendEvents(f, Scalars("x", 0, 5));
  std::string next = FramedEvent(LegacyScalarEvent("x", 1, 5, 5));
  AppendBytes(f, next.substr(0, 7));
  Load();
  EXPECT_EQ(Steps("r", "x"), Range(0, 5));
  EXPECT_TRUE(ingestion_->provider().GetLoadStatus().runs[0].errors.empty());
  AppendBytes(f, next.substr(7));
  Load();
  EXPECT_EQ(Steps("r", "x"), Range(0, 6));
}

TEST_F(RunLoaderTest, ProfileEmptyFileMakesARunButIsNotRead) {
  std::string f = File("profile", "events.out.tfevents.1.host.profile-empty");
  AppendEvents(f, {FileVersionEvent()});
  AppendEvents(f, Scalars("x", 0, 5));
  const DataProvider& provider = Load();
  ASSERT_EQ(provider.ListRuns().size(), 1u);
  EXPECT_EQ(provider.ListRuns()[0].name, "profile");
  EXPECT_FALSE(provider.ListRuns()[0].start_time.has_value());
  EXPECT_TRUE(provider.ListTags("scalars").empty());
}

TEST_F(RunLoaderTest, EmptyEventFileGivesARunWithoutStartTime) {
  AppendBytes(File("empty", "events.out.tfevents.1.host"), "");
  const DataProvider& provider = Load();
  ASSERT_EQ(provider.ListRuns().size(), 1u);
  EXPECT_FALSE(provider.ListRuns()[0].start_time.has_value());
}

TEST_F(RunLoaderTest, ValuesWithoutPayloadAreIgnored) {
  Event e;
  e.set_step(1);
  e.mutable_summary()->add_value()->set_tag("video");
  std::string f = File("r", "events.out.tfevents.1.host");
  AppendEvents(f, {FileVersionEvent(), e});
  const DataProvider& provider = Load();
  EXPECT_TRUE(provider.ListPlugins().empty());
  EXPECT_EQ(provider.ReadTensors("r", "video").status().code(),
            absl::StatusCode::kNotFound);
}

// The store keeps its plugin list per data generation (the plugins listing
// asks for it once per plugin): data of a new plugin is listed once loaded.
TEST_F(RunLoaderTest, PluginListFollowsNewData) {
  std::string f = File("r", "events.out.tfevents.1.host");
  AppendEvents(f, {FileVersionEvent()});
  AppendEvents(f, Scalars("loss", 0, 3));
  EXPECT_EQ(Load().ListPlugins(), std::vector<std::string>{"scalars"});
  EXPECT_EQ(Load().ListPlugins(), std::vector<std::string>{"scalars"});
  Event text;
  text.set_step(5);
  text.set_wall_time(20);
  tensorboard::Summary::Value* value = text.mutable_summary()->add_value();
  value->set_tag("notes");
  value->mutable_metadata()->mutable_plugin_data()->set_plugin_name("text");
  value->mutable_tensor()->set_dtype(tensorboard::DT_STRING);
  value->mutable_tensor()->add_string_val("hello");
  AppendEvents(f, {text});
  EXPECT_EQ(Load().ListPlugins(),
            (std::vector<std::string>{"scalars", "text"}));
}

TEST_F(RunLoaderTest, ScalarThatIsNotOneNumberIsReportedAndSkipped) {
  {
    auto w = EventWriter::Create(logdir_.Dir("r"));
    Tensor pair;
    pair.dtype = DType::kFloat;
    pair.shape = {2};
    pair.numbers = {1, 2};
    ASSERT_TRUE(
        (*w)->AddTensor("x", pair, "scalars", "", 0, 1, DataClass::kScalar)
            .ok());
  }
  const DataProvider& provider = Load();
  EXPECT_EQ(provider.ReadScalars("r", "x").status().code(),
            absl::StatusCode::kNotFound);
  ASSERT_EQ(provider.GetLoadStatus().runs[0].errors.size(), 1u);
  EXPECT_NE(provider.GetLoadStatus().runs[0].errors[0].find("'x'"),
            std::string::npos);
  // The next batch still creates the series as scalars.
  {
    auto w = EventWriter::Create(logdir_.Dir("r"), ".later");
    ASSERT_TRUE((*w)->AddScalar("x", 5, 1, 2).ok());
  }
  Load();
  EXPECT_EQ(Steps("r", "x"), (std::vector<int64_t>{1}));
  EXPECT_EQ(provider.ListTags("scalars")[0].tags[0].second.data_class,
            DataClass::kScalar);
}

TEST_F(RunLoaderTest, GraphsAndRunMetadataAreBlobs) {
  Event graph;
  graph.set_graph_def("GRAPHDEF");
  Event trm;
  trm.set_step(4);
  trm.mutable_tagged_run_metadata()->set_tag("step4");
  trm.mutable_tagged_run_metadata()->set_run_metadata("RUNMETA");
  AppendEvents(File("g", "events.out.tfevents.1.host"),
               {FileVersionEvent(), graph, trm});
  const DataProvider& provider = Load();
  EXPECT_EQ(provider.ListTags("graphs")[0].tags[0].first, "__run_graph__");
  EXPECT_EQ(*provider.ReadBlob("g", "__run_graph__", 0, 0), "GRAPHDEF");
  EXPECT_EQ(provider.ListTags("graph_tagged_run_metadata")[0].tags[0].first,
            "step4");
  EXPECT_EQ(*provider.ReadBlob("g", "step4", 4, 0), "RUNMETA");
}

TEST_F(RunLoaderTest, TensorsOfEveryKindRoundTrip) {
  {
    auto w = EventWriter::Create(logdir_.Dir("t"));
    ASSERT_TRUE((*w)->AddText("notes", "*hi*", 3).ok());
    ASSERT_TRUE((*w)->AddAudio("clip", {"WAV1", "WAV2"}, {"a", "b"}, 2).ok());
  }
  const DataProvider& provider = Load();
  auto text = provider.ReadTensors("t", "notes");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ((*text)[0].tensor.strings, (std::vector<std::string>{"*hi*"}));
  auto audio = provider.ReadBlobSequence("t", "clip");
  ASSERT_TRUE(audio.ok()) << audio.status();
  // EventWriter leaves audio's data class unset, as tf.summary.audio does, so
  // the [[clip, label], ...] tensor is projected to its clips: blob i is clip
  // i.
  EXPECT_EQ((*audio)[0].num_blobs, 2);
  EXPECT_EQ(*provider.ReadBlob("t", "clip", 2, 0), "WAV1");
  EXPECT_EQ(*provider.ReadBlob("t", "clip", 2, 1), "WAV2");
}

}  // namespace
}  // namespace tbx
