// Range queries over the timeline; see timeline.h.
#include "plugins/profile/timeline.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "plugins/common/json_writer.h"

namespace tbx::plugins::profile {
namespace {

constexpr size_t kMaxFlows = 5000;

// Merges one track's items (events, or coarse items) below a pixel, per
// depth, handing each result to `sink`: whole events (count 1 with an event)
// and merged blocks.
class DepthMerger {
 public:
  using Sink = std::function<void(const CoarseItem&)>;
  DepthMerger(int64_t pixel, size_t depths, Sink sink)
      : pixel_(pixel), open_(depths), sink_(std::move(sink)) {}

  void Add(const CoarseItem& item) {
    CoarseItem& b = open_[item.depth];
    if (item.count == 1 && item.event != kNone &&
        item.end - item.ts >= pixel_) {
      Flush(item.depth);
      sink_(item);
      return;
    }
    if (b.count > 0 && item.ts <= b.end + pixel_) {
      b.end = std::max(b.end, item.end);
      b.count += item.count;
      b.event = kNone;
      return;
    }
    Flush(item.depth);
    b = item;
  }
  void Finish() {
    for (size_t d = 0; d < open_.size(); ++d) Flush(d);
  }

 private:
  void Flush(size_t depth) {
    CoarseItem& b = open_[depth];
    if (b.count == 0) return;
    sink_(b);
    b = CoarseItem();
  }

  const int64_t pixel_;
  std::vector<CoarseItem> open_;
  Sink sink_;
};

CoarseItem ItemOf(const TraceIndex& index, uint32_t i) {
  const Event& e = index.events[i];
  return {e.ts, e.ts + e.dur, 1, i, e.depth};
}

// Writes names as indexes into a table of the names this answer uses.
class NameTable {
 public:
  int64_t Id(uint32_t name) {
    auto [it, added] = ids_.emplace(name, static_cast<int64_t>(names_.size()));
    if (added) names_.push_back(name);
    return it->second;
  }
  const std::vector<uint32_t>& names() const { return names_; }

