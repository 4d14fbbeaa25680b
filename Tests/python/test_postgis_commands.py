"""The command line on PostGIS: `demo --db postgresql://…` loads the demo into an empty server
database, and the commands that were SpatiaLite-only (round list, export, map, poster, survey,
report changes, doctor) give the same files from the server as from the demo's file; backup and
restore say to use the server's own tools."""
import pathlib

from conftest import ROOT, territorio
from test_postgis_gdal import fresh_database


def outputs(db, out: pathlib.Path):
    """The files the commands write from `db`, by name."""
    out.mkdir()
    territorio("map", "gaps", "--category", "food", "--db", db, "--out", out / "food.svg")
    territorio("map", "services", "--db", db, "--lang", "ar", "--out", out / "services.svg")
    territorio("poster", "--db", db, "--lang", "fr", "--out", out / "poster")
    for dataset, fmt in [("municipalities", "geojson"), ("services", "csv"), ("needs", "csv")]:
        territorio("export", dataset, "--db", db, "--format", fmt, "--out", out / f"{dataset}.{fmt}")
    territorio("export", "services", "--db", db, "--format", "hsds", "--out", out / "hsds")
    territorio("survey", "template", "--form", "operator", "--db", db, "--out", out / "operator.csv")
    territorio("report", "changes", "--from", "2026-estate", "--to", "2026-autunno", "--format", "csv",
               "--db", db, "--out", out / "changes.csv")
    (out / "rounds.txt").write_text(territorio("round", "list", "--db", db).stdout)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.endswith(".meta.json")}


def test_commands_give_the_same_files_from_the_server(postgres_server, tmp_path):
    url, _ = fresh_database(postgres_server)
    loaded = territorio("demo", "--out", tmp_path / "demo", "--geodata", ROOT / "GeoData", "--no-png", "--db", url)
    assert "239 submissions" in loaded.stderr + loaded.stdout
    from_file = outputs(tmp_path / "demo" / "territorio.sqlite", tmp_path / "file")
    from_server = outputs(url, tmp_path / "server")
    assert len(from_file) >= 12 and b"2026-estate" in from_file["rounds.txt"]
    assert from_file.keys() == from_server.keys()
    assert [name for name in from_file if from_file[name] != from_server[name]] == []

    # The demo goes into an empty database only, and says so before writing anything.
    again = territorio("demo", "--out", tmp_path / "again", "--no-png", "--db", url, check=False)
    assert again.returncode == 65 and "createdb" in again.stderr
    assert not (tmp_path / "again").exists()


def test_doctor_backup_and_restore_on_the_server(postgres_server, tmp_path):
    url, _ = fresh_database(postgres_server)
    territorio("demo", "--out", tmp_path / "demo", "--geodata", ROOT / "GeoData", "--no-png", "--db", url)
    doctor = territorio("doctor", "--db", url)
    assert "PostGIS 3" in doctor.stdout and "239 submissions" in doctor.stdout
    assert "spatial index submission.geom" in doctor.stdout and "Verdict: healthy." in doctor.stdout
    backup = territorio("backup", "--db", url, "--out", tmp_path / "b.sqlite", check=False)
    assert backup.returncode == 65 and "pg_dump" in backup.stderr and not (tmp_path / "b.sqlite").exists()
    restore = territorio("restore", tmp_path / "demo" / "territorio.sqlite", "--db", url, check=False)
    assert restore.returncode == 65 and "pg_restore" in restore.stderr
