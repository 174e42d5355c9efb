// Text summary HTML; see text_html.h.
#include "plugins/text/text_html.h"

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "plugins/common/markdown.h"
#include "plugins/common/python_float.h"

namespace tbx::plugins {
namespace {

// TensorBoard's warning for tensors of rank > 2 (the spacing is TensorBoard's).
std::string RankWarning(size_t rank) {
  return absl::StrCat(
      "**Warning:** This text summary contained data of dimensionality ", rank,
      ", but only   2d tables are supported. Showing a 2d slice of the data "
      "instead.");
}

// The text of flat element i: the string, or Python's str() of a number.
std::string ElementText(const Tensor& tensor, size_t i) {
  if (tensor.dtype == DType::kString) return tensor.strings[i];
  return PythonFloat(tensor.numbers[i]);
}

std::string CellHtml(const std::string& text, bool markdown) {
  return markdown ? MarkdownToSafeHtml(text) : EscapeHtml(text);
}

}  // namespace

std::string TextTensorToHtml(const Tensor& tensor, bool markdown) {
  const size_t stored = tensor.dtype == DType::kString ? tensor.strings.size()
                                                       : tensor.numbers.size();
  for (int64_t d : tensor.shape) {
    if (d < 0) return "";
  }
  if (static_cast<int64_t>(stored) != tensor.num_elements()) return "";
  const size_t rank = tensor.shape.size();
  if (rank == 0) return CellHtml(ElementText(tensor, 0), markdown);

  std::string html;
  // Rows and columns of the 2-d table; higher ranks keep the slice [0, ..., 0,
  // :, :], which is the first rows * columns elements in row-major order.
  int64_t rows = tensor.shape[0];
  int64_t columns = 1;
  if (rank > 2) html = MarkdownToSafeHtml(RankWarning(rank));
  if (rank >= 2) {
    rows = tensor.shape[rank - 2];
    columns = tensor.shape[rank - 1];
  }
  html.append("<table>\n<tbody>\n");
  size_t next = 0;
  for (int64_t r = 0; r < rows; ++r) {
    html.append("<tr>\n");
    for (int64_t c = 0; c < columns; ++c) {
      absl::StrAppend(&html, "<td>",
                      CellHtml(ElementText(tensor, next++), markdown),
                      "</td>\n");
    }
    html.append("</tr>\n");
  }
  html.append("</tbody>\n</table>");
  return html;
}

}  // namespace tbx::plugins
