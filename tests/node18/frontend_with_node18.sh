#!/usr/bin/env bash
# The frontend builds on a machine whose Node.js is Debian 12's own 18: scripts/install-deps.sh
# brings Node 20 from the npm registry into the build tree, and the build uses it.
#   frontend_with_node18.sh <source dir (a git checkout)> <work dir>
# Debian 12's nodejs 18 is fetched with `apt-get download` and unpacked with `dpkg-deb -x` (not
# installed). Its JavaScript parts live under /usr/share/nodejs, a path compiled into it, so the
# test runs in a private mount namespace where that folder is overlaid: nothing on the machine
# changes. Exits 77 (skip) where that cannot be done: not root, or no apt-get/unshare.
set -euo pipefail
src="$1"
work="$2"
skip() { echo "SKIP: $*"; exit 77; }
[[ "$(id -u)" -eq 0 ]] || skip "needs root for a private mount namespace (unshare -m)"
command -v apt-get > /dev/null && command -v unshare > /dev/null || skip "needs apt-get and unshare"

rm -rf "$work"
mkdir -p "$work/debs" "$work/root" "$work/bin" "$work/src"
# A copy of the sources (what git tracks, and new files it does not ignore), so that `npm ci`
# runs in the copy's frontend/ and leaves the source tree's node_modules alone.
git -C "$src" ls-files -z -co --exclude-standard | (cd "$src" && tar --null -T - -cf -) |
  tar -xf - -C "$work/src"
src="$work/src"
version="$(apt-cache madison nodejs | awk '$3 ~ /^18\./ { print $3; exit }')"
if [[ -z "$version" ]]; then
  apt-get update > /dev/null
  version="$(apt-cache madison nodejs | awk '$3 ~ /^18\./ { print $3; exit }')"
fi
[[ -n "$version" ]] || { echo "FAIL: apt knows no nodejs 18 (is this Debian 12?)"; exit 1; }
echo "== Debian's nodejs $version, unpacked into $work/root"
(cd "$work/debs" && apt-get download -q "nodejs=$version" "libnode108=$version" libuv1 \
  libc-ares2 libnghttp2-14 libbrotli1 libicu72 node-acorn node-cjs-module-lexer node-undici \
  node-xtend node-busboy 2>&1 | grep -v '^W: Download is performed unsandboxed')
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
cat > "$work/bin/node" <<WRAP
#!/bin/sh
LD_LIBRARY_PATH="$work/root/usr/lib/x86_64-linux-gnu" exec "$work/root/usr/bin/node" "\$@"
WRAP
chmod +x "$work/bin/node"

# Inside the namespace: /usr/share overlaid with the unpacked /usr/share/nodejs, node 18 first on
# PATH. install-deps.sh must bring Node 20; configuring without it must fail with a clear message;
# the frontend must then build.
unshare -m bash -euo pipefail -c '
  src="$1" work="$2"
  mount -t overlay overlay -o "lowerdir=$work/root/usr/share:/usr/share" /usr/share
  export PATH="$work/bin:$PATH"
  node -e "if (!process.version.startsWith(\"v18.\")) { console.error(process.version); process.exit(1) }"
  echo "== node on PATH: $(node --version)"

  echo "== configuring with node 18 only must fail and say what to do"
  if cmake -S "$src" -B "$work/no-node20" -G Ninja -DCMAKE_BUILD_TYPE=Release \
       > "$work/no-node20.log" 2>&1; then
    echo "FAIL: configuring with Node 18 succeeded"; exit 1
  fi
  grep -q "needs Node.js 20 or newer" "$work/no-node20.log" ||
    { cat "$work/no-node20.log"; echo "FAIL: no clear message"; exit 1; }

  echo "== scripts/install-deps.sh"
  TBX_BUILD_DIR="$work/build" bash "$src/scripts/install-deps.sh" | tee "$work/install-deps.log"
  grep -q "unpacking npm.s node-linux" "$work/install-deps.log" ||
    { echo "FAIL: install-deps.sh did not bring a newer Node"; exit 1; }
  "$work/build/node/bin/node" -e "process.exit(+process.versions.node.split(\".\")[0] >= 20 ? 0 : 1)"

  echo "== the frontend build"
  cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
  grep "TBX_NODE:" "$work/build/CMakeCache.txt"
  cmake --build "$work/build" --target tbx_frontend
  test -s "$work/build/frontend/dist/index.html"
  ls "$work/build/frontend/dist/assets" | head -3
' bash "$src" "$work"
echo "PASS: with Debian's Node 18 on PATH, install-deps.sh brought Node 20 and the frontend built"
