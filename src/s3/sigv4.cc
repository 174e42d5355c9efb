#include "src/s3/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "src/data/string_compat.h"

namespace tbx::s3 {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

// Header values are trimmed and inner runs of spaces folded to one.
std::string CanonicalValue(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : absl::StripAsciiWhitespace(Sv(value))) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         digest);
  return Hex(digest, sizeof(digest));
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
       &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string UriEncode(std::string_view s, bool encode_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' ||
        c == '~' || (c == '/' && !encode_slash)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 15]);
    }
  }
  return out;
}

std::string CanonicalQuery(const KeyValues& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(UriEncode(name, true), UriEncode(value, true));
  }
  std::sort(encoded.begin(), encoded.end());
  return absl::StrJoin(encoded, "&", [](std::string* out, const auto& kv) {
    absl::StrAppend(out, kv.first, "=", kv.second);
  });
}

std::string CanonicalRequest(const SigV4Request& request,
                             std::string* signed_headers) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : request.headers) {
    headers.emplace_back(absl::AsciiStrToLower(Sv(name)),
                         CanonicalValue(value));
  }
  std::stable_sort(
      headers.begin(), headers.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string canonical_headers;
  std::vector<std::string> names;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (i > 0 && headers[i].first == headers[i - 1].first) {
      // A repeated header: its values joined by commas on one line.
      canonical_headers.pop_back();
      absl::StrAppend(&canonical_headers, ",", headers[i].second, "\n");
      continue;
    }
    names.push_back(headers[i].first);
    absl::StrAppend(&canonical_headers, headers[i].first, ":",
                    headers[i].second, "\n");
  }
  *signed_headers = absl::StrJoin(names, ";");
  return absl::StrCat(request.method, "\n", request.canonical_uri, "\n",
                      CanonicalQuery(request.query), "\n", canonical_headers,
                      "\n", *signed_headers, "\n", request.payload_sha256);
}

std::string Authorization(const SigV4Request& request,
                          const SigV4Credentials& credentials,
                          std::string_view region, std::string_view service,
                          std::string_view amz_date) {
  std::string signed_headers;
  const std::string canonical = CanonicalRequest(request, &signed_headers);
  const std::string_view date = amz_date.substr(0, 8);
  const std::string scope = absl::StrCat(Sv(date), "/", Sv(region), "/",
                                         Sv(service), "/aws4_request");
  const std::string to_sign =
      absl::StrCat("AWS4-HMAC-SHA256\n", Sv(amz_date), "\n", scope, "\n",
                   Sha256Hex(canonical));
  std::string key =
      HmacSha256(absl::StrCat("AWS4", credentials.secret_access_key), date);
  key = HmacSha256(key, region);
  key = HmacSha256(key, service);
  key = HmacSha256(key, "aws4_request");
  const std::string mac = HmacSha256(key, to_sign);
  return absl::StrCat(
      "AWS4-HMAC-SHA256 Credential=", credentials.access_key_id, "/", scope,
      ", SignedHeaders=", signed_headers, ", Signature=",
      Hex(reinterpret_cast<const unsigned char*>(mac.data()), mac.size()));
}

}  // namespace tbx::s3
