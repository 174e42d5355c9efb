// HTTP request and response values that plugins see, independent of the server
// library. A Handler runs on a server I/O thread; it must be thread-safe and
// must not block for long.
#ifndef TBX_HTTP_H_
#define TBX_HTTP_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

struct Response {
  int status = 200;
  // Full Content-Type header value, e.g. "application/json" or "text/csv;
  // charset=utf-8".
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers

  // 200 application/json with `json` as the body.
  static Response Json(std::string json);
  // 200 with the given content type.
  static Response Bytes(std::string content_type, std::string body);
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
