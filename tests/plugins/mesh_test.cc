// Tests of the mesh plugin: the byte encoding of vertices, faces and colours,
// mesh names from component metadata, ordering by step, the /data filter by
// step and content type, bad input (content type, step, sample), and the
// /preview route's vertex clustering with its bad input. Expected
// bytes are worked by hand (IEEE-754 float32, two's complement, little end).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/mesh/mesh_arrays.h"
#include "plugins/mesh/mesh_plugin.h"
#include "plugins/mesh/mesh_preview.h"
#include "proto/mesh_plugin_data.pb.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;
using ::tbx::testing::NumberTensor;
using ::tensorboard::mesh::MeshPluginData;
using ::testing::HasSubstr;

constexpr char kTags[] = "/data/plugin/mesh/tags";
constexpr char kMeshes[] = "/data/plugin/mesh/meshes";
constexpr char kData[] = "/data/plugin/mesh/data";
constexpr char kPreview[] = "/data/plugin/mesh/preview";

std::string Bytes(std::initializer_list<unsigned char> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// The machine's bytes of `values` (little-endian on every supported machine).
template <typename T>
std::string Raw(std::initializer_list<T> values) {
  std::string out(values.size() * sizeof(T), '\0');
  std::memcpy(out.data(), std::data(values), out.size());
  return out;
}

TEST(MeshArraysTest, VerticesAreLittleEndianFloat32) {
  std::string out;
  // 1.5f = 0x3fc00000, -2.0f = 0xc0000000.
  ASSERT_TRUE(AppendMeshSample(NumberTensor({1.5, -2.0}, {1, 2}), 0,
                               MeshContent::kVertex, &out)
                  .ok());
  EXPECT_EQ(out, Bytes({0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0}));
}

TEST(MeshArraysTest, FacesAreInt32AndColoursUint8) {
  std::string faces;
  ASSERT_TRUE(AppendMeshSample(NumberTensor({3, -1}, {1, 2}, DType::kInt32), 0,
                               MeshContent::kFace, &faces)
                  .ok());
  EXPECT_EQ(faces, Bytes({3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}));
  std::string colours;
  // numpy's cast to uint8 wraps: 256 -> 0, 257 -> 1.
  ASSERT_TRUE(
      AppendMeshSample(NumberTensor({255, 0, 256, 257}, {1, 4}, DType::kInt32),
                       0, MeshContent::kColor, &colours)
          .ok());
  EXPECT_EQ(colours, Bytes({0xff, 0, 0, 1}));
}

TEST(MeshArraysTest, SamplesAreSlicesOfTheBatch) {
  const Tensor batch = NumberTensor({1, 2, 3, 4, 5, 6}, {3, 2}, DType::kInt32);
  std::string second, last;
  ASSERT_TRUE(AppendMeshSample(batch, 1, MeshContent::kColor, &second).ok());
  EXPECT_EQ(second, Bytes({3, 4}));
  ASSERT_TRUE(AppendMeshSample(batch, -1, MeshContent::kColor, &last).ok());
  EXPECT_EQ(last, Bytes({5, 6}));
  std::string out;
  EXPECT_FALSE(AppendMeshSample(batch, 3, MeshContent::kColor, &out).ok());
  EXPECT_FALSE(AppendMeshSample(::tbx::testing::StringTensor({"a"}, {1}), 0,
                                MeshContent::kColor, &out)
                   .ok());
}

TEST(MeshArraysTest, ContentTypeNames) {
  EXPECT_EQ(MeshContentFromName("VERTEX"), MeshContent::kVertex);
  EXPECT_EQ(MeshContentFromName("FACE"), MeshContent::kFace);
  EXPECT_EQ(MeshContentFromName("COLOR"), MeshContent::kColor);
  EXPECT_EQ(MeshContentFromName("UNDEFINED"), std::nullopt);
  EXPECT_EQ(MeshContentFromName("vertex"), std::nullopt);
}

// Four vertices on a grid of 2 cubes along the longest side (10 units): v0
// and v1 share cube (0, 0, 0), v2 is in (1, 0, 0), v3 in (1, 1, 0).
const std::string kFourVertices =
    Raw<float>({0, 0, 0, 0.1f, 0, 0, 10, 0, 0, 10, 10, 0});

TEST(MeshPreviewTest, ClustersVerticesAndKeepsEachTriangleOnce) {
  // (0,1,2) collapses (v0, v1 one cluster); (0,2,3) is kept; (1,2,3) and
  // (3,2,1) join the same three clusters and are dropped.
  const std::string faces = Raw<int32_t>({0, 1, 2, 0, 2, 3, 1, 2, 3, 3, 2, 1});
  absl::StatusOr<std::string> preview =
      DecimateMesh(kFourVertices, faces, "", 2);
  ASSERT_TRUE(preview.ok()) << preview.status();
  EXPECT_EQ(*preview, Raw<uint32_t>({3, 1, 0, 4}) +
                          Raw<float>({0.05f, 0, 0, 10, 0, 0, 10, 10, 0}) +
                          Raw<uint32_t>({0, 1, 2}));
}

TEST(MeshPreviewTest, ColoursAreRoundedMeans) {
  const std::string colours = Bytes({255, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 9});
  absl::StatusOr<std::string> preview =
      DecimateMesh(kFourVertices, "", colours, 2);
  ASSERT_TRUE(preview.ok()) << preview.status();
  // A point cloud: three points, no triangles, colours flagged; 127.5 -> 128.
  EXPECT_EQ(*preview, Raw<uint32_t>({3, 0, 1, 0}) +
                          Raw<float>({0.05f, 0, 0, 10, 0, 0, 10, 10, 0}) +
                          Bytes({128, 0, 0, 0, 255, 0, 0, 0, 9}));
}

TEST(MeshPreviewTest, DamagedArraysAreErrors) {
  const std::string triangle = Raw<int32_t>({0, 1, 4});
  absl::StatusOr<std::string> past =
      DecimateMesh(kFourVertices, triangle, "", 2);
  EXPECT_TRUE(absl::IsInvalidArgument(past.status()));
  EXPECT_THAT(past.status().message(), HasSubstr("refers to vertex 4"));
  EXPECT_FALSE(
      DecimateMesh(kFourVertices, Raw<int32_t>({0, -1, 2}), "", 2).ok());
  EXPECT_FALSE(DecimateMesh(kFourVertices + "x", "", "", 2).ok());
  EXPECT_FALSE(DecimateMesh(kFourVertices, "abcd", "", 2).ok());
  EXPECT_FALSE(DecimateMesh(kFourVertices, "", Bytes({1, 2, 3}), 2).ok());
  EXPECT_FALSE(DecimateMesh(kFourVertices, "", "", 1).ok());
  EXPECT_FALSE(DecimateMesh(kFourVertices, "", "", kMaxPreviewCells + 1).ok());
}

TEST(MeshPreviewTest, NonFiniteVerticesLandInTheFirstCube) {
  const std::string vertices = Raw<float>({NAN, 0, 0, 0, 0, 0, 4, 4, 4});
  absl::StatusOr<std::string> preview = DecimateMesh(vertices, "", "", 2);
  ASSERT_TRUE(preview.ok()) << preview.status();
  // NaN counts as 0 in the mean of cube (0, 0, 0).
  EXPECT_EQ(*preview,
            Raw<uint32_t>({2, 0, 0, 0}) + Raw<float>({0, 0, 0, 4, 4, 4}));
}

class MeshPluginTest : public ::testing::Test {
 protected:
  MeshPluginTest() {
    // Faces first in storage, to check /meshes orders by step only.
    for (int step : {0, 1}) {
      AddComponent("m_FACE", 2, step,
                   NumberTensor({0, 1, 2}, {1, 1, 3}, DType::kInt32));
      AddComponent(
          "m_VERTEX", 1, step,
          NumberTensor({0, 0, 0, 1, 0, 0, 0, 1.0 + step, 0}, {1, 3, 3}));
    }
    AddComponent("cloud_VERTEX", 1, 0, NumberTensor({1, 2, 3}, {1, 1, 3}),
                 "cloud");
  }

  void AddComponent(const std::string& tag, int content_type, int64_t step,
                    Tensor tensor, const std::string& name = "m") {
    provider_.AddTensor("run", tag, "mesh", step, 10.0 + step, tensor);
    MeshPluginData data;
    data.set_name(name);
    data.set_content_type(
        static_cast<MeshPluginData::ContentType>(content_type));
    data.set_json_config("{}");
    for (int64_t d : tensor.shape) data.add_shape(static_cast<int32_t>(d));
    data.set_components(name == "m" ? 6 : 2);
    TagMetadata metadata;
    metadata.plugin_name = "mesh";
    metadata.plugin_content = data.SerializeAsString();
    metadata.data_class = DataClass::kTensor;
    provider_.SetMetadata("run", tag, metadata);
  }

  FakeDataProvider provider_;
  MeshPlugin plugin_{&provider_};
};

TEST_F(MeshPluginTest, TagsAreMeshNames) {
  EXPECT_EQ(JsonBody(Call(plugin_, kTags)),
            nlohmann::json::parse(
                R"({"run": {"m": {"samples": 1}, "cloud": {"samples": 1}}})"));
}

TEST_F(MeshPluginTest, MeshesAreOrderedByStep) {
  const nlohmann::json body =
      JsonBody(Call(plugin_, kMeshes, {{"run", "run"}, {"tag", "m"}}));
  ASSERT_EQ(body.size(), 4u);
  std::vector<std::pair<int, int>> order;
  for (const auto& entry : body)
    order.emplace_back(entry["step"].get<int>(),
                       entry["content_type"].get<int>());
  EXPECT_THAT(order, ::testing::ElementsAre(std::pair(0, 2), std::pair(0, 1),
                                            std::pair(1, 2), std::pair(1, 1)));
  EXPECT_EQ(body[1]["components"], 6);
  EXPECT_EQ(body[1]["config"], "{}");
  EXPECT_EQ(body[1]["data_shape"], nlohmann::json::parse("[1, 3, 3]"));
  EXPECT_EQ(JsonBody(Call(plugin_, kMeshes, {{"run", "nope"}, {"tag", "m"}})),
            nlohmann::json::array());
}

TEST_F(MeshPluginTest, DataIsTheComponentAtTheStep) {
  const Response response = Call(plugin_, kData,
                                 {{"run", "run"},
                                  {"tag", "m"},
                                  {"content_type", "VERTEX"},
                                  {"step", "1"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "arraybuffer");
  ASSERT_EQ(response.body.size(), 36u);
  // The eighth float is 2.0f = 0x40000000.
  EXPECT_EQ(response.body.substr(28, 4), Bytes({0, 0, 0, 0x40}));
  EXPECT_EQ(Call(plugin_, kData,
                 {{"run", "run"}, {"tag", "m"}, {"content_type", "FACE"}})
                .body,
            Bytes({0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0}));
  EXPECT_EQ(Call(plugin_, kData,
                 {{"run", "run"}, {"tag", "m"}, {"content_type", "COLOR"}})
                .body,
            "");
}

TEST_F(MeshPluginTest, BadParametersAreBadRequests) {
  Response bad_type =
      Call(plugin_, kData,
           {{"run", "run"}, {"tag", "m"}, {"content_type", "BOGUS"}});
  EXPECT_EQ(bad_type.status, 400);
  EXPECT_THAT(bad_type.body, HasSubstr("Bad content_type"));
  EXPECT_EQ(Call(plugin_, kData, {{"run", "run"}, {"tag", "m"}}).status, 400);
  EXPECT_EQ(Call(plugin_, kData,
                 {{"run", "run"},
                  {"tag", "m"},
                  {"content_type", "VERTEX"},
                  {"step", "one"}})
                .status,
            400);
  Response bad_sample = Call(plugin_, kData,
                             {{"run", "run"},
                              {"tag", "m"},
                              {"content_type", "VERTEX"},
                              {"sample", "4"}});
  EXPECT_EQ(bad_sample.status, 400);
  EXPECT_THAT(bad_sample.body, HasSubstr("out of range"));
}

TEST_F(MeshPluginTest, PreviewIsTheClusteredMeshAtTheStep) {
  const Response response =
      Call(plugin_, kPreview, {{"run", "run"}, {"tag", "m"}, {"step", "1"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "arraybuffer");
  // Three vertices far apart on a 64-cube grid stay three; one triangle.
  EXPECT_EQ(response.body, Raw<uint32_t>({3, 1, 0, 1}) +
                               Raw<float>({0, 0, 0, 1, 0, 0, 0, 2, 0}) +
                               Raw<uint32_t>({0, 1, 2}));
}

TEST_F(MeshPluginTest, PreviewFollowsNewData) {
  const auto clusters = [&] {
    return Call(plugin_, kPreview, {{"run", "run"}, {"tag", "m"}})
        .body.substr(0, 4);
  };
  EXPECT_EQ(clusters(), Raw<uint32_t>({3}));
  // A second datum at step 0 (its vertices follow the first's in /data): one
  // new vertex at (3, 0, 0), the others on the first's. Seen only once the
  // generation moves.
  provider_.AddTensor("run", "m_VERTEX", "mesh", 0, 20.0,
                      NumberTensor({0, 0, 0, 3, 0, 0, 0, 1, 0}, {1, 3, 3}));
  EXPECT_EQ(clusters(), Raw<uint32_t>({3}));
  provider_.BumpGeneration();
  EXPECT_EQ(clusters(), Raw<uint32_t>({4}));
}

TEST_F(MeshPluginTest, BadPreviewRequestsAreErrors) {
  EXPECT_EQ(
      Call(plugin_, kPreview, {{"run", "run"}, {"tag", "m"}, {"cells", "1"}})
          .status,
      400);
  EXPECT_EQ(
      Call(plugin_, kPreview, {{"run", "run"}, {"tag", "m"}, {"cells", "many"}})
          .status,
      400);
  EXPECT_EQ(
      Call(plugin_, kPreview, {{"run", "run"}, {"tag", "m"}, {"step", "x"}})
          .status,
      400);
  EXPECT_EQ(
      Call(plugin_, kPreview, {{"run", "run"}, {"tag", "m"}, {"sample", "3"}})
          .status,
      400);
  EXPECT_EQ(Call(plugin_, kPreview, {{"run", "run"}, {"tag", "nope"}}).status,
            404);
  EXPECT_EQ(
      Call(plugin_, kPreview, {{"run", "run"}, {"tag", "m"}, {"step", "7"}})
          .status,
      404);
  AddComponent("bad_VERTEX", 1, 0, NumberTensor({0, 0, 0}, {1, 1, 3}), "bad");
  AddComponent("bad_FACE", 2, 0,
               NumberTensor({0, 0, 5}, {1, 1, 3}, DType::kInt32), "bad");
  const Response damaged =
      Call(plugin_, kPreview, {{"run", "run"}, {"tag", "bad"}});
  EXPECT_EQ(damaged.status, 400);
  EXPECT_THAT(damaged.body, HasSubstr("refers to vertex 5"));
}

}  // namespace
}  // namespace tbx::plugins
