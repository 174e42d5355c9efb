// Python-style tag regexes; see python_regex.h.
#include "plugins/custom_scalars/python_regex.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tbx::plugins {

absl::StatusOr<std::string> TranslatePythonPattern(std::string_view pattern,
                                                   bool* ignore_case) {
  *ignore_case = false;
  // Global flags, e.g. "(?i)" or "(?aiu)", are only allowed at the start.
  if (pattern.starts_with("(?")) {
    const size_t close = pattern.find(')');
    const std::string_view flags =
        close == std::string_view::npos ? "" : pattern.substr(2, close - 2);
    if (!flags.empty() &&
        flags.find_first_not_of("aiLmsux") == std::string_view::npos) {
      if (flags.find_first_not_of("aiu") != std::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            "unsupported global flags (?", std::string(flags), ")"));
      }
      *ignore_case = flags.find('i') != std::string_view::npos;
      pattern.remove_prefix(close + 1);
    }
  }
  std::string out;
  out.reserve(pattern.size());
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[++i];
      if (!in_class && next == 'A') {
        out.push_back('^');
      } else if (!in_class && next == 'Z') {
        out.push_back('$');
      } else {
        out.push_back('\\');
        out.push_back(next);
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out.push_back(c);
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.push_back(c);
      // A ']' right after '[' or '[^' is a literal in both dialects.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') {
        out.push_back('^');
        ++i;
      }
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
        out.append("\\]");
        ++i;
      }
      continue;
    }
    if (pattern.substr(i).starts_with("(?P<")) {
      const size_t close = pattern.find('>', i);
      if (close == std::string_view::npos) {
        return absl::InvalidArgumentError("unterminated group name");
      }
      out.push_back('(');
      i = close;
      continue;
    }
    if (pattern.substr(i).starts_with("(?P=") ||
        pattern.substr(i).starts_with("(?<")) {
      return absl::InvalidArgumentError(
          "named back-references and look-behind are not supported");
    }
    out.push_back(c);
  }
  return out;
}

absl::StatusOr<PythonRegex> PythonRegex::Compile(std::string_view pattern) {
  bool ignore_case = false;
  absl::StatusOr<std::string> translated =
      TranslatePythonPattern(pattern, &ignore_case);
  if (!translated.ok()) return translated.status();
  auto flags = std::regex::ECMAScript;
  if (ignore_case) flags |= std::regex::icase;
  try {
    return PythonRegex(std::regex(*translated, flags));
  } catch (const std::regex_error& error) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid regular expression: ", error.what()));
  }
}

bool PythonRegex::MatchesPrefix(std::string_view text) const {
  return std::regex_search(text.begin(), text.end(), regex_,
                           std::regex_constants::match_continuous);
}

}  // namespace tbx::plugins
