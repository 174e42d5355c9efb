// The HTML of one text summary, as TensorBoard's text plugin builds it
// (text_array_to_html): a rank-0 string is rendered on its own; rank 1 and 2
// become a <table> with one rendered cell per string (a vector is one column);
// higher ranks show a warning and their first 2-d slice. With markdown off each
// string is HTML-escaped instead of rendered. Pure function; any thread may
// call it.
#ifndef TBX_PLUGINS_TEXT_TEXT_HTML_H_
#define TBX_PLUGINS_TEXT_TEXT_HTML_H_

#include <string>

#include "tbx/types.h"

namespace tbx::plugins {

// A tensor whose element count does not match its shape gives "".
std::string TextTensorToHtml(const Tensor& tensor, bool markdown);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_TEXT_TEXT_HTML_H_
