"""`make bench` at tiny size, so that the benchmark and its generator cannot rot."""
import os
import pathlib
import subprocess

import pytest

from conftest import ROOT

SHARED = pathlib.Path(os.environ.get("TERRITORIO_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.mark.skipif(not SHARED.exists() and os.environ.get("CI") != "true", reason="needs ../shared/data (CI=true makes this a failure)")
def test_tiny_benchmark_runs_and_prints_the_table(tmp_path):
    env = dict(os.environ, BENCH_SIZE="tiny", BENCH_RUNS="1", BENCH_DIR=str(tmp_path))
    result = subprocess.run(["bash", str(ROOT / "scripts" / "bench.sh")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for step in ["ingest survey rows", "accessibility, all municipalities", "national GeoJSON gap report", "consortium demo",
                 "PostGIS: ingest survey rows", "PostGIS: ingest, against territorio on SpatiaLite",
                 "PostGIS: national GeoJSON gap report"]:
        assert step in out
    assert "max_relative_difference=" in out
    assert "memory while ingesting: peak" in out
    floor = out.split("ingest storage floor")[1].split("\n")[0]
    assert "s in territorio's schema (UUID keys)" in floor and "s with integer keys" in floor, floor
    difference = float(out.split("max_relative_difference=")[1].split()[0])
    assert difference < 1e-9
    assert "disagreements=0" in out, "territorio and the reference join assign different municipalities"
    assert "postgis_disagreements=0" in out, "PostGIS and SpatiaLite store different submissions"
    assert "gap report features from PostGIS: identical" in out
    rows = sum(1 for _ in open(tmp_path / "national-kobo-user.csv")) - 1
    assert rows == 2000, "the seeded generator wrote the tiny size"
