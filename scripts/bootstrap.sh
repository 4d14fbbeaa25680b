#!/usr/bin/env bash
# Installs what territorio needs on Debian/Ubuntu. Idempotent and quiet: prints nothing when
# everything is already there.
#   scripts/bootstrap.sh            libraries to build and run, plus the tools the tests use
#   scripts/bootstrap.sh --runtime  only what building and running the demo needs
# Runtime: SpatiaLite, GEOS, librsvg and libpng (PNG maps, rendered in-process), fonts (Noto Naskh Arabic for
# the poster) and Chromium (the demo's meeting summary as PDF, `poster --pdf`), Leaflet (the web map, served
# locally) and qrencode (the web poster's QR code).
# Test tools: Debian's gdal-bin (ogrinfo), librsvg2-bin (rsvg-convert, the PNG maps' reference), chromium-driver
# (the browser test, with Selenium), wrk (the web load run), poppler-utils (pdftotext), PostgreSQL 15 with
# PostGIS 3 (the PostGIS backend's tests; scripts/postgres.sh starts a throwaway server), zbar-tools (zbarimg
# reads the web poster's QR code back), and Python tools pinned in scripts/requirements-test.txt, installed into
# .venv/ inside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

runtime=(libspatialite-dev libsqlite3-dev libgeos-dev pkg-config librsvg2-dev libpng-dev fonts-dejavu-core fonts-noto-core
  chromium libjs-leaflet qrencode)
testing=(gdal-bin librsvg2-bin sqlite3 python3 python3-venv poppler-utils time postgresql-15 postgresql-15-postgis-3 chromium-driver
  wrk zbar-tools)

want=("${runtime[@]}")
[ "${1:-}" = "--runtime" ] || want+=("${testing[@]}")

# python3 may come from elsewhere than Debian (pyenv, …): with venv working it needs no package.
have_python=false
command -v python3 >/dev/null && python3 -c "import venv, ensurepip" 2>/dev/null && have_python=true

missing=()
for p in "${want[@]}"; do
  case "$p" in python3|python3-venv) $have_python && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "bootstrap: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ "${1:-}" = "--runtime" ] && exit 0

# Python test tools, pinned, in .venv/.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python scripts/check-requirements.py scripts/requirements-test.txt 2>/dev/null \
   || ! .venv/bin/python scripts/check-requirements.py scripts/requirements-nodeps.txt 2>/dev/null; then
  echo "bootstrap: installing Python test tools into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -r scripts/requirements-test.txt
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -r scripts/requirements-nodeps.txt
fi
