// The s3:// building blocks without a server: the SigV4 signer against AWS's
// published test-suite and S3-example signatures, the environment and
// credentials-file configuration, s3:// URLs and endpoints, and the XML
// replies.
#include <map>

#include "gtest/gtest.h"
#include "src/s3/s3_config.h"
#include "src/s3/s3_xml.h"
#include "src/s3/sigv4.h"

namespace tbx::s3 {
namespace {

constexpr char kEmpty[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// AWS's SigV4 test suite: credentials AKIDEXAMPLE, service "service",
// region us-east-1, 2015-08-30 12:36:00 UTC, host example.amazonaws.com.
const SigV4Credentials kSuite{"AKIDEXAMPLE",
                              "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};

std::string Signature(const std::string& authorization) {
  return authorization.substr(authorization.rfind('=') + 1);
}

SigV4Request SuiteRequest(std::string method, std::string uri,
                          KeyValues query = {}) {
  SigV4Request r;
  r.method = std::move(method);
  r.canonical_uri = std::move(uri);
  r.query = std::move(query);
  r.headers = {{"Host", "example.amazonaws.com"},
               {"X-Amz-Date", "20150830T123600Z"}};
  r.payload_sha256 = kEmpty;
  return r;
}

TEST(SigV4Test, SuiteGetVanilla) {
  EXPECT_EQ(Authorization(SuiteRequest("GET", "/"), kSuite, "us-east-1",
                          "service", "20150830T123600Z"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
            "service/aws4_request, SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d"
            "763fbf31");
}

TEST(SigV4Test, SuiteQueryOrderKeyCase) {
  EXPECT_EQ(Signature(Authorization(
                SuiteRequest("GET", "/",
                             {{"Param2", "value2"}, {"Param1", "value1"}}),
                kSuite, "us-east-1", "service", "20150830T123600Z")),
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4Test, SuiteUtf8Path) {
  EXPECT_EQ(Signature(Authorization(
                SuiteRequest("GET", UriEncode("/\xE1\x88\xB4", false)), kSuite,
                "us-east-1", "service", "20150830T123600Z")),
            "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
}

TEST(SigV4Test, SuitePostVanilla) {
  EXPECT_EQ(
      Signature(Authorization(SuiteRequest("POST", "/"), kSuite, "us-east-1",
                              "service", "20150830T123600Z")),
      "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

// S3's own examples: AKIAIOSFODNN7EXAMPLE, 2013-05-24, bucket examplebucket.
const SigV4Credentials kS3Example{
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};

TEST(SigV4Test, S3ExampleRangedGetObject) {
  SigV4Request r;
  r.method = "GET";
  r.canonical_uri = "/test.txt";
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"Range", "bytes=0-9"},
               {"x-amz-content-sha256", kEmpty},
               {"x-amz-date", "20130524T000000Z"}};
  r.payload_sha256 = kEmpty;
  const std::string auth =
      Authorization(r, kS3Example, "us-east-1", "s3", "20130524T000000Z");
  EXPECT_NE(auth.find("SignedHeaders=host;range;x-amz-content-sha256;"
                      "x-amz-date,"),
            std::string::npos)
      << auth;
  EXPECT_EQ(Signature(auth),
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4Test, S3ExampleListObjects) {
  SigV4Request r;
  r.method = "GET";
  r.canonical_uri = "/";
  r.query = {{"prefix", "J"}, {"max-keys", "2"}};
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"x-amz-content-sha256", kEmpty},
               {"x-amz-date", "20130524T000000Z"}};
  r.payload_sha256 = kEmpty;
  EXPECT_EQ(Signature(Authorization(r, kS3Example, "us-east-1", "s3",
                                    "20130524T000000Z")),
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4Test, UriEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(UriEncode("a-b_c.d~e/f g+h", false), "a-b_c.d~e/f%20g%2Bh");
  EXPECT_EQ(UriEncode("a/b=c", true), "a%2Fb%3Dc");
  EXPECT_EQ(CanonicalQuery({{"prefix", "run 1/"}, {"list-type", "2"}}),
            "list-type=2&prefix=run%201%2F");
}

TEST(SigV4Test, Sha256OfEmptyIsTheKnownDigest) {
  EXPECT_EQ(Sha256Hex(""), kEmpty);
}

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(S3ConfigTest, ParsesObjectUrls) {
  absl::StatusOr<ObjectUrl> url = ParseObjectUrl("s3://bucket/a/b/");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->bucket, "bucket");
  EXPECT_EQ(url->key, "a/b");
  url = ParseObjectUrl("gs://b");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->scheme, "gs");
  EXPECT_EQ(url->key, "");
  EXPECT_FALSE(ParseObjectUrl("s3:///x").ok());
  EXPECT_FALSE(ParseObjectUrl("/local/dir").ok());
}

TEST(S3ConfigTest, DefaultsToAwsVirtualHostsAndAnonymousWithoutKeys) {
  absl::StatusOr<S3Config> c =
      ConfigFromEnvironment("s3", Env({{"AWS_REGION", "eu-west-1"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->endpoint.host, "s3.eu-west-1.amazonaws.com");
  EXPECT_TRUE(c->endpoint.tls);
  EXPECT_EQ(c->endpoint.port, 443);
  EXPECT_FALSE(c->path_style);
  EXPECT_TRUE(c->anonymous);
}

TEST(S3ConfigTest, CustomEndpointIsPathStyleAndKeysComeFromTheEnvironment) {
  absl::StatusOr<S3Config> c =
      ConfigFromEnvironment("s3", Env({{"S3_ENDPOINT", "http://127.0.0.1:9000"},
                                       {"AWS_ACCESS_KEY_ID", "id"},
                                       {"AWS_SECRET_ACCESS_KEY", "secret"},
                                       {"AWS_SESSION_TOKEN", "token"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->endpoint.host, "127.0.0.1");
  EXPECT_EQ(c->endpoint.port, 9000);
  EXPECT_FALSE(c->endpoint.tls);
  EXPECT_TRUE(c->path_style);
  EXPECT_FALSE(c->anonymous);
  EXPECT_EQ(c->credentials.session_token, "token");
  c = ConfigFromEnvironment(
      "s3", Env({{"AWS_ENDPOINT_URL", "https://minio.example:9000"},
                 {"AWS_S3_ADDRESSING_STYLE", "virtual"}}));
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->path_style);
  EXPECT_FALSE(ConfigFromEnvironment(
                   "s3", Env({{"AWS_S3_ADDRESSING_STYLE", "sideways"}}))
                   .ok());
  EXPECT_FALSE(
      ConfigFromEnvironment("s3", Env({{"S3_ENDPOINT", "ftp://x"}})).ok());
  EXPECT_FALSE(
      ConfigFromEnvironment("s3", Env({{"TBX_S3_LIST_PAGE_SIZE", "0"}})).ok());
}

TEST(S3ConfigTest, GcsUsesItsXmlApiEndpoint) {
  absl::StatusOr<S3Config> c = ConfigFromEnvironment("gs", Env({}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->endpoint.host, "storage.googleapis.com");
  EXPECT_EQ(c->region, "auto");
}

TEST(S3ConfigTest, CredentialsFileProfiles) {
  const std::string text =
      "[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n"
      "# comment\n[work]\naws_access_key_id=C\naws_secret_access_key=D\n"
      "aws_session_token=E\n";
  std::optional<SigV4Credentials> d = ParseCredentialsFile(text, "default");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->access_key_id, "A");
  EXPECT_EQ(d->secret_access_key, "B");
  std::optional<SigV4Credentials> w = ParseCredentialsFile(text, "work");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->access_key_id, "C");
  EXPECT_EQ(w->session_token, "E");
  EXPECT_FALSE(ParseCredentialsFile(text, "absent").has_value());
}

TEST(S3ConfigTest, NamedCredentialsFileThatCannotBeReadIsAnError) {
  absl::StatusOr<S3Config> c = ConfigFromEnvironment(
      "s3", Env({{"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("/nonexistent/credentials"),
            std::string::npos);
}

TEST(S3XmlTest, ParsesAListingPage) {
  absl::StatusOr<ListPage> page = ParseListPage(
      "<?xml version=\"1.0\"?><ListBucketResult><Name>b</Name>"
      "<IsTruncated>true</IsTruncated><Contents><Key>run/a&amp;b</Key>"
      "<Size>12</Size></Contents><Contents><Key>x/&#xE9;</Key><Size>0</Size>"
      "</Contents><NextContinuationToken>t=1</NextContinuationToken>"
      "</ListBucketResult>");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->objects.size(), 2u);
  EXPECT_EQ(page->objects[0].key, "run/a&b");
  EXPECT_EQ(page->objects[0].size, 12u);
  EXPECT_EQ(page->objects[1].key, "x/\xC3\xA9");
  EXPECT_TRUE(page->truncated);
  EXPECT_EQ(page->next_token, "t=1");
}

TEST(S3XmlTest, RejectsReplyThatIsNotAListing) {
  EXPECT_FALSE(ParseListPage("<Error><Code>X</Code></Error>").ok());
  EXPECT_FALSE(ParseListPage("<ListBucketResult><Contents><Key>a</Key>"
                             "</Contents></ListBucketResult>")
                   .ok());
}

TEST(S3XmlTest, ParsesAnErrorBody) {
  ErrorBody e = ParseErrorBody(
      "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does "
      "not exist</Message></Error>");
  EXPECT_EQ(e.code, "NoSuchBucket");
  EXPECT_EQ(e.message, "The specified bucket does not exist");
}

}  // namespace
}  // namespace tbx::s3
