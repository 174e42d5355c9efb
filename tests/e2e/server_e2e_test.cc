// End-to-end tests of the HTTP server: a real Server on 127.0.0.1:0 in this
// process, serving the core routes, a test plugin route and a small embedded
// app over a FakeDataProvider, exercised through real sockets.
#include <chrono>
#include <future>
#include <thread>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "src/server/change_watcher.h"
#include "src/server/core_routes.h"
#include "src/server/gzip.h"
#include "src/server/server.h"
#include "tests/e2e/http_client.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx {
namespace {

using ::tbx::testing::FakeDataProvider;
namespace http = boost::beast::http;
using Json = nlohmann::json;
using std::chrono::milliseconds;

constexpr EmbeddedAsset kAssets[] = {
    {"/index.html", "text/html; charset=utf-8",
     "<!doctype html><title>tbx</title>", "", "\"idx1\""},
    {"/assets/app-0123abcd.js", "text/javascript; charset=utf-8",
     "console.log(1)", "", "\"app1\""},
};

// Echoes its parameters as a JSON list of [name, value] pairs.
class EchoPlugin : public Plugin {
 public:
  std::string name() const override { return "echo"; }
  std::vector<Route> Routes() override {
    return {{"/data/plugin/echo/params", [](const Request& request) {
               Json pairs = Json::array();
               for (const auto& [key, value] : request.params)
                 pairs.push_back({key, value});
               return Response::Json(pairs.dump());
             }}};
  }
  FrontendMetadata Frontend() const override {
    return {"Echo", false, false, {}};
  }
  std::vector<std::string> DataPluginNames() const override { return {"echo"}; }
};

// A whole server over a fake provider, with or without a path prefix.
class TestServer {
 public:
  explicit TestServer(FakeDataProvider* provider, std::string prefix = "") {
    plugins_.push_back(std::make_unique<EchoPlugin>());
    auto server = Server::Bind(ServerOptions{"127.0.0.1", false, 0, 2});
    EXPECT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    watcher_ = std::make_unique<ChangeWatcher>(provider, server_->io_context());
    std::vector<Route> routes =
        CoreRoutes(provider, &plugins_, {"1.2.3", "/logs", "", {}});
    for (Route& route : plugins_[0]->Routes())
      routes.push_back(std::move(route));
    auto router =
        Router::Create(prefix, std::move(routes), {watcher_->Route()});
    EXPECT_TRUE(router.ok()) << router.status();
    router_ = *std::move(router);
    handler_ = std::make_unique<HttpHandler>(router_.get(), &assets_);
    server_->Start(handler_.get());
  }
  ~TestServer() {
    server_->Stop();
    watcher_.reset();
  }
  uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }

 private:
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<ChangeWatcher> watcher_;
  std::unique_ptr<Router> router_;
  StaticAssets assets_{kAssets};
  std::unique_ptr<HttpHandler> handler_;
};

class ServerE2eTest : public ::testing::Test {
 protected:
  ServerE2eTest() {
    provider_.AddRun("train", 100.0);
    provider_.AddRun("eval", 50.0);
    provider_.AddRun("empty", std::nullopt);
    provider_.AddTag("train", "loss", "echo");
    server_ = std::make_unique<TestServer>(&provider_);
  }

  HttpResponse Get(const std::string& target, const Headers& headers = {}) {
    return Fetch(server_->port(), "GET", target, headers);
  }

