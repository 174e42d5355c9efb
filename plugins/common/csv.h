// CSV text as Python's csv.writer writes it with its default "excel" dialect:
// fields separated by
// ",", rows ended by "\r\n", a field quoted with '"' (inner quotes doubled)
// only when it holds a comma, a quote or a line break, and floats as
// repr(float) ("nan", "inf", "-inf", "-0.0"). Pure functions; any thread may
// call them.
#ifndef TBX_PLUGINS_COMMON_CSV_H_
#define TBX_PLUGINS_COMMON_CSV_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tbx::plugins {

inline constexpr std::string_view kCsvRowEnd = "\r\n";

void AppendCsvField(std::string_view field, std::string* out);
void AppendCsvDouble(double value, std::string* out);
void AppendCsvInt(int64_t value, std::string* out);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_CSV_H_
