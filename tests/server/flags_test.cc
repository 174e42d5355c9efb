#include "src/main/flags.h"

#include "gtest/gtest.h"

namespace tbx {
namespace {

absl::StatusOr<Flags> Parse(std::vector<std::string> args) {
  return ParseFlags(args);
}

TEST(FlagsTest, DefaultsMatchTensorBoard) {
  auto flags = Parse({});
  ASSERT_TRUE(flags.ok());
  EXPECT_EQ(flags->port, 6006);
  EXPECT_TRUE(flags->port_scan);
  EXPECT_TRUE(flags->purge_orphaned_data);
  EXPECT_EQ(flags->max_reload_threads, 0);
  EXPECT_EQ(flags->host, "");
  EXPECT_FALSE(flags->bind_all);
  EXPECT_EQ(flags->reload_interval, 5.0);
  EXPECT_EQ(flags->path_prefix, "");
}

TEST(FlagsTest, AcceptsEqualsAndSeparateValues) {
  auto flags = Parse({"--logdir", "runs", "--port=0", "--host", "127.0.0.1",
                      "--reload_interval=0.5", "--path_prefix", "/tb",
                      "--window_title=T", "--samples_per_plugin", "scalars=10",
                      "--load_fast", "false"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_EQ(flags->logdir, "runs");
  EXPECT_EQ(flags->port, 0);
  EXPECT_EQ(flags->host, "127.0.0.1");
  EXPECT_EQ(flags->reload_interval, 0.5);
  EXPECT_EQ(flags->path_prefix, "/tb");
  EXPECT_EQ(flags->window_title, "T");
  EXPECT_EQ(flags->samples_per_plugin, "scalars=10");
  EXPECT_EQ(flags->load_fast, "false");
}

TEST(FlagsTest, AnExplicitPortIsNotSearched) {
  EXPECT_FALSE(Parse({"--port=6006"})->port_scan);
  auto flags = Parse({"--port", "default"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_TRUE(flags->port_scan);
  EXPECT_EQ(flags->port, 6006);
}

TEST(FlagsTest, AcceptsTensorBoardsReloadAndDataFlags) {
  // As real launch scripts pass them, after TensorBoard's "serve" subcommand.
  auto flags = Parse(
      {"serve", "--logdir", "runs", "--reload_multifile", "true",
       "--reload_multifile_inactive_secs", "3", "--purge_orphaned_data",
       "False", "--detect_file_replacement", "true", "--max_reload_threads=4",
       "--reload_task", "blocking", "--generic_data=true", "--version_tb"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_EQ(flags->logdir, "runs");
  EXPECT_EQ(flags->reload_multifile, true);
  EXPECT_EQ(flags->reload_multifile_inactive_secs, 3);
  EXPECT_FALSE(flags->purge_orphaned_data);
  EXPECT_EQ(flags->detect_file_replacement, true);
  EXPECT_EQ(flags->max_reload_threads, 4);
  EXPECT_EQ(flags->reload_task, "blocking");
  EXPECT_EQ(flags->generic_data, "true");
  EXPECT_TRUE(flags->version);
}

TEST(FlagsTest, BooleanFlagsNeedNoValue) {
  auto flags = Parse({"--bind_all", "--load_fast", "--logdir=x"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_TRUE(flags->bind_all);
  EXPECT_EQ(flags->load_fast, "true");
  EXPECT_TRUE(Parse({"--version"})->version);
  EXPECT_TRUE(Parse({"-h"})->help);
  EXPECT_FALSE(Parse({"--bind_all=false"})->bind_all);
}

TEST(FlagsTest, RejectsBadInputWithOneLineNamingTheFlag) {
  struct Case {
    std::vector<std::string> args;
    std::string mentions;
  };
  const Case cases[] = {
      {{"--port", "abc"}, "--port"},
      {{"--port=70000"}, "--port"},
      {{"--port=-1"}, "--port"},
      {{"--reload_interval=soon"}, "--reload_interval"},
      {{"--reload_interval=-1"}, "--reload_interval"},
      {{"--bind_all=maybe"}, "--bind_all"},
      {{"--load_fast=sometimes"}, "--load_fast"},
      {{"--no_such_flag"}, "--no_such_flag"},
      {{"--logdir"}, "--logdir"},
      {{"runs"}, "runs"},
      {{"--host=::1", "--bind_all"}, "--bind_all"},
      {{"--purge_orphaned_data"}, "--purge_orphaned_data"},
      {{"--purge_orphaned_data=sometimes"}, "--purge_orphaned_data"},
      {{"--max_reload_threads=0"}, "--max_reload_threads"},
      {{"--reload_task=fork"}, "--reload_task"},
      {{"--reload_multifile_inactive_secs=-2"},
       "--reload_multifile_inactive_secs"},
      {{"--inspect"}, "does not support"},
      {{"--db=sqlite:x.db"}, "--db"},
      {{"--logdir=x", "serve"}, "serve"},
  };
  for (const Case& c : cases) {
    auto flags = Parse(c.args);
    ASSERT_FALSE(flags.ok()) << c.args[0];
    const std::string message(flags.status().message());
    EXPECT_NE(message.find(c.mentions), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(FlagsTest, HelpListsEveryFlag) {
  const std::string help = FlagsHelp();
  for (const char* name : {"--logdir",
                           "--logdir_spec",
                           "--host",
                           "--bind_all",
                           "--port",
                           "--path_prefix",
                           "--reload_interval",
                           "--samples_per_plugin",
                           "--purge_orphaned_data",
                           "--max_reload_threads",
                           "--window_title",
                           "--load_fast",
                           "--reload_multifile",
                           "--reload_multifile_inactive_secs",
                           "--detect_file_replacement",
                           "--reload_task",
                           "--generic_data",
                           "--version",
                           "--version_tb",
                           "--help"}) {
    EXPECT_NE(help.find(name), std::string::npos) << name;
  }
}

TEST(FlagsTest, JsonHoldsEveryServingFlag) {
  auto flags = Parse({"--logdir=a", "--port=7"});
  nlohmann::ordered_json json = FlagsToJson(*flags);
  EXPECT_EQ(json["logdir"], "a");
  EXPECT_EQ(json["port"], 7);
  EXPECT_TRUE(json["host"].is_null());
  EXPECT_EQ(json["reload_interval"], 5.0);
  EXPECT_EQ(json["purge_orphaned_data"], true);
  EXPECT_TRUE(json["reload_multifile"].is_null());
  // Without --port, TensorBoard's flags hold None there.
  EXPECT_TRUE(FlagsToJson(*Parse({"--logdir=a"}))["port"].is_null());
}

}  // namespace
}  // namespace tbx
