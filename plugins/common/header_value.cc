// Percent-encoded header values; see header_value.h.
#include "plugins/common/header_value.h"

#include "absl/strings/ascii.h"

namespace tbx::plugins {

std::string PercentEncoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(b) || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

}  // namespace tbx::plugins
