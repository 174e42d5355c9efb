// Tests of Markdown rendering for descriptions and text summaries: the common
// elements, GFM tables and fenced code, and that raw HTML always comes out as
// escaped text.
#include "plugins/common/markdown.h"

#include <random>
#include <set>
#include <string>

#include "gtest/gtest.h"

namespace tbx::plugins {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(MarkdownTest, ParagraphWithEmphasis) {
  EXPECT_EQ(MarkdownToSafeHtml("hello *world* 0"),
            "<p>hello <em>world</em> 0</p>");
  EXPECT_EQ(MarkdownToSafeHtml("Top-1 **accuracy** on the train set"),
            "<p>Top-1 <strong>accuracy</strong> on the train set</p>");
}

TEST(MarkdownTest, EmptyAndBlankGiveEmpty) {
  EXPECT_EQ(MarkdownToSafeHtml(""), "");
  EXPECT_EQ(MarkdownToSafeHtml("  \n\n"), "");
}

TEST(MarkdownTest, Table) {
  EXPECT_EQ(
      MarkdownToSafeHtml(
          "| metric | value |\n|--------|-------|\n| loss   | 1.0 |\n"),
      "<table>\n<thead>\n<tr>\n<th>metric</th>\n<th>value</th>\n</tr>\n</"
      "thead>\n"
      "<tbody>\n<tr>\n<td>loss</td>\n<td>1.0</td>\n</tr>\n</tbody>\n</table>");
}

TEST(MarkdownTest, FencedCodeIsEscaped) {
  EXPECT_EQ(MarkdownToSafeHtml("```\nif (a < b) x();\n```\n"),
            "<pre><code>if (a &lt; b) x();\n</code></pre>");
}

TEST(MarkdownTest, HeadingsListsLinksAndCode) {
  const std::string html = MarkdownToSafeHtml(
      "# Title\n\nSome `code` and a [link](https://example.com).\n\n- one\n- "
      "two\n");
  EXPECT_EQ(html,
            "<h1>Title</h1>\n<p>Some <code>code</code> and a <a "
            "href=\"https://example.com\">link</a>.</p>\n<ul>\n<li>one</"
            "li>\n<li>two</li>\n</ul>");
}

TEST(MarkdownTest, StrikethroughAndAutolink) {
  EXPECT_EQ(MarkdownToSafeHtml("~~old~~ see https://example.com"),
            "<p><del>old</del> see <a "
            "href=\"https://example.com\">https://example.com</a></p>");
}

TEST(MarkdownTest, InlineHtmlIsEscaped) {
  EXPECT_EQ(MarkdownToSafeHtml("a <b>raw</b> word"),
            "<p>a &lt;b&gt;raw&lt;/b&gt; word</p>");
}

TEST(MarkdownTest, ScriptBlockIsEscapedTextThenTheRestIsAParagraph) {
  // Python-Markdown + bleach give exactly this shape for TensorBoard.
  EXPECT_EQ(
      MarkdownToSafeHtml("<script>alert('xss')</script> <b>raw html</b>\n"),
      "&lt;script&gt;alert('xss')&lt;/script&gt;\n<p>&lt;b&gt;raw "
      "html&lt;/b&gt;</p>");
}

TEST(MarkdownTest, HtmlRightAfterAParagraphContinuesIt) {
  // Python-Markdown starts raw HTML blocks only after a blank line.
  EXPECT_EQ(MarkdownToSafeHtml("Some text\n<div>x</div>"),
            "<p>Some text\n&lt;div&gt;x&lt;/div&gt;</p>");
  EXPECT_EQ(MarkdownToSafeHtml("Some text\n\n<div>x</div>"),
            "<p>Some text</p>\n&lt;div&gt;x&lt;/div&gt;");
}

TEST(MarkdownTest, NoRawTagSurvives) {
  const char* inputs[] = {
      "<script>alert(1)</script>",
      "<div onclick=\"x()\">hi</div>",
      "text <img src=x onerror=alert(1)> more",
      "<span>\nspan block\n</span>",
      "<SCRIPT>a</SCRIPT>",
      "<div><div>nested</div></div> tail <i>x</i>",
      "<div>never closed",
  };
  for (const char* input : inputs) {
    const std::string html = MarkdownToSafeHtml(input);
    EXPECT_FALSE(Contains(html, "<script") || Contains(html, "<SCRIPT") ||
                 Contains(html, "<div") || Contains(html, "<img") ||
                 Contains(html, "<span") || Contains(html, "<i>"))
        << input << " -> " << html;
    EXPECT_FALSE(Contains(html, "raw HTML omitted")) << input << " -> " << html;
  }
  EXPECT_EQ(MarkdownToSafeHtml("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;");
}

TEST(MarkdownTest, RawElementEndsAtItsOwnClosingTag) {
  // "<p" must not match "<pre>": the paragraph closes at "</p>", the rest is
  // Markdown.
  EXPECT_EQ(
      MarkdownToSafeHtml("<p><pre>x</pre></p> *after*"),
      "&lt;p&gt;&lt;pre&gt;x&lt;/pre&gt;&lt;/p&gt;\n<p><em>after</em></p>");
}

TEST(MarkdownTest, CommentsAreDropped) {
  EXPECT_EQ(MarkdownToSafeHtml("<!-- hidden -->\n\nshown"), "<p>shown</p>");
  EXPECT_EQ(MarkdownToSafeHtml("a <!-- hidden --> b"), "<p>a  b</p>");
}

TEST(MarkdownTest, JavascriptLinksAreBlanked) {
  EXPECT_EQ(MarkdownToSafeHtml("[x](javascript:alert(1))"),
            "<p><a href=\"\">x</a></p>");
}

TEST(MarkdownTest, NulBytesAreDropped) {
  EXPECT_EQ(MarkdownToSafeHtml(std::string("a\0b", 3)), "<p>ab</p>");
}

// The element names and attributes cmark-gfm itself writes; anything else in
// the output would be raw HTML that got through.
const std::set<std::string>& RenderedElements() {
  static const auto* names = new std::set<std::string>{
      "p",  "em",    "strong", "code",  "pre", "a",  "img", "h1",         "h2",
      "h3", "h4",    "h5",     "h6",    "ul",  "ol", "li",  "blockquote", "hr",
      "br", "table", "thead",  "tbody", "tr",  "th", "td",  "del"};
  return *names;
}

// Checks every tag of `html`: a known element whose attributes are among href,
// src, alt, title, start, align and class. Returns the first offending tag, or
// "".
std::string FirstForeignTag(const std::string& html) {
  static const std::set<std::string> attributes = {
      "href", "src", "alt", "title", "start", "align", "class"};
  for (size_t lt = html.find('<'); lt != std::string::npos;
       lt = html.find('<', lt + 1)) {
    const size_t gt = html.find('>', lt);
    if (gt == std::string::npos) return html.substr(lt);
    std::string tag = html.substr(lt + 1, gt - lt - 1);
    if (!tag.empty() && tag[0] == '/') tag.erase(0, 1);
    if (!tag.empty() && tag.back() == '/') tag.pop_back();
    const size_t space = tag.find(' ');
    if (!RenderedElements().count(tag.substr(0, space)))
      return html.substr(lt, gt - lt + 1);
    // Attribute names: each " name=" in the tag.
    for (size_t at = space; at != std::string::npos;
         at = tag.find(' ', at + 1)) {
      const size_t eq = tag.find('=', at);
      if (eq == std::string::npos) break;
      const std::string name = tag.substr(at + 1, eq - at - 1);
      if (!attributes.count(name)) return html.substr(lt, gt - lt + 1);
      const size_t close =
          tag.find('"', tag.find('"', eq) + 1);  // skip the quoted value
      if (close == std::string::npos) break;
      at = close;
    }
  }
  return "";
}

TEST(MarkdownTest, ForeignTagCheckerCatchesRawMarkup) {
  EXPECT_EQ(FirstForeignTag("<p><a href=\"x\">y</a></p>"), "");
  EXPECT_EQ(FirstForeignTag("<p><div>x</div></p>"), "<div>");
  EXPECT_EQ(FirstForeignTag("<img src=\"x\" onerror=\"y\" />"),
            "<img src=\"x\" onerror=\"y\" />");
}

TEST(MarkdownTest, RandomInputNeverYieldsForeignMarkup) {
  // Inputs built from the characters that matter to Markdown and HTML, with
  // fixed seeds.
  const std::vector<std::string> pieces = {
      "<",        ">",
      "/",        "script",
      "div",      "img src=x onerror=alert(1)",
      "<!--",     "-->",
      "\n",       "\n\n",
      "*",        "_",
      "`",        "```",
      "|",        "---",
      "#",        "[a](",
      ")",        "javascript:x",
      "\"",       "'",
      "&",        "&lt;",
      " ",        "-",
      "iframe",   "style",
      "<p>",      "</p>",
      "<pre>",    "x",
      "1.",       "~~",
      "www.a.com"};
  std::mt19937 random(20260101);
  for (int i = 0; i < 3000; ++i) {
    std::string input;
    const int length = 1 + static_cast<int>(random() % 24);
    for (int k = 0; k < length; ++k) input += pieces[random() % pieces.size()];
    const std::string html = MarkdownToSafeHtml(input);
    ASSERT_EQ(FirstForeignTag(html), "")
        << "input: " << input << "\nhtml: " << html;
  }
}

TEST(EscapeHtmlTest, EscapesMarkup) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

}  // namespace
}  // namespace tbx::plugins
