#!/usr/bin/env bash
# Installs the Debian 12 packages vocweek builds, runs and tests with, when
# missing. Safe to re-run: does nothing when everything is present. Node.js
# and npm come with the machine (Node 20); front-end packages are installed
# by `npm ci` from web/package-lock.json.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config make python3 clang-format clang-tidy clang libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev sqlite3
  libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev libexpat1-dev libpango1.0-dev libcairo2-dev libqrencode-dev
  libvips-dev ffmpeg
  fonts-noto-cjk postgresql-15
  chromium poppler-utils nginx-light wrk curl
  libssl-dev python3-aiosmtpd
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  # Debian's postgresql package starts a system cluster; tests use their own.
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v node >/dev/null || { echo "Node.js 20 is required (node not found)" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is required (npm not found)" >&2; exit 1; }
