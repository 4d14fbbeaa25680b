#!/usr/bin/env bash
# make load: the web app under load on loopback (a benchmark, not a timed test). Serves the demo
# database, runs wrk with LOAD_CONNECTIONS (50) connections for LOAD_SECONDS (30) against the public
# directory page and the OGC gaps collection, and while the load runs enters a questionnaire
# through the web form as an operator would. Prints requests/s, p99 latency and the errors.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${LOAD_SECONDS:-30}
CONNECTIONS=${LOAD_CONNECTIONS:-50}
WORK=${LOAD_DIR:-.build/load}
scripts/bootstrap.sh
if [ -z "${TERRITORIO_BIN:-}" ]; then
  swift build -c release --static-swift-stdlib --product territorio --quiet
  T=$(swift build -c release --show-bin-path)/territorio
else
  T=$TERRITORIO_BIN
fi
rm -rf "$WORK" && mkdir -p "$WORK"
"$T" demo --out "$WORK" --no-png >/dev/null
PORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$T" serve --db "$WORK/territorio.sqlite" --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
BASE=http://127.0.0.1:$PORT
printf '%-40s %10s %10s %8s\n' "route" "req/s" "p99 ms" "errors"
for route in "/" "/ogc/collections/gaps/items"; do
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s scripts/load-report.lua "$BASE$route" >"$WORK/wrk.txt" &
  LOAD=$!
  if [ "$route" = "/" ]; then
    sleep 2
    .venv/bin/python scripts/load_entry.py "$BASE" "$T" "$WORK/territorio.sqlite" \
      || { echo "load: entering a questionnaire under load failed" >&2; exit 1; }
  fi
  wait $LOAD
  printf '%-40s %s\n' "$route" "$(tail -1 "$WORK/wrk.txt")"
done
