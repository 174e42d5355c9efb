// Tests of the projector plugin's routes over real files in a temporary
// logdir: configs in the run directory and in the plugin's asset directory,
// TSV and raw float32 tensor files, checkpoints (written by
// tools/checkpoint_writer) found through the `checkpoint` file, TensorBoard's
// metadata header rule, and every bad input: unknown runs, missing
// parameters, paths outside the config's directory, ragged TSV rows, sizes
// that disagree with shapes, sprite sheets too small, damaged checkpoints.
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/projector/projector_plugin.h"
#include "proto/tensor.pb.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"
#include "tools/checkpoint_writer.h"

namespace tbx::plugins {
namespace {

namespace fs = std::filesystem;
using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;
using ::tbx::tools::Float32Bytes;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kRuns[] = "/data/plugin/projector/runs";
constexpr char kInfo[] = "/data/plugin/projector/info";
constexpr char kTensor[] = "/data/plugin/projector/tensor";
constexpr char kMetadata[] = "/data/plugin/projector/metadata";
constexpr char kSprite[] = "/data/plugin/projector/sprite_image";
constexpr char kBookmarks[] = "/data/plugin/projector/bookmarks";
constexpr char kPca[] = "/data/plugin/projector/pca";

// Runs whose directories are real: <root>/<run>.
class DiskProvider : public FakeDataProvider {
 public:
  explicit DiskProvider(std::string root) : root_(std::move(root)) {}
  absl::StatusOr<std::string> RunDirectory(
      std::string_view run) const override {
    return root_ + "/" + std::string(run);
  }

 private:
  std::string root_;
};

// A PNG signature and IHDR chunk of the given size (enough for the checks).
std::string PngHeader(uint32_t width, uint32_t height) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  for (uint32_t v : {width, height})
    for (int shift = 24; shift >= 0; shift -= 8)
      png.push_back(static_cast<char>((v >> shift) & 0xff));
  png.append("\x08\x06\0\0\0", 5);
  return png;
}

class ProjectorPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) /
            ("projector_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "logdir");
    provider_ = std::make_unique<DiskProvider>((root_ / "logdir").string());
    plugin_ = std::make_unique<ProjectorPlugin>(provider_.get(),
                                                (root_ / "logdir").string());
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& relative, const std::string& bytes) {
    const fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
  }
  void AddRun(const std::string& run) {
    provider_->AddRun(run);
    fs::create_directories(root_ / "logdir" / run);
  }
  Response Get(const std::string& route, tbx::testing::Params params) {
    return Call(*plugin_, route, std::move(params));
  }

  fs::path root_;
  std::unique_ptr<DiskProvider> provider_;
  std::unique_ptr<ProjectorPlugin> plugin_;
};

TEST_F(ProjectorPluginTest, ServesTsvEmbeddingsLikeTorchWritesThem) {
  AddRun("run_a");
  AddRun("no_embeddings");
  Write("logdir/run_a/projector_config.pbtxt", R"pb(
    embeddings {
      tensor_name: "features:00000"
      tensor_path: "00000/features/tensors.tsv"
      metadata_path: "00000/features/metadata.tsv"
      sprite {
        image_path: "00000/features/sprite.png"
        single_image_dim: 2
        single_image_dim: 2
      }
    }
    embeddings { tensor_name: "plain:0" tensor_path: "plain.tsv" }
  )pb");
  Write("logdir/run_a/00000/features/tensors.tsv",
        "1\t2.5\n-3\t4e1\n\n+5\tnan\n");
  Write("logdir/run_a/00000/features/metadata.tsv", "a\nb\nc\n");
  Write("logdir/run_a/00000/features/sprite.png", PngHeader(4, 4));
  Write("logdir/run_a/plain.tsv", "0.5 \r\n");

  EXPECT_EQ(JsonBody(Get(kRuns, {})), nlohmann::json::parse(R"(["run_a"])"));
  const nlohmann::json info = JsonBody(Get(kInfo, {{"run", "run_a"}}));
  EXPECT_EQ(info["embeddings"][0]["tensorShape"],
            nlohmann::json::parse("[3, 2]"));
  EXPECT_EQ(info["embeddings"][0]["sprite"]["singleImageDim"],
            nlohmann::json::parse("[2, 2]"));
  EXPECT_EQ(info["embeddings"][1]["tensorName"], "plain");  // ":0" dropped

  Response tensor =
      Get(kTensor, {{"run", "run_a"}, {"name", "features:00000"}});
  EXPECT_EQ(tensor.status, 200);
  EXPECT_EQ(tensor.content_type, "application/octet-stream");
  ASSERT_EQ(tensor.body.size(), 24u);
  EXPECT_EQ(tensor.body.substr(0, 20), Float32Bytes({1, 2.5, -3, 40, 5}));
  float last;
  std::memcpy(&last, tensor.body.data() + 20, 4);
  EXPECT_TRUE(std::isnan(last));
  EXPECT_EQ(
      Get(kTensor,
          {{"run", "run_a"}, {"name", "features:00000"}, {"num_rows", "1"}})
          .body,
      Float32Bytes({1, 2.5}));
  EXPECT_EQ(Get(kTensor, {{"run", "run_a"}, {"name", "plain"}}).body,
            Float32Bytes({0.5}));

  Response metadata =
      Get(kMetadata,
          {{"run", "run_a"}, {"name", "features:00000"}, {"num_rows", "2"}});
  EXPECT_EQ(metadata.body, "a\nb\n");
  EXPECT_EQ(metadata.content_type, "text/plain; charset=utf-8");
  Response sprite =
      Get(kSprite, {{"run", "run_a"}, {"name", "features:00000"}});
  EXPECT_EQ(sprite.status, 200);
  EXPECT_EQ(sprite.content_type, "image/png");
}

