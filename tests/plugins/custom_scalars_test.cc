// Tests of the custom scalars plugin: layout merging across runs (categories
// by title, duplicate charts dropped, TensorBoard's handling of a title a later
// layout introduced), the layout's JSON, Python re.match semantics of tag
// regexes, the /scalars and /download_data routes, and bad input (a layout
// that does not parse, an invalid regex). Expected values are worked by hand.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/custom_scalars/custom_scalars_plugin.h"
#include "plugins/custom_scalars/layout.h"
#include "plugins/custom_scalars/python_regex.h"
#include "tests/plugins/plugin_test_util.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::Call;
using ::tbx::testing::FakeDataProvider;
using ::tbx::testing::JsonBody;
using ::tbx::testing::StringTensor;
using ::tensorboard::Category;
using ::tensorboard::Layout;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kLayout[] = "/data/plugin/custom_scalars/layout";
constexpr char kScalars[] = "/data/plugin/custom_scalars/scalars";
constexpr char kDownload[] = "/data/plugin/custom_scalars/download_data";

// Adds a multiline chart titled `title` over `tag` to `category`.
void AddChart(Category* category, const std::string& title,
              const std::string& tag) {
  auto* chart = category->add_chart();
  chart->set_title(title);
  chart->mutable_multiline()->add_tag(tag);
}

Category* AddCategory(Layout* layout, const std::string& title) {
  Category* category = layout->add_category();
  category->set_title(title);
  return category;
}

std::vector<std::string> ChartTitles(const Category& category) {
  std::vector<std::string> titles;
  for (const auto& chart : category.chart()) titles.push_back(chart.title());
  return titles;
}

TEST(LayoutTest, MergesCategoriesByTitleAndDropsDuplicateCharts) {
  Layout a, b, c;
  AddChart(AddCategory(&a, "A"), "c1", "x");
  Category* b_a = AddCategory(&b, "A");
  AddChart(b_a, "c1", "x");  // same as a's chart: dropped
  AddChart(b_a, "c1", "y");  // same title, other tag: kept
  AddChart(b_a, "c2", "z");
  AddChart(AddCategory(&b, "B"), "c3", "w");
  AddChart(AddCategory(&c, "A"), "c5", "v");
  // "B" came with b: TensorBoard merges c's "B" charts into b's own copy, so
  // c4 is not served.
  AddChart(AddCategory(&c, "B"), "c4", "u");
  const Layout merged = MergeLayouts({a, b, c});
  ASSERT_EQ(merged.category_size(), 2);
  EXPECT_EQ(merged.category(0).title(), "A");
  EXPECT_THAT(ChartTitles(merged.category(0)),
              ElementsAre("c1", "c1", "c2", "c5"));
  EXPECT_EQ(merged.category(0).chart(1).multiline().tag(0), "y");
  EXPECT_EQ(merged.category(1).title(), "B");
  EXPECT_THAT(ChartTitles(merged.category(1)), ElementsAre("c3"));
}

TEST(LayoutTest, JsonHasDefaultsAfterSetFieldsWithTwoSpaceIndent) {
  Layout layout;
  Category* category = AddCategory(&layout, "L");
  AddChart(category, "loss", "a");
  auto* margin = category->add_chart();
  margin->mutable_margin()->add_series()->set_value("v");
  EXPECT_EQ(LayoutJson(layout), R"({
  "category": [
    {
      "title": "L",
      "chart": [
        {
          "title": "loss",
          "multiline": {
            "tag": [
              "a"
            ]
          }
        },
        {
          "margin": {
            "series": [
              {
                "value": "v",
                "lower": "",
                "upper": ""
              }
            ]
          },
          "title": ""
        }
      ],
      "closed": false
    }
  ],
  "version": 0
})");
}

TEST(LayoutTest, ParseRejectsGarbage) {
  EXPECT_FALSE(ParseLayout("\xff\xff\xff").ok());
  EXPECT_TRUE(ParseLayout("").ok());
}

bool Matches(const std::string& pattern, const std::string& tag) {
  absl::StatusOr<PythonRegex> regex = PythonRegex::Compile(pattern);
  EXPECT_TRUE(regex.ok()) << pattern << ": " << regex.status();
  return regex.ok() && regex->MatchesPrefix(tag);
}

