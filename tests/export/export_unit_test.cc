// Unit tests of tbx export's naming (request keys as the browser's
// URLSearchParams writes them, file stems, blob extensions, data scripts), the
// manifest, and the checks of the --out folder.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "src/export/export_manifest.h"
#include "src/export/export_paths.h"
#include "src/export/output_dir.h"

namespace tbx {
namespace {

namespace fs = std::filesystem;

TEST(FormEncodeTest, EncodesAsUrlSearchParams) {
  // What `new URLSearchParams({k: v}).toString()` writes for these values.
  EXPECT_EQ(FormEncode("loss/total"), "loss%2Ftotal");
  EXPECT_EQ(FormEncode("a b+c"), "a+b%2Bc");
  EXPECT_EQ(FormEncode("Az09*-._~!'()"), "Az09*-._%7E%21%27%28%29");
  EXPECT_EQ(FormEncode("lr=0.1&x"), "lr%3D0.1%26x");
  EXPECT_EQ(FormEncode("\xc3\xa9t\xc3\xa9"), "%C3%A9t%C3%A9");  // "été"
  EXPECT_EQ(FormEncode(""), "");
}

TEST(CanonicalKeyTest, SortsEncodedPairsAndDropsTheLeadingSlash) {
  EXPECT_EQ(CanonicalKey("/data/runs", {}), "data/runs");
  EXPECT_EQ(CanonicalKey("/data/plugin/images/images",
                         {{"tag", "a/b"}, {"run", "train"}, {"sample", "0"}}),
            "data/plugin/images/images?run=train&sample=0&tag=a%2Fb");
  // The frontend builds the same request with another parameter order.
  EXPECT_EQ(
      CanonicalKey(
          "data/plugin/scalars/series",
          {{"format", "binary"}, {"points", "0"}, {"run", "r"}, {"tag", "t"}}),
      CanonicalKey(
          "/data/plugin/scalars/series",
          {{"tag", "t"}, {"run", "r"}, {"points", "0"}, {"format", "binary"}}));
  // Repeated keys keep every value; pairs sort as encoded strings.
  EXPECT_EQ(CanonicalKey("/x", {{"run", "b"}, {"run", "a b"}, {"run", "a"}}),
            "x?run=a&run=a+b&run=b");
}

TEST(FileStemTest, IsStableHexAndDiffersBetweenKeys) {
  // FNV-1a 64 of the empty string and of "a" (published test values).
  EXPECT_EQ(FileStem(""), "cbf29ce484222325");
  EXPECT_EQ(FileStem("a"), "af63dc4c8601ec8c");
  EXPECT_NE(FileStem("data/runs"), FileStem("data/runs?x=1"));
}

TEST(BlobExtensionTest, NamesKnownTypesAndFallsBackToBin) {
  EXPECT_EQ(BlobExtension("image/png"), "png");
  EXPECT_EQ(BlobExtension("image/jpeg"), "jpg");
  EXPECT_EQ(BlobExtension("Image/GIF"), "gif");
  EXPECT_EQ(BlobExtension("audio/wav; codecs=1"), "wav");
  EXPECT_EQ(BlobExtension("audio/x-wav"), "wav");
  EXPECT_EQ(BlobExtension("application/octet-stream"), "bin");
  EXPECT_EQ(BlobExtension(""), "bin");
}

TEST(DataScriptTest, WrapsJsonAndBase64) {
  EXPECT_EQ(JsonDataScript("0123", R"({"a":[NaN,1]})"),
            "__tbxExportData(\"0123\",{\"a\":[NaN,1]});\n");
  EXPECT_EQ(BinaryDataScript("ab", std::string("TBXS\0\xff", 6)),
            "__tbxExportData(\"ab\",\"VEJYUwD/\",\"b64\");\n");
}

TEST(ExportManifestTest, NamesFilesByKeyAndSerializesSorted) {
  ExportManifest manifest;
  const std::string runs = manifest.Add("data/runs", "data", "js");
  EXPECT_EQ(runs, "data/" + FileStem("data/runs") + ".js");
  EXPECT_EQ(manifest.Add("data/runs", "data", "js"), runs);  // same key
  const std::string image = manifest.Add("i?a=1", "blobs", "png");
  EXPECT_EQ(image, "blobs/" + FileStem("i?a=1") + ".png");
  EXPECT_EQ(manifest.Find("i?a=1"), image);
  EXPECT_EQ(manifest.Find("missing"), "");
  EXPECT_EQ(manifest.size(), 2u);
  EXPECT_EQ(manifest.Script(),
            "window.__TBX_EXPORT_MANIFEST__={\"version\":1,\"files\":{\n"
            "\"data/runs\":\"" +
                runs +
                "\",\n"
                "\"i?a=1\":\"" +
                image + "\"}};\n");
}

TEST(ExportManifestTest, EscapesJsonInKeys) {
  ExportManifest manifest;
  manifest.Add("a\"b\\c\n", "data", "js");
  EXPECT_NE(manifest.Script().find(R"("a\"b\\c\u000a")"), std::string::npos)
      << manifest.Script();
}

class OutputDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("tbx-export-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  static void Touch(const fs::path& path) { std::ofstream(path) << "x"; }
  fs::path root_;
};

TEST_F(OutputDirTest, AcceptsANewOrEmptyFolder) {
  EXPECT_TRUE(CheckOutputDir(root_ / "new" / "site").ok());
  EXPECT_TRUE(CheckOutputDir(root_).ok());
}

TEST_F(OutputDirTest, RejectsAnEmptyPathAFileAndAForeignFolder) {
  EXPECT_EQ(CheckOutputDir("").message(), "--out is required");
  Touch(root_ / "file");
  const absl::Status file = CheckOutputDir(root_ / "file");
  EXPECT_TRUE(absl::IsInvalidArgument(file));
  EXPECT_NE(file.message().find("is a file"), std::string::npos);
  const absl::Status foreign = CheckOutputDir(root_);
  EXPECT_TRUE(absl::IsInvalidArgument(foreign));
  EXPECT_NE(foreign.message().find("not empty and holds no tbx export"),
            std::string::npos);
}

TEST_F(OutputDirTest, ReplacesOnlyWhatThePreviousExportWrote) {
  fs::create_directories(root_ / "data");
  Touch(root_ / "data" / "x.js");
  Touch(root_ / "index.html");
  Touch(root_ / "CNAME");  // added by the user beside the export
  ASSERT_TRUE(
      WriteExportMarker(root_, {"data", "index.html", "../outside"}).ok());
  Touch(root_.parent_path() / "outside");
  EXPECT_TRUE(CheckOutputDir(root_).ok());
  ASSERT_TRUE(PrepareOutputDir(root_).ok());
  EXPECT_FALSE(fs::exists(root_ / "data"));
  EXPECT_FALSE(fs::exists(root_ / "index.html"));
  EXPECT_FALSE(fs::exists(root_ / kExportMarker));
  EXPECT_TRUE(fs::exists(root_ / "CNAME"));
  EXPECT_TRUE(fs::exists(root_.parent_path() / "outside"));
  fs::remove(root_.parent_path() / "outside");
}

}  // namespace
}  // namespace tbx
