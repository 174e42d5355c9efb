#!/usr/bin/env bash
# Runs TensorBoard's conformance check for one scenario against the tbx binary and prints its
# table. Usage: run_scenario.sh <shared dir> <scenario> <tbx binary> [plugins]
#   plugins: passed to check.py --plugins ("none" checks the core routes only); empty = every
#   plugin the server lists.
# Exits 77 (ctest SKIP_RETURN_CODE) when the shared conformance data is absent.
set -euo pipefail
shared="$1" scenario="$2" tbx="$3" plugins="${4:-}"
golden="$shared/conformance/golden/$scenario"
if [[ ! -f "$golden/index.json" || ! -f "$shared/conformance/check.py" ]]; then
  echo "SKIP: conformance data not found at $golden (../shared is absent in this checkout)"
  exit 77
fi
args=(--golden "$golden" --tbx "$tbx")
if [[ -n "$plugins" ]]; then
  args+=(--plugins "$plugins")
fi
exec python3 "$shared/conformance/check.py" "${args[@]}"
