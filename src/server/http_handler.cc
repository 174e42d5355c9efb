// Implementation of http_handler.h.
#include "src/server/http_handler.h"

#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "src/server/ascii_text.h"
#include "src/server/content_types.h"
#include "src/server/gzip.h"
#include "src/server/url_codec.h"
#include "src/server/zstd_codec.h"

namespace tbx {
namespace http = boost::beast::http;
namespace {

// Larger bodies use the codec's fastest level.
constexpr size_t kFastCompressionThreshold = 256 * 1024;

// What the finished response needs to know about the request it answers.
struct ResponseContext {
  bool head = false;
  bool accepts_gzip = false;
  bool accepts_zstd = false;
  unsigned version = 11;
  bool keep_alive = true;
  std::string set_cookie;  // from the AccessPolicy
};

bool HasHeader(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (EqualsIgnoreCaseAscii(key, name)) return true;
  }
  return false;
}

// `compressed` (may be null) keeps kept bodies' compressed forms.
HttpReply Finish(Response response, const ResponseContext& context,
                 CompressedBodies* compressed) {
  HttpReply reply;
  HttpResponse& out = reply.message;
  out.version(context.version);
  out.result(static_cast<unsigned>(response.status));
  out.keep_alive(context.keep_alive);
  out.set(http::field::server, "tbx/" TBX_VERSION);
  out.set("X-Content-Type-Options", "nosniff");
  if (!HasHeader(response, "Cache-Control")) {
    out.set(http::field::cache_control, "no-cache, must-revalidate");
    out.set(http::field::expires, "0");
  }
  for (const auto& [key, value] : response.headers) out.insert(key, value);
  if (!context.set_cookie.empty())
    out.insert(http::field::set_cookie, context.set_cookie);
  // Neither has a body, so neither has Content-Type or Content-Length (RFC 9110
  // forbids the latter on a 204).
  if (response.status == 304 || response.status == 204) return reply;
  out.set(http::field::content_type, WithCharset(response.content_type));
  if (response.stream.has_value()) {
    // Sent as produced: no compression (it would need the whole body for a
    // Content-Length, or chunked encoding), no ETag.
    out.set(http::field::content_length, std::to_string(response.stream->size));
    if (!context.head) reply.stream = std::move(response.stream);
    return reply;
  }

  // The body's bytes. When `response.body` does not hold them (a kept answer,
  // its compressed form, an embedded asset) they are shared, not copied, and
  // `owner` keeps them alive (null for an embedded asset).
  std::string_view bytes = response.Body();
  bool shared = response.kept_body != nullptr || !response.static_body.empty();
  std::shared_ptr<const void> owner = response.kept_body;
  const bool compressible = IsTextualContentType(response.content_type) &&
                            !HasHeader(response, "Content-Encoding") &&
                            !bytes.empty();
  if (compressible) {
    out.set(http::field::vary, "Accept-Encoding");
    const bool large = bytes.size() > kFastCompressionThreshold;
    // A kept body's compressed form is kept with it (CompressedBodies).
    const bool kept = compressed != nullptr && response.kept_body != nullptr;
    auto encode = [&](std::string_view coding, auto compress) {
      if (kept) {
        absl::StatusOr<std::shared_ptr<const std::string>> packed =
            compressed->Get(response.kept_body, coding, compress);
        if (!packed.ok()) return;
        bytes = **packed;
        owner = *std::move(packed);
      } else {
        absl::StatusOr<std::string> packed = compress();
        if (!packed.ok()) return;
        response.body = *std::move(packed);
        bytes = response.body;
        shared = false;
        owner = nullptr;
      }
      out.set(http::field::content_encoding, coding);
    };
    // zstd when the client takes it: faster and smaller than gzip.
    if (context.accepts_zstd) {
      encode("zstd", [&] { return ZstdCompress(bytes, large ? 1 : 3); });
    } else if (context.accepts_gzip) {
      encode("gzip", [&] { return GzipCompress(bytes, large ? 1 : 6); });
    }
  }
  out.set(http::field::content_length, std::to_string(bytes.size()));
  if (context.head) return reply;
  if (shared) {
    reply.shared_body = bytes;
    reply.body_owner = std::move(owner);
  } else {
    out.body() = std::move(response.body);
  }
  return reply;
}

Response InternalError(std::string_view path, std::string_view what) {
  std::cerr << "tbx: internal error while serving " << path << ": " << what
            << std::endl;
  return Response::Error(500,
                         "internal error while serving " + std::string(path));
}

}  // namespace

