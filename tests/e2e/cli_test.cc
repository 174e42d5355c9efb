// Process-level tests of the tbx command line: the binary is run as a child
// process.
#include <signal.h>

#include <filesystem>
#include <regex>

#include "boost/asio/ip/tcp.hpp"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/http_client.h"
#include "tests/e2e/subprocess.h"

namespace tbx {
namespace {

namespace fs = std::filesystem;

// An empty logdir in the test's temporary directory.
std::string MakeLogdir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / name;
  fs::create_directories(dir);
  return dir.string();
}

size_t LineCount(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

// Asserts the "one clear line on stderr, non-zero exit" contract.
void ExpectOneLineFailure(const ProcessResult& result,
                          const std::string& mentions) {
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.exit_code, -1) << "crashed or hung";
  EXPECT_EQ(LineCount(result.err), 1u) << result.err;
  EXPECT_NE(result.err.find("tbx: error: "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(mentions), std::string::npos) << result.err;
}

TEST(CliTest, VersionPrintsAndExits) {
  ProcessResult result = RunToExit({TBX_BINARY, "--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, std::string("tbx ") + TBX_VERSION + "\n");
}

TEST(CliTest, HelpListsFlags) {
  ProcessResult result = RunToExit({TBX_BINARY, "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("--logdir"), std::string::npos);
  EXPECT_NE(result.out.find("--path_prefix"), std::string::npos);
}

TEST(CliTest, BadFlagValueIsOneLine) {
  ExpectOneLineFailure(RunToExit({TBX_BINARY, "--logdir",
                                  MakeLogdir("bad_value"), "--port", "sixty"}),
                       "--port");
  ExpectOneLineFailure(
      RunToExit({TBX_BINARY, "--logdir=x", "--reload_interval=-3"}),
      "--reload_interval");
}

TEST(CliTest, UnknownFlagIsOneLine) {
  ExpectOneLineFailure(RunToExit({TBX_BINARY, "--logdir=x", "--frobnicate"}),
                       "--frobnicate");
}

TEST(CliTest, MissingLogdirIsOneLine) {
  const std::string missing =
      (fs::path(::testing::TempDir()) / "no_such_logdir_here").string();
  ExpectOneLineFailure(RunToExit({TBX_BINARY, "--logdir", missing, "--host",
                                  "127.0.0.1", "--port", "0"}),
                       "no_such_logdir_here");
}

TEST(CliTest, PortInUseIsOneLine) {
  boost::asio::io_context context;
  boost::asio::ip::tcp::acceptor taken(
      context, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::string port = std::to_string(taken.local_endpoint().port());
  ExpectOneLineFailure(
      RunToExit({TBX_BINARY, "--logdir", MakeLogdir("port_in_use"), "--host",
                 "127.0.0.1", "--port", port}),
      port);
}

TEST(CliTest, PortZeroPrintsTheRealPortAndServes) {
  Subprocess tbx({TBX_BINARY, "--logdir", MakeLogdir("port_zero"), "--host",
                  "127.0.0.1", "--port=0", "--path_prefix", "/tb/"});
  const std::regex banner(
      R"(tbx \S+ at http://127\.0\.0\.1:(\d+)/tb/ \(Press CTRL\+C to quit\))");
  std::smatch match;
  std::optional<std::string> line;
  while ((line = tbx.ReadErrLine(20000)).has_value() &&
         !std::regex_match(*line, match, banner)) {
  }
  ASSERT_TRUE(line.has_value()) << "no start-up line";
  const int port = std::stoi(match[1]);
  EXPECT_GT(port, 0);
  EXPECT_NE(port, 6006);
  HttpResponse environment =
      Fetch(static_cast<uint16_t>(port), "GET", "/tb/data/environment");
  EXPECT_EQ(environment.result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(environment.body())["version"], TBX_VERSION);
  EXPECT_EQ(Fetch(static_cast<uint16_t>(port), "GET", "/tb/").result_int(),
            200);
  EXPECT_EQ(tbx.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace tbx
