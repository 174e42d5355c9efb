// CRC-32C: a slicing-by-8 table implementation and an SSE4.2 one, chosen at run
// time.
#include "src/data/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace tbx::crc32c {
namespace {

constexpr uint32_t kPolynomial = 0x82f63b78u;  // Castagnoli, bit-reversed

using Tables = std::array<std::array<uint32_t, 256>, 8>;

// tables[0] is the classic byte-at-a-time table; tables[k][b] is the CRC of
// byte b followed by k zero bytes, which lets the loop fold eight input bytes
// per step.
constexpr Tables MakeTables() {
  Tables tables{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t crc = b;
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc >> 1) ^ ((crc & 1) ? kPolynomial : 0);
    tables[0][b] = crc;
  }
  for (uint32_t b = 0; b < 256; ++b) {
    for (int k = 1; k < 8; ++k) {
      uint32_t prev = tables[k - 1][b];
      tables[k][b] = (prev >> 8) ^ tables[0][prev & 0xff];
    }
  }
  return tables;
}

constexpr Tables kTables = MakeTables();

// The hardware path runs three independent crc32 chains over three adjacent
// stripes, which hides the instruction's latency, then joins them: CRC state
// is linear, so the state after stripes A|B equals the state after A advanced
// over kStripe zero bytes, xor the state of B alone.
constexpr size_t kStripe = 512;

// kAdvance[k][b]: the state (b << 8k) advanced over kStripe zero bytes.
constexpr size_t kAdvanceBytes = 4;
using AdvanceTables = std::array<std::array<uint32_t, 256>, kAdvanceBytes>;

constexpr AdvanceTables MakeAdvanceTables() {
  std::array<uint32_t, 32> basis{};  // each single-bit state, advanced
  for (int bit = 0; bit < 32; ++bit) {
    uint32_t c = uint32_t{1} << bit;
    for (size_t i = 0; i < kStripe; ++i) c = (c >> 8) ^ kTables[0][c & 0xff];
    basis[bit] = c;
  }
  AdvanceTables tables{};
  for (size_t k = 0; k < kAdvanceBytes; ++k) {
    for (uint32_t b = 0; b < 256; ++b) {
      uint32_t v = 0;
      for (int bit = 0; bit < 8; ++bit) {
        if ((b >> bit) & 1) v ^= basis[8 * k + bit];
      }
      tables[k][b] = v;
    }
  }
  return tables;
}

constexpr AdvanceTables kAdvance = MakeAdvanceTables();

// The CRC state `c` advanced over kStripe zero bytes.
inline uint32_t AdvanceOverStripe(uint32_t c) {
  return kAdvance[0][c & 0xff] ^ kAdvance[1][(c >> 8) & 0xff] ^
         kAdvance[2][(c >> 16) & 0xff] ^ kAdvance[3][c >> 24];
}

inline uint64_t LoadLittleEndian64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;  // x86-64 and every other target we build for is little-endian
}

ExtendFunction ChooseImplementation() {
  return HardwareAvailable() ? &ExtendHardware : &ExtendPortable;
}

}  // namespace

uint32_t ExtendPortable(uint32_t crc, const char* data, size_t n) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  uint32_t c = ~crc;
  while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7) != 0) {
    c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xff];
    --n;
  }
  while (n >= 8) {
    uint64_t word = LoadLittleEndian64(reinterpret_cast<const char*>(p)) ^ c;
    c = kTables[7][word & 0xff] ^ kTables[6][(word >> 8) & 0xff] ^
        kTables[5][(word >> 16) & 0xff] ^ kTables[4][(word >> 24) & 0xff] ^
        kTables[3][(word >> 32) & 0xff] ^ kTables[2][(word >> 40) & 0xff] ^
        kTables[1][(word >> 48) & 0xff] ^ kTables[0][word >> 56];
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xff];
    --n;
  }
  return ~c;
}

#if defined(__x86_64__)

bool HardwareAvailable() {
  static const bool available = [] {
    __builtin_cpu_init();  // in case we run before libgcc's own initializer
    return __builtin_cpu_supports("sse4.2") != 0;
  }();
  return available;
}

__attribute__((target("sse4.2"))) uint32_t ExtendHardware(uint32_t crc,
                                                          const char* data,
                                                          size_t n) {
  uint64_t c = ~crc;
  while (n >= 3 * kStripe) {
    uint64_t a = c, b = 0, d = 0;
    for (size_t i = 0; i < kStripe; i += 8) {
      a = _mm_crc32_u64(a, LoadLittleEndian64(data + i));
      b = _mm_crc32_u64(b, LoadLittleEndian64(data + kStripe + i));
      d = _mm_crc32_u64(d, LoadLittleEndian64(data + 2 * kStripe + i));
    }
    const uint32_t ab =
        AdvanceOverStripe(static_cast<uint32_t>(a)) ^ static_cast<uint32_t>(b);
    c = AdvanceOverStripe(ab) ^ static_cast<uint32_t>(d);
    data += 3 * kStripe;
    n -= 3 * kStripe;
  }
  while (n >= 8) {
    c = _mm_crc32_u64(c, LoadLittleEndian64(data));
    data += 8;
    n -= 8;
  }
  auto c32 = static_cast<uint32_t>(c);
  if (n >= 4) {
    uint32_t word;
    std::memcpy(&word, data, sizeof(word));
    c32 = _mm_crc32_u32(c32, word);
    data += 4;
    n -= 4;
  }
  while (n > 0) {
    c32 = _mm_crc32_u8(c32, static_cast<unsigned char>(*data++));
    --n;
  }
  return ~c32;
}

#else

bool HardwareAvailable() { return false; }

uint32_t ExtendHardware(uint32_t crc, const char* data, size_t n) {
  return ExtendPortable(crc, data, n);
}

#endif

ExtendFunction Implementation() {
  static const ExtendFunction implementation = ChooseImplementation();
  return implementation;
}

uint32_t Extend(uint32_t crc, const char* data, size_t n) {
  return Implementation()(crc, data, n);
}

}  // namespace tbx::crc32c
