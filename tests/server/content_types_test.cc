#include "src/server/content_types.h"

#include "gtest/gtest.h"

namespace tbx {
namespace {

TEST(ContentTypesTest, TextualTypes) {
  EXPECT_TRUE(IsTextualContentType("application/json"));
  EXPECT_TRUE(IsTextualContentType("text/csv; charset=utf-8"));
  EXPECT_TRUE(IsTextualContentType("Text/HTML"));
  EXPECT_TRUE(IsTextualContentType("image/svg+xml"));
  EXPECT_FALSE(IsTextualContentType("image/png"));
  EXPECT_FALSE(IsTextualContentType("application/octet-stream"));
  EXPECT_FALSE(IsTextualContentType("audio/wav"));
}

TEST(ContentTypesTest, CharsetOnTextButNotJson) {
  EXPECT_EQ(WithCharset("application/json"), "application/json");
  EXPECT_EQ(WithCharset("text/plain"), "text/plain; charset=utf-8");
  EXPECT_EQ(WithCharset("text/csv"), "text/csv; charset=utf-8");
  EXPECT_EQ(WithCharset("text/x-protobuf"), "text/x-protobuf");
  EXPECT_EQ(WithCharset("text/html; charset=latin1"),
            "text/html; charset=latin1");
  EXPECT_EQ(WithCharset("image/png"), "image/png");
}

TEST(ContentTypesTest, ByFileName) {
  EXPECT_EQ(ContentTypeForFileName("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeForFileName("assets/app-1234abcd.JS"),
            "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeForFileName("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeForFileName("logo.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeForFileName("font.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeForFileName("data.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace tbx
