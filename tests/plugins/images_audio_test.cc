// Tests of the images and audio plugins: tag listings, per-step entries with
// TensorBoard's blob keys (expected keys computed with Python's json.dumps +
// base64.urlsafe_b64encode), and the blob routes with their content types and
// errors.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/audio/audio_plugin.h"
#include "plugins/images/image_mime_type.h"
#include "plugins/images/images_plugin.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;

const std::string kPng("\x89PNG\r\n\x1a\n....", 12);
const std::string kJpeg("\xff\xd8\xff\xe0....", 8);
const std::string kGif = "GIF89a....";
const std::string kBmp = "BM......";

TEST(ImageMimeTypeTest, KnowsTensorBoardsFormats) {
  EXPECT_EQ(ImageMimeType(kPng), "image/png");
  EXPECT_EQ(ImageMimeType(kJpeg), "image/jpeg");
  EXPECT_EQ(ImageMimeType("GIF87a...."), "image/gif");
  EXPECT_EQ(ImageMimeType(kGif), "image/gif");
  EXPECT_EQ(ImageMimeType(kBmp), "image/bmp");
  EXPECT_EQ(ImageMimeType("RIFF....WEBPVP8 "), "application/octet-stream");
  EXPECT_EQ(ImageMimeType("<svg xmlns=\"\"/>"), "application/octet-stream");
  EXPECT_EQ(ImageMimeType(""), "application/octet-stream");
}

class ImagesPluginTest : public ::testing::Test {
 protected:
  ImagesPluginTest() {
    // Step 2 is written twice (a restarted job); the first one is served. Steps
    // come back sorted.
    provider_
        .AddBlobs("run", "pics", "images", 2, 1700000002.0,
                  {"4", "4", kPng, kJpeg})
        .AddBlobs("run", "pics", "images", 1, 1700000001.0, {"4", "4", kGif})
        .AddBlobs("run", "pics", "images", 2, 1700000009.0, {"4", "4", kBmp})
        .AddBlobs("<script>alert(1)</script>", "pics", "images", 0, 1.0,
                  {"1", "1", kBmp});
  }

  FakeDataProvider provider_;
  ImagesPlugin plugin_{&provider_};
};

TEST_F(ImagesPluginTest, TagsCountImagesAfterWidthAndHeight) {
  EXPECT_EQ(
      Call(plugin_, "/data/plugin/images/tags").body,
      R"({"run": {"pics": {"displayName": "", "description": "", "samples": 2}}, )"
      R"("<script>alert(1)</script>": {"pics": {"displayName": "", "description": "", )"
      R"("samples": 1}}})");
  EXPECT_EQ(plugin_.Frontend().loading_mechanism.dump(),
            R"({"type":"CUSTOM_ELEMENT","element_name":"tf-image-dashboard"})");
}

