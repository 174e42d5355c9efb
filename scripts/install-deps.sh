#!/usr/bin/env bash
# Installs the Debian (12, bookworm) packages that building, testing and running tbx need.
# Does nothing -- and needs no network -- when every package is already installed. Uses sudo
# only when not run as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config clang-format
  libboost-dev libprotobuf-dev protobuf-compiler libabsl-dev nlohmann-json3-dev zlib1g-dev
  libzstd-dev
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

# The frontend build (Vite 7) needs Node.js 20 or newer; Debian 12's own nodejs is 18.
check_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2> /dev/null || echo 0)"
  if [[ "$major" -lt 20 ]]; then
    echo "install-deps: Node.js 20 or newer is needed to build the frontend (found: $(node --version 2> /dev/null || echo none))" >&2
    return 1
  fi
}

missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: every package is installed"
  check_node
  exit
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
check_node
