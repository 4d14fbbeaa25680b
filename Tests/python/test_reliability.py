"""Reliability the suite proves: imports killed with SIGKILL at random moments leave a sound
database with every batch whole or absent; concurrent ingests and readers lose and double
nothing; a backup taken during an ingest restores to a healthy database.

Short by default (for `make test`); TERRITORIO_CRASH_RUNS=40 runs the long version."""
import contextlib
import csv
import io
import os
import pathlib
import random
import signal
import sqlite3
import subprocess
import time
import uuid

import pytest

from conftest import BINARY, ROOT, territorio

RUNS = int(os.environ.get("TERRITORIO_CRASH_RUNS", "4"))
SHARED = pathlib.Path(os.environ.get("TERRITORIO_SHARED_DATA", ROOT.parent / "shared" / "data"))
KOBO = ROOT / "Surveys" / "samples" / "kobo-user.csv"


def kobo_export(path, copies, seed):
    """The Kobo sample, each row repeated `copies` times under fresh instance ids."""
    text = KOBO.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], rows[1:]
    ids = [i for i, name in enumerate(header) if name in ("_uuid", "meta/instanceID", "_id")]
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    serial = 0
    for _ in range(copies):
        for row in body:
            row = list(row)
            new = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            serial += 1
            for i in ids:
                if header[i] == "_id":
                    row[i] = str(seed * 10_000_000 + serial)
                elif row[i].startswith("uuid:"):
                    row[i] = "uuid:" + new
                else:
                    row[i] = new
            writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path, copies * len(body)


