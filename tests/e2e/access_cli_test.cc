// Process-level tests of who tbx answers (Host check, token, bindings) and of
// TensorBoard's instance file, with the tbx binary run as a child process.
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "absl/strings/escaping.h"
#include "boost/asio/connect.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/beast/http/read.hpp"
#include "boost/beast/http/write.hpp"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tbx/event_writer.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/subprocess.h"

namespace tbx {
namespace {

namespace fs = std::filesystem;
namespace http = boost::beast::http;

std::string MakeDir(const std::string& name) {
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("tbx_access_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// A logdir with one scalar, so plugin routes have something to serve.
std::string MakeLogdir(const std::string& name) {
  const std::string dir = MakeDir(name);
  auto writer = EventWriter::Create(dir + "/run_a");
  EXPECT_TRUE(writer.ok());
  EXPECT_TRUE((*writer)->AddScalar("loss", 1.0, 0, 1700000000.0).ok());
  EXPECT_TRUE((*writer)->Flush().ok());
  return dir;
}

// Reads stderr up to the start-up line; returns the port, -1 if none came.
// Lines before and after it are appended to `other_lines` when given.
int ReadPort(Subprocess& tbx, std::vector<std::string>* other_lines = nullptr) {
  const std::regex banner("tbx \\S+ at http://\\S+:(\\d+)/ .*");
  std::smatch match;
  std::optional<std::string> line;
  while ((line = tbx.ReadErrLine(20000)).has_value()) {
    if (std::regex_match(*line, match, banner)) return std::stoi(match[1]);
    if (other_lines != nullptr) other_lines->push_back(*line);
  }
  return -1;
}

// Every kind of target: the app, assets, core and plugin routes, POSTs,
// unknown paths and bad requests.
const std::vector<std::pair<std::string, std::string>>& AllKindsOfTargets() {
  static const auto* targets =
      new std::vector<std::pair<std::string, std::string>>{
          {"GET", "/"},
          {"GET", "/index.html"},
          {"HEAD", "/"},
          {"GET", "/data/runs"},
          {"GET", "/data/environment"},
          {"GET", "/data/logdir"},
          {"GET", "/data/plugins_listing"},
          {"GET", "/data/status"},
          {"GET", "/data/plugin/scalars/tags"},
          {"GET", "/data/plugin/scalars/scalars?run=run_a&tag=loss"},
          {"POST", "/data/plugin/scalars/scalars_multirun"},
          {"GET", "/data/plugin/histograms/tags"},
          {"GET", "/data/plugin/images/tags"},
          {"GET", "/data/plugin/text/tags"},
          {"POST", "/data/runs"},
          {"GET", "/experiment/x/data/runs"},
          {"GET", "/no/such/route"},
          {"GET", "/data/plugin/scalars/scalars?run=%zz"},
      };
  return *targets;
}

class AccessCliTest : public ::testing::Test {
 protected:
  // Starts tbx on 127.0.0.1 with `extra` flags; returns its port.
  uint16_t Start(const std::vector<std::string>& extra,
                 std::vector<std::string>* other_lines = nullptr) {
    std::vector<std::string> argv = {TBX_BINARY, "--logdir", MakeLogdir("l"),
                                     "--port", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    tbx_ = std::make_unique<Subprocess>(argv);
    const int port = ReadPort(*tbx_, other_lines);
    EXPECT_GT(port, 0) << "no start-up line";
    return static_cast<uint16_t>(port);
  }
  // tbx listens before its first load pass ends: waits (up to 30 s) until
  // `/data/runs<query>` lists the logdir's run.
  void WaitForRun(uint16_t port, const std::string& query = "") {
    for (int i = 0; i < 300; ++i) {
      HttpResponse runs = Fetch(port, "GET", "/data/runs" + query);
      if (runs.result_int() == 200 && runs.body() != "[]") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "run_a was not listed within 30 s";
  }
  std::unique_ptr<Subprocess> tbx_;
};

TEST_F(AccessCliTest, ForeignHostIs403OnEveryRouteAndTheIndex) {
  const uint16_t port = Start({"--host", "127.0.0.1"});
  for (const auto& [method, target] : AllKindsOfTargets()) {
    HttpResponse response =
        Fetch(port, method, target,
              {{"Host", "evil.example:" + std::to_string(port)}});
    EXPECT_EQ(response.result_int(), 403) << method << " " << target;
    if (method != "HEAD") {
      EXPECT_NE(response.body().find("--allowed_host"), std::string::npos)
          << response.body();
    }
  }
  // The same targets with loopback names are not refused.
  for (const std::string& host : std::vector<std::string>{
           "127.0.0.1", "localhost:" + std::to_string(port), "[::1]:1",
           "tbx.localhost"}) {
    for (const auto& [method, target] : AllKindsOfTargets()) {
      EXPECT_NE(Fetch(port, method, target, {{"Host", host}}).result_int(), 403)
          << host << " " << target;
    }
  }
}

TEST_F(AccessCliTest, NoCorsAndNoFrameBlockingHeaders) {
  const uint16_t port = Start({"--host", "127.0.0.1"});
  for (const char* target : {"/", "/data/runs"}) {
    HttpResponse response =
        Fetch(port, "GET", target, {{"Origin", "http://evil.example"}});
    EXPECT_EQ(response.result_int(), 200);
    for (const char* header :
         {"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
          "X-Frame-Options"}) {
      EXPECT_EQ(response.count(header), 0u) << header << " on " << target;
    }
    EXPECT_EQ(std::string(response["Content-Security-Policy"])
                  .find("frame-ancestors"),
              std::string::npos);
  }
}

TEST_F(AccessCliTest, AllowedHostAdmitsNamedHostsOnly) {
  const uint16_t port =
      Start({"--host", "127.0.0.1", "--allowed_host", "evil.example,box.lab",
             "--allowed_host", "*.hub.test"});
  for (const char* host : {"evil.example", "box.lab:443", "u1.hub.test"}) {
    EXPECT_EQ(Fetch(port, "GET", "/data/runs", {{"Host", host}}).result_int(),
              200)
        << host;
  }
  EXPECT_EQ(Fetch(port, "GET", "/data/runs", {{"Host", "third.example"}})
                .result_int(),
            403);
}

TEST_F(AccessCliTest, TokenByQueryCookieAndHeader) {
  const std::string dir = MakeDir("token");
  std::ofstream(dir + "/token") << "t0k3n-abc\n";
  const uint16_t port =
      Start({"--host", "127.0.0.1", "--token_file", dir + "/token"});
  WaitForRun(port, "?token=t0k3n-abc");
  EXPECT_EQ(Fetch(port, "GET", "/data/runs").result_int(), 401);
  EXPECT_EQ(Fetch(port, "GET", "/").result_int(), 401);
  EXPECT_EQ(Fetch(port, "GET", "/data/runs?token=wrong").result_int(), 401);
  EXPECT_EQ(Fetch(port, "GET", "/data/runs", {{"Authorization", "token wrong"}})
                .result_int(),
            401);
  EXPECT_EQ(
      Fetch(port, "GET", "/data/runs", {{"Authorization", "token t0k3n-abc"}})
          .result_int(),
      200);
  EXPECT_EQ(
      Fetch(port, "GET", "/data/runs", {{"Authorization", "Bearer t0k3n-abc"}})
          .result_int(),
      200);
  // A script passing ?token= is served directly.
  HttpResponse script = Fetch(port, "GET", "/data/runs?token=t0k3n-abc");
  EXPECT_EQ(script.result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(script.body()), nlohmann::json({"run_a"}));
  // A browser opening the URL gets the cookie and the URL without the token.
  HttpResponse navigation =
      Fetch(port, "GET", "/?token=t0k3n-abc&x=1", {{"Accept", "text/html"}});
  EXPECT_EQ(navigation.result_int(), 302);
  EXPECT_EQ(navigation["Location"], "./?x=1");
  const std::string set_cookie(navigation["Set-Cookie"]);
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  EXPECT_EQ(Fetch(port, "GET", "/", {{"Cookie", cookie}}).result_int(), 200);
  EXPECT_EQ(Fetch(port, "GET", "/data/runs", {{"Cookie", cookie}}).result_int(),
            200);
  // A valid token passes the Host check.
  EXPECT_EQ(Fetch(port, "GET", "/data/runs",
                  {{"Host", "evil.example"}, {"Cookie", cookie}})
                .result_int(),
            200);
  // The token is not shown to clients.
  EXPECT_EQ(Fetch(port, "GET", "/data/environment", {{"Cookie", cookie}})
                .body()
                .find("t0k3n-abc"),
            std::string::npos);
}

TEST_F(AccessCliTest, TokenFromEnvironment) {
  setenv("TBX_TOKEN", "from-env", 1);
  const uint16_t port = Start({"--host", "127.0.0.1"});
  unsetenv("TBX_TOKEN");
  EXPECT_EQ(Fetch(port, "GET", "/data/runs").result_int(), 401);
  EXPECT_EQ(
      Fetch(port, "GET", "/data/runs", {{"Authorization", "token from-env"}})
          .result_int(),
      200);
}

TEST_F(AccessCliTest, BindAllWithoutTokenWarns) {
  std::vector<std::string> lines;
  const uint16_t port = Start({"--bind_all"});
  std::optional<std::string> warning = tbx_->ReadErrLine(5000);
  ASSERT_TRUE(warning.has_value());
  EXPECT_NE(warning->find("warning"), std::string::npos) << *warning;
  EXPECT_NE(warning->find("token"), std::string::npos) << *warning;
  // Not loopback: no Host check.
  EXPECT_EQ(
      Fetch(port, "GET", "/data/runs", {{"Host", "box.example"}}).result_int(),
      200);
}

TEST_F(AccessCliTest, BindAllWithTokenDoesNotWarn) {
  setenv("TBX_TOKEN", "x", 1);
  Start({"--bind_all"});
  unsetenv("TBX_TOKEN");
  EXPECT_FALSE(tbx_->ReadErrLine(1500).has_value());
}

bool HasIpv6Loopback() {
  std::ifstream in("/proc/net/if_inet6");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("00000000000000000000000000000001")) return true;
  }
  return false;
}

TEST_F(AccessCliTest, LocalhostListensOnIpv4AndIpv6) {
  const uint16_t port = Start({});  // the default host: localhost
  WaitForRun(port);
  EXPECT_EQ(Fetch(port, "GET", "/data/runs").result_int(), 200);
  if (!HasIpv6Loopback()) return;  // nothing more to check on this machine
  boost::asio::io_context context;
  boost::asio::ip::tcp::socket socket(context);
  socket.connect({boost::asio::ip::make_address("::1"), port});
  HttpRequest request{http::verb::get, "/data/runs", 11};
  request.set(http::field::host, "[::1]:" + std::to_string(port));
  http::write(socket, request);
  boost::beast::flat_buffer buffer;
  HttpResponse response;
  http::read(socket, buffer, response);
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(response.body()), nlohmann::json({"run_a"}));
}

// The instance file as TensorBoard's notebook launcher reads it.
class InstanceFileTest : public ::testing::TestWithParam<int> {};

TEST_P(InstanceFileTest, WrittenAfterListeningAndRemovedOnSignal) {
  const std::string tmp = MakeDir("info_tmp_" + std::to_string(GetParam()));
  const std::string logdir = MakeLogdir("info");
  const std::string out = tmp + "/stdout";
  // stdout goes to a file, to check it stays empty.
  Subprocess tbx({"/usr/bin/env", "TMPDIR=" + tmp, "/bin/sh", "-c",
                  "exec \"$0\" \"$@\" >" + out, TBX_BINARY, "--logdir", logdir,
                  "--port", "0", "--path_prefix", "/tb/"});
  std::optional<std::string> line = tbx.ReadErrLine(20000);
  ASSERT_TRUE(line.has_value());
  const fs::path info_dir = fs::path(tmp) / ".tensorboard-info";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(info_dir))
    files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  const std::string name = files[0].filename().string();
  ASSERT_TRUE(std::regex_match(name, std::regex("pid-[0-9]+\\.info")));
  std::stringstream text;
  text << std::ifstream(files[0]).rdbuf();
  ASSERT_TRUE(text.str().ends_with("}\n"));
  const nlohmann::json info = nlohmann::json::parse(text.str());
  for (const char* key :
       {"version", "path_prefix", "logdir", "db", "cache_key"}) {
    EXPECT_TRUE(info[key].is_string()) << key;
  }
  for (const char* key : {"start_time", "pid", "port"}) {
    EXPECT_TRUE(info[key].is_number_integer()) << key;
  }
  EXPECT_EQ(name, "pid-" + std::to_string(info["pid"].get<int>()) + ".info");
  EXPECT_EQ(info["path_prefix"], "/tb");
  EXPECT_EQ(info["logdir"], logdir);
  EXPECT_EQ(info["db"], "");
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  EXPECT_LE(std::abs(info["start_time"].get<int64_t>() - now), 60);
  const int port = info["port"];
  EXPECT_EQ(
      Fetch(static_cast<uint16_t>(port), "GET", "/tb/data/logdir").result_int(),
      200);
  std::string key_json;
  ASSERT_TRUE(
      absl::Base64Unescape(info["cache_key"].get<std::string>(), &key_json));
  EXPECT_EQ(key_json, "{\"arguments\":[\"--logdir\",\"" + logdir +
                          "\",\"--port\",\"0\",\"--path_prefix\",\"/tb/\"],"
                          "\"configure_kwargs\":{},\"working_directory\":\"" +
                          fs::current_path().string() + "\"}");
  EXPECT_EQ(tbx.Stop(GetParam()), 0);
  EXPECT_FALSE(fs::exists(files[0]));
  std::stringstream stdout_text;
  stdout_text << std::ifstream(out).rdbuf();
  EXPECT_EQ(stdout_text.str(), "");
}

INSTANTIATE_TEST_SUITE_P(Signals, InstanceFileTest,
                         ::testing::Values(SIGTERM, SIGINT));

TEST(InstanceFileFailureTest, FailedStartLeavesNoFile) {
  const std::string tmp = MakeDir("info_fail");
  boost::asio::io_context context;
  boost::asio::ip::tcp::acceptor taken(
      context, {boost::asio::ip::make_address("127.0.0.1"), 0});
  ProcessResult result =
      RunToExit({"/usr/bin/env", "TMPDIR=" + tmp, TBX_BINARY, "--logdir",
                 MakeLogdir("info_fail_logs"), "--port",
                 std::to_string(taken.local_endpoint().port())});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.exit_code, -1);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1);
  EXPECT_EQ(result.out, "");
  EXPECT_FALSE(fs::exists(fs::path(tmp) / ".tensorboard-info") &&
               !fs::is_empty(fs::path(tmp) / ".tensorboard-info"));
}

}  // namespace
}  // namespace tbx
