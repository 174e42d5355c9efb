// TraceWriter: writes PyTorch profiler traces in the Kineto JSON format (or
// the legacy bare array) for tests, fixtures and the large-trace generator.
// Events are appended as they are added (times in microseconds, as Kineto
// writes them), so a generator can stream gigabytes through Flush without
// holding them. One writer per thread.
#ifndef TBX_TOOLS_TRACE_WRITER_H_
#define TBX_TOOLS_TRACE_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tbx::tools {

class TraceWriter {
 public:
  // `legacy`: a bare array of "X" events without categories, pid
  // "CPU functions" (what PyTorch without Kineto writes).
  explicit TraceWriter(bool legacy = false);

  // Metadata written before the events (Kineto only).
  void SetDeviceProperties(std::string_view json) { device_properties_ = json; }
  void SetDistributedInfo(std::string_view json) { distributed_info_ = json; }

  // A CPU operator on thread `tid` of process 100.
  void Op(std::string_view name, int tid, double ts, double dur,
          std::string_view input_dims = "", std::string_view stack = "");
  // ProfilerStep#n on thread `tid`.
  void Step(int n, int tid, double ts, double dur);
  // A runtime call (cudaLaunchKernel, ...) with its correlation id.
  void Runtime(std::string_view name, int tid, double ts, double dur,
               int64_t correlation);
  // A kernel on device 0, stream `stream`.
  void Kernel(std::string_view name, int stream, double ts, double dur,
              int64_t correlation, double blocks_per_sm = 1.0,
              double occupancy = 50.0);
  void Memcpy(int stream, double ts, double dur, int64_t correlation,
              int64_t bytes);
  void Memset(int stream, double ts, double dur, int64_t correlation);
  // A [memory] instant event on thread `tid` (device_type 1 = CUDA).
  void Memory(int tid, double ts, int64_t bytes, uint64_t addr,
              int64_t total_allocated, int device_type = 1);
  // Any event, written as given (must be one JSON object).
  void RawEvent(std::string_view json);

  // The events written so far are moved to the caller (for streaming);
  // Finish returns the rest, closing the document.
  std::string Flush();
  std::string Finish();

 private:
  void Begin();
  void Add(const std::string& event);

  bool legacy_;
  bool begun_ = false;
  bool first_event_ = true;
  std::string device_properties_ = "[]";
  std::string distributed_info_;
  std::string out_;
};

}  // namespace tbx::tools

#endif  // TBX_TOOLS_TRACE_WRITER_H_