TEST_F(ImagesPluginTest, ImagesOnePerStepInStepOrder) {
  const Response response = Call(plugin_, "/data/plugin/images/images",
                                 {{"run", "run"}, {"tag", "pics"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body,
            R"([{"wall_time": 1700000001.0, "step": 1, "query": )"
            R"("blob_key=WyIiLCJpbWFnZXMiLCJydW4iLCJwaWNzIiwxLDJd"}, )"
            R"({"wall_time": 1700000002.0, "step": 2, "query": )"
            R"("blob_key=WyIiLCJpbWFnZXMiLCJydW4iLCJwaWNzIiwyLDJd"}])");
}

TEST_F(ImagesPluginTest, SampleSkipsStepsWithFewerImages) {
  const nlohmann::json entries =
      JsonBody(Call(plugin_, "/data/plugin/images/images",
                    {{"run", "run"}, {"tag", "pics"}, {"sample", "1"}}));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["query"],
            "blob_key=WyIiLCJpbWFnZXMiLCJydW4iLCJwaWNzIiwyLDNd");
  EXPECT_EQ(JsonBody(Call(plugin_, "/data/plugin/images/images",
                          {{"run", "run"}, {"tag", "pics"}, {"sample", "5"}})),
            nlohmann::json::array());
}

TEST_F(ImagesPluginTest, IndividualImageServesBytesTyped) {
  Response response =
      Call(plugin_, "/data/plugin/images/individualImage",
           {{"blob_key", "WyIiLCJpbWFnZXMiLCJydW4iLCJwaWNzIiwyLDJd"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "image/png");
  EXPECT_EQ(response.body, kPng);
  response = Call(plugin_, "/data/plugin/images/individualImage",
                  {{"blob_key", "WyIiLCJpbWFnZXMiLCJydW4iLCJwaWNzIiwyLDNd"}});
  EXPECT_EQ(response.content_type, "image/jpeg");
  EXPECT_EQ(response.body, kJpeg);
}

TEST_F(ImagesPluginTest, HostileRunNameRoundTripsThroughItsBlobKey) {
  const nlohmann::json entries =
      JsonBody(Call(plugin_, "/data/plugin/images/images",
                    {{"run", "<script>alert(1)</script>"}, {"tag", "pics"}}));
  ASSERT_EQ(entries.size(), 1u);
  const std::string query = entries[0]["query"];
  EXPECT_EQ(query,
            "blob_key=WyIiLCJpbWFnZXMiLCI8c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ-"
            "IiwicGljcyIsMCwyXQ");
  const Response image =
      Call(plugin_, "/data/plugin/images/individualImage",
           {{"blob_key", query.substr(std::string("blob_key=").size())}});
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.content_type, "image/bmp");
}

TEST_F(ImagesPluginTest, Errors) {
  Response response = Call(plugin_, "/data/plugin/images/images",
                           {{"run", "run"}, {"tag", "nope"}});
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(JsonBody(response)["error"],
            "No image data for run='run', tag='nope'");
  EXPECT_EQ(
      Call(plugin_, "/data/plugin/images/images", {{"tag", "pics"}}).status,
      400);
  EXPECT_EQ(Call(plugin_, "/data/plugin/images/images",
                 {{"run", "run"}, {"tag", "pics"}, {"sample", "x"}})
                .status,
            400);
  EXPECT_EQ(Call(plugin_, "/data/plugin/images/individualImage").status, 400);
  response = Call(plugin_, "/data/plugin/images/individualImage",
                  {{"blob_key", "garbage"}});
  EXPECT_EQ(response.status, 500);  // as TensorBoard
  EXPECT_NE(std::string(JsonBody(response)["error"])
                .find("Invalid blob_key 'garbage'"),
            std::string::npos);
  // ["","images","run","pics",7,2]: no such step.
  EXPECT_EQ(Call(plugin_, "/data/plugin/images/individualImage",
                 {{"blob_key", "WyIiLCJpbWFnZXMiLCJydW4iLCJwaWNzIiw3LDJd"}})
                .status,
            404);
  // ["","images","run","pics",1,3]: step 1 holds one image only.
  EXPECT_EQ(Call(plugin_, "/data/plugin/images/individualImage",
                 {{"blob_key", "WyIiLCJpbWFnZXMiLCJydW4iLCJwaWNzIiwxLDNd"}})
                .status,
            400);
}

class AudioPluginTest : public ::testing::Test {
 protected:
  AudioPluginTest() {
    provider_
        .AddBlobs("run", "clips", "audio", 0, 1700000000.0, {"RIFF0", "RIFF1"})
        .AddBlobs("run", "clips", "audio", 1, 1700000001.0, {"RIFF2"})
        .AddBlobs("run", "raw", "audio", 0, 1700000000.0, {"bytes"});
    // AudioPluginData{encoding: WAV (11)}.
    provider_.SetMetadata("run", "clips",
                          {"audio", std::string("\x10\x0b", 2), "", "",
                           DataClass::kBlobSequence});
  }

  FakeDataProvider provider_;
  AudioPlugin plugin_{&provider_};
};

TEST_F(AudioPluginTest, MimeTypeFromEncoding) {
  EXPECT_EQ(AudioMimeType(std::string("\x10\x0b", 2)), "audio/wav");
  EXPECT_EQ(AudioMimeType(std::string("\x10\x00", 2)),
            "application/octet-stream");
  EXPECT_EQ(AudioMimeType(""), "application/octet-stream");
}

TEST_F(AudioPluginTest, TagsCountClips) {
  EXPECT_EQ(
      Call(plugin_, "/data/plugin/audio/tags").body,
      R"({"run": {"clips": {"displayName": "", "description": "", "samples": 2}, )"
      R"("raw": {"displayName": "", "description": "", "samples": 1}}})");
  EXPECT_EQ(plugin_.Frontend().loading_mechanism.dump(),
            R"({"type":"CUSTOM_ELEMENT","element_name":"tf-audio-dashboard"})");
}

TEST_F(AudioPluginTest, AudioEntriesCarryContentType) {
  const Response response =
      Call(plugin_, "/data/plugin/audio/audio",
           {{"run", "run"}, {"tag", "clips"}, {"sample", "1"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(
      response.body,
      R"([{"wall_time": 1700000000.0, "label": "", "step": 0, "contentType": "audio/wav", )"
      R"("query": "blob_key=WyIiLCJhdWRpbyIsInJ1biIsImNsaXBzIiwwLDFd&content_type=audio%2Fwav"}])");
  const nlohmann::json raw = JsonBody(Call(plugin_, "/data/plugin/audio/audio",
                                           {{"run", "run"}, {"tag", "raw"}}));
  EXPECT_EQ(raw[0]["contentType"], "application/octet-stream");
  EXPECT_NE(std::string(raw[0]["query"])
                .find("&content_type=application%2Foctet-stream"),
            std::string::npos);
}

TEST_F(AudioPluginTest, IndividualAudio) {
  const Response response =
      Call(plugin_, "/data/plugin/audio/individualAudio",
           {{"blob_key", "WyIiLCJhdWRpbyIsInJ1biIsImNsaXBzIiwwLDFd"},
            {"content_type", "audio/wav"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "audio/wav");
  EXPECT_EQ(response.body, "RIFF1");
}

TEST_F(AudioPluginTest, Errors) {
  EXPECT_EQ(Call(plugin_, "/data/plugin/audio/audio",
                 {{"run", "run"}, {"tag", "nope"}})
                .status,
            404);
  EXPECT_EQ(Call(plugin_, "/data/plugin/audio/individualAudio",
                 {{"blob_key", "WyIiLCJhdWRpbyIsInJ1biIsImNsaXBzIiwwLDBd"}})
                .status,
            400);
  const Response illegal =
      Call(plugin_, "/data/plugin/audio/individualAudio",
           {{"blob_key", "WyIiLCJhdWRpbyIsInJ1biIsImNsaXBzIiwwLDBd"},
            {"content_type", "text/html"}});
  EXPECT_EQ(illegal.status, 400);
  EXPECT_EQ(JsonBody(illegal)["error"], "Illegal mime type 'text/html'");
  EXPECT_EQ(Call(plugin_, "/data/plugin/audio/individualAudio",
                 {{"blob_key", "!!"}, {"content_type", "audio/wav"}})
                .status,
            500);  // a key that does not decode: TensorBoard's status
}

}  // namespace
}  // namespace tbx::plugins
