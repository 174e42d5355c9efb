// TensorBundle: reads a TensorFlow V2 checkpoint (a "tensor bundle") without
// TensorFlow. A checkpoint prefix P names `P.index`, a sorted table (see
// sorted_table.h) mapping each tensor key to a BundleEntryProto (dtype, shape,
// shard, offset, size, masked CRC-32C), plus the header under the empty key;
// and the data shards `P.data-00000-of-0000N` holding the raw little-endian
// bytes. TF2 object-based checkpoints name variables
// "<path>/.ATTRIBUTES/VARIABLE_VALUE"; their friendly names come from the
// TrackableObjectGraph stored under "_CHECKPOINTABLE_OBJECT_GRAPH".
//
// Open() reads only the index (and the object graph); tensor values are read
// on demand in chunks, so no tensor is held in memory besides what the caller
// asks for: StreamFloat32 hands out float32 rows a buffer at a time. A
// TensorBundle is immutable after Open(): any thread may read from it
// concurrently; a Float32RowStream belongs to one thread at a time.
#ifndef TBX_PLUGINS_PROJECTOR_TENSOR_BUNDLE_H_
#define TBX_PLUGINS_PROJECTOR_TENSOR_BUNDLE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx::plugins::projector {

// Where the bytes of data shards come from: files on disk, or memory in tests
// and fuzzing. Implementations must be thread-safe.
class ShardSource {
 public:
  virtual ~ShardSource() = default;
  // Reads exactly `n` bytes at `offset` of shard `shard` into `out`;
  // DataLoss when the shard is shorter (truncated), NotFound when missing.
  virtual absl::Status Read(int shard, uint64_t offset, size_t n,
                            char* out) const = 0;
};

// One tensor of the bundle.
struct BundleTensor {
  std::string key;   // the key in the index
  std::string name;  // the friendly name (object graph), else `key`
  int dtype = 0;     // tensorboard::DataType value
  std::vector<int64_t> shape;
  int shard = 0;
  uint64_t offset = 0;
  uint64_t size = 0;
  uint32_t masked_crc32c = 0;
  bool partitioned = false;  // stored as slices (not readable by tbx)
};

// The rows of one 2-D float tensor as little-endian float32, produced a piece
// at a time. Shares the bundle's shard source, so it may outlive the bundle.
class Float32RowStream {
 public:
  // How many bytes the stream produces in all (rows × cols × 4).
  uint64_t size() const { return size_; }
  // Writes the next whole float32 values into `buffer` (at least 4 bytes)
  // and returns how many bytes; 0 at the end. DataLoss when the shard
  // cannot be read any more.
  absl::StatusOr<size_t> Next(std::span<char> buffer);

 private:
  friend class TensorBundle;
  Float32RowStream() = default;

  std::shared_ptr<const ShardSource> shards_;
  int shard_ = 0;
  uint64_t offset_ = 0;  // of the tensor in its shard
  int dtype_ = 0;
  size_t element_ = 0;  // stored bytes per value
  uint64_t size_ = 0;
  uint64_t produced_ = 0;  // bytes of float32 handed out
  std::string stored_;     // stored bytes being converted
};

class TensorBundle {
 public:
  // Opens checkpoint `prefix` on disk.
  static absl::StatusOr<TensorBundle> Open(const std::string& prefix);
  // Opens a bundle from its index bytes and a source of shard bytes.
  static absl::StatusOr<TensorBundle> FromIndex(
      std::string_view index, std::shared_ptr<const ShardSource> shards);

  // Every tensor except the header, in key order.
  const std::vector<BundleTensor>& tensors() const { return tensors_; }
  // The tensor whose friendly name or key is `name`; nullptr if none.
  const BundleTensor* Find(std::string_view name) const;

  // Whether Float32Rows can convert `dtype` (float32, float64, float16,
  // bfloat16).
  static bool IsFloat(int dtype);

  // Checks that 2-D `tensor` converts to float32 (dtype, shape, entry size)
  // and the CRC of the whole tensor, reading its shard in chunks and keeping
  // none; then returns a stream of rows [0, max_rows) (all rows when
  // max_rows < 0) as float32. Every error of the stored data shows here,
  // before the first byte, unless the shard changes while it is streamed.
  absl::StatusOr<Float32RowStream> StreamFloat32(const BundleTensor& tensor,
                                                 int64_t max_rows) const;

  // Appends rows [0, max_rows) (all rows when max_rows < 0) of 2-D `tensor`
  // to `out` as little-endian float32 (StreamFloat32 drained). On error `out`
  // is left as it was.
  absl::Status AppendFloat32(const BundleTensor& tensor, int64_t max_rows,
                             std::string* out) const;

  // The value of a scalar string tensor (e.g. the object graph), CRC checked.
  absl::StatusOr<std::string> ReadScalarString(
      const BundleTensor& tensor) const;

 private:
  TensorBundle() = default;
  absl::Status NameFromObjectGraph();

  std::shared_ptr<const ShardSource> shards_;
  std::vector<BundleTensor> tensors_;
};

// The data shard file names of prefix `prefix`:
// "<prefix>.data-<shard:05>-of-<count:05>".
std::string ShardFileName(const std::string& prefix, int shard, int count);

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_TENSOR_BUNDLE_H_
