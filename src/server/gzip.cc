// Implementation of gzip.h on zlib's deflate/inflate streams.
#include "src/server/gzip.h"

#include <zlib.h>

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx {
namespace {

constexpr int kGzipWindowBits =
    15 + 16;  // 15-bit window, gzip wrapper instead of zlib's.

}  // namespace

absl::StatusOr<std::string> GzipCompress(std::string_view data, int level) {
  // Small inputs get a window and hash table sized to them: zlib's defaults (32
  // KiB window, 64 KiB hash) cost more to set up than compressing a short JSON
  // reply.
  int window_bits = 9;
  while (window_bits < 15 && (size_t{1} << window_bits) < data.size())
    ++window_bits;
  const int mem_level = window_bits >= 15 ? 8 : std::max(1, window_bits - 7);
  z_stream stream{};
  if (deflateInit2(&stream, level, Z_DEFLATED, window_bits + 16, mem_level,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return absl::InternalError("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  const size_t written = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) {
    return absl::InternalError(
        absl::StrCat("deflate failed with code ", result));
  }
  out.resize(written);
  return out;
}

absl::StatusOr<std::string> GzipDecompress(std::string_view data) {
  z_stream stream{};
  if (inflateInit2(&stream, kGzipWindowBits) != Z_OK) {
    return absl::InternalError("inflateInit2 failed");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char chunk[64 * 1024];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof(chunk);
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof(chunk) - stream.avail_out);
    if (result == Z_BUF_ERROR && stream.avail_in == 0) break;
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a complete gzip stream (zlib code ", result, ")"));
  }
  return out;
}

}  // namespace tbx
