// CRC-32C: both implementations on published vectors, agreement on random data,
// masking.
#include "src/data/crc32c.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace tbx::crc32c {
namespace {

using Implementation = uint32_t (*)(uint32_t, const char*, size_t);

std::vector<std::pair<const char*, Implementation>> Implementations() {
  std::vector<std::pair<const char*, Implementation>> all = {
      {"portable", &ExtendPortable}, {"dispatch", &Extend}};
  if (HardwareAvailable()) all.push_back({"sse4.2", &ExtendHardware});
  return all;
}

uint32_t Of(Implementation f, const std::string& s) {
  return f(0, s.data(), s.size());
}

TEST(Crc32cTest, MatchesRfc3720Vectors) {
  std::string zeros(32, '\0'), ones(32, '\xff'), ascending(32, 0),
      descending(32, 0);
  for (int i = 0; i < 32; ++i) {
    ascending[i] = static_cast<char>(i);
    descending[i] = static_cast<char>(31 - i);
  }
  for (auto [name, f] : Implementations()) {
    SCOPED_TRACE(name);
    EXPECT_EQ(Of(f, zeros), 0x8a9136aau);
    EXPECT_EQ(Of(f, ones), 0x62a8ab43u);
    EXPECT_EQ(Of(f, ascending), 0x46dd794eu);
    EXPECT_EQ(Of(f, descending), 0x113fdb5cu);
    EXPECT_EQ(Of(f, "123456789"), 0xe3069283u);
    EXPECT_EQ(Of(f, ""), 0u);
  }
}

TEST(Crc32cTest, HardwarePathIsUsedWhereTheCpuHasIt) {
#if defined(__x86_64__)
  // Every x86-64 machine this project targets has SSE4.2; a false here means
  // dispatch broke.
  EXPECT_TRUE(HardwareAvailable());
#else
  GTEST_SKIP() << "no SSE4.2 on this architecture";
#endif
}

TEST(Crc32cTest, ImplementationsAgreeOnRandomInputAtEveryAlignmentAndLength) {
  if (!HardwareAvailable())
    GTEST_SKIP() << "CPU lacks SSE4.2: only the table path exists";
  std::mt19937 random(42);
  std::string data(4096 + 16, '\0');
  for (char& c : data) c = static_cast<char>(random());
  for (size_t start = 0; start < 16; ++start) {
    for (size_t length :
         {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4096}) {
      const char* p = data.data() + start;
      ASSERT_EQ(ExtendPortable(0, p, length), ExtendHardware(0, p, length))
          << "start " << start << " length " << length;
    }
  }
}

TEST(Crc32cTest, ImplementationsAgreeOnLongRandomInputs) {
  if (!HardwareAvailable()) GTEST_SKIP() << "CPU lacks SSE4.2";
  std::mt19937 random(7);
  std::string data(200000, '\0');
  for (char& c : data) c = static_cast<char>(random());
  // Around and across the hardware path's three-stripe rounds (3 x 512 bytes).
  for (size_t length : {1535, 1536, 1537, 3071, 3072, 3080, 4608, 200000 - 7}) {
    ASSERT_EQ(ExtendPortable(0, data.data() + 7, length),
              ExtendHardware(0, data.data() + 7, length))
        << length;
  }
  for (int trial = 0; trial < 200; ++trial) {
    const size_t start = random() % 1000;
    const size_t length = random() % (data.size() - start);
    const uint32_t seed = random();
    ASSERT_EQ(ExtendPortable(seed, data.data() + start, length),
              ExtendHardware(seed, data.data() + start, length))
        << "start " << start << " length " << length;
  }
}

TEST(Crc32cTest, ExtendEqualsOneShotOverTheConcatenation) {
  const std::string a = "hello, ", b = "world";
  for (auto [name, f] : Implementations()) {
    SCOPED_TRACE(name);
    EXPECT_EQ(f(f(0, a.data(), a.size()), b.data(), b.size()), Of(f, a + b));
  }
}

TEST(Crc32cTest, MaskMatchesARecordWrittenByTensorBoard) {
  // The first record of an events file written by TensorBoard 2.22: length 72.
  const char length[8] = {72, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(Mask(Value(length, sizeof(length))), 0x9d4892feu);
  EXPECT_NE(Mask(Value(length, sizeof(length))), Value(length, sizeof(length)));
}

TEST(Crc32cTest, UnmaskInvertsMask) {
  for (uint32_t crc : {0u, 1u, 0x8a9136aau, 0xffffffffu, 0xa282ead8u}) {
    EXPECT_EQ(Unmask(Mask(crc)), crc);
  }
}

}  // namespace
}  // namespace tbx::crc32c
