// Loads every scenario of the conformance corpus
// (../shared/conformance/corpus/<scenario>/) and checks what the DataProvider
// holds against TensorBoard's recorded answers in
// ../shared/conformance/golden/<scenario>/: runs, tags per plugin with their
// display names and descriptions, blob counts, scalar points and the histogram
// reservoir's exact steps. tbx keeps every scalar point where TensorBoard
// sampled 1000, so there its points must be a subsequence. Skips when ../shared
// is absent.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "src/data/ingestion.h"

namespace tbx {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kConformance = fs::path(TBX_SHARED_DIR) / "conformance";

std::string UrlDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(
          std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

std::map<std::string, std::string> QueryOf(const std::string& url) {
  std::map<std::string, std::string> params;
  size_t q = url.find('?');
  if (q == std::string::npos) return params;
  std::string query = url.substr(q + 1);
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    size_t eq = pair.find('=');
    if (eq != std::string::npos)
      params[pair.substr(0, eq)] = UrlDecode(pair.substr(eq + 1));
    start = end + 1;
  }
  return params;
}

double JsonNumber(const json& v) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s == "NaN") return NAN;
    return s == "Infinity" ? INFINITY : -INFINITY;
  }
  return v.get<double>();
}

bool SameNumber(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (a == b) return true;
  return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b));
}

struct PluginCheck {
  const char* route;  // /data/plugin/<route>/tags
  const char* plugin;
  DataClass data_class;
};
constexpr PluginCheck kPluginChecks[] = {
    {"scalars", "scalars", DataClass::kScalar},
    {"histograms", "histograms", DataClass::kTensor},
    {"distributions", "histograms", DataClass::kTensor},
    {"images", "images", DataClass::kBlobSequence},
    {"audio", "audio", DataClass::kBlobSequence},
    {"pr_curves", "pr_curves", DataClass::kTensor},
    {"text", "text", DataClass::kTensor},
};

class CorpusTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!fs::exists(kConformance / "golden")) {
      GTEST_SKIP() << "no conformance data at " << kConformance
                   << " (../shared is absent)";
    }
    golden_ = kConformance / "golden" / GetParam();
    std::ifstream in(golden_ / "index.json");
    index_ = json::parse(in);
    IngestionOptions options;
    options.sources.push_back(
        LogdirSource{"", (kConformance / "corpus" / GetParam()).string()});
    options.reload_interval_secs = 0;
    options.samples_per_plugin = samples_per_plugin_;
    auto started = Ingestion::Start(std::move(options));
    ASSERT_TRUE(started.ok()) << started.status();
    ingestion_ = std::move(*started);
    ingestion_->ReloadNow();
  }

  // The golden body of the 200 response to `url`, or null.
  json Golden(const std::string& url) {
    for (const json& r : index_["requests"]) {
      if (r["url"] == url && r["status"] == 200 && r["method"] == "GET" &&
          r.contains("file") && r["file"].is_string()) {
        std::ifstream in(golden_ / r["file"].get<std::string>());
        return json::parse(in, nullptr, /*allow_exceptions=*/false);
      }
    }
    return nullptr;
  }

  const DataProvider& provider() { return ingestion_->provider(); }

  absl::flat_hash_map<std::string, int64_t> samples_per_plugin_;
  fs::path golden_;
  json index_;
  std::unique_ptr<Ingestion> ingestion_;
};

TEST_P(CorpusTest, RunsMatchInStartTimeOrder) {
  json runs = Golden("/data/runs");
  ASSERT_FALSE(runs.is_null());
  std::vector<RunInfo> ours = provider().ListRuns();
  std::stable_sort(ours.begin(), ours.end(),
                   [](const RunInfo& a, const RunInfo& b) {
                     if (a.start_time.has_value() != b.start_time.has_value())
                       return a.start_time.has_value();
                     if (a.start_time != b.start_time)
                       return *a.start_time < *b.start_time;
                     return a.name < b.name;
                   });
  std::vector<std::string> names;
  for (const RunInfo& r : ours) names.push_back(r.name);
  EXPECT_EQ(names, runs.get<std::vector<std::string>>());
}

