// Percent-decoding of URL paths and application/x-www-form-urlencoded strings
// (query strings and form bodies). Pure functions on values; any thread may
// call them.
#ifndef TBX_SERVER_URL_CODEC_H_
#define TBX_SERVER_URL_CODEC_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx {

// Decodes %XX escapes. With `plus_is_space`, '+' becomes ' ' (form encoding).
// Returns InvalidArgument on a '%' not followed by two hex digits.
absl::StatusOr<std::string> PercentDecode(std::string_view text,
                                          bool plus_is_space);

// Splits "a=1&b=x%2Fy&c" into decoded pairs in order ({"a","1"}, {"b","x/y"},
// {"c",""}). Empty segments ("a=1&&b=2") are skipped.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
ParseUrlEncoded(std::string_view text);

// Percent-encodes everything but unreserved characters (RFC 3986), for building
// URLs in tests and tools.
std::string PercentEncode(std::string_view text);

}  // namespace tbx

#endif  // TBX_SERVER_URL_CODEC_H_
