// Protobuf text format exactly as TensorBoard's Python backend prints it
// (str(message)): libprotobuf's TextFormat printer, with float and double
// fields written as Python writes them ("1.0", "0.1", "1e-05") instead of C++'s
// "1", and unknown fields hidden. Stateless; any thread may call it.
#ifndef TBX_PLUGINS_GRAPHS_PBTXT_H_
#define TBX_PLUGINS_GRAPHS_PBTXT_H_

#include <string>

#include "google/protobuf/message.h"

namespace tbx::plugins::graphs {

// The text format of `message`, as Python's text_format.MessageToString.
std::string ToPbtxt(const google::protobuf::Message& message);

// The same on one line ("list { s: \"a\" }"), for the explorer's node panel.
std::string ToPbtxtOneLine(const google::protobuf::Message& message);

// Python's str() of a float32 field value: the shortest decimal of 6 or more
// significant digits that reads back as the same float32, printed as repr().
std::string PythonFloat32(float value);

}  // namespace tbx::plugins::graphs

#endif  // TBX_PLUGINS_GRAPHS_PBTXT_H_
