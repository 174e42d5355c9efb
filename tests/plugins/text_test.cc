// Tests of the text plugin: Markdown rendering of rank-0 strings, TensorBoard's
// tables for rank 1 and 2 (expected HTML copied from TensorBoard's answers in
// the conformance goldens), slices of higher ranks, markdown=false, and
// escaping of hostile text.
#include <string>

#include "gtest/gtest.h"
#include "plugins/text/text_html.h"
#include "plugins/text/text_plugin.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;
using ::tbx::testing::StringTensor;

constexpr char kScript[] = "<script>alert(1)</script>";

TEST(TextHtmlTest, ScalarIsMarkdownOnItsOwn) {
  EXPECT_EQ(TextTensorToHtml(StringTensor({"hello *world* 0"}, {}), true),
            "<p>hello <em>world</em> 0</p>");
  EXPECT_EQ(TextTensorToHtml(StringTensor({"hello *world* 0"}, {}), false),
            "hello *world* 0");
}

TEST(TextHtmlTest, VectorIsAOneColumnTable) {
  const Tensor vector = StringTensor({"first", "second **bold**"}, {2});
  EXPECT_EQ(TextTensorToHtml(vector, true),
            "<table>\n<tbody>\n<tr>\n<td><p>first</p></td>\n</tr>\n<tr>\n"
            "<td><p>second "
            "<strong>bold</strong></p></td>\n</tr>\n</tbody>\n</table>");
  EXPECT_EQ(TextTensorToHtml(vector, false),
            "<table>\n<tbody>\n<tr>\n<td>first</td>\n</tr>\n<tr>\n<td>second "
            "**bold**</td>\n"
            "</tr>\n</tbody>\n</table>");
}

TEST(TextHtmlTest, MatrixIsATable) {
  const Tensor matrix = StringTensor({"a", "b", "1", "2", "3", "4"}, {3, 2});
  EXPECT_EQ(
      TextTensorToHtml(matrix, true),
      "<table>\n<tbody>\n<tr>\n<td><p>a</p></td>\n<td><p>b</p></td>\n</"
      "tr>\n<tr>\n"
      "<td><p>1</p></td>\n<td><p>2</p></td>\n</tr>\n<tr>\n<td><p>3</p></td>\n"
      "<td><p>4</p></td>\n</tr>\n</tbody>\n</table>");
  EXPECT_EQ(TextTensorToHtml(matrix, false),
            "<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</"
            "tr>\n<tr>\n<td>1</td>\n"
            "<td>2</td>\n</tr>\n<tr>\n<td>3</td>\n<td>4</td>\n</tr>\n</"
            "tbody>\n</table>");
}

TEST(TextHtmlTest, HigherRanksWarnAndShowTheFirstSlice) {
  // Shape [2, 1, 2]: the slice [0, :, :] is {"a", "b"}.
  const std::string html =
      TextTensorToHtml(StringTensor({"a", "b", "c", "d"}, {2, 1, 2}), false);
  EXPECT_EQ(html,
            "<p><strong>Warning:</strong> This text summary contained data of "
            "dimensionality 3, "
            "but only   2d tables are supported. Showing a 2d slice of the "
            "data instead.</p>"
            "<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</"
            "tbody>\n</table>");
}

TEST(TextHtmlTest, MismatchedShapeGivesNothing) {
  EXPECT_EQ(TextTensorToHtml(StringTensor({"a"}, {2}), true), "");
}

TEST(TextHtmlTest, MarkdownTablesAndFencedCodeInsideCells) {
  const std::string html = TextTensorToHtml(
      StringTensor(
          {"| m | v |\n|---|---|\n| loss | 1.0 |\n\n```\ncode <b>\n```\n"},
          {1}),
      true);
  EXPECT_EQ(html,
            "<table>\n<tbody>\n<tr>\n<td><table>\n<thead>\n<tr>\n<th>m</"
            "th>\n<th>v</th>\n</tr>\n"
            "</thead>\n<tbody>\n<tr>\n<td>loss</td>\n<td>1.0</td>\n</tr>\n</"
            "tbody>\n</table>\n"
            "<pre><code>code "
            "&lt;b&gt;\n</code></pre></td>\n</tr>\n</tbody>\n</table>");
}

