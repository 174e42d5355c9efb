// Fuzzes the S3 reply parsers (a ListObjectsV2 page, an error body, entity
// decoding) on arbitrary bytes, as a misbehaving server or proxy could send:
// no crash, and decoding entities never lengthens the text.
#include <cstdlib>
#include <string_view>

#include "src/s3/s3_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(bytes), size);
  absl::StatusOr<tbx::s3::ListPage> page = tbx::s3::ParseListPage(xml);
  if (page.ok()) {
    for (const tbx::s3::ObjectInfo& object : page->objects) {
      if (object.key.size() > size) std::abort();
    }
  }
  tbx::s3::ParseErrorBody(xml);
  if (tbx::s3::XmlUnescape(xml).size() > size) std::abort();
  return 0;
}
