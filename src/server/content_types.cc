// Implementation of content_types.h.
#include "src/server/content_types.h"

#include <utility>

#include "src/server/ascii_text.h"

namespace tbx {
namespace {

// The lower-cased media type without parameters: "Text/HTML; charset=x" ->
// "text/html".
std::string MediaType(std::string_view content_type) {
  return ToLowerAscii(
      TrimAscii(content_type.substr(0, content_type.find(';'))));
}

}  // namespace

bool IsTextualContentType(std::string_view content_type) {
  const std::string media = MediaType(content_type);
  return media.starts_with("text/") || media == "application/json" ||
         media == "application/javascript" || media == "image/svg+xml" ||
         media == "application/xml" || media == "application/manifest+json" ||
         media == "application/vnd.tbx.series" ||    // columns of numbers
         media == "application/vnd.tbx.histograms";  // columns of numbers
}

std::string WithCharset(std::string_view content_type) {
  if (content_type.find(';') != std::string_view::npos)
    return std::string(content_type);
  const std::string media = MediaType(content_type);
  if ((media.starts_with("text/") && media != "text/x-protobuf") ||
      media == "application/javascript") {
    return std::string(content_type) + "; charset=utf-8";
  }
  return std::string(content_type);
}

std::string ContentTypeForFileName(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html"},        {".js", "text/javascript"},
      {".mjs", "text/javascript"},   {".css", "text/css"},
      {".json", "application/json"}, {".map", "application/json"},
      {".svg", "image/svg+xml"},     {".txt", "text/plain"},
      {".png", "image/png"},         {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},       {".gif", "image/gif"},
      {".ico", "image/x-icon"},      {".webp", "image/webp"},
      {".woff", "font/woff"},        {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},          {".wasm", "application/wasm"},
  };
  const std::string lower = ToLowerAscii(name);
  for (const auto& [extension, type] : kTypes) {
    if (lower.ends_with(extension)) return WithCharset(type);
  }
  return "application/octet-stream";
}

}  // namespace tbx
