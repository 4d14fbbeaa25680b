"""Shared fixtures: the built territorio binary and a demo folder built once per session."""
import contextlib
import os
import pathlib
import socket
import subprocess
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("TERRITORIO_BIN", ROOT / ".build" / "debug" / "territorio"))


def territorio(*args, check=True):
    """Runs the command-line tool and returns the completed process."""
    assert BINARY.exists(), f"build the tool first (swift build): {BINARY}"
    result = subprocess.run([str(BINARY), *map(str, args)], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"territorio {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo's outputs, plus every researcher export (as the README's commands write them)."""
    out = tmp_path_factory.mktemp("demo")
    territorio("demo", "--out", out, "--geodata", ROOT / "GeoData", "--no-png")
    db = out / "territorio.sqlite"
    for dataset in ["municipalities", "services", "needs", "submissions"]:
        for fmt in ["geojson", "csv"]:
            territorio("export", dataset, "--db", db, "--format", fmt, "--out", out / f"export-{dataset}.{fmt}")
    territorio("export", "submissions", "--db", db, "--format", "csv", "--out", out / "submissions.csv")
    return out


PG_BIN = pathlib.Path("/usr/lib/postgresql/15/bin")


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL/PostGIS server URL: TERRITORIO_TEST_POSTGRES (make test starts one), else a
    throwaway one started here with scripts/postgres.sh and stopped afterwards. Skipped when
    PostgreSQL 15 is not installed, except under CI (CI=true), where that fails."""
    url = os.environ.get("TERRITORIO_TEST_POSTGRES", "")
    if url:
        yield url
        return
    if not (PG_BIN / "postgres").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but PostgreSQL 15 is not installed: the PostGIS checks cannot run")
        pytest.skip("PostgreSQL 15 is not installed (scripts/bootstrap.sh installs it)")
    script = ROOT / "scripts" / "postgres.sh"
    url = subprocess.run([script, "start"], capture_output=True, text=True, check=True).stdout.strip()
    try:
        yield url
    finally:
        subprocess.run([script, "stop", url], capture_output=True, text=True)


@contextlib.contextmanager
def served(db, *options):
    """`territorio serve` on `db` (with `options`) on a free loopback port, stopped afterwards;
    yields its base URL once the public page answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([str(BINARY), "serve", "--db", str(db), "--port", str(port), *map(str, options)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
