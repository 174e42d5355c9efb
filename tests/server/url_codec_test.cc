#include "src/server/url_codec.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tbx {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(PercentDecodeTest, DecodesEscapesAndKeepsPlusInPaths) {
  EXPECT_EQ(*PercentDecode("loss%2Ftrain+x", /*plus_is_space=*/false),
            "loss/train+x");
  EXPECT_EQ(*PercentDecode("a+b%20c", /*plus_is_space=*/true), "a b c");
  EXPECT_EQ(*PercentDecode("%c3%BC", false), "\xc3\xbc");
}

TEST(PercentDecodeTest, RejectsBrokenEscapes) {
  EXPECT_FALSE(PercentDecode("abc%", false).ok());
  EXPECT_FALSE(PercentDecode("abc%4", false).ok());
  EXPECT_FALSE(PercentDecode("%zz", false).ok());
}

TEST(ParseUrlEncodedTest, KeepsOrderRepeatsAndEmptyValues) {
  auto pairs = ParseUrlEncoded("tag=loss%2Ftrain&runs=a&runs=b+c&flag&&x=");
  ASSERT_TRUE(pairs.ok());
  EXPECT_THAT(*pairs, ElementsAre(Pair("tag", "loss/train"), Pair("runs", "a"),
                                  Pair("runs", "b c"), Pair("flag", ""),
                                  Pair("x", "")));
}

TEST(ParseUrlEncodedTest, FailsOnBadEscape) {
  EXPECT_FALSE(ParseUrlEncoded("a=%G1").ok());
}

TEST(PercentEncodeTest, RoundTripsThroughDecode) {
  const std::string text = "run a/b?c=d&e%f \xc3\xbc";
  EXPECT_EQ(PercentEncode(text), "run%20a%2Fb%3Fc%3Dd%26e%25f%20%C3%BC");
  EXPECT_EQ(*PercentDecode(PercentEncode(text), true), text);
}

}  // namespace
}  // namespace tbx
