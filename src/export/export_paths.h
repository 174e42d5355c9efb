// How `tbx export` names what it writes: the canonical key of an API request
// (the frontend computes the same key, frontend/src/api/export_mode.ts), the
// file name derived from it, the extension of a blob by content type, and the
// script text a data file holds. Pure functions on values; any thread.
#ifndef TBX_EXPORT_EXPORT_PATHS_H_
#define TBX_EXPORT_EXPORT_PATHS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace tbx {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded, as the browser's URLSearchParams writes
// it: ASCII letters, digits and "*-._" stay, space becomes '+', every other
// byte is %XX (upper-case hex).
std::string FormEncode(absl::string_view text);

// "data/plugin/images/images?run=a&sample=0&tag=t%2F1": the route path without
// its leading '/', then '?' and each pair form-encoded as "k=v", the encoded
// pairs sorted as byte strings and joined by '&'. No '?' without params.
std::string CanonicalKey(absl::string_view route_path,
                         const QueryParams& params);

// 16 lower-case hex digits of the 64-bit FNV-1a hash of `key`: a file name
// stem that is safe on every file system and static host.
std::string FileStem(absl::string_view key);

// The extension (without '.') for a blob of `content_type` (parameters
// ignored): png, jpg, gif, webp, bmp, svg, wav, mp3, ogg, flac, webm; "bin"
// for anything else.
std::string BlobExtension(absl::string_view content_type);

// The data file for a JSON answer: `__tbxExportData("<id>",<json>);`. tbx's
// JSON is a JavaScript expression as it stands (NaN and Infinity included).
std::string JsonDataScript(absl::string_view id, absl::string_view json);

// The data file for a binary answer:
// `__tbxExportData("<id>","<base64>","b64");`.
std::string BinaryDataScript(absl::string_view id, absl::string_view bytes);

}  // namespace tbx

#endif  // TBX_EXPORT_EXPORT_PATHS_H_
