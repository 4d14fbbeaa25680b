#!/usr/bin/env bash
# make bench: territorio against the tools an analyst would otherwise use, in one run, on this
# machine. Prints median seconds, peak memory and the ratio for each step (docs/performance.md).
#   BENCH_SIZE=full (default): all 7,899 Italian municipalities, 1,000,000 survey rows, 100,000 services
#   BENCH_SIZE=tiny: the province of Alessandria, 2,000 rows, 500 services (the tests run this)
#   BENCH_RUNS=3    repetitions per step (the median is reported)
#   BENCH_BIN=PATH  use that territorio binary instead of building a release one
#   BENCH_ONLY="1 5" run only these sections (1 ingest, 2 accessibility, 3 GeoJSON report, 4 demo,
#                   5 PostGIS); section 5 makes the SpatiaLite ingest and report it compares with,
#                   untimed, when sections 1 and 3 did not run
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${BENCH_SIZE:-full}
RUNS=${BENCH_RUNS:-3}
SHARED=${TERRITORIO_SHARED_DATA:-../shared/data}
WORK=${BENCH_DIR:-.build/bench-$SIZE}
PY=.venv/bin/python
if [ "$SIZE" = full ]; then
  BOUNDARIES=$SHARED/istat/municipalities-italy.geojson; ROWS=1000000; SERVICES=100000
else
  BOUNDARIES=$SHARED/istat/municipalities-P006-alessandria.geojson; ROWS=2000; SERVICES=500
fi
[ -f "$BOUNDARIES" ] || { echo "bench: $BOUNDARIES not found (../shared/data)" >&2; exit 1; }

scripts/bootstrap.sh
if [ -n "${BENCH_BIN:-}" ]; then
  T=$BENCH_BIN   # a binary built already (checking the script; its timings are that binary's)
else
  swift build -c release --static-swift-stdlib --product territorio --quiet 2>/dev/null || swift build -c release --static-swift-stdlib --product territorio
  T=$(swift build -c release --show-bin-path)/territorio
fi
mkdir -p "$WORK"
cat > "$WORK/bench.toml" <<TOML
[default]
max_cost = 20
weight = "gaussian"
sigma = 10
TOML

# The base database: boundaries, population, taxonomy, every municipality a member, services.
if [ ! -f "$WORK/base.sqlite" ]; then
  rm -f "$WORK"/base.sqlite*
  $T import boundaries --db "$WORK/base.sqlite" "$BOUNDARIES" 2>/dev/null
  $T import population --db "$WORK/base.sqlite" "$SHARED/istat/population-census2011.csv" 2>/dev/null
  $T import categories --db "$WORK/base.sqlite" GeoData/categories.csv 2>/dev/null
  $T export municipalities --db "$WORK/base.sqlite" --format csv --out "$WORK/municipalities.csv" 2>/dev/null
  $T consortium set --db "$WORK/base.sqlite" --code-column code "$WORK/municipalities.csv" 2>/dev/null
  $T export municipalities --db "$WORK/base.sqlite" --format csv --out "$WORK/municipalities.csv" 2>/dev/null
  python3 Surveys/samples/generate.py --national "$ROWS" --national-services "$SERVICES" --points "$WORK/municipalities.csv" --out "$WORK"
  $T import services --db "$WORK/base.sqlite" --partial "$WORK/national-services.csv" 2>/dev/null || true
  $T export services --db "$WORK/base.sqlite" --format csv --out "$WORK/services.csv" 2>/dev/null
  $T info --db "$WORK/base.sqlite" >/dev/null
