// Scalar block codec: the compressed form of up to kMaxPoints consecutive
// points of a scalar series, as a ScalarColumn keeps its sealed blocks.
//
// Steps and wall times are delta encoded (wall times on their IEEE bit
// patterns, so any double, NaN and infinities included, round-trips): per
// block one delta when they are all equal, else the deltas' changes
// (delta-of-delta) or their differences from the median delta, whichever is
// smaller, each in a variable-length code whose width is chosen per block; and
// values are XOR-encoded against the previous value in the manner of the
// Gorilla paper (Pelkonen et al., VLDB 2015). Everything is bit-exact: the
// decoder returns the very bits it was given, NaN payloads and -0.0 included.
//
// We write this ourselves because no packaged library fits: Debian's fpzip and
// blosc compress large float arrays as a whole (no int64 steps, no cheap
// decoding of one small block for random access), and none carries the
// Gorilla XOR scheme.
//
// Block layout (bytes): first step (8, little-endian) | steps stream length
// (2) | wall-time stream length (2) | steps stream | wall-time stream | values
// stream. Each stream is a big-endian bit string padded to a whole byte. The
// number of points is not stored: the column knows it.
//
// Stateless functions; safe from any thread.
#ifndef TBX_SRC_DATA_SCALAR_BLOCK_CODEC_H_
#define TBX_SRC_DATA_SCALAR_BLOCK_CODEC_H_

#include <cstddef>
#include <cstdint>

#include "src/data/scalar_point.h"

namespace tbx::scalar_codec {

inline constexpr uint32_t kMaxPoints = 128;
// The most bytes a block takes (a point costs at most 72 + 72 + 77 bits).
inline constexpr size_t kMaxBlockBytes = 16 + 8 + kMaxPoints * 28;

// Writes the encoding of points[0, n) (1 <= n <= kMaxPoints) to `out`, which
// has room for kMaxBlockBytes; returns the bytes written.
size_t EncodeBlock(const ScalarPoint* points, uint32_t n, uint8_t* out);

// The first step of the block starting at `block`.
int64_t FirstStep(const uint8_t* block);

// Decodes the first `n` points of the block [block, block + size) (n at most
// the number encoded). Each output may be null to skip that column; the others
// receive n entries. Reads nothing outside [block, block + size).
void DecodeBlock(const uint8_t* block, size_t size, uint32_t n, int64_t* steps,
                 double* wall_times, double* values);

}  // namespace tbx::scalar_codec

#endif  // TBX_SRC_DATA_SCALAR_BLOCK_CODEC_H_
