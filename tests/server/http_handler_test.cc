#include "src/server/http_handler.h"

#include <future>
#include <stdexcept>
#include <thread>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "src/server/gzip.h"
#include "src/server/zstd_codec.h"

namespace tbx {
namespace {

namespace http = boost::beast::http;

constexpr EmbeddedAsset kAssets[] = {
    {"/index.html", "text/html; charset=utf-8", "<!doctype html>app", "",
     "\"e1\""},
};

class HttpHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Route> routes;
    routes.push_back({"/data/json", [](const Request& request) {
                        nlohmann::json params = nlohmann::json::array();
                        for (const auto& [key, value] : request.params) {
                          params.push_back({key, value});
                        }
                        return Response::Json(params.dump());
                      }});
    routes.push_back({"/data/csv", [](const Request&) {
                        return Response::Bytes("text/csv",
                                               "Wall time,Step,Value\r\n");
                      }});
    routes.push_back({"/data/png", [](const Request&) {
                        return Response::Bytes("image/png",
                                               std::string(4000, 'p'));
                      }});
    routes.push_back({"/data/throws", [](const Request&) -> Response {
                        throw std::runtime_error("boom");
                      }});
    routes.push_back({"/data/nothing", [](const Request&) {
                        Response response;
                        response.status = 204;
                        response.headers.emplace_back("X-Count", "0");
                        return response;
                      }});
    routes.push_back({"/data/missing", [](const Request&) {
                        return Response::NotFound("no scalar data for run 'x'");
                      }});
    // A cached answer (Response::kept_body; `body` left empty).
    routes.push_back({"/data/kept", [this](const Request&) {
                        Response response;
                        response.kept_body = kept_;
                        return response;
                      }});
    std::vector<AsyncRoute> async_routes;
    async_routes.push_back(
        {"/data/later", [](const Request& request, Responder respond) {
           std::thread([respond, path = request.path] {
             respond(Response::Json("\"" + path + "\""));
           }).detach();
         }});
    auto router =
        Router::Create("", std::move(routes), std::move(async_routes));
    ASSERT_TRUE(router.ok()) << router.status();
    router_ = *std::move(router);
    handler_ = std::make_unique<HttpHandler>(router_.get(), &assets_);
  }

