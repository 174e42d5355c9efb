// See export_paths.h.
#include "src/export/export_paths.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tbx {

std::string FormEncode(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(byte) || c == '*' || c == '-' || c == '.' ||
        c == '_') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

std::string CanonicalKey(absl::string_view route_path,
                         const QueryParams& params) {
  if (!route_path.empty() && route_path.front() == '/')
    route_path.remove_prefix(1);
  if (params.empty()) return std::string(route_path);
  std::vector<std::string> pairs;
  pairs.reserve(params.size());
  for (const auto& [key, value] : params)
    pairs.push_back(absl::StrCat(FormEncode(key), "=", FormEncode(value)));
  std::sort(pairs.begin(), pairs.end());
  return absl::StrCat(route_path, "?", absl::StrJoin(pairs, "&"));
}

std::string FileStem(absl::string_view key) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : key) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[i] = kHex[hash & 0xF];
  return out;
}

std::string BlobExtension(absl::string_view content_type) {
  const size_t semicolon = content_type.find(';');
  const std::string type = absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(content_type.substr(0, semicolon)));
  static constexpr std::pair<absl::string_view, absl::string_view> kTypes[] = {
      {"image/png", "png"},   {"image/jpeg", "jpg"},  {"image/gif", "gif"},
      {"image/webp", "webp"}, {"image/bmp", "bmp"},   {"image/svg+xml", "svg"},
      {"audio/wav", "wav"},   {"audio/x-wav", "wav"}, {"audio/wave", "wav"},
      {"audio/mpeg", "mp3"},  {"audio/ogg", "ogg"},   {"audio/flac", "flac"},
      {"audio/webm", "webm"},
  };
  for (const auto& [name, extension] : kTypes) {
    if (type == name) return std::string(extension);
  }
  return "bin";
}

std::string JsonDataScript(absl::string_view id, absl::string_view json) {
  return absl::StrCat("__tbxExportData(\"", id, "\",", json, ");\n");
}

std::string BinaryDataScript(absl::string_view id, absl::string_view bytes) {
  return absl::StrCat("__tbxExportData(\"", id, "\",\"",
                      absl::Base64Escape(bytes), "\",\"b64\");\n");
}

}  // namespace tbx
