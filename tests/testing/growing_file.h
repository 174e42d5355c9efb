// GrowingFile: an in-memory ReadableFile whose contents a test appends to
// between reads, to play the part of an event file that a training job is still
// writing. Tests can also make the next reads fail.
//
// The test keeps a GrowingFile::Handle (shared state) and gives the file to the
// reader. Not thread-safe: the test and the reader it drives run on one thread.
#ifndef TBX_TESTS_TESTING_GROWING_FILE_H_
#define TBX_TESTS_TESTING_GROWING_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "src/data/readable_file.h"

namespace tbx::testing {

class GrowingFile final : public ReadableFile {
 public:
  // What the test holds: the bytes "on disk" and the failure script.
  struct Contents {
    std::string bytes;
    int failing_reads = 0;  // the next this-many ReadAt calls fail
    int reads = 0;          // ReadAt calls so far
  };
  using Handle = std::shared_ptr<Contents>;

  // A new, empty file and the handle that grows it.
  static std::pair<std::unique_ptr<GrowingFile>, Handle> Create(
      std::string_view initial = "");

  explicit GrowingFile(Handle contents) : contents_(std::move(contents)) {}

  absl::StatusOr<size_t> ReadAt(uint64_t offset, char* buf, size_t n) override;

 private:
  Handle contents_;
};

}  // namespace tbx::testing

#endif  // TBX_TESTS_TESTING_GROWING_FILE_H_
