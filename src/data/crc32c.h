// CRC-32C (Castagnoli, polynomial 0x1EDC6F41 reflected as 0x82F63B78), the
// checksum of TFRecord framing, and the "masked" form TFRecord stores.
//
// Extend() picks, once per process, the SSE4.2 crc32 instruction when the CPU
// has it and a slicing-by-8 table otherwise. Both implementations are exposed
// for tests and benchmarks. All functions are pure and may be called from any
// thread.
#ifndef TBX_SRC_DATA_CRC32C_H_
#define TBX_SRC_DATA_CRC32C_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tbx::crc32c {

// Returns the CRC-32C of `crc`'s data followed by data[0, n). `crc` is the
// (unmasked) CRC of the preceding bytes; 0 for none.
uint32_t Extend(uint32_t crc, const char* data, size_t n);

inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(std::string_view data) {
  return Extend(0, data.data(), data.size());
}

// TFRecord stores CRCs rotated and offset, because a CRC of data that embeds
// CRCs is weak.
inline uint32_t Mask(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}
inline uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

// Extend's implementation for this CPU, for callers that checksum many small
// pieces (TFRecord headers and short records) and would rather look it up
// once than on every call.
using ExtendFunction = uint32_t (*)(uint32_t crc, const char* data, size_t n);
ExtendFunction Implementation();

// The table implementation; available everywhere.
uint32_t ExtendPortable(uint32_t crc, const char* data, size_t n);
// True when the CPU has SSE4.2, i.e. ExtendHardware may be called.
bool HardwareAvailable();
// The SSE4.2 implementation. REQUIRES: HardwareAvailable().
uint32_t ExtendHardware(uint32_t crc, const char* data, size_t n);

}  // namespace tbx::crc32c

#endif  // TBX_SRC_DATA_CRC32C_H_
