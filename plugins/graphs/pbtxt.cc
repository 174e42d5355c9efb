// Text-format printing; see pbtxt.h.
#include "plugins/graphs/pbtxt.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "google/protobuf/text_format.h"
#include "plugins/common/python_float.h"

namespace tbx::plugins::graphs {
namespace {

using google::protobuf::TextFormat;

// Prints floats and doubles as Python's text_format does; everything else as
// libprotobuf does.
class PythonFloatPrinter : public TextFormat::FastFieldValuePrinter {
 public:
  void PrintFloat(float value,
                  TextFormat::BaseTextGenerator* generator) const override {
    generator->PrintString(PythonFloat32(value));
  }
  void PrintDouble(double value,
                   TextFormat::BaseTextGenerator* generator) const override {
    generator->PrintString(PythonFloat(value));
  }
};

}  // namespace

std::string PythonFloat32(float value) {
  if (std::isnan(value) || std::isinf(value)) {
    return PythonFloat(static_cast<double>(value));
  }
  // Python's ToShortestFloat: the fewest significant digits, starting at 6,
  // whose decimal rounds back to the same float32.
  char buffer[64];
  double rounded = value;
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision,
                  static_cast<double>(value));
    rounded = std::strtod(buffer, nullptr);
    if (static_cast<float>(rounded) == value) break;
  }
  return PythonFloat(rounded);
}

namespace {

std::string Print(const google::protobuf::Message& message, bool one_line) {
  TextFormat::Printer printer;
  printer.SetSingleLineMode(one_line);
  printer.SetHideUnknownFields(true);
  printer.SetDefaultFieldValuePrinter(new PythonFloatPrinter());
  std::string out;
  printer.PrintToString(message, &out);
  if (one_line && !out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string ToPbtxt(const google::protobuf::Message& message) {
  return Print(message, false);
}

std::string ToPbtxtOneLine(const google::protobuf::Message& message) {
  return Print(message, true);
}

}  // namespace tbx::plugins::graphs
