// EmbeddedAsset: one file of the frontend build, compiled into the binary by
// asset_embedder (a build-time program) as static byte arrays. Plain constant
// data; any thread may read it.
#ifndef TBX_SERVER_EMBEDDED_ASSET_H_
#define TBX_SERVER_EMBEDDED_ASSET_H_

#include <span>
#include <string_view>

namespace tbx {

struct EmbeddedAsset {
  std::string_view
      path;  // URL path, e.g. "/index.html", "/assets/app-1a2b3c4d.js"
  std::string_view
      content_type;  // full Content-Type value, e.g. "text/html; charset=utf-8"
  std::string_view raw;  // the file's bytes
  std::string_view
      gzip;  // gzip of raw for textual files; empty when not worth it
  std::string_view
      etag;  // quoted strong ETag derived from raw, e.g. "\"9f86d081\""
};

// The frontend files this binary was built with (defined in the generated
// embedded_assets.cc).
std::span<const EmbeddedAsset> EmbeddedFrontendAssets();

}  // namespace tbx

#endif  // TBX_SERVER_EMBEDDED_ASSET_H_
