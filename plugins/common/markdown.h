// Markdown to HTML that is safe to put in the DOM, for tag descriptions and
// text summaries: what TensorBoard does with Python-Markdown (tables, fenced
// code) and bleach, done with cmark-gfm (tables, strikethrough, autolinks). Raw
// HTML in the input is never passed through: it comes out as escaped text
// ("<script>" -> "&lt;script&gt;"), a leading block-level element on its own
// like Python-Markdown's raw blocks, HTML comments are dropped as bleach drops
// them, and cmark's safe mode blanks javascript:/vbscript:/file:/data: links.
// Pure functions; any thread may call them (cmark's extension registry is set
// up once).
#ifndef TBX_PLUGINS_COMMON_MARKDOWN_H_
#define TBX_PLUGINS_COMMON_MARKDOWN_H_

#include <string>
#include <string_view>

namespace tbx::plugins {

// Renders `markdown` (UTF-8; NUL bytes are dropped) to sanitized HTML without a
// trailing newline, e.g. "hello *world*" -> "<p>hello <em>world</em></p>".
// Empty input gives "".
std::string MarkdownToSafeHtml(std::string_view markdown);

// Escapes &, <, > and " for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_MARKDOWN_H_
