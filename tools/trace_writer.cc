// The Kineto trace writer; see trace_writer.h.
#include "tools/trace_writer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tbx::tools {
namespace {

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string Micros(double us) { return absl::StrFormat("%.3f", us); }

}  // namespace

TraceWriter::TraceWriter(bool legacy) : legacy_(legacy) {}

void TraceWriter::Begin() {
  if (begun_) return;
  begun_ = true;
  if (legacy_) {
    out_ += "[";
    return;
  }
  out_ += "{\n  \"schemaVersion\": 1,\n";
  if (!distributed_info_.empty())
    absl::StrAppend(&out_, "  \"distributedInfo\": ", distributed_info_, ",\n");
  absl::StrAppend(&out_, "  \"deviceProperties\": ", device_properties_,
                  ",\n  \"traceEvents\": [\n");
}

void TraceWriter::Add(const std::string& event) {
  Begin();
  if (!first_event_) out_ += ",\n";
  first_event_ = false;
  out_ += event;
}

void TraceWriter::RawEvent(std::string_view json) { Add(std::string(json)); }

void TraceWriter::Op(std::string_view name, int tid, double ts, double dur,
                     std::string_view input_dims, std::string_view stack) {
  if (legacy_) {
    Add(absl::StrCat("{\"name\": ", Quote(name), ", \"ph\": \"X\", \"ts\": ",
                     Micros(ts), ", \"dur\": ", Micros(dur), ", \"tid\": ", tid,
                     ", \"pid\": \"CPU functions\", \"args\": {}}"));
    return;
  }
  std::string args = "\"External id\": 1";
  if (!input_dims.empty())
    absl::StrAppend(&args, ", \"Input Dims\": ", std::string(input_dims));
  if (!stack.empty())
    absl::StrAppend(&args, ", \"Call stack\": ", Quote(stack));
  Add(absl::StrCat(
      "{\"ph\": \"X\", \"cat\": \"cpu_op\", \"name\": ", Quote(name),
      ", \"pid\": 100, \"tid\": ", tid, ", \"ts\": ", Micros(ts),
      ", \"dur\": ", Micros(dur), ", \"args\": {", args, "}}"));
}

void TraceWriter::Step(int n, int tid, double ts, double dur) {
  if (legacy_) {
    Op(absl::StrCat("ProfilerStep#", n), tid, ts, dur);
    return;
  }
  Add(absl::StrCat(
      "{\"ph\": \"X\", \"cat\": \"user_annotation\", \"name\": "
      "\"ProfilerStep#",
      n, "\", \"pid\": 100, \"tid\": ", tid, ", \"ts\": ", Micros(ts),
      ", \"dur\": ", Micros(dur), ", \"args\": {}}"));
}

void TraceWriter::Runtime(std::string_view name, int tid, double ts, double dur,
                          int64_t correlation) {
  Add(absl::StrCat("{\"ph\": \"X\", \"cat\": \"cuda_runtime\", \"name\": ",
                   Quote(name), ", \"pid\": 100, \"tid\": ", tid,
                   ", \"ts\": ", Micros(ts), ", \"dur\": ", Micros(dur),
                   ", \"args\": {\"correlation\": ", correlation, "}}"));
  Add(absl::StrCat("{\"ph\": \"s\", \"id\": ", correlation,
                   ", \"pid\": 100, \"tid\": ", tid, ", \"ts\": ", Micros(ts),
                   ", \"cat\": \"ac2g\", \"name\": \"launch\"}"));
}

void TraceWriter::Kernel(std::string_view name, int stream, double ts,
                         double dur, int64_t correlation, double blocks_per_sm,
                         double occupancy) {
  Add(absl::StrCat(
      "{\"ph\": \"X\", \"cat\": \"kernel\", \"name\": ", Quote(name),
      ", \"pid\": 0, \"tid\": ", stream, ", \"ts\": ", Micros(ts),
      ", \"dur\": ", Micros(dur), ", \"args\": {\"device\": 0, \"stream\": ",
      stream, ", \"correlation\": ", correlation,
      ", \"registers per thread\": 32, \"shared memory\": 0, \"blocks per "
      "SM\": ",
      blocks_per_sm,
      ", \"warps per SM\": 4, \"grid\": [80, 1, 1], \"block\": "
      "[128, 1, 1], \"est. achieved occupancy %\": ",
      occupancy, "}}"));
  Add(absl::StrCat(
      "{\"ph\": \"f\", \"id\": ", correlation,
      ", \"pid\": 0, \"tid\": ", stream, ", \"ts\": ", Micros(ts),
      ", \"cat\": \"ac2g\", \"name\": \"launch\", \"bp\": \"e\"}"));
}

void TraceWriter::Memcpy(int stream, double ts, double dur, int64_t correlation,
                         int64_t bytes) {
  Add(absl::StrCat(
      "{\"ph\": \"X\", \"cat\": \"gpu_memcpy\", \"name\": "
      "\"Memcpy HtoD (Pageable -> Device)\", \"pid\": 0, "
      "\"tid\": ",
      stream, ", \"ts\": ", Micros(ts), ", \"dur\": ", Micros(dur),
      ", \"args\": {\"device\": 0, \"stream\": ", stream,
      ", \"correlation\": ", correlation, ", \"bytes\": ", bytes, "}}"));
}

void TraceWriter::Memset(int stream, double ts, double dur,
                         int64_t correlation) {
  Add(
      absl::StrCat("{\"ph\": \"X\", \"cat\": \"gpu_memset\", \"name\": "
                   "\"Memset (Device)\", \"pid\": 0, \"tid\": ",
                   stream, ", \"ts\": ", Micros(ts), ", \"dur\": ", Micros(dur),
                   ", \"args\": {\"device\": 0, \"stream\": ", stream,
                   ", \"correlation\": ", correlation, ", \"bytes\": 64}}"));
}

void TraceWriter::Memory(int tid, double ts, int64_t bytes, uint64_t addr,
                         int64_t total_allocated, int device_type) {
  Add(absl::StrCat(
      "{\"ph\": \"i\", \"s\": \"t\", \"name\": \"[memory]\", "
      "\"pid\": 100, \"tid\": ",
      tid, ", \"ts\": ", Micros(ts),
      ", \"args\": {\"Device Type\": ", device_type,
      ", \"Device Id\": ", device_type == 1 ? 0 : -1, ", \"Addr\": ", addr,
      ", \"Bytes\": ", bytes, ", \"Total Allocated\": ", total_allocated,
      ", \"Total Reserved\": ", total_allocated * 2, "}}"));
}

std::string TraceWriter::Flush() {
  Begin();
  std::string out;
  out.swap(out_);
  return out;
}

std::string TraceWriter::Finish() {
  Begin();
  out_ += legacy_ ? "]\n" : "\n  ]\n}\n";
  return Flush();
}

}  // namespace tbx::tools
