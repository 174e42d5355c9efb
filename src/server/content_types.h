// Content-Type rules shared by the server and the asset embedder: which types
// are textual (sent gzip-compressed to clients that accept it), which get ";
// charset=utf-8", and the type of a file by its extension. Pure functions; any
// thread.
#ifndef TBX_SERVER_CONTENT_TYPES_H_
#define TBX_SERVER_CONTENT_TYPES_H_

#include <string>
#include <string_view>

namespace tbx {

// JSON, JavaScript, SVG, XML and every text/* type (parameters are ignored).
bool IsTextualContentType(std::string_view content_type);

// Appends "; charset=utf-8" to text/* and JavaScript types that have no
// parameters yet, as TensorBoard does. JSON stays bare ("application/json"),
// and so does text/x-protobuf, which TensorBoard serves without a charset.
std::string WithCharset(std::string_view content_type);

// The full Content-Type for a file name ("app.js" -> "text/javascript;
// charset=utf-8"); "application/octet-stream" for unknown extensions.
std::string ContentTypeForFileName(std::string_view name);

}  // namespace tbx

#endif  // TBX_SERVER_CONTENT_TYPES_H_
