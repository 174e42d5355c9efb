// Scalar block codec; see scalar_block_codec.h.
#include "src/data/scalar_block_codec.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace tbx::scalar_codec {
namespace {

// Writes bit strings most significant bit first into a fixed buffer, 64 bits
// at a time.
class BitWriter {
 public:
  explicit BitWriter(uint8_t* out) : out_(out) {}
  // Writes the low `n` bits of `bits` (n <= 64; higher bits must be zero).
  void Write(uint64_t bits, unsigned n) {
    if (n < free_) {
      acc_ |= bits << (free_ - n);
      free_ -= n;
      return;
    }
    const unsigned rest = n - free_;
    acc_ |= bits >> rest;
    Store();
    acc_ = rest == 0 ? 0 : bits << (64 - rest);
    free_ = 64 - rest;
  }
  void Write64(uint64_t bits) { Write(bits, 64); }
  // Pads to a whole byte; returns the bytes written.
  size_t Finish() {
    for (unsigned used = 64 - free_; used > 0; used = used > 8 ? used - 8 : 0) {
      out_[size_++] = static_cast<uint8_t>(acc_ >> 56);
      acc_ <<= 8;
    }
    acc_ = 0;
    free_ = 64;
    return size_;
  }

 private:
  void Store() {
    uint64_t word = acc_;
    if constexpr (std::endian::native == std::endian::little) {
      word = __builtin_bswap64(word);
    }
    std::memcpy(out_ + size_, &word, 8);
    size_ += 8;
  }

  uint8_t* out_;
  size_t size_ = 0;
  uint64_t acc_ = 0;    // pending bits, left-aligned
  unsigned free_ = 64;  // bits of acc_ not yet used, 1..64
};

// Reads what BitWriter wrote; bytes past the end read as zero.
class BitReader {
 public:
  BitReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  // Reads `n` bits, 1 <= n <= 56.
  uint64_t Read(unsigned n) {
    const size_t byte = pos_ >> 3;
    const unsigned shift = pos_ & 7;
    pos_ += n;
    return (Load(byte) << shift) >> (64 - n);
  }
  uint64_t Read64() {
    const uint64_t high = Read(32);
    return (high << 32) | Read(32);
  }
  // The next bits, most significant first; at least 57 of them are valid.
  uint64_t Peek() const { return Load(pos_ >> 3) << (pos_ & 7); }
  void Skip(unsigned n) { pos_ += n; }
  // Counts 1 bits up to the first 0 bit or `max` ones, consuming them (and the
  // 0 when there is one).
  unsigned Ones(unsigned max) {
    const size_t byte = pos_ >> 3;
    const uint64_t word = Load(byte) << (pos_ & 7);
    unsigned ones = static_cast<unsigned>(std::countl_one(word));
    if (ones >= max) {
      pos_ += max;
      return max;
    }
    pos_ += ones + 1;
    return ones;
  }