def services_file(path, copies):
    """The demo directory repeated under new ids: a long import to interrupt."""
    rows = list(csv.DictReader((ROOT / "GeoData" / "services.csv").open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        for i in range(copies):
            for row in rows:
                writer.writerow(dict(row, id=f"{row['id']}-{i}"))
    return path, copies * len(rows)


@pytest.fixture()
def database(tmp_path):
    territorio("demo", "--out", tmp_path / "demo", "--no-png")
    return tmp_path / "demo" / "territorio.sqlite"


def query(db, sql):
    """Reads with a connection of its own, closed at once (an open reader would keep WAL files)."""
    with contextlib.closing(sqlite3.connect(db)) as c:
        return c.execute(sql).fetchall()


def integrity(db):
    return query(db, "PRAGMA integrity_check") == [("ok",)]


def batches(db):
    """batch id → (accepted as recorded, submissions stored under it)."""
    rows = query(db, """SELECT b.id, b.accepted, (SELECT count(*) FROM submission s WHERE s.batch_id = b.id)
                        FROM batch b""")
    return {r[0]: (r[1], r[2]) for r in rows}


def run_and_kill(arguments, delay):
    process = subprocess.Popen([str(BINARY), *map(str, arguments)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return process.returncode == -signal.SIGKILL


def timed(arguments):
    started = time.monotonic()
    result = territorio(*arguments, check=False)
    return time.monotonic() - started, result


def test_killed_ingests_leave_every_batch_whole_or_absent(tmp_path, database):
    rng = random.Random(2026)
    probe, _ = kobo_export(tmp_path / "probe.csv", 30, seed=1)
    full, result = timed(["ingest", probe, "--db", database])
    assert result.returncode == 0, result.stderr
    killed = 0
    for run in range(RUNS):
        export, rows = kobo_export(tmp_path / f"run-{run}.csv", 30, seed=100 + run)
        before = batches(database)
        killed += run_and_kill(["ingest", export, "--db", database], rng.uniform(0.05, 0.95) * full)
        assert integrity(database), f"run {run}: integrity check failed"
        after = batches(database)
        assert {b: after[b] for b in before} == before, f"run {run}: an earlier batch changed"
        new = set(after) - set(before)
        assert len(new) <= 1
        for b in new:
            assert after[b] == (rows, rows), f"run {run}: batch {b} is partial: {after[b]}"
        orphans = query(database, "SELECT count(*) FROM submission WHERE batch_id NOT IN (SELECT id FROM batch)")
        assert orphans == [(0,)]
    assert killed > 0, "no ingest was interrupted: the kill times are too late"
    export, rows = kobo_export(tmp_path / "after.csv", 2, seed=999)
    result = territorio("ingest", export, "--db", database, check=False)
    assert result.returncode == 0, result.stderr
    assert territorio("doctor", "--db", database, check=False).returncode == 0


def test_killed_service_imports_change_all_or_nothing(tmp_path, database):
    rng = random.Random(5)
    big, count = services_file(tmp_path / "services.csv", 400)
    before = query(database, "SELECT count(*) FROM service")[0][0]
    probe_db = tmp_path / "probe.sqlite"
    probe_db.write_bytes(database.read_bytes())
    full, result = timed(["import", "services", big, "--db", probe_db])
    assert result.returncode == 0, result.stderr
    for run in range(RUNS):
        run_and_kill(["import", "services", big, "--db", database], rng.uniform(0.05, 0.95) * full)
        assert integrity(database)
        now = query(database, "SELECT count(*) FROM service")[0][0]
        assert now in (before, before + count), f"run {run}: {now} services, a partial import"
        links = query(database, "SELECT count(*) FROM service_category WHERE service_id NOT IN (SELECT id FROM service)")
        assert links == [(0,)]
    assert territorio("import", "services", big, "--db", database, check=False).returncode == 0
    assert query(database, "SELECT count(*) FROM service")[0][0] == before + count


@pytest.mark.skipif(not SHARED.exists() and os.environ.get("CI") != "true",
                    reason="needs ../shared/data (CI=true makes this a failure)")
def test_killed_boundary_imports_change_all_or_nothing(tmp_path, database):
    italy = SHARED / "istat" / "municipalities-italy.geojson"
    rng = random.Random(11)
    full = 6.0  # a debug build takes about this long on the whole of Italy
    for run in range(max(2, RUNS // 2)):
        run_and_kill(["import", "boundaries", italy, "--db", database], rng.uniform(0.1, 0.9) * full)
        assert integrity(database)
        count = query(database, "SELECT count(*) FROM municipality")[0][0]
        assert count in (29, 7899), f"run {run}: {count} municipalities, a partial import"
    assert territorio("doctor", "--db", database, check=False).returncode == 0


def test_concurrent_ingests_and_readers_lose_and_double_nothing(tmp_path, database):
    exports = [kobo_export(tmp_path / f"c-{i}.csv", 12, seed=500 + i) for i in range(4)]
    before = query(database, "SELECT count(*) FROM submission")[0][0]
    writers = [subprocess.Popen([str(BINARY), "ingest", str(path), "--db", str(database)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for path, _ in exports]
    readers = []
    for i in range(3):
        readers.append(subprocess.Popen([str(BINARY), "report", "gaps", "--db", str(database),
                                         "--out", str(tmp_path / f"gaps-{i}.geojson")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
        readers.append(subprocess.Popen([str(BINARY), "export", "needs", "--db", str(database), "--format", "csv",
                                         "--out", str(tmp_path / f"needs-{i}.csv")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
    for process in writers + readers:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "locked" not in err and "busy" not in err, err
    after = query(database, "SELECT count(*) FROM submission")[0][0]
    assert after == before + sum(rows for _, rows in exports)
    assert query(database, "SELECT count(*), count(DISTINCT uuid) FROM submission")[0] == (after, after)
    assert integrity(database)


def test_a_backup_taken_during_an_ingest_restores_to_a_healthy_database(tmp_path, database):
    export, rows = kobo_export(tmp_path / "long.csv", 60, seed=77)
    ingest = subprocess.Popen([str(BINARY), "ingest", str(export), "--db", str(database)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    backup = tmp_path / "backup.sqlite"
    result = territorio("backup", "--db", database, "--out", backup, check=False)
    _, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err
    assert result.returncode == 0, result.stderr
    restored = tmp_path / "restored.sqlite"
    result = territorio("restore", backup, "--db", restored, check=False)
    assert result.returncode == 0, result.stderr
    assert territorio("doctor", "--db", restored, check=False).returncode == 0
    for accepted, stored in batches(restored).values():
        assert accepted == stored, "the backup holds a partial batch"
    refused = territorio("restore", backup, "--db", restored, check=False)
    assert refused.returncode != 0 and "--force" in refused.stderr
