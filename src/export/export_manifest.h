// ExportManifest: which file of a static export answers which API request.
// Keys are canonical request keys (export_paths.h); values are paths relative
// to the export's index.html ("data/<stem>.js", "blobs/<stem>.png"). Written
// out as data/manifest.js, which sets window.__TBX_EXPORT_MANIFEST__ for the
// frontend (frontend/src/api/export_mode.ts). Not thread-safe: one exporting
// thread owns it.
#ifndef TBX_EXPORT_EXPORT_MANIFEST_H_
#define TBX_EXPORT_EXPORT_MANIFEST_H_

#include <map>
#include <set>
#include <string>

#include "absl/strings/string_view.h"

namespace tbx {

class ExportManifest {
 public:
  // The file for `key`: "<folder>/<stem>.<extension>" with the stem from
  // FileStem(key), or the stem with a "-2", "-3", ... suffix when another key
  // already took that name. Adding a key twice returns its first file.
  std::string Add(absl::string_view key, absl::string_view folder,
                  absl::string_view extension);

  // The file of `key`, or empty when it was not added.
  std::string Find(absl::string_view key) const;

  size_t size() const { return files_.size(); }

  // `window.__TBX_EXPORT_MANIFEST__={"version":1,"files":{...}};` with keys in
  // sorted order (so the same export writes the same bytes).
  std::string Script() const;

 private:
  std::map<std::string, std::string, std::less<>> files_;
  std::set<std::string, std::less<>> taken_;
};

}  // namespace tbx

#endif  // TBX_EXPORT_EXPORT_MANIFEST_H_
