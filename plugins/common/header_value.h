// Names (runs, tags, tensors) carried in response headers, which hold only
// visible ASCII: percent-encoded, as the browser's decodeURIComponent reads
// them back (the projector's `pca?first=true`, the histograms' `rebinned?card`
// name the data they chose this way). Stateless; any thread may call it.
#ifndef TBX_PLUGINS_COMMON_HEADER_VALUE_H_
#define TBX_PLUGINS_COMMON_HEADER_VALUE_H_

#include <string>
#include <string_view>

namespace tbx::plugins {

// `text` with every byte but RFC 3986's unreserved ones (letters, digits,
// "-._~") as %XX, upper-case hex.
std::string PercentEncoded(std::string_view text);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_HEADER_VALUE_H_
