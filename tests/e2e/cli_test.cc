// Process-level tests of the tbx command line: the binary is run as a child
// process.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "boost/asio/ip/tcp.hpp"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tbx/event_writer.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/subprocess.h"

namespace tbx {
namespace {

namespace fs = std::filesystem;

// An empty logdir in the test's temporary directory (emptied if an earlier run
// left it).
std::string MakeLogdir(const std::string& name) {
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("tbx_cli_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

size_t LineCount(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

// Reads the start-up line of a tbx serving on 127.0.0.1 under `path_prefix`
// and returns its port; -1 when no such line came.
int StartAndReadPort(Subprocess& tbx, const std::string& path_prefix = "") {
  const std::regex banner("tbx \\S+ at http://127\\.0\\.0\\.1:(\\d+)" +
                          path_prefix + "/ \\(Press CTRL\\+C to quit\\)");
  std::smatch match;
  std::optional<std::string> line;
  while ((line = tbx.ReadErrLine(20000)).has_value() &&
         !std::regex_match(*line, match, banner)) {
  }
  return line.has_value() ? std::stoi(match[1]) : -1;
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

TEST(CliTest, WithoutPortTheNextFreePortAfterATakenOneIsUsed) {
  // What TensorBoard does when 6006 is taken and no --port is given. 6006
  // itself may be taken or free on the test machine; either way tbx must
  // start on a port from 6006 to 6105 and never on the one held here.
  boost::asio::io_context context;
  boost::asio::ip::tcp::acceptor taken(context);
  taken.open(boost::asio::ip::tcp::v4());
  boost::system::error_code ignored;
  taken.bind({boost::asio::ip::make_address("127.0.0.1"), 6006}, ignored);
  const bool holding_6006 = !ignored;
  if (holding_6006) taken.listen();
  Subprocess tbx({TBX_BINARY, "--logdir", MakeLogdir("port_search"), "--host",
                  "127.0.0.1"});
  const int port = StartAndReadPort(tbx);
  ASSERT_NE(port, -1) << "no start-up line";
  EXPECT_GE(port, 6006);
  EXPECT_LE(port, 6105);
  if (holding_6006) {
    EXPECT_NE(port, 6006);
  }
  EXPECT_EQ(Fetch(port, "GET", "/data/logdir").result_int(), 200);
}

TEST(CliTest, PortZeroPrintsTheRealPortAndServes) {
  Subprocess tbx({TBX_BINARY, "--logdir", MakeLogdir("port_zero"), "--host",
                  "127.0.0.1", "--port=0", "--path_prefix", "/tb/"});
  const int port = StartAndReadPort(tbx, "/tb");
  ASSERT_NE(port, -1) << "no start-up line";
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

namespace tbx {
namespace {

TEST(CliTest, LiveWritesWakeTheChangesLongPoll) {
  const std::string logdir = MakeLogdir("live");
  auto writer = EventWriter::Create(logdir + "/run_a");
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->AddScalar("loss", 1.0, 0, 1700000000.0).ok());
  ASSERT_TRUE((*writer)->Flush().ok());

  Subprocess tbx({TBX_BINARY, "--logdir", logdir, "--host", "127.0.0.1",
                  "--port", "0", "--reload_interval", "30"});
  const int port = StartAndReadPort(tbx);
  ASSERT_GT(port, 0);
  const auto uport = static_cast<uint16_t>(port);
  // Wait for the first load, then long-poll from the generation it reached.
  nlohmann::json status;
  for (int i = 0; i < 100; ++i) {
    status = nlohmann::json::parse(Fetch(uport, "GET", "/data/status").body());
    if (status["first_load_done"] == true) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(status["first_load_done"], true);
  EXPECT_EQ(nlohmann::json::parse(Fetch(uport, "GET", "/data/runs").body()),
            nlohmann::json({"run_a"}));
  const uint64_t generation = status["generation"];

  std::thread appender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto second = EventWriter::Create(logdir + "/run_b");
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE((*second)->AddScalar("loss", 2.0, 0, 1700000100.0).ok());
    ASSERT_TRUE((*second)->Flush().ok());
  });
  const auto start = std::chrono::steady_clock::now();
  HttpResponse changed =
      Fetch(uport, "GET",
            "/data/changes?since=" + std::to_string(generation) +
                "&timeout_ms=20000");
  appender.join();
  // --reload_interval is 30 s, so only a file notification can have woken it
  // this early.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_GT(nlohmann::json::parse(changed.body())["generation"].get<uint64_t>(),
            generation);
  nlohmann::json runs;
  for (int i = 0; i < 100 && runs.size() < 2; ++i) {
    runs = nlohmann::json::parse(Fetch(uport, "GET", "/data/runs").body());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(runs, nlohmann::json({"run_a", "run_b"}));
  EXPECT_EQ(tbx.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace tbx
