// Sanitized Markdown rendering with cmark-gfm; see markdown.h.
#include "plugins/common/markdown.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cmark-gfm-core-extensions.h"
#include "cmark-gfm.h"

namespace tbx::plugins {
namespace {

// CMARK_OPT_UNSAFE stays off: raw HTML is never rendered as is.
constexpr int kOptions = CMARK_OPT_DEFAULT;
constexpr std::array<const char*, 3> kExtensions = {"table", "strikethrough",
                                                    "autolink"};
// How deep text after a raw HTML element is re-parsed as Markdown.
constexpr int kMaxReparseDepth = 4;

// Python-Markdown's block-level elements: raw HTML starting with one of these
// stands alone.
constexpr std::string_view kBlockLevelTags[] = {
    "address",  "article",    "aside",    "blockquote", "body",    "canvas",
    "colgroup", "dd",         "details",  "div",        "dl",      "dt",
    "fieldset", "figcaption", "figure",   "footer",     "form",    "group",
    "h1",       "h2",         "h3",       "h4",         "h5",      "h6",
    "header",   "hgroup",     "hr",       "iframe",     "legend",  "li",
    "main",     "map",        "math",     "menu",       "nav",     "noscript",
    "object",   "ol",         "option",   "output",     "p",       "pre",
    "progress", "script",     "section",  "style",      "summary", "table",
    "tbody",    "td",         "textarea", "tfoot",      "th",      "thead",
    "tr",       "ul"};

std::string_view StripLeading(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  return s;
}

std::string_view Strip(std::string_view s) {
  s = StripLeading(s);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

ParserPtr NewParser() {
  static std::once_flag registered;
  std::call_once(registered,
                 [] { cmark_gfm_core_extensions_ensure_registered(); });
  ParserPtr parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  return parser;
}

// The lower-case tag name right after '<' at the start of `html`, or "".
std::string LeadingTagName(std::string_view html) {
  if (html.size() < 2 || html[0] != '<') return "";
  size_t end = 1;
  while (end < html.size() &&
         std::isalnum(static_cast<unsigned char>(html[end])))
    ++end;
  return Lower(html.substr(1, end - 1));
}

// The next position at or after `pos` where `lower` holds `prefix` followed by
// a character that cannot continue a tag name ("<p" matches "<p>", not
// "<pre>").
size_t FindTag(const std::string& lower, const std::string& prefix,
               size_t pos) {
  while ((pos = lower.find(prefix, pos)) != std::string::npos) {
    const size_t after = pos + prefix.size();
    if (after >= lower.size() ||
        !std::isalnum(static_cast<unsigned char>(lower[after]))) {
      return pos;
    }
    ++pos;
  }
  return std::string::npos;
}

// Where the element opened at the start of `html` ends (just past its closing
// tag, counting nested elements of the same name), or npos when it is not
// closed.
size_t ElementEnd(std::string_view html, std::string_view tag) {
  const std::string lower = Lower(html);
  // Built with StrCat: GCC 12 at -O3 raises a false -Wrestrict on "</" +
  // std::string.
  const std::string open = absl::StrCat("<", std::string(tag));
  const std::string close = absl::StrCat("</", std::string(tag));
  int depth = 0;
  size_t pos = 0;
  while (pos < lower.size()) {
    const size_t next_open = FindTag(lower, open, pos);
    const size_t next_close = FindTag(lower, close, pos);
    if (next_close == std::string::npos) return std::string::npos;
    if (next_open != std::string::npos && next_open < next_close) {
      ++depth;
      pos = next_open + open.size();
      continue;
    }
    --depth;
    const size_t gt = lower.find('>', next_close);
    if (gt == std::string::npos) return std::string::npos;
    pos = gt + 1;
    if (depth == 0) return pos;
  }
  return std::string::npos;
}

cmark_node* NewCustomBlock(const std::string& html) {
  cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_on_enter(block, html.c_str());
  return block;
}

void Sanitize(cmark_node* root, int depth);

// Inserts, before `anchor`, the blocks that `markdown` parses to (sanitized).
void InsertParsedBefore(cmark_node* anchor, std::string_view markdown,
                        int depth) {
  ParserPtr parser = NewParser();
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  NodePtr doc(cmark_parser_finish(parser.get()));
  Sanitize(doc.get(), depth + 1);
  while (cmark_node* child = cmark_node_first_child(doc.get())) {
    cmark_node_unlink(child);
    cmark_node_insert_before(anchor, child);
  }
}

// Replaces a raw HTML block with escaped text blocks (see markdown.h).
void ReplaceHtmlBlock(cmark_node* node, int depth) {
  std::string_view rest = Strip(cmark_node_get_literal(node));
  // Python-Markdown only starts a raw HTML block after a blank line: HTML on
  // the line right after a paragraph continues that paragraph, as escaped text.
  cmark_node* previous = cmark_node_previous(node);
  if (previous != nullptr &&
      cmark_node_get_type(previous) == CMARK_NODE_PARAGRAPH &&
      cmark_node_get_end_line(previous) + 1 ==
          cmark_node_get_start_line(node)) {
    const std::string text(rest);
    cmark_node* line_break = cmark_node_new(CMARK_NODE_SOFTBREAK);
    cmark_node* literal = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(literal, text.c_str());
    cmark_node_append_child(previous, line_break);
    cmark_node_append_child(previous, literal);
    cmark_node_free(node);
    return;
  }
  while (!rest.empty()) {
    // Comments are dropped, as bleach drops them.
    if (rest.starts_with("<!--")) {
      const size_t end = rest.find("-->");
      rest = end == std::string_view::npos ? ""
                                           : StripLeading(rest.substr(end + 3));
      continue;
    }
    const std::string tag = LeadingTagName(rest);
    const bool block_level =
        std::find(std::begin(kBlockLevelTags), std::end(kBlockLevelTags),
                  tag) != std::end(kBlockLevelTags);
    if (!block_level) {
      cmark_node_insert_before(
          node, NewCustomBlock("<p>" + EscapeHtml(rest) + "</p>"));
      break;
    }
    const size_t end = ElementEnd(rest, tag);
    if (end == std::string_view::npos) {
      cmark_node_insert_before(node, NewCustomBlock(EscapeHtml(rest)));
      break;
    }
    cmark_node_insert_before(node,
                             NewCustomBlock(EscapeHtml(rest.substr(0, end))));
    rest = StripLeading(rest.substr(end));
    if (!rest.empty() && depth < kMaxReparseDepth) {
      InsertParsedBefore(node, rest, depth);
      break;
    }
  }
  cmark_node_free(node);
}

// Turns every raw HTML node under `root` into escaped text.
void Sanitize(cmark_node* root, int depth) {
  std::vector<cmark_node*> raw;
  cmark_iter* iter = cmark_iter_new(root);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER &&
        (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK)) {
      raw.push_back(node);
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* node : raw) {
    if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
      ReplaceHtmlBlock(node, depth);
      continue;
    }
    const char* literal = cmark_node_get_literal(node);
    if (!std::string_view(literal).starts_with("<!--")) {
      cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(text, literal);
      cmark_node_insert_before(node, text);
    }
    cmark_node_free(node);
  }
}

}  // namespace

std::string MarkdownToSafeHtml(std::string_view markdown) {
  std::string source(markdown);
  source.erase(std::remove(source.begin(), source.end(), '\0'), source.end());
  if (Strip(source).empty()) return "";
  ParserPtr parser = NewParser();
  cmark_parser_feed(parser.get(), source.data(), source.size());
  NodePtr doc(cmark_parser_finish(parser.get()));
  Sanitize(doc.get(), 0);
  char* rendered = cmark_render_html(
      doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  std::string html(rendered);
  cmark_get_default_mem_allocator()->free(rendered);
  while (!html.empty() && html.back() == '\n') html.pop_back();
  return html;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace tbx::plugins
