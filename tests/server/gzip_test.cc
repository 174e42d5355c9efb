#include "src/server/gzip.h"

#include <string>

#include "gtest/gtest.h"

namespace tbx {
namespace {

TEST(GzipTest, RoundTripsAndWritesTheGzipMagic) {
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += "[1700000000.0, " + std::to_string(i) + ", 0.5], ";
  auto compressed = GzipCompress(text, 6);
  ASSERT_TRUE(compressed.ok());
  ASSERT_GE(compressed->size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>((*compressed)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*compressed)[1]), 0x8b);
  EXPECT_LT(compressed->size(), text.size() / 4);
  EXPECT_EQ(*GzipDecompress(*compressed), text);
}

TEST(GzipTest, EmptyInputRoundTrips) {
  auto compressed = GzipCompress("", 9);
  ASSERT_TRUE(compressed.ok());
  EXPECT_EQ(*GzipDecompress(*compressed), "");
}

TEST(GzipTest, TruncatedOrForeignInputIsAnError) {
  auto compressed = GzipCompress(std::string(10000, 'x'), 1);
  ASSERT_TRUE(compressed.ok());
  EXPECT_FALSE(
      GzipDecompress(compressed->substr(0, compressed->size() / 2)).ok());
  EXPECT_FALSE(GzipDecompress("not gzip at all").ok());
}

}  // namespace
}  // namespace tbx
