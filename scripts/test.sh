#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: install the packages, build everything
# (frontend included), run every ctest (unit, end-to-end, conformance, browser), then the fuzz
# smoke run when fuzz/run.sh exists, and print a summary. Exits non-zero if anything failed.
# Environment: TBX_BUILD_DIR (default build), TBX_JOBS (default: number of cores),
# TBX_FUZZ_SECONDS (default 20 per fuzzer).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TBX_BUILD_DIR:-$root/build}"
jobs="${TBX_JOBS:-$(nproc)}"
start=$SECONDS

bash "$root/scripts/install-deps.sh" || exit 1

step() {  # step <name> <command...>: runs it and records its result
  local name="$1"
  shift
  echo "== $name"
  local begin=$SECONDS
  if "$@"; then
    results+=("PASS  $name ($((SECONDS - begin)) s)")
  else
    results+=("FAIL  $name ($((SECONDS - begin)) s)")
    failed=1
  fi
}
results=()
failed=0

step "configure" cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTBX_BUILD_FRONTEND=ON -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
step "build" ninja -C "$build" -j "$jobs"
if [[ $failed -eq 0 ]]; then
  step "ctest" ctest --test-dir "$build" --output-on-failure -j "$jobs" \
    --output-junit "$build/ctest-results.xml"
fi
if [[ -x "$root/fuzz/run.sh" || -f "$root/fuzz/run.sh" ]]; then
  step "fuzz smoke run" env TBX_FUZZ_BUILD_DIR="$build-fuzz" TBX_FUZZ_JOBS="$jobs" \
    sh "$root/fuzz/run.sh" "${TBX_FUZZ_SECONDS:-20}"
fi

echo
echo "== summary ($((SECONDS - start)) s)"
printf '%s\n' "${results[@]}"
# The closing line, in the plain "N passed, N failed" form that CI reads.
if [[ -f "$build/ctest-results.xml" ]]; then
  python3 - "$build/ctest-results.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()
cases = suite.findall("testcase")
failed = [c.get("name") for c in cases if c.find("failure") is not None]
skipped = [c.get("name") for c in cases if c.get("status") == "notrun" or c.find("skipped") is not None]
for name in failed:
    print(f"  failed: {name}")
for name in skipped:
    print(f"  skipped: {name}")
print(f"ctest: {len(cases) - len(failed) - len(skipped)} passed, {len(failed)} failed, "
      f"{len(skipped)} skipped")
PY
fi
exit $failed
