"""PostGIS as GDAL and QGIS see it: `ogrinfo PG:…` lists territorio's layers with their geometry
types and SRID, and the counts match what `territorio info` says; the command line fills the
server (copy, ingest) and reports from it."""
import json
import pathlib
import subprocess
import urllib.parse
import uuid

from conftest import PG_BIN, ROOT, territorio


def fresh_database(server_url):
    """A new empty database on the server; returns (its URL, its ogr connection string)."""
    parsed = urllib.parse.urlparse(server_url)
    socket_dir = urllib.parse.parse_qs(parsed.query)["host"][0]
    name = "territorio_gdal_" + uuid.uuid4().hex
    subprocess.run([PG_BIN / "psql", "-h", socket_dir, "-U", parsed.username, "-d", parsed.path.lstrip("/"),
                    "-qAtc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    url = f"postgresql://{parsed.username}@/{name}?host={socket_dir}"
    return url, f"PG:host={socket_dir} user={parsed.username} dbname={name}"


def ogrinfo(*args):
    return subprocess.run(["ogrinfo", "-ro", "-so", *args], capture_output=True, text=True, check=True).stdout


def test_ogrinfo_lists_the_layers_of_a_filled_server(demo, postgres_server):
    url, pg = fresh_database(postgres_server)
    territorio("copy", "--from", demo / "territorio.sqlite", "--to", url)
    samples = [ROOT / "Surveys" / "samples" / n for n in ["kobo-user.csv", "odk-operator.csv", "paper-user.csv"]]
    territorio("ingest", "--db", url, *samples)
    info = json.loads(territorio("info", "--db", url, "--json").stdout)
    assert info["userSubmissions"] > 0 and info["operatorSubmissions"] > 0 and info["batches"] == 3

    listing = ogrinfo(pg)
    # Two geometry columns: the boundary and the representative point.
    assert "municipality (Multi Polygon, Point)" in listing
    assert "service (Point)" in listing
    assert "submission (Point)" in listing

    detail = ogrinfo(pg, "municipality")
    assert f"Feature Count: {info['municipalities']}" in detail
    assert 'ID["EPSG",4326]' in detail, "the SRID is the column's, as QGIS reads it"
    assert f"Feature Count: {info['services']}" in ogrinfo(pg, "service")


def test_reports_from_the_server_match_the_file(demo, postgres_server, tmp_path):
    """The same territory, directory and surveys on both backends give the same report rows
    (the metadata's sources differ: copy logs itself as the server's import)."""
    url, _ = fresh_database(postgres_server)
    local = tmp_path / "local.sqlite"
    territorio("copy", "--from", demo / "territorio.sqlite", "--to", local)
    territorio("copy", "--from", demo / "territorio.sqlite", "--to", url)
    samples = [ROOT / "Surveys" / "samples" / n for n in ["kobo-user.csv", "odk-operator.csv", "paper-user.csv"]]
    for db in [local, url]:
        territorio("ingest", "--db", db, *samples)
    csv_local = territorio("report", "gaps", "--db", local, "--format", "csv").stdout
    csv_server = territorio("report", "gaps", "--db", url, "--format", "csv").stdout
    assert csv_local.count("\n") > 5
    assert csv_local == csv_server
    summary = territorio("report", "summary", "--db", url, "--format", "json").stdout
    assert json.loads(summary)
