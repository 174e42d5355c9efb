// Router: the validated table of exact-match routes and the rules that turn a
// request target into a route path (TensorBoard's): --path_prefix must lead the
// path, an /experiment/<id> prefix is dropped, one trailing slash is ignored.
// Built once at start-up and then read-only, so any thread may call its const
// methods.
#ifndef TBX_SERVER_ROUTER_H_
#define TBX_SERVER_ROUTER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "tbx/http.h"

namespace tbx {

// Completes an asynchronous request. Must be called exactly once, from any
// thread.
using Responder = std::function<void(Response)>;
// A handler that answers later (e.g. a long-poll). It must not block the
// calling thread.
using AsyncHandler = std::function<void(const Request&, Responder)>;

struct AsyncRoute {
  std::string path;
  AsyncHandler handler;
};

// Where a request target leads before the route table is consulted.
struct RoutedTarget {
  // The decoded route path ("/data/runs", "/" for the app), or nullopt when the
  // target lies outside --path_prefix (answered with 404).
  std::optional<std::string> path;
  std::string raw_query;  // still encoded, without '?'
};

// Normalizes --path_prefix: "" stays "", "foo/" becomes "/foo". InvalidArgument
// for prefixes with characters a URL path cannot hold literally, '?' or '#'.
absl::StatusOr<std::string> NormalizePathPrefix(std::string_view prefix);

class Router {
 public:
  // Validates every route: paths start with "/data/", hold only
  // [A-Za-z0-9._~/-], have no empty,
  // "." or ".." segment, no trailing slash, and appear once. Returns
  // InvalidArgument naming the first bad route. `path_prefix` must already be
  // normalized.
  static absl::StatusOr<std::unique_ptr<Router>> Create(
      std::string path_prefix, std::vector<Route> routes,
      std::vector<AsyncRoute> async_routes);

  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Splits and decodes `target` ("/prefix/experiment/x/data/runs/?a=b").
  // InvalidArgument when the path holds a bad percent-escape.
  absl::StatusOr<RoutedTarget> Resolve(std::string_view target) const;

  // The handler of an exact route path, or nullptr. At most one of the two is
  // non-null.
  const Handler* FindHandler(std::string_view path) const;
  const AsyncHandler* FindAsyncHandler(std::string_view path) const;

  const std::string& path_prefix() const { return path_prefix_; }

 private:
  explicit Router(std::string path_prefix)
      : path_prefix_(std::move(path_prefix)) {}

  std::string path_prefix_;
  absl::flat_hash_map<std::string, Handler> handlers_;
  absl::flat_hash_map<std::string, AsyncHandler> async_handlers_;
};

}  // namespace tbx

#endif  // TBX_SERVER_ROUTER_H_
