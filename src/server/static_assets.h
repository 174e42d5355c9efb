// StaticAssets: serves a fixed set of embedded files by exact URL path. Nothing
// outside the set can be reached (there is no filesystem access), so
// "/../../etc/passwd" in any encoding is simply not found. Immutable after
// construction; any thread may call it.
#ifndef TBX_SERVER_STATIC_ASSETS_H_
#define TBX_SERVER_STATIC_ASSETS_H_

#include <span>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "src/server/embedded_asset.h"
#include "tbx/http.h"

namespace tbx {

class StaticAssets {
 public:
  // `assets` must outlive this object (it is normally static data).
  explicit StaticAssets(std::span<const EmbeddedAsset> assets);

  // The asset at a decoded route path; "/" means "/index.html". nullptr when
  // absent.
  const EmbeddedAsset* Find(std::string_view path) const;

  // The response for `asset`: 304 without a body when `if_none_match` names its
  // ETag, else 200 with the precompressed body (Content-Encoding: gzip) when
  // `accepts_gzip` and one exists. Sets ETag, Cache-Control (long-lived for
  // content-hashed names, revalidate otherwise) and Vary.
  static Response Serve(const EmbeddedAsset& asset,
                        std::string_view if_none_match, bool accepts_gzip);

 private:
  absl::flat_hash_map<std::string_view, const EmbeddedAsset*> by_path_;
};

// Whether a file name carries a content hash as bundlers write it
// ("index-5f2a9c1e.js", "chunk.DtJ3x_9a.css"): a final dot- or dash-separated
// part of 8+ characters before the extension, either letters and digits or
// lowercase hex ("index-fbdacafe.js": one hex hash in 2,300 has no digit).
bool HasContentHash(std::string_view path);

}  // namespace tbx

#endif  // TBX_SERVER_STATIC_ASSETS_H_