 private:
  absl::flat_hash_map<uint32_t, int64_t> ids_;
  std::vector<uint32_t> names_;
};

}  // namespace

void BuildCoarseLevel(TraceIndex* index) {
  index->coarse.clear();
  index->coarse_running_end.clear();
  index->coarse_resolution = std::max<int64_t>(1, index->end_ns / 8192);
  for (Track& track : index->tracks) {
    track.coarse_begin = static_cast<uint32_t>(index->coarse.size());
    DepthMerger merger(
        index->coarse_resolution, static_cast<size_t>(track.max_depth) + 1,
        [&](const CoarseItem& item) { index->coarse.push_back(item); });
    for (uint32_t i = track.begin; i < track.end; ++i)
      merger.Add(ItemOf(*index, i));
    merger.Finish();
    // Items leave the merger per depth; put them back in time order.
    std::sort(index->coarse.begin() + track.coarse_begin, index->coarse.end(),
              [](const CoarseItem& a, const CoarseItem& b) {
                if (a.ts != b.ts) return a.ts < b.ts;
                return a.end > b.end;
              });
    track.coarse_end = static_cast<uint32_t>(index->coarse.size());
    int64_t running = INT64_MIN;
    for (uint32_t k = track.coarse_begin; k < track.coarse_end; ++k) {
      running = std::max(running, index->coarse[k].end);
      index->coarse_running_end.push_back(running);
    }
  }
}

std::string TimelineJson(const TraceIndex& index, const TimelineQuery& q) {
  const int64_t pixel = std::max<int64_t>(1, (q.end - q.start) / q.width);
  NameTable names;
  std::vector<uint32_t> shown;  // events written whole
  std::string out;
  JsonWriter w(&out, /*compact=*/true);
  w.BeginObject();
  w.Key("start_ns");
  w.Int(q.start);
  w.Key("end_ns");
  w.Int(q.end);
  w.Key("resolution_ns");
  w.Int(pixel);
  w.Key("duration_ns");
  w.Int(index.end_ns);
  w.Key("tracks");
  w.BeginArray();
  for (uint32_t t = 0; t < index.tracks.size(); ++t) {
    const Track& track = index.tracks[t];
    w.BeginObject();
    w.Key("id");
    w.Int(t);
    w.Key("pid");
    w.String(track.pid);
    w.Key("tid");
    w.String(track.tid);
    w.Key("process");
    w.String(track.process_name);
    w.Key("thread");
    w.String(track.thread_name);
    w.Key("device");
    w.Bool(track.device);
    w.Key("depth");
    w.Int(track.max_depth + 1);
    // [event or -count, ts, dur, depth, name id or -1]
    w.Key("events");
    w.BeginArray();
    auto write = [&](const CoarseItem& item) {
      w.BeginArray();
      if (item.count == 1 && item.event != kNone) {
        w.Int(item.event);
        shown.push_back(item.event);
      } else {
        w.Int(-item.count);
      }
      w.Int(item.ts);
      w.Int(item.end - item.ts);
      w.Int(item.depth);
      w.Int(item.count == 1 && item.event != kNone
                ? names.Id(index.events[item.event].name)
                : -1);
      w.EndArray();
    };
    DepthMerger merger(pixel, static_cast<size_t>(track.max_depth) + 1, write);
    auto overlaps = [&](int64_t ts, int64_t end) {
      return !(end < q.start || (end == q.start && end > ts));
    };
    if (index.coarse_resolution > 0 && pixel >= 2 * index.coarse_resolution) {
      // Zoomed out: merge the coarse level further.
      auto first = std::upper_bound(
          index.coarse_running_end.begin() + track.coarse_begin,
          index.coarse_running_end.begin() + track.coarse_end, q.start);
      for (auto k =
               static_cast<size_t>(first - index.coarse_running_end.begin());
           k < track.coarse_end && index.coarse[k].ts < q.end; ++k) {
        const CoarseItem& item = index.coarse[k];
        if (overlaps(item.ts, item.end)) merger.Add(item);
      }
    } else {
      auto first =
          std::upper_bound(index.running_end.begin() + track.begin,
                           index.running_end.begin() + track.end, q.start);
      uint32_t i = static_cast<uint32_t>(first - index.running_end.begin());
      // An instant at exactly `start` is shown too.
      while (i > track.begin && index.running_end[i - 1] == q.start) --i;
      for (; i < track.end && index.events[i].ts < q.end; ++i) {
        const Event& e = index.events[i];
        if (overlaps(e.ts, e.ts + e.dur)) merger.Add(ItemOf(index, i));
      }
    }
    merger.Finish();
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  // Launch -> device flows with at least one end shown.
  // [from event, from track, from ts, from depth, to event, to track, to ts,
  //  to depth]
  auto write_flow = [&](uint32_t from, uint32_t to) {
    w.BeginArray();
    for (uint32_t k : {from, to}) {
      const Event& x = index.events[k];
      w.Int(k);
      w.Int(x.track);
      w.Int(x.ts);
      w.Int(x.depth);
    }
    w.EndArray();
  };
  w.Key("flows");
  w.BeginArray();
  size_t flows = 0;
  std::sort(shown.begin(), shown.end());
  for (uint32_t i : shown) {
    if (flows >= kMaxFlows) break;
    const Event& e = index.events[i];
    if (e.correlation < 0) continue;
    if (e.kind == EventKind::kRuntime) {
      auto it = index.device_by_correlation.find(e.correlation);
      if (it == index.device_by_correlation.end()) continue;
      write_flow(i, it->second);
      ++flows;
    } else if (IsDeviceKind(e.kind)) {
      auto it = index.runtime_by_correlation.find(e.correlation);
      if (it == index.runtime_by_correlation.end() ||
          std::binary_search(shown.begin(), shown.end(), it->second))
        continue;  // written from the runtime side
      write_flow(it->second, i);
      ++flows;
    }
  }
  w.EndArray();
  w.Key("names");
  w.BeginArray();
  for (uint32_t n : names.names()) w.String(index.strings[n]);
  w.EndArray();
  w.EndObject();
  return out;
}

std::string EventJson(const TraceIndex& index, uint32_t event) {
  const Event& e = index.events[event];
  std::string out;
  JsonWriter w(&out, /*compact=*/true);
  w.BeginObject();
  w.Key("event");
  w.Int(event);
  w.Key("name");
  w.String(index.Name(e));
  w.Key("category");
  w.String(index.strings[e.category]);
  w.Key("kind");
  w.String(EventKindName(e.kind));
  w.Key("track");
  w.Int(e.track);
  w.Key("ts_ns");
  w.Int(e.ts);
  w.Key("dur_ns");
  w.Int(e.dur);
  w.Key("depth");
  w.Int(e.depth);
  if (e.correlation >= 0) {
    w.Key("correlation");
    w.Int(e.correlation);
  }
  if (e.external_id >= 0) {
    w.Key("external_id");
    w.Int(e.external_id);
  }
  if (e.shapes != kNone) {
    w.Key("input_dims");
    w.Raw(index.strings[e.shapes]);
  }
  if (e.stack != kNone) {
    w.Key("call_stack");
    w.String(index.strings[e.stack]);
  }
  if (e.detail != kNone && IsDeviceKind(e.kind)) {
    const DeviceArgs& a = index.device_args[e.detail];
    w.Key("device");
    w.Int(a.device);
    w.Key("stream");
    w.Int(a.stream);
    if (e.kind == EventKind::kKernel) {
      for (const auto& [key, dims] :
           {std::pair<const char*, const int32_t*>{"grid", a.grid},
            {"block", a.block}}) {
        w.Key(key);
        w.BeginArray();
        for (int k = 0; k < 3; ++k) w.Int(dims[k]);
        w.EndArray();
      }
      w.Key("registers_per_thread");
      w.Int(a.registers);
      w.Key("shared_memory");
      w.Int(a.shared_memory);
      if (a.occupancy >= 0) {
        w.Key("achieved_occupancy");
        w.Double(a.occupancy);
      }
    } else if (a.bytes >= 0) {
      w.Key("bytes");
      w.Int(a.bytes);
    }
  }
  if (e.detail != kNone && e.kind == EventKind::kMemory) {
    const MemoryArgs& m = index.memory_args[e.detail];
    w.Key("bytes");
    w.Int(m.bytes);
    w.Key("total_allocated");
    w.Int(m.total_allocated);
    w.Key("total_reserved");
    w.Int(m.total_reserved);
  }
  w.Key("parents");  // innermost first: [event, name]
  w.BeginArray();
  int hops = 0;
  for (uint32_t p = e.parent; p != kNone && hops < 64;
       p = index.events[p].parent, ++hops) {
    w.BeginArray();
    w.Int(p);
    w.String(index.Name(index.events[p]));
    w.EndArray();
  }
  w.EndArray();
  // The other end of a launch flow.
  uint32_t partner = kNone;
  if (e.correlation >= 0) {
    const auto& map = e.kind == EventKind::kRuntime
                          ? index.device_by_correlation
                          : index.runtime_by_correlation;
    if (e.kind == EventKind::kRuntime || IsDeviceKind(e.kind)) {
      auto it = map.find(e.correlation);
      if (it != map.end()) partner = it->second;
    }
  }
  w.Key("flow_partner");
  if (partner != kNone) {
    const Event& p = index.events[partner];
    w.BeginObject();
    w.Key("event");
    w.Int(partner);
    w.Key("name");
    w.String(index.Name(p));
    w.Key("track");
    w.Int(p.track);
    w.Key("ts_ns");
    w.Int(p.ts);
    w.Key("dur_ns");
    w.Int(p.dur);
    w.Key("depth");
    w.Int(p.depth);
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  return out;
}

}  // namespace tbx::plugins::profile
