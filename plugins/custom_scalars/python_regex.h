// Tag regular expressions with Python's re.match semantics, as the custom
// scalars /scalars route applies them: the match is anchored at the start of
// the tag only ("loss" matches "loss/train"). Patterns are compiled with
// std::regex (ECMAScript) after translating the Python spellings that differ:
// named groups (?P<name>...), \A and \Z, and leading global flags such as
// (?i). Constructs ECMAScript lacks (look-behind, (?P=name) back-references)
// make the pattern invalid. A compiled PythonRegex is immutable; any thread may
// use it.
#ifndef TBX_PLUGINS_CUSTOM_SCALARS_PYTHON_REGEX_H_
#define TBX_PLUGINS_CUSTOM_SCALARS_PYTHON_REGEX_H_

#include <regex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tbx::plugins {

class PythonRegex {
 public:
  // InvalidArgument with the compiler's reason when `pattern` does not
  // compile.
  static absl::StatusOr<PythonRegex> Compile(std::string_view pattern);

  // re.match(pattern, text) is not None.
  bool MatchesPrefix(std::string_view text) const;

 private:
  explicit PythonRegex(std::regex regex) : regex_(std::move(regex)) {}
  std::regex regex_;
};

// The ECMAScript spelling of Python pattern `pattern` and its leading flags
// (exposed for tests). Sets `*ignore_case` for a leading (?i).
absl::StatusOr<std::string> TranslatePythonPattern(std::string_view pattern,
                                                   bool* ignore_case);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_CUSTOM_SCALARS_PYTHON_REGEX_H_
