// AccessPolicy: decides, before routing, whether a request may be served.
//
// Two independent guards, both configured once at start-up:
//  * Host check (against DNS rebinding): when enabled, the request's Host
//    header must name a loopback host (localhost, *.localhost, 127.0.0.0/8,
//    ::1, any port) or one of the --allowed_host names; otherwise 403 with a
//    message naming --allowed_host. A request without a Host header (not a
//    browser) passes.
//  * Token (opt-in): when a token is set, every request must carry it as
//    `?token=`, as the cookie this policy sets, or as an
//    `Authorization: token X` / `Bearer X` header; otherwise 401. Tokens are
//    compared in constant time. A request with the valid token skips the Host
//    check. A browser navigation (GET/HEAD accepting text/html) that brings the
//    token in its query gets the cookie and a relative redirect to the same URL
//    without the token; other requests are served directly (scripts keep
//    working without a cookie jar).
//
// Immutable after construction; any thread may call Check concurrently.
#ifndef TBX_SERVER_ACCESS_POLICY_H_
#define TBX_SERVER_ACCESS_POLICY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boost/beast/http/message.hpp"
#include "boost/beast/http/string_body.hpp"
#include "tbx/http.h"

namespace tbx {

struct AccessOptions {
  bool check_host = false;
  // Extra names admitted by the Host check: "example.com" (exact, any port),
  // "*.example.com" (any subdomain), "*" (every host: no check).
  std::vector<std::string> allowed_hosts;
  std::string token;  // empty: no token needed
  uint16_t port = 0;  // names the cookie, so servers on other ports of the
                      // same host keep their own
};

// What to do with one request.
struct AccessDecision {
  // Set: answer with this (401, 403 or a redirect) instead of routing.
  std::optional<Response> answer;
  // Non-empty: add this Set-Cookie header value to the response.
  std::string set_cookie;
};

// Whether `host` (a Host header value, with or without port) is a loopback
// name or address.
bool IsLoopbackHost(std::string_view host);

// The host part of a Host header value, lower-cased, without port, brackets or
// one trailing dot ("[::1]:6006" -> "::1", "LocalHost.:80" -> "localhost").
std::string HostWithoutPort(std::string_view host);

// Whether `a` equals `b`, taking time that does not depend on where they
// differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

class AccessPolicy {
 public:
  explicit AccessPolicy(AccessOptions options);

  AccessDecision Check(
      const boost::beast::http::request<boost::beast::http::string_body>&
          request) const;

  const std::string& cookie_name() const { return cookie_name_; }

 private:
  bool HostAllowed(std::string_view host_header) const;

  AccessOptions options_;
  std::string cookie_name_;
};

}  // namespace tbx

#endif  // TBX_SERVER_ACCESS_POLICY_H_
