// Implementation of url_codec.h.
#include "src/server/url_codec.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tbx {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

absl::StatusOr<std::string> PercentDecode(std::string_view text,
                                          bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%') {
      const int high = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("bad percent-escape at offset ", i, " of '",
                         std::string(text.substr(0, 200)), "'"));
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
ParseUrlEncoded(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (absl::string_view part :
       absl::StrSplit(absl::string_view(text.data(), text.size()), '&',
                      absl::SkipEmpty())) {
    const std::string_view field(part.data(), part.size());
    const size_t eq = field.find('=');
    const std::string_view raw_key = field.substr(0, eq);
    const std::string_view raw_value = eq == std::string_view::npos
                                           ? std::string_view()
                                           : field.substr(eq + 1);
    absl::StatusOr<std::string> key =
        PercentDecode(raw_key, /*plus_is_space=*/true);
    if (!key.ok()) return key.status();
    absl::StatusOr<std::string> value =
        PercentDecode(raw_value, /*plus_is_space=*/true);
    if (!value.ok()) return value.status();
    pairs.emplace_back(*std::move(key), *std::move(value));
  }
  return pairs;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace tbx
