// Small ASCII text helpers over std::string_view for the server. Debian's
// abseil is built with its own absl::string_view type, so absl's string
// functions do not accept std::string_view; these cover what the server needs
// without conversions. Pure functions; any thread.
#ifndef TBX_SERVER_ASCII_TEXT_H_
#define TBX_SERVER_ASCII_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace tbx {

// Without leading and trailing spaces and tabs.
std::string_view TrimAscii(std::string_view text);

// Splits at every `separator`, keeping empty parts ("a,,b" -> "a", "", "b").
std::vector<std::string_view> SplitAscii(std::string_view text, char separator);

bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);

std::string ToLowerAscii(std::string_view text);

}  // namespace tbx

#endif  // TBX_SERVER_ASCII_TEXT_H_
