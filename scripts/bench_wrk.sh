#!/usr/bin/env bash
# HTTP load benchmark (for the README's performance table; not a test).
# Writes a 10,000-point scalar tag, starts tbx on it, and runs wrk against the scalars route
# while the writer keeps appending one point every 100 ms, as a live training job would.
#   bash scripts/bench_wrk.sh [build dir]      (default: build; needs tbx and scalar_writer)
# Environment: BENCH_CONNECTIONS (64), BENCH_SECONDS (30), BENCH_THREADS (2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
connections="${BENCH_CONNECTIONS:-64}"
seconds="${BENCH_SECONDS:-30}"
threads="${BENCH_THREADS:-2}"
for program in "$build/tbx" "$build/tools/scalar_writer"; do
  [[ -x "$program" ]] || { echo "bench_wrk: $program is missing (ninja -C $build tbx scalar_writer)"; exit 1; }
done
command -v wrk > /dev/null || { echo "bench_wrk: wrk is not installed (scripts/install-deps.sh)"; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# 10,000 points, then one more every 100 ms for longer than the measurement.
"$build/tools/scalar_writer" "$work/logdir/run" bench/loss 10000 $((seconds + 15)) 10 \
  > "$work/writer.log" &
pids+=($!)
until grep -q ready "$work/writer.log"; do sleep 0.1; done

"$build/tbx" --logdir "$work/logdir" --host 127.0.0.1 --port 0 --reload_interval 1 \
  2> "$work/tbx.log" &
pids+=($!)
until grep -q "at http://" "$work/tbx.log"; do sleep 0.1; done
port="$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/tbx.log" | head -1)"
url="http://127.0.0.1:$port/data/plugin/scalars/scalars?run=run&tag=bench%2Floss"
for _ in $(seq 100); do
  if curl -sf "$url" | python3 -c 'import json,sys; sys.exit(0 if len(json.load(sys.stdin)) >= 1000 else 1)' 2> /dev/null; then
    break
  fi
  sleep 0.2
done
points_before="$(curl -s "http://127.0.0.1:$port/data/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')"

echo "bench_wrk: wrk -t$threads -c$connections -d${seconds}s --latency $url"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$url" | tee "$work/wrk.log"
generation_after="$(curl -s "http://127.0.0.1:$port/data/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')"

python3 - "$work/wrk.log" "$points_before" "$generation_after" <<'PY'
import re
import sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"99%\s+([\d.]+\w+)", text).group(1)
errors = 0
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if m:
    errors += sum(int(x) for x in m.groups())
m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if m:
    errors += int(m.group(1))
print(f"bench_wrk: {rps:.0f} requests/s, p99 latency {p99}, errors {errors}, "
      f"data generation {sys.argv[2]} -> {sys.argv[3]} during the run")
sys.exit(1 if errors else 0)
PY
