#!/usr/bin/env bash
# The demo, from a fresh Debian 12 machine: install the packages, build tbx in Release with its
# dashboards, write a demo logdir, and serve it at http://localhost:6006/ (or the next free port,
# as TensorBoard; CTRL+C stops it). Configures the build directory as the README's "Building by
# hand" does, so the two share one build.
# Environment: TBX_BUILD_DIR (default build), TBX_DEMO_LOGDIR (default <build>/demo_logdir),
# TBX_PORT (default: 6006 or the next free port), TBX_JOBS (default: number of cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TBX_BUILD_DIR:-$root/build}"
logdir="${TBX_DEMO_LOGDIR:-$build/demo_logdir}"
jobs="${TBX_JOBS:-$(nproc)}"

TBX_BUILD_DIR="$build" bash "$root/scripts/install-deps.sh"
# A new build directory compiles through ccache when it is installed (an existing one keeps its
# own setting).
if command -v ccache > /dev/null; then
  export CMAKE_CXX_COMPILER_LAUNCHER="${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}"
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j "$jobs" --target tbx make_demo_logdir

rm -rf "$logdir"
"$build/tools/make_demo_logdir" "$logdir"
port=()
if [[ -n "${TBX_PORT:-}" ]]; then
  port=(--port "$TBX_PORT")
fi
exec "$build/tbx" --logdir "$logdir" "${port[@]}"
