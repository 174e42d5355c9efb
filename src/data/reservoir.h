// ReservoirBucket: TensorBoard's reservoir sampling of one time series,
// reproduced exactly. Up to `max_size` items are kept in arrival order (0 =
// keep everything). When full, item number n (0-based count of items seen)
// draws r = randint(0, n) from a Python-compatible generator seeded with 0: if
// r < max_size the item at r is removed and the new item appended, otherwise
// the new item replaces the last one, so the most recent item is always kept.
// Filter() removes items and scales the seen-count by the fraction kept
// (rounded half to even, as Python's round), exactly like TensorBoard's
// FilterItems.
//
// Not thread-safe: the owner (a run's store entry, under its lock) serialises
// access.
#ifndef TBX_SRC_DATA_RESERVOIR_H_
#define TBX_SRC_DATA_RESERVOIR_H_

#include <cmath>
#include <cstdint>
#include <vector>

#include "src/data/python_random.h"

namespace tbx {

template <typename T>
class ReservoirBucket {
 public:
  explicit ReservoirBucket(int64_t max_size)
      : max_size_(max_size), random_(0) {}

  void Add(T item) {
    if (max_size_ == 0 || static_cast<int64_t>(items_.size()) < max_size_) {
      items_.push_back(std::move(item));
    } else {
      int64_t r = random_.RandInt(0, num_items_seen_);
      if (r < max_size_) {
        items_.erase(items_.begin() + r);
        items_.push_back(std::move(item));
      } else {
        items_.back() = std::move(item);
      }
    }
    ++num_items_seen_;
  }

  // Keeps the items for which keep(item) is true. Returns how many were
  // removed.
  template <typename Pred>
  int64_t Filter(Pred keep) {
    size_t size_before = items_.size();
    std::vector<T> kept;
    kept.reserve(size_before);
    for (T& item : items_) {
      if (keep(static_cast<const T&>(item))) kept.push_back(std::move(item));
    }
    items_ = std::move(kept);
    double proportion = size_before > 0 ? static_cast<double>(items_.size()) /
                                              static_cast<double>(size_before)
                                        : 0.0;
    // std::nearbyint rounds half to even in the default rounding mode, like
    // Python's round().
    num_items_seen_ = static_cast<int64_t>(
        std::nearbyint(static_cast<double>(num_items_seen_) * proportion));
    return static_cast<int64_t>(size_before - items_.size());
  }

  const std::vector<T>& items() const { return items_; }
  int64_t num_items_seen() const { return num_items_seen_; }
  int64_t max_size() const { return max_size_; }

 private:
  int64_t max_size_;
  std::vector<T> items_;
  int64_t num_items_seen_ = 0;
  PythonRandom random_;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_RESERVOIR_H_
