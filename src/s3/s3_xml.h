// The few S3 XML replies tbx reads: a ListObjectsV2 page (keys, sizes, the
// continuation token) and an error body (Code, Message). S3's replies are
// flat and regular, so elements are found by name; entities are decoded.
//
// Pure functions; any thread.
#ifndef TBX_SRC_S3_S3_XML_H_
#define TBX_SRC_S3_S3_XML_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx::s3 {

struct ObjectInfo {
  std::string key;
  uint64_t size = 0;
};

struct ListPage {
  std::vector<ObjectInfo> objects;
  bool truncated = false;
  std::string next_token;  // NextContinuationToken when truncated
};

struct ErrorBody {
  std::string code;  // "NoSuchBucket", "AccessDenied", ...
  std::string message;
};

// Decodes &amp; &lt; &gt; &quot; &apos; and numeric character references.
std::string XmlUnescape(std::string_view text);
absl::StatusOr<ListPage> ParseListPage(std::string_view xml);
ErrorBody ParseErrorBody(std::string_view xml);

}  // namespace tbx::s3

#endif  // TBX_SRC_S3_S3_XML_H_