fi
CATS=$(head -1 "$WORK/national-services.csv" >/dev/null; python3 -c "
import csv; print(' '.join(sorted({r['categories'] for r in csv.DictReader(open('$WORK/services.csv'))})))")
CATEGORY_ARGS=$(for c in $CATS; do printf -- "--category %s " "$c"; done)

RESULTS="$WORK/results.tsv"; : > "$RESULTS"
# section N: whether section N runs (BENCH_ONLY).
section() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
EQUALITY=-; DISAGREE=-; INPUT_MB="- -"; PG_DISAGREE=-; PG_REPORT=-
# measure NAME SETUP COMMAND...: runs SETUP (untimed) then COMMAND, RUNS times; records seconds and peak KiB.
measure() {
  local name=$1 setup=$2; shift 2
  for _ in $(seq "$RUNS"); do
    bash -c "$setup"
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || { cat "$WORK/stderr.txt" >&2; exit 1; }
    echo "$name $(cat "$WORK/time.txt")" >> "$RESULTS"
  done
}

# 1. Ingest the survey export, with point-in-polygon assignment.
if section 1; then
measure territorio_ingest "cp $WORK/base.sqlite $WORK/run.sqlite; rm -f $WORK/run.sqlite-wal $WORK/run.sqlite-shm" \
  $T ingest --db "$WORK/run.sqlite" --allow-outside "$WORK/national-kobo-user.csv"
# 1b. Memory stays bounded while streaming: the same ingest on a quarter of the file. Its peak
# memory is about the full file's (it would be a quarter of it if the file were held whole).
head -n $((ROWS / 4 + 1)) "$WORK/national-kobo-user.csv" > "$WORK/quarter-kobo-user.csv"
measure territorio_ingest_quarter "cp $WORK/base.sqlite $WORK/quarter.sqlite; rm -f $WORK/quarter.sqlite-wal $WORK/quarter.sqlite-shm" \
  $T ingest --db "$WORK/quarter.sqlite" --allow-outside "$WORK/quarter-kobo-user.csv"
INPUT_MB="$(( $(stat -L -c %s "$WORK/national-kobo-user.csv") / 1048576 )) $(( $(stat -L -c %s "$WORK/quarter-kobo-user.csv") / 1048576 ))"
# The join as a GIS analyst writes it: municipalities outside, the survey's spatial index probed
# once per municipality (SpatiaLite then reuses each municipality's prepared geometry).
JOIN="CREATE TABLE joined AS SELECT s.ogc_fid AS fid, m.code AS code FROM municipality m, submissions s WHERE s.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'submissions' AND search_frame = m.geom) AND ST_Within(s.GEOMETRY, m.geom)"
measure reference_ogr2ogr_load "cp $WORK/base.sqlite $WORK/ref.sqlite" \
  ogr2ogr -f SQLite -update -append "$WORK/ref.sqlite" "$WORK/national-kobo-user.csv" -nln submissions -a_srs EPSG:4326 \
  -oo X_POSSIBLE_NAMES=_location_longitude -oo Y_POSSIBLE_NAMES=_location_latitude -oo KEEP_GEOM_COLUMNS=NO -gt 100000
measure reference_spatial_join "ogrinfo -q $WORK/ref.sqlite -sql 'DROP TABLE IF EXISTS joined' >/dev/null 2>&1 || true" \
  ogrinfo -q "$WORK/ref.sqlite" -sql "$JOIN"

# Both must give every row the same municipality: rows the two assign differently, or that only
# one of them assigns.
DISAGREE=$(sqlite3 "$WORK/ref.sqlite" "ATTACH '$WORK/run.sqlite' AS t;
  SELECT (SELECT count(*) FROM joined j JOIN submissions s ON s.ogc_fid = j.fid
            JOIN t.submission ts ON ts.uuid = s._uuid WHERE ts.municipality_code <> j.code)
       + abs((SELECT count(*) FROM joined) - (SELECT count(*) FROM t.submission));")
# 1c. The storage floor: SQLite alone storing the rows territorio stored, in the file's order, read
# from a scratch copy (no CSV, no checks, no point in polygon), in territorio's schema and in the
# integer-keyed schema of the next step (bench/storage-floor/*.sql).
rm -f "$WORK/floor-rows.sqlite"
sqlite3 -bail -cmd ".parameter set :run \"'$WORK/run.sqlite'\"" "$WORK/floor-rows.sqlite" ".read bench/storage-floor/prepare.sql"
for key in uuid integer; do
  measure "storage_floor_${key}_key" "cp $WORK/base.sqlite $WORK/floor.sqlite; rm -f $WORK/floor.sqlite-wal $WORK/floor.sqlite-shm" \
    sqlite3 -bail -cmd ".parameter set :scratch \"'$WORK/floor-rows.sqlite'\"" "$WORK/floor.sqlite" ".read bench/storage-floor/$key-key.sql"
done
rm -f "$WORK/floor-rows.sqlite" "$WORK/floor.sqlite"
fi

# 2. Accessibility for all municipalities x 10 categories (haversine, 20 km, gaussian sigma 10):
# `report access`, the index alone (the same values as the gap report's access columns).
if section 2; then
measure territorio_access "true" \
  $T report access --db "$WORK/base.sqlite" --config "$WORK/bench.toml" $CATEGORY_ARGS --out "$WORK/access.csv"
for _ in $(seq "$RUNS"); do
  $PY bench/pysal_access.py --municipalities "$WORK/municipalities.csv" --services "$WORK/services.csv" \
    --check "$WORK/access.csv" > "$WORK/pysal.txt"
  echo "reference_pysal_access $(grep pysal_seconds "$WORK/pysal.txt" | cut -d= -f2) 0" >> "$RESULTS"
done
EQUALITY=$(grep compared "$WORK/pysal.txt")
fi

# 3. The national GeoJSON gap report against ogr2ogr's GeoJSON of the boundary layer.
if section 3; then
measure territorio_geojson_report "true" \
  $T report gaps --db "$WORK/base.sqlite" --config "$WORK/bench.toml" --category food --no-timestamp --out "$WORK/gaps.geojson"
measure reference_ogr2ogr_geojson "rm -f $WORK/ogr.geojson" \
  ogr2ogr -f GeoJSON -lco COORDINATE_PRECISION=6 "$WORK/ogr.geojson" "$WORK/base.sqlite" municipality
fi

# 5. The same ingest and national report on PostGIS (a throwaway server, scripts/postgres.sh): the
# base database copied once (territorio copy), each ingest run on a fresh copy of it (TEMPLATE).
if section 5; then
if ! section 1; then
  cp "$WORK/base.sqlite" "$WORK/run.sqlite"; rm -f "$WORK/run.sqlite-wal" "$WORK/run.sqlite-shm"
  $T ingest --db "$WORK/run.sqlite" --allow-outside "$WORK/national-kobo-user.csv" >/dev/null 2>&1
fi
section 3 || $T report gaps --db "$WORK/base.sqlite" --config "$WORK/bench.toml" --category food --no-timestamp \
  --out "$WORK/gaps.geojson" >/dev/null 2>&1
PG_URL=$(scripts/postgres.sh start)
trap 'scripts/postgres.sh stop "$PG_URL"' EXIT
PG_SOCKET=${PG_URL#*host=}
PSQL="/usr/lib/postgresql/15/bin/psql -h $PG_SOCKET -U territorio -d territorio -qAt"
pg_db() { echo "postgresql://territorio@/$1?host=$PG_SOCKET"; }
$PSQL -c "CREATE DATABASE bench_base"
$T copy --from "$WORK/base.sqlite" --to "$(pg_db bench_base)" >/dev/null 2>&1
measure postgis_ingest "$PSQL -c 'DROP DATABASE IF EXISTS bench_run' -c 'CREATE DATABASE bench_run TEMPLATE bench_base'" \
  $T ingest --db "$(pg_db bench_run)" --allow-outside "$WORK/national-kobo-user.csv"
# The same rows on both backends: submissions per municipality, compared.
PER_MUNICIPALITY="SELECT municipality_code || ' ' || count(*) FROM submission GROUP BY municipality_code ORDER BY 1"
$PSQL -d bench_run -c "$PER_MUNICIPALITY" > "$WORK/pg-counts.txt"
sqlite3 "$WORK/run.sqlite" "$PER_MUNICIPALITY" > "$WORK/sqlite-counts.txt"
[ -s "$WORK/pg-counts.txt" ] && [ -s "$WORK/sqlite-counts.txt" ] || { echo "bench: no submissions to compare" >&2; exit 1; }
PG_DISAGREE=$(diff "$WORK/pg-counts.txt" "$WORK/sqlite-counts.txt" | grep -c '^[<>]' || true)
# Point in polygon inside PostGIS, for comparison: the raw points loaded by ogr2ogr, then one
# ST_Contains join over the GiST index of the boundaries.
measure reference_postgis_load "$PSQL -d bench_run -c 'DROP TABLE IF EXISTS points'" \
  ogr2ogr -f PostgreSQL "PG:host=$PG_SOCKET user=territorio dbname=bench_run" "$WORK/national-kobo-user.csv" -nln points \
  -a_srs EPSG:4326 -oo X_POSSIBLE_NAMES=_location_longitude -oo Y_POSSIBLE_NAMES=_location_latitude \
  -oo KEEP_GEOM_COLUMNS=NO -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE -gt 100000
measure reference_postgis_join "$PSQL -d bench_run -c 'DROP TABLE IF EXISTS joined'" \
  $PSQL -d bench_run -c "CREATE TABLE joined AS SELECT p.ogc_fid, m.code FROM points p JOIN municipality m ON ST_Contains(m.geom, p.geom)"
measure postgis_geojson_report "true" \
  $T report gaps --db "$(pg_db bench_base)" --config "$WORK/bench.toml" --category food --no-timestamp --out "$WORK/gaps-pg.geojson"
# The features must be the SpatiaLite report's (the metadata names the copy as its source).
PG_REPORT=$(python3 -c "
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
print('identical' if a['features'] == b['features'] else 'DIFFERENT')" "$WORK/gaps.geojson" "$WORK/gaps-pg.geojson")
fi

# 4. The consortium demo end to end.
if section 4; then
measure territorio_demo "rm -rf $WORK/demo" $T demo --out "$WORK/demo" --no-png
measure territorio_demo_with_png "rm -rf $WORK/demo" $T demo --out "$WORK/demo"
fi

python3 - "$RESULTS" "$SIZE" "$EQUALITY" "$DISAGREE" $INPUT_MB "$PG_DISAGREE" "$PG_REPORT" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    name, seconds, kib = line.split()
    runs[name].append((float(seconds), int(kib)))
def med(name): return statistics.median(s for s, _ in runs[name]) if runs[name] else float("nan")
def mem(name): return max(k for _, k in runs[name]) / 1024 if runs[name] else float("nan")
rows = [
    ("ingest survey rows + point in polygon", "territorio_ingest", ["reference_ogr2ogr_load", "reference_spatial_join"], "ogr2ogr load + SpatiaLite spatial join"),
    ("accessibility, all municipalities x 10 categories", "territorio_access", ["reference_pysal_access"], "PySAL access two_stage_fca per category (k-d tree costs)"),
    ("national GeoJSON gap report", "territorio_geojson_report", ["reference_ogr2ogr_geojson"], "ogr2ogr -f GeoJSON, 6 decimals"),
    ("PostGIS: ingest survey rows + point in polygon", "postgis_ingest", ["reference_ogr2ogr_load", "reference_spatial_join"], "ogr2ogr load + SpatiaLite spatial join"),
    ("PostGIS: ingest, against territorio on SpatiaLite", "postgis_ingest", ["territorio_ingest"], "territorio ingest into SpatiaLite (section 1)"),
    ("PostGIS: point in polygon in the database", "postgis_ingest", ["reference_postgis_load", "reference_postgis_join"], "ogr2ogr load into PostGIS + ST_Contains join (GiST)"),
    ("PostGIS: national GeoJSON gap report", "postgis_geojson_report", ["reference_ogr2ogr_geojson"], "ogr2ogr -f GeoJSON (from SpatiaLite), 6 decimals"),
    ("consortium demo (no PNG)", "territorio_demo", [], "-"),
    ("consortium demo (with 17 PNG maps)", "territorio_demo_with_png", [], "-"),
]
print(f"\nterritorio benchmarks ({sys.argv[2]}), median of the runs; peak memory of territorio")
print(f"| step | territorio s | peak MB | reference | reference s | ratio (reference / territorio) |")
print("|---|---|---|---|---|---|")
for label, ours, refs, refname in rows:
    if not runs[ours]: continue  # a section not run (BENCH_ONLY)
    if any(not runs[r] for r in refs): refs = []
    ref = sum(med(r) for r in refs) if refs else None
    ratio = f"{ref / med(ours):.2f}x" if ref else "-"
    print(f"| {label} | {med(ours):.2f} | {mem(ours):.0f} | {refname} | {ref:.2f} |" .replace("| None |", "| - |") + f" {ratio} |" if ref else
          f"| {label} | {med(ours):.2f} | {mem(ours):.0f} | - | - | - |")
if runs["storage_floor_uuid_key"] and runs["reference_ogr2ogr_load"]:
    target = (med("reference_ogr2ogr_load") + med("reference_spatial_join")) / 4
    print(f"\ningest storage floor (SQLite alone storing the same rows, no CSV, no checks): "
          f"{med('storage_floor_uuid_key'):.2f} s in territorio's schema (UUID keys), "
          f"{med('storage_floor_integer_key'):.2f} s with integer keys; 4x the reference is {target:.2f} s")
print(f"\naccessibility equality check: {sys.argv[3]}")
print(f"point in polygon: rows assigned differently by territorio and the SpatiaLite join: disagreements={sys.argv[4]}")
print(f"memory while ingesting: peak {mem('territorio_ingest'):.0f} MB for the {sys.argv[5]} MB file, "
      f"{mem('territorio_ingest_quarter'):.0f} MB for its first quarter ({sys.argv[6]} MB)")
print(f"PostGIS: municipalities whose submission count differs from SpatiaLite's: postgis_disagreements={sys.argv[7]}; "
      f"gap report features from PostGIS: {sys.argv[8]}")
PY
