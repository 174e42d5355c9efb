// Run discovery and the logdir flags: nested, new, renamed and deleted runs;
// --logdir_spec names.
#include <filesystem>

#include "gtest/gtest.h"
#include "src/data/ingestion.h"
#include "src/data/logdir_discovery.h"
#include "tests/data/temp_logdir.h"

namespace tbx {
namespace {

using testing::AppendEvents;
using testing::FileVersionEvent;
using testing::LegacyScalarEvent;
using testing::TempLogdir;

void WriteRun(const TempLogdir& logdir, std::string_view run,
              std::string_view file = "events.out.tfevents.1.host") {
  AppendEvents(logdir.Dir(run) + "/" + std::string(file),
               {FileVersionEvent(), LegacyScalarEvent("x", 1, 0)});
}

std::vector<std::string> Names(const Discovery& d) {
  std::vector<std::string> names;
  for (const auto& r : d.runs) names.push_back(r.name);
  return names;
}

std::vector<std::string> RunNames(const DataProvider& provider) {
  std::vector<std::string> names;
  for (const RunInfo& run : provider.ListRuns()) names.push_back(run.name);
  return names;
}

TEST(DiscoveryTest, FindsRootNestedRunsBySubstringRule) {
  TempLogdir logdir;
  WriteRun(logdir, ".");
  WriteRun(logdir, "nested/a");
  WriteRun(logdir, "nested/a/b/c");
  WriteRun(logdir, "custom", "my.tfevents.custom");
  WriteRun(logdir, "not_a_run", "data.bin");
  logdir.Dir("empty_dir");
  Discovery d = DiscoverRuns({LogdirSource{"", logdir.path()}});
  EXPECT_EQ(Names(d), (std::vector<std::string>{".", "custom", "nested/a",
                                                "nested/a/b/c"}));
  EXPECT_EQ(d.runs[2].directory, logdir.path() + "/nested/a");
  ASSERT_EQ(d.runs[2].files.size(), 1u);
  EXPECT_EQ(d.runs[2].files[0].name, "events.out.tfevents.1.host");
  EXPECT_GT(d.runs[2].files[0].size, 0u);
}

TEST(DiscoveryTest, FilesOfARunAreSortedByName) {
  TempLogdir logdir;
  WriteRun(logdir, "r", "events.out.tfevents.3.b");
  WriteRun(logdir, "r", "events.out.tfevents.1.a");
  WriteRun(logdir, "r", "events.out.tfevents.2.z");
  Discovery d = DiscoverRuns({LogdirSource{"", logdir.path()}});
  ASSERT_EQ(d.runs.size(), 1u);
  std::vector<std::string> files;
  for (const auto& f : d.runs[0].files) files.push_back(f.name);
  EXPECT_EQ(files, (std::vector<std::string>{"events.out.tfevents.1.a",
                                             "events.out.tfevents.2.z",
                                             "events.out.tfevents.3.b"}));
}

TEST(DiscoveryTest, NamedSourcesPrefixTheirRuns) {
  TempLogdir a;
  TempLogdir b;
  WriteRun(a, ".");
  WriteRun(a, "train");
  WriteRun(b, "train");
  Discovery d = DiscoverRuns(
      {LogdirSource{"first", a.path()}, LogdirSource{"", b.path()}});
  EXPECT_EQ(Names(d),
            (std::vector<std::string>{"first/.", "first/train", "train"}));
}

TEST(DiscoveryTest, NewRenamedAndDeletedRunsFollowTheDisk) {
  TempLogdir logdir;
  WriteRun(logdir, "a");
  WriteRun(logdir, "b");
  IngestionOptions options;
  options.sources.push_back(LogdirSource{"", logdir.path()});
  options.reload_interval_secs = 3600;
  auto ingestion = Ingestion::Start(std::move(options));
  ASSERT_TRUE(ingestion.ok());
  (*ingestion)->ReloadNow();
  const DataProvider& provider = (*ingestion)->provider();
  EXPECT_EQ(RunNames(provider), (std::vector<std::string>{"a", "b"}));

  WriteRun(logdir, "c/deep");
  std::filesystem::rename(logdir.path() + "/a", logdir.path() + "/renamed");
  std::filesystem::remove_all(logdir.path() + "/b");
  (*ingestion)->ReloadNow();
  EXPECT_EQ(RunNames(provider),
            (std::vector<std::string>{"c/deep", "renamed"}));
  EXPECT_EQ(provider.ReadScalars("renamed", "x")->size(), 1u);
  EXPECT_EQ(provider.ReadScalars("a", "x").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(LogdirFlagsTest, LogdirIsOnePathUnlessItIsAMissingCommaList) {
  TempLogdir logdir;
  auto one = ParseLogdirFlags(logdir.path(), "");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].path, logdir.path());
  EXPECT_EQ((*one)[0].name, "");
  auto two = ParseLogdirFlags("/x/a,/x/b", "");
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[1].path, "/x/b");
}

TEST(LogdirFlagsTest, LogdirSpecFollowsTensorBoardsRules) {
  auto spec = ParseLogdirFlags(
      "", "train:/data/train,/abs:colon/path,gs://bucket/x,plain");
  ASSERT_TRUE(spec.ok()) << spec.status();
  ASSERT_EQ(spec->size(), 4u);
  EXPECT_EQ((*spec)[0].name, "train");
  EXPECT_EQ((*spec)[0].path, "/data/train");
  EXPECT_EQ((*spec)[1].name, "");  // a spec starting with "/" has no name
  EXPECT_EQ((*spec)[1].path, "/abs:colon/path");
  EXPECT_EQ((*spec)[2].name, "");  // a URI has no name
  EXPECT_EQ((*spec)[2].path, "gs://bucket/x");
  EXPECT_EQ((*spec)[3].name, "");
  EXPECT_TRUE((*spec)[3].path.starts_with("/"));  // made absolute
  EXPECT_TRUE((*spec)[3].path.ends_with("/plain"));
}

TEST(LogdirFlagsTest, BadCombinationsAreErrors) {
  EXPECT_FALSE(ParseLogdirFlags("", "").ok());
  EXPECT_FALSE(ParseLogdirFlags("/a", "b:/c").ok());
  EXPECT_FALSE(ParseLogdirFlags("", "name:").ok());
}

TEST(SamplesPerPluginTest, ParsesAndRejects) {
  auto parsed = ParseSamplesPerPlugin("scalars=500, images=0");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->at("scalars"), 500);
  EXPECT_EQ(parsed->at("images"), 0);
  EXPECT_TRUE(ParseSamplesPerPlugin("")->empty());
  for (const char* bad :
       {"scalars", "scalars=x", "scalars=-1", "=5", "a=1=2"}) {
    auto r = ParseSamplesPerPlugin(bad);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace tbx
