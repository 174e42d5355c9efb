#include "src/server/zstd_codec.h"

#include <string>

#include "gtest/gtest.h"

namespace tbx {
namespace {

TEST(ZstdCodecTest, RoundTripsAndWritesTheZstdMagic) {
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += "[1700000000.0, " + std::to_string(i) + ", 0.5], ";
  auto compressed = ZstdCompress(text, 3);
  ASSERT_TRUE(compressed.ok());
  ASSERT_GE(compressed->size(), 4u);
  // RFC 8878 frame magic 0xFD2FB528, little-endian.
  EXPECT_EQ(compressed->substr(0, 4), std::string("\x28\xb5\x2f\xfd", 4));
  EXPECT_LT(compressed->size(), text.size() / 4);
  EXPECT_EQ(*ZstdDecompress(*compressed), text);
}

TEST(ZstdCodecTest, EmptyInputRoundTrips) {
  auto compressed = ZstdCompress("", 1);
  ASSERT_TRUE(compressed.ok());
  EXPECT_EQ(*ZstdDecompress(*compressed), "");
}

TEST(ZstdCodecTest, TruncatedOrForeignInputIsAnError) {
  auto compressed = ZstdCompress(std::string(100000, 'x') + "tail", 1);
  ASSERT_TRUE(compressed.ok());
  EXPECT_FALSE(
      ZstdDecompress(compressed->substr(0, compressed->size() - 3)).ok());
  EXPECT_FALSE(ZstdDecompress("not zstd at all").ok());
  EXPECT_FALSE(ZstdDecompress("").ok());
}

}  // namespace
}  // namespace tbx
