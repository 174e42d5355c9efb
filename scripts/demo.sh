#!/usr/bin/env bash
# The demo, from a fresh Debian 12 machine: install the packages, build tbx in Release with its
# dashboards, write a demo logdir, and serve it at http://localhost:6006/ (CTRL+C stops it).
# Environment: TBX_BUILD_DIR (default build), TBX_DEMO_LOGDIR (default <build>/demo_logdir),
# TBX_PORT (default 6006), TBX_JOBS (default: number of cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TBX_BUILD_DIR:-$root/build}"
logdir="${TBX_DEMO_LOGDIR:-$build/demo_logdir}"
jobs="${TBX_JOBS:-$(nproc)}"

bash "$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTBX_BUILD_FRONTEND=ON \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
ninja -C "$build" -j "$jobs" tbx make_demo_logdir

rm -rf "$logdir"
"$build/tools/make_demo_logdir" "$logdir"
exec "$build/tbx" --logdir "$logdir" --port "${TBX_PORT:-6006}"
