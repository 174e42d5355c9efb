// Where an s3:// (or gs://) logdir lives and how to reach it: the URL split
// into bucket and prefix, and the endpoint, region, addressing style and
// credentials taken from the environment as the AWS tools take them.
//
// Environment (read once, when the first s3:// path is opened):
//   AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL or S3_ENDPOINT  endpoint URL
//       (default https://s3.<region>.amazonaws.com; for gs://,
//       https://storage.googleapis.com)
//   AWS_REGION or AWS_DEFAULT_REGION   (default us-east-1; "auto" for gs://)
//   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
//   else AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials), section
//       AWS_PROFILE (default "default")
//   no credentials found, or AWS_NO_SIGN_REQUEST=true: anonymous requests
//   AWS_S3_ADDRESSING_STYLE  path | virtual (default: virtual on AWS's own
//       endpoint, path on any other endpoint)
//   TBX_S3_LIST_PAGE_SIZE  keys per ListObjectsV2 page (default 1000, S3's
//       largest; smaller values exercise paging in tests)
//
// Pure functions over their inputs; any thread.
#ifndef TBX_SRC_S3_S3_CONFIG_H_
#define TBX_SRC_S3_S3_CONFIG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "src/s3/sigv4.h"

namespace tbx::s3 {

// "s3://bucket/some/prefix" -> {"s3", "bucket", "some/prefix"}; the key never
// starts or ends with '/'.
struct ObjectUrl {
  std::string scheme;  // "s3" or "gs"
  std::string bucket;
  std::string key;
};
bool IsObjectStoreUrl(std::string_view path);  // starts with s3:// or gs://
absl::StatusOr<ObjectUrl> ParseObjectUrl(std::string_view url);

struct Endpoint {
  bool tls = true;
  std::string host;  // without port
  uint16_t port = 443;
};
absl::StatusOr<Endpoint> ParseEndpoint(std::string_view url);

struct S3Config {
  Endpoint endpoint;
  std::string region;
  bool path_style = false;
  bool anonymous = true;
  SigV4Credentials credentials;
  std::string credentials_source;  // for messages: "environment", a file
  int list_page_size = 1000;
};

// Looks a variable up; std::getenv in production, a map in tests.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;
EnvLookup ProcessEnv();

// The configuration for URLs of `scheme` ("s3" or "gs"). Fails on an
// unparsable endpoint or an unreadable credentials file that was named.
absl::StatusOr<S3Config> ConfigFromEnvironment(std::string_view scheme,
                                               const EnvLookup& env);

// The [profile] section's keys of an AWS credentials file's text; nullopt if
// the section is absent.
std::optional<SigV4Credentials> ParseCredentialsFile(std::string_view text,
                                                     std::string_view profile);

}  // namespace tbx::s3

#endif  // TBX_SRC_S3_S3_CONFIG_H_
