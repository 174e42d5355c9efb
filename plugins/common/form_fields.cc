// Form fields from query, urlencoded and multipart bodies; see form_fields.h.
#include "plugins/common/form_fields.h"

#include <cctype>

namespace tbx::plugins {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// The name="..." parameter of a part's Content-Disposition header, if any.
std::optional<std::string_view> PartName(std::string_view headers) {
  while (!headers.empty()) {
    const size_t end = headers.find(kCrlf);
    std::string_view line = headers.substr(0, end);
    headers = end == std::string_view::npos ? std::string_view()
                                            : headers.substr(end + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (!EqualsIgnoreCase(Trim(line.substr(0, colon)), "content-disposition")) {
      continue;
    }
    // Look for name=" not preceded by another letter (filename=").
    size_t at = 0;
    while ((at = line.find("name=\"", at)) != std::string_view::npos) {
      if (at > 0 && std::isalpha(static_cast<unsigned char>(line[at - 1]))) {
        at += 6;
        continue;
      }
      const size_t start = at + 6;
      const size_t close = line.find('"', start);
      if (close == std::string_view::npos) return std::nullopt;
      return line.substr(start, close - start);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> MultipartField(std::string_view body,
                                          std::string_view name) {
  const size_t first_line_end = body.find(kCrlf);
  if (first_line_end == std::string_view::npos || first_line_end < 3 ||
      body.substr(0, 2) != "--") {
    return std::nullopt;
  }
  const std::string delimiter =
      std::string(kCrlf) + std::string(body.substr(0, first_line_end));
  size_t part_start = first_line_end + 2;
  while (part_start <= body.size()) {
    const size_t part_end = body.find(delimiter, part_start);
    if (part_end == std::string_view::npos) return std::nullopt;
    const std::string_view part =
        body.substr(part_start, part_end - part_start);
    const size_t headers_end = part.find("\r\n\r\n");
    if (headers_end != std::string_view::npos &&
        PartName(part.substr(0, headers_end)) == name) {
      return std::string(part.substr(headers_end + 4));
    }
    part_start = part_end + delimiter.size();
    // "--" after the delimiter closes the body.
    if (body.substr(part_start, 2) == "--") return std::nullopt;
    if (body.substr(part_start, 2) != kCrlf) return std::nullopt;
    part_start += 2;
  }
  return std::nullopt;
}

std::optional<std::string> FormField(const Request& request,
                                     std::string_view name) {
  std::optional<std::string> value = request.Param(name);
  if (value.has_value()) return value;
  if (request.method == "POST" &&
      EqualsIgnoreCase(request.content_type, "multipart/form-data")) {
    return MultipartField(request.body, name);
  }
  return std::nullopt;
}

}  // namespace tbx::plugins
