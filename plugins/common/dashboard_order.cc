// The dashboards' tag and card order; see dashboard_order.h.
#include "plugins/common/dashboard_order.h"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "absl/container/flat_hash_map.h"

namespace tbx::plugins {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Printable ASCII punctuation and symbols in the order the dashboard's collator
// sorts them (ICU's root order, as frontend/src/shell/name_order.ts states it).
constexpr std::string_view kPunctuationOrder =
    " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

// A character's rank outside digit runs: control characters, then
// punctuation in kPunctuationOrder, then other bytes, then digits, then letters
// without regard to case.
int Rank(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (c >= 'A' && c <= 'Z') return 256 + (c - 'A' + 'a');
  if ((c >= 'a' && c <= 'z') || IsDigit(c)) return 256 + u;
  const size_t punctuation = kPunctuationOrder.find(c);
  if (punctuation != std::string_view::npos && u >= 0x20)
    return 32 + static_cast<int>(punctuation);
  return u;
}

std::string_view GroupOf(std::string_view tag) {
  const size_t slash = tag.find('/');
  return slash == std::string_view::npos || slash == 0 ? tag
                                                       : tag.substr(0, slash);
}

}  // namespace

int CompareNames(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  int case_order = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      // Compare the digit runs as numbers: leading zeros skipped, then the
      // longer run is larger, then digit by digit.
      size_t ie = i, je = j;
      while (ie < a.size() && IsDigit(a[ie])) ++ie;
      while (je < b.size() && IsDigit(b[je])) ++je;
      size_t is = i, js = j;
      while (is + 1 < ie && a[is] == '0') ++is;
      while (js + 1 < je && b[js] == '0') ++js;
      if (ie - is != je - js) return ie - is < je - js ? -1 : 1;
      const int digits = a.substr(is, ie - is).compare(b.substr(js, je - js));
      if (digits != 0) return digits;
      i = ie;
      j = je;
      continue;
    }
    const int x = Rank(a[i]), y = Rank(b[j]);
    if (x != y) return x < y ? -1 : 1;
    // The first letter whose case differs, at the same place in both names
    // (after digit runs compared as numbers), decides when nothing else does.
    if (case_order == 0 && a[i] != b[j]) case_order = a[i] > b[j] ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size() || j < b.size()) return i < a.size() ? 1 : -1;
  // Equal but for case: lower case first. Equal but for leading zeros (which
  // the collator calls equal): the bytes, for a strict order.
  if (case_order != 0) return case_order;
  return a.compare(b);
}

std::vector<std::string> DashboardOrder(std::vector<std::string> tags) {
  std::sort(tags.begin(), tags.end(),
            [](const std::string& a, const std::string& b) {
              const int groups = CompareNames(GroupOf(a), GroupOf(b));
              if (groups != 0) return groups < 0;
              return CompareNames(a, b) < 0;
            });
  return tags;
}

std::vector<RunAndTag> DashboardCards(
    const RunTagMap<TagMetadata>& listing,
    const std::vector<std::string>& run_order) {
  absl::flat_hash_map<std::string_view, size_t> rank;
  for (size_t i = 0; i < run_order.size(); ++i) rank.emplace(run_order[i], i);
  // Each tag's runs as ranks in the frontend's order.
  absl::flat_hash_map<std::string_view, std::vector<size_t>> runs_of_tag;
  for (const RunTags<TagMetadata>& run : listing) {
    auto found = rank.find(run.run);
    if (found == rank.end()) continue;
    for (const auto& [tag, metadata] : run.tags) {
      std::vector<size_t>& runs = runs_of_tag[tag];
      // A run listing a tag twice has one card.
      if (runs.empty() || runs.back() != found->second)
        runs.push_back(found->second);
    }
  }
  std::vector<std::string> tags;
  tags.reserve(runs_of_tag.size());
  for (const auto& entry : runs_of_tag) tags.emplace_back(entry.first);
  std::vector<RunAndTag> cards;
  for (std::string& tag : DashboardOrder(std::move(tags))) {
    std::vector<size_t>& runs = runs_of_tag[tag];
    std::sort(runs.begin(), runs.end());
    for (size_t r : runs) cards.push_back({run_order[r], tag});
  }
  return cards;
}

}  // namespace tbx::plugins