bool AcceptsCoding(std::string_view accept_encoding, std::string_view coding) {
  for (std::string_view offered : SplitAscii(accept_encoding, ',')) {
    const std::vector<std::string_view> parts = SplitAscii(offered, ';');
    if (!EqualsIgnoreCaseAscii(TrimAscii(parts[0]), coding)) continue;
    double quality = 1.0;
    for (size_t i = 1; i < parts.size(); ++i) {
      const std::string_view param = TrimAscii(parts[i]);
      if (param.starts_with("q=") &&
          !absl::SimpleAtod(std::string(param.substr(2)), &quality)) {
        quality = 0;
      }
    }
    return quality > 0;
  }
  return false;
}

void HttpHandler::Handle(const HttpRequest& request,
                         std::function<void(HttpReply)> done) const {
  ResponseContext context;
  context.head = request.method() == http::verb::head;
  const std::string_view accept_encoding =
      request[http::field::accept_encoding];
  context.accepts_gzip = AcceptsCoding(accept_encoding, "gzip");
  context.accepts_zstd = AcceptsCoding(accept_encoding, "zstd");
  context.version = request.version();
  context.keep_alive = request.keep_alive();
  auto reply = [&](Response response) {
    done(Finish(std::move(response), context, compressed_.get()));
  };
  if (access_ != nullptr) {
    AccessDecision access = access_->Check(request);
    context.set_cookie = std::move(access.set_cookie);
    if (access.answer.has_value()) return reply(*std::move(access.answer));
  }

  const http::verb method = request.method();
  if (method != http::verb::get && method != http::verb::head &&
      method != http::verb::post) {
    Response response =
        Response::Error(405, "method " + std::string(request.method_string()) +
                                 " is not allowed");
    response.headers.emplace_back("Allow", "GET, HEAD, POST");
    return reply(std::move(response));
  }
  absl::StatusOr<RoutedTarget> target = router_->Resolve(request.target());
  if (!target.ok())
    return reply(Response::BadRequest(std::string(target.status().message())));
  if (!target->path.has_value()) {
    return reply(
        Response::NotFound("no route for " + std::string(request.target())));
  }
  const std::string& path = *target->path;

  Request tbx_request;
  tbx_request.method = std::string(request.method_string());
  tbx_request.path = path;
  auto params = ParseUrlEncoded(target->raw_query);
  if (!params.ok())
    return reply(Response::BadRequest(std::string(params.status().message())));
  tbx_request.params = *std::move(params);
  const std::string_view content_type = request[http::field::content_type];
  tbx_request.content_type =
      std::string(TrimAscii(content_type.substr(0, content_type.find(';'))));
  tbx_request.body = request.body();
  if (method == http::verb::post &&
      EqualsIgnoreCaseAscii(tbx_request.content_type,
                            "application/x-www-form-urlencoded")) {
    auto form = ParseUrlEncoded(tbx_request.body);
    if (!form.ok())
      return reply(Response::BadRequest(std::string(form.status().message())));
    for (auto& field : *form) tbx_request.params.push_back(std::move(field));
  }

  if (const Handler* handler = router_->FindHandler(path)) {
    Response response;
    try {
      response = (*handler)(tbx_request);
    } catch (const std::exception& e) {
      response = InternalError(path, e.what());
    } catch (...) {
      response = InternalError(path, "unknown exception");
    }
    return reply(std::move(response));
  }
  if (const AsyncHandler* handler = router_->FindAsyncHandler(path)) {
    auto shared_done =
        std::make_shared<std::function<void(HttpReply)>>(std::move(done));
    try {
      (*handler)(tbx_request, [shared_done, context,
                               compressed = compressed_](Response response) {
        (*shared_done)(Finish(std::move(response), context, compressed.get()));
      });
    } catch (const std::exception& e) {
      (*shared_done)(
          Finish(InternalError(path, e.what()), context, compressed_.get()));
    }
    return;
  }
  if (assets_ != nullptr && method != http::verb::post) {
    if (const EmbeddedAsset* asset = assets_->Find(path)) {
      return reply(StaticAssets::Serve(
          *asset, request[http::field::if_none_match], context.accepts_gzip));
    }
  }
  reply(Response::NotFound("no route for " + path));
}

}  // namespace tbx
