// AWS Signature Version 4 (SigV4) for S3 requests: the canonical request, the
// string to sign, the signing key and the Authorization header, with OpenSSL's
// SHA-256 and HMAC.
//
// Debian packages no maintained C++ SigV4 library (the AWS SDK for C++ is not
// in Debian), so this is a small signer of our own, checked against the
// signatures AWS publishes for its SigV4 test suite and its S3 examples
// (tests/s3/sigv4_test.cc).
//
// Pure functions; any thread.
#ifndef TBX_SRC_S3_SIGV4_H_
#define TBX_SRC_S3_SIGV4_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tbx::s3 {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

struct SigV4Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary credentials
};

struct SigV4Request {
  std::string method;          // "GET"
  std::string canonical_uri;   // the path as sent, already URI-encoded
  KeyValues query;             // decoded names and values, any order
  KeyValues headers;           // the headers to sign (any case, any order)
  std::string payload_sha256;  // hex SHA-256 of the body or "UNSIGNED-PAYLOAD"
};

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Raw HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);
// RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _
// . ~ is encoded (upper-case hex); '/' is kept when !encode_slash.
std::string UriEncode(std::string_view s, bool encode_slash);

// The canonical query string: names and values encoded, sorted by name.
std::string CanonicalQuery(const KeyValues& query);
// The canonical request; *signed_headers gets "host;x-amz-date;...".
std::string CanonicalRequest(const SigV4Request& request,
                             std::string* signed_headers);
// The Authorization header's value for `request` signed at `amz_date`
// ("20150830T123600Z") for `region` and `service`.
std::string Authorization(const SigV4Request& request,
                          const SigV4Credentials& credentials,
                          std::string_view region, std::string_view service,
                          std::string_view amz_date);

}  // namespace tbx::s3

#endif  // TBX_SRC_S3_SIGV4_H_
