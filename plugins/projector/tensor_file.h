// Reading an embedding's tensor file (EmbeddingInfo.tensor_path): either TSV
// text, one row per non-empty line and one value per tab-separated field
// (TensorBoard's format), or raw little-endian float32 in row-major order,
// whose shape must then be given by the config's tensor_shape. A file that is
// not UTF-8 text (or holds NUL bytes) is read as raw; a text file that does not
// parse as TSV is read as raw when its size fits the declared shape.
//
// Values stream from the file into the caller's buffer: nothing else the size
// of the tensor is held. ReadTensorFile appends them to a string;
// StreamTensorFile hands them out a buffer at a time. Functions are pure and
// may run on any thread; a TensorFileStream belongs to one thread at a time.
#ifndef TBX_PLUGINS_PROJECTOR_TENSOR_FILE_H_
#define TBX_PLUGINS_PROJECTOR_TENSOR_FILE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx::plugins::projector {

struct Shape2D {
  uint64_t rows = 0;
  uint64_t cols = 0;
};

// Reads the tensor at `path`. When `out` is not null, appends rows
// [0, max_rows) (every row when max_rows < 0) as float32 to it. Returns the
// shape of the whole file (of the rows read when reading stops early).
// InvalidArgument naming the line, field or size for a ragged TSV, a value
// that is not a number, an empty file, or a raw file whose size disagrees with
// `declared_shape`; on error `out` is left as it was.
absl::StatusOr<Shape2D> ReadTensorFile(
    const std::string& path, const std::vector<uint32_t>& declared_shape,
    int64_t max_rows, std::string* out);

// The float32 rows of a tensor file, produced a piece at a time.
class TensorFileStream {
 public:
  virtual ~TensorFileStream() = default;
  // How many bytes the stream produces in all (rows × cols × 4).
  virtual uint64_t size() const = 0;
  // Writes the next float32 bytes into `buffer` (at least 4 bytes) and
  // returns how many; 0 at the end. An error when the file changed since it
  // was checked.
  virtual absl::StatusOr<size_t> Next(std::span<char> buffer) = 0;
};

// Checks the tensor at `path` as ReadTensorFile does (a TSV file is parsed
// once, up to max_rows rows, without keeping values), then opens a stream of
// rows [0, max_rows) (every row when max_rows < 0), so that every error of
// the file comes before the first byte.
absl::StatusOr<std::unique_ptr<TensorFileStream>> StreamTensorFile(
    const std::string& path, const std::vector<uint32_t>& declared_shape,
    int64_t max_rows);

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_TENSOR_FILE_H_
