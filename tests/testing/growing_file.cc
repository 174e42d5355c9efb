// GrowingFile: reads served from a string the test appends to.
#include "tests/testing/growing_file.h"

#include <algorithm>
#include <cstring>

namespace tbx::testing {

std::pair<std::unique_ptr<GrowingFile>, GrowingFile::Handle>
GrowingFile::Create(std::string_view initial) {
  auto contents = std::make_shared<Contents>();
  contents->bytes = std::string(initial);
  return {std::make_unique<GrowingFile>(contents), contents};
}

absl::StatusOr<size_t> GrowingFile::ReadAt(uint64_t offset, char* buf,
                                           size_t n) {
  ++contents_->reads;
  if (contents_->failing_reads > 0) {
    --contents_->failing_reads;
    return absl::UnavailableError("scripted read failure");
  }
  const std::string& bytes = contents_->bytes;
  if (offset >= bytes.size()) return 0;
  const size_t count = std::min<uint64_t>(n, bytes.size() - offset);
  std::memcpy(buf, bytes.data() + offset, count);
  return count;
}

}  // namespace tbx::testing
