#!/usr/bin/env bash
# Runs TensorBoard's conformance check for one scenario against the tbx binary and prints its
# table. Usage: run_scenario.sh <shared dir> <scenario> <tbx binary> [plugins]
#   plugins: passed to check.py --plugins ("none" checks the core routes only); empty = every
#   plugin the server lists.
# A failure listed in known_differences.tsv (beside this script) is reported as KNOWN and not
# counted; any other failure fails the test.
# Exits 77 (ctest SKIP_RETURN_CODE) when the shared conformance data is absent.
set -euo pipefail
shared="$1" scenario="$2" tbx="$3" plugins="${4:-}"
golden="$shared/conformance/golden/$scenario"
if [[ ! -f "$golden/index.json" || ! -f "$shared/conformance/check.py" ]]; then
  echo "SKIP: conformance data not found at $golden (../shared is absent in this checkout)"
  exit 77
fi
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
args=(--golden "$golden" --tbx "$tbx" --json "$results")
if [[ -n "$plugins" ]]; then
  args+=(--plugins "$plugins")
fi
if python3 "$shared/conformance/check.py" "${args[@]}"; then
  exit 0
fi
# check.py failed: pass only if it wrote its results and every failure is a listed one.
[[ -s "$results" ]] || exit 1
exec python3 - "$scenario" "$results" "$(dirname "$0")/known_differences.tsv" <<'PY'
import json, sys
scenario, results_path, known_path = sys.argv[1:]
known = set()
for line in open(known_path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    fields = line.rstrip("\n").split("\t")
    if fields[0] == scenario:
        known.add(tuple(fields[1:4]))
unexplained = 0
for r in json.load(open(results_path)):
    if r["ok"]:
        continue
    if (r["method"], r["url"], r["why"]) in known:
        print(f"KNOWN {r['method']} {r['url']}: {r['why']} (see known_differences.tsv)")
    else:
        unexplained += 1
print(f"{scenario}: {unexplained} failure(s) not in known_differences.tsv")
sys.exit(1 if unexplained else 0)
PY
