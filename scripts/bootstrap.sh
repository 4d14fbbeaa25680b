#!/usr/bin/env bash
# Installs the system packages territorio needs (Debian/Ubuntu).
# Idempotent and quiet: prints nothing when everything is already installed.
#   scripts/bootstrap.sh          libraries to build and run, plus tools for the tests
#   scripts/bootstrap.sh --runtime only what building and running the demo needs
set -euo pipefail

runtime=(libspatialite-dev libsqlite3-dev libgeos-dev pkg-config)
testing=(gdal-bin sqlite3)

want=("${runtime[@]}")
[ "${1:-}" = "--runtime" ] || want+=("${testing[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