TEST_P(CorpusTest, TagsPerPluginMatch) {
  for (const PluginCheck& check : kPluginChecks) {
    json golden = Golden(std::string("/data/plugin/") + check.route + "/tags");
    if (golden.is_null()) continue;
    std::map<std::string, std::map<std::string, TagMetadata>> ours;
    for (const auto& run : provider().ListTags(check.plugin)) {
      for (const auto& [tag, metadata] : run.tags) {
        if (metadata.data_class == check.data_class)
          ours[run.run][tag] = metadata;
      }
    }
    std::set<std::string> golden_runs;
    for (const auto& [run, tags] : golden.items()) {
      golden_runs.insert(run);
      SCOPED_TRACE(std::string(check.route) + " run " + run);
      ASSERT_TRUE(ours.contains(run));
      std::set<std::string> golden_tags;
      for (const auto& [tag, info] : tags.items()) {
        std::string name = tags.is_array() ? info.get<std::string>() : tag;
        golden_tags.insert(name);
        ASSERT_TRUE(ours[run].contains(name)) << name;
        const TagMetadata& m = ours[run][name];
        if (!info.is_object()) continue;
        EXPECT_EQ(m.display_name, info["displayName"].get<std::string>())
            << name;
        EXPECT_EQ(m.description.empty(),
                  info["description"].get<std::string>().empty())
            << name;
        if (info.contains("samples")) {
          auto sequence = provider().ReadBlobSequence(run, name);
          ASSERT_TRUE(sequence.ok());
          int64_t most = 0;
          for (const auto& d : *sequence) most = std::max(most, d.num_blobs);
          EXPECT_EQ(check.plugin == std::string("images") ? most - 2 : most,
                    info["samples"].get<int64_t>())
              << name;
        }
      }
      std::set<std::string> our_tags;
      for (const auto& [tag, m] : ours[run]) our_tags.insert(tag);
      EXPECT_EQ(our_tags, golden_tags);
    }
    std::set<std::string> our_runs;
    for (const auto& [run, tags] : ours) our_runs.insert(run);
    EXPECT_EQ(our_runs, golden_runs) << check.route;
  }
}

TEST_P(CorpusTest, ScalarPointsMatch) {
  for (const json& r : index_["requests"]) {
    std::string url = r["url"];
    if (!url.starts_with("/data/plugin/scalars/scalars?") || r["status"] != 200)
      continue;
    auto params = QueryOf(url);
    if (params.contains("format")) continue;
    json golden = Golden(url);
    ASSERT_TRUE(golden.is_array()) << url;
    auto series = provider().ReadScalars(params["run"], params["tag"]);
    ASSERT_TRUE(series.ok()) << series.status();
    SCOPED_TRACE(url);
    if (golden.size() < 1000) {
      ASSERT_EQ(series->size(), golden.size());
    } else {
      ASSERT_GE(series->size(), golden.size());
    }
    // Every golden point appears, in order (all of them when TensorBoard did
    // not sample).
    size_t j = 0;
    for (const json& point : golden) {
      while (j < series->size() && series->steps[j] != point[1].get<int64_t>())
        ++j;
      ASSERT_LT(j, series->size()) << "step " << point[1];
      EXPECT_TRUE(SameNumber(series->wall_times[j], JsonNumber(point[0])));
      EXPECT_TRUE(SameNumber(series->values[j], JsonNumber(point[2])))
          << "step " << point[1] << ": " << series->values[j] << " vs "
          << point[2];
      ++j;
    }
  }
}

TEST_P(CorpusTest, HistogramReservoirKeepsTensorBoardsSteps) {
  for (const json& r : index_["requests"]) {
    std::string url = r["url"];
    if (!url.starts_with("/data/plugin/distributions/distributions?") ||
        r["status"] != 200) {
      continue;
    }
    auto params = QueryOf(url);
    json golden = Golden(url);
    ASSERT_TRUE(golden.is_array());
    if (golden.size() >= 501)
      continue;  // downsampled at query time: not the reservoir
    auto tensors = provider().ReadTensors(params["run"], params["tag"]);
    ASSERT_TRUE(tensors.ok()) << tensors.status();
    std::vector<int64_t> ours;
    for (const auto& d : *tensors) ours.push_back(d.step);
    std::vector<int64_t> theirs;
    for (const json& e : golden) theirs.push_back(e[1].get<int64_t>());
    EXPECT_EQ(ours, theirs) << url;
  }
}

// With --samples_per_plugin scalars=1000 (TensorBoard's default), tbx's scalar
// reservoir must keep exactly TensorBoard's points.
class CorpusSampledTest : public CorpusTest {
 protected:
  void SetUp() override {
    samples_per_plugin_["scalars"] = 1000;
    CorpusTest::SetUp();
  }
};

TEST_P(CorpusSampledTest, ScalarReservoirKeepsTensorBoardsSteps) {
  for (const json& r : index_["requests"]) {
    std::string url = r["url"];
    if (!url.starts_with("/data/plugin/scalars/scalars?") || r["status"] != 200)
      continue;
    auto params = QueryOf(url);
    if (params.contains("format")) continue;
    json golden = Golden(url);
    auto series = provider().ReadScalars(params["run"], params["tag"]);
    ASSERT_TRUE(series.ok());
    std::vector<int64_t> theirs;
    for (const json& p : golden) theirs.push_back(p[1].get<int64_t>());
    EXPECT_EQ(series->steps, theirs) << url;
  }
}

std::vector<std::string> Scenarios() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry :
       fs::directory_iterator(kConformance / "corpus", error)) {
    if (entry.is_directory() &&
        fs::exists(kConformance / "golden" / entry.path().filename())) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  if (names.empty()) names.push_back("shared_conformance_absent");
  return names;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Corpus, CorpusSampledTest,
                         ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tbx
