"""Researcher exports: readable by ogrinfo and a CSV reader, equal to the database, and safe:
no small count, no re-identifiable combination, no UUID, point or free text."""
import collections
import csv
import json
import shutil
import sqlite3
import struct
import subprocess

import pytest

from conftest import ROOT

K = 5
QUASI = ["zone", "quarter", "age_group", "household_size", "languages"]
MAX_EMPTY_NEEDS = 0.20  # the share of user rows whose needs may be empty
DATASETS = ["municipalities", "services", "needs", "submissions"]


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def database(demo):
    return sqlite3.connect(demo / "territorio.sqlite")


@pytest.mark.parametrize("dataset", DATASETS)
def test_geojson_export_opens_with_ogrinfo_and_matches_the_csv(demo, dataset):
    ogrinfo = shutil.which("ogrinfo")
    assert ogrinfo, "ogrinfo (gdal-bin) is not installed: run scripts/bootstrap.sh"
    path = demo / f"export-{dataset}.geojson"
    out = subprocess.run([ogrinfo, "-so", "-al", str(path)], capture_output=True, text=True, check=True).stdout
    features = json.load(open(path, encoding="utf-8"))["features"]
    assert f"Feature Count: {len(features)}" in out
    if dataset in ("needs", "submissions"):
        assert len(features) == len(rows(demo / f"export-{dataset}.csv"))
        assert (demo / f"export-{dataset}.geojson.meta.json").exists()
        meta = json.load(open(demo / f"export-{dataset}.csv.meta.json", encoding="utf-8"))
        assert meta["k"] == K and meta["sources"] and "ISTAT" in meta["attribution"]


def test_exports_match_the_database(demo):
    db = database(demo)
    assert len(rows(demo / "export-municipalities.csv")) == db.execute("SELECT count(*) FROM municipality").fetchone()[0]
    assert len(rows(demo / "export-services.csv")) == db.execute("SELECT count(*) FROM service").fetchone()[0]
    subs = rows(demo / "export-submissions.csv")
    meta = json.load(open(demo / "export-submissions.csv.meta.json", encoding="utf-8"))
    assert len(subs) + meta["withheld_rows"] == db.execute("SELECT count(*) FROM submission").fetchone()[0]
    # Every published need count equals the database's own aggregate.
    published = 0
    for r in rows(demo / "export-needs.csv"):
        if r["role"] != "user" or r["count_suppressed"] == "true":
            continue
        expected = db.execute("""SELECT count(*) FROM submission s JOIN need_report n ON n.submission_uuid = s.uuid
                                 JOIN municipality m ON m.code = s.municipality_code
                                 WHERE s.form = 'user' AND m.zone = ? AND n.category_code = ?
                                   AND substr(s.submitted_at, 1, 4) || '-Q' || ((CAST(substr(s.submitted_at, 6, 2) AS INTEGER) + 2) / 3) = ?""",
                              (r["zone"], r["category"], r["period"])).fetchone()[0]
        assert int(r["count"]) == expected
        published += 1
    assert published > 0


def test_no_published_need_count_below_k(demo):
    for r in rows(demo / "export-needs.csv"):
        for column in ("count", "unmet"):
            if r[column] != "":
                assert int(r[column]) == 0 or int(r[column]) >= K, r


def test_no_combination_of_quasi_identifiers_is_shared_by_fewer_than_k(demo):
    subs = [r for r in rows(demo / "export-submissions.csv") if r["form"] == "user"]
    assert len(subs) >= K
    assert not any(r["istat_code"] or r["municipality"] for r in subs), "user rows give the zone, not the municipality"
    combos = collections.Counter(tuple(r[q] for q in QUASI) for r in subs)
    small = {c: n for c, n in combos.items() if n < K}
    assert not small, f"re-identifiable combinations: {small}"


def test_an_independent_checker_finds_k_anonymity_on_the_quasi_identifiers(demo):
    import pandas as pd
    from pycanon import anonymity
    subs = pd.read_csv(demo / "export-submissions.csv", dtype=str, keep_default_na=False)
    users = subs[subs["form"] == "user"]
    assert len(users) >= K
    # pycanon groups rows with pandas, which leaves out missing values: none may be missing.
    assert not users[QUASI].isna().any().any()
    assert anonymity.k_anonymity(users, QUASI) >= K