 private:
  uint64_t Load(size_t byte) const {
    uint64_t word = 0;
    if (byte + 8 <= size_) {
      std::memcpy(&word, data_ + byte, 8);
      if constexpr (std::endian::native == std::endian::little) {
        word = __builtin_bswap64(word);
      }
      return word;
    }
    for (size_t i = 0; i < 8; ++i) {
      word <<= 8;
      if (byte + i < size_) word |= data_[byte + i];
    }
    return word;
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

uint64_t ZigZag(uint64_t v) {
  return (v << 1) ^ static_cast<uint64_t>(static_cast<int64_t>(v) >> 63);
}
uint64_t UnZigZag(uint64_t z) { return (z >> 1) ^ (0 - (z & 1)); }

// Writes `len` (<= 64) low bits of `bits`.
void WriteBits(BitWriter* w, uint64_t bits, unsigned len) {
  if (len > 0) w->Write(bits, len);
}

uint64_t ReadBits(BitReader* r, unsigned len) {
  if (len > 32) {
    const uint64_t high = r->Read(len - 32);
    return (high << 32) | r->Read(32);
  }
  return len > 0 ? r->Read(len) : 0;
}

// The cheapest `width` for writing the zigzagged differences z[0, count) as
// 0 (z = 0) | 10 + `width` bits | 11 + 6 bits of (bit width - 1) + the bits;
// returns the width (0..63) and sets *bits to the cost.
unsigned BestWidth(const uint64_t* z, uint32_t count, uint64_t* bits) {
  uint32_t with_width[65] = {};
  unsigned widest = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const auto b = static_cast<unsigned>(std::bit_width(z[i]));
    ++with_width[b];
    widest = std::max(widest, b);
  }
  // cost(width) = zeros + (2 + width) * (nonzero ones up to width bits)
  //               + the escapes' 8 + b bits for the wider ones.
  uint64_t escaped = 0;
  for (unsigned b = 1; b <= widest; ++b)
    escaped += uint64_t{with_width[b]} * (8 + b);
  uint64_t within = 0;  // nonzero differences of at most `width` bits
  unsigned best = 0;
  uint64_t best_cost = UINT64_MAX;
  // Beyond `widest` nothing is escaped and each width costs more than the one
  // before, so the search stops there.
  for (unsigned width = 0; width < 64 && width <= widest;
       ++width) {  // 6 bits hold 0..63
    if (width > 0) {
      within += with_width[width];
      escaped -= uint64_t{with_width[width]} * (8 + width);
    }
    const uint64_t cost = with_width[0] + within * (2 + width) + escaped;
    if (cost < best_cost) {
      best_cost = cost;
      best = width;
    }
  }
  *bits = best_cost;
  return best;
}

enum IntegerMode : unsigned {
  kConstant = 0,      // every delta equal: the delta alone
  kDeltaOfDelta = 1,  // the first delta, then each delta minus the one before
  kFromBase = 2,      // a base delta (the median), then each delta minus it
};

// Steps or wall-time bits: 2 bits of IntegerMode, 6 bits of width, then the
// mode's signed differences, zigzagged and written as BestWidth describes.
// The encoder picks the mode taking the fewest bits: delta-of-delta suits
// regular strides, the base delta suits jittered ones (wall times). All
// arithmetic wraps, so any int64 sequence round-trips.
size_t EncodeIntegers(const uint64_t* v, uint32_t n, uint8_t* out) {
  BitWriter w(out);
  if (n < 2) return w.Finish();
  uint64_t deltas[kMaxPoints];
  bool constant = true;
  for (uint32_t i = 1; i < n; ++i) {
    deltas[i - 1] = v[i] - v[i - 1];
    constant = constant && deltas[i - 1] == deltas[0];
  }
  const uint32_t count = n - 1;
  uint64_t z[kMaxPoints];
  uint64_t cost = 0;
  unsigned mode = kConstant;
  unsigned width = 0;
  if (constant) {
    z[0] = ZigZag(deltas[0]);
    width = BestWidth(z, 1, &cost);
  } else {
    uint64_t dod[kMaxPoints], from_base[kMaxPoints], sorted[kMaxPoints];
    dod[0] = ZigZag(deltas[0]);
    for (uint32_t i = 1; i < count; ++i)
      dod[i] = ZigZag(deltas[i] - deltas[i - 1]);
    // The median of the deltas as signed numbers.
    for (uint32_t i = 0; i < count; ++i) sorted[i] = deltas[i] ^ (1ull << 63);
    std::nth_element(sorted, sorted + count / 2, sorted + count);
    const uint64_t base = sorted[count / 2] ^ (1ull << 63);
    from_base[0] = ZigZag(base);
    for (uint32_t i = 0; i < count; ++i)
      from_base[i + 1] = ZigZag(deltas[i] - base);
    uint64_t dod_cost = 0, base_cost = 0;
    const unsigned dod_width = BestWidth(dod, count, &dod_cost);
    const unsigned base_width = BestWidth(from_base, count + 1, &base_cost);
    if (base_cost < dod_cost) {
      mode = kFromBase;
      width = base_width;
      std::copy(from_base, from_base + count + 1, z);
    } else {
      mode = kDeltaOfDelta;
      width = dod_width;
      std::copy(dod, dod + count, z);
    }
  }
  const uint32_t written =
      mode == kConstant ? 1 : (mode == kFromBase ? count + 1 : count);
  w.Write(mode, 2);
  w.Write(width, 6);
  for (uint32_t i = 0; i < written; ++i) {
    const unsigned b = static_cast<unsigned>(std::bit_width(z[i]));
    if (b == 0) {
      w.Write(0, 1);
    } else if (b <= width) {
      w.Write(0b10, 2);
      WriteBits(&w, z[i], width);
    } else {
      w.Write(0b11, 2);
      w.Write(b - 1, 6);
      WriteBits(&w, z[i], b);
    }
  }
  return w.Finish();
}

void DecodeIntegers(const uint8_t* data, size_t size, uint64_t first,
                    uint32_t n, uint64_t* out) {
  out[0] = first;
  if (n < 2) return;
  BitReader r(data, size);
  const unsigned mode = static_cast<unsigned>(r.Read(2));
  const unsigned width = static_cast<unsigned>(r.Read(6));
  auto next = [&r, width]() -> uint64_t {
    // Fast path: the whole code is within the 57 bits one Peek() gives.
    const uint64_t word = r.Peek();
    if ((word >> 63) == 0) {
      r.Skip(1);
      return 0;
    }
    if (((word >> 62) & 1) == 0) {
      if (width == 0) {
        r.Skip(2);
        return 0;
      }
      if (width <= 55) {
        r.Skip(2 + width);
        return UnZigZag((word << 2) >> (64 - width));
      }
      r.Skip(2);
      return UnZigZag(ReadBits(&r, width));
    }
    const unsigned len = static_cast<unsigned>((word << 2) >> 58) + 1;
    if (len <= 49) {
      r.Skip(8 + len);
      return UnZigZag((word << 8) >> (64 - len));
    }
    r.Skip(8);
    return UnZigZag(ReadBits(&r, len));
  };
  if (mode == kFromBase) {
    const uint64_t base = next();
    for (uint32_t i = 1; i < n; ++i) out[i] = out[i - 1] + base + next();
    return;
  }
  uint64_t delta = next();
  out[1] = first + delta;
  for (uint32_t i = 2; i < n; ++i) {
    if (mode == kDeltaOfDelta) delta += next();
    out[i] = out[i - 1] + delta;
  }
}

// Values: the first one's 64 bits, then for each the XOR with the one before:
// 0 (equal) | 10 + the meaningful bits in the previous window | 11 + 5 bits
// of leading zeros + 6 bits of (length - 1) + the meaningful bits.
size_t EncodeValues(const uint64_t* v, uint32_t n, uint8_t* out) {
  BitWriter w(out);
  w.Write64(v[0]);
  unsigned lead = 65, trail = 0;  // the current window; 65 = none yet
  for (uint32_t i = 1; i < n; ++i) {
    const uint64_t x = v[i] ^ v[i - 1];
    if (x == 0) {
      w.Write(0, 1);
      continue;
    }
    unsigned l = static_cast<unsigned>(std::countl_zero(x));
    const unsigned t = static_cast<unsigned>(std::countr_zero(x));
    if (l > 31) l = 31;
    if (lead != 65 && l >= lead && t >= trail) {
      w.Write(0b10, 2);
      const unsigned len = 64 - lead - trail;
      WriteBits(&w, x >> trail, len);
      continue;
    }
    lead = l;
    trail = t;
    const unsigned len = 64 - l - t;
    w.Write(0b11, 2);
    w.Write(l, 5);
    w.Write(len - 1, 6);
    WriteBits(&w, x >> t, len);
  }
  return w.Finish();
}

void DecodeValues(const uint8_t* data, size_t size, uint32_t n, uint64_t* out) {
  BitReader r(data, size);
  out[0] = r.Read64();
  unsigned lead = 0, trail = 0;
  for (uint32_t i = 1; i < n; ++i) {
    uint64_t word = r.Peek();
    if ((word >> 63) == 0) {
      r.Skip(1);
      out[i] = out[i - 1];
      continue;
    }
    unsigned used = 2;
    if (((word >> 62) & 1) != 0) {
      lead = static_cast<unsigned>((word << 2) >> 59);
      const unsigned len = static_cast<unsigned>((word << 7) >> 58) + 1;
      trail = 64 - lead - len;
      used = 13;
    }
    const unsigned len = 64 - lead - trail;
    if (used + len <= 57) {
      r.Skip(used + len);
      out[i] = out[i - 1] ^ (((word << used) >> (64 - len)) << trail);
    } else {
      r.Skip(used);
      out[i] = out[i - 1] ^ (ReadBits(&r, len) << trail);
    }
  }
}

void PutU16(uint8_t* p, size_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}
size_t GetU16(const uint8_t* p) { return p[0] | (size_t{p[1]} << 8); }

}  // namespace

size_t EncodeBlock(const ScalarPoint* points, uint32_t n, uint8_t* buffer) {
  uint64_t steps[kMaxPoints], walls[kMaxPoints], values[kMaxPoints];
  for (uint32_t i = 0; i < n; ++i) {
    steps[i] = static_cast<uint64_t>(points[i].step);
    walls[i] = std::bit_cast<uint64_t>(points[i].wall_time);
    values[i] = std::bit_cast<uint64_t>(points[i].value);
  }
  for (int i = 0; i < 8; ++i)
    buffer[i] = static_cast<uint8_t>(steps[0] >> (8 * i));
  size_t pos = 12;
  const size_t steps_bytes = EncodeIntegers(steps, n, buffer + pos);
  pos += steps_bytes;
  const size_t wall_bytes = EncodeIntegers(walls, n, buffer + pos + 8) + 8;
  std::memcpy(buffer + pos, &walls[0], 8);  // the first wall time's bits
  pos += wall_bytes;
  pos += EncodeValues(values, n, buffer + pos);
  PutU16(buffer + 8, steps_bytes);
  PutU16(buffer + 10, wall_bytes);
  return pos;
}

int64_t FirstStep(const uint8_t* block) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | block[i];
  return static_cast<int64_t>(v);
}

