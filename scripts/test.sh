#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine (README: "Set-up"; CI runs it as .ci/run).
#   1. The README's "Building by hand" commands, exactly as written there (read from README.md, so
#      they cannot drift): install the packages, build every target in Release with GCC, run every
#      ctest (unit, end-to-end, conformance, README commands, notebooks, browser).
#   2. Every C++ target again with Clang, so neither compiler's build can break. Clang's warnings
#      come from its front end, not its optimiser, so this build skips optimisation and debug
#      information (-O0), which halves its time on a cold cache.
#   3. The fuzz smoke run (fuzz/run.sh).
# Then a summary. Exits non-zero if anything failed. Warnings are errors here (TBX_WERROR=ON), and
# the builds go through ccache when it is installed.
# Environment: TBX_JOBS (default: number of cores), TBX_FUZZ_SECONDS (default 20 per fuzzer),
# TBX_SKIP_CLANG=1 skips step 2.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1
jobs="${TBX_JOBS:-$(nproc)}"
start=$SECONDS

# What the README's commands pick up from the environment (see CMakeLists.txt and CTest).
export TBX_WERROR=ON
export CTEST_PARALLEL_LEVEL="$jobs" CTEST_OUTPUT_ON_FAILURE=1 CMAKE_BUILD_PARALLEL_LEVEL="$jobs"
if command -v ccache > /dev/null; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache
  # Paths relative to the clone, so another clone (or the README test's copy) hits the cache.
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
fi

results=()
failed=0
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

# The README's "Building by hand" block, one command a line, as the README shows it.
mapfile -t readme_commands < <(bash "$root/scripts/readme_block.sh" "Building by hand")
if [[ ${#readme_commands[@]} -eq 0 ]]; then
  echo "test.sh: README.md has no \"Building by hand\" block" >&2
  exit 1
fi
mkdir -p "$root/build"
for command in "${readme_commands[@]}"; do
  if [[ "$command" == ctest* ]]; then
    # The output is kept for the summary below.
    step "$command" bash -c "set -o pipefail; $command 2>&1 | tee '$root/build/ctest.log'"
  else
    step "$command" bash -c "$command"
  fi
  [[ $failed -eq 0 ]] || break
done

if [[ $failed -eq 0 && "${TBX_SKIP_CLANG:-0}" != 1 ]]; then
  step "build of every C++ target with Clang" bash -c "
    CXX=clang++ cmake -S . -B build-clang -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_FLAGS_DEBUG=-O0 \
      -DTBX_BUILD_FRONTEND=OFF &&
    cmake --build build-clang"
fi
if [[ -f "$root/fuzz/run.sh" ]]; then
  step "fuzz smoke run" env TBX_FUZZ_BUILD_DIR="$root/build-fuzz" TBX_FUZZ_JOBS="$jobs" \
    sh "$root/fuzz/run.sh" "${TBX_FUZZ_SECONDS:-20}"
fi

echo
echo "== summary ($((SECONDS - start)) s)"
printf '%s\n' "${results[@]}"
# The closing line, in the plain "N passed, N failed" form that CI reads, from ctest's own lines
# ("  3/429 Test   #3: data.Foo ....   Passed    0.01 sec", "***Failed", "***Skipped").
if [[ -f "$root/build/ctest.log" ]]; then
  # A failed test's output follows its line; its first error lines are kept (at most 8), so that a
  # log cut to its last lines still says why.
  awk '
    / Test +#[0-9]+: / {
      name = $0; sub(/^.*Test +#[0-9]+: /, "", name); sub(/ .*$/, "", name)
      current = 0
      if ($0 ~ /\*\*\*Skipped|Not Run/) { skipped[++ns] = name }
      else if ($0 ~ / Passed /) { passed++ }
      else { failedt[++nf] = name; current = nf }
      next
    }
    /tests passed, / { current = 0 }
    current && lines[current] < 8 && /✖|[Ee]rror|Failure|Expected|Which is|not ok|Timeout/ {
      line = $0; gsub(/\033\[[0-9;]*m/, "", line)
      why[current] = why[current] "      " substr(line, 1, 200) "\n"; lines[current]++
    }
    END {
      for (i = 1; i <= nf; i++) printf "  failed: %s\n%s", failedt[i], why[i]
      for (i = 1; i <= ns; i++) print "  skipped: " skipped[i]
      printf "ctest: %d passed, %d failed, %d skipped\n", passed, nf, ns
    }' "$root/build/ctest.log"
fi
exit $failed
