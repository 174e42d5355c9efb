// The streaming JSON trace reader; see trace_json_reader.h. This is the only
// translation unit of the profile plugin that includes nlohmann/json.
#include "plugins/profile/trace_json_reader.h"

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <iterator>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/profile/trace_builder.h"

namespace tbx::plugins::profile {
namespace {

// A source of bytes read in blocks: a gzip (or plain) file through zlib, or
// memory. Read returns bytes read, 0 at the end, -1 on error.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual int Read(char* buffer, unsigned size) = 0;
  virtual std::string Error() = 0;
};

class GzFileSource : public ByteSource {
 public:
  explicit GzFileSource(gzFile file) : file_(file) { gzbuffer(file_, 1 << 18); }
  ~GzFileSource() override { gzclose(file_); }
  int Read(char* buffer, unsigned size) override {
    return gzread(file_, buffer, size);
  }
  std::string Error() override {
    int code = 0;
    const char* message = gzerror(file_, &code);
    return message != nullptr ? message : "read error";
  }

 private:
  gzFile file_;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view text) : text_(text) {}
  int Read(char* buffer, unsigned size) override {
    size_t n = std::min<size_t>(size, text_.size() - pos_);
    std::memcpy(buffer, text_.data() + pos_, n);
    pos_ += n;
    return static_cast<int>(n);
  }
  std::string Error() override { return ""; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// A block buffer over a source, walked one character at a time by
// BufferIterator.
class BlockBuffer {
 public:
  explicit BlockBuffer(ByteSource* source) : source_(source), block_(1 << 18) {
    Refill();
  }
  bool AtEnd() const { return pos_ >= len_; }
  char Current() const { return block_[pos_]; }
  void Advance() {
    if (++pos_ >= len_) Refill();
  }
  int64_t consumed() const { return consumed_ + static_cast<int64_t>(pos_); }
  const std::string& error() const { return error_; }

 private:
  void Refill() {
    consumed_ += static_cast<int64_t>(len_);
    pos_ = 0;
    len_ = 0;
    if (done_) return;
    int n = source_->Read(block_.data(), static_cast<unsigned>(block_.size()));
    if (n < 0) {
      error_ = source_->Error();
      done_ = true;
      return;
    }
    if (n == 0) done_ = true;
    len_ = static_cast<size_t>(n);
  }

  ByteSource* source_;
  std::vector<char> block_;
  size_t pos_ = 0;
  size_t len_ = 0;
  int64_t consumed_ = 0;
  bool done_ = false;
  std::string error_;
};

// An input iterator over a BlockBuffer; the default-constructed one is the
// end.
class BufferIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = char;

  BufferIterator() = default;
  explicit BufferIterator(BlockBuffer* buffer) : buffer_(buffer) {}
  char operator*() const { return buffer_->Current(); }
  BufferIterator& operator++() {
    buffer_->Advance();
    return *this;
  }
  BufferIterator operator++(int) {
    BufferIterator old = *this;
    buffer_->Advance();
    return old;
  }
  bool operator==(const BufferIterator& other) const {
    return IsEnd() == other.IsEnd();
  }
  bool operator!=(const BufferIterator& other) const {
    return !(*this == other);
  }

 private:
  bool IsEnd() const { return buffer_ == nullptr || buffer_->AtEnd(); }
  BlockBuffer* buffer_ = nullptr;
};

void AppendEscaped(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(out, "\\u00", c < 0x10 ? "0" : "1",
                      std::string(1, "0123456789abcdef"[c & 0xf]));
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

int64_t ToNanos(double micros) {
  if (!std::isfinite(micros)) return 0;
  double ns = micros * 1000.0;
  if (ns > 9.0e18 || ns < -9.0e18) return 0;
  return std::llround(ns);
}

// The SAX handler: a small state machine over the trace's structure.
class TraceSax {
 public:
  explicit TraceSax(TraceBuilder* builder) : builder_(builder) {}

  // What the innermost open container is.
  enum class Frame : uint8_t {
    kTop,      // the top-level object (Kineto)
    kEvents,   // the array of events ("traceEvents" or the legacy top)
    kEvent,    // one event object
    kArgs,     // an event's "args"
    kCapture,  // a value captured as JSON text
    kSkip,     // anything else
  };
  // What a capture is for.
  enum class Target : uint8_t { kDeviceProperties, kDistributedInfo, kArg };

  bool null() { return Scalar(Value{}); }
  bool boolean(bool b) {
    Value v;
    v.type = Value::kBool;
    v.i = b;
    return Scalar(v);
  }
  bool number_integer(int64_t n) {
    Value v;
    v.type = Value::kInt;
    v.i = n;
    v.d = static_cast<double>(n);
    return Scalar(v);
  }
  bool number_unsigned(uint64_t n) {
    Value v;
    v.type = Value::kInt;
    v.i = static_cast<int64_t>(n);
    v.u = n;
    v.d = static_cast<double>(n);
    return Scalar(v);
  }
  bool number_float(double d, const std::string& /*text*/) {
    Value v;
    v.type = Value::kDouble;
    v.d = d;
    v.i = std::isfinite(d) && std::fabs(d) < 9e18 ? static_cast<int64_t>(d) : 0;
    return Scalar(v);
  }
  bool string(std::string& s) {
    Value v;
    v.type = Value::kString;
    v.s = &s;
    return Scalar(v);
  }
  bool binary(nlohmann::json::binary_t& /*b*/) { return true; }
  bool key(std::string& k) {
    if (!stack_.empty() && stack_.back() == Frame::kCapture) {
      CaptureComma();
      AppendEscaped(k, &capture_);
      capture_.push_back(':');
      capture_after_key_ = true;
    }
    key_ = k;
    return true;
  }
  bool start_object(std::size_t /*n*/) { return Open(/*is_object=*/true); }
  bool end_object() { return Close('}'); }
  bool start_array(std::size_t /*n*/) { return Open(/*is_object=*/false); }
  bool end_array() { return Close(']'); }
  bool parse_error(std::size_t position, const std::string& /*token*/,
                   const nlohmann::detail::exception& ex) {
    error_position_ = static_cast<int64_t>(position);
    error_ = ex.what();
    return false;
  }

  const std::string& error() const { return error_; }
  int64_t error_position() const { return error_position_; }
  bool saw_container() const { return saw_container_; }
  int64_t skipped_events() const { return skipped_events_; }

 private:
  struct Value {
    enum Type { kNull, kBool, kInt, kDouble, kString } type = kNull;
    int64_t i = 0;
    uint64_t u = 0;
    double d = 0;
    const std::string* s = nullptr;
  };

  // The event being read.
  struct Pending {
    std::string ph, cat, name, pid, tid, shapes, stack;
    bool has_ts = false;
    double ts_us = 0;
    int64_t ts_int_us = 0;
    bool ts_is_int = false;
    double dur_us = -1;
    int64_t correlation = -1, external_id = -1;
    bool any_device = false, any_memory = false;
    DeviceArgs device;
    MemoryArgs memory;
    // For "M" events: args.name, args.sort_index.
    std::string meta_name;
    int64_t meta_sort = INT64_MIN;

    void Reset() {
      ph.clear();
      cat.clear();
      name.clear();
      pid.clear();
      tid.clear();
      shapes.clear();
      stack.clear();
      has_ts = false;
      ts_is_int = false;
      dur_us = -1;
      correlation = external_id = -1;
      any_device = any_memory = false;
      device = DeviceArgs();
      memory = MemoryArgs();
      meta_name.clear();
      meta_sort = INT64_MIN;
    }
  };

  static std::string AsText(const Value& v) {
    switch (v.type) {
      case Value::kString:
        return *v.s;
      case Value::kInt:
        return v.u != 0 ? std::to_string(v.u) : std::to_string(v.i);
      case Value::kDouble:
        return absl::StrCat(v.d);
      case Value::kBool:
        return v.i ? "true" : "false";
      case Value::kNull:
        break;
    }
    return "";
  }

  void CaptureComma() {
    if (capture_after_key_) {
      capture_after_key_ = false;
      return;
    }
    if (capture_needs_comma_.back()) capture_.push_back(',');
    capture_needs_comma_.back() = true;
  }

  void CaptureScalar(const Value& v) {
    CaptureComma();
    switch (v.type) {
      case Value::kString:
        AppendEscaped(*v.s, &capture_);
        break;
      case Value::kNull:
        capture_ += "null";
        break;
      default:
        capture_ += AsText(v);
        break;
    }
    if (v.type == Value::kInt || v.type == Value::kDouble)
      capture_numbers_.push_back(v.d);
  }

  bool Scalar(const Value& v) {
    if (stack_.empty()) return true;  // a bare scalar: not a trace
    switch (stack_.back()) {
      case Frame::kEvent:
        EventField(v);
        break;
      case Frame::kArgs:
        Arg(key_, v);
        break;
      case Frame::kCapture:
        CaptureScalar(v);
        break;
      default:
        break;
    }
    return true;
  }

  void BeginCapture(Target target, bool is_object) {
    target_ = target;
    capture_key_ = key_;
    capture_.clear();
    capture_numbers_.clear();
    capture_needs_comma_.clear();
    capture_after_key_ = false;
    capture_.push_back(is_object ? '{' : '[');
    capture_needs_comma_.push_back(false);
    stack_.push_back(Frame::kCapture);
  }

  bool Open(bool is_object) {
    if (stack_.empty()) {
      saw_container_ = true;
      if (is_object) {
        builder_->SetFormat("kineto");
        stack_.push_back(Frame::kTop);
      } else {
        builder_->SetFormat("legacy");
        stack_.push_back(Frame::kEvents);
      }
      return true;
    }
    switch (stack_.back()) {
      case Frame::kTop:
        if (!is_object && key_ == "traceEvents") {
          stack_.push_back(Frame::kEvents);
        } else if (key_ == "deviceProperties") {
          BeginCapture(Target::kDeviceProperties, is_object);
        } else if (key_ == "distributedInfo") {
          BeginCapture(Target::kDistributedInfo, is_object);
        } else {
          stack_.push_back(Frame::kSkip);
        }
        return true;
      case Frame::kEvents:
        if (is_object) {
          pending_.Reset();
          stack_.push_back(Frame::kEvent);
        } else {
          ++skipped_events_;
          stack_.push_back(Frame::kSkip);
        }
        return true;
      case Frame::kEvent:
        stack_.push_back(is_object && key_ == "args" ? Frame::kArgs
                                                     : Frame::kSkip);
        return true;
      case Frame::kArgs:
        BeginCapture(Target::kArg, is_object);
        return true;
      case Frame::kCapture:
        CaptureComma();
        capture_.push_back(is_object ? '{' : '[');
        capture_needs_comma_.push_back(false);
        stack_.push_back(Frame::kCapture);
        return true;
      case Frame::kSkip:
        stack_.push_back(Frame::kSkip);
        return true;
    }
    return true;
  }

  bool Close(char bracket) {
    if (stack_.empty()) return true;
    Frame frame = stack_.back();
    stack_.pop_back();
    if (frame == Frame::kEvent) {
      EmitEvent();
    } else if (frame == Frame::kCapture) {
      capture_.push_back(bracket);
      capture_needs_comma_.pop_back();
      if (capture_needs_comma_.empty()) EndCapture();
    }
    return true;
  }

  void EndCapture() {
    switch (target_) {
      case Target::kDeviceProperties:
        builder_->SetDeviceProperties(capture_);
        break;
      case Target::kDistributedInfo:
        builder_->SetDistributedInfo(capture_);
        break;
      case Target::kArg:
        if (capture_key_ == "Input Dims") {
          pending_.shapes = capture_;
        } else if (capture_key_ == "grid" || capture_key_ == "block") {
          int32_t* dims = capture_key_ == "grid" ? pending_.device.grid
                                                 : pending_.device.block;
          for (size_t i = 0; i < 3 && i < capture_numbers_.size(); ++i)
            dims[i] = static_cast<int32_t>(capture_numbers_[i]);
          pending_.any_device = true;
        }
        break;
    }
  }

  void EventField(const Value& v) {
    const std::string& k = key_;
    if (k == "ph") {
      pending_.ph = AsText(v);
    } else if (k == "cat") {
      pending_.cat = AsText(v);
    } else if (k == "name") {
      pending_.name = AsText(v);
    } else if (k == "pid") {
      pending_.pid = AsText(v);
    } else if (k == "tid") {
      pending_.tid = AsText(v);
    } else if (k == "ts") {
      if (v.type == Value::kInt) {
        pending_.has_ts = true;
        pending_.ts_is_int = true;
        pending_.ts_int_us = v.i;
      } else if (v.type == Value::kDouble) {
        pending_.has_ts = true;
        pending_.ts_us = v.d;
      }
    } else if (k == "dur") {
      if (v.type == Value::kInt || v.type == Value::kDouble)
        pending_.dur_us = v.d;
    }
  }

  void Arg(const std::string& k, const Value& v) {
    bool number = v.type == Value::kInt || v.type == Value::kDouble;
    if (k == "name" && v.type == Value::kString) pending_.meta_name = *v.s;
    if (!number) {
      if (k == "Call stack" && v.type == Value::kString) pending_.stack = *v.s;
      return;
    }
    int64_t i = v.i;
    if (k == "External id" || k == "external id") {
      pending_.external_id = i;
    } else if (k == "correlation") {
      pending_.correlation = i;
    } else if (k == "sort_index") {
      pending_.meta_sort = i;
    } else if (k == "device") {
      pending_.device.device = static_cast<int32_t>(i);
      pending_.any_device = true;
    } else if (k == "stream") {
      pending_.device.stream = static_cast<int32_t>(i);
    } else if (k == "registers per thread") {
      pending_.device.registers = static_cast<int32_t>(i);
    } else if (k == "shared memory") {
      pending_.device.shared_memory = i;
    } else if (k == "blocks per SM") {
      pending_.device.blocks_per_sm = v.d;
    } else if (k == "warps per SM") {
      pending_.device.warps_per_sm = v.d;
    } else if (k == "est. achieved occupancy %") {
      pending_.device.occupancy = v.d;
    } else if (k == "bytes") {
      pending_.device.bytes = i;
    } else if (k == "Device Type") {
      pending_.memory.device_type = static_cast<int32_t>(i);
      pending_.any_memory = true;
    } else if (k == "Device Id") {
      pending_.memory.device_id = static_cast<int32_t>(i);
    } else if (k == "Bytes") {
      pending_.memory.bytes = i;
      pending_.any_memory = true;
    } else if (k == "Addr") {
      pending_.memory.addr = v.u != 0 ? v.u : static_cast<uint64_t>(i);
    } else if (k == "Total Allocated") {
      pending_.memory.total_allocated = i;
    } else if (k == "Total Reserved") {
      pending_.memory.total_reserved = i;
    }
  }

  void EmitEvent() {
    Pending& p = pending_;
    if (p.ph == "M") {
      if (p.name == "process_name") {
        builder_->SetProcessName(p.pid, p.meta_name);
      } else if (p.name == "thread_name") {
        builder_->SetThreadName(p.pid, p.tid, p.meta_name);
      } else if (p.name == "thread_sort_index" && p.meta_sort != INT64_MIN) {
        builder_->SetSortIndex(p.pid, p.tid, p.meta_sort);
      }
      return;
    }
    if (!p.has_ts || p.ph.size() != 1) {
      ++skipped_events_;
      return;
    }
    RawEvent raw;
    raw.phase = p.ph[0];
    raw.category = p.cat;
    raw.name = p.name;
    raw.pid = p.pid;
    raw.tid = p.tid;
    raw.ts_ns = p.ts_is_int ? (p.ts_int_us > INT64_MAX / 1000 ||
                                       p.ts_int_us < INT64_MIN / 1000
                                   ? 0
                                   : p.ts_int_us * 1000)
                            : ToNanos(p.ts_us);
    raw.dur_ns = p.dur_us < 0 ? -1 : ToNanos(p.dur_us);
    raw.correlation = p.correlation;
    raw.external_id = p.external_id;
    raw.shapes = p.shapes;
    raw.stack = p.stack;
    raw.has_device_args = p.any_device;
    raw.device_args = p.device;
    raw.has_memory_args = p.any_memory;
    raw.memory_args = p.memory;
    builder_->AddEvent(raw);
  }

  TraceBuilder* builder_;
  std::vector<Frame> stack_;
  std::string key_;
  Pending pending_;
  // The capture in progress.
  Target target_ = Target::kArg;
  std::string capture_key_;
  std::string capture_;
  std::vector<double> capture_numbers_;
  std::vector<bool> capture_needs_comma_;
  bool capture_after_key_ = false;

  bool saw_container_ = false;
  int64_t skipped_events_ = 0;
  std::string error_;
  int64_t error_position_ = -1;
};

TraceIndex ReadFrom(ByteSource* source) {
  TraceBuilder builder;
  BlockBuffer buffer(source);
  TraceSax sax(&builder);
  bool ok = nlohmann::json::sax_parse(BufferIterator(&buffer), BufferIterator(),
                                      &sax);
  builder.SetBytesRead(buffer.consumed());
  if (!buffer.error().empty()) {
    builder.MarkIncomplete();
    builder.AddNote(absl::StrCat("the compressed data is damaged after ",
                                 buffer.consumed(), " bytes (", buffer.error(),
                                 "); ", builder.events_added(),
                                 " events read before it are shown"));
  } else if (!ok) {
    builder.MarkIncomplete();
    if (buffer.AtEnd()) {
      builder.AddNote(absl::StrCat(
          "the trace ends early after ", buffer.consumed(),
          " bytes (cut off, or still being written); ", builder.events_added(),
          " events read before the end are shown"));
    } else {
      builder.AddNote(absl::StrCat("the trace is not valid JSON at byte ",
                                   sax.error_position(), " (", sax.error(),
                                   "); ", builder.events_added(),
                                   " events read before it are shown"));
    }
  } else if (!sax.saw_container()) {
    builder.MarkIncomplete();
    builder.AddNote("the file holds no JSON object or array of events");
  }
  if (sax.skipped_events() > 0)
    builder.AddNote(absl::StrCat(
        sax.skipped_events(), " events without a phase or time were skipped"));
  return builder.Finish();
}

}  // namespace

absl::StatusOr<TraceIndex> ReadJsonTraceFile(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr)
    return absl::NotFoundError(absl::StrCat("cannot open ", path));
  GzFileSource source(file);
  return ReadFrom(&source);
}

TraceIndex ReadJsonTrace(std::string_view text) {
  MemorySource source(text);
  return ReadFrom(&source);
}

}  // namespace tbx::plugins::profile
