// End-to-end tests of the HTTP server: a real Server on 127.0.0.1:0 in this
// process, serving the core routes, a test plugin route and a small embedded
// app over a FakeDataProvider, exercised through real sockets.
#include <atomic>
#include <chrono>
#include <cstring>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "boost/asio/read.hpp"
#include "boost/asio/write.hpp"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "src/server/change_watcher.h"
#include "src/server/core_routes.h"
#include "src/server/gzip.h"
#include "src/server/server.h"
#include "src/server/zstd_codec.h"
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

// Byte `i` of every streamed test body.
char PatternByte(uint64_t i) {
  return static_cast<char>((i * 2654435761u) >> 13);
}

// The bytes a streamed body of `size` should hold, built without the server.
std::string PatternBody(uint64_t size) {
  std::string body(size, '\0');
  for (uint64_t i = 0; i < size; ++i) body[i] = PatternByte(i);
  return body;
}

// How many stream producers exist, and how many times one was called.
std::atomic<int> live_producers{0};
std::atomic<int> producer_calls{0};

// Counts itself in live_producers while it lives.
struct ProducerLife {
  ProducerLife() { ++live_producers; }
  ~ProducerLife() { --live_producers; }
};

// GET /data/plugin/echo/stream?size=N[&piece=P][&fail_at=F]: a streamed body
// of N pattern bytes, at most P bytes per call, failing once F bytes are out.
Response StreamRoute(const Request& request) {
  uint64_t size = 0, piece = UINT64_MAX, fail_at = UINT64_MAX;
  if (!absl::SimpleAtoi(request.Param("size").value_or(""), &size))
    return Response::BadRequest("size must be a non-negative integer");
  if (auto p = request.Param("piece"); p && !absl::SimpleAtoi(*p, &piece))
    return Response::BadRequest("bad piece");
  if (auto f = request.Param("fail_at"); f && !absl::SimpleAtoi(*f, &fail_at))
    return Response::BadRequest("bad fail_at");
  auto life = std::make_shared<ProducerLife>();
  auto position = std::make_shared<uint64_t>(0);
  return Response::Stream(
      "application/octet-stream", size,
      [life, position, piece,
       fail_at](std::span<char> buffer) -> absl::StatusOr<size_t> {
        ++producer_calls;
        if (*position >= fail_at) return absl::DataLossError("test failure");
        const size_t n =
            static_cast<size_t>(std::min<uint64_t>(buffer.size(), piece));
        for (size_t k = 0; k < n; ++k) buffer[k] = PatternByte(*position + k);
        *position += n;
        return n;
      });
}

// 1 MB of JSON text, not all alike (so that compression has work to do).
std::string KeptText() {
  std::string text = "[";
  for (int i = 0; text.size() < (1 << 20); ++i)
    text += std::to_string(i * 7919 % 100003) + ",";
  text.back() = ']';
  return text;
}

