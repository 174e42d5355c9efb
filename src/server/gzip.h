// gzip (RFC 1952) compression and decompression of whole buffers with zlib.
// Used for textual HTTP responses at run time and for the embedded frontend at
// build time. Stateless; any thread.
#ifndef TBX_SERVER_GZIP_H_
#define TBX_SERVER_GZIP_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tbx {

// `level` is zlib's 1 (fastest) .. 9 (smallest).
absl::StatusOr<std::string> GzipCompress(std::string_view data, int level);

// Decompresses one gzip member; fails on corrupt or truncated input.
absl::StatusOr<std::string> GzipDecompress(std::string_view data);

}  // namespace tbx

#endif  // TBX_SERVER_GZIP_H_
