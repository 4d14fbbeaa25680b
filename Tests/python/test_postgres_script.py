"""scripts/postgres.sh: a throwaway PostgreSQL + PostGIS on a Unix socket, quiet, stopped cleanly."""
import pathlib
import subprocess
import urllib.parse

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "postgres.sh"
PSQL = pathlib.Path("/usr/lib/postgresql/15/bin/psql")


@pytest.mark.skipif(not PSQL.exists(), reason="PostgreSQL 15 is not installed (scripts/bootstrap.sh installs it)")
def test_start_prints_only_the_url_and_stop_removes_everything():
    started = subprocess.run([SCRIPT, "start"], capture_output=True, text=True, check=True)
    url = started.stdout.strip()
    assert started.stderr == "" and len(started.stdout.splitlines()) == 1
    parsed = urllib.parse.urlparse(url)
    socket_dir = urllib.parse.parse_qs(parsed.query)["host"][0]
    try:
        assert parsed.scheme == "postgresql" and parsed.username == "territorio" and parsed.path == "/territorio"
        assert not parsed.hostname, "socket only: no TCP host in the URL"
        query = "SELECT postgis_lib_version(), current_setting('listen_addresses')"
        out = subprocess.run([PSQL, "-h", socket_dir, "-U", "territorio", "-d", "territorio", "-Atc", query],
                             capture_output=True, text=True, check=True).stdout.strip()
        version, listen = out.split("|")
        assert version.startswith("3.") and listen == ""
    finally:
        stopped = subprocess.run([SCRIPT, "stop", url], capture_output=True, text=True)
    assert stopped.returncode == 0 and stopped.stdout == "" and stopped.stderr == ""
    assert not pathlib.Path(socket_dir).exists()
