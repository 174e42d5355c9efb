// Python csv.writer ("excel" dialect) field encoding; see csv.h.
#include "plugins/common/csv.h"

#include <charconv>

#include "plugins/common/python_float.h"

namespace tbx::plugins {

void AppendCsvField(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendCsvDouble(double value, std::string* out) {
  AppendPythonFloat(value, out);
}

void AppendCsvInt(int64_t value, std::string* out) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  out->append(buf, end);
}

}  // namespace tbx::plugins
