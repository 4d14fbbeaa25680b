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
