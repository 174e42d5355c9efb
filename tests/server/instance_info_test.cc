// Tests of TensorBoard's instance file as tbx writes it. Expected texts were
// produced once by Python's json/base64 modules, as TensorBoard's manager
// module builds them.
#include "src/main/instance_info.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

// GCC 12 at -O3 warns that the short strings assigned to `info` below "may be
// used uninitialized" once their small-string copies are inlined (GCC bug
// 105562, a false positive). Silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace tbx {
namespace {

namespace fs = std::filesystem;

TEST(InstanceInfoTest, CacheKeyMatchesTensorBoardsForAsciiArguments) {
  EXPECT_EQ(CacheKey({"--logdir", "runs"}, "/home/u/x"),
            "eyJhcmd1bWVudHMiOlsiLS1sb2dkaXIiLCJydW5zIl0sImNvbmZpZ3VyZV9rd2Fy"
            "Z3MiOnt9LCJ3b3JraW5nX2RpcmVjdG9yeSI6Ii9ob21lL3UveCJ9");
}

TEST(InstanceInfoTest, CacheKeyEscapesAsPythonDoes) {
  // U+00FC, U+1F600 (a surrogate pair), an undecodable byte, quotes, a
  // backslash, DEL and a tab.
  const std::string odd =
      "\xc3\xbc"
      "ber \xf0\x9f\x98\x80 \xff \"q\" \\ \x7f\t";
  EXPECT_EQ(PythonJsonString(odd),
            R"("\u00fcber \ud83d\ude00 \udcff \"q\" \\ \u007f\t")");
  EXPECT_EQ(
      CacheKey({"--logdir", odd}, "/tmp/d\xc3\xa9"),
      "eyJhcmd1bWVudHMiOlsiLS1sb2dkaXIiLCJcdTAwZmNiZXIgXHVkODNkXHVkZTAwIFx1"
      "ZGNmZiBcInFcIiBcXCBcdTAwN2ZcdCJdLCJjb25maWd1cmVfa3dhcmdzIjp7fSwid29y"
      "a2luZ19kaXJlY3RvcnkiOiIvdG1wL2RcdTAwZTkifQ==");
}

TEST(InstanceInfoTest, OverlongAndSurrogateBytesAreEscapedOneByOne) {
  EXPECT_EQ(PythonJsonString("\xc0\xaf"), R"("\udcc0\udcaf")");
  EXPECT_EQ(PythonJsonString("\xed\xa0\x80"), R"("\udced\udca0\udc80")");
}

TEST(InstanceInfoTest, JsonHasSortedKeysIndentAndNewline) {
  InstanceInfo info;
  info.version = "0.1.0";
  info.start_time = 1700000000;
  info.pid = 42;
  info.port = 6006;
  info.path_prefix = "/p";
  info.logdir = "runs";
  info.cache_key = "abc";
  EXPECT_EQ(InstanceInfoJson(info),
            "{\n    \"cache_key\": \"abc\",\n    \"db\": \"\",\n    "
            "\"logdir\": \"runs\",\n    \"path_prefix\": \"/p\",\n    "
            "\"pid\": 42,\n    \"port\": 6006,\n    \"start_time\": "
            "1700000000,\n    \"version\": \"0.1.0\"\n}\n");
}

class InstanceInfoFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per test and process: CTest runs these tests in parallel,
    // and one's TearDown must not remove another's directory.
    dir_ =
        fs::path(::testing::TempDir()) /
        ("tbx_instance_info_test_" +
         std::string(
             ::testing::UnitTest::GetInstance()->current_test_info()->name()) +
         "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const char* old = getenv("TMPDIR");
    if (old != nullptr) old_tmpdir_ = old;
    setenv("TMPDIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_.has_value()) {
      setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::optional<std::string> old_tmpdir_;
};

TEST_F(InstanceInfoFileTest, TempDirectoryFollowsTmpdir) {
  EXPECT_EQ(TempDirectory(), dir_.lexically_normal().string());
}

TEST_F(InstanceInfoFileTest, WritesWorldWritableDirectoryAndRemovesFile) {
  InstanceInfo info;
  info.pid = 12345;
  info.port = 7007;
  const fs::path expected = dir_ / ".tensorboard-info" / "pid-12345.info";
  {
    const mode_t old_umask = umask(022);
    auto file = InstanceInfoFile::Write(info);
    umask(old_umask);
    ASSERT_TRUE(file.ok()) << file.status();
    EXPECT_EQ((*file)->path(), expected.string());
    std::ifstream in(expected);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), InstanceInfoJson(info));
    struct stat st;
    ASSERT_EQ(stat((dir_ / ".tensorboard-info").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0777u);
    // Nothing but the file itself is left (the temporary was renamed).
    int entries = 0;
    for (const auto& entry : fs::directory_iterator(dir_ / ".tensorboard-info"))
      entries += entry.is_regular_file();
    EXPECT_EQ(entries, 1);
    EXPECT_FALSE(fs::exists(dir_ / ".tbx-info-12345.tmp"));
  }
  EXPECT_FALSE(fs::exists(expected));
}

TEST_F(InstanceInfoFileTest, ExistingDirectoryKeepsItsMode) {
  fs::create_directories(dir_ / ".tensorboard-info");
  chmod((dir_ / ".tensorboard-info").c_str(), 0700);
  InstanceInfo info;
  info.pid = 7;
  auto file = InstanceInfoFile::Write(info);
  ASSERT_TRUE(file.ok()) << file.status();
  struct stat st;
  ASSERT_EQ(stat((dir_ / ".tensorboard-info").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
}

}  // namespace
}  // namespace tbx
