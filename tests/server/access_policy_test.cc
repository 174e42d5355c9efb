// Tests of the Host check and the token (AccessPolicy).
#include "src/server/access_policy.h"

#include "gtest/gtest.h"

namespace tbx {
namespace {

namespace http = boost::beast::http;

http::request<http::string_body> Get(const std::string& target,
                                     const std::string& host) {
  http::request<http::string_body> request(http::verb::get, target, 11);
  if (!host.empty()) request.set(http::field::host, host);
  return request;
}

AccessOptions Options(bool check_host, std::vector<std::string> allowed = {},
                      std::string token = "", uint16_t port = 0) {
  AccessOptions options;
  options.check_host = check_host;
  options.allowed_hosts = std::move(allowed);
  options.token = std::move(token);
  options.port = port;
  return options;
}

TEST(HostNamesTest, LoopbackNamesAndAddresses) {
  for (const char* host :
       {"localhost", "localhost:6006", "LOCALHOST", "localhost.:1",
        "app.localhost:80", "127.0.0.1", "127.0.0.1:6006", "127.3.4.5:1",
        "[::1]:6006", "[::1]", "::1", "[::ffff:127.0.0.1]:8"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host :
       {"evil.example", "evil.example:6006", "localhost.evil.example",
        "notlocalhost", "128.0.0.1", "10.0.0.1:6006", "[::2]:6006", "0.0.0.0",
        "[::]", "127.0.0.1.evil.example", ""}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(HostNamesTest, HostWithoutPort) {
  EXPECT_EQ(HostWithoutPort("[::1]:6006"), "::1");
  EXPECT_EQ(HostWithoutPort("Box.Example.:80"), "box.example");
  EXPECT_EQ(HostWithoutPort("box"), "box");
}

TEST(ConstantTimeEqualsTest, ComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secre"));
  EXPECT_FALSE(ConstantTimeEquals("secret", ""));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

TEST(AccessPolicyTest, ForeignHostGets403NamingTheFlag) {
  AccessPolicy policy(Options(true));
  AccessDecision decision = policy.Check(Get("/", "evil.example:6006"));
  ASSERT_TRUE(decision.answer.has_value());
  EXPECT_EQ(decision.answer->status, 403);
  EXPECT_NE(decision.answer->body.find("--allowed_host evil.example"),
            std::string::npos)
      << decision.answer->body;
  EXPECT_FALSE(policy.Check(Get("/", "localhost:6006")).answer.has_value());
  // Not a browser: no Host header at all.
  EXPECT_FALSE(policy.Check(Get("/", "")).answer.has_value());
}

TEST(AccessPolicyTest, WithoutHostCheckEveryHostPasses) {
  AccessPolicy policy(Options(false));
  EXPECT_FALSE(policy.Check(Get("/", "evil.example")).answer.has_value());
}

TEST(AccessPolicyTest, AllowedHostsExactWildcardAndStar) {
  AccessPolicy policy(Options(true, {"Box.Example", "*.lab.test"}));
  EXPECT_FALSE(policy.Check(Get("/", "box.example:6006")).answer.has_value());
  EXPECT_FALSE(policy.Check(Get("/", "a.lab.test")).answer.has_value());
  EXPECT_TRUE(policy.Check(Get("/", "lab.test")).answer.has_value());
  EXPECT_TRUE(policy.Check(Get("/", "xbox.example")).answer.has_value());
  AccessPolicy any(Options(true, {"*"}));
  EXPECT_FALSE(any.Check(Get("/", "evil.example")).answer.has_value());
}

TEST(AccessPolicyTest, TokenMissingOrWrongIs401) {
  AccessPolicy policy(Options(true, {}, "s3cret", 7000));
  AccessDecision missing = policy.Check(Get("/data/runs", "localhost"));
  ASSERT_TRUE(missing.answer.has_value());
  EXPECT_EQ(missing.answer->status, 401);
  AccessDecision wrong =
      policy.Check(Get("/data/runs?token=nope", "localhost"));
  ASSERT_TRUE(wrong.answer.has_value());
  EXPECT_EQ(wrong.answer->status, 401);
  auto bad_header = Get("/data/runs", "localhost");
  bad_header.set(http::field::authorization, "Bearer nope");
  EXPECT_EQ(policy.Check(bad_header).answer->status, 401);
  auto bad_cookie = Get("/data/runs", "localhost");
  bad_cookie.set(http::field::cookie, "tbx_token_7000=nope");
  EXPECT_EQ(policy.Check(bad_cookie).answer->status, 401);
}

TEST(AccessPolicyTest, TokenByHeaderCookieOrQuery) {
  AccessPolicy policy(Options(true, {}, "s3cret", 7000));
  for (const char* value : {"token s3cret", "Bearer s3cret", "TOKEN s3cret"}) {
    auto request = Get("/data/runs", "evil.example");
    request.set(http::field::authorization, value);
    AccessDecision decision = policy.Check(request);
    EXPECT_FALSE(decision.answer.has_value()) << value;
    EXPECT_TRUE(decision.set_cookie.empty());
  }
  auto cookie = Get("/data/runs", "localhost");
  cookie.set(http::field::cookie, "other=1; tbx_token_7000=s3cret");
  EXPECT_FALSE(policy.Check(cookie).answer.has_value());
  // Another port's cookie is not this server's.
  auto other_port = Get("/data/runs", "localhost");
  other_port.set(http::field::cookie, "tbx_token_7001=s3cret");
  EXPECT_EQ(policy.Check(other_port).answer->status, 401);
  // A script with ?token= is served at once, with the cookie.
  AccessDecision query = policy.Check(Get("/data/runs?token=s3cret", "x"));
  EXPECT_FALSE(query.answer.has_value());
  EXPECT_EQ(query.set_cookie,
            "tbx_token_7000=s3cret; Path=/; HttpOnly; SameSite=Strict");
}

TEST(AccessPolicyTest, BrowserNavigationWithTokenIsRedirectedWithoutIt) {
  AccessPolicy policy(Options(true, {}, "s3cret", 7000));
  struct Case {
    const char* target;
    const char* location;
  } cases[] = {
      {"/?token=s3cret", "./"},
      {"/proxy/6006/?token=s3cret&a=1", "./?a=1"},
      {"/proxy/6006?a=1&token=s3cret&b=x%20y", "./6006?a=1&b=x%20y"},
      {"/x/index.html?token=s3cret", "./index.html"},
  };
  for (const Case& c : cases) {
    auto request = Get(c.target, "localhost");
    request.set(http::field::accept, "text/html,application/xhtml+xml");
    AccessDecision decision = policy.Check(request);
    ASSERT_TRUE(decision.answer.has_value()) << c.target;
    EXPECT_EQ(decision.answer->status, 302);
    ASSERT_EQ(decision.answer->headers.size(), 1u);
    EXPECT_EQ(decision.answer->headers[0].first, "Location");
    EXPECT_EQ(decision.answer->headers[0].second, c.location) << c.target;
    EXPECT_NE(decision.set_cookie.find("HttpOnly"), std::string::npos);
  }
}

}  // namespace
}  // namespace tbx
