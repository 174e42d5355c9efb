// HTTP request and response values that plugins see, independent of the server
// library. A Handler runs on a server I/O thread; it must be thread-safe and
// must not block for long.
#ifndef TBX_HTTP_H_
#define TBX_HTTP_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx {

struct Request {
  std::string method;  // "GET", "HEAD" or "POST"
  // The route path, with --path_prefix, any /experiment/<id> prefix and one
  // trailing slash removed, e.g. "/data/plugin/scalars/scalars".
  std::string path;
  // Decoded query parameters followed by decoded form fields of an
  // application/x-www-form-urlencoded POST body, in order (POST-as-GET: both
  // are accepted).
  std::vector<std::pair<std::string, std::string>> params;
  std::string body;          // raw request body
  std::string content_type;  // request Content-Type, without parameters

  // The first value of `name`, if present.
  std::optional<std::string> Param(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string> Params(std::string_view name) const;
};

// A response body produced piece by piece while it is sent, so that a large
// answer (a tensor of tens of megabytes) is never held whole. The server calls
// `next` on the connection's I/O thread each time the socket has taken the
// previous piece, one call at a time; it must not block for long (reading a
// chunk of a local file is fine). The producer owns what it reads from (hold
// shared_ptrs, not references into the handler's stack); the server destroys
// it when the body has been sent, the request was HEAD, or the client went
// away.
struct BodyStream {
  // The body's exact length, sent as Content-Length before the first byte.
  uint64_t size = 0;
  // Writes the next bytes of the body into `buffer` (never empty) and returns
  // how many: at least 1 and at most buffer.size() while fewer than `size`
  // bytes have been produced. An error, or 0 bytes before the end, aborts the
  // response: the error is logged and the connection is closed short of
  // Content-Length, so the client sees a failed transfer, not a short body.
  // Anything that can be checked before the first byte (the file exists, its
  // size and checksum) should be, so that it gets a 400/404 instead.
  std::function<absl::StatusOr<size_t>(std::span<char> buffer)> next;
};

struct Response {
  int status = 200;
  // Full Content-Type header value, e.g. "application/json" or "text/csv;
  // charset=utf-8".
  std::string content_type = "application/json";
  std::string body;
  // When set, the body is this immutable string and `body` is left empty: an
  // answer the route keeps to give again (a cache's entry). The server sends
  // it without copying it, and keeps its compressed form while the string
  // lives instead of compressing it again.
  std::shared_ptr<const std::string> kept_body;
  // When not empty, the body is these bytes, which outlive the server (an
  // embedded asset), and `body` is left empty: sent without copying them.
  std::string_view static_body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  // When set, the body is streamed from it and `body` must be empty. A
  // streamed body is sent as it is produced, with its Content-Length: it is
  // never compressed and gets no ETag (use it for large binary answers).
  std::optional<BodyStream> stream;

  // The body's bytes, wherever they are held (body, kept_body, static_body).
  std::string_view Body() const {
    if (kept_body != nullptr) return *kept_body;
    return static_body.empty() ? std::string_view(body) : static_body;
  }

  // 200 application/json with `json` as the body.
  static Response Json(std::string json);
  // 200 with the given content type.
  static Response Bytes(std::string content_type, std::string body);
  // 200 with the given content type and a streamed body of `size` bytes.
  static Response Stream(
      std::string content_type, uint64_t size,
      std::function<absl::StatusOr<size_t>(std::span<char> buffer)> next);
  // An error: status with a JSON body {"error": message}.
  static Response Error(int status, std::string_view message);
  static Response NotFound(std::string_view message) {
    return Error(404, message);
  }
  static Response BadRequest(std::string_view message) {
    return Error(400, message);
  }
};

using Handler = std::function<Response(const Request&)>;

// One exact-match route. GET, HEAD and POST are all accepted on every route.
struct Route {
  std::string path;  // absolute, e.g. "/data/plugin/scalars/tags"
  Handler handler;
};

}  // namespace tbx

#endif  // TBX_HTTP_H_
