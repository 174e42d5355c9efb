// PythonRandom: CPython's `random.Random` generator (MT19937 seeded like
// `random.seed(int)`), with exactly the methods TensorBoard's reservoir uses:
// getrandbits, randbelow and randint. It reproduces CPython's number stream bit
// for bit, so sampling matches TensorBoard's choices.
//
// Not thread-safe: one owner at a time. Copyable (a copy continues the same
// stream).
#ifndef TBX_SRC_DATA_PYTHON_RANDOM_H_
#define TBX_SRC_DATA_PYTHON_RANDOM_H_

#include <array>
#include <cstdint>

namespace tbx {

class PythonRandom {
 public:
  // Same stream as Python's random.Random(seed) for a non-negative seed below
  // 2^64.
  explicit PythonRandom(uint64_t seed = 0);

  // One 32-bit output of MT19937 (CPython's genrand_uint32).
  uint32_t NextUint32();
  // random.getrandbits(k) for 1 <= k <= 64.
  uint64_t GetRandBits(int k);
  // random._randbelow(n) for n >= 1: rejection sampling on n.bit_length() bits.
  uint64_t RandBelow(uint64_t n);
  // random.randint(a, b), a <= b.
  int64_t RandInt(int64_t a, int64_t b);
  // random.random(): a double in [0, 1) with 53 random bits.
  double Random();

 private:
  void InitGenrand(uint32_t s);
  void InitByArray(const uint32_t* key, int key_length);

  static constexpr int kN = 624;
  std::array<uint32_t, kN> mt_;
  int index_ = kN + 1;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_PYTHON_RANDOM_H_
