// Python repr(float) formatting on top of std::to_chars' shortest round-trip
// digits.
#include "plugins/common/python_float.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace tbx::plugins {

void AppendPythonFloat(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("nan");
    return;
  }
  if (std::isinf(value)) {
    out->append(value < 0 ? "-inf" : "inf");
    return;
  }
  // Shortest round-trip digits in scientific form, e.g. "-1.2345e+02" or
  // "5e-324".
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value,
                                       std::chars_format::scientific);
  if (ec != std::errc()) {  // cannot happen with a 64-byte buffer
    out->append("nan");
    return;
  }
  const char* p = buf;
  if (*p == '-') {
    out->push_back('-');
    ++p;
  }
  // Collect the significant digits and the decimal exponent.
  char digits[32];
  int ndigits = 0;
  while (p < end && *p != 'e') {
    if (*p != '.') digits[ndigits++] = *p;
    ++p;
  }
  // p points at 'e', followed by a sign and the exponent digits (not
  // NUL-terminated).
  const bool negative_exponent = p[1] == '-';
  int exponent = 0;
  std::from_chars(p + 2, end, exponent);
  if (negative_exponent) exponent = -exponent;
  // Python's decpt: the value is 0.<digits> * 10^decpt.
  const int decpt = exponent + 1;
  if (decpt <= -4 || decpt > 16) {
    out->push_back(digits[0]);
    if (ndigits > 1) {
      out->push_back('.');
      out->append(digits + 1, ndigits - 1);
    }
    out->push_back('e');
    out->push_back(exponent < 0 ? '-' : '+');
    const int magnitude = std::abs(exponent);
    if (magnitude < 10) out->push_back('0');
    out->append(std::to_string(magnitude));
    return;
  }
  if (decpt <= 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-decpt), '0');
    out->append(digits, ndigits);
  } else if (decpt >= ndigits) {
    out->append(digits, ndigits);
    out->append(static_cast<size_t>(decpt - ndigits), '0');
    out->append(".0");
  } else {
    out->append(digits, decpt);
    out->push_back('.');
    out->append(digits + decpt, ndigits - decpt);
  }
}

std::string PythonFloat(double value) {
  std::string out;
  AppendPythonFloat(value, &out);
  return out;
}

}  // namespace tbx::plugins