  // The reply as the session gets it.
  HttpReply SendReply(
      http::verb method, std::string target,
      std::vector<std::pair<http::field, std::string>> headers = {},
      std::string body = "") {
    HttpRequest request{method, target, 11};
    for (auto& [field, value] : headers) request.set(field, value);
    request.body() = std::move(body);
    request.prepare_payload();
    std::promise<HttpReply> promise;
    handler_->Handle(
        request, [&promise](HttpReply r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }

  // The reply as the client reads it (shared bytes in the body).
  HttpResponse Send(
      http::verb method, std::string target,
      std::vector<std::pair<http::field, std::string>> headers = {},
      std::string body = "") {
    HttpReply reply = SendReply(method, std::move(target), std::move(headers),
                                std::move(body));
    if (reply.shared_body.has_value()) {
      EXPECT_TRUE(reply.message.body().empty());
      reply.message.body() = std::string(*reply.shared_body);
    }
    return std::move(reply.message);
  }

  std::shared_ptr<const std::string> kept_ =
      std::make_shared<const std::string>(R"(["kept"])");
  std::unique_ptr<Router> router_;
  StaticAssets assets_{kAssets};
  std::unique_ptr<HttpHandler> handler_;
};

TEST_F(HttpHandlerTest, JsonGetsTensorBoardHeadersWithoutCharset) {
  HttpResponse response = Send(http::verb::get, "/data/json?a=1");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(response[http::field::cache_control], "no-cache, must-revalidate");
  EXPECT_EQ(response[http::field::expires], "0");
  EXPECT_EQ(response[http::field::content_length],
            std::to_string(response.body().size()));
  EXPECT_EQ(response.body(), R"([["a","1"]])");
  EXPECT_EQ(response.count("X-Frame-Options"), 0u);
}

TEST_F(HttpHandlerTest, OtherTextTypesGetUtf8Charset) {
  EXPECT_EQ(Send(http::verb::get, "/data/csv")[http::field::content_type],
            "text/csv; charset=utf-8");
}

TEST_F(HttpHandlerTest, GzipsTextualResponsesWhenAccepted) {
  HttpResponse response =
      Send(http::verb::get, "/data/json?x=1",
           {{http::field::accept_encoding, "deflate, gzip"}});
  EXPECT_EQ(response[http::field::content_encoding], "gzip");
  EXPECT_EQ(*GzipDecompress(response.body()), R"([["x","1"]])");
  EXPECT_EQ(response[http::field::content_length],
            std::to_string(response.body().size()));
  HttpResponse refused = Send(http::verb::get, "/data/json",
                              {{http::field::accept_encoding, "gzip;q=0"}});
  EXPECT_EQ(refused.count(http::field::content_encoding), 0u);
}

TEST_F(HttpHandlerTest, PrefersZstdWhenTheClientTakesIt) {
  // What Chromium sends on localhost and HTTPS.
  HttpResponse response =
      Send(http::verb::get, "/data/json?x=1",
           {{http::field::accept_encoding, "gzip, deflate, br, zstd"}});
  EXPECT_EQ(response[http::field::content_encoding], "zstd");
  EXPECT_EQ(*ZstdDecompress(response.body()), R"([["x","1"]])");
  EXPECT_EQ(response[http::field::content_length],
            std::to_string(response.body().size()));
  EXPECT_EQ(response[http::field::vary], "Accept-Encoding");
  // Refused zstd falls back to gzip; binary bodies are never compressed.
  HttpResponse gzip = Send(http::verb::get, "/data/json",
                           {{http::field::accept_encoding, "gzip, zstd;q=0"}});
  EXPECT_EQ(gzip[http::field::content_encoding], "gzip");
  HttpResponse png = Send(http::verb::get, "/data/png",
                          {{http::field::accept_encoding, "zstd"}});
  EXPECT_EQ(png.count(http::field::content_encoding), 0u);
}

TEST_F(HttpHandlerTest, CompressesAKeptBodyOnce) {
  const std::vector<std::pair<http::field, std::string>> zstd = {
      {http::field::accept_encoding, "zstd"}};
  HttpResponse first = Send(http::verb::get, "/data/kept", zstd);
  EXPECT_EQ(first[http::field::content_encoding], "zstd");
  EXPECT_EQ(first[http::field::content_length],
            std::to_string(first.body().size()));
  EXPECT_EQ(*ZstdDecompress(first.body()), R"(["kept"])");
  // Later answers send the very bytes compressed the first time (shared with
  // the kept body, not copied); each coding has its own form.
  HttpReply second = SendReply(http::verb::get, "/data/kept", zstd);
  HttpReply third = SendReply(http::verb::get, "/data/kept", zstd);
  ASSERT_TRUE(second.shared_body.has_value());
  ASSERT_TRUE(third.shared_body.has_value());
  EXPECT_EQ(second.shared_body->data(), third.shared_body->data());
  EXPECT_EQ(*ZstdDecompress(*third.shared_body), R"(["kept"])");
  HttpResponse gzip = Send(http::verb::get, "/data/kept",
                           {{http::field::accept_encoding, "gzip"}});
  EXPECT_EQ(gzip[http::field::content_encoding], "gzip");
  EXPECT_EQ(*GzipDecompress(gzip.body()), R"(["kept"])");
}

// A kept body sent plain is the kept string itself, kept alive by the reply
// after the route's cache lets it go.
TEST_F(HttpHandlerTest, SendsAKeptBodyWithoutCopyingIt) {
  HttpReply reply = SendReply(http::verb::get, "/data/kept");
  ASSERT_TRUE(reply.shared_body.has_value());
  EXPECT_EQ(reply.shared_body->data(), kept_->data());
  EXPECT_TRUE(reply.message.body().empty());
  EXPECT_EQ(reply.message[http::field::content_length],
            std::to_string(kept_->size()));
  kept_ = std::make_shared<const std::string>("replaced");
  EXPECT_EQ(*reply.shared_body, R"(["kept"])");
  // HEAD: the header alone.
  HttpReply head = SendReply(http::verb::head, "/data/kept");
  EXPECT_FALSE(head.shared_body.has_value());
  EXPECT_EQ(head.message[http::field::content_length], "8");
}

// Embedded assets are sent from the binary's own bytes.
TEST_F(HttpHandlerTest, SendsEmbeddedAssetsWithoutCopyingThem) {
  HttpReply reply = SendReply(http::verb::get, "/index.html");
  ASSERT_TRUE(reply.shared_body.has_value());
  EXPECT_EQ(reply.shared_body->data(), kAssets[0].raw.data());
  EXPECT_EQ(reply.body_owner, nullptr);
}

TEST_F(HttpHandlerTest, NeverGzipsBinaryResponses) {
  HttpResponse response = Send(http::verb::get, "/data/png",
                               {{http::field::accept_encoding, "gzip"}});
  EXPECT_EQ(response.count(http::field::content_encoding), 0u);
  EXPECT_EQ(response[http::field::content_type], "image/png");
  EXPECT_EQ(response.body(), std::string(4000, 'p'));
}

TEST_F(HttpHandlerTest, HeadHasGetHeadersAndNoBody) {
  HttpResponse get = Send(http::verb::get, "/data/csv");
  HttpResponse head = Send(http::verb::head, "/data/csv");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(head[http::field::content_length],
            get[http::field::content_length]);
  EXPECT_EQ(head[http::field::content_type], get[http::field::content_type]);
}

TEST_F(HttpHandlerTest, PostReadsQueryThenFormFields) {
  HttpResponse response =
      Send(http::verb::post, "/data/json?q=1",
           {{http::field::content_type,
             "application/x-www-form-urlencoded; charset=UTF-8"}},
           "tag=loss%2Ftrain&runs=a&runs=b+c");
  EXPECT_EQ(response.body(),
            R"([["q","1"],["tag","loss/train"],["runs","a"],["runs","b c"]])");
  // A JSON body is not form data: it stays out of the parameters.
  EXPECT_EQ(
      Send(http::verb::post, "/data/json",
           {{http::field::content_type, "application/json"}}, "{\"a\": 1}")
          .body(),
      "[]");
}

TEST_F(HttpHandlerTest, ErrorsAreJsonWithTheirStatus) {
  HttpResponse unknown = Send(http::verb::get, "/data/nope");
  EXPECT_EQ(unknown.result_int(), 404);
  EXPECT_EQ(unknown[http::field::content_type], "application/json");
  EXPECT_TRUE(nlohmann::json::parse(unknown.body()).contains("error"));
  EXPECT_EQ(Send(http::verb::get, "/data/missing").result_int(), 404);
  EXPECT_EQ(Send(http::verb::get, "/data/json?a=%zz").result_int(), 400);
  EXPECT_EQ(Send(http::verb::get, "/data/%zz").result_int(), 400);
  EXPECT_EQ(Send(http::verb::put, "/data/json").result_int(), 405);
}

TEST_F(HttpHandlerTest, NoContentHasNoBodyHeaders) {
  // RFC 9110: a 204 has no Content-Length; nor does it have a Content-Type.
  HttpResponse response = Send(http::verb::get, "/data/nothing");
  EXPECT_EQ(response.result_int(), 204);
  EXPECT_TRUE(response.body().empty());
  EXPECT_EQ(response.count(http::field::content_length), 0u);
  EXPECT_EQ(response.count(http::field::content_type), 0u);
  EXPECT_EQ(response["X-Count"], "0");
}

TEST_F(HttpHandlerTest, HandlerExceptionBecomes500) {
  HttpResponse response = Send(http::verb::get, "/data/throws");
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(nlohmann::json::parse(response.body())["error"],
            "internal error while serving /data/throws");
}

TEST_F(HttpHandlerTest, AsyncRoutesAnswerFromAnotherThread) {
  HttpResponse response = Send(http::verb::get, "/experiment/e/data/later/");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "\"/data/later\"");
  EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
}

TEST_F(HttpHandlerTest, ServesTheAppWithEtags) {
  HttpResponse index = Send(http::verb::get, "/");
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_EQ(index.body(), "<!doctype html>app");
  EXPECT_EQ(index[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(index[http::field::etag], "\"e1\"");
  EXPECT_EQ(index[http::field::cache_control], "no-cache");
  HttpResponse again =
      Send(http::verb::get, "/", {{http::field::if_none_match, "\"e1\""}});
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_TRUE(again.body().empty());
}

TEST_F(HttpHandlerTest, NoPathEscapesTheAssetSet) {
  for (const char* target :
       {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..%2f..%2fetc%2fpasswd",
        "/index.html/../../etc/passwd", "/%252e%252e%252fetc"}) {
    EXPECT_EQ(Send(http::verb::get, target).result_int(), 404) << target;
  }
}

TEST(AcceptsCodingTest, ReadsCodingsAndQualities) {
  EXPECT_TRUE(AcceptsCoding("gzip", "gzip"));
  EXPECT_TRUE(AcceptsCoding("br, GZIP;q=0.5", "gzip"));
  EXPECT_FALSE(AcceptsCoding("", "gzip"));
  EXPECT_FALSE(AcceptsCoding("deflate, br", "gzip"));
  EXPECT_FALSE(AcceptsCoding("gzip; q=0", "gzip"));
  EXPECT_TRUE(AcceptsCoding("gzip, deflate, br, zstd", "zstd"));
  EXPECT_FALSE(AcceptsCoding("gzip, deflate, br", "zstd"));
}

}  // namespace
}  // namespace tbx
