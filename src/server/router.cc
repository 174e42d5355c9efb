// Implementation of router.h.
#include "src/server/router.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "src/server/url_codec.h"

namespace tbx {
namespace {

bool IsRoutePathChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~' ||
         c == '-' || c == '/';
}

absl::Status ValidateRoutePath(std::string_view path) {
  if (!path.starts_with("/data/")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "route '", std::string(path), "' does not start with /data/"));
  }
  for (char c : path) {
    if (!IsRoutePathChar(c)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "route '", std::string(path), "' holds the character '",
          std::string(1, c), "'; want only letters, digits and ._~-/"));
    }
  }
  for (absl::string_view segment : absl::StrSplit(
           absl::string_view(path.data() + 1, path.size() - 1), '/')) {
    if (segment.empty() || segment == "." || segment == "..") {
      return absl::InvalidArgumentError(absl::StrCat(
          "route '", std::string(path),
          "' has an empty, '.' or '..' segment (or a trailing slash)"));
    }
  }
  return absl::OkStatus();
}

// Drops a leading "/experiment/<id>" (the id being one non-empty segment).
std::string_view StripExperiment(std::string_view path) {
  constexpr std::string_view kExperiment = "/experiment/";
  if (!path.starts_with(kExperiment)) return path;
  const size_t id_end = path.find('/', kExperiment.size());
  if (id_end == std::string_view::npos || id_end == kExperiment.size())
    return path;
  return path.substr(id_end);
}

}  // namespace

absl::StatusOr<std::string> NormalizePathPrefix(std::string_view prefix) {
  std::string normalized(prefix);
  while (!normalized.empty() && normalized.back() == '/') normalized.pop_back();
  if (normalized.empty()) return normalized;
  if (normalized.front() != '/') normalized.insert(normalized.begin(), '/');
  for (char c : normalized) {
    if (!IsRoutePathChar(c) && c != '!' && c != '$' && c != '\'' && c != '(' &&
        c != ')' && c != '*' && c != '+' && c != ',' && c != ';' && c != '=' &&
        c != ':' && c != '@') {
      return absl::InvalidArgumentError(absl::StrCat(
          "--path_prefix '", std::string(prefix), "' holds the character '",
          std::string(1, c), "', which a URL path cannot hold unescaped"));
    }
  }
  return normalized;
}

absl::StatusOr<std::unique_ptr<Router>> Router::Create(
    std::string path_prefix, std::vector<Route> routes,
    std::vector<AsyncRoute> async_routes) {
  std::unique_ptr<Router> router(new Router(std::move(path_prefix)));
  auto check_new = [&](const std::string& path) -> absl::Status {
    if (absl::Status valid = ValidateRoutePath(path); !valid.ok()) return valid;
    if (router->handlers_.contains(path) ||
        router->async_handlers_.contains(path)) {
      return absl::InvalidArgumentError(
          absl::StrCat("route '", path, "' is registered twice"));
    }
    return absl::OkStatus();
  };
  for (Route& route : routes) {
    if (absl::Status status = check_new(route.path); !status.ok())
      return status;
    if (!route.handler) {
      return absl::InvalidArgumentError(
          absl::StrCat("route '", route.path, "' has no handler"));
    }
    router->handlers_.emplace(std::move(route.path), std::move(route.handler));
  }
  for (AsyncRoute& route : async_routes) {
    if (absl::Status status = check_new(route.path); !status.ok())
      return status;
    if (!route.handler) {
      return absl::InvalidArgumentError(
          absl::StrCat("route '", route.path, "' has no handler"));
    }
    router->async_handlers_.emplace(std::move(route.path),
                                    std::move(route.handler));
  }
  return router;
}

absl::StatusOr<RoutedTarget> Router::Resolve(std::string_view target) const {
  RoutedTarget routed;
  const size_t query_start = target.find('?');
  std::string_view raw_path = target.substr(0, query_start);
  if (query_start != std::string_view::npos) {
    routed.raw_query = std::string(target.substr(query_start + 1));
  }
  absl::StatusOr<std::string> decoded =
      PercentDecode(raw_path, /*plus_is_space=*/false);
  if (!decoded.ok()) return decoded.status();
  std::string_view path = *decoded;
  if (!path_prefix_.empty()) {
    if (!path.starts_with(path_prefix_)) return routed;
    path.remove_prefix(path_prefix_.size());
    if (!path.empty() && path.front() != '/')
      return routed;  // "/prefixfoo" is not under it.
  }
  path = StripExperiment(path);
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  routed.path = path.empty() ? "/" : std::string(path);
  return routed;
}

const Handler* Router::FindHandler(std::string_view path) const {
  auto it = handlers_.find(absl::string_view(path.data(), path.size()));
  return it == handlers_.end() ? nullptr : &it->second;
}

const AsyncHandler* Router::FindAsyncHandler(std::string_view path) const {
  auto it = async_handlers_.find(absl::string_view(path.data(), path.size()));
  return it == async_handlers_.end() ? nullptr : &it->second;
}

}  // namespace tbx
