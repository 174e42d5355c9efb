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

namespace tbx {
namespace {

TEST(GzipTest, EverySizeClassRoundTrips) {
  // Window and hash sizes follow the input size; each class must still
  // round-trip.
  for (size_t size :
       {1, 100, 511, 512, 513, 4000, 20000, 40000, 70000, 300000}) {
    std::string text;
    for (size_t i = 0; text.size() < size; ++i)
      text += std::to_string(i * 7919 % 1000) + ",";
    text.resize(size);
    auto compressed = GzipCompress(text, 6);
    ASSERT_TRUE(compressed.ok()) << size;
    EXPECT_EQ(*GzipDecompress(*compressed), text) << size;
  }
}

}  // namespace
}  // namespace tbx
