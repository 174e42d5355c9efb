// Bridges std::string_view and the system abseil, whose absl::string_view is
// its own type (not an alias of std::string_view): Sv() converts for absl
// string functions, and StringMap is a flat_hash_map keyed by std::string that
// can be searched with a std::string_view.
//
// Header-only, stateless; any thread.
#ifndef TBX_SRC_DATA_STRING_COMPAT_H_
#define TBX_SRC_DATA_STRING_COMPAT_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/string_view.h"

namespace tbx {

inline absl::string_view Sv(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
struct TransparentStringEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    return a == b;
  }
};

template <typename V>
using StringMap = absl::flat_hash_map<std::string, V, TransparentStringHash,
                                      TransparentStringEq>;
// Like StringMap, with values that never move.
template <typename V>
using StableStringMap =
    absl::node_hash_map<std::string, V, TransparentStringHash,
                        TransparentStringEq>;

}  // namespace tbx

#endif  // TBX_SRC_DATA_STRING_COMPAT_H_
