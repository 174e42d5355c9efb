// Writes a decoded tensor as nested JSON lists, as numpy's tolist() then
// json.dumps give it: float dtypes as repr floats, integer dtypes as integers,
// bools as true/false, strings as strings; a rank-0 tensor as a bare value.
// Stateless; any thread may call it.
#ifndef TBX_PLUGINS_COMMON_TENSOR_JSON_H_
#define TBX_PLUGINS_COMMON_TENSOR_JSON_H_

#include <cstddef>

#include "plugins/common/json_writer.h"
#include "tbx/types.h"

namespace tbx::plugins {

// Writes `tensor` as one JSON value. A tensor whose element count does not
// match its shape writes null (it cannot be laid out).
void WriteTensor(const Tensor& tensor, JsonWriter& writer);

// Writes flat element `i` of `tensor` (which must hold it) as one JSON value,
// typed by the tensor's dtype.
void WriteTensorElement(const Tensor& tensor, size_t i, JsonWriter& writer);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_TENSOR_JSON_H_
