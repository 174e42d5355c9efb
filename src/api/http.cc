// Implementation of the plugin-facing HTTP value types (include/tbx/http.h).
#include "tbx/http.h"

#include "nlohmann/json.hpp"

namespace tbx {

std::optional<std::string> Request::Param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string> Request::Params(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : params) {
    if (key == name) values.push_back(value);
  }
  return values;
}

Response Response::Json(std::string json) {
  Response r;
  r.body = std::move(json);
  return r;
}

Response Response::Bytes(std::string content_type, std::string body) {
  Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::Stream(
    std::string content_type, uint64_t size,
    std::function<absl::StatusOr<size_t>(std::span<char> buffer)> next) {
  Response r;
  r.content_type = std::move(content_type);
  r.stream = BodyStream{size, std::move(next)};
  return r;
}

Response Response::Error(int status, std::string_view message) {
  Response r;
  r.status = status;
  r.body = nlohmann::json{{"error", std::string(message)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace tbx