void DecodeBlock(const uint8_t* block, size_t size, uint32_t n, int64_t* steps,
                 double* wall_times, double* values) {
  const size_t steps_bytes = GetU16(block + 8);
  const size_t wall_bytes = GetU16(block + 10);
  const uint8_t* steps_at = block + 12;
  const uint8_t* walls_at = steps_at + steps_bytes;
  const uint8_t* values_at = walls_at + wall_bytes;
  uint64_t buffer[kMaxPoints];
  if (steps != nullptr) {
    DecodeIntegers(steps_at, steps_bytes,
                   static_cast<uint64_t>(FirstStep(block)), n, buffer);
    for (uint32_t i = 0; i < n; ++i) steps[i] = static_cast<int64_t>(buffer[i]);
  }
  if (wall_times != nullptr) {
    uint64_t first;
    std::memcpy(&first, walls_at, 8);
    DecodeIntegers(walls_at + 8, wall_bytes - 8, first, n, buffer);
    for (uint32_t i = 0; i < n; ++i)
      wall_times[i] = std::bit_cast<double>(buffer[i]);
  }
  if (values != nullptr) {
    DecodeValues(values_at, static_cast<size_t>(block + size - values_at), n,
                 buffer);
    for (uint32_t i = 0; i < n; ++i)
      values[i] = std::bit_cast<double>(buffer[i]);
  }
}

}  // namespace tbx::scalar_codec