// Echoes its parameters as a JSON list of [name, value] pairs; streams test
// bodies.
class EchoPlugin : public Plugin {
 public:
  std::string name() const override { return "echo"; }
  std::vector<Route> Routes() override {
    return {{"/data/plugin/echo/params",
             [](const Request& request) {
               Json pairs = Json::array();
               for (const auto& [key, value] : request.params)
                 pairs.push_back({key, value});
               return Response::Json(pairs.dump());
             }},
            {"/data/plugin/echo/stream", StreamRoute},
            {"/data/plugin/echo/kept", [](const Request&) {
               // A kept answer of 1 MB (as a /series answer is kept), sent
               // from the cache's string (HttpReply::shared_body).
               static const auto kept =
                   std::make_shared<const std::string>(KeptText());
               Response response;
               response.kept_body = kept;
               return response;
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

TEST_F(ServerE2eTest, KeptBodiesArriveWholePlainAndCompressed) {
  const std::string kept = KeptText();
  HttpResponse plain = Get("/data/plugin/echo/kept");
  EXPECT_EQ(plain.result_int(), 200);
  EXPECT_EQ(plain[boost::beast::http::field::content_length],
            std::to_string(kept.size()));
  EXPECT_EQ(plain.body(), kept);
  for (int i = 0; i < 2; ++i) {  // compressed, then the kept compressed form
    HttpResponse zstd =
        Get("/data/plugin/echo/kept", {{"Accept-Encoding", "zstd"}});
    EXPECT_EQ(zstd[boost::beast::http::field::content_encoding], "zstd");
    EXPECT_LT(zstd.body().size(), kept.size() / 2);
    EXPECT_EQ(*ZstdDecompress(zstd.body()), kept);
  }
  // Pipelined behind each other and behind a plain answer on one connection.
  HttpConnection connection(server_->port());
  connection.WriteRaw(
      "GET /data/plugin/echo/kept HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /data/logdir HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /data/plugin/echo/kept HTTP/1.1\r\nHost: x\r\n"
      "Accept-Encoding: gzip\r\n\r\n");
  EXPECT_EQ(connection.ReadResponse().body(), kept);
  EXPECT_EQ(Json::parse(connection.ReadResponse().body())["logdir"], "/logs");
  EXPECT_EQ(*GzipDecompress(connection.ReadResponse().body()), kept);
}

// Waits up to 5 s for every stream producer to have been destroyed.
bool ProducersReleased() {
  const auto start = std::chrono::steady_clock::now();
  while (live_producers.load() != 0) {
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(5))
      return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return true;
}

TEST_F(ServerE2eTest, StreamedBodyArrivesWholeWithItsLength) {
  // Several server buffers, the producer filling each in odd-sized pieces.
  constexpr uint64_t kSize = 3 * 256 * 1024 + 12345;
  HttpResponse response =
      Get("/data/plugin/echo/stream?size=" + std::to_string(kSize) +
              "&piece=100003",
          {{"Accept-Encoding", "gzip, zstd"}});
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[http::field::content_length], std::to_string(kSize));
  EXPECT_EQ(response[http::field::content_type], "application/octet-stream");
  EXPECT_EQ(response[http::field::content_encoding], "");
  EXPECT_EQ(response[http::field::etag], "");
  EXPECT_TRUE(response.body() == PatternBody(kSize));
  EXPECT_TRUE(ProducersReleased());
}

TEST_F(ServerE2eTest, EmptyStreamedBodyAndKeepAlive) {
  HttpConnection connection(server_->port());
  HttpResponse empty =
      connection.Send("GET", "/data/plugin/echo/stream?size=0");
  EXPECT_EQ(empty.result_int(), 200);
  EXPECT_EQ(empty[http::field::content_length], "0");
  EXPECT_TRUE(empty.body().empty());
  // A streamed body, then an ordinary response on the same connection.
  HttpResponse streamed =
      connection.Send("GET", "/data/plugin/echo/stream?size=70000&piece=999");
  EXPECT_TRUE(streamed.body() == PatternBody(70000));
  EXPECT_EQ(Json::parse(connection.Send("GET", "/data/logdir").body()),
            Json({{"logdir", "/logs"}}));
  EXPECT_TRUE(ProducersReleased());
}

TEST_F(ServerE2eTest, PipelinedStreamedBodiesKeepRequestOrder) {
  HttpConnection connection(server_->port());
  connection.WriteRaw(
      "GET /data/plugin/echo/stream?size=300000&piece=4096 HTTP/1.1\r\n"
      "Host: x\r\n\r\n"
      "GET /data/logdir HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /data/plugin/echo/stream?size=5 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(connection.ReadResponse().body() == PatternBody(300000));
  EXPECT_EQ(Json::parse(connection.ReadResponse().body())["logdir"], "/logs");
  EXPECT_EQ(connection.ReadResponse().body(), PatternBody(5));
}

TEST_F(ServerE2eTest, HeadOfAStreamedBodyGivesItsLengthWithoutProducing) {
  const int calls = producer_calls.load();
  HttpResponse head =
      Fetch(server_->port(), "HEAD", "/data/plugin/echo/stream?size=5000000");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[http::field::content_length], "5000000");
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(producer_calls.load(), calls);
  EXPECT_TRUE(ProducersReleased());
}

TEST_F(ServerE2eTest, ErrorBeforeStreamingIsJson) {
  HttpResponse response = Get("/data/plugin/echo/stream?size=x");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(Json::parse(response.body()),
            Json({{"error", "size must be a non-negative integer"}}));
}

// Reads from `socket` until the peer closes it (or 5 s pass); returns the
// bytes read.
std::string ReadUntilClosed(boost::asio::ip::tcp::socket& socket) {
  std::string bytes;
  char chunk[65536];
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
    boost::system::error_code error;
    const size_t n = socket.read_some(boost::asio::buffer(chunk), error);
    bytes.append(chunk, n);
    if (error) break;
  }
  return bytes;
}

TEST_F(ServerE2eTest, ProducerFailureCutsTheBodyShortAndCloses) {
  boost::asio::io_context context;
  boost::asio::ip::tcp::socket socket(context);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), server_->port()});
  const std::string request =
      "GET /data/plugin/echo/stream?size=2000000&fail_at=600000 HTTP/1.1\r\n"
      "Host: x\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));
  const std::string bytes = ReadUntilClosed(socket);
  const size_t header_end = bytes.find("\r\n\r\n");
  ASSERT_NE(header_end, std::string::npos);
  EXPECT_NE(bytes.find("Content-Length: 2000000"), std::string::npos);
  const std::string body = bytes.substr(header_end + 4);
  // Whatever arrived is the right prefix, and it is short.
  EXPECT_GE(body.size(), 600000u);
  EXPECT_LT(body.size(), 2000000u);
  EXPECT_TRUE(body == PatternBody(body.size()));
  EXPECT_TRUE(ProducersReleased());
  EXPECT_EQ(Get("/data/logdir").result_int(), 200);
}

TEST_F(ServerE2eTest, ClientLeavingMidStreamReleasesTheProducer) {
  for (int round = 0; round < 3; ++round) {
    boost::asio::io_context context;
    boost::asio::ip::tcp::socket socket(context);
    socket.connect(
        {boost::asio::ip::make_address("127.0.0.1"), server_->port()});
    const std::string request =
        "GET /data/plugin/echo/stream?size=200000000 HTTP/1.1\r\n"
        "Host: x\r\n\r\n";
    boost::asio::write(socket, boost::asio::buffer(request));
    std::string some(100000, '\0');
    boost::asio::read(socket, boost::asio::buffer(some));
    EXPECT_EQ(some.substr(0, 15), "HTTP/1.1 200 OK");
    socket.close();  // 200 MB unread
  }
  EXPECT_TRUE(ProducersReleased());
  EXPECT_EQ(Get("/data/logdir").result_int(), 200);
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