  FakeDataProvider provider_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(ServerE2eTest, ServesEveryCoreRoute) {
  EXPECT_EQ(Json::parse(Get("/data/runs").body()),
            Json({"eval", "train", "empty"}));
  Json environment = Json::parse(Get("/data/environment").body());
  EXPECT_EQ(environment["data_location"], "/logs");
  EXPECT_EQ(environment["version"], "1.2.3");
  EXPECT_TRUE(environment.contains("window_title"));
  Json listing = Json::parse(Get("/data/plugins_listing").body());
  EXPECT_EQ(listing["echo"]["enabled"], true);
  EXPECT_EQ(listing["echo"]["tab_name"], "Echo");
  EXPECT_EQ(Json::parse(Get("/data/logdir").body()),
            Json({{"logdir", "/logs"}}));
  EXPECT_EQ(Json::parse(Get("/data/window_properties").body()),
            Json({{"window_title", ""}}));
  EXPECT_EQ(Json::parse(Get("/data/experiments").body()), Json::array());
  EXPECT_EQ(Json::parse(Get("/data/experiment_runs").body()), Json::array());
  EXPECT_EQ(Json::parse(Get("/data/status").body())["generation"], 0);
  HttpResponse runs = Get("/data/runs");
  EXPECT_EQ(runs[http::field::content_type], "application/json");
  EXPECT_EQ(runs["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(runs[http::field::cache_control], "no-cache, must-revalidate");
}

TEST_F(ServerE2eTest, UnknownRoutesAre404AndBadTargets400) {
  EXPECT_EQ(Get("/data/does_not_exist").result_int(), 404);
  EXPECT_EQ(Get("/data/notifications").result_int(), 404);
  EXPECT_EQ(Get("/data/runs%zz").result_int(), 400);
  EXPECT_EQ(Get("/data/plugin/echo/params?a=%z1").result_int(), 400);
}

TEST_F(ServerE2eTest, HeadSendsHeadersOnly) {
  HttpResponse get = Get("/data/runs");
  HttpResponse head = Fetch(server_->port(), "HEAD", "/data/runs");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(head[http::field::content_length],
            std::to_string(get.body().size()));
  EXPECT_EQ(head[http::field::content_type], "application/json");
}

TEST_F(ServerE2eTest, GzipDecompressesToThePlainBody) {
  HttpResponse plain = Get("/data/environment");
  HttpResponse gzipped =
      Get("/data/environment", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzipped[http::field::content_encoding], "gzip");
  EXPECT_EQ(*GzipDecompress(gzipped.body()), plain.body());
}

TEST_F(ServerE2eTest, TrailingSlashAndExperimentPrefixAreIgnored) {
  const std::string runs = Get("/data/runs").body();
  EXPECT_EQ(Get("/data/runs/").body(), runs);
  EXPECT_EQ(Get("/experiment/someid/data/runs").body(), runs);
  EXPECT_EQ(Get("/experiment/someid/data/runs/").body(), runs);
}

TEST_F(ServerE2eTest, PostIsAnsweredLikeGetWithFormFields) {
  HttpResponse runs =
      Fetch(server_->port(), "POST", "/data/runs",
            {{"Content-Type", "application/x-www-form-urlencoded"}}, "x=1");
  EXPECT_EQ(runs.result_int(), 200);
  EXPECT_EQ(runs.body(), Get("/data/runs").body());
  HttpResponse echo =
      Fetch(server_->port(), "POST", "/data/plugin/echo/params?tag=t",
            {{"Content-Type", "application/x-www-form-urlencoded"}},
            "runs=a%2Fb&runs=c");
  EXPECT_EQ(Json::parse(echo.body()),
            Json::parse(R"([["tag","t"],["runs","a/b"],["runs","c"]])"));
  EXPECT_EQ(Json::parse(Get("/data/plugin/echo/params?tag=t&runs=a").body()),
            Json::parse(R"([["tag","t"],["runs","a"]])"));
}

TEST_F(ServerE2eTest, ExpectContinueGetsAnInterimResponseBeforeTheBody) {
  HttpConnection connection(server_->port());
  const std::string body = "runs=a%2Fb&runs=c";
  connection.WriteRaw(
      "POST /data/plugin/echo/params?tag=t HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  // The go-ahead comes while the body has not been sent yet.
  EXPECT_EQ(connection.ReadResponse().result_int(), 100);
  connection.WriteRaw(body);
  HttpResponse echo = connection.ReadResponse();
  EXPECT_EQ(echo.result_int(), 200);
  EXPECT_EQ(Json::parse(echo.body()),
            Json::parse(R"([["tag","t"],["runs","a/b"],["runs","c"]])"));
  // The connection stays usable.
  EXPECT_EQ(connection.Send("GET", "/data/logdir").result_int(), 200);
}

TEST_F(ServerE2eTest, PathEscapesAre404) {
  for (const char* target :
       {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..%2F..%2Fetc%2Fpasswd",
        "/assets/../../etc/passwd", "/assets/%2e%2e/index.html"}) {
    HttpConnection connection(server_->port());
    connection.WriteRaw(std::string("GET ") + target +
                        " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(connection.ReadResponse().result_int(), 404) << target;
  }
}

TEST_F(ServerE2eTest, KeepAliveServesTwoRequestsOnOneConnection) {
  HttpConnection connection(server_->port());
  HttpResponse first = connection.Send("GET", "/data/runs");
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_TRUE(first.keep_alive());
  HttpResponse second = connection.Send("GET", "/data/logdir");
  EXPECT_EQ(second.result_int(), 200);
  EXPECT_EQ(Json::parse(second.body())["logdir"], "/logs");
}

TEST_F(ServerE2eTest, PipelinedResponsesKeepRequestOrder) {
  HttpConnection connection(server_->port());
  // The long-poll answers later than the request behind it, yet its response
  // comes first.
  connection.WriteRaw(
      "GET /data/changes?since=0&timeout_ms=300 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /data/logdir HTTP/1.1\r\nHost: x\r\n\r\n");
  HttpResponse first = connection.ReadResponse();
  HttpResponse second = connection.ReadResponse();
  EXPECT_EQ(Json::parse(first.body()), Json({{"generation", 0}}));
  EXPECT_EQ(Json::parse(second.body())["logdir"], "/logs");
}

TEST_F(ServerE2eTest, StopAnswersTheRequestsInFlightFirst) {
  HttpConnection connection(server_->port());
  connection.WriteRaw(
      "GET /data/changes?since=0&timeout_ms=400 HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto start = std::chrono::steady_clock::now();
  while (server_->server().requests_in_flight() == 0) {
    ASSERT_LT(std::chrono::steady_clock::now() - start,
              std::chrono::seconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  server_->server().Stop();  // returns once the long-poll has been answered
  HttpResponse response = connection.ReadResponse();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(Json::parse(response.body()), Json({{"generation", 0}}));
  // Answered by its own timeout, well before the drain limit.
  EXPECT_LT(std::chrono::steady_clock::now() - start,
            std::chrono::milliseconds(400) +
                absl::ToChronoMilliseconds(Server::kDrainTimeout));
}

TEST_F(ServerE2eTest, ConnectionCloseIsHonoured) {
  HttpConnection connection(server_->port());
  HttpResponse response =
      connection.Send("GET", "/data/runs", {{"Connection", "close"}});
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_TRUE(connection.ClosedByPeer(2000));
}

TEST_F(ServerE2eTest, MalformedRequestGets400AndClose) {
  HttpConnection connection(server_->port());
  connection.WriteRaw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(connection.ReadResponse().result_int(), 400);
  EXPECT_TRUE(connection.ClosedByPeer(2000));
}

TEST_F(ServerE2eTest, OversizedBodyIsRejected) {
  HttpConnection connection(server_->port());
  connection.WriteRaw(
      "POST /data/runs HTTP/1.1\r\nHost: x\r\nContent-Length: " +
      std::to_string(64 * 1024 * 1024) + "\r\n\r\n");
  EXPECT_EQ(connection.ReadResponse().result_int(), 400);
}

TEST_F(ServerE2eTest, StaticAssetsUseEtags) {
  HttpResponse index = Get("/");
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_EQ(index.body(), "<!doctype html><title>tbx</title>");
  EXPECT_EQ(index[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(index.count("X-Frame-Options"), 0u);
  EXPECT_EQ(index["X-Content-Type-Options"], "nosniff");
  HttpResponse cached =
      Get("/", {{"If-None-Match", std::string(index[http::field::etag])}});
  EXPECT_EQ(cached.result_int(), 304);
  EXPECT_TRUE(cached.body().empty());
  HttpResponse script = Get("/assets/app-0123abcd.js");
  EXPECT_EQ(script[http::field::content_type],
            "text/javascript; charset=utf-8");
  EXPECT_EQ(script[http::field::cache_control],
            "public, max-age=31536000, immutable");
}

TEST_F(ServerE2eTest, ChangesLongPollWakesOnNewData) {
  const auto start = std::chrono::steady_clock::now();
  std::thread writer([this] {
    std::this_thread::sleep_for(milliseconds(200));
    provider_.BumpGeneration();
  });
  HttpResponse response = Get("/data/changes?since=0&timeout_ms=20000");
  writer.join();
  EXPECT_EQ(Json::parse(response.body()), Json({{"generation", 1}}));
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(5000));
  EXPECT_EQ(Get("/data/changes?since=x").result_int(), 400);
}

TEST_F(ServerE2eTest, ManyLongPollsDoNotStarveOtherRequests) {
  constexpr int kPolls = 64;  // far more than the server's 2 I/O threads
  std::vector<std::unique_ptr<HttpConnection>> polls;
  for (int i = 0; i < kPolls; ++i) {
    polls.push_back(std::make_unique<HttpConnection>(server_->port()));
    polls.back()->WriteRaw(
        "GET /data/changes?since=0&timeout_ms=20000 HTTP/1.1\r\nHost: "
        "x\r\n\r\n");
  }
  std::this_thread::sleep_for(milliseconds(100));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Get("/data/runs").result_int(), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(2000));
  provider_.BumpGeneration();
  for (auto& poll : polls) {
    EXPECT_EQ(Json::parse(poll->ReadResponse().body()),
              Json({{"generation", 1}}));
  }
}

TEST(ServerPrefixE2eTest, ServesEverythingUnderThePrefixOnly) {
  FakeDataProvider provider;
  provider.AddRun("a", 1.0);
  TestServer server(&provider, "/tb");
  EXPECT_EQ(Fetch(server.port(), "GET", "/tb/data/runs").body(), R"(["a"])");
  EXPECT_EQ(Fetch(server.port(), "GET", "/tb/experiment/x/data/runs/").body(),
            R"(["a"])");
  EXPECT_EQ(Fetch(server.port(), "GET", "/data/runs").result_int(), 404);
  EXPECT_EQ(Fetch(server.port(), "GET", "/").result_int(), 404);
  HttpResponse index = Fetch(server.port(), "GET", "/tb/");
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_EQ(index.body(), "<!doctype html><title>tbx</title>");
  EXPECT_EQ(Fetch(server.port(), "GET", "/tb/assets/app-0123abcd.js").body(),
            "console.log(1)");
}

TEST(ServerBindTest, PortInUseIsAClearError) {
  auto first = Server::Bind(ServerOptions{"127.0.0.1", false, 0, 1});
  ASSERT_TRUE(first.ok());
  auto second =
      Server::Bind(ServerOptions{"127.0.0.1", false, (*first)->port(), 1});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  const std::string message(second.status().message());
  EXPECT_NE(message.find(std::to_string((*first)->port())), std::string::npos)
      << message;
  EXPECT_NE(message.find("in use"), std::string::npos) << message;
}

TEST(ServerBindTest, UnresolvableHostIsAClearError) {
  auto server =
      Server::Bind(ServerOptions{"no-such-host.invalid", false, 0, 1});
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("no-such-host.invalid"),
            std::string::npos);
}

}  // namespace
}  // namespace tbx
