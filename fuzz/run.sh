#!/bin/sh
# Builds the libFuzzer targets in a separate clang build directory and runs each
# for the given number of seconds. Exits non-zero if a fuzzer finds a crash.
#   fuzz/run.sh 60            (from the repository root; build dir: build-fuzz)
set -eu
seconds="${1:?usage: fuzz/run.sh <seconds>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TBX_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${TBX_FUZZ_JOBS:-2}"

mkdir -p "$build"
cmake -S "$root" -B "$build" -G Ninja -DTBX_FUZZ=ON -DTBX_BUILD_FRONTEND=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,fuzzer-no-link" > "$build/configure.log"
ninja -C "$build" -j "$jobs" fuzz_record_reader fuzz_scalar_event fuzz_graph_decoder fuzz_tensor_bundle fuzz_profile_trace fuzz_s3_xml

status=0
for fuzzer in fuzz_record_reader fuzz_scalar_event fuzz_graph_decoder fuzz_tensor_bundle fuzz_profile_trace fuzz_s3_xml; do
  corpus="$build/corpus/$fuzzer"
  mkdir -p "$corpus"
  echo "== $fuzzer for ${seconds}s"
  if ! (cd "$build" && "./fuzz/$fuzzer" -max_total_time="$seconds" \
        -print_final_stats=1 "$corpus"); then
    echo "== $fuzzer FOUND A CRASH (see $build/crash-*)"
    status=1
  fi
done
exit "$status"
