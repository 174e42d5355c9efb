// Implementation of access_policy.h.
#include "src/server/access_policy.h"

#include <utility>

#include "boost/asio/ip/address.hpp"
#include "src/server/ascii_text.h"
#include "src/server/url_codec.h"

namespace tbx {
namespace http = boost::beast::http;
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

// The value of `name` in a Cookie header ("a=1; b=2"), if present.
std::optional<std::string_view> CookieValue(std::string_view header,
                                            std::string_view name) {
  for (std::string_view part : SplitAscii(header, ';')) {
    part = TrimAscii(part);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name)
      return part.substr(eq + 1);
  }
  return std::nullopt;
}

// The token of "token X" or "Bearer X" (scheme in any case), if present.
std::optional<std::string_view> AuthorizationToken(std::string_view header) {
  header = TrimAscii(header);
  const size_t space = header.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view scheme = header.substr(0, space);
  if (!EqualsIgnoreCaseAscii(scheme, "token") &&
      !EqualsIgnoreCaseAscii(scheme, "bearer"))
    return std::nullopt;
  return TrimAscii(header.substr(space + 1));
}

// Splits a raw query into its "&" pieces and says which carry the token
// parameter; `token` receives the first token value found.
struct QueryToken {
  std::optional<std::string> token;
  std::vector<std::string_view> other_pieces;  // still encoded
};

QueryToken FindQueryToken(std::string_view raw_query) {
  QueryToken found;
  for (std::string_view piece : SplitAscii(raw_query, '&')) {
    if (piece.empty()) continue;
    const size_t eq = piece.find('=');
    absl::StatusOr<std::string> key =
        PercentDecode(piece.substr(0, eq), /*plus_is_space=*/true);
    if (key.ok() && *key == "token") {
      if (!found.token.has_value()) {
        absl::StatusOr<std::string> value =
            eq == std::string_view::npos
                ? absl::StatusOr<std::string>(std::string())
                : PercentDecode(piece.substr(eq + 1), true);
        found.token = value.ok() ? *std::move(value) : std::string();
      }
      continue;
    }
    found.other_pieces.push_back(piece);
  }
  return found;
}

// A browser navigating to a page (not a script or a fetch from the app).
bool IsNavigation(const http::request<http::string_body>& request) {
  const http::verb method = request.method();
  if (method != http::verb::get && method != http::verb::head) return false;
  const std::string_view accept = request[http::field::accept];
  return accept.find("text/html") != std::string_view::npos;
}

}  // namespace

std::string HostWithoutPort(std::string_view host) {
  host = TrimAscii(host);
  std::string_view name = host;
  if (host.starts_with('[')) {
    const size_t close = host.find(']');
    name = close == std::string_view::npos ? host.substr(1)
                                           : host.substr(1, close - 1);
  } else {
    const size_t colon = host.find(':');
    // More than one colon: an IPv6 address without brackets; keep it whole.
    if (colon != std::string_view::npos &&
        host.find(':', colon + 1) == std::string_view::npos)
      name = host.substr(0, colon);
  }
  if (name.ends_with('.')) name.remove_suffix(1);
  return ToLowerAscii(name);
}

bool IsLoopbackHost(std::string_view host) {
  const std::string name = HostWithoutPort(host);
  if (name == "localhost" || EndsWith(name, ".localhost")) return true;
  boost::system::error_code error;
  const boost::asio::ip::address address =
      boost::asio::ip::make_address(name, error);
  if (error) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped,
                                            address.to_v6())
        .is_loopback();
  }
  return address.is_loopback();
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Every byte of `a` is compared whatever the lengths, so the time depends
  // only on the length of the candidate.
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    const unsigned char other =
        i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= static_cast<unsigned char>(a[i]) ^ other;
  }
  return difference == 0;
}

AccessPolicy::AccessPolicy(AccessOptions options)
    : options_(std::move(options)),
      cookie_name_("tbx_token_" + std::to_string(options_.port)) {
  for (std::string& host : options_.allowed_hosts) host = HostWithoutPort(host);
}

bool AccessPolicy::HostAllowed(std::string_view host_header) const {
  if (!options_.check_host || TrimAscii(host_header).empty()) return true;
  if (IsLoopbackHost(host_header)) return true;
  const std::string name = HostWithoutPort(host_header);
  for (const std::string& allowed : options_.allowed_hosts) {
    if (allowed == "*" || allowed == name) return true;
    if (allowed.starts_with("*.") &&
        EndsWith(name, std::string_view(allowed).substr(1)))
      return true;
  }
  return false;
}

AccessDecision AccessPolicy::Check(
    const http::request<http::string_body>& request) const {
  AccessDecision decision;
  const std::string_view host = request[http::field::host];
  if (options_.token.empty()) {
    if (!HostAllowed(host)) {
      decision.answer = Response::Error(
          403,
          "tbx only answers requests addressed to this machine by a "
          "loopback name, and the Host header '" +
              std::string(host) +
              "' is not one; if you reach tbx by this name on purpose, "
              "start it with --allowed_host " +
              HostWithoutPort(host) + " (or set a token with --token)");
    }
    return decision;
  }

  const std::string_view target = request.target();
  const size_t question = target.find('?');
  const std::string_view raw_query = question == std::string_view::npos
                                         ? std::string_view()
                                         : target.substr(question + 1);
  QueryToken query = FindQueryToken(raw_query);
  const std::string& token = options_.token;
  if (query.token.has_value() && ConstantTimeEquals(token, *query.token)) {
    decision.set_cookie =
        cookie_name_ + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    if (IsNavigation(request)) {
      // Relative, so that it holds behind any proxy prefix: "./<last path
      // segment>?<the other parameters>".
      const std::string_view path = target.substr(0, question);
      const size_t slash = path.rfind('/');
      std::string location = "./" + std::string(slash == std::string_view::npos
                                                    ? path
                                                    : path.substr(slash + 1));
      for (size_t i = 0; i < query.other_pieces.size(); ++i) {
        location += i == 0 ? '?' : '&';
        location += query.other_pieces[i];
      }
      Response redirect;
      redirect.status = 302;
      redirect.content_type = "text/plain";
      redirect.body = "Found";
      redirect.headers.emplace_back("Location", location);
      decision.answer = std::move(redirect);
    }
    return decision;
  }
  const std::optional<std::string_view> cookie =
      CookieValue(request[http::field::cookie], cookie_name_);
  if (cookie.has_value() && ConstantTimeEquals(token, *cookie)) return decision;
  const std::optional<std::string_view> header =
      AuthorizationToken(request[http::field::authorization]);
  if (header.has_value() && ConstantTimeEquals(token, *header)) return decision;
  Response denied = Response::Error(
      401, query.token.has_value() || cookie.has_value() || header.has_value()
               ? "wrong token"
               : "this tbx needs its token: open the URL with ?token=... "
                 "or send 'Authorization: token ...'");
  denied.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"tbx\"");
  decision.answer = std::move(denied);
  return decision;
}

}  // namespace tbx
