// Implementation of zstd_codec.h on libzstd's one-shot API.
#include "src/server/zstd_codec.h"

#include <zstd.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx {

namespace {

struct FreeContext {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};

}  // namespace

absl::StatusOr<std::string> ZstdCompress(std::string_view data, int level) {
  // This thread's context, kept between calls: its tables stay in memory
  // already touched.
  thread_local std::unique_ptr<ZSTD_CCtx, FreeContext> context(
      ZSTD_createCCtx());
  if (context == nullptr) return absl::InternalError("zstd: out of memory");
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t written = ZSTD_compressCCtx(
      context.get(), out.data(), out.size(), data.data(), data.size(), level);
  if (ZSTD_isError(written)) {
    return absl::InternalError(
        absl::StrCat("zstd compression failed: ", ZSTD_getErrorName(written)));
  }
  out.resize(written);
  return out;
}

absl::StatusOr<std::string> ZstdDecompress(std::string_view data) {
  // Streaming, so that frames without a content size decode too.
  ZSTD_DCtx* context = ZSTD_createDCtx();
  if (context == nullptr) return absl::InternalError("zstd: out of memory");
  std::string out;
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  size_t last = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer buffer{chunk.data(), chunk.size(), 0};
    last = ZSTD_decompressStream(context, &buffer, &in);
    if (ZSTD_isError(last)) {
      ZSTD_freeDCtx(context);
      return absl::InvalidArgumentError(
          absl::StrCat("corrupt zstd data: ", ZSTD_getErrorName(last)));
    }
    out.append(chunk.data(), buffer.pos);
  }
  ZSTD_freeDCtx(context);
  // A non-zero hint means the frame is not complete.
  if (data.empty() || last != 0)
    return absl::InvalidArgumentError("truncated zstd data");
  return out;
}

}  // namespace tbx
