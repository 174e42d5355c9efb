// Formats doubles exactly as Python's repr(float) does, so tbx's JSON and CSV
// bodies carry the same text as TensorBoard's: the shortest string that
// round-trips, integral values keep ".0", exponent form below 1e-4 and from
// 1e16 ("1e-05", "1e+16"), "-0.0" kept, and "nan", "inf",
// "-inf" for the non-finite values. Pure functions; any thread may call them.
#ifndef TBX_PLUGINS_COMMON_PYTHON_FLOAT_H_
#define TBX_PLUGINS_COMMON_PYTHON_FLOAT_H_

#include <string>

namespace tbx::plugins {

// Appends repr(value) to `out`.
void AppendPythonFloat(double value, std::string* out);

// Returns repr(value).
std::string PythonFloat(double value);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_PYTHON_FLOAT_H_