TEST_F(ProjectorPluginTest, MetadataHeaderLineIsNotCountedAsARow) {
  AddRun("r");
  Write("logdir/r/projector_config.pbtxt",
        "embeddings { tensor_name: \"t\" tensor_path: \"t.tsv\" metadata_path: "
        "\"m.tsv\" }");
  Write("logdir/r/t.tsv", "1\n2\n3\n");
  Write("logdir/r/m.tsv", "word\tcolour\nx\tred\ny\tblue\nz\tred\n");
  EXPECT_EQ(
      Get(kMetadata, {{"run", "r"}, {"name", "t"}, {"num_rows", "2"}}).body,
      "word\tcolour\nx\tred\ny\tblue\n");
  EXPECT_EQ(Get(kMetadata, {{"run", "r"}, {"name", "t"}}).body,
            "word\tcolour\nx\tred\ny\tblue\nz\tred\n");
}

TEST_F(ProjectorPluginTest, ActivityIsRecheckedInTheBackgroundAndStaysOn) {
  AddRun("r");
  const std::string config =
      "embeddings { tensor_name: \"t\" tensor_path: \"t.tsv\" }";
  // A long interval: the first answer (no embeddings) is kept after a config
  // appears.
  ProjectorPlugin cached(provider_.get(), (root_ / "logdir").string(),
                         absl::Hours(1));
  ProjectorPlugin rechecking(provider_.get(), (root_ / "logdir").string(),
                             absl::ZeroDuration());
  EXPECT_FALSE(cached.IsActive(*provider_));
  EXPECT_FALSE(rechecking.IsActive(*provider_));
  Write("logdir/r/projector_config.pbtxt", config);
  Write("logdir/r/t.tsv", "1\n2\n");
  EXPECT_FALSE(cached.IsActive(*provider_));
  // With no interval a call answers from the last scan and starts another:
  // the config is found without a caller waiting for the scan.
  bool found = false;
  for (int i = 0; i < 500 && !found; ++i) {
    found = rechecking.IsActive(*provider_);
    if (!found) absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_TRUE(found);
  // Once found, the plugin stays active when the config goes away.
  fs::remove(root_ / "logdir/r/projector_config.pbtxt");
  EXPECT_TRUE(rechecking.IsActive(*provider_));
  EXPECT_FALSE(cached.IsActive(*provider_));
}

TEST_F(ProjectorPluginTest, ReadsConfigFromAssetDirectoryAndRawFloatFiles) {
  AddRun("r");
  const std::string assets =
      "logdir/r/plugins/org_tensorflow_tensorboard_projector/";
  Write(assets + "projector_config.pbtxt",
        "embeddings { tensor_name: \"raw\" tensor_path: \"raw.bin\" "
        "tensor_shape: 2 tensor_shape: 1 bookmarks_path: \"b.json\" }");
  // 1.0f and 2.0f: 0x3f800000, 0x40000000 (not UTF-8 text).
  Write(assets + "raw.bin", Float32Bytes({1, 2}));
  Write(assets + "b.json", "[{\"label\": \"x\"}]");
  EXPECT_EQ(Get(kTensor, {{"run", "r"}, {"name", "raw"}}).body,
            Float32Bytes({1, 2}));
  Response bookmarks = Get(kBookmarks, {{"run", "r"}, {"name", "raw"}});
  EXPECT_EQ(bookmarks.content_type, "application/json");
  EXPECT_EQ(bookmarks.body, "[{\"label\": \"x\"}]");
}

TEST_F(ProjectorPluginTest, OffersEveryTwoDimensionalCheckpointVariable) {
  AddRun("train");
  const std::string key = "model/emb/.ATTRIBUTES/VARIABLE_VALUE";
  ASSERT_TRUE(
      tools::WriteCheckpoint(
          (root_ / "logdir/train/ckpt-7").string(),
          {{key,
            tensorboard::DT_FLOAT,
            {2, 3},
            Float32Bytes({1, 2, 3, 4, 5, 6})},
           {"bias", tensorboard::DT_FLOAT, {3}, Float32Bytes({0, 0, 0})}},
          1, {{"model/emb", key, "embedding/embeddings"}})
          .ok());
  ASSERT_TRUE(
      tools::WriteCheckpointState((root_ / "logdir/train").string(), "ckpt-7")
          .ok());
  // A first embedding without a tensor name lends its metadata path.
  Write("logdir/train/projector_config.pbtxt",
        "embeddings { metadata_path: \"m.tsv\" }");
  Write("logdir/train/m.tsv", "p\nq\n");

  EXPECT_EQ(JsonBody(Get(kRuns, {})), nlohmann::json::parse(R"(["train"])"));
  const nlohmann::json info = JsonBody(Get(kInfo, {{"run", "train"}}));
  ASSERT_EQ(info["embeddings"].size(), 1u) << info.dump();
  EXPECT_EQ(info["embeddings"][0]["tensorName"], "embedding/embeddings");
  EXPECT_EQ(info["embeddings"][0]["tensorShape"],
            nlohmann::json::parse("[2, 3]"));
  EXPECT_EQ(info["embeddings"][0]["metadataPath"], "m.tsv");
  EXPECT_THAT(info["modelCheckpointPath"].get<std::string>(),
              HasSubstr("ckpt-7"));
  EXPECT_EQ(
      Get(kTensor, {{"run", "train"}, {"name", "embedding/embeddings"}}).body,
      Float32Bytes({1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(
      Get(kTensor, {{"run", "train"}, {"name", key}, {"num_rows", "1"}}).body,
      Float32Bytes({1, 2, 3}));
  EXPECT_EQ(
      Get(kMetadata, {{"run", "train"}, {"name", "embedding/embeddings"}}).body,
      "p\nq\n");
  // The pca of the first embedding names it in headers, percent-encoded.
  Response first = Get(kPca, {{"first", "true"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_THAT(first.headers,
              ::testing::Contains(
                  std::pair<std::string, std::string>("X-Tbx-Run", "train")));
  EXPECT_THAT(first.headers,
              ::testing::Contains(std::pair<std::string, std::string>(
                  "X-Tbx-Tensor", "embedding%2Fembeddings")));
}

TEST_F(ProjectorPluginTest, PcaOfTheFirstEmbeddingNeedsOne) {
  AddRun("r");
  Response none = Get(kPca, {{"first", "true"}});
  EXPECT_EQ(none.status, 400);
  EXPECT_THAT(none.body, HasSubstr("no run has embeddings"));
}

TEST_F(ProjectorPluginTest, CheckpointWithoutConfigAndInParentDirectory) {
  AddRun("a/b");
  ASSERT_TRUE(tools::WriteCheckpoint((root_ / "logdir/a/model").string(),
                                     {{"w",
                                       tensorboard::DT_DOUBLE,
                                       {1, 2},
                                       tools::Float64Bytes({1.5, -2})}})
                  .ok());
  ASSERT_TRUE(
      tools::WriteCheckpointState((root_ / "logdir/a").string(), "model").ok());
  EXPECT_EQ(JsonBody(Get(kRuns, {})), nlohmann::json::parse(R"(["a/b"])"));
  EXPECT_EQ(Get(kTensor, {{"run", "a/b"}, {"name", "w"}}).body,
            Float32Bytes({1.5, -2}));
}

TEST_F(ProjectorPluginTest, BadRequestsAreClearErrors) {
  AddRun("r");
  Write("logdir/r/projector_config.pbtxt",
        "embeddings { tensor_name: \"t\" tensor_path: \"t.tsv\" }");
  Write("logdir/r/t.tsv", "1\n");
  EXPECT_EQ(Get(kInfo, {}).status, 400);
  Response unknown = Get(kInfo, {{"run", "nope"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_THAT(unknown.body, HasSubstr("Unknown run: \\\"nope\\\""));
  EXPECT_EQ(Get(kTensor, {{"run", "r"}}).status, 400);
  for (const char* bad : {"0", "-1", "x", "1.5"}) {
    Response r = Get(kTensor, {{"run", "r"}, {"name", "t"}, {"num_rows", bad}});
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_THAT(r.body, HasSubstr("num_rows must be integer > 0"));
  }
  Response missing = Get(kMetadata, {{"run", "r"}, {"name", "t"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_THAT(missing.body, HasSubstr("No metadata file found for tensor"));
  EXPECT_EQ(Get(kSprite, {{"run", "r"}, {"name", "t"}}).status, 400);
  EXPECT_EQ(Get(kBookmarks, {{"run", "r"}, {"name", "t"}}).status, 400);
  Response absent = Get(kTensor, {{"run", "r"}, {"name", "other"}});
  EXPECT_EQ(absent.status, 400);
  EXPECT_THAT(absent.body, HasSubstr("not found in checkpoint"));
}

TEST_F(ProjectorPluginTest, NoPathReadsOutsideTheConfigDirectory) {
  AddRun("r");
  Write("secret.tsv", "SECRET\n");
  Write("logdir/secret2.tsv", "SECRET\n");
  fs::create_directories(root_ / "logdir/r");
  fs::create_symlink(root_ / "secret.tsv", root_ / "logdir/r/link.tsv");
  Write("logdir/r/projector_config.pbtxt",
        "embeddings { tensor_name: \"a\" tensor_path: \"../../secret.tsv\" "
        "metadata_path: \"../secret2.tsv\" }\n"
        "embeddings { tensor_name: \"b\" tensor_path: \"" +
            (root_ / "secret.tsv").string() +
            "\" metadata_path: \"link.tsv\" bookmarks_path: "
            "\"sub/../../secret2.tsv\" "
            "sprite { image_path: \"/etc/passwd\" } }");
  for (const char* name : {"a", "b"}) {
    for (const char* route : {kTensor, kMetadata, kBookmarks, kSprite}) {
      Response r = Get(route, {{"run", "r"}, {"name", name}});
      EXPECT_EQ(r.status, 400) << route << " " << name;
      EXPECT_THAT(r.body, Not(HasSubstr("SECRET")));
    }
  }
  EXPECT_THAT(Get(kTensor, {{"run", "r"}, {"name", "a"}}).body,
              HasSubstr("resolves outside"));
}

TEST_F(ProjectorPluginTest, MalformedTensorFilesAreErrors) {
  AddRun("r");
  Write("logdir/r/projector_config.pbtxt",
        "embeddings { tensor_name: \"ragged\" tensor_path: \"ragged.tsv\" }\n"
        "embeddings { tensor_name: \"words\" tensor_path: \"words.tsv\" }\n"
        "embeddings { tensor_name: \"raw\" tensor_path: \"raw.bin\" "
        "tensor_shape: 3 tensor_shape: 1 }\n"
        "embeddings { tensor_name: \"noshape\" tensor_path: \"raw.bin\" }\n"
        "embeddings { tensor_name: \"empty\" tensor_path: \"empty.tsv\" }\n");
  Write("logdir/r/ragged.tsv", "1\t2\n3\n");
  Write("logdir/r/words.tsv", "1\tcat\n");
  Write("logdir/r/raw.bin", Float32Bytes({1, 2}));
  Write("logdir/r/empty.tsv", "\n\n");
  auto error = [&](const char* name) {
    Response r = Get(kTensor, {{"run", "r"}, {"name", name}});
    EXPECT_EQ(r.status, 400) << name;
    return r.body;
  };
  EXPECT_THAT(error("ragged"),
              HasSubstr("line 2 has 1 values; the rows above have 2"));
  EXPECT_THAT(error("words"), HasSubstr("\\\"cat\\\" is not a number"));
  EXPECT_THAT(error("raw"),
              HasSubstr("holds 8 bytes but tensor_shape [3, 1] needs 12"));
  EXPECT_THAT(error("noshape"), HasSubstr("must give a 2-D tensor_shape"));
  EXPECT_THAT(error("empty"), HasSubstr("holds no rows"));
}

TEST_F(ProjectorPluginTest, SpriteSheetTooSmallIsAnError) {
  AddRun("r");
  Write("logdir/r/projector_config.pbtxt",
        "embeddings { tensor_name: \"t\" tensor_path: \"t.tsv\" "
        "sprite { image_path: \"s.png\" single_image_dim: 4 single_image_dim: "
        "4 } }");
  Write("logdir/r/t.tsv", "1\n2\n3\n4\n5\n");
  Write("logdir/r/s.png", PngHeader(8, 8));  // room for 4 images, 5 rows
  Response r = Get(kSprite, {{"run", "r"}, {"name", "t"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("room for 4 images"));
}

// Values v(r, c) of a rows × cols test tensor, row-major.
std::vector<double> TestValues(int rows, int cols) {
  std::vector<double> values;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) values.push_back(r * 0.25 - c * 1.5);
  return values;
}

std::vector<float> AsFloats(const std::vector<double>& values, size_t n) {
  return std::vector<float>(values.begin(), values.begin() + n);
}

TEST_F(ProjectorPluginTest, TensorsAreStreamedInPiecesWithTheirLength) {
  AddRun("r");
  constexpr int kRows = 3000, kCols = 16;
  const std::vector<double> values = TestValues(kRows, kCols);
  const std::vector<float> floats = AsFloats(values, values.size());
  std::string tsv;
  for (int r = 0; r < 500; ++r) {
    for (int c = 0; c < 3; ++c)
      tsv += std::to_string(values[r * kCols + c]) + (c < 2 ? "\t" : "\n");
  }
  std::vector<float> tsv_floats;
  for (int r = 0; r < 500; ++r)
    for (int c = 0; c < 3; ++c)
      tsv_floats.push_back(static_cast<float>(values[r * kCols + c]));
  Write("logdir/r/raw.bin", Float32Bytes(floats));
  Write("logdir/r/t.tsv", tsv);
  Write("logdir/r/projector_config.pbtxt",
        "embeddings { tensor_name: \"raw\" tensor_path: \"raw.bin\" "
        "tensor_shape: 3000 tensor_shape: 16 }"
        "embeddings { tensor_name: \"tsv\" tensor_path: \"t.tsv\" }");
  const std::string prefix = (root_ / "logdir/r/ckpt").string();
  ASSERT_TRUE(tools::WriteCheckpoint(prefix, {{"f64",
                                               tensorboard::DT_DOUBLE,
                                               {kRows, kCols},
                                               tools::Float64Bytes(values)}})
                  .ok());
  ASSERT_TRUE(
      tools::WriteCheckpointState((root_ / "logdir/r").string(), "ckpt").ok());

  struct Case {
    std::string name;
    std::string num_rows;
    std::vector<float> expected;
  };
  const std::vector<Case> cases = {
      {"raw", "", floats},
      {"raw", "7", AsFloats(values, 7 * kCols)},
      {"tsv", "", tsv_floats},
      {"tsv", "9",
       std::vector<float>(tsv_floats.begin(), tsv_floats.begin() + 27)},
      {"f64", "", floats},
      {"f64", "2999", AsFloats(values, 2999 * kCols)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name + " num_rows=" + c.num_rows);
    tbx::testing::Params params = {{"run", "r"}, {"name", c.name}};
    if (!c.num_rows.empty()) params.emplace_back("num_rows", c.num_rows);
    Response response = Call(*plugin_, kTensor, params, "GET", false);
    EXPECT_EQ(response.status, 200);
    ASSERT_TRUE(response.stream.has_value());
    EXPECT_TRUE(response.body.empty());
    EXPECT_EQ(response.stream->size, c.expected.size() * 4);
    tbx::testing::DrainStream(response, 1003);
    EXPECT_TRUE(response.body == Float32Bytes(c.expected));
  }
}

TEST_F(ProjectorPluginTest, FileShrinkingMidStreamIsAnErrorNotACrash) {
  AddRun("r");
  const std::vector<double> values = TestValues(1000, 4);
  Write("logdir/r/raw.bin", Float32Bytes(AsFloats(values, values.size())));
  Write("logdir/r/projector_config.pbtxt",
        "embeddings { tensor_name: \"raw\" tensor_path: \"raw.bin\" "
        "tensor_shape: 1000 tensor_shape: 4 }");
  Response response =
      Call(*plugin_, kTensor, {{"run", "r"}, {"name", "raw"}}, "GET", false);
  ASSERT_TRUE(response.stream.has_value());
  std::string buffer(4096, '\0');
  ASSERT_TRUE(response.stream->next(std::span<char>(buffer)).ok());
  fs::resize_file(root_ / "logdir/r/raw.bin", 5000);
  absl::StatusOr<size_t> next = response.stream->next(std::span<char>(buffer));
  EXPECT_FALSE(next.ok());
}

TEST_F(ProjectorPluginTest, DamagedCheckpointIsAnErrorForThatTensor) {
  AddRun("r");
  const std::string prefix = (root_ / "logdir/r/ckpt").string();
  ASSERT_TRUE(
      tools::WriteCheckpoint(
          prefix,
          {{"good", tensorboard::DT_FLOAT, {1, 1}, Float32Bytes({1})},
           {"bad", tensorboard::DT_FLOAT, {1, 2}, Float32Bytes({2, 3})}})
          .ok());
  ASSERT_TRUE(
      tools::WriteCheckpointState((root_ / "logdir/r").string(), "ckpt").ok());
  {
    // "bad" sorts first: its bytes start the shard.
    std::fstream shard(prefix + ".data-00000-of-00001",
                       std::ios::in | std::ios::out | std::ios::binary);
    shard.seekp(1);
    shard.put('\x55');
  }
  Response bad = Get(kTensor, {{"run", "r"}, {"name", "bad"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("bad CRC"));
  EXPECT_EQ(Get(kTensor, {{"run", "r"}, {"name", "good"}}).body,
            Float32Bytes({1}));
  fs::resize_file(prefix + ".data-00000-of-00001", 10);
  Response truncated = Get(kTensor, {{"run", "r"}, {"name", "good"}});
  EXPECT_EQ(truncated.status, 400);
  EXPECT_THAT(truncated.body, HasSubstr("truncated"));
}

TEST_F(ProjectorPluginTest, NoRunsMeansTheLogdirIsRunDot) {
  ASSERT_TRUE(tools::WriteCheckpoint(
                  (root_ / "logdir/m").string(),
                  {{"e", tensorboard::DT_FLOAT, {1, 1}, Float32Bytes({4})}})
                  .ok());
  ASSERT_TRUE(
      tools::WriteCheckpointState((root_ / "logdir").string(), "m").ok());
  EXPECT_EQ(JsonBody(Get(kRuns, {})), nlohmann::json::parse(R"(["."])"));
  EXPECT_EQ(Get(kTensor, {{"run", "."}, {"name", "e"}}).body,
            Float32Bytes({4}));
  EXPECT_TRUE(plugin_->IsActive(*provider_));
}

// The pca route's answer against a PCA worked out here from the /tensor
// route's values: each vector is a unit eigenvector of the covariance of every
// row (computed here) with eigenvalue explained × trace, and each projected
// coordinate is (row − mean) · vector.
TEST_F(ProjectorPluginTest, PcaRouteAnswersComponentsAndProjectedRows) {
  AddRun("r");
  constexpr int kRows = 2000, kCols = 12;
  std::vector<double> values;
  for (int r = 0; r < kRows; ++r)
    for (int c = 0; c < kCols; ++c)
      values.push_back(std::sin(0.37 * r * (c + 1)) * (1 + c % 4) + 0.01 * r);
  const std::string prefix = (root_ / "logdir/r/ckpt").string();
  ASSERT_TRUE(tools::WriteCheckpoint(
                  prefix, {{"emb",
                            tensorboard::DT_DOUBLE,
                            {kRows, kCols},
                            tools::Float64Bytes(values)},
                           {"wide",
                            tensorboard::DT_FLOAT,
                            {2, 129},
                            Float32Bytes(std::vector<float>(258, 1.0f))}})
                  .ok());
  ASSERT_TRUE(
      tools::WriteCheckpointState((root_ / "logdir/r").string(), "ckpt").ok());
  const std::string tensor = Get(kTensor, {{"run", "r"}, {"name", "emb"}}).body;
  ASSERT_EQ(tensor.size(), size_t{kRows * kCols * 4});
  std::vector<float> x(kRows * kCols);
  std::memcpy(x.data(), tensor.data(), tensor.size());
  std::vector<double> mean(kCols, 0.0), cov(kCols * kCols, 0.0);
  for (int r = 0; r < kRows; ++r)
    for (int c = 0; c < kCols; ++c) mean[c] += x[r * kCols + c] / kRows;
  for (int r = 0; r < kRows; ++r)
    for (int i = 0; i < kCols; ++i)
      for (int j = 0; j < kCols; ++j)
        cov[i * kCols + j] += (x[r * kCols + i] - mean[i]) *
                              (x[r * kCols + j] - mean[j]) / (kRows - 1);
  double trace = 0;
  for (int i = 0; i < kCols; ++i) trace += cov[i * kCols + i];

  Response response = Call(
      *plugin_, kPca,
      {{"run", "r"}, {"name", "emb"}, {"components", "5"}, {"project", "2"}},
      "GET", false);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/octet-stream");
  tbx::testing::DrainStream(response, 1003);
  const std::string& body = response.body;
  constexpr int kK = 5, kP = 2;
  const size_t header = 40 + 8 * (2 * kK + kK * kCols);
  ASSERT_EQ(body.size(), header + kRows * kP * 4);
  uint64_t fields[5];
  std::memcpy(fields, body.data(), 40);
  EXPECT_EQ(fields[0], uint64_t{kRows});
  EXPECT_EQ(fields[1], uint64_t{kCols});
  EXPECT_EQ(fields[2], uint64_t{kK});
  EXPECT_EQ(fields[3], uint64_t{kP});
  EXPECT_EQ(fields[4], uint64_t{kRows});  // every row (under the budget)
  auto f64 = [&](size_t at) {
    double v;
    std::memcpy(&v, body.data() + at, 8);
    return v;
  };
  double previous = 2.0;
  for (int k = 0; k < kK; ++k) {
    SCOPED_TRACE(k);
    const double explained = f64(40 + 8 * k);
    EXPECT_LE(explained, previous);
    previous = explained;
    std::vector<double> v(kCols);
    for (int d = 0; d < kCols; ++d)
      v[d] = f64(40 + 8 * (2 * kK + k * kCols + d));
    double norm = 0, offset = 0;
    for (int d = 0; d < kCols; ++d) {
      norm += v[d] * v[d];
      offset += mean[d] * v[d];
      double cv = 0;
      for (int j = 0; j < kCols; ++j) cv += cov[d * kCols + j] * v[j];
      EXPECT_NEAR(cv, explained * trace * v[d], 1e-6 * trace);
    }
    EXPECT_NEAR(norm, 1.0, 1e-9);
    EXPECT_NEAR(f64(40 + 8 * (kK + k)), offset, 1e-6 * (1 + std::abs(offset)));
    if (k >= kP) continue;
    for (int r = 0; r < kRows; r += 37) {
      double want = 0;
      for (int d = 0; d < kCols; ++d)
        want += (x[r * kCols + d] - mean[d]) * v[d];
      float got;
      std::memcpy(&got, body.data() + header + (r * kP + k) * 4, 4);
      EXPECT_NEAR(got, want, 1e-4 * (1 + std::abs(want))) << r;
    }
  }
  // The first rows only; project defaults to 3 and components to 10.
  Response some =
      Get(kPca, {{"run", "r"}, {"name", "emb"}, {"num_rows", "50"}});
  ASSERT_EQ(some.status, 200);
  std::memcpy(fields, some.body.data(), 40);
  EXPECT_EQ(fields[0], 50u);
  EXPECT_EQ(fields[2], 10u);
  EXPECT_EQ(fields[3], 3u);
  EXPECT_EQ(some.body.size(), 40 + 8 * (20 + 10 * kCols) + 50 * 3 * 4);
  // float16 coordinates: the same header and basis, then the exponent e and
  // two bytes a coordinate (their rounding is tested in projector_pca_test).
  Response half = Get(kPca, {{"run", "r"},
                             {"name", "emb"},
                             {"num_rows", "50"},
                             {"coords", "float16"}});
  ASSERT_EQ(half.status, 200) << half.body;
  const size_t basis_end = 40 + 8 * (20 + 10 * kCols);
  ASSERT_EQ(half.body.size(), basis_end + 8 + 50 * 3 * 2);
  EXPECT_EQ(half.body.substr(0, basis_end), some.body.substr(0, basis_end));
  // first=true: the first run's first embedding (here the only run's "emb",
  // listed before "wide"), named in headers.
  Response first = Get(kPca, {{"first", "true"}, {"num_rows", "50"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body, some.body);
  EXPECT_THAT(first.headers,
              ::testing::Contains(
                  std::pair<std::string, std::string>("X-Tbx-Run", "r")));
  EXPECT_THAT(first.headers,
              ::testing::Contains(
                  std::pair<std::string, std::string>("X-Tbx-Tensor", "emb")));
}

TEST_F(ProjectorPluginTest, PcaRouteBadParametersAreClearErrors) {
  AddRun("r");
  const std::string prefix = (root_ / "logdir/r/ckpt").string();
  ASSERT_TRUE(tools::WriteCheckpoint(
                  prefix, {{"emb",
                            tensorboard::DT_FLOAT,
                            {3, 2},
                            Float32Bytes({1, 2, 3, 5, 4, 4})},
                           {"wide",
                            tensorboard::DT_FLOAT,
                            {2, 129},
                            Float32Bytes(std::vector<float>(258, 1.0f))}})
                  .ok());
  ASSERT_TRUE(
      tools::WriteCheckpointState((root_ / "logdir/r").string(), "ckpt").ok());
  struct Case {
    tbx::testing::Params params;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{{"name", "emb"}}, "\\\"run\\\" is required"},
      {{{"run", "r"}}, "\\\"name\\\" is required"},
      {{{"run", "nope"}, {"name", "emb"}}, "Unknown run"},
      {{{"run", "r"}, {"name", "other"}}, "not found in checkpoint"},
      {{{"run", "r"}, {"name", "emb"}, {"num_rows", "0"}}, "num_rows"},
      {{{"run", "r"}, {"name", "emb"}, {"components", "0"}},
       "components must be"},
      {{{"run", "r"}, {"name", "emb"}, {"components", "101"}},
       "components must be"},
      {{{"run", "r"}, {"name", "emb"}, {"components", "2x"}},
       "components must be"},
      {{{"run", "r"}, {"name", "emb"}, {"components", ""}},
       "components must be"},
      {{{"run", "r"}, {"name", "emb"}, {"project", "0"}}, "project must be"},
      {{{"run", "r"}, {"name", "emb"}, {"components", "2"}, {"project", "3"}},
       "project must be"},
      {{{"run", "r"}, {"name", "wide"}},
       "129 dimensions; the server decomposes at most 128"},
      {{{"run", "r"}, {"name", "emb"}, {"coords", "float64"}},
       "coords must be float32 or float16"},
      {{{"run", "r"}, {"name", "emb"}, {"coords", ""}},
       "coords must be float32 or float16"},
      {{{"run", "r"}, {"name", "emb"}, {"coords", "FLOAT16"}},
       "coords must be float32 or float16"},
      {{{"first", "1"}}, "first must be true"},
      {{{"first", "true"}, {"run", "r"}}, "first takes no run or name"},
      {{{"first", "true"}, {"name", "emb"}}, "first takes no run or name"},
      {{{"first", "true"}, {"num_rows", "0"}}, "num_rows"},
  };
  for (const Case& c : cases) {
    Response r = Get(kPca, c.params);
    EXPECT_EQ(r.status, 400) << c.error;
    EXPECT_THAT(r.body, HasSubstr(c.error));
  }
  // More components than columns: as many as there are.
  Response two =
      Get(kPca, {{"run", "r"}, {"name", "emb"}, {"components", "9"}});
  ASSERT_EQ(two.status, 200) << two.body;
  uint64_t fields[5];
  std::memcpy(fields, two.body.data(), 40);
  EXPECT_EQ(fields[2], 2u);
  EXPECT_EQ(fields[3], 2u);
}

}  // namespace
}  // namespace tbx::plugins
