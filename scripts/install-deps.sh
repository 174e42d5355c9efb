#!/usr/bin/env bash
# Installs the Debian (12, bookworm) packages that building, testing and running tbx need.
# Does nothing -- and needs no network -- when every package is already installed. Uses sudo
# only when not run as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config clang-format dpkg-dev file
  libboost-dev libprotobuf-dev protobuf-compiler libabsl-dev nlohmann-json3-dev zlib1g-dev
  libzstd-dev libssl-dev libeigen3-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  nodejs npm chromium python3 wrk
  nginx jupyter-notebook python3-nbclient python3-ipykernel
)

installed() {
  # npm ships inside NodeSource's nodejs package, which conflicts with Debian's npm package.
  if [[ "$1" == npm ]] && command -v npm > /dev/null; then
    return 0
  fi
  dpkg-query -W -f='${Status}' "$1" 2> /dev/null | grep -q "install ok installed"
}

# The frontend build (Vite 7) needs Node.js 20 or newer; Debian 12's own nodejs is 18. Where the
# node on PATH is older, the npm registry's node-linux-<arch> package (the official Node.js binary)
# is unpacked into <build>/node, where the build (frontend/CMakeLists.txt) and the scripts look
# first. Nothing is downloaded from anywhere but the npm registry, through npm itself.
root="$(cd "$(dirname "$0")/.." && pwd)"
node_dir="${TBX_BUILD_DIR:-$root/build}/node"
node_version=20.20.2
node_major() {
  "$1" -p 'process.versions.node.split(".")[0]' 2> /dev/null || echo 0
}
ensure_node() {
  if [[ -x "$node_dir/bin/node" && "$(node_major "$node_dir/bin/node")" -ge 20 ]]; then
    echo "install-deps: using $node_dir/bin/node ($("$node_dir/bin/node" --version))"
    return
  fi
  if [[ "$(node_major node)" -ge 20 ]]; then
    return
  fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *)
      echo "install-deps: Node.js 20 or newer is needed to build the frontend, and npm has no node-linux package for $(uname -m)" >&2
      return 1
      ;;
  esac
  echo "install-deps: Node.js $(node --version 2> /dev/null || echo '(none)') is older than 20;" \
    "unpacking npm's node-linux-$arch@$node_version into $node_dir"
  local tmp
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && npm pack --silent "node-linux-$arch@$node_version" > /dev/null); then
    rm -rf "$tmp"
    echo "install-deps: npm could not fetch node-linux-$arch@$node_version" >&2
    return 1
  fi
  mkdir -p "$node_dir"
  tar -xzf "$tmp"/node-linux-*.tgz -C "$node_dir" --strip-components=1 package/bin/node package/LICENSE
  rm -rf "$tmp"
  echo "install-deps: using $node_dir/bin/node ($("$node_dir/bin/node" --version))"
}

missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: every package is installed"
  ensure_node
  exit
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
ensure_node
