// Operator, kernel and memory tables; see tables.h.
#include "plugins/profile/tables.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"

namespace tbx::plugins::profile {
namespace {

// The nearest enclosing CPU operator of event `i` (not `i` itself).
uint32_t EnclosingOp(const TraceIndex& index, uint32_t i) {
  uint32_t p = index.events[i].parent;
  while (p != kNone && index.events[p].kind != EventKind::kCpuOp)
    p = index.events[p].parent;
  return p;
}

struct OpRow {
  std::string name;
  uint32_t shapes = kNone;
  uint32_t stack = kNone;
  int64_t calls = 0, host_total = 0, host_self = 0, device_total = 0,
          device_self = 0, tc_device_self = 0;
};

struct KernelRow {
  std::string name;
  int64_t calls = 0, total = 0, max = 0, min = INT64_MAX;
  DeviceArgs first;
  bool has_args = false;
  double occ_weighted = 0, occ_time = 0, blocks_sum = 0;
  int64_t blocks_n = 0;
};

}  // namespace

bool IsTensorCoreKernel(const std::string& name) {
  static const char* const kPatterns[] = {
      "h884",      "s884",     "h1688",    "s1688",      "i8816",
      "h16816",    "s16816",   "hmma",     "imma",       "xmma",
      "wmma",      "tensorop", "_tc_",     "cutlass_80", "sm80_xmma",
      "sm90_xmma", "884gemm",  "1688gemm", "16816gemm"};
  std::string lower = absl::AsciiStrToLower(name);
  for (const char* p : kPatterns)
    if (absl::StrContains(lower, p)) return true;
  return false;
}

bool IsTensorCoreEligibleOp(const std::string& name) {
  static const char* const kOps[] = {"aten::conv",
                                     "aten::cudnn_convolution",
                                     "aten::_convolution",
                                     "aten::mm",
                                     "aten::bmm",
                                     "aten::addmm",
                                     "aten::baddbmm",
                                     "aten::matmul",
                                     "aten::linear",
                                     "aten::addbmm",
                                     "aten::_scaled_dot_product",
                                     "aten::einsum"};
  for (const char* op : kOps)
    if (absl::StartsWith(name, op)) return true;
  return false;
}

std::string OperatorsJson(const TraceIndex& index, bool by_shape) {
  const std::vector<Event>& ev = index.events;
  std::vector<int64_t> child_time(ev.size(), 0);
  std::vector<int64_t> dev_total(ev.size(), 0), dev_self(ev.size(), 0),
      tc_self(ev.size(), 0);
  for (uint32_t i = 0; i < ev.size(); ++i) {
    if (ev[i].kind == EventKind::kCpuOp) {
      uint32_t op = EnclosingOp(index, i);
      if (op != kNone) child_time[op] += ev[i].dur;
    } else if (IsDeviceKind(ev[i].kind) && ev[i].correlation >= 0) {
      auto rt = index.runtime_by_correlation.find(ev[i].correlation);
      if (rt == index.runtime_by_correlation.end()) continue;
      uint32_t op = EnclosingOp(index, rt->second);
      if (op == kNone) continue;
      dev_self[op] += ev[i].dur;
      if (ev[i].kind == EventKind::kKernel &&
          IsTensorCoreKernel(index.Name(ev[i])))
        tc_self[op] += ev[i].dur;
      for (uint32_t a = op; a != kNone; a = EnclosingOp(index, a))
        dev_total[a] += ev[i].dur;
    }
  }
  std::map<std::pair<uint32_t, uint32_t>, OpRow> rows;
  for (uint32_t i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    if (e.kind != EventKind::kCpuOp) continue;
    OpRow& row = rows[{e.name, by_shape ? e.shapes : kNone}];
    if (row.calls == 0) {
      row.name = index.Name(e);
      row.shapes = by_shape ? e.shapes : kNone;
    }
    if (row.stack == kNone) row.stack = e.stack;
    ++row.calls;
    row.host_total += e.dur;
    row.host_self += std::max<int64_t>(0, e.dur - child_time[i]);
    row.device_total += dev_total[i];
    row.device_self += dev_self[i];
    row.tc_device_self += tc_self[i];
  }
  std::vector<const OpRow*> sorted;
  for (const auto& [key, row] : rows) sorted.push_back(&row);
  std::sort(sorted.begin(), sorted.end(), [](const OpRow* a, const OpRow* b) {
    if (a->device_self != b->device_self)
      return a->device_self > b->device_self;
    if (a->host_self != b->host_self) return a->host_self > b->host_self;
    return a->name < b->name;
  });
  std::string out;
  JsonWriter w(&out, /*compact=*/true);
  w.BeginObject();
  w.Key("group_by");
  w.String(by_shape ? "name_and_shape" : "name");
  w.Key("columns");
  w.BeginArray();
  for (const char* c : {"name", "input_shapes", "calls", "host_self_ns",
                        "host_total_ns", "device_self_ns", "device_total_ns",
                        "tc_eligible", "tc_self_ratio", "call_stack"})
    w.String(c);
  w.EndArray();
  w.Key("rows");
  w.BeginArray();
  for (const OpRow* row : sorted) {
    w.BeginArray();
    w.String(row->name);
    if (row->shapes != kNone) {
      w.String(index.strings[row->shapes]);
    } else {
      w.Null();
    }
    w.Int(row->calls);
    w.Int(row->host_self);
    w.Int(row->host_total);
    w.Int(row->device_self);
    w.Int(row->device_total);
    w.Bool(IsTensorCoreEligibleOp(row->name));
    w.Double(row->device_self > 0
                 ? static_cast<double>(row->tc_device_self) / row->device_self
                 : 0.0);
    if (row->stack != kNone) {
      w.String(index.strings[row->stack]);
    } else {
      w.Null();
    }
    w.EndArray();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

std::string KernelsJson(const TraceIndex& index) {
  absl::flat_hash_map<uint32_t, KernelRow> rows;
  for (const Event& e : index.events) {
    if (e.kind != EventKind::kKernel) continue;
    KernelRow& row = rows[e.name];
    if (row.calls == 0) row.name = index.Name(e);
    ++row.calls;
    row.total += e.dur;
    row.max = std::max(row.max, e.dur);
    row.min = std::min(row.min, e.dur);
    if (e.detail != kNone) {
      const DeviceArgs& a = index.device_args[e.detail];
      if (!row.has_args) {
        row.first = a;
        row.has_args = true;
      }
      if (a.occupancy >= 0) {
        row.occ_weighted += a.occupancy * static_cast<double>(e.dur);
        row.occ_time += static_cast<double>(e.dur);
      }
      if (a.blocks_per_sm >= 0) {
        row.blocks_sum += a.blocks_per_sm;
        ++row.blocks_n;
      }
    }
  }
  std::vector<const KernelRow*> sorted;
  for (const auto& [id, row] : rows) sorted.push_back(&row);
  std::sort(sorted.begin(), sorted.end(),
            [](const KernelRow* a, const KernelRow* b) {
              if (a->total != b->total) return a->total > b->total;
              return a->name < b->name;
            });
  std::string out;
  JsonWriter w(&out, /*compact=*/true);
  w.BeginObject();
  w.Key("columns");
  w.BeginArray();
  for (const char* c :
       {"name", "calls", "total_ns", "mean_ns", "max_ns", "min_ns", "grid",
        "block", "registers_per_thread", "shared_memory", "blocks_per_sm",
        "achieved_occupancy", "tensor_cores"})
    w.String(c);
  w.EndArray();
  w.Key("rows");
  w.BeginArray();
  for (const KernelRow* row : sorted) {
    w.BeginArray();
    w.String(row->name);
    w.Int(row->calls);
    w.Int(row->total);
    w.Double(static_cast<double>(row->total) / row->calls);
    w.Int(row->max);
    w.Int(row->min);
    if (row->has_args) {
      for (const int32_t* dims : {row->first.grid, row->first.block}) {
        w.BeginArray();
        for (int k = 0; k < 3; ++k) w.Int(dims[k]);
        w.EndArray();
      }
      w.Int(row->first.registers);
      w.Int(row->first.shared_memory);
    } else {
      w.Null();
      w.Null();
      w.Null();
      w.Null();
    }
    if (row->blocks_n > 0) {
      w.Double(row->blocks_sum / row->blocks_n);
    } else {
      w.Null();
    }
    if (row->occ_time > 0) {
      w.Double(row->occ_weighted / row->occ_time);
    } else {
      w.Null();
    }
    w.Bool(IsTensorCoreKernel(row->name));
    w.EndArray();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

std::string MemoryJson(const TraceIndex& index, size_t max_points,
                       size_t max_rows) {
  // Memory events in time order, across tracks.
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < index.events.size(); ++i)
    if (index.events[i].kind == EventKind::kMemory &&
        index.events[i].detail != kNone)
      order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return index.events[a].ts < index.events[b].ts;
  });
  auto device_name = [](const MemoryArgs& m) {
    return m.device_type == 1 ? absl::StrCat("GPU", std::max(0, m.device_id))
                              : std::string("CPU");
  };
  struct Curve {
    std::vector<std::array<int64_t, 3>> points;  // ts, allocated, reserved
    int64_t peak = 0, peak_ts = 0, running = 0;
  };
  std::map<std::string, Curve> curves;
  struct Row {
    std::string device, op;
    uint64_t addr;
    int64_t bytes, alloc_ts, free_ts = -1;
  };
  std::vector<Row> rows;
  std::map<std::pair<std::string, uint64_t>, std::vector<size_t>> live;
  for (uint32_t i : order) {
    const Event& e = index.events[i];
    const MemoryArgs& m = index.memory_args[e.detail];
    std::string device = device_name(m);
    Curve& curve = curves[device];
    curve.running += m.bytes;
    int64_t allocated =
        m.total_allocated >= 0 ? m.total_allocated : curve.running;
    curve.points.push_back({e.ts, allocated, m.total_reserved});
    if (allocated > curve.peak) {
      curve.peak = allocated;
      curve.peak_ts = e.ts;
    }
    auto key = std::make_pair(device, m.addr);
    if (m.bytes > 0) {
      uint32_t op = EnclosingOp(index, i);
      // Traces without addresses (2021 Kineto) cannot match frees.
      if (m.addr != 0) live[key].push_back(rows.size());
      rows.push_back({device, op == kNone ? "" : index.Name(index.events[op]),
                      m.addr, m.bytes, e.ts});
    } else if (m.bytes < 0 && m.addr != 0) {
      auto it = live.find(key);
      if (it != live.end() && !it->second.empty()) {
        rows[it->second.back()].free_ts = e.ts;
        it->second.pop_back();
      }
    }
  }
  std::string out;
  JsonWriter w(&out, /*compact=*/true);
  w.BeginObject();
  w.Key("devices");
  w.BeginObject();
  for (auto& [device, curve] : curves) {
    w.Key(device);
    w.BeginObject();
    w.Key("peak_allocated");
    w.Int(curve.peak);
    w.Key("peak_ts_ns");
    w.Int(curve.peak_ts);
    w.Key("points");  // [ts_ns, allocated, reserved (-1 unknown)]
    w.BeginArray();
    size_t n = curve.points.size();
    size_t stride = max_points > 0 && n > max_points
                        ? (n + max_points - 1) / max_points
                        : 1;
    for (size_t b = 0; b < n; b += stride) {
      // Each bucket keeps its highest point (so the peak survives) and its
      // last one.
      size_t best = b, last = std::min(n, b + stride) - 1;
      for (size_t k = b; k <= last; ++k)
        if (curve.points[k][1] > curve.points[best][1]) best = k;
      for (size_t k : {best, last}) {
        w.BeginArray();
        for (int64_t v : curve.points[k]) w.Int(v);
        w.EndArray();
        if (best == last) break;
      }
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndObject();
  // Largest allocations first when the table is cut.
  std::vector<size_t> keep(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) keep[i] = i;
  bool cut = rows.size() > max_rows;
  if (cut) {
    std::nth_element(
        keep.begin(), keep.begin() + max_rows, keep.end(),
        [&](size_t a, size_t b) { return rows[a].bytes > rows[b].bytes; });
    keep.resize(max_rows);
    std::sort(keep.begin(), keep.end());
  }
  w.Key("allocations_total");
  w.Int(static_cast<int64_t>(rows.size()));
  w.Key("columns");
  w.BeginArray();
  for (const char* c : {"device", "operator", "addr", "bytes", "alloc_ts_ns",
                        "free_ts_ns", "duration_ns"})
    w.String(c);
  w.EndArray();
  w.Key("rows");
  w.BeginArray();
  for (size_t k : keep) {
    const Row& r = rows[k];
    w.BeginArray();
    w.String(r.device);
    w.String(r.op);
    w.String(absl::StrCat("0x", absl::Hex(r.addr)));
    w.Int(r.bytes);
    w.Int(r.alloc_ts);
    if (r.free_ts >= 0) {
      w.Int(r.free_ts);
      w.Int(r.free_ts - r.alloc_ts);
    } else {
      w.Null();
      w.Null();
    }
    w.EndArray();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace tbx::plugins::profile
