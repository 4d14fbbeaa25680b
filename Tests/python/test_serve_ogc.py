"""GDAL as the real client of `territorio serve`'s OGC API – Features: ogrinfo lists the
collections, and ogr2ogr downloads the gaps layer with the same values as `territorio report gaps`."""
import json
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import BINARY, served, territorio

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A demo database served on a free loopback port; stopped after the module's tests."""
    assert shutil.which("ogrinfo"), "ogrinfo (gdal-bin) is not installed: run scripts/bootstrap.sh"
    out = tmp_path_factory.mktemp("serve")
    territorio("demo", "--out", out, "--no-png")
    db = out / "territorio.sqlite"
    with served(db) as base:
        yield base, db, out


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


def test_user_add_then_sign_in_on_the_real_server(server):
    """`territorio user add` prints a generated password once; it signs in through HTTP, and the
    session cookie is HttpOnly and SameSite=Strict."""
    import http.cookiejar
    import re
    base, db, _ = server
    result = territorio("user", "add", "--db", db, "--org", "Caritas", "--role", "operator", "--name", "marta")
    password = re.search(r"Password \(shown once, keep it safe\): (\S+)", result.stdout).group(1)
    assert len(password) >= 12
    short = subprocess.run([str(BINARY), "user", "add", "--db", str(db), "--org", "CSP", "--role", "admin",
                            "--name", "x", "--password-stdin"], input="short\n", capture_output=True, text=True)
    assert short.returncode == 64 and "at least 12" in short.stderr
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/signin", timeout=10).read().decode()
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
    body = urllib.parse.urlencode({"csrf": token, "name": "marta", "password": password}).encode()
    request = urllib.request.Request(base + "/signin", data=body, method="POST")
    raw = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar))
    try:
        raw.open(request, timeout=10)
        raise AssertionError("sign-in did not redirect")
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 303 and redirect.headers["Location"] == "/services"
        cookie = [c for c in redirect.headers.get_all("Set-Cookie") if c.startswith("territorio_session=")][0]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = opener.open(base + "/services", timeout=10).read().decode()
    assert "marta" in page and "/edit" in page


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
