// Checks what asset_embedder compiled into this build: every asset is
// well-formed, textual ones carry a gzip copy that decompresses to the raw
// bytes, there is an index.html, and the bundle's scripts and styles have
// names the server recognises as content-hashed (served immutable).
#include <set>

#include "gtest/gtest.h"
#include "src/server/content_types.h"
#include "src/server/embedded_asset.h"
#include "src/server/gzip.h"
#include "src/server/static_assets.h"

namespace tbx {
namespace {

TEST(EmbeddedAssetsTest, HasAnIndexPage) {
  bool found = false;
  for (const EmbeddedAsset& asset : EmbeddedFrontendAssets()) {
    if (asset.path == "/index.html") {
      found = true;
      EXPECT_EQ(asset.content_type, "text/html; charset=utf-8");
      EXPECT_NE(asset.raw.find("<"), std::string_view::npos);
    }
  }
  EXPECT_TRUE(found);
}

TEST(EmbeddedAssetsTest, EveryAssetIsConsistent) {
  std::set<std::string_view> paths;
  std::set<std::string_view> etags;
  for (const EmbeddedAsset& asset : EmbeddedFrontendAssets()) {
    EXPECT_TRUE(asset.path.starts_with("/")) << asset.path;
    EXPECT_EQ(asset.path.find(".."), std::string_view::npos) << asset.path;
    EXPECT_TRUE(paths.insert(asset.path).second) << asset.path;
    EXPECT_EQ(asset.content_type, ContentTypeForFileName(asset.path));
    EXPECT_TRUE(asset.etag.starts_with("\"") && asset.etag.ends_with("\""))
        << asset.etag;
    etags.insert(asset.etag);
    if (!asset.gzip.empty()) {
      EXPECT_TRUE(IsTextualContentType(asset.content_type)) << asset.path;
      EXPECT_LT(asset.gzip.size(), asset.raw.size());
      auto raw = GzipDecompress(asset.gzip);
      ASSERT_TRUE(raw.ok()) << asset.path;
      EXPECT_EQ(*raw, asset.raw) << asset.path;
    }
  }
  EXPECT_EQ(etags.size(), paths.size());
}

// A script or style the browser revalidates opens the page a round trip later
// (and holds one of its six connections); the build names them with hex hashes
// (frontend/vite.config.ts) so that the server can tell.
TEST(EmbeddedAssetsTest, BundledScriptsAndStylesAreCachedForGood) {
  int bundled = 0;
  for (const EmbeddedAsset& asset : EmbeddedFrontendAssets()) {
    if (!asset.path.starts_with("/assets/")) continue;
    if (!asset.path.ends_with(".js") && !asset.path.ends_with(".css")) continue;
    ++bundled;
    EXPECT_TRUE(HasContentHash(asset.path)) << asset.path;
  }
  EXPECT_GT(bundled, 0);
}

}  // namespace
}  // namespace tbx
