// Tests of the helpers every plugin shares: Python float formatting, the JSON
// writer, CSV, blob keys, request parameters, the answer cache, the
// dashboards' order and percent-encoded header values. Expected
// strings were produced by CPython 3.11 (repr, json.dumps, csv.writer,
// base64.urlsafe_b64encode).
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "plugins/common/answer_cache.h"
#include "plugins/common/blob_key.h"
#include "plugins/common/csv.h"
#include "plugins/common/dashboard_order.h"
#include "plugins/common/header_value.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/common/plugin_content.h"
#include "plugins/common/python_float.h"
#include "plugins/common/sticky_activity.h"
#include "plugins/common/tensor_json.h"
#include "tbx/http.h"

namespace tbx::plugins {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(PythonFloatTest, WidenedFloat32KeepsEveryDigit) {
  EXPECT_EQ(PythonFloat(static_cast<double>(0.1f)), "0.10000000149011612");
  EXPECT_EQ(PythonFloat(static_cast<double>(3.4e38f)),
            "3.3999999521443642e+38");
}

TEST(PythonFloatTest, IntegralValuesKeepPointZero) {
  EXPECT_EQ(PythonFloat(0.0), "0.0");
  EXPECT_EQ(PythonFloat(1.0), "1.0");
  EXPECT_EQ(PythonFloat(100.0), "100.0");
  EXPECT_EQ(PythonFloat(123456789.0), "123456789.0");
  EXPECT_EQ(PythonFloat(1700000003.0), "1700000003.0");
  EXPECT_EQ(PythonFloat(9999999999999998.0), "9999999999999998.0");
}

TEST(PythonFloatTest, ExponentBelowOneTenThousandthAndFromTenQuadrillion) {
  EXPECT_EQ(PythonFloat(0.0001), "0.0001");
  EXPECT_EQ(PythonFloat(0.001), "0.001");
  EXPECT_EQ(PythonFloat(1e-05), "1e-05");
  EXPECT_EQ(PythonFloat(1e-4 * 0.99), "9.900000000000001e-05");
  EXPECT_EQ(PythonFloat(1.5e-07), "1.5e-07");
  EXPECT_EQ(PythonFloat(1e16), "1e+16");
  EXPECT_EQ(PythonFloat(1e22), "1e+22");
  EXPECT_EQ(PythonFloat(5e-324), "5e-324");
  EXPECT_EQ(PythonFloat(1.7976931348623157e308), "1.7976931348623157e+308");
}

TEST(PythonFloatTest, SignsAndNonFiniteValues) {
  EXPECT_EQ(PythonFloat(-0.0), "-0.0");
  EXPECT_EQ(PythonFloat(-2.5), "-2.5");
  EXPECT_EQ(PythonFloat(std::nan("")), "nan");
  EXPECT_EQ(PythonFloat(kInf), "inf");
  EXPECT_EQ(PythonFloat(-kInf), "-inf");
}

TEST(JsonWriterTest, PythonSeparatorsAndNumberForms) {
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  writer.Key("a");
  writer.BeginArray();
  writer.Int(1);
  writer.Double(2.0);
  writer.Double(-0.0);
  writer.EndArray();
  writer.Key("b");
  writer.BeginObject();
  writer.EndObject();
  writer.Key("c");
  writer.BeginArray();
  writer.Bool(true);
  writer.Null();
  writer.EndArray();
  writer.EndObject();
  EXPECT_EQ(json, R"({"a": [1, 2.0, -0.0], "b": {}, "c": [true, null]})");
}

TEST(JsonWriterTest, NonFiniteDoublesAreStrings) {
  std::string json;
  JsonWriter writer(&json);
  writer.BeginArray();
  writer.Double(std::nan(""));
  writer.Double(kInf);
  writer.Double(-kInf);
  writer.EndArray();
  EXPECT_EQ(json, R"(["NaN", "Infinity", "-Infinity"])");
}

TEST(JsonWriterTest, CompactHasNoSpaces) {
  std::string json;
  JsonWriter writer(&json, /*compact=*/true);
  writer.BeginObject();
  writer.Key("k");
  writer.BeginArray();
  writer.Int(1);
  writer.Int(-2);
  writer.EndArray();
  writer.EndObject();
  EXPECT_EQ(json, R"({"k":[1,-2]})");
}

TEST(JsonWriterTest, EnsureAsciiEscapes) {
  std::string json;
  AppendJsonString(
      "spaces and \xc3\xbcn\xc3\xaf"
      "code",
      &json);
  EXPECT_EQ(json, R"("spaces and \u00fcn\u00efcode")");
  json.clear();
  AppendJsonString("\xf0\x9f\x98\x80", &json);  // U+1F600, a surrogate pair
  EXPECT_EQ(json, R"("\ud83d\ude00")");
  json.clear();
  AppendJsonString(std::string("\x7f\x01\"\\\n\t", 6), &json);
  EXPECT_EQ(json, R"("\u007f\u0001\"\\\n\t")");
}

TEST(JsonWriterTest, InvalidUtf8BecomesReplacementCharacter) {
  std::string json;
  AppendJsonString(
      "a\xff"
      "b\xc3",
      &json);
  EXPECT_EQ(json, R"("a\ufffdb\ufffd")");
}

TEST(CsvTest, QuotesOnlyWhenNeeded) {
  std::string csv;
  AppendCsvField("plain", &csv);
  csv.push_back(',');
  AppendCsvField("a,b", &csv);
  csv.push_back(',');
  AppendCsvField("say \"hi\"", &csv);
  EXPECT_EQ(csv, R"(plain,"a,b","say ""hi""")");
}

TEST(CsvTest, NumbersAsPythonStr) {
  std::string csv;
  AppendCsvDouble(std::nan(""), &csv);
  csv.push_back(',');
  AppendCsvDouble(-kInf, &csv);
  csv.push_back(',');
  AppendCsvDouble(-0.0, &csv);
  csv.push_back(',');
  AppendCsvInt(-42, &csv);
  EXPECT_EQ(csv, "nan,-inf,-0.0,-42");
}

TEST(BlobKeyTest, EncodesTensorBoardsFormat) {
  EXPECT_EQ(EncodeBlobKey({"", "images", "run_a", "images/chw_float", 0, 2}),
            "WyIiLCJpbWFnZXMiLCJydW5fYSIsImltYWdlcy9jaHdfZmxvYXQiLDAsMl0");
  // Non-ASCII names are \u-escaped inside the key, as json.dumps does; no '='
  // padding.
  EXPECT_EQ(EncodeBlobKey({"", "images", "run_\xc3\xbc", "tag/x", 3, 2}),
            "WyIiLCJpbWFnZXMiLCJydW5fXHUwMGZjIiwidGFnL3giLDMsMl0");
}

TEST(BlobKeyTest, RoundTrips) {
  const BlobKey key{"exp",       "audio", "run \xc3\xbc/<b>",
                    "tag \"q\"", -7,      12345678901};
  absl::StatusOr<BlobKey> decoded = DecodeBlobKey(EncodeBlobKey(key));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, key);
}

TEST(BlobKeyTest, AcceptsPadding) {
  absl::StatusOr<BlobKey> decoded =
      DecodeBlobKey("WyIiLCJpbWFnZXMiLCJydW5fXHUwMGZjIiwidGFnL3giLDMsMl0=");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->run, "run_\xc3\xbc");
  EXPECT_EQ(decoded->step, 3);
}

TEST(BlobKeyTest, GarbageIsInvalidArgumentSayingWhy) {
  const struct {
    const char* key;
    const char* why;
  } cases[] = {
      {"", "not URL-safe base64"},
      {"!!!!", "not URL-safe base64"},
      {"garbage", "does not decode to JSON"},
      {"WzEsMl0", "array of 6 items"},  // [1,2]
      {"WzEsIiIsIiIsIiIsMCwwXQ",
       "item 0 should be a string"},  // [1,"","","",0,0]
      {"WyIiLCIiLCIiLCIiLCJ4IiwwXQ",
       "item 4 should be an integer"},  // ["","","","","x",0]
  };
  for (const auto& c : cases) {
    absl::StatusOr<BlobKey> decoded = DecodeBlobKey(c.key);
    ASSERT_FALSE(decoded.ok()) << c.key;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument)
        << c.key;
    EXPECT_NE(decoded.status().message().find(c.why), std::string::npos)
        << c.key << ": " << decoded.status();
  }
}

TEST(ParamsTest, PyReprQuotesLikePython) {
  EXPECT_EQ(PyRepr("run_a"), "'run_a'");
  EXPECT_EQ(PyRepr("it's"), "\"it's\"");
  EXPECT_EQ(PyRepr("a\"b"), "'a\"b'");
  EXPECT_EQ(PyRepr("both'\""), "'both\\'\"'");
  EXPECT_EQ(PyReprOrNone(std::nullopt), "None");
}

TEST(ParamsTest, IntParam) {
  Request request;
  request.params = {{"n", "12"}, {"bad", "1x"}, {"neg", "-3"}, {"empty", ""}};
  EXPECT_EQ(*IntParam(request, "n", 0), 12);
  EXPECT_EQ(*IntParam(request, "absent", 7), 7);
  EXPECT_EQ(*IntParam(request, "neg", 0), -3);
  EXPECT_EQ(IntParam(request, "bad", 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(IntParam(request, "empty", 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(IntParam(request, "neg", 0, /*min=*/0).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PluginContentTest, ReadsVarintFields) {
  // AudioPluginData{version: 0, encoding: WAV (11)} serialized: field 2
  // varint 11.
  EXPECT_EQ(VarintField(std::string("\x10\x0b", 2), 2), 11u);
  EXPECT_EQ(VarintField(std::string("\x10\x0b", 2), 1), std::nullopt);
  EXPECT_EQ(VarintField("", 2), std::nullopt);
  EXPECT_EQ(VarintField(std::string("\x10", 1), 2), std::nullopt);  // truncated
}

TEST(TensorJsonTest, NestedListsByDtype) {
  std::string json;
  JsonWriter writer(&json);
  Tensor floats{DType::kFloat, {2, 3}, {-1, 0, 2, 0, 1, 3}, {}};
  WriteTensor(floats, writer);
  EXPECT_EQ(json, "[[-1.0, 0.0, 2.0], [0.0, 1.0, 3.0]]");
  json.clear();
  JsonWriter ints(&json);
  WriteTensor(Tensor{DType::kInt64, {3}, {1, -2, 3}, {}}, ints);
  EXPECT_EQ(json, "[1, -2, 3]");
  json.clear();
  JsonWriter scalar(&json);
  WriteTensor(Tensor{DType::kDouble, {}, {0.5}, {}}, scalar);
  EXPECT_EQ(json, "0.5");
  json.clear();
  JsonWriter mismatch(&json);
  WriteTensor(Tensor{DType::kFloat, {2, 3}, {1, 2}, {}}, mismatch);
  EXPECT_EQ(json, "null");
}

std::shared_ptr<const std::string> Body(size_t size, char fill) {
  return std::make_shared<const std::string>(size, fill);
}

TEST(AnswerCacheTest, AnswersAKeyStoredAtTheSameGeneration) {
  AnswerCache cache(100);
  EXPECT_EQ(cache.Find(1, "a"), nullptr);
  cache.Store(1, "a", Body(10, 'a'));
  ASSERT_NE(cache.Find(1, "a"), nullptr);
  EXPECT_EQ(*cache.Find(1, "a"), std::string(10, 'a'));
  EXPECT_EQ(cache.Find(1, "b"), nullptr);
}

TEST(AnswerCacheTest, ANewerGenerationDropsEveryAnswer) {
  AnswerCache cache(100);
  cache.Store(1, "a", Body(10, 'a'));
  std::shared_ptr<const std::string> kept = cache.Find(1, "a");
  EXPECT_EQ(cache.Find(2, "a"), nullptr);
  EXPECT_EQ(cache.bytes(), 0u);
  // A reader's copy outlives the entry.
  EXPECT_EQ(*kept, std::string(10, 'a'));
  // An answer built from older data is not kept once a newer generation was
  // seen, and is not found at that older generation either.
  cache.Store(1, "a", Body(10, 'a'));
  EXPECT_EQ(cache.Find(2, "a"), nullptr);
  EXPECT_EQ(cache.Find(1, "a"), nullptr);
  cache.Store(2, "a", Body(10, 'b'));
  EXPECT_EQ(*cache.Find(2, "a"), std::string(10, 'b'));
}

TEST(AnswerCacheTest, KeepsAtMostMaxBytesDroppingTheOldestFirst) {
  AnswerCache cache(100);
  cache.Store(1, "a", Body(40, 'a'));
  cache.Store(1, "b", Body(40, 'b'));
  EXPECT_EQ(cache.bytes(), 80u);
  cache.Store(1, "c", Body(40, 'c'));  // 120 > 100: "a" goes
  EXPECT_EQ(cache.bytes(), 80u);
  EXPECT_EQ(cache.Find(1, "a"), nullptr);
  EXPECT_NE(cache.Find(1, "b"), nullptr);
  EXPECT_NE(cache.Find(1, "c"), nullptr);
  // Larger than the whole budget: not kept, and nothing else is dropped.
  cache.Store(1, "big", Body(101, 'x'));
  EXPECT_EQ(cache.Find(1, "big"), nullptr);
  EXPECT_EQ(cache.bytes(), 80u);
  // A key stored twice keeps its first body and is counted once.
  cache.Store(1, "b", Body(40, 'z'));
  EXPECT_EQ(*cache.Find(1, "b"), std::string(40, 'b'));
  EXPECT_EQ(cache.bytes(), 80u);
}

TEST(StickyActivityTest, PrimedScanAnswersTheFirstGetWhichWaitsForIt) {
  std::atomic<int> scans{0};
  absl::Notification release;
  StickyActivity activity(absl::Hours(1), [&] {
    ++scans;
    release.WaitForNotification();
    return true;
  });
  activity.Prime();
  activity.Prime();  // a second Prime starts nothing
  std::atomic<bool> answered{false};
  bool answer = false;
  std::thread reader([&] {
    answer = activity.Get();
    answered = true;
  });
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_FALSE(answered.load()) << "Get answered before the primed scan ended";
  release.Notify();
  reader.join();
  EXPECT_TRUE(answer);
  EXPECT_EQ(scans.load(), 1) << "Get scanned again instead of waiting";
}

TEST(StickyActivityTest, GetAfterAFinishedPrimeDoesNotScan) {
  std::atomic<int> scans{0};
  absl::Notification scanned;
  StickyActivity activity(absl::Hours(1), [&] {
    ++scans;
    scanned.Notify();
    return false;
  });
  activity.Prime();
  scanned.WaitForNotification();
  EXPECT_FALSE(activity.Get());
  EXPECT_FALSE(activity.Get());
  EXPECT_EQ(scans.load(), 1);
}

TEST(StickyActivityTest, WithoutPrimeTheFirstGetScans) {
  std::atomic<int> scans{0};
  StickyActivity activity(absl::Hours(1), [&] {
    ++scans;
    return true;
  });
  EXPECT_TRUE(activity.Get());
  EXPECT_EQ(scans.load(), 1);
}

TEST(DashboardOrderTest, DigitRunsCompareAsNumbersAndCaseIsIgnored) {
  EXPECT_LT(CompareNames("metric_4", "metric_12"), 0);
  EXPECT_GT(CompareNames("metric_12", "metric_4"), 0);
  EXPECT_LT(CompareNames("Alpha", "beta"), 0);
  EXPECT_LT(CompareNames("a_1", "a1"), 0);  // punctuation before digits
  EXPECT_LT(CompareNames("run", "run_0"), 0);
  EXPECT_EQ(CompareNames("x", "x"), 0);
  // Every printable ASCII character in the order Intl.Collator('en', {numeric:
  // true}) gives them (read from Chromium and Node.js), which the frontend
  // sorts by.
  const std::string collated =
      " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789"
      "aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";
  ASSERT_EQ(collated.size(), 0x7fu - 0x20u);
  for (size_t i = 1; i < collated.size(); ++i) {
    EXPECT_LT(CompareNames(collated.substr(i - 1, 1), collated.substr(i, 1)), 0)
        << collated[i - 1] << " before " << collated[i];
  }
  // Case decides only when nothing else does, at the first letter whose case
  // differs in the same place (after numbers compared by value).
  EXPECT_LT(CompareNames("0a", "00A"), 0);
  EXPECT_GT(CompareNames("00A", "0a"), 0);
  EXPECT_LT(CompareNames("aB", "Ab"), 0);
  EXPECT_LT(CompareNames("x007b", "x7B"), 0);
  EXPECT_EQ(DashboardOrder({"z/b", "loss", "a/metric_10", "a/metric_9", "z",
                            "/abs", "Loss/x"}),
            (std::vector<std::string>{"/abs", "a/metric_9", "a/metric_10",
                                      "loss", "Loss/x", "z", "z/b"}));
}

TEST(DashboardOrderTest, CardsTakeTagsInOrderAndEachTagsRunsInRunOrder) {
  RunTagMap<TagMetadata> listing;
  listing.push_back({"b", {{"x/2", {}}, {"a", {}}, {"x/10", {}}}});
  listing.push_back({"a", {{"x/10", {}}, {"x/10", {}}}});
  listing.push_back({"gone", {{"a", {}}}});  // not in the run order
  const std::vector<RunAndTag> cards = DashboardCards(listing, {"a", "b"});
  std::vector<std::string> names;
  for (const RunAndTag& card : cards)
    names.push_back(card.run + ":" + card.tag);
  EXPECT_EQ(names,
            (std::vector<std::string>{"b:a", "b:x/2", "a:x/10", "b:x/10"}));
  EXPECT_TRUE(DashboardCards({}, {"a"}).empty());
}

TEST(HeaderValueTest, KeepsUnreservedBytesAndEncodesTheRest) {
  EXPECT_EQ(PercentEncoded("run-1.a_b~"), "run-1.a_b~");
  EXPECT_EQ(PercentEncoded("a b/\xc3\xa9%\n"), "a%20b%2F%C3%A9%25%0A");
  EXPECT_EQ(PercentEncoded(""), "");
}

}  // namespace
}  // namespace tbx::plugins