TEST(TextHtmlTest, ScriptIsEscapedWithAndWithoutMarkdown) {
  for (bool markdown : {true, false}) {
    for (const Tensor& tensor :
         {StringTensor({kScript}, {}), StringTensor({kScript}, {1})}) {
      const std::string html = TextTensorToHtml(tensor, markdown);
      EXPECT_EQ(html.find("<script"), std::string::npos) << html;
      EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"),
                std::string::npos)
          << html;
    }
  }
}

class TextPluginTest : public ::testing::Test {
 protected:
  TextPluginTest() {
    provider_
        .AddTensor("run_a", "notes", "text", 0, 1700000000.0,
                   StringTensor({"hi *a*"}, {}))
        .AddTensor("run_a", "notes", "text", 1, 1700000001.0,
                   StringTensor({"x", "y"}, {2}))
        .AddTensor("run_a", kScript, "text", 0, 1700000000.0,
                   StringTensor({kScript}, {}))
        .AddTensor(kScript, "notes", "text", 0, 1700000000.0,
                   StringTensor({"ok"}, {}))
        .AddScalar("run_a", "loss", 0, 1.0, 1.0);
  }

  FakeDataProvider provider_;
  TextPlugin plugin_{&provider_};
};

TEST_F(TextPluginTest, TagsAreListsPerRun) {
  const Response response = Call(plugin_, "/data/plugin/text/tags");
  EXPECT_EQ(response.body,
            R"({"run_a": ["notes", "<script>alert(1)</script>"], )"
            R"("<script>alert(1)</script>": ["notes"]})");
  EXPECT_EQ(plugin_.Frontend().loading_mechanism.dump(),
            R"({"type":"CUSTOM_ELEMENT","element_name":"tf-text-dashboard"})");
}

TEST_F(TextPluginTest, TextEntries) {
  EXPECT_EQ(
      Call(plugin_, "/data/plugin/text/text",
           {{"run", "run_a"}, {"tag", "notes"}})
          .body,
      R"([{"wall_time": 1700000000.0, "step": 0, "text": "<p>hi <em>a</em></p>"}, )"
      R"({"wall_time": 1700000001.0, "step": 1, "text": "<table>\n<tbody>\n<tr>\n)"
      R"(<td><p>x</p></td>\n</tr>\n<tr>\n<td><p>y</p></td>\n</tr>\n</tbody>\n</table>"}])");
  const nlohmann::json raw = JsonBody(
      Call(plugin_, "/data/plugin/text/text",
           {{"run", "run_a"}, {"tag", "notes"}, {"markdown", "false"}}));
  EXPECT_EQ(raw[0]["text"], "hi *a*");
}

TEST_F(TextPluginTest, HostileRunAndTagNames) {
  nlohmann::json entries = JsonBody(Call(plugin_, "/data/plugin/text/text",
                                         {{"run", "run_a"}, {"tag", kScript}}));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["text"], "&lt;script&gt;alert(1)&lt;/script&gt;");
  entries = JsonBody(Call(plugin_, "/data/plugin/text/text",
                          {{"run", kScript}, {"tag", "notes"}}));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["text"], "<p>ok</p>");
}

TEST_F(TextPluginTest, MissingDataIsAnEmptyList) {
  EXPECT_EQ(Call(plugin_, "/data/plugin/text/text",
                 {{"run", "run_a"}, {"tag", "nope"}})
                .body,
            "[]");
  EXPECT_EQ(Call(plugin_, "/data/plugin/text/text",
                 {{"run", "nope"}, {"tag", "notes"}})
                .body,
            "[]");
  EXPECT_EQ(Call(plugin_, "/data/plugin/text/text",
                 {{"run", "run_a"}, {"tag", "loss"}})
                .body,
            "[]");
  EXPECT_EQ(Call(plugin_, "/data/plugin/text/text", {{"run", "run_a"}}).status,
            400);
}

}  // namespace
}  // namespace tbx::plugins
