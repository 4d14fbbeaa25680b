"""The gap report, read by independent tools: shapely for RFC 7946, ogrinfo, and PySAL access
for the accessibility values (equal to 1e-9 relative)."""
import csv
import json
import math
import random
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
from access import Access, weights
from shapely.geometry import LinearRing, shape

from conftest import territorio

R = 6371.0088


def haversine(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    h = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 2 * R * math.asin(min(1, math.sqrt(h)))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def test_report_is_rfc7946(demo):
    report = load(demo / "gaps.geojson")
    assert report["type"] == "FeatureCollection"
    assert "crs" not in report, "RFC 7946 has no crs member"
    meta = report["territorio"]
    assert meta["k"] == 5 and "ISTAT" in meta["attribution"] and meta["boundaries_approximate"] is False
    assert len(report["features"]) == 29
    for feature in report["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] == "MultiPolygon"
        assert shape(geometry).is_valid
        for polygon in geometry["coordinates"]:
            for i, ring in enumerate(polygon):
                assert ring[0] == ring[-1]
                assert LinearRing(ring).is_ccw == (i == 0), "exterior rings counter-clockwise, holes clockwise"
                for lon, lat in ring:
                    assert -180 <= lon <= 180 and -90 <= lat <= 90
                    assert len(repr(lon).split(".")[-1]) <= 6 and len(repr(lat).split(".")[-1]) <= 6
        props = feature["properties"]
        assert all(not isinstance(v, (dict, list)) for v in props.values()), "flat properties for QGIS"
        assert props["istat_code"].startswith("006")


def test_ogrinfo_reads_the_report(demo):
    ogrinfo = shutil.which("ogrinfo")
    assert ogrinfo, "ogrinfo (gdal-bin) is not installed: run scripts/bootstrap.sh"
    out = subprocess.run([ogrinfo, "-so", "-al", str(demo / "gaps.geojson")], capture_output=True, text=True, check=True).stdout
    assert "Feature Count: 29" in out and "Multi Polygon" in out
    assert "food_gap_level: String" in out and "food_access: Real" in out


def test_same_data_same_bytes(demo, tmp_path):
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    territorio("report", "gaps", "--db", demo / "territorio.sqlite", "--no-timestamp", "--out", a)
    territorio("report", "gaps", "--db", demo / "territorio.sqlite", "--no-timestamp", "--out", b)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == (demo / "gaps.geojson").read_bytes()


def access_reference(municipalities, services, costs, category, max_cost, weight_fn):
    """PySAL access two_stage_fca for one category; returns (access, normalised) by code."""
    demand = pd.DataFrame({"geoid": [m["code"] for m in municipalities], "pop": [m["population"] for m in municipalities]})
    supply_rows = [s for s in services if category in s["categories"]]
    supply = pd.DataFrame({"geoid": [s["id"] for s in supply_rows],
                           "capacity": [s["capacity"] if s["capacity"] is not None else 1.0 for s in supply_rows]})
    cost = pd.DataFrame([(o, d, c) for (o, d), c in costs.items() if d in set(supply["geoid"])], columns=["origin", "dest", "cost"])
    A = Access(demand_df=demand, demand_index="geoid", demand_value="pop", supply_df=supply, supply_index="geoid",
               supply_value="capacity", cost_df=cost, cost_origin="origin", cost_dest="dest", cost_name="cost")
    A.two_stage_fca(name="fca", max_cost=max_cost, weight_fn=weight_fn)
    raw = A.access_df["fca_capacity"]
    normalised = A.two_stage_fca(name="norm", max_cost=max_cost, weight_fn=weight_fn, normalize=True)["norm_capacity"]
    return raw.to_dict(), normalised.to_dict()


def report_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["istat_code"]: r for r in csv.DictReader(f)}


def inputs(demo):
    report = load(demo / "gaps.geojson")
    municipalities = [{"code": f["properties"]["istat_code"], "population": f["properties"]["population"],
                       "lat": f["properties"]["rep_lat"], "lon": f["properties"]["rep_lon"]} for f in report["features"]]
    services = [{"id": f["properties"]["id"], "categories": f["properties"]["categories"].split(";"),
                 "capacity": f["properties"]["capacity"], "lat": f["geometry"]["coordinates"][1], "lon": f["geometry"]["coordinates"][0]}
                for f in load(demo / "services.geojson")["features"]]
    return municipalities, services


def compare(rows, category, reference):
    raw, normalised = reference
    checked = 0
    for code, row in rows.items():
        ours = row[f"{category}_access"]
        theirs = raw.get(code)
        if theirs is None or (isinstance(theirs, float) and math.isnan(theirs)):
            assert ours == "", f"{category} {code}: PySAL has no value, territorio {ours}"
            assert row[f"{category}_no_service_within_reach"] == "true"
            continue
        assert ours != "", f"{category} {code}: territorio has no value, PySAL {theirs}"
        assert math.isclose(float(ours), theirs, rel_tol=1e-9, abs_tol=1e-300), f"{category} {code}: {ours} != {theirs}"
        assert math.isclose(float(row[f"{category}_access_ratio"]), normalised[code], rel_tol=1e-9)
        checked += 1
    return checked


def test_accessibility_equals_pysal_access_on_the_demo(demo, tmp_path):
    municipalities, services = inputs(demo)
    # The services' exported coordinates have 7 decimals: use the same points on both sides.
    costs = {(m["code"], s["id"]): haversine(m["lat"], m["lon"], s["lat"], s["lon"]) for m in municipalities for s in services}
    matrix = tmp_path / "costs.csv"
    with open(matrix, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["origin", "destination", "cost"])
        for (o, d), c in costs.items():
            w.writerow([o, d, repr(c)])
    out = tmp_path / "gaps.csv"
    territorio("report", "gaps", "--db", demo / "territorio.sqlite", "--costs", matrix, "--format", "csv", "--out", out)
    rows = report_rows(out)
    checked = 0
    for category, (max_cost, sigma) in {"food": (15, 7.5), "health": (20, 10), "night_shelter": (35, 15), "digital": (20, 10)}.items():
        checked += compare(rows, category, access_reference(municipalities, services, costs, category, max_cost, weights.gaussian(sigma)))
    assert checked > 40


def test_accessibility_equals_pysal_access_with_a_cost_matrix_and_other_weights(demo, tmp_path):
    municipalities, services = inputs(demo)
    rng = random.Random(7)
    # Travel times in minutes, some pairs missing (no connection).
    costs = {(m["code"], s["id"]): round(rng.uniform(2, 90), 3) for m in municipalities for s in services if rng.random() < 0.85}
    matrix = tmp_path / "times.csv"
    with open(matrix, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["origin", "destination", "cost"])
        for (o, d), c in costs.items():
            w.writerow([o, d, c])
    config = tmp_path / "territorio.toml"
    config.write_text("""
[default]
max_cost = 60
weight = "gaussian"
sigma = 20

[category.health]
weight = "step"
steps = { "15" = 1.0, "30" = 0.68, "45" = 0.22 }

[category.work]
max_cost = 75
weight = "gravity"
scale = 1
alpha = -1.5
min_dist = 5
""")
    out = tmp_path / "gaps.csv"
    territorio("report", "gaps", "--db", demo / "territorio.sqlite", "--costs", matrix, "--config", config, "--format", "csv", "--out", out)
    rows = report_rows(out)
    checked = compare(rows, "food", access_reference(municipalities, services, costs, "food", 60, weights.gaussian(20)))
    checked += compare(rows, "health", access_reference(municipalities, services, costs, "health", 60, weights.step_fn({15: 1.0, 30: 0.68, 45: 0.22})))
    checked += compare(rows, "work", access_reference(municipalities, services, costs, "work", 75, weights.gravity(1, -1.5, 5)))
    assert checked > 40


def test_no_published_count_below_k_and_the_subtraction_attack_fails(demo, tmp_path):
    k = 5
    report = load(demo / "gaps.geojson")
    summary = json.loads(territorio("report", "summary", "--db", demo / "territorio.sqlite", "--format", "json").stdout)
    counts = ["user_reports", "operator_requests", "operator_unmet", "responses"]
    for feature in report["features"]:
        for key, value in feature["properties"].items():
            if any(key.endswith("_" + c) for c in counts) and value is not None:
                assert value == 0 or value >= k, f"{key} = {value} published below k"
    names = {"user_reports": "userReports", "operator_requests": "operatorRequests", "operator_unmet": "operatorUnmet", "responses": "responses"}
    for row in summary:
        c = row["category"]
        for count, field in names.items():
            total = row.get(field)
            if total is None:
                continue
            published = [f["properties"][f"{c}_{count}"] for f in report["features"]]
            hidden = [f for f in report["features"] if f["properties"][f"{c}_{count}_suppressed"]]
            difference = total - sum(p for p in published if p is not None)
            if hidden:
                assert len(hidden) >= 2, f"{c} {count}: one withheld cell could be recovered from the total"
                assert difference >= k, f"{c} {count}: the withheld cells add up to {difference} < k"
            else:
                assert difference == 0


def test_municipalities_without_reports_are_insufficient_data(demo):
    report = load(demo / "gaps.geojson")
    silent = [f for f in report["features"] if f["properties"]["food_responses"] == 0]
    assert silent, "the demo has municipalities nobody answered from"
    for f in silent:
        for key, value in f["properties"].items():
            if key.endswith("_gap_level") and f["properties"].get(key.replace("_gap_level", "_operator_requests")) in (None, 0):
                assert value in ("insufficient_data", None), f"{f['properties']['name']} {key} = {value}"
