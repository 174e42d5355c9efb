// zstd (RFC 8878) compression and decompression of whole buffers with libzstd,
// for textual HTTP responses to clients that accept "zstd" (Chromium and
// Firefox do on localhost and HTTPS): several times faster to compress than
// gzip at a better ratio, which matters for multi-megabyte answers such as a
// run's histograms. Any thread: each thread compresses with its own context,
// kept between calls (a fresh one's tables are fresh memory, whose first touch
// costs on a VM).
#ifndef TBX_SERVER_ZSTD_CODEC_H_
#define TBX_SERVER_ZSTD_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tbx {

// `level` is zstd's (1 fastest; 3 its default).
absl::StatusOr<std::string> ZstdCompress(std::string_view data, int level);

// Decompresses one zstd frame; fails on corrupt or truncated input.
absl::StatusOr<std::string> ZstdDecompress(std::string_view data);

}  // namespace tbx

#endif  // TBX_SERVER_ZSTD_CODEC_H_
