// HttpHandler: turns one parsed HTTP request into one HTTP reply,
// independent of sockets. It resolves the target with the Router, runs the
// route's handler (or serves an embedded asset) once the AccessPolicy admits
// the request, and applies the rules every
// response follows: TensorBoard's headers, charset, gzip for textual bodies
// when the client accepts it, HEAD without a body, {"error": ...} bodies for
// 400/404/500; a streamed body (Response::stream) is left to the session to
// write, behind headers that already carry its Content-Length. A kept body
// (Response::kept_body) is compressed once while it lives (CompressedBodies,
// owned here); it, its compressed form and embedded assets are handed to the
// session uncopied (HttpReply::shared_body). Immutable after construction but
// for that internally synchronized memo; any thread may call Handle
// concurrently.
#ifndef TBX_SERVER_HTTP_HANDLER_H_
#define TBX_SERVER_HTTP_HANDLER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "boost/beast/http/message.hpp"
#include "boost/beast/http/string_body.hpp"
#include "src/server/access_policy.h"
#include "src/server/compressed_bodies.h"
#include "src/server/router.h"
#include "src/server/static_assets.h"
#include "tbx/http.h"

namespace tbx {

using HttpRequest =
    boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse =
    boost::beast::http::response<boost::beast::http::string_body>;

// A finished response: the whole message, or its header (with Content-Length)
// and the producer of a body the session streams after it. `stream` is unset
// for HEAD requests and for every response whose body is in `message`.
struct HttpReply {
  HttpResponse message;
  std::optional<BodyStream> stream;
  // When set, the body is these bytes (`message` then holds only the header,
  // with their Content-Length), which `body_owner` keeps alive (null for bytes
  // that outlive the server): a kept answer, its compressed form or an
  // embedded asset, written without a copy. Copying a cached 700 KB answer
  // into fresh memory cost more than the rest of its reply on a VM where
  // first touching a page takes 12-16 us.
  std::optional<std::string_view> shared_body;
  std::shared_ptr<const void> body_owner;
};

// Whether an Accept-Encoding value allows `coding`, e.g. "gzip" ("gzip,
// deflate" yes; "gzip;q=0" no). Textual responses are sent as zstd when it is
// allowed, else gzip when that is, else plain.
bool AcceptsCoding(std::string_view accept_encoding, std::string_view coding);

class HttpHandler {
 public:
  // `router`, `assets` and `access` must outlive this object; `assets` may be
  // null (no app), `access` may be null (every request is served).
  HttpHandler(const Router* router, const StaticAssets* assets,
              const AccessPolicy* access = nullptr)
      : router_(router),
        assets_(assets),
        access_(access),
        compressed_(std::make_shared<CompressedBodies>(kKeptCompressedBytes)) {}

  // Calls `done` exactly once with the finished reply: synchronously for
  // ordinary routes, later and possibly from another thread for asynchronous
  // ones.
  void Handle(const HttpRequest& request,
              std::function<void(HttpReply)> done) const;

 private:
  // The compressed forms of kept bodies held at most (the scalars plugin keeps
  // 64 MB of answers; compressed they take about a third of that).
  static constexpr size_t kKeptCompressedBytes = 32 << 20;

  const Router* router_;
  const StaticAssets* assets_;
  const AccessPolicy* access_;
  std::shared_ptr<CompressedBodies> compressed_;
};

}  // namespace tbx

#endif  // TBX_SERVER_HTTP_HANDLER_H_
