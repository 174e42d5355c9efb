// Request parameter helpers; see params.h.
#include "plugins/common/params.h"

#include <charconv>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx::plugins {

std::string PyRepr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out(1, quote);
  constexpr char kHex[] = "0123456789abcdef";
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\\' || c == static_cast<unsigned char>(quote)) {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '\r') {
      out.append("\\r");
    } else if (c == '\t') {
      out.append("\\t");
    } else if (c < 0x20 || c == 0x7f) {
      out.append("\\x");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back(quote);
  return out;
}

std::string PyReprOrNone(const std::optional<std::string>& text) {
  return text.has_value() ? PyRepr(*text) : "None";
}

absl::StatusOr<RunAndTag> RequiredRunAndTag(const Request& request) {
  std::optional<std::string> run = request.Param("run");
  std::optional<std::string> tag = request.Param("tag");
  if (!run.has_value() || !tag.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Both run and tag must be specified: tag=", PyReprOrNone(tag),
        ", run=", PyReprOrNone(run)));
  }
  return RunAndTag{std::move(*run), std::move(*tag)};
}

absl::StatusOr<int64_t> IntParam(const Request& request, std::string_view name,
                                 int64_t fallback, int64_t min, int64_t max) {
  const std::optional<std::string> raw = request.Param(name);
  if (!raw.has_value()) return fallback;
  int64_t value = 0;
  const char* begin = raw->data();
  const char* end = begin + raw->size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (raw->empty() || ec != std::errc() || ptr != end) {
    return absl::InvalidArgumentError(
        absl::StrCat("Parameter ", std::string(name),
                     " must be an integer, got ", PyRepr(*raw)));
  }
  if (value < min || value > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("Parameter ", std::string(name), " must be in [", min,
                     ", ", max, "], got ", value));
  }
  return value;
}

Response ErrorResponse(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return Response::BadRequest(std::string(status.message()));
    case absl::StatusCode::kNotFound:
      return Response::NotFound(std::string(status.message()));
    default:
      return Response::Error(500, std::string(status.message()));
  }
}

}  // namespace tbx::plugins
