#include "src/server/static_assets.h"

#include "gtest/gtest.h"

namespace tbx {
namespace {

constexpr EmbeddedAsset kAssets[] = {
    {"/index.html", "text/html; charset=utf-8", "<html>", "GZ-INDEX", "\"i1\""},
    {"/assets/app-3f9a1c7e.js", "text/javascript; charset=utf-8", "js();", "",
     "\"a1\""},
    {"/favicon.png", "image/png", "\x89PNG", "", "\"f1\""},
};

std::string HeaderOf(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST(StaticAssetsTest, FindsExactPathsAndIndexAtRoot) {
  StaticAssets assets(kAssets);
  EXPECT_EQ(assets.Find("/")->path, "/index.html");
  EXPECT_EQ(assets.Find("/index.html")->path, "/index.html");
  EXPECT_NE(assets.Find("/favicon.png"), nullptr);
  for (const char* escape :
       {"/../../etc/passwd", "/assets/../index.html", "/assets", "/etc/passwd",
        "/index.html/", "//index.html"}) {
    EXPECT_EQ(assets.Find(escape), nullptr) << escape;
  }
}

TEST(StaticAssetsTest, ServesGzipOnlyWhenAcceptedAndAvailable) {
  Response plain = StaticAssets::Serve(kAssets[0], "", /*accepts_gzip=*/false);
  EXPECT_EQ(plain.Body(), "<html>");
  EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), "");
  Response gzipped = StaticAssets::Serve(kAssets[0], "", /*accepts_gzip=*/true);
  EXPECT_EQ(gzipped.Body(), "GZ-INDEX");
  EXPECT_EQ(HeaderOf(gzipped, "Content-Encoding"), "gzip");
  Response no_gzip_copy =
      StaticAssets::Serve(kAssets[2], "", /*accepts_gzip=*/true);
  EXPECT_EQ(no_gzip_copy.Body(), "\x89PNG");
  EXPECT_EQ(no_gzip_copy.content_type, "image/png");
}

TEST(StaticAssetsTest, AnswersNotModifiedForAMatchingEtag) {
  EXPECT_EQ(StaticAssets::Serve(kAssets[0], "\"i1\"", false).status, 304);
  EXPECT_EQ(StaticAssets::Serve(kAssets[0], "\"x\", W/\"i1\"", false).status,
            304);
  EXPECT_EQ(StaticAssets::Serve(kAssets[0], "*", false).status, 304);
  Response changed = StaticAssets::Serve(kAssets[0], "\"old\"", false);
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(HeaderOf(changed, "ETag"), "\"i1\"");
}

TEST(StaticAssetsTest, CachesHashedNamesLongAndIndexNever) {
  EXPECT_EQ(
      HeaderOf(StaticAssets::Serve(kAssets[0], "", false), "Cache-Control"),
      "no-cache");
  EXPECT_EQ(
      HeaderOf(StaticAssets::Serve(kAssets[1], "", false), "Cache-Control"),
      "public, max-age=31536000, immutable");
}

TEST(HasContentHashTest, RecognizesBundlerNames) {
  EXPECT_TRUE(HasContentHash("/assets/index-5f2a9c1e.js"));
  EXPECT_TRUE(HasContentHash("/assets/chunk.DtJ3x_9a.css"));
  // A hex hash that happens to hold no digit.
  EXPECT_TRUE(HasContentHash("/assets/index-fbdacafe.js"));
  EXPECT_FALSE(HasContentHash("/assets/dashboard-timeseries.js"));
  EXPECT_FALSE(HasContentHash("/assets/index-Fbdacafe.js"));
  EXPECT_FALSE(HasContentHash("/index.html"));
  EXPECT_FALSE(HasContentHash("/assets/vendor-lib.js"));
  EXPECT_FALSE(HasContentHash("/assets/short-1a2b.js"));
  EXPECT_FALSE(HasContentHash("/assets/noext-5f2a9c1e"));
}

}  // namespace
}  // namespace tbx
