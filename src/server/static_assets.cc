// Implementation of static_assets.h.
#include "src/server/static_assets.h"

#include "src/server/ascii_text.h"

namespace tbx {
namespace {

// Whether an If-None-Match header value ("a", "b" or *) matches `etag`.
bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  for (std::string_view candidate : SplitAscii(if_none_match, ',')) {
    candidate = TrimAscii(candidate);
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == "*" || candidate == etag) return true;
  }
  return false;
}

}  // namespace

bool HasContentHash(std::string_view path) {
  const size_t slash = path.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t ext = name.rfind('.');
  if (ext == std::string_view::npos) return false;
  name = name.substr(0, ext);
  const size_t separator = name.find_last_of(".-");
  if (separator == std::string_view::npos) return false;
  const std::string_view hash = name.substr(separator + 1);
  if (hash.size() < 8) return false;
  bool has_digit = false;
  bool hex = true;
  for (char c : hash) {
    const bool digit = c >= '0' && c <= '9';
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!digit && !letter && c != '_') return false;
    has_digit |= digit;
    hex &= digit || (c >= 'a' && c <= 'f');
  }
  return has_digit || hex;
}

StaticAssets::StaticAssets(std::span<const EmbeddedAsset> assets) {
  for (const EmbeddedAsset& asset : assets)
    by_path_.emplace(asset.path, &asset);
}

const EmbeddedAsset* StaticAssets::Find(std::string_view path) const {
  if (path == "/") path = "/index.html";
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : it->second;
}

Response StaticAssets::Serve(const EmbeddedAsset& asset,
                             std::string_view if_none_match,
                             bool accepts_gzip) {
  Response response;
  response.content_type = std::string(asset.content_type);
  response.headers.emplace_back("ETag", std::string(asset.etag));
  response.headers.emplace_back("Cache-Control",
                                HasContentHash(asset.path)
                                    ? "public, max-age=31536000, immutable"
                                    : "no-cache");
  if (!asset.gzip.empty())
    response.headers.emplace_back("Vary", "Accept-Encoding");
  if (!if_none_match.empty() && EtagMatches(if_none_match, asset.etag)) {
    response.status = 304;
    return response;
  }
  // The embedded bytes live as long as the program: sent without a copy.
  if (accepts_gzip && !asset.gzip.empty()) {
    response.static_body = asset.gzip;
    response.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    response.static_body = asset.raw;
  }
  return response;
}

}  // namespace tbx
