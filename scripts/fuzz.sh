#!/usr/bin/env bash
# make fuzz: coverage-guided fuzzing (libFuzzer) of the parsers that read outside input:
#   csv           the CSV reader, its dialect/encoding sniffer, the table and services readers
#   geojson       the GeoJSON reader, the boundary and services readers on top of it
#   openinghours  the OSM opening_hours parser (and printing what it parsed back)
#   config        the TOML analysis configuration
# FUZZ_SECONDS=60 per target (make test uses 5); FUZZ_TARGETS to choose; FUZZ_BUILD=0 reuses the
# last build; FUZZ_BUILD=only builds without running.
# The harnesses are in Fuzz/<target>/main.swift, the seed corpora in Fuzz/corpus/<target>/.
# The library is built with AddressSanitizer and libFuzzer's coverage into .build-fuzz/; new
# corpus entries go to .build-fuzz/corpus/<target>/ (the committed seeds are left as they are);
# a crash stops the run with its input in .build-fuzz/crashes/<target>/: turn it into a test
# under Tests/Fixtures/fuzz/ (see docs/operations.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-csv geojson openinghours config}
SCRATCH=$ROOT/.build-fuzz
FLAGS=(-Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer)

build() {
  swift build --package-path Fuzz --scratch-path "$SCRATCH" "${FLAGS[@]}" --quiet 2>&1 \
    | grep -v -e "Cannot export local symbol" -e "^warning: " >&2 || true
  local bin; bin=$(swift build --package-path Fuzz --scratch-path "$SCRATCH" "${FLAGS[@]}" --show-bin-path)
  for t in $TARGETS; do [ -x "$bin/fuzz-$t" ] || { echo "fuzz: fuzz-$t did not build" >&2; exit 1; }; done
  echo "$bin"
}

run() {  # run TARGET BIN: prints "target: N runs in S s (R exec/s), corpus C, crashes K"
  local t=$1 bin=$2 corpus=$SCRATCH/corpus/$1 crashes=$SCRATCH/crashes/$1 log=$SCRATCH/fuzz-$1.log
  mkdir -p "$corpus" "$crashes"
  local status=0 before; before=$(ls "$crashes" | wc -l)
  ASAN_OPTIONS=detect_leaks=0 "$bin/fuzz-$t" "$corpus" "Fuzz/corpus/$t" -max_total_time="$SECONDS_EACH" \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  local runs rate
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  echo "$t: ${runs:-?} runs in ${SECONDS_EACH} s (${rate:-?} exec/s), corpus $(ls "$corpus" | wc -l)," \
    "crashes $(( $(ls "$crashes" | wc -l) - before ))"
  if [ "$status" != 0 ]; then
    echo "fuzz: $t failed (exit $status); the log is $log, the input in $crashes/" >&2
    grep -a -m 5 -e "Fatal error" -e "ERROR: " -e "SUMMARY" "$log" >&2 || true
    return 1
  fi
}

case ${FUZZ_BUILD:-1} in
  0) BIN=$(swift build --package-path Fuzz --scratch-path "$SCRATCH" "${FLAGS[@]}" --show-bin-path) ;;
  only) build >/dev/null; exit 0 ;;
  *) BIN=$(build | tail -1) ;;
esac
failed=0
for t in $TARGETS; do run "$t" "$BIN" || failed=1; done
exit $failed
