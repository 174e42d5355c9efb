#!/usr/bin/env bash
# Prints the commands of the Nth ```sh block (default: the first) under the README heading that
# names the section, one a line (blank lines and # comments left out):
#   bash scripts/readme_block.sh "Building by hand" [N] [README.md]
# scripts/test.sh runs the "Building by hand" block this way, and tests/readme runs the others,
# so the README's commands are the ones that are tested.
set -euo pipefail
section="${1:?usage: readme_block.sh <section heading> [N] [README.md]}"
want="${2:-1}"
readme="${3:-$(cd "$(dirname "$0")/.." && pwd)/README.md}"
awk -v section="$section" -v want="$want" '
  /^#+ / && !in_block { heading = $0; sub(/^#+ +/, "", heading); in_section = (heading == section); next }
  in_section && !in_block && /^```sh *$/ { in_block = 1; n++; next }
  in_block && /^```/ { in_block = 0; if (n == want) exit; next }
  in_block && n == want && !/^[[:space:]]*(#|$)/ { print }
' "$readme"
