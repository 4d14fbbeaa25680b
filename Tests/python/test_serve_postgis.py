"""`territorio serve` and `territorio user` on a PostGIS server: accounts made on the command line
sign in over HTTP, roles are checked on the server, sign-ins reach the audit log, and the pages
computed from the whole database (map, poster, OGC gap layer, exports) are the same bytes as
served from the SpatiaLite file the server's data were copied from."""
import http.cookiejar
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request

from conftest import BINARY, ROOT, served, territorio
from test_postgis_gdal import fresh_database


def sign_in(base, name, password):
    """Signs in as `name`; returns an opener holding the session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/signin", timeout=10).read().decode()
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
    body = urllib.parse.urlencode({"csrf": token, "name": name, "password": password}).encode()
    opener.open(urllib.request.Request(base + "/signin", data=body, method="POST"), timeout=10).read()
    return opener


def status(opener, url):
    try:
        return opener.open(url, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


# Pages computed from the whole database; none holds a session token or a clock time.
PUBLISHED = ["/map/gaps.svg?lang=en", "/map/gaps.svg?lang=ar&download=1", "/map/data.json?lang=it",
             "/map/report.csv", "/poster?lang=it", "/poster?lang=ar", "/ogc/collections/gaps/items?limit=100",
             "/exports/needs.csv"]


def add_admin(db):
    """Adds the admin `anna` to `db` (a file path or a server URL)."""
    admin = subprocess.run([str(BINARY), "user", "add", "--db", str(db), "--org", "CSP", "--role", "admin",
                            "--name", "anna", "--password-stdin"], input="a long admin password\n",
                           capture_output=True, text=True)
    assert admin.returncode == 0, admin.stderr


def published(db):
    """The PUBLISHED pages served from `db`, read by its admin."""
    with served(db, "--public-url", "https://territorio.example.org") as base:
        anna = sign_in(base, "anna", "a long admin password")
        return {page: anna.open(base + page, timeout=60).read() for page in PUBLISHED}


def test_published_pages_are_the_same_on_both_backends(postgres_server, tmp_path):
    url, _ = fresh_database(postgres_server)
    # The demo, survey answers included, into the server and into its own file.
    territorio("demo", "--out", tmp_path / "demo", "--geodata", ROOT / "GeoData", "--no-png", "--db", url)
    local = tmp_path / "demo" / "territorio.sqlite"
    add_admin(local)
    add_admin(url)
    expected, served_from_postgis = published(local), published(url)
    assert b"<svg" in expected["/map/gaps.svg?lang=en"] and b"006" in expected["/exports/needs.csv"]
    for page in PUBLISHED:
        assert served_from_postgis[page] == expected[page], page


def test_serve_and_user_on_a_postgis_server(demo, postgres_server):
    url, _ = fresh_database(postgres_server)
    territorio("copy", "--from", demo / "territorio.sqlite", "--to", url)
    result = territorio("user", "add", "--db", url, "--org", "Caritas", "--role", "operator", "--name", "marta")
    password = re.search(r"Password \(shown once, keep it safe\): (\S+)", result.stdout).group(1)
    admin = subprocess.run([str(BINARY), "user", "add", "--db", url, "--org", "CSP", "--role", "admin",
                            "--name", "anna", "--password-stdin"], input="a long admin password\n",
                           capture_output=True, text=True)
    assert admin.returncode == 0, admin.stderr
    again = territorio("user", "add", "--db", url, "--org", "CSP", "--role", "admin", "--name", "anna", check=False)
    assert again.returncode != 0 and "already exists" in again.stderr
    with served(url) as base:
        marta = sign_in(base, "marta", password)
        page = marta.open(base + "/services", timeout=10).read().decode()
        assert "marta" in page and "/edit" in page
        assert status(marta, base + "/audit") == 403, "operators do not read the audit log"
        try:
            sign_in(base, "marta", "not the password")
            raise AssertionError("a wrong password signed in")
        except urllib.error.HTTPError as error:
            assert error.code == 401
        anna = sign_in(base, "anna", "a long admin password")
        audit = anna.open(base + "/audit", timeout=10).read().decode()
        assert "session.sign-in" in audit and "marta" in audit and "account.add" in audit
        assert status(anna, base + "/map?lang=en") == 200