TEST(PythonRegexTest, MatchIsAnchoredAtTheStartOnly) {
  EXPECT_TRUE(Matches("loss", "loss/train"));
  EXPECT_FALSE(Matches("loss", "val/loss"));
  EXPECT_FALSE(Matches("loss$", "loss/train"));
  EXPECT_TRUE(Matches("acc/.*", "acc/mean"));
  EXPECT_TRUE(Matches(".*loss", "val/loss"));
  EXPECT_TRUE(Matches("", "anything"));
}

TEST(PythonRegexTest, PythonSpellingsAreTranslated) {
  EXPECT_TRUE(Matches("(?P<kind>acc|loss)/mean", "loss/mean"));
  EXPECT_TRUE(Matches("(?i)LOSS", "loss/train"));
  EXPECT_TRUE(Matches("\\Aacc\\Z", "acc"));
  EXPECT_FALSE(Matches("\\Aacc\\Z", "acc/x"));
  EXPECT_TRUE(Matches("[]a]+", "]a]"));
  EXPECT_TRUE(Matches("a\\d+", "a12"));
}

TEST(PythonRegexTest, InvalidPatternsAreErrors) {
  EXPECT_FALSE(PythonRegex::Compile("[").ok());
  EXPECT_FALSE(PythonRegex::Compile("*a").ok());
  EXPECT_FALSE(PythonRegex::Compile("(a").ok());
  EXPECT_FALSE(PythonRegex::Compile("(?P<name").ok());
}

// Where std::regex (ECMAScript) and Python's re differ, as documented in
// http_api.md. Python's answers, from Python 3.11, are in the comments.
TEST(PythonRegexTest, DifferencesFromPythonAreExactlyTheDocumentedOnes) {
  // Constructs ECMAScript lacks are invalid here (Python: valid).
  EXPECT_FALSE(PythonRegex::Compile("(?<=a)b").ok());         // look-behind
  EXPECT_FALSE(PythonRegex::Compile("(?<!a)b").ok());         // look-behind
  EXPECT_FALSE(PythonRegex::Compile("(?P<x>a)(?P=x)").ok());  // named ref
  EXPECT_FALSE(PythonRegex::Compile("(?i:LOSS)").ok());       // scoped flag
  EXPECT_FALSE(PythonRegex::Compile("(?>a)").ok());           // atomic group
  EXPECT_FALSE(PythonRegex::Compile("(?s)a.b").ok());         // dotall flag
  // Matching differences. Python: "loss$" matches "loss\n" ($ also before a
  // final newline); \d matches any Unicode digit; "." matches "\r".
  absl::StatusOr<PythonRegex> end = PythonRegex::Compile("loss$");
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->MatchesPrefix("loss\n"));
  absl::StatusOr<PythonRegex> digit = PythonRegex::Compile("a\\d");
  ASSERT_TRUE(digit.ok());
  EXPECT_FALSE(digit->MatchesPrefix("a\xd9\xa3"));  // U+0663 in UTF-8
  // Python: "a*+" is possessive, so "a*+a" never matches; here it is (a*)+.
  absl::StatusOr<PythonRegex> possessive = PythonRegex::Compile("a*+a");
  ASSERT_TRUE(possessive.ok());
  EXPECT_TRUE(possessive->MatchesPrefix("aaa"));
  absl::StatusOr<PythonRegex> dot = PythonRegex::Compile("a.b");
  ASSERT_TRUE(dot.ok());
  EXPECT_FALSE(dot->MatchesPrefix("a\rb"));
  // Everything else tags use agrees, e.g. classes, alternation, counted
  // repeats, look-ahead, back-references by number, non-greedy repeats.
  EXPECT_TRUE(Matches("(acc|loss)/(?!val)\\w+", "loss/train"));
  EXPECT_FALSE(Matches("(acc|loss)/(?!val)\\w+", "loss/val"));
  EXPECT_TRUE(Matches("(a)\\1{2}x", "aaax"));
  EXPECT_TRUE(Matches("[a-c]{2,3}?/.+?", "ab/c"));
}

