"""GDAL as the real client of `territorio serve`'s OGC API – Features: ogrinfo lists the
collections, and ogr2ogr downloads the gaps layer with the same values as `territorio report gaps`."""
import json
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import BINARY, territorio

pytestmark = pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo is not installed")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A demo database served on a free loopback port; stopped after the module's tests."""
    out = tmp_path_factory.mktemp("serve")
    territorio("demo", "--out", out, "--no-png")
    db = out / "territorio.sqlite"
    port = free_port()
    process = subprocess.Popen([str(BINARY), "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/ogc", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode())
                time.sleep(0.1)
        yield base, db, out
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_ogrinfo_lists_the_three_collections(server):
    base, _, _ = server
    result = subprocess.run(["ogrinfo", "-ro", "-so", f"OAPIF:{base}/ogc"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    for name in ["municipalities", "services", "gaps"]:
        assert f": {name}" in result.stdout, result.stdout
    assert "submissions" not in result.stdout


def test_ogr2ogr_gaps_match_the_report(server):
    base, db, out = server
    downloaded = out / "gaps-oapif.geojson"
    result = subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(downloaded), f"OAPIF:{base}/ogc", "gaps"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    served = {f["properties"]["istat_code"]: f["properties"]
              for f in json.loads(downloaded.read_text())["features"]}
    report = json.loads(territorio("report", "gaps", "--db", db, "--no-timestamp").stdout)
    expected = {f["properties"]["istat_code"]: f["properties"] for f in report["features"]}
    assert served.keys() == expected.keys() and len(served) > 5
    compared = 0
    for code, properties in expected.items():
        for key in ["population", "food_services_local", "food_user_reports", "food_access",
                    "food_user_reports_suppressed", "food_gap_level", "housing_nearest_cost"]:
            if key not in properties:
                continue
            want, got = properties[key], served[code].get(key)
            if isinstance(want, float):
                assert got == pytest.approx(want, rel=1e-9), (code, key)
            else:
                assert got == want, (code, key)
            compared += 1
    assert compared >= 5 * len(expected)


def test_items_page_with_next_link(server):
    base, _, _ = server
    with urllib.request.urlopen(base + "/ogc/collections/municipalities/items?limit=2", timeout=10) as response:
        assert response.headers["Content-Type"] == "application/geo+json"
        page = json.loads(response.read())
    assert page["numberReturned"] == 2 and page["numberMatched"] > 2
    assert any(link["rel"] == "next" for link in page["links"])
