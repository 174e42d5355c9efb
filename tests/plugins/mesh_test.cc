// Tests of the mesh plugin: the byte encoding of vertices, faces and colours,
// mesh names from component metadata, ordering by step, the /data filter by
// step and content type, and bad input (content type, step, sample). Expected
// bytes are worked by hand (IEEE-754 float32, two's complement, little end).
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/mesh/mesh_arrays.h"
#include "plugins/mesh/mesh_plugin.h"
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

std::string Bytes(std::initializer_list<unsigned char> bytes) {
  return std::string(bytes.begin(), bytes.end());
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

}  // namespace
}  // namespace tbx::plugins