class CustomScalarsPluginTest : public ::testing::Test {
 protected:
  CustomScalarsPluginTest() {
    for (int step = 0; step < 3; ++step) {
      provider_.AddScalar("run_a", "loss/train", step, 100.0 + step, step)
          .AddScalar("run_a", "loss/val", step, 100.0 + step, 2 * step)
          .AddScalar("run_a", "acc", step, 100.0 + step, 0.5);
    }
  }
  void AddLayout(const std::string& run, const std::string& serialized) {
    provider_.AddTensor(run, "custom_scalars__config__", "custom_scalars", 0,
                        1.0, StringTensor({serialized}, {}));
  }
  FakeDataProvider provider_;
  CustomScalarsPlugin plugin_{&provider_};
};

TEST_F(CustomScalarsPluginTest, NoLayoutIsAnEmptyObject) {
  const Response response = Call(plugin_, kLayout);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "{}");
}

TEST_F(CustomScalarsPluginTest, LayoutsAreMergedInRunNameOrder) {
  Layout a, b;
  AddChart(AddCategory(&a, "first"), "x", "loss/.*");
  AddChart(AddCategory(&b, "second"), "y", "acc");
  AddLayout("run_b", b.SerializeAsString());
  AddLayout("run_a", a.SerializeAsString());
  const nlohmann::json body = JsonBody(Call(plugin_, kLayout));
  ASSERT_EQ(body["category"].size(), 2u);
  EXPECT_EQ(body["category"][0]["title"], "first");
  EXPECT_EQ(body["category"][1]["title"], "second");
  EXPECT_FALSE(body.contains("errors"));
}

TEST_F(CustomScalarsPluginTest, ALayoutThatDoesNotParseIsNamedAndSkipped) {
  Layout a;
  AddChart(AddCategory(&a, "first"), "x", "loss/.*");
  AddLayout("run_a", a.SerializeAsString());
  AddLayout("run_b", "\xff\xff\xff");
  const Response response = Call(plugin_, kLayout);
  ASSERT_EQ(response.status, 200);
  const nlohmann::json body = JsonBody(response);
  EXPECT_EQ(body["category"].size(), 1u);
  ASSERT_EQ(body["errors"].size(), 1u);
  EXPECT_THAT(body["errors"][0].get<std::string>(), HasSubstr("'run_b'"));
}

TEST_F(CustomScalarsPluginTest, ScalarsServeEveryTagMatchingFromTheStart) {
  const nlohmann::json body =
      JsonBody(Call(plugin_, kScalars, {{"run", "run_a"}, {"tag", "loss"}}));
  EXPECT_EQ(body["regex_valid"], true);
  EXPECT_EQ(body["tag_to_events"], nlohmann::json::parse(R"({
    "loss/train": [[100.0, 0, 0.0], [101.0, 1, 1.0], [102.0, 2, 2.0]],
    "loss/val": [[100.0, 0, 0.0], [101.0, 1, 2.0], [102.0, 2, 4.0]]})"));
}

TEST_F(CustomScalarsPluginTest, InvalidOrEmptyRegexIsNotValid) {
  for (const char* pattern : {"(", "", "[a"}) {
    const Response response =
        Call(plugin_, kScalars, {{"run", "run_a"}, {"tag", pattern}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"regex_valid": false, "tag_to_events": {}})")
        << pattern;
  }
}

TEST_F(CustomScalarsPluginTest, UnknownRunHasNoTags) {
  EXPECT_EQ(Call(plugin_, kScalars, {{"run", "nope"}, {"tag", ".*"}}).body,
            R"({"regex_valid": true, "tag_to_events": {}})");
}

TEST_F(CustomScalarsPluginTest, DownloadNeedsAnExactTag) {
  Response csv = Call(plugin_, kDownload,
                      {{"run", "run_a"}, {"tag", "acc"}, {"format", "csv"}});
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_THAT(csv.body, HasSubstr("Wall time,Step,Value"));
  EXPECT_EQ(
      Call(plugin_, kDownload, {{"run", "run_a"}, {"tag", "loss/.*"}}).status,
      404);
}

}  // namespace
}  // namespace tbx::plugins
