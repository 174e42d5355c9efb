// JsonWriter: builds JSON text the way Python's json.dumps writes it, straight
// into a string the caller owns (no intermediate tree, so large number arrays
// stay cheap):
//  * separators ", " and ": " (or "," and ":" when compact),
//  * floats as repr(float), NaN and +-Infinity as the strings "NaN",
//  "Infinity", "-Infinity",
//  * strings with ensure_ascii: every non-ASCII character as a lowercase \uXXXX
//  escape
//    (surrogate pairs above U+FFFF); bytes that are not valid UTF-8 become
//    \ufffd.
// The caller is responsible for a well-formed sequence of calls (Key only
// inside objects, every Begin matched by an End). Not thread-safe: one writer
// per thread.
#ifndef TBX_PLUGINS_COMMON_JSON_WRITER_H_
#define TBX_PLUGINS_COMMON_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tbx::plugins {

class JsonWriter {
 public:
  // Appends to `*out`, which must outlive the writer.
  explicit JsonWriter(std::string* out, bool compact = false);
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void BeginArray();
  void EndArray();
  void BeginObject();
  void EndObject();
  // An object key; the next call writes its value.
  void Key(std::string_view key);

  void String(std::string_view value);
  void Double(double value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // Already-encoded JSON, written as one value.
  void Raw(std::string_view json);

 private:
  // Writes the separator due before the next value.
  void BeforeValue();

  std::string* out_;
  const char* comma_;
  const char* colon_;
  // One entry per open array/object: whether it already holds a value.
  std::vector<bool> has_value_;
  bool after_key_ = false;
};

// Appends `value` as a JSON string literal (with quotes) with ensure_ascii
// escaping.
void AppendJsonString(std::string_view value, std::string* out);

// Appends a double as json.dumps writes it (repr, or
// "NaN"/"Infinity"/"-Infinity" strings).
void AppendJsonDouble(double value, std::string* out);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_JSON_WRITER_H_
