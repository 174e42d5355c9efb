// See export_manifest.h.
#include "src/export/export_manifest.h"

#include "absl/strings/str_cat.h"
#include "src/export/export_paths.h"

namespace tbx {
namespace {

// A JSON string literal. Keys are form-encoded ASCII and files are ours, but
// escape what JSON requires anyway.
void AppendJsonString(absl::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (byte < 0x20) {
      absl::StrAppend(out, "\\u00", std::string(1, kHex[byte >> 4]),
                      std::string(1, kHex[byte & 0xF]));
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

}  // namespace

std::string ExportManifest::Add(absl::string_view key, absl::string_view folder,
                                absl::string_view extension) {
  if (auto it = files_.find(key); it != files_.end()) return it->second;
  const std::string stem = FileStem(key);
  std::string file = absl::StrCat(folder, "/", stem, ".", extension);
  for (int n = 2; taken_.contains(file); ++n)
    file = absl::StrCat(folder, "/", stem, "-", n, ".", extension);
  taken_.insert(file);
  files_.emplace(std::string(key), file);
  return file;
}

std::string ExportManifest::Find(absl::string_view key) const {
  auto it = files_.find(key);
  return it == files_.end() ? std::string() : it->second;
}

std::string ExportManifest::Script() const {
  std::string out = "window.__TBX_EXPORT_MANIFEST__={\"version\":1,\"files\":{";
  bool first = true;
  for (const auto& [key, file] : files_) {
    if (!first) out.push_back(',');
    first = false;
    out.push_back('\n');
    AppendJsonString(key, &out);
    out.push_back(':');
    AppendJsonString(file, &out);
  }
  out += "}};\n";
  return out;
}

}  // namespace tbx