def test_needs_survive_anonymisation(demo):
    users = [r for r in rows(demo / "export-submissions.csv") if r["form"] == "user"]
    empty = sum(1 for r in users if not r["needs"]) / len(users)
    assert empty <= MAX_EMPTY_NEEDS, f"{empty:.0%} of the user rows have no needs"
    meta = json.load(open(demo / "export-submissions.csv.meta.json", encoding="utf-8"))
    db = database(demo)
    stored = collections.Counter(c for (c,) in db.execute(
        "SELECT n.category_code FROM need_report n JOIN submission s ON s.uuid = n.submission_uuid WHERE s.form = 'user'"))
    exported = collections.Counter(c for r in users for c in r["needs"].split())
    if meta["withheld_rows"] == 0:
        assert exported == stored, "every need reported is in the export"
    assert meta["generalised_values"]["municipality_to_zone"] == len(users) + meta["withheld_rows"]
    assert set(meta["suppressed_values"]) <= set(QUASI)
    assert sum(meta["suppressed_values"].values()) < len(QUASI) * len(users) * 0.2, "suppression stays local"


def test_operator_counts_are_published_where_disclosure_control_allows(demo):
    operators = [r for r in rows(demo / "export-submissions.csv") if r["form"] == "operator"]
    assert operators
    counts = [c for c in operators[0] if c.startswith(("requests_", "unmet_"))]
    published = withheld = 0
    for r in operators:
        hidden = set(r["counts_withheld"].split())
        for c in counts:
            if r[c] != "":
                assert int(r[c]) == 0 or int(r[c]) >= K, (c, r[c])
                assert c not in hidden
                published += 1
            withheld += c in hidden
    assert published > withheld, f"{published} counts published, {withheld} withheld"
    assert all(any(r[c] != "" for c in counts) for r in operators), "an operator row without any count"
    # Published requests add up to the database's figures where nothing of a cell is withheld.
    db = database(demo)
    for r in operators[:5]:
        for c in counts:
            if r[c] != "" and c.startswith("requests_"):
                assert db.execute("""SELECT count(*) FROM submission s JOIN need_report n ON n.submission_uuid = s.uuid
                                     WHERE s.form = 'operator' AND s.municipality_code = ? AND n.category_code = ?
                                     AND n.requests = ?""", (r["istat_code"], c[9:], int(r[c]))).fetchone()[0] >= 1


def test_every_member_municipality_has_one_of_a_few_zones():
    with open(ROOT / "GeoData" / "consortium.csv", newline="", encoding="utf-8") as f:
        members = list(csv.DictReader(f))
    assert len(members) == 29 and all(m["zone"] for m in members)
    assert 3 <= len({m["zone"] for m in members}) <= 5


def point_strings(blob):
    """The exact point of a SpatiaLite POINT blob (its MBR's corner), in the forms it could be printed."""
    x, y = struct.unpack("<dd", blob[6:22])
    return {repr(x), repr(y), f"{x:.6f}", f"{y:.6f}", f"{x:.5f}", f"{y:.5f}"}


def test_no_uuid_point_or_free_text_in_any_export(demo):
    db = database(demo)
    uuids = [u for (u,) in db.execute("SELECT uuid FROM submission")]
    points = set()
    for (blob,) in db.execute("SELECT geom FROM submission WHERE geom IS NOT NULL"):
        points |= point_strings(blob)
    organizations = {o for (o,) in db.execute("SELECT DISTINCT organization FROM submission WHERE organization IS NOT NULL")}
    assert uuids and points and organizations
    for dataset in ("needs", "submissions"):
        for ext in ("csv", "geojson", "csv.meta.json", "geojson.meta.json"):
            data = (demo / f"export-{dataset}.{ext}").read_bytes()
            for u in uuids:
                assert u.encode() not in data, f"a submission UUID is in export-{dataset}.{ext}"
            for p in points:
                assert p.encode() not in data, f"an exact point ({p}) is in export-{dataset}.{ext}"
            for o in organizations:
                assert o.encode() not in data, f"free text ({o}) is in export-{dataset}.{ext}"


def test_export_ids_change_at_every_export(demo, tmp_path):
    from conftest import territorio
    territorio("export", "submissions", "--db", demo / "territorio.sqlite", "--format", "csv", "--out", tmp_path / "again.csv")
    first = {r["export_id"] for r in rows(demo / "export-submissions.csv")}
    second = {r["export_id"] for r in rows(tmp_path / "again.csv")}
    assert first and not (first & second)
